"""A small made-up report, redacted once at startup so that the service's process
holds what a redaction builds on first use.

Why: each document is redacted in a child forked from the service (isolation.py),
and whatever a child builds on first use (compiled patterns, the models' lexemes
and caches, Presidio's and MuPDF's lazily loaded parts, the label font) dies with
it. Without a warm-up every child builds it again: about 40-50 ms of CPU per
document (benchmarks/speed.py, README "Speed"). Built once here, before
`settle_heap` freezes the heap, it is shared copy-on-write by every child.

Nothing in it is anyone's data: the names, numbers and places are invented, and
the output is thrown away.
"""

from __future__ import annotations

import pymupdf

# Two pages, so that a page seam is read too, with the kinds of values the
# recognizers, both models, the form labels and the role cues look for.
_PAGES = (
    (
        "ARREST REPORT                      RD NO. JX-000000",
        "ARRESTEE NAME: SAMPLE, JOHN Q.     SEX: M     DOB: 01/02/1990     AGE: 35",
        "HOME ADDRESS: 100 N EXAMPLE AVE, APT 1, SPRINGFIELD, IL 60000",
        "PHONE: (217) 555-0100     EMAIL: john.sample@example.com",
        "PLACE OF BIRTH: TEGUCIGALPA, HONDURAS     CITIZENSHIP: HONDURAN",
        "A# 000-000-000     PASSPORT: X0000000     SSN: 000-00-0000",
        "VEHICLE: 2010 FORD FOCUS, PLATE AB 00000",
        "NARRATIVE: On the above date P.O. Jane Example #0000 arrested the",
        "subject, John Sample, who lives with his sister Mary Sample in",
        "Springfield and works at Example Bakery. He stated he was born in",
    ),
    (
        "ARREST REPORT (CONT'D)             RD NO. JX-000000",
        "Honduras and speaks Spanish. The victim, Ann Example, was interviewed.",
        "CHARGE: 720 ILCS 5/12-3     BOND: $1,000",
    ),
)


def warm_up_pdf() -> bytes:
    """The made-up report as a PDF (US letter, Helvetica)."""
    doc = pymupdf.open()
    try:
        for lines in _PAGES:
            page = doc.new_page(width=612, height=792)
            for i, line in enumerate(lines):
                page.insert_text((54, 72 + 18 * i), line, fontsize=10, fontname="helv")
        return bytes(doc.tobytes(garbage=3, deflate=True))
    finally:
        doc.close()
