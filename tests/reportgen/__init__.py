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

Module map: case.py (the facts, and every printed form of them), narrative.py (sentences),
render.py (page engine that records boxes), blocks.py (grid, table, inline fields), labels.py
(the withhold/release table), pools.py (invented names, streets, employers...), formats.py.
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
    )
}
JUVENILE_RATE = 0.12


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    pdf: bytes
    truth: dict[str, Any]


def generate_report(
    seed: int, *, layout: str | None = None, juvenile: bool | None = None
) -> GeneratedReport:
    """Build one report. `layout` is one of `LAYOUTS`; None draws it from the seed."""
    rng = random.Random(seed)
    drawn_layout = rng.choice(sorted(LAYOUTS))
    drawn_juvenile = rng.random() < JUVENILE_RATE
    name = layout if layout is not None else drawn_layout
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; choose from {sorted(LAYOUTS)}")
    is_juvenile = drawn_juvenile if juvenile is None else juvenile
    module = LAYOUTS[name]
    case = build_case(rng, chicago=module.CHICAGO, juvenile=is_juvenile)
    doc = module.build(case, rng)
    pdf = doc.finish(title=module.TITLE)
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
        "rotated_page": None,
        "values": values,
    }
    return GeneratedReport(pdf=pdf, truth=truth)


__all__ = ["LAYOUTS", "GeneratedReport", "generate_report"]
