"""Layout 3: a detective's supplementary report, prose in titled sections."""

from __future__ import annotations

import random

from . import blocks as B
from .case import Case, Val
from .groups import co_arrestee_table
from .narrative import Narr, Para, fmt
from .render import Doc

FAMILY = "detective_supplementary"
TITLE = "Supplementary Report"
CHICAGO = True


def build(c: Case, rng: random.Random) -> Doc:
    n = Narr(c, rng)
    regular, bold, italic = rng.choice(
        (("tiro", "tibo", "tiit"), ("helv", "hebo", "heit"), ("cour", "cobo", "coit"))
    )
    size = rng.choice((9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0))
    margin = rng.uniform(56, 72)
    x0, x1 = margin, 612 - margin
    area = rng.choice(("One", "Two", "Three", "Four", "Five"))
    report_no = rng.choice(("CPD-11.411-A", "CPD-11.411-B", "CPD-23.118"))
    colon = rng.choice((":", ":", ""))
    heading_style = rng.choice(("plain", "plain", "underline"))
    cb_in_header = rng.random() < 0.7

    def header(d: Doc) -> None:
        if d.page_no == 0:
            d.text(306, 48, ["CHICAGO POLICE DEPARTMENT"], bold, 14, align="center")
            d.text(306, 61, [f"Bureau of Detectives - Area {area}"], regular, 9, align="center")
            d.text(306, 76, ["SUPPLEMENTARY REPORT"], bold, 11.5, align="center")
            d.hline(x0, x1, 83, 1.0)
            d.y = 88
        else:
            d.text(x0, 44, ["SUPPLEMENTARY REPORT (continued)  -  RD ", c.rd_val()], bold, 8.5)
            if cb_in_header:
                d.text(x1, 44, ["CB ", c.cb_val()], bold, 8.5, align="right")
            d.hline(x0, x1, 49, 0.6)
            d.y = 56

    def footer(d: Doc, page: int, total: int) -> None:
        d.text(
            306,
            770,
            [f"{report_no} Supplementary  -  Page {page} of {total}"],
            regular,
            6.5,
            align="center",
        )

    doc = Doc(top=56, bottom=752, hyphenate=c.style.hyphenate)
    doc.on_new_page = header
    doc.footer = footer
    doc.new_page()

    info_size = size - 1
    lines: list[Para] = [
        fmt("RD Number: {rd}          Date of Report: {d}", rd=c.rd_val(), d=c.date(c.report_date)),
        fmt("Offense: {o}", o=Val("CHARGE", "none", c.charges[0].combined)),
        fmt(
            "Arrestee: {a} (CB {cb})",
            a=c.name(c.arrestee, rng.choice(("LAST, FIRST", "LAST, First"))),
            cb=c.cb_val(),
        ),
        fmt(
            "Reporting Detective: {d}     Unit {u}",
            d=n.officer(c.detective, "initial"),
            u=c.detective.unit,
        ),
    ]
    if c.juvenile:
        lines.insert(2, ["Juvenile: YES  (Youth Investigations notified)"])
    for line in lines:
        doc.para(line, x0, x1, regular, info_size, space_after=0.5)
    doc.hline(x0, x1, doc.y + 2, 0.5)
    doc.y += 8

    def section(title: str, paras: list[Para], table: bool = False) -> None:
        if not paras:
            return
        B.heading(doc, title + colon, x0, x1, style=heading_style, font=bold, size=size)
        if table:
            # a group arrest: the co-arrestees in a table, in a smaller size than the prose
            tsize = max(8.0, size - rng.choice((1.0, 1.5, 2.0, 2.5)))
            co_arrestee_table(doc, c, rng, x0, x1, font=regular, bold=bold, size=tsize)
            return
        for para in paras:
            doc.para(para, x0, x1, regular, size, leading=size * rng.choice((1.25, 1.3, 1.4)))

    section(rng.choice(("INVESTIGATION", "SYNOPSIS", "FACTS OF THE INVESTIGATION")), n.incident())
    if rng.random() < 0.6:
        section(
            rng.choice(("FOLLOW-UP INVESTIGATION", "CANVASS", "ADDITIONAL INVESTIGATION")),
            n.canvass(),
        )
    section(rng.choice(("IN CUSTODY", "ARRESTEE IN CUSTODY", "ARRESTEE")), n.custody())
    section(
        rng.choice(("INTERVIEW OF ARRESTEE", "INTERVIEW", "STATEMENT OF ARRESTEE")), n.interview()
    )
    middle = [
        (
            rng.choice(("NOTIFICATIONS / FAMILY", "NOTIFICATIONS", "FAMILY CONTACT")),
            n.notifications(),
        ),
        (
            rng.choice(("WITNESSES / VICTIMS", "VICTIM(S) / WITNESS(ES)", "CIVILIAN WITNESSES")),
            n.witnesses_victims(),
        ),
        (rng.choice(("CO-ARRESTEES", "CO-OFFENDERS", "OTHER ARRESTEES")), n.co_arrestees()),
    ]
    rng.shuffle(middle)
    group_table = len(c.co_arrestees) >= 2 and rng.random() < 0.6
    for title, paras in middle:
        section(title, paras, table=group_table and title.startswith(("CO-", "OTHER ARR")))
    if rng.random() < 0.7:
        section(rng.choice(("PROCESSING", "EVIDENCE / PROCESSING", "LOCKUP")), n.processing())
    section("DISPOSITION", n.disposition())
    doc.y += 4
    doc.para(n.signature(), x0, x1, italic, size - 1)
    return doc
