"""The audit store on SQLite and on the real PostgreSQL server: append, get, chain."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.audit import GENESIS_HASH, AuditRow, AuditStore, record_hash
from app.db import Database, normalize_url
from app.redaction.errors import AuditNotFound, AuditUnavailable
from app.schemas import (
    AuditDraft,
    ErrorInfo,
    InputInfo,
    PolicyInfo,
    Redaction,
    RequestInfo,
    VerificationInfo,
)


def draft(n: int = 0, *, status: str = "completed") -> AuditDraft:
    return AuditDraft.model_validate(
        {
            "status": status,
            "request": RequestInfo(
                request_id=f"FOIA-2025-{n:04d}", requester_type="public", requester="Tribune"
            ),
            "input": InputInfo(sha256="ab" * 32, bytes=1000 + n, pages=2),
            "policy": PolicyInfo(id="public", version=1, sha256="cd" * 32),
            "redactions": [
                Redaction(
                    page=1,
                    bbox=(72.0, 140.2 + n, 188.8, 155.3),
                    category="DATE_OF_BIRTH",
                    role=None,
                    code="7(1)(b)",
                    basis="5 ILCS 140/7(1)(b)",
                    detector="dob",
                    score=0.95,
                )
            ],
            "counts": {"DATE_OF_BIRTH": 1},
            "verification": VerificationInfo(residual_strings=0, text_under_boxes=0),
            "error": ErrorInfo(code="not_a_pdf") if status == "refused" else None,
            "duration_ms": 10 + n,
        }
    )


def _sqlite_db(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    db.create_all()
    return db


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = _sqlite_db(tmp_path / "nested" / "dir" / "audit.db")
    else:
        db = Database(request.getfixturevalue("pg_url"))
        db.create_all()
        with db.engine.begin() as conn:  # the schema is shared by the session
            conn.execute(text("DELETE FROM audit_records"))
    try:
        yield db
    finally:
        db.dispose()


def test_append_get_round_trip(database: Database) -> None:
    store = AuditStore(database)
    first = store.append(draft(1))
    uuid.UUID(first.id)
    assert first.prev_hash == GENESIS_HASH
    assert first.hash == record_hash(first.model_dump(mode="json"))
    again = store.get(first.id)
    assert again == first
    assert again.model_dump(mode="json") == first.model_dump(mode="json")
    assert again.redactions[0].bbox == (72.0, 141.2, 188.8, 155.3)
    assert again.request.request_id == "FOIA-2025-0001"


def test_chain_links_and_verifies(database: Database) -> None:
    store = AuditStore(database)
    records = [store.append(draft(i, status="refused" if i % 2 else "completed")) for i in range(5)]
    for prev, cur in itertools.pairwise(records):
        assert cur.prev_hash == prev.hash
    check = store.verify_chain()
    assert check.ok and check.records == 5
    assert [r.id for r in store.query(limit=10)] == [r.id for r in reversed(records)]
    assert {r.status for r in store.query(status="refused")} == {"refused"}
    assert [r.id for r in store.query(request_id="FOIA-2025-0003")] == [records[3].id]


def test_tampering_breaks_the_chain(database: Database) -> None:
    store = AuditStore(database)
    records = [store.append(draft(i)) for i in range(4)]
    with database.session() as session:
        row = session.scalar(select(AuditRow).where(AuditRow.id == uuid.UUID(records[2].id)))
        assert row is not None
        changed = dict(row.record)
        changed["counts"] = {"DATE_OF_BIRTH": 0}
        session.execute(update(AuditRow).where(AuditRow.id == row.id).values(record=changed))
    check = store.verify_chain()
    assert not check.ok
    assert check.first_broken == records[2].id


def test_deleting_a_record_breaks_the_chain(database: Database) -> None:
    store = AuditStore(database)
    records = [store.append(draft(i)) for i in range(3)]
    with database.session() as session:
        session.execute(text("DELETE FROM audit_records WHERE hash = :h"), {"h": records[1].hash})
    check = store.verify_chain()
    assert not check.ok and check.first_broken == records[2].id


def test_get_unknown_or_malformed_id(database: Database) -> None:
    store = AuditStore(database)
    with pytest.raises(AuditNotFound):
        store.get(str(uuid.uuid4()))
    with pytest.raises(AuditNotFound):
        store.get("not-a-uuid")


def test_concurrent_appends_from_two_stores_keep_one_chain(database: Database) -> None:
    """Two stores on one database (like two worker processes) and many threads each."""
    other = Database(database.url.render_as_string(hide_password=False))
    stores = [AuditStore(database), AuditStore(other)]
    errors: list[BaseException] = []

    def work(store: AuditStore, base: int) -> None:
        try:
            for i in range(8):
                store.append(draft(base + i))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(stores[t % 2], t * 100)) for t in range(6)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        other.dispose()
    assert not errors, [type(e).__name__ for e in errors]
    check = AuditStore(database).verify_chain()
    assert check.ok, check
    assert check.records == 48


def test_unavailable_database_fails_closed(tmp_path: Path) -> None:
    db = _sqlite_db(tmp_path / "audit.db")
    store = AuditStore(db)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_records"))
    with pytest.raises(AuditUnavailable):
        store.append(draft())
    db.dispose()


def test_sqlite_uses_wal_and_creates_parent_dir(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "audit.db"
    db = _sqlite_db(path)
    try:
        assert path.parent.is_dir()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("raw", "driver"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///./var/audit.db", "sqlite"),
    ],
)
def test_url_normalization(raw: str, driver: str) -> None:
    assert normalize_url(raw).drivername == driver


@pytest.mark.postgres
def test_postgres_table_is_really_on_postgres(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        db.create_all()
        assert db.backend == "postgresql"
        AuditStore(db).append(draft(7))
        with db.engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar()
            kind = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = 'audit_records' "
                    "AND column_name = 'id'"
                )
            ).scalar()
        assert str(schema).startswith("redactor_test_")
        assert kind == "uuid"
    finally:
        db.dispose()
