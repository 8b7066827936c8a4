"""Burn redaction boxes into a PDF and strip everything else that could leak.

How a box is burnt in (per page):

1. Text. MuPDF removes a glyph when its box (font descender to ascender over
   the advance, shrunk by a tenth) merely *touches* a redaction rectangle. That
   box is about 1.2-1.4 em tall, so a rectangle over one line reaches the
   glyph boxes of the lines above and below at ordinary leading, and a box drawn
   around a value would take neighbouring text with it. So the text-removal
   rectangles are not the marks themselves: we select the glyphs whose own
   (tight, one em) box lies more than half inside a mark - the same rule the
   verifier applies - and give MuPDF only the *core* of those glyphs (their box
   shrunk by 30% on every side), merged into one rectangle per run of adjacent
   glyphs. Every selected glyph's MuPDF box contains its core; no glyph on
   another line comes near it.
2. Images and vector art, under the full mark rectangle: pixels under the box
   are blanked in the image data (the rest of a photo stays), line art wholly
   inside the box is removed, and table rules that only touch it stay.
3. A black box over the mark, with the policy code in small white type when it
   fits. Marks that overlap or touch on one line are merged first so that two
   labels never overprint.

Hidden text is then removed outright, wherever it is: glyphs drawn invisibly
(render mode 3 or zero opacity: an OCR layer, or text hidden on purpose),
glyphs under an opaque filled rectangle (an old "redaction" drawn over text
that stayed in the file, `covered_glyphs`), glyphs under our own boxes, and
glyphs outside the page's visible area. Detection saw them, so a value found
there has a mark, but a reader of the output cannot see them, and so cannot
check that nothing was missed: an output that shows what it contains is the
only kind a records officer can review.

Finally the pages are copied into a fresh document, which keeps only the page
content, resources and boxes (a whitelist): annotations, links, form fields,
page actions, thumbnails, page-level metadata, the document catalog with its
JavaScript, OpenAction, attachments, outlines, structure tree and XMP are all
left behind. Metadata is emptied, and the file is written from scratch
(garbage collected, no incremental update, no encryption).

Coordinates: marks are in unrotated page space (what `add_redact_annot` and
`PageText` use). Only the labels need the page's rotation: they are written
turned with it, so that they read upright on screen.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

from app.redaction import limits
from app.redaction.errors import RedactionFailed, RedactorError
from app.redaction.pdf_text import RawChar, raw_chars
from app.redaction.types import Rect, RedactionMark

# A glyph belongs to a mark when more than this share of its box is inside it.
# The verifier (verification.py) uses the same rule for "text under a box".
GLYPH_INSIDE_SHARE = 0.5
# Each side of a glyph box is moved in by this share of its size to make the
# core given to MuPDF (see module doc, step 1).
_CORE_INSET = 0.3
# Label type: never below 4 pt (unreadable), never above 9 pt (a photo-sized
# box would otherwise get a headline), at most 75% of the box height.
LABEL_FONT = "helv"
LABEL_MIN_SIZE = 4.0
LABEL_MAX_SIZE = 9.0
_LABEL_HEIGHT_SHARE = 0.75
_LABEL_PAD = 1.0
LABEL_SEPARATOR = "; "
# Two marks on one line whose gap is at most this share of the line height are
# "touching" and are drawn as one box.
_TOUCH_GAP = 0.25
# Helvetica's cap height in em, to centre the label's capitals in the box.
_CAP_HEIGHT = 0.72
# Smallest box side drawn (pt), for marks over text that has no width.
MIN_BOX = 1.0
# Bucket height (pt) of the vertical index used to find glyphs near a box.
_BUCKET = 16.0

_BLACK = (0.0, 0.0, 0.0)
_WHITE = (1.0, 1.0, 1.0)


@dataclass(frozen=True, slots=True)
class DrawnBox:
    """One black box as drawn: merged marks and the label printed in it."""

    rect: Rect
    label: str  # "" when no label fits


def redact_pdf(
    doc: pymupdf.Document,
    marks: Sequence[RedactionMark],
    *,
    image_marks: Sequence[RedactionMark] = (),
) -> bytes:
    """Apply `marks` to `doc` and return the bytes of a clean, redacted PDF.

    `marks` cover text (tight boxes from PageText). `image_marks` cover regions
    where everything goes: a photograph with any text on it. Both get a black
    box with their code. `doc` is modified in place and should be closed by
    the caller afterwards; it must come from `open_untrusted_pdf`.
    """
    n_pages = int(doc.page_count)
    by_page: dict[int, tuple[list[RedactionMark], list[RedactionMark]]] = defaultdict(
        lambda: ([], [])
    )
    for mark in marks:
        by_page[mark.page][0].append(_drawable(mark, n_pages))
    for mark in image_marks:
        by_page[mark.page][1].append(_drawable(mark, n_pages))

    try:
        for number in range(n_pages):
            limits.check_time()
            text_marks, photo_marks = by_page.get(number, ([], []))
            _redact_page(doc[number], text_marks, photo_marks)
        return _clean_copy(doc)
    except RedactorError:  # RedactionFailed, ProcessingTimeout
        raise
    except Exception:
        # MuPDF errors can quote the file; only the fixed message goes out,
        # and not as a chained cause either (tracebacks get logged).
        raise RedactionFailed(pages=n_pages) from None


def _drawable(mark: RedactionMark, n_pages: int) -> RedactionMark:
    """The mark, checked, and grown to at least MIN_BOX pt on each side.

    A flat mark is legitimate: text MuPDF reports without a glyph of its own
    (a marked-content /ActualText) has boxes with no width. It still needs a
    box a reader can see. A mark we cannot draw at all (no such page, inverted,
    not a number) is a value we would leave in: fail closed.
    """
    r = mark.rect
    finite = all(v == v and abs(v) < 1e6 for v in r.as_tuple())
    if not (0 <= mark.page < n_pages) or not finite or r.width < 0 or r.height < 0:
        raise RedactionFailed(pages=n_pages)
    grow_x = max(0.0, MIN_BOX - r.width) / 2
    grow_y = max(0.0, MIN_BOX - r.height) / 2
    if not (grow_x or grow_y):
        return mark
    grown = Rect(r.x0 - grow_x, r.y0 - grow_y, r.x1 + grow_x, r.y1 + grow_y)
    return RedactionMark(page=mark.page, rect=grown, code=mark.code)


def glyph_inside(glyph: Rect, box: Rect) -> bool:
    """Whether more than half of `glyph` lies inside `box` (degenerate: its centre)."""
    w = glyph.x1 - glyph.x0
    h = glyph.y1 - glyph.y0
    if w <= 0 or h <= 0:
        cx = (glyph.x0 + glyph.x1) / 2
        cy = (glyph.y0 + glyph.y1) / 2
        return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1
    # Plain arithmetic: this runs for every glyph near every box.
    iw = min(glyph.x1, box.x1) - max(glyph.x0, box.x0)
    if iw <= 0:
        return False
    ih = min(glyph.y1, box.y1) - max(glyph.y0, box.y0)
    return ih > 0 and iw * ih > GLYPH_INSIDE_SHARE * w * h


class GlyphIndex:
    """Glyphs of a page bucketed by vertical position, to find those in a box fast."""

    def __init__(self, chars: Iterable[RawChar]) -> None:
        self.chars = list(chars)
        self._buckets: dict[int, list[int]] = defaultdict(list)
        for i, ch in enumerate(self.chars):
            for b in range(int(ch.rect.y0 // _BUCKET), int(ch.rect.y1 // _BUCKET) + 1):
                self._buckets[b].append(i)

    def near(self, box: Rect) -> set[int]:
        found: set[int] = set()
        for b in range(int(box.y0 // _BUCKET), int(box.y1 // _BUCKET) + 1):
            found.update(self._buckets.get(b, ()))
        return found

    def inside(self, box: Rect) -> list[int]:
        """Indices of glyphs more than half inside `box`, in page order."""
        return sorted(i for i in self.near(box) if glyph_inside(self.chars[i].rect, box))


def _core(r: Rect) -> Rect:
    dx = r.width * _CORE_INSET
    dy = r.height * _CORE_INSET
    return Rect(r.x0 + dx, r.y0 + dy, r.x1 - dx, r.y1 - dy)


def _runs(index: GlyphIndex, selected: Iterable[int]) -> list[Rect]:
    """Merge the cores of selected glyphs into one rectangle per run.

    A run is a sequence of glyphs that are consecutive in page order *and* on
    the same MuPDF line: collinear neighbours with nothing unselected between
    them, so the union of their cores only covers their own bodies. Judging
    adjacency by geometry instead would be wrong twice over: the last glyph of
    one line and the first of the next can sit right above each other, and a
    narrow unselected glyph ("." in "A.B") fits between two selected cores.
    """
    out: list[Rect] = []
    run: Rect | None = None
    prev = -2
    for i in sorted(selected):
        c = _core(index.chars[i].rect)
        if run is not None and i == prev + 1 and index.chars[i].line == index.chars[prev].line:
            run = run.union(c)
        else:
            if run is not None:
                out.append(run)
            run = c
        prev = i
    if run is not None:
        out.append(run)
    return out


def _hidden_glyphs(index: GlyphIndex) -> list[int]:
    """Invisible glyphs that do not overlap visible ones (those can go safely).

    An invisible glyph whose core overlaps a visible glyph is left alone: the
    text-removal rectangle would take the visible glyph too, which would be an
    unmarked hole in the page. Detection saw both; a value there has a mark.
    """
    out = []
    for i, ch in enumerate(index.chars):
        if ch.visible or not ch.c.strip():
            continue
        core = _core(ch.rect)
        clash = any(
            index.chars[j].visible and index.chars[j].rect.intersect(core) is not None
            for j in index.near(core)
        )
        if not clash:
            out.append(i)
    return out


# A filled rectangle smaller than this (pt) on either side is a rule or a
# bullet, not something that covers a glyph.
_MIN_COVER_SIDE = 1.0
# Fill colours closer than this (per channel, 0-1) are "the same colour".
_SAME_COLOUR = 0.02


def _rect_of_item(item: Sequence[Any]) -> Rect | None:
    """The axis-aligned rectangle a path item fills ("re", or a rectangular "qu")."""
    if item[0] == "re":
        r = pymupdf.Rect(item[1]).normalize()
    elif item[0] == "qu" and pymupdf.Quad(item[1]).is_rectangular:
        r = pymupdf.Quad(item[1]).rect
    else:
        return None
    if r.width < _MIN_COVER_SIDE or r.height < _MIN_COVER_SIDE:
        return None
    return Rect(float(r.x0), float(r.y0), float(r.x1), float(r.y1))


def _same_colour(a: Sequence[float] | None, b: Sequence[float] | None) -> bool:
    if a is None or b is None or len(a) != len(b):
        return False
    return all(abs(float(x) - float(y)) <= _SAME_COLOUR for x, y in zip(a, b, strict=True))


def covered_glyphs(
    page: Any, index: GlyphIndex, drawings: Sequence[dict[str, Any]] | None = None
) -> set[int]:
    """Glyphs of `index` that an opaque filled rectangle hides: an old "redaction".

    Why: a black (or white, or any opaque) rectangle drawn over text hides it
    from a reader, but every extractor still reads the text under it; that is
    how bad redactions leak (what x-ray looks for). Such text is hidden text
    and goes, like invisible text: a glyph counts as covered when more than
    half of it lies inside an opaque filled rectangle drawn *after* it, or when
    the topmost such rectangle drawn *before* it has the glyph's own colour
    (black text on a black box, white on a white one). Text drawn on top of a
    box in another colour (white type on a black banner, our own white code
    labels, a value on a shaded form field) is visible and stays.

    `drawings`: page.get_drawings(), when the caller has it already.
    """
    covers: list[tuple[Rect, int, Any]] = []
    for path in page.get_drawings() if drawings is None else drawings:
        if path.get("fill") is None or float(path.get("fill_opacity") or 0.0) < 1.0:
            continue
        for item in path["items"]:
            r = _rect_of_item(item)
            if r is not None:
                covers.append((r, int(path["seqno"]), path["fill"]))
    if not covers:
        return set()
    # Covers bucketed by vertical position (a page of 10,000 dots stays fast).
    buckets: dict[int, list[int]] = defaultdict(list)
    for k, (r, _, _) in enumerate(covers):
        for b in range(int(r.y0 // _BUCKET), int(r.y1 // _BUCKET) + 1):
            buckets[b].append(k)
    out: set[int] = set()
    # The covers' sides as plain lists, and each run of buckets' covers built
    # once: this loop runs for every glyph of the page, in the redactor and
    # again in the verifier.
    left = [r.x0 for r, _, _ in covers]
    right = [r.x1 for r, _, _ in covers]
    spans: dict[tuple[int, int], list[int]] = {}
    for span in page.get_texttrace():
        seqno = int(span["seqno"])
        colour = span.get("color")
        for ch in span["chars"]:
            bbox = ch[3]
            x0, y0, x1, y1 = float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])
            lo, hi = int(y0 // _BUCKET), int(y1 // _BUCKET)
            # Most glyphs lie in one bucket: no set to build, and no call per
            # cover unless it overlaps the glyph across the line.
            if lo == hi:
                near: Sequence[int] = buckets.get(lo, ())
            else:
                cached = spans.get((lo, hi))
                if cached is None:
                    cached = spans[(lo, hi)] = list(_near(buckets, lo, hi))
                near = cached
            if not near:
                continue
            flat = x1 <= x0
            box = Rect(x0, y0, x1, y1)
            # glyph_inside decides; the sides compared first skip most covers
            # on the line without a call.
            under = [
                k
                for k in near
                if (flat or (left[k] < x1 and x0 < right[k])) and glyph_inside(box, covers[k][0])
            ]
            if not under:
                continue
            # Drawn over by a later box; or on a box of its own colour: the
            # topmost box drawn before it is what the glyph is seen against.
            below = [k for k in under if covers[k][1] < seqno]
            background = max(below, key=lambda k: covers[k][1]) if below else None
            hidden = any(covers[k][1] > seqno for k in under) or (
                background is not None and _same_colour(covers[background][2], colour)
            )
            if not hidden:
                continue
            # The same glyph in the rawdict inventory: its tight box's centre
            # lies in the trace box (both come from the glyph's origin and size).
            c = chr(int(ch[0]))
            for i in index.near(box):
                g = index.chars[i]
                cx, cy = (g.rect.x0 + g.rect.x1) / 2, (g.rect.y0 + g.rect.y1) / 2
                if g.c == c and x0 <= cx <= x1 and y0 <= cy <= y1:
                    out.add(i)
    return out


def _near(buckets: dict[int, list[int]], lo: int, hi: int) -> set[int]:
    found: set[int] = set()
    for b in range(lo, hi + 1):
        found.update(buckets.get(b, ()))
    return found


def _add_removal(page: Any, rects: Iterable[Rect]) -> int:
    n = 0
    for r in rects:
        # A glyph without advance (a combining accent) has a flat core; MuPDF
        # still removes it when a rectangle touches it, but an annotation needs
        # some area. A twentieth of a point reaches no neighbour: their boxes
        # are shrunk by a tenth of a glyph before MuPDF tests them.
        box = pymupdf.Rect(r.as_tuple())
        if box.width < 0.1:
            box.x0, box.x1 = box.x0 - 0.05, box.x1 + 0.05
        if box.height < 0.1:
            box.y0, box.y1 = box.y0 - 0.05, box.y1 + 0.05
        # No fill and no cross-out: these annotations only select what goes.
        page.add_redact_annot(box, fill=False, cross_out=False)
        n += 1
    return n


def _redact_page(
    page: Any, text_marks: Sequence[RedactionMark], photo_marks: Sequence[RedactionMark]
) -> None:
    index = GlyphIndex(raw_chars(page))

    all_marks = [*text_marks, *photo_marks]
    # The boxes as they will be drawn: touching marks merged into one box,
    # which can reach past its marks (the gap between two values on a line).
    drawn = merge_marks(all_marks, page.rotation_matrix) if all_marks else []

    # Step 1: text, glyph by glyph (module doc), plus hidden glyphs.
    selected: set[int] = set()
    for mark in text_marks:
        selected.update(index.inside(mark.rect))
    # Whatever else our own boxes will cover goes too: text under a box is
    # hidden text (see covered_glyphs), ours included.
    for box in drawn:
        selected.update(index.inside(box.rect))
    selected.update(_hidden_glyphs(index))
    drawings = page.get_drawings()
    selected.update(covered_glyphs(page, index, drawings))
    n = _add_removal(page, _runs(index, selected))
    # A photo mark takes every glyph it touches, by design.
    n += _add_removal(page, (m.rect for m in photo_marks))
    if n:
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )

    # Step 2: pixels and line art under the full boxes; text is done.
    if _add_removal(page, (m.rect for m in all_marks)):
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )

    # Hidden text, part two: anything outside the visible area (crop box).
    # Viewers never show it, extractors return it. clip_to_rect drops glyphs,
    # images and paths that lie wholly outside; a glyph cut by the edge stays
    # (it is partly visible, and detection saw it). It takes the rectangle in
    # unrotated space: page.rect is the *rotated* one, and on a page with
    # /Rotate 90 clipping to it would throw away most of the page.
    visible = page.rect * page.derotation_matrix
    if _anything_outside(page, index, drawings, visible):
        # Only then: clipping rewrites every form XObject of the page, which
        # on a page of thousands of them takes far longer than the rest.
        page.clip_to_rect(visible)

    # Step 3: black boxes with their codes, drawn last, on top of everything.
    if drawn:
        _draw_boxes(page, drawn)


def _anything_outside(
    page: Any, index: GlyphIndex, drawings: Sequence[dict[str, Any]], visible: Any
) -> bool:
    """Whether any glyph, image or path is not wholly inside `visible` (unrotated).

    Taken before step 1: redaction only removes things, so this over-counts.
    """
    x0, y0, x1, y1 = visible.x0, visible.y0, visible.x1, visible.y1

    def out(r: Any) -> bool:
        return bool(r[0] < x0 or r[1] < y0 or r[2] > x1 or r[3] > y1)

    # The glyphs' sides compared directly (out() on each glyph's tuple, unrolled):
    # a page has thousands of glyphs and few images and paths.
    if any(
        r.x0 < x0 or r.y0 < y0 or r.x1 > x1 or r.y1 > y1 for r in (ch.rect for ch in index.chars)
    ):
        return True
    if any(out(tuple(info["bbox"])) for info in page.get_image_info()):
        return True
    return any(out(tuple(path["rect"])) for path in drawings)


def _same_line(a: Rect, b: Rect) -> bool:
    v_overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return v_overlap >= 0.5 * min(a.height, b.height)


def _touching(a: Rect, b: Rect) -> bool:
    if _same_line(a, b):
        gap = max(b.x0 - a.x1, a.x0 - b.x1)
        return gap <= _TOUCH_GAP * min(a.height, b.height)
    # Boxes on different lines stay apart unless one mostly covers the other
    # (a photo box over a caption): then their labels would collide.
    inter = a.intersect(b)
    return inter is not None and inter.area >= 0.5 * min(a.area, b.area)


def label_for(codes: Iterable[str]) -> str:
    """The text printed in a box: its distinct codes, in order, joined."""
    seen: list[str] = []
    for code in codes:
        code = " ".join(code.split())
        if code and code not in seen:
            seen.append(code)
    return LABEL_SEPARATOR.join(seen)


def merge_marks(marks: Sequence[RedactionMark], rotation: Any = None) -> list[DrawnBox]:
    """Merge marks that overlap or touch on one line into one box each.

    "On one line" is judged as the reader sees the page: with `rotation` (the
    page's rotation_matrix) the boxes are compared in display space, since on
    a page with /Rotate 90 a line runs down the unrotated page.
    """

    # An unturned page shows its boxes as they are: no MuPDF rectangle per mark
    # and comparison (the identity moves no coordinate, only -0.0 to 0.0).
    if rotation is not None and tuple(rotation) == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0):
        rotation = None

    def shown(r: Rect) -> Rect:
        return r if rotation is None else _transform_rect(rotation, r)

    groups: list[tuple[Rect, Rect, list[RedactionMark]]] = [
        (m.rect, shown(m.rect), [m]) for m in marks
    ]
    changed = True
    while changed:  # merging can make a box reach a third one: until stable
        changed = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if _touching(groups[i][1], groups[j][1]):
                    a, b = groups[i], groups[j]
                    groups[i] = (a[0].union(b[0]), a[1].union(b[1]), a[2] + b[2])
                    del groups[j]
                    changed = True
                    break
            if changed:
                break
    out = []
    for rect, _disp, members in sorted(groups, key=lambda g: (g[1].y0, g[1].x0)):
        ordered = sorted(members, key=lambda m: (shown(m.rect).x0, shown(m.rect).y0))
        out.append(DrawnBox(rect=rect, label=label_for(m.code for m in ordered)))
    return out


def _transform_rect(m: Any, r: Rect) -> Rect:
    t = pymupdf.Rect(r.as_tuple()) * m
    return Rect(float(t.x0), float(t.y0), float(t.x1), float(t.y1))


@functools.lru_cache(maxsize=1024)
def _label_em(label: str) -> float:
    """The advance of `label` at 1 pt: the sum of its glyphs' advances."""
    return float(pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=1.0))


def label_width(label: str, size: float) -> float:
    """`pymupdf.get_text_length(label, LABEL_FONT, size)`, the same float.

    Why: PyMuPDF measures a string glyph by glyph in Python and returns the
    sum of the advances times the size, so the sum is taken once per label
    (a document repeats a few policy codes) and only multiplied here. The
    product is the very one PyMuPDF computes, so boxes and files do not change.
    """
    return _label_em(label) * size


def fit_label(label: str, width: float, height: float) -> float:
    """Font size for `label` in a box of this (display) size; 0 when it does not fit."""
    if not label:
        return 0.0
    size = min(LABEL_MAX_SIZE, height * _LABEL_HEIGHT_SHARE)
    room = width - 2 * _LABEL_PAD
    if room <= 0:
        return 0.0
    length = label_width(label, size)
    if length > room:
        size *= room / length
    return size if size >= LABEL_MIN_SIZE else 0.0


def _draw_boxes(page: Any, boxes: Sequence[DrawnBox]) -> None:
    shape = page.new_shape()
    for box in boxes:
        shape.draw_rect(pymupdf.Rect(box.rect.as_tuple()))
    shape.finish(color=None, fill=_BLACK, width=0)
    rot = page.rotation_matrix
    derot = page.derotation_matrix
    for box in boxes:
        # The label is laid out in display space (what the reader sees) and
        # the anchor converted back to unrotated space, where drawing happens;
        # rotate= turns the glyphs with the page so they read upright.
        disp = pymupdf.Rect(box.rect.as_tuple()) * rot
        size = fit_label(box.label, disp.width, disp.height)
        if not size:
            continue
        length = label_width(box.label, size)
        x = disp.x0 + (disp.width - length) / 2
        y = disp.y0 + (disp.height + _CAP_HEIGHT * size) / 2
        shape.insert_text(
            pymupdf.Point(x, y) * derot,
            box.label,
            fontsize=size,
            fontname=LABEL_FONT,
            color=_WHITE,
            rotate=page.rotation,
        )
    shape.commit()


# Content-stream syntax, for the marked-content filter below.
_WHITESPACE = frozenset(b" \t\r\n\x0c\x00")
_DELIMITERS = frozenset(b"()<>[]{}/%")
_OPERAND_KEYWORDS = frozenset({b"true", b"false", b"null"})
# Marked-content operators: they mark, they never draw (optional content is
# dissolved by pdf_input, so /OC marks no longer hide anything either).
_MARKED_CONTENT_OPS = frozenset({b"BDC", b"BMC", b"EMC", b"MP", b"DP"})
# One token of content-stream syntax (literal strings are skipped by hand:
# their parentheses nest): whitespace, a comment, a name, a dictionary or
# array bracket, a brace, a hex string, or a run of regular characters
# (a number or a keyword). A lone "<" or ">" is an unterminated hex string.
_REGULAR = rb"[^ \t\r\n\x0c\x00()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"[ \t\r\n\x0c\x00]+|%[^\r\n]*|/"
    + _REGULAR
    + rb"*|<<|>>|\[|\]|[{}]|<[^<>]*>|<|>|"
    + _REGULAR
    + rb"+"
)
# The ID keyword of an inline image, and the one whitespace byte after it.
_INLINE_ID = re.compile(rb"(?<=[\s\]>)])ID[\s]")


def _skip_string(data: bytes, i: int) -> int:
    """Index after the literal string starting at data[i] == "(" (nesting, escapes)."""
    depth = 0
    n = len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unterminated string")


def _skip_inline_image(data: bytes, i: int) -> int:
    """Index after the "EI" that ends the inline image whose data starts at i."""
    n = len(data)
    while True:
        j = data.find(b"EI", i)
        if j < 0:
            raise ValueError("unterminated inline image")
        before_ok = j > 0 and data[j - 1] in _WHITESPACE
        after_ok = j + 2 >= n or data[j + 2] in _WHITESPACE or data[j + 2] in _DELIMITERS
        if before_ok and after_ok:
            return j + 2
        i = j + 2


def strip_marked_content(data: bytes) -> bytes:
    """Drop marked-content operators (BDC/BMC/EMC/MP/DP) and their operands.

    Why: a marked-content property list can carry text of its own: /ActualText
    (the "real" text of the glyphs it wraps, used by copy-and-paste), /Alt and
    /E. MuPDF's redaction removes the glyphs and keeps the wrapper, so a name
    could survive in the ActualText of the very glyphs that were blacked out.
    Marked content draws nothing, so removing it changes nothing on the page.

    Everything else is copied byte for byte. Raises ValueError on a stream it
    cannot tokenize (the caller fails closed).
    """
    out = bytearray()
    n = len(data)
    i = 0
    seg = 0  # start of the operands of the next operator
    depth = 0  # inside [...] or <<...>>
    while i < n:
        if data[i] == 0x28:  # ( literal string: nesting and escapes
            i = _skip_string(data, i)
            continue
        m = _TOKEN.match(data, i)
        if m is None:
            raise ValueError("unreadable content stream")
        token = m.group()
        i = m.end()
        first = token[0]
        if first in _WHITESPACE or first in b"%/{}" or (first == 0x3C and token != b"<<"):
            continue  # whitespace, comment, name, brace, hex string
        if token in (b"<<", b"["):
            depth += 1
            continue
        if token in (b">>", b"]"):
            depth -= 1
            continue
        if token in (b"<", b">"):
            raise ValueError("unterminated hex string")
        # A number or a keyword; keywords outside arrays and dicts are operators.
        if depth > 0 or token in _OPERAND_KEYWORDS or first in b"+-.0123456789":
            continue
        if token == b"BI":
            # Inline image: dictionary up to the ID keyword, then raw bytes
            # (which may contain anything, "EMC" included) up to EI.
            found = _INLINE_ID.search(data, i)
            if found is None:
                raise ValueError("inline image without ID")
            i = _skip_inline_image(data, found.end())
        # A marked-content operator goes with its operands; anything else is
        # copied as it was, whitespace and comments included.
        out += b" " if token in _MARKED_CONTENT_OPS else data[seg:i]
        seg = i
    if depth != 0:
        raise ValueError("unbalanced array or dictionary")
    out += data[seg:]
    return bytes(out)


def _may_mark(data: bytes) -> bool:
    """Whether `data` holds the letters of a marked-content operator anywhere:
    where it does not, no lexer can read one."""
    return any(op in data for op in _MARKED_CONTENT_OPS)


def _strip_marked_content_everywhere(doc: Any) -> None:
    """Apply strip_marked_content to page contents and form XObjects; drop /Properties."""
    streams: set[int] = set()
    holders: list[int] = []  # objects that may own a /Resources dictionary
    for page in doc:
        streams.update(int(x) for x in page.get_contents())
        holders.append(int(page.xref))
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype") == ("name", "/Form"):
            streams.add(xref)
            holders.append(xref)
    for xref in sorted(streams):
        raw = doc.xref_stream(xref) or b""
        # A stream with none of the operators' letters in it has nothing to
        # strip, and strip_marked_content would give it back byte for byte:
        # it is not tokenized (a tenth of the burn-in on a plain report). It
        # is written back all the same, so the file is the one it was.
        # (A stream that cannot be tokenized is then no longer refused here;
        # with no marked-content operator in it there is nothing it could
        # hide, and MuPDF rewrites every content stream at save, `clean`.)
        doc.update_stream(xref, strip_marked_content(raw) if _may_mark(raw) else raw)
    for xref in holders:
        # Property lists named in /Properties may hold ActualText too; with
        # the operators gone nothing refers to them.
        if doc.xref_get_key(xref, "Resources/Properties")[0] != "null":
            doc.xref_set_key(xref, "Resources/Properties", "null")


def _strip_object_metadata(doc: Any) -> None:
    """Drop XMP and private application data attached to objects.

    Images and form XObjects can carry their own /Metadata stream (an XMP
    packet naming the photographer, the subject, the source file) and
    /PieceInfo; the page whitelist does not reach inside resources.
    """
    for xref in range(1, doc.xref_length()):
        for key in ("Metadata", "PieceInfo"):
            if doc.xref_get_key(xref, key)[0] != "null":
                doc.xref_set_key(xref, key, "null")


def _clean_copy(doc: Any) -> bytes:
    """Copy the pages into a new document (a whitelist) and serialise it."""
    out = pymupdf.open()
    try:
        # insert_pdf copies only Contents, Resources, the page boxes, Rotate
        # and UserUnit of each page; links, annotations and widgets are off.
        # The new catalog has no names tree (JavaScript, attachments), no
        # OpenAction/AA, no AcroForm, outlines, structure tree or XMP.
        out.insert_pdf(doc, links=False, annots=False, widgets=False, final=True)
        _strip_marked_content_everywhere(out)
        _strip_object_metadata(out)
        return serialise_clean(out)
    finally:
        out.close()


def serialise_clean(doc: Any) -> bytes:
    """How every PDF the service returns is saved: no document metadata, no XMP,
    no history of earlier versions, no encryption."""
    doc.set_metadata({})
    doc.del_xml_metadata()
    data = doc.tobytes(
        garbage=4,  # drop unreferenced objects and duplicates
        deflate=True,
        # zlib's quick levels: a redacted scan's image is written back raw
        # (3.7 MB a page at 200 dpi), and MuPDF's default level took 0.3 s a
        # page to compress it, a tenth of a scanned page's time, for 3% less
        # output than this (measured on two scanned pages: 0.63 s and 4.58 MB,
        # against 0.21 s and 4.75 MB).
        compression_effort=20,
        clean=True,  # rewrite content streams (and sanitize them)
        incremental=False,
        encryption=pymupdf.PDF_ENCRYPT_NONE,
        no_new_id=True,
    )
    return bytes(data)
