"""The engine end to end: photos by policy, juveniles, refusals, verification."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text

from app.redaction import detection, pipeline, redactor
from app.redaction.candidates import Candidate
from app.redaction.errors import NotAPdf, UnknownRequesterType, VerificationFailed
from app.redaction.isolation import FanOut
from app.redaction.pipeline import RedactionEngine
from app.redaction.types import PageText
from benchmarks.speed import build_document
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


def test_fan_out_reads_runs_of_pages_in_other_processes_and_changes_nothing(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The service's engine: each document in a child, its pages over two processes.
    assert engine.isolate and engine.fan_out == 2
    pdf = build_document(6)
    calls = tmp_path / "calls"
    work = engine.detector._pages_candidates

    def recording(pages: Sequence[PageText]) -> list[Candidate]:
        with calls.open("a") as out:
            out.write(f"{os.getpid()} {len(pages)}\n")
        return work(pages)

    monkeypatch.setattr(engine.detector, "_pages_candidates", recording)
    fanned = engine.redact(pdf, "federal_immigration")
    runs = [line.split() for line in calls.read_text().splitlines()]
    assert sorted(int(n) for _, n in runs) == [3, 3]
    assert len({pid for pid, _ in runs}) == 2
    assert str(os.getpid()) not in {pid for pid, _ in runs}

    calls.unlink()
    monkeypatch.setattr(engine, "fan_out", 1)
    alone = engine.redact(pdf, "federal_immigration")
    assert [line.split()[1] for line in calls.read_text().splitlines()] == ["6"]
    assert fanned.document == alone.document
    assert fanned.redactions == alone.redactions


@pytest.mark.parametrize(
    ("pages", "parts", "sizes"),
    [(6, 2, [3, 3]), (7, 2, [4, 3]), (3, 2, [3]), (1, 2, [1]), (9, 4, [3, 2, 2, 2]), (0, 2, [0])],
)
def test_fan_out_groups_are_runs_of_whole_pages(pages: int, parts: int, sizes: list[int]) -> None:
    texts = [f"page {i}" for i in range(pages)]
    groups = FanOut(parts, timeout=60).groups(texts)
    assert [len(g) for g in groups] == sizes
    assert [p for g in groups for p in g] == texts


def test_verification_spread_over_processes_still_fails_on_the_last_page(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Six pages: the verifier reads pages 4-6 in another process. Nothing is
    # burnt in on the last page, so what it holds must still fail the output.
    assert engine.isolate and engine.fan_out == 2
    pdf = build_document(6)
    burn_in = redactor.redact_pdf

    def all_but_the_last_page(doc: Any, marks: Any, **kwargs: Any) -> bytes:
        last = doc.page_count - 1
        return burn_in(doc, [m for m in marks if m.page != last], **kwargs)

    monkeypatch.setattr(redactor, "redact_pdf", all_but_the_last_page)
    with pytest.raises(VerificationFailed) as caught:
        engine.redact(pdf, "federal_immigration")
    assert caught.value.residual_strings > 0


def test_a_short_document_has_its_domain_model_read_in_another_process(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # One page cannot be split; the two models can: the domain model reads it in
    # a process of its own while the stock model reads it in the document's.
    assert engine.isolate and engine.fan_out == 2
    domain = engine.detector._domain
    assert domain is not None
    calls = tmp_path / "calls"
    read_names, read_stock = domain.pipe_person_spans, detection.pipe_artifacts

    def record(model: str) -> None:
        with calls.open("a") as out:
            out.write(f"{model} {os.getpid()}\n")

    def names(texts: Sequence[str]) -> Any:
        record("domain")
        return read_names(texts)

    def stock(nlp_engine: Any, texts: Sequence[str]) -> Any:
        record("stock")
        return read_stock(nlp_engine, texts)

    monkeypatch.setattr(domain, "pipe_person_spans", names)
    monkeypatch.setattr(detection, "pipe_artifacts", stock)
    pdf = build_document(1)
    split = engine.redact(pdf, "federal_immigration")
    where = dict(line.split() for line in calls.read_text().splitlines())
    assert where["domain"] != where["stock"]

    calls.unlink()
    monkeypatch.setattr(engine, "fan_out", 1)
    alone = engine.redact(pdf, "federal_immigration")
    where = dict(line.split() for line in calls.read_text().splitlines())
    assert where["domain"] == where["stock"]
    assert split.document == alone.document and split.redactions == alone.redactions
