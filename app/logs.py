"""The service's log format: one JSON object per line (or plain text), with the request id.

`RequestContextMiddleware` (app/main.py) sets `request_id_var` for each HTTP request;
the worker threads that `run_in_threadpool` starts copy the context, so every line
logged while a request is handled carries its id, the same id as the `X-Request-Id`
response header and the audit record's `trace_id`.

A JSON line has a fixed set of keys: time, level, logger, message, request_id,
service, version and pid, plus the access-log fields below when a line sets them.
An exception's text and traceback are never written (only its type name): the text
of an exception raised while reading a report may quote the report.
"""

from __future__ import annotations

import json
import logging
import os
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal

from app import __version__

LogFormat = Literal["json", "text"]

request_id_var: ContextVar[str | None] = ContextVar("redactor_request_id", default=None)

# Extra fields a log call may set (`extra={...}`): numbers and route templates only.
ACCESS_FIELDS = ("method", "route", "status", "duration_ms", "audit_id")


def current_request_id() -> str | None:
    """The id of the HTTP request being handled in this context, if any."""
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Puts the current request id on each record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; never an exception's text or traceback."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": None if request_id in (None, "-") else request_id,
            "service": "redactor",
            "version": __version__,
            "pid": os.getpid(),
        }
        for name in ACCESS_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The plain format: `time LEVEL logger [request id]: message`, no traceback text."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get() or "-"
        saved = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None
        try:
            line = super().format(record)
        finally:
            record.exc_info, record.exc_text = saved
        if saved[0] is not None and saved[0][0] is not None:
            line += f" ({saved[0][0].__name__})"
        return line


def make_formatter(log_format: LogFormat) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter()
