"""Prometheus metrics, served at `GET /metrics` (text exposition format).

Every label value comes from a fixed set: an HTTP method, a route template (never
a raw path), a status code, a category of `Category`, a loaded policy id, a stable
error code, an audit status. No metric carries document text, a file name, a form
value or a key.

What is counted, and where:
- requests and their latency per route template: `RequestContextMiddleware` (app/main.py);
- documents returned, pages, redactions per category and policy, refusals, declines
  and verification failures by error code: `MeteredAuditStore`, from each audit
  record as it is appended (one record per request, so nothing is counted twice);
- the model's load time: the lifespan (app/main.py);
- the job queue's depth: `JOB_QUEUE_DEPTH`, queued job documents, read at scrape time.

The metrics live in the process that serves the request. With several uvicorn
workers each worker has its own counters and a scrape sees one worker at a time,
unless `PROMETHEUS_MULTIPROC_DIR` is set to an empty directory before the workers
start (prometheus-client's multiprocess mode): `/metrics` then sums the workers'
files. That mode leaves out the process_* metrics (memory, CPU).
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.concurrency import run_in_threadpool
from starlette.types import Scope

from app.audit import AuditStore
from app.redaction.types import Category
from app.schemas import AuditDraft, AuditRecord, ErrorBody

_CATEGORIES = frozenset(c.value for c in Category)
_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")
_POLICY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
_OPERATION = re.compile(r"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /[A-Za-z0-9_{}./\-]{0,200}")
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
# Plain Starlette routes of the service (the docs): fixed paths, named as they are.
_FIXED_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/openapi.json"})
OTHER = "other"

LATENCY_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
    120.0,
    300.0,
    600.0,
)

HTTP_REQUESTS = Counter(
    "redactor_http_requests_total",
    "HTTP requests answered, by method, route template and status code.",
    ("method", "route", "status"),
)
HTTP_LATENCY = Histogram(
    "redactor_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by method and route template.",
    ("method", "route"),
    buckets=LATENCY_BUCKETS,
)
HTTP_IN_PROGRESS = Gauge(
    "redactor_http_requests_in_progress",
    "Requests being handled now.",
    multiprocess_mode="livesum",
)
DOCUMENTS = Counter(
    "redactor_documents_total",
    "Documents returned (status completed or withheld), by policy.",
    ("policy", "status"),
)
PAGES = Counter(
    "redactor_document_pages_total",
    "Pages of the documents returned, by policy.",
    ("policy",),
)
REDACTIONS = Counter(
    "redactor_redactions_total",
    "Values redacted in returned documents, by category and policy.",
    ("category", "policy"),
)
REFUSALS = Counter(
    "redactor_refusals_total",
    "Requests that returned no document, by audit status (refused, declined, "
    "failed_verification), stable error code and operation (method and route template).",
    ("status", "code", "operation"),
)
VERIFICATION_FAILURES = Counter(
    "redactor_verification_failures_total",
    "Redactions whose output failed verification (no document was returned), by policy.",
    ("policy",),
)
JOB_QUEUE_DEPTH = Gauge(
    "redactor_job_queue_depth",
    "Documents of bulk jobs waiting for a worker.",
    multiprocess_mode="livemax",
)
MODEL_LOAD_SECONDS = Gauge(
    "redactor_model_load_seconds",
    "Time the startup took to load the NLP model and build the analyzer.",
    multiprocess_mode="max",
)


def _known(value: str | None, pattern: re.Pattern[str]) -> str:
    if value is None:
        return "none"
    return value if pattern.fullmatch(value) else OTHER


def route_label(scope: Scope) -> str:
    """The route template of a request: bounded, never a path a caller made up."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str) and path:
        return path
    raw = scope.get("path", "")
    if "endpoint" in scope:
        if raw in _FIXED_PATHS:
            return str(raw)
        if str(raw).startswith("/static/"):
            return "/static/{path}"
        return OTHER
    return "(unmatched)"


def method_label(scope: Scope) -> str:
    method = str(scope.get("method", ""))
    return method if method in _METHODS else OTHER


def observe_request(scope: Scope, status: int, seconds: float) -> None:
    method, route = method_label(scope), route_label(scope)
    HTTP_REQUESTS.labels(method, route, str(status) if 100 <= status <= 599 else OTHER).inc()
    HTTP_LATENCY.labels(method, route).observe(seconds)


def observe_record(record: AuditRecord) -> None:
    """Counts one audit record: a returned document, or a request refused or declined."""
    policy = _known(record.policy.id if record.policy else None, _POLICY)
    if record.status in ("completed", "withheld") and record.output is not None:
        DOCUMENTS.labels(policy, record.status).inc()
        if record.input.pages:
            PAGES.labels(policy).inc(record.input.pages)
        for category, n in record.counts.items():
            if n > 0:
                label = category if category in _CATEGORIES else OTHER
                REDACTIONS.labels(label, policy).inc(n)
        return
    if record.status in ("refused", "declined", "failed_verification"):
        code = _known(record.error.code if record.error else None, _CODE)
        operation = _known(record.operation, _OPERATION)
        REFUSALS.labels(record.status, code, operation).inc()
        if record.status == "failed_verification":
            VERIFICATION_FAILURES.labels(policy).inc()


class MeteredAuditStore(AuditStore):
    """The audit store, counting each record it appends (after it is stored)."""

    def append(self, draft: AuditDraft) -> AuditRecord:
        record = super().append(draft)
        observe_record(record)
        return record


def exposition() -> bytes:
    """The metrics in the text format; summed over workers in multiprocess mode."""
    registry: Any = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return bytes(generate_latest(registry))


logger = logging.getLogger("app.metrics")
router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "description": (
                "The metrics in the Prometheus text format (version 0.0.4): requests and "
                "latency per route template, documents, pages and redactions per category "
                "and policy, refusals and declines by error code, verification failures, "
                "the job queue's depth and the model's load time. Labels come from fixed "
                "sets only; no metric carries document text."
            ),
            "content": {
                "text/plain": {
                    "schema": {"type": "string"},
                    "example": (
                        "# TYPE redactor_redactions_total counter\n"
                        'redactor_redactions_total{category="PERSON",policy="public"} 7.0\n'
                    ),
                }
            },
        },
        500: {"model": ErrorBody, "description": "internal_error: the process is failing."},
    },
)
async def metrics(request: Request) -> Response:
    """Metrics for a Prometheus scraper, in the text exposition format. Needs no API key,
    like `/healthz`: restrict it to the monitoring network. With several workers, each
    worker answers with its own counters unless `PROMETHEUS_MULTIPROC_DIR` is set."""
    await run_in_threadpool(_measure_queue, request.app.state)
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)


def _measure_queue(state: Any) -> None:
    """The job queue's depth, read from the job store at scrape time. Every worker
    reads the same store, so workers are combined by their maximum."""
    service = getattr(state, "job_service", None)
    if service is None:
        return
    try:
        JOB_QUEUE_DEPTH.set(service.jobs.queue_depth())
    except Exception:  # the store is down: keep the last value, the scrape still answers
        logger.warning("job queue depth unavailable")
