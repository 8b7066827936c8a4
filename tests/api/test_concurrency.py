"""Many redactions at once, served by two real uvicorn worker processes.

Two worker processes share one audit store (a SQLite file, then a PostgreSQL
schema of its own). Their appends are serialized by BEGIN IMMEDIATE on SQLite and
by an advisory lock on PostgreSQL; this test checks that under load, across
processes and threads, every request still gets exactly one audit record: none
lost, none duplicated, each the one its `X-Audit-Id` header names, and the hash
chain unbroken.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.audit import AuditStore
from app.config import PROJECT_ROOT
from app.db import Database
from tests.conftest import REPORT_LINES, fresh_pg_schema, key_header
from tests.pdfs import make_pdf

REQUESTS = 24
THREADS = 8
WORKERS = 2
REQUESTERS = ("federal_immigration", "public")
STARTUP_TIMEOUT_S = 120.0  # each worker loads the spaCy model
REQUEST_TIMEOUT_S = 300.0
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def _sample_pdfs() -> list[bytes]:
    """Two real text reports from ../shared/samples (not scanned, not juvenile)."""
    found: list[bytes] = []
    for meta_path in sorted(SAMPLES.glob("[0-9]*.json")) if SAMPLES.is_dir() else []:
        meta = json.loads(meta_path.read_text())
        pdf = meta_path.with_suffix(".pdf")
        if not meta.get("scanned") and not meta.get("juvenile") and pdf.is_file():
            found.append(pdf.read_bytes())
        if len(found) == 2:
            break
    # Without the shared samples, the generated report still exercises the stores.
    return found or [make_pdf(REPORT_LINES)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _child_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTOR_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env["REDACTOR_DATABASE_URL"] = database_url
    return env


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema made for this test and dropped after."""
    with fresh_pg_schema("redactor_concurrency") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/audit.db"
    return str(request.getfixturevalue("pg_schema_url"))


def _create_admin_key(database_url: str, cwd: Path) -> str:
    """`python -m app.cli keys create`: the key is alone on the last line."""
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "create", "--role", "admin", "--name", "load"],
        cwd=cwd,
        env=_child_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip().splitlines()[-1]
    assert key.startswith("rdk_"), "the CLI must print the key alone on its last line"
    return key


@dataclass
class Server:
    base: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[tuple[Server, str]]:
    """`uvicorn app.main:app --workers 2` on a free port, both workers ready; and its key."""
    key = _create_admin_key(database_url, tmp_path)
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(WORKERS),
            ],
            cwd=tmp_path,
            env=_child_env(database_url),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers go with it
        )
    running = Server(f"http://127.0.0.1:{port}", log_path, process)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            assert process.poll() is None, running.log_text()[-4000:]
            # Uvicorn says this once per worker, after its lifespan (the model) started.
            started = running.log_text().count("Application startup complete.")
            if started >= WORKERS:
                try:
                    if httpx.get(f"{running.base}/readyz", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
            assert time.monotonic() < deadline, (
                f"{started} of {WORKERS} workers ready in {STARTUP_TIMEOUT_S:.0f} s:\n"
                + running.log_text()[-4000:]
            )
            time.sleep(0.5)
        yield running, key
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@dataclass(frozen=True)
class Sent:
    request_id: str
    requester_type: str
    status: int
    audit_id: str | None
    is_pdf: bool


def _redact(client: httpx.Client, index: int, pdf: bytes) -> Sent:
    request_id = f"LOAD-{index:03d}"
    requester_type = REQUESTERS[index % len(REQUESTERS)]
    r = client.post(
        "/v1/redactions",
        data={"requester_type": requester_type, "request_id": request_id},
        files={"file": ("report.pdf", pdf, "application/pdf")},
        headers={"Accept": "application/pdf"},
    )
    return Sent(
        request_id,
        requester_type,
        r.status_code,
        r.headers.get("x-audit-id"),
        r.content.startswith(b"%PDF"),
    )


def _record_ids(store: AuditStore) -> list[str]:
    return [r.id for r in store.query(limit=1_000_000)]


def test_parallel_redactions_get_one_audit_record_each(
    server: tuple[Server, str], database_url: str
) -> None:
    running, key = server
    pdfs = _sample_pdfs()
    database = Database(database_url)
    try:
        store = AuditStore(database)
        before = set(_record_ids(store))  # the CLI's key creation, and nothing of ours yet
        with (
            httpx.Client(
                base_url=running.base, headers=key_header(key), timeout=REQUEST_TIMEOUT_S
            ) as client,
            ThreadPoolExecutor(max_workers=THREADS) as pool,
        ):
            sent = list(
                pool.map(lambda i: _redact(client, i, pdfs[i % len(pdfs)]), range(REQUESTS))
            )
        assert running.process.poll() is None, "the server died under load"

        assert [s.status for s in sent] == [200] * REQUESTS, running.log_text()[-4000:]
        assert all(s.is_pdf for s in sent)
        header_ids = [s.audit_id for s in sent]
        assert None not in header_ids
        assert len(set(header_ids)) == REQUESTS, "two requests were given the same audit id"

        # Exactly one new record per request: no lost, no duplicated, no extra (every
        # request was authenticated, so there are no 401/403 records either).
        all_ids = _record_ids(store)
        assert len(all_ids) == len(set(all_ids))
        new_ids = [i for i in all_ids if i not in before]
        assert len(new_ids) == REQUESTS
        assert set(new_ids) == set(header_ids)

        # Each header names the record of that very request.
        for s in sent:
            assert s.audit_id is not None
            record = store.get(s.audit_id)
            assert record.status == "completed"
            assert record.request.request_id == s.request_id
            assert record.request.requester_type == s.requester_type
            assert record.actor == "load"
            assert [r.id for r in store.query(request_id=s.request_id)] == [s.audit_id]

        chain = store.verify_chain()
        assert chain.ok, f"hash chain broken at {chain.first_broken}"
        assert chain.records == len(all_ids)
    finally:
        database.dispose()

    # Both workers really ran (each logs its own start).
    assert running.log_text().count("Application startup complete.") == WORKERS
