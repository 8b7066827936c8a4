"""What a reviewer looks at: the original with every proposed box drawn, nothing removed.

- `page_png`: one page rendered as PNG, each proposed box outlined in its
  category's colour and labelled with its item number and code; kept values
  are outlined dashed.
- `marked_pdf`: the original with redaction annotations that are *not* applied
  ("mark for redaction"), which any PDF viewer shows; kept values get a dashed
  rectangle annotation. It contains the whole original: it is for the reviewer.

Both work on a document from `open_untrusted_pdf` (annotations baked, layers
dissolved: the page as detection read it) and change only that in-memory copy.
Coordinates are unrotated page space, as everywhere in the pipeline; labels are
laid out in display space so that they read upright on a rotated page.
"""

from __future__ import annotations

from typing import Any

import pymupdf

from app.redaction.review import Proposal
from app.redaction.types import Action, Category, Decision

MIN_ZOOM = 0.5
MAX_ZOOM = 4.0
_LABEL_SIZE = 6.0
_LINE = 1.2
_DASHES = "[3 2] 0"
_WHITE = (1.0, 1.0, 1.0)

# Distinct, print-safe colours, one per category in Category order (cycled).
_PALETTE: tuple[tuple[float, float, float], ...] = (
    (0.84, 0.15, 0.16),
    (0.12, 0.47, 0.71),
    (0.17, 0.63, 0.17),
    (1.00, 0.50, 0.05),
    (0.58, 0.40, 0.74),
    (0.55, 0.34, 0.29),
    (0.89, 0.47, 0.76),
    (0.50, 0.50, 0.50),
    (0.74, 0.74, 0.13),
    (0.09, 0.75, 0.81),
    (0.00, 0.00, 0.55),
    (0.55, 0.00, 0.00),
)
CATEGORY_COLOURS: dict[Category, tuple[float, float, float]] = {
    c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(Category)
}


def colour_hex(category: Category) -> str:
    r, g, b = CATEGORY_COLOURS[category]
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def label_of(number: int, decision: Decision) -> str:
    return f"#{number} {decision.code}" if decision.code else f"#{number} keep"


def page_png(doc: Any, proposal: Proposal, page_index: int, zoom: float) -> bytes:
    """Page `page_index` (0-based) with the proposal drawn on it, as PNG bytes."""
    page = doc[page_index]
    shape = page.new_shape()
    rot = page.rotation_matrix
    derot = page.derotation_matrix
    labels: list[tuple[pymupdf.Rect, str, tuple[float, float, float]]] = []
    for number, d in enumerate(proposal.decisions, 1):
        f = d.finding
        if f.page != page_index or not f.boxes:
            continue
        colour = CATEGORY_COLOURS[f.category]
        for box in f.boxes:
            shape.draw_rect(pymupdf.Rect(box.as_tuple()))
            shape.finish(
                color=colour,
                width=_LINE,
                dashes=_DASHES if d.action is Action.KEEP else None,
                fill=None,
            )
        labels.append((pymupdf.Rect(f.boxes[0].as_tuple()) * rot, label_of(number, d), colour))
    for disp, text, colour in labels:
        # A small tag above the box's top-left corner, in display space.
        width = pymupdf.get_text_length(text, fontname="helv", fontsize=_LABEL_SIZE) + 2
        tag = pymupdf.Rect(disp.x0, disp.y0 - _LABEL_SIZE - 1.5, disp.x0 + width, disp.y0)
        shape.draw_rect(tag * derot)
        shape.finish(color=None, fill=colour, width=0)
        shape.insert_text(
            pymupdf.Point(tag.x0 + 1, tag.y1 - 1.5) * derot,
            text,
            fontsize=_LABEL_SIZE,
            fontname="helv",
            color=_WHITE,
            rotate=page.rotation,
        )
    shape.commit()
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    return bytes(pix.tobytes("png"))


def marked_pdf(doc: Any, proposal: Proposal) -> bytes:
    """The original with unapplied redaction annotations (and dashed ones for kept values)."""
    for number, d in enumerate(proposal.decisions, 1):
        f = d.finding
        page = doc[f.page]
        note = f"{label_of(number, d)}: {f.category.value}"
        if f.role.value != "unknown":
            note += f" ({f.role.value})"
        note += f", rule {d.rule}"
        for box in f.boxes:
            rect = pymupdf.Rect(box.as_tuple())
            if d.action is Action.REDACT:
                annot = page.add_redact_annot(
                    rect, text=d.code or None, fill=(0, 0, 0), text_color=_WHITE, fontsize=6
                )
            else:
                annot = page.add_rect_annot(rect)
                annot.set_border(width=_LINE, dashes=[3, 2])
                annot.set_colors(stroke=CATEGORY_COLOURS[f.category])
            annot.set_info(title="redactor", subject=f.category.value, content=note)
            annot.update()
    return bytes(doc.tobytes(garbage=3, deflate=True))
