"""The application: `uvicorn app.main:app`.

`create_app()` loads and validates the policy files (cheap, and the OpenAPI enum
of requester types needs them); the lifespan builds the heavy objects (the NLP
model, the redaction engine, the database with its audit, policy and key stores)
once and puts them on `app.state`. Importing this module therefore never loads
the model.

On first start the policy files seed the policy store, and, when no API key
exists, one admin key is created and printed once to the console (stderr).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.engine import make_url
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.api import audit as audit_api
from app.api import health as health_api
from app.api import jobs as jobs_api
from app.api import keys as keys_api
from app.api import policies as policies_api
from app.api import previews as previews_api
from app.api.docs import enum_path_parameter, install_offline_docs
from app.api.redactions import build_router
from app.config import Settings
from app.db import Database
from app.errors import install_error_handlers, internal_error_response
from app.jobs.service import JobService
from app.keys import ApiKey, KeyStore
from app.logs import LogFormat, RequestIdFilter, make_formatter, request_id_var
from app.metrics import HTTP_IN_PROGRESS, MODEL_LOAD_SECONDS, MeteredAuditStore, observe_request
from app.metrics import router as metrics_router
from app.policy_store import PolicyStore
from app.previews import PreviewStore
from app.redaction.detection import Detector
from app.redaction.errors import RedactorError
from app.redaction.limits import Limits
from app.redaction.ocr import Tesseract
from app.redaction.pipeline import RedactionEngine, settle_heap
from app.redaction.policy import PolicySet, load_policies

logger = logging.getLogger("app")
access_logger = logging.getLogger("app.access")

# Libraries whose INFO/DEBUG lines could quote the text they analyse.
_QUIET_LOGGERS = ("presidio-analyzer", "presidio-anonymizer", "presidio_analyzer", "spacy")


def configure_logging(level: str, log_format: LogFormat = "json") -> None:
    """Our log lines only: method, route, status, audit id, duration; never personal data.

    One JSON object per line by default (app/logs.py), each with the request id.
    Uvicorn's own lines (startup, shutdown, errors) go through the same handler.
    """
    app_logger = logging.getLogger("app")
    app_logger.setLevel(level)
    handler = next((h for h in app_logger.handlers if getattr(h, "redactor_handler", False)), None)
    if handler is None:
        handler = logging.StreamHandler()
        handler.redactor_handler = True  # type: ignore[attr-defined]
        handler.addFilter(RequestIdFilter())
        app_logger.addHandler(handler)
    handler.setFormatter(make_formatter(log_format))
    app_logger.propagate = False
    uvicorn_logger = logging.getLogger("uvicorn.error")
    uvicorn_logger.handlers = [handler]
    uvicorn_logger.propagate = False
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # Uvicorn's access log prints the raw path and query string; ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True


def _route_of(scope: Scope) -> str:
    """The route template ("/v1/audit/{audit_id}"), never a raw path a caller made up."""
    route = scope.get("route")
    if route is not None and hasattr(route, "path"):
        return str(route.path)
    if "endpoint" in scope:  # a plain Starlette route (/docs, /openapi.json): a fixed path
        return str(scope.get("path", "-"))
    return "(unmatched)"


class RequestContextMiddleware:
    """Request id, one access-log line, and the last-resort 500 for unhandled errors.

    Catching here (instead of letting Starlette's ServerErrorMiddleware re-raise)
    keeps the server from logging a traceback whose text could quote a document.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        token = request_id_var.set(request_id)
        HTTP_IN_PROGRESS.inc()
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-Id"] = request_id
                audit_id = state.get("audit_id")
                if audit_id and "x-audit-id" not in headers:
                    headers["X-Audit-Id"] = str(audit_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if response_started:
                logger.error(
                    "unhandled %s after response start (request %s)", type(exc).__name__, request_id
                )
            else:
                response = internal_error_response(Request(scope), exc)
                await response(scope, receive, send_with_headers)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            access_logger.info(
                "%s %s %s audit=%s %dms request=%s",
                scope.get("method", "-"),
                route,
                status,
                state.get("audit_id", "-"),
                int(elapsed * 1000),
                request_id,
                extra={
                    "method": scope.get("method", "-"),
                    "route": route,
                    "status": status,
                    "duration_ms": int(elapsed * 1000),
                    "audit_id": state.get("audit_id"),
                },
            )
            observe_request(scope, status, elapsed)
            HTTP_IN_PROGRESS.dec()
            request_id_var.reset(token)


def _safe_url(raw: str) -> str:
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except Exception:
        return "(unparsable REDACTOR_DATABASE_URL)"


def _open_database(url: str) -> Database:
    database: Database | None = None
    try:
        database = Database(url)
        database.create_all()
    except Exception as exc:
        if database is not None:
            database.dispose()
        logger.critical(
            "startup failed: the audit database %s cannot be opened (%s)",
            _safe_url(url),
            type(exc).__name__,
        )
        raise
    return database


def apply_policies(app: FastAPI, policies: PolicySet) -> None:
    """A new version was published: the engine and app.state see it at once."""
    app.state.policies = policies
    engine: RedactionEngine | None = getattr(app.state, "engine", None)
    if engine is not None:
        engine.set_policies(policies)


def announce_admin_key(key: ApiKey, secret: str) -> None:
    """The first admin key, once, on the console: never to the log."""
    banner = "=" * 78
    print(
        f"{banner}\n"
        f"No API key existed, so an admin key was created (name {key.name!r}, id {key.id}).\n"
        "It is shown this once and never again: store it now. Send it in the X-API-Key\n"
        "header (in /docs: the Authorize button). Create keys for each role with\n"
        "  python -m app.cli keys create --role ROLE --name NAME\n"
        f"{banner}\n"
        f"{secret}\n",
        file=sys.stderr,
        flush=True,
    )


def _open_stores(app: FastAPI, database: Database) -> None:
    policy_store = PolicyStore(database, on_change=lambda policies: apply_policies(app, policies))
    seeded = policy_store.seed(app.state.policies)
    if seeded:
        logger.info("policy store seeded from the policy files: %s", ", ".join(seeded))
    app.state.policies = policy_store.policy_set()
    key_store = KeyStore(database)
    created = key_store.ensure_bootstrap_admin()
    app.state.policy_store = policy_store
    app.state.key_store = key_store
    if created is not None:
        key, secret = created
        logger.warning("no API key existed: admin key %s created and printed once", key.id)
        announce_admin_key(key, secret)


async def _sweep_previews(previews: PreviewStore) -> None:
    """Delete expired previews even when nobody asks for one."""
    interval = max(1.0, min(30.0, previews.ttl_seconds / 4))
    while True:
        await asyncio.sleep(interval)
        previews.purge()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    try:
        loading = time.perf_counter()
        detector = Detector.load(
            settings.spacy_model, settings.gazetteer_dir, settings.model_manifest
        )
        MODEL_LOAD_SECONDS.set(time.perf_counter() - loading)
        ocr = Tesseract.from_settings(settings)
        if ocr is None:
            logger.warning(
                "OCR unavailable: Tesseract (%s, language %s, with OSD) was not found; "
                "scanned pages will be refused with ocr_unavailable",
                settings.tesseract_cmd,
                settings.ocr_language,
            )
        engine = RedactionEngine(
            detector,
            app.state.policies,
            max_pages=settings.max_pages,
            ocr=ocr,
            limits=Limits.from_settings(settings),
            isolate=settings.document_process,
            fan_out=settings.document_fan_out,
        )
    except RedactorError as exc:
        # Our errors' text is safe by construction (file and field names, model names).
        logger.critical("startup failed: %s", exc)
        raise
    except Exception as exc:
        logger.critical("startup failed: %s while loading the model", type(exc).__name__)
        raise
    database = _open_database(settings.database_url)
    try:
        _open_stores(app, database)
    except RedactorError as exc:
        logger.critical("startup failed: %s", exc)
        database.dispose()
        raise
    except Exception as exc:
        logger.critical("startup failed: %s while opening the stores", type(exc).__name__)
        database.dispose()
        raise
    engine.set_policies(app.state.policies)
    app.state.database = database
    app.state.audit_store = MeteredAuditStore(database)  # counts each record (app/metrics.py)
    app.state.engine = engine
    previews = PreviewStore(settings.preview_ttl_seconds, settings.preview_max)
    app.state.preview_store = previews
    sweeper = asyncio.create_task(_sweep_previews(previews))
    # The model, the analyzer and the gazetteers are some 10^5-10^6 long-lived objects.
    # Frozen, the cyclic GC no longer walks them on every full collection (about half
    # a second each), and a document's forked process does not copy them by walking
    # them (settle_heap; benchmarks/speed.py, README). A made-up report redacted first
    # leaves what a redaction builds on first use in this process, for every
    # document's forked process to share instead of building it again (warm_up.py).
    await asyncio.to_thread(engine.warm_up)
    settle_heap()
    # Bulk jobs: Celery when REDACTOR_BROKER_URL is set, else a local process pool.
    job_service = JobService(
        settings, database, app.state.policy_store, app.state.audit_store, engine
    )
    app.state.job_service = job_service
    await asyncio.to_thread(job_service.recover)
    logger.info(
        "ready: policies %s, database %s", ", ".join(app.state.policies.ids()), database.backend
    )
    try:
        yield
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        previews.clear()  # unredacted uploads: gone with the process, and before it ends
        app.state.job_service = None
        await asyncio.to_thread(job_service.close)  # waits for embedded documents under way
        app.state.preview_store = None
        app.state.engine = None
        app.state.audit_store = None
        app.state.policy_store = None
        app.state.key_store = None
        app.state.database = None
        database.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_format)
    # Validated here, not in the lifespan: an invalid policy must stop the service
    # before it starts, and the requester_type enum of the API is built from the ids.
    policies = load_policies(settings.policy_dir)

    app = FastAPI(
        title="Arrest-report redaction service",
        version=__version__,
        summary="Redacts arrest-report PDFs by requester policy and keeps an audit of each.",
        description=(
            "Upload an arrest-report PDF with the requester type to `POST /v1/redactions`. "
            "The service removes what the requester's policy withholds (Illinois FOIA, "
            "TRUST Act, Chicago Welcoming City Ordinance), checks that nothing removed can "
            "still be extracted, and records the request in a hash-chained audit log that "
            "never holds the removed text. In `/docs`, choose `application/pdf` as the "
            "response media type to download the redacted PDF.\n\n"
            "To check the redactions first (role `reviewer`), send the same fields to "
            "`POST /v1/redactions/preview`: it lists every proposed box with its text, rule, "
            "code and basis. Look at the pages (`GET /v1/previews/{preview_id}/pages/{n}.png`), "
            "then `POST /v1/previews/{preview_id}/release`, removing or adding boxes with a "
            "justification. `redaction_log=true` appends a redaction log page.\n\n"
            "Every endpoint but `/healthz`, `/readyz` and `/metrics` needs an API key in the "
            "`X-API-Key` header (the **Authorize** button). Roles: `records_system` (redact), "
            "`reviewer` (redact, preview), `policy_officer` (read, validate, publish and dry-run "
            "policies), `auditor` (read audit records and policies), `admin` (manage keys; "
            "may do everything). On first start the service prints one admin key to the "
            "console."
        ),
        lifespan=lifespan,
        # /docs is served from the bundled Swagger UI (below), not from a CDN:
        # these machines have no network.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.policies = policies
    app.state.engine = None
    app.state.audit_store = None
    app.state.policy_store = None
    app.state.key_store = None
    app.state.database = None
    app.state.preview_store = None
    app.state.job_service = None
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(build_router(policies.ids()))
    for router in previews_api.build_routers(policies.ids()):
        app.include_router(router)
    app.include_router(jobs_api.build_router(policies.ids()))
    app.include_router(audit_api.router)
    app.include_router(policies_api.router)
    app.include_router(keys_api.router)
    app.include_router(health_api.router)
    app.include_router(metrics_router)
    install_offline_docs(app)
    enum_path_parameter(app, "policy_id", policies.ids())
    return app


app = create_app()
