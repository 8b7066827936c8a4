"""Accepting jobs, reading them back, and handing their documents to a runner.

Two runners, chosen by `REDACTOR_BROKER_URL`:

- `CeleryDispatcher` (a broker is set): one Celery task per document, run by
  `celery -A app.jobs.celery_app worker` processes anywhere.
- `EmbeddedDispatcher` (no broker): a `ProcessPoolExecutor` inside the service, so
  `make run` needs nothing else. Processes, not threads: PyMuPDF is not
  thread-safe (the engine serializes documents behind a lock), and a pool of
  processes redacts in parallel beside the API's own engine, and survives a
  document that crashes its process. Each pool process builds its own runtime
  once (`build_runtime`, as a Celery worker process does), so the model is loaded
  once per process, lazily on the first job. A pool process that dies mid-document
  breaks the pool: it is rebuilt and the document sent again (the attempts count
  bounds this). The uploads are held in the API process's memory until their
  document finishes; if the service itself stops, its unfinished embedded
  documents are failed with `job_interrupted` (and audited) at the next start.
  Embedded mode is for one service instance; several replicas need the broker.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from app.audit import AuditStore, cap_caller_field
from app.config import Settings
from app.db import Database
from app.jobs.errors import (
    JobDocumentNotFound,
    JobDocumentNotReady,
    JobInterrupted,
    JobNotFound,
    JobQueueUnavailable,
    NoDocuments,
    TooManyDocuments,
)
from app.jobs.store import JobStore, JobWithDocuments, NewDocument
from app.jobs.worker import (
    Runtime,
    build_runtime,
    configure_worker_logging,
    fail_document,
    process_document,
)
from app.keys import ApiKey, KeyRole
from app.policy_store import PolicyStore
from app.redaction.errors import EmptyFile, FileTooLarge
from app.redaction.pipeline import RedactionEngine
from app.schemas import AuditRecord

logger = logging.getLogger("app.jobs")


@dataclass(frozen=True, slots=True)
class JobRequest:
    """The form fields of POST /v1/redactions, for every document of the job."""

    requester_type: str
    request_id: str | None = None
    requester: str | None = None
    reference: str | None = None
    release: str | None = None
    redaction_log: bool | None = None


@dataclass(frozen=True, slots=True)
class Upload:
    untrusted_pdf: bytes
    request_id: str | None = None  # this document's own reference, if the manifest gives one


class Dispatcher(Protocol):
    backend: str

    def dispatch(self, job_id: str, documents: Sequence[tuple[int, bytes]]) -> None: ...

    def close(self) -> None: ...


class CeleryDispatcher:
    backend = "celery"

    def __init__(self, settings: Settings) -> None:
        from app.jobs.queue import make_celery

        self._celery = make_celery(settings)

    def dispatch(self, job_id: str, documents: Sequence[tuple[int, bytes]]) -> None:
        from kombu.exceptions import OperationalError

        from app.jobs.queue import send_document

        try:
            for n, untrusted_pdf in documents:
                send_document(self._celery, job_id, n, untrusted_pdf)
        except (OperationalError, OSError) as exc:
            logger.error("job %s: broker unavailable (%s)", job_id, type(exc).__name__)
            raise JobQueueUnavailable() from None

    def close(self) -> None:
        self._celery.close()


# -- the embedded pool ------------------------------------------------------------------

_child_runtime: Runtime | None = None


def _init_child(settings: dict[str, Any]) -> None:
    """Pool process start: the heavy objects, once (as worker_process_init does for Celery)."""
    global _child_runtime
    loaded = Settings(**settings)
    configure_worker_logging(loaded)
    _child_runtime = build_runtime(loaded)


def _run_in_child(job_id: str, n: int, untrusted_pdf: bytes) -> str:
    assert _child_runtime is not None
    return process_document(_child_runtime, job_id, n, untrusted_pdf)


class EmbeddedDispatcher:
    backend = "embedded"
    RESUBMIT_DELAY_S = 1.0

    def __init__(self, settings: Settings, give_up: Any) -> None:
        self._settings = settings
        self._give_up = give_up  # (job_id, n) -> None: fail the document, audited
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._settings.job_workers,
                # spawn: a fresh interpreter, not a fork of a process with threads.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_child,
                initargs=(self._settings.model_dump(),),
            )
        return self._pool

    def dispatch(self, job_id: str, documents: Sequence[tuple[int, bytes]]) -> None:
        for n, untrusted_pdf in documents:
            self._submit(job_id, n, untrusted_pdf, 0)

    def _submit(self, job_id: str, n: int, untrusted_pdf: bytes, tries: int) -> None:
        with self._lock:
            if self._closed:
                return
            pool = self._executor()
            try:
                future = pool.submit(_run_in_child, job_id, n, untrusted_pdf)
            except BrokenProcessPool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=False)
                pool = self._executor()
                future = pool.submit(_run_in_child, job_id, n, untrusted_pdf)

        def done(f: Future[str]) -> None:
            self._done(f, pool, job_id, n, untrusted_pdf, tries)

        future.add_done_callback(done)

    def _done(
        self,
        future: Future[str],
        pool: ProcessPoolExecutor,
        job_id: str,
        n: int,
        untrusted_pdf: bytes,
        tries: int,
    ) -> None:
        if future.cancelled():
            return
        exc = future.exception()
        if exc is None:
            return
        if isinstance(exc, BrokenProcessPool):
            with self._lock:
                if self._pool is pool:
                    self._pool = None
                    pool.shutdown(wait=False, cancel_futures=False)
        logger.warning("job %s document %d: attempt ended with %s", job_id, n, type(exc).__name__)
        if tries + 1 > self._settings.job_max_attempts:
            # The pool cannot even start or reach the database: give up here.
            threading.Thread(target=self._give_up, args=(job_id, n), daemon=True).start()
            return
        timer = threading.Timer(
            self.RESUBMIT_DELAY_S, self._submit, args=(job_id, n, untrusted_pdf, tries + 1)
        )
        timer.daemon = True
        timer.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# -- the service --------------------------------------------------------------------------


class JobService:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        policies: PolicyStore,
        audit: AuditStore,
        engine: RedactionEngine,
    ) -> None:
        self.settings = settings
        self.jobs = JobStore(database)
        self.audit = audit
        self.policies = policies
        # For failures recorded by the API process itself (the embedded pool gave up).
        self._runtime = Runtime(settings, database, audit, policies, self.jobs, engine)
        self.dispatcher: Dispatcher = (
            CeleryDispatcher(settings)
            if settings.broker_url
            else EmbeddedDispatcher(settings, self._give_up)
        )

    @property
    def backend(self) -> str:
        return self.dispatcher.backend

    def _give_up(self, job_id: str, n: int) -> None:
        try:
            fail_document(self._runtime, job_id, n, JobInterrupted())
        except Exception as exc:
            logger.error(
                "job %s document %d: cannot record failure (%s)", job_id, n, type(exc).__name__
            )

    def recover(self) -> int:
        """Embedded mode, at startup: fail (and audit) what a stopped service left unfinished."""
        if self.backend != "embedded":
            return 0
        left = self.jobs.unfinished("embedded")
        for job_id, n in left:
            self._give_up(job_id, n)
        if left:
            logger.warning(
                "%d unfinished embedded job documents failed: job_interrupted", len(left)
            )
        return len(left)

    def submit(
        self, principal: ApiKey, request: JobRequest, uploads: Sequence[Upload]
    ) -> JobWithDocuments:
        """Check the job, store it and queue its documents; a refusal stores nothing."""
        if not uploads:
            raise NoDocuments()
        if len(uploads) > self.settings.job_max_documents:
            raise TooManyDocuments()
        for upload in uploads:
            if len(upload.untrusted_pdf) > self.settings.max_upload_bytes:
                raise FileTooLarge()
            if not upload.untrusted_pdf:
                raise EmptyFile()
        # The version in force now is the one every document of the job gets.
        stored = self.policies.current(request.requester_type)
        stored.policy.admit(
            reference=request.reference, release=[request.release] if request.release else []
        )
        job = self.jobs.create(
            owner_key_id=principal.id,
            actor=principal.name,
            backend=self.backend,
            requester_type=request.requester_type,
            request_id=cap_caller_field(request.request_id),
            requester=cap_caller_field(request.requester),
            reference=cap_caller_field(request.reference),
            release=cap_caller_field(request.release),
            redaction_log=request.redaction_log,
            policy_id=stored.id,
            policy_version=stored.version,
            documents=[
                NewDocument(
                    sha256=hashlib.sha256(u.untrusted_pdf).hexdigest(),
                    bytes=len(u.untrusted_pdf),
                    request_id=cap_caller_field(u.request_id),
                )
                for u in uploads
            ],
        )
        try:
            self.dispatcher.dispatch(
                job.id, [(n, u.untrusted_pdf) for n, u in enumerate(uploads, start=1)]
            )
        except JobQueueUnavailable:
            # Nothing (or not everything) was queued: the job never ran. Tasks that did
            # get through find it failed and do nothing.
            for n in range(1, len(uploads) + 1):
                fail_document(self._runtime, job.id, n, JobQueueUnavailable())
            raise
        return self.get(principal, job.id)

    def get(self, principal: ApiKey, job_id: str) -> JobWithDocuments:
        found = self.jobs.get(job_id)
        if found is None or not _may_read(principal, found.job.owner_key_id):
            raise JobNotFound()
        return found

    def audit_records(self, job: JobWithDocuments) -> dict[int, AuditRecord]:
        return {d.n: self.audit.get(d.audit_id) for d in job.documents if d.audit_id is not None}

    def output(self, principal: ApiKey, job_id: str, n: int) -> tuple[bytes, str]:
        """The released document `n` and its audit id."""
        found = self.get(principal, job_id)
        document = next((d for d in found.documents if d.n == n), None)
        if document is None:
            raise JobDocumentNotFound()
        output = self.jobs.output(job_id, n) if document.status == "done" else None
        if output is None or document.audit_id is None:
            raise JobDocumentNotReady()
        return output, document.audit_id

    def outputs(self, job: JobWithDocuments) -> dict[int, bytes]:
        out: dict[int, bytes] = {}
        for d in job.documents:
            if d.status == "done":
                pdf = self.jobs.output(job.job.id, d.n)
                if pdf is not None:
                    out[d.n] = pdf
        return out

    def close(self) -> None:
        self.dispatcher.close()


def _may_read(principal: ApiKey, owner_key_id: str) -> bool:
    """A job is the submitting key's; an admin may read any (admin may do everything)."""
    return principal.id == owner_key_id or principal.role is KeyRole.ADMIN
