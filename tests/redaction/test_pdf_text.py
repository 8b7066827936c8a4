"""extract_page / extract_pages: words, lines, char boxes, rotation, hidden text."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from app.redaction.errors import UnreadablePage
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import _normalize_char, extract_page, extract_pages
from app.redaction.types import PageText, Rect
from tests import pdfs

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _page_text(data: bytes, page: int = 0) -> tuple[PageText, pymupdf.Document]:
    doc = open_untrusted_pdf(data, max_pages=20)
    return extract_page(doc[page]), doc


def _word(pt: PageText, text: str) -> int:
    return next(i for i, w in enumerate(pt.words) if w.text == text)


def test_lines_words_and_offsets() -> None:
    pt, _ = _page_text(pdfs.make_pdf(["NAME: GARCIA-LOPEZ, Juan Carlos", "DOB: 03/14/1991"]))
    assert pt.text == "NAME: GARCIA-LOPEZ, Juan Carlos\nDOB: 03/14/1991"
    assert [w.text for w in pt.words] == [
        "NAME:",
        "GARCIA-LOPEZ,",
        "Juan",
        "Carlos",
        "DOB:",
        "03/14/1991",
    ]
    for word, start in zip(pt.words, pt.word_starts, strict=True):
        assert pt.text[start : start + len(word.text)] == word.text
        assert len(word.char_rects) == len(word.text)
    assert [pt.text[ln.start : ln.end] for ln in pt.lines] == [
        "NAME: GARCIA-LOPEZ, Juan Carlos",
        "DOB: 03/14/1991",
    ]
    assert [(ln.first_word, ln.end_word) for ln in pt.lines] == [(0, 4), (4, 6)]
    assert pt.words[5].line == 1
    assert (pt.width, pt.height) == pdfs.LETTER


def test_word_boxes_match_search_for() -> None:
    data = pdfs.make_pdf(["NAME: GARCIA-LOPEZ, Juan Carlos", "DOB: 03/14/1991"], fontsize=12)
    pt, doc = _page_text(data)
    page = doc[0]
    for word in pt.words:
        (found,) = page.search_for(word.text)
        # Same horizontal extent; vertically our box is the tight one-em box
        # (search_for uses the font's full ascender/descender box).
        assert word.rect.x0 == pytest.approx(found.x0, abs=0.01)
        assert word.rect.x1 == pytest.approx(found.x1, abs=0.01)
        assert found.y0 <= word.rect.y0 < word.rect.y1 <= found.y1
        assert word.rect.height == pytest.approx(12, abs=0.01)
        # Char boxes tile the word from left to right.
        xs = [r.x0 for r in word.char_rects]
        assert xs == sorted(xs)
        assert Rect.enclosing(word.char_rects) == word.rect


def test_boxes_of_adjacent_lines_do_not_overlap() -> None:
    # 10 pt type on 11 pt leading: MuPDF's default boxes (about 13.7 pt tall)
    # overlap; the tight ones must not, or a box on one line hits the other.
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Ãgjpqy upper line", fontsize=10)
    page.insert_text((72, 111), "ÉÀÔ lower line gy", fontsize=10)
    pt = extract_page(page)
    upper = Rect.enclosing(w.rect for w in pt.words if w.line == 0)
    lower = Rect.enclosing(w.rect for w in pt.words if w.line == 1)
    assert upper.y1 <= lower.y0
    assert pt.text == "Ãgjpqy upper line\nÉÀÔ lower line gy"


def test_boxes_for_span_gives_one_tight_box_per_line() -> None:
    pt, _ = _page_text(pdfs.make_pdf(["MATRICULA #7287500082; A# 237", "second line"]))
    start = pt.text.index("7287500082")
    (box,) = pt.boxes_for_span(start, start + 10)
    hash_sign = pt.words[1].char_rects[0]
    semicolon = pt.words[1].char_rects[-1]
    assert box.x0 == pytest.approx(hash_sign.x1)
    assert box.x1 == pytest.approx(semicolon.x0)
    start = pt.text.index("237")
    boxes = pt.boxes_for_span(start, len(pt.text))
    assert len(boxes) == 2


def test_column_gap_becomes_a_tab() -> None:
    pt, _ = _page_text(pdfs.make_pdf(["NAME: Juan Carlos\tDOB: 03/14/1991", "word  word"]))
    # Two columns on one baseline: one line, joined by a tab; a double space
    # in running text stays a word gap.
    assert pt.text == "NAME: Juan Carlos\tDOB: 03/14/1991\nword word"
    assert len(pt.lines) == 2


def test_words_from_different_blocks_on_one_baseline_form_one_line() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    # Drawn right column first, bottom line first: reading order is geometric.
    page.insert_text((300, 120), "second-right", fontsize=10)
    page.insert_text((72, 120), "second-left", fontsize=10)
    page.insert_text((300, 100), "first-right", fontsize=10)
    page.insert_text((72, 100), "first-left", fontsize=10)
    pt = extract_page(page)
    assert pt.text == "first-left\tfirst-right\nsecond-left\tsecond-right"


def test_superscript_size_label_on_the_same_baseline_is_a_new_field() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Montes-Jurado", fontsize=10)
    end = 72 + pymupdf.get_text_length("Montes-Jurado", fontsize=10)
    page.insert_text((end + 10, 100), "SEX: M", fontsize=6)
    pt = extract_page(page)
    assert pt.text == "Montes-Jurado\tSEX: M"


def test_small_label_top_aligned_with_its_value_is_one_line() -> None:
    # A ruled form sets the small-print label and the larger value at the top of
    # one cell: their baselines differ by about a quarter of the value's height.
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((40, 466), "PLACE OF BIRTH", fontsize=7.5)
    page.insert_text((160, 468.5), "Tlaquepaque, Jalisco, Mexico", fontsize=11)
    page.insert_text((40, 446), "SCARS / MARKS / TATTOOS", fontsize=7.5)
    page.insert_text((160, 448.5), "TATTOO NECK - PANTHER", fontsize=11)
    pt = extract_page(page)
    assert pt.text == (
        "SCARS / MARKS / TATTOOS\tTATTOO NECK - PANTHER\n"
        "PLACE OF BIRTH\tTlaquepaque, Jalisco, Mexico"
    )


@pytest.mark.parametrize("rotation", [0, 90])
def test_a_cell_border_between_two_words_is_a_column_break(rotation: int) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    # A turned page with its text upright on screen: draw in screen coordinates.
    page.set_rotation(rotation)
    m = page.derotation_matrix
    # The first cell's value runs up to its border: a word gap wide, no more.
    end = 40 + pymupdf.get_text_length("Chicago Police Department", fontsize=11)
    page.draw_rect(pymupdf.Rect(38, 150, end + 4, 176) * m, width=0.5)
    page.draw_rect(pymupdf.Rect(end + 4, 150, 380, 176) * m, width=0.5)
    # Without a border, the same gap is a word space.
    for y in (170, 300):
        page.insert_text(
            pymupdf.Point(40, y) * m, "Chicago Police Department", fontsize=11, rotate=rotation
        )
        page.insert_text(
            pymupdf.Point(end + 8, y) * m, "Midway Auto Body", fontsize=11, rotate=rotation
        )
    pt = extract_page(page)
    assert pt.text.split("\n") == [
        "Chicago Police Department\tMidway Auto Body",
        "Chicago Police Department Midway Auto Body",
    ]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_boxes_are_unrotated_and_order_is_as_displayed(rotation: int) -> None:
    lines = ["ARREST REPORT", "NAME: GARCIA-LOPEZ, Juan Carlos", "DOB: 03/14/1991"]
    data = pdfs.make_landscape_rotated_pdf(lines, rotation=rotation)
    pt, doc = _page_text(data)
    page = doc[0]
    assert page.rotation == rotation
    assert pt.text == "\n".join(lines)
    # Unrotated page space: the page is 612 wide and 792 high whatever /Rotate says.
    assert (pt.width, pt.height) == pdfs.LETTER
    word = pt.words[_word(pt, "GARCIA-LOPEZ,")]
    (found,) = page.search_for("GARCIA-LOPEZ,")
    # search_for works in unrotated space too; our box lies within its box and
    # shares the extent along the writing direction.
    assert found.contains(pymupdf.Rect(word.rect.as_tuple()))
    if rotation in (90, 270):
        assert word.rect.height == pytest.approx(found.height, abs=0.01)
    else:
        assert word.rect.width == pytest.approx(found.width, abs=0.01)
    # And the box is what add_redact_annot needs: it removes exactly that word.
    page.add_redact_annot(pymupdf.Rect(word.rect.as_tuple()))
    page.apply_redactions()
    after = page.get_text()
    assert "GARCIA-LOPEZ" not in after
    assert "Juan Carlos" in after
    assert "ARREST REPORT" in after
    assert "03/14/1991" in after


def test_page_rotated_without_turning_the_text() -> None:
    # /Rotate 90 on text drawn upright in unrotated space: it runs down the
    # screen. Boxes still match the unrotated text.
    pt, doc = _page_text(pdfs.make_pdf(["first line", "second line"], rotation=90))
    assert sorted(pt.text.split("\n")) == ["first line", "second line"]
    (found,) = doc[0].search_for("second")
    word = pt.words[_word(pt, "second")]
    assert word.rect.x0 == pytest.approx(found.x0, abs=0.01)
    assert word.rect.x1 == pytest.approx(found.x1, abs=0.01)


def test_hidden_text_is_extracted() -> None:
    pt, _ = _page_text(pdfs.make_hidden_text_pdf())
    for value in pdfs.HIDDEN_TEXT_VALUES.values():
        assert value in pt.text
    offpage = pt.words[_word(pt, "Cornelius")]
    assert offpage.rect.x1 < 0
    below = pt.words[_word(pt, "Wilhelmina")]
    assert below.rect.y0 > pdfs.LETTER[1]


def test_images_are_listed() -> None:
    pt, _ = _page_text(pdfs.make_pdf_with_image_and_text())
    assert pt.images == (Rect(*pdfs.PHOTO_RECT),)
    assert "GARCIA-LOPEZ" in pt.text


@pytest.mark.parametrize(
    "make",
    [pdfs.make_image_only_pdf, pdfs.make_vector_text_pdf],
    ids=["scan", "outlined-text"],
)
def test_page_without_text_layer_is_unreadable(make: object) -> None:
    assert callable(make)
    doc = open_untrusted_pdf(make(), max_pages=5)
    with pytest.raises(UnreadablePage):
        extract_page(doc[0])
    with pytest.raises(UnreadablePage):
        extract_pages(doc)


def test_scan_with_only_a_stamp_is_unreadable() -> None:
    doc = open_untrusted_pdf(pdfs.make_image_only_pdf(), max_pages=5)
    page = doc[0]
    page.insert_text((500, 770), "BATES 000123", fontsize=8)
    with pytest.raises(UnreadablePage):
        extract_page(page)


def test_scan_with_ocr_layer_is_read() -> None:
    pt, _ = _page_text(pdfs.make_scan_with_ocr_layer_pdf())
    assert "GARCIA-LOPEZ, Juan Carlos" in pt.text
    assert len(pt.images) == 1


@pytest.mark.parametrize("border", [False, True])
def test_blank_page_is_empty_not_unreadable(border: bool) -> None:
    pt, _ = _page_text(pdfs.make_blank_pdf(with_border=border))
    assert pt.text == ""
    assert pt.words == ()
    assert pt.lines == ()


def test_fullwidth_characters_are_normalized() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "ＧＡＲＣＩＡ　Lopez", fontname="china-s", fontsize=10)
    pt = extract_page(page)
    assert pt.text == "GARCIA Lopez"
    assert len(pt.words[0].char_rects) == 6


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
def test_ligature_is_expanded_with_aligned_boxes() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Oﬃcer", fontname="dejavu", fontfile=str(DEJAVU), fontsize=10)
    pt = extract_page(page)
    assert pt.text == "Officer"
    word = pt.words[0]
    assert len(word.char_rects) == 7
    # The three letters of the ligature share its box in equal parts.
    f1, f2, i = word.char_rects[1:4]
    assert f1.x1 == pytest.approx(f2.x0)
    assert f2.x1 == pytest.approx(i.x0)
    assert f1.width == pytest.approx(i.width)


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("\u00a0", " "),  # no-break space
        ("\u2009", " "),  # thin space
        ("\u200b", ""),  # zero-width space
        ("\u00ad", ""),  # soft hyphen
        ("\ufb01", "fi"),
        ("Ａ", "A"),
        ("é", "é"),
        ("\x07", ""),
    ],
)
def test_normalize_char(char: str, expected: str) -> None:
    assert _normalize_char(char) == expected


def test_enclosing_is_the_union_of_every_rect() -> None:
    rng = random.Random(5)
    for _ in range(200):
        rects = [
            Rect(x, y, x + rng.uniform(-1, 30), y + rng.uniform(-1, 12))
            for x, y in (
                (rng.uniform(0, 600), rng.uniform(0, 800)) for _ in range(rng.randint(1, 9))
            )
        ]
        union = rects[0]
        for r in rects[1:]:
            union = union.union(r)
        assert Rect.enclosing(iter(rects)) == union
    with pytest.raises(ValueError):
        Rect.enclosing([])
