"""Layout 2: the same facts as "LABEL: value" rows in two columns, grouped in sections."""

from __future__ import annotations

import random
from typing import ClassVar

from . import blocks as B
from .case import Case, Person, Val, physical, race_of
from .groups import co_arrestee_table
from .narrative import Narr, Para, _ssn, fmt, join
from .render import Doc, Segs

FAMILY = "cpd_inline_summary"
TITLE = "Arrest Report"
CHICAGO = True

FONTS = (("helv", "hebo"), ("tiro", "tibo"), ("cour", "cobo"))


class Labels:
    """Label wording for one document: a variant per field, in upper or title case."""

    VARIANTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "name": ("NAME", "ARRESTEE", "ARRESTEE NAME", "SUBJECT"),
        "aka": ("AKA", "ALIAS", "ALSO KNOWN AS"),
        "dob": ("DATE OF BIRTH", "DOB", "D.O.B.", "BIRTHDATE"),
        "age": ("AGE",),
        "sex": ("SEX",),
        "race": ("RACE",),
        "hw": ("HT/WT", "HEIGHT/WEIGHT"),
        "address": ("HOME ADDRESS", "RESIDENCE", "ADDRESS", "RES. ADDR"),
        "phone": ("PHONE", "TEL", "HOME PHONE", "CONTACT NO."),
        "email": ("EMAIL", "E-MAIL"),
        "pob": ("PLACE OF BIRTH", "POB", "BIRTHPLACE", "BORN IN"),
        "ctz": ("CITIZENSHIP", "CTZ", "COUNTRY OF CITIZENSHIP", "CITIZEN OF"),
        "nat": ("NATIONALITY",),
        "lang": ("LANGUAGE", "PRIMARY LANGUAGE", "LANG/INTERPRETER"),
        "smt": ("SCARS/MARKS/TATTOOS", "SMT", "S/M/T", "TATTOOS"),
        "employer": ("EMPLOYER", "PLACE OF EMPLOYMENT", "WORKS AT"),
        "emp_addr": ("EMPLOYER ADDRESS", "BUSINESS ADDRESS", "WORK ADDRESS"),
        "occupation": ("OCCUPATION",),
        "cb": ("CB NO", "CB #", "CENTRAL BOOKING NO"),
        "ir": ("IR NO", "IR #", "I.R. #"),
        "fbi": ("FBI NO", "FBI #"),
        "sid": ("SID NO", "STATE ID (SID)", "ISP SID"),
        "dl": ("DRIVER'S LICENSE", "DL #", "IL DL"),
        "tvdl": ("TVDL #", "IL TVDL", "DL (TVDL)", "TEMP VISITOR DL"),
        "stateid": ("STATE ID CARD", "IL ID #"),
        "ssn": ("SSN", "SOCIAL SECURITY NO"),
        "anum": ("A-NUMBER", "ALIEN REG #", "A#", "A-FILE", "ALIEN REGISTRATION NO."),
        "passport": ("PASSPORT NO", "PASSPORT #", "PASSPORT"),
        "consular": ("CONSULAR ID", "MATRICULA #", "CONSULAR CARD NO", "MATRICULA CONSULAR"),
        "visa": ("VISA NO", "VISA/I-94 #", "VISA FOIL NO", "I-94 NO"),
        "status": ("IMMIGRATION STATUS", "IMM. STATUS (SELF-REPORTED)", "STATUS"),
        "date": ("ARREST DATE", "DATE OF ARREST"),
        "time": ("TIME", "ARREST TIME"),
        "location": ("LOCATION", "ARREST LOCATION", "PLACE OF ARREST"),
        "beat": ("BEAT", "BEAT OF ARREST"),
        "agency": ("ARRESTING AGENCY", "AGENCY"),
        "bond": ("BOND", "BOND AMOUNT", "BAIL"),
        "plate": ("PLATE", "LIC PLATE", "REGISTRATION"),
        "vin": ("VIN",),
        "vehicle": ("VEHICLE", "VEH"),
    }

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.title_case = rng.random() < 0.35
        self.chosen = {k: rng.choice(v) for k, v in self.VARIANTS.items()}

    def __getitem__(self, key: str) -> str:
        text = self.chosen[key]
        if self.title_case and not any(ch in text for ch in "#.()/") and len(text) > 3:
            return text.title().replace("'S", "'s")
        return text


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    L = Labels(rng)
    regular, bold = rng.choice(FONTS)
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    narr_size = min(12.0, size + rng.choice((0.0, 0.0, 0.5, 1.0, 1.5)))
    margin = rng.uniform(40, 54)
    x0, x1 = margin, 612 - margin
    sep = rng.choice((": ", ": ", " - ", ":  "))
    heading_style = rng.choice(("bar", "underline", "plain"))
    title = rng.choice(("ARREST REPORT", "ARRESTEE INFORMATION SUMMARY", "ARREST/BOOKING SUMMARY"))
    if c.juvenile:
        title = "JUVENILE " + title
    rd_label = rng.choice(("RD NO", "RD #", "RECORDS DIV NO"))
    subtitle = rng.choice(
        ("Records Division", "Central Booking", "Bureau of Patrol", "Arrest Processing")
    )

    def header(d: Doc) -> None:
        d.text(306, 42, ["CHICAGO POLICE DEPARTMENT"], bold, 12, align="center")
        d.text(306, 54, [subtitle], regular, 8, align="center")
        d.text(306, 68, [title + (" (CONT.)" if d.page_no else "")], bold, 10.5, align="center")
        d.text(x0, 84, [L["cb"] + sep, c.cb_val()], bold, 8.5)
        d.text(x1, 84, [rd_label, sep, c.rd_val()], bold, 8.5, align="right")
        d.hline(x0, x1, 89)
        d.y = 95

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(x0, 772, [f"Printed {c.date(c.report_date)}"], regular, 6.5)
        d.text(x1, 772, [f"Page {page} of {total}"], regular, 6.5, align="right")

    doc = Doc(top=95, bottom=756, hyphenate=c.style.hyphenate)
    doc.on_new_page = header
    doc.footer = footer
    doc.new_page()

    def row(*fields: B.Field) -> None:
        B.inline_row(doc, fields, x0, x1, label_font=bold, value_font=regular, size=size, sep=sep)

    def rows(fields: list[B.Field]) -> None:
        """Two fields a row; a long value takes the whole row."""
        pending: list[B.Field] = []
        for f in fields:
            if f.weight >= 2:
                if pending:
                    row(*pending, B.Field("", [], 1))
                    pending = []
                row(f)
            else:
                pending.append(f)
                if len(pending) == 2:
                    row(*pending)
                    pending = []
        if pending:
            row(*pending, B.Field("", [], 1))

    def section(text: str) -> None:
        doc.y += 3
        B.heading(doc, text, x0, x1, style=heading_style, font=bold, size=9)

    p = c.arrestee
    hgt, wgt, _, _ = physical(p)
    subject = [
        B.Field(
            L["name"], [c.name(p, rng.choice(("LAST, First", "LAST, FIRST", "Last, First")))], 1
        ),
        B.Field(L["dob"], [c.dob(p)], 1),
        B.Field(L["age"], [c.age(p)], 1),
        B.Field(L["sex"] + "/" + L["race"], [f"{p.sex}/{race_of(p)}"], 1),
        B.Field(L["pob"], [c.pob(rng.randrange(4))], 1),
    ]
    if rng.random() < 0.5:
        subject.append(B.Field(L["hw"], [f"{hgt} / {wgt} lbs"], 1))
    if rng.random() < 0.5 or c.us_born:
        subject.append(B.Field(L["ctz"], [c.citizenship(rng.randrange(4))], 1))
    else:
        subject.append(B.Field(L["nat"], [c.nationality(upper=rng.random() < 0.5)], 1))
    if p.aliases:
        subject.append(
            B.Field(L["aka"], join([[Val("ALIAS", "arrestee", a)] for a in p.aliases], "; "), 1)
        )
    if p.address:
        subject.append(B.Field(L["address"], [c.address(p)], 2))
    if p.phone:
        subject.append(B.Field(L["phone"], [c.phone(p)], 1))
    if p.email:
        subject.append(B.Field(L["email"], [Val("EMAIL", "arrestee", p.email)], 1))
    if c.language:
        subject.append(B.Field(L["lang"], [c.language_val(with_note=rng.random() < 0.7)], 1))
    if p.tattoos:
        subject.append(
            B.Field(L["smt"], join([[Val("TATTOOS", "arrestee", t)] for t in p.tattoos], ", "), 2)
        )
    if c.employer:
        subject.append(B.Field(L["employer"], [Val("EMPLOYER", "arrestee", c.employer)], 1))
        if c.occupation and rng.random() < 0.5:
            subject.append(B.Field(L["occupation"], [c.occupation.upper()], 1))
        if c.employer_address:
            subject.append(
                B.Field(L["emp_addr"], [Val("EMPLOYER", "arrestee", c.employer_address)], 1)
            )
    head, rest = subject[:1], subject[1:]
    rng.shuffle(rest)
    section(rng.choice(("ARRESTEE", "SUBJECT INFORMATION", "ARRESTEE INFORMATION")))
    rows(head + rest)

    ids: list[B.Field] = [B.Field(L["cb"], [c.cb_val()], 1)]
    if c.ir:
        ids.append(B.Field(L["ir"], [Val("IR_NUMBER", "arrestee", c.ir)], 1))
    if c.fbi:
        ids.append(B.Field(L["fbi"], [Val("FBI_NUMBER", "arrestee", c.fbi)], 1))
    if c.sid:
        ids.append(B.Field(L["sid"], [Val("SID", "arrestee", c.sid)], 1))
    if c.license:
        key = {"DL": "dl", "TVDL": "tvdl", "ID": "stateid", "FLA": "dl"}[c.license_kind]
        marking = " (Federal Limits Apply)" if c.license_kind == "FLA" else ""
        ids.append(B.Field(L[key], [c.license_val(), marking], 1))
    if c.ssn:
        ids.append(B.Field(L["ssn"], [Val("SSN", "arrestee", _ssn(c))], 1))
    if c.a_digits:
        ids.append(B.Field(L["anum"], [c.a_number()], 1))
    if c.passport:
        ids.append(
            B.Field(
                L["passport"],
                [
                    Val("PASSPORT_NUMBER", "arrestee", c.passport),
                    " (",
                    Val("COUNTRY_OF_CITIZENSHIP", "arrestee", rng.choice(c.country_words())),
                    ")",
                ],
                1,
            )
        )
    if c.consular:
        ids.append(B.Field(L["consular"], [Val("CONSULAR_ID", "arrestee", c.consular)], 1))
    if c.visa:
        visa: Para = [Val("VISA_NUMBER", "arrestee", c.visa)]
        if c.visa_kind != "I-94" and rng.random() < 0.5:
            visa += [f" ({c.visa_kind})"]
        ids.append(B.Field(L["visa"], visa, 1))
    if c.status_short and rng.random() < 0.35:
        ids.append(B.Field(L["status"], [Val("IMMIGRATION_STATUS", "arrestee", c.status_short)], 1))
    rng.shuffle(ids)
    section(rng.choice(("IDENTIFIERS", "IDENTIFICATION NUMBERS", "RECORDS / IDENTIFICATION")))
    rows(ids)

    section(rng.choice(("ARREST", "ARREST DETAILS", "ARREST INFORMATION")))
    arrest = [
        B.Field(L["date"], [c.arrest_date()], 1),
        B.Field(L["time"], [c.time()], 1),
        B.Field(L["location"], [c.location()], 1),
        B.Field(L["beat"], [c.beat], 1),
        B.Field(L["agency"], [c.agency_val(rng.randrange(3))], 1),
    ]
    if c.bond:
        arrest.append(B.Field(L["bond"], [Val("BOND", "none", c.bond), f" {c.bond_type}"], 1))
    for i, o in enumerate(c.officers):
        label = "ARRESTING OFFICER" if i < 2 else "ASSISTING OFFICER"
        arrest.append(B.Field(label if not L.title_case else label.title(), n.officer(o), 1))
    rows(arrest)

    section("CHARGES")
    for i, ch in enumerate(c.charges, 1):
        if rng.random() < 0.5:
            segs: Para = [
                f"{i}. ",
                Val("CHARGE", "none", ch.combined),
                f" (Class {ch.cls} {ch.typ})",
            ]
        else:
            segs = [
                f"{i}. ",
                Val("CHARGE", "none", ch.statute),
                "  ",
                Val("CHARGE", "none", ch.description),
            ]
        doc.para(segs, x0, x1, regular, size, space_after=1)

    if c.vehicle:
        v = c.vehicle
        section("VEHICLE")
        rows(
            [
                B.Field(L["vehicle"], [f"{v.color.upper()} {v.description.upper()}"], 1),
                B.Field(L["plate"], [Val("VEHICLE_PLATE", "arrestee", v.plate), " (IL)"], 1),
                B.Field(L["vin"], [Val("VIN", "arrestee", v.vin)], 1),
            ]
        )

    people: list[tuple[str, Person]] = (
        [("VICTIM", v) for v in c.victims]
        + [("WITNESS", w) for w in c.witnesses]
        + [((r.relationship or "RELATIVE").upper(), r) for r in c.relatives]
    )
    group_table = len(c.co_arrestees) >= 2 and rng.random() < 0.7
    if not group_table:
        people += [("CO-ARRESTEE", co) for co in c.co_arrestees]
    if people:
        section(rng.choice(("RELATED PERSONS", "OTHER PERSONS", "VICTIMS / WITNESSES / CONTACTS")))
        for role_label, person in people:
            fields = [
                B.Field(role_label, [c.name(person, rng.choice(("LAST, First", "First Last")))], 1)
            ]
            if person.cb:
                fields.append(B.Field("CB NO", [c.cb_val(person)], 1))
            if person.role != "relative" or rng.random() < 0.4:
                fields.append(B.Field(L["dob"], [c.dob(person)], 1))
            if person.address:
                fields.append(B.Field(L["address"], [c.address(person)], 2))
            if person.phone:
                fields.append(B.Field(L["phone"], [c.phone(person)], 1))
            if person.citizenship:
                fields.append(
                    B.Field(
                        L["ctz"],
                        [Val("COUNTRY_OF_CITIZENSHIP", person.role, person.citizenship)],
                        1,
                    )
                )
            rows(fields)
            doc.y += 3

    if group_table:
        section(rng.choice(("CO-ARRESTEES", "OTHER ARRESTEES", "CO-OFFENDERS")))
        co_arrestee_table(doc, c, rng, x0, x1, font=regular, bold=bold, size=size)

    section(rng.choice(("NARRATIVE", "NARRATIVE / CIRCUMSTANCES", "SYNOPSIS")))
    paras = n.incident() + n.interview()
    if rng.random() < 0.5:
        paras += n.notifications()
    if rng.random() < 0.5:
        paras += n.processing()
    for para in paras:
        doc.para(para, x0, x1, regular, narr_size)
    doc.y += 6
    sign: Segs = fmt(
        "{a}: {o}      {b}: {s}",
        a="Arresting Officer" if L.title_case else "ARRESTING OFFICER",
        o=n.officer(c.officers[0], rng.choice(("full", "initial"))),
        b="Approved" if L.title_case else "APPROVED",
        s=n.officer(c.approver, "full"),
    )
    doc.para(sign, x0, x1, regular, size)
    return doc
