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


# -- the API explains itself (issue 5) ----------------------------------------------------

_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        return dict(components[ref.rsplit("/", 1)[1]])
    return schema


def _has_examples(schema: Any, components: dict[str, Any], depth: int = 0) -> bool:
    """Whether a schema (following references, a few levels deep) shows example values."""
    if not isinstance(schema, dict) or depth > 4:
        return False
    schema = _resolve(schema, components)
    if "examples" in schema or "example" in schema:
        return True
    children: list[Any] = list(schema.get("properties", {}).values())
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            children.append(schema[key])
    for key in ("anyOf", "oneOf", "allOf"):
        children.extend(schema.get(key, []))
    return any(_has_examples(c, components, depth + 1) for c in children)


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]


def test_every_endpoint_explains_itself(client: TestClient) -> None:
    spec = _schema(client)
    components = spec["components"]["schemas"]
    for method, path, op in _operations(spec):
        where = f"{method} {path}"
        assert op.get("summary"), where
        assert len(op.get("description", "")) > 20, where
        responses = op["responses"]
        errors = {k: v for k, v in responses.items() if k[0] in "45"}
        assert errors, f"{where}: no error response documented"
        for status, response in errors.items():
            assert response.get("description"), (where, status)
            schema = response["content"]["application/json"]["schema"]
            assert schema == _ERROR_REF, (where, status)  # never FastAPI's HTTPValidationError
        if op.get("security"):
            assert {"401", "403"} <= set(errors), where
        for param in op.get("parameters", []):
            assert param.get("description"), (where, param["name"])
            shown = param.get("examples") or param["schema"].get("examples")
            assert shown or param["schema"].get("enum"), (where, param["name"])
        body = op.get("requestBody")
        if body:
            for media in body["content"].values():
                assert _has_examples(media["schema"], components), f"{where}: request body"
        ok = next(v for k, v in responses.items() if k.startswith("2"))
        assert ok.get("description"), where
        content = ok.get("content", {})
        shown = [
            _has_examples(m.get("schema", {}), components) or "example" in m
            for media_type, m in content.items()
            if media_type == "application/json"
        ]
        assert all(shown), f"{where}: response"


def test_enums_are_documented(client: TestClient) -> None:
    spec = _schema(client)
    components = spec["components"]["schemas"]
    ids = client.app.state.policies.ids()  # type: ignore[attr-defined]
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for param in op.get("parameters", []):
                if param["name"] == "policy_id":
                    assert param["schema"]["enum"] == ids, path
    preview = spec["paths"]["/v1/redactions/preview"]["post"]
    ref = preview["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    form = components[ref.rsplit("/", 1)[1]]["properties"]
    assert form["requester_type"]["enum"] == ids
    item = components["ProposedRedaction"]["properties"]
    for field, enum in (("category", "Category"), ("action", "Action")):
        assert item[field] == {"$ref": f"#/components/schemas/{enum}"} | {
            k: v for k, v in item[field].items() if k != "$ref"
        }
    assert "PERSON" in components["Category"]["enum"]
    assert components["Action"]["enum"] == ["redact", "keep"]
    assert set(components["AuditRecord"]["properties"]["status"]["enum"]) >= {
        "completed",
        "withheld",
        "refused",
        "failed_verification",
        "declined",
    }


def test_preview_endpoints_are_in_the_docs(client: TestClient) -> None:
    paths = _schema(client)["paths"]
    assert set(paths) >= {
        "/v1/redactions/preview",
        "/v1/previews/{preview_id}",
        "/v1/previews/{preview_id}/pages/{page}.png",
        "/v1/previews/{preview_id}/marked.pdf",
        "/v1/previews/{preview_id}/release",
    }
    png = paths["/v1/previews/{preview_id}/pages/{page}.png"]["get"]["responses"]["200"]
    assert "image/png" in png["content"]
    release = paths["/v1/previews/{preview_id}/release"]["post"]["responses"]["200"]
    assert set(release["content"]) == {"application/json", "application/pdf"}
