"""Check a redacted PDF from its bytes, as a requester would receive it.

Two independent checks:

(a) Residual strings: no withheld value can be found anywhere a reader or an
    extractor could look: the text of every page (in two reading orders, with
    and without /ActualText), the document metadata, the XMP packet, outlines,
    remaining annotations and form fields, embedded file names.
(b) Text under boxes: no extractable glyph lies (mostly) under a redaction
    box, except the white code label the redactor printed there.

Pages that were read with OCR (scans) carry their text as pixels, which
neither check sees. For them, with `ocr_pages`: the output's text and vector
art are stripped from a copy of each such page (so the black boxes hide
nothing), and the image data left under and around every box is read again
with Tesseract. A word read (mostly) under a box counts as text under it, and
what is read around the boxes joins the residual-string search, together with
the first reading of the words no box touches (pixels the redaction left as
they were). So a value whose pixels were only covered, not removed, fails.

Neither the withheld strings nor any text found is logged or raised: only
counts leave this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pymupdf

from app.redaction import form_labels, limits
from app.redaction import ocr as ocr_mod
from app.redaction.errors import CorruptPdf, OcrUnavailable
from app.redaction.isolation import FanOut
from app.redaction.pdf_text import (
    TEXT_FLAGS,
    glyph_lines,
    raw_chars,
    reading_text,
    text_page,
)
from app.redaction.redactor import DrawnBox, GlyphIndex, covered_glyphs, glyph_inside, merge_marks
from app.redaction.types import PageText, Rect, RedactionMark, VerificationReport

# Values shorter than this (alphanumeric characters) are not searched as
# strings: "19" (an age), "M" or "IL" occur all over any report (dates, page
# numbers, other fields), so a text search could only raise false alarms. Their
# removal is proven by check (b) instead, which looks at the boxes themselves.
MIN_ALNUM = 3

_WHITE = 0xFFFFFF
_WS = re.compile(r"\s+")
# A value broken after a hyphen at a line end ("NAVARRETE-\nARANDA") reads as
# "navarrete- aranda" once whitespace is collapsed; the space is dropped on
# both sides so that it still matches.
_HYPHEN_BREAK = re.compile(r"-\s+")


def normalize(text: str, *, casefold: bool = True) -> str:
    """NFKC, casefold (unless told not to), whitespace (newlines, tabs) collapsed
    to one space."""
    text = unicodedata.normalize("NFKC", text)
    if casefold:
        text = text.casefold()
    text = _WS.sub(" ", text).strip()
    return _HYPHEN_BREAK.sub("-", text)


def _alnum_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def _token_pattern(needle: str) -> re.Pattern[str]:
    """`needle` as a whole token sequence: no letter or digit glued to either end."""
    head = r"(?<![^\W_])" if needle[:1].isalnum() else ""
    tail = r"(?![^\W_])" if needle[-1:].isalnum() else ""
    return re.compile(head + re.escape(needle) + tail)


def _contained(needle: str, hay: Iterable[str]) -> bool:
    pat = _token_pattern(needle)
    return any(pat.search(h) for h in hay)


def verify_redacted(
    output_pdf: bytes,
    marks: Sequence[RedactionMark],
    withheld: Sequence[str],
    released: Sequence[str],
    *,
    ocr: ocr_mod.Tesseract | None = None,
    ocr_pages: Sequence[PageText] = (),
    fan_out: FanOut | None = None,
) -> VerificationReport:
    """Count withheld strings still findable and glyphs still under boxes.

    `ocr_pages`: the pages that were read with OCR (their PageText), checked
    with `ocr` as the module doc says.
    """
    try:
        doc = pymupdf.open(stream=output_pdf, filetype="pdf")
    except Exception:
        raise CorruptPdf() from None
    try:
        if doc.needs_pass:
            # Our own output is never encrypted; one that is cannot be checked.
            raise CorruptPdf()
        texts, under = _read_pages(doc, marks, fan_out)
        haystacks = [normalize(t) for t in (*texts, *_document_text(doc))]
        read: list[str] = []
        if ocr_pages:
            if ocr is None:
                raise OcrUnavailable()
            read, ocr_under = _ocr_check(output_pdf, marks, ocr, ocr_pages)
            under += ocr_under
        residual, checked_strings = _residual_strings(haystacks, withheld, released, read)
    finally:
        doc.close()
    return VerificationReport(
        residual_strings=residual,
        text_under_boxes=under,
        checked_strings=checked_strings,
        checked_boxes=len(marks),
    )


# A withheld value this short (a country code: "IND", "VEN") is looked for in the
# OCR reading of the output as printed, in its case: noise that OCR reads in a
# garbled re-read of a page ("ind. ramee peorar") is no leak (it refused two
# scanned reports of the benchmark), while the code left printed on the page
# reads in capitals, as printed. A short value in small letters ("eee", noise
# taken for a value beside a garbled label) is not looked for there at all.
_SHORT_OCR_VALUE = 3


def _residual_strings(
    haystacks: Sequence[str],
    withheld: Sequence[str],
    released: Sequence[str],
    ocr_read: Sequence[str] = (),
) -> tuple[int, int]:
    """Withheld values found in the output's text (`haystacks`, normalized) or in
    its OCR reading (`ocr_read`, as read)."""
    released_norm = [normalize(r) for r in released if r.strip()]
    ocr_norm = [normalize(t) for t in ocr_read]
    ocr_cased = [normalize(t, casefold=False) for t in ocr_read]
    printed: dict[str, list[str]] = defaultdict(list)
    for w in withheld:
        printed[normalize(w)].append(normalize(w, casefold=False))
    found = 0
    checked = 0
    for value in printed:
        if _alnum_count(value) < MIN_ALNUM:
            continue
        # The same words may legitimately stay as (part of) a released value:
        # an officer "Det. V. MORENO" and a withheld relative "Moreno".
        if _contained(value, released_norm):
            continue
        # A form label's word taken for a value on a scan ("AGE" read where the
        # age was garbled) names no one, and the same label printed elsewhere on
        # the page is no leak; its box is still proven empty by check (b).
        if form_labels.single_label(value.upper()) is not None:
            continue
        checked += 1
        if _alnum_count(value) <= _SHORT_OCR_VALUE:
            # (one in small letters is itself a reading of noise, "eee" under a
            # garbled label: left to the text layer and the box check)
            leaked = _contained(value, haystacks) or any(
                _contained(p, ocr_cased) for p in printed[value] if not p.islower()
            )
        else:
            leaked = _contained(value, haystacks) or _contained(value, ocr_norm)
        if leaked:
            found += 1
    return found, checked


def _read_pages(
    doc: Any, marks: Sequence[RedactionMark], fan_out: FanOut | None = None
) -> tuple[list[str], int]:
    """Every page's text as a reader or an extractor gets it, and the glyphs the
    output hides: under a redaction box (`_under_boxes`) or under an opaque fill
    (`_under_fills`).

    Each page's glyphs, text page and drawings are read once and serve every
    check of the page (they read the same output bytes). `fan_out`: runs of
    pages read in other processes (each page's checks depend on that page alone).
    """
    by_page: dict[int, list[RedactionMark]] = defaultdict(list)
    for mark in marks:
        by_page[mark.page].append(mark)
    # A mark on a page the output does not have cannot be verified.
    under = sum(len(m) for n, m in by_page.items() if not 0 <= n < doc.page_count)
    numbers = list(range(doc.page_count))
    runs = (
        fan_out.map(lambda run: _read_run(doc, run, by_page), numbers)
        if fan_out is not None
        else [_read_run(doc, numbers, by_page)]
    )
    return [t for texts, _ in runs for t in texts], under + sum(n for _, n in runs)


def _read_run(
    doc: Any, numbers: Sequence[int], by_page: Mapping[int, Sequence[RedactionMark]]
) -> tuple[list[str], int]:
    """`_read_pages` for these pages."""
    texts: list[str] = []
    under = 0
    with_actual = TEXT_FLAGS & ~pymupdf.TEXT_IGNORE_ACTUALTEXT
    for number in numbers:
        limits.check_time()
        page = doc[number]
        plain = text_page(page)
        lines = glyph_lines(page, plain)
        try:
            drawings: list[dict[str, Any]] | None = page.get_drawings()
        except Exception:
            # Reading the text goes on without cell borders, as detection does;
            # covered_glyphs then reads the drawings again, and fails the check.
            drawings = None
        # Three views of the page: our geometric lines (what detection read),
        # MuPDF's block order, and MuPDF's view with /ActualText applied (what
        # copy-and-paste gives in most viewers).
        texts.append(reading_text(page, lines, drawings if drawings is not None else []))
        texts.append(plain.extractText())
        texts.append(page.get_text("text", clip=pymupdf.INFINITE_RECT(), flags=with_actual))
        for annot in page.annots():
            info = annot.info
            texts.extend(str(info.get(k, "")) for k in ("content", "title", "subject"))
        for widget in page.widgets():
            texts.append(str(widget.field_value or ""))
            texts.append(str(widget.field_name or ""))
        for link in page.get_links():
            texts.append(str(link.get("uri", "")))
        index = GlyphIndex(raw_chars(page, lines))
        page_marks = by_page.get(number, [])
        if page_marks:
            under += _under_boxes(page, index, page_marks)
        under += _under_fills(page, index, drawings)
    return texts, under


def _document_text(doc: Any) -> list[str]:
    """The text the output offers outside its pages: metadata, XMP, outline, attachments."""
    out: list[str] = []
    out.extend(str(v) for v in (doc.metadata or {}).values() if v)
    out.append(str(doc.get_xml_metadata() or ""))
    out.extend(str(entry[1]) for entry in doc.get_toc(simple=True))
    for name in doc.embfile_names():
        out.append(str(name))
        info = doc.embfile_info(name)
        out.extend(str(info.get(k, "")) for k in ("filename", "ufilename", "description"))
    return out


def _under_boxes(page: Any, index: GlyphIndex, page_marks: Sequence[RedactionMark]) -> int:
    """Glyphs under this page's marks, other than the code labels printed there."""
    labels = _label_glyphs(index, merge_marks(page_marks, page.rotation_matrix))
    under = 0
    for mark in page_marks:
        for i in index.inside(mark.rect):
            if i not in labels and index.chars[i].c.strip():
                under += 1
    return under


def _under_fills(page: Any, index: GlyphIndex, drawings: Sequence[dict[str, Any]] | None) -> int:
    """Glyphs anywhere on the page that an opaque filled rectangle hides.

    The redactor removes such text (`covered_glyphs`: an old black box over a
    name), and prints its own labels on top of its boxes; any left is text a
    reader cannot see and an extractor can, so the output is withheld.
    """
    return sum(1 for i in covered_glyphs(page, index, drawings) if index.chars[i].c.strip())


def _label_glyphs(index: GlyphIndex, boxes: Sequence[DrawnBox]) -> set[int]:
    """Glyphs that are exactly the white code label printed in a drawn box.

    The boxes are recomputed with the redactor's own merge, so we know what
    each one should say. White glyphs inside a box are the label only if,
    together, they spell that label: anything else white under a box (a value
    printed white to hide it) still counts as text under the box.
    """
    whites = [
        [i for i in index.inside(box.rect) if index.chars[i].color == _WHITE] for box in boxes
    ]
    out: set[int] = set()
    settled: set[int] = set()
    changed = True
    while changed:
        # Boxes that touch or overlap (two lines of a tilted scan) hold a piece of
        # each other's label: the glyphs a neighbour's exact label accounts for are
        # set aside, and what is left must spell this box's own label.
        changed = False
        for k, (box, white) in enumerate(zip(boxes, whites, strict=True)):
            if k in settled:
                continue
            own = [i for i in white if i not in out]
            spelled = "".join(index.chars[i].c for i in own)
            if own and _squash(spelled) == _squash(box.label):
                out.update(own)
                settled.add(k)
                changed = True
    return out


def _squash(text: str) -> str:
    # Extraction may add or drop spaces between label glyphs; compare without.
    return "".join(text.split())


# -- pages read with OCR -----------------------------------------------------------------

# An OCR word under a box counts when it has this many letters or digits and
# Tesseract is at least this sure of it (a cut glyph at a box edge reads as
# "|" or "'" with low confidence; a word is a word). A word none of whose ink
# inside the boxes is dark (`RegionReading.inked_words`) was read from the ink
# around them (the cut tops of the next line, a cell border): it is not under one.
_OCR_UNDER_MIN_CONF = 50.0


def _marks_by_page(marks: Sequence[RedactionMark]) -> dict[int, list[Rect]]:
    out: dict[int, list[Rect]] = defaultdict(list)
    for mark in marks:
        out[mark.page].append(mark.rect)
    return out


def _text_outside(page: PageText, boxes: Sequence[Rect]) -> str:
    """The page's text with every character under a box blanked, line by line."""
    chars = list(page.text)
    for i, word in enumerate(page.words):
        near = [b for b in boxes if word.rect.intersect(b) is not None]
        if not near:
            continue
        start = page.word_starts[i]
        for k, r in enumerate(word.char_rects):
            if any(glyph_inside(r, b) for b in near):
                chars[start + k] = " "
    return "".join(chars)


def _strip_to_images(page: Any) -> None:
    """Remove the page's text and vector art (the boxes and their labels): images stay."""
    whole = page.rect * page.derotation_matrix
    page.add_redact_annot(whole, fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )


def _ocr_check(
    output_pdf: bytes,
    marks: Sequence[RedactionMark],
    engine: ocr_mod.Tesseract,
    pages: Sequence[PageText],
) -> tuple[list[str], int]:
    """Texts read from the OCR pages of the output, and OCR words found under boxes."""
    by_page = _marks_by_page(marks)
    texts = [_text_outside(p, by_page.get(p.index, ())) for p in pages]
    try:
        doc = pymupdf.open(stream=output_pdf, filetype="pdf")
    except Exception:
        raise CorruptPdf() from None
    try:
        jobs: list[tuple[Any, list[Rect]]] = []
        for p in pages:
            boxes = by_page.get(p.index, [])
            if not boxes or not 0 <= p.index < doc.page_count:
                continue
            page = doc[p.index]
            _strip_to_images(page)
            jobs.append((page, boxes))
        results = ocr_mod.read_regions(engine, jobs)
        under = 0
        for (_, boxes), result in zip(jobs, results, strict=True):
            under += result.inked
            lines: dict[int, list[str]] = defaultdict(list)
            for w, inked in zip(result.words, result.inked_words, strict=True):
                lines[w.line].append(w.text)
                if (
                    _alnum_count(w.text) >= MIN_ALNUM
                    and w.conf >= _OCR_UNDER_MIN_CONF
                    and inked
                    and any(glyph_inside(w.ink or w.rect, b) for b in boxes)
                ):
                    under += 1
            texts.append("\n".join(" ".join(ws) for ws in lines.values()))
    finally:
        doc.close()
    return texts, under
