"""Per-request limits: each refusal has its stable code, no document, an audit record.

The session app's engine gets smaller limits for one test (monkeypatch), so
that ordinary documents cross them; the defaults are checked against a
500-page report, which must stay within every one of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.redaction.limits import Limits, precheck
from tests.conftest import REPORT_LINES, post_redaction
from tests.hostile import generators as gen
from tests.pdfs import make_pdf, make_pdf_with_image_and_text, many_pages_pdf


def _with_limits(app: FastAPI, monkeypatch: pytest.MonkeyPatch, **changes: float) -> None:
    engine = app.state.engine
    monkeypatch.setattr(engine, "limits", replace(engine.limits, **changes))


def _assert_refused(client: TestClient, response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {"error": {"code": code, "message": body["error"]["message"]}}
    for value in gen.WITHHELD:
        assert value.casefold() not in response.text.casefold()
    record = client.get(f"/v1/audit/{response.headers['x-audit-id']}").json()
    assert record["status"] == "refused"
    assert record["error"] == {"code": code}
    assert record["output"] is None


@pytest.mark.parametrize(
    ("limit", "value", "make", "status", "code"),
    [
        ("max_image_pixels", 10_000, make_pdf_with_image_and_text, 413, "image_too_large"),
        (
            "max_decompressed_bytes",
            2_000,
            lambda: make_pdf([REPORT_LINES] * 5),
            422,
            "document_too_complex",
        ),
        ("max_objects", 5, lambda: make_pdf(REPORT_LINES), 422, "document_too_complex"),
        ("max_page_side", 700.0, lambda: make_pdf(REPORT_LINES), 422, "page_too_large"),
        ("max_seconds", 1e-9, lambda: make_pdf(REPORT_LINES), 503, "processing_timeout"),
    ],
    ids=["pixels", "decompressed", "objects", "page-side", "time"],
)
def test_limit_refuses_with_its_code(
    app: FastAPI,
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: float,
    make: Callable[[], bytes],
    status: int,
    code: str,
) -> None:
    data = make()
    # Within the default limits the same document is redacted.
    assert post_redaction(client, data, accept="application/pdf").status_code == 200
    _with_limits(app, monkeypatch, **{limit: value})
    _assert_refused(client, post_redaction(client, data), status, code)


def test_wall_time_bounds_a_slow_hostile_document(
    app: FastAPI, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 objects on one page take seconds; a 0.5 s limit stops them with a clear error."""
    data = gen.ten_thousand_objects()
    _with_limits(app, monkeypatch, max_seconds=0.5)
    started = time.monotonic()
    response = post_redaction(client, data)
    elapsed = time.monotonic() - started
    _assert_refused(client, response, 503, "processing_timeout")
    # Stopped at the next check after the limit, not at the end of the work
    # (which takes several seconds here).
    assert elapsed < 30


def test_limits_come_from_settings() -> None:
    settings = Settings(
        max_pages=7,
        max_processing_seconds=12.5,
        max_image_pixels=1234,
        max_decompressed_mb=3,
        max_objects=99,
        max_page_side_pt=1000,
    )
    assert Limits.from_settings(settings) == Limits(
        max_pages=7,
        max_seconds=12.5,
        max_image_pixels=1234,
        max_decompressed_bytes=3 * 1024 * 1024,
        max_objects=99,
        max_page_side=1000.0,
    )


def test_a_500_page_report_is_within_the_default_limits() -> None:
    defaults = Limits.from_settings(Settings())
    assert defaults.max_pages == 500
    precheck(many_pages_pdf(500), defaults)  # raises when a limit is crossed
    report = make_pdf([REPORT_LINES] * 500)
    precheck(report, defaults)
