"""Bulk jobs: `/v1/jobs`. Thin: the work is in app/jobs/ (see its package docstring).

A job is accepted (202) once its documents are checked for size, its policy
admits the request, its state is in the database and its documents are queued.
Each document then gets exactly one audit record, written by the worker that
redacts it; a submission refused before any document is queued gets one
`refused` (or `declined`) record, as `POST /v1/redactions` does.

A job is visible to the key that sent it (and to admin keys).
"""

# No `from __future__ import annotations`: the endpoints' annotations refer to `ids`,
# a local of build_router (see app/api/redactions.py).
import base64
import binascii
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.api.redactions import (
    FORM_OVERHEAD,
    PDF_MEDIA_TYPE,
    RedactionLogForm,
    ReferenceForm,
    ReleaseForm,
    RequesterForm,
    RequestIdForm,
    audit_context,
    pdf_response,
    read_upload,
    requester_type_form,
    run_capped_upload,
)
from app.audit import cap_caller_field
from app.auth import (
    CanRedact,
    SecuredRoute,
    guard_of,
)
from app.config import Settings
from app.deps import SettingsDep
from app.jobs.errors import InvalidManifest
from app.jobs.schemas import (
    JobDocumentResult,
    JobDocumentStatus,
    JobManifest,
    JobResults,
    JobStatus,
)
from app.jobs.service import JobRequest, JobService, Upload
from app.jobs.store import JobWithDocuments
from app.redaction.errors import NotReady
from app.schemas import ErrorBody, RequestInfo

JOB_FORM_LIMITS: Any = {"max_files": 10000, "max_fields": 8, "max_part_size": 8 * 1024}


def get_job_service(request: Request) -> JobService:
    service: JobService | None = getattr(request.app.state, "job_service", None)
    if service is None:
        raise NotReady()
    return service


JobServiceDep = Annotated[JobService, Depends(get_job_service)]
JobIdPath = Annotated[
    str,
    Path(
        description="The job id returned by POST /v1/jobs.",
        examples=["3f1c9a52-8d4e-4b7a-9c21-5e6f7a8b9c0d"],
    ),
]
DocumentNumberPath = Annotated[
    int, Path(ge=1, description="The document's number in the job, from 1.", examples=[1])
]

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "unauthorized: no valid key in X-API-Key."},
    403: {"model": ErrorBody, "description": "forbidden: the key's role may not redact."},
}
_READ_ERRORS: dict[int | str, dict[str, Any]] = {
    **_AUTH_ERRORS,
    404: {
        "model": ErrorBody,
        "description": "job_not_found: no job with that id was sent with this key.",
    },
    422: {"model": ErrorBody, "description": "invalid_request: a malformed path parameter."},
    503: {"model": ErrorBody, "description": "not_ready: the service is starting."},
}
_SUBMIT_ERRORS: dict[int | str, dict[str, Any]] = {
    **_AUTH_ERRORS,
    413: {
        "model": ErrorBody,
        "description": (
            "file_too_large (a document over REDACTOR_MAX_UPLOAD_MB, or the request over "
            "REDACTOR_JOB_MAX_MB) or too_many_documents (over REDACTOR_JOB_MAX_DOCUMENTS)."
        ),
    },
    422: {
        "model": ErrorBody,
        "description": (
            "invalid_request (a missing field), no_documents, empty_file, "
            "unknown_requester_type, reference_required, invalid_release, "
            "release_not_allowed, or invalid_manifest (content not base64). Problems with a "
            "document itself (not_a_pdf, corrupt_pdf, ...) do not refuse the job: that "
            "document fails with the code."
        ),
    },
    451: {
        "model": ErrorBody,
        "description": "request_declined: the policy declines the request; nothing was queued.",
    },
    503: {
        "model": ErrorBody,
        "description": (
            "not_ready, audit_unavailable, or job_queue_unavailable (the broker is down; "
            "the job was not accepted)."
        ),
    },
}


class JobsRoute(SecuredRoute):
    """The key first; for a submission, the job size cap and the audit of a refusal."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        guard = guard_of(self.dependant)

        async def jobs_handler(request: Request) -> Response:
            if request.method != "POST":
                return await handle(request)
            settings: Settings = request.app.state.settings
            limit = settings.max_job_bytes + FORM_OVERHEAD
            # A refused submission's record carries no caller fields: nothing was queued.
            return await run_capped_upload(
                request, handle, guard, limit, lambda _form: RequestInfo()
            )

        return jobs_handler


def _describe(request: Request, principal_name: str, job: JobRequest) -> None:
    context = audit_context(request)
    context.actor = principal_name
    context.request = RequestInfo(
        request_id=cap_caller_field(job.request_id),
        requester_type=cap_caller_field(job.requester_type),
        requester=cap_caller_field(job.requester),
        reference=cap_caller_field(job.reference),
        release=cap_caller_field(job.release),
        redaction_log=job.redaction_log,
    )


def _status(found: JobWithDocuments) -> JobStatus:
    job = found.job
    return JobStatus(
        id=job.id,
        status=found.state,
        created_at=job.created_at,
        requester_type=job.requester_type,
        policy_id=job.policy_id,
        policy_version=job.policy_version,
        backend="celery" if job.backend == "celery" else "embedded",
        counts=found.counts(),
        documents=[
            JobDocumentStatus(
                n=d.n,
                status=d.status,
                error=d.error_code if d.status == "failed" else None,
                attempts=d.attempts,
                request_id=d.request_id,
                input_sha256=d.input_sha256,
                input_bytes=d.input_bytes,
                output_bytes=d.output_bytes,
                audit_id=d.audit_id,
                document_url=f"/v1/jobs/{job.id}/documents/{d.n}" if d.status == "done" else None,
            )
            for d in found.documents
        ],
        results_url=f"/v1/jobs/{job.id}/results",
    )


def _accepted(found: JobWithDocuments) -> JSONResponse:
    body = _status(found)
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=202,
        headers={"Location": f"/v1/jobs/{found.job.id}", "Cache-Control": "no-store"},
    )


_ACCEPTED: dict[str, Any] = {
    "description": (
        "Accepted: the job and its documents, all `queued`. Poll `GET /v1/jobs/{job_id}` "
        "(the `Location` header) until `status` is `done`."
    ),
    "headers": {"Location": {"description": "The job's URL.", "schema": {"type": "string"}}},
}


def build_router(policy_ids: Sequence[str]) -> APIRouter:
    """The jobs router, with requester_type documented as an enum of the loaded policy ids."""
    router = APIRouter(prefix="/v1/jobs", tags=["jobs"], route_class=JobsRoute)
    ids = list(policy_ids)

    @router.post(
        "",
        status_code=202,
        summary="Submit a bulk redaction job (PDF uploads)",
        response_model=JobStatus,
        responses={202: _ACCEPTED, **_SUBMIT_ERRORS},
        form_limits=JOB_FORM_LIMITS,
    )
    async def create_job(
        request: Request,
        principal: CanRedact,
        jobs: JobServiceDep,
        settings: SettingsDep,
        files: Annotated[
            list[UploadFile],
            File(description="One or more arrest-report PDFs (repeat the `files` part)."),
        ],
        requester_type: Annotated[str, requester_type_form(ids)],
        request_id: RequestIdForm = None,
        requester: RequesterForm = None,
        reference: ReferenceForm = None,
        release: ReleaseForm = None,
        redaction_log: RedactionLogForm = None,
    ) -> Response:
        """Takes the form fields of `POST /v1/redactions`, with several `files`, and redacts
        every PDF under the same requester type in the background (Celery workers, or the
        service's own process pool when no broker is configured).

        The policy version in force now applies to every document. Each document gets its
        own audit record. A document that cannot be redacted (not a PDF, damaged, failed
        verification) fails alone with its stable error code; the others are released.
        For a JSON batch with base64 documents, use `POST /v1/jobs/manifest`.
        """
        job = JobRequest(
            requester_type=requester_type,
            request_id=request_id,
            requester=requester,
            reference=reference,
            release=release,
            redaction_log=redaction_log,
        )
        _describe(request, principal.name, job)
        uploads = [Upload(await read_upload(f, settings.max_upload_bytes)) for f in files]
        found = await run_in_threadpool(jobs.submit, principal, job, uploads)
        return _accepted(found)

    @router.post(
        "/manifest",
        status_code=202,
        summary="Submit a bulk redaction job (JSON manifest)",
        response_model=JobStatus,
        responses={202: _ACCEPTED, **_SUBMIT_ERRORS},
    )
    async def create_job_from_manifest(
        request: Request,
        principal: CanRedact,
        jobs: JobServiceDep,
        manifest: JobManifest,
    ) -> Response:
        """The same job as `POST /v1/jobs`, as one JSON document: the request fields once
        and `documents`, each a base64 PDF with an optional `request_id` of its own (e.g.
        one FOIA number per report), which goes into that document's audit record.
        """
        job = JobRequest(
            requester_type=manifest.requester_type,
            request_id=manifest.request_id,
            requester=manifest.requester,
            reference=manifest.reference,
            release=manifest.release,
            redaction_log=manifest.redaction_log,
        )
        _describe(request, principal.name, job)
        uploads: list[Upload] = []
        for document in manifest.documents:
            try:
                content = base64.b64decode(document.content, validate=True)
            except (binascii.Error, ValueError):
                raise InvalidManifest() from None
            uploads.append(Upload(content, request_id=document.request_id))
        found = await run_in_threadpool(jobs.submit, principal, job, uploads)
        return _accepted(found)

    @router.get(
        "/{job_id}",
        summary="Get a job's progress",
        response_model=JobStatus,
        responses={200: {"description": "The job and each document's status."}, **_READ_ERRORS},
    )
    async def get_job(principal: CanRedact, jobs: JobServiceDep, job_id: JobIdPath) -> Response:
        """Each document's status (queued, running, done, failed with its stable error code),
        its attempts and, once finished, its audit id. The state is kept in the database, so
        any API replica answers, and it survives restarts of the API and of the workers.
        """
        found = await run_in_threadpool(jobs.get, principal, job_id)
        return JSONResponse(
            _status(found).model_dump(mode="json"), headers={"Cache-Control": "no-store"}
        )

    @router.get(
        "/{job_id}/results",
        summary="Get a job's redacted documents and audit records",
        response_model=JobResults,
        responses={
            200: {"description": "Every document: its audit record and base64 PDF once done."},
            **_READ_ERRORS,
        },
    )
    async def get_job_results(
        principal: CanRedact, jobs: JobServiceDep, job_id: JobIdPath
    ) -> Response:
        """The redacted PDFs (base64) and the audit record of every finished document. A
        document still queued or running has neither yet; a failed one has its audit record
        and no PDF. For large jobs, download each PDF from
        `GET /v1/jobs/{job_id}/documents/{n}` instead.
        """

        def collect() -> JobResults:
            found = jobs.get(principal, job_id)
            records = jobs.audit_records(found)
            outputs = jobs.outputs(found)
            return JobResults(
                id=found.job.id,
                status=found.state,
                documents=[
                    JobDocumentResult(
                        n=d.n,
                        status=d.status,
                        error=d.error_code if d.status == "failed" else None,
                        audit=records.get(d.n),
                        document=base64.b64encode(outputs[d.n]).decode("ascii")
                        if d.n in outputs
                        else None,
                    )
                    for d in found.documents
                ],
            )

        results = await run_in_threadpool(collect)
        return JSONResponse(results.model_dump(mode="json"), headers={"Cache-Control": "no-store"})

    @router.get(
        "/{job_id}/documents/{n}",
        summary="Download one redacted document of a job",
        response_class=Response,
        responses={
            200: pdf_response(
                "The redacted PDF (or the notice of a withheld record).",
                "Id of the document's audit record.",
            ),
            **_READ_ERRORS,
            404: {
                "model": ErrorBody,
                "description": "job_not_found, or job_document_not_found: no document n.",
            },
            409: {
                "model": ErrorBody,
                "description": "job_document_not_ready: queued, running or failed.",
            },
        },
    )
    async def get_job_document(
        request: Request,
        principal: CanRedact,
        jobs: JobServiceDep,
        job_id: JobIdPath,
        n: DocumentNumberPath,
    ) -> Response:
        """The PDF itself, with a `Content-Disposition` file name made of the audit id (never
        the uploaded file's name) and the audit id in `X-Audit-Id`.
        """
        pdf, audit_id = await run_in_threadpool(jobs.output, principal, job_id, n)
        request.scope.setdefault("state", {})["audit_id"] = audit_id
        return Response(
            pdf,
            media_type=PDF_MEDIA_TYPE,
            headers={
                "X-Audit-Id": audit_id,
                "Cache-Control": "no-store",
                "Content-Disposition": f'attachment; filename="redacted-{audit_id}.pdf"',
            },
        )

    return router
