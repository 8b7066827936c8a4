"""Narrative prose: the sentences officers and detectives write, with every value tagged."""

from __future__ import annotations

import random
import string
from collections.abc import Sequence

from . import pools as P
from .case import RACE_CODES, Case, Officer, Person, Val, race_of

Seg = str | Val
Para = list[Seg]


def fmt(template: str, **kw: Seg | Sequence[Seg] | None) -> Para:
    """Fill `{name}` fields with plain text, a value, or a list of segments."""
    out: Para = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        if literal:
            out.append(literal)
        if name is None:
            continue
        item = kw[name]
        if item is None:
            continue
        if isinstance(item, str | Val):
            out.append(item)
        else:
            out.extend(item)
    return out


def join(parts: Sequence[Sequence[Seg]], sep: str = " ") -> Para:
    out: Para = []
    for i, part in enumerate(parts):
        if i and part:
            out.append(sep)
        out.extend(part)
    return out


def cap(segs: Para) -> Para:
    """Capitalise the first letter of a sentence that starts with plain text."""
    if segs and isinstance(segs[0], str) and segs[0]:
        return [segs[0][0].upper() + segs[0][1:], *segs[1:]]
    return segs


def upper(segs: Sequence[Seg]) -> Para:
    """ALL-CAPS prose, as many sheriff's and suburban reports are typed."""
    return [
        Val(s.category, s.role, s.text.upper()) if isinstance(s, Val) else s.upper() for s in segs
    ]


STAR_STYLES = (" #{s}", " (Star #{s})", " Star No. {s}", " (#{s})", " Star {s}", " #{s}")


class Narr:
    """Chooses how people are referred to, consistently within one document."""

    def __init__(self, case: Case, rng: random.Random) -> None:
        self.c = case
        self.rng = rng
        self.star_style = rng.choice(STAR_STYLES)
        self.off_form = rng.choice(("full", "initial", "initial_mixed", "full"))
        self.arr_full_form = rng.choice(
            ("LAST, First", "LAST, FIRST", "First Last", "LAST, First1")
        )
        self.arr_refs = rng.sample(("mr", "last", "LAST", "last1", "the", "mr"), k=4)
        self.ref_i = 0
        self.mentioned: set[int] = set()
        self.minor = "juvenile arrestee" if case.juvenile else "arrestee"

    # ----- officers ------------------------------------------------------------------------
    def officer(self, o: Officer, form: str | None = None, *, star: bool = True) -> Para:
        name = self.c.officer_name(o, form or self.off_form)
        out: Para = [f"{o.rank} ", name]
        if star:
            before, after = self.star_style.split("{s}")
            out += [before, self.c.star(o), after]
        return out

    # ----- civilians -------------------------------------------------------------------------
    def arr_full(self, form: str | None = None) -> Para:
        return [self.c.name(self.c.arrestee, form or self.arr_full_form)]

    def arr(self) -> Para:
        """A later reference to the arrestee: Mr. X, X, X (caps), the arrestee."""
        p = self.c.arrestee
        if id(p) not in self.mentioned:
            self.mentioned.add(id(p))
            return self.arr_full()
        kind = self.arr_refs[self.ref_i % len(self.arr_refs)]
        self.ref_i += 1
        if kind == "mr":
            return [f"{p.honorific} ", self.c.name(p, "Last")]
        if kind == "last":
            return [self.c.name(p, "Last")]
        if kind == "LAST":
            return [self.c.name(p, "LAST")]
        if kind == "last1":
            return [self.c.name(p, "Last1")]
        return [f"the {self.minor}"]

    def arr_poss(self) -> Para:
        p = self.c.arrestee
        if self.rng.random() < 0.6:
            return [self.c.name(p, self.rng.choice(("Last", "LAST"))), "'s"]
        return [f"the {self.minor}'s"]

    def who(self, p: Person) -> Para:
        """First mention full, later 'Ms. Last'."""
        if id(p) not in self.mentioned:
            self.mentioned.add(id(p))
            return [self.c.name(p, self.rng.choice(("First Last", "First LAST", "LAST, First")))]
        return [f"{p.honorific} ", self.c.name(p, "Last")]

    def phone(self, p: Person, which: int = 0) -> Val:
        return self.c.phone(p, which)

    # ----- sections ---------------------------------------------------------------------------
    def incident(self) -> list[Para]:
        c, rng = self.c, self.rng
        o1, o2 = c.officers[0], c.officers[1]
        when = fmt(
            "On {d} at approximately {t}, R/Os {o1} and {o2}",
            d=c.arrest_date(narrative=True),
            t=c.time(),
            o1=self.officer(o1),
            o2=self.officer(o2),
        )
        if rng.random() < 0.3:
            when = fmt(
                "R/Os {o1} and {o2}, on {d} at about {t},",
                d=c.arrest_date(narrative=True),
                t=c.time(),
                o1=self.officer(o1),
                o2=self.officer(o2),
            )
        loc = [c.location()]
        v = c.victims[0] if c.victims else None
        w = c.witnesses[0] if c.witnesses else None
        kind = c.kind
        body: list[Para] = []
        if kind == "traffic" and c.vehicle is not None:
            veh = c.vehicle
            body.append(
                fmt(
                    "{w} curbed a {col} {car} bearing Illinois registration {plate} in the "
                    "vicinity of {loc} for {why}.",
                    w=when,
                    col=veh.color,
                    car=veh.description,
                    plate=Val("VEHICLE_PLATE", "arrestee", veh.plate),
                    loc=loc,
                    why=rng.choice(
                        ("disobeying a stop sign", "speeding", "an inoperable headlight")
                    ),
                )
            )
            body.append(
                fmt(
                    "The driver, later identified as {a}, {what}.",
                    a=self.arr(),
                    what=rng.choice(
                        (
                            "had a strong odor of an alcoholic beverage on his breath",
                            "was unable to produce a valid driver's license",
                            "failed the standardized field sobriety tests",
                        )
                    ),
                )
            )
            body.append(
                fmt("The vehicle (VIN {vin}) was towed to Pound {n}.", vin=self._vin(), n="2")
            )
        else:
            opening = {
                "domestic": "responded to a call of a domestic disturbance in the vicinity of",
                "battery": "responded to a report of a fight in progress at",
                "theft": "responded to a call of a theft from a retail store at",
                "weapon": "conducted a street stop of a person matching a flash description at",
                "narcotics": "were conducting a narcotics surveillance mission near",
                "fraud": "were called to a currency exchange at",
                "trespass": "responded to a call of a disturbance at",
                "traffic": "responded to a traffic crash at",
            }[kind]
            body.append(fmt("{w} {o} {loc}.", w=when, o=opening, loc=loc))
            if v is not None and kind in ("domestic", "battery", "theft", "trespass", "traffic"):
                if kind == "domestic":
                    body.append(
                        fmt(
                            "The victim, {v} ({rel} of the {m}), related that {a} struck {vh} "
                            "in the face with a closed fist during a verbal altercation.",
                            v=self.who(v),
                            vh=v.him,
                            rel=v.relationship or "partner",
                            m=self.minor,
                            a=self.arr(),
                        )
                    )
                else:
                    body.append(
                        fmt(
                            "Victim {v} related that {a} {act}.",
                            v=self.who(v),
                            a=self.arr(),
                            act=rng.choice(
                                (
                                    "punched the victim several times about the head",
                                    "pushed the victim to the ground and took a cellular phone",
                                    "threatened the victim and damaged the victim's vehicle",
                                )
                            ),
                        )
                    )
                body.append(
                    fmt(
                        "R/Os observed {inj}.",
                        inj=rng.choice(
                            (
                                "redness and swelling to the victim's left cheek",
                                "a laceration above the victim's right eye",
                                "no visible injuries",
                            )
                        ),
                    )
                )
            elif kind == "weapon":
                body.append(
                    fmt(
                        "R/Os observed the handle of a handgun protruding from {p} waistband. "
                        "{a} did not possess a valid FOID card or CCL.",
                        p=self.arr_poss(),
                        a=cap(self.arr()),
                    )
                )
            elif kind == "narcotics":
                body.append(
                    fmt(
                        "R/Os observed {a} engage in two hand-to-hand transactions and recovered "
                        "a knotted bag containing suspect crack cocaine from {his} jacket.",
                        a=self.arr(),
                        his=c.arrestee.his,
                    )
                )
            elif kind == "fraud":
                alias = next((a for a in c.arrestee.aliases if " " in a), None)
                if alias:
                    body.append(
                        fmt(
                            "{a} presented an Illinois identification card bearing the name {al}, "
                            "which was determined to be fraudulent.",
                            a=cap(self.arr()),
                            al=Val("ALIAS", "arrestee", alias),
                        )
                    )
                else:
                    body.append(
                        fmt(
                            "{a} attempted to cash a check using an altered identification card.",
                            a=cap(self.arr()),
                        )
                    )
            else:
                body.append(
                    fmt(
                        "{a} refused to leave the premises after being told to do so by the "
                        "manager and became combative with R/Os.",
                        a=cap(self.arr()),
                    )
                )
            if c.vehicle is not None:
                veh = c.vehicle
                body.append(
                    fmt(
                        "{a} was the driver of a {col} {car} (IL plate {plate}, VIN {vin}).",
                        a=cap(self.arr()),
                        col=veh.color,
                        car=veh.description,
                        plate=Val("VEHICLE_PLATE", "arrestee", veh.plate),
                        vin=self._vin(),
                    )
                )
        if w is not None:
            t = rng.choice(("Witness", "Independent witness", "An independent witness,"))
            said = rng.choice(
                (
                    f"stated that {w.he} heard screaming and called 911",
                    "corroborated the victim's account" if v else "flagged down R/Os",
                    "positively identified the offender at the scene",
                )
            )
            body.append(
                fmt(
                    "{t} {w}{comma} {said}.",
                    t=t,
                    w=self.who(w),
                    comma="," if t.endswith(",") else "",
                    said=said,
                )
            )
        if v is not None and rng.random() < 0.6:
            body.append(
                fmt(
                    "{v} {did}.",
                    v=self.who(v),
                    did=rng.choice(
                        (
                            "declined medical attention",
                            "was transported to Mount Sinai Hospital in good condition",
                            "signed a complaint",
                            "was given a victim information notice",
                        )
                    ),
                )
            )
        for v2 in c.victims[1:]:
            body.append(fmt("A second victim, {v}, gave a consistent account.", v=self.who(v2)))
        return [join(body)]

    def _a_number_sentence(self) -> Para:
        """The A-number in running text, in the document's A-number form (`Style.a_prose`)."""
        c, p = self.c, self.c.arrestee
        key = c.style.a_prose
        template = {
            "A212345678": "An ICE detainer lists {his} A-number as {a}.",
            "A# 212-345-678": "Paperwork in {his} possession bore {a}.",
            "A-Number: 212345678": "A DHS records check returned {his} file ({a}).",
            "alien registration no. A 212 345 678": "{He} provided {a}.",
            "A 212 345 678": "A Notice to Appear found in {his} wallet bears the number {a}.",
            "A-212-345-678": "{He} provided {his} A-number, {a}.",
        }[key]
        return fmt(template, He=p.he.capitalize(), his=p.his, a=c.a_number_prose())

    def _vin(self) -> Val:
        assert self.c.vehicle is not None
        return Val("VIN", "arrestee", self.c.vehicle.vin)

    def custody(self) -> list[Para]:
        c, rng, p = self.c, self.rng, self.c.arrestee
        age_forms = ("({a} years old)", "age {a}", "({a} y/o)", ", a {a}-year-old")
        age_t = rng.choice(age_forms)
        parts: list[Para] = [
            fmt(
                "{n}, {sex}/{race}, DOB {dob}"
                + ("" if age_t.startswith(",") else " ")
                + age_t.replace("{a}", "{age}")
                + ",",
                n=[c.name(p, self.rng.choice(("LAST, First", "LAST, FIRST")))],
                sex=p.sex,
                race=RACE_CODES[race_of(p)],
                dob=c.dob(p, narrative=True),
                age=c.age(p),
            )
        ]
        if p.address:
            parts.append(fmt("of {a}", a=[c.address(p)]))
        if p.phone:
            parts[-1] = parts[-1] + [","]
            parts.append(fmt("telephone {ph}.", ph=[c.phone(p)]))
        else:
            parts[-1] = parts[-1] + ["."]
        if p.email:
            parts.append(fmt("E-mail: {e}.", e=Val("EMAIL", "arrestee", p.email)))
        if c.license:
            label = {
                "DL": "IL DL no.",
                "TVDL": "IL TVDL no.",
                "ID": "IL State ID no.",
                "FLA": "IL DL no.",
            }[c.license_kind]
            marking = ' (marked "Federal Limits Apply")' if c.license_kind == "FLA" else ""
            parts.append(fmt("{l} {n}{m}.", l=label, n=c.license_val(), m=marking))
        if c.ssn:
            parts.append(fmt("SSN {s}.", s=Val("SSN", "arrestee", _ssn(c, narrative=True))))
        ids: list[Para] = []
        if c.ir:
            ids.append(fmt("IR no. {v}", v=Val("IR_NUMBER", "arrestee", c.ir)))
        if c.fbi:
            ids.append(fmt("FBI no. {v}", v=Val("FBI_NUMBER", "arrestee", c.fbi)))
        if c.sid:
            ids.append(fmt("SID {v}", v=Val("SID", "arrestee", c.sid)))
        if ids:
            parts.append([*join(ids, ", "), "."])
        if p.aliases:
            aka = [[Val("ALIAS", "arrestee", a)] for a in p.aliases]
            quoted = join([['"', *a, '"'] for a in aka], " and ")
            parts.append(["Also known as ", *quoted, "."])
        if p.tattoos and rng.random() < 0.5:
            parts.append(
                ["Scars/marks/tattoos: ", *join([[_tat(t)] for t in p.tattoos], "; "), "."]
            )
        elif p.tattoos:
            marks = [[c.tattoo_prose(p, i)] for i in range(len(p.tattoos))]
            parts.append([p.he.capitalize(), " has a ", *join(marks, " and a "), "."])
        return [join(parts)]

    def interview(self) -> list[Para]:
        c, rng, p = self.c, self.rng, self.c.arrestee
        paras: list[Para] = []
        first: list[Para] = []
        interp = c.interpreter or c.officers[-1]
        if c.language:
            choice = rng.randrange(3)
            if choice == 0:
                first.append(
                    fmt(
                        "The interview was conducted in {l} with the assistance of {o}.",
                        l=c.language_val(False),
                        o=self.officer(interp),
                    )
                )
            elif choice == 1:
                first.append(
                    fmt(
                        "{a} speaks {l} and requested an interpreter; bilingual {o} translated.",
                        a=cap(self.arr()),
                        l=c.language_val(False),
                        o=self.officer(interp),
                    )
                )
            else:
                first.append(
                    fmt(
                        "{a} primary language is {l}; {o} interpreted.",
                        a=cap(self.arr_poss()),
                        l=c.language_val(False),
                        o=self.officer(interp),
                    )
                )
        first.append(
            fmt(
                "{a} was advised of {his} rights and agreed to speak with R/D.",
                a=cap(self.arr()),
                his=p.his,
            )
        )
        paras.append(join(first))

        origin: list[Para] = []
        if c.us_born:
            if rng.random() < 0.5:
                origin.append(
                    fmt(
                        "{a} stated that {he} was born in {pob}.",
                        a=cap(self.arr()),
                        he=p.he,
                        pob=c.pob(0),
                    )
                )
        else:
            form = rng.randrange(3)
            if form == 1 and c.citizenship_country is P.US:
                form = 2
            if form == 0:
                origin.append(
                    fmt(
                        "{a} stated that {he} was born in {pob} and is a {nat} national.",
                        a=cap(self.arr()),
                        he=p.he,
                        pob=c.pob(rng.choice((0, 1))),
                        nat=c.nationality(),
                    )
                )
            elif form == 1:
                origin.append(
                    fmt(
                        "{a} related that {he} is a citizen of {ctz} and came to the United "
                        "States in {y}.",
                        a=cap(self.arr()),
                        he=p.he,
                        ctz=c.citizenship(0),
                        y=str(c.year_arrived),
                    )
                )
            else:
                origin.append(
                    fmt(
                        "{a} stated {he} was born in {pob} ({nat}).",
                        a=cap(self.arr()),
                        he=p.he,
                        pob=c.pob(1),
                        nat=c.nationality(),
                    )
                )
            if c.status:
                verb = c.status_verb + " " if c.status_verb else ""
                origin.append(
                    fmt(
                        "{He} {rel} that {he} {verb}{st}.",
                        He=p.he.capitalize(),
                        rel=rng.choice(("related", "stated", "admitted", "advised")),
                        he=p.he,
                        verb=verb,
                        st=Val("IMMIGRATION_STATUS", "arrestee", c.status),
                    )
                )
            if c.a_digits:
                origin.append(self._a_number_sentence())
            if c.passport:
                origin.append(
                    fmt(
                        rng.choice(
                            (
                                "As identification {he} presented {pp}.",
                                "{He} produced {pp}.",
                                "{He} identified {his}self with {pp}.",
                            )
                        ),
                        he=p.he,
                        He=p.he.capitalize(),
                        his="him" if p.sex == "M" else "her",
                        pp=c.passport_prose(),
                    )
                )
            if c.consular and c.consular_kind:
                kind = c.consular_words()
                spelled = c.consular_kind.replace("{nat}", c.nationality().text)
                article = "An" if spelled[0] in "AEIOUaeiou" else "A"
                consular = Val("CONSULAR_ID", "arrestee", c.consular)
                if rng.random() < 0.5:
                    origin.append(
                        fmt(
                            "{art} {k}, no. {n}, was also recovered.",
                            art=article,
                            k=kind,
                            n=consular,
                        )
                    )
                else:
                    origin.append(
                        fmt(
                            "{He} also carried {art} {k} bearing no. {n}.",
                            He=p.he.capitalize(),
                            art=article.lower(),
                            k=kind,
                            n=consular,
                        )
                    )
            if c.visa:
                origin.append(
                    fmt(
                        rng.choice(("{He} produced {v}.", "A records check showed {v}.")),
                        He=p.he.capitalize(),
                        v=c.visa_prose(),
                    )
                )
        if origin:
            paras.append(join(origin))
        if c.employer:
            emp = Val("EMPLOYER", "arrestee", c.employer)
            where: Para = (
                [", located at ", Val("EMPLOYER", "arrestee", c.employer_address)]
                if c.employer_address
                else []
            )
            if rng.random() < 0.5:
                paras.append(
                    fmt(
                        "{a} stated that {he} works as a {occ} for {e}{w}, and that {his} "
                        "supervisor can confirm {his} schedule.",
                        a=cap(self.arr()),
                        he=p.he,
                        his=p.his,
                        occ=c.occupation,
                        e=emp,
                        w=where,
                    )
                )
            else:
                paras.append(
                    fmt(
                        "{a} is employed as a {occ} at {e}{w}.",
                        a=cap(self.arr()),
                        occ=c.occupation,
                        e=emp,
                        w=where,
                    )
                )
        return paras

    def notifications(self) -> list[Para]:
        c, rng = self.c, self.rng
        paras: list[Para] = []
        for r in c.relatives:
            shape = rng.randrange(3)
            name = [c.name(r, rng.choice(("First Last", "First Last", "LAST, First")))]
            if shape == 0:
                s = fmt(
                    "R/D spoke with {m} {rel}, {n}, by telephone at {ph}",
                    m=self.arr_poss(),
                    rel=r.relationship,
                    n=name,
                    ph=[self.phone(r)] if r.phone else ["an unlisted number"],
                )
                if r.address:
                    s += fmt(", who resides at {a}", a=[c.address(r)])
                s += [". ", f"{r.he.capitalize()} was informed of the arrest."]
            elif shape == 1:
                s = fmt(
                    "The {m}'s {rel}, {n} (DOB {dob})",
                    m=self.minor,
                    rel=r.relationship,
                    n=name,
                    dob=c.dob(r, narrative=True),
                )
                if r.address:
                    s += fmt(", of {a}", a=[c.address(r)])
                if r.phone:
                    s += fmt(", phone {ph}", ph=[self.phone(r, 1)])
                s += [", was notified of the arrest."]
            else:
                s = fmt("Notified: {rel} {n}", rel=(r.relationship or "").capitalize(), n=name)
                if r.phone:
                    s += fmt(" at {ph}", ph=[self.phone(r)])
                s += [rng.choice((", who will attend the bond hearing.", "."))]
            if r.citizenship:
                s += fmt(
                    " {He} stated that {he} is also from {c}.",
                    He=r.he.capitalize(),
                    he=r.he,
                    c=Val("COUNTRY_OF_CITIZENSHIP", "relative", r.citizenship),
                )
            if r.status:
                s += fmt(
                    " {He} advised that {he} is {st}.",
                    He=r.he.capitalize(),
                    he=r.he,
                    st=Val("IMMIGRATION_STATUS", "relative", r.status),
                )
            paras.append(s)
        if c.juvenile:
            paras.append(
                fmt(
                    "Youth Investigations was notified; the juvenile's school was not contacted. "
                    "The {m} was processed at the station as a juvenile.",
                    m=self.minor,
                )
            )
        if not c.us_born and c.citizenship_country is not P.US and rng.random() < 0.4:
            paras.append(
                fmt(
                    "Per consular notification procedures, the Consulate General of {ctz} in "
                    "Chicago was advised of the arrest at the request of {a}.",
                    ctz=c.citizenship(0),
                    a=self.arr(),
                )
            )
        return paras

    def witnesses_victims(self) -> list[Para]:
        c, rng = self.c, self.rng
        paras: list[Para] = []
        for label, people in (("Victim", c.victims), ("Witness", c.witnesses)):
            for person in people:
                s = fmt(
                    "{l} {n}",
                    l=label,
                    n=[c.name(person, rng.choice(("First Last", "LAST, First", "First Last")))],
                )
                if rng.random() < 0.6:
                    s += fmt(", DOB {d}", d=c.dob(person, narrative=True))
                else:
                    s += fmt(" ({a} y/o)", a=c.age(person))
                if person.address:
                    s += fmt(", of {a}", a=[c.address(person)])
                if person.phone:
                    s += fmt(", phone {ph}", ph=[self.phone(person)])
                s += [", was interviewed and related an account consistent with the above."]
                paras.append(s)
        return paras

    def co_arrestees(self) -> list[Para]:
        c, rng = self.c, self.rng
        paras: list[Para] = []
        for co in c.co_arrestees:
            s = fmt(
                "{n} (CB {cb}), DOB {d}",
                n=[c.name(co, rng.choice(("LAST, First", "LAST, FIRST")))],
                cb=c.cb_val(co),
                d=c.dob(co, narrative=True),
            )
            if rng.random() < 0.4:
                s += fmt(", age {a}", a=c.age(co))
            if co.address:
                s += fmt(", of {a}", a=[c.address(co)])
            if co.aliases:
                s += fmt(', AKA "{al}"', al=Val("ALIAS", "co_arrestee", co.aliases[0]))
            s += [", was also arrested and charged."]
            if co.tattoos and rng.random() < 0.5:
                s += [" Tattoos: ", _tat(co.tattoos[0], "co_arrestee"), "."]
            elif co.tattoos:
                s += [f" {co.he.capitalize()} has a ", c.tattoo_prose(co, 0), "."]
            paras.append(s)
        return paras

    def disposition(self) -> list[Para]:
        c = self.c
        charges = join([[Val("CHARGE", "none", ch.combined)] for ch in c.charges], "; ")
        s = fmt("The {m} was charged with: {c}.", m=self.minor, c=charges)
        if c.bond:
            s += fmt(" Bond was set at {b} ({t}).", b=Val("BOND", "none", c.bond), t=c.bond_type)
        elif c.juvenile:
            s += [" The juvenile was released to a parent pending a Juvenile Court date."]
        else:
            s += [" The arrestee was held for a pretrial detention hearing."]
        s += fmt(" Arrest made by the {ag}.", ag=c.agency_val(0))
        return [s]

    def canvass(self) -> list[Para]:
        """Follow-up investigation: canvass, video, records checks. Mostly prose."""
        c, rng = self.c, self.rng
        paras: list[Para] = []
        paras.append(
            fmt(
                "R/D conducted a canvass of the area of {loc} for additional witnesses and "
                "surveillance cameras. {res}",
                loc=[c.location()],
                res=rng.choice(
                    (
                        "A POD camera at the intersection was identified; the footage was "
                        "requested through OEMC.",
                        "Residents contacted stated they did not see or hear anything.",
                        "A business owner provided surveillance video that depicts the incident "
                        "as described by the victim.",
                    )
                ),
            )
        )
        if c.victims and rng.random() < 0.7:
            v = c.victims[0]
            paras.append(
                fmt(
                    "R/D re-interviewed {v} by telephone on {d}. {He} viewed a photo array "
                    "administered by an independent administrator and {res}.",
                    v=self.who(v),
                    d=c.date(c.report_date, narrative=True),
                    He=v.he.capitalize(),
                    res=rng.choice(
                        (
                            "positively identified the arrestee",
                            f"identified the person in position #{rng.randint(1, 6)}",
                            "made a tentative identification",
                        )
                    ),
                )
            )
        checks = [
            "A name check through CLEAR and LEADS was conducted",
            "A review of the arrestee's criminal history was conducted",
        ]
        tail = rng.choice(
            (
                " and revealed no outstanding warrants.",
                " and revealed two prior arrests for similar offenses.",
                "; the results are attached to the original case report.",
            )
        )
        paras.append(fmt("{c} on {a}{t}", c=rng.choice(checks), a=self.arr(), t=tail))
        return paras

    def processing(self) -> list[Para]:
        """Transport, lockup and evidence: mostly boilerplate, with identifiers repeated."""
        c, rng, p = self.c, self.rng, self.c.arrestee
        keeper = c.officers[-1] if len(c.officers) > 2 else c.approver
        first = fmt(
            "{a} was transported to the {d} District lockup in squad {sq}, where {he} was "
            "processed by {o}.",
            a=cap(self.arr()),
            d=c.district,
            sq=f"{rng.randint(1000, 2599)}",
            he=p.he,
            o=self.officer(keeper),
        )
        if c.ir and rng.random() < 0.6:
            first += fmt(
                " {He} was fingerprinted and assigned IR no. {ir}.",
                He=p.he.capitalize(),
                ir=Val("IR_NUMBER", "arrestee", c.ir),
            )
        second: Para = [
            rng.choice(
                (
                    "Body-worn cameras were activated for the duration of the incident. ",
                    "In-car camera and body-worn camera footage were tagged for retention. ",
                    "",
                )
            ),
            f"Inventory no. {rng.randint(14000000, 15999999)} was generated for the "
            f"arrestee's property.",
        ]
        if c.kind in ("narcotics", "weapon"):
            second.append(
                " Recovered evidence was heat-sealed and forwarded to the Illinois State Police "
                "crime lab for analysis."
            )
        if c.vehicle and rng.random() < 0.5:
            second += fmt(
                " The vehicle, IL registration {pl}, was released to a licensed driver.",
                pl=Val("VEHICLE_PLATE", "arrestee", c.vehicle.plate),
            )
        return [first, second]

    def signature(self) -> Para:
        c = self.c
        return fmt(
            "Reporting Detective: {d}    Approved: {s}",
            d=self.officer(c.detective, "full"),
            s=self.officer(c.approver, "full"),
        )


def _ssn(c: Case, narrative: bool = False) -> str:
    from .formats import fmt_ssn

    assert c.ssn is not None
    return fmt_ssn(c.ssn, c.style.ssn_narr if narrative else c.style.ssn_style)


def _tat(text: str, role: str = "arrestee") -> Val:
    return Val("TATTOOS", role, text)
