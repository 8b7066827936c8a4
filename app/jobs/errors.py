"""Job errors: status, stable code and a fixed message, as in app/redaction/errors.py."""

from __future__ import annotations

from app.redaction.errors import RedactorError


class JobNotFound(RedactorError):
    """No job with that id for this API key (a job is visible to the key that sent it)."""

    status, code, message = 404, "job_not_found", "No job has that id for this API key."
    audited = False


class JobDocumentNotFound(RedactorError):
    status, code, message = (
        404,
        "job_document_not_found",
        "The job has no document with that number.",
    )
    audited = False


class JobDocumentNotReady(RedactorError):
    status, code, message = (
        409,
        "job_document_not_ready",
        "The document has no redacted output: it is still queued or running, or it failed "
        "(see GET /v1/jobs/{job_id} for its error code).",
    )
    audited = False


class NoDocuments(RedactorError):
    status, code, message = 422, "no_documents", "The job lists no documents."


class TooManyDocuments(RedactorError):
    status, code, message = (
        413,
        "too_many_documents",
        "The job lists more documents than the limit (REDACTOR_JOB_MAX_DOCUMENTS).",
    )


class InvalidManifest(RedactorError):
    status, code, message = (
        422,
        "invalid_manifest",
        "A document's `content` in the manifest is not valid base64.",
    )


class JobQueueUnavailable(RedactorError):
    """The broker could not take the job's tasks: the job is not accepted."""

    status, code, message = (
        503,
        "job_queue_unavailable",
        "The job queue is unavailable; the job was not accepted.",
    )
    # Each of the job's documents is failed with this code and audited instead.
    audited = False


class JobAttemptsExhausted(RedactorError):
    """A document was attempted REDACTOR_JOB_MAX_ATTEMPTS times (each a worker that died)."""

    status, code, message = (
        500,
        "job_attempts_exhausted",
        "The document was attempted the maximum number of times without finishing; "
        "no document was returned.",
    )


class JobInterrupted(RedactorError):
    """Embedded mode: the service stopped before the document was redacted."""

    status, code, message = (
        503,
        "job_interrupted",
        "The service stopped before the document was redacted (embedded job pool); "
        "no document was returned. Send it again.",
    )


class JobInputMismatch(RedactorError):
    """The task carried bytes whose hash is not the accepted upload's: never redact them."""

    status, code, message = (
        500,
        "job_input_mismatch",
        "The document the worker received is not the one the job accepted; nothing was redacted.",
    )
