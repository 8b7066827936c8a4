"""withheld_notice_pdf: one clean letter-size page that says why, and nothing else."""

from __future__ import annotations

import io
import re

import pymupdf
import pypdf
from pdfminer.high_level import extract_text

from app.redaction.notice import withheld_notice_pdf

BASIS = (
    "Juvenile Court Act: law enforcement records of a minor are not open to public "
    "inspection and may be disclosed only as the Act provides; this request does not "
    "fall under any of those exceptions, so the whole record is withheld."
)


def _notice(request_id: str | None = "FOIA-2025-0142", pages: int = 3) -> bytes:
    return withheld_notice_pdf(
        policy_id="public",
        policy_version=2,
        code="705 ILCS 405/1-7",
        basis=BASIS,
        pages_withheld=pages,
        request_id=request_id,
    )


def test_notice_states_the_withholding_code_and_basis() -> None:
    data = _notice()
    doc = pymupdf.open(stream=data, filetype="pdf")
    assert doc.page_count == 1
    assert doc[0].rect == pymupdf.Rect(0, 0, 612, 792)
    for text in (doc[0].get_text(), str(extract_text(io.BytesIO(data)))):
        flat = re.sub(r"\s+", " ", text)
        assert "RECORD WITHHELD IN FULL" in flat
        assert "withheld in its entirety" in flat
        assert "705 ILCS 405/1-7" in flat
        assert BASIS in flat
        assert "3 pages were withheld" in flat
        assert "public, version 2" in flat
        assert "FOIA-2025-0142" in flat


def test_long_basis_wraps_inside_the_margins() -> None:
    doc = pymupdf.open(stream=_notice(), filetype="pdf")
    page = doc[0]
    inner = pymupdf.Rect(72 - 0.5, 0, 612 - 72 + 0.5, 792 - 72)
    for block in page.get_text("words"):
        assert inner.contains(pymupdf.Rect(block[:4]))


def test_singular_and_no_request_id() -> None:
    data = _notice(request_id=None, pages=1)
    flat = re.sub(r"\s+", " ", pymupdf.open(stream=data, filetype="pdf")[0].get_text())
    assert "1 page were" not in flat
    assert "1 page was withheld" in flat or "1 page withheld" in flat
    assert "Request" not in flat


def test_notice_is_clean() -> None:
    data = _notice()
    doc = pymupdf.open(stream=data, filetype="pdf")
    assert all(not v for k, v in doc.metadata.items() if k != "format")
    assert doc.get_xml_metadata() == ""
    assert doc[0].first_annot is None
    assert doc.embfile_count() == 0
    assert not doc.is_encrypted
    assert data.count(b"%%EOF") == 1
    assert b"/Prev" not in data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert not reader.metadata or not any(reader.metadata.values())


def test_notice_is_deterministic() -> None:
    assert _notice() == _notice()
