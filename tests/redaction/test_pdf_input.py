"""open_untrusted_pdf: every bad input raises its own error; good ones open."""

from __future__ import annotations

from collections.abc import Callable

import pymupdf
import pytest

from app.redaction.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    NoPages,
    NotAPdf,
    RedactorError,
    TooManyPages,
)
from app.redaction.pdf_input import open_untrusted_pdf
from tests import pdfs


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: b"", EmptyFile),
        (lambda: b"hello, this is a text file\n" * 10, NotAPdf),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 200, NotAPdf),
        # The magic after the first 1024 bytes does not count.
        (lambda: b" " * 1024 + pdfs.minimal_text_pdf(), NotAPdf),
        (lambda: b"%PDF-1.7\n" + b"garbage " * 50, CorruptPdf),
        (pdfs.truncated_pdf, CorruptPdf),
        (pdfs.broken_xref_pdf, CorruptPdf),
        (pdfs.bad_page_pdf, CorruptPdf),
        (pdfs.make_encrypted_pdf, EncryptedPdf),
        (pdfs.zero_page_pdf, NoPages),
    ],
    ids=[
        "empty",
        "text",
        "png",
        "magic-too-late",
        "header-only",
        "truncated",
        "broken-xref",
        "bad-page-object",
        "encrypted",
        "zero-pages",
    ],
)
def test_bad_input_is_refused(make: Callable[[], bytes], error: type[RedactorError]) -> None:
    with pytest.raises(error) as info:
        open_untrusted_pdf(make(), max_pages=10)
    # The message is the fixed class message: never data from the file.
    assert str(info.value) == error.message


def test_zero_pages_reports_the_count() -> None:
    with pytest.raises(NoPages) as info:
        open_untrusted_pdf(pdfs.zero_page_pdf(), max_pages=10)
    assert info.value.pages == 0


def test_too_many_pages_reports_the_count() -> None:
    with pytest.raises(TooManyPages) as info:
        open_untrusted_pdf(pdfs.many_pages_pdf(4), max_pages=3)
    assert info.value.pages == 4


def test_page_limit_is_inclusive() -> None:
    doc = open_untrusted_pdf(pdfs.many_pages_pdf(3), max_pages=3)
    assert doc.page_count == 3
    doc.close()


def test_junk_before_the_header_is_accepted() -> None:
    # Real scanners prepend bytes; readers look for the magic in the first 1 KiB.
    doc = open_untrusted_pdf(b"\r\n" * 10 + pdfs.minimal_text_pdf(), max_pages=10)
    assert doc.page_count == 1
    doc.close()


def test_hand_written_pdf_opens_without_repair() -> None:
    doc = open_untrusted_pdf(pdfs.minimal_text_pdf(), max_pages=10)
    assert not doc.is_repaired
    assert doc.page_count == 1
    doc.close()


def test_owner_password_only_pdf_is_processed() -> None:
    # Encrypted with an empty user password: readable by anyone, so accepted.
    data = pdfs.make_owner_password_pdf()
    assert pymupdf.open(stream=data, filetype="pdf").metadata["encryption"]
    doc = open_untrusted_pdf(data, max_pages=10)
    assert not doc.needs_pass
    assert "GARCIA-LOPEZ" in doc[0].get_text()
    doc.close()


def test_optional_content_is_dissolved() -> None:
    # A layer that is off by default hides text from MuPDF, not from pdfminer.
    data = pdfs.make_hidden_text_pdf()
    raw = pymupdf.open(stream=data, filetype="pdf")
    assert pdfs.HIDDEN_TEXT_VALUES["layer"] not in raw[0].get_text()
    doc = open_untrusted_pdf(data, max_pages=10)
    assert pdfs.HIDDEN_TEXT_VALUES["layer"] in doc[0].get_text()
    assert not doc.get_ocgs()
    doc.close()


def test_annotations_and_fields_are_baked_into_the_page() -> None:
    doc = open_untrusted_pdf(pdfs.make_pdf_with_extras(), max_pages=10)
    page = doc[0]
    text = page.get_text()
    assert pdfs.EXTRAS_VALUES["form"] in text
    assert pdfs.EXTRAS_VALUES["freetext"] in text
    assert page.first_widget is None
    assert page.first_annot is None
    doc.close()


def test_not_a_pdf_even_if_mupdf_could_open_it() -> None:
    # An image with %PDF- inside its first KiB is still opened as a PDF only.
    png = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 4, 4), False).tobytes("png")
    with pytest.raises((NotAPdf, CorruptPdf)):
        open_untrusted_pdf(png[:20] + b"%PDF-1.4" + png[20:], max_pages=10)
