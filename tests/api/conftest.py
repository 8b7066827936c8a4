"""Fresh stores for API tests that change policies or keys.

Publishing a version is permanent, so such tests must not touch the session
database. `fresh` swaps a new database (SQLite, or a PostgreSQL schema) with its
own audit, policy and key stores into the session app for one test, seeded from
the policy files and with one key per role, and puts everything back after. The
engine (the loaded model) is shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.audit import AuditStore
from app.config import Settings
from app.db import Database
from app.keys import KeyStore
from app.main import apply_policies
from app.policy_store import PolicyStore
from app.redaction.policy import load_policies
from tests.conftest import key_header, provision_keys

_STATE = ("database", "audit_store", "policy_store", "key_store", "policies")


@dataclass
class Fresh:
    database: Database
    policies: PolicyStore
    audit: AuditStore
    keys: dict[str, str]  # role -> secret
    prefix: str

    def auth(self, role: str) -> dict[str, str]:
        return key_header(self.keys[role])

    def name(self, role: str) -> str:
        return f"{self.prefix}-{role}"


def _fresh(app: FastAPI, settings: Settings, url: str, *, clean: bool) -> Iterator[Fresh]:
    database = Database(url)
    database.create_all()
    if clean:  # a PostgreSQL schema is shared by the session
        with database.engine.begin() as conn:
            conn.execute(text("DELETE FROM policy_versions"))
            conn.execute(text("DELETE FROM api_keys"))
    keys = provision_keys(url, prefix="fresh")
    policies = PolicyStore(database, on_change=lambda ps: apply_policies(app, ps))
    policies.seed(load_policies(settings.policy_dir))
    saved: dict[str, Any] = {name: getattr(app.state, name) for name in _STATE}
    app.state.database = database
    app.state.audit_store = AuditStore(database)
    app.state.policy_store = policies
    app.state.key_store = KeyStore(database)
    apply_policies(app, policies.policy_set())
    try:
        yield Fresh(database, policies, app.state.audit_store, keys, "fresh")
    finally:
        for name, value in saved.items():
            setattr(app.state, name, value)
        app.state.engine.set_policies(saved["policies"])
        database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh(
    request: pytest.FixtureRequest,
    app: FastAPI,
    client: TestClient,
    settings: Settings,
    tmp_path: Path,
) -> Iterator[Fresh]:
    if request.param == "sqlite":
        yield from _fresh(app, settings, f"sqlite:///{tmp_path}/fresh.db", clean=False)
    else:
        yield from _fresh(app, settings, request.getfixturevalue("pg_url"), clean=True)


@pytest.fixture
def fresh_sqlite(
    app: FastAPI, client: TestClient, settings: Settings, tmp_path: Path
) -> Iterator[Fresh]:
    yield from _fresh(app, settings, f"sqlite:///{tmp_path}/fresh.db", clean=False)


@pytest.fixture
def anonymous(app: FastAPI, client: TestClient) -> TestClient:
    """A client that sends no key, on the running session app."""
    return TestClient(app)
