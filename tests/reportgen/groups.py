"""A table of the co-arrestees of a group arrest: one row each (2-4), columns chosen per form.

A narrow NAME or ADDRESS column makes long names and addresses wrap inside their cell, so a
value is broken across lines of one cell (one box per line).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from . import blocks as B
from .case import RACE_CODES, Case, Person, Val, race_of
from .formats import ascii_upper
from .narrative import join
from .render import Doc, Segs

Cell = Callable[[Person], Segs]


def typed(segs: Segs) -> Segs:
    """What a typewriter prints: upper case, no accents (values keep their category)."""
    return [
        Val(s.category, s.role, ascii_upper(s.text)) if isinstance(s, Val) else ascii_upper(s)
        for s in segs
    ]


def co_arrestee_table(
    doc: Doc,
    c: Case,
    rng: random.Random,
    x0: float,
    x1: float,
    *,
    font: str,
    bold: str,
    size: float,
    grid: bool = True,
    header_fill: tuple[float, float, float] | None = B.LIGHT,
    caps: bool = False,
) -> None:
    people = c.co_arrestees
    name_form = rng.choice(("LAST, First", "LAST, FIRST", "First Last", "LAST, First"))
    unknown = rng.choice(("UNK", "UNKNOWN", "NONE GIVEN", "-"))
    columns: list[tuple[str, float, Cell]] = [
        (rng.choice(("#", "NO.")), 0.5, lambda p: [""]),
        (
            rng.choice(("NAME", "NAME (LAST, FIRST)", "CO-ARRESTEE")),
            rng.uniform(1.5, 3.0),
            lambda p: [c.name(p, name_form)],
        ),
    ]
    if any(p.aliases for p in people) and rng.random() < 0.7:
        columns.append(
            (
                rng.choice(("AKA", "ALIAS")),
                1.1,
                lambda p: join([[Val("ALIAS", p.role, a)] for a in p.aliases], ", "),
            )
        )
    columns.append((rng.choice(("DOB", "D.O.B.", "BIRTH DATE")), 1.3, lambda p: [c.dob(p)]))
    if rng.random() < 0.6:
        columns.append(("AGE", 0.5, lambda p: [c.age(p)]))
    if rng.random() < 0.5:
        columns.append(("SEX/RACE", 0.9, lambda p: [f"{p.sex}/{RACE_CODES[race_of(p)]}"]))
    columns.append(
        (
            rng.choice(("ADDRESS", "HOME ADDRESS", "RESIDENCE")),
            rng.uniform(2.0, 4.0),
            lambda p: [c.address(p)] if p.address else [unknown],
        )
    )
    if any(p.phone for p in people) and rng.random() < 0.6:
        columns.append(("PHONE", 1.5, lambda p: [c.phone(p)] if p.phone else []))
    if any(p.tattoos for p in people) and rng.random() < 0.6:
        columns.append(
            (
                rng.choice(("SMT", "SCARS/MARKS/TATTOOS")),
                1.8,
                lambda p: join([[Val("TATTOOS", p.role, t)] for t in p.tattoos], "; "),
            )
        )
    cb_at = rng.choice((2, len(columns)))
    columns.insert(
        cb_at, (rng.choice(("CB #", "CB NO.", "BOOKING #")), 1.2, lambda p: [c.cb_val(p)])
    )
    rows: list[list[Segs]] = []
    for i, p in enumerate(people, 1):
        row = [[str(i)], *(cell(p) for _, _, cell in columns[1:])]
        rows.append([typed(r) for r in row] if caps else row)
    headers = [(title, weight) for title, weight, _ in columns]
    B.table(
        doc,
        x0,
        x1,
        headers,
        rows,
        font=font,
        bold=bold,
        size=size,
        grid=grid,
        header_fill=header_fill,
    )
