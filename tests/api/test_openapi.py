"""The OpenAPI schema that /docs renders: both response forms and the requester enum."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _schema(client: TestClient) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return dict(r.json())


def test_both_response_forms(client: TestClient) -> None:
    op = _schema(client)["paths"]["/v1/redactions"]["post"]
    content = op["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RedactionResponse"
    }
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert "X-Audit-Id" in op["responses"]["200"]["headers"]
    for status in ("413", "415", "422", "500"):
        assert op["responses"][status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorBody"
        }


def test_requester_type_is_an_enum_of_the_loaded_policies(client: TestClient) -> None:
    schema = _schema(client)
    op = schema["paths"]["/v1/redactions"]["post"]
    ref = op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(body["required"]) == {"file", "requester_type"}
    enum = body["properties"]["requester_type"]["enum"]
    assert enum == client.app.state.policies.ids()  # type: ignore[attr-defined]
    assert {"federal_immigration", "public"} <= set(enum)
    file_schema = body["properties"]["file"]
    assert file_schema["type"] == "string"
    assert "contentMediaType" in file_schema or file_schema.get("format") == "binary"
    for optional in ("request_id", "requester"):
        assert optional in body["properties"]
        assert body["properties"][optional]["description"]


def test_models_are_described(client: TestClient) -> None:
    components = _schema(client)["components"]["schemas"]
    record = components["AuditRecord"]["properties"]
    for field in ("id", "status", "redactions", "counts", "verification", "prev_hash", "hash"):
        assert record[field].get("description"), field
    assert components["RedactionResponse"]["properties"]["document"]["description"]


def test_docs_page_is_served(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "swagger" in r.text.lower()
