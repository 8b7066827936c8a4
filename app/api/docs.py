"""/docs served from a Swagger UI bundled in an installed package.

FastAPI's default /docs page loads Swagger UI from a CDN, which these machines
cannot reach: records staff would get a blank page. The `fastapi-offline`
package ships Swagger UI 5 (which reads OpenAPI 3.1, as FastAPI writes it); its
static files are served from here instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = "/static/swagger-ui"


def swagger_ui_dir() -> str:
    return str(files("fastapi_offline") / "static")


def install_offline_docs(app: FastAPI) -> None:
    app.mount(STATIC, StaticFiles(directory=swagger_ui_dir()), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API",
            swagger_js_url=f"{STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC}/favicon.png",
        )


def enum_path_parameter(app: FastAPI, name: str, values: Sequence[str]) -> None:
    """Document every path parameter `name` as an enum of `values` (e.g. the policy ids).

    Only the OpenAPI document changes: an unknown value still reaches the endpoint,
    which answers with its own error (e.g. 404 policy_not_found), not a 422.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for param in operation.get("parameters", []):
                    if param.get("in") == "path" and param.get("name") == name:
                        param.setdefault("schema", {})["enum"] = list(values)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
