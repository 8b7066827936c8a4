"""The faster paths of issue 7 give what the plain ones gave: reading in several
processes, PageText through a pipe, the engine's warm-up, and the burn-in's shortcuts."""

from __future__ import annotations

import copyreg
import os
import pickle
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi.testclient import TestClient

from app.redaction import pipeline, redactor
from app.redaction.errors import RedactionFailed, UnreadablePage
from app.redaction.pdf_text import raw_chars, read_document, read_text_layers
from app.redaction.pipeline import RedactionEngine
from app.redaction.redactor import (
    GlyphIndex,
    covered_glyphs,
    glyph_inside,
    label_width,
    strip_marked_content,
)
from app.redaction.types import Line, PageText, Rect, Word
from app.redaction.warm_up import warm_up_pdf
from benchmarks.speed import build_document
from tests.hostile.generators import text_under_black_box
from tests.pdfs import make_image_only_pdf, make_pdf

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


@pytest.fixture(scope="module")
def engine(client: TestClient) -> RedactionEngine:
    built: RedactionEngine = client.app.state.engine  # type: ignore[attr-defined]
    return built


@pytest.fixture(scope="module")
def six_pages() -> bytes:
    return build_document(6)


def _record_reads(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    layers, whole = pipeline.read_text_layers, pipeline.read_document

    def layers_here(doc: Any, numbers: Sequence[int]) -> list[PageText] | None:
        with log.open("a") as out:
            out.write(f"{os.getpid()} layers {','.join(map(str, numbers))}\n")
        return layers(doc, numbers)

    def whole_here(doc: Any, ocr: Any) -> Any:
        with log.open("a") as out:
            out.write(f"{os.getpid()} document -\n")
        return whole(doc, ocr)

    monkeypatch.setattr(pipeline, "read_text_layers", layers_here)
    monkeypatch.setattr(pipeline, "read_document", whole_here)


def test_each_process_reads_its_own_run_of_pages_and_nothing_changes(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, six_pages: bytes
) -> None:
    assert engine.isolate and engine.fan_out == 2
    log = tmp_path / "reads"
    _record_reads(monkeypatch, log)
    fanned = engine.redact(six_pages, "federal_immigration")
    reads = [line.split() for line in log.read_text().splitlines()]
    assert sorted(r[2] for r in reads) == ["0,1,2", "3,4,5"]
    assert {r[1] for r in reads} == {"layers"}
    assert len({r[0] for r in reads}) == 2  # two processes, neither this one
    assert str(os.getpid()) not in {r[0] for r in reads}

    log.unlink()
    monkeypatch.setattr(engine, "fan_out", 1)
    alone = engine.redact(six_pages, "federal_immigration")
    assert [line.split()[1] for line in log.read_text().splitlines()] == ["document"]
    assert fanned.document == alone.document
    assert fanned.redactions == alone.redactions
    assert fanned.reading == alone.reading


def test_a_long_document_spreads_each_page_s_work_in_windows_and_nothing_changes(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, six_pages: bytes
) -> None:
    # As if six pages were a long report: read in one process, each page's
    # candidates (and verification's reading) spread a window of 4 at a time.
    monkeypatch.setattr(pipeline, "FAN_OUT_MAX_PAGES", 4)
    monkeypatch.setattr(pipeline, "FAN_OUT_WINDOW", 4)
    log = tmp_path / "candidates"
    _record_reads(monkeypatch, log)
    own = engine.detector._pages_candidates

    def candidates_here(pages: Sequence[PageText], **kw: Any) -> Any:
        with log.open("a") as out:
            out.write(f"{os.getpid()} candidates {','.join(str(p.index) for p in pages)}\n")
        return own(pages, **kw)

    monkeypatch.setattr(engine.detector, "_pages_candidates", candidates_here)
    windowed = engine.redact(six_pages, "federal_immigration")
    lines = [line.split() for line in log.read_text().splitlines()]
    assert [r[1] for r in lines if r[1] != "candidates"] == ["document"]  # read whole
    runs = sorted(r[2] for r in lines if r[1] == "candidates")
    # Windows 0-3 and 4-5: the first split over two processes, the second too
    # short to split (FanOut.min_items), done in the document's own.
    assert runs == ["0,1", "2,3", "4,5"]
    assert len({r[0] for r in lines if r[1] == "candidates"}) == 2

    log.unlink()
    monkeypatch.setattr(engine, "fan_out", 1)
    alone = engine.redact(six_pages, "federal_immigration")
    assert windowed.document == alone.document
    assert windowed.redactions == alone.redactions


def test_read_text_layers_gives_the_pages_read_document_gives(six_pages: bytes) -> None:
    doc = pymupdf.open(stream=six_pages, filetype="pdf")
    try:
        whole = read_document(doc, None)
        runs = read_text_layers(doc, [0, 1, 2]), read_text_layers(doc, [3, 4, 5])
    finally:
        doc.close()
    assert whole.ocr == {}
    assert runs[0] is not None and runs[1] is not None
    assert [*runs[0], *runs[1]] == whole.pages


def test_a_page_for_ocr_stops_a_run() -> None:
    doc = pymupdf.open(stream=make_image_only_pdf(), filetype="pdf")
    try:
        assert read_text_layers(doc, [0]) is None
    finally:
        doc.close()


def test_a_run_that_needs_ocr_has_the_document_read_as_before(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, six_pages: bytes
) -> None:
    # The second run says it needs OCR: the document is then read whole, here.
    layers = pipeline.read_text_layers

    def second_run_needs_ocr(doc: Any, numbers: Sequence[int]) -> list[PageText] | None:
        return None if 0 not in numbers else layers(doc, numbers)

    monkeypatch.setattr(pipeline, "read_text_layers", second_run_needs_ocr)
    fallback = engine.redact(six_pages, "federal_immigration")
    monkeypatch.setattr(pipeline, "read_text_layers", layers)
    monkeypatch.setattr(engine, "fan_out", 1)
    alone = engine.redact(six_pages, "federal_immigration")
    assert fallback.document == alone.document


def test_an_error_in_another_reading_process_fails_closed(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, six_pages: bytes
) -> None:
    layers = pipeline.read_text_layers

    def fail_in_the_second_run(doc: Any, numbers: Sequence[int]) -> list[PageText] | None:
        if 0 not in numbers:
            raise RuntimeError("GARCIA-LOPEZ")  # text that must not leave
        return layers(doc, numbers)

    monkeypatch.setattr(pipeline, "read_text_layers", fail_in_the_second_run)
    with pytest.raises(RedactionFailed) as caught:
        engine.redact(six_pages, "federal_immigration")
    assert "GARCIA" not in str(caught.value)

    def unreadable_second_run(doc: Any, numbers: Sequence[int]) -> list[PageText] | None:
        if 0 not in numbers:
            raise UnreadablePage()
        return layers(doc, numbers)

    monkeypatch.setattr(pipeline, "read_text_layers", unreadable_second_run)
    with pytest.raises(UnreadablePage):
        engine.redact(six_pages, "federal_immigration")


def test_page_text_crosses_a_pipe_as_constructor_calls(six_pages: bytes) -> None:
    doc = pymupdf.open(stream=six_pages, filetype="pdf")
    try:
        pages = read_document(doc, None).pages
    finally:
        doc.close()
    for cls in (Rect, Word, Line, PageText):
        assert cls in copyreg.dispatch_table
    back = pickle.loads(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == pages
    assert all(type(a.words[0].rect) is Rect for a in back if a.words)


def test_warm_up_forks_nothing_and_changes_no_output(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = make_pdf(["NAME: GARCIA-LOPEZ, Juan Carlos", "DOB: 03/14/1991", "A# 212-345-678"])
    before = engine.redact(pdf, "federal_immigration")

    def no_fork() -> int:
        raise AssertionError("the warm-up forked")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fork", no_fork)
        engine.warm_up()
    assert not engine._warming
    after = engine.redact(pdf, "federal_immigration")
    assert after.document == before.document
    assert after.redactions == before.redactions


def test_a_failed_warm_up_is_logged_by_its_code_and_the_service_starts_cold(
    engine: RedactionEngine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fails(*_: object) -> None:
        raise UnreadablePage()

    monkeypatch.setattr(engine, "_document_work", fails)
    with caplog.at_level("WARNING", logger="app.redaction.pipeline"):
        engine.warm_up()
    assert not engine._warming
    assert [r.getMessage() for r in caplog.records] == [
        f"warm-up redaction failed ({UnreadablePage.code}); the service starts cold"
    ]


def test_the_warm_up_report_is_redacted_and_verified(engine: RedactionEngine) -> None:
    outcome = engine.redact(warm_up_pdf(), "federal_immigration")
    assert outcome.status == "completed"
    assert outcome.verification.passed
    assert outcome.counts.get("PERSON", 0) >= 3


def _content_streams(pdf: bytes) -> list[bytes]:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return [doc.xref_stream(x) or b"" for page in doc for x in page.get_contents()]
    finally:
        doc.close()


def test_a_stream_without_marked_content_letters_is_what_stripping_gives() -> None:
    streams = _content_streams(build_document(2)) + _content_streams(make_pdf(["A plain line"]))
    plain = [s for s in streams if not redactor._may_mark(s)]
    assert plain
    for stream in plain:
        assert strip_marked_content(stream) == stream
    for op in (b"BDC", b"BMC", b"EMC", b"MP", b"DP"):
        assert redactor._may_mark(b"q /P " + op + b" Q")


@pytest.mark.parametrize("label", ["MCC 2-173-030", "5 ILCS 805/15(h); 7(1)(c)", "NOT IN ORDER"])
@pytest.mark.parametrize("size", [4.0, 5.37, 9.0, 7.123456789])
def test_label_width_is_the_float_pymupdf_gives(label: str, size: float) -> None:
    expected = pymupdf.get_text_length(label, fontname=redactor.LABEL_FONT, fontsize=size)
    assert label_width(label, size) == expected


def _covered_by_definition(page: Any, index: GlyphIndex) -> set[int]:
    """covered_glyphs as its doc says it, every glyph against every cover."""
    covers = []
    for path in page.get_drawings():
        if path.get("fill") is None or float(path.get("fill_opacity") or 0.0) < 1.0:
            continue
        for item in path["items"]:
            r = redactor._rect_of_item(item)
            if r is not None:
                covers.append((r, int(path["seqno"]), path["fill"]))
    out: set[int] = set()
    for span in page.get_texttrace():
        seqno = int(span["seqno"])
        for ch in span["chars"]:
            box = Rect(*(float(v) for v in ch[3]))
            under = [c for c in covers if glyph_inside(box, c[0])]
            below = [c for c in under if c[1] < seqno]
            background = max(below, key=lambda c: c[1]) if below else None
            if not (
                any(c[1] > seqno for c in under)
                or (
                    background is not None
                    and redactor._same_colour(background[2], span.get("color"))
                )
            ):
                continue
            for i in index.near(box):
                g = index.chars[i]
                cx, cy = (g.rect.x0 + g.rect.x1) / 2, (g.rect.y0 + g.rect.y1) / 2
                if g.c == chr(int(ch[0])) and box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1:
                    out.add(i)
    return out


def test_covered_glyphs_decides_as_glyph_inside_does(engine: RedactionEngine) -> None:
    # A report, its redacted output (our black boxes with white labels on top),
    # and text under an old black box.
    report = build_document(2)
    redacted = engine.redact(report, "federal_immigration").document
    found: dict[str, int] = defaultdict(int)
    cases = (("report", report), ("output", redacted), ("old box", text_under_black_box()))
    for name, pdf in cases:
        doc = pymupdf.open(stream=pdf, filetype="pdf")
        try:
            for page in doc:
                index = GlyphIndex(raw_chars(page))
                got = covered_glyphs(page, index)
                assert got == _covered_by_definition(page, index), name
                found[name] += len(got)
        finally:
            doc.close()
    assert found["old box"] > 0
