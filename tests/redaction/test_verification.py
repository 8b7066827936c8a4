"""verify_redacted: residual strings and text under boxes, counted, never shown."""

from __future__ import annotations

import logging
import re

import pymupdf
import pytest

from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import extract_page
from app.redaction.redactor import redact_pdf
from app.redaction.types import PageText, RedactionMark
from app.redaction.verification import normalize, verify_redacted
from tests import pdfs

CODE = "5 ILCS 805/15(h)"
REPORT = [
    "ARREST REPORT",
    "NAME: GARCIA-LOPEZ, Juan Carlos\tDOB: 03/14/1991",
    "AGE: 34\tSEX: M",
    "RELATIVE: Irene Moreno (SISTER)",
    "R/O: Det. V. MORENO #3010",
]
WITHHELD = ["GARCIA-LOPEZ, Juan Carlos", "03/14/1991", "34", "Irene Moreno"]
RELEASED = ["Det. V. MORENO", "ARREST REPORT"]


def _marks(pt: PageText, values: list[str]) -> list[RedactionMark]:
    out = []
    for value in values:
        for m in re.finditer(re.escape(value), pt.text):
            out += [RedactionMark(pt.index, b, CODE) for b in pt.boxes_for_span(m.start(), m.end())]
    return out


def _setup(lines: list[str] = REPORT) -> tuple[bytes, list[RedactionMark]]:
    data = pdfs.make_pdf(lines)
    doc = open_untrusted_pdf(data, max_pages=5)
    marks = _marks(extract_page(doc[0]), WITHHELD)
    doc.close()
    return data, marks


def _redacted(data: bytes, marks: list[RedactionMark]) -> bytes:
    doc = open_untrusted_pdf(data, max_pages=5)
    out = redact_pdf(doc, marks)
    doc.close()
    return out


def test_unredacted_pdf_has_residuals_and_text_under_boxes() -> None:
    data, marks = _setup()
    report = verify_redacted(data, marks, WITHHELD, RELEASED)
    # "34" is too short to search for; "Irene Moreno" is not contained in the
    # released "Det. V. MORENO", so it is checked.
    assert report.checked_strings == 3
    assert report.residual_strings == 3
    assert report.checked_boxes == len(marks)
    # Every glyph of every value (spaces excluded) lies under its box.
    expected = sum(len(v.replace(" ", "")) for v in WITHHELD)
    assert report.text_under_boxes == expected
    assert not report.passed


def test_properly_redacted_pdf_passes() -> None:
    data, marks = _setup()
    out = _redacted(data, marks)
    report = verify_redacted(out, marks, WITHHELD, RELEASED)
    assert report.residual_strings == 0
    assert report.text_under_boxes == 0  # the white code labels do not count
    assert report.checked_strings == 3
    assert report.checked_boxes == len(marks)
    assert report.passed


def test_one_missed_occurrence_is_found() -> None:
    lines = [*REPORT, "NARRATIVE: GARCIA-LOPEZ, Juan Carlos was observed."]
    data = pdfs.make_pdf(lines)
    doc = open_untrusted_pdf(data, max_pages=5)
    pt = extract_page(doc[0])
    # Marks for the first occurrence only (a propagation miss).
    start = pt.text.index("GARCIA-LOPEZ")
    end = start + len("GARCIA-LOPEZ, Juan Carlos")
    marks = [RedactionMark(0, b, CODE) for b in pt.boxes_for_span(start, end)]
    out = redact_pdf(doc, marks)
    report = verify_redacted(out, marks, ["GARCIA-LOPEZ, Juan Carlos"], [])
    assert report.residual_strings == 1
    assert report.text_under_boxes == 0


def test_value_split_across_lines_and_case_is_found() -> None:
    data = pdfs.make_pdf(["NARRATIVE: the arrestee NAVARRETE-", "ARANDA, SALVADOR stated that"])
    report = verify_redacted(data, [], ["Navarrete-Aranda, Salvador"], [])
    assert report.residual_strings == 1


def test_whole_tokens_only() -> None:
    data = pdfs.make_pdf(["The witness ate a Banana and Anabel left."])
    report = verify_redacted(data, [], ["Ana", "Anabel"], [])
    assert report.checked_strings == 2
    assert report.residual_strings == 1  # "Anabel", not "Ana" inside "Banana"


def test_strings_inside_released_values_are_skipped() -> None:
    data = pdfs.make_pdf(["R/O: Det. V. MORENO #3010"])
    report = verify_redacted(data, [], ["Moreno", "V. Moreno", "MORENO #3010"], ["Det. V. MORENO"])
    # "MORENO #3010" is not inside the released value: checked, and present.
    assert report.checked_strings == 1
    assert report.residual_strings == 1


def test_a_label_word_taken_for_a_value_is_left_to_the_box_check() -> None:
    # A scan's garbled age cell read as "age": the AGE label elsewhere is no leak.
    data = pdfs.make_pdf(["NAME: GARCIA, Ana\tAGE: 34", "Ana Garcia was arrested."])
    report = verify_redacted(data, [], ["age", "Ana Garcia"], [])
    assert report.checked_strings == 1
    assert report.residual_strings == 1  # the name, still on the page


def test_short_strings_are_left_to_the_box_check() -> None:
    data, _ = _setup()
    report = verify_redacted(data, [], ["34", "M", "IL", "A-1"], [])
    assert report.checked_strings == 0
    assert report.residual_strings == 0


def test_metadata_xmp_and_annotations_are_searched() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Nothing to see on the page", fontsize=10)
    doc.set_metadata({"author": "Metaname Authorperson"})
    doc.set_xml_metadata(pdfs.XMP_PACKET)
    page.add_text_annot((300, 300), "Annotname Noteperson")
    doc.embfile_add("Attachname Fileperson.txt", b"x")
    doc.set_toc([[1, "Bookmarkname Tocperson", 1]])
    data = doc.tobytes()
    values = [
        "Metaname Authorperson",
        "Xmpname Secretperson",
        "Annotname Noteperson",
        "Attachname Fileperson",
        "Bookmarkname Tocperson",
    ]
    report = verify_redacted(data, [], values, [])
    assert report.residual_strings == len(values)


def test_invisible_text_is_searched() -> None:
    report = verify_redacted(pdfs.make_hidden_text_pdf(), [], ["Rosalind Quetzal"], [])
    assert report.residual_strings == 1


def test_white_text_under_a_box_that_is_not_the_label_counts() -> None:
    data, marks = _setup()
    out = _redacted(data, marks)
    # Someone (or a bug) writes white text into a box after redaction.
    doc = pymupdf.open(stream=out, filetype="pdf")
    box = marks[0].rect
    doc[0].insert_text(
        (box.x0 + 1, box.y1 - 2), "SECRET", fontsize=6, color=(1, 1, 1), overlay=True
    )
    tampered = doc.tobytes()
    report = verify_redacted(tampered, marks, WITHHELD, RELEASED)
    assert report.text_under_boxes > 0


def test_mark_on_a_missing_page_counts() -> None:
    data, marks = _setup()
    out = _redacted(data, marks)
    ghost = RedactionMark(7, marks[0].rect, CODE)
    report = verify_redacted(out, [*marks, ghost], WITHHELD, RELEASED)
    assert report.text_under_boxes == 1


def test_text_under_an_opaque_fill_counts_on_every_page() -> None:
    # Each page is read once for all its checks: a black box drawn over text on
    # the second page, after the redaction, is still found.
    doc = pymupdf.open()
    for _ in range(2):
        page = doc.new_page()
        page.insert_text((72, 100), "NAME: Rosalind Quetzal", fontsize=10)
    doc[1].draw_rect(pymupdf.Rect(70, 88, 250, 104), color=None, fill=(0, 0, 0), overlay=True)
    report = verify_redacted(doc.tobytes(), [], [], [])
    doc.close()
    assert report.text_under_boxes == len("NAMERosalindQuetzal") + 1  # the colon too


def test_a_value_only_in_actual_text_is_found() -> None:
    # What copy-and-paste gives (/ActualText) is one of the views searched.
    body = (
        b"BT /F1 10 Tf 72 700 Td /Span << /ActualText (Rosalind Quetzal) >> BDC (R. Q.) Tj EMC ET"
    )
    data = pdfs.assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        ]
    )
    assert verify_redacted(data, [], ["Rosalind Quetzal"], []).residual_strings == 1


def test_a_page_whose_drawings_cannot_be_read_fails_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Its text is still read (without cell borders), and the fill check, which
    # needs the drawings, fails closed: the output is not returned.
    data, marks = _setup()
    out = _redacted(data, marks)

    def broken(self: pymupdf.Page, *args: object, **kwargs: object) -> None:
        raise RuntimeError("unreadable content stream")

    monkeypatch.setattr(pymupdf.Page, "get_drawings", broken)
    with pytest.raises(RuntimeError):
        verify_redacted(out, marks, WITHHELD, RELEASED)


def test_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    data, marks = _setup()
    verify_redacted(data, marks, WITHHELD, RELEASED)
    for record in caplog.records:
        for value in WITHHELD:
            assert value not in record.getMessage()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GARCIA-LOPEZ,\n  Juan\tCarlos", "garcia-lopez, juan carlos"),
        ("NAVARRETE-\nARANDA", "navarrete-aranda"),
        ("ＧＡＲＣＩＡ", "garcia"),
        ("Straße", "strasse"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


class _Glyph:
    def __init__(self, c: str, x: float, y: float, white: bool = True) -> None:
        from app.redaction import verification as v

        self.c, self.x, self.y = c, x, y
        self.color = v._WHITE if white else 0


class _Index:
    """The two calls `_label_glyphs` makes of a glyph index: `inside` and `chars`."""

    def __init__(self, chars: list[_Glyph]) -> None:
        self.chars = chars

    def inside(self, r: object) -> list[int]:
        return [
            i
            for i, g in enumerate(self.chars)
            if r.x0 <= g.x <= r.x1 and r.y0 <= g.y <= r.y1  # type: ignore[attr-defined]
        ]


@pytest.mark.parametrize(
    ("upper_label", "extra", "all_labels"),
    [
        # The lower box's label starts inside the upper box too (two lines of a
        # tilted scan): each label is still exactly its box's.
        ("AB 12", None, True),
        # White text that is no label, under the upper box, still counts.
        ("AB 12", _Glyph("X", 30.0, 5.0), False),
    ],
)
def test_labels_of_boxes_that_overlap(
    upper_label: str, extra: _Glyph | None, all_labels: bool
) -> None:
    from app.redaction.redactor import DrawnBox
    from app.redaction.types import Rect
    from app.redaction.verification import _label_glyphs

    upper = DrawnBox(Rect(0, 0, 100, 10), upper_label)
    lower = DrawnBox(Rect(0, 8, 100, 20), "CD 34")
    chars = [_Glyph(c, 10.0 + k, 4.0) for k, c in enumerate("AB12")]
    # The lower label's first glyphs sit where the two boxes overlap.
    chars += [_Glyph(c, 10.0 + k, 9.0 if k < 2 else 15.0) for k, c in enumerate("CD34")]
    if extra is not None:
        chars.append(extra)
    labels = _label_glyphs(_Index(chars), [upper, lower])  # type: ignore[arg-type]
    assert (labels == set(range(len(chars)))) is all_labels
    assert set(range(8)) <= labels or not all_labels


@pytest.mark.parametrize(
    ("text_layer", "ocr_read", "withheld", "found"),
    [
        # A short code in the OCR reading of the output: as printed, in its case.
        ("", "of i biszu-vn2a ind. ramee peorar", "IND", 0),
        ("", "PASSPORT U96908440 (IND) issued", "IND", 1),
        # A short value in small letters is itself noise read as a value.
        ("", "eee CB NO. eee", "eee", 0),
        ("eee", "", "eee", 1),  # the text layer: as before
        # Longer values: in any case, as before.
        ("", "the passport of tomas garcia", "Tomas GARCIA", 1),
        # The text layer: in any case, short or not.
        ("passport (ind)", "", "IND", 1),
    ],
)
def test_a_short_code_counts_in_the_ocr_reading_only_as_printed(
    text_layer: str, ocr_read: str, withheld: str, found: int
) -> None:
    from app.redaction.verification import _residual_strings

    residual, checked = _residual_strings(
        [normalize(text_layer)], [withheld], [], [ocr_read] if ocr_read else []
    )
    assert (residual, checked) == (found, 1)
