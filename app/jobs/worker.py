"""Redact one job document: the same code in a Celery worker and in the embedded pool.

`build_runtime` loads what the API's lifespan loads (the checked spaCy pipeline,
offline; Tesseract; the policies; the database with its audit and policy
stores), once per worker process, from the same `REDACTOR_*` settings.

`process_document` is idempotent per document (see app/jobs/store.py): a task
delivered again after its worker died redoes the work or completes the record
its predecessor started, and a task delivered again after the document finished
does nothing. Each document ends with exactly one audit record (operation
`POST /v1/jobs`, subject `{"job_id", "document"}`), refusals included.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Literal

from app.audit import AuditContext, AuditStore, cap_caller_field
from app.config import Settings
from app.db import Database
from app.jobs.errors import JobAttemptsExhausted, JobInputMismatch
from app.jobs.store import Claim, Job, JobDocument, JobStore, job_subject
from app.logs import RequestIdFilter, make_formatter
from app.policy_store import PolicyStore
from app.redaction.detection import Detector
from app.redaction.errors import RedactorError
from app.redaction.limits import Limits
from app.redaction.ocr import Tesseract
from app.redaction.pipeline import RedactionEngine, settle_heap
from app.redaction.policy import load_policies
from app.schemas import AuditDraft, EngineInfo, InputInfo, PolicyInfo, RequestInfo

logger = logging.getLogger("app.jobs")

OPERATION = "POST /v1/jobs"
Result = Literal["done", "failed", "skipped"]


@dataclass
class Runtime:
    """The heavy objects of one worker process."""

    settings: Settings
    database: Database
    audit: AuditStore
    policies: PolicyStore
    jobs: JobStore
    engine: RedactionEngine

    def close(self) -> None:
        self.database.dispose()


def configure_worker_logging(settings: Settings) -> None:
    """The service's own log lines only (never document text), formatted as in the API."""
    app_logger = logging.getLogger("app")
    app_logger.setLevel(settings.log_level)
    if not any(getattr(h, "redactor_handler", False) for h in app_logger.handlers):
        handler = logging.StreamHandler()
        handler.redactor_handler = True  # type: ignore[attr-defined]
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(make_formatter(settings.log_format))
        app_logger.addHandler(handler)
    app_logger.propagate = False
    for name in ("presidio-analyzer", "presidio-anonymizer", "presidio_analyzer", "spacy"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_runtime(settings: Settings) -> Runtime:
    """Load the model and open the stores; raises (and logs no document data) on failure."""
    detector = Detector.load(settings.spacy_model, settings.gazetteer_dir, settings.model_manifest)
    ocr = Tesseract.from_settings(settings)
    if ocr is None:
        logger.warning("OCR unavailable: scanned pages will fail with ocr_unavailable")
    engine = RedactionEngine(
        detector,
        load_policies(settings.policy_dir),
        max_pages=settings.max_pages,
        ocr=ocr,
        limits=Limits.from_settings(settings),
    )
    settle_heap()
    database = Database(settings.database_url)
    try:
        database.create_all()
    except Exception:
        database.dispose()
        raise
    return Runtime(
        settings=settings,
        database=database,
        audit=AuditStore(database),
        policies=PolicyStore(database),
        jobs=JobStore(database),
        engine=engine,
    )


def _context(runtime: Runtime, job: Job, document: JobDocument) -> AuditContext:
    context = AuditContext()
    context.actor = job.actor
    context.operation = OPERATION
    context.subject = job_subject(job.id, document.n)
    context.request = RequestInfo(
        request_id=cap_caller_field(document.request_id or job.request_id),
        requester_type=job.requester_type,
        requester=job.requester,
        reference=job.reference,
        release=job.release,
        redaction_log=job.redaction_log,
    )
    context.engine = EngineInfo.model_validate(runtime.engine.engine_info())
    context.input = InputInfo(sha256=document.input_sha256, bytes=document.input_bytes)
    return context


def _record(
    runtime: Runtime,
    claim: Claim,
    draft: AuditDraft,
    output: bytes | None,
    error_code: str | None,
) -> Result:
    job, document = claim.job, claim.document
    since = runtime.jobs.begin_recording(
        job.id,
        document.n,
        draft=draft,
        output=output,
        output_sha256=None if output is None else hashlib.sha256(output).hexdigest(),
        error_code=error_code,
    )
    if since is None:  # another attempt of the same document is recording it
        return "skipped"
    record = runtime.audit.append(draft)
    runtime.jobs.finish(job.id, document.n, record.id)
    return "done" if output is not None else "failed"


def _reconcile(runtime: Runtime, claim: Claim) -> Result:
    """The previous attempt stored its result and died before finishing: complete it."""
    job, document = claim.job, claim.document
    assert claim.pending_record is not None and claim.recording_at is not None
    draft = AuditDraft.model_validate(claim.pending_record)
    audit_id = runtime.jobs.recorded_audit_id(
        job.id,
        document.n,
        request_id=draft.request.request_id,
        since=claim.recording_at,
    )
    if audit_id is None:
        audit_id = runtime.audit.append(draft).id
    runtime.jobs.finish(job.id, document.n, audit_id)
    return "done" if draft.output is not None else "failed"


def fail_document(runtime: Runtime, job_id: str, n: int, error: RedactorError) -> Result:
    """Give up on a document (e.g. the embedded pool stopped): failed, with its audit record."""
    claim = runtime.jobs.claim(job_id, n, max_attempts=1_000_000)
    if claim is None:
        return "skipped"
    if claim.kind == "reconcile":
        return _reconcile(runtime, claim)
    context = _context(runtime, claim.job, claim.document)
    return _record(runtime, claim, context.failed(error, error.code), None, error.code)


def process_document(runtime: Runtime, job_id: str, n: int, untrusted_pdf: bytes) -> Result:
    """Redact document `n` of job `job_id` and record it; see the module docstring.

    Database errors propagate (the caller retries the task); everything about the
    document itself ends as a failed document with a stable code.
    """
    settings = runtime.settings
    claim = runtime.jobs.claim(job_id, n, max_attempts=settings.job_max_attempts)
    if claim is None:
        return "skipped"
    if claim.kind == "reconcile":
        return _reconcile(runtime, claim)
    job, document = claim.job, claim.document
    context = _context(runtime, job, document)
    if claim.kind == "exhausted":
        exhausted = JobAttemptsExhausted()
        logger.warning("job %s document %d: %s", job.id, n, exhausted.code)
        return _record(
            runtime, claim, context.failed(exhausted, exhausted.code), None, exhausted.code
        )
    if settings.job_test_delay_s:
        time.sleep(settings.job_test_delay_s)
    if hashlib.sha256(untrusted_pdf).hexdigest() != document.input_sha256:
        # Not the upload the job was accepted with: never redact something else.
        mismatch = JobInputMismatch()
        return _record(runtime, claim, context.failed(mismatch, mismatch.code), None, mismatch.code)
    try:
        stored = runtime.policies.version(job.policy_id, job.policy_version)
        context.policy = PolicyInfo(id=stored.id, version=stored.version, sha256=stored.sha256)
        policy = stored.policy.admit(
            reference=job.reference, release=[job.release] if job.release else []
        )
        outcome = runtime.engine.redact_with(
            untrusted_pdf, policy, redaction_log=bool(job.redaction_log)
        )
    except RedactorError as exc:
        logger.info("job %s document %d: %s", job.id, n, exc.code)
        return _record(runtime, claim, context.failed(exc, exc.code), None, exc.code)
    except Exception as exc:
        # The exception text may quote the document: its type name only.
        logger.error("job %s document %d: unexpected %s", job.id, n, type(exc).__name__)
        internal = RedactorError()
        return _record(runtime, claim, context.failed(internal, internal.code), None, internal.code)
    return _record(runtime, claim, context.completed(outcome), outcome.document, None)
