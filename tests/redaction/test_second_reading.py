"""A scan read twice: what detection finds on either reading is withheld.

The merge is tested on a text page's geometry (no Tesseract); the end-to-end
test reads a real scan with Tesseract, with the first reading made to miss a
line (as OCR sometimes reads nothing of a value), once with the second reading
and once without it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import pymupdf
import pytest

from app.redaction import ocr as ocr_mod
from app.redaction.detection import Detection
from app.redaction.pdf_text import extract_page
from app.redaction.pipeline import RedactionEngine
from app.redaction.second_reading import merged
from app.redaction.types import Category, Finding, PageText, Rect, Role
from benchmarks.scanned import scan_pdf
from tests.conftest import REPORT_LINES, squash
from tests.pdfs import make_pdf

LINES = [
    "POB: Tegucigalpa, Honduras",
    "A# 212-345-678",
    "NAME: GARCIA-LOPEZ, Juan",
    "he was born in El",
    "Progreso Departamento de Yoro, Honduras.",
]


@pytest.fixture(scope="module")
def page() -> PageText:
    return extract_page(pymupdf.open(stream=make_pdf(LINES))[0])


def finding_of(page: PageText, value: str, category: Category, detector: str) -> Finding:
    start = page.text.index(value)
    end = start + len(value)
    return Finding(
        category, Role.UNKNOWN, 0, start, end, page.boxes_for_span(start, end), 0.9, detector, value
    )


def moved(f: Finding, dx: float) -> Finding:
    """The same finding with its boxes shifted, as another reading places them."""
    return dataclasses.replace(
        f, boxes=tuple(Rect(b.x0 + dx, b.y0, b.x1 + dx, b.y1) for b in f.boxes)
    )


POB = ("Tegucigalpa, Honduras", Category.PLACE_OF_BIRTH)
LONG_POB = "Progreso Departamento de Yoro, Honduras"
TWO_LINES_POB = ("El\nProgreso Departamento de Yoro, Honduras", Category.PLACE_OF_BIRTH)
ANUM = ("212-345-678", Category.A_NUMBER)
NAME = ("GARCIA-LOPEZ, Juan", Category.PERSON)


@pytest.mark.parametrize(
    ("first", "second", "scanned", "added"),
    [
        # Found by both readings: nothing added, even a point or two apart.
        ([POB, ANUM], [(POB, 1.5)], {0}, []),
        # Found by the second reading only: added.
        ([ANUM], [(POB, 0.0)], {0}, [Category.PLACE_OF_BIRTH]),
        # The same place found as another category: added (the policy may treat
        # the two differently; the stricter decision is burnt in).
        ([(POB[0], Category.ADDRESS)], [(POB, 0.0)], {0}, [Category.PLACE_OF_BIRTH]),
        # On a page that was not read twice (a text page): never added.
        ([ANUM], [(POB, 0.0)], set(), []),
        # Found twice by the second reading (a label rule and a recognizer): once.
        ([], [(ANUM, 0.0), (ANUM, 0.5)], {0}, [Category.A_NUMBER]),
        # Found longer by the second reading, on two lines where the first found
        # the longer line's part only: added, though most of its area was found.
        ([(LONG_POB, Category.PLACE_OF_BIRTH)], [(TWO_LINES_POB, 0.0)], {0}, [POB[1]]),
        # Found longer by the second reading on one line, its end a word the first
        # read and left out (most of the one box found): added.
        ([("GARCIA-LOPEZ,", Category.PERSON)], [(NAME, 0.0)], {0}, [Category.PERSON]),
        ([NAME], [(("GARCIA-LOPEZ,", Category.PERSON), 0.5)], {0}, []),  # shorter: no
    ],
)
def test_the_second_readings_findings_are_added_where_the_first_found_nothing(
    page: PageText,
    first: list[tuple[str, Category]],
    second: list[tuple[tuple[str, Category], float]],
    scanned: set[int],
    added: list[Category],
) -> None:
    a = Detection(tuple(finding_of(page, v, c, "first") for v, c in first), False)
    b = Detection(
        tuple(moved(finding_of(page, v, c, "second"), dx) for (v, c), dx in second), False
    )
    out = merged(a, b, [page], scanned)
    assert out.findings[: len(a.findings)] == a.findings
    extra = out.findings[len(a.findings) :]
    assert [f.category for f in extra] == added
    assert all(f.detector == "second_reading:second" for f in extra)


def test_an_added_finding_takes_in_the_first_readings_words_under_it(page: PageText) -> None:
    # The second reading placed the value 3 pt to the right of where the first
    # read its words: the box grows over the first reading's words, and the
    # span is theirs, so verification finds no half-covered word beside it.
    f = moved(finding_of(page, "212-345-678", Category.A_NUMBER, "a_number"), 3.0)
    out = merged(Detection((), False), Detection((f,), False), [page], {0})
    (added,) = out.findings
    word = next(w for w in page.words if w.text == "212-345-678")
    assert added.boxes[0].x0 <= word.rect.x0 and added.boxes[0].x1 >= word.rect.x1 + 3.0
    assert page.text[added.start : added.end] == "212-345-678"
    assert added.text == "212-345-678"


def test_a_value_the_first_reading_did_not_read_keeps_its_boxes_and_an_empty_span(
    page: PageText,
) -> None:
    # Where the first reading has no word at all (below the last line here).
    below = Rect(60.0, 700.0, 120.0, 712.0)
    f = Finding(Category.NATIONALITY, Role.UNKNOWN, 0, 0, 4, (below,), 0.8, "ocr", "U.S.")
    out = merged(Detection((), False), Detection((f,), False), [page], {0})
    (added,) = out.findings
    assert added.boxes == (below,)
    assert added.start == added.end == len(page.text)


@pytest.mark.parametrize(("first", "second"), [(False, True), (True, False), (True, True)])
def test_whether_the_record_is_a_juveniles_is_the_first_readings_call(
    page: PageText, first: bool, second: bool
) -> None:
    f = finding_of(page, "212-345-678", Category.A_NUMBER, "a_number")
    for found in ((), (f,)):  # with and without a finding added
        out = merged(Detection((), first), Detection(found, second), [page], {0})
        assert out.juvenile is first


# -- with Tesseract ----------------------------------------------------------------------


def _without_birthplace_line(real: Any) -> Any:
    """`_upright_readings` whose readings lack the line that holds the birthplace,
    as when OCR reads nothing of it; the second reading is left alone."""

    def reading(*args: Any) -> list[Any]:
        out = []
        for rd in real(*args):
            lines = {w.line for w in rd.words if "tegucigalpa" in w.text.casefold()}
            out.append(dataclasses.replace(rd, words=[w for w in rd.words if w.line not in lines]))
        return out

    return reading


def _read_back(engine: RedactionEngine, pdf: bytes) -> str:
    assert engine.ocr is not None
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    return squash(
        " ".join(w.text for p in ocr_mod.ocr_pages(engine.ocr, list(doc)) for w in p.words)
    )


@pytest.mark.parametrize("second_reading", [True, False])
def test_a_birthplace_the_first_reading_missed_is_withheld_by_the_second(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, second_reading: bool
) -> None:
    scan = scan_pdf(make_pdf(REPORT_LINES), seed=63, dpi=200, angle=0.6).pdf
    assert engine.ocr is not None
    monkeypatch.setattr(engine.ocr, "second_reading", second_reading)
    monkeypatch.setattr(
        ocr_mod, "_upright_readings", _without_birthplace_line(ocr_mod._upright_readings)
    )
    outcome = engine.redact(scan, "federal_immigration")
    monkeypatch.undo()  # the output is read back as it is
    assert outcome.status == "completed" and outcome.verification.passed
    read = _read_back(engine, outcome.document)
    assert "arrestreport" in read  # the page is still read
    pob = [r for r in outcome.redactions if r.category == "PLACE_OF_BIRTH"]
    if second_reading:
        assert "tegucigalpa" not in read and "honduras" not in read
        assert pob and all(r.detector.startswith("second_reading:") for r in pob)
    else:
        # The control: without the second reading the missed line stays (so the
        # first reading really missed it, and the test above can fail).
        assert "tegucigalpa" in read and not pob


def _pages_read(result: Sequence[tuple[ocr_mod.PageOcr, ocr_mod.PageOcr]]) -> list[str]:
    return [" ".join(w.text for w in p.words) for pair in result for p in pair]


def _words(page: ocr_mod.PageOcr) -> list[tuple[str, float, tuple[float, ...], int]]:
    return [(w.text, w.conf, w.rect.as_tuple(), w.line) for w in page.words]


@pytest.mark.parametrize("turn", [0, 90])
def test_read_twice_the_first_reading_is_the_one_reading(
    engine: RedactionEngine, turn: int
) -> None:
    # Both readings' bands share one run of the pool (and a turned page's second
    # reading is redone turned): the first must still be exactly what one reading
    # gives, word for word and box for box.
    assert engine.ocr is not None
    scan = scan_pdf(make_pdf(REPORT_LINES), seed=65, dpi=175, angle=0.9, turn=turn)
    doc = pymupdf.open(stream=scan.pdf, filetype="pdf")
    ((first, second),) = ocr_mod.ocr_pages_twice(engine.ocr, [doc[0]])
    (alone,) = ocr_mod.ocr_pages(engine.ocr, [doc[0]])
    assert first.rotation == second.rotation == alone.rotation
    assert (first.rotation != 0) == (turn != 0)
    assert len(first.words) > 20
    assert _words(first) == _words(alone)
    assert _words(second) != _words(first)  # the second is a reading of its own


def test_the_second_reading_reads_a_turned_page_upright_as_the_first(
    engine: RedactionEngine,
) -> None:
    assert engine.ocr is not None
    scan = scan_pdf(make_pdf(REPORT_LINES), seed=64, dpi=200, angle=0.4, turn=180)
    doc = pymupdf.open(stream=scan.pdf, filetype="pdf")
    ((first, second),) = ocr_mod.ocr_pages_twice(engine.ocr, [doc[0]])
    assert first.rotation == second.rotation == 180
    first_text, second_text = (squash(t) for t in _pages_read([(first, second)]))
    for value in ("arrestreport", "212-345-678", "tegucigalpa"):
        assert value in first_text and value in second_text


def test_the_second_readings_threshold_is_the_whole_pages_so_a_blank_band_stays_white() -> None:
    # A page of print on top and paper with sensor noise below: Otsu's level
    # of the blank half alone falls inside the noise, the page's does not.
    rng = np.random.default_rng(5)
    pixels = np.clip(rng.normal(245, 6, (400, 300)), 0, 255).astype(np.uint8)
    pixels[20:180:10, 20:280] = rng.integers(0, 60, (16, 260), dtype=np.uint8)  # print
    blank = pixels[200:]
    assert ocr_mod.otsu_level(blank) > 200  # the trap: a level inside the noise
    level = ocr_mod.otsu_level(pixels)
    assert level < 200
    render = ocr_mod._Render(pixels=pixels, matrix=pymupdf.Matrix(1, 1), origin=(0.0, 0.0))
    out = ocr_mod.binarized(render).pixels
    assert set(np.unique(out)) <= {0, 255}
    assert (out[200:] == 255).all()  # no speckle where there is no print
    assert (out[20:180:10, 20:280] == 0).all()  # the print is black


@pytest.mark.parametrize(
    ("first_role", "second_role", "added"),
    [
        # The second reading gives the value another role: added (the policy may
        # keep the one and withhold the other; the stricter decision is burnt in).
        (Role.ARRESTEE, Role.RELATIVE, True),
        (Role.ARRESTEE, Role.ARRESTEE, False),
        # A second reading's finding of no role adds nothing where one was found.
        (Role.ARRESTEE, Role.UNKNOWN, False),
        (Role.UNKNOWN, Role.WITNESS, True),
    ],
)
def test_a_value_the_second_reading_gives_another_role_is_added(
    page: PageText, first_role: Role, second_role: Role, added: bool
) -> None:
    name = finding_of(page, NAME[0], Category.PERSON, "first")
    a = Detection((dataclasses.replace(name, role=first_role),), False)
    b = Detection((dataclasses.replace(moved(name, 0.5), role=second_role),), False)
    out = merged(a, b, [page], {0})
    assert [f.role for f in out.findings[1:]] == ([second_role] if added else [])
