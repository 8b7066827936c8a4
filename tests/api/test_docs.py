"""/docs must work with no network: Swagger UI is served from the installed package.

A page that pulls Swagger UI from a CDN is blank on these machines, and Swagger
UI 4 cannot read the OpenAPI 3.1 document FastAPI writes ("Unable to render this
definition"). Both happened; these tests hold the fix.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_docs_page_loads_only_local_assets(client: TestClient) -> None:
    html = client.get("/docs").text
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls, "no assets referenced"
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "cdn" not in html.casefold()


def test_bundled_swagger_ui_reads_openapi_3_1(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    # Swagger UI 5 is the first major version that renders OpenAPI 3.1.
    versions = {int(m) for m in re.findall(r'"(\d+)\.\d+\.\d+"', bundle.text[-400000:])}
    assert 5 in versions
    assert client.get("/static/swagger-ui/swagger-ui.css").status_code == 200


def test_docs_offers_file_upload_enum_and_pdf_download(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/v1/redactions"]["post"]
    ref = op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    body = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert body["properties"]["file"]["contentMediaType"] == "application/octet-stream"
    assert set(body["properties"]["requester_type"]["enum"]) >= {"federal_immigration", "public"}
    assert set(op["responses"]["200"]["content"]) == {"application/json", "application/pdf"}
