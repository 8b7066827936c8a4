"""Layout 1: a CPD-style arrest report form, labels above values in a boxed grid."""

from __future__ import annotations

import random

from . import blocks as B
from .case import Case, Val, physical, race_of
from .groups import co_arrestee_table
from .narrative import Narr, Para, fmt, join
from .render import Doc, Segs

FAMILY = "cpd_arrest_form"
TITLE = "Arrest Report"
CHICAGO = True


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def arrestee_fields(c: Case, rng: random.Random) -> list[list[B.Field]]:
    """Field groups of the arrestee block, each group shuffled and some fields optional."""
    p = c.arrestee
    hgt, wgt, eyes, hair = physical(p)
    name_form = rng.choice(("LAST, FIRST", "LAST, First", "LAST, FIRST"))
    first_row = [
        B.Field(
            _pick(rng, "NAME (LAST, FIRST M)", "ARRESTEE NAME", "NAME"), [c.name(p, name_form)], 3.4
        )
    ]
    if p.aliases:
        first_row.append(
            B.Field(
                _pick(rng, "AKA", "ALIAS(ES)", "A.K.A."),
                join([[Val("ALIAS", "arrestee", a)] for a in p.aliases], ", "),
                2.4,
            )
        )
    first_row += [B.Field("SEX", [p.sex], 0.6), B.Field("RACE", [race_of(p)], 1.6)]

    ident: list[B.Field] = [
        B.Field(_pick(rng, "DOB", "D.O.B.", "DATE OF BIRTH", "BIRTH DATE"), [c.dob(p)], 1.4),
        B.Field("AGE", [c.age(p)], 0.6),
        B.Field(
            _pick(rng, "PLACE OF BIRTH", "POB", "BIRTHPLACE", "CITY/COUNTRY OF BIRTH"),
            [c.pob(rng.randrange(4))],
            2.6,
        ),
        B.Field(
            _pick(rng, "CITIZENSHIP", "CTZ", "COUNTRY OF CITIZENSHIP"),
            [c.citizenship(rng.randrange(4))],
            1.4,
        ),
    ]
    if rng.random() < 0.7:
        ident += [
            B.Field("HGT", [hgt], 0.7),
            B.Field("WGT", [wgt], 0.7),
            B.Field("EYES", [eyes], 0.6),
            B.Field("HAIR", [hair], 0.6),
        ]
    ids: list[B.Field] = []
    if c.license or rng.random() < 0.5:
        label = "TVDL#/STATE" if c.license_kind == "TVDL" and rng.random() < 0.5 else "DL#/STATE"
        segs: Segs = [c.license_val(), "/IL"] if c.license else ["NONE"]
        if c.license_kind == "FLA":
            segs = [*segs, " FEDERAL LIMITS APPLY"]
        ids.append(B.Field(label, segs, 1.9))
    if c.ssn or rng.random() < 0.4:
        from .narrative import _ssn

        ids.append(
            B.Field(
                _pick(rng, "SSN", "SOC. SEC. #"),
                [Val("SSN", "arrestee", _ssn(c))] if c.ssn else [],
                1.3,
            )
        )
    other: list[Para] = []
    if c.consular and rng.random() < 0.7:
        mex = c.country.code == "MEX"
        label = rng.choice(("MATRICULA #", "MATRÍCULA CONSULAR ", "MCAS ")) if mex else "CONS ID "
        other.append([label, Val("CONSULAR_ID", "arrestee", c.consular)])
    if c.a_digits and rng.random() < 0.7:
        other.append([rng.choice(("A# ", "A-NUMBER: ", "ALIEN REG ")), c.a_number()])
    if c.passport and rng.random() < 0.6:
        pp = Val("PASSPORT_NUMBER", "arrestee", c.passport)
        code = Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.country.code)
        other.append(["PPT ", code, " ", pp] if rng.random() < 0.6 else ["PASSPORT ", pp])
    if c.visa and rng.random() < 0.7:
        other.append(c.visa_prose() if rng.random() < 0.5 else ["VISA/I-94 ", c.visa_prose()[1]])
    if other:
        ids.append(B.Field("OTHER ID", join(other, "; "), 2.8))
    ids.append(
        B.Field(
            _pick(rng, "IR #", "IR NO."),
            [Val("IR_NUMBER", "arrestee", c.ir)] if c.ir else ["PENDING"],
            1.2,
        )
    )
    ids.append(B.Field("FBI #", [Val("FBI_NUMBER", "arrestee", c.fbi)] if c.fbi else ["NONE"], 1.2))
    if c.sid or rng.random() < 0.5:
        ids.append(B.Field("SID #", [Val("SID", "arrestee", c.sid)] if c.sid else ["NONE"], 1.3))
    if rng.random() < 0.6:
        ids.append(B.Field("CB #", [c.cb_val()], 1.2))
    if rng.random() < 0.5:
        ids.append(B.Field("RD #", [c.rd_val()], 1.2))

    contact: list[B.Field] = []
    if p.address:
        contact.append(
            B.Field(_pick(rng, "RESIDENCE", "HOME ADDRESS", "ADDRESS"), [c.address(p)], 4.2)
        )
    if p.phone:
        contact.append(B.Field(_pick(rng, "PHONE", "TELEPHONE", "CELL PHONE"), [c.phone(p)], 1.5))
    if p.email:
        contact.append(
            B.Field(_pick(rng, "EMAIL", "E-MAIL ADDRESS"), [Val("EMAIL", "arrestee", p.email)], 2.5)
        )
    if p.tattoos or rng.random() < 0.5:
        contact.append(
            B.Field(
                _pick(rng, "SCARS/MARKS/TATTOOS (SMT)", "SMT", "IDENTIFYING MARKS"),
                join([[Val("TATTOOS", "arrestee", t)] for t in p.tattoos], " ; ")
                or ["NONE OBSERVED"],
                3.4,
            )
        )
    if c.employer:
        contact.append(
            B.Field(
                _pick(rng, "EMPLOYER", "EMPLOYER/OCCUPATION"),
                [Val("EMPLOYER", "arrestee", c.employer)],
                2.4,
            )
        )
        if c.employer_address and rng.random() < 0.6:
            contact.append(
                B.Field("EMPLOYER ADDRESS", [Val("EMPLOYER", "arrestee", c.employer_address)], 2.4)
            )
    if c.language:
        contact.append(
            B.Field(
                _pick(rng, "LANGUAGE / INTERPRETER", "PRIMARY LANGUAGE", "INTERPRETER (LANGUAGE)"),
                [c.language_val(with_note=True)],
                2.6,
            )
        )
    if c.relatives and rng.random() < 0.7:
        r = c.relatives[0]
        segs = [
            c.name(r, rng.choice(("First Last", "LAST, First"))),
            f" ({(r.relationship or '').upper()})",
        ]
        if r.phone:
            segs += [" ", c.phone(r)]
        contact.append(B.Field("EMERGENCY CONTACT", segs, 3.6))

    arrest: list[B.Field] = [
        B.Field("ARREST DATE", [c.arrest_date()], 1.3),
        B.Field("TIME", [c.time()], 0.8),
        B.Field(_pick(rng, "ARREST LOCATION", "LOCATION OF ARREST"), [c.location()], 2.8),
        B.Field("BEAT", [c.beat], 0.6),
        B.Field(_pick(rng, "ARRESTING AGENCY", "AGENCY"), [c.agency_val(rng.randrange(3))], 2.3),
    ]
    if rng.random() < 0.5:
        arrest.append(B.Field("DIST", [c.district], 0.6))
    groups = [ident, ids, contact, arrest]
    for g in groups:
        rng.shuffle(g)
    rng.shuffle(groups)
    return [first_row, *groups]


def pack(fields: list[B.Field], rng: random.Random) -> list[list[B.Field]]:
    rows: list[list[B.Field]] = []
    row: list[B.Field] = []
    cap = rng.uniform(6.5, 8.5)
    for f in fields:
        if row and sum(x.weight for x in row) + f.weight > cap:
            rows.append(row)
            row = []
            cap = rng.uniform(6.5, 8.5)
        row.append(f)
    if row:
        rows.append(row)
    return rows


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    margin = rng.uniform(32, 44)
    x0, x1 = margin, 612 - margin
    title = _pick(
        rng,
        "ARREST REPORT",
        "ARREST REPORT (CLEAR)",
        "ADULT ARREST REPORT",
        "ARREST/BOOKING REPORT",
    )
    if c.juvenile:
        title = _pick(rng, "JUVENILE ARREST REPORT", "ARREST REPORT - JUVENILE")
    cb_label = _pick(rng, "CB #:", "CB No.", "CB#")
    rd_label = _pick(rng, "RD #:", "RD No.", "RD#")
    heading_style = rng.choice(("bar", "underline", "plain"))
    form_no = _pick(rng, "CPD-11.420", "CPD-11.420 (Rev. 6/17)", "CPD-11.420-A")

    def header(d: Doc) -> None:
        d.text(x0, 40, ["CHICAGO POLICE DEPARTMENT"], "hebo", 13)
        d.text(x0, 51, ["3510 South Michigan Avenue, Chicago, Illinois 60653"], "helv", 7)
        d.text(x0, 66, [title + (" (CONTINUED)" if d.page_no else "")], "hebo", 11)
        rx = x1 - 175
        d.text(rx, 38, [cb_label + " ", c.cb_val()], "hebo", 8.5)
        d.text(rx, 49, [rd_label + " ", c.rd_val()], "helv", 8.5)
        if d.page_no == 0:
            d.text(rx, 60, ["Event #: " + c.event_no], "helv", 8.5)
        d.hline(x0, x1, 74, 0.9)
        d.y = 80

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(306, 770, [f"{form_no}  -  Page {page} of {total}"], "helv", 6.5, align="center")

    doc = Doc(top=80, bottom=752)
    doc.on_new_page = header
    doc.new_page()

    label_size = rng.choice((5.6, 6.0, 6.4))
    value_size = rng.choice((8.5, 9.0, 9.5, 10.0, 10.5))
    value_font = rng.choice(("helv", "helv", "tiro", "cour"))
    table_size = rng.choice((8.0, 8.5, 9.0, 9.5))
    # the narrative is often typed into the form by another program, in its own font and size
    narr_font = rng.choice(("helv", "helv", "tiro", "cour"))
    narr_size = rng.choice((8.5, 9.0, 9.5, 10.0, 10.5, 11.0))
    doc.hyphenate = c.style.hyphenate
    groups = arrestee_fields(c, rng)

    def grid_row(fields: list[B.Field]) -> None:
        B.grid_row(
            doc,
            fields,
            x0,
            x1,
            label_size=label_size,
            value_size=value_size,
            value_font=value_font,
        )

    grid_row(groups[0])
    for row in pack([f for g in groups[1:] for f in g], rng):
        grid_row(row)

    if c.vehicle:
        v = c.vehicle
        grid_row(
            [
                B.Field("VEHICLE", [f"{v.description} ({v.color.upper()})"], 2.6),
                B.Field(
                    _pick(rng, "LIC PLATE/ST", "PLATE #"),
                    [Val("VEHICLE_PLATE", "arrestee", v.plate), " IL"],
                    1.6,
                ),
                B.Field("VIN", [Val("VIN", "arrestee", v.vin)], 2.4),
            ]
        )

    doc.y += 6
    B.heading(doc, "CHARGES", x0, x1, style=heading_style)
    rows: list[list[Segs]] = []
    for i, ch in enumerate(c.charges, 1):
        rows.append(
            [
                [str(i)],
                [Val("CHARGE", "none", ch.statute)],
                [Val("CHARGE", "none", ch.description)],
                [ch.cls],
                [ch.typ],
            ]
        )
    B.table(
        doc,
        x0,
        x1,
        [("#", 0.4), ("STATUTE", 3), ("DESCRIPTION", 6), ("CLASS", 1), ("TYPE", 0.9)],
        rows,
        size=table_size,
    )
    if c.bond:
        bond: Para = fmt(
            "BOND TYPE: {t}     BOND AMOUNT: {b}     COURT BRANCH: {br}",
            t=c.bond_type,
            b=Val("BOND", "none", c.bond),
            br=f"Br. {rng.randint(23, 50)}",
        )
    elif c.juvenile:
        bond = ["DISPOSITION: JUVENILE - REFERRED TO JUVENILE COURT / NO BOND"]
    else:
        bond = ["PRETRIAL: DETENTION HEARING REQUESTED (725 ILCS 5/110-6.1)"]
    doc.para(bond, x0, x1, "hebo", 8.5)

    B.heading(doc, "NARRATIVE", x0, x1, style=heading_style)
    split = rng.random() < 0.7  # the rest goes to a supplementary page
    paragraphs = n.incident()
    if not split:
        paragraphs += n.interview()
    for para in paragraphs:
        doc.para(para, x0, x1, narr_font, narr_size)

    if c.victims or c.witnesses:
        B.heading(
            doc,
            _pick(rng, "VICTIM / WITNESS INFORMATION", "VICTIMS AND WITNESSES"),
            x0,
            x1,
            style=heading_style,
        )
        rows = []
        for kind, people in (("VICTIM", c.victims), ("WITNESS", c.witnesses)):
            for person in people:
                rows.append(
                    [
                        [kind],
                        [c.name(person, rng.choice(("LAST, First", "First Last")))],
                        [c.dob(person)] if rng.random() < 0.5 else [],
                        [c.address(person)] if person.address else ["REFUSED"],
                        [c.phone(person)] if person.phone else [],
                    ]
                )
        B.table(
            doc,
            x0,
            x1,
            [("TYPE", 1.1), ("NAME", 2.6), ("DOB", 1.3), ("ADDRESS", 4), ("PHONE", 1.6)],
            rows,
            size=table_size,
        )

    if c.co_arrestees:
        B.heading(doc, "CO-ARRESTEES", x0, x1, style=heading_style)
        co_arrestee_table(doc, c, rng, x0, x1, font="helv", bold="hebo", size=table_size)

    B.heading(doc, "ARRESTING OFFICERS", x0, x1, style=heading_style)
    rows = []
    for i, o in enumerate(c.officers):
        role = ("1st", "2nd")[i] if i < 2 else "Assisting"
        rows.append([[role], [c.officer_name(o, "last_first")], [c.star(o)], [o.unit], [c.beat]])
    B.table(
        doc, x0, x1, [("ROLE", 1.3), ("NAME", 3), ("STAR #", 1.2), ("UNIT", 1), ("BEAT", 1)], rows
    )
    approved: Para = fmt(
        "APPROVED: {s}   Date/Time: {d} {t}",
        s=n.officer(c.approver, "full"),
        d=c.date(c.report_date),
        t=f"{c.arrest_time:04d}",
    )
    doc.para(approved, x0, x1, "helv", 8.5)

    if split:
        doc.new_page()
        B.heading(doc, "PROPERTY INVENTORY", x0, x1, style=heading_style)
        B.table(
            doc,
            x0,
            x1,
            [("INVENTORY #", 1.4), ("DESCRIPTION", 5), ("STATUS", 1.4)],
            inventory(c, rng),
            size=table_size,
        )
        B.heading(doc, "LOCKUP / PROCESSING", x0, x1, style=heading_style)
        keeper = c.interpreter or c.approver
        doc.para(
            fmt(
                "Fingerprinted: YES   Photographed: YES   Medical screening: no visible injuries. "
                "Lockup keeper: {k}. Phone call provided at {t} hrs.",
                k=n.officer(keeper),
                t=f"{(c.arrest_time + 200) % 2400:04d}",
            ),
            x0,
            x1,
            "helv",
            8.5,
        )
        B.heading(doc, "SUPPLEMENTARY NARRATIVE", x0, x1, style=heading_style)
        for para in n.interview() + n.notifications() + n.co_arrestees() + n.processing():
            doc.para(para, x0, x1, narr_font, narr_size)
    else:
        for para in n.notifications():
            doc.para(para, x0, x1, narr_font, narr_size)
    doc.footer = footer
    return doc


def inventory(c: Case, rng: random.Random) -> list[list[Segs]]:
    """Property inventory rows: noise, plus identity documents that repeat values."""
    items: list[tuple[Segs, str]] = [
        ([f"(1) cellular phone, {rng.choice(('Samsung', 'Motorola', 'Apple', 'LG'))}"], "RETURNED"),
        ([f"(1) wallet containing ${rng.randint(3, 220)} USC"], "RETURNED"),
    ]
    if c.passport:
        pp = Val("PASSPORT_NUMBER", "arrestee", c.passport)
        items.append((["(1) ", c.nationality(), " passport no. ", pp], "INVENTORIED"))
    if c.consular:
        cid = Val("CONSULAR_ID", "arrestee", c.consular)
        items.append((["(1) ", *c.consular_words(), " no. ", cid], "RETURNED"))
    if c.visa and c.visa_kind != "I-94":
        items.append((["(1) ", *c.visa_prose()], "INVENTORIED"))
    if c.license and c.license_kind in ("TVDL", "FLA"):
        if c.license_kind == "TVDL":
            items.append((["(1) Illinois TVDL no. ", c.license_val()], "RETURNED"))
        else:
            marked: Segs = [
                "(1) Illinois driver's license no. ",
                c.license_val(),
                " (Federal Limits Apply)",
            ]
            items.append((marked, "RETURNED"))
    if c.vehicle:
        vin = Val("VIN", "arrestee", c.vehicle.vin)
        items.append((["(1) set of keys, vehicle VIN ", vin], "INVENTORIED"))
    return [[[str(rng.randint(14000000, 15999999))], desc, [status]] for desc, status in items]
