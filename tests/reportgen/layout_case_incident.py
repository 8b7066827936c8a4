"""Layout 5: a CPD-style original case incident report, shaded label cells left of the values,
one block per person (victims first, then the offender), officers in a table at the end."""

from __future__ import annotations

import random

from . import blocks as B
from .case import Case, Person, Val, physical, race_of
from .groups import co_arrestee_table
from .narrative import Narr, _ssn, fmt, join
from .render import Doc, Segs

FAMILY = "cpd_case_incident"
TITLE = "Original Case Incident Report"
CHICAGO = True


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    font, bold = rng.choice((("helv", "hebo"), ("tiro", "tibo"), ("cour", "cobo")))
    size = rng.choice((8.0, 8.5, 9.0, 9.5))
    narr_font = rng.choice((font, font, "helv", "tiro", "cour"))
    narr_size = min(12.0, size + rng.choice((0.0, 0.5, 1.0, 2.0)))
    margin = rng.uniform(30, 42)
    x0, x1 = margin, 612 - margin
    cols = rng.choice((2, 2, 3))

    def header(d: Doc) -> None:
        d.text(x0, 40, ["CHICAGO POLICE DEPARTMENT"], bold, 12)
        title = "ORIGINAL CASE INCIDENT REPORT" + (" - CONTINUATION" if d.page_no else "")
        d.text(x0, 53, [title], bold, 9.5)
        d.rect((x1 - 150, 30, x1, 58), color=(0, 0, 0), width=0.8)
        d.text(x1 - 146, 39, ["RD NO."], bold, 6)
        d.text(x1 - 146, 52, [c.rd_val()], font, 11)
        if d.page_no:
            d.text(x1 - 160, 52, ["CB ", c.cb_val()], font, 8, align="right")
        d.hline(x0, x1, 63, 1.2)
        d.y = 69

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(x0, 772, ["CPD-11.388 (Rev. 2/20)"], font, 6.5)
        d.text(x1, 772, [f"Page {page} of {total}"], font, 6.5, align="right")

    doc = Doc(top=69, bottom=756, hyphenate=c.style.hyphenate)
    doc.on_new_page = header
    doc.footer = footer
    doc.new_page()

    def grid(fields: list[B.Field]) -> None:
        B.kv_grid(doc, fields, x0, x1, cols=cols, font=font, bold=bold, size=size)

    def section(title: str) -> None:
        B.heading(doc, title, x0, x1, style="underline", font=bold, size=9)

    section("INCIDENT")
    offense: Segs = join([[Val("CHARGE", "none", ch.combined)] for ch in c.charges], " / ")
    grid(
        [
            B.Field("OFFENSE", offense, 2),
            B.Field("DATE OF OCCURRENCE", [c.arrest_date()], 1),
            B.Field("TIME", [c.time()], 1),
            B.Field("ADDRESS OF OCCURRENCE", [c.location(exact=True)], 1),
            B.Field("LOCATION TYPE", [c.location_kind.split(" ", 1)[1].upper()], 1),
            B.Field("BEAT", [c.beat], 1),
            B.Field("ARRESTING AGENCY", [c.agency_val(rng.randrange(3))], 1),
        ]
    )

    def person_block(title: str, p: Person, extra: list[B.Field]) -> None:
        section(title)
        _, _, eyes, hair = physical(p)
        fields = [
            B.Field(
                "NAME (LAST, FIRST)", [c.name(p, rng.choice(("LAST, First", "LAST, FIRST")))], 1
            ),
            B.Field("SEX / RACE", [f"{p.sex} / {race_of(p)}"], 1),
        ]
        if rng.random() < 0.5 or p.role in ("arrestee", "co_arrestee"):
            fields.append(B.Field("DATE OF BIRTH", [c.dob(p)], 1))
        fields.append(B.Field("AGE", [c.age(p)], 1))
        if p.address:
            fields.append(B.Field("HOME ADDRESS", [c.address(p)], 2))
        if p.phone:
            fields.append(B.Field("PHONE", [c.phone(p)], 1))
        if p.relationship:
            fields.append(B.Field("RELATIONSHIP", [p.relationship.upper()], 1))
        if p.role in ("arrestee", "co_arrestee"):
            fields.append(B.Field("EYES / HAIR", [f"{eyes} / {hair}"], 1))
        grid(fields + extra)

    for i, v in enumerate(c.victims, 1):
        person_block(f"VICTIM {i}", v, [])

    p = c.arrestee
    extra = [B.Field("CB NO.", [c.cb_val()], 1)]
    if p.aliases:
        aka = join([[Val("ALIAS", "arrestee", a)] for a in p.aliases], "; ")
        extra.append(B.Field("ALIAS / NICKNAME", aka, 1))
    if p.email:
        extra.append(B.Field("E-MAIL", [Val("EMAIL", "arrestee", p.email)], 1))
    if p.tattoos:
        smt = join([[Val("TATTOOS", "arrestee", t)] for t in p.tattoos], ", ")
        extra.append(B.Field("SCARS / MARKS / TATTOOS", smt, 2))
    extra.append(B.Field("PLACE OF BIRTH", [c.pob(rng.randrange(4))], 1))
    if rng.random() < 0.6:
        extra.append(B.Field("CITIZENSHIP", [c.citizenship(rng.randrange(4))], 1))
    if c.language:
        extra.append(B.Field("LANGUAGE SPOKEN", [c.language_val(with_note=True)], 1))
    if c.license:
        kind = {"DL": "DRIVER'S LIC. NO.", "TVDL": "TVDL NO.", "ID": "STATE ID NO."}.get(
            c.license_kind, "DRIVER'S LIC. NO."
        )
        marking = " (FEDERAL LIMITS APPLY)" if c.license_kind == "FLA" else ""
        extra.append(B.Field(kind, [c.license_val(), marking], 1))
    if c.ssn:
        extra.append(B.Field("SOCIAL SECURITY NO.", [Val("SSN", "arrestee", _ssn(c))], 1))
    for key, cat, value in (
        ("IR NO.", "IR_NUMBER", c.ir),
        ("FBI NO.", "FBI_NUMBER", c.fbi),
        ("SID NO.", "SID", c.sid),
        ("PASSPORT NO.", "PASSPORT_NUMBER", c.passport),
        (
            "MATRICULA CONSULAR NO." if c.country.code == "MEX" else "CONSULAR ID NO.",
            "CONSULAR_ID",
            c.consular,
        ),
        ("I-94 NO." if c.visa_kind == "I-94" else "VISA FOIL NO.", "VISA_NUMBER", c.visa),
    ):
        if value:
            extra.append(B.Field(key, [Val(cat, "arrestee", value)], 1))
    if c.a_digits and rng.random() < 0.6:
        extra.append(B.Field("ALIEN REG. NO.", [c.a_number()], 1))
    if c.employer:
        extra.append(B.Field("EMPLOYER", [Val("EMPLOYER", "arrestee", c.employer)], 1))
        if c.employer_address:
            emp_addr = Val("EMPLOYER", "arrestee", c.employer_address)
            extra.append(B.Field("EMPLOYER ADDRESS", [emp_addr], 1))
    if c.vehicle:
        car = c.vehicle
        extra.append(B.Field("VEHICLE", [f"{car.color.upper()} {car.description.upper()}"], 1))
        extra.append(B.Field("LICENSE PLATE", [Val("VEHICLE_PLATE", "arrestee", car.plate)], 1))
        extra.append(B.Field("VIN", [Val("VIN", "arrestee", car.vin)], 1))
    if c.bond:
        extra.append(B.Field("BOND", [Val("BOND", "none", c.bond), f" {c.bond_type}"], 1))
    person_block("OFFENDER / ARRESTEE" if not c.juvenile else "JUVENILE OFFENDER", p, extra)

    if len(c.co_arrestees) >= 2 and rng.random() < 0.5:
        section("CO-OFFENDERS")
        co_arrestee_table(doc, c, rng, x0, x1, font=font, bold=bold, size=size)
    else:
        for i, co in enumerate(c.co_arrestees, 1):
            person_block(f"CO-OFFENDER {i}", co, [B.Field("CB NO.", [c.cb_val(co)], 1)])
    for i, w in enumerate(c.witnesses, 1):
        person_block(f"WITNESS {i}", w, [])
    if c.relatives and rng.random() < 0.5:
        section("PERSONS NOTIFIED")
        fields: list[B.Field] = []
        for r in c.relatives:
            fields.append(
                B.Field((r.relationship or "RELATIVE").upper(), [c.name(r, "First Last")], 1)
            )
            fields.append(B.Field("CONTACT", [c.phone(r)] if r.phone else ["NONE GIVEN"], 1))
        grid(fields)

    section("NARRATIVE")
    paras = n.incident() + n.interview()
    if rng.random() < 0.6:
        paras += n.processing()
    for para in paras:
        doc.para(para, x0, x1, narr_font, narr_size)

    section("OFFICERS")
    rows: list[list[Segs]] = [
        [
            ["ARRESTING" if i < 2 else "ASSISTING"],
            [c.officer_name(o, "LAST_FIRST")],
            [c.star(o)],
            [o.unit],
        ]
        for i, o in enumerate(c.officers)
    ]
    rows.append(
        [
            ["APPROVING SUPV."],
            [c.officer_name(c.approver, "LAST_FIRST")],
            [c.star(c.approver)],
            [c.approver.unit],
        ]
    )
    B.table(
        doc,
        x0,
        x1,
        [("ROLE", 1.6), ("NAME", 3), ("STAR", 1), ("UNIT", 1)],
        rows,
        font=font,
        bold=bold,
        size=size,
    )
    doc.para(
        fmt("Prepared by {o} on {d}.", o=n.officer(c.officers[0], "full"), d=c.date(c.report_date)),
        x0,
        x1,
        font,
        size,
    )
    return doc
