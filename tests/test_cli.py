"""`python -m app.cli keys create|list|revoke`, and the admin key printed on first start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.audit import AuditStore
from app.config import PROJECT_ROOT, Settings
from app.db import Database
from app.keys import KeyRole, KeyStore
from app.main import _open_stores, create_app
from tests.conftest import LogCapture

KEY_LINE = re.compile(r"^rdk_[A-Za-z0-9_-]{43}$")


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    for name in list(os.environ):
        if name.startswith("REDACTOR_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("REDACTOR_DATABASE_URL", url)
    return url


def _store(url: str) -> tuple[Database, KeyStore]:
    database = Database(url)
    return database, KeyStore(database)


def test_create_prints_the_key_alone_on_the_last_line(db_url: str, tmp_path: Path) -> None:
    """The exact command of the issue, as a script would run it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTOR_")}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "create", "--role", "auditor", "--name", "j.doe"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(PROJECT_ROOT), "REDACTOR_DATABASE_URL": db_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    secret = lines[-1]
    assert KEY_LINE.match(secret)
    assert done.stdout.count(secret) == 1 and secret not in done.stderr
    database, keys = _store(db_url)
    try:
        key = keys.authenticate(secret)
        assert key is not None and (key.name, key.role) == ("j.doe", KeyRole.AUDITOR)
        assert key.created_by == "cli"
    finally:
        database.dispose()


def test_list_and_revoke(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["keys", "create", "--role", "policy_officer", "--name", "p.officer"]) == 0
    secret = capsys.readouterr().out.splitlines()[-1]
    assert cli.main(["keys", "create", "--role", "records_system", "--name", "cms"]) == 0
    capsys.readouterr()

    assert cli.main(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "p.officer" in listing and "policy_officer" in listing and "cms" in listing
    assert secret not in listing and "rdk_" not in listing

    assert cli.main(["keys", "revoke", "p.officer"]) == 0
    assert "Revoked" in capsys.readouterr().out
    assert cli.main(["keys", "list", "--active"]) == 0
    active = capsys.readouterr().out
    assert "cms" in active and "p.officer" not in active
    assert cli.main(["keys", "list"]) == 0
    assert "revoked" in capsys.readouterr().out

    database, keys = _store(db_url)
    try:
        assert keys.authenticate(secret) is None
        # Creating and revoking are audited, with the actor `cli` and no key material.
        store = AuditStore(database)
        records = store.query(limit=10)
        assert [r.operation for r in records] == [
            "cli keys revoke",
            "cli keys create",
            "cli keys create",
        ]
        assert {r.actor for r in records} == {"cli"}
        assert all(secret not in r.model_dump_json() for r in records)
        assert store.verify_chain().ok
    finally:
        database.dispose()


def test_errors(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["keys", "create", "--role", "admin", "--name", "ops"]) == 0
    capsys.readouterr()
    assert cli.main(["keys", "create", "--role", "admin", "--name", "ops"]) == 1
    assert "already has that name" in capsys.readouterr().err
    assert cli.main(["keys", "create", "--role", "admin", "--name", "bad\nname"]) == 2
    assert cli.main(["keys", "revoke", "nobody"]) == 1
    assert "No active API key" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["keys", "create", "--role", "root", "--name", "x"])


def test_first_start_prints_one_admin_key_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], app_log: LogCapture
) -> None:
    """What the lifespan does after opening the database (no model needed here)."""
    settings = Settings(database_url=f"sqlite:///{tmp_path}/first.db")
    app = create_app(settings)
    database = Database(settings.database_url)
    database.create_all()
    try:
        _open_stores(app, database)
        err = capsys.readouterr().err
        secrets_printed = [line for line in err.splitlines() if KEY_LINE.match(line)]
        assert len(secrets_printed) == 1
        secret = secrets_printed[0]
        key = app.state.key_store.authenticate(secret)
        assert key is not None and key.role is KeyRole.ADMIN
        assert "X-API-Key" in err and "python -m app.cli keys create" in err
        assert secret not in app_log.text  # the console, never the log
        assert f"admin key {key.id} created" in app_log.text
        assert app.state.policy_store.current("public").version == 1

        _open_stores(app, database)  # the next start: a key exists, nothing printed
        assert "rdk_" not in capsys.readouterr().err
    finally:
        database.dispose()
