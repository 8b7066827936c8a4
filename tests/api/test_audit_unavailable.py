"""No audit record, no document: when the audit store cannot be written, the redaction
and the preview release answer 503 `audit_unavailable` and carry no PDF.

Two ways the store fails: a PostgreSQL URL nothing listens on (connection refused),
and a SQLite database whose audit table was dropped under the running service.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.audit import AuditStore
from app.db import Database
from tests.conftest import FEDERAL_WITHHELD, UPLOAD_NAME, post_redaction

UNAVAILABLE = {
    "error": {
        "code": "audit_unavailable",
        "message": "The audit store is unavailable; no document was returned.",
    }
}


@pytest.fixture(params=["postgresql_unreachable", "sqlite_table_dropped"])
def broken_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AuditStore]:
    if request.param == "postgresql_unreachable":
        # Port 1 on loopback: nothing listens, the connection is refused at once.
        database = Database("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2")
    else:
        database = Database(f"sqlite:///{tmp_path}/broken.db")
        database.create_all()
        with database.engine.begin() as conn:
            conn.execute(text("DROP TABLE audit_records"))
    try:
        yield AuditStore(database)
    finally:
        database.dispose()


class _Swap:
    """Put a failing audit store into the running app, and the real one back."""

    def __init__(self, app: FastAPI, broken: AuditStore) -> None:
        self.app = app
        self.broken = broken
        self.saved: AuditStore = app.state.audit_store

    def __enter__(self) -> None:
        self.app.state.audit_store = self.broken

    def __exit__(self, *exc: object) -> None:
        self.app.state.audit_store = self.saved


def _assert_no_document(r: object, extra: list[bytes] | None = None) -> None:
    from httpx import Response

    assert isinstance(r, Response)
    assert r.status_code == 503, r.text
    assert r.json() == UNAVAILABLE
    assert r.headers["content-type"] == "application/json"
    assert b"%PDF" not in r.content
    assert "x-audit-id" not in r.headers
    assert "content-disposition" not in r.headers
    for value in extra or []:
        assert value not in r.content


def _record_count(store: AuditStore) -> int:
    return len(store.query(limit=100_000))


@pytest.mark.parametrize("accept", [None, "application/pdf"])
def test_redaction_is_not_released_without_an_audit_record(
    app: FastAPI,
    client: TestClient,
    report_pdf: bytes,
    broken_store: AuditStore,
    accept: str | None,
) -> None:
    working: AuditStore = app.state.audit_store
    before = _record_count(working)
    with _Swap(app, broken_store):
        r = post_redaction(client, report_pdf, accept=accept)
    _assert_no_document(r, [base64.b64encode(b"%PDF")[:4], UPLOAD_NAME.encode()])
    # Nothing was written to the real store either, and it still works.
    assert _record_count(working) == before
    ok = post_redaction(client, report_pdf)
    assert ok.status_code == 200


def test_preview_is_not_shown_without_an_audit_record(
    app: FastAPI, client: TestClient, report_pdf: bytes, broken_store: AuditStore
) -> None:
    """The preview body holds the original text: no record, no preview (and none kept)."""
    previews = app.state.preview_store
    kept = len(previews)
    with _Swap(app, broken_store):
        r = client.post(
            "/v1/redactions/preview",
            data={"requester_type": "federal_immigration"},
            files={"file": (UPLOAD_NAME, report_pdf, "application/pdf")},
        )
    _assert_no_document(r, [v.encode() for v in FEDERAL_WITHHELD])
    assert len(previews) == kept


@pytest.mark.parametrize("accept", [None, "application/pdf"])
def test_release_is_not_returned_without_an_audit_record(
    app: FastAPI,
    client: TestClient,
    report_pdf: bytes,
    broken_store: AuditStore,
    accept: str | None,
) -> None:
    made = client.post(
        "/v1/redactions/preview",
        data={"requester_type": "federal_immigration"},
        files={"file": (UPLOAD_NAME, report_pdf, "application/pdf")},
    )
    assert made.status_code == 200, made.text
    preview_id = made.json()["preview_id"]
    headers = {"Accept": accept} if accept else {}
    with _Swap(app, broken_store):
        r = client.post(f"/v1/previews/{preview_id}/release", json={"changes": []}, headers=headers)
    _assert_no_document(r, [v.encode() for v in FEDERAL_WITHHELD])
    # The preview survives a failed release, so it can be released once the store is back.
    assert client.get(f"/v1/previews/{preview_id}").status_code == 200
    again = client.post(
        f"/v1/previews/{preview_id}/release",
        json={"changes": []},
        headers={"Accept": "application/pdf"},
    )
    assert again.status_code == 200
    assert again.content.startswith(b"%PDF")
    assert client.get(f"/v1/audit/{again.headers['x-audit-id']}").status_code == 200
