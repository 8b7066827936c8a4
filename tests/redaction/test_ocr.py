"""Scans, photos and turned pages: OCR, pixel redaction, and failing closed.

The scans are made by `benchmarks.scanned.scan_pdf`: pages rendered in grey,
tilted, with noise and specks, JPEG-compressed, with no text layer at all.
Each test that runs Tesseract reads one or two pages; they are the slow ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pymupdf
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.redaction import form_labels, verification
from app.redaction import ocr as ocr_mod
from app.redaction.errors import OcrUnavailable
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import extract_page, read_document
from app.redaction.pipeline import RedactionEngine
from app.redaction.types import Action, Category, PageText, Rect, RedactionMark, Role
from benchmarks.scanned import scan_pdf
from tests.conftest import FEDERAL_WITHHELD, REPORT_LINES, key_header, post_redaction, squash
from tests.pdfs import (
    PHOTO_RECT,
    make_pdf,
    make_pdf_with_image_and_text,
    make_placed_pdf,
    photo_pixmap,
)

# Immigration-critical values of REPORT_LINES: withheld under both policies.
CRITICAL = ["212-345-678", "Tegucigalpa", "Honduras"]


@pytest.fixture(scope="module")
def scanned_report() -> bytes:
    return scan_pdf(make_pdf(REPORT_LINES), seed=61, dpi=200, angle=0.8).pdf


def ocr_text(engine: RedactionEngine, pdf: bytes) -> str:
    """Every page of `pdf` read again with Tesseract, squashed for comparison."""
    assert engine.ocr is not None
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        pages = ocr_mod.ocr_pages(engine.ocr, list(doc))
    finally:
        doc.close()
    return squash(" ".join(w.text for p in pages for w in p.words))


# -- hOCR and doubtful values (no Tesseract) ----------------------------------------------

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
<div class='ocr_page' id='page_1' title='bbox 0 0 1700 2200'>
 <span class='ocr_line' id='line_1_1' title="bbox 100 100 400 130; baseline 0.01 -5">
  <span class='ocrx_word' id='word_1_1' title='bbox 100 100 160 128; x_wconf 96'>
   <span class='ocrx_cinfo' title='x_bboxes 100 100 128 128; x_conf 99'>P</span>
   <span class='ocrx_cinfo' title='x_bboxes 130 100 160 128; x_conf 99'>O</span>
  </span>
  <span class='ocrx_word' id='word_1_2' title='bbox 200 101 300 129; x_wconf 41'>Lé&lt;n</span>
 </span>
</div></body></html>"""


def test_hocr_words_carry_boxes_confidence_and_baseline() -> None:
    po, leon = ocr_mod.parse_hocr(HOCR, dy=10)
    assert po.text == "PO" and po.conf == 96
    # Character boxes meet halfway across the gap between them (the LSTM's are approximate).
    assert po.chars == ((100, 110, 129, 138), (129, 110, 160, 138))
    assert po.box == (100, 110, 160, 138)
    # No character boxes: the word's box is shared out evenly.
    assert leon.text == "Lé<n" and leon.conf == 41
    assert len(leon.chars) == 4 and leon.chars[0] == (100 + 100, 111, 225, 139)
    # Baseline: 5 px above the line's bottom, sloping down to the right.
    assert leon.baseline == pytest.approx(130 - 5 + 0.01 * 150 + 10)


def test_a_line_tilted_against_the_page_takes_the_page_slope_about_its_middle() -> None:
    # The line's own fit slopes +0.01; the page's lines slope -0.01 (a misfit):
    # the baseline turns about the line's middle (x 250), so its words keep one
    # baseline as the page's other lines do.
    po, leon = ocr_mod.parse_hocr(HOCR, dy=10, page_slope=-0.01)
    assert leon.baseline == pytest.approx(130 - 5 + 0.01 * 150 + 10)  # at the middle: as fitted
    assert po.baseline == pytest.approx(leon.baseline + 0.01 * (250 - 130))
    # Within the misfit tolerance the line's own slope stands.
    po_own, _ = ocr_mod.parse_hocr(HOCR, dy=10, page_slope=0.008)
    assert po_own.baseline == pytest.approx(130 - 5 + 0.01 * 30 + 10)


def _hocr_line(*words: str) -> str:
    spans = "".join(
        f"<span class='ocrx_word' title='bbox {100 + 60 * i} 100 {150 + 60 * i} 128; "
        f"x_wconf 80'>{w}</span>"
        for i, w in enumerate(words)
    )
    return HOCR.split("<span class='ocr_line'")[0] + (
        f"<span class='ocr_line' title=\"bbox 100 100 900 130; baseline 0 -5\">{spans}</span>"
        "</div></body></html>"
    )


def test_a_full_stop_after_an_article_or_preposition_is_a_speck() -> None:
    words = ocr_mod.parse_hocr(_hocr_line("is", "on", "an.", "the,", "visa.", "Inc.", "An.", "a"))
    assert [w.text for w in words] == ["is", "on", "an", "the", "visa.", "Inc.", "An.", "a"]
    # The dropped mark takes its box with it: the word's box ends at its last letter.
    assert words[2].box[2] < 100 + 60 * 2 + 50


@pytest.mark.parametrize(
    ("text", "size", "conf", "kept"),
    [
        ("2", 2, 39, False),  # a dot of noise read, unsure, as a digit: dropped
        ("a", 5, 30, False),
        ("2", 2, 91, True),  # read sure: as read
        ("1", 20, 39, True),  # a glyph of the line's height
        ("23", 2, 39, True),  # more than one character
        (".", 2, 39, True),  # a mark: the specks' own rules
    ],
)
def test_a_dot_of_noise_read_as_a_letter_or_digit_is_no_word(
    text: str, size: int, conf: int, kept: bool
) -> None:
    spans = (
        "<span class='ocrx_word' title='bbox 100 100 150 128; x_wconf 95'>SMT</span>"
        f"<span class='ocrx_word' title='bbox 200 120 {200 + size} {120 + size}; "
        f"x_wconf {conf}'>{text}</span>"
    )
    hocr = HOCR.split("<span class='ocr_line'")[0] + (
        "<span class='ocr_line' title=\"bbox 100 100 900 130; baseline 0 -5; x_size 28; "
        f'x_descenders 6">{spans}</span></div></body></html>'
    )
    words = [w.text for w in ocr_mod.parse_hocr(hocr)]
    assert words == (["SMT", text] if kept else ["SMT"])


def test_a_small_letter_shaped_like_its_capital_in_a_word_of_capitals_is_a_capital() -> None:
    words = ocr_mod.parse_hocr(_hocr_line("cB", "NO.", "cTz", "SOs", "weT", "So", "ok", "iOS"))
    assert [w.text for w in words] == ["CB", "NO.", "CTZ", "SOS", "weT", "So", "ok", "iOS"]


def _the_word_read(hocr: str) -> ocr_mod.OcrWord:
    """The one word of a one-line hOCR, mapped to a blank page read at 200 dpi."""
    page = pymupdf.open(stream=make_pdf(["blank"]), filetype="pdf")[0]
    render = ocr_mod._render(page, 200, 0)
    reading = ocr_mod._Reading(
        render, 0, (hocr,), ocr_mod.parse_hocr(hocr), ocr_mod._skew_slope((hocr,))
    )
    (word,) = ocr_mod._to_page(page, reading, 200).words
    return word


def test_a_word_read_with_low_confidence_gets_half_a_character_more_at_each_end() -> None:
    sure = _hocr_line("7739").replace("x_wconf 80", "x_wconf 96")
    unsure = _hocr_line("7739").replace("x_wconf 80", "x_wconf 15")
    a, b = (_the_word_read(h) for h in (sure, unsure))
    char_pt = 50 / 4 * 72 / 200  # the word is 50 px wide, 4 digits, at 200 dpi
    assert b.rect.x0 == pytest.approx(a.rect.x0 - char_pt / 2)
    assert b.rect.x1 == pytest.approx(a.rect.x1 + char_pt / 2)
    assert b.char_rects[0].x0 == pytest.approx(a.char_rects[0].x0 - char_pt / 2)
    assert b.char_rects[-1].x1 == pytest.approx(a.char_rects[-1].x1 + char_pt / 2)
    assert b.char_rects[1] == a.char_rects[1]
    assert b.disp == a.disp  # line grouping is unchanged


def test_a_word_ending_in_a_comma_or_full_stop_gets_half_a_character_more_on_its_right() -> None:
    # The mark's ink is narrower than its place in print: a value's box must reach
    # as far as the printed value ("AVE #B," at a cell's end, wrapped under it).
    a, b, c = (_the_word_read(_hocr_line(t)) for t in ("AVEX", "AVE,", "AVE."))
    char_pt = 50 / 4 * 72 / 200  # the word is 50 px wide, 4 characters, at 200 dpi
    for w in (b, c):
        assert w.rect.x1 == pytest.approx(a.rect.x1 + char_pt / 2)
        assert w.char_rects[-1].x1 == pytest.approx(a.char_rects[-1].x1 + char_pt / 2)
        assert w.rect.x0 == a.rect.x0 and w.disp == a.disp


def test_a_word_opening_with_a_parenthesis_gets_half_a_character_more_on_its_left() -> None:
    # "(TPS)." wrapped to the next line: the "(" ink starts well right of its place.
    plain, opened, quoted = (_the_word_read(_hocr_line(t)) for t in ("XTPS", "(TPS", '"TPS'))
    char_pt = 50 / 4 * 72 / 200
    for w in (opened, quoted):
        assert w.rect.x0 == pytest.approx(plain.rect.x0 - char_pt / 2)
        assert w.char_rects[0].x0 == pytest.approx(plain.char_rects[0].x0 - char_pt / 2)
        assert w.rect.x1 == plain.rect.x1 and w.char_rects[1] == plain.char_rects[1]


def test_a_page_is_cut_into_bands_of_equal_text_between_two_lines() -> None:
    # A report whose text fills the top half of the page, scanned: cut at the
    # middle row, the bottom band would hold almost nothing to read.
    scan = scan_pdf(make_pdf(REPORT_LINES * 2), seed=63, dpi=200, angle=0.6)
    page = pymupdf.open(stream=scan.pdf, filetype="pdf")[0]
    pixels = ocr_mod._render(page, 200, 0).pixels
    ink = (pixels < 128).sum(axis=1)
    (_, cut), (cut2, end) = ocr_mod._bands(pixels)
    assert cut == cut2 and end == pixels.shape[0]
    assert ink[cut] == 0  # between two lines, never through one
    top, bottom = int(ink[:cut].sum()), int(ink[cut:].sum())
    assert abs(top - bottom) < 0.2 * (top + bottom)


def test_a_doubtful_value_after_a_protected_label_is_kept_as_that_category() -> None:
    doc = pymupdf.open(stream=make_pdf(["NAME: DOE, John\tPOB: Teguc1ga!pa", "A#", "~2l2-34S"]))
    page = extract_page(doc[0])
    confidences = [30.0 if w.text in ("Teguc1ga!pa", "~2l2-34S") else 95.0 for w in page.words]
    found = {
        (v.category, page.text[v.start : v.end])
        for v in ocr_mod.uncertain_label_values(page, confidences)
    }
    assert found == {
        (Category.PLACE_OF_BIRTH, "Teguc1ga!pa"),
        (Category.A_NUMBER, "~2l2-34S"),  # the value under its label
    }
    # Text-layer words (confidence 100) are detection's to judge.
    assert ocr_mod.uncertain_label_values(page, [100.0] * len(page.words)) == []


def test_confident_ocr_value_after_a_marked_or_misread_label_is_that_category() -> None:
    lines = [
        "PLACE OF BIRTH: TLAQUEPAQUE. MEX\tWORK ADDRESS: 2832 N. Leavitt St",  # "," read as "."
        "PO}\tCicero, IL, USA\tCITZ: United States",  # POB misread, value in its own cell
        "NATlONALITY\tSEX",  # a misread grid label, its value under it
        "Guatemalan\tM",
        "He said he is a U.S. CITIZEN AND WAS BORN IN CHICAGO.",  # prose: no label
        "Citizenship unknown",  # no colon, no column: detection's to judge
        "CITY: CHICAGO\tCLT2: CHN",  # "CTZ" misread; a city is no citizenship
        "cTz\tEYES",  # a grid row of labels, misread; the values under them
        "USA\tBRO",
        "POB: BARI (APULIA), ITALY CTZ TTALY:",  # a smudged value with a speck for a colon
        "POB - MILWAUKEE, WI\tCI4 = U.s.",  # "TZ" read as one glyph, before a separator
    ]
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    confidences = [34.0 if w.text == "TTALY:" else 92.0 for w in page.words]
    found = {
        (v.category, page.text[v.start : v.end], v.doubtful)
        for v in ocr_mod.uncertain_label_values(page, confidences)
    }
    assert found == {
        (Category.PLACE_OF_BIRTH, "TLAQUEPAQUE. MEX", False),
        (Category.PLACE_OF_BIRTH, "Cicero, IL, USA", False),
        (Category.NATIONALITY, "United States", False),
        (Category.NATIONALITY, "Guatemalan", False),
        (Category.NATIONALITY, "CHN", False),
        (Category.NATIONALITY, "USA", False),
        (Category.PLACE_OF_BIRTH, "BARI (APULIA), ITALY CTZ TTALY:", True),
        (Category.NATIONALITY, "TTALY:", True),
        (Category.NATIONALITY, "TTALY", True),  # ITALY, named on the page, a letter off
        (Category.PLACE_OF_BIRTH, "MILWAUKEE, WI", False),
        (Category.NATIONALITY, "U.s.", False),
    }


def _word(
    text: str, conf: float, box: tuple[float, float, float, float], line: int
) -> ocr_mod.HocrWord:
    chars = tuple(b for _, b in ocr_mod._even_split(text, box))
    return ocr_mod.HocrWord(text, conf, box, chars, line, box[3] - 5.0, 21.0, 5.0)


def _cells_line(
    *cells: tuple[str, float], line: int = 1, y: float = 100.0
) -> list[ocr_mod.HocrWord]:
    """One OCR line of cells (text, confidence), 300 px apart: each a cell of its own."""
    return [
        _word(
            part,
            conf,
            (100.0 + 300.0 * k + 60.0 * j, y, 150.0 + 300.0 * k + 60.0 * j, y + 28.0),
            line,
        )
        for k, (text, conf) in enumerate(cells)
        for j, part in enumerate(text.split())
    ]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # DATE OF BIRTH one letter off at the end of a longer cell (the gap before
        # it read narrow, after the value before it and a dash): the label.
        (["PATEOF", "BIRTH"], "DATE OF BIRTH"),
        (["DATE", "OF.", "BIRTH"], "DATE OF BIRTH"),
        # Not in capitals, or no label's letters: as read.
        (["Pateof", "Birth"], "Pateof Birth"),
        (["PLACE", "OF", "BIRTH"], "PLACE OF BIRTH"),
    ],
)
def test_a_birth_date_label_at_the_end_of_a_longer_cell(label: list[str], expected: str) -> None:
    words = ["M/WHITE", "HISPANIC", "-", *label]
    row = [
        _word(w, 90.0, (100.0 + 60.0 * k, 100.0, 150.0 + 60.0 * k, 128.0), 1)
        for k, w in enumerate(words)
    ]
    x = 150.0 + 60.0 * len(words) + 60.0  # a column's gap before the date
    row.append(_word("96/99/1978", 65.0, (x, 100.0, x + 90.0, 128.0), 1))
    got = " ".join(w.text for w in ocr_mod.correct_labels(row))
    assert got.endswith(f" {expected} 96/99/1978"), got


def test_a_word_given_the_box_of_the_words_around_it_stays_in_their_cell() -> None:
    # Tesseract gave the garbled "PATE" the box of the whole label: "OF" starts
    # inside it. The label is one cell, and read as DATE OF BIRTH before its date.
    row = [
        _word("PATE", 68, (824.0, 375.0, 930.0, 386.0), 1),
        _word("OF", 96, (865.0, 369.0, 884.0, 400.0), 1),
        _word("BIRTH", 66, (891.0, 375.0, 930.0, 386.0), 1),
        _word("May", 0, (962.0, 375.0, 995.0, 390.0), 1),
        _word("1,", 96, (1009.0, 374.0, 1025.0, 389.0), 1),
        _word("1997", 96, (1043.0, 373.0, 1084.0, 386.0), 1),
    ]
    first = ocr_mod._cells(row)[0]
    assert [row[i].text for i in first] == ["PATE", "OF", "BIRTH"]
    got = " ".join(w.text for w in ocr_mod.correct_labels(row))
    assert got == "DATE OF BIRTH May 1, 1997"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # Misread small-print labels, each a cell of its own, read with low confidence.
        ([("DATE OF BIRTH", 95), ("25 Oct 1971", 95), ("ASE", 46), ("49", 93)], "AGE"),
        ([("DATE OF BIRTH", 95), ("02 Jun 1976", 95), ("ge", 53), ("44", 63)], "AGE"),
        ([("DATE OF BIRTH", 95), ("20 Jul 1979", 95), ("ace", 42), ("44", 94)], "AGE"),
        ([("DATE OF BIRTH", 95), ("wet", 40), ("HGT", 90)], "WGT"),
        ([("BNO.", 30), ("89553193", 96)], "CB NO."),
        ([("CB¥", 40), ("56846146", 94)], "CB #"),  # "#" read as a yen sign
        ([("TRNO.", 41), ("940241", 93)], "IR NO."),
        ([("FINO.", 35), ("6843718WY8", 88)], "FBI NO."),
        ([("TYDL NO.", 52), ("D274-1843-4295", 90)], "TVDL NO."),
        ([("CTZZ:", 44), ("U.S.", 95)], "CTZ"),
        ([("DLAISTATE", 2), ("RD#", 90)], "DL#/STATE"),
        ([("EYES", 95), ("PLACE OF BIRTH", 95), ("cz", 3)], "CTZ"),  # a row of labels
        # A garbled cell between a date of birth and an age at it.
        ([("DATE OF BIRTH", 95), ("10-JUN-1983", 95), ("ee", 40), ("36", 96)], "AGE"),
        ([("DATE OF BIRTH", 95), ("29-APR-1975", 95), ("SEX", 41), ("46", 96)], "AGE"),
        ([("DATE OF BIRTH", 95), ("29-APR-1975", 95), ("SEX", 41), ("M", 96)], "SEX"),
        ([("DATE OF BIRTH", 95), ("29-APR-1975", 95), ("ee", 41), ("7", 96)], "ee"),  # 1982
        ([("DATE OF BIRTH", 95), ("Jan. 11, 1951", 95), ("a", 20), ("S7", 0)], "AGE S7"),
        # The age garbled too: one short word read unsure, last on its line.
        ([("DATE OF BIRTH", 95), ("Jan. 11, 1951", 95), ("a", 20), ("SX", 0)], "AGE SX"),
        ([("DATE OF BIRTH", 95), ("11/15/1981", 95), ("aS", 40), ("et", 15)], "AGE et"),
        (
            [("DATE OF BIRTH", 95), ("Jan. 11, 1951", 95), ("a", 20), ("SX", 0), ("M", 90)],
            "a SEX M",
        ),
        ([("DATE OF BIRTH", 95), ("11/15/1981", 95), ("aS", 40), ("et", 95)], "aS et"),
        # A label of one or two letters read sure, an age at the date beside it.
        ([("DATE OF BIRTH", 95), ("Nov. 5, 1992", 95), ("a", 95), ("26", 96)], "AGE 26"),
        ([("ISSUED", 95), ("12/01/2019", 95), ("ee", 41), ("36", 96)], "ee"),  # 2055
        ([("YEAR", 95), ("1983", 95), ("ee", 41), ("36", 96)], "ee"),  # a year is no date
        ([("KIM, J", 95), ("17-FEB-1993", 95), ("M", 41), ("26", 96)], "M"),  # a value
        # No date: a garbled cell in a label's place after a labelled value, an
        # age of two digits read sure last on its line.
        ([("SEX / RACE", 95), ("F / BLACK HISPANIC", 95), ("a", 40), ("44", 95)], "AGE 44"),
        ([("SEX / RACE", 95), ("F / BLACK HISPANIC", 95), ("a", 40), ("44", 60)], "a 44"),
        ([("SEX / RACE", 95), ("F / BLACK HISPANIC", 95), ("a", 40), ("144", 95)], "a 144"),
        ([("SEX / RACE", 95), ("F", 95), ("a", 40), ("44", 95), ("X", 95)], "a 44 X"),
        ([("SEX / RACE", 95), ("F / BLACK HISPANIC", 95), ("ace", 95), ("44", 95)], "ace 44"),
        ([("SEX / RACE", 95), ("a", 40), ("44", 95)], "a 44"),  # no value before: no row
        # DATE OF BIRTH garbled past one edit, a date beside it.
        ([("PATE OF BIRTH", 59), ("7/17/1990", 35)], "DATE OF BIRTH 7/17/1990"),
        ([("PATE OMAIRTH", 20), ("7/27 March 1954", 90)], "DATE OF BIRTH 7/27"),
        ([("Dave OF Birth", 32), ("18 September 1997", 92)], "DATE OF BIRTH 18"),
        ([("PATE OF ARREST", 30), ("7/17/2020", 90)], "PATE OF ARREST"),  # nearer another
        ([("PATE OF BIRTH", 30), ("Chicago, IL", 90)], "PATE OF BIRTH"),  # no date
        # Read with confidence: one letter off, in capitals, beside a date.
        ([("PATE OF BIRTH", 90), ("7/17/1990", 90)], "DATE OF BIRTH 7/17/1990"),
        ([("PATEOFBIRTH", 90), ("9/1/1989", 36)], "DATE OF BIRTH 9/1/1989"),
        ([("ATE OF BIRTH", 90), ("10/01/1957", 83)], "DATE OF BIRTH 10/01/1957"),
        ([("PAVE OF BRRTH", 90), ("7/17/1990", 90)], "PAVE OF BRRTH"),  # two off
        ([("Pate of birth", 90), ("7/17/1990", 90)], "Pate of birth"),
        # Its letters read right with a speck among them: the label, however sure.
        ([("DATE OF. BIRTH", 96), ("November 28, 1993", 96)], "DATE OF BIRTH November"),
        ([("Date of. birth", 96), ("November 28, 1993", 96)], "Date of. birth"),
        # A protected label of ten letters or more one letter off, in capitals,
        # however sure: as printed.
        ([("PLACE OF BIRTA", 95), ("Ciudad", 63)], "PLACE OF BIRTH Ciudad"),
        ([("CITIZENSH1P:", 95), ("MEX", 90)], "CITIZENSHIP: MEX"),
        ([("Place of birta", 95), ("Ciudad", 63)], "Place of birta"),
        ([("PLACE OF BERTA", 95), ("Ciudad", 63)], "PLACE OF BERTA"),  # two letters off
        # Its last words read right, a few garbled letters glued to its first.
        ([("GITVICOUNTRY OF BIRTH", 96), ("Leon", 42)], "COUNTRY OF BIRTH Leon"),
        ([("GITVCOUNTRY OF BIRTH:", 90), ("Leon", 42)], "COUNTRY OF BIRTH: Leon"),
        ([("Gitvicountry of birth", 90), ("Leon", 42)], "Gitvicountry of birth"),  # no capitals
        ([("GITVICOUNTRY OF BIRTA", 90), ("Leon", 42)], "GITVICOUNTRY OF BIRTA"),  # and more
        ([("ABCDEFGCITIZENSHIP", 90), ("MEX", 42)], "ABCDEFGCITIZENSHIP"),  # too many
        # The date read as cells of its own.
        (
            [("DATE OF. BIRTH", 96), ("November", 96), ("28,", 96), ("1993", 96)],
            "DATE OF BIRTH November",
        ),
        # Read with confidence: as read.
        ([("DATE OF BIRTH", 95), ("25 Oct 1971", 95), ("ASE", 91), ("49", 93)], "ASE"),
        # ... unless in small letters where the form prints capitals, no word of
        # prose between a date and an age at it; and the date may be read as
        # cells of its own, a speck as a cell between.
        (
            [("DATE OF BIRTH", 95), ("May", 96), ("6,", 95), ("2000", 96), ("nee", 91), ("25", 96)],
            "AGE 25",
        ),
        ([("DATE OF BIRTH", 95), ("1999-03-02", 80), (":", 32), ("me", 23), ("26", 96)], "AGE 26"),
        (
            [("DATE OF BIRTH", 95), ("May", 96), ("6,", 95), ("2000", 96), ("NEE", 91), ("25", 96)],
            "NEE 25",
        ),
        # A value in a label's value place stays a value, however near a label.
        ([("CITIZENSHIP", 95), ("NEX", 40)], "NEX"),
        ([("SEX", 95), ("AGO", 40)], "AGO"),
        # Values printed in cells of their own are never labels.
        ([("NAME", 95), ("DOE, J", 95), ("MEX", 30)], "MEX"),
        ([("EYES", 95), ("BRO", 90), ("HAIR", 95), ("BLN", 30)], "BLN"),
        # The value right of it is no age: a misread label, but not AGE ("PHONE").
        ([("HOME ADDRESS", 95), ("ae", 28), ("+1 872-352-6114", 90)], "ae"),
        ([("ae", 23), ("HAZ", 91)], "ae"),
        # A misread of two letters needs its value beside it.
        ([("DATE OF BIRTH", 95), ("24 Mar 1983", 95), ("Be", 30)], "Be"),
        ([("RD", 30), ("JE374582", 95)], "RD #"),
        # A year read with a bracket after it ("(DOB 24 Mar 1983)") is still its year.
        ([("(DOB", 95), ("24 Mar 1983)", 95), ("Ae", 30), ("42", 93), ("M", 95)], "AGE 42"),
    ],
)
def test_a_misread_label_cell_is_read_as_the_label(
    cells: list[tuple[str, float]], expected: str
) -> None:
    words = ocr_mod.correct_labels(_cells_line(*cells))
    texts = [w.text for w in words]
    joined = " ".join(texts)
    assert expected in joined, joined


@pytest.mark.parametrize(
    ("age_row", "above", "expected"),
    [
        # An AGE label garbled past reading, first on its line, the age alone after
        # it, under the row with the date of birth (a grid's two-line name row).
        ([("ee", 25), ("31", 93)], 60.0, "AGE 31"),
        ([("\u2014", 21), ("33", 82)], 60.0, "AGE 33"),
        # The label read sure, an age that does not fit the year, a garbled age
        # (taken as an age it may read as a child's), or no date near above.
        ([("ee", 90), ("31", 93)], 60.0, "ee 31"),
        ([("ee", 25), ("96", 93)], 60.0, "ee 96"),
        ([("ae", 39), ("2A", 39)], 60.0, "ae 2A"),
        ([("ee", 25), ("31", 93)], 400.0, "ee 31"),
    ],
)
def test_a_garbled_age_label_under_the_date_of_birth_row_is_age(
    age_row: list[tuple[str, float]], above: float, expected: str
) -> None:
    dob = _cells_line(("NAME (LAST,", 95), ("SOLIS, Evaristo", 95), ("DATE OF BIRTH", 95),
                      ("08-01-1992", 95), line=1, y=100.0)  # fmt: skip
    row = _cells_line(*age_row, line=2, y=100.0 + 28.0 + above)
    words = ocr_mod.correct_labels([*dob, *row])
    assert " ".join(w.text for w in words if w.line == 2) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # Noise read as a letter between the labels of a header row goes.
        (
            [("AGE", 95), ("RESIDENCE", 95), ("a", 38), ("CB NO.", 90)],
            ["AGE", "RESIDENCE", "CB", "NO."],
        ),
        # Read with confidence, or in a row with values in it, it stays.
        (
            [("AGE", 95), ("RESIDENCE", 95), ("a", 91), ("CB NO.", 90)],
            ["AGE", "RESIDENCE", "a", "CB", "NO."],
        ),
        ([("SEX / RACE", 95), ("g", 0), ("M / WHITE", 90), ("AGE", 90)], None),
        # Two labels are no header row yet.
        ([("RESIDENCE", 95), ("a", 38), ("CB NO.", 90)], None),
    ],
)
def test_a_speck_in_a_row_of_labels_is_dropped(
    cells: list[tuple[str, float]], expected: list[str] | None
) -> None:
    words = _cells_line(*cells)
    got = [w.text for w in ocr_mod.correct_labels(words)]
    assert got == (expected if expected is not None else [w.text for w in words])


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        # "AGE" wrapped in its narrow cell ("AG" over "E"): the E, read unsure between
        # the labels of the header's second line, is the label's end, not a speck.
        ("AG", ["DATE", "E", "RACE", "#"]),
        # Under a word it does not make a label of, it is a speck and goes.
        ("AX", ["DATE", "RACE", "#"]),
    ],
)
def test_the_wrapped_end_of_a_header_label_is_no_speck(top: str, expected: list[str]) -> None:
    first = _cells_line(("NAME", 95), ("BIRTH", 95), (top, 92), ("SEX/", 90), line=1, y=100.0)
    second = _cells_line(("NAME", 95), ("DATE", 95), ("E", 60), ("RACE", 75), ("#", 93), line=2,
                         y=134.0)[1:]  # fmt: skip
    got = [w.text for w in ocr_mod.correct_labels([*first, *second]) if w.line == 2]
    assert got == expected


@pytest.mark.parametrize(
    ("header", "below", "expected"),
    [
        # A header label with a digit for a letter, or in small case and wrapped
        # in its narrow cell ("aG" over "E"), read with confidence: the label.
        (
            [("NAME", 79), ("CB #", 77), ("ALIAS", 65), ("D.0.B.", 85), ("SEX", 36), ("aG", 78)],
            [("E", 24)],
            ["NAME", "CB", "#", "ALIAS", "D.O.B.", "SEX", "AG"],
        ),
        ([("NAME", 90), ("5EX", 90), ("D.O.B.", 90)], [], ["NAME", "SEX", "D.O.B."]),
        # Fewer than three labels in the row, or no label folded: as read.
        ([("NAME", 90), ("D.0.B.", 90)], [], ["NAME", "D.0.B."]),
        ([("NAME", 90), ("SEX", 90), ("D.O.B.", 90), ("aG", 90)], [], None),
        ([("NAME", 90), ("SEX", 90), ("D.O.B.", 90), ("Mx", 90)], [("E", 90)], None),
        # A long label one letter off, read unsure: the one label an edit makes.
        (
            [("CASE #", 63), ("REPORT DATE", 81), ("SUVENILE", 0), ("CLEARANCE", 67)],
            [],
            ["CASE", "#", "REPORT", "DATE", "JUVENILE", "CLEARANCE"],
        ),
        ([("CASE #", 63), ("REPORT DATE", 81), ("SUVENILE", 90), ("CLEARANCE", 67)], [], None),
        # ... read sure, if ten letters or more; and a label with a speck read as a
        # comma after it.
        (
            [("NO.", 90), ("CO-ARRESTER", 92), ("DOB", 90), ("ADDRESS", 90), ("PHONE,", 78)],
            [],
            ["NO.", "CO-ARRESTEE", "DOB", "ADDRESS", "PHONE"],
        ),
        ([("NAME", 90), ("DOB", 90), ("ADDRESS", 90), ("DOE,", 90)], [], None),
        # A short one with small letters in the row's capitals, however sure OCR was
        # (a header row prints no small letters); only in a row of labels.
        (
            [("cope", 67), ("NAME", 82), ("D.O.B.", 82), ("PHONE", 96)],
            [],
            ["CODE", "NAME", "D.O.B.", "PHONE"],
        ),
        (
            [("copE", 81), ("NAME", 82), ("D.O.B.", 82), ("PHONE", 96)],
            [],
            ["CODE", "NAME", "D.O.B.", "PHONE"],
        ),
        (
            [("cope", 91), ("NAME", 82), ("D.O.B.", 82), ("PHONE", 96)],
            [],
            ["CODE", "NAME", "D.O.B.", "PHONE"],
        ),
        ([("cope", 91), ("NAME", 82), ("D.O.B.", 82), ("with", 96)], [], None),  # a cell no label
        ([("COPE", 50), ("NAME", 82), ("D.O.B.", 82), ("PHONE", 96)], [], None),  # capitals, short
        # ... and only in a row of labels alone: beside a value it may be one.
        ([("NAME:", 90), ("DOE, J", 90), ("AGE:", 90), ("SUVENILE", 30), ("SEX:", 90)], [], None),
        ([("CASE #", 63), ("REPORT DATE", 81), ("SUVENXLE", 0), ("CLEARANCE", 67)], [], None),
    ],
)
def test_a_header_label_read_with_a_digit_or_small_letter_is_the_label(
    header: list[tuple[str, float]], below: list[tuple[str, float]], expected: list[str] | None
) -> None:
    words = _cells_line(*header)
    # The wrapped rest of a narrow header cell, right under its last cell.
    under = [
        _word(
            t,
            c,
            (100.0 + 300.0 * (len(header) - 1), 132.0, 130.0 + 300.0 * (len(header) - 1), 160.0),
            2,
        )
        for t, c in below
    ]
    got = [w.text for w in ocr_mod.correct_labels(words + under)][: len(words)]
    assert got == (expected if expected is not None else [w.text for w in words])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A street's "S" read as a dollar or section sign, between number and name.
        (["10208", "S$.", "Austin", "Ave"], "10208 S. Austin Ave"),
        (["10969", "$", "Cottage", "Grove"], "10969 S Cottage Grove"),
        (["of", "1372", "\u00a7.", "Oakley", "Ave,"], "of 1372 S. Oakley Ave,"),
        # An amount, or no street name after it: as read.
        (["paid", "$", "400", "bond"], "paid $ 400 bond"),
        (["1372", "$.", "and"], "1372 $. and"),
        # The number with its label glued on (cut from it too).
        (["RES:7630", "S$.", "SPAULDING", "AVE,"], "RES: 7630 S. SPAULDING AVE,"),
        (["RES:", "S$.", "SPAULDING"], "RES: S$. SPAULDING"),  # no number
        (["ADDR", "1504", "§s", "|", "ROCKWELL", "ST"], "ADDR 1504 S ROCKWELL ST"),
        # A direction read in small case; the street's name may open the next line.
        (["of", "4727", "w.", "|", "Touhy", "Ave.,"], "of 4727 W. Touhy Ave.,"),
        (["of", "2249", "w", "|", "Wabansia", "Ave"], "of 2249 W Wabansia Ave"),  # no stop
        (["RESIDENCE:", "3996", "Ss.", "Cottage", "Grove"], "RESIDENCE: 3996 S. Cottage Grove"),
        (["at", "3996", "S,", "Cottage", "Grove"], "at 3996 S. Cottage Grove"),
        (["at", "5", "p.", "Touhy"], "at 5 p. Touhy"),  # no direction
        (["4727", "w.", "and"], "4727 w. and"),  # no street name
        # ... before a street named by its number.
        (["ADDR", "2641", "s.", "49TH", "CT,"], "ADDR 2641 S. 49TH CT,"),
        (["at", "2641", "s.", "49", "CT"], "at 2641 s. 49 CT"),  # a number, no street
        # An A-number's last group with its 5 read as a sign, where it wraps.
        (["no.", "A", "261", "505", "|", "$19."], "no. A 261 505 519."),
        (["A261", "505", "\u00a719"], "A261 505 519"),
        (["paid", "261", "505", "$19."], "paid 261 505 $19."),  # no A before it
        # "A#" with its "#" read as a letter, before the first group and its hyphen.
        (["bore", "Ag", "236-", "|", "508-522."], "bore A# 236- 508-522."),
        (["bore", "Ai", "236-508-522."], "bore A# 236-508-522."),
        (["Ag", "236", "g"], "Ag 236 g"),  # no hyphen: as read
    ],
)
def test_a_street_direction_read_as_a_sign_is_an_s(words: list[str], expected: str) -> None:
    got = " ".join(w.text for w in ocr_mod.correct_labels(_wrapped_words(words, 60.0)))
    assert got == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # "NAME (LAST," with its " (L" read as a letter, or lost, first on its line.
        (["NAMEGAST,", "MCKINNEY,", "DeShawn"], "NAME (LAST, MCKINNEY, DeShawn"),
        (["NAMEAST,", "MARCHETTI.", "Giuseppina"], "NAME (LAST, MARCHETTI. Giuseppina"),
        (["WITNESS", "NAMEGAST,"], "WITNESS NAMEGAST,"),  # not first on its line
        (["NAMESAKE,", "Smith"], "NAMESAKE, Smith"),
    ],
)
def test_name_last_read_glued_is_the_label(words: list[str], expected: str) -> None:
    got = " ".join(w.text for w in ocr_mod.correct_labels(_wrapped_words(words, 50.0)))
    assert got == expected


def _wrapped_words(words: list[str], conf: float) -> list[ocr_mod.HocrWord]:
    """Words in a row, each 50 px wide; "|" ends the line: the words after it are
    on the next."""
    breaks = [k for k, w in enumerate(words) if w == "|"]
    return [
        _word(
            w,
            conf,
            (100.0 + 60.0 * k, 100.0, 150.0 + 60.0 * k, 128.0),
            1 + (k > breaks[0] if breaks else 0),
        )
        for k, w in enumerate(words)
        if w != "|"
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A month's name one letter off, before a day and a year.
        (["DOB", "Apiil", "24,", "1994", "age"], "DOB April 24, 1994 age"),
        (["DOB", "SEPTEMBEB", "3,", "1988"], "DOB SEPTEMBER 3, 1988"),
        (["Marsh", "24,", "1994"], "March 24, 1994"),
        (["Apiil", "24,", "|", "1994"], "Apiil 24, 1994"),  # the year on the next line
        (["Apiil", "showers"], "Apiil showers"),  # no date
        # A label glued to its value by a gap read too narrow: cut after its mark.
        (["NGOZI", "ADDR.205", "W.", "FOSTER"], "NGOZI ADDR. 205 W. FOSTER"),
        (["DOB:07/01/1990", "AGE"], "DOB: 07/01/1990 AGE"),
        (["IL18816790", "A1B.205", "Apt.4"], "IL18816790 A1B.205 Apt.4"),  # no label, no mark
        # DOB with its D read as a P: a date is no place of birth.
        (["ODALYS", "poB", "26", "JUL", "1986", "PH"], "ODALYS DOB 26 JUL 1986 PH"),
        (["P.O.B:", "07/01/1990"], "DOB: 07/01/1990"),
        (["POB", "JAN.", "4,", "1975"], "DOB JAN. 4, 1975"),
        # A place beside it, or the date on the next line: as read.
        (["POB", "LAGOS,", "NIGERIA"], "POB LAGOS, NIGERIA"),
        (["POB", "|", "26", "JUL", "1986"], "POB 26 JUL 1986"),
        # POB with its P read as an R, marked by its colon, before a place.
        (["ROB:", "Laredo,", "TX"], "POB: Laredo, TX"),
        (["ROB", "Laredo,", "TX"], "ROB Laredo, TX"),  # no colon: a name, maybe
        (["ROB:", "|", "Laredo"], "ROB: Laredo"),  # the place on the next line
        # A number label one letter off before its mark and its number: as printed.
        (["INO", "-", "15442145"], "IR NO - 15442145"),
        (["fr", "No", "-", "15442145"], "IR NO - 15442145"),
        (["CB", "N:", "61436243"], "CB NO: 61436243"),
        # Read right, or no number of the label's shape, or no mark: as read.
        (["Ir", "No", "-", "15442145"], "Ir No - 15442145"),
        (["INO", "-", "JONES"], "INO - JONES"),
        (["INO", "15442145"], "INO 15442145"),
        # Two labels as near ("SD NO": RD NO or SID NO): as read.
        (["SD", "NO", "-", "15442145"], "SD NO - 15442145"),
    ],
)
def test_a_misread_label_or_month_before_its_value_is_read_as_printed(
    words: list[str], expected: str
) -> None:
    got = " ".join(w.text for w in ocr_mod.correct_labels(_wrapped_words(words, 90.0)))
    assert got == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A label's colon read as a semicolon, before its value.
        (["D.O.B.;", "9/26/1971", "AGE;", "49"], "D.O.B.: 9/26/1971 AGE: 49"),
        # ... a longer label too, written as a label.
        (["Birthdate;", "Nov.", "13,", "1982"], "Birthdate: Nov. 13, 1982"),
        (["Employer;", "Acme"], "Employer: Acme"),
        # No label: as read.
        (["this;", "that"], "this; that"),
        (["his", "birthdate;", "he"], "his birthdate; he"),
        (["Birthdate;"], "Birthdate;"),  # nothing after it on its line
    ],
)
def test_a_label_colon_read_as_a_semicolon_is_a_colon(words: list[str], expected: str) -> None:
    line = [
        _word(w, 60.0, (100.0 + 90.0 * k, 100.0, 170.0 + 90.0 * k, 128.0), 1)
        for k, w in enumerate(words)
    ]
    got = " ".join(w.text for w in ocr_mod.correct_labels(line))
    assert got == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A row's type code at the start of its line, its digit misread or in small case.
        (["Wl", "-", "TKACHENKO,", "YULIIA"], "W1 - TKACHENKO, YULIIA"),
        (["wi", "LUNGU,", "ADRIAN"], "W1 LUNGU, ADRIAN"),
        (["Vi:", "OLVERA,", "EFRAIN", "ADDR"], "V1: OLVERA, EFRAIN ADDR"),
        (["VI:", "OLVERA,"], "VI: OLVERA,"),  # in capitals: as read
        (["Vi", "-", "OLVERA,"], "V1 - OLVERA,"),
        (["w2", "ZHENG,", "XIU"], "W2 ZHENG, XIU"),
        (["Vl:", "COLEMAN,", "IMANI"], "V1: COLEMAN, IMANI"),
        # A state, a numeral or a name; not at the line's start; before a small word: as read.
        (["WI", "SMITH"], "WI SMITH"),
        (["Vi", "NGUYEN"], "Vi NGUYEN"),
        (["MILWAUKEE,", "Wl", "CTZ"], "MILWAUKEE, Wl CTZ"),
        (["wi", "the"], "wi the"),
    ],
)
def test_a_row_code_read_with_a_letter_for_its_digit_is_the_code(
    words: list[str], expected: str
) -> None:
    line = [
        _word(w, 60.0, (100.0 + 60.0 * k, 100.0, 150.0 + 60.0 * k, 128.0), 1)
        for k, w in enumerate(words)
    ]
    got = " ".join(w.text for w in ocr_mod.correct_labels(line))
    assert got == expected


@pytest.mark.parametrize(
    "sentence",
    [
        ["the", "ace", "of", "spades"],
        # "P.O." misread, between words spaced wide (a justified line): still prose.
        ["assistance", "of", "P,O.", "Raymond", "Callahan"],
    ],
)
def test_a_misread_label_in_prose_is_left_as_read(sentence: list[str]) -> None:
    # Words of a sentence are no cells: a word space between them (here 0.8 of a
    # row height, wider than most).
    words = []
    x = 100.0
    for w in sentence:
        words.append(_word(w, 40.0, (x, 100.0, x + 14.0 * len(w), 128.0), 1))
        x += 14.0 * len(w) + 21.0
    assert [w.text for w in ocr_mod.correct_labels(words)] == sentence


def test_a_headers_hash_read_as_a_plus_is_a_hash() -> None:
    # "# | NAME | D.O.B." with its "#" read "+": a "+" alone in a cell on a line
    # with a label. Elsewhere ("2 + 2", a line of no label) it stays.
    header = _cells_line(("+", 80), ("NAME", 95), ("D.O.B.", 95), line=1, y=100.0)
    prose = _cells_line(("2", 90), ("+", 90), ("2", 90), line=2, y=140.0)
    assert [w.text for w in ocr_mod.correct_labels([*header, *prose])] == [
        "#", "NAME", "D.O.B.", "2", "+", "2",
    ]  # fmt: skip


def test_a_label_under_a_header_label_is_a_value_and_stays_as_read() -> None:
    # A grid: a row of labels, and under it the row of values.
    header = _cells_line(("CITIZENSHIP", 95), ("SEX", 95), line=1, y=100.0)
    values = _cells_line(("AGO", 40), ("M", 90), line=2, y=140.0)
    assert [w.text for w in ocr_mod.correct_labels([*header, *values])][1:] == ["SEX", "AGO", "M"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A VIN with O for 0 and a space OCR put inside it, with no cue: the check digit decides.
        ("towed the vehicle (VIN JTDTOMY 1990052807) to Pound 2.", "JTDTOMY 1990052807"),
        ("a green 2008 Chevrolet (2C3XJ 09N58T444221). He was", "2C3XJ 09N58T444221"),
        ("vehicle VIN 4T1 VRYLY3FB717237 INVENTORIED", "4T1 VRYLY3FB717237"),
        # 17 characters with a wrong check digit and no cue: no VIN.
        ("reference 2C3XJ09N58T444229 filed", None),
        # ... nor words whose O's fold to zeros, with a right check digit by chance.
        ("Arrestee ARREDONDO SANDOVAL, Braulio was", None),
        # An A-number whose digits OCR grouped unevenly.
        ("He gave A 2123 45678 as his number", "A 2123 45678"),
        ("Apt 2123 45678", None),
        ("alien registration no. A 294'196 179. He", "A 294'196 179"),  # a speck for a space
        ("BEARS THE NUMBER A 245 165) 734. HE", "A 245 165) 734"),  # a speck read as ")"
        ("A 2123 456 7890", None),  # ten digits: a phone, not an A-number
        # The "A" ends its line and the digits open the next, a speck read as a digit.
        ("bears the number A\n215.2997-022.. He", "A\n215.2997-022"),
        ("Plan A\n2024 was", None),  # four digits: no A-number
        # A licence number with a space OCR put inside a group.
        ("IL TVDL no. J170-1 124-2100. IR no. 1087167", "J170-1 124-2100"),
        ("DL F446 4627 3693 (IL)", None),  # grouped as printed: detection's
        # Its letter O read as a zero: grouped 4-4-4, or twelve digits after a cue.
        ("DL#: 0929-9796-0687 ST: IL", "0929-9796-0687"),
        ("ID#: 057070222219 ST: IL", "057070222219"),
        ("ref 057070222219 filed", None),  # no cue: twelve digits are no licence
        # Its S read as "$", its groups spaced; the cue may say "no.".
        ("telephone (312) 265-5711. IL DL no. $313 0105 0380. IR no. 1", "$313 0105 0380"),
        ("paid $313 0105 0380 in fines", None),  # no cue: money
        # Its letter lost (3-4-4), after a cue only.
        ("DRIVER'S LIC. NO. 746 1645 0478 (FEDERAL", "746 1645 0478"),
        ("DL# 123-4567-8901 ST: IL", "123-4567-8901"),
        ("ref 746 1645 0478 filed", None),
        ("DL NO. 746 1645 04781", None),  # more digits: no licence
    ],
)
def test_ocr_identifiers_read_as_ocr_garbles_them(line: str, expected: str | None) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, [80.0] * len(page.words))
        if v.category in (Category.VEHICLE, Category.A_NUMBER, Category.DRIVERS_LICENSE)
    ]
    assert found == ([] if expected is None else [expected])
    # Text-layer words (confidence 100) are detection's alone.
    assert ocr_mod.uncertain_label_values(page, [100.0] * len(page.words)) == []


@pytest.mark.parametrize(
    ("lines", "category", "expected"),
    [
        # An A-number after words that name one, its "A" dropped or misread by OCR,
        # its groups spaced: on the line, or at the start of the next.
        (
            ["An ICE detainer lists her A-number as", "213322363. As identification she"],
            Category.A_NUMBER,
            ["213322363"],
        ),
        (["ALIEN REG 268 135 441 ST: IL"], Category.A_NUMBER, ["268 135 441"]),
        (["Papers bore Alien Reg. 4268135441 and"], Category.A_NUMBER, ["4268135441"]),
        (["A-FILE: 0268135441"], Category.A_NUMBER, ["0268135441"]),
        (["lives at Apt 2123 45678"], Category.A_NUMBER, []),  # no cue
        (["A-NUMBER as 2123"], Category.A_NUMBER, []),  # too few digits
        # "A#" with its "#" read as a thin letter, before the dashed 3-3-3 shape.
        (["in her possession bore Ai 067-676-787. As"], Category.A_NUMBER, ["067-676-787"]),
        (["FILE A| 212-345-678"], Category.A_NUMBER, ["212-345-678"]),
        (["bore Ai 067-676-7877 and"], Category.A_NUMBER, []),  # not the shape
        (["possession bore Af 245-789-680. He"], Category.A_NUMBER, ["245-789-680"]),
        (["bore Ai 067 676 787 and"], Category.A_NUMBER, []),  # undashed: no cue
        (["Mai 067-676-787"], Category.A_NUMBER, []),  # inside a word
        # A phone number or e-mail address with a space OCR put inside it.
        (["Notified: Sister at 630.450.61 13, who will"], Category.PHONE, ["630.450.61 13"]),
        (["CONTACT NO.: (224)899-98 12"], Category.PHONE, ["(224)899-98 12"]),
        (["FATHER: TENZIN PH 708 365 :2533"], Category.PHONE, ["708 365 :2533"]),  # a speck
        # Its first 8 read as a mark or a letter.
        (["Gorecki CONTACT NO.: &72 828 7956"], Category.PHONE, ["&72 828 7956"]),
        (["PHONE e72 722 1334 EYES"], Category.PHONE, ["e72 722 1334"]),
        (["he had e72 722 1334x"], Category.PHONE, []),
        (["at 2 15 people in 2020"], Category.PHONE, []),
        (
            ["E-MAIL - dariuspaulauskas @icloud.com"],
            Category.EMAIL,
            ["dariuspaulauskas @icloud.com"],
        ),
        (["EMAIL: RMACARAEG3 9@PROTON . ME POB: X"], Category.EMAIL, ["RMACARAEG3 9@PROTON . ME"]),
        (["EMAIL: arnel.tan89@out look.com"], Category.EMAIL, ["arnel.tan89@out look.com"]),
        (["mail j.doe@gmail.com ok"], Category.EMAIL, []),  # read whole: detection's
        # A licence number's letter read as a digit, after a licence cue only.
        (
            ["BOOKING NO - 11001474 DL # - 2441-4821-7994"],
            Category.DRIVERS_LICENSE,
            ["2441-4821-7994"],
        ),
        (["ref 2441-4821-7994 x"], Category.DRIVERS_LICENSE, []),
        # The cue at the end of the line before.
        (
            ["He carried an Illinois driver's license", "no. $923-2970-0888. SSN 1"],
            Category.DRIVERS_LICENSE,
            ["$923-2970-0888"],
        ),
        (
            ["He carried an Illinois card", "no. $923 2970 0888. SSN 1"],
            Category.DRIVERS_LICENSE,
            [],
        ),
        # A VIN with a speck read as a mark inside it (valid check digit once dropped).
        (
            ["a black 2014 Nissan Altima (VIN KNADFATMIEW$858969). Ms."],
            Category.VEHICLE,
            ["KNADFATMIEW$858969"],
        ),
        (["ref KNADFATMIEW$858968 x"], Category.VEHICLE, []),
        # Right after "VIN", a glyph OCR added (18 characters): still the VIN.
        (
            ["The vehicle (VIN 1G14 FHLXY8CY229069) was towed"],
            Category.VEHICLE,
            ["1G14 FHLXY8CY229069"],
        ),
        (["ref 1G14 FHLXY8CY229069 x"], Category.VEHICLE, []),  # no cue
        # An IR label with its "I." misread.
        (["PASSPORT: Y2377417 (IND) LR. #: 9968914"], Category.IR_NUMBER, ["9968914"]),
        (["TRNO. 38948028 SENG! 48077562"], Category.IR_NUMBER, ["38948028"]),
        (["CLR # 1234567"], Category.IR_NUMBER, []),
        (["assigned IR no, 2630062. He"], Category.IR_NUMBER, ["2630062"]),
        (["FBI # - 9016276CZ6 Tr No - 906419"], Category.IR_NUMBER, ["906419"]),
        # An SSN after the short label SOC as OCR reads it; a "SOC. SEC." label's other value.
        (["Soc: 600461183"], Category.SSN, ["600461183"]),
        (["S0C # - 563 75 4665 x"], Category.SSN, ["563 75 4665"]),
        (["HO18-6010-0784 IL soc - 564792158"], Category.SSN, ["564792158"]),
        (["SOC. SEC. # 22 BLK"], Category.SSN, []),
        (["soccer 600461183"], Category.SSN, []),
        # A scar, mark or tattoo whose dash OCR lost, or read as a column gap.
        (["SMT: TAT R SHOULDER FEATHER"], Category.PHYSICAL_MARKS, ["TAT R SHOULDER FEATHER"]),
        (["SMT: TAT R SHOULDER\tFEATHER"], Category.PHYSICAL_MARKS, ["TAT R SHOULDER\tFEATHER"]),
        (
            ["TAT L CALF\tSCRIPT 'LOYALTY'\tArabic, LEP - interpreter used"],
            Category.PHYSICAL_MARKS,
            ["TAT L CALF\tSCRIPT 'LOYALTY'"],
        ),
        (
            ["SCARS: SC L CHEEK, TAT R ARM ROSE; MOLE"],
            Category.PHYSICAL_MARKS,
            ["TAT R ARM ROSE"],
        ),
        (["SMT: TAT R SHOULDER - FEATHER"], Category.PHYSICAL_MARKS, []),  # detection's
        (["TAT R ARM AGE 22"], Category.PHYSICAL_MARKS, []),  # the next label
        (["SC L CHEEK\tEYES: BRO"], Category.PHYSICAL_MARKS, []),
        # A phone number wrapped at a line's end with a dash read as "=".
        (
            ["BY TELEPHONE AT 630-=", "760-7111. HE WAS"],
            Category.PHONE,
            ["630-=\n760-7111"],
        ),
        (["ADDR 4731 W. 47TH ST. PH 1=331=", "688-8459"], Category.PHONE, ["1=331=\n688-8459"]),
        (["call 630-", "760-7111 ok"], Category.PHONE, []),  # read right: detection's
        (["in 1998 =", "760-7111 ok"], Category.PHONE, []),
        (["ADDR 6979 S. 49TH CT PH 1=312-366-=", "0034"], Category.PHONE, ["1=312-366-=\n0034"]),
        (["ADDR 6979 S. 49TH CT PH 1-312-366-", "0034"], Category.PHONE, []),  # no "="
        # Its "+1" with the 1 misread, at a line's end or beside the number.
        (
            ["Apt 1N, Chicago, IL 60625, phone +E", "708-703-7277, was"],
            Category.PHONE,
            ["+E\n708-703-7277"],
        ),
        (["by telephone at +! 331-290-4363, who"], Category.PHONE, ["+! 331-290-4363"]),
        (["total +E 331-290-43633"], Category.PHONE, []),
        # Misread number labels and separators.
        (["FINGERPRINTED AND ASSIGNED IR NQ. 7568124."], Category.IR_NUMBER, ["7568124"]),
        (["STATE ID (SID): 1169310187\tIR #: 53959153"], Category.SID_NUMBER, ["1169310187"]),
        (["He was fingerprinted and assigned IR no. §22373."], Category.IR_NUMBER, ["§22373"]),
        (["STATE ID (SID): 1159228007\tTLR. #: 16055629"], Category.IR_NUMBER, ["16055629"]),
        (["CB # - 61018679\tLLR. # - 6337923"], Category.IR_NUMBER, ["6337923"]),
        (["KWABENA DOB 12-NOV-1976 CBH 34827375 ADDR 9460"], Category.CB_NUMBER, ["34827375"]),
        # "CB NO." with its space lost and a speck read in it, or its O lost.
        (["CBINO, 96256728 ALIAS / NICKNAME Sasha"], Category.CB_NUMBER, ["96256728"]),
        (["EYES / HAIR BLK / BLN CBN. 46116184"], Category.CB_NUMBER, ["46116184"]),
        (["CBINO, 9625672 ALIAS"], Category.CB_NUMBER, []),  # seven digits: no CB number
        # A space read among its eight digits.
        (["Arrestee: BECERRA, JUAN (CB 182021 13)"], Category.CB_NUMBER, ["182021 13"]),
        (["CB 182021 1 and 3"], Category.CB_NUMBER, []),
        (["ASSIGNED IR NC. 4390680."], Category.IR_NUMBER, ["4390680"]),
        (["He was assigned no. 522373."], Category.IR_NUMBER, []),
        (["ID#:T474-7846-4951 IL SOC:659=75-9317"], Category.SSN, ["659=75-9317"]),
        # Its area code's "(" lost, or wrapped after the area code in parentheses.
        (["Boe 58\tsuo 847) 543-6023\tRELATIONSHIP"], Category.PHONE, ["847) 543-6023"]),
        (["ADDR 550 W. 31ST ST PH (708)", "404-3687"], Category.PHONE, ["(708)\n404-3687"]),
        (["(847) 543-6023"], Category.PHONE, []),  # whole: detection's
        (["case 2847) 543-6023"], Category.PHONE, []),
        (["by telephone at 630,860.1825. She"], Category.PHONE, ["630,860.1825"]),
        (["paid 1,630,860.18 in"], Category.PHONE, []),
        # An address with its comma read as a full stop, or its state garbled.
        (
            ["Witness E. A., of 4672 N. Kildare Ave. Chicago, IL 60634. was"],
            Category.ADDRESS,
            ["4672 N. Kildare Ave. Chicago, IL 60634"],
        ),
        (
            ["who resides at 602 W. Addison St, Apt", "204, Chicago, Ik 60616. He was"],
            Category.ADDRESS,
            ["602 W. Addison St, Apt\n204, Chicago, Ik 60616"],
        ),
        (
            ["W1: SOKOLOV, YURII ADDR 7194 147TH ST, FRANKLIN PARK, IL, 60131 PH"],
            Category.ADDRESS,
            ["7194 147TH ST, FRANKLIN PARK, IL, 60131"],
        ),
        (
            ["who resides at 9001 River Rd, Unit 3;", "Berwyn, IL 60402. He was"],
            Category.ADDRESS,
            ["9001 River Rd, Unit 3;\nBerwyn, IL 60402"],
        ),
        (["ADDR 7194 147TH ST, FRANKLIN PARK, IL 60131 PH"], Category.ADDRESS, []),  # as printed
        (
            ["DOB 22 Feb 1945, of 10762 5 Ridgeway Ave, Chicago, IL 60617, phone"],
            Category.ADDRESS,
            ["10762 5 Ridgeway Ave, Chicago, IL 60617"],
        ),
        (
            ["who resides at 4911 W 38th PI, Chicago, IL 60607. She"],
            Category.ADDRESS,
            ["4911 W 38th PI, Chicago, IL 60607"],
        ),
        (
            ["of 1902 W. Berteau Ave, Apt 1, Chicago, !L 60624, phone"],
            Category.ADDRESS,
            ["1902 W. Berteau Ave, Apt 1, Chicago, !L 60624"],
        ),
        (["lives at 602 W. Addison St, Apt 2, Chicago, IL 60616."], Category.ADDRESS, []),
        # "CTZ" with its "TZ" read as one glyph, before a separator only.
        (["HGT 5'09\tCI4 = U.s."], Category.NATIONALITY, ["U.s."]),
        (["a CI4 ENGINE"], Category.NATIONALITY, []),
        (["TAT L CALF\tSCRIPT Arabic\tused"], Category.PHYSICAL_MARKS, []),
        # A state ID with its "IL" read "1L", a space among its digits.
        (["B933-3420-9139. SID 1L8034581 1. Scars"], Category.SID_NUMBER, ["1L8034581 1"]),
        (["SID 1L1234 in"], Category.SID_NUMBER, []),
        # ... and bare, as the Illinois format stands alone ("IL" and 8 digits).
        (["1L69340045"], Category.SID_NUMBER, ["1L69340045"]),
        (["of 1L30462455. Also known as"], Category.SID_NUMBER, ["1L30462455"]),
        (["1L693400451"], Category.SID_NUMBER, []),  # nine digits
        (["1X69340045"], Category.SID_NUMBER, []),
        # A date of birth with a space read inside it, after its cue.
        (["Witness Joel Dizon, DOB 12-OCT-1 961, phone"], Category.DATE_OF_BIRTH, ["12-OCT-1 961"]),
        (["HECTOR, M/WWH, DOB 09/1 2/1989 age 27"], Category.DATE_OF_BIRTH, ["09/1 2/1989"]),
        (["D.O.B.: 1989-04 -21 and"], Category.DATE_OF_BIRTH, ["1989-04 -21"]),
        (
            ["CO-ARRESTEE: Panagiotis CB NO. 58569679 DOB 26-dUL 1972"],
            Category.DATE_OF_BIRTH,
            ["26-dUL 1972"],
        ),
        (["DOB 18 -FEB 1998"], Category.DATE_OF_BIRTH, ["18 -FEB 1998"]),
        (["DOB 18 -FEB 3998"], Category.DATE_OF_BIRTH, []),  # no year
        (["DOB 41 -FEB 1998"], Category.DATE_OF_BIRTH, []),  # no day
        (["DOB 12/15/1974 34"], Category.DATE_OF_BIRTH, []),
        # A date beside an AGE that it is the age at, its label garbled past reading.
        (["EASE bee ere\t27 Feb 2001\t:\tAGE 24"], Category.DATE_OF_BIRTH, ["27 Feb 2001"]),
        (["DATE OF ARREST\t27 Feb 2021\tAGE 24"], Category.DATE_OF_BIRTH, []),
        (["DOB 12/15/1974 and 5"], Category.DATE_OF_BIRTH, []),  # whole: detection's
        (["CASE 12/15/1 974, of"], Category.DATE_OF_BIRTH, []),  # no DOB cue
        (["SINDY ROSIBEL (DOB 12-20-", "1975), OF 8392"], Category.DATE_OF_BIRTH, ["12-20-\n1975"]),
        # A licence number with its letter in small case, grouped as printed.
        (["PRIVER'S MIC.\tp688-5371-9479\tLes"], Category.DRIVERS_LICENSE, ["p688-5371-9479"]),
        (["ref p6885-371-9479 x"], Category.DRIVERS_LICENSE, []),
        # ... or with a zero among its digits read as the letter O.
        (["Il DI: BO3869208504\tFbi No"], Category.DRIVERS_LICENSE, ["BO3869208504"]),
        (["ID B038-6920-85O4 x"], Category.DRIVERS_LICENSE, ["B038-6920-85O4"]),
        (["BOO869208504 BO386920850 BOOK"], Category.DRIVERS_LICENSE, []),
        # An FBI number after its label misread.
        (["IL PBI#: 419442025 SID#"], Category.FBI_NUMBER, ["419442025"]),
        # An FBI number's shape alone, its label garbled past reading.
        (["PRIVER'S MIC.\tD688-5371-9479\tLes\t4094638SD8"], Category.FBI_NUMBER, ["4094638SD8"]),
        (["Les 4094638SDX or 40946SD8"], Category.FBI_NUMBER, []),
        (["EBI NOTIFIED"], Category.FBI_NUMBER, []),
        # A licence plate after a plate cue, garbled: a space inside a group, a speck
        # read as a mark, a small letter, "$" for S and "Q" for a zero, "LP#" read "LPH".
        (["The vehicle, IL registration PR 941 50, was released"], Category.VEHICLE, ["PR 941 50"]),
        (["(IL PLATE 717) 0257, VIN"], Category.VEHICLE, ["717) 0257"]),
        (["VEH:MAROON 2006 GMC SIERRA LP#:Dd 01692 IL"], Category.VEHICLE, ["Dd 01692"]),
        (["VEH: GRAY 2015 DODGE LPH 7720257 1b"], Category.VEHICLE, ["7720257"]),
        (["plate X$ 4Q123 ok"], Category.VEHICLE, ["X$ 4Q123"]),
        (["alien registration no. 212 345 678"], Category.VEHICLE, []),  # an A-number
        (["registration expired in 2019 and"], Category.VEHICLE, []),
        # A passport number after "PPT" and its country, on the next line, letter dropped.
        (["He identified himself with PPT MEX.", "19626538. As"], Category.PASSPORT, ["19626538"]),
        # A visa foil number after its cue, letters read for its digits.
        (["VISA FOIL NO. PI15S3511\tEMPLOYER"], Category.VISA, ["PI15S3511"]),
        (["VISA FOIL NO. PENDING"], Category.VISA, []),
        (["VISA FOIL NO. PENDING1 and"], Category.VISA, []),  # one digit, read with confidence
        # With a letter at its end, or one OCR added.
        (["He produced PPT PHL. K7359384R."], Category.PASSPORT, ["K7359384R"]),
        # The cue ends its line, the code opens the next, a space read inside the number.
        (
            ["As identification she presented PPT", "MEX M191 14480. She"],
            Category.PASSPORT,
            ["M191 14480"],
        ),
        (["presented PPT", "MEX 12 34. She"], Category.PASSPORT, []),  # four digits
        (["She produced PPT MEX S1 9323147. She"], Category.PASSPORT, ["S1 9323147"]),
        # "NUMBER" with a thin mark read inside it.
        (["returned his file (A-Numiber: 201637212). He"], Category.A_NUMBER, ["201637212"]),
        (["PPT#:PHL VO951664XX H-2B"], Category.PASSPORT, ["VO951664XX"]),
        # An FBI number's letters in small case; a licence's S read "$" (no cue
        # needed when dashed as printed); a speck read before a licence, after its cue.
        (["(CB # - 89051419 FBI # - 5627652Dx5"], Category.FBI_NUMBER, ["5627652Dx5"]),
        (["$375-9264-9878/IL"], Category.DRIVERS_LICENSE, ["$375-9264-9878"]),
        (["$375 9264 9878 paid"], Category.DRIVERS_LICENSE, []),
        (["IL DL no. 7Z809-9321-7556. IR no."], Category.DRIVERS_LICENSE, ["7Z809-9321-7556"]),
        (["paid 7Z809-9321-7556 x"], Category.DRIVERS_LICENSE, []),
        (["PPT# - MEX \u00a532284619"], Category.PASSPORT, ["\u00a532284619"]),
    ],
)
def test_more_identifiers_read_as_ocr_garbles_them(
    lines: list[str], category: Category, expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, [80.0] * len(page.words))
        if category is None or v.category is category
    ]
    assert found == expected
    # Text-layer words (confidence 100) are detection's alone.
    assert ocr_mod.uncertain_label_values(page, [100.0] * len(page.words)) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A bare STATUS marked as a label, and IMM STAT: an immigration status.
        (
            ["LANG: TELUGU (INTERPRETER NEEDED)\tSTATUS: PAROLED (CBP ONE)"],
            {(Category.IMMIGRATION_STATUS, "PAROLED (CBP ONE)")},
        ),
        (["MARITAL STATUS: SINGLE\tIMM STAT - DACA"], {(Category.IMMIGRATION_STATUS, "DACA")}),
        (["Status - EWI"], {(Category.IMMIGRATION_STATUS, "EWI")}),
        # Another status, or STATUS as a column of a table (no mark): not one.
        (["Case Status: open"], set()),
        (["INVENTORY #\tDESCRIPTION\tSTATUS", "1234\tkeys\tRETURNED"], set()),
        # A passport's country at the end of the line, with a full stop after it.
        (
            ["He identified himself with PPT MEX.", "As identification"],
            {(Category.NATIONALITY, "MEX")},
        ),
    ],
)
def test_a_status_label_or_a_passport_country_as_ocr_reads_it(
    lines: list[str], expected: set[tuple[Category, str]]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    found = {
        (v.category, page.text[v.start : v.end])
        for v in ocr_mod.uncertain_label_values(page, [80.0] * len(page.words))
    }
    assert found == expected


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        ("IR#", "-—", "-"),
        ("IR#", "—", "-"),
        ("IR#", "--", "-"),
        ("IR#", "=–", "-"),
        ("IR#", "-", "-"),
        # A lone "=" right after a label ("DATE OF BIRTH = 09-21-1996") too.
        ("IR#", "=", "-"),
        ("DATE OF BIRTH", "=", "-"),
        ("QTY", "=", "="),  # after no label: one mark of another kind, as read
        ("DATE OF BIRTH", "\u00a7", "-"),
    ],
)
def test_a_dash_run_between_label_and_value_is_a_hyphen(
    label: str, text: str, expected: str
) -> None:
    line = _cells_line((f"{label} {text} 6262081", 96))
    got = [w.text for w in ocr_mod.correct_labels(line)]
    assert got == [*label.split(), expected, "6262081"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["he", "isa", "DACA", "recipient."], ["he", "is", "a", "DACA", "recipient."]),
        (["she", "wasan", "overstay"], ["she", "was", "an", "overstay"]),
        (["by", "DHS", "witha", "Notice"], ["by", "DHS", "with", "a", "Notice"]),
        (["he", "has-an", "asylum"], ["he", "has", "an", "asylum"]),  # the dash dropped
        (["onan", "H-2B"], ["on", "an", "H-2B"]),
        (["SHE", "ISA", "DACA"], ["SHE", "IS", "A", "DACA"]),  # capitals, after a subject
        (["SHE", "Isa", "PAROLEE."], ["SHE", "Is", "a", "PAROLEE."]),  # capitalised
        (["Maria", "Isa", "Lopez"], ["Maria", "Isa", "Lopez"]),  # no subject in capitals
        (["WITNESS", "ISA", "MORALES"], ["WITNESS", "ISA", "MORALES"]),  # a name
        # "born" with its "n" read as "ri" or its "rn" as "m", before "in".
        (["he", "was", "borri", "in", "San"], ["he", "was", "born", "in", "San"]),
        (["BOM", "IN", "MEXICO"], ["BORN", "IN", "MEXICO"]),
        (["bom", "dia"], ["bom", "dia"]),
        (["Isa", "Lopez"], ["Isa", "Lopez"]),  # a name, in capitals
        (["Hasan", "with-"], ["Hasan", "with-"]),
        (["anyhow,", "ashen"], ["anyhow,", "ashen"]),
        (["visa", "no."], ["visa", "no."]),
        # "no" after a verb, a dash read between them; "born" with its b read p.
        (["he", "has-no", "immigration"], ["he", "has", "no", "immigration"]),
        (["he", "was", "porn", "in", "Lahore"], ["he", "was", "born", "in", "Lahore"]),
        (["the", "porn", "in", "it"], ["the", "porn", "in", "it"]),
        # An age glued to its cue by a mark.
        (["DOB", "1995-12-17,", "age.28,", "of"], ["DOB", "1995-12-17,", "age", "28,", "of"]),
        (["page.28"], ["page.28"]),
        # "in" glued to the place by a dash, after "born".
        (["was", "born", "in-San", "Pedro"], ["was", "born", "in", "San", "Pedro"]),
        (["a", "check", "in-San", "Pedro"], ["a", "check", "in-San", "Pedro"]),
        # A speck read as a dash after a comma goes; a dash that is one stays.
        (["BORN", "IN", "LAREDO,-", "TX."], ["BORN", "IN", "LAREDO,", "TX."]),
        (["N,-", "5,-", "-"], ["N,-", "5,-", "-"]),
        # ... and a full stop after a day before its month.
        (["BIRTHDATE:", "11.", "January", "1995"], ["BIRTHDATE:", "11", "January", "1995"]),
        (["on", "page", "11.", "Then"], ["on", "page", "11.", "Then"]),
        # A space read as a mark before a short word, in small letters.
        (["an", "anchor.on", "the", "face."], ["an", "anchor", "on", "the", "face."]),
        (["both", "hands.on."], ["both", "hands", "on."]),
        (["mail", "ana.ruiz@yahoo.com"], ["mail", "ana.ruiz@yahoo.com"]),
        (["www.chicago.gov", "site"], ["www.chicago.gov", "site"]),
        (["ANCHOR.ON", "THE"], ["ANCHOR.ON", "THE"]),  # capitals: a code, maybe
        # A house number glued to its street's direction by a speck.
        (["ADDR:", "2948.E.", "79TH", "ST"], ["ADDR:", "2948", "E.", "79TH", "ST"]),
        (["at", "2948,N", "Kedzie"], ["at", "2948", "N", "Kedzie"]),
        (["rate", "1.5", "pct"], ["rate", "1.5", "pct"]),
    ],
)
def test_a_verb_glued_to_its_article_is_parted(words: list[str], expected: list[str]) -> None:
    got = ocr_mod.correct_labels(_sure_line(words))
    assert [w.text for w in got] == expected
    assert all(len(w.chars) == len(w.text) for w in got)


def _sure_line(words: list[str]) -> list[ocr_mod.HocrWord]:
    """One OCR line of `words` read sure, each a cell of its own, 30 px a letter."""
    return [
        _word(t, 90.0, (100.0 + 400.0 * k, 100.0, 100.0 + 400.0 * k + 30.0 * len(t), 128.0), 1)
        for k, t in enumerate(words)
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A capital E before a number's digits read as a pound sign, or as both.
        (["PPT#:", "MEX", "£13342517"], ["PPT#:", "MEX", "E13342517"]),
        (["PPT", "MEX", "E£13342517.", "A"], ["PPT", "MEX", "E13342517.", "A"]),
        # ... and a Y as both a Y and a yen sign (alone, a yen sign may be a "#").
        (["no.", "Y¥50507612.", "She"], ["no.", "Y50507612.", "She"]),
        (["CB", "¥50507612"], ["CB", "¥50507612"]),
        # Not before a short amount, nor inside a word, nor a second E.
        (["FINE", "£500"], ["FINE", "£500"]),
        (["X£13342517", "EE£13342517"], ["X£13342517", "EE£13342517"]),
    ],
)
def test_a_pound_sign_before_a_numbers_digits_is_its_e(
    words: list[str], expected: list[str]
) -> None:
    line = _sure_line(words)
    got = ocr_mod.correct_labels(line)
    assert [w.text for w in got] == expected
    assert all(len(w.chars) == len(w.text) for w in got)
    # The E stands over both glyphs' ink where both were read.
    for before, after in zip(line, got, strict=True):
        if before.text.startswith(("E£", "Y¥")):
            assert after.chars[0] == (before.chars[0][0], 100.0, before.chars[1][2], 128.0)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A label marked by its colon with a digit read for a letter.
        ("D.0.B.: 10 Nov 1991", "D.O.B.: 10 Nov 1991"),
        ("D,O.B.: 05/07/1982", "D.O.B.: 05/07/1982"),
        ("ST,LOUIS: 12", "ST,LOUIS: 12"),  # no label
        ("5EX: M", "SEX: M"),
        ("CB\u00a5 56846146", "CB# 56846146"),
        ("JPY\u00a5 400", "JPY\u00a5 400"),
        ("CB\u00a3 56846146", "CB# 56846146"),
        ("BOOKING \u00a3", "BOOKING #"),
        # A month with a zero for its O, beside a number.
        ("DOB:0CT. 28, 1988", "DOB: OCT. 28, 1988"),  # (the label cut from it)
        ("DOB 12-0CT-1961", "DOB 12-OCT-1961"),
        ("born 4 N0v 1990", "born 4 Nov 1990"),
        # The passport cue with its T read as I and its "#" as t.
        ("PPIt: GTM 111798512", "PPT#: GTM 111798512"),
        ("PP1: MEX", "PPT: MEX"),
        # A country's capital I read in small case.
        ("from india.", "from India."),
        ("lreland", "Ireland"),
        ("(indian).", "(Indian)."),  # a nationality's
        ("indigo", "indigo"),  # no country
        # Any word's capital I read as a small l before a consonant.
        ("CO-ARRESTEE: lbrahima Fofana", "CO-ARRESTEE: Ibrahima Fofana"),
        ("lsmael's", "Ismael's"),
        ("lt was", "It was"),
        # "ll" and "ly" start English words: as read.
        ("llama lying lyer", "llama lying lyer"),
        # ... but after "born in" a place's capital I: any small l before small letters.
        ("he was born in lloilo City,", "he was born in Iloilo City,"),
        ("born in Ilagan and lloilo", "born in Ilagan and lloilo"),  # not right after
        # A word's last small l read as a 1, after four small letters or more.
        ("born in Ciudad Nezahualcéyot1, Mexico", "born in Ciudad Nezahualcéyotl, Mexico"),
        ("Apt1 Unit1 abc1 A1", "Apt1 Unit1 abc1 A1"),
        ("180 lbs.", "180 lbs."),
        # A small l among capitals ("(EWl)," for the acronym EWI); one capital: a word.
        ("without inspection (EWl),", "without inspection (EWI),"),
        ("ALl CBl: Al", "ALI CBI: Al"),
        # An accented I read as a brace inside a word; a brace elsewhere: as read.
        ("Arrestee: MEJ{A OLVERA, FIDEL", "Arrestee: MEJIA OLVERA, FIDEL"),
        ("Mr. Garc}a", "Mr. Garcia"),
        ("{A} MEJ{ a{B", "{A} MEJ{ a{B"),
        # A phone's bracket read as a brace.
        ("at (630}582-7778, who", "at (630)582-7778, who"),
        ("at {630)582-7778", "at (630)582-7778"),
        # A date's leading 0 read as a bracket nothing closes.
        ("Mahmoud, DOB (3-09-1961, of", "Mahmoud, DOB 03-09-1961, of"),
        ("seen (3-09-1961)", "seen (3-09-1961)"),  # closed: a bracket
        # No label as folded, no number beside it: as read.
        ("R2D2: M", "R2D2: M"),
        ("PPIt", "PPIt"),  # no colon: no label's place
        ("CALL 0CT. SOON", "CALL 0CT. SOON"),
        # A month's full stop read as a comma, before its day; before a year: as read.
        ("DOB MAR, 25, 1986", "DOB MAR. 25, 1986"),
        ("DOB Sept, 9 1986", "DOB Sept. 9 1986"),
        ("in MAR, 2019 he", "in MAR, 2019 he"),
        # A numbered street's Pl. read "PI.", and an S for a 5 in its number.
        ("of 2915 W. 38th PI., phone", "of 2915 W. 38th Pl., phone"),
        ("at 589 W 5Sth St,", "at 589 W 55th St,"),
        ("AT 1044 W. SSTH ST. APT", "AT 1044 W. 55TH ST. APT"),  # every digit an S
        # A street's kind in small letters after a numbered street; after a word: as read.
        ("at 6373 W. 55th st. He", "at 6373 W. 55th St. He"),
        ("at 6373 W. 55th ave, and", "at 6373 W. 55th Ave, and"),
        ("in the first st. of", "in the first st. of"),
        ("AT 1044 W. SSTH AND", "AT 1044 W. SSTH AND"),  # no street after it
        ("THE SSTH ST.", "THE SSTH ST."),  # no direction before it
        ("Det. PI. Smith", "Det. PI. Smith"),  # no street number before it
        (
            "of 943 W. 63rd St, 2nd FI, Chicago, !L 60622,",
            "of 943 W. 63rd St, 2nd Fl, Chicago, IL 60622,",
        ),
        ("at 1786 W 5ist St,", "at 1786 W 51st St,"),
        # A speck read as a colon or a full stop after a house number, before the
        # direction; after an age, before its unit.
        ("age 24, of 578: S", "age 24, of 578 S"),
        ("at 1044; W. 55TH", "at 1044 W. 55TH"),
        ("of 1614. N Drake Ave", "of 1614 N Drake Ave"),
        ("Elzbieta (47. y/o), of", "Elzbieta (47 y/o), of"),
        ("Elzbieta 47, yo", "Elzbieta 47 yo"),
        ("in 2019. Then", "in 2019. Then"),
        ("age 47. He", "age 47. He"),
        ("TIME: 1430: Nothing", "TIME: 1430: Nothing"),  # no direction after it
        ("CASE: 578:", "CASE: 578:"),
        ("ADDR 4815 N. 257H AVE,", "ADDR 4815 N. 25TH AVE,"),
        ("ADDR 4815 N. 217H AVE,", "ADDR 4815 N. 217H AVE,"),  # 21TH is no ordinal
        ("grade !L 6", "grade !L 6"),  # no ZIP code after it
        # A passport number's S read "$" after its "no."; an amount stays one.
        ("passport no. $79980229.", "passport no. S79980229."),
        ("bond $10000000.", "bond $10000000."),
        # The S of "U.S." read as a look-alike digit.
        ("a naturalized U.8. citizen", "a naturalized U.S. citizen"),
    ],
)
def test_digits_read_for_the_letters_of_a_label_or_month_are_letters(
    cell: str, expected: str
) -> None:
    line = _cells_line((cell, 96))
    assert " ".join(w.text for w in ocr_mod.correct_labels(line)) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ScaRS / MARKS / TATTOOS", "SCARS / MARKS / TATTOOS"),
        ("PLACE OF BiRTH", "PLACE OF BIRTH"),
        ("CITiZENSHIP", "CITIZENSHIP"),
        ("Home", "Home"),  # a word in prose: as read
        ("Place of Birth", "Place of Birth"),  # few capitals
        ("PLACE OF BIRTH", "PLACE OF BIRTH"),
        ("MaRKS ON HIM", "MaRKS ON HIM"),  # no label in capitals
    ],
)
def test_a_label_with_a_letter_read_in_small_case_is_the_label(cell: str, expected: str) -> None:
    # (the value 600 px right of the label: a cell of its own)
    value = [
        dataclasses.replace(w, box=(w.box[0] + 600, *w.box[1:])) for w in _cells_line(("TAT", 90))
    ]
    got = ocr_mod.correct_labels([*_cells_line((cell, 90)), *value])
    assert " ".join(w.text for w in got) == f"{expected} TAT"
    assert all(len(w.chars) == len(w.text) for w in got)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("DATEOF BIRTH", ["DATE", "OF", "BIRTH"]),
        ("PLACEOFBIRTH", ["PLACE", "OF", "BIRTH"]),
        ("DATE.OF BIRTH", ["DATE", "OF", "BIRTH"]),  # a speck read between them
        ("PLACE,OFBIRTH", ["PLACE", "OF", "BIRTH"]),
        ("DATE.OFTEN", ["DATE.OFTEN"]),
        ("DATEOFARREST:", ["DATE", "OF", "ARREST:"]),
        ("DATE OF BIRTH", ["DATE", "OF", "BIRTH"]),  # as printed
        ("Dateof birth", ["Dateof", "birth"]),  # not in capitals: as read
        ("PLACEOF.", ["PLACEOF."]),
        ("ADDRESSOF", ["ADDRESS", "OF"]),  # over "OCCURRENCE"
        # Or glued to the word after it.
        ("DATE OFBIRTH", ["DATE", "OF", "BIRTH"]),
        ("PLACE OFBIRTH:", ["PLACE", "OF", "BIRTH:"]),
        ("SHOW OFBIRTH", ["SHOW", "OFBIRTH"]),  # no label's first word before it
    ],
)
def test_a_form_label_glued_at_of_is_parted(cell: str, expected: list[str]) -> None:
    line = _cells_line((cell, 96), ("August 11, 1999", 96))
    texts = [w.text for w in ocr_mod.correct_labels(line)]
    assert texts == [*expected, "August", "11,", "1999"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A country the page names, read one letter off where it is named again.
        (["He is a citizen of Mexico and came.", "the Consulate General of Mexice in"], ["Mexice"]),
        (["the Consulate General of Mexice in Chicago"], []),  # the page names no Mexico
        (["He is a citizen of Mexico and came.", "He is a Mexican national"], []),  # two edits
    ],
)
def test_a_country_the_page_names_read_a_letter_off_is_that_country(
    lines: list[str], expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    assert nationalities_read(page) == expected
    assert ocr_mod.uncertain_label_values(page, [100.0] * len(page.words)) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A garbled label past recognition in a row of labels, a country under it.
        (["AGE\tPLACE OF BIRTH\trz", "27\tCIUDAD JUAREZ, MEX\tMexico"], "Mexico"),
        (["AGE\tPLACE OF BIRTH\trz", "27\tCIUDAD JUAREZ, MEX\tU.S."], "U.S."),
        (["AGE\tPLACE OF BIRTH\trz", "27\tCIUDAD JUAREZ, MEX\tHND"], "HND"),
        # No country under it: as read.
        (["AGE\tPLACE OF BIRTH\trz", "27\tCIUDAD JUAREZ, MEX\t5'03\""], None),
    ],
)
def test_a_country_under_a_garbled_grid_label_is_a_citizenship(
    lines: list[str], expected: str | None
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    confidences = [30.0 if w.text == "rz" else 90.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.NATIONALITY
    ]
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        ("He is a citizen of Hondvras and entered", "Hondvras", (Category.NATIONALITY, "Hondvras")),
        ("She was born in Guatemaia.", "Guatemaia.", (Category.PLACE_OF_BIRTH, "Guatemaia")),
        ("a national of E1 Salvador, he said", "E1", (Category.NATIONALITY, "E1 Salvador")),
        # A birthplace with its state's code, though the code is a word ("IN").
        ("The arrestee stated he was born in Gary, IN.", "", (Category.PLACE_OF_BIRTH, "Gary, IN")),
        ("born in Mexico City, Mexico", "", None),  # no state code: detection's
        # A town garbled past a name's shape before a clean country: the town too.
        (
            "HE WAS BORN IN £ODZ, POLAND (POLISH).",
            "£ODZ,",
            (Category.PLACE_OF_BIRTH, "£ODZ, POLAND"),
        ),
        (
            "born in 8ia1ystok, El Salvador",
            "8ia1ystok,",
            (Category.PLACE_OF_BIRTH, "8ia1ystok, El Salvador"),
        ),
        # ... or a region between the town and the country.
        (
            "she was born in Le6n, Guanajuato, Mexico and is",
            "Le6n,",
            (Category.PLACE_OF_BIRTH, "Le6n, Guanajuato, Mexico"),
        ),
        (
            "HE WAS BORN IN £ODZ, POLAND, AND CAME",
            "£ODZ,",
            (Category.PLACE_OF_BIRTH, "£ODZ, POLAND"),
        ),
        # ... read sure, its word split by OCR: recognizers end the place before it.
        (
            "he was born in Nowy Targ, Mato polskie, Poland and is",
            "",
            (Category.PLACE_OF_BIRTH, "Nowy Targ, Mato polskie, Poland"),
        ),
        ("she was born in Le6n, Guanajuato, and came", "Le6n,", None),  # no country
        ("he was born in Nowy Targ, Mato polskie, and came", "", None),
        ("HE WAS BORN IN £ODZ, POLAND (POLISH).", "", None),  # read with confidence
        ("HE WAS BORN IN £ODZ, AND CAME HERE", "£ODZ,", None),  # no country after it
        # Read with confidence: as printed, and detection's to judge.
        ("He is a citizen of Hondvras and entered", "", None),
        # Too far from any country (and no cue: no country at all).
        ("He is a citizen of Chicago and entered", "Chicago", None),
        ("He drove to Hondvras Street", "Hondvras", None),
    ],
)
def test_a_misread_country_after_a_cue_is_that_country(
    line: str, unsure: str, expected: tuple[Category, str] | None
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [40.0 if w.text == unsure else 92.0 for w in page.words]
    found = [
        (v.category, page.text[v.start : v.end])
        for v in ocr_mod.uncertain_label_values(page, confidences)
    ]
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("lines", "unsure", "expected"),
    [
        # A grid label beside a cell read as noise (the next label garbled): the
        # value under the label too, and under the garbled CITZ its own value.
        (
            ["BIRTHPLACE\tcir4", "Gary, IN, USA\tU.S."],
            ("cir4",),
            {
                (Category.PLACE_OF_BIRTH, "cir4"),
                (Category.PLACE_OF_BIRTH, "Gary, IN, USA"),
                (Category.NATIONALITY, "U.S."),
            },
        ),
        # A header label with a speck read after it is the next label, not a value.
        (
            ["AGE\tCITIZENSHIP\tDATE OF BIRTH.", "20\tUS\tJan. 30, 1997"],
            (),
            {(Category.NATIONALITY, "US")},
        ),
        # A value cut by the next column goes on under it on the next line.
        (
            ["POB: SANTIAGO, DOMINICAN\tCITZ:DOM", "REPUBLIC"],
            (),
            {
                (Category.NATIONALITY, "DOM"),
                (Category.PLACE_OF_BIRTH, "SANTIAGO, DOMINICAN"),
                (Category.PLACE_OF_BIRTH, "REPUBLIC"),
            },
        ),
        # ... but not onto a line of its own label, or one that starts right of the value.
        (
            ["POB: SANTIAGO, DOMINICAN\tCITZ:DOM", "A# A297821490"],
            (),
            {
                (Category.NATIONALITY, "DOM"),
                (Category.PLACE_OF_BIRTH, "SANTIAGO, DOMINICAN"),
                (Category.A_NUMBER, "A297821490"),
            },
        ),
        # Long labels in cells of their own, garbled past one edit in ten ("piace or
        # erate", "crrrzensure ="): the cell beside each is its value.
        (
            ["piace or erate\tCicero, IL", "crrrzensure =\tys."],
            ("piace", "erate", "crrrzensure", "="),
            {(Category.PLACE_OF_BIRTH, "Cicero, IL"), (Category.NATIONALITY, "ys.")},
        ),
        # Its first letter misread too, two letters off in all.
        # (A value other than a country alone: a bare country after any garbled
        # label is a citizenship, see below.)
        (
            ["GXTIZENSHIP\tUS CITIZEN"],
            ("GXTIZENSHIP",),
            {(Category.NATIONALITY, "US CITIZEN")},
        ),
        (["GXTIZENSHXP\tUS CITIZEN"], ("GXTIZENSHXP",), set()),  # three
        # Nearer another label ("PLACE OF ARREST"), or read with confidence: as read.
        (["piace or errest\tCicero, IL"], ("piace", "errest"), set()),
        # "PLACE OF" with its last word as near ARREST as BIRTH: a town without a
        # number is the birthplace; an address, the place of arrest.
        (["Puace or erat\tCary, IN"], ("Puace", "erat"), {(Category.PLACE_OF_BIRTH, "Cary, IN")}),
        (["Puace or erat\t2900 W Madison St"], ("Puace", "erat"), set()),
        (["Puace or emplymnt\tAcme Bakery"], ("Puace", "emplymnt"), set()),  # nearer EMPLOYMENT
        (["crrrzensure\tys."], (), set()),
        # "... OF BIRTH" with its first word garbled past knowing: a place beside
        # it is the birthplace; a date is no place.
        (
            ["Bieee OF Bieta\tJuchitan, Oaxaca,\tee eos"],
            ("Bieee", "Bieta"),
            {(Category.PLACE_OF_BIRTH, "Juchitan, Oaxaca,")},
        ),
        (["Bieee OF Bieta\t12/20/1997"], ("Bieee", "Bieta"), set()),
        (["DATF OF Bieta\tUNKNOWN"], ("DATF", "Bieta"), set()),  # a DATE read a letter off
        # A garbled cell far from any protected label, or nearer another: as read.
        (
            ["BIRTHPLACE\tqxw7", "Gary, IN\t44"],
            ("qxw7",),
            {(Category.PLACE_OF_BIRTH, "qxw7"), (Category.PLACE_OF_BIRTH, "Gary, IN")},
        ),
    ],
)
def test_a_grid_label_garbled_or_a_value_cut_by_a_column_is_still_that_category(
    lines: list[str], unsure: tuple[str, ...], expected: set[tuple[Category, str]]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    confidences = [20.0 if w.text in unsure else 90.0 for w in page.words]
    found = {
        (v.category, page.text[v.start : v.end])
        for v in ocr_mod.uncertain_label_values(page, confidences)
    }
    assert found == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # POB with a letter read into it, before a town and its state: the birthplace.
        ("PROB: MEMPHIS, TN\tCTZ: UNITED STATES", ["MEMPHIS, TN"]),
        ("PR0B: Leon, Guanajuato", ["Leon, Guanajuato"]),
        ("PROB: LEON, GUANAJUATO, MEXICO", ["LEON, GUANAJUATO, MEXICO"]),  # three parts
        ("PROB: 2 YEARS, IDOC", []),  # a number: no place
        ("PROB: YES", []),
        ("JOB: Acme Bakery, Cicero", []),  # not a P...B
    ],
)
def test_a_place_after_pob_read_a_letter_off_is_the_birthplace(
    line: str, expected: list[str]
) -> None:
    assert _values_read_sure(line, Category.PLACE_OF_BIRTH) == expected


def _values_read_sure(line: str, category: Category | None, conf: float = 85.0) -> list[str]:
    """`uncertain_label_values` of this category (None: any) on a line OCR read with
    confidence (100: a text layer's words)."""
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    return [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, [conf] * len(page.words))
        if v.category is category
    ]


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # A short label garbled past CTZ's readings, marked by its colon, with a
        # country after it: a citizenship.
        ("POB: Leon, Mexico\tCET: U.S.\tA#: A 257 737 317", "CET:", ["U.S."]),
        ("HGT: 5'08\tCFE: Mexico", "CFE:", ["Mexico"]),
        # Read sure but in capitals as a form prints labels ("CLIZ" for CITZ).
        ("POB: CELAYA, GUANAJUATO, MEXICO\tCLIZ: MEX", "", ["MEX"]),
        ("POB - FAISALABAD, PAK\tCLEZO= PAK", "", ["PAK"]),  # its colon read "="
        # ... or garbled past the shape of any word: CITZ with letters read twice.
        ("POB: Iloilo City, Philippines\tCciITz: PHL\tA-NUMBER: A 238 943 899", "", ["PHL"]),
        ("POB: Leon, Mexico\tCET: U.S.", "", ["U.S."]),
        # No country after it, a word of a sentence read sure, or a label as read: as read.
        ("HGT: 5'08\tCFE: Spanish", "CFE:", []),
        ("POB: Leon, Mexico\tTo: Mexico", "", []),
        ("POB: Leon, Mexico\tTravel: Mexico", "", []),
        ("BORN IN: Houston, TX\tcrz: US", "", ["US"]),  # CTZ a letter off, in small case
        ("RES. ADDR - 3650 N. Talman Ave\ncrz - US\tEMAIL - a@b.com", "US", ["US"]),  # a dash
        ("POB - Gary, IN\tcrz -US", "", []),  # a hyphen, no mark
        ("BORN IN: Houston, TX\tCruz: US", "", []),  # two letters off: a word
        ("LANG: MEX\tHAIR: BRO", "LANG:", []),
        # Without its colon, two edits from CTZ: the country after it too.
        ("POB: LAREDO, TX CIA US.", "CIA", ["US."]),
        ("POB: LAREDO, TX CIA Spanish", "CIA", []),  # no country after it
        ("POB: LAREDO, TX SEZ US.", "SEZ", []),  # one edit from SEX
        # A country alone in its cell after a label garbled past any reading.
        ("Seles hd\tU.S:", "U.S:", ["U.S:"]),  # its colon a speck, read unsure
        ("Chicago\tSeles hd\tMexico", "", ["Mexico"]),
        # ... not after a label of another value, a number, or at the line's start.
        ("LOCATION\tUSA", "", []),
        ("UNIT 4\tMexico", "", []),
        ("Mexico\tSeles hd", "", []),
    ],
)
def test_a_country_after_a_garbled_marked_label_is_a_citizenship(
    line: str, unsure: str, expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [40.0 if w.text == unsure else 90.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.NATIONALITY
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Ten digits as a phone is dialled, its label garbled past reading.
        ("oe\t2245642651\tEYES / HAIR\tBLK / BRO", ["2245642651"]),
        ("SISTER\tAraceli Lujan\tcone\t3122566181", ["3122566181"]),
        ("PHE: 7794522277\tEMAIL: ana@example.com", ["7794522277"]),
        ("3129496549", ["3129496549"]),
        # A label of another number, no phone's shape, or inside a sentence: as read.
        ("EVENT #\t2245642651", []),
        ("CONSULAR ID NO.\t3122566181", []),
        ("oe\t1245642651", []),  # an area code from 1
        ("oe\t2241642651", []),  # an exchange from 1
        ("the event was 2245642651 at noon", []),
    ],
)
def test_ten_digits_alone_in_a_cell_on_a_scan_are_a_phone(line: str, expected: list[str]) -> None:
    assert uncertain_of(line, (), Category.PHONE) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A town and a country alone in a cell after a label garbled past reading.
        ("See ee\tDetroit, MI, USA\tSeles hd", ["Detroit, MI, USA"]),
        ("Fioee\tLeon, Guanajuato, Mexico", ["Leon, Guanajuato, Mexico"]),
        # An address has a number; a label of another value says what it is.
        ("Fioee\t3300 W. Cortland St, Chicago, USA", []),
        ("ARREST LOCATION\tLeon, Mexico", []),
        ("Fioee\tChicago, Illinois", []),  # no country
    ],
)
def test_a_place_and_country_after_a_garbled_label_is_a_place_of_birth(
    line: str, expected: list[str]
) -> None:
    assert uncertain_of(line, (), Category.PLACE_OF_BIRTH) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The row's first label (a small "CTZ") not read at all: a country in a
        # cell no label of the row above stands over.
        (["\tEYES\tPOB\tHAIR", "U.S.\tBLK\tLOS ANGELES, CA\tBRO"], ["U.S."]),
        (["\tEYES\tPOB\tHAIR", "MEXICO\tBRO\tPUEBLA\tBLK"], ["MEXICO"]),
        # Under a label, the label says what it is; no row of labels above, or
        # one label only: nothing to go by.
        (["\tEYES\tPOB\tHAIR", "\tMEXICO\tBRO\tBLK"], []),
        (["", "U.S.\tBLK\tLOS ANGELES, CA\tBRO"], []),
        (["\tEYES", "U.S.\tBLK"], []),
    ],
)
def test_a_country_in_a_row_of_values_whose_label_was_not_read_is_a_citizenship(
    lines: list[str], expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    assert nationalities_read(page) == expected
    # A text layer's words (confidence 100) are detection's alone.
    assert not [
        v
        for v in ocr_mod.uncertain_label_values(page, [100.0] * len(page.words))
        if v.category is Category.NATIONALITY
    ]


@pytest.mark.parametrize(
    ("line", "confidences", "expected"),
    [
        # A cell read as noise past a column gap on a birthplace's line ("CTZ: U.S."
        # as "692 20.3)"; see also the test below).
        ("POB: SAN JUAN, PR\t692 20.3)", {"692": 18, "20.3)": 33}, ["692 20.3)"]),
        # Read better than noise, a label read in it, or no birthplace on the line.
        ("POB: SAN JUAN, PR\t692 20.3)", {"692": 48, "20.3)": 33}, []),
        ("POB: SAN JUAN, PR\tSEX: M", {"SEX:": 20, "M": 20}, []),
        ("HAIR: BRO\t692 20.3)", {"692": 18, "20.3)": 33}, []),
    ],
)
def test_noise_beside_a_birthplace_is_withheld_by_its_rule(
    line: str, confidences: dict[str, float], expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(
            page, [confidences.get(w.text, 90.0) for w in page.words]
        )
        if v.category is Category.PLACE_OF_BIRTH and v.start > page.text.index("\t")
    ]
    assert found == expected


def test_a_word_read_unsure_just_right_of_noise_beside_a_birthplace_goes_with_it() -> None:
    # "CITZ - U.S." read "527 We Aan" and, a column gap on, "s".
    cells = [(40, 100, "POB - CICERO, IL"), (200, 100, "527 We Aan"), (268, 100, "s")]
    page = extract_page(pymupdf.open(stream=make_placed_pdf(cells))[0])
    unsure = {"527": 11.0, "We": 11.0, "Aan": 19.0, "s": 68.0}
    found = [
        (page.text[v.start : v.end], v.boxes[0].x0)
        for v in ocr_mod.uncertain_label_values(
            page, [unsure.get(w.text, 90.0) for w in page.words]
        )
        if v.category is Category.PLACE_OF_BIRTH and v.start > page.text.index("527")
    ]
    assert [t for t, _ in found] == ["s"]
    # Boxed from the end of the noise: the ink between, unread, goes too.
    aan = next(w for w in page.words if w.text == "Aan")
    assert found[0][1] == pytest.approx(aan.rect.x1)


def nationalities_read(page: PageText) -> list[str]:
    """The doubtful citizenships of `page` read as a scan, every word at 90."""
    return [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, [90.0] * len(page.words))
        if v.category is Category.NATIONALITY
    ]


def uncertain_of(line: str, unsure: tuple[str, ...], category: Category) -> list[str]:
    """The doubtful values of `category` on a one-line page read as a scan: the
    words in `unsure` at confidence 20, the others at 90."""
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [20.0 if w.text in unsure else 90.0 for w in page.words]
    return [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is category
    ]


_PLATE_LINES = [
    "LP#: DGG 657 IL",
    "IL REGISTRATION DGG 65d, WAS RUN",
    "PLATE 0GG 657 SEEN; NOT DGG 6571 OR DG 657 OR DXX 657",
]
_CONSULAR_LINES = [
    "MATRICULA NO. 8447-6885-03",
    "A MATRICULA BEARING NO. 8447-G885-03. AND 8447-6885-O3",
    "ALSO 8447/6885-03; NOT 8447-7885-03, X8447-G885-03 OR 8447-GG85-03",
]


@pytest.mark.parametrize(
    ("lines", "value", "category", "ocr", "expected"),
    [
        # A plate found once, read one character off where it comes again.
        (_PLATE_LINES, "DGG 657", Category.VEHICLE, True, ["DGG 657", "DGG 65d", "0GG 657"]),
        # A long number read again with one digit (or separator) read as a letter
        # or a mark; not with a digit read as another digit, nor inside a word.
        (
            _CONSULAR_LINES,
            "8447-6885-03",
            Category.CONSULAR_ID,
            True,
            ["8447-6885-03", "8447-G885-03", "8447-6885-O3", "8447/6885-03"],
        ),
        # On a text page the text is as printed: the exact value only.
        (_PLATE_LINES, "DGG 657", Category.VEHICLE, False, ["DGG 657"]),
        (_CONSULAR_LINES, "8447-6885-03", Category.CONSULAR_ID, False, ["8447-6885-03"]),
    ],
)
def test_a_value_read_a_character_off_on_a_scan_is_found_again(
    lines: list[str], value: str, category: Category, ocr: bool, expected: list[str]
) -> None:
    from app.redaction.candidates import P_PATTERN

    assert found_again(lines, ocr, [value], category, Role.UNKNOWN, P_PATTERN) == expected


def found_again(
    lines: list[str],
    ocr: bool,
    values: list[str],
    category: Category,
    role: Role,
    priority: int,
) -> list[str]:
    """What propagation finds on a page of `lines` (read as a scan if `ocr`) from
    the first mention of each of `values`, in page order."""
    from app.redaction.candidates import Candidate
    from app.redaction.propagation import propagate

    page = dataclasses.replace(extract_page(pymupdf.open(stream=make_pdf(lines))[0]), ocr=ocr)
    cands = []
    for value in values:
        start = page.text.index(value)
        cands.append(Candidate(category, role, 0, start, start + len(value), 0.9, "test", priority))
    found = sorted({(c.start, page.text[c.start : c.end]) for c in propagate([page], cands)})
    return [t for _, t in found]


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        # A value of two words read again with a stray mark inside or after a word,
        # or a printed mark dropped, across a line break too.
        (
            True,
            [
                "NORTHSIDE ROOFING LLC",
                "9505 S. KILDARE AVE",
                "NORTHSIDE. ROOFING LLC",
                "9505\nS$. KILDARE AVE",
                "9505 S KILDARE AVE",
                "NORTHSIDE R00FING LLC",
                "9505 S, KILDARE.AVE",
                "95 05 S. KILDARE AVE",
                "NORTHSIDE ROOPING LLC",
            ],
        ),
        # On a text page the text is as printed: the exact value only.
        (False, ["NORTHSIDE ROOFING LLC", "9505 S. KILDARE AVE"]),
    ],
)
def test_a_value_read_with_a_stray_mark_on_a_scan_is_found_again(
    ocr: bool, expected: list[str]
) -> None:
    from app.redaction.candidates import P_LABEL

    lines = [
        "EMPL: NORTHSIDE ROOFING LLC",
        "EMPL ADDR: 9505 S. KILDARE AVE",
        "HE WORKS FOR NORTHSIDE. ROOFING LLC, AT 9505",
        "S$. KILDARE AVE, AND AT 9505 S KILDARE AVE;",
        # A letter read as the digit it looks like, a space as a mark, a mark as another.
        "NORTHSIDE R00FING LLC; 9505 S, KILDARE.AVE",
        # A gap read inside the number; none between letters.
        "95 05 S. KILDARE AVE; NORTH SIDE ROOFING LLC, 9505 S. KIL DARE AVE",
        "NORTHSIDE ROOPING LLC; NORTHSIDE ROOTING LLC",  # P and F look alike, T not
        # Not inside longer words, nor with marks where letters should be.
        "NORTHSIDE ROOFING LLCS, NORTHSIDE RO.. FING LLC, X9505 S. KILDARE AVE",
    ]
    values = ["NORTHSIDE ROOFING LLC", "9505 S. KILDARE AVE"]
    assert found_again(lines, ocr, values, Category.EMPLOYER, Role.ARRESTEE, P_LABEL) == expected


@pytest.mark.parametrize(
    ("lines", "value", "category", "ocr", "expected"),
    [
        # A speck read as a mark standing alone between a value's words, across a
        # line break: a name after its comma, any value of two words on a scan.
        (
            ["NAME: SALEM, Ahmad", "later identified as SALEM,", "; AHMAD, was unable"],
            "SALEM, Ahmad",
            Category.PERSON,
            True,
            ["SALEM, Ahmad", "SALEM,\n; AHMAD"],
        ),
        (
            ["EMPL: NORTHSIDE ROOFING LLC", "HE WORKS FOR NORTHSIDE", "; ROOFING LLC, AT"],
            "NORTHSIDE ROOFING LLC",
            Category.EMPLOYER,
            True,
            ["NORTHSIDE ROOFING LLC", "NORTHSIDE\n; ROOFING LLC"],
        ),
        # On a text page the value as printed.
        (
            ["EMPL: NORTHSIDE ROOFING LLC", "HE WORKS FOR NORTHSIDE", "; ROOFING LLC, AT"],
            "NORTHSIDE ROOFING LLC",
            Category.EMPLOYER,
            False,
            ["NORTHSIDE ROOFING LLC"],
        ),
    ],
)
def test_a_value_read_again_with_a_speck_alone_between_its_words(
    lines: list[str], value: str, category: Category, ocr: bool, expected: list[str]
) -> None:
    from app.redaction.candidates import P_LABEL

    found = found_again(lines, ocr, [value], category, Role.ARRESTEE, P_LABEL)
    assert [t for t in found if " " in t or "\n" in t] == expected


def test_a_garbled_visa_number_after_its_cue_read_unsure_is_a_visa() -> None:
    page = extract_page(pymupdf.open(stream=make_pdf(["showed B-2 visa foil noe PLLosoi1. He"]))[0])
    confidences = [0.0 if w.text == "PLLosoi1." else 92.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.VISA
    ]
    assert found == ["PLLosoi1"]


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # An A-number after its cue garbled past its digits' count, read unsure.
        (
            "provided alien registration no. A 2138683) Tis and",
            ("2138683)", "Tis"),
            ["A 2138683) Tis"],
        ),
        ("A# 21386 Tis\tSEX", ("21386", "Tis"), ["21386 Tis"]),
        # Its groups whole but one digit read as a letter, read sure or not.
        ("provided alien registration no. A 267 573 P29, and", (), ["A 267 573 P29"]),
        ("A# A 2675 73P29\tSEX", ("73P29",), ["A 2675 73P29"]),
        # Read with confidence, or too few digits: as read.
        ("provided alien registration no. A 2138683) Tis and", (), []),
        ("provided alien registration no. A 267 57 P2, and", (), []),
        ("provided alien registration no. A 267 5P3 P29, and", (), []),
        ("provided alien registration no. A 267 573 PQR, and", (), []),
        ("provided alien registration no. A 267 and 29, and", (), []),
        ("provided alien registration no. A 213) Tis and", ("213)", "Tis"), []),
    ],
)
def test_a_garbled_a_number_after_its_cue_is_an_a_number(
    line: str, unsure: tuple[str, ...], expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [30.0 if w.text in unsure else 92.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.A_NUMBER and (v.doubtful or not unsure)
    ]
    assert found == expected


def _placed_page(rows: list[list[tuple[float, str]]]) -> pymupdf.Page:
    """A text page of rows of cells, each cell drawn at its own x (points)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for n, row in enumerate(rows):
        for x, text in row:
            page.insert_text((x, 80 + 14 * n), text, fontsize=10)
    return pymupdf.open(stream=doc.tobytes())[0]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # The wrapped rest of a value under it, beside a cell of another column
        # ("conMe": the garbled second line of the label left of this one).
        (
            [
                [
                    (40, "ALIAS /"),
                    (100, "Lefty"),
                    (200, "PLACE OF BIRTH"),
                    (300, "Biatystok"),
                    (400, "CITIZENSHIP"),
                    (500, "Poland"),
                ],
                [(40, "conMe"), (300, "(Podlaskie), Poland")],
            ],
            {"Biatystok", "(Podlaskie), Poland"},
        ),
        # The next row of the grid starts under the label: no part of the value.
        (
            [
                [
                    (40, "ALIAS /"),
                    (100, "Lefty"),
                    (200, "PLACE OF BIRTH"),
                    (300, "Rockford,"),
                    (400, "CITIZENSHIP"),
                    (500, "USA"),
                ],
                [(40, "SEX"), (100, "M"), (200, "SOC. SEC. NO."), (300, "863-14-7730")],
            ],
            {"Rockford,"},
        ),
    ],
)
def test_a_value_cut_by_the_next_column_goes_on_in_its_own_column(
    rows: list[list[tuple[float, str]]], expected: set[str]
) -> None:
    page = extract_page(_placed_page(rows))
    confidences = [20.0 if w.text == "conMe" else 90.0 for w in page.words]
    found = {
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.PLACE_OF_BIRTH
    }
    assert found == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The issuing country after "PPT" when OCR garbled the number after it.
        ("He produced PPT LTU \u00a75434320. He said", "LTU"),
        ("PPT# - MEX \u00a532284619", "MEX"),  # "# - " between cue and code, "¥" for Y
        # A code in parentheses after a passport, a mark read for a letter.
        ("ST: IL PPT#: MJ3049691 (HT!)", "HT!"),
        ("ST: IL PPT#: MJ3049691 (A1B)", None),  # folds to no country code
        # ... or with a bar read beside it (the parenthesis doubled).
        ("ST: IL PPT#: T68919563 (IMEX)", "IMEX"),
        ("ST: IL PPT#: T68919563 (MEX1)", "MEX1"),
        ("ST: IL PPT#: T68919563 (XMEX)", None),  # no bar
        ("Unit (HT!) on the second floor", None),  # no passport on the line
        ("He produced PPT NO. 5434320", None),  # no code after the cue
        # A code misread past knowing, a passport number after it.
        ("He identified himself with PPT GIM G12459936. A records", "GIM"),
        ("He identified himself with PPT GIM. A records", None),  # no number after it
        # A letter OCR added, the code glued to the cue.
        ("PPT#:MBEX F69184093 FBI#:77182492ZY5", "MBEX"),
        ("PPT#:MBEX. A records", None),
    ],
)
def test_a_passport_country_as_ocr_reads_it_is_a_nationality(
    line: str, expected: str | None
) -> None:
    found = _values_read_sure(line, Category.NATIONALITY)
    assert found == ([] if expected is None else [expected])
    assert _values_read_sure(line, None, conf=100.0) == []


@pytest.mark.parametrize(
    ("line", "name", "unsure", "expected"),
    [
        # Accents dropped or "ñ" read as "fi", with confidence: the name is accented.
        ("Mr. Rangel-Pefia stated that he works", "RANGEL-PEÑA, Luis", "", "Rangel-Pefia"),
        ("Villasefior was advised of his rights", "Jorge Villaseñor", "", "Villasefior"),
        ("cousin Yokasta Almanzar contact", "Yokasta Almánzar", "", "Almanzar"),
        # A digit or mark among the letters, or OCR unsure of it.
        ("LUJAN, Nicol4s, M/WWH, DOB", "LUJAN, Nicolas", "", "Nicol4s"),
        ("2HOU'S PRIMARY LANGUAGE IS", "ZHOU, Wei", "", "2HOU"),  # Z read as 2
        ("Arrestee Garzia was", "GARZIA, Ana", "Garzia", "Garzia"),
        ("Mr. Orozco's primary language", "Juan Orozco", "Orozco's", "Orozco"),
        # A capital I read as a small l, with confidence.
        ("interpreted. lyer was advised of his", "Raj IYER", "", "lyer"),
        ("the lyre was", "Raj LYRE", "", None),  # a name starting with L: as read
        # ... or as a small t, OCR unsure of it.
        ("Victim Rasha Nour tbrahim related", "IBRAHIM, Rasha Nour", "tbrahim", "tbrahim"),
        ("Victim Rasha Nour tbrahim related", "IBRAHIM, Rasha Nour", "", None),  # sure
        ("the tyre was", "Raj IYRE", "tyre", None),  # four letters: too short to tell
        ("the train was", "Ana RAIN", "train", None),  # no capital I
        # Read with confidence, as printed: detection's to judge.
        ("Arrestee Garzia was", "GARZIA, Ana", "", None),
        # A short name, or another name: not searched for.
        ("Ana L4u was", "Ana Lau", "", None),
        ("Mr. Pefiaz stated", "Luis Peña", "", None),
        # A long name one letter off ("s" read as "a"), OCR unsure of it.
        ("Mc Dumitreacu stared that", "Florin DUMITRESCU", "Dumitreacu", "Dumitreacu"),
        ("Mc Dumitreacu stared that", "Florin DUMITRESCU", "", None),  # read with confidence
        ("Mr Kowalsky was", "Jan KOWALSKI", "Kowalsky", "Kowalsky"),
        ("Mr Garcio was", "Ana GARCIA", "Garcio", None),  # six letters: too short to tell
        ("Mr Bumitreacu was", "Florin DUMITRESCU", "Bumitreacu", None),  # two letters off
        ("the Pointers were", "Ana POINTER", "Pointers", None),  # one letter more: no
    ],
)
def test_a_known_name_as_ocr_misreads_it_is_found(
    line: str, name: str, unsure: str, expected: str | None
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [40.0 if w.text == unsure else 90.0 for w in page.words]
    found = [page.text[r.start : r.end] for r in ocr_mod.name_readings(page, confidences, [name])]
    assert found == ([] if expected is None else [expected])
    assert ocr_mod.name_readings(page, [100.0] * len(page.words), [name]) == []


LANGUAGES = ("Spanish", "Q'anjob'al", "K'iche'", "Mam")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A language's apostrophe read as a small l, a bar, a digit, or lost.
        ("conducted in Qlanjob'al with the", "Qlanjob'al"),
        ("conducted in Q'anjobial with the", "Q'anjobial"),
        ("speaks Qanjobal only", "Qanjobal"),
        ("LANGUAGE: K|iche1 and", "K|iche1"),
        ("LANGUAGE: KICHE and", "KICHE"),
        # ... or a space read after it, inside the name.
        ("LANGUAGE SPOKEN Q' anjob'al", "Q' anjob'al"),
        ("LANGUAGE: K' iche' (interpreter)", "K' iche'"),
        # As written: the language recognizer's; no apostrophe in the name: none.
        ("conducted in Q'anjob'al with the", None),
        ("speaks Spanlsh", None),
        # Inside another word: none.
        ("the Kichefoo and", None),
    ],
)
def test_a_language_whose_apostrophe_ocr_misread_is_found(line: str, expected: str | None) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.misread_languages(page, [60.0] * len(page.words), LANGUAGES)
    ]
    assert found == ([] if expected is None else [expected])
    assert all(
        v.category is Category.LANGUAGE
        for v in ocr_mod.misread_languages(page, [60.0] * len(page.words), LANGUAGES)
    )
    assert ocr_mod.misread_languages(page, [100.0] * len(page.words), LANGUAGES) == []


@pytest.mark.parametrize(
    ("line", "number", "expected"),
    [
        # A known number read again with a digit lost in a garbled word: the word.
        ("REPORT - CONTINUATION cps6119528 JFO18146", "86119528", "cps6119528"),
        ("CB#B6119528, was", "86119528", "CB#B6119528"),
        ("A# (A20380043)", "A203-800-438", "A20380043"),
        ("PH 773/840-4276", "7738404276", None),  # no six digits in a row
        # The whole number: detection's to find; too short a part or number: no.
        ("CB 86119528 was", "86119528", None),
        ("CB#86119528 was", "86119528", None),
        ("cps86119528 was", "86119528", "cps86119528"),  # glued: propagation misses it
        ("CB 86119528X was", "86119528", "86119528X"),
        ("CB 611952 was", "86119528", "611952"),
        ("CB 61195 was", "86119528", None),
        ("STAR 119528 was", "119528", None),
        ("CB 86119529 was", "86119528", None),  # another number
    ],
)
def test_a_known_number_read_again_with_a_digit_lost_is_found(
    line: str, number: str, expected: str | None
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [60.0] * len(page.words)
    readings = ocr_mod.number_readings(page, confidences, ["A-1", number])
    assert [page.text[r.start : r.end] for r in readings] == (
        [] if expected is None else [expected]
    )
    assert all(r.known == 1 for r in readings)
    assert ocr_mod.number_readings(page, [100.0] * len(page.words), [number]) == []


@pytest.mark.parametrize(
    ("line", "category", "on_scan", "on_text_page"),
    [
        # A speck after a house number reads as a full stop on a scan.
        (
            "EYES: BRO  ADDR: 4206. RIVER RD, MAYWOOD, IL 60153",
            Category.ADDRESS,
            "4206. RIVER RD, MAYWOOD, IL 60153",
            "4206",
        ),
        ("ADDR: 4206. RIVER RD, MAYWOOD", Category.ADDRESS, "4206. RIVER RD, MAYWOOD", "4206"),
        # A comma after a surname in capitals read as a full stop on a scan.
        ("NAME: CRUZ. Karla Patricia", Category.PERSON, "CRUZ. Karla Patricia", "CRUZ"),
        ("NAME: CRUZ-LEON. Karla", Category.PERSON, "CRUZ-LEON. Karla", "CRUZ-LEON"),
        # A sentence that ends after more than a surname ends there.
        ("NAME: Karla CRUZ. She fled", Category.PERSON, "Karla CRUZ", "Karla CRUZ"),
    ],
)
def test_a_value_on_a_scan_does_not_end_at_a_speck_read_as_a_full_stop(
    line: str, category: Category, on_scan: str, on_text_page: str
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    for ocr, expected in ((True, on_scan), (False, on_text_page)):
        read = dataclasses.replace(page, ocr=ocr)
        found = [
            read.text[v.start : v.end]
            for v in form_labels.find_labelled_values(read)
            if v.spec.category is category
        ]
        assert found == [expected]


def test_a_label_value_cut_after_a_hyphen_goes_on_at_the_next_line() -> None:
    lines = ["Paperwork in his possession bore A# 279-665-", "754. He identified himself."]
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    found = {
        (v.category, page.text[v.start : v.end])
        for v in ocr_mod.uncertain_label_values(page, [90.0] * len(page.words))
    }
    assert (Category.A_NUMBER, "279-665-\n754") in found


def test_text_the_layout_analysis_left_out_is_read_again() -> None:
    engine = ocr_mod.Tesseract.probe()
    if engine is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    lines = [
        "ARRESTEE",
        "FLANAGAN, Seamus, DOB Mar. 19, 1995, of 6178 W HOWARD ST CHICAGO IL 60632",
        "INTERVIEW",
    ]
    page = pymupdf.open(stream=make_pdf(lines, fontsize=11))[0]
    render = ocr_mod._render(page, 200, 0)
    words = ocr_mod.parse_hocr(engine.hocr(ocr_mod._pgm(render.pixels), 200))
    assert any(w.text == "HOWARD" for w in words)
    # As if the layout analysis had dropped the middle line (measured on a scan).
    howard = next(w for w in words if w.text == "HOWARD")
    dropped = [w for w in words if w.line != howard.line]
    middle = [w for w in words if w not in dropped]
    assert middle and not any(w.text == "HOWARD" for w in dropped)
    bands = ocr_mod.unread_bands(render.pixels, dropped, 200)
    assert len(bands) == 1
    y0, y1 = bands[0]
    assert all(y0 - 5 <= (w.box[1] + w.box[3]) / 2 <= y1 + 5 for w in middle)
    # Nothing is unread when every word was read.
    assert ocr_mod.unread_bands(render.pixels, words, 200) == []
    with ThreadPoolExecutor(max_workers=1) as pool:
        (again,) = ocr_mod._recover_unread(
            engine, pool, [ocr_mod._Reading(render, 0, (), dropped, 0.0)], [200]
        )
    texts = [w.text for w in again.words]
    assert "HOWARD" in texts and texts.count("ARRESTEE") == 1  # nothing read twice


def test_a_short_word_dropped_from_a_line_it_read_is_read_again() -> None:
    engine = ocr_mod.Tesseract.probe()
    if engine is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    page = pymupdf.open(stream=make_pdf(["PLACE OF BIRTH\tRockford, IL\tUSA"], fontsize=11))[0]
    render = ocr_mod._render(page, 200, 0)
    words = ocr_mod.parse_hocr(engine.hocr(ocr_mod._pgm(render.pixels), 200))
    assert [w.text for w in words if w.text == "IL"]
    # As if Tesseract had read "Rockford," and dropped the "IL" after it (measured
    # on a scan): two thin stems, too little ink for a row of the page.
    dropped = [w for w in words if w.text != "IL"]
    assert ocr_mod.unread_bands(render.pixels, dropped, 200) == []
    (box,) = ocr_mod.dropped_words(render.pixels, dropped, 200)
    il = next(w for w in words if w.text == "IL")
    assert box[0] - 4 <= il.box[0] and il.box[2] <= box[2] + 4
    # Nothing is dropped when every word was read.
    assert ocr_mod.dropped_words(render.pixels, words, 200) == []
    with ThreadPoolExecutor(max_workers=1) as pool:
        (again,) = ocr_mod._recover_unread(
            engine, pool, [ocr_mod._Reading(render, 0, (), dropped, 0.0)], [200]
        )
    texts = [w.text for w in again.words]
    assert texts.count("IL") == 1 and texts.count("Rockford,") == 1
    read = next(w for w in again.words if w.text == "IL")
    assert abs(read.box[0] - il.box[0]) < 4 and abs(read.box[1] - il.box[1]) < 4


def test_a_word_dropped_between_close_lines_is_read_again_whole() -> None:
    engine = ocr_mod.Tesseract.probe()
    if engine is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    doc = pymupdf.open()
    page = doc.new_page()
    # Typed single-spaced (10 pt on 11 pt), as a report's narrative is.
    for n, line in enumerate(
        [
            "she was born in Celaya, Guanajuato, Mexico and is a national. She",
            "admitted that she is in Temporary Protected Status (TPS). She",
            "identified herself with her passport H70763906 (Mexico). She",
        ]
    ):
        page.insert_text((72, 100 + 11 * n), line, fontname="cour", fontsize=10)
    render = ocr_mod._render(page, 175, 0)
    words = ocr_mod.parse_hocr(engine.hocr(ocr_mod._pgm(render.pixels), 175))
    (tps,) = [w for w in words if "TPS" in w.text]
    # As if Tesseract had left "(TPS)." out of its line (measured on a scan),
    # the words of the lines above and below close to it (there, by the page's
    # tilt): their grown boxes leave only the middle rows of its glyphs as
    # unread ink.
    x0, y0, x1, y1 = tps.box
    h = y1 - y0
    near = [
        # (each grown by half its height and 2 px: over a quarter of its rows)
        dataclasses.replace(tps, text="above", box=(x0, y0 - h - 2, x1, y0 - h / 4 - 2), line=-1),
        dataclasses.replace(tps, text="below", box=(x0, y1 + h / 4 + 2, x1, y1 + h + 2), line=-2),
    ]
    dropped = [*(w for w in words if w is not tps), *near]
    assert ocr_mod.dropped_words(render.pixels, dropped, 175)
    with ThreadPoolExecutor(max_workers=1) as pool:
        (again,) = ocr_mod._recover_unread(
            engine, pool, [ocr_mod._Reading(render, 0, (), dropped, 0.0)], [175]
        )
    (read,) = [w for w in again.words if w not in dropped]
    assert read.text.startswith("(TPS)"), read.text
    # In place, to within its full stop (a speck alone on white, not read again).
    char = (tps.box[2] - tps.box[0]) / len(tps.text)
    assert abs(read.box[0] - tps.box[0]) < 4 and abs(read.box[2] - tps.box[2]) < char + 4


@pytest.mark.parametrize(
    ("boxes", "expected"),
    [
        ([(10, 0, 20, 10), (18, 2, 30, 12)], [(10, 0, 30, 12)]),  # overlapping: one
        ([(10, 0, 20, 10), (21, 0, 30, 10)], [(10, 0, 20, 10), (21, 0, 30, 10)]),  # apart
        ([(10, 0, 20, 10), (12, 10, 20, 20)], [(10, 0, 20, 10), (12, 10, 20, 20)]),  # rows
        ([(18, 2, 30, 12), (10, 0, 20, 10), (29, 0, 40, 9)], [(10, 0, 40, 12)]),
        # A box of another line between two of one word: the word's still one.
        (
            [(10, 0, 20, 10), (12, 20, 30, 30), (18, 0, 40, 10)],
            [(10, 0, 40, 10), (12, 20, 30, 30)],
        ),
    ],
)
def test_overlapping_dropped_glyph_boxes_are_read_as_one(
    boxes: list[tuple[int, int, int, int]], expected: list[tuple[int, int, int, int]]
) -> None:
    assert ocr_mod._merged_on_rows(boxes) == expected


def test_a_word_dropped_from_a_grid_row_read_as_lines_of_its_cells_is_read_again() -> None:
    engine = ocr_mod.Tesseract.probe()
    if engine is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    cells = [(72.0, 100.0, "57"), (180.0, 100.0, "PAK"), (300.0, 100.0, "202")]
    page = pymupdf.open(stream=make_placed_pdf(cells, fontsize=11))[0]
    render = ocr_mod._render(page, 200, 0)
    words = ocr_mod.parse_hocr(engine.hocr(ocr_mod._pgm(render.pixels), 200))
    (pak,) = [w for w in words if w.text == "PAK"]
    # As Tesseract read a scanned grid: each cell a line of its own, and the
    # citizenship under CTZ, clear print, not at all (measured). Its ink is
    # farther from either neighbour than a line's reach, but on their row.
    kept = [dataclasses.replace(w, line=n) for n, w in enumerate(words) if w.text in ("57", "202")]
    assert len(kept) == 2
    (box,) = ocr_mod.dropped_words(render.pixels, kept, 200)
    assert box[0] - 4 <= pak.box[0] and pak.box[2] <= box[2] + 4
    with ThreadPoolExecutor(max_workers=1) as pool:
        (again,) = ocr_mod._recover_unread(
            engine, pool, [ocr_mod._Reading(render, 0, (), kept, 0.0)], [200]
        )
    (read,) = [w for w in again.words if w.text == "PAK"]
    assert abs(read.box[0] - pak.box[0]) < 4 and abs(read.box[1] - pak.box[1]) < 4


@pytest.mark.parametrize(
    ("spans", "rows"),
    [
        ([(10, 30), (12, 31), (50, 70)], [[0, 1], [2]]),  # side by side, then a row below
        # A chain of tilted lines, each overlapping the next: not one row.
        ([(10, 30), (20, 40), (30, 50)], [[0, 1], [2]]),
        ([(10, 30), (26, 46)], [[0], [1]]),  # a fifth of a line: rows apart
    ],
)
def test_lines_read_apart_on_one_row_are_joined(
    spans: list[tuple[int, int]], rows: list[list[int]]
) -> None:
    lines = [
        [ocr_mod.HocrWord(str(n), 90.0, (10.0 * n, y0, 10.0 * n + 8, y1), (), n, y1 - 2.0)]
        for n, (y0, y1) in enumerate(spans)
    ]
    joined = ocr_mod._side_by_side(lines)
    assert [[int(w.text) for w in row] for row in joined] == rows


def test_short_words_dropped_from_two_tilted_lines_are_read_again_in_place() -> None:
    engine = ocr_mod.Tesseract.probe()
    if engine is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    lines = ["PLACE OF BIRTH  Nowy Targ,   POL", "", "CITIZENSHIP  Poland  IL"]
    page = pymupdf.open(stream=make_pdf(lines, fontsize=11))[0]
    render = ocr_mod._render(page, 200, 0)
    words = ocr_mod.parse_hocr(engine.hocr(ocr_mod._pgm(render.pixels), 200))
    lost = {"POL", "IL"}
    assert lost <= {w.text for w in words}
    # As if the scan were tilted: the line's first word stands a word's height
    # higher than its last, so the line's rows span twice a word's height (the
    # dropped word's ink then filled under half of them, and was passed over).
    kept = []
    for w in words:
        if w.text in lost:
            continue
        if w.text in ("PLACE", "CITIZENSHIP"):
            h = w.box[3] - w.box[1]
            w = dataclasses.replace(w, box=(w.box[0], w.box[1] - h, w.box[2], w.box[3] - h))
        kept.append(w)
    boxes = ocr_mod.dropped_words(render.pixels, kept, 200)
    assert len(boxes) == 2
    with ThreadPoolExecutor(max_workers=1) as pool:
        (again,) = ocr_mod._recover_unread(
            engine, pool, [ocr_mod._Reading(render, 0, (), kept, 0.0)], [200]
        )
    # Both read in one stacked image, each put back where it is printed.
    for text in lost:
        (printed,) = [w for w in words if w.text == text]
        (read,) = [w for w in again.words if w.text == text]
        assert abs(read.box[0] - printed.box[0]) < 4 and abs(read.box[1] - printed.box[1]) < 4
        assert abs(read.baseline - printed.baseline) < 4


def test_a_heading_ocr_parted_at_a_lost_slash_is_no_row_of_column_labels(
    engine: RedactionEngine,
) -> None:
    # "VICTIM(S) / WITNESS(ES)" with its slash lost: two cells, no table header
    # whose columns would make the address under it a witness's name.
    assert form_labels.section_role("VICTIM(S)\tWITNESS (ES)") is Role.UNKNOWN
    assert form_labels.section_role("VICTIM(S) / WITNESS(ES)") is Role.UNKNOWN
    assert form_labels.section_role("SEX\tRACE") is False
    assert form_labels.section_role("NARRATIVE\tPAGE 2") is False
    lines = [
        "VICTIM(S)\tWITNESS (ES)",
        "V1 - COLEMAN, IMANI\tDOB 11-26-1994\tADDR 9187 S CENTRAL PARK AVE #B,",
        "CHICAGO, IL 60638",
    ]
    page = dataclasses.replace(extract_page(pymupdf.open(stream=make_pdf(lines))[0]), ocr=True)
    found = {
        (f.category, page.text[f.start : f.end]) for f in engine.detector.detect([page]).findings
    }
    assert (Category.ADDRESS, "9187 S CENTRAL PARK AVE #B,\nCHICAGO, IL 60638") in found
    assert (Category.PERSON, "S CENTRAL PARK") not in found


# -- scans end to end ----------------------------------------------------------------------


def test_scan_is_read_with_word_boxes_in_page_space(
    engine: RedactionEngine, scanned_report: bytes
) -> None:
    assert engine.ocr is not None
    doc = open_untrusted_pdf(scanned_report, max_pages=5)
    read = read_document(doc, engine.ocr)
    (page,) = read.pages
    info = read.ocr[0]
    assert info.full and info.rotation == 0 and info.engine.startswith("tesseract ")
    assert abs(abs(info.skew) - 0.8) < 0.3
    assert "GARCIA-LOPEZ" in page.text and "Tegucigalpa" in page.text
    # The scan is the page, not a photograph on it.
    assert page.images == ()
    # Boxes land where the text layer of the original had them (within the tilt and padding).
    original = extract_page(pymupdf.open(stream=make_pdf(REPORT_LINES))[0])
    want = next(w for w in original.words if w.text == "Tegucigalpa,")
    got = next(w for w in page.words if w.text.startswith("Tegucigalpa"))
    assert abs(got.rect.x0 - want.rect.x0) < 6 and abs(got.rect.y0 - want.rect.y0) < 8


def _ruled_table_pdf() -> bytes:
    """A table whose cells are closer than a column gap, parted by ruled borders."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    xs = [60.0, 160.0, 222.0, 248.0, 420.0]  # borders: narrow date and age columns
    rows = [
        ["CO-ARRESTEE", "BIRTH DATE", "AGE", "RESIDENCE"],
        ["ALMANZAR, FRANDY", "2000-02-21", "18", "5370 W. Garfield Blvd"],
        ["YUAN, BO", "1977-07-28", "41", "2574 N. Lawndale Ave"],
    ]
    for r, cells in enumerate(rows):
        y = 100 + 16 * r
        for c, cell in enumerate(cells):
            page.insert_text((xs[c] + 2, y + 11), cell, fontsize=10, fontname="cour")
    for x in xs:
        page.draw_line((x, 100), (x, 100 + 16 * len(rows)), width=0.6)
    for r in range(len(rows) + 1):
        page.draw_line((xs[0], 100 + 16 * r), (xs[-1], 100 + 16 * r), width=0.6)
    return doc.tobytes()


def test_a_border_read_as_a_bracket_is_dropped_and_letters_beside_it_are_kept() -> None:
    # Words at x 100-150, 160-210, 220-270; a border 8 px left of each.
    words = ocr_mod.parse_hocr(_hocr_line("[ALIAS", "!L", "28]41"))
    rules = np.array([[92.0, 90.0, 140.0], [152.0, 90.0, 140.0], [245.0, 90.0, 140.0]])
    split = [p.text for w in words for p in ocr_mod._split_at_rules(w, rules)]
    # "!" may be a misread "I": only a mark on the border itself is the border.
    assert split == ["ALIAS", "!L", "28", "41"]
    far = np.array([[60.0, 90.0, 140.0]])  # no border near: nothing changes
    assert [p.text for w in words for p in ocr_mod._split_at_rules(w, far)] == [
        "[ALIAS",
        "!L",
        "28]41",
    ]


def _digits_word(text: str, first: tuple[float, float, float, float]) -> ocr_mod.HocrWord:
    """A word of `text` whose first character box is `first`; the others 10 px
    wide from x 1130 on (the boxes Tesseract gave a value cell's digits)."""
    rest = tuple((1130.0 + 10 * i, 1039.0, 1140.0 + 10 * i, 1055.0) for i in range(len(text) - 1))
    chars = (first, *rest)
    box = (min(c[0] for c in chars), 1037.0, rest[-1][2], 1055.0)
    return ocr_mod.HocrWord(text, 47.0, box, chars, 0, 1055.0)


@pytest.mark.parametrize(
    ("first", "rule_x", "expected"),
    [
        # A sliver of a "1" inside the "2"'s box, a border 7 px to the left
        # (measured on a scan: "ALIEN REG. NO. | 246605650" read "1246605650").
        ((1130.0, 1037.0, 1131.0, 1055.0), 1123.0, ["246605650"]),
        # The same sliver with no border near: as read.
        ((1130.0, 1037.0, 1131.0, 1055.0), 1060.0, ["1246605650"]),
        # A "1" with a stroke of its own beside the "2", a border as near: a digit.
        ((1122.0, 1037.0, 1128.0, 1055.0), 1116.0, ["1246605650"]),
    ],
)
def test_a_digit_with_no_ink_of_its_own_beside_a_border_is_the_border(
    first: tuple[float, float, float, float], rule_x: float, expected: list[str]
) -> None:
    word = _digits_word("1246605650", first)
    rules = np.array([[rule_x, 919.0, 1108.0]])
    assert [p.text for p in ocr_mod._split_at_rules(word, rules)] == expected


def test_the_ruled_borders_of_a_scanned_table_part_its_cells(engine: RedactionEngine) -> None:
    assert engine.ocr is not None
    scan = scan_pdf(_ruled_table_pdf(), seed=64, dpi=150, angle=0.9)
    read = read_document(open_untrusted_pdf(scan.pdf, max_pages=5), engine.ocr)
    assert len(read.ocr[0].confidences) == len(read.pages[0].words)
    lines = read.pages[0].text.splitlines()
    row = next(line for line in lines if "1977" in line)
    # The date, the age and the address are three cells, as on the printed form
    # (a gap narrower than a column gap, but a border between them), and a
    # border read as a mark ("1977-07-28]41") is no part of either cell.
    assert "1977-07-28\t41\t" in row, row
    assert "\t18\t" in next(line for line in lines if "2000" in line)


@pytest.mark.parametrize("policy", ["federal_immigration", "public"])
def test_scanned_report_no_withheld_value_is_found_by_ocr_of_the_output(
    engine: RedactionEngine, scanned_report: bytes, policy: str
) -> None:
    outcome = engine.redact(scanned_report, policy)
    assert outcome.status == "completed"
    assert outcome.reading[0].ocr is True
    assert not any(r.category == "PHOTO" for r in outcome.redactions)
    proposal = engine.propose(scanned_report, engine.policies.get(policy))
    withheld = {
        d.finding.text for d in proposal.decisions if d.action is Action.REDACT and d.finding.text
    }
    withheld |= set(CRITICAL)
    if policy == "federal_immigration":
        withheld |= set(FEDERAL_WITHHELD)
    read = ocr_text(engine, outcome.document)
    assert "retailtheft" in read or policy == "public"  # released text is still read
    leaked = [v for v in withheld if sum(c.isalnum() for c in v) >= 3 and squash(v) in read]
    assert leaked == []
    assert outcome.verification.passed and outcome.verification.checked_boxes > 0


def test_audit_record_says_which_pages_were_ocred(
    client: TestClient, engine: RedactionEngine, scanned_report: bytes
) -> None:
    text_page = make_pdf(["CASE SUPPLEMENT", "Witness statement taken at the station."])
    mixed = pymupdf.open(stream=text_page, filetype="pdf")
    mixed.insert_pdf(pymupdf.open(stream=scanned_report, filetype="pdf"))
    r = post_redaction(client, mixed.tobytes(), accept="application/pdf")
    assert r.status_code == 200, r.text
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert [(p["page"], p["ocr"]) for p in record["pages"]] == [(1, False), (2, True)]
    assert record["engine"]["ocr"] == engine.ocr.info  # type: ignore[union-attr]
    assert record["engine"]["ocr"].startswith("tesseract ")
    assert any(x["page"] == 2 and x["category"] == "A_NUMBER" for x in record["redactions"])


def test_turned_scan_is_read_upright_and_redacted(engine: RedactionEngine) -> None:
    scan = scan_pdf(make_pdf(REPORT_LINES), seed=62, dpi=200, angle=-0.5, turn=90)
    outcome = engine.redact(scan.pdf, "federal_immigration")
    assert outcome.reading[0].ocr and outcome.reading[0].rotation in (90, 270)
    assert {"A_NUMBER", "PLACE_OF_BIRTH", "PERSON"} <= set(outcome.counts)
    # Read the output upright again: no withheld value.
    doc = pymupdf.open(stream=outcome.document, filetype="pdf")
    doc[0].set_rotation(outcome.reading[0].rotation)
    read = ocr_text(engine, doc.tobytes())
    assert "arrestreport" in read
    assert [v for v in [*CRITICAL, *FEDERAL_WITHHELD] if squash(v) in read] == []


def test_pixels_only_covered_fail_verification(
    engine: RedactionEngine, scanned_report: bytes
) -> None:
    # A black box drawn over the scan without removing the pixels under it.
    assert engine.ocr is not None
    page_text = read_document(open_untrusted_pdf(scanned_report, max_pages=5), engine.ocr).pages[0]
    start = page_text.text.index("Tegucigalpa")
    (box,) = page_text.boxes_for_span(start, start + len("Tegucigalpa"))
    doc = pymupdf.open(stream=scanned_report, filetype="pdf")
    doc[0].draw_rect(pymupdf.Rect(box.as_tuple()), color=(0, 0, 0), fill=(0, 0, 0))
    covered = doc.tobytes()
    marks = [RedactionMark(0, box, "MCC 2-173-030")]
    report = verification.verify_redacted(
        covered, marks, ["Tegucigalpa"], [], ocr=engine.ocr, ocr_pages=[page_text]
    )
    assert report.text_under_boxes >= 1
    assert not report.passed
    # Without the OCR pages the cover-up would pass: there is no text to find.
    assert verification.verify_redacted(covered, marks, ["Tegucigalpa"], []).passed


@pytest.mark.parametrize(
    ("shade", "rows", "ink", "expected"),
    [
        # Ink left inside the box where the word lies: under it, faint or not.
        (0, (12, 20), (10, 10, 40, 28), True),
        (180, (12, 20), (10, 10, 40, 28), True),
        # The word read from ink below the box alone (the next line's cut tops,
        # a cell border, in the reading margin), the box blank: not under it.
        (0, (30, 36), (10, 14, 40, 36), False),
        # Light paper grain inside the box is no ink.
        (220, (12, 20), (10, 10, 40, 28), False),
    ],
)
def test_a_word_counts_under_a_box_only_with_ink_inside_it(
    shade: int, rows: tuple[int, int], ink: tuple[int, int, int, int], expected: bool
) -> None:
    pixels = np.full((60, 80), 255, dtype=np.uint8)
    pixels[rows[0] : rows[1], 15:35] = shade
    render = ocr_mod._Render(pixels, pymupdf.Identity, (0.0, 0.0))
    # The box's inside, less its border, in pixels: rows 10 to 28.
    inside = [(8, 10, 50, 28)]
    found = ocr_mod._ink_inside(render, pymupdf.Identity, Rect(*map(float, ink)), inside)
    assert found is expected


# -- photographs ----------------------------------------------------------------------------


def _images(pdf: bytes) -> list[pymupdf.Pixmap]:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    return [pymupdf.Pixmap(doc, xref) for xref, *_ in doc[0].get_images(full=True)]


def test_mugshot_is_removed_from_the_file_bytes(engine: RedactionEngine) -> None:
    pdf = make_pdf_with_image_and_text()
    original = photo_pixmap(int(PHOTO_RECT.width), int(PHOTO_RECT.height)).samples
    source = pymupdf.open(stream=pdf, filetype="pdf")
    (xref, *_) = source[0].get_images(full=True)[0]
    raw_stream = source.xref_stream_raw(xref)
    assert raw_stream in pdf

    federal = engine.redact(pdf, "federal_immigration")
    assert federal.counts.get("PHOTO") == 1
    assert raw_stream not in federal.document
    for pix in _images(federal.document):
        # Whatever image object is left holds no photo: every sample is blank.
        assert set(pix.samples) <= {255}, "photo pixels left in the file"
        assert pix.samples != original

    public = engine.redact(pdf, "public")  # 2.15(a)(i): the arrestee's photo is public
    assert "PHOTO" not in public.counts
    (kept,) = _images(public.document)
    assert kept.samples == original


# -- no Tesseract ---------------------------------------------------------------------------


def test_probe_finds_no_engine_at_a_missing_path() -> None:
    assert ocr_mod.Tesseract.probe("/nonexistent/tesseract") is None
    assert ocr_mod.Tesseract.probe("tesseract", language="xx-none") is None


def test_scan_without_tesseract_is_refused_with_ocr_unavailable(
    client: TestClient,
    engine: RedactionEngine,
    scanned_report: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine, "ocr", None)
    with pytest.raises(OcrUnavailable):
        read_document(open_untrusted_pdf(scanned_report, max_pages=5), None)
    r = post_redaction(client, scanned_report, accept="application/pdf")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "ocr_unavailable"
    assert "GARCIA" not in r.text
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["status"] == "refused" and record["error"]["code"] == "ocr_unavailable"
    # Text pages are still served.
    ok = post_redaction(client, make_pdf(REPORT_LINES), accept="application/pdf")
    assert ok.status_code == 200


def test_service_starts_without_tesseract(
    client: TestClient,
    engine: RedactionEngine,
    settings: Settings,
    api_keys: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The model is the session's (loading it again is slow and not what is tested).
    monkeypatch.setattr("app.main.Detector.load", lambda *a, **k: engine.detector)
    app = create_app(settings.model_copy(update={"tesseract_cmd": "/nonexistent/tesseract"}))
    with TestClient(app, headers=key_header(api_keys["admin"])) as other:
        assert other.get("/readyz").status_code == 200
        assert app.state.engine.ocr is None
        r = post_redaction(other, make_pdf(REPORT_LINES), accept="application/pdf")
        assert r.status_code == 200
        record = other.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
        assert record["engine"]["ocr"] == "unavailable"


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        # A short label two letters off between two labels of a header row: the
        # value under it says which ("181": WGT, not SEX).
        ([("CITIZENSHIP", 95), ("wer", 40), ("EYES", 95)], ["MEXICO", "181", "HAZ"], "WGT"),
        ([("CITIZENSHIP", 95), ("wer", 40), ("EYES", 95)], ["MEXICO", "M", "HAZ"], "SEX"),
        # No value of a label's shape under it, or read with confidence: as read.
        ([("CITIZENSHIP", 95), ("wer", 40), ("EYES", 95)], ["MEXICO", "JONES", "HAZ"], "wer"),
        ([("CITIZENSHIP", 95), ("wer", 92), ("EYES", 95)], ["MEXICO", "181", "HAZ"], "wer"),
        # ... but for a short word in capitals: "BOB" over a date is DOB.
        ([("CTZ", 95), ("BOB", 76), ("EYES", 95)], ["PHL", "2001-11-03", "BLK"], "DOB"),
        ([("CTZ", 95), ("BOB", 76), ("EYES", 95)], ["PHL", "JONES", "BLK"], "BOB"),
        # Not between two labels: a value in a label's value place.
        ([("CITIZENSHIP", 95), ("wer", 40), ("181", 95)], ["MEXICO", "181", "HAZ"], "wer"),
        # A label read as printed stays, though the value under it has another's shape.
        ([("CODE", 95), ("NAME", 95), ("RELATION", 95)], ["OT", "MONTOYA B,", "FATHER"], "NAME"),
    ],
)
def test_a_label_two_letters_off_in_a_header_row_is_known_by_the_value_under_it(
    header: list[tuple[str, float]], values: list[str], expected: str
) -> None:
    top = _cells_line(*header, line=1, y=100.0)
    bottom = _cells_line(*((v, 95.0) for v in values), line=2, y=140.0)
    got = [w.text for w in ocr_mod.correct_labels([*top, *bottom])]
    assert got[1] == expected, got


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A label's slash read as a letter or a bar: the label, as printed.
        ("CITYICOUNTRY OF BIRTH", "CITY/COUNTRY OF BIRTH"),
        ("EYESlHAIR", "EYES/HAIR"),
        ("HGT|WGT", "HGT/WGT"),
        ("CITY\u2018COUNTRY OF BIRTH", "CITY/COUNTRY OF BIRTH"),  # a quote mark
        ("CITY:COUNTRY OF BIRTH", "CITY/COUNTRY OF BIRTH"),  # a colon
        ("SEX:M", "SEX:M"),  # a label and its value
        # ... and one more letter of that word misread.
        ("CITYIGOUNTRY OF BIRTH", "CITY/COUNTRY OF BIRTH"),
        # No label with a slash there, or a label as read: as read.
        ("CITYIGOUNTRY OF ORIGIN", "CITYIGOUNTRY OF ORIGIN"),
        ("CITYICOUNTRY OF ORIGIN", "CITYICOUNTRY OF ORIGIN"),
        ("LIC PLATE", "LIC PLATE"),
        ("ILLINOIS", "ILLINOIS"),
    ],
)
def test_a_label_slash_read_as_a_letter_is_a_slash(cell: str, expected: str) -> None:
    words = ocr_mod.correct_labels(_cells_line((cell, 60), ("249000", 95)))
    texts = [w.text for w in words]
    assert " ".join(texts[: len(cell.split())]) == expected, texts


@pytest.mark.parametrize(
    ("garbled", "ocr", "expected", "age"),
    [
        # A label garbled past recognition in a row of labels on a scan ("Cree" for
        # CTZ): no value of the label before it, whose value is under that label.
        ("Cree", True, ("San Juan, PR", "San Juan, PR"), "AGE"),
        ("wer", True, ("San Juan, PR", "San Juan, PR"), "AGE"),
        # A long one ("JOVENILE," for JUVENILE), and specks read around another label.
        ("JOVENILE,", True, ("San Juan, PR", "San Juan, PR"), "(AGE,"),
        # A label with a speck read as a glyph glued to it ("7ZONE/BEAT").
        ("7CTZ", True, ("San Juan, PR", "San Juan, PR"), "3/0"),
        # On a text page, the cell right of a label is its value, as printed.
        ("Cree", False, ("Cree", None), "AGE"),
        ("7CTZ", False, ("7CTZ", None), "3/0"),
        # A value of digits: a value.
        ("1981", True, ("1981", None), "AGE"),
    ],
)
def test_a_garbled_label_in_a_header_row_is_no_value(
    garbled: str, ocr: bool, expected: tuple[str, str | None], age: str
) -> None:
    labels = ((40.0, "IR NO."), (120.0, "BIRTH DATE"), (220.0, age))
    labels += ((270.0, "CITY/COUNTRY OF BIRTH"), (420.0, garbled))
    values = ((40.0, "249000"), (120.0, "19-FEB-1991"), (220.0, "27"))
    values += ((270.0, "San Juan, PR"), (420.0, "United States"))
    rows = [*[(x, 100.0, t) for x, t in labels], *[(x, 114.0, t) for x, t in values]]
    page = extract_page(pymupdf.open(stream=make_placed_pdf(rows))[0])
    read = dataclasses.replace(page, ocr=ocr)
    found = [
        read.text[v.start : v.end]
        for v in form_labels.find_labelled_values(read)
        if v.spec.category is Category.PLACE_OF_BIRTH
    ]
    assert found[0] == expected[0], found
    assert (expected[1] in found) if expected[1] else True, found


@pytest.mark.parametrize(
    ("end", "glyph", "glyph_x", "expected"),
    [
        # The word's last letter read at the start of another line, over its end.
        ("Mexic", "0", 240.0, ["born", "in", "Mexico", "(Mexican)."]),
        ("MEXIC", "O", 243.0, ["born", "in", "MEXICO", "(Mexican)."]),
        # A glyph after a word space, or no letter: a word of its own.
        ("Mexic", "0", 262.0, ["born", "in", "Mexic", "0", "(Mexican)."]),
        ("Mexic", "7", 240.0, ["born", "in", "Mexic", "7", "(Mexican)."]),
    ],
)
def test_a_words_last_letter_split_onto_another_line_is_the_words(
    end: str, glyph: str, glyph_x: float, expected: list[str]
) -> None:
    words = [
        _word("born", 96, (100.0, 100.0, 150.0, 128.0), 1),
        _word("in", 96, (160.0, 100.0, 180.0, 128.0), 1),
        _word(end, 90, (190.0, 100.0, 250.0, 128.0), 1),
        _word(glyph, 51, (glyph_x, 99.0, glyph_x + 12.0, 127.0), 2),
        _word("(Mexican).", 94, (glyph_x + 22.0, 99.0, glyph_x + 140.0, 127.0), 2),
    ]
    got = ocr_mod.correct_labels(words)
    assert [w.text for w in got] == expected
    merged = (
        next(w for w in got if w.text.upper() == "MEXICO")
        if "MEXICO" in {w.text.upper() for w in got}
        else None
    )
    if merged is not None:
        assert len(merged.chars) == 6 and merged.box[2] == glyph_x + 12.0


STATUS_PHRASES = (
    "naturalized U.S. citizen",
    "previously removed",
    "no legal status",
    "DACA recipient",
    "on parole",
    "TPS",
    "no immigration papers",
    "lawful permanent resident",
    "TPS holder",
    "refugee",
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The letters of a status phrase in order, their spacing or marks garbled.
        ("he was previou: sly removed from the United States.", ["previou: sly removed"]),
        ("STATUS: nolegal status", ["nolegal status"]),
        ("he is a DACA re-cipient", ["DACA re-cipient"]),
        # An "m" read as "rn".
        ("she has no irnmigration papers. She", ["no irnmigration papers"]),
        ("she has no irnrnigration papers. She", ["no irnrnigration papers"]),
        # The article glued to the phrase goes with it.
        ("HE RELATED THAT HE IS ALAWFUL PERMANENT RESIDENT.", ["ALAWFUL PERMANENT RESIDENT"]),
        ("HE ADVISED THAT HE IS ATPS HOLDER.", ["ATPS HOLDER"]),
        ("HE IS BATPS HOLDER.", []),
        # One letter read as one OCR confuses it with ("F" as "P", "G" as "C").
        ("RELATED THAT HE IS A REPUGEE. A DHS RECORDS CHECK", ["REPUGEE"]),
        ("she is a refucee from", ["refucee"]),
        ("HE IS A LAWFUL PERMAXENT RESIDENT.", []),
        ("HE IS A LAWFUL PERMAMENT RESIDENT.", ["LAWFUL PERMAMENT RESIDENT"]),
        # A letter no OCR confusion explains, or an English word one letter off.
        ("she is a refuxee from", []),
        ("he departed the scene", []),
        # Read as written: detection's. Inside longer words, with digits or spread
        # over more marks than a misreading adds, short or about parole: not this.
        ("he was previously removed in 2019", []),
        ("unpreviously removedness", []),
        ("previou 5ly removed", []),
        ("pre - vi - ous - ly - re - mov - ed", []),
        ("released o.n parole", []),
        ("T.P.S.", []),
    ],
)
def test_a_status_phrase_read_with_garbled_spacing_is_found(line: str, expected: list[str]) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    found = ocr_mod.garbled_phrases(page, [90.0] * len(page.words), STATUS_PHRASES)
    assert [page.text[s:e] for s, e in found] == expected
    # A text layer's words (confidence 100) are detection's alone.
    assert ocr_mod.garbled_phrases(page, [100.0] * len(page.words), STATUS_PHRASES) == []


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # Words OCR was unsure of, each one letter off its own, any letter for any.
        ("He stated that he has fo legal statue. He", {"fo", "statue."}, ["fo legal statue"]),
        ("he has no legal statue.", {"statue."}, ["no legal statue"]),
        # Read sure, a word one letter off is another word; two letters off, or
        # no word as written: not the phrase.
        ("he has to legal status", set(), []),
        ("he has fo legal statue.", {"fo"}, []),
        ("he has fo legal stature", {"fo", "stature"}, []),
        ("he has fo lefal statue.", {"fo", "lefal", "statue."}, []),
        ("he has no legal status", {"no"}, []),  # as written: the recognizer's
        (
            "She related that she le saturalized U.S. citizen. A DHS",
            {"saturalized", "citizen."},
            ["saturalized U.S. citizen"],
        ),
    ],
)
def test_a_status_phrase_with_unsure_words_one_letter_off_is_found(
    line: str, unsure: set[str], expected: list[str]
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [60.0 if w.text in unsure else 90.0 for w in page.words]
    found = ocr_mod.garbled_phrases(page, confidences, STATUS_PHRASES)
    assert [page.text[s:e] for s, e in found] == expected


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # Between the article and "national" or "citizen": a nationality, read unsure.
        ("and is a Vi ietnamese national. She", {"ietnamese"}, ["Vi ietnamese"]),
        ("HE IS A MEXI CAN CITIZEN AND", {"CAN"}, ["MEXI CAN"]),
        ("he was a Guatemalen citizen", {"Guatemalen"}, ["Guatemalen"]),
        # Read sure, the recognizers' to judge; small case: no demonym.
        ("and is a Vi ietnamese national. She", set(), []),
        ("she is a senior citizen", {"senior"}, []),
        ("he is a Vi ietnamese trader", {"ietnamese"}, []),
    ],
)
def test_a_nationality_read_unsure_before_national_is_a_nationality(
    line: str, unsure: set[str], expected: list[str]
) -> None:
    assert uncertain_of(line, tuple(unsure), Category.NATIONALITY) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Durango, Mexico and is a Mexic: an national. He", ["Mexic: an"]),
        ("SHE IS A VIETNAM ESE NATIONAL", ["VIETNAM ESE"]),
        # Each word a demonym alone, the first in small case, or a short join: as read.
        ("a Mexican national", []),
        ("the mexic an", []),
        ("Tha i", []),
    ],
)
def test_a_demonym_read_as_two_words_is_a_nationality(line: str, expected: list[str]) -> None:
    demonyms = ("Mexican", "Vietnamese", "Thai", "Guatemalan")
    assert _demonyms_found(ocr_mod.split_demonyms, line, demonyms) == expected


def _demonyms_found(
    finder: Callable[[PageText, list[float], tuple[str, ...]], list[ocr_mod.UncertainValue]],
    line: str,
    demonyms: tuple[str, ...],
) -> list[str]:
    """What `finder` takes for a nationality on `line` read by OCR (all NATIONALITY)."""
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    found = finder(page, [90.0] * len(page.words), demonyms)
    assert {v.category for v in found} <= {Category.NATIONALITY}
    # Text-layer words (confidence 100) are detection's alone.
    assert finder(page, [100.0] * len(page.words), demonyms) == []
    return [page.text[v.start : v.end] for v in found]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("born in Valencia, Venezuela (venezuelan). He", ["venezuelan"]),
        ("she is a salvadoran national", ["salvadoran"]),
        # A small letter of another shape, a short word, or no demonym: as read.
        ("the guatemalan national", []),
        ("he is a thai national", []),
        ("he was charged with theft", []),
        ("a cuban", ["cuban"]),  # five letters
        ("an uzbe", []),  # four: too short to tell
    ],
)
def test_a_demonym_read_with_its_capital_small_is_a_nationality(
    line: str, expected: list[str]
) -> None:
    demonyms = ("Venezuelan", "Salvadoran", "Guatemalan", "Thai", "Cuban", "Uzbe")
    assert _demonyms_found(ocr_mod.small_case_demonyms, line, demonyms) == expected


def test_a_word_box_moves_out_over_ink_it_cuts_and_a_mark_a_hair_apart() -> None:
    pixels = np.full((40, 200), 255, dtype=np.uint8)
    pixels[10:30, 20:60] = 0  # a word's ink, its box 8 px short on the left
    pixels[24:30, 63:65] = 0  # a comma OCR did not read, 3 px after it
    pixels[10:30, 120:160] = 0  # the next word, 55 px on
    words = [
        ocr_mod.HocrWord("Potosi", 96.0, (28.0, 10.0, 60.0, 30.0), (), 1, 28.0, 0.0, 0.0),
        ocr_mod.HocrWord("San", 96.0, (120.0, 10.0, 160.0, 30.0), (), 1, 28.0, 0.0, 0.0),
    ]
    (left, right), (left2, right2) = ocr_mod._ink_ends(words, pixels)
    assert left == 20 and right == 65
    assert (left2, right2) == (120.0, 160.0)  # its box is its ink: as read
    # Never past the next word's box, however close its ink.
    pixels[10:30, 66:70] = 0
    words[1] = ocr_mod.HocrWord("San", 96.0, (68.0, 10.0, 100.0, 30.0), (), 1, 28.0, 0.0, 0.0)
    (_, right), _ = ocr_mod._ink_ends(words, pixels)
    assert right == 68


@pytest.mark.parametrize(("first_char_px", "left"), [(1.0, 44.0), (10.0, 50.0)])
def test_a_word_whose_end_character_box_is_a_sliver_reaches_two_characters_out(
    first_char_px: float, left: float
) -> None:
    # "A LAWFUL" read as one word "ALAWFUL", its "A" a 1 px box at the "L": the "A"
    # ink stands a space further out than one character's reach.
    pixels = np.full((40, 200), 255, dtype=np.uint8)
    pixels[10:30, 44:54] = 0  # the "A", 6 px before the box
    pixels[10:30, 60:130] = 0  # the rest of the word, under its box
    chars = ((60.0, 10.0, 60.0 + first_char_px, 30.0), (60.0, 10.0, 70.0, 30.0))
    word = ocr_mod.HocrWord("ALAWFUL", 90.0, (60.0, 10.0, 130.0, 30.0), chars, 1, 28.0, 0.0, 0.0)
    ((got, _),) = ocr_mod._ink_ends([word], pixels)
    assert got == left


def test_a_nationality_the_document_names_read_a_letter_off_is_that_nationality() -> None:
    page = extract_page(
        pymupdf.open(stream=make_pdf(["She is a Guatemaian national. Ms. Roland Guatemalan"]))[0]
    )
    found = ocr_mod.nationality_misreadings(page, [90.0] * len(page.words), {"Guatemalan"})
    assert [page.text[v.start : v.end] for v in found] == ["Guatemaian"]
    # Text-layer words are detection's; short words are not searched for.
    assert ocr_mod.nationality_misreadings(page, [100.0] * len(page.words), {"Guatemalan"}) == []
    assert ocr_mod.nationality_misreadings(page, [90.0] * len(page.words), {"Thai"}) == []
    # Two letters off: only a long word read unsure.
    page = extract_page(
        pymupdf.open(stream=make_pdf(["An Eouadocian consular card. Ms. Eouadocian"]))[0]
    )
    unsure = [22.0 if k == 1 else 90.0 for k in range(len(page.words))]
    found = ocr_mod.nationality_misreadings(page, unsure, {"Ecuadorian"})
    assert [(v.start, page.text[v.start : v.end]) for v in found] == [(3, "Eouadocian")]


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # A passport's country code in parentheses garbled past a code, read unsure.
        ("PPT#: S7370955B (PH Lb)", ("(PH", "Lb)"), ["PH Lb"]),
        # Read sure, a number, too long, or no passport on the line: as read.
        ("PPT#: S7370955B (PH Lb)", (), []),
        ("PPT#: S7370955B (1998)", ("(1998)",), []),
        ("PPT#: S7370955B (expired long ago)", ("(expired", "ago)"), []),
        ("NAME: DOE, J (PH Lb)", ("(PH", "Lb)"), []),
    ],
)
def test_a_passport_country_code_garbled_in_parentheses_is_a_nationality(
    line: str, unsure: tuple[str, ...], expected: list[str]
) -> None:
    assert uncertain_of(line, unsure, Category.NATIONALITY) == expected


@pytest.mark.parametrize(
    ("tokens", "plate"),
    [(["€731503,"], True), (["$22114"], True), (["C731503"], True), (["€€€"], False)],
)
def test_a_plate_is_whole_once_its_misread_letters_are_folded(
    tokens: list[str], plate: bool
) -> None:
    # "€" for C cannot be drawn by the test PDFs' font, so the shape is asked directly.
    assert ocr_mod._plate_shape(tokens) is plate


@pytest.mark.parametrize(
    ("header", "unsure", "expected"),
    [
        # CTZ garbled into another label, read unsure: the country under it.
        ("RD #\tBIRTHPLACE\tDOB", {"RD", "#"}, ["PHL"]),
        # Read sure, it is that label; a label whose value may be a country: as read.
        ("RD #\tBIRTHPLACE\tDOB", set(), []),
        ("ARREST LOCATION\tBIRTHPLACE\tDOB", {"ARREST", "LOCATION"}, []),
    ],
)
def test_a_country_under_a_label_whose_value_is_never_a_country_is_a_citizenship(
    header: str, unsure: set[str], expected: list[str]
) -> None:
    lines = [header, "PHL\tBatangas City (Batangas), Philippines\t17 Jul 1995"]
    page = extract_page(pymupdf.open(stream=make_pdf(lines))[0])
    confidences = [40.0 if w.text in unsure else 90.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.NATIONALITY and v.start < page.text.index("\tBatangas")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("line", "unsure", "expected"),
    [
        # "CTZ - U.S." read "CIA eS] U.S": a garbled label and its dash, a country.
        ("POB - ROCKFORD, IL\tCIA eS] U.S", {"CIA", "eS]", "U.S"}, "U.S"),
        ("POB - ROCKFORD, IL\tCIA U.S", {"CIA", "U.S"}, "U.S"),
        ("POB: Gary, IN, USA\tCIT. U8.", {"CIT.", "U8."}, "U8."),  # its S read as an 8
        # The country read sure, the first word read sure, or no country: as read.
        ("POB - ROCKFORD, IL\tCIA eS] U.S", {"CIA", "eS]"}, None),
        ("POB - ROCKFORD, IL\tMAP OF MEXICO", {"MEXICO"}, None),
        ("POB - ROCKFORD, IL\tCIA eS] ROCK", {"CIA", "eS]", "ROCK"}, None),
    ],
)
def test_a_country_after_a_garbled_label_in_its_cell_is_the_citizenship(
    line: str, unsure: set[str], expected: str | None
) -> None:
    page = extract_page(pymupdf.open(stream=make_pdf([line]))[0])
    confidences = [20.0 if w.text in unsure else 90.0 for w in page.words]
    found = [
        page.text[v.start : v.end]
        for v in ocr_mod.uncertain_label_values(page, confidences)
        if v.category is Category.NATIONALITY
    ]
    assert found == ([] if expected is None else [expected])
