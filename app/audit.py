"""The audit store: one append-only, hash-chained record per request.

A record says what was removed and why, never what it said. It is stored as
JSON next to a few indexed columns for look-ups. Each record's `hash` is the
SHA-256 of its canonical JSON (every field but `hash`, `prev_hash` included), so
editing or deleting a stored record breaks the chain at that point.

Appends are serialized: a process-wide lock for the worker threads, BEGIN
IMMEDIATE on SQLite and a transaction-level advisory lock on PostgreSQL for
other processes; a unique `prev_hash` makes a fork impossible even so.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Uuid, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, Database
from app.redaction.errors import (
    AuditNotFound,
    AuditUnavailable,
    RedactorError,
    RequestDeclined,
    VerificationFailed,
)
from app.redaction.pipeline import RedactionOutcome
from app.schemas import (
    CALLER_FIELD_MAX,
    AuditDraft,
    AuditRecord,
    AuditStatus,
    EngineInfo,
    ErrorInfo,
    InputInfo,
    OutputInfo,
    PageReadingInfo,
    PolicyInfo,
    Redaction,
    RedactionLogInfo,
    RequestInfo,
    ReviewInfo,
    VerificationInfo,
)

logger = logging.getLogger("app.audit")

GENESIS_HASH = "0" * 64
# Key of the PostgreSQL advisory lock that serializes appends ("REDACTOR" in ASCII).
_ADVISORY_LOCK_KEY = 0x5245444143544F52


class AuditRow(Base):
    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    requester_type: Mapped[str | None] = mapped_column(String(200), index=True)
    request_id: Mapped[str | None] = mapped_column(String(200), index=True)
    policy_id: Mapped[str | None] = mapped_column(String(64), index=True)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


def canonical_json(obj: Any) -> bytes:
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def record_hash(record: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a record without its own `hash` field."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    records: int  # records checked, up to and including the first broken one
    first_broken: str | None = None  # id of the first record that does not verify
    first_broken_seq: int | None = None  # and its position in the store


# Export page size bounds: a page is built in memory, so it is capped.
EXPORT_MAX_LIMIT = 1000
# Rows fetched per round trip while verifying: the whole chain is never held at once.
_VERIFY_BATCH = 500


def _as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones.

    A bound at the very edge of the calendar (year 1 east of UTC, year 9999 west of it)
    has no UTC equivalent: it is clamped, which selects the same records."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if value.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


def _columns_match(row: Any, stored: dict[str, Any]) -> bool:
    """The indexed columns are what look-ups filter on, but only the JSON is hashed:
    a column edited on its own (a status changed to hide a refusal from a filtered
    export) must break the chain too."""
    request = stored.get("request") or {}
    policy = stored.get("policy") or {}
    try:
        created = datetime.fromisoformat(str(stored.get("created_at")))
    except ValueError:
        return False
    return (
        row.status == stored.get("status")
        and row.requester_type == request.get("requester_type")
        and row.request_id == request.get("request_id")
        and row.policy_id == policy.get("id")
        and _as_utc(row.created_at) == _as_utc(created)
    )


def cap_caller_field(value: str | None) -> str | None:
    """Caller metadata is stored as sent, stripped and cut to CALLER_FIELD_MAX characters."""
    if value is None:
        return None
    return value.strip()[:CALLER_FIELD_MAX] or None


@dataclass
class AuditContext:
    """What is known about one request so far, to build its one audit record."""

    started: float = field(default_factory=time.perf_counter)
    request: RequestInfo | None = None
    input: InputInfo = field(default_factory=InputInfo)
    policy: PolicyInfo | None = None
    engine: EngineInfo | None = None
    actor: str | None = None  # the API key's name
    operation: str | None = None
    subject: dict[str, str | int] | None = None
    review: ReviewInfo | None = None  # a release from a preview: who and what changed
    recorded: bool = False  # set before the append, so a failed append is not retried

    def elapsed_ms(self) -> int:
        return max(0, int((time.perf_counter() - self.started) * 1000))

    def completed(self, outcome: RedactionOutcome) -> AuditDraft:
        """The record of a returned document (redacted, or the withheld notice)."""
        v = outcome.verification
        return AuditDraft(
            status=outcome.status,
            request=self.request or RequestInfo(),
            input=self.input.model_copy(update={"pages": outcome.pages}),
            output=OutputInfo(
                sha256=hashlib.sha256(outcome.document).hexdigest(), bytes=len(outcome.document)
            ),
            policy=PolicyInfo(
                id=outcome.policy.id, version=outcome.policy.version, sha256=outcome.policy.sha256
            ),
            engine=self.engine,
            redactions=[
                Redaction(
                    page=r.page,
                    bbox=(
                        round(r.bbox[0], 2),
                        round(r.bbox[1], 2),
                        round(r.bbox[2], 2),
                        round(r.bbox[3], 2),
                    ),
                    category=str(r.category),
                    role=None if r.role is None else str(r.role),
                    code=r.code,
                    basis=r.basis,
                    detector=r.detector,
                    score=round(float(r.score), 4),
                )
                for r in outcome.redactions
            ],
            counts={str(k): int(n) for k, n in outcome.counts.items()},
            verification=VerificationInfo(
                residual_strings=v.residual_strings,
                text_under_boxes=v.text_under_boxes,
                checked_strings=v.checked_strings,
                checked_boxes=v.checked_boxes,
            ),
            duration_ms=self.elapsed_ms(),
            actor=self.actor,
            operation=self.operation,
            subject=self.subject,
            review=self.review,
            redaction_log=None
            if outcome.log is None
            else RedactionLogInfo(
                pages=outcome.log.pages,
                entries=outcome.log.entries,
                requested_by=outcome.log.requested_by,
            ),
            pages=[
                PageReadingInfo(
                    page=r.page, ocr=r.ocr, rotation=r.rotation, confidence=r.confidence
                )
                for r in outcome.reading
            ]
            or None,
        )

    def failed(self, exc: BaseException, code: str) -> AuditDraft:
        """The record of a request that returned no document.

        refused, failed_verification, or declined (the policy turned the request away).
        """
        status: AuditStatus = "refused"
        verification = None
        pages = self.input.pages
        if isinstance(exc, RedactorError) and exc.pages is not None:
            pages = exc.pages
        if isinstance(exc, RequestDeclined):
            status = "declined"
        if isinstance(exc, VerificationFailed):
            status = "failed_verification"
            verification = VerificationInfo(
                residual_strings=exc.residual_strings, text_under_boxes=exc.text_under_boxes
            )
        return AuditDraft(
            status=status,
            request=self.request or RequestInfo(),
            input=self.input.model_copy(update={"pages": pages}),
            policy=self.policy,
            engine=self.engine,
            verification=verification,
            error=ErrorInfo(code=code),
            duration_ms=self.elapsed_ms(),
            actor=self.actor,
            operation=self.operation,
            subject=self.subject,
            review=self.review,
        )


class AuditStore:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._lock = threading.Lock()

    def append(self, draft: AuditDraft) -> AuditRecord:
        try:
            with self._lock, self._db.session(write_lock=True) as session:
                if self._db.backend == "postgresql":
                    session.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY}
                    )
                prev = session.scalar(select(AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1))
                record = self._seal(draft, prev or GENESIS_HASH)
                stored = record.model_dump(mode="json")
                session.add(
                    AuditRow(
                        id=uuid.UUID(record.id),
                        created_at=record.created_at,
                        status=record.status,
                        requester_type=record.request.requester_type,
                        request_id=record.request.request_id,
                        policy_id=record.policy.id if record.policy else None,
                        prev_hash=record.prev_hash,
                        hash=record.hash,
                        record=stored,
                    )
                )
        except SQLAlchemyError as exc:
            logger.error("audit append failed: %s", type(exc).__name__)
            raise AuditUnavailable() from None
        return record

    @staticmethod
    def _seal(draft: AuditDraft, prev_hash: str) -> AuditRecord:
        unsealed = AuditRecord.model_validate(
            {
                **draft.model_dump(),
                "id": str(uuid.uuid4()),
                "created_at": datetime.now(UTC),
                "prev_hash": prev_hash,
                "hash": "",
            }
        )
        digest = record_hash(unsealed.model_dump(mode="json"))
        return unsealed.model_copy(update={"hash": digest})

    def get(self, record_id: str) -> AuditRecord:
        try:
            key = uuid.UUID(record_id)
        except ValueError:
            raise AuditNotFound() from None
        try:
            with self._db.session() as session:
                row = session.scalar(select(AuditRow).where(AuditRow.id == key))
                stored = None if row is None else row.record
        except SQLAlchemyError as exc:
            logger.error("audit read failed: %s", type(exc).__name__)
            raise AuditUnavailable() from None
        if stored is None:
            raise AuditNotFound()
        return AuditRecord.model_validate(stored)

    def query(
        self,
        *,
        status: str | None = None,
        request_id: str | None = None,
        limit: int = 100,
    ) -> list[AuditRecord]:
        """Most recent first."""
        stmt = select(AuditRow.record).order_by(AuditRow.seq.desc()).limit(limit)
        if status is not None:
            stmt = stmt.where(AuditRow.status == status)
        if request_id is not None:
            stmt = stmt.where(AuditRow.request_id == request_id)
        with self._db.session() as session:
            rows: Sequence[dict[str, Any]] = session.scalars(stmt).all()
        return [AuditRecord.model_validate(r) for r in rows]

    def export_page(
        self,
        *,
        after_seq: int = 0,
        limit: int = 100,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        requester_type: str | None = None,
        request_id: str | None = None,
        status: str | None = None,
    ) -> tuple[list[AuditRecord], int | None]:
        """One page of records, oldest first, after the record at `after_seq`.

        Returns the records and the seq to continue after, or None on the last page.
        Keyset paging on the append order: records appended while an export runs
        land on later pages and never shift or repeat earlier ones.
        `created_from` is inclusive, `created_to` exclusive.
        """
        limit = max(1, min(limit, EXPORT_MAX_LIMIT))
        stmt = (
            select(AuditRow.seq, AuditRow.record)
            .where(AuditRow.seq > after_seq)
            .order_by(AuditRow.seq)
            .limit(limit + 1)  # one more tells whether there is a next page
        )
        if created_from is not None:
            stmt = stmt.where(AuditRow.created_at >= _as_utc(created_from))
        if created_to is not None:
            stmt = stmt.where(AuditRow.created_at < _as_utc(created_to))
        if requester_type is not None:
            stmt = stmt.where(AuditRow.requester_type == requester_type)
        if request_id is not None:
            stmt = stmt.where(AuditRow.request_id == request_id)
        if status is not None:
            stmt = stmt.where(AuditRow.status == status)
        try:
            with self._db.session() as session:
                rows = session.execute(stmt).all()
        except SQLAlchemyError as exc:
            logger.error("audit export failed: %s", type(exc).__name__)
            raise AuditUnavailable() from None
        page = rows[:limit]
        records = [AuditRecord.model_validate(stored) for _, stored in page]
        more = len(rows) > limit
        return records, (int(page[-1][0]) if more else None)

    def verify_chain(self) -> ChainCheck:
        """Recompute every hash and link, oldest first, in batches."""
        prev = GENESIS_HASH
        count = 0
        last_seq = 0
        try:
            with self._db.session() as session:
                while True:
                    rows = session.execute(
                        select(
                            AuditRow.seq,
                            AuditRow.id,
                            AuditRow.prev_hash,
                            AuditRow.hash,
                            AuditRow.record,
                            AuditRow.status,
                            AuditRow.requester_type,
                            AuditRow.request_id,
                            AuditRow.policy_id,
                            AuditRow.created_at,
                        )
                        .where(AuditRow.seq > last_seq)
                        .order_by(AuditRow.seq)
                        .limit(_VERIFY_BATCH)
                    ).all()
                    if not rows:
                        break
                    for row in rows:
                        count += 1
                        stored = row.record
                        if (
                            not isinstance(stored, dict)
                            or row.prev_hash != prev
                            or stored.get("prev_hash") != prev
                            or stored.get("hash") != row.hash
                            or record_hash(stored) != row.hash
                            or stored.get("id") != str(row.id)
                            or not _columns_match(row, stored)
                        ):
                            return ChainCheck(
                                ok=False,
                                records=count,
                                first_broken=str(row.id),
                                first_broken_seq=int(row.seq),
                            )
                        prev = row.hash
                    last_seq = int(rows[-1].seq)
        except SQLAlchemyError as exc:
            logger.error("audit verify failed: %s", type(exc).__name__)
            raise AuditUnavailable() from None
        return ChainCheck(ok=True, records=count)
