"""Policies, audit look-ups and health."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_list_policies(client: TestClient, settings: Settings) -> None:
    r = client.get("/v1/policies")
    assert r.status_code == 200
    listed = {p["id"]: p for p in r.json()}
    assert {"federal_immigration", "public"} <= set(listed)
    for policy_id, summary in listed.items():
        assert set(summary) == {"id", "version", "title", "sha256"}
        raw = (settings.policy_dir / f"{policy_id}.yaml").read_bytes()
        assert summary["sha256"] == hashlib.sha256(raw).hexdigest()
        assert summary["version"] >= 1


def test_show_policy(client: TestClient) -> None:
    r = client.get("/v1/policies/federal_immigration")
    assert r.status_code == 200
    detail = r.json()
    assert detail["id"] == "federal_immigration"
    assert detail["sha256"]
    assert any(rule["category"] == "A_NUMBER" for rule in detail["rules"])
    assert all("basis" in rule for rule in detail["rules"])


def test_unknown_policy(client: TestClient) -> None:
    r = client.get("/v1/policies/tabloid")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "policy_not_found", "message": "No policy has that id."}}


@pytest.mark.parametrize("audit_id", [str(uuid.uuid4()), "not-a-uuid"])
def test_unknown_audit_record(client: TestClient, audit_id: str) -> None:
    r = client.get(f"/v1/audit/{audit_id}")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "audit_not_found"


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ready",
        "checks": {"model": True, "policies": True, "database": True},
    }


def test_not_ready_when_the_database_does_not_answer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down() -> None:
        raise ConnectionError("database down")

    monkeypatch.setattr(client.app.state.database, "ping", down)  # type: ignore[attr-defined]
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "not_ready"
    assert client.get("/healthz").status_code == 200


def test_not_ready_before_startup(settings: Settings) -> None:
    # Without entering the client the lifespan does not run: no model, no database.
    cold = TestClient(create_app(settings))
    assert cold.get("/healthz").status_code == 200
    r = cold.get("/readyz")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "not_ready"
    r = cold.post(
        "/v1/redactions",
        data={"requester_type": "public"},
        files={"file": ("a.pdf", b"%PDF-1.7", "application/pdf")},
    )
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "not_ready"
