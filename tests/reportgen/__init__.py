"""Synthetic, varied arrest-report PDFs with value-level ground truth.

    report = generate_report(7)                      # layout and juvenile drawn from the seed
    report = generate_report(7, layout="county_incident", juvenile=True)
    report.pdf     # bytes of a PDF
    report.truth   # the shared samples' JSON shape (see /work/shared/samples/README.md)

The same seed gives the same bytes. Every person, number and address is invented.

Layouts (`LAYOUTS`, the truth's "family"):
- cpd_arrest_form: CPD-style arrest report, small labels above values in a boxed grid, charges,
  victim/witness and officer tables; often a second page (inventory, supplementary narrative).
- cpd_inline_summary: "LABEL: value" rows in two columns, grouped in sections, then a narrative.
- detective_supplementary: a detective's prose report in sections (INVESTIGATION, IN CUSTODY,
  INTERVIEW, NOTIFICATIONS, WITNESSES / VICTIMS, CO-ARRESTEES, DISPOSITION).
- county_incident: a sheriff's or suburban OFFENSE/INCIDENT REPORT: abbreviations (D.O.B., POB,
  CTZ, DL#, SOC, SMT, EMPL, A#), coded V1/W1 tables, typewriter font, often ALL-CAPS prose.
- cpd_case_incident: shaded label cells beside value cells, one block per person.
- typed_arrest_report: typewriter style, Courier ALL CAPS without accents, "DOB:", "POB:",
  "CTZ:", "A#", "SS#", "SMT:", "EMPL:" lines, a typed co-arrestee table, upper-case narrative.

Across layouts, drawn per document (see `plan` for what is drawn before the layout):
- fonts (Helvetica, Times, Courier) and sizes from 8 to 12 pt, per document and per block (form
  values, tables, narrative); no value is printed below 8 pt, not even in a narrow cell;
- about 1 report in 8 has one page rotated 90 or 270 degrees (`rotated_page` in the truth): it
  reads upright in a viewer, and its boxes are in the unrotated space PyMuPDF reports;
- group arrests: a table of 2-4 co-arrestees, with long names and addresses wrapping in cells;
- hyphenated words broken at line ends ("NAVARRO-" / "DIAZ"), long tokens broken in narrow
  cells: such a value has one box per line, and its parts join without a space;
- countries of birth weighted to Chicago's immigrant population (`case.COUNTRY_WEIGHTS`);
- each category in several printed forms: A-numbers as "A212345678", "A# 212-345-678",
  "A-Number: 212345678", "alien registration no. A 212 345 678", "A 212 345 678",
  "A-212-345-678"; passports with country words; I-94 and visa-foil numbers; consular IDs;
  phones in nine formats; tattoos in SMT style and in prose; employers with addresses.

Module map: case.py (the facts, and every printed form of them), narrative.py (sentences),
render.py (page engine that records boxes), blocks.py (grid, table, inline fields), groups.py
(co-arrestee tables), labels.py (the withhold/release table), pools.py (invented names, streets,
employers...), formats.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from . import (
    layout_case_incident,
    layout_county,
    layout_form,
    layout_inline,
    layout_supplementary,
    layout_typewriter,
)
from .case import build_case
from .labels import label

LAYOUTS: dict[str, ModuleType] = {
    m.FAMILY: m
    for m in (
        layout_form,
        layout_inline,
        layout_supplementary,
        layout_county,
        layout_case_incident,
        layout_typewriter,
    )
}
JUVENILE_RATE = 0.10
ROTATED_RATE = 0.125  # one page turned 90 or 270 degrees in about 1 report in 8


@dataclass(frozen=True, slots=True)
class Plan:
    """What a seed decides before the layout draws anything."""

    layout: str
    juvenile: bool
    rotation: int  # 0, or 90/270 for the rotated page
    rotated_at: float  # where in the document the rotated page is, as a fraction [0, 1)


def plan(seed: int) -> tuple[Plan, random.Random]:
    """The seed's layout, juvenile flag and rotation, and the generator to build the rest."""
    rng = random.Random(seed)
    layout = rng.choice(sorted(LAYOUTS))
    juvenile = rng.random() < JUVENILE_RATE
    rotated = rng.random() < ROTATED_RATE
    angle = rng.choice((90, 270))
    at = rng.random()
    return Plan(layout, juvenile, angle if rotated else 0, at), rng


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    pdf: bytes
    truth: dict[str, Any]


def generate_report(
    seed: int, *, layout: str | None = None, juvenile: bool | None = None
) -> GeneratedReport:
    """Build one report. `layout` is one of `LAYOUTS`; None draws it from the seed."""
    drawn, rng = plan(seed)
    name = layout if layout is not None else drawn.layout
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; choose from {sorted(LAYOUTS)}")
    is_juvenile = drawn.juvenile if juvenile is None else juvenile
    module = LAYOUTS[name]
    case = build_case(rng, chicago=module.CHICAGO, juvenile=is_juvenile)
    doc = module.build(case, rng)
    rotated_page = None
    if drawn.rotation:
        rotated_page = int(drawn.rotated_at * doc.page_count()) + 1
    rotated = (rotated_page - 1, drawn.rotation) if rotated_page else None
    pdf = doc.finish(title=module.TITLE, rotated=rotated)
    values = []
    for (category, text, role), boxes in doc.boxes.items():
        fed, public = label(category, role, juvenile=is_juvenile)
        values.append(
            {
                "category": category,
                "value": text,
                "role": role,
                "federal_immigration": fed,
                "public": public,
                "boxes": boxes,
            }
        )
    truth: dict[str, Any] = {
        "doc_id": f"{seed:04d}",
        "family": name,
        "pages": doc.page_count(),
        "scanned": False,
        "juvenile": is_juvenile,
        "rotated_page": rotated_page,
        "values": values,
    }
    return GeneratedReport(pdf=pdf, truth=truth)


__all__ = ["LAYOUTS", "GeneratedReport", "Plan", "generate_report", "plan"]
