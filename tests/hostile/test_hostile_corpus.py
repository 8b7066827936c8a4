"""Hostile and broken PDFs through the API: a correct redaction or a clear error, never a leak.

Each case of `generators.GENERATORS` is posted to /v1/redactions as a federal
immigration request. A case either comes back redacted, and then no withheld
value is readable anywhere in the output (page text by two extractors, every
object and every decompressed stream, OCR of the rendered pages where the text
is drawn as pictures), no active content or attachment survives, and x-ray
finds no bad redaction; or it is refused with a stable code and no document.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi.testclient import TestClient

from tests.conftest import pdfminer_text, post_redaction, squash
from tests.hostile import generators as gen
from tests.hostile.xray_check import inspect_files

REDACTED = "redacted"

# case -> REDACTED, or (status, code) of the refusal.
EXPECTED: dict[str, Any] = {
    "javascript_and_launch": REDACTED,
    "embedded_files": REDACTED,
    "xfa_form": REDACTED,
    "incremental_update": REDACTED,
    "optional_content_off": REDACTED,
    "white_text": REDACTED,
    "text_under_black_box": REDACTED,
    "tiny_and_clipped_text": REDACTED,
    "vector_text": REDACTED,
    "lying_tounicode": REDACTED,
    "type3_font": REDACTED,
    "decompression_bomb": (422, "document_too_complex"),
    "decompression_bomb_ascii85": (422, "document_too_complex"),
    "image_bomb": (413, "image_too_large"),
    "huge_page": (422, "page_too_large"),
    "deeply_nested": REDACTED,
    "ten_thousand_objects": REDACTED,
    "broken_xref": (422, "corrupt_pdf"),
    "linearized": REDACTED,
    "pdf_2_0": REDACTED,
}
# Cases whose personal data is only pixels (or glyphs that do not say what they
# show): the output is checked by OCR as well.
OCR_CHECKED = {"vector_text", "lying_tounicode"}

# Keys of active content and containers, none of which may be in an output.
FORBIDDEN_KEYS = (
    "/JavaScript",
    "/JS",
    "/Launch",
    "/OpenAction",
    "/AA",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/XFA",
    "/AcroForm",
    "/FileAttachment",
)


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECTED) == set(gen.GENERATORS)


def everything_readable(pdf: bytes) -> str:
    """Page text (MuPDF, pdfminer), every object's source and every decoded stream."""
    parts = [pdfminer_text(pdf)]
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        for page in doc:
            parts.append(page.get_text("text", clip=pymupdf.INFINITE_RECT()))
        for xref in range(1, doc.xref_length()):
            parts.append(doc.xref_object(xref, compressed=False))
            if doc.xref_is_stream(xref):
                parts.append((doc.xref_stream(xref) or b"").decode("latin-1"))
    finally:
        doc.close()
    return "\n".join(parts)


def ocr_text(pdf: bytes, tmp_path: Path) -> str:
    """What Tesseract reads on every page rendered at 200 dpi."""
    tesseract = shutil.which("tesseract")
    assert tesseract, "the OCR-checked cases need Tesseract (make ocr)"
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    out = []
    try:
        for page in doc:
            image = tmp_path / f"page{page.number}.png"
            page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).save(image)
            run = subprocess.run(
                [tesseract, str(image), "-", "--psm", "6"],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            out.append(run.stdout)
    finally:
        doc.close()
    return "\n".join(out)


def _assert_withheld_absent(text: str, *, where: str) -> None:
    hay = squash(text)
    for value in gen.WITHHELD:
        assert squash(value) not in hay, f"{value!r} readable in the output ({where})"


@pytest.mark.parametrize("case", list(gen.GENERATORS))
def test_hostile_case(client: TestClient, case: str, tmp_path: Path) -> None:
    data = gen.GENERATORS[case]()
    response = post_redaction(client, data, accept="application/pdf")
    expected = EXPECTED[case]

    if expected != REDACTED:
        status, code = expected
        assert response.status_code == status, response.text
        body = response.json()
        assert set(body) == {"error"}
        assert body["error"]["code"] == code
        for value in gen.WITHHELD:
            assert value.casefold() not in response.text.casefold()
        return

    assert response.status_code == 200, response.text
    output = response.content
    assert output.startswith(b"%PDF")
    readable = everything_readable(output)
    _assert_withheld_absent(readable, where="text, objects and streams")
    for key in FORBIDDEN_KEYS:
        assert f"{key}" + " " not in readable and f"{key}/" not in readable, key
    out = pymupdf.open(stream=output, filetype="pdf")
    try:
        assert out.embfile_count() == 0
        assert not out.is_repaired
        assert all(page.first_annot is None and page.first_widget is None for page in out)
        keys = out.xref_get_keys(out.pdf_catalog())
        assert not {"AcroForm", "OpenAction", "AA", "Names"} & set(keys), keys
    finally:
        out.close()

    if case in OCR_CHECKED:
        # The input shows the name (else this check could not fail) ...
        assert "GARCIA" in ocr_text(data, tmp_path).upper()
        # ... and the output does not.
        _assert_withheld_absent(ocr_text(output, tmp_path), where="OCR")

    if case == "text_under_black_box":
        # Hidden under an old box and not personal data: gone all the same.
        assert squash(gen.UNDER_BOX_OTHER) not in squash(readable)

    path = tmp_path / f"{case}.pdf"
    path.write_bytes(output)
    assert inspect_files([path]) == {str(path): {}}


def test_incremental_update_keeps_only_the_current_revision(client: TestClient) -> None:
    """The older revision is in the input (so the test can fail) and not in the output."""
    data = gen.incremental_update()
    assert data.count(b"%%EOF") == 2, "two revisions"
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        current = doc[0].get_text()
    finally:
        doc.close()
    assert "GARCIA" not in current and "WITHDRAWN" in current
    # The first revision: everything up to the first %%EOF.
    first = data[: data.index(b"%%EOF") + len(b"%%EOF")]
    assert "GARCIA-LOPEZ" in everything_readable(first)

    response = post_redaction(client, data, accept="application/pdf")
    assert response.status_code == 200, response.text
    assert response.content.count(b"%%EOF") == 1
    assert "GARCIA" not in everything_readable(response.content).upper()
