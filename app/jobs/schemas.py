"""Request and response models of the bulk-job API (`/v1/jobs`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas import CALLER_FIELD_MAX, AuditRecord

_JOB_ID = "3f1c9a52-8d4e-4b7a-9c21-5e6f7a8b9c0d"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ManifestDocument(_Model):
    content: str = Field(
        description="The PDF, base64-encoded (standard alphabet, with padding).",
        examples=["JVBERi0xLjcKJcfsj6IK..."],
    )
    request_id: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description=(
            "This document's own reference (e.g. its FOIA number); the job's `request_id` "
            "when absent. Stored in its audit record."
        ),
        examples=["FOIA-2026-0142-3"],
    )


class JobManifest(_Model):
    """A batch as JSON: the fields of POST /v1/redactions once, and the documents."""

    requester_type: str = Field(
        description="Who asked for the records; selects the redaction policy of every document.",
        examples=["public"],
    )
    request_id: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="Your reference for the batch, e.g. a FOIA request number.",
        examples=["FOIA-2026-0142"],
    )
    requester: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="The requesting agency or person.",
        examples=["Chicago Tribune"],
    )
    reference: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="The court order or warrant reference (required by `court_order`).",
        examples=[None],
    )
    release: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="For `court_order`: what the order names for release (CATEGORY[/role], ...).",
        examples=[None],
    )
    redaction_log: bool | None = Field(
        default=None,
        description="true: append a redaction log page to every document.",
        examples=[False],
    )
    documents: list[ManifestDocument] = Field(
        description="The PDFs, in order; they are numbered from 1.",
        examples=[[{"content": "JVBERi0xLjcKJcfsj6IK...", "request_id": "FOIA-2026-0142-1"}]],
    )


DocumentStatus = Literal["queued", "running", "done", "failed"]


class JobDocumentStatus(_Model):
    n: int = Field(description="The document's number in the job, from 1.", examples=[1])
    status: DocumentStatus = Field(
        description=(
            "queued: waiting for a worker; running: a worker has it (again after a worker "
            "died); done: redacted, verified and audited, the output can be fetched; failed: "
            "no output, see `error`."
        ),
        examples=["done"],
    )
    error: str | None = Field(
        default=None,
        description=(
            "For a failed document: the stable error code, as POST /v1/redactions would "
            "return it (e.g. not_a_pdf, corrupt_pdf, verification_failed, ocr_unavailable), "
            "or job_attempts_exhausted, job_interrupted, job_queue_unavailable."
        ),
        examples=[None],
    )
    attempts: int = Field(
        description="Attempts started (more than 1 when a worker died or the database was away).",
        examples=[1],
    )
    request_id: str | None = Field(
        default=None, description="The document's own reference, if the manifest gave one."
    )
    input_sha256: str = Field(
        description="SHA-256 of the uploaded PDF.",
        examples=["9f2b5c0e6a8d4f1e3b7c9a2d5e8f0b1c4d7e9a2b5c8f0d3e6a9b1c4e7f0a2d5b"],
    )
    input_bytes: int = Field(description="Size of the uploaded PDF.", examples=[48213])
    output_bytes: int | None = Field(
        default=None, description="Size of the redacted PDF, once done.", examples=[45120]
    )
    audit_id: str | None = Field(
        default=None,
        description="Id of the document's audit record (GET /v1/audit/{audit_id}), once finished.",
        examples=["0b7e4d2c-6f0a-4c8e-9a51-2f3d8c9e1a47"],
    )
    document_url: str | None = Field(
        default=None,
        description="Where to download the redacted PDF, once done.",
        examples=[f"/v1/jobs/{_JOB_ID}/documents/1"],
    )


class JobStatus(_Model):
    id: str = Field(description="Job id (UUID).", examples=[_JOB_ID])
    status: Literal["queued", "running", "done"] = Field(
        description=(
            "queued: no document started; running: some are queued or running; done: every "
            "document is done or failed."
        ),
        examples=["running"],
    )
    created_at: datetime = Field(description="When the job was accepted (UTC).")
    requester_type: str = Field(description="The requester type sent.", examples=["public"])
    policy_id: str = Field(description="The policy applied.", examples=["public"])
    policy_version: int = Field(
        description="The policy version in force when the job was accepted; every document "
        "gets this version.",
        examples=[1],
    )
    backend: Literal["celery", "embedded"] = Field(
        description="celery: Celery workers; embedded: the service's own process pool.",
        examples=["celery"],
    )
    counts: dict[str, int] = Field(
        description="Documents per status.",
        examples=[{"queued": 1, "running": 1, "done": 3, "failed": 0}],
    )
    documents: list[JobDocumentStatus] = Field(description="Every document, by number.")
    results_url: str = Field(
        description="Redacted documents and audit records (GET).",
        examples=[f"/v1/jobs/{_JOB_ID}/results"],
    )


class JobDocumentResult(_Model):
    n: int = Field(description="The document's number in the job, from 1.", examples=[1])
    status: DocumentStatus = Field(description="As in GET /v1/jobs/{job_id}.", examples=["done"])
    error: str | None = Field(
        default=None, description="For a failed document: the stable error code.", examples=[None]
    )
    audit: AuditRecord | None = Field(
        default=None, description="The document's audit record, once finished (done or failed)."
    )
    document: str | None = Field(
        default=None,
        description=(
            "The redacted PDF (or, for a withheld record, the notice PDF), base64-encoded; "
            "null unless done."
        ),
        examples=["JVBERi0xLjcKJcfsj6IK..."],
    )


class JobResults(_Model):
    id: str = Field(description="Job id (UUID).", examples=[_JOB_ID])
    status: Literal["queued", "running", "done"] = Field(
        description="As in GET /v1/jobs/{job_id}; results of unfinished documents are null.",
        examples=["done"],
    )
    documents: list[JobDocumentResult] = Field(description="Every document, by number.")
