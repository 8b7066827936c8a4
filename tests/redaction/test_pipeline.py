"""The engine end to end: photos by policy, juveniles, refusals, verification."""

from __future__ import annotations

import io

import pymupdf
import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text

from app.redaction import pipeline
from app.redaction.errors import NotAPdf, UnknownRequesterType, VerificationFailed
from app.redaction.pipeline import RedactionEngine
from tests.pdfs import PHOTO_RECT, make_pdf, make_pdf_with_image_and_text


@pytest.fixture(scope="module")
def engine(client: TestClient) -> RedactionEngine:
    built: RedactionEngine = client.app.state.engine  # type: ignore[attr-defined]
    return built


def photo_pixels(pdf: bytes) -> list[tuple[int, int, int]]:
    """RGB samples from inside the photo's rect, rendered at 1 px per pt."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    inner = pymupdf.Rect(
        PHOTO_RECT.x0 + 20, PHOTO_RECT.y0 + 20, PHOTO_RECT.x1 - 20, PHOTO_RECT.y1 - 20
    )
    pix = doc[0].get_pixmap(clip=inner)
    doc.close()
    n = pix.n
    raw = pix.samples
    return [
        (raw[i], raw[i + 1], raw[i + 2])
        for i in range(0, len(raw), n * 97)  # a sparse, fixed sample
    ]


def test_photo_removed_for_immigration_agency_kept_for_public(engine: RedactionEngine) -> None:
    pdf = make_pdf_with_image_and_text()
    original = photo_pixels(pdf)
    assert len(set(original)) > 10  # a gradient, not a flat colour

    federal = engine.redact(pdf, "federal_immigration")
    assert any(r.category == "PHOTO" for r in federal.redactions)
    blanked = photo_pixels(federal.document)
    # Black box; the only light pixels left are the white code printed on it.
    dark = sum(1 for p in blanked if max(p) < 40)
    assert dark >= 0.9 * len(blanked), "photo pixels still visible"
    assert not set(blanked) & set(original)

    public = engine.redact(pdf, "public")
    assert not any(r.category == "PHOTO" for r in public.redactions)
    assert photo_pixels(public.document) == original


def test_unknown_requester_type_is_refused_before_parsing(engine: RedactionEngine) -> None:
    with pytest.raises(UnknownRequesterType):
        engine.redact(b"not even a pdf", "landlord")
    with pytest.raises(NotAPdf):
        engine.redact(b"not even a pdf", "public")


def test_juvenile_record_becomes_a_notice(engine: RedactionEngine) -> None:
    pdf = make_pdf(
        [
            "ARREST REPORT",
            "NAME: ABARCA-FLORES, Kevin",
            "DOB: 02/11/2010\tAGE: 15",
            "ARREST DATE: 03/04/2025",
            "RESIDENCE: 3313 W. 26th St, Chicago, IL 60623",
        ]
    )
    for policy in ("federal_immigration", "public"):
        outcome = engine.redact(pdf, policy)
        assert outcome.status == "withheld"
        assert outcome.redactions == ()
        text = extract_text(io.BytesIO(outcome.document))
        assert "ABARCA" not in text and "3313" not in text
        assert "705 ILCS 405" in text or "7(1)(a)" in text
        assert pymupdf.open(stream=outcome.document, filetype="pdf").page_count == 1


def test_failed_verification_returns_no_document(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = make_pdf(["NAME: GARCIA-LOPEZ, Juan Carlos", "A# 212-345-678"])

    def redact_nothing(doc: pymupdf.Document, marks: object, **_: object) -> bytes:
        # A redactor that "forgets" to apply its boxes: the output still holds
        # everything. Verification must catch it.
        return bytes(doc.tobytes())

    monkeypatch.setattr(pipeline.redactor, "redact_pdf", redact_nothing)
    with pytest.raises(VerificationFailed) as err:
        engine.redact(pdf, "federal_immigration")
    assert err.value.residual_strings > 0
    assert err.value.text_under_boxes > 0
    assert "GARCIA" not in str(err.value)
