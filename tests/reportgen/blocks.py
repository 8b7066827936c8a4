"""Form building blocks on top of the page engine: grid cells, inline fields, tables, headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .render import GRAY, MIN_SIZE, Doc, Segs, Word, fitting_size, text_width, words_of, wrap

LIGHT = (0.86, 0.86, 0.86)


@dataclass(slots=True)
class Field:
    label: str
    segs: Segs
    weight: float = 1.0


def _fit(
    segs: Segs, fontname: str, size: float, width: float, min_size: float, hyphenate: bool
) -> tuple[float, list[list[Word]]]:
    """Shrink the font until the value fits on one line, else wrap at the smallest size."""
    s = fitting_size(segs, fontname, size, width)
    min_size = max(MIN_SIZE, min(min_size, s))
    while s >= min_size:
        lines = wrap(segs, fontname, s, width)
        if len(lines) <= 1:
            return s, lines
        s -= 0.5
    return min_size, wrap(segs, fontname, min_size, width, hyphenate=hyphenate)


def grid_row(
    doc: Doc,
    fields: Sequence[Field],
    x0: float,
    x1: float,
    *,
    label_font: str = "hebo",
    label_size: float = 5.8,
    value_font: str = "helv",
    value_size: float = 9.0,
    min_size: float = MIN_SIZE,
    pad: float = 2.2,
    border: float = 0.5,
) -> None:
    """One row of boxed cells: a small label on top, the value below (wrapped if need be)."""
    total = sum(f.weight for f in fields)
    widths = [(x1 - x0) * f.weight / total for f in fields]
    fitted = []
    for f, w in zip(fields, widths, strict=True):
        size, lines = _fit(f.segs, value_font, value_size, w - 2 * pad - 1, min_size, doc.hyphenate)
        fitted.append((size, lines))
    leading = max(s for s, _ in fitted) * 1.18
    n_lines = max(1, *(len(lines) for _, lines in fitted))
    height = pad + label_size + 1.5 + n_lines * leading + pad
    doc.ensure(height)
    y = doc.y
    x = x0
    for f, w, (size, lines) in zip(fields, widths, fitted, strict=True):
        doc.rect((x, y, x + w, y + height), color=(0, 0, 0), width=border)
        doc.text(x + pad, y + pad + label_size * 0.85, [f.label], label_font, label_size)
        if lines:
            first = y + pad + label_size + 1.5 + size * 0.92
            doc.lines_at(x + pad + 0.5, first, f.segs, lines, value_font, size, leading)
        x += w
    doc.y = y + height


def inline_row(
    doc: Doc,
    fields: Sequence[Field],
    x0: float,
    x1: float,
    *,
    label_font: str = "hebo",
    value_font: str = "helv",
    size: float = 8.5,
    sep: str = ": ",
    gap: float = 8.0,
    hang: float = 10.0,
    leading: float | None = None,
) -> None:
    """Fields side by side, each "LABEL: value", the value wrapping inside its own column."""
    lead = leading if leading is not None else size * 1.3
    total = sum(f.weight for f in fields)
    widths = [(x1 - x0 + gap) * f.weight / total - gap for f in fields]
    plans = []
    for f, w in zip(fields, widths, strict=True):
        label = f.label + sep if f.label else ""
        lw = text_width(label, label_font, size) if label else 0.0
        first_w = max(w - lw, 20.0)
        lines = wrap(
            f.segs, value_font, size, w - hang, first_width=first_w, hyphenate=doc.hyphenate
        )
        plans.append((label, lw, lines))
    n_lines = max(1, *(len(p[2]) for p in plans))
    doc.ensure(n_lines * lead)
    baseline = doc.y + size * 0.95
    x = x0
    for f, w, (label, lw, lines) in zip(fields, widths, plans, strict=True):
        if label:
            doc.text(x, baseline, [label.rstrip()], label_font, size)
        if lines:
            doc.lines_at(x + hang, baseline, f.segs, lines, value_font, size, lead, first_x=x + lw)
        x += w + gap
    doc.y += n_lines * lead


def table(
    doc: Doc,
    x0: float,
    x1: float,
    headers: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Segs]],
    *,
    font: str = "helv",
    bold: str = "hebo",
    size: float = 8.0,
    header_fill: tuple[float, float, float] | None = LIGHT,
    grid: bool = True,
    pad: float = 2.5,
) -> None:
    """A table with a header row that is repeated after a page break."""
    total = sum(w for _, w in headers)
    widths = [(x1 - x0) * w / total for _, w in headers]
    lead = size * 1.22

    titles = [
        wrap([title], bold, size, w - 2 * pad)
        for (title, _), w in zip(headers, widths, strict=True)
    ]

    def header() -> None:
        """Titles wrap inside their column (a narrow column gets a two-line title)."""
        h = size + (max(len(t) for t in titles) - 1) * lead + 2 * pad + 1
        y = doc.y
        x = x0
        for (title, _), w, lines in zip(headers, widths, titles, strict=True):
            if grid or header_fill:
                doc.rect((x, y, x + w, y + h), fill=header_fill, color=(0, 0, 0) if grid else None)
            doc.lines_at(x + pad, y + pad + size * 0.9, [title], lines, bold, size, lead)
            x += w
        doc.y = y + h

    doc.ensure(size * 4)
    header()
    for row in rows:
        sizes = [
            fitting_size(cell, font, size, w - 2 * pad) for cell, w in zip(row, widths, strict=True)
        ]
        planned = [
            wrap(cell, font, s, w - 2 * pad, hyphenate=doc.hyphenate)
            for cell, w, s in zip(row, widths, sizes, strict=True)
        ]
        n = max(1, *(len(p) for p in planned))
        h = n * lead + 2 * pad
        page = doc.page_no
        doc.ensure(h)
        if doc.page_no != page:
            header()
        y = doc.y
        x = x0
        for cell, w, lines, s in zip(row, widths, planned, sizes, strict=True):
            if grid:
                doc.rect((x, y, x + w, y + h), color=(0, 0, 0))
            if lines:
                doc.lines_at(x + pad, y + pad + size * 0.92, cell, lines, font, s, lead)
            x += w
        doc.y = y + h
    doc.y += size * 0.6


def kv_grid(
    doc: Doc,
    fields: Sequence[Field],
    x0: float,
    x1: float,
    *,
    cols: int = 2,
    label_frac: float = 0.36,
    font: str = "helv",
    bold: str = "hebo",
    size: float = 8.0,
    label_size: float = 6.5,
    pad: float = 2.5,
) -> None:
    """Label cells (shaded, left) beside value cells, `cols` pairs a row; a field with weight
    2 or more takes a whole row."""
    pair_w = (x1 - x0) / cols
    rows: list[list[Field]] = []
    row: list[Field] = []
    for f in fields:
        if f.weight >= 2:
            if row:
                rows.append(row)
                row = []
            rows.append([f])
            continue
        row.append(f)
        if len(row) == cols:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    lead = size * 1.2
    for r in rows:
        spans = [pair_w * cols] if len(r) == 1 and r[0].weight >= 2 else [pair_w] * len(r)
        plans = []
        for f, w in zip(r, spans, strict=True):
            lw = pair_w * label_frac
            vw = w - lw
            vs = fitting_size(f.segs, font, size, vw - 2 * pad)
            lines = wrap(f.segs, font, vs, vw - 2 * pad, hyphenate=doc.hyphenate)
            llines = wrap([f.label], bold, label_size, lw - 2 * pad)
            plans.append((lw, vw, vs, lines, llines))
        n = max(1, *(max(len(p[3]), len(p[4])) for p in plans))
        h = n * lead + 2 * pad
        doc.ensure(h)
        y = doc.y
        x = x0
        for f, (lw, vw, vs, lines, llines) in zip(r, plans, strict=True):
            doc.rect((x, y, x + lw, y + h), fill=LIGHT, color=(0, 0, 0))
            doc.lines_at(
                x + pad, y + pad + label_size * 0.95, [f.label], llines, bold, label_size, lead
            )
            doc.rect((x + lw, y, x + lw + vw, y + h), color=(0, 0, 0))
            if lines:
                doc.lines_at(x + lw + pad, y + pad + size * 0.92, f.segs, lines, font, vs, lead)
            x += lw + vw
        doc.y = y + h
    doc.y += size * 0.5


def heading(
    doc: Doc,
    text: str,
    x0: float,
    x1: float,
    *,
    style: str = "bar",
    font: str = "hebo",
    size: float = 9.0,
) -> None:
    """Section headings: a shaded bar, an underlined title, or a plain bold line."""
    h = size + 6
    doc.ensure(h + size * 3)
    y = doc.y + 2
    if style == "bar":
        doc.rect((x0, y, x1, y + h), fill=LIGHT, color=None)
        doc.text(x0 + 3, y + 3 + size * 0.85, [text], font, size)
    elif style == "underline":
        doc.text(x0, y + size, [text], font, size)
        doc.hline(x0, x1, y + size + 3, 0.8)
    else:
        doc.text(x0, y + size, [text], font, size)
    doc.y = y + h + 1


def has_words(segs: Segs) -> bool:
    return bool(words_of(segs))


__all__ = ["GRAY", "Field", "grid_row", "has_words", "heading", "inline_row", "kv_grid", "table"]
