"""SQLAlchemy engine and sessions for the audit store.

SQLite by default (a local file, WAL journal, usable from the worker threads),
PostgreSQL when `REDACTOR_DATABASE_URL` says so (`postgresql://` is rewritten to
the psycopg 3 driver, the one we install).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool

# Execution option that makes a SQLite transaction take the write lock at BEGIN
# (BEGIN IMMEDIATE), so that reading the chain head and appending after it is
# atomic across processes too, not only across threads.
SQLITE_IMMEDIATE = "redactor_sqlite_immediate"


class Base(DeclarativeBase):
    pass


def normalize_url(raw: str) -> URL:
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url.query)


def _prepare_sqlite_file(url: URL) -> None:
    if _is_memory(url) or url.database is None or url.database.startswith("file:"):
        return
    Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    _prepare_sqlite_file(url)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if _is_memory(url):
        # One shared connection, or every thread would see its own empty database.
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, emit BEGIN (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(SQLITE_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """Owns the engine; built once in the lifespan and disposed at shutdown."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = _make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def create_all(self) -> None:
        # Import for their side effect: the tables register on Base.metadata.
        from app import audit, keys, policy_store  # noqa: F401
        from app.jobs import store  # noqa: F401

        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self, *, write_lock: bool = False) -> Iterator[Session]:
        """A session inside one transaction, committed on success, rolled back on error.

        `write_lock=True` takes SQLite's write lock at BEGIN (no-op elsewhere).
        """
        with self._sessions() as session:
            if write_lock and self.backend == "sqlite":
                # Procures the connection with the option set, then begins on it.
                session.connection(execution_options={SQLITE_IMMEDIATE: True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
