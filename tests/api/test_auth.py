"""API keys and roles on every endpoint: each role allowed and refused, 401 and 403
audited without key material, the public endpoints, and the Swagger "Authorize" scheme."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.auth import GRANTS, Permission, guard_of
from app.keys import KeyRole
from tests.api.conftest import Fresh
from tests.conftest import REPORT_LINES, key_header
from tests.pdfs import make_pdf

ROLES = [r.value for r in KeyRole]
NOT_A_PDF = ("report.pdf", b"plain text, not a PDF", "application/pdf")
MISSING = str(uuid.UUID(int=7))
NO_PREVIEW = "no-such-preview"


# Each endpoint: how to call it cheaply, the status an allowed role gets, and the roles
# allowed. The table is the specification; it is not derived from app.auth.GRANTS.
ENDPOINTS: list[tuple[str, str, str, dict[str, Any], int, set[str]]] = [
    (
        "redact",
        "POST",
        "/v1/redactions",
        {"data": {"requester_type": "public"}, "files": {"file": NOT_A_PDF}},
        415,
        {"records_system", "reviewer", "admin"},
    ),
    (
        "submit job",
        "POST",
        "/v1/jobs",
        {"data": {"requester_type": "public"}},  # no files: refused before anything runs
        422,
        {"records_system", "reviewer", "admin"},
    ),
    (
        "submit manifest",
        "POST",
        "/v1/jobs/manifest",
        {"json": {"requester_type": "public", "documents": []}},
        422,
        {"records_system", "reviewer", "admin"},
    ),
    ("job", "GET", f"/v1/jobs/{MISSING}", {}, 404, {"records_system", "reviewer", "admin"}),
    (
        "job results",
        "GET",
        f"/v1/jobs/{MISSING}/results",
        {},
        404,
        {"records_system", "reviewer", "admin"},
    ),
    (
        "job document",
        "GET",
        f"/v1/jobs/{MISSING}/documents/1",
        {},
        404,
        {"records_system", "reviewer", "admin"},
    ),
    ("audit record", "GET", f"/v1/audit/{MISSING}", {}, 404, {"auditor", "admin"}),
    ("audit export", "GET", "/v1/audit?format=csv", {}, 200, {"auditor", "admin"}),
    ("audit verify", "GET", "/v1/audit/verify", {}, 200, {"auditor", "admin"}),
    ("list policies", "GET", "/v1/policies", {}, 200, {"policy_officer", "auditor", "admin"}),
    ("policy", "GET", "/v1/policies/public", {}, 200, {"policy_officer", "auditor", "admin"}),
    ("schema", "GET", "/v1/policies/schema", {}, 200, {"policy_officer", "auditor", "admin"}),
    (
        "versions",
        "GET",
        "/v1/policies/public/versions",
        {},
        200,
        {"policy_officer", "auditor", "admin"},
    ),
    (
        "version",
        "GET",
        "/v1/policies/public/versions/1",
        {},
        200,
        {"policy_officer", "auditor", "admin"},
    ),
    (
        "diff",
        "GET",
        "/v1/policies/public/diff?from=1&to=1",
        {},
        200,
        {"policy_officer", "auditor", "admin"},
    ),
    (
        "validate",
        "POST",
        "/v1/policies/public/validate",
        {"json": {"content": "id: public"}},
        200,
        {"policy_officer", "admin"},
    ),
    (
        "publish",
        "PUT",
        "/v1/policies/public",
        {"json": {"content": "id: public", "reason": "test"}},
        422,
        {"policy_officer", "admin"},
    ),
    (
        "dry run",
        "POST",
        "/v1/policies/public/dry-run",
        {"data": {"content": "id: public"}, "files": {"file": NOT_A_PDF}},
        422,
        {"policy_officer", "admin"},
    ),
    ("list keys", "GET", "/v1/keys", {}, 200, {"admin"}),
    (
        "create key",
        "POST",
        "/v1/keys",
        {"json": {"name": "new-key", "role": "auditor"}},
        201,
        {"admin"},
    ),
    ("revoke key", "DELETE", f"/v1/keys/{MISSING}", {}, 404, {"admin"}),
    (
        "preview",
        "POST",
        "/v1/redactions/preview",
        {"data": {"requester_type": "public"}, "files": {"file": NOT_A_PDF}},
        415,
        {"reviewer", "admin"},
    ),
    ("show preview", "GET", f"/v1/previews/{NO_PREVIEW}", {}, 404, {"reviewer", "admin"}),
    (
        "preview page",
        "GET",
        f"/v1/previews/{NO_PREVIEW}/pages/1.png",
        {},
        404,
        {"reviewer", "admin"},
    ),
    (
        "marked pdf",
        "GET",
        f"/v1/previews/{NO_PREVIEW}/marked.pdf",
        {},
        404,
        {"reviewer", "admin"},
    ),
    (
        "release",
        "POST",
        f"/v1/previews/{NO_PREVIEW}/release",
        {"json": {"changes": []}},
        404,
        {"reviewer", "admin"},
    ),
]
ROUTES = {(method, path.split("?")[0]) for _, method, path, *_ in ENDPOINTS}


def _template(path: str) -> str:
    """The route template of a concrete path of the table."""
    return (
        path.replace(
            MISSING,
            "{audit_id}" if "audit" in path else "{job_id}" if "jobs" in path else "{key_id}",
        )
        .replace("/documents/1", "/documents/{n}")
        .replace("/public", "/{policy_id}")
        .replace("/versions/1", "/versions/{version}")
        .replace(NO_PREVIEW, "{preview_id}")
        .replace("/pages/1.png", "/pages/{page}.png")
    )


def _call(client: TestClient, method: str, path: str, kwargs: dict[str, Any], **extra: Any) -> Any:
    return client.request(method, path, **kwargs, **extra)


def _record(client: TestClient, fresh: Fresh, audit_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/audit/{audit_id}", headers=fresh.auth("auditor"))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _no_key_material(record: dict[str, Any], fresh: Fresh) -> None:
    text = json.dumps(record)
    for secret in fresh.keys.values():
        assert secret not in text
        assert secret[4:] not in text
        assert hashlib.sha256(secret.encode()).hexdigest() not in text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("endpoint", "method", "path", "kwargs", "ok", "allowed"),
    ENDPOINTS,
    ids=[e[0] for e in ENDPOINTS],
)
def test_each_role_on_each_endpoint(
    client: TestClient,
    fresh_sqlite: Fresh,
    role: str,
    endpoint: str,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    ok: int,
    allowed: set[str],
) -> None:
    fresh = fresh_sqlite
    r = _call(client, method, path, kwargs, headers=fresh.auth(role))
    if role in allowed:
        assert r.status_code == ok, (role, r.text)
        return
    assert r.status_code == 403, (role, r.text)
    assert r.json() == {
        "error": {"code": "forbidden", "message": "This API key's role may not use this endpoint."}
    }
    record = _record(client, fresh, r.headers["x-audit-id"])
    assert record["status"] == "refused"
    assert record["error"] == {"code": "forbidden"}
    assert record["actor"] == fresh.name(role)
    route = _template(path.split("?")[0])
    assert record["operation"] == f"{method} {route}"
    _no_key_material(record, fresh)


def test_the_table_matches_the_grants() -> None:
    """Admin implies every role; the others get exactly what the issue lists."""
    assert GRANTS[KeyRole.ADMIN] == frozenset(Permission)
    assert GRANTS[KeyRole.RECORDS_SYSTEM] == {Permission.REDACT}
    assert GRANTS[KeyRole.REVIEWER] == {Permission.REDACT, Permission.PREVIEW}
    assert GRANTS[KeyRole.POLICY_OFFICER] == {Permission.READ_POLICIES, Permission.EDIT_POLICIES}
    assert GRANTS[KeyRole.AUDITOR] == {Permission.READ_AUDIT, Permission.READ_POLICIES}


@pytest.mark.parametrize(
    ("endpoint", "method", "path", "kwargs", "ok", "allowed"),
    ENDPOINTS,
    ids=[e[0] for e in ENDPOINTS],
)
def test_no_key_is_401_and_audited(
    anonymous: TestClient,
    client: TestClient,
    fresh_sqlite: Fresh,
    endpoint: str,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    ok: int,
    allowed: set[str],
) -> None:
    r = _call(anonymous, method, path, kwargs)
    assert r.status_code == 401, r.text
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"].startswith("APIKey")
    record = _record(client, fresh_sqlite, r.headers["x-audit-id"])
    assert (record["status"], record["error"], record["actor"]) == (
        "refused",
        {"code": "unauthorized"},
        None,
    )
    assert record["request"]["requester_type"] is None  # the body was never read


@pytest.mark.parametrize(
    "bad_key",
    [
        "rdk_" + "A" * 43,  # well-formed, unknown
        "hello",  # not a key at all
        "",
        "rdk_" + "x" * 5000,
    ],
    ids=["unknown", "malformed", "empty", "huge"],
)
def test_wrong_keys_are_401(client: TestClient, fresh_sqlite: Fresh, bad_key: str) -> None:
    r = client.get("/v1/policies", headers=key_header(bad_key))
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    record = _record(client, fresh_sqlite, r.headers["x-audit-id"])
    assert record["error"] == {"code": "unauthorized"} and record["actor"] is None
    if bad_key:
        assert bad_key[:20] not in json.dumps(record)


def test_a_revoked_key_is_401_at_once(client: TestClient, fresh_sqlite: Fresh) -> None:
    fresh = fresh_sqlite
    made = client.post(
        "/v1/keys",
        json={"name": "temp-officer", "role": "policy_officer"},
        headers=fresh.auth("admin"),
    )
    assert made.status_code == 201
    secret = made.json()["secret"]
    key_id = made.json()["key"]["id"]
    assert client.get("/v1/policies", headers=key_header(secret)).status_code == 200
    revoked = client.delete(f"/v1/keys/{key_id}", headers=fresh.auth("admin"))
    assert revoked.status_code == 200 and revoked.json()["revoked_by"] == fresh.name("admin")
    assert client.get("/v1/policies", headers=key_header(secret)).status_code == 401


def test_key_management_is_audited_and_never_shows_secrets(
    client: TestClient, fresh_sqlite: Fresh
) -> None:
    fresh = fresh_sqlite
    made = client.post(
        "/v1/keys",
        json={"name": "records-system-2", "role": "records_system"},
        headers=fresh.auth("admin"),
    )
    body = made.json()
    assert set(body) == {"key", "secret"}
    assert body["key"]["name"] == "records-system-2" and body["key"]["role"] == "records_system"
    record = _record(client, fresh, made.headers["x-audit-id"])
    assert record["operation"] == "POST /v1/keys"
    assert record["actor"] == fresh.name("admin")
    assert record["subject"] == {
        "key_id": body["key"]["id"],
        "key_name": "records-system-2",
        "role": "records_system",
    }
    assert body["secret"] not in json.dumps(record)
    listed = client.get("/v1/keys", headers=fresh.auth("admin")).json()
    assert "records-system-2" in {k["name"] for k in listed}
    assert body["secret"] not in json.dumps(listed)
    # The new key redacts, and is named as the actor of what it does.
    r = client.post(
        "/v1/redactions",
        data={"requester_type": "public"},
        files={"file": ("r.pdf", make_pdf(REPORT_LINES), "application/pdf")},
        headers=key_header(body["secret"]),
    )
    assert r.status_code == 200, r.text
    assert r.json()["audit"]["actor"] == "records-system-2"
    assert r.json()["audit"]["operation"] == "POST /v1/redactions"
    # Duplicate active names and bad names are refused.
    again = client.post(
        "/v1/keys",
        json={"name": "records-system-2", "role": "auditor"},
        headers=fresh.auth("admin"),
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "key_name_taken"
    bad = client.post(
        "/v1/keys", json={"name": "\nx", "role": "auditor"}, headers=fresh.auth("admin")
    )
    assert bad.status_code == 422
    bad_role = client.post(
        "/v1/keys", json={"name": "x", "role": "root"}, headers=fresh.auth("admin")
    )
    assert bad_role.status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/healthz",
        "/readyz",
        "/metrics",
        "/docs",
        "/openapi.json",
        "/static/swagger-ui/swagger-ui.css",
    ],
)
def test_public_endpoints_need_no_key(anonymous: TestClient, path: str) -> None:
    assert anonymous.get(path).status_code == 200


def test_every_other_route_is_guarded(app: FastAPI) -> None:
    public = {"/healthz", "/readyz", "/metrics", "/docs", "/openapi.json", "/docs/oauth2-redirect"}
    guarded = set()
    # This FastAPI keeps an included router whole (its routes carry the /v1/... prefix).
    routes = [
        inner
        for route in app.routes
        for inner in getattr(getattr(route, "original_router", None), "routes", [route])
    ]
    for route in routes:
        if not isinstance(route, APIRoute):
            continue
        if guard_of(route.dependant) is None:
            assert route.path in public, f"{route.path} has no key check"
        else:
            guarded |= {(m, route.path) for m in route.methods}
    # Every endpoint of the role table exists and is guarded.
    templates = {(m, _template(p)) for m, p in ROUTES}
    assert templates == guarded


def test_swagger_authorize_uses_the_api_key_header(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["APIKey"] | {"description": ""} == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "",
    }
    for path, operations in spec["paths"].items():
        for op in operations.values():
            if path.startswith("/v1/"):
                assert op["security"] == [{"APIKey": []}], path
            else:
                assert "security" not in op, path
