"""Audit records as flat CSV rows, for auditors' spreadsheets.

One row per record, with fixed columns: a column per category for the counts
(every known category, so pages of one export, and exports from different days,
share one header). The rows come from the hashed JSON of each record, never from
the indexed columns, and a record holds no document text, so neither does the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from app.redaction.types import Category
from app.schemas import AuditRecord

COUNT_PREFIX = "count_"
_CATEGORIES = [c.value for c in Category]
_KNOWN_CATEGORIES = frozenset(_CATEGORIES)

# Spreadsheet programs run a cell starting with one of these as a formula; caller-sent
# fields (request_id, requester, reference) end up here verbatim, so such a cell is
# prefixed with a quote (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_Getter = Callable[[AuditRecord], Any]

_FIELDS: list[tuple[str, _Getter]] = [
    ("id", lambda r: r.id),
    ("created_at", lambda r: r.created_at.isoformat()),
    ("status", lambda r: r.status),
    ("operation", lambda r: r.operation),
    ("actor", lambda r: r.actor),
    ("requester_type", lambda r: r.request.requester_type),
    ("request_id", lambda r: r.request.request_id),
    ("requester", lambda r: r.request.requester),
    ("reference", lambda r: r.request.reference),
    ("release", lambda r: r.request.release),
    ("redaction_log_requested", lambda r: r.request.redaction_log),
    ("policy_id", lambda r: r.policy.id if r.policy else None),
    ("policy_version", lambda r: r.policy.version if r.policy else None),
    ("policy_sha256", lambda r: r.policy.sha256 if r.policy else None),
    ("input_sha256", lambda r: r.input.sha256),
    ("input_bytes", lambda r: r.input.bytes),
    ("input_pages", lambda r: r.input.pages),
    ("output_sha256", lambda r: r.output.sha256 if r.output else None),
    ("output_bytes", lambda r: r.output.bytes if r.output else None),
    ("redactions", lambda r: len(r.redactions)),
    ("error_code", lambda r: r.error.code if r.error else None),
    (
        "verification_residual_strings",
        lambda r: r.verification.residual_strings if r.verification else None,
    ),
    (
        "verification_text_under_boxes",
        lambda r: r.verification.text_under_boxes if r.verification else None,
    ),
    ("review_preview_id", lambda r: r.review.preview_id if r.review else None),
    ("review_reviewer", lambda r: r.review.reviewer if r.review else None),
    ("review_changes", lambda r: len(r.review.changes) if r.review else None),
    ("redaction_log_pages", lambda r: r.redaction_log.pages if r.redaction_log else None),
    ("ocr_pages", lambda r: sum(p.ocr for p in r.pages) if r.pages else None),
    (
        "subject",
        lambda r: (
            "; ".join(f"{k}={v}" for k, v in sorted(r.subject.items())) if r.subject else None
        ),
    ),
    ("duration_ms", lambda r: r.duration_ms),
    ("engine_service", lambda r: r.engine.service if r.engine else None),
    ("engine_spacy_model", lambda r: r.engine.spacy_model if r.engine else None),
    # A count under a name that is not (or no longer) a category keeps a column too.
    (
        "counts_other",
        lambda r: (
            "; ".join(f"{k}={n}" for k, n in sorted(r.counts.items()) if k not in _KNOWN_CATEGORIES)
            or None
        ),
    ),
    ("prev_hash", lambda r: r.prev_hash),
    ("hash", lambda r: r.hash),
]

COLUMNS: list[str] = [name for name, _ in _FIELDS] + [COUNT_PREFIX + c for c in _CATEGORIES]


def _cell(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def row_of(record: AuditRecord) -> list[str | int]:
    """The record's flat row, in COLUMNS order (a category it did not redact counts 0)."""
    cells = [_cell(get(record)) for _, get in _FIELDS]
    cells.extend(int(record.counts.get(c, 0)) for c in _CATEGORIES)
    return cells


def to_csv(records: Iterable[AuditRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(row_of(record))
    return out.getvalue()
