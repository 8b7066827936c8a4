"""Layout 6: a typewriter-style arrest report, Courier and ALL CAPS from top to bottom.

Older departments and some records units still type (or print in a monospaced font) reports
with abbreviated labels: DOB, POB, CTZ, A#, SS#, DL#, SMT, EMPL, OCC, LANG. No accents (a
typewriter has none), label and value on one typed line, a typed table of co-arrestees, and an
upper-case narrative.
"""

from __future__ import annotations

import random

from . import blocks as B
from .case import RACE_CODES, Case, Person, Val, physical, race_of
from .groups import co_arrestee_table, typed
from .narrative import Narr, Para, _ssn, fmt, join
from .render import Doc, Segs

FAMILY = "typed_arrest_report"
TITLE = "Arrest Report"
CHICAGO = False

FONT = "cour"


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    size = rng.choice((9.0, 10.0, 10.0, 11.0, 12.0))  # 12 pt is pica, 10 pt elite
    margin = rng.uniform(48, 66)
    x0, x1 = margin, 612 - margin
    sep = rng.choice((": ", ":", " - ", ": "))
    agency = typed([c.agency_val(1)])
    title = rng.choice(("ARREST REPORT", "ARREST / BOOKING REPORT", "OFFENSE REPORT - ARREST"))
    if c.juvenile:
        title = "JUVENILE " + title
    case_label = rng.choice(("CASE NO", "RPT NO", "CASE #"))
    booking_label = rng.choice(("BKG NO", "BOOKING #", "ARR NO"))
    rule = "-" * int((x1 - x0) / (0.6 * size))

    def header(d: Doc) -> None:
        if d.page_no == 0:
            d.text(306, 52, agency, FONT, 12, align="center")
            d.text(306, 66, [typed([c.agency_address])[0]], FONT, 8.5, align="center")
            d.text(306, 84, [title], FONT, 12, align="center")
            d.y = 92
            line(
                [
                    f"{case_label}{sep}",
                    c.rd_val(),
                    f"     {booking_label}{sep}",
                    c.cb_val(),
                    f"     DATE{sep}",
                    c.date(c.report_date),
                ]
            )
        else:
            d.y = 50
            line([f"{case_label}{sep}", c.rd_val(), "  (CONT'D)"])
        d.text(x0, d.y + size * 0.6, [rule], FONT, size)
        d.y += size * 1.2

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(306, 768, [f"PAGE {page} OF {total}"], FONT, 8, align="center")

    doc = Doc(top=60, bottom=740, hyphenate=c.style.hyphenate)

    def line(segs: Segs) -> None:
        doc.para(typed(segs), x0, x1, FONT, size, leading=size * 1.2, space_after=0)

    def row(*fields: B.Field) -> None:
        B.inline_row(
            doc,
            [B.Field(f.label, typed(f.segs), f.weight) for f in fields],
            x0,
            x1,
            label_font=FONT,
            value_font=FONT,
            size=size,
            sep=sep,
            gap=size * 0.6,
            hang=0.0,
            leading=size * 1.2,
        )

    def section(text: str) -> None:
        doc.y += size * 0.5
        doc.ensure(size * 4)
        doc.text(x0, doc.y + size, [text], FONT, size)
        doc.hline(x0, x0 + 0.6 * size * len(text), doc.y + size + 1.5, 0.6)
        doc.y += size * 1.5

    doc.on_new_page = header
    doc.footer = footer
    doc.new_page()

    p = c.arrestee
    hgt, wgt, eyes, hair = physical(p)
    section("ARRESTEE")
    first = [B.Field("NAME", [c.name(p, rng.choice(("LAST, FIRST", "LAST, First")))], 2.2)]
    if p.aliases:
        first.append(
            B.Field("AKA", join([[Val("ALIAS", p.role, a)] for a in p.aliases], ", "), 1.4)
        )
    row(*first)
    row(
        B.Field("DOB", [c.dob(p)], 1.5),
        B.Field("AGE", [c.age(p)], 0.7),
        B.Field("SEX", [p.sex], 0.6),
        B.Field("RACE", [RACE_CODES[race_of(p)]], 0.8),
    )
    if rng.random() < 0.6:
        row(
            B.Field("HT", [hgt], 0.7),
            B.Field("WT", [wgt], 0.7),
            B.Field("EYES", [eyes], 0.7),
            B.Field("HAIR", [hair], 0.7),
        )
    if p.address:
        row(B.Field(rng.choice(("ADDR", "RES")), [c.address(p)], 1))
    contact: list[B.Field] = []
    if p.phone:
        contact.append(B.Field(rng.choice(("PH", "TEL", "CELL")), [c.phone(p)], 1))
    if p.email:
        contact.append(B.Field("EMAIL", [Val("EMAIL", "arrestee", p.email)], 1.4))
    if contact:
        row(*contact)
    row(
        B.Field("POB", [c.pob(rng.randrange(4))], 1.6),
        B.Field(rng.choice(("CTZ", "CITZ")), [c.citizenship(rng.choice((1, 2)))], 0.9),
    )
    ids: list[B.Field] = []
    if c.a_digits:
        if rng.random() < 0.5:  # typed without a colon: "A# 212-345-678"
            ids.append(B.Field("", ["A# ", c.a_number()], 1.3))
        else:
            ids.append(B.Field("A#", [c.a_number()], 1.3))
    if c.license:
        label = {"DL": "DL#", "TVDL": "TVDL#", "ID": "ID#", "FLA": "DL#"}[c.license_kind]
        marking = [" (FED LIMITS APPLY)"] if c.license_kind == "FLA" else []
        ids.append(B.Field(label, [c.license_val(), " IL", *marking], 1.5))
    if c.ssn:
        ids.append(B.Field(rng.choice(("SS#", "SSN", "SOC")), [Val("SSN", "arrestee", _ssn(c))], 1))
    if ids:
        row(*ids)
    docs: list[B.Field] = []
    if c.passport:
        issuer = Val("COUNTRY_OF_CITIZENSHIP", "arrestee", c.country.code)
        docs.append(
            B.Field("PPT#", [issuer, " ", Val("PASSPORT_NUMBER", "arrestee", c.passport)], 1.3)
        )
    if c.consular:
        label = "MATRICULA#" if c.country.code == "MEX" else "CONS ID#"
        docs.append(B.Field(label, [Val("CONSULAR_ID", "arrestee", c.consular)], 1.2))
    if c.visa:
        label = "I-94#" if c.visa_kind == "I-94" else f"{c.visa_kind} VISA#"
        docs.append(B.Field(label, [Val("VISA_NUMBER", "arrestee", c.visa)], 1.2))
    if docs:
        row(*docs)
    nums: list[B.Field] = []
    if c.ir:
        nums.append(B.Field("IR#", [Val("IR_NUMBER", "arrestee", c.ir)], 1))
    if c.fbi:
        nums.append(B.Field("FBI#", [Val("FBI_NUMBER", "arrestee", c.fbi)], 1))
    if c.sid:
        nums.append(B.Field("SID#", [Val("SID", "arrestee", c.sid)], 1))
    if nums:
        row(*nums)
    if p.tattoos:
        row(B.Field("SMT", join([[Val("TATTOOS", "arrestee", t)] for t in p.tattoos], "; "), 1))
    if c.employer:
        work = [B.Field("EMPL", [Val("EMPLOYER", "arrestee", c.employer)], 1.5)]
        if c.occupation:
            work.append(B.Field("OCC", [c.occupation], 1))
        row(*work)
        if c.employer_address:
            row(B.Field("EMPL ADDR", [Val("EMPLOYER", "arrestee", c.employer_address)], 1))
    if c.language:
        lang = [B.Field("LANG", [c.language_val(with_note=rng.random() < 0.6)], 1.4)]
        if c.status_short and rng.random() < 0.5:
            status = Val("IMMIGRATION_STATUS", "arrestee", c.status_short)
            lang.append(B.Field(rng.choice(("IMM STAT", "STATUS")), [status], 1.2))
        row(*lang)
    if c.vehicle:
        v = c.vehicle
        row(
            B.Field("VEH", [f"{v.color} {v.description}"], 1.6),
            B.Field("LP#", [Val("VEHICLE_PLATE", "arrestee", v.plate), " IL"], 1),
        )
        row(B.Field("VIN", [Val("VIN", "arrestee", v.vin)], 1))

    section("ARREST")
    row(
        B.Field("DATE", [c.arrest_date()], 1.2),
        B.Field("TIME", [c.time()], 0.8),
        B.Field("LOC", [c.location()], 2.4),
    )
    row(
        B.Field("R/O", n.officer(c.officers[0], "initial"), 1.4),
        B.Field("ASST", n.officer(c.officers[1], "initial"), 1.4),
    )
    section("CHARGES")
    for i, ch in enumerate(c.charges, 1):
        line(
            [
                f"{i}. ",
                Val("CHARGE", "none", ch.statute),
                "  ",
                Val("CHARGE", "none", ch.description),
            ]
        )
    if c.bond:
        line(["BOND", sep, Val("BOND", "none", c.bond), f" {c.bond_type}"])

    if c.co_arrestees:
        section("CO-ARRESTEES")
        if len(c.co_arrestees) >= 2 or rng.random() < 0.5:
            co_arrestee_table(
                doc,
                c,
                rng,
                x0,
                x1,
                font=FONT,
                bold=FONT,
                size=size,
                grid=False,
                header_fill=None,
                caps=True,
            )
        else:
            co = c.co_arrestees[0]
            segs: Para = [c.name(co, "LAST, FIRST"), "  DOB ", c.dob(co), "  CB# ", c.cb_val(co)]
            if co.address:
                segs += ["  ADDR ", c.address(co)]
            line(segs)

    others: list[tuple[str, Person]] = [("V", v) for v in c.victims]
    others += [("W", w) for w in c.witnesses]
    if others:
        section("VICTIM(S) / WITNESS(ES)")
        counts: dict[str, int] = {}
        for code, person in others:
            counts[code] = counts.get(code, 0) + 1
            segs = [f"{code}{counts[code]}{sep}", c.name(person, "LAST, FIRST")]
            if rng.random() < 0.6:
                segs += ["  DOB ", c.dob(person)]
            if person.address:
                segs += ["  ADDR ", c.address(person)]
            if person.phone:
                segs += ["  PH ", c.phone(person)]
            line(segs)
    if c.relatives and rng.random() < 0.6:
        section("NOTIFIED")
        for r in c.relatives:
            segs = [f"{(r.relationship or 'RELATIVE')}{sep}", c.name(r, "FIRST LAST")]
            if r.phone:
                segs += ["  PH ", c.phone(r)]
            line(segs)

    section("NARRATIVE")
    paras: list[Para] = n.incident() + n.interview()
    if rng.random() < 0.5:
        paras += n.notifications()
    if rng.random() < 0.4:
        paras += n.processing()
    paras += n.disposition()
    for para in paras:
        doc.para(typed(para), x0, x1, FONT, size, leading=size * 1.25, indent=size * 3)
    doc.y += size
    line(
        fmt(
            "R/O {o}     APPROVED {s}",
            o=n.officer(c.officers[0], "LAST_FIRST"),
            s=n.officer(c.approver, "initial"),
        )
    )
    return doc
