"""Durable job state: tables `jobs` and `job_documents` in the audit database.

The state lives here, not in the broker: Redis only carries the work (one task per
document, with the upload), so a restarted API replica or worker, or a flushed
broker, still answers `GET /v1/jobs/{id}` truthfully.

A job document moves queued -> running -> done | failed. Its finish is two-phase,
so a worker that dies at any point neither loses the document nor releases it
twice, nor leaves two audit records:

1. `begin_recording`: the verified output (or the error code) and the audit draft
   are stored with `stage = "recording"`, in one conditional update that only one
   attempt can win.
2. The audit record is appended (`AuditStore.append`, its own transaction).
3. `finish`: the audit id is stored, the status becomes done or failed, and the
   draft is dropped. Only now is the output visible to `GET .../results`.

An attempt that finds `stage = "recording"` (its predecessor died between 1 and 3)
looks for the audit record step 2 may have written (`recorded_audit_id`) and
appends the stored draft only when there is none.

Nothing here holds document text: the upload itself is never stored (it travels
in the task), only its hash and size; the output is the redacted, verified PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.audit import AuditRow
from app.db import Base, Database
from app.schemas import AuditDraft

DocumentStatus = Literal["queued", "running", "done", "failed"]
JobState = Literal["queued", "running", "done"]
FINISHED: frozenset[str] = frozenset({"done", "failed"})
RECORDING = "recording"


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    owner_key_id: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    backend: Mapped[str] = mapped_column(String(16))  # "celery" or "embedded"
    requester_type: Mapped[str] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    requester: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    release: Mapped[str | None] = mapped_column(String(200), nullable=True)
    redaction_log: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    policy_id: Mapped[str] = mapped_column(String(64))
    policy_version: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)


class JobDocumentRow(Base):
    __tablename__ = "job_documents"
    __table_args__ = (UniqueConstraint("job_id", "n"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    n: Mapped[int] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    stage: Mapped[str | None] = mapped_column(String(16), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    input_sha256: Mapped[str] = mapped_column(String(64))
    input_bytes: Mapped[int] = mapped_column(BigInteger)
    # Deferred: listing a job's documents never loads the PDFs.
    output: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    output_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pending_record: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    recording_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    audit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class NewDocument:
    sha256: str
    bytes: int
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    created_at: datetime
    owner_key_id: str
    actor: str
    backend: str
    requester_type: str
    request_id: str | None
    requester: str | None
    reference: str | None
    release: str | None
    redaction_log: bool | None
    policy_id: str
    policy_version: int
    documents: int


@dataclass(frozen=True, slots=True)
class JobDocument:
    n: int
    request_id: str | None
    status: DocumentStatus
    attempts: int
    error_code: str | None
    input_sha256: str
    input_bytes: int
    output_bytes: int | None
    audit_id: str | None


@dataclass(frozen=True, slots=True)
class JobWithDocuments:
    job: Job
    documents: tuple[JobDocument, ...]

    @property
    def state(self) -> JobState:
        statuses = {d.status for d in self.documents}
        if statuses <= FINISHED:
            return "done"
        if statuses == {"queued"}:
            return "queued"
        return "running"

    def counts(self) -> dict[str, int]:
        out = {"queued": 0, "running": 0, "done": 0, "failed": 0}
        for d in self.documents:
            out[d.status] += 1
        return out


ClaimKind = Literal["run", "reconcile", "exhausted"]


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    job: Job
    document: JobDocument
    pending_record: dict[str, Any] | None = None
    recording_at: datetime | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def _job(row: JobRow) -> Job:
    return Job(
        id=str(row.id),
        created_at=row.created_at,
        owner_key_id=row.owner_key_id,
        actor=row.actor,
        backend=row.backend,
        requester_type=row.requester_type,
        request_id=row.request_id,
        requester=row.requester,
        reference=row.reference,
        release=row.release,
        redaction_log=row.redaction_log,
        policy_id=row.policy_id,
        policy_version=row.policy_version,
        documents=row.documents,
    )


def _document(row: JobDocumentRow, output_bytes: int | None = None) -> JobDocument:
    return JobDocument(
        n=row.n,
        request_id=row.request_id,
        status=row.status,  # type: ignore[arg-type]
        attempts=row.attempts,
        error_code=row.error_code,
        input_sha256=row.input_sha256,
        input_bytes=row.input_bytes,
        output_bytes=output_bytes,
        audit_id=None if row.audit_id is None else str(row.audit_id),
    )


def _parse_id(job_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(job_id)
    except ValueError:
        return None


class JobStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    # -- the API side --------------------------------------------------------------------

    def create(
        self,
        *,
        owner_key_id: str,
        actor: str,
        backend: str,
        requester_type: str,
        request_id: str | None,
        requester: str | None,
        reference: str | None,
        release: str | None,
        redaction_log: bool | None,
        policy_id: str,
        policy_version: int,
        documents: Sequence[NewDocument],
    ) -> Job:
        now = _now()
        row = JobRow(
            id=uuid.uuid4(),
            created_at=now,
            owner_key_id=owner_key_id,
            actor=actor,
            backend=backend,
            requester_type=requester_type,
            request_id=request_id,
            requester=requester,
            reference=reference,
            release=release,
            redaction_log=redaction_log,
            policy_id=policy_id,
            policy_version=policy_version,
            documents=len(documents),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            for n, doc in enumerate(documents, start=1):
                session.add(
                    JobDocumentRow(
                        job_id=row.id,
                        n=n,
                        request_id=doc.request_id,
                        status="queued",
                        attempts=0,
                        input_sha256=doc.sha256,
                        input_bytes=doc.bytes,
                        updated_at=now,
                    )
                )
        return _job(row)

    def get(self, job_id: str) -> JobWithDocuments | None:
        key = _parse_id(job_id)
        if key is None:
            return None
        with self._db.session() as session:
            row = session.get(JobRow, key)
            if row is None:
                return None
            docs = session.scalars(
                select(JobDocumentRow)
                .where(JobDocumentRow.job_id == key)
                .order_by(JobDocumentRow.n)
            ).all()
            # Sizes without loading the outputs themselves.
            sizes = {
                n: int(size)
                for n, size in session.execute(
                    select(JobDocumentRow.n, func.length(JobDocumentRow.output)).where(
                        JobDocumentRow.job_id == key, JobDocumentRow.status == "done"
                    )
                ).all()
                if size is not None
            }
            return JobWithDocuments(
                job=_job(row), documents=tuple(_document(d, sizes.get(d.n)) for d in docs)
            )

    def output(self, job_id: str, n: int) -> bytes | None:
        """The released output of a done document, else None."""
        key = _parse_id(job_id)
        if key is None:
            return None
        with self._db.session() as session:
            out: bytes | None = session.scalar(
                select(JobDocumentRow.output).where(
                    JobDocumentRow.job_id == key,
                    JobDocumentRow.n == n,
                    JobDocumentRow.status == "done",
                )
            )
        return out

    def unfinished(self, backend: str) -> list[tuple[str, int]]:
        """(job id, n) of every document of this backend's jobs that has not finished."""
        with self._db.session() as session:
            rows = session.execute(
                select(JobDocumentRow.job_id, JobDocumentRow.n)
                .join(JobRow, JobRow.id == JobDocumentRow.job_id)
                .where(JobRow.backend == backend, JobDocumentRow.status.in_(("queued", "running")))
                .order_by(JobDocumentRow.seq)
            ).all()
        return [(str(j), int(n)) for j, n in rows]

    def queue_depth(self) -> int:
        """Documents waiting for a worker (for the redactor_job_queue_depth gauge)."""
        with self._db.session() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(JobDocumentRow)
                    .where(JobDocumentRow.status == "queued")
                )
                or 0
            )

    # -- the worker side -----------------------------------------------------------------

    def claim(self, job_id: str, n: int, *, max_attempts: int) -> Claim | None:
        """Start an attempt on a document; None when it is finished (a duplicate delivery)."""
        key = _parse_id(job_id)
        if key is None:
            return None
        with self._db.session(write_lock=True) as session:
            stmt = select(JobDocumentRow).where(JobDocumentRow.job_id == key, JobDocumentRow.n == n)
            if self._db.backend == "postgresql":
                stmt = stmt.with_for_update()
            row = session.scalar(stmt)
            job = session.get(JobRow, key)
            if row is None or job is None or row.status in FINISHED:
                return None
            if row.stage == RECORDING:
                return Claim(
                    "reconcile", _job(job), _document(row), row.pending_record, row.recording_at
                )
            row.attempts += 1
            row.status = "running"
            row.updated_at = _now()
            kind: ClaimKind = "exhausted" if row.attempts > max_attempts else "run"
            return Claim(kind, _job(job), _document(row))

    def begin_recording(
        self,
        job_id: str,
        n: int,
        *,
        draft: AuditDraft,
        output: bytes | None,
        output_sha256: str | None,
        error_code: str | None,
    ) -> datetime | None:
        """Phase 1: store the result and the draft; the time, or None if another attempt won."""
        now = _now()
        with self._db.session(write_lock=True) as session:
            result = session.execute(
                update(JobDocumentRow)
                .where(
                    JobDocumentRow.job_id == uuid.UUID(job_id),
                    JobDocumentRow.n == n,
                    JobDocumentRow.status == "running",
                    JobDocumentRow.stage.is_(None),
                )
                .values(
                    stage=RECORDING,
                    output=output,
                    output_sha256=output_sha256,
                    error_code=error_code,
                    pending_record=draft.model_dump(mode="json"),
                    recording_at=now,
                    updated_at=now,
                )
            )
            won = getattr(result, "rowcount", 0) == 1
        return now if won else None

    def finish(self, job_id: str, n: int, audit_id: str) -> None:
        """Phase 3: the audit record exists; release the output (or the failure)."""
        with self._db.session(write_lock=True) as session:
            row = session.scalar(
                select(JobDocumentRow).where(
                    JobDocumentRow.job_id == uuid.UUID(job_id), JobDocumentRow.n == n
                )
            )
            if row is None or row.status in FINISHED:
                return
            row.status = "done" if row.output_sha256 is not None else "failed"
            row.stage = None
            row.pending_record = None
            row.audit_id = uuid.UUID(audit_id)
            row.updated_at = _now()

    def recorded_audit_id(
        self, job_id: str, n: int, *, request_id: str | None, since: datetime
    ) -> str | None:
        """The audit record an attempt appended after `since`, if it got that far.

        Only records created after phase 1 of that attempt are read (an indexed
        range), and the one for this document is recognized by its `subject`.
        """
        subject = job_subject(job_id, n)
        stmt = select(AuditRow.id, AuditRow.record).where(
            AuditRow.created_at >= since - timedelta(seconds=1)
        )
        if request_id is None:
            stmt = stmt.where(AuditRow.request_id.is_(None))
        else:
            stmt = stmt.where(AuditRow.request_id == request_id)
        with self._db.session() as session:
            for record_id, record in session.execute(stmt).all():
                if record.get("subject") == subject:
                    return str(record_id)
        return None


def job_subject(job_id: str, n: int) -> dict[str, str | int]:
    """The `subject` of a job document's audit record."""
    return {"job_id": job_id, "document": n}
