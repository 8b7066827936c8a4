"""A small page engine over PyMuPDF that records where each value is printed.

Text is a list of segments: plain strings and `Val`s. Lines break at spaces only, so a value
that wraps gets one box per line it spans. Boxes are computed from the font metrics of the
exact string drawn (the same numbers PyMuPDF uses to place the glyphs), so they are the tight
rectangles of the printed value: x from the advance widths, y from the baseline with the
ascent/descent the shared samples use (0.8 and 0.24 of the font size).

A token wider than its line (an e-mail in a narrow cell) breaks after "-", "/" or "@", else
anywhere, so that no value is shrunk below `MIN_SIZE`; with `Doc.hyphenate` a hyphenated word
also breaks after a hyphen at a line end ("Navarro-" / "Diaz"), as word processors do. The value
then has one box per line, and its parts joined without a space are the value.

One page may be rotated (`Doc.finish(rotated=...)`): it is laid out like any other, in the
portrait space a viewer shows, and then drawn on a landscape media box with /Rotate 90 or 270,
its text turned so that it reads upright. Boxes are given in the unrotated space of the media
box, which is what PyMuPDF's text extraction and `search_for` return on a rotated page.
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
MIN_SIZE = 8.0  # no value is printed smaller (nor larger than 12 pt): issue 3, "fonts and sizes"
BREAKS = "-/@"  # a token too long for its line breaks after one of these where it can

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


def _split(word: Word, k: int) -> tuple[Word, Word]:
    """The word cut after its k-th character; both halves keep their segment indices."""
    head: list[Piece] = []
    tail: list[Piece] = []
    pos = 0
    for p in word.pieces:
        end = pos + len(p.text)
        if end <= k:
            head.append(p)
        elif pos >= k:
            tail.append(p)
        else:
            head.append(Piece(p.text[: k - pos], p.idx))
            tail.append(Piece(p.text[k - pos :], p.idx))
        pos = end
    return Word(tuple(head), word.gap), Word(tuple(tail), 0)


def _chars_fitting(text: str, fontname: str, size: float, room: float) -> int:
    width = 0.0
    for i, ch in enumerate(text):
        width += _advance(ch, fontname) * size
        if width > room + 0.01:
            return i
    return len(text)


def _break_long(word: Word, fontname: str, size: float, width: float) -> list[Word]:
    """Cut a word wider than a whole line into lines: after "-", "/" or "@" where that keeps
    most of the line filled, else at the last character that fits."""
    out: list[Word] = []
    while text_width(word.text, fontname, size) > width + 0.01 and len(word.text) > 1:
        text = word.text
        n = max(1, _chars_fitting(text, fontname, size, width))
        cut = max((i + 1 for i in range(n) if text[i] in BREAKS and i + 1 < len(text)), default=0)
        if cut < 0.5 * n:
            cut = n
        head, word = _split(word, cut)
        out.append(head)
    out.append(word)
    return out


def _hyphen_break(word: Word, fontname: str, size: float, room: float) -> tuple[Word, Word] | None:
    """Break after the last hyphen (between letters or digits) whose head fits in `room`."""
    text = word.text
    best = 0
    for i in range(2, len(text) - 2):
        between = text[i] == "-" and text[i - 1].isalnum() and text[i + 1].isalnum()
        if between and text_width(text[: i + 1], fontname, size) <= room + 0.01:
            best = i + 1
    return _split(word, best) if best else None


def wrap(
    segs: Segs,
    fontname: str,
    size: float,
    width: float,
    first_width: float | None = None,
    *,
    hyphenate: bool = False,
) -> list[list[Word]]:
    """Greedy line breaking at spaces (and after hyphens with `hyphenate`). A word wider than a
    whole line is broken inside (see `_break_long`)."""
    lines: list[list[Word]] = []
    line: list[Word] = []
    line_w = 0.0
    space = text_width(" ", fontname, size)
    limit = width if first_width is None else first_width
    pending = list(reversed(words_of(segs)))
    while pending:
        w = pending.pop()
        ww = text_width(w.text, fontname, size)
        need = ww if not line else line_w + space * max(1, w.gap) + ww
        if not line and not lines and ww > limit + 0.01 and limit < width:
            lines.append([])  # too wide after a label: start the value on the next line
            limit = width
        if need <= limit + 0.01:
            line.append(w)
            line_w = need
            continue
        if hyphenate and "-" in w.text:
            room = limit - (line_w + space * max(1, w.gap) if line else 0.0)
            parts = _hyphen_break(w, fontname, size, room)
            if parts is not None:
                line.append(parts[0])
                lines.append(line)
                line, line_w, limit = [], 0.0, width
                pending.append(parts[1])
                continue
        if ww > width + 0.01:
            if line:
                lines.append(line)
            *full, rest = _break_long(w, fontname, size, width)
            lines.extend([piece] for piece in full)
            line, line_w, limit = [rest], text_width(rest.text, fontname, size), width
            continue
        if line:
            lines.append(line)
        line, line_w, limit = [w], ww, width
    if line:
        lines.append(line)
    return lines


def line_width(line: list[Word], fontname: str, size: float) -> float:
    return text_width(line_text(line), fontname, size)


def fitting_size(segs: Segs, fontname: str, size: float, width: float) -> float:
    """The largest size up to `size` at which the widest word fits in `width`, but never below
    `MIN_SIZE` (a word that still does not fit is broken inside by `wrap`)."""
    widest = max((text_width(w.text, fontname, 1.0) for w in words_of(segs)), default=0.0)
    if widest * size <= width:
        return size
    return max(min(size, MIN_SIZE), width / widest * 0.98)


@dataclass
class Doc:
    """Pages, text writers, and the ground truth of where each value went."""

    width: float = 612.0
    height: float = 792.0
    top: float = 54.0
    bottom: float = 738.0
    hyphenate: bool = False  # paragraphs and cells break hyphenated words at a line end
    pdf: pymupdf.Document = field(default_factory=pymupdf.open)
    writers: dict[tuple[int, Color], pymupdf.TextWriter] = field(default_factory=dict)
    # line art per page, drawn at `finish` (when it is known which page is rotated)
    shapes: dict[int, list[tuple[str, tuple[float, ...], Color | None, Color | None, float]]] = (
        field(default_factory=dict)
    )
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
        lines = wrap(
            segs, fontname, size, x1 - x0, first_width=x1 - x0 - indent, hyphenate=self.hyphenate
        )
        for i, line in enumerate(lines):
            self.ensure(lead)
            baseline = self.y + size * 0.95
            self.draw_line(
                x0 + (indent if i == 0 else 0), baseline, segs, line, fontname, size, color
            )
            self.y += lead
        self.y += size * 0.45 if space_after is None else space_after

    # ----- drawing shapes ---------------------------------------------------------------------
    def rect(
        self,
        r: tuple[float, float, float, float],
        *,
        fill: Color | None = None,
        color: Color | None = BLACK,
        width: float = 0.5,
    ) -> None:
        self.shapes.setdefault(self.page_no, []).append(("rect", tuple(r), fill, color, width))

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        self.shapes.setdefault(self.page_no, []).append(
            ("line", (x0, y, x1, y), None, BLACK, width)
        )

    # ----- finishing --------------------------------------------------------------------------
    def finish(self, title: str, *, rotated: tuple[int, int] | None = None) -> bytes:
        """Draw footers (now that the page count is known), write all text, and serialise.

        `rotated` is (page index, 90 or 270): that page is drawn turned on a landscape media box
        and given that /Rotate, so a viewer shows it as laid out; its boxes are turned too.
        """
        total = len(self.pdf)
        if self.footer is not None:
            for i in range(total):
                self.page_no = i
                self.footer(self, i + 1, total)
        turned, angle = rotated if rotated is not None else (-1, 0)
        if angle not in (0, 90, 270):
            raise ValueError(f"rotation {angle} is not 90 or 270")
        for (page_no, color), tw in self.writers.items():
            matrix = self._text_matrix(angle) if page_no == turned else None
            tw.write_text(self.pdf[page_no], color=color, matrix=matrix)
        if angle:
            # text is written: now the media box can turn landscape (content stays in place)
            self.pdf[turned].set_mediabox(pymupdf.Rect(0, 0, self.height, self.width))
        for page_no, ops in self.shapes.items():
            sh = self.pdf[page_no].new_shape()
            for kind, coords, fill, stroke, width in ops:
                if page_no == turned:
                    coords = self._turn(coords, angle, rect=kind == "rect")
                if kind == "rect":
                    sh.draw_rect(pymupdf.Rect(*coords))
                else:
                    sh.draw_line(pymupdf.Point(*coords[:2]), pymupdf.Point(*coords[2:]))
                sh.finish(color=stroke, fill=fill, width=width)
            sh.commit(overlay=False)  # under the text, as if drawn first
        if angle:
            self.pdf[turned].set_rotation(angle)
            for boxes in self.boxes.values():
                for box in boxes:
                    if box[0] == turned + 1:
                        box[1:] = [round(v, 2) for v in self._turn(tuple(box[1:]), angle)]
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

    def _text_matrix(self, angle: int) -> pymupdf.Matrix:
        """Maps the writer's PDF space (portrait, y up) onto the landscape media box so that a
        viewer applying /Rotate `angle` shows the text upright, where it was laid out."""
        if angle == 90:
            return pymupdf.Matrix(0, 1, -1, 0, self.height, 0)
        return pymupdf.Matrix(0, -1, 1, 0, 0, self.width)

    def _turn(
        self, coords: tuple[float, ...], angle: int, *, rect: bool = True
    ) -> tuple[float, ...]:
        """Viewer (portrait) coordinates -> the landscape media box of a page with /Rotate
        `angle`, both with the origin at the top left. A rect comes back normalised."""
        w, h = self.width, self.height

        def point(x: float, y: float) -> tuple[float, float]:
            return (y, w - x) if angle == 90 else (h - y, x)

        ax, ay = point(coords[0], coords[1])
        bx, by = point(coords[2], coords[3])
        if rect:
            return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        return (ax, ay, bx, by)

    def page_count(self) -> int:
        return len(self.pdf)
