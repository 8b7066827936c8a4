"""redact_pdf: values gone for independent extractors, neighbours kept, clean output."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pymupdf
import pypdf
import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.high_level import extract_text
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from app.redaction.errors import RedactionFailed
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import RawChar, extract_page, raw_chars
from app.redaction.redactor import (
    GlyphIndex,
    _runs,
    fit_label,
    label_for,
    merge_marks,
    redact_pdf,
    strip_marked_content,
)
from app.redaction.types import PageText, Rect, RedactionMark
from tests import pdfs

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
SAMPLE_IDS = sorted(p.stem for p in SAMPLES.glob("[0-9]*.json")) if SAMPLES.is_dir() else []
CODE = "5 ILCS 805/15(h)"


# -- helpers -----------------------------------------------------------------


def pdfminer_text(data: bytes) -> str:
    return str(extract_text(io.BytesIO(data)))


def pypdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def marks_for_text(pt: PageText, value: str, code: str = CODE) -> list[RedactionMark]:
    """Marks over every occurrence of `value` in the page text."""
    out = []
    for m in re.finditer(re.escape(value), pt.text):
        out += [RedactionMark(pt.index, box, code) for box in pt.boxes_for_span(m.start(), m.end())]
    assert out, "value not on the page"
    return out


def redact_text(data: bytes, values: list[str], page: int = 0) -> bytes:
    doc = open_untrusted_pdf(data, max_pages=20)
    pt = extract_page(doc[page])
    marks = [m for v in values for m in marks_for_text(pt, v)]
    out = redact_pdf(doc, marks)
    doc.close()
    return out


def all_decompressed(data: bytes) -> str:
    """Every object and (decompressed) stream of a PDF, as Latin-1 text."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    parts = []
    for xref in range(1, doc.xref_length()):
        parts.append(doc.xref_object(xref, compressed=False))
        if doc.xref_is_stream(xref):
            parts.append((doc.xref_stream(xref) or b"").decode("latin-1"))
    parts.append(doc.pdf_trailer())
    return "\n".join(parts)


# -- text --------------------------------------------------------------------

REPORT = [
    "ARREST REPORT",
    "NAME: GARCIA-LOPEZ, Juan Carlos\tDOB: 03/14/1991",
    "OTHER ID: MATRICULA #7287500082; A# 237-394-201",
    "Officer: P.O. J. Smith #1234",
]


def test_redacted_value_is_gone_for_pdfminer_and_pypdf() -> None:
    out = redact_text(pdfs.make_pdf(REPORT), ["GARCIA-LOPEZ, Juan Carlos"])
    for text in (pdfminer_text(out), pypdf_text(out), all_decompressed(out)):
        assert "GARCIA" not in text
        assert "Juan" not in text
        assert "Carlos" not in text
    for text in (squash(pdfminer_text(out)), squash(pypdf_text(out))):
        assert "ARREST REPORT" in text
        assert "DOB: 03/14/1991" in text
        assert "NAME:" in text
        assert "Officer: P.O. J. Smith #1234" in text
        assert CODE in text  # the label


def test_part_of_a_word_is_redacted_exactly() -> None:
    out = redact_text(pdfs.make_pdf(REPORT), ["7287500082"])
    text = squash(pdfminer_text(out))
    assert "7287500082" not in text
    assert "MATRICULA #" in text
    assert "; A# 237-394-201" in text


def test_tight_leading_keeps_the_lines_above_and_below() -> None:
    # 10 pt type on 10.5 pt leading: MuPDF's own glyph boxes overlap by a
    # third of a line; a naive redaction of the middle line eats its neighbours.
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["Upper gjpqy line ABOVE", "Middle SECRET-VALUE here", "Lower ÁÉÍ line BELOW"]
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + i * 10.5), line, fontsize=10)
    out = redact_text(doc.tobytes(), ["Middle SECRET-VALUE here"])
    for text in (squash(pdfminer_text(out)), squash(pypdf_text(out))):
        assert "SECRET" not in text
        assert "Middle" not in text
        assert "Upper gjpqy line ABOVE" in text
        assert "Lower ÁÉÍ line BELOW" in text


def test_rotated_page_is_redacted_in_place_with_an_upright_label() -> None:
    lines = ["ARREST REPORT", "NAME: GARCIA-LOPEZ, Juan Carlos", "DOB: 03/14/1991"]
    data = pdfs.make_landscape_rotated_pdf(lines, rotation=90)
    doc = open_untrusted_pdf(data, max_pages=5)
    pt = extract_page(doc[0])
    marks = marks_for_text(pt, "GARCIA-LOPEZ, Juan Carlos")
    out = redact_pdf(doc, marks)
    for text in (squash(pdfminer_text(out)), squash(pypdf_text(out))):
        assert "GARCIA" not in text
        assert "ARREST REPORT" in text
        assert "03/14/1991" in text
    result = pymupdf.open(stream=out, filetype="pdf")
    page = result[0]
    assert page.rotation == 90
    # The label reads upright: in reading order it sits on the line where the
    # name was, and it runs left to right on screen.
    after = extract_page(page)
    name_line = after.text.split("\n")[1]
    assert name_line.startswith("NAME:")
    assert name_line.endswith(CODE)
    label = next(w for w in after.words if w.text == "ILCS")
    disp = pymupdf.Rect(label.rect.as_tuple()) * page.rotation_matrix
    assert disp.width > disp.height
    # The black box is where the name was, as displayed.
    pix = page.get_pixmap(dpi=72)
    box = pymupdf.Rect(marks[0].rect.as_tuple()) * page.rotation_matrix
    x, y = int(box.x0 + 3), int(box.y0 + 2)
    assert pix.pixel(x, y) == (0, 0, 0)


def test_hidden_text_is_removed_and_marked_hidden_text_too() -> None:
    data = pdfs.make_hidden_text_pdf()
    v = pdfs.HIDDEN_TEXT_VALUES
    # Only the layer value is marked; the others are hidden and go anyway,
    # except white text, which is ordinary text for the redactor.
    out = redact_text(data, [v["layer"]])
    for text in (pdfminer_text(out), pypdf_text(out), all_decompressed(out)):
        assert v["layer"] not in text
        assert "Quetzal" not in text  # render mode 3, unmarked: hidden layer removed
        assert "Tlaxcala" not in text  # left of the page
        assert "Wilhelmina" not in text  # below the page
    assert "VISIBLE: Officer Report" in pdfminer_text(out)
    assert v["white"] in pdfminer_text(out)


def test_invisible_text_under_a_mark_is_removed() -> None:
    data = pdfs.make_scan_with_ocr_layer_pdf()
    out = redact_text(data, ["GARCIA-LOPEZ, Juan Carlos"])
    text = pdfminer_text(out)
    assert "GARCIA" not in text
    # The rest of the OCR layer is invisible too, so it is gone as well: the
    # output shows only what a reader can see (the scan, with a black box).
    assert pymupdf.open(stream=out, filetype="pdf")[0].get_text().strip() == CODE


def test_invisible_text_over_visible_text_is_left_alone() -> None:
    # Removing it would take the visible glyphs under it: a hole with no box.
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Visible words", fontsize=10)
    page.insert_text((72, 100), "Visible words", fontsize=10, render_mode=3)
    out = redact_pdf(open_untrusted_pdf(doc.tobytes(), max_pages=1), [])
    assert "Visible words" in pdfminer_text(out)


# -- images and vector art ------------------------------------------------------


def _photo_samples(doc: Any) -> pymupdf.Pixmap:
    (info,) = doc[0].get_images(full=True)
    return pymupdf.Pixmap(doc, info[0])


def test_image_pixels_under_the_box_are_blanked_and_the_rest_kept() -> None:
    data = pdfs.make_pdf_with_image_and_text()
    photo = pdfs.PHOTO_RECT
    # The top-left quarter of the photo (1 px per pt at this size).
    box = Rect(photo.x0, photo.y0, photo.x0 + 80, photo.y0 + 100)
    doc = open_untrusted_pdf(data, max_pages=1)
    out = redact_pdf(doc, [], image_marks=[RedactionMark(0, box, "PHOTO")])
    before = _photo_samples(pymupdf.open(stream=data, filetype="pdf"))
    result = pymupdf.open(stream=out, filetype="pdf")
    after = _photo_samples(result)
    assert (after.width, after.height) == (before.width, before.height)
    # In the image data itself, not just covered: pixels under the box are white.
    assert after.pixel(10, 10) == (255, 255, 255)
    assert after.pixel(75, 95) == (255, 255, 255)
    # Outside the box the photo is untouched.
    for x, y in [(120, 20), (20, 150), (150, 190), (85, 105)]:
        assert after.pixel(x, y) == before.pixel(x, y)
    # Rendered: black over the box, photo elsewhere.
    pix = result[0].get_pixmap(dpi=72)
    assert pix.pixel(int(photo.x0 + 10), int(photo.y0 + 50)) == (0, 0, 0)
    expected = before.pixel(150, 150)
    got = pix.pixel(int(photo.x0 + 150), int(photo.y0 + 150))
    assert all(abs(a - b) <= 2 for a, b in zip(got, expected, strict=True))
    # Text beside the photo survives.
    assert "GARCIA-LOPEZ" in pdfminer_text(out)


def test_text_mark_over_an_image_blanks_its_pixels_too() -> None:
    # A scan with an OCR layer: the value is in the pixels as well as the text.
    data = pdfs.make_scan_with_ocr_layer_pdf()
    doc = open_untrusted_pdf(data, max_pages=1)
    pt = extract_page(doc[0])
    (mark,) = marks_for_text(pt, "GARCIA-LOPEZ, Juan Carlos")
    out = redact_pdf(doc, [mark])
    scan = _photo_samples(pymupdf.open(stream=out, filetype="pdf"))
    zoom = scan.width / pdfs.LETTER[0]
    r = mark.rect
    # Every pixel under the box was blanked in the image itself.
    for fx in (0.1, 0.5, 0.9):
        for fy in (0.2, 0.8):
            x = int((r.x0 + fx * r.width) * zoom)
            y = int((r.y0 + fy * r.height) * zoom)
            assert scan.pixel(x, y) == (255,)
    # MuPDF writes the blanked image back raw; the saved file holds it compressed.
    result = pymupdf.open(stream=out, filetype="pdf")
    (info,) = result[0].get_images(full=True)
    assert result.xref_get_key(info[0], "Filter") == ("name", "/FlateDecode")
    assert len(result.xref_stream_raw(info[0])) < 0.5 * scan.width * scan.height


def test_line_art_inside_a_box_goes_borders_that_touch_it_stay() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((100, 100), "SIGNED: Juan Carlos", fontsize=10)
    # MuPDF bounds a stroked curve generously (line width times the miter
    # limit), so "covered" needs some room around the squiggle.
    box = Rect(95, 75, 300, 125)
    # A squiggle (a vector signature) inside the box, a table border along its
    # bottom edge that runs on across the page.
    page.draw_bezier((200, 100), (220, 90), (240, 108), (260, 95), color=(0, 0, 1))
    page.draw_line((50, 125), (550, 125), color=(1, 0, 0))
    out = redact_pdf(open_untrusted_pdf(doc.tobytes(), max_pages=1), [RedactionMark(0, box, CODE)])
    drawings = pymupdf.open(stream=out, filetype="pdf")[0].get_drawings()
    colors = [d.get("color") for d in drawings]
    assert (0.0, 0.0, 1.0) not in colors  # the squiggle is gone
    assert (1.0, 0.0, 0.0) in colors  # the border stays


def test_removal_runs_stay_on_their_line_and_skip_unselected_glyphs() -> None:
    def glyphs(y: float, n: int, line: int) -> list[RawChar]:
        return [
            RawChar("x", Rect(300 + 5 * i, y, 305 + 5 * i, y + 10), True, 0, line) for i in range(n)
        ]

    # The end of one line sits right above the start of the next: both selected
    # (two marks), they are still two runs, or everything between them would go.
    index = GlyphIndex(glyphs(100, 20, 0) + glyphs(111, 20, 1))
    runs = _runs(index, [*range(16, 20), *range(20, 24)])
    assert len(runs) == 2
    assert runs[0].y1 < 110 and runs[1].y0 > 111
    # An unselected glyph between two selected ones splits the run.
    assert len(_runs(index, [0, 1, 3, 4])) == 2
    assert len(_runs(index, [0, 1, 2, 3, 4])) == 1
    # Glyphs down the page (text on a page with /Rotate 90) make one run too.
    column = [RawChar("x", Rect(100, 300 + 5 * i, 110, 305 + 5 * i), True, 0, 0) for i in range(6)]
    (run,) = _runs(GlyphIndex(column), range(6))
    assert run.height > 25 and run.width < 5


# -- labels and merging ------------------------------------------------------------


def test_touching_marks_on_a_line_merge_with_both_codes() -> None:
    a = RedactionMark(0, Rect(100, 100, 150, 110), "A-1")
    b = RedactionMark(0, Rect(151, 100, 200, 110), "B-2")
    c = RedactionMark(0, Rect(300, 100, 350, 110), "A-1")  # far away on the line
    d = RedactionMark(0, Rect(100, 111, 150, 121), "A-1")  # the next line
    boxes = merge_marks([c, b, a, d])
    assert [(box.rect, box.label) for box in boxes] == [
        (Rect(100, 100, 200, 110), "A-1; B-2"),
        (Rect(300, 100, 350, 110), "A-1"),
        (Rect(100, 111, 150, 121), "A-1"),
    ]
    assert label_for(["X", "X", " X "]) == "X"


def test_label_size_fits_the_box() -> None:
    assert fit_label(CODE, 200, 10) == pytest.approx(7.5)
    assert fit_label(CODE, 200, 100) == 9.0  # capped
    assert fit_label(CODE, 200, 4) == 0.0  # too low for 4 pt type
    assert fit_label(CODE, 20, 10) == 0.0  # too narrow
    narrow = fit_label(CODE, 50, 10)
    assert 4.0 <= narrow < 7.5
    assert pymupdf.get_text_length(CODE, fontsize=narrow) <= 48.01
    assert fit_label("", 200, 10) == 0.0


def test_overlapping_marks_print_one_label() -> None:
    data = pdfs.make_pdf(REPORT)
    doc = open_untrusted_pdf(data, max_pages=1)
    pt = extract_page(doc[0])
    marks = marks_for_text(pt, "GARCIA-LOPEZ,") + marks_for_text(pt, "Juan Carlos")
    marks += marks_for_text(pt, "GARCIA-LOPEZ, Juan")  # overlaps both
    out = redact_pdf(doc, marks)
    text = pymupdf.open(stream=out, filetype="pdf")[0].get_text()
    assert text.count(CODE) == 1


def test_no_label_when_the_box_is_too_small() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "tiny 12345 print", fontsize=4)
    data = doc.tobytes()
    doc = open_untrusted_pdf(data, max_pages=1)
    pt = extract_page(doc[0])
    out = redact_pdf(doc, marks_for_text(pt, "12345"))
    text = pdfminer_text(out)
    assert "12345" not in text
    assert CODE not in text
    assert "tiny" in text


# -- clean output ----------------------------------------------------------------


def test_metadata_annotations_attachments_javascript_forms_are_gone() -> None:
    v = pdfs.EXTRAS_VALUES
    data = pdfs.make_pdf_with_extras()
    # The form value and the free-text note were baked into the page by
    # open_untrusted_pdf: as page text they need marks like any value.
    out = redact_text(data, [v["form"], v["freetext"], "GARCIA-LOPEZ, Juan Carlos"])
    result = pymupdf.open(stream=out, filetype="pdf")
    page = result[0]
    assert all(not value for key, value in result.metadata.items() if key != "format")
    assert result.get_xml_metadata() == ""
    assert page.first_annot is None
    assert page.first_widget is None
    assert page.get_links() == []
    assert result.embfile_count() == 0
    assert result.get_toc() == []
    assert not result.is_form_pdf
    catalog = result.xref_object(result.pdf_catalog())
    for key in ("/Names", "/OpenAction", "/AA", "/AcroForm", "/Outlines", "/Metadata"):
        assert key not in catalog
    page_obj = result.xref_object(page.xref)
    for key in ("/AA", "/Thumb", "/Annots", "/Metadata", "/PieceInfo"):
        assert key not in page_obj
    raw = all_decompressed(out)
    assert "JavaScript" not in raw
    assert "/JS" not in raw
    assert "/EmbeddedFile" not in raw
    for value in v.values():
        assert value not in raw
        assert value not in pdfminer_text(out)
        assert value not in pypdf_text(out)
    assert "GARCIA" not in raw
    assert "DOB: 03/14/1991" in pdfminer_text(out)
    reader = pypdf.PdfReader(io.BytesIO(out))
    assert reader.get_fields() in (None, {})
    assert not reader.attachments
    assert not reader.metadata or not any(reader.metadata.values())


def test_image_metadata_is_dropped() -> None:
    data = pdfs.make_pdf_with_image_and_text()
    doc = pymupdf.open(stream=data, filetype="pdf")
    (info,) = doc[0].get_images(full=True)
    xmp = doc.get_new_xref()
    doc.update_object(xmp, "<< /Type /Metadata /Subtype /XML >>")
    doc.update_stream(xmp, pdfs.XMP_PACKET.encode())
    doc.xref_set_key(info[0], "Metadata", f"{xmp} 0 R")
    doc.xref_set_key(info[0], "PieceInfo", "<< /App << /Private (Pieceinfo Person) >> >>")
    out = redact_pdf(open_untrusted_pdf(doc.tobytes(), max_pages=1), [])
    raw = all_decompressed(out)
    assert "Xmpname" not in raw
    assert "Pieceinfo" not in raw


def test_output_is_a_fresh_unencrypted_single_revision_file() -> None:
    data = pdfs.make_owner_password_pdf()
    doc = open_untrusted_pdf(data, max_pages=1)
    out = redact_pdf(doc, [])
    assert out.startswith(b"%PDF-")
    assert out.count(b"%%EOF") == 1
    assert b"/Prev" not in out
    assert b"/Encrypt" not in out
    result = pymupdf.open(stream=out, filetype="pdf")
    assert not result.is_encrypted
    assert result.metadata["encryption"] is None
    assert "GARCIA-LOPEZ" in result[0].get_text()


def test_no_marks_keeps_the_text() -> None:
    data = pdfs.make_pdf([REPORT, ["page two"]])
    out = redact_pdf(open_untrusted_pdf(data, max_pages=5), [])
    text = squash(pdfminer_text(out))
    assert "GARCIA-LOPEZ, Juan Carlos" in text
    assert "page two" in text
    assert pymupdf.open(stream=out, filetype="pdf").page_count == 2


@pytest.mark.parametrize(
    "mark",
    [
        RedactionMark(3, Rect(10, 10, 20, 20), CODE),  # no such page
        RedactionMark(-1, Rect(10, 10, 20, 20), CODE),  # no such page
        RedactionMark(0, Rect(10, 20, 20, 10), CODE),  # upside down
        RedactionMark(0, Rect(10, 10, float("nan"), 20), CODE),
    ],
)
def test_a_mark_that_cannot_be_drawn_fails_closed(mark: RedactionMark) -> None:
    doc = open_untrusted_pdf(pdfs.make_pdf(REPORT), max_pages=1)
    with pytest.raises(RedactionFailed):
        redact_pdf(doc, [mark])


# -- the shared sample reports --------------------------------------------------


def _pdfminer_chars(data: bytes) -> dict[int, list[tuple[str, Rect, bool]]]:
    """pdfminer's glyphs per page: (char, box in top-left coordinates, is white)."""
    rm = PDFResourceManager()
    device = PDFPageAggregator(rm, laparams=None)
    interpreter = PDFPageInterpreter(rm, device)
    out: dict[int, list[tuple[str, Rect, bool]]] = {}
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data))):
        interpreter.process_page(page)
        height = page.mediabox[3]
        chars = []
        for obj in device.get_result():
            if isinstance(obj, LTChar):
                color = obj.graphicstate.ncolor
                white = color in ((1, 1, 1), [1, 1, 1], (1.0, 1.0, 1.0), 1, 1.0)
                box = Rect(obj.x0, height - obj.y1, obj.x1, height - obj.y0)
                chars.append((obj.get_text(), box, white))
        out[number] = chars
    return out


def _text_in(chars: list[tuple[str, Rect, bool]], box: Rect) -> str:
    """Non-white, non-space characters whose centre lies in `box`, in order."""
    out = []
    for c, r, white in chars:
        cx, cy = (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2
        if not white and c.strip() and box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1:
            out.append(c)
    return "".join(out)


def _batches(values: list[dict[str, Any]]) -> list[list[int]]:
    """Values grouped so that no two in a group share a line (or touch).

    Redacting a group at once is then the same as redacting each value alone,
    as far as its own boxes and its line neighbours are concerned.
    """

    def lines(v: dict[str, Any]) -> list[tuple[int, Rect]]:
        return [(b[0], Rect(*b[1:])) for b in v["boxes"]]

    def conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
        for pa, ra in lines(a):
            for pb, rb in lines(b):
                if pa == pb and min(ra.y1, rb.y1) - max(ra.y0, rb.y0) > -2:
                    return True
        return False

    batches: list[list[int]] = []
    for i, v in enumerate(values):
        for batch in batches:
            if not any(conflict(v, values[j]) for j in batch):
                batch.append(i)
                break
        else:
            batches.append([i])
    return batches


@pytest.mark.samples
@pytest.mark.skipif(not SAMPLE_IDS, reason="../shared/samples is not present")
@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_values_redact_exactly_their_boxes(doc_id: str) -> None:
    """Every value of the ground truth, redacted by its boxes, checked with pdfminer.

    The value's glyphs are gone from its boxes, and every other value on the
    same line keeps all of its glyphs: the geometry (tight boxes, glyph
    selection, rotation) is right on real report layouts.
    """
    truth = json.loads((SAMPLES / f"{doc_id}.json").read_text())
    data = (SAMPLES / f"{doc_id}.pdf").read_bytes()
    values = truth["values"]
    before = _pdfminer_chars(data)
    for batch in _batches(values):
        doc = open_untrusted_pdf(data, max_pages=20)
        marks = [
            RedactionMark(b[0] - 1, Rect(*b[1:]), CODE) for i in batch for b in values[i]["boxes"]
        ]
        out = redact_pdf(doc, marks)
        doc.close()
        after = _pdfminer_chars(out)
        for i in batch:
            for b in values[i]["boxes"]:
                page, box = b[0] - 1, Rect(*b[1:])
                assert _text_in(before[page], box), f"{doc_id}: value {i} not found before"
                assert _text_in(after[page], box) == "", f"{doc_id}: value {i} left"
        redacted = {i for i in batch}
        for j, other in enumerate(values):
            if j in redacted:
                continue
            for b in other["boxes"]:
                page, box = b[0] - 1, Rect(*b[1:])
                if any(m.page == page and m.rect.intersect(box) for m in marks):
                    continue  # overlaps a redacted box: not a neighbour
                same_line = any(
                    m.page == page and min(m.rect.y1, box.y1) - max(m.rect.y0, box.y0) > 0
                    for m in marks
                )
                if same_line:
                    assert _text_in(after[page], box) == _text_in(before[page], box), (
                        f"{doc_id}: neighbour {j} damaged"
                    )
        # And no glyph of PyMuPDF's own extraction is left under a box either.
        result = pymupdf.open(stream=out, filetype="pdf")
        for m in marks:
            left = [
                ch.c
                for ch in raw_chars(result[m.page])
                if ch.color != 0xFFFFFF
                and ch.c.strip()
                and ch.rect.intersect(m.rect) is not None
                and ch.rect.intersect(m.rect).area > 0.5 * ch.rect.area  # type: ignore[union-attr]
            ]
            assert left == [], f"{doc_id}: glyphs left under a box"


# -- marked content (ActualText) -------------------------------------------------


def _actual_text_pdf() -> bytes:
    content = (
        b"BT /F1 12 Tf 72 720 Td (Visible intro) Tj ET "
        b"/Span <</ActualText (Actualname Secretperson)>> BDC "
        b"BT /F1 12 Tf 72 700 Td (Glyphname Person) Tj ET EMC "
        b"/P /MC0 BDC BT /F1 12 Tf 72 680 Td (Tagged line) Tj ET EMC"
    )
    return pdfs.assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /Font << /F1 4 0 R >> /Properties << /MC0 6 0 R >> >> >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /ActualText (Propname Listperson) >>",
        ]
    )


def test_actual_text_is_seen_by_detection_and_gone_from_the_output() -> None:
    data = _actual_text_pdf()
    doc = open_untrusted_pdf(data, max_pages=1)
    pt = extract_page(doc[0])
    # MuPDF reports the ActualText after the glyphs it stands for, as a word
    # of its own; detection can find it and mark it (a flat box).
    assert "Glyphname Person Actualname Secretperson" in pt.text
    (flat,) = marks_for_text(pt, "Actualname Secretperson")
    assert flat.rect.width == 0
    out = redact_pdf(doc, [flat, *marks_for_text(pt, "Glyphname Person")])
    raw = all_decompressed(out)
    for value in ("Actualname", "Propname", "Glyphname", "BDC", "/ActualText"):
        assert value not in raw
    assert "Tagged line" in pdfminer_text(out)
    # Even unmarked, ActualText does not survive (it draws nothing).
    out = redact_pdf(open_untrusted_pdf(data, max_pages=1), [])
    assert "Actualname" not in all_decompressed(out)
    assert "Glyphname Person" in pdfminer_text(out)


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        (b"/P <</MCID 0>> BDC BT (a) Tj ET EMC", b"BT (a) Tj ET"),
        (b"/Artifact BMC q 1 0 0 1 0 0 cm Q EMC", b"q 1 0 0 1 0 0 cm Q"),
        # Operator names inside strings, hex strings, arrays and comments stay.
        (b"BT (BDC \\) EMC (x)) Tj <4244 43> Tj [(EMC) 3 (BDC)] TJ ET", None),
        (b"% EMC in a comment\nBT (a) Tj ET", None),
        (b"/Span <</ActualText <FEFF0041> /Alt (x[y)>> BDC 0 0 m EMC", b"0 0 m"),
        (b"/Tag /Props DP /Tag MP 1 w", b"1 w"),
        # Inline image data may hold any bytes, "EMC" included.
        (b"q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EMC\xff EI Q", None),
    ],
)
def test_strip_marked_content(stream: bytes, expected: bytes | None) -> None:
    got = strip_marked_content(stream)
    assert b" ".join(got.split()) == b" ".join((stream if expected is None else expected).split())


@pytest.mark.parametrize("bad", [b"(unterminated", b"<< /A 1", b"BI /W 1 ID xx"])
def test_strip_marked_content_refuses_what_it_cannot_read(bad: bytes) -> None:
    with pytest.raises(ValueError):
        strip_marked_content(bad)


def _has_token_run(text: str, value: str) -> bool:
    """`value` in `text` as whole tokens, case and whitespace ignored."""
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(t) for t in value.split()) + r"(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


@pytest.mark.samples
@pytest.mark.skipif(not SAMPLE_IDS, reason="../shared/samples is not present")
@pytest.mark.parametrize("policy", ["federal_immigration", "public"])
@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_withheld_values_are_gone_for_pypdf_and_pdfminer(doc_id: str, policy: str) -> None:
    """A whole policy at once, by the ground-truth boxes, read by two extractors.

    Every `withhold` value is gone from the text, unless it is too short to
    search for (the box checks above cover those) or is also part of a released
    value (a surname shared with an officer). Every `release` value is still
    there: whole when it sits on one line, word by word when it wraps (the
    extractors' layout analysis may put a wrapped half elsewhere).
    """
    truth = json.loads((SAMPLES / f"{doc_id}.json").read_text())
    data = (SAMPLES / f"{doc_id}.pdf").read_bytes()
    withheld = [v for v in truth["values"] if v[policy] == "withhold"]
    released = [v for v in truth["values"] if v[policy] == "release"]
    marks = [RedactionMark(b[0] - 1, Rect(*b[1:]), CODE) for v in withheld for b in v["boxes"]]
    doc = open_untrusted_pdf(data, max_pages=20)
    out = redact_pdf(doc, marks)
    doc.close()
    kept = [v["value"] for v in released] + [CODE]
    for text in (pypdf_text(out), pdfminer_text(out)):
        for v in released:
            parts = [v["value"]] if len(v["boxes"]) == 1 else v["value"].split()
            for part in parts:
                assert _has_token_run(text, part), f"{doc_id}: a released {v['category']} is gone"
        for v in withheld:
            value = v["value"]
            if sum(c.isalnum() for c in value) < 3 or any(_has_token_run(k, value) for k in kept):
                continue
            assert not _has_token_run(text, value), f"{doc_id}: a withheld {v['category']} is left"
