"""Startup and environment: a missing model, an invalid policy, no network, PostgreSQL,
and the real `uvicorn app.main:app` process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.audit import AuditStore
from app.config import PROJECT_ROOT, Settings
from app.db import Database
from app.main import create_app
from app.redaction.errors import ModelUnavailable, PolicyInvalid
from app.redaction.offline import make_tldextract_offline
from tests.conftest import (
    FEDERAL_WITHHELD,
    REPORT_LINES,
    UPLOAD_NAME,
    LogCapture,
    key_header,
    pdfminer_text,
    post_redaction,
    provision_keys,
    squash,
)
from tests.pdfs import make_pdf


def _child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTOR_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env.update(extra)
    return env


# -- a missing model ------------------------------------------------------------------


def test_missing_model_stops_startup_without_downloading(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, block_network: list[Any]
) -> None:
    import spacy.cli

    downloads: list[Any] = []
    monkeypatch.setattr(spacy.cli, "download", lambda *a, **k: downloads.append(a))
    monkeypatch.setenv("REDACTOR_SPACY_MODEL", "nonexistent_model")
    monkeypatch.setenv("REDACTOR_DATABASE_URL", f"sqlite:///{tmp_path}/audit.db")
    app = create_app()  # cheap: policies only
    with pytest.raises(ModelUnavailable) as info, TestClient(app):
        pass
    message = str(info.value)
    assert "nonexistent_model" in message
    assert "not installed" in message
    assert downloads == []
    assert block_network == []


def test_missing_model_stops_uvicorn(tmp_path: Path) -> None:
    port = _free_port()
    done = subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port)],
        cwd=tmp_path,
        env=_child_env(
            REDACTOR_SPACY_MODEL="nonexistent_model",
            REDACTOR_DATABASE_URL=f"sqlite:///{tmp_path}/audit.db",
        ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode != 0
    assert "nonexistent_model" in done.stderr
    assert "not installed" in done.stderr


# -- an unreachable database -----------------------------------------------------------


def test_unreachable_database_stops_startup(app_log: LogCapture) -> None:
    # Port 1 on loopback: nothing listens there, and the password must not be logged.
    url = "postgresql://auditor:s3cret-pw@127.0.0.1:1/audit"
    app = create_app(Settings(database_url=url))
    with pytest.raises(Exception) as info, TestClient(app):
        pass
    assert type(info.value).__name__ == "OperationalError"
    assert "the audit database postgresql://auditor:***@127.0.0.1:1/audit" in app_log.text
    assert "s3cret-pw" not in app_log.text


# -- an invalid policy ----------------------------------------------------------------


def _bad_policy_dir(tmp_path: Path) -> Path:
    policies = tmp_path / "policies"
    shutil.copytree(PROJECT_ROOT / "redaction_policies", policies)
    public = policies / "public.yaml"
    text = public.read_text()
    # An unknown key on the policy itself: must be rejected, not ignored.
    public.write_text(text + "\nretention_days: 30\n")
    return policies


def test_invalid_policy_stops_create_app(tmp_path: Path) -> None:
    settings = Settings(
        policy_dir=_bad_policy_dir(tmp_path), database_url=f"sqlite:///{tmp_path}/a.db"
    )
    with pytest.raises(PolicyInvalid) as info:
        create_app(settings)
    message = str(info.value)
    assert "public.yaml" in message
    assert "retention_days" in message


def test_invalid_rule_names_file_and_field(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(PROJECT_ROOT / "redaction_policies", policies)
    path = policies / "federal_immigration.yaml"
    path.write_text(path.read_text().replace("action: redact", "action: shred", 1))
    with pytest.raises(PolicyInvalid) as info:
        create_app(Settings(policy_dir=policies))
    message = str(info.value)
    assert "federal_immigration.yaml" in message
    assert "action" in message


def test_invalid_policy_stops_uvicorn(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(_free_port())],
        cwd=tmp_path,
        env=_child_env(REDACTOR_POLICY_DIR=str(_bad_policy_dir(tmp_path))),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode != 0
    assert "public.yaml" in done.stderr
    assert "retention_days" in done.stderr


# -- no network -----------------------------------------------------------------------


def test_tldextract_uses_the_bundled_snapshot(
    monkeypatch: pytest.MonkeyPatch, block_network: list[Any]
) -> None:
    import tldextract
    import tldextract.cache
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    fetches: list[Any] = []

    def no_fetch(*args: Any, **kwargs: Any) -> str:
        fetches.append(kwargs.get("url"))
        raise AssertionError("tldextract tried to fetch the suffix list")

    # Every URL fetch (cached or not) goes through DiskCache.cached_fetch_url.
    monkeypatch.setattr(tldextract.cache.DiskCache, "cached_fetch_url", no_fetch)
    monkeypatch.setattr(tldextract.tldextract, "TLD_EXTRACTOR", tldextract.tldextract.TLD_EXTRACTOR)
    make_tldextract_offline()
    extractor = tldextract.tldextract.TLD_EXTRACTOR
    assert extractor.suffix_list_urls == ()
    assert tldextract.extract("jgarcia.lopez@cpd.example.co.uk").suffix == "co.uk"
    assert EmailRecognizer().validate_result("jgarcia.lopez@example.com") is True
    assert fetches == []
    assert block_network == []


def test_full_redaction_with_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block_network: list[Any]
) -> None:
    """Startup (model, policies, database) and a redaction, with only loopback allowed."""
    import tldextract.cache

    fetches: list[Any] = []

    def no_fetch(*args: Any, **kwargs: Any) -> str:
        fetches.append(kwargs.get("url"))
        raise AssertionError("tldextract tried to fetch the suffix list")

    monkeypatch.setattr(tldextract.cache.DiskCache, "cached_fetch_url", no_fetch)
    monkeypatch.setattr(tldextract.tldextract, "TLD_EXTRACTOR", tldextract.tldextract.TLD_EXTRACTOR)
    url = f"sqlite:///{tmp_path}/offline.db"
    keys = provision_keys(url)
    app = create_app(Settings(database_url=url))
    with TestClient(app, headers=key_header(keys["admin"])) as client:
        r = post_redaction(client, make_pdf(REPORT_LINES), accept="application/pdf")
        assert r.status_code == 200, r.text
        text = squash(pdfminer_text(r.content))
        for value in FEDERAL_WITHHELD:
            assert squash(value) not in text, value
        assert client.get(f"/v1/audit/{r.headers['x-audit-id']}").status_code == 200
    assert block_network == [], "a connection to a non-loopback address was attempted"
    assert fetches == []


# -- PostgreSQL through the API ---------------------------------------------------------


@pytest.fixture
def pg_store(app: FastAPI, pg_url: str, client: TestClient) -> Iterator[AuditStore]:
    database = Database(pg_url)
    database.create_all()
    store = AuditStore(database)
    original = app.state.audit_store
    app.state.audit_store = store
    try:
        yield store
    finally:
        app.state.audit_store = original
        database.dispose()


@pytest.mark.postgres
def test_audit_on_postgresql(client: TestClient, pg_store: AuditStore, report_pdf: bytes) -> None:
    ok = post_redaction(client, report_pdf, request_id="FOIA-PG-1")
    assert ok.status_code == 200, ok.text
    refused = post_redaction(client, b"plain text, not a PDF")
    assert refused.status_code == 415
    first = pg_store.get(ok.json()["audit"]["id"])
    second = pg_store.get(refused.headers["x-audit-id"])
    assert first.status == "completed" and first.request.request_id == "FOIA-PG-1"
    assert second.status == "refused" and second.prev_hash == first.hash
    assert client.get(f"/v1/audit/{first.id}").json() == ok.json()["audit"]
    assert pg_store.verify_chain().ok


# -- the real server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


ADMIN_KEY = re.compile(r"^rdk_[A-Za-z0-9_-]{43}$", re.MULTILINE)


def test_uvicorn_serves_a_redaction(tmp_path: Path) -> None:
    """`make run` out of the box: the first start prints an admin key, and only it opens."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port)],
            cwd=tmp_path,  # the defaults must work from any directory
            env=_child_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, log_path.read_text()[-3000:]
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "server not ready in 120 s"
                time.sleep(0.5)
            # The first start made one admin key and printed it once, alone on its line.
            keys = ADMIN_KEY.findall(log_path.read_text())
            assert len(keys) == 1, "the first-start admin key must be printed exactly once"
            auth = key_header(keys[0])
            unauthenticated = httpx.get(f"{base}/v1/policies", timeout=10)
            assert unauthenticated.status_code == 401
            r = httpx.post(
                f"{base}/v1/redactions",
                data={"requester_type": "federal_immigration", "request_id": "FOIA-UV-1"},
                files={"file": (UPLOAD_NAME, make_pdf(REPORT_LINES), "application/pdf")},
                headers={"Accept": "application/pdf", **auth},
                timeout=60,
            )
            assert r.status_code == 200, r.text
            assert r.content.startswith(b"%PDF")
            audit_id = r.headers["x-audit-id"]
            record = httpx.get(f"{base}/v1/audit/{audit_id}", headers=auth, timeout=10).json()
            assert record["id"] == audit_id
            assert record["actor"] == "admin"
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    # The default SQLite file, relative to the working directory.
    assert (tmp_path / "var" / "audit.db").is_file()
    log_text = log_path.read_text()
    assert f"POST /v1/redactions 200 audit={audit_id}" in log_text
    for secret in (*FEDERAL_WITHHELD, "GARCIA", UPLOAD_NAME, "FOIA-UV-1"):
        assert secret.casefold() not in log_text.casefold(), secret
    # The key is on the console once, and in no log line.
    assert log_text.count(keys[0]) == 1
