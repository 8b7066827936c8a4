"""Layout 4: a sheriff's or suburban department's OFFENSE/INCIDENT REPORT.

Different label wordings (D.O.B., POB, CTZ, DL#, SOC, SMT, EMPL, A#), coded victim and witness
tables (V1, W1), typewriter font, and often an ALL-CAPS narrative.
"""

from __future__ import annotations

import random

from . import blocks as B
from .case import Case, Person, Val, physical, race_of
from .groups import co_arrestee_table
from .narrative import Narr, Para, _ssn, fmt, join, upper
from .render import Doc, Segs

FAMILY = "county_incident"
TITLE = "Offense/Incident Report"
CHICAGO = False


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    regular, bold = rng.choice((("cour", "cobo"), ("cour", "cobo"), ("helv", "hebo")))
    size = rng.choice((8.0, 8.5, 9.0, 9.5, 10.0))
    caps = rng.random() < 0.65
    margin = rng.uniform(30, 40)
    x0, x1 = margin, 612 - margin
    agency = c.agency.upper()
    short = c.agency_short.upper()
    form_title = rng.choice(
        ("OFFENSE/INCIDENT REPORT", "INCIDENT/OFFENSE REPORT", "ARREST/INCIDENT REPORT")
    )
    rev = rng.choice(("REV. 03/19", "REV 7/2016", "REV. 11/21"))
    rng_case_label = rng.choice(("CASE #", "INCIDENT #", "REPORT NO.", "CASE NO."))
    rng_booking_label = rng.choice(("BOOKING #", "ARREST #", "BOOKING NO."))

    def prose(segs: Para) -> Para:
        return upper(segs) if caps else segs

    def header(d: Doc) -> None:
        d.text(x0, 40, [agency], bold, 11.5)
        d.text(x0, 50, [c.agency_address.upper()], regular, 7)
        d.text(x1, 40, [form_title], bold, 11, align="right")
        if d.page_no == 0:
            d.y = 58
            B.grid_row(
                d,
                [
                    B.Field(rng_case_label, [c.rd_val()], 1.4),
                    B.Field("REPORT DATE", [c.date(c.report_date)], 1.2),
                    B.Field(rng_booking_label, [c.cb_val()], 1.4),
                    B.Field("JUVENILE", ["Y" if c.juvenile else "N"], 0.6),
                    B.Field("CLEARANCE", ["ARREST"], 0.9),
                ],
                x0,
                x1,
                label_font=bold,
                value_font=regular,
                label_size=6,
                value_size=9,
            )
        else:
            d.text(x0, 62, [rng_case_label + " ", c.rd_val(), "   (CONTINUATION)"], bold, 8.5)
            d.text(x1, 62, [rng_booking_label + " ", c.cb_val()], bold, 8.5, align="right")
            d.hline(x0, x1, 67)
            d.y = 72

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(x0, 772, [f"{short} FORM 100 ({rev})"], regular, 6.5)
        d.text(x1, 772, [f"PAGE {page} OF {total}"], regular, 6.5, align="right")

    doc = Doc(top=72, bottom=756, hyphenate=c.style.hyphenate)
    doc.on_new_page = header
    doc.footer = footer
    doc.new_page()

    def section(title: str) -> None:
        doc.y += 2
        B.heading(doc, title, x0, x1, style="bar", font=bold, size=8.5)

    def irow(*fields: B.Field) -> None:
        B.inline_row(
            doc, fields, x0, x1, label_font=bold, value_font=regular, size=size, sep=": ", hang=6
        )

    section("OFFENSE(S)")
    rows: list[list[Segs]] = []
    for i, ch in enumerate(c.charges, 1):
        rows.append(
            [
                [str(i)],
                [Val("CHARGE", "none", ch.statute)],
                [Val("CHARGE", "none", ch.description)],
                [f"{ch.cls}{ch.typ}"],
            ]
        )
    B.table(
        doc,
        x0,
        x1,
        [("NO", 0.5), ("STATUTE/ORD", 2.5), ("OFFENSE", 6), ("CL", 0.7)],
        rows,
        font=regular,
        bold=bold,
        size=size,
        header_fill=None,
    )

    section("INCIDENT")
    B.grid_row(
        doc,
        [
            B.Field("DATE OCCURRED", [c.arrest_date()], 1.3),
            B.Field("TIME", [c.time()], 0.8),
            B.Field(
                rng.choice(("LOCATION", "LOC OF ARREST", "PLACE OF ARREST")),
                [c.location(exact=rng.random() < 0.5)],
                2.8,
            ),
            B.Field("ZONE/BEAT", [c.beat], 0.9),
            B.Field("R/O", n.officer(c.officers[0], "initial"), 2.2),
        ],
        x0,
        x1,
        label_font=bold,
        value_font=regular,
        label_size=6,
        value_size=size + 0.5,
    )

    group_table = len(c.co_arrestees) >= 2 and rng.random() < 0.6
    subjects: list[Person] = [c.arrestee] + ([] if group_table else c.co_arrestees)
    for k, p in enumerate(subjects, 1):
        section(f"SUBJECT/ARRESTEE #{k}")
        hgt, wgt, eyes, hair = physical(p)
        name = c.name(p, rng.choice(("LAST, FIRST", "LAST, First")))
        first: list[B.Field] = [B.Field("NAME", [name], 2.6)]
        if p.aliases:
            first.append(
                B.Field("AKA", join([[Val("ALIAS", p.role, a)] for a in p.aliases], ", "), 1.6)
            )
        irow(*first)
        irow(
            B.Field("D.O.B.", [c.dob(p)], 1.6),
            B.Field("AGE", [c.age(p)], 0.8),
            B.Field("SEX", [p.sex], 0.7),
            B.Field("RACE", [race_of(p)[0]], 0.8),
            B.Field("HT", [hgt], 0.8),
            B.Field("WT", [wgt], 0.8),
        )
        if p.address:
            irow(B.Field(rng.choice(("ADDR", "RES", "HOME ADDR")), [c.address(p)], 1))
        if p is not c.arrestee:
            irow(
                B.Field(rng_booking_label, [c.cb_val(p)], 1),
                B.Field("EYES/HAIR", [f"{eyes}/{hair}"], 1),
            )
            if p.tattoos:
                irow(
                    B.Field("SMT", join([[Val("TATTOOS", p.role, t)] for t in p.tattoos], "; "), 1)
                )
            continue
        contact: list[B.Field] = []
        if p.phone:
            contact.append(B.Field(rng.choice(("PH", "PH#", "CELL")), [c.phone(p)], 1))
        if p.email:
            contact.append(B.Field("EMAIL", [Val("EMAIL", "arrestee", p.email)], 1.4))
        if contact:
            irow(*contact)
        origin = [
            B.Field("POB", [c.pob(rng.choice((1, 2, 3)))], 1.6),
            B.Field(
                rng.choice(("CTZ", "CITZ", "CIT")), [c.citizenship(rng.choice((1, 1, 2)))], 0.8
            ),
        ]
        if c.a_digits:
            origin.append(B.Field(rng.choice(("A#", "ALIEN #", "A-NUMBER")), [c.a_number()], 1.1))
        irow(*origin)
        ids: list[B.Field] = []
        if c.license:
            label = {"DL": "DL#", "TVDL": "DL# (TVDL)", "ID": "ID#", "FLA": "DL#"}[c.license_kind]
            marking = " FED LIMITS APPLY" if c.license_kind == "FLA" else ""
            ids.append(B.Field(label, [c.license_val(), marking, " ST: IL"], 1.6))
        if c.ssn:
            ids.append(B.Field("SOC", [Val("SSN", "arrestee", _ssn(c))], 1))
        if c.passport:
            ids.append(
                B.Field(
                    "PPT#",
                    [
                        Val("PASSPORT_NUMBER", "arrestee", c.passport),
                        " (",
                        Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.country.code),
                        ")",
                    ],
                    1.3,
                )
            )
        if ids:
            irow(*ids)
        nums: list[B.Field] = []
        if c.sid:
            nums.append(B.Field("SID", [Val("SID", "arrestee", c.sid)], 1))
        if c.fbi:
            nums.append(B.Field("FBI", [Val("FBI_NUMBER", "arrestee", c.fbi)], 1))
        if c.consular:
            label = rng.choice(("MATRICULA", "MCAS")) if c.country.code == "MEX" else "CONS ID"
            nums.append(B.Field(label, [Val("CONSULAR_ID", "arrestee", c.consular)], 1))
        if c.visa:
            label = "I-94#" if c.visa_kind == "I-94" else f"VISA ({c.visa_kind})"
            nums.append(B.Field(label, [Val("VISA_NUMBER", "arrestee", c.visa)], 1))
        if nums:
            irow(*nums)
        if p.tattoos:
            irow(
                B.Field("SMT", join([[Val("TATTOOS", "arrestee", t)] for t in p.tattoos], "; "), 1)
            )
        if c.employer:
            work = [B.Field("EMPL", [Val("EMPLOYER", "arrestee", c.employer.upper())], 1.5)]
            if c.occupation:
                work.append(B.Field("OCC", [c.occupation.upper()], 1))
            irow(*work)
            if c.employer_address:
                irow(
                    B.Field(
                        "EMPL ADDR", [Val("EMPLOYER", "arrestee", c.employer_address.upper())], 1
                    )
                )
        if c.language:
            lang = [B.Field("LANG", [Val("LANGUAGE", "arrestee", c.language.upper())], 1)]
            lang.append(B.Field("INTERP", ["Y" if c.language_note else "N"], 0.6))
            if c.interpreter and rng.random() < 0.5:
                lang.append(B.Field("BY", n.officer(c.interpreter, "initial", star=False), 1))
            if c.status_short and rng.random() < 0.3:
                lang.append(
                    B.Field(
                        "IMM STAT", [Val("IMMIGRATION_STATUS", "arrestee", c.status_short)], 1.2
                    )
                )
            irow(*lang)
        if c.bond:
            irow(
                B.Field("BOND", [Val("BOND", "none", c.bond), f" ({c.bond_type})"], 1),
                B.Field("HELD AT", [short], 1),
            )

    def people_table(title: str, code: str, people: list[Person]) -> None:
        if not people:
            return
        section(title)
        rows: list[list[Segs]] = []
        for i, person in enumerate(people, 1):
            rows.append(
                [
                    [f"{code}{i}"],
                    [c.name(person, rng.choice(("LAST, FIRST", "LAST, First")))],
                    [c.dob(person)],
                    [c.address(person)] if person.address else ["UNK"],
                    [c.phone(person)] if person.phone else [],
                ]
            )
        B.table(
            doc,
            x0,
            x1,
            [
                ("CODE", 0.7),
                ("NAME (LAST, FIRST)", 2.8),
                ("D.O.B.", 1.4),
                ("ADDRESS", 4.2),
                ("PHONE", 1.7),
            ],
            rows,
            font=regular,
            bold=bold,
            size=size,
            header_fill=None,
        )

    if group_table:
        section(rng.choice(("CO-ARRESTEES", "ADDITIONAL ARRESTEES", "CO-DEFENDANTS")))
        co_arrestee_table(
            doc, c, rng, x0, x1, font=regular, bold=bold, size=size, header_fill=None, caps=caps
        )
    people_table("VICTIM(S)", "V", c.victims)
    people_table("WITNESS(ES)", "W", c.witnesses)
    if c.relatives and rng.random() < 0.6:
        section("OTHER PERSONS / NOTIFIED")
        other_rows: list[list[Segs]] = [
            [
                ["OT"],
                [c.name(r, "LAST, FIRST")],
                [(r.relationship or "").upper()],
                [c.phone(r)] if r.phone else [],
                [c.address(r)] if r.address else [],
            ]
            for r in c.relatives
        ]
        B.table(
            doc,
            x0,
            x1,
            [("CODE", 0.7), ("NAME", 2.8), ("RELATION", 1.4), ("PHONE", 1.7), ("ADDRESS", 4.2)],
            other_rows,
            font=regular,
            bold=bold,
            size=size,
            header_fill=None,
        )
    if c.vehicle:
        v = c.vehicle
        section("VEHICLE")
        irow(
            B.Field("YR/MAKE/MODEL", [v.description.upper()], 1.6),
            B.Field("COLOR", [v.color.upper()], 0.8),
            B.Field("LP#", [Val("VEHICLE_PLATE", "arrestee", v.plate), " IL"], 1),
        )
        irow(B.Field("VIN", [Val("VIN", "arrestee", v.vin)], 1))

    section("NARRATIVE")
    paras = n.incident() + (n.canvass() if rng.random() < 0.3 else [])
    paras += n.interview() + n.notifications()
    if rng.random() < 0.5:
        paras += n.processing()
    paras += n.disposition()
    for para in paras:
        doc.para(prose(para), x0, x1, regular, size, leading=size * 1.3)
    doc.y += 6
    sign: Segs = fmt(
        "REPORTING OFFICER: {o}    SUPERVISOR APPROVAL: {s}",
        o=n.officer(c.officers[0], rng.choice(("initial", "LAST_FIRST"))),
        s=n.officer(c.approver, "initial"),
    )
    doc.para(prose(list(sign)), x0, x1, bold, size)
    return doc
