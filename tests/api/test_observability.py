"""GET /metrics (Prometheus) and the JSON log lines, with the request id that ties
a response, its log lines and its audit record together. Neither carries document text."""

from __future__ import annotations

import io
import json
import logging
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.logs import JsonFormatter, TextFormatter, request_id_var
from tests.conftest import (
    FEDERAL_WITHHELD,
    REPORT_LINES,
    UPLOAD_NAME,
    post_redaction,
    squash,
)


def _samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    """(name, labels, value) of every sample of the exposition."""
    return [
        (sample.name, dict(sample.labels), float(sample.value))
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    ]


def _value(samples: list[tuple[str, dict[str, str], float]], name: str, **labels: str) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    return sum(
        value
        for metric, have, value in samples
        if metric == name and all(have.get(k) == v for k, v in labels.items())
    )


def _metrics(client: TestClient) -> list[tuple[str, dict[str, str], float]]:
    r = client.get("/metrics", headers={"X-API-Key": ""})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    return _samples(r.text)


def test_metrics_count_requests_redactions_and_refusals(
    client: TestClient, report_pdf: bytes
) -> None:
    before = _metrics(client)
    ok = post_redaction(client, report_pdf, requester_type="public")
    assert ok.status_code == 200, ok.text
    counts = ok.json()["audit"]["counts"]
    assert counts
    refused = post_redaction(client, b"not a pdf at all", requester_type="public")
    assert refused.status_code == 415
    missing = f"/v1/audit/{uuid.uuid4()}"
    assert client.get(missing).status_code == 404
    after = _metrics(client)

    def delta(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    route = {"method": "POST", "route": "/v1/redactions"}
    assert delta("redactor_http_requests_total", status="200", **route) == 1
    assert delta("redactor_http_requests_total", status="415", **route) == 1
    assert delta("redactor_http_request_duration_seconds_count", **route) == 2
    # The route template, never the raw path.
    assert delta("redactor_http_requests_total", route="/v1/audit/{audit_id}", status="404") == 1
    assert missing not in _metrics_text(client)
    for category, n in counts.items():
        assert delta("redactor_redactions_total", category=category, policy="public") == n
    assert delta("redactor_documents_total", policy="public", status="completed") == 1
    assert delta("redactor_document_pages_total", policy="public") == 1
    assert delta("redactor_refusals_total", status="refused", code="not_a_pdf") == 1
    assert _value(after, "redactor_job_queue_depth") == 0
    assert _value(after, "redactor_http_requests_in_progress") >= 1  # the scrape itself
    assert _value(after, "redactor_model_load_seconds") > 0
    assert "redactor_verification_failures_total" in _metrics_text(client)
    # No document text, no file name: labels come from fixed sets only.
    text = squash(_metrics_text(client))
    for value in [*FEDERAL_WITHHELD, UPLOAD_NAME, "RETAIL THEFT"]:
        assert squash(value) not in text, value


def _metrics_text(client: TestClient) -> str:
    return client.get("/metrics").text


def test_metrics_need_no_key_and_are_documented(anonymous: TestClient) -> None:
    r = anonymous.get("/metrics")
    assert r.status_code == 200
    assert "# TYPE redactor_http_requests_total counter" in r.text
    op = anonymous.get("/openapi.json").json()["paths"]["/metrics"]["get"]
    assert op["summary"] and "text/plain" in op["responses"]["200"]["content"]
    assert "security" not in op


@pytest.fixture
def service_log(client: TestClient) -> Iterator[io.StringIO]:
    """What the service's own log handler writes, for the duration of a test."""
    logger = logging.getLogger("app")
    handler = next(h for h in logger.handlers if getattr(h, "redactor_handler", False))
    assert isinstance(handler, logging.StreamHandler)
    assert isinstance(handler.formatter, JsonFormatter), "json is the default format"
    buffer = io.StringIO()
    old_stream = handler.setStream(buffer)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        handler.setStream(old_stream)
        logger.setLevel(old_level)


def test_log_lines_are_json_with_the_request_id_of_the_response_and_audit(
    client: TestClient, report_pdf: bytes, service_log: io.StringIO
) -> None:
    r = post_redaction(client, report_pdf)
    assert r.status_code == 200, r.text
    request_id = r.headers["X-Request-Id"]
    audit = r.json()["audit"]
    assert audit["trace_id"] == request_id
    # The caller's own reference is a different field.
    assert audit["request"]["request_id"] is None
    stored = client.get(f"/v1/audit/{audit['id']}").json()
    assert stored["trace_id"] == request_id

    lines = [ln for ln in service_log.getvalue().splitlines() if ln.strip()]
    entries = [json.loads(ln) for ln in lines]  # every line is one JSON object
    assert entries
    for entry in entries:
        assert {"time", "level", "logger", "message", "request_id"} <= set(entry)
    mine = [e for e in entries if e["request_id"] == request_id]
    access = [e for e in mine if e["logger"] == "app.access"]
    assert len(access) == 1
    assert access[0]["route"] == "/v1/redactions"
    assert access[0]["status"] == 200
    assert access[0]["audit_id"] == audit["id"]
    assert isinstance(access[0]["duration_ms"], int)
    text = squash(service_log.getvalue())
    for value in [*FEDERAL_WITHHELD, UPLOAD_NAME, *REPORT_LINES[5:8]]:
        assert squash(value) not in text, value


def test_refused_request_logs_and_audits_its_request_id(
    client: TestClient, service_log: io.StringIO
) -> None:
    r = post_redaction(client, b"%PDF-1.7 broken", requester_type="public")
    assert r.status_code == 422
    request_id = r.headers["X-Request-Id"]
    audit_id = r.headers["X-Audit-Id"]
    assert client.get(f"/v1/audit/{audit_id}").json()["trace_id"] == request_id
    entries = [json.loads(ln) for ln in service_log.getvalue().splitlines() if ln.strip()]
    assert any(
        e["request_id"] == request_id and e["logger"] == "app.access" and e["status"] == 422
        for e in entries
    )


def test_formatters_never_write_exception_text() -> None:
    secret = "GARCIA-LOPEZ"
    try:
        raise ValueError(secret)
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord("app.x", logging.ERROR, __file__, 1, "failed", None, exc_info)
    token = request_id_var.set("abc123")
    try:
        line = JsonFormatter().format(record)
        plain = TextFormatter().format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "abc123"
    assert entry["exc_type"] == "ValueError"
    assert secret not in line and secret not in plain
    assert "[abc123]" in plain and "ValueError" in plain


def test_log_format_is_a_setting(monkeypatch: pytest.MonkeyPatch, client: TestClient) -> None:
    from app.config import Settings
    from app.main import configure_logging

    monkeypatch.setenv("REDACTOR_LOG_FORMAT", "TEXT")
    assert Settings().log_format == "text"
    monkeypatch.delenv("REDACTOR_LOG_FORMAT")
    assert Settings().log_format == "json"
    logger = logging.getLogger("app")
    handler = next(h for h in logger.handlers if getattr(h, "redactor_handler", False))
    level = logging.getLevelName(logger.level)
    try:
        configure_logging(level, "text")
        assert isinstance(handler.formatter, TextFormatter)
        assert logging.getLogger("uvicorn.error").handlers == [handler]
    finally:
        configure_logging(level, "json")
    assert isinstance(handler.formatter, JsonFormatter)
    assert sum(getattr(h, "redactor_handler", False) for h in logger.handlers) == 1


def test_job_queue_depth_is_read_from_the_job_store(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = client.app.state.job_service.jobs  # type: ignore[attr-defined]
    assert _value(_metrics(client), "redactor_job_queue_depth") == jobs.queue_depth()
    monkeypatch.setattr(jobs, "queue_depth", lambda: 3)
    assert _value(_metrics(client), "redactor_job_queue_depth") == 3.0
