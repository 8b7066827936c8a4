"""The facts of one synthetic arrest, and the printed forms of each fact.

A `Case` holds people and numbers; layouts ask it for `Val`s (a category, a role and the exact
printed text). Every distinct printed string becomes one ground-truth entry.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import formats as F
from . import pools as P


@dataclass(frozen=True, slots=True)
class Val:
    """A value as printed: the text is verbatim, never padded."""

    category: str
    role: str
    text: str

    def __post_init__(self) -> None:
        if not self.text or self.text != self.text.strip() or "  " in self.text:
            raise ValueError(f"bad value text {self.text!r}")


Printed = list[str | Val]  # plain words and values, in order

PARTICLES = frozenset({"de", "del", "la", "los", "las", "van", "von", "da", "dos", "y", "al"})


@dataclass(slots=True)
class Person:
    role: str
    sex: str
    given: list[str]
    surnames: list[str]
    joiner: str
    culture: str
    dob: date
    age: int
    address: str | None = None
    phone: str | None = None  # ten digits
    email: str | None = None
    relationship: str | None = None
    cb: str | None = None
    citizenship: str | None = None  # printed country for relatives who mention it
    status: str | None = None
    aliases: list[str] = field(default_factory=list)
    tattoos: list[str] = field(default_factory=list)  # SMT style: "TAT R FOREARM - ROSE"
    tattoo_prose: list[str] = field(default_factory=list)  # "tattoo of a rose on the right ..."

    @property
    def surname(self) -> str:
        return self.joiner.join(self.surnames)

    @property
    def first(self) -> str:
        return self.given[0]

    @property
    def given_all(self) -> str:
        return " ".join(self.given)

    @property
    def honorific(self) -> str:
        return "Mr." if self.sex == "M" else "Ms."

    @property
    def he(self) -> str:
        return "he" if self.sex == "M" else "she"

    @property
    def his(self) -> str:
        return "his" if self.sex == "M" else "her"

    @property
    def him(self) -> str:
        return "him" if self.sex == "M" else "her"


@dataclass(slots=True)
class Officer:
    rank: str
    given: str
    surname: str
    sex: str
    star: str
    unit: str

    def name(self, form: str) -> str:
        if form == "full":
            return f"{self.given} {self.surname}"
        if form == "initial":
            return f"{self.given[0]}. {self.surname.upper()}"
        if form == "initial_mixed":
            return f"{self.given[0]}. {self.surname}"
        if form == "last_first":
            return f"{self.surname.upper()}, {self.given}"
        if form == "LAST_FIRST":
            return f"{self.surname.upper()}, {self.given.upper()}"
        if form == "surname":
            return self.surname
        if form == "SURNAME":
            return self.surname.upper()
        raise ValueError(form)


@dataclass(slots=True)
class Charge:
    statute: str
    description: str
    cls: str
    typ: str

    @property
    def combined(self) -> str:
        return f"{self.statute} - {self.description}"


@dataclass(slots=True)
class Style:
    """Per-document formatting habits (a records unit is consistent, but not entirely)."""

    date_form: str
    date_narr: str
    phone_styles: tuple[str, ...]
    a_form: str
    a_narr: str
    license_style: int
    ssn_style: int
    ssn_narr: int
    time_style: str
    fold_caps: bool  # upper-case names print without accents
    address_style: int
    rd_dash: bool
    a_prose: str  # key of formats.A_NUMBER_PROSE: how the narrative writes the A-number
    hyphenate: bool  # break hyphenated words at line ends
    language_join: str  # how an interpreter note follows the language
    passport_prose: int


@dataclass(slots=True)
class Vehicle:
    description: str  # "2011 Toyota Camry"
    color: str
    plate: str
    vin: str


@dataclass(slots=True)
class Case:
    rng: random.Random
    style: Style
    agency: str
    agency_short: str
    agency_address: str
    chicago: bool
    juvenile: bool
    arrested_on: date
    arrest_time: int
    report_date: date
    location_block: str
    location_address: str
    location_kind: str
    beat: str
    district: str
    event_no: str
    rd: str
    cb: str
    ir: str | None
    fbi: str | None
    sid: str | None
    arrestee: Person
    co_arrestees: list[Person]
    victims: list[Person]
    witnesses: list[Person]
    relatives: list[Person]
    officers: list[Officer]  # [0], [1] arresting; then assisting
    approver: Officer
    interpreter: Officer | None
    detective: Officer
    charges: list[Charge]
    kind: str
    bond: str | None
    bond_type: str
    vehicle: Vehicle | None
    # arrestee origin and documents
    us_born: bool
    country: P.Country
    pob_city: str
    pob_region: str
    citizenship_country: P.Country
    status: str | None
    status_verb: str
    status_short: str | None
    a_digits: str | None
    passport: str | None
    visa: str | None
    visa_kind: str | None  # "I-94", or a visa class for a visa foil ("B-2", "H-2B", "F-1")
    consular: str | None
    consular_kind: str | None
    license: str | None
    license_kind: str  # "DL", "TVDL", "FLA" (a DL marked Federal Limits Apply), "ID"
    ssn: str | None
    employer: str | None
    employer_address: str | None
    occupation: str | None
    language: str | None
    language_note: str | None
    year_arrived: int | None

    # ----- values -------------------------------------------------------------------------
    def v(self, category: str, role: str, text: str) -> Val:
        return Val(category, role, text)

    def name(self, p: Person, form: str) -> Val:
        """A printed name of a civilian. Forms are listed in `NAME_FORMS`."""
        return Val("PERSON_NAME", p.role, self.name_text(p, form))

    def name_text(self, p: Person, form: str) -> str:
        caps = F.ascii_upper if self.style.fold_caps else str.upper
        given_all = p.given_all
        if form == "LAST, First":
            return f"{caps(p.surname)}, {given_all}"
        if form == "LAST, FIRST":
            return f"{caps(p.surname)}, {caps(given_all)}"
        if form == "LAST, First1":
            return f"{caps(p.surname)}, {p.first}"
        if form == "Last, First":
            return f"{p.surname}, {given_all}"
        if form == "First Last":
            return f"{given_all} {p.surname}"
        if form == "First1 Last":
            return f"{p.first} {p.surname}"
        if form == "First LAST":
            return f"{given_all} {caps(p.surname)}"
        if form == "FIRST LAST":
            return caps(f"{given_all} {p.surname}")
        if form == "F. LAST":
            return f"{p.first[0]}. {caps(p.surname)}"
        if form == "Last":
            return p.surname
        if form == "LAST":
            return caps(p.surname)
        if form == "Last1":  # first of two Hispanic surnames, the one people use
            return p.surnames[0] if p.joiner == " " else p.surname
        if form == "LAST1":
            return caps(p.surnames[0] if p.joiner == " " else p.surname)
        raise ValueError(form)

    def officer_name(self, o: Officer, form: str) -> Val:
        return Val("OFFICER_NAME", "officer", o.name(form))

    def star(self, o: Officer) -> Val:
        return Val("STAR_NUMBER", "officer", o.star)

    def date(self, d: date, narrative: bool = False) -> str:
        return F.fmt_date(d, self.style.date_narr if narrative else self.style.date_form)

    def dob(self, p: Person, narrative: bool = False) -> Val:
        return Val("DATE_OF_BIRTH", p.role, self.date(p.dob, narrative))

    def age(self, p: Person) -> Val:
        return Val("AGE", p.role, str(p.age))

    def phone(self, p: Person, which: int = 0) -> Val:
        assert p.phone is not None
        styles = self.style.phone_styles
        return Val("PHONE", p.role, F.fmt_phone(p.phone, styles[which % len(styles)]))

    def address(self, p: Person) -> Val:
        assert p.address is not None
        return Val("HOME_ADDRESS", p.role, p.address)

    def arrest_date(self, narrative: bool = False) -> Val:
        return Val("ARREST_DATE", "none", self.date(self.arrested_on, narrative))

    def time(self) -> str:
        return F.fmt_time(self.arrest_time, self.style.time_style)

    def a_number(self, narrative: bool = False) -> Val:
        assert self.a_digits is not None
        style = self.style.a_narr if narrative else self.style.a_form
        return Val("A_NUMBER", "arrestee", F.fmt_a_number(self.a_digits, style))

    def pob(self, form: int) -> Val:
        c = self.country
        city, region = self.pob_city, self.pob_region
        if self.us_born:
            texts = (
                f"{city}, {region}",
                f"{city}, {region}, USA",
                F.ascii_upper(f"{city}, {region}"),
                f"{city}, {region}",
            )
        else:
            texts = (
                f"{city}, {region}, {c.name}",
                f"{city}, {c.name}",
                F.ascii_upper(f"{city}, {c.code}"),
                f"{city} ({region}), {c.name}",
            )
        return Val("PLACE_OF_BIRTH", "arrestee", texts[form % len(texts)])

    def citizenship(self, form: int) -> Val:
        c = self.citizenship_country
        if c is P.US:
            text = P.CITIZENSHIP_WORDS_US[form % len(P.CITIZENSHIP_WORDS_US)]
        else:
            text = (c.name, c.code, c.name.upper(), c.name)[form % 4]
        return Val("COUNTRY_OF_CITIZENSHIP", "arrestee", text)

    def nationality(self, upper: bool = False) -> Val:
        text = self.citizenship_country.demonym
        return Val("NATIONALITY", "arrestee", text.upper() if upper else text)

    def a_number_prose(self) -> Printed:
        """The A-number as the narrative writes it: label words, then the value."""
        assert self.a_digits is not None
        before, style = F.A_NUMBER_PROSE[self.style.a_prose]
        val = Val("A_NUMBER", "arrestee", F.fmt_a_number(self.a_digits, style))
        return [before, val] if before else [val]

    def passport_prose(self, form: int | None = None) -> Printed:
        """ "a Guatemalan passport no. G12345678", "passport G12345678 (Guatemala)", ..."""
        assert self.passport is not None
        pp = Val("PASSPORT_NUMBER", "arrestee", self.passport)
        c = self.country
        form = self.style.passport_prose if form is None else form
        if form % 4 == 0:
            return ["a ", self.nationality(), " passport no. ", pp]
        if form % 4 == 1:
            return ["passport ", pp, " (", Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.name), ")"]
        if form % 4 == 2:
            return ["PPT ", Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.code), " ", pp]
        return [
            "a passport issued by ",
            Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.name),
            ", no. ",
            pp,
        ]

    def country_words(self) -> tuple[str, str]:
        """The passport country as printed beside its number: name and code."""
        return (self.country.name, self.country.code)

    def visa_prose(self) -> Printed:
        """ "I-94 #123456789A1", "B-2 visa foil no. 12345678"."""
        assert self.visa is not None
        v = Val("VISA_NUMBER", "arrestee", self.visa)
        if self.visa_kind == "I-94":
            return ["I-94 #", v]
        return [f"{self.visa_kind} visa foil no. ", v]

    def consular_words(self) -> Printed:
        """The consular ID's name, with the demonym tagged where the wording has one."""
        assert self.consular_kind is not None
        before, found, after = self.consular_kind.partition("{nat}")
        return [before, self.nationality(), after] if found else [before]

    def tattoo_prose(self, p: Person, i: int) -> Val:
        return Val("TATTOOS", p.role, p.tattoo_prose[i])

    def license_val(self, form: int | None = None) -> Val:
        assert self.license is not None
        style = self.style.license_style if form is None else form
        # A "Federal Limits Apply" licence is, like a TVDL, a proxy for immigration status.
        category = "TVDL" if self.license_kind in ("TVDL", "FLA") else "DRIVERS_LICENSE"
        return Val(category, "arrestee", F.fmt_license(self.license, style))

    def language_val(self, with_note: bool) -> Val:
        assert self.language is not None
        if with_note and self.language_note:
            text = self.language + self.style.language_join.format(self.language_note)
        else:
            text = self.language
        return Val("LANGUAGE", "arrestee", text)

    def rd_val(self) -> Val:
        return Val("RD_NUMBER", "none", self.rd)

    def cb_val(self, p: Person | None = None) -> Val:
        if p is None or p is self.arrestee:
            return Val("CB_NUMBER", "arrestee", self.cb)
        assert p.cb is not None
        return Val("CB_NUMBER", p.role, p.cb)

    def agency_val(self, form: int = 0) -> Val:
        texts = (self.agency, self.agency.upper(), self.agency_short)
        return Val("AGENCY", "none", texts[form % len(texts)])

    def location(self, exact: bool = False) -> Val:
        return Val(
            "ARREST_LOCATION", "none", self.location_address if exact else self.location_block
        )


# ----------------------------------------------------------------------------------------------
# building a case


class NameBook:
    """Hands out names so that no surname means two people (unless they are family).

    A surname token is never reused (as a surname or a given name), so "Mr. Kang" or "Kang
    stated" always points at one person; given names may repeat.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surnames: set[str] = set()
        self.given: set[str] = set()
        self.first_names: set[str] = set()  # no two people share a first name, less confusing

    @staticmethod
    def tokens(text: str) -> set[str]:
        words = F.strip_accents(text).lower().replace("-", " ").replace("'", " ").split()
        return {w for w in words if w not in PARTICLES and len(w) > 1}

    def _surname_free(self, text: str) -> bool:
        toks = self.tokens(text)
        return not (toks & (self.surnames | self.given | P.FORBIDDEN_SURNAMES))

    def _given_free(self, text: str) -> bool:
        return not (self.tokens(text) & (self.surnames | P.FORBIDDEN_SURNAMES))

    def person(
        self,
        role: str,
        culture_key: str,
        sex: str,
        dob: date,
        age: int,
        *,
        surname_from: Person | None = None,
    ) -> Person:
        rng = self.rng
        for attempt in range(400):
            if attempt == 200:  # this culture's pool is used up in this report
                culture_key = rng.choice(("anglo", "african_american", "mexican", "polish"))
            culture = P.CULTURES[culture_key]
            pool = culture.male if sex == "M" else culture.female
            given = [rng.choice(pool)]
            if rng.random() < culture.middle and " " not in given[0]:
                second = rng.choice(pool)
                if second != given[0] and " " not in second:
                    given.append(second)
            if surname_from is not None:
                surnames = [surname_from.surnames[0]]
                joiner = " "
                if len(surname_from.surnames) > 1 and rng.random() < 0.5:
                    other = rng.choice(culture.surnames)
                    if self._surname_free(other):
                        surnames.append(other)
                        joiner = surname_from.joiner
            else:
                surnames = [rng.choice(culture.surnames)]
                if rng.random() < culture.two_surnames:
                    second_surname = rng.choice(culture.surnames)
                    if second_surname != surnames[0]:
                        surnames.append(second_surname)
                joiner = "-" if len(surnames) > 1 and rng.random() < 0.55 else " "
                if any(" " in s for s in surnames) and len(surnames) > 1:
                    joiner = " "
                if sex == "F" and culture.feminine:
                    surnames = [_feminize(s, culture.feminine) for s in surnames]
                if not all(self._surname_free(s) for s in surnames):
                    continue
            if not all(self._given_free(g) for g in given) or given[0] in self.first_names:
                continue
            person = Person(role, sex, given, surnames, joiner, culture_key, dob, age)
            for s in surnames:
                self.surnames |= self.tokens(s)
            for g in given:
                self.given |= self.tokens(g)
            self.first_names.add(given[0])
            return person
        raise RuntimeError("name pool exhausted")

    def officer(self, rank: str, star: str, unit: str) -> Officer:
        rng = self.rng
        culture = P.OFFICER_CULTURES["officer"]
        for _ in range(400):
            sex = "M" if rng.random() < 0.7 else "F"
            given = rng.choice(culture.male if sex == "M" else culture.female)
            surname = rng.choice(culture.surnames)
            if self._surname_free(surname) and self._given_free(given):
                self.surnames |= self.tokens(surname)
                self.given |= self.tokens(given)
                return Officer(rank, given, surname, sex, star, unit)
        raise RuntimeError("officer pool exhausted")


def _feminize(surname: str, rules: tuple[tuple[str, str], ...]) -> str:
    for old, new in rules:
        if surname.endswith(old):
            return surname[: -len(old)] + new
    return surname


def _weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


# Countries of birth of the foreign-born arrestees, weighted roughly as Chicago's and Cook
# County's immigrant population is (public American Community Survey tables, rounded; plus the
# Venezuelan arrivals of 2022-2024): Mexico by far the largest, then Poland, India, the
# Philippines, China, Guatemala... Weights are parts of about a thousand.
COUNTRY_WEIGHTS = {
    "MEX": 380,
    "POL": 60,
    "IND": 55,
    "PHL": 40,
    "CHN": 35,
    "GTM": 30,
    "VEN": 30,
    "ECU": 20,
    "UKR": 18,
    "KOR": 14,
    "HND": 13,
    "COL": 12,
    "PAK": 12,
    "NGA": 10,
    "VNM": 10,
    "SLV": 8,
    "ITA": 8,
    "CUB": 6,
    "IRL": 6,
    "GRC": 6,
    "ROU": 6,
    "LTU": 6,
    "IRQ": 6,
    "PER": 6,
    "ETH": 5,
    "SRB": 5,
    "JOR": 5,
    "BGD": 5,
    "HTI": 4,
    "DOM": 4,
    "GHA": 4,
    "SYR": 3,
    "NPL": 3,
    "XKX": 2,
    "YEM": 2,
    "SOM": 2,
    "SEN": 1,
    "GIN": 1,
}


def chicago_address(rng: random.Random, style: int, *, with_unit: float = 0.55) -> str:
    name, typ, dirs = rng.choice(P.STREETS)
    direction = rng.choice(dirs)
    number = rng.randint(1, 119) * 100 + rng.randint(0, 99) if direction in "NS" else 0
    if direction in "EW":
        number = rng.randint(2, 72) * 100 + rng.randint(0, 99)
    side = direction if direction in "NSE" else rng.choice("NSW")
    zipcode = rng.choice(P.ZIPS.get(side, P.ZIPS["W"]))
    unit = rng.choice(P.UNITS) if rng.random() < with_unit else None
    dir_word = {"N": "North", "S": "South", "E": "East", "W": "West"}[direction]
    typ_word = {"Ave": "Avenue", "St": "Street", "Rd": "Road", "Blvd": "Boulevard", "Pl": "Place"}
    if style == 0:
        parts = [f"{number} {direction}. {name} {typ}"]
        if unit:
            parts.append(unit)
        parts += ["Chicago", f"IL {zipcode}"]
        return ", ".join(parts)
    if style == 1:
        text = f"{number} {direction} {name} {typ}"
        if unit:
            text += " " + unit.replace("#", "APT ")
        return F.ascii_upper(f"{text} CHICAGO IL {zipcode}")
    if style == 2:
        text = f"{number} {dir_word} {name} {typ_word[typ]}"
        if unit:
            text += f", {unit}"
        return text + ", Chicago"
    if style == 4:
        text = f"{number} {direction} {name} {typ}"
        if unit:
            text += " " + ("#" + unit.split()[-1] if unit.startswith(("Apt", "Unit")) else unit)
        return f"{text}, Chicago, IL {zipcode}"
    text = f"{number} {direction}. {name} {typ}."
    if unit:
        text += f" {unit}"
    return text


def suburb_address(rng: random.Random) -> str:
    town, zipcode = rng.choice(P.SUBURBS)
    street = rng.choice(P.SUBURB_STREETS)
    unit = f", {rng.choice(P.UNITS)}" if rng.random() < 0.4 else ""
    return f"{rng.randint(10, 9899)} {street}{unit}, {town}, IL {zipcode}"


def _block(rng: random.Random, chicago: bool) -> tuple[str, str, str]:
    """Arrest location: block form, and the exact address, in a few printed shapes."""
    kind = rng.choice(
        ("a residence", "the sidewalk", "a gas station", "a parking lot", "an alley", "a store")
    )
    if not chicago:
        town, _zip = rng.choice(P.SUBURBS)
        street = rng.choice(P.SUBURB_STREETS)
        number = rng.randint(1, 98) * 100 + rng.randint(0, 99)
        cross = rng.choice([x for x in P.SUBURB_STREETS if x != street])
        block = rng.choice(
            (
                f"{number // 100 * 100} block of {street}, {town}",
                f"{street} at {cross}, {town}",
                F.ascii_upper(f"{number // 100 * 100} BLK {street}"),
            )
        )
        return block, f"{number} {street}, {town}", kind
    name, typ, dirs = rng.choice(P.STREETS)
    direction = rng.choice(dirs)
    hundred = rng.randint(1, 79) if direction in "NS" else rng.randint(2, 64)
    number = hundred * 100 + rng.randint(0, 99)
    style = rng.randrange(3)
    if style == 0:
        block = f"{hundred * 100} block of {direction}. {name} {typ}"
    elif style == 1:
        block = F.ascii_upper(f"{hundred:03d}XX {direction} {name} {typ}")
    else:
        # a cross street runs the other way
        north_south = direction in "NS"
        crossing = [st for st in P.STREETS if (st[2] in ("NS", "N", "S")) != north_south]
        cross_name, cross_typ, cross_dirs = rng.choice(crossing)
        block = f"{direction}. {name} {typ} and {rng.choice(cross_dirs)}. {cross_name} {cross_typ}"
    exact = f"{number} {direction}. {name} {typ}"
    return block, exact, kind


def _email(rng: random.Random, p: Person) -> str:
    first = F.strip_accents(p.first.split()[0]).lower().replace("'", "")
    last = F.strip_accents(p.surnames[0]).lower().replace("'", "").replace(" ", "")
    last = last.replace("-", "")
    year = str(p.dob.year)[2:]
    shape = rng.randrange(6)
    local = (
        f"{first}.{last}{year}",
        f"{first[0]}{last}{rng.randint(1, 99)}",
        f"{first}_{last[:4]}",
        f"{last}{first[0]}{rng.randint(100, 999)}",
        f"{first}{last}",
        f"{rng.choice(P.NICKNAMES).lower().replace(' ', '')}{year}".encode(
            "ascii", "ignore"
        ).decode(),
    )[shape]
    return f"{local}@{rng.choice(P.EMAIL_DOMAINS)}"


def _tattoo(rng: random.Random) -> tuple[str, str]:
    """A scar, mark or tattoo: (SMT-style entry, the same described in words)."""
    r = rng.random()
    place = rng.choice(P.TATTOO_PLACES)
    where = " ".join(P.PLACE_WORDS.get(w, w.lower()) for w in place.split())
    article = "" if where in ("fingers",) else "the "
    if r < 0.55:
        image = rng.choice(P.TATTOO_IMAGES)
        smt = rng.choice(("TAT", "TATTOO", "TAT")) + f" {place} - {image}"
        thing = " ".join(w if w in P.PROPER_WORDS else w.lower() for w in image.title().split())
        a = "" if image in P.PLURAL_IMAGES else "an " if thing[0] in "aeiouAEIOU" else "a "
        return smt, f"tattoo of {a}{thing} on {article}{where}"
    if r < 0.85:
        script = rng.choice(P.TATTOO_SCRIPTS)
        return f"TAT {place} - SCRIPT '{script}'", f'tattoo reading "{script}" on {article}{where}'
    scar = rng.choice(P.SCARS)
    return scar, P.SCAR_PROSE[scar]


def _dob(rng: random.Random, on: date, age: int) -> date:
    latest = date(on.year - age, on.month, min(on.day, 28))
    return latest - timedelta(days=rng.randint(1, 360))


def _rd(rng: random.Random, year: int) -> str:
    letters = "ABCDEFGHJ"
    prefix = "J" + letters[max(0, min(len(letters) - 1, year - 2017))]
    return prefix + F.digits(rng, 6, lead_zero=True)


# Age of a relative relative to the arrestee's, by relationship: (min offset, max offset).
RELATIVE_AGE: dict[str, tuple[int, int]] = {
    "father": (19, 42),
    "mother": (17, 40),
    "stepfather": (15, 40),
    "grandmother": (36, 62),
    "uncle": (5, 30),
    "aunt": (5, 30),
    "brother": (-12, 12),
    "sister": (-12, 12),
    "cousin": (-12, 12),
    "brother-in-law": (-12, 12),
    "husband": (-6, 10),
    "wife": (-10, 6),
    "girlfriend": (-10, 4),
    "son": (-42, -17),
    "daughter": (-42, -17),
}
UNIQUE_RELATIONS = frozenset(
    {"father", "mother", "stepfather", "husband", "wife", "girlfriend", "grandmother"}
)


def build_case(rng: random.Random, *, chicago: bool, juvenile: bool) -> Case:
    style = Style(
        date_form=rng.choice(F.DATE_STYLES),
        date_narr=rng.choice(F.DATE_STYLES),
        phone_styles=tuple(rng.sample(F.PHONE_STYLES, rng.choice((1, 1, 2)))),
        a_form=rng.choice(F.A_NUMBER_STYLES),
        a_narr=rng.choice(("A-ddd-ddd-ddd", "A ddd ddd ddd", "Addddddddd", "A-ddddddddd")),
        license_style=rng.randrange(3),
        ssn_style=rng.randrange(3),
        ssn_narr=rng.randrange(3),
        time_style=rng.choice(("hrs", "hrs", "colon", "ampm")),
        fold_caps=rng.random() < 0.6,
        address_style=rng.choice((0, 0, 1, 2, 3, 4)),
        rd_dash=rng.random() < 0.3,
        a_prose=rng.choice(sorted(F.A_NUMBER_PROSE)),
        hyphenate=rng.random() < 0.7,
        language_join=rng.choice(P.LANGUAGE_NOTE_JOINS),
        passport_prose=rng.randrange(4),
    )
    names = NameBook(rng)
    arrest_date = date(2017, 1, 1) + timedelta(days=rng.randint(0, 365 * 8 + 300))
    arrest_time = rng.randint(0, 23) * 100 + rng.randint(0, 59)
    report_date = arrest_date + timedelta(days=rng.choice((0, 0, 1, 1, 2, 5)))

    def addr(p_style: int | None = None) -> str:
        if not chicago and rng.random() < 0.6:
            return suburb_address(rng)
        return chicago_address(rng, style.address_style if p_style is None else p_style)

    # --- origin of the arrestee -----------------------------------------------------------
    us_born = rng.random() < 0.3
    if us_born:
        country = P.US
        culture = rng.choice(country.cultures)
    else:
        codes = list(COUNTRY_WEIGHTS)
        code = rng.choices(codes, weights=[COUNTRY_WEIGHTS[c] for c in codes])[0]
        country = next(c for c in P.COUNTRIES if c.code == code)
        culture = rng.choice(country.cultures)
    pob_city, pob_region = rng.choice(country.cities)
    sex = "M" if rng.random() < 0.78 else "F"
    age = rng.randint(13, 17) if juvenile else min(70, 18 + int(rng.expovariate(1 / 14)))
    arrestee = names.person("arrestee", culture, sex, _dob(rng, arrest_date, age), age)
    arrestee.address = addr()
    arrestee.phone = F.phone_digits(rng) if rng.random() < 0.9 else None
    if rng.random() < (0.25 if juvenile else 0.55):
        arrestee.email = _email(rng, arrestee)
    for _ in range(rng.choice((0, 1, 1, 2))):
        smt, prose = _tattoo(rng)
        if smt not in arrestee.tattoos:
            arrestee.tattoos.append(smt)
            arrestee.tattoo_prose.append(prose)
    if rng.random() < 0.45:
        arrestee.aliases.append(rng.choice(P.NICKNAMES))
    if rng.random() < 0.25:
        alt = names.person("arrestee", culture, sex, arrestee.dob, age)
        arrestee.aliases.append(f"{alt.given[0]} {alt.surname}")

    # --- immigration facts -----------------------------------------------------------------
    status = status_short = a_digits = passport = visa = visa_kind = None
    consular = consular_kind = None
    status_verb = ""
    citizenship_country = country
    year_arrived = None
    if not us_born:
        year_arrived = max(arrest_date.year - age + 1, arrest_date.year - rng.randint(0, 25))
        if rng.random() < 0.8:
            wording, docs, status_verb = rng.choice(P.IMMIGRATION_STATUSES)
            status = wording
            status_short = rng.choice(P.IMMIGRATION_STATUS_SHORT)
            if "naturalized" in wording:
                citizenship_country = P.US
            if docs == "a" or rng.random() < 0.3:
                a_digits = F.a_number_digits(rng)
            if docs == "visa":
                visa_kind = rng.choice(("I-94", "foil"))
                if visa_kind == "foil":
                    visa_kind = next(
                        (k for k in ("B-2", "H-2B", "F-1") if k in wording),
                        rng.choice(("B-2", "B-1/B-2", "H-2B", "F-1")),
                    )
                    visa = F.visa_foil_number(rng)
                else:
                    visa = F.i94_number(rng)
        if rng.random() < 0.5:
            passport = F.pattern(rng, country.passport)
        if country.consular and rng.random() < 0.55:
            consular_kind = rng.choice(country.consular)
            consular = rng.choice(
                (F.digits(rng, 10), F.pattern(rng, "LDDDDDDDD"), F.pattern(rng, "DDDD-DDDD-DD"))
            )

    license_kind = "DL"
    license_no = None
    if rng.random() < (0.35 if juvenile else 0.75):
        undocumented = status is not None and any(
            w in status
            for w in (
                "undocumented",
                "no lawful",
                "inspection",
                "illegally",
                "overstay",
                "papers",
                "expired",
                "removed",
                "removal",
            )
        )
        foreign = not us_born and citizenship_country is not P.US
        proxy = 0.75 if undocumented else 0.3 if foreign else 0.0
        if rng.random() < proxy:
            license_kind = rng.choice(("TVDL", "TVDL", "FLA"))
        elif rng.random() < 0.15:
            license_kind = "ID"
        license_no = F.il_license(rng, arrestee.surname)
    ssn = F.ssn(rng) if (us_born or citizenship_country is P.US) and rng.random() < 0.45 else None

    employer = employer_address = occupation = None
    if not juvenile and rng.random() < 0.65:
        employer = rng.choice(P.EMPLOYERS)
        occupation = rng.choice(P.OCCUPATIONS)
        if rng.random() < 0.6:
            employer_address = chicago_address(rng, 3, with_unit=0.0).rstrip(".")
    language = note = None
    if not us_born and country.languages != ("English",) and rng.random() < 0.85:
        language = rng.choice(country.languages)
        note = rng.choice(P.LANGUAGE_NOTES) if rng.random() < 0.6 else None
    elif us_born and culture in ("mexican", "caribbean") and rng.random() < 0.2:
        language = "Spanish"

    # --- other people -----------------------------------------------------------------------
    def other_culture() -> str:
        if rng.random() < 0.5:
            return culture
        return rng.choice(list(P.CULTURES))

    relatives: list[Person] = []
    n_rel = rng.choice((0, 1, 1, 2, 2, 3)) if not juvenile else rng.choice((1, 1, 2))
    taken: set[str] = set()
    for i in range(n_rel):
        rsex = "M" if rng.random() < 0.5 else "F"
        if juvenile and i == 0:
            rel = "mother" if rsex == "F" else "father"
        else:
            options = [
                r
                for r in (P.RELATIONSHIPS_M if rsex == "M" else P.RELATIONSHIPS_F)
                if r not in taken
                and (age + RELATIVE_AGE[r][0] >= 1)
                and not (age < 18 and r in ("son", "daughter", "husband", "wife", "girlfriend"))
            ]
            rel = rng.choice(options)
        if rel in UNIQUE_RELATIONS:
            taken.add(rel)
        lo, hi = RELATIVE_AGE[rel]
        rage = max(1, min(95, age + rng.randint(lo, hi)))
        share = rel not in ("wife", "husband", "girlfriend") and rng.random() < 0.6
        rdob = _dob(rng, arrest_date, rage)
        person = names.person(
            "relative", culture, rsex, rdob, rage, surname_from=arrestee if share else None
        )
        person.relationship = rel
        person.phone = F.phone_digits(rng) if rng.random() < 0.85 else None
        person.address = addr() if rng.random() < 0.55 else None
        if not us_born and rng.random() < 0.12:
            person.citizenship = country.name
        if not us_born and rng.random() < 0.08:
            person.status = rng.choice(("a DACA recipient", "undocumented", "a TPS holder"))
        relatives.append(person)

    kind_charges = list(P.CHARGES)
    rng.shuffle(kind_charges)
    first = kind_charges[0]
    kind = next((v for k, v in P.CHARGE_KIND.items() if k in first[1]), "trespass")
    extra = [c for c in kind_charges[1:] if c[0] != first[0]][: rng.choice((0, 0, 1, 2))]
    charges = [Charge(*c) for c in [first, *extra]]

    victims: list[Person] = []
    if kind in ("domestic", "battery", "theft") or rng.random() < 0.15:
        for _ in range(rng.choice((1, 1, 1, 2))):
            vsex = "F" if kind == "domestic" and sex == "M" else rng.choice("MF")
            vage = rng.randint(16, 80)
            victim = names.person(
                "victim", other_culture(), vsex, _dob(rng, arrest_date, vage), vage
            )
            victim.address = addr() if rng.random() < 0.8 else None
            victim.phone = F.phone_digits(rng) if rng.random() < 0.8 else None
            if kind == "domestic" and not victims:
                victim.relationship = rng.choice(
                    ("girlfriend", "wife", "ex-girlfriend", "partner")
                    if vsex == "F"
                    else ("boyfriend", "husband", "ex-boyfriend", "partner")
                )
            victims.append(victim)
    witnesses: list[Person] = []
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        wage = rng.randint(18, 77)
        wit = names.person(
            "witness", other_culture(), rng.choice("MF"), _dob(rng, arrest_date, wage), wage
        )
        wit.address = addr() if rng.random() < 0.75 else None
        wit.phone = F.phone_digits(rng) if rng.random() < 0.85 else None
        witnesses.append(wit)
    co_arrestees: list[Person] = []
    # most arrests are of one person; a group arrest gives a table of 2-4 co-arrestees
    for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(12, 3, 3, 2, 1))[0]):
        cage = rng.randint(13, 17) if juvenile and rng.random() < 0.7 else rng.randint(18, 50)
        co = names.person(
            "co_arrestee",
            other_culture(),
            rng.choice("MMF"),
            _dob(rng, arrest_date, cage),
            cage,
            surname_from=arrestee if rng.random() < 0.25 else None,
        )
        co.cb = F.digits(rng, 8)
        co.address = addr() if rng.random() < 0.85 else None
        if rng.random() < 0.3:
            smt, prose = _tattoo(rng)
            co.tattoos.append(smt)
            co.tattoo_prose.append(prose)
        if rng.random() < 0.2:
            taken_aliases = {a for q in [arrestee, *co_arrestees] for a in q.aliases}
            co.aliases.append(rng.choice([n for n in P.NICKNAMES if n not in taken_aliases]))
        if rng.random() < 0.3:
            co.phone = F.phone_digits(rng)
        co_arrestees.append(co)

    ranks = P.RANKS_CPD if chicago else P.RANKS_COUNTY

    def star() -> str:
        return str(rng.randint(1000, 21999) if chicago else rng.randint(100, 1999))

    def unit() -> str:
        return f"{rng.randint(1, 25):03d}" if chicago else rng.choice(("PATROL", "TAC", "INV"))

    officers = [
        names.officer(_weighted(rng, ranks), star(), unit())
        for _ in range(2 + rng.choice((0, 0, 1, 2)))
    ]
    approver = names.officer("Sgt." if chicago else rng.choice(("Sgt.", "Lt.")), star(), unit())
    interpreter = None
    if language and rng.random() < 0.6:
        interpreter = names.officer(_weighted(rng, ranks), star(), unit())
    detective = (
        officers[0]
        if officers[0].rank.startswith("Det") and rng.random() < 0.5
        else names.officer("Det." if chicago else "Inv.", star(), f"{rng.randint(61, 66)}0")
    )

    vehicle = None
    if kind == "traffic" or rng.random() < 0.25:
        desc = rng.choice(P.CAR_MAKES)
        year = int(desc[:4])
        vehicle = Vehicle(
            desc, rng.choice(P.CAR_COLORS), F.plate(rng), F.vin(rng, rng.choice(P.VIN_WMI), year)
        )

    bond = None
    bond_type = ""
    if not juvenile and arrest_date < date(2023, 9, 18) and rng.random() < 0.85:
        amount = rng.choice((1000, 1500, 2000, 2500, 5000, 10000, 15000, 25000, 50000, 75000))
        bond = F.money(amount, rng.random() < 0.3)
        bond_type = rng.choice(("I-BOND", "D-BOND", "C-BOND", "I-BOND"))

    if chicago:
        agency, short, agency_address = (
            "Chicago Police Department",
            rng.choice(("CHICAGO POLICE DEPT", "Chicago Police Dept.", "CPD")),
            "3510 S. Michigan Ave, Chicago, IL 60653",
        )
        rd = _rd(rng, arrest_date.year)
        if style.rd_dash:
            rd = rd[:2] + "-" + rd[2:]
        cb = F.digits(rng, 8)
    else:
        agency, short, agency_address = rng.choice(P.AGENCIES_OTHER)
        yy = arrest_date.year % 100
        rd = rng.choice(
            (
                f"{yy:02d}-{F.digits(rng, 6, lead_zero=True)}",
                f"{arrest_date.year}-{F.digits(rng, 8, lead_zero=True)}",
                f"{F.letters(rng, 2)}{yy:02d}-{F.digits(rng, 5, lead_zero=True)}",
            )
        )
        cb = f"{arrest_date.year}{F.digits(rng, 7, lead_zero=True)}"
    block, exact, loc_kind = _block(rng, chicago)
    ir = F.digits(rng, rng.choice((6, 7, 7, 8))) if rng.random() < 0.85 else None
    fbi = None
    if rng.random() < 0.45:
        fbi = F.digits(rng, rng.choice((6, 7))) + F.letters(rng, 2) + F.digits(rng, 1)
    sid = None
    if rng.random() < 0.5:
        sid = rng.choice(("IL", "IL", "")) + F.digits(rng, 8, lead_zero=True)

    return Case(
        rng=rng,
        style=style,
        agency=agency,
        agency_short=short,
        agency_address=agency_address,
        chicago=chicago,
        juvenile=juvenile,
        arrested_on=arrest_date,
        arrest_time=arrest_time,
        report_date=report_date,
        location_block=block,
        location_address=exact,
        location_kind=loc_kind,
        beat=f"{rng.randint(1, 25):02d}{rng.randint(1, 35):02d}",
        district=f"{rng.randint(1, 25):03d}",
        event_no=F.digits(rng, 10),
        rd=rd,
        cb=cb,
        ir=ir,
        fbi=fbi,
        sid=sid,
        arrestee=arrestee,
        co_arrestees=co_arrestees,
        victims=victims,
        witnesses=witnesses,
        relatives=relatives,
        officers=officers,
        approver=approver,
        interpreter=interpreter,
        detective=detective,
        charges=charges,
        kind=kind,
        bond=bond,
        bond_type=bond_type,
        vehicle=vehicle,
        us_born=us_born,
        country=country,
        pob_city=pob_city,
        pob_region=pob_region,
        citizenship_country=citizenship_country,
        status=status,
        status_verb=status_verb,
        status_short=status_short,
        a_digits=a_digits,
        passport=passport,
        visa=visa,
        visa_kind=visa_kind,
        consular=consular,
        consular_kind=consular_kind,
        license=license_no,
        license_kind=license_kind,
        ssn=ssn,
        employer=employer,
        employer_address=employer_address,
        occupation=occupation,
        language=language,
        language_note=note,
        year_arrived=year_arrived,
    )


RACES = {
    "hispanic": ("WHITE HISPANIC", "WHITE HISPANIC", "BLACK HISPANIC"),
    "black": ("BLACK",),
    "asian": ("ASIAN/PACIFIC ISLANDER",),
    "white": ("WHITE",),
}
_CULTURE_RACE = {
    "mexican": "hispanic",
    "central_american": "hispanic",
    "south_american": "hispanic",
    "caribbean": "hispanic",
    "haitian": "black",
    "cuban": "hispanic",
    "african_american": "black",
    "west_african": "black",
    "east_african": "black",
    "south_asian": "asian",
    "chinese": "asian",
    "korean": "asian",
    "vietnamese": "asian",
    "filipino": "asian",
}


RACE_CODES = {
    "WHITE HISPANIC": "WWH",
    "BLACK HISPANIC": "BWH",
    "BLACK": "BLK",
    "ASIAN/PACIFIC ISLANDER": "API",
    "WHITE": "WHI",
}


def race_of(p: Person) -> str:
    """A records-system race code; the seed for the choice is the person's name (stable)."""
    options = RACES[_CULTURE_RACE.get(p.culture, "white")]
    return options[sum(map(ord, p.surname)) % len(options)]


def physical(p: Person) -> tuple[str, str, str, str]:
    """Height, weight, eyes, hair: stable filler derived from the name (not ground truth)."""
    h = sum(map(ord, p.given_all)) + 7 * len(p.surname)
    inches = (59 if p.sex == "F" else 63) + h % 11
    weight = (115 if p.sex == "F" else 140) + (h * 7) % 90
    eyes = ("BRO", "BLK", "HAZ", "BLU", "GRN")[h % 5 if p.culture in ("polish", "irish") else h % 3]
    hair = ("BLK", "BRO", "GRY", "BLN", "RED")[h % 3 if h % 7 else 3]
    return f"{inches // 12}'{inches % 12:02d}\"", str(weight), eyes, hair
