"""Bulk jobs (`/v1/jobs`): the embedded pool, real Celery workers, and a killed worker.

Real sample reports go through the whole path: submitted, queued, redacted by a
worker process that loaded its own model, recorded, and fetched back; every
value the ground truth marks `withhold` must be absent from the returned PDFs.

The Celery tests start real workers (`celery -A app.jobs.celery_app worker`) on
the Redis at 127.0.0.1:6379, database 5 (flushed by the tests), against the
session's SQLite audit database. They are skipped when Redis is not reachable
(and fail when CI is set).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text
from sqlalchemy import select

from app.audit import AuditContext, AuditRow, AuditStore
from app.config import Settings
from app.jobs.service import JobService
from app.jobs.store import JobDocumentRow, JobStore, NewDocument, job_subject
from app.jobs.worker import Runtime, process_document
from app.schemas import RequestInfo
from tests.api.conftest import Fresh
from tests.conftest import key_header
from tests.test_samples import SAMPLES, contains, normalize

PROJECT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 5
BROKER = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
DOCS = ("0001", "0006")  # one of each layout family
POLICY = "federal_immigration"

pytestmark = pytest.mark.skipif(
    not (SAMPLES / "0001.pdf").is_file(), reason="../shared/samples is not present"
)


def _sample(doc_id: str) -> bytes:
    return (SAMPLES / f"{doc_id}.pdf").read_bytes()


def _withheld(doc_id: str) -> list[str]:
    truth = json.loads((SAMPLES / f"{doc_id}.json").read_text())
    return [v["value"] for v in truth["values"] if v[POLICY] == "withhold"]


def _submit(client: TestClient, key: str, doc_ids: tuple[str, ...], **fields: str) -> Any:
    files = [("files", (f"{d}.pdf", _sample(d), "application/pdf")) for d in doc_ids]
    return client.post(
        "/v1/jobs",
        data={"requester_type": POLICY, "request_id": "FOIA-JOBS-1", **fields},
        files=files,
        headers=key_header(key),
    )


def _wait(client: TestClient, key: str, job_id: str, timeout: float, until: str = "done") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/v1/jobs/{job_id}", headers=key_header(key)).json()
        if body["status"] == until or (
            until == "running" and any(d["status"] == until for d in body["documents"])
        ):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"job not {until} in {timeout}s: {body['counts']}")
        time.sleep(0.5)


def _check_results(
    client: TestClient, key: str, job_id: str, doc_ids: tuple[str, ...], store: AuditStore
) -> None:
    r = client.get(f"/v1/jobs/{job_id}/results", headers=key_header(key))
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "done"
    assert [d["n"] for d in body["documents"]] == list(range(1, len(doc_ids) + 1))
    for doc, doc_id in zip(body["documents"], doc_ids, strict=True):
        assert doc["status"] == "done", doc["error"]
        pdf = base64.b64decode(doc["document"])
        assert pdf.startswith(b"%PDF")
        text = normalize(extract_text(io.BytesIO(pdf)))
        # Category-free message: never print the values, even synthetic ones.
        leaked = [i for i, v in enumerate(_withheld(doc_id)) if contains(text, v)]
        assert leaked == [], f"document {doc['n']}: withheld values #{leaked} extractable"
        audit = doc["audit"]
        assert audit["status"] == "completed"
        assert audit["subject"] == {"job_id": job_id, "document": doc["n"]}
        assert audit["operation"] == "POST /v1/jobs"
        assert audit["request"]["request_id"] == "FOIA-JOBS-1"
        assert audit["policy"]["id"] == POLICY
        assert audit["redactions"], "no redaction recorded"
        # The record is in the audit store itself, and matches the released output.
        stored = store.get(audit["id"])
        assert stored.output is not None
        assert stored.output.sha256 == hashlib.sha256(pdf).hexdigest()
        # The download endpoint serves the same bytes.
        one = client.get(f"/v1/jobs/{job_id}/documents/{doc['n']}", headers=key_header(key))
        assert one.status_code == 200
        assert one.headers["content-type"] == "application/pdf"
        assert one.headers["x-audit-id"] == audit["id"]
        assert one.content == pdf


def _audit_ids_for(app: FastAPI, job_id: str) -> dict[int, list[str]]:
    """Every audit record of the job's documents, read from the table itself."""
    found: dict[int, list[str]] = {}
    with app.state.database.session() as session:
        for record_id, record in session.execute(select(AuditRow.id, AuditRow.record)).all():
            subject = record.get("subject") or {}
            if subject.get("job_id") == job_id:
                found.setdefault(int(subject["document"]), []).append(str(record_id))
    return found


# -- embedded mode (no broker) ------------------------------------------------------------


def test_embedded_job_redacts_samples(
    client: TestClient, app: FastAPI, api_keys: dict[str, str]
) -> None:
    service: JobService = app.state.job_service
    assert service.backend == "embedded"
    key = api_keys["records_system"]
    r = _submit(client, key, DOCS)
    assert r.status_code == 202, r.text
    accepted = r.json()
    job_id = accepted["id"]
    assert r.headers["location"] == f"/v1/jobs/{job_id}"
    assert accepted["backend"] == "embedded"
    assert [d["status"] for d in accepted["documents"]] == ["queued", "queued"]
    # The first job starts the pool, whose process loads its own model.
    done = _wait(client, key, job_id, timeout=300)
    assert done["counts"] == {"queued": 0, "running": 0, "done": 2, "failed": 0}
    assert all(d["attempts"] == 1 and d["audit_id"] for d in done["documents"])
    _check_results(client, key, job_id, DOCS, app.state.audit_store)
    assert {n: len(ids) for n, ids in _audit_ids_for(app, job_id).items()} == {
        1: 1,
        2: 1,
    }


def test_embedded_manifest_and_failed_document(
    client: TestClient, app: FastAPI, api_keys: dict[str, str]
) -> None:
    """A JSON manifest; a document that is not a PDF fails alone with its stable code."""
    key = api_keys["records_system"]
    manifest = {
        "requester_type": "public",
        "request_id": "FOIA-BATCH",
        "documents": [
            {"content": base64.b64encode(_sample("0003")).decode(), "request_id": "FOIA-7"},
            {"content": base64.b64encode(b"not a pdf at all").decode()},
        ],
    }
    r = client.post("/v1/jobs/manifest", json=manifest, headers=key_header(key))
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    done = _wait(client, key, job_id, timeout=300)
    first, second = done["documents"]
    assert first["status"] == "done" and first["request_id"] == "FOIA-7"
    assert second["status"] == "failed" and second["error"] == "not_a_pdf"
    results = client.get(f"/v1/jobs/{job_id}/results", headers=key_header(key)).json()
    assert results["documents"][0]["audit"]["request"]["request_id"] == "FOIA-7"
    assert results["documents"][1]["document"] is None
    assert results["documents"][1]["audit"]["status"] == "refused"
    assert results["documents"][1]["audit"]["error"]["code"] == "not_a_pdf"
    r = client.get(f"/v1/jobs/{job_id}/documents/2", headers=key_header(key))
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "job_document_not_ready"


def test_embedded_pool_process_killed_mid_document(
    client: TestClient, app: FastAPI, api_keys: dict[str, str], settings: Settings
) -> None:
    """kill -9 of the embedded pool's process: the pool is rebuilt and the document redone."""
    slow = settings.model_copy(update={"job_test_delay_s": 4.0})
    service = JobService(
        slow, app.state.database, app.state.policy_store, app.state.audit_store, app.state.engine
    )
    saved = app.state.job_service
    app.state.job_service = service
    try:
        key = api_keys["records_system"]
        r = _submit(client, key, DOCS[1:])
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        _wait(client, key, job_id, timeout=300, until="running")
        pool = service.dispatcher._pool  # type: ignore[attr-defined]
        (pid,) = list(pool._processes)
        os.kill(pid, signal.SIGKILL)
        done = _wait(client, key, job_id, timeout=300)
        assert done["documents"][0]["status"] == "done"
        assert done["documents"][0]["attempts"] == 2
        _check_results(client, key, job_id, DOCS[1:], app.state.audit_store)
        assert {n: len(ids) for n, ids in _audit_ids_for(app, job_id).items()} == {1: 1}
    finally:
        app.state.job_service = saved
        service.close()


def test_job_refusals_and_visibility(
    client: TestClient, app: FastAPI, api_keys: dict[str, str], anonymous: TestClient
) -> None:
    key = api_keys["records_system"]
    # No key, and a role that may not redact.
    assert anonymous.post("/v1/jobs", data={"requester_type": POLICY}).status_code == 401
    r = _submit(client, api_keys["auditor"], ("0003",))
    assert r.status_code == 403
    # Refused before anything is queued, with a stable code and an audit record.
    r = client.post(
        "/v1/jobs/manifest",
        json={"requester_type": "no_such_policy", "documents": [{"content": "JVBERg=="}]},
        headers=key_header(key),
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_requester_type"
    assert r.headers.get("x-audit-id")
    r = client.post(
        "/v1/jobs/manifest",
        json={"requester_type": POLICY, "documents": [{"content": "%%%"}]},
        headers=key_header(key),
    )
    assert r.json()["error"]["code"] == "invalid_manifest"
    r = client.post(
        "/v1/jobs/manifest",
        json={"requester_type": POLICY, "documents": []},
        headers=key_header(key),
    )
    assert r.json()["error"]["code"] == "no_documents"
    # Unknown ids, and another key's job.
    missing = client.get(f"/v1/jobs/{uuid.uuid4()}", headers=key_header(key))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "job_not_found"
    assert client.get("/v1/jobs/not-a-uuid", headers=key_header(key)).status_code == 404
    r = client.post(
        "/v1/jobs/manifest",
        json={"requester_type": POLICY, "documents": [{"content": "JVBERg=="}]},
        headers=key_header(api_keys["reviewer"]),
    )
    assert r.status_code == 202
    other = r.json()["id"]
    assert client.get(f"/v1/jobs/{other}", headers=key_header(key)).status_code == 404
    assert client.get(f"/v1/jobs/{other}", headers=key_header(api_keys["admin"])).status_code == 200
    _wait(client, api_keys["reviewer"], other, timeout=300)


# -- Celery workers ---------------------------------------------------------------------


def _redis_up() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2):
            return True
    except OSError:
        return False


def _flush_redis_db() -> None:
    import redis

    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()


@pytest.fixture
def celery_mode(
    app: FastAPI, client: TestClient, settings: Settings, tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """The session app with a Celery job service, and a way to start real workers."""
    if not _redis_up():
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true but Redis is unreachable on {REDIS_HOST}:{REDIS_PORT}")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    _flush_redis_db()
    broker_settings = settings.model_copy(
        update={"broker_url": BROKER, "job_visibility_timeout_s": 5}
    )
    service = JobService(
        broker_settings,
        app.state.database,
        app.state.policy_store,
        app.state.audit_store,
        app.state.engine,
    )
    saved = app.state.job_service
    app.state.job_service = service
    workers: list[subprocess.Popen[bytes]] = []

    def start_worker(**env: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(workers)}.log").open("wb")
        environment = {
            **os.environ,
            "REDACTOR_DATABASE_URL": settings.database_url,
            "REDACTOR_BROKER_URL": BROKER,
            "REDACTOR_JOB_VISIBILITY_TIMEOUT_S": "5",
            **env,
        }
        worker = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "app.jobs.celery_app",
                "worker",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=PROJECT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole below
        )
        workers.append(worker)
        return worker

    try:
        yield start_worker
    finally:
        app.state.job_service = saved
        service.close()
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
                    worker.wait()
        _flush_redis_db()


def test_celery_worker_processes_a_batch(
    client: TestClient,
    app: FastAPI,
    api_keys: dict[str, str],
    celery_mode: Callable[..., subprocess.Popen[bytes]],
) -> None:
    key = api_keys["records_system"]
    # Queued before any worker exists: the tasks wait in Redis, the state in the database.
    r = _submit(client, key, DOCS)
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    assert r.json()["backend"] == "celery"
    assert client.get(f"/v1/jobs/{job_id}", headers=key_header(key)).json()["status"] == "queued"
    celery_mode()
    done = _wait(client, key, job_id, timeout=300)
    assert done["counts"]["done"] == 2, done
    _check_results(client, key, job_id, DOCS, app.state.audit_store)
    assert all(len(ids) == 1 for ids in _audit_ids_for(app, job_id).values())


def test_killed_worker_task_is_redelivered(
    client: TestClient,
    app: FastAPI,
    api_keys: dict[str, str],
    celery_mode: Callable[..., subprocess.Popen[bytes]],
) -> None:
    """kill -9 of a whole worker mid-document: another worker finishes it, released once."""
    key = api_keys["records_system"]
    first = celery_mode(REDACTOR_JOB_TEST_DELAY_S="6")
    r = _submit(client, key, DOCS)
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    running = _wait(client, key, job_id, timeout=300, until="running")
    assert running["documents"][0]["status"] == "running"
    os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool process, no goodbye
    first.wait(timeout=30)
    time.sleep(1)
    stuck = client.get(f"/v1/jobs/{job_id}", headers=key_header(key)).json()
    assert stuck["documents"][0]["status"] == "running"  # nobody finished it
    celery_mode(REDACTOR_JOB_TEST_DELAY_S="0")
    done = _wait(client, key, job_id, timeout=300)
    assert done["counts"]["done"] == 2, done
    assert done["documents"][0]["attempts"] == 2  # the killed attempt, and the one that finished
    _check_results(client, key, job_id, DOCS, app.state.audit_store)
    # Exactly one released output and one audit record per document.
    assert {n: len(ids) for n, ids in _audit_ids_for(app, job_id).items()} == {
        1: 1,
        2: 1,
    }
    with app.state.database.session() as session:
        rows = session.scalars(
            select(JobDocumentRow).where(JobDocumentRow.job_id == uuid.UUID(job_id))
        ).all()
        assert [(row.n, row.status, row.stage) for row in rows] == [
            (1, "done", None),
            (2, "done", None),
        ]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_killed_pool_process_task_is_requeued(
    client: TestClient,
    app: FastAPI,
    api_keys: dict[str, str],
    celery_mode: Callable[..., subprocess.Popen[bytes]],
) -> None:
    """kill -9 of the pool process only: the worker puts the task back at once."""
    key = api_keys["records_system"]
    worker = celery_mode(REDACTOR_JOB_TEST_DELAY_S="4", REDACTOR_JOB_VISIBILITY_TIMEOUT_S="3600")
    r = _submit(client, key, DOCS[:1])
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    _wait(client, key, job_id, timeout=300, until="running")
    children = _children(worker.pid)
    assert len(children) == 1, children
    os.kill(children[0], signal.SIGKILL)
    # Redelivered by the same worker (a new pool process), long before the visibility
    # timeout of an hour would have.
    done = _wait(client, key, job_id, timeout=300)
    assert done["documents"][0]["status"] == "done"
    assert done["documents"][0]["attempts"] == 2
    assert worker.poll() is None
    _check_results(client, key, job_id, DOCS[:1], app.state.audit_store)
    assert {n: len(ids) for n, ids in _audit_ids_for(app, job_id).items()} == {1: 1}


# -- the finishing protocol, step by step (SQLite and PostgreSQL) ------------------------


def _one_document_job(runtime: Any, pdf: bytes) -> str:
    stored = runtime.policies.current(POLICY)
    job = runtime.jobs.create(
        owner_key_id="k",
        actor="tests",
        backend="celery",
        requester_type=POLICY,
        request_id="FOIA-RECONCILE",
        requester=None,
        reference=None,
        release=None,
        redaction_log=None,
        policy_id=stored.id,
        policy_version=stored.version,
        documents=[NewDocument(sha256=hashlib.sha256(pdf).hexdigest(), bytes=len(pdf))],
    )
    return str(job.id)


@pytest.mark.parametrize("died_after_append", [True, False])
def test_redelivery_after_a_death_while_recording(
    app: FastAPI, fresh: Fresh, settings: Settings, died_after_append: bool
) -> None:
    """A worker died between storing its verified output and marking the document done.

    The next delivery completes that attempt: it finds the audit record if one was
    appended (and appends none), or appends the stored one; a third delivery does
    nothing. One audit record, one released output.
    """
    runtime = Runtime(
        settings,
        fresh.database,
        fresh.audit,
        fresh.policies,
        JobStore(fresh.database),
        app.state.engine,
    )
    pdf = _sample("0003")
    job_id = _one_document_job(runtime, pdf)
    claim = runtime.jobs.claim(job_id, 1, max_attempts=3)
    assert claim is not None and claim.kind == "run"
    outcome = runtime.engine.redact(pdf, POLICY)
    context = AuditContext()
    context.subject = job_subject(job_id, 1)
    context.request = RequestInfo(request_id="FOIA-RECONCILE", requester_type=POLICY)
    draft = context.completed(outcome)
    since = runtime.jobs.begin_recording(
        job_id,
        1,
        draft=draft,
        output=outcome.document,
        output_sha256=hashlib.sha256(outcome.document).hexdigest(),
        error_code=None,
    )
    assert since is not None
    # A concurrent attempt cannot start recording the same document.
    assert (
        runtime.jobs.begin_recording(
            job_id, 1, draft=draft, output=None, output_sha256=None, error_code="x"
        )
        is None
    )
    first = runtime.audit.append(draft).id if died_after_append else None
    # ... the worker dies here. Nothing is released yet:
    found = runtime.jobs.get(job_id)
    assert found is not None and found.documents[0].status == "running"
    assert runtime.jobs.output(job_id, 1) is None

    assert process_document(runtime, job_id, 1, pdf) == "done"
    assert process_document(runtime, job_id, 1, pdf) == "skipped"
    found = runtime.jobs.get(job_id)
    assert found is not None
    document = found.documents[0]
    assert document.status == "done" and document.attempts == 1
    if first is not None:
        assert document.audit_id == first
    with fresh.database.session() as session:
        subjects = [
            r["subject"]
            for r in session.scalars(select(AuditRow.record)).all()
            if (r.get("subject") or {}).get("job_id") == job_id
        ]
    assert subjects == [{"job_id": job_id, "document": 1}]
    assert runtime.jobs.output(job_id, 1) == outcome.document
    assert runtime.jobs.queue_depth() == 0


def test_attempts_are_bounded(app: FastAPI, fresh: Fresh, settings: Settings) -> None:
    """A document whose worker keeps dying fails with job_attempts_exhausted, audited."""
    runtime = Runtime(
        settings,
        fresh.database,
        fresh.audit,
        fresh.policies,
        JobStore(fresh.database),
        app.state.engine,
    )
    pdf = _sample("0003")
    job_id = _one_document_job(runtime, pdf)
    assert runtime.jobs.queue_depth() >= 1
    for _ in range(settings.job_max_attempts):  # each attempt dies after claiming
        claim = runtime.jobs.claim(job_id, 1, max_attempts=settings.job_max_attempts)
        assert claim is not None and claim.kind == "run"
    assert process_document(runtime, job_id, 1, pdf) == "failed"
    found = runtime.jobs.get(job_id)
    assert found is not None
    document = found.documents[0]
    assert (document.status, document.error_code) == ("failed", "job_attempts_exhausted")
    assert document.audit_id is not None
    record = fresh.audit.get(document.audit_id)
    assert record.status == "refused" and record.error is not None
    assert record.error.code == "job_attempts_exhausted"
