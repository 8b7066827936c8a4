"""The one-page notice sent instead of a record that is withheld in full.

It names the policy, the legal code and basis and how many pages were withheld,
and nothing from the document itself: not a name, not a case number, not even
the title. It is built from scratch, so no byte of the withheld PDF is in it.
"""

from __future__ import annotations

import pymupdf

from app.redaction.redactor import serialise_clean

LETTER = (612.0, 792.0)
_MARGIN = 72.0
_FONT = "helv"
_BOLD = "hebo"


def withheld_notice_pdf(
    *,
    policy_id: str,
    policy_version: int,
    code: str,
    basis: str,
    pages_withheld: int,
    request_id: str | None,
) -> bytes:
    """A US-letter PDF stating that the record is withheld in full, and why."""
    doc = pymupdf.open()
    try:
        page = doc.new_page(width=LETTER[0], height=LETTER[1])
        width = LETTER[0] - 2 * _MARGIN
        y = _MARGIN

        page.insert_text((_MARGIN, y + 18), "RECORD WITHHELD IN FULL", fontsize=18, fontname=_BOLD)
        y += 48

        count = "1 page was" if pages_withheld == 1 else f"{pages_withheld} pages were"
        paragraphs: list[tuple[str, str, float]] = [
            (
                _FONT,
                "The requested record has been withheld in its entirety. "
                f"{count} withheld. No part of the record is released with this notice.",
                11,
            ),
            (_BOLD, "Legal authority", 11),
            (_FONT, code, 11),
            (_BOLD, "Basis", 11),
            (_FONT, basis, 11),
            (_BOLD, "Redaction policy", 11),
            (_FONT, f"{policy_id}, version {policy_version}", 11),
        ]
        if request_id:
            paragraphs += [(_BOLD, "Request", 11), (_FONT, request_id, 11)]

        for font, text, size in paragraphs:
            y = _paragraph(page, text, font=font, size=size, top=y, width=width)
            y += 4 if font == _BOLD else 12

        return serialise_clean(doc)
    finally:
        doc.close()


def _paragraph(
    page: pymupdf.Page, text: str, *, font: str, size: float, top: float, width: float
) -> float:
    """Write `text` wrapped to `width` starting at `top`; return the y below it."""
    lines = wrap_text(text, font=font, size=size, width=width)
    leading = size * 1.35
    y = top
    for line in lines:
        y += leading
        page.insert_text((_MARGIN, y), line, fontsize=size, fontname=font)
    return y


def wrap_text(text: str, *, font: str, size: float, width: float) -> list[str]:
    """`text`, its white space folded, broken into lines no wider than `width`."""
    lines: list[str] = []
    current = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{current} {word}" if current else word
        if current and pymupdf.get_text_length(candidate, fontname=font, fontsize=size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
