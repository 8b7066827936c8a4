"""Cell seams: where a cell's value wraps onto the next line of its column.

A form grid prints several cells on one line. When one cell's value is too long
it wraps inside its cell ("MATRICULA #T63380233; A# A 219 090 815; B-2" over
"visa foil no. N7881952", "Spanish (no" over "English)"), and in the page text
the two halves are separated by the other cells of the row. A value that runs
across the wrap is then in neither half. A cell seam is the pair of spans (the
cell's last text on one line, its continuation on the next) that detection reads
as one text, like a page seam.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from app.redaction import form_labels
from app.redaction.propagation import Seam
from app.redaction.types import Line, PageText

# Left edges of a cell and of its continuation line agree to within this (points).
_ALIGN = 2.5


@dataclass(frozen=True, slots=True)
class _Cell:
    start: int  # char offsets in PageText.text
    end: int
    x0: float


def _cells(page: PageText, line: Line) -> list[_Cell]:
    """The line's cells: runs of words that the text joins without a tab."""
    out: list[_Cell] = []
    for wi in range(line.first_word, line.end_word):
        word = page.words[wi]
        start = page.word_starts[wi]
        end = start + len(word.text)
        if out and "\t" not in page.text[out[-1].end : start]:
            out[-1] = _Cell(out[-1].start, end, out[-1].x0)
        else:
            out.append(_Cell(start, end, word.rect.x0))
    return out


def cell_seams(page: PageText) -> list[Seam]:
    """Seams within the page, each a cell and its continuation.

    Only where the text does not already join them: a cell that ends its line
    and goes on at the start of the next is one text already. The continuation
    line holds fewer cells than the line above (only the cells that wrap go on),
    which tells a wrap from the next row of a table, and neither half is a
    field of its own (a label, or a label and its value: "DOB: 2009-04-05" over
    "HOME ADDR: 9304 ...").
    """
    out: list[Seam] = []
    lines = page.lines
    for upper, lower in itertools.pairwise(lines):
        height = max(upper.rect.height, 1.0)
        gap = lower.rect.y0 - upper.rect.y1
        if lower.rect.y0 < upper.rect.y0 + 0.5 * height or gap > 0.9 * height:
            continue  # not the next line down, or too far below for the same cell
        above, below = _cells(page, upper), _cells(page, lower)
        if len(above) < 2 or len(below) >= len(above):
            continue
        for k, cell in enumerate(below):
            for j, top in enumerate(above):
                if abs(top.x0 - cell.x0) > _ALIGN:
                    continue
                if j == len(above) - 1 and k == 0:
                    break  # already one text: "...last cell\nfirst cell..."
                first, second = page.text[top.start : top.end], page.text[cell.start : cell.end]
                if (
                    any(ch.isalnum() for ch in first)
                    and any(ch.isalnum() for ch in second)  # not a rule of dashes
                    and not form_labels.single_label(first)
                    and (form_labels.ends_open(first) or not form_labels.starts_a_field(second))
                ):
                    out.append(
                        Seam(page.index, (top.start, top.end), page.index, (cell.start, cell.end))
                    )
                break
    return out
