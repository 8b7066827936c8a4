"""Shared fixtures: one app (one model load) for the whole run, real PDFs, PostgreSQL.

The session app uses a SQLite audit store in a temporary directory. Tests that
need other settings build their own app (and pay for another model load) or,
when only a limit changes, swap `app.state.settings` for the duration of a test.

Every endpoint needs an API key: `api_keys` holds one per role, made in the
session database before the app starts, and the session `client` sends the
admin key (admin may do everything) unless a test sends another.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.keys import KeyRole, KeyStore
from app.main import create_app
from tests.pdfs import make_pdf

# A realistic arrest report; every value below is invented.
REPORT_LINES = [
    "CHICAGO POLICE DEPARTMENT\tARREST REPORT",
    "CB# 19283746\tRD# JA123456",
    "NAME: GARCIA-LOPEZ, Juan Carlos",
    "DOB: 03/14/1991\tAGE: 34",
    "A# 212-345-678",
    "POB: Tegucigalpa, Honduras",
    "EMAIL: jgarcia.lopez@example.com",
    "CHARGE: 720 ILCS 5/16-25(a)(1) RETAIL THEFT",
    "ARRESTING OFFICER: P.O. J. Smith #1234",
    "NARRATIVE: GARCIA-LOPEZ was observed concealing merchandise at the store.",
]
# Removed under the federal_immigration policy (identity, origin, contact).
FEDERAL_WITHHELD = [
    "GARCIA-LOPEZ",
    "Juan Carlos",
    "03/14/1991",
    "212-345-678",
    "Tegucigalpa",
    "Honduras",
    "jgarcia.lopez@example.com",
]
# Released under federal_immigration: the charge.
FEDERAL_RELEASED = ["RETAIL THEFT"]
# Never in a log line, an error body or the audit record.
UPLOAD_NAME = "GARCIA-LOPEZ_Juan_Carlos_arrest.pdf"


@pytest.fixture(scope="session")
def report_pdf() -> bytes:
    return make_pdf(REPORT_LINES)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("audit") / "audit.db"
    return Settings(database_url=f"sqlite:///{db}")


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


def provision_keys(database_url: str, prefix: str = "test") -> dict[str, str]:
    """One key per role, named `{prefix}-{role}`, in the database at this URL."""
    database = Database(database_url)
    try:
        database.create_all()
        store = KeyStore(database)
        return {
            role.value: store.create(name=f"{prefix}-{role.value}", role=role, created_by="tests")[
                1
            ]
            for role in KeyRole
        }
    finally:
        database.dispose()


def key_header(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


@pytest.fixture(scope="session")
def api_keys(settings: Settings) -> dict[str, str]:
    # Made before the app starts, so it has keys and makes no first-start admin key.
    return provision_keys(settings.database_url)


@pytest.fixture(scope="session")
def client(app: FastAPI, api_keys: dict[str, str]) -> Iterator[TestClient]:
    # Entering the client runs the lifespan: the model is loaded once for the run.
    with TestClient(app, headers=key_header(api_keys["admin"])) as test_client:
        yield test_client


def post_redaction(
    client: TestClient,
    pdf: bytes | None,
    *,
    requester_type: str | None = "federal_immigration",
    accept: str | None = None,
    filename: str = UPLOAD_NAME,
    **fields: str,
) -> Any:
    data = dict(fields)
    if requester_type is not None:
        data["requester_type"] = requester_type
    files = None if pdf is None else {"file": (filename, pdf, "application/pdf")}
    headers = {"Accept": accept} if accept else {}
    return client.post("/v1/redactions", data=data, files=files, headers=headers)


def squash(text: str) -> str:
    """Case- and whitespace-insensitive form, so a value split by an extractor still matches."""
    return "".join(text.split()).casefold()


def pdfminer_text(pdf: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(pdf)))


def pypdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    parts = [page.extract_text() or "" for page in reader.pages]
    meta: dict[str, Any] = dict(reader.metadata or {})
    parts.extend(str(v) for v in meta.values())
    return "\n".join(parts)


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def app_log() -> Iterator[LogCapture]:
    """Everything the service logs (its loggers do not propagate to the root)."""
    handler = LogCapture()
    logger = logging.getLogger("app")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)) and not isinstance(address, tuple):
        return True  # AF_UNIX path
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def block_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Refuse every socket connection except loopback; return the attempts made."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address: Any) -> None:
        if not _is_local(address):
            attempts.append(address)
            raise OSError(f"network blocked by test: {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    real_create_connection = socket.create_connection

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        guard(address)
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


# -- PostgreSQL ---------------------------------------------------------------------

_PG_USERS = ("postgres", "root")
_PG_HOST = "127.0.0.1:5432"
_PG_DB = "test"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A SQLAlchemy URL whose search_path is a fresh schema, dropped at the end."""
    with fresh_pg_schema("redactor_test") as url:
        yield url


@contextmanager
def fresh_pg_schema(prefix: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new schema, dropped on exit. Skips
    when the server is unreachable, and fails instead when CI is set."""
    import psycopg

    conn = None
    failure = ""
    for user in _PG_USERS:
        try:
            conn = psycopg.connect(
                f"postgresql://{user}@{_PG_HOST}/{_PG_DB}", connect_timeout=5, autocommit=True
            )
            break
        except psycopg.OperationalError as exc:
            failure = f"{type(exc).__name__}: {exc}".strip()
    if conn is None:
        if _in_ci():
            pytest.fail(f"CI=true but PostgreSQL on {_PG_HOST}/{_PG_DB} is unreachable: {failure}")
        pytest.skip(f"PostgreSQL not reachable on {_PG_HOST}/{_PG_DB} and CI is not set")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            f"postgresql+psycopg://{conn.info.user}@{_PG_HOST}/{_PG_DB}"
            f"?options=-csearch_path%3D{schema}"
        )
    finally:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.close()


@pytest.fixture
def swap_settings(app: FastAPI) -> Iterator[Callable[..., Settings]]:
    """Change settings of the session app for one test (e.g. a tiny upload limit)."""
    original: Settings = app.state.settings

    def swap(**changes: Any) -> Settings:
        app.state.settings = original.model_copy(update=changes)
        return app.state.settings  # type: ignore[no-any-return]

    try:
        yield swap
    finally:
        app.state.settings = original
