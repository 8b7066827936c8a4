"""A small page engine over PyMuPDF that records where each value is printed.

Text is a list of segments: plain strings and `Val`s. Lines break at spaces only, so a value
that wraps gets one box per line it spans. Boxes are computed from the font metrics of the
exact string drawn (the same numbers PyMuPDF uses to place the glyphs), so they are the tight
rectangles of the printed value: x from the advance widths, y from the baseline with the
ascent/descent the shared samples use (0.8 and 0.24 of the font size).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pymupdf

from .case import Val

Seg = str | Val
Segs = Sequence[Seg]
Color = tuple[float, float, float]

BLACK: Color = (0.0, 0.0, 0.0)
GRAY: Color = (0.35, 0.35, 0.35)
ASCENT = 0.8
DESCENT = 0.24

_FONTS: dict[str, pymupdf.Font] = {}


def font(name: str) -> pymupdf.Font:
    """Base-14 fonts as PyMuPDF ships them (Nimbus clones, with Latin Extended-A glyphs)."""
    if name not in _FONTS:
        _FONTS[name] = pymupdf.Font(name)
    return _FONTS[name]


_ADVANCES: dict[tuple[str, str], float] = {}


def _advance(ch: str, fontname: str) -> float:
    key = (fontname, ch)
    adv = _ADVANCES.get(key)
    if adv is None:
        f = font(fontname)
        if ch != " " and not f.has_glyph(ord(ch)):
            raise ValueError(f"font {fontname} has no glyph for {ch!r}")
        adv = _ADVANCES[key] = float(f.glyph_advance(ord(ch)))
    return adv


def text_width(text: str, fontname: str, size: float) -> float:
    """Advance width of `text`, as Font.text_length computes it (no kerning), but cached."""
    return sum(_advance(ch, fontname) for ch in text) * size


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    idx: int  # index of the segment it comes from


@dataclass(frozen=True, slots=True)
class Word:
    pieces: tuple[Piece, ...]
    gap: int  # spaces before it, kept when it does not start a line ("NAME: X    DOB: Y")

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def words_of(segs: Segs) -> list[Word]:
    """Split segments into words, keeping which segment every character came from."""
    words: list[Word] = []
    current: list[Piece] = []
    gap = 0
    pending_gap = 0
    for idx, seg in enumerate(segs):
        text = seg.text if isinstance(seg, Val) else seg
        buf = ""
        for ch in text:
            if ch in " \n\t":
                if buf:
                    current.append(Piece(buf, idx))
                    buf = ""
                if current:
                    words.append(Word(tuple(current), gap))
                    current = []
                    pending_gap = 0
                pending_gap += 1
            else:
                if not buf and not current:
                    gap = pending_gap
                buf += ch
        if buf:
            current.append(Piece(buf, idx))
    if current:
        words.append(Word(tuple(current), gap))
    return words


def line_text(line: Sequence[Word]) -> str:
    return "".join((" " * max(1, w.gap) if i else "") + w.text for i, w in enumerate(line))


def wrap(
    segs: Segs, fontname: str, size: float, width: float, first_width: float | None = None
) -> list[list[Word]]:
    """Greedy line breaking at spaces. A word wider than the line gets a line of its own."""
    lines: list[list[Word]] = []
    line: list[Word] = []
    line_w = 0.0
    space = text_width(" ", fontname, size)
    limit = width if first_width is None else first_width
    for w in words_of(segs):
        ww = text_width(w.text, fontname, size)
        need = ww if not line else line_w + space * max(1, w.gap) + ww
        if not line and not lines and ww > limit + 0.01 and limit < width:
            lines.append([])  # too wide after a label: start the value on the next line
            limit = width
        if line and need > limit + 0.01:
            lines.append(line)
            line, line_w = [w], ww
            limit = width
        else:
            line.append(w)
            line_w = need
    if line:
        lines.append(line)
    return lines


def line_width(line: list[Word], fontname: str, size: float) -> float:
    return text_width(line_text(line), fontname, size)


def fitting_size(segs: Segs, fontname: str, size: float, width: float) -> float:
    """The largest size up to `size` at which the widest word fits in `width`."""
    widest = max((text_width(w.text, fontname, 1.0) for w in words_of(segs)), default=0.0)
    if widest * size <= width:
        return size
    return max(4.0, width / widest * 0.98)


@dataclass
class Doc:
    """Pages, text writers, and the ground truth of where each value went."""

    width: float = 612.0
    height: float = 792.0
    top: float = 54.0
    bottom: float = 738.0
    pdf: pymupdf.Document = field(default_factory=pymupdf.open)
    writers: dict[tuple[int, Color], pymupdf.TextWriter] = field(default_factory=dict)
    current_shape: pymupdf.Shape | None = None
    boxes: dict[tuple[str, str, str], list[list[float]]] = field(default_factory=dict)
    page_no: int = -1
    y: float = 0.0
    on_new_page: Callable[[Doc], None] | None = None
    footer: Callable[[Doc, int, int], None] | None = None

    # ----- pages -----------------------------------------------------------------------------
    @property
    def page(self) -> pymupdf.Page:
        return self.pdf[self.page_no]

    def new_page(self) -> None:
        self.commit_shape()
        self.pdf.new_page(width=self.width, height=self.height)
        self.page_no = len(self.pdf) - 1
        self.y = self.top
        if self.on_new_page is not None:
            self.on_new_page(self)

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` more points fit above the bottom margin."""
        if self.page_no < 0 or self.y + height > self.bottom:
            self.new_page()

    def writer(self, color: Color) -> pymupdf.TextWriter:
        key = (self.page_no, color)
        if key not in self.writers:
            self.writers[key] = pymupdf.TextWriter(self.page.rect)
        return self.writers[key]

    # ----- drawing text -----------------------------------------------------------------------
    def draw_line(
        self,
        x: float,
        baseline: float,
        segs: Segs,
        line: list[Word],
        fontname: str,
        size: float,
        color: Color = BLACK,
    ) -> float:
        """Draw one laid-out line and record a box for every value on it; returns the end x."""
        text = ""
        spans: dict[int, list[int]] = {}
        for i, w in enumerate(line):
            if i:
                text += " " * max(1, w.gap)
            for piece in w.pieces:
                start = len(text)
                text += piece.text
                span = spans.setdefault(piece.idx, [start, len(text)])
                span[0] = min(span[0], start)
                span[1] = max(span[1], len(text))
        if not text:
            return x
        self.writer(color).append((x, baseline), text, font=font(fontname), fontsize=size)
        for idx, (start, end) in spans.items():
            seg = segs[idx]
            if isinstance(seg, Val):
                x0 = x + text_width(text[:start], fontname, size)
                x1 = x + text_width(text[:end], fontname, size)
                self.record(seg, [x0, baseline - ASCENT * size, x1, baseline + DESCENT * size])
        return x + text_width(text, fontname, size)

    def record(self, val: Val, rect: list[float]) -> None:
        key = (val.category, val.text, val.role)
        box: list[float] = [self.page_no + 1, *(round(v, 2) for v in rect)]
        self.boxes.setdefault(key, []).append(box)

    def text(
        self,
        x: float,
        baseline: float,
        segs: Segs,
        fontname: str = "helv",
        size: float = 9.0,
        *,
        align: str = "left",
        color: Color = BLACK,
    ) -> float:
        """One line, no wrapping; with align right or center, x is the anchor, not the start."""
        words = words_of(segs)
        if not words:
            return x
        w = line_width(words, fontname, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        return self.draw_line(x, baseline, segs, words, fontname, size, color)

    def lines_at(
        self,
        x: float,
        first_baseline: float,
        segs: Segs,
        lines: list[list[Word]],
        fontname: str,
        size: float,
        leading: float,
        *,
        first_x: float | None = None,
        color: Color = BLACK,
    ) -> float:
        """Draw pre-wrapped lines on the current page; returns the last baseline."""
        baseline = first_baseline
        for i, line in enumerate(lines):
            start = first_x if (i == 0 and first_x is not None) else x
            self.draw_line(start, baseline, segs, line, fontname, size, color)
            if i < len(lines) - 1:
                baseline += leading
        return baseline

    def para(
        self,
        segs: Segs,
        x0: float,
        x1: float,
        fontname: str = "helv",
        size: float = 9.0,
        *,
        leading: float | None = None,
        indent: float = 0.0,
        space_after: float | None = None,
        color: Color = BLACK,
    ) -> None:
        """A flowing paragraph from the cursor down; breaks pages between lines."""
        lead = leading if leading is not None else size * 1.25
        lines = wrap(segs, fontname, size, x1 - x0, first_width=x1 - x0 - indent)
        for i, line in enumerate(lines):
            self.ensure(lead)
            baseline = self.y + size * 0.95
            self.draw_line(
                x0 + (indent if i == 0 else 0), baseline, segs, line, fontname, size, color
            )
            self.y += lead
        self.y += size * 0.45 if space_after is None else space_after

    # ----- drawing shapes ---------------------------------------------------------------------
    def shape(self) -> pymupdf.Shape:
        """Line art of the current page, batched and committed when the page is left."""
        if self.current_shape is None:
            self.current_shape = self.page.new_shape()
        return self.current_shape

    def commit_shape(self) -> None:
        if self.current_shape is not None:
            self.current_shape.commit()
            self.current_shape = None

    def rect(
        self,
        r: tuple[float, float, float, float],
        *,
        fill: Color | None = None,
        color: Color | None = BLACK,
        width: float = 0.5,
    ) -> None:
        sh = self.shape()
        sh.draw_rect(pymupdf.Rect(*r))
        sh.finish(color=color, fill=fill, width=width)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        sh = self.shape()
        sh.draw_line(pymupdf.Point(x0, y), pymupdf.Point(x1, y))
        sh.finish(color=BLACK, width=width)

    # ----- finishing --------------------------------------------------------------------------
    def finish(self, title: str) -> bytes:
        """Draw footers (now that the page count is known), write all text, and serialise."""
        total = len(self.pdf)
        if self.footer is not None:
            for i in range(total):
                self.page_no = i
                self.footer(self, i + 1, total)
        self.commit_shape()
        for (page_no, color), tw in self.writers.items():
            tw.write_text(self.pdf[page_no], color=color)
        stamp = "D:20000101000000Z"
        self.pdf.set_metadata(
            {
                "title": title,
                "author": "",
                "subject": "",
                "keywords": "",
                "creator": "reportgen",
                "producer": "reportgen",
                "creationDate": stamp,
                "modDate": stamp,
            }
        )
        self.pdf.subset_fonts()
        data: bytes = self.pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
        return data

    def page_count(self) -> int:
        return len(self.pdf)
