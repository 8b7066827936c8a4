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
    records: int
    first_broken: str | None = None  # id of the first record that does not verify


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

    def verify_chain(self) -> ChainCheck:
        """Recompute every hash and link, oldest first."""
        prev = GENESIS_HASH
        count = 0
        with self._db.session() as session:
            rows = session.execute(
                select(AuditRow.id, AuditRow.prev_hash, AuditRow.hash, AuditRow.record).order_by(
                    AuditRow.seq
                )
            ).all()
        for row_id, prev_hash, row_hash, stored in rows:
            count += 1
            if (
                prev_hash != prev
                or stored.get("prev_hash") != prev
                or stored.get("hash") != row_hash
                or record_hash(stored) != row_hash
                or stored.get("id") != str(row_id)
            ):
                return ChainCheck(ok=False, records=count, first_broken=str(row_id))
            prev = row_hash
        return ChainCheck(ok=True, records=count)
