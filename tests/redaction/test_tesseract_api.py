"""Tesseract's library in process (tesserocr) reads as the tesseract command does.

`make ocr` builds tesserocr against Debian's libtesseract, so these tests
expect it; a machine without it fails here instead of silently running the
command for every band.
"""

from __future__ import annotations

import os

import numpy as np
import pymupdf
import pytest

from app.redaction import ocr as ocr_mod
from app.redaction.errors import RedactionFailed
from app.redaction.tesseract_api import TesseractLibrary
from benchmarks.scanned import scan_pdf
from tests.conftest import REPORT_LINES
from tests.pdfs import make_pdf


@pytest.fixture(scope="module")
def engines() -> tuple[ocr_mod.Tesseract, ocr_mod.Tesseract]:
    """The engine with the library, and the same engine running the command."""
    with_library = ocr_mod.Tesseract.probe()
    command = ocr_mod.Tesseract.probe(in_process=False)
    if with_library is None or command is None:
        pytest.fail("Tesseract is not installed: run `make ocr`")
    if with_library.library is None:
        pytest.fail("tesserocr (built against Debian's libtesseract) is missing: run `make ocr`")
    assert command.library is None
    return with_library, command


@pytest.fixture(scope="module")
def band() -> tuple[bytes, int]:
    """The top half of a noisy, tilted 150 dpi scan, as the readings cut it."""
    scan = scan_pdf(make_pdf(REPORT_LINES), seed=71, dpi=150, angle=1.1)
    page = pymupdf.open(stream=scan.pdf, filetype="pdf")[0]
    dpi = ocr_mod.page_dpi(page)
    pixels = ocr_mod._render(page, dpi, 0).pixels
    (y0, y1), *_ = ocr_mod._bands(pixels)
    return ocr_mod._pgm(pixels[y0:y1]), dpi


def _reading(hocr: str) -> list[tuple[object, ...]]:
    return [
        (w.text, w.conf, w.box, w.chars, w.baseline, w.line)
        for w in ocr_mod.parse_hocr(hocr, page_slope=0.0)
    ]


@pytest.mark.parametrize(
    ("threshold", "psm"), [(ocr_mod.SAUVOLA, 3), (ocr_mod.OTSU, 3), (ocr_mod.SAUVOLA, 6)]
)
def test_the_library_reads_every_word_box_and_confidence_as_the_command(
    engines: tuple[ocr_mod.Tesseract, ocr_mod.Tesseract],
    band: tuple[bytes, int],
    threshold: int,
    psm: int,
) -> None:
    image, dpi = band
    library, command = (e.with_threshold(threshold) for e in engines)
    read = _reading(library.hocr(image, dpi, psm=psm))
    assert len(read) > 20  # the band holds print, and it was read
    assert read == _reading(command.hocr(image, dpi, psm=psm))


def test_the_library_is_used_only_when_it_is_the_binarys_tesseract() -> None:
    assert TesseractLibrary.load("eng", "0.0.0") is None  # another version
    command = ocr_mod.Tesseract.probe(in_process=False)
    assert command is not None
    assert TesseractLibrary.load("xx-none", command.version) is None  # no such language
    assert os.environ["OMP_THREAD_LIMIT"] == "1"  # set before the library loads


def test_a_reading_cut_short_by_the_timeout_gives_no_text(
    engines: tuple[ocr_mod.Tesseract, ocr_mod.Tesseract], band: tuple[bytes, int]
) -> None:
    image, dpi = band
    assert engines[0].library is not None
    with pytest.raises(RedactionFailed):
        engines[0].library.hocr(image, dpi, psm=3, threshold=ocr_mod.SAUVOLA, timeout=0.001)


@pytest.mark.parametrize(
    "image",
    [
        b"P6\n2 2\n255\n" + bytes(12),  # colour, not grey
        b"P5\n4 4\n255\n" + bytes(10),  # fewer pixels than it says
        np.zeros((4, 4), dtype=np.uint8).tobytes(),  # no header
    ],
)
def test_an_image_that_is_not_a_grey_pgm_is_refused(
    engines: tuple[ocr_mod.Tesseract, ocr_mod.Tesseract], image: bytes
) -> None:
    assert engines[0].library is not None
    with pytest.raises(RedactionFailed):
        engines[0].library.hocr(image, 150, psm=3, threshold=ocr_mod.SAUVOLA, timeout=10.0)
