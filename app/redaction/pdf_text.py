"""Words, lines and per-character boxes of a page, as detection sees them.

The text is built from MuPDF's character boxes ("rawdict"), regrouped into
visual lines by geometry, so that `PageText.text` reads like the page and every
character of it maps back to a box the redactor can burn in.

What is included, on purpose: everything an extractor (pdfminer, pypdf, a
copy-paste) could pull out of the page, not only what a reader sees. That is
invisible text (render mode 3, e.g. an OCR layer), white text, text outside the
visible area (left of the page, below it, outside the crop box) and text on
optional-content layers (dissolved by `pdf_input.reveal_optional_content`). A
value that detection cannot see cannot be redacted, and hidden text is exactly
where a careless export leaves a name.

Coordinates: PyMuPDF returns text boxes in *unrotated* page space, the space
`page.add_redact_annot` expects, and so do we. Reading order, however, is a
property of the page as displayed: on a page with /Rotate 90 the text runs
down the unrotated page. Lines are therefore formed and ordered in display
space (unrotated box * page.rotation_matrix) and stored in unrotated space.
"""

from __future__ import annotations

import bisect
import copyreg
import operator
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

import pymupdf

from app.redaction import limits
from app.redaction import ocr as ocr_mod
from app.redaction.errors import OcrUnavailable, RedactorError, UnreadablePage
from app.redaction.types import Line, PageText, Rect, Word

# No TEXT_MEDIABOX_CLIP: text outside the page must be seen (see module doc).
# TEXT_IGNORE_ACTUALTEXT: the glyphs' own Unicode is reported, as pdfminer and
# pypdf read it, instead of being replaced by a marked-content /ActualText that
# can say something else than what is drawn; MuPDF still reports the
# ActualText too, as characters without advance after those glyphs, so
# detection sees both. No TEXT_USE_CID_FOR_UNKNOWN_UNICODE: a glyph without a
# Unicode mapping becomes U+FFFD, which we count (_MAX_GARBLED_SHARE).
TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_LIGATURES
    | pymupdf.TEXT_PRESERVE_WHITESPACE
    | pymupdf.TEXT_IGNORE_ACTUALTEXT
)

# A horizontal gap wider than this many line heights is a column break, joined
# with "\t" instead of " ". A word space is about 0.25-0.35 em and justified
# text stretches it to about 1 em; with tight boxes a line is 1 em high. A gap
# of 1.5 em is no word space: it separates form fields or table columns
# ("NAME: GARCIA    DOB: ..."), and a tab keeps detection from reading across
# it (a surname glued to the next column's label).
COLUMN_GAP_LINE_HEIGHTS = 1.5

# Characters with no visual width that can be slipped inside a value to break
# matching ("Gar\u200bcia"); dropped, together with their box.
_INVISIBLE_CHARS = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

# A page is a scan when no text was found and it carries something that could
# hold text: an image at least this big (pt and pt^2), or vector art with at
# least this many curve segments (text converted to outlines is all curves;
# rules, boxes and table borders are straight lines).
_MIN_IMAGE_SIDE = 4.0
_MIN_IMAGE_AREA = 100.0
_MIN_OUTLINE_CURVES = 20
_MIN_OUTLINE_ITEMS = 200
# A page mostly covered by an image (>= half its area) whose text covers less
# than this share of the image is a scan with a stamp (a Bates number, a date)
# on top, not a text page: the image carries the content, and we cannot read it.
_SCAN_IMAGE_PAGE_SHARE = 0.5
_SCAN_TEXT_COVERAGE = 0.005
# Too many glyphs without Unicode (U+FFFD) mean the text layer is not what is
# drawn: detection would read garbage while a name shows on screen.
_MAX_GARBLED_SHARE = 0.3


def _across(
    direction: tuple[float, float], size: float, ascender: float, descender: float
) -> tuple[int, float, float] | None:
    """How to cut a glyph's box to one em across the line.

    MuPDF's char box runs from the font's ascender to its descender, about
    1.2-1.4 em for common fonts, so the boxes of adjacent lines overlap at
    normal leading, and a redaction box built from them would reach into the
    line above or below. We keep the extent along the writing direction (the
    advance) and replace the extent across it with one em, split above and
    below the baseline in the font's ascender:descender proportion. This is
    what PyMuPDF's "small glyph heights" does, computed here because that
    switch is process-global and, in PyMuPDF 1.26, puts the box on the wrong
    side of the baseline for upside-down text (a page turned 180 degrees).

    "Up" from the baseline is the writing direction turned a quarter to the
    left, (dy, -dx) in y-down page space: up the page for normal text, left for
    text running up the page, down for upside-down text.

    Returns (axis, near, far): the box spans origin[axis] + near .. + far on
    that axis (0 = x, 1 = y). None for text at other angles than multiples of
    90 degrees, which keeps MuPDF's box (rare: stamps, watermarks).
    """
    dx, dy = direction
    if ascender < 1e-3 or ascender - descender < 1e-3:
        # Fonts without metrics (e.g. Tesseract's glyphless OCR font).
        ascender, descender = 0.9, -0.1
    above = size * ascender / (ascender - descender)
    below = size * descender / (ascender - descender)  # negative
    if abs(dy) < 1e-3:  # horizontal: up is -y (dx > 0) or +y (dx < 0)
        return (1, -above, -below) if dx > 0 else (1, below, above)
    if abs(dx) < 1e-3:  # vertical: up is +x (dy > 0) or -x (dy < 0)
        return (0, below, above) if dy > 0 else (0, -above, -below)
    return None


# One glyph: character, tight unrotated box, baseline origin, size, visible, color.
_Glyph = tuple[str, Rect, float, float, float, bool, int]


# MuPDF's lines of a page, each (direction, glyphs): what `glyph_lines` returns.
GlyphLines = list[tuple[tuple[float, float], list[_Glyph]]]


def text_page(page: Any) -> Any:
    """The MuPDF text page every reading of `page` here comes from (TEXT_FLAGS).

    clip=INFINITE_RECT: without a clip PyMuPDF clips to the page rect and text
    outside the visible area would be missed. `page.get_text("text", clip=
    INFINITE_RECT(), flags=TEXT_FLAGS)` makes the same text page.
    """
    return page.get_textpage(clip=pymupdf.INFINITE_RECT(), flags=TEXT_FLAGS)


def glyph_lines(page: Any, textpage: Any = None) -> GlyphLines:
    """`_glyph_lines` as a list, for a caller that reads a page's glyphs more than
    once (verification: its text and what lies under the boxes)."""
    return list(_glyph_lines(page, textpage))


def _glyph_lines(
    page: Any, textpage: Any = None
) -> Iterator[tuple[tuple[float, float], list[_Glyph]]]:
    """MuPDF's lines (direction, glyphs) with tight boxes; the one rawdict reader.

    `textpage`: `text_page(page)`, when the caller has it already.
    """
    # clip=INFINITE_RECT: without a clip PyMuPDF clips to the page rect and
    # text outside the visible area would be missed. (With `textpage` the clip
    # only keeps PyMuPDF from cutting the output to the crop box.)
    raw = page.get_text(
        "rawdict", clip=pymupdf.INFINITE_RECT(), flags=TEXT_FLAGS, textpage=textpage
    )
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            direction = (float(line["dir"][0]), float(line["dir"][1]))
            glyphs: list[_Glyph] = []
            for span in line["spans"]:
                size = float(span["size"]) or 1.0
                cut = _across(
                    direction,
                    size,
                    float(span.get("ascender", 0.9)),
                    float(span.get("descender", -0.1)),
                )
                shown = _span_visible(span)
                color = int(span.get("color", 0))
                for ch in span["chars"]:
                    ox, oy = ch["origin"]
                    x0, y0, x1, y1 = ch["bbox"]
                    if cut is None:
                        rect = Rect(x0, y0, x1, y1)
                    elif cut[0] == 1:
                        rect = Rect(x0, oy + cut[1], x1, oy + cut[2])
                    else:
                        rect = Rect(ox + cut[1], y0, ox + cut[2], y1)
                    glyphs.append((ch["c"], rect, ox, oy, size, shown, color))
            yield direction, glyphs


@dataclass(slots=True)
class _RawWord:
    text: str
    rects: list[Rect]  # unrotated, one per char of text
    rect: Rect  # enclosing box, unrotated
    disp: Rect  # enclosing box in display space
    baseline: float  # display-space y of the baseline (horizontal text only)
    horizontal: bool  # reads left to right in display space
    group: int  # MuPDF line it came from (non-horizontal words stay in it)
    conf: float = 100.0  # OCR word confidence (0-100); text-layer words are certain


@dataclass(slots=True)
class _RawLine:
    words: list[_RawWord]
    y0: float
    y1: float
    baseline: float


class RawChar(NamedTuple):
    """One extracted glyph, before word grouping (used by the redactor too).

    A named tuple, not a dataclass: one is made per glyph, several times a page.
    """

    c: str
    rect: Rect  # unrotated page space, tight (one em across the line)
    visible: bool  # filled or stroked with non-zero opacity
    color: int  # sRGB as 0xRRGGBB (the redactor's labels are white, 0xFFFFFF)
    line: int  # which of MuPDF's lines on the page (glyphs of one line are collinear)


def _transform(m: Any, x: float, y: float) -> tuple[float, float]:
    return (m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f)


def _transform_rect(m: Any, r: Rect) -> Rect:
    ax, ay = _transform(m, r.x0, r.y0)
    bx, by = _transform(m, r.x1, r.y1)
    return Rect(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _split_rect(r: Rect, n: int, along_x: bool) -> list[Rect]:
    # A ligature ("ﬁ") expands to several characters under NFKC; its one box is
    # shared out evenly along the writing direction so char_rects stay aligned.
    out = []
    for i in range(n):
        if along_x:
            step = r.width / n
            out.append(Rect(r.x0 + i * step, r.y0, r.x0 + (i + 1) * step, r.y1))
        else:
            step = r.height / n
            out.append(Rect(r.x0, r.y0 + i * step, r.x1, r.y0 + (i + 1) * step))
    return out


def _normalize_char(c: str) -> str:
    """NFKC, with odd spaces mapped to " " and zero-width characters dropped."""
    if c in _INVISIBLE_CHARS:
        return ""
    if c.isascii():
        return " " if c.isspace() else ("" if ord(c) < 32 or ord(c) == 127 else c)
    n = unicodedata.normalize("NFKC", c)
    if not n or n.isspace():
        return " " if n else ""
    return "".join(
        ch for ch in n if ch not in _INVISIBLE_CHARS and unicodedata.category(ch) != "Cc"
    )


def _span_visible(span: dict[str, Any]) -> bool:
    # char_flags bit 16 = filled, 32 = stroked (MuPDF FZ_STEXT_FILLED/STROKED):
    # neither means render mode 3 (or 7), invisible. alpha 0 is invisible too.
    flags = int(span.get("char_flags", 16))
    return bool(flags & (16 | 32)) and int(span.get("alpha", 255)) > 0


def raw_chars(page: Any, lines: GlyphLines | None = None) -> list[RawChar]:
    """Every glyph on the page with its tight box, including hidden ones.

    Text is not normalized here: this is the geometric inventory the redactor
    and the verifier use to find glyphs under a box. `lines`: `glyph_lines(page)`,
    when the caller has it already.
    """
    make = tuple.__new__
    return [
        make(RawChar, (c, rect, shown, color, line))
        for line, (_, glyphs) in enumerate(_glyph_lines(page) if lines is None else lines)
        for c, rect, _ox, _oy, _size, shown, color in glyphs
    ]


def _bounds(rects: Sequence[Rect]) -> Rect:
    # Rect.enclosing, without building a Rect per union (this runs per word).
    return Rect(
        min([r.x0 for r in rects]),
        min([r.y0 for r in rects]),
        max([r.x1 for r in rects]),
        max([r.y1 for r in rects]),
    )


def _gap(prev: Rect, cur: Rect, dx: float, dy: float) -> float:
    """Distance from the end of `prev` to the start of `cur` along the writing direction."""
    if abs(dx) >= abs(dy):
        return cur.x0 - prev.x1 if dx > 0 else prev.x0 - cur.x1
    return cur.y0 - prev.y1 if dy > 0 else prev.y0 - cur.y1


def _words_of_page(page: Any, lines: GlyphLines | None = None) -> tuple[list[_RawWord], int, int]:
    """Words of the page (in MuPDF order), plus counts of all and of U+FFFD glyphs."""
    rot = page.rotation_matrix
    rotated = page.rotation % 360 != 0
    words: list[_RawWord] = []
    n_chars = 0
    n_garbled = 0
    group = 0
    for direction, glyphs in _glyph_lines(page) if lines is None else lines:
        group += 1
        dx, dy = direction
        # Direction in display space: rotate the unit vector (no translation).
        ddx, ddy = (rot.a * dx + rot.c * dy, rot.b * dx + rot.d * dy)
        horizontal = ddx > 0.98 and abs(ddy) < 0.2
        along_x = abs(dx) >= abs(dy)
        # Words of this line as (chars, boxes, baseline); a space ends one.
        pieces: list[tuple[list[str], list[Rect], float]] = []
        text: list[str] = []
        rects: list[Rect] = []
        prev: Rect | None = None
        prev_flat = False
        for c, r, ox, oy, size, _shown, _color in glyphs:
            norm = c if ("!" <= c <= "~") else _normalize_char(c)
            if not norm:
                continue
            if norm == " ":
                text, rects, prev = [], [], None
                continue
            n_chars += 1
            if c == "\ufffd":
                n_garbled += 1
            # Glyphs without advance that are not combining accents are text
            # MuPDF adds with no glyph of its own (a marked-content
            # /ActualText, reported after the glyphs it replaces): a word of
            # its own, not glued to the last drawn word.
            flat = (r.width if along_x else r.height) <= 0.01 and not unicodedata.combining(norm[0])
            # A gap with no space character still splits words (MuPDF
            # inserts spaces for most gaps, but not for every producer).
            if prev is not None and (flat != prev_flat or _gap(prev, r, dx, dy) > 0.5 * size):
                text, rects = [], []
            prev_flat = flat
            if not text:
                base = _transform(rot, ox, oy)[1] if rotated else oy
                pieces.append((text, rects, base))
            if len(norm) == 1:
                text.append(norm)
                rects.append(r)
            else:
                text.extend(norm)
                rects.extend(_split_rect(r, len(norm), along_x))
            prev = r
        for chars, boxes, base in pieces:
            box = _bounds(boxes)
            disp = _transform_rect(rot, box) if rotated else box
            words.append(_RawWord("".join(chars), boxes, box, disp, base, horizontal, group))
    return words, n_chars, n_garbled


# Font types whose glyphs MuPDF can name without a ToUnicode map, from the
# font's /Encoding and its glyph names; composite (Type0) fonts it cannot, nor
# Type3 fonts (their glyph names are arbitrary: "/a12") or simple fonts with no
# /Encoding (a subset's built-in encoding: codes 1, 2, 3 for whatever glyphs).
_SIMPLE_FONTS = frozenset({"Type1", "MMType1", "TrueType"})
# A ToUnicode map "lies" when, of at least this many letters and digits that
# the encoding names, more than this share read as another character.
_LIE_MIN_CHARS = 8
_LIE_SHARE = 0.3


def _has_key(doc: Any, xref: int, key: str) -> bool:
    return bool(doc.xref_get_key(xref, key)[0] != "null")


def _named_glyphs(doc: Any, font: Sequence[Any]) -> bool:
    """Whether the encoding of this font (a get_fonts entry) names its glyphs."""
    return font[2] in _SIMPLE_FONTS and int(font[0]) > 0 and _has_key(doc, font[0], "Encoding")


def _chars_by_origin(page: Any) -> dict[tuple[float, float], str]:
    out: dict[tuple[float, float], str] = {}
    for _, glyphs in _glyph_lines(page):
        for c, _r, ox, oy, _size, _shown, _color in glyphs:
            out[(round(ox, 1), round(oy, 1))] = c
    return out


def _copy_page_into(target: Any, doc: Any, number: int) -> None:
    """Page `number` of `doc` alone into `target`: its content and fonts, no links,
    annotations or form fields (what is checked is the text the page draws)."""
    target.insert_pdf(
        doc, from_page=number, to_page=number, links=False, annots=False, widgets=False
    )


def tounicode_lies(page: Any, honest_fonts: dict[int, bool] | None = None) -> bool:
    """Whether a font's ToUnicode map says other characters than its glyphs show.

    Why: extraction (ours, pdfminer's, a copy-paste) believes the ToUnicode
    map, a reader sees the glyphs. A map that turns "GARCIA" into "TNEPVN"
    hides a name from detection while it shows on the page. For simple fonts
    the encoding names every glyph too ("/G" in WinAnsi is the glyph G), so
    the page is read again, in a one-page copy whose fonts lost their
    ToUnicode, and the two readings are compared glyph by glyph (by origin).
    A page where they disagree is read with OCR, like a garbled one.

    `honest_fonts`: one dict per document, filled here (`_honest_fonts`). A
    page whose every such font reads, code by code, as its encoding names the
    glyph cannot disagree with itself, and is not copied and read again.
    Proving a font costs about half of this page check, so fonts are proven
    only while pages enough are left to use the verdict on.
    """
    doc = page.parent
    fonts = [
        f
        for f in page.get_fonts(full=True)
        if _named_glyphs(doc, f) and _has_key(doc, f[0], "ToUnicode")
    ]
    if not fonts:
        return False
    if honest_fonts is not None:
        unknown = {int(f[0]) for f in fonts} - honest_fonts.keys()
        pages_left = doc.page_count - page.number
        if unknown and len(unknown) <= _MAX_PROVEN_FONTS and pages_left >= 2 * len(unknown):
            honest_fonts.update(_honest_fonts(page, known=honest_fonts.keys()))
        if all(honest_fonts.get(int(f[0]), False) for f in fonts):
            return False
    plain = pymupdf.open()
    try:
        _copy_page_into(plain, doc, page.number)
        copy = plain[0]
        for font in copy.get_fonts(full=True):
            if _named_glyphs(plain, font):
                plain.xref_set_key(font[0], "ToUnicode", "null")
        told = _chars_by_origin(page)
        derived = _chars_by_origin(plain.reload_page(copy))
    finally:
        plain.close()
    compared = differ = 0
    for origin, c in derived.items():
        t = told.get(origin)
        if t is None or not c.isalnum():
            continue  # a glyph the encoding does not name (U+FFFD, a symbol)
        compared += 1
        differ += t.casefold() != c.casefold()
    return compared >= _LIE_MIN_CHARS and differ > _LIE_SHARE * compared


# The code grid `_honest_fonts` draws: 16 x 16 codes, this far apart (pt).
_GRID_STEP = 36.0
_GRID_SIZE = 10.0
# A page with more unproven fonts than this is checked glyph by glyph (a page of
# hundreds of fonts would otherwise cost hundreds of proofs).
_MAX_PROVEN_FONTS = 8


def _text_by_origin(page: Any) -> dict[tuple[float, float], str]:
    """Every character read at each glyph origin, in order (not only the last)."""
    out: dict[tuple[float, float], str] = {}
    for _, glyphs in _glyph_lines(page):
        for c, _r, ox, oy, _size, _shown, _color in glyphs:
            key = (round(ox, 1), round(oy, 1))
            out[key] = out.get(key, "") + c
    return out


def _one_font_per_key(fonts: Sequence[Sequence[Any]]) -> bool:
    xrefs: dict[tuple[Any, ...], set[int]] = defaultdict(set)
    for f in fonts:
        xrefs[tuple(f[1:5])].add(int(f[0]))
    return all(len(x) == 1 for x in xrefs.values())


def _honest_fonts(page: Any, known: Container[int] = ()) -> dict[int, bool]:
    """For each simple font of `page` with an encoding and a ToUnicode map (by
    xref): whether its ToUnicode map agrees with its encoding on every code the
    encoding names as a letter or digit (case aside).

    Each font draws all 256 codes on a page of its own, in a one-page copy of
    `page` (the fonts come along with it); the page is read with the map and
    again without it, as `tounicode_lies` reads a page, and compared code by
    code. A code that reads as nothing, or as more or other than the letter or
    digit its glyph is, makes the font not honest; so does anything unexpected
    (the fonts of the copy do not line up with the page's): such a page is
    checked glyph by glyph. Nothing here is document text: codes 0-255.
    `known`: fonts with a verdict already, not tested again.
    """
    doc = page.parent
    out: dict[int, bool] = {}
    fonts = [f for f in page.get_fonts(full=True) if _named_glyphs(doc, f)]
    for f in fonts:
        if _has_key(doc, f[0], "ToUnicode") and int(f[0]) not in known:
            out[int(f[0])] = False
    plain = pymupdf.open()
    try:
        _copy_page_into(plain, doc, page.number)
        copied = [f for f in plain[0].get_fonts(full=True) if _named_glyphs(plain, f)]
        # Each font of the page is paired with its copy by (file type, type, base
        # font, resource name), and only when that names one font on each side:
        # no verdict may land on another font of the same name (a form's own
        # "/F1 Helvetica").
        if [f[1:5] for f in copied] != [f[1:5] for f in fonts] or not (
            _one_font_per_key(fonts) and _one_font_per_key(copied)
        ):
            return out
        side = 16 * _GRID_STEP + _GRID_STEP
        origins = {
            (round(_GRID_STEP * (1 + code % 16), 1), round(_GRID_STEP * (1 + code // 16), 1)): code
            for code in range(256)
        }
        show = "".join(
            f"1 0 0 1 {x:.1f} {side - y:.1f} Tm <{code:02X}> Tj\n"
            for (x, y), code in origins.items()
        )
        tested: set[int] = set()
        for original, copy in zip(fonts, copied, strict=True):
            # A font listed twice (used by the page and by one of its forms) is
            # tested once: its copy has lost its map after the first test.
            if int(original[0]) not in out or int(copy[0]) in tested:
                continue
            tested.add(int(copy[0]))
            limits.check_time()
            grid = plain.new_page(width=side, height=side)
            plain.xref_set_key(grid.xref, "Resources", f"<< /Font << /F {copy[0]} 0 R >> >>")
            contents = plain.get_new_xref()
            plain.update_object(contents, "<< >>")
            plain.update_stream(contents, f"BT /F {_GRID_SIZE:.0f} Tf\n{show}ET".encode())
            plain.xref_set_key(grid.xref, "Contents", f"{contents} 0 R")
            grid = plain.reload_page(grid)
            told = _text_by_origin(grid)
            plain.xref_set_key(copy[0], "ToUnicode", "null")
            grid = plain.reload_page(grid)
            derived = _text_by_origin(grid)
            # Every character read must sit on a code's origin (one code may not
            # spill characters onto another's place), and each code the encoding
            # names as one letter or digit must read as that one character.
            out[int(original[0])] = all(
                o in origins or not t.strip() for o, t in (*told.items(), *derived.items())
            ) and all(
                told.get(o, "").casefold() == t.casefold()
                for o, t in derived.items()
                if len(t) != 1 or t.isalnum()
            )
    except RedactorError:  # out of time: the document is refused, not read on
        raise
    except Exception:  # a font MuPDF cannot show: its pages are checked glyph by glyph
        return {xref: False for xref in out}
    finally:
        plain.close()
    return out


def _group_lines(words: list[_RawWord]) -> list[_RawLine]:
    """Visual lines: same baseline and overlapping vertical extent, any block."""
    lines: list[_RawLine] = []
    horizontal = sorted(
        (w for w in words if w.horizontal), key=lambda w: ((w.disp.y0 + w.disp.y1) / 2, w.disp.x0)
    )
    for w in horizontal:
        h = w.disp.height
        placed = False
        # Sorted by vertical centre, so a word's line is one of the last few.
        for ln in reversed(lines[-3:]):
            lh = ln.y1 - ln.y0
            overlap = min(ln.y1, w.disp.y1) - max(ln.y0, w.disp.y0)
            # 0.3 of the taller box: a form's small-print label and its value set
            # top-aligned in one cell ("PLACE OF BIRTH  Tlaquepaque, Jalisco")
            # sit about 0.27 apart; lines of running text are a whole line apart.
            if overlap >= 0.5 * min(h, lh) and abs(w.baseline - ln.baseline) <= 0.3 * max(h, lh):
                ln.words.append(w)
                ln.y0 = min(ln.y0, w.disp.y0)
                ln.y1 = max(ln.y1, w.disp.y1)
                placed = True
                break
        if not placed:
            lines.append(_RawLine([w], w.disp.y0, w.disp.y1, w.baseline))
    for ln in lines:
        ln.words.sort(key=lambda w: w.disp.x0)

    # Vertical or upside-down text keeps MuPDF's own line and word order.
    others: dict[int, list[_RawWord]] = {}
    for w in words:
        if not w.horizontal:
            others.setdefault(w.group, []).append(w)
    for ws in others.values():
        box = _bounds([w.disp for w in ws])
        lines.append(_RawLine(ws, box.y0, box.y1, box.y1))

    lines.sort(key=lambda ln: (ln.y0, min(w.disp.x0 for w in ln.words)))
    return lines


def _is_scan(page: Any, images: Sequence[Rect], words: Sequence[_RawWord]) -> bool:
    visible = page.rect * page.derotation_matrix
    page_area = max(1.0, abs(visible.width * visible.height))
    big = []
    for r in images:
        shown = r.intersect(Rect(visible.x0, visible.y0, visible.x1, visible.y1))
        if shown is None:
            continue
        if min(shown.width, shown.height) >= _MIN_IMAGE_SIDE and shown.area >= _MIN_IMAGE_AREA:
            big.append(shown)
    if not words:
        if big:
            return True
        curves = 0
        items = 0
        for path in page.get_drawings():
            for item in path["items"]:
                items += 1
                if item[0] == "c":
                    curves += 1
        return curves >= _MIN_OUTLINE_CURVES or items >= _MIN_OUTLINE_ITEMS
    for img in big:
        if img.area < _SCAN_IMAGE_PAGE_SHARE * page_area:
            continue
        covered = 0.0
        for w in words:
            for r in w.rects:
                inter = r.intersect(img)
                if inter is not None:
                    covered += inter.area
        if covered < _SCAN_TEXT_COVERAGE * img.area:
            return True
    return False


def extract_page(page: pymupdf.Page) -> PageText:
    """The text of one page with word, line and character geometry.

    Raises UnreadablePage when the page has no usable text layer but carries
    images or vector art that could hold text (a scan). A blank page gives an
    empty PageText.
    """
    words, n_chars, n_garbled = _words_of_page(page)
    images = tuple(
        Rect(*(float(v) for v in info["bbox"]))
        for info in page.get_image_info()
        if not pymupdf.Rect(info["bbox"]).is_empty
    )
    if n_chars and n_garbled / n_chars > _MAX_GARBLED_SHARE:
        raise UnreadablePage()
    if _is_scan(page, images, words):
        raise UnreadablePage()
    return _page_text(page, words, images)


def reading_text(
    page: pymupdf.Page,
    lines: GlyphLines | None = None,
    drawings: Sequence[dict[str, Any]] | None = None,
) -> str:
    """`extract_page(page).text` without the scan checks (for verification).

    `lines` (`glyph_lines(page)`) and `drawings` (`page.get_drawings()`): when the
    caller has them already.
    """
    words, _, _ = _words_of_page(page, lines)
    return _page_text_conf(page, words, (), drawings=drawings)[0].text


def _page_text(page: Any, words: list[_RawWord], images: tuple[Rect, ...]) -> PageText:
    return _page_text_conf(page, words, images)[0]


# A ruled form's cell border: a stroked vertical segment at least this tall (pt).
_MIN_RULE_HEIGHT = 6.0


def _vertical_rules(
    page: Any, drawings: Sequence[dict[str, Any]] | None = None
) -> list[tuple[float, float, float]]:
    """Stroked vertical segments (x, y0, y1) in display space: the borders of a
    ruled form's cells. Fill-only shapes (shading, redaction boxes) are no border.

    `drawings`: page.get_drawings(), when the caller has it already."""
    rules: list[tuple[float, float, float]] = []
    if drawings is None:
        try:
            drawings = page.get_drawings()
        except Exception:  # an unparsable content stream: no rules, plain gaps decide
            return rules
    rot = page.rotation_matrix
    # On an unturned page display space is page space: no point to transform.
    turned = tuple(rot) != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for d in drawings:
        if d.get("type") not in ("s", "fs"):
            continue
        for item in d.get("items", ()):
            segments: list[tuple[Any, Any]] = []
            if item[0] == "l":
                segments.append((item[1], item[2]))
            elif item[0] == "re":
                # All four edges: on a turned page the vertical ones on screen
                # are the rectangle's top and bottom.
                r = item[1]
                segments += [(r.tl, r.bl), (r.tr, r.br), (r.tl, r.tr), (r.bl, r.br)]
            elif item[0] == "qu":
                q = item[1]
                segments += [(q.ul, q.ll), (q.ur, q.lr), (q.ul, q.ur), (q.ll, q.lr)]
            for a, b in segments:
                if turned:
                    a, b = a * rot, b * rot
                if abs(a.x - b.x) < 0.75 and abs(a.y - b.y) >= _MIN_RULE_HEIGHT:
                    rules.append(((a.x + b.x) / 2, min(a.y, b.y), max(a.y, b.y)))
    return rules


def _ruled_between(
    rules: Sequence[tuple[float, float, float]], prev: Rect, cur: Rect, xs: Sequence[float]
) -> bool:
    """A cell border runs between two words of a line: they are two cells, even
    when the first one fills its cell up to the border ("...Police Department |
    Midway Auto Body").

    `rules` sorted by x, and `xs` their x: only the rules between the two words
    are looked at (a form has hundreds of rules and words)."""
    mid = (max(prev.y0, cur.y0) + min(prev.y1, cur.y1)) / 2
    lo = bisect.bisect_left(xs, prev.x1 - 0.5)
    hi = bisect.bisect_right(xs, cur.x0 + 0.5)
    return any(y0 <= mid <= y1 for _, y0, y1 in rules[lo:hi])


def _page_text_conf(
    page: Any,
    words: list[_RawWord],
    images: tuple[Rect, ...],
    scanned_rules: Sequence[tuple[float, float, float]] = (),
    *,
    drawings: Sequence[dict[str, Any]] | None = None,
) -> tuple[PageText, tuple[float, ...]]:
    """The PageText, and the confidence of each of its words (in its word order).

    `scanned_rules`: cell borders OCR saw in the page's pixels (`PageOcr.rules`).
    `drawings`: page.get_drawings(), when the caller has it already.
    """
    rules = [*_vertical_rules(page, drawings), *scanned_rules] if words else []
    # Sorted by x for _ruled_between; a rule at no x (NaN) is between no words.
    rules = sorted((r for r in rules if r[0] == r[0]), key=lambda r: r[0])
    rule_xs = [r[0] for r in rules]
    confs: list[float] = []
    out_words: list[Word] = []
    word_starts: list[int] = []
    out_lines: list[Line] = []
    parts: list[str] = []
    pos = 0
    for li, ln in enumerate(_group_lines(words)):
        if li:
            parts.append("\n")
            pos += 1
        line_start = pos
        first = len(out_words)
        prev: _RawWord | None = None
        for w in ln.words:
            if prev is not None:
                gap = w.disp.x0 - prev.disp.x1
                # The smaller of the two heights: a small-print label right after
                # a value ("...Montes-Jurado   SEX: M") is a new field even when
                # the gap is only a little wider than the value's own em.
                em = min(prev.disp.height, w.disp.height)
                wide = gap > COLUMN_GAP_LINE_HEIGHTS * em
                ruled = rules and _ruled_between(rules, prev.disp, w.disp, rule_xs)
                sep = "\t" if wide or ruled else " "
                parts.append(sep)
                pos += 1
            word_starts.append(pos)
            confs.append(w.conf)
            out_words.append(
                Word(
                    text=w.text,
                    rect=w.rect,
                    char_rects=tuple(w.rects),
                    line=li,
                )
            )
            parts.append(w.text)
            pos += len(w.text)
            prev = w
        out_lines.append(
            Line(
                rect=_bounds([word.rect for word in out_words[first:]]),
                first_word=first,
                end_word=len(out_words),
                start=line_start,
                end=pos,
            )
        )

    unrotated = page.rect * page.derotation_matrix
    return PageText(
        index=int(page.number),
        width=float(abs(unrotated.width)),
        height=float(abs(unrotated.height)),
        text="".join(parts),
        words=tuple(out_words),
        word_starts=tuple(word_starts),
        lines=tuple(out_lines),
        images=images,
    ), tuple(confs)


def extract_pages(doc: pymupdf.Document) -> list[PageText]:
    """`extract_page` for every page of a document from `open_untrusted_pdf`."""
    if doc.get_ocgs():
        # Text on a hidden layer would escape detection; pdf_input dissolves
        # optional content first. Reaching here is a programming error.
        raise ValueError("optional content present: open the PDF with open_untrusted_pdf")
    return [extract_page(page) for page in doc]


# -- pages read with OCR -----------------------------------------------------------------
#
# A page is OCRed when it is a scan (`_is_scan`: no text layer, or a text layer
# that covers next to nothing of a page-sized image), when its text layer is
# garbled, or when it carries a large raster image (at least _OCR_IMAGE_SHARE
# of the page): such an image may show text the text layer does not have (a
# scanned attachment pasted into a form, a partial OCR layer). The OCR words
# are added where the text layer has no word; the text layer wins where both
# read something, since its characters are exact.

_OCR_IMAGE_SHARE = 0.25
# An image is the scan of text, not a photograph, when OCR reads at least this
# many confident words on it; else it stays an image (detection's PHOTO).
_SCAN_MIN_WORDS = 5
_SCAN_WORD_CONF = 60.0
# On an image that is not text (a photo), OCR "words" below this confidence are
# texture, not text.
_PHOTO_NOISE_CONF = 50.0
# Pages rendered and recognised at once (bounds the memory of rendered pages).
_OCR_BATCH = 4


@dataclass(frozen=True, slots=True)
class OcrPageInfo:
    """How one page was read with OCR (no text: geometry, counts and versions)."""

    index: int  # 0-based
    engine: str  # "tesseract 5.3.0"
    full: bool  # a scan (the text layer was missing, garbled or nearly empty)
    rotation: int  # degrees the page was turned to read upright (OSD)
    skew: float  # degrees of tilt measured
    dpi: int
    mean_confidence: float
    words: int  # OCR words added to the page
    confidences: tuple[float, ...]  # per word of the page's PageText (100: text layer)


@dataclass(frozen=True, slots=True)
class DocumentText:
    pages: list[PageText]
    ocr: Mapping[int, OcrPageInfo]
    # The document again with its scanned pages read a second way
    # (`ocr.ocr_pages_twice`); None when no page was read twice.
    second: DocumentText | None = None


@dataclass(slots=True)
class _Pending:
    page: Any
    words: list[_RawWord]
    images: tuple[Rect, ...]
    full: bool
    big: list[Rect]


def _image_rects(page: Any) -> tuple[Rect, ...]:
    infos = page.get_image_info()
    for info in infos:
        # Inline images too, which limits.check_structure (objects only) does not see.
        limits.check_pixels(float(info.get("width", 0)) * float(info.get("height", 0)))
    return tuple(
        Rect(*(float(v) for v in info["bbox"]))
        for info in infos
        if not pymupdf.Rect(info["bbox"]).is_empty
    )


def _big_images(page: Any, images: Sequence[Rect]) -> list[Rect]:
    visible = page.rect * page.derotation_matrix
    page_area = max(1.0, abs(visible.width * visible.height))
    shown = Rect(visible.x0, visible.y0, visible.x1, visible.y1)
    out = []
    for r in images:
        part = r.intersect(shown)
        if part is not None and part.area >= _OCR_IMAGE_SHARE * page_area:
            out.append(r)
    return out


def _centre_in(r: Rect, box: Rect, grow: float = 0.0) -> bool:
    cx, cy = (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2
    return box.x0 - grow <= cx <= box.x1 + grow and box.y0 - grow <= cy <= box.y1 + grow


def _merge_ocr(pending: _Pending, result: ocr_mod.PageOcr) -> tuple[list[_RawWord], list[Rect]]:
    """Text-layer words plus the OCR words where no text-layer word is; and the photos."""
    scans = [
        img
        for img in pending.big
        if sum(
            1
            for w in result.words
            if w.conf >= _SCAN_WORD_CONF
            and sum(c.isalnum() for c in w.text) >= 2
            and _centre_in(w.rect, img)
        )
        >= _SCAN_MIN_WORDS
    ]
    photos = [img for img in pending.images if img not in scans]
    taken = [w.rect for w in pending.words if w.text.strip()]
    merged = list(pending.words)
    for w in result.words:
        if any(_centre_in(w.rect, t, grow=0.2 * max(1.0, t.height)) for t in taken):
            continue
        if (
            w.conf < _PHOTO_NOISE_CONF
            and any(_centre_in(w.rect, p) for p in photos if p.area > 0)
            and not any(_centre_in(w.rect, s) for s in scans)
        ):
            continue
        merged.append(
            _RawWord(
                text=w.text,
                rects=list(w.char_rects),
                rect=w.rect,
                disp=w.disp,
                baseline=w.baseline,
                horizontal=True,
                group=-w.line,
                conf=w.conf,
            )
        )
    return merged, photos


def _text_layer(page: Any, honest_fonts: dict[int, bool]) -> PageText | _Pending:
    """The page's text layer, or what OCR must read (a scan, a garbled or lying
    layer, big images). `honest_fonts`: one dict per document (tounicode_lies)."""
    words, n_chars, n_garbled = _words_of_page(page)
    images = _image_rects(page)
    garbled = bool(n_chars) and n_garbled / n_chars > _MAX_GARBLED_SHARE
    lies = bool(n_chars) and not garbled and tounicode_lies(page, honest_fonts)
    if lies:
        # Its text layer is not what the page shows: OCR reads the page, and
        # none of the layer's words may stand in for what OCR reads.
        words = []
    full = garbled or lies or _is_scan(page, images, words)
    big = _big_images(page, images)
    if full or big:
        # OCR renders the whole page: a huge page is a huge image.
        limits.check_pixels(limits.pdf_pixels(page.rect, ocr_mod.page_dpi(page)))
        return _Pending(page, words, images, full, big)
    return _page_text(page, words, images)


def _pickle_by_fields(cls: type[Any]) -> None:
    """Pickle `cls` (a frozen dataclass) as a call of its constructor.

    Why: a document's pages are read in several processes and their PageText
    comes back through a pipe (pipeline.py). Pickled as dataclass state, every
    Rect of every character is restored field by field through
    object.__setattr__: unpickling took longer than reading the page. As a
    constructor call it takes a sixth of that, and gives an equal value.
    """
    names = [f.name for f in fields(cls)]
    if not all(f.init for f in fields(cls)):  # pragma: no cover - a guard for later edits
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument")
    values = operator.attrgetter(*names)

    def reduce(obj: Any) -> tuple[type[Any], tuple[Any, ...]]:
        return cls, values(obj)

    copyreg.pickle(cls, reduce)


for _cls in (Rect, Word, Line, PageText):
    _pickle_by_fields(_cls)


def read_text_layers(doc: pymupdf.Document, numbers: Sequence[int]) -> list[PageText] | None:
    """These pages as `read_document` reads them, when no OCR is needed: None as
    soon as one of them needs OCR (the caller then reads the document with
    `read_document`). For reading a document's pages in several processes.

    The same page gives the same PageText here and there: only the proofs of
    honest fonts (`tounicode_lies`) are made per call, which changes how much a
    check costs, never what it finds.
    """
    if doc.get_ocgs():
        raise ValueError("optional content present: open the PDF with open_untrusted_pdf")
    honest_fonts: dict[int, bool] = {}
    out: list[PageText] = []
    for number in numbers:
        limits.check_time()
        layer = _text_layer(doc[number], honest_fonts)
        if isinstance(layer, _Pending):
            return None
        out.append(layer)
    return out


def read_document(doc: pymupdf.Document, engine: ocr_mod.Tesseract | None) -> DocumentText:
    """Every page's text, with OCR where the text layer does not show what the page shows.

    Raises OcrUnavailable when a page needs OCR and `engine` is None (Tesseract
    was not found at startup), and UnreadablePage when the best OCR reading of
    a scan is still noise. Without OCR nothing is passed through unread.
    """
    if doc.get_ocgs():
        raise ValueError("optional content present: open the PDF with open_untrusted_pdf")
    pages: list[PageText | None] = []
    pending: dict[int, _Pending] = {}
    # Fonts whose ToUnicode map was found to agree with their encoding (tounicode_lies).
    honest_fonts: dict[int, bool] = {}
    for page in doc:
        limits.check_time()
        layer = _text_layer(page, honest_fonts)
        if isinstance(layer, _Pending):
            pending[int(page.number)] = layer
            pages.append(None)
        else:
            pages.append(layer)
    infos: dict[int, OcrPageInfo] = {}
    if pending and engine is None:
        raise OcrUnavailable(pages=len(pages))
    seconds: dict[int, tuple[PageText, OcrPageInfo]] = {}
    order = sorted(pending)
    for at in range(0, len(order), _OCR_BATCH):
        limits.check_time()
        batch = order[at : at + _OCR_BATCH]
        assert engine is not None
        scanned = [pending[i].page for i in batch]
        both: list[tuple[ocr_mod.PageOcr, ocr_mod.PageOcr | None]]
        if engine.second_reading:
            both = list(ocr_mod.ocr_pages_twice(engine, scanned))
        else:
            both = [(result, None) for result in ocr_mod.ocr_pages(engine, scanned)]
        for i, (result, second) in zip(batch, both, strict=True):
            p = pending[i]
            if p.full:
                ocr_mod.check_readable(result)
            pages[i], infos[i] = _ocr_page_text(p, result, engine.info)
            if second is not None and ocr_mod.readable(second):
                seconds[i] = _ocr_page_text(p, second, engine.info)
    done = [p for p in pages if p is not None]
    second_text = None
    if seconds:
        second_text = DocumentText(
            [seconds[i][0] if i in seconds else page for i, page in enumerate(done)],
            {i: info for i, (_, info) in seconds.items()},
        )
    return DocumentText(done, infos, second_text)


def _ocr_page_text(
    pending: _Pending, result: ocr_mod.PageOcr, engine: str
) -> tuple[PageText, OcrPageInfo]:
    """A scanned (or partly scanned) page's text: its text layer's words and OCR's."""
    words, photos = _merge_ocr(pending, result)
    text, confs = _page_text_conf(pending.page, words, tuple(photos), result.rules)
    info = OcrPageInfo(
        index=int(pending.page.number),
        engine=engine,
        full=pending.full,
        rotation=result.rotation,
        skew=result.skew,
        dpi=result.dpi,
        mean_confidence=result.mean_confidence,
        words=len(words) - len(pending.words),
        confidences=confs,
    )
    return (replace(text, ocr=True) if pending.full else text), info
