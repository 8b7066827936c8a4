"""POST /v1/redactions: an arrest-report PDF in, the redacted PDF and its audit record out.

Every request leaves exactly one audit record. The endpoint writes it for a
document it returns; `AuditedRoute` writes it for every request that fails,
including those refused before the endpoint runs (a missing field, an upload
over the size limit). A request without a valid key, or with a key whose role
may not redact, is refused (and audited, by app/auth.py) before its body is read.

The policy is the version in force when the request arrives (`PolicyStore.current`),
narrowed by what the request may name (a court order's `release` list) and refused
or declined when it lacks a reference the policy requires.
"""

# No `from __future__ import annotations` here: the endpoint's annotations refer to
# `ids`, a local of build_router, which FastAPI could not resolve from strings.
import base64
import hashlib
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message, Receive

from app.api.media import prefers_over_json
from app.audit import AuditContext, AuditStore, cap_caller_field
from app.auth import (
    API_KEY_HEADER_NAME,
    CanRedact,
    RequirePermission,
    SecuredRoute,
    check_access,
    guard_of,
    operation_of,
)
from app.auth import principal_of as _principal_of
from app.config import Settings
from app.deps import AuditStoreDep, EngineDep, PolicyStoreDep, SettingsDep
from app.errors import error_status_and_code
from app.redaction.errors import (
    EmptyFile,
    FileTooLarge,
    RedactorError,
)
from app.schemas import (
    CALLER_FIELD_MAX,
    AuditRecord,
    EngineInfo,
    ErrorBody,
    InputInfo,
    PolicyInfo,
    RedactionResponse,
    RequestInfo,
)

PDF_MEDIA_TYPE = "application/pdf"
_CHUNK = 1024 * 1024
# Room for the multipart framing and the small text fields on top of the file.
FORM_OVERHEAD = 64 * 1024
FORM_LIMITS: Any = {"max_files": 1, "max_fields": 8, "max_part_size": 8 * 1024}
_CONTEXT_KEY = "audit_context"
OPERATION = "POST /v1/redactions"
_CALLER_FIELDS = ("request_id", "requester_type", "requester", "reference", "release")
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


def pdf_response(description: str, audit_id: str = "Id of the audit record.") -> dict[str, Any]:
    """OpenAPI for a 200 that is a redacted PDF (or JSON with it) and its X-Audit-Id."""
    return {
        "description": description,
        "headers": {"X-Audit-Id": {"description": audit_id, "schema": {"type": "string"}}},
        "content": {PDF_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }


def _caller_fields(form: FormData | None) -> RequestInfo:
    """Caller metadata from a form FastAPI parsed before refusing the request."""
    if form is None:
        return RequestInfo()
    values = {k: form.get(k) for k in _CALLER_FIELDS}
    log = form.get("redaction_log")
    return RequestInfo(
        **{k: cap_caller_field(v) if isinstance(v, str) else None for k, v in values.items()},
        redaction_log=_flag(log) if isinstance(log, str) else None,
    )


def _flag(value: str) -> bool | None:
    v = value.strip().lower()
    return True if v in _TRUE else False if v in _FALSE else None


def audit_context(request: Request) -> AuditContext:
    """The audit record under way for this request (one per request)."""
    state = request.scope.setdefault("state", {})
    context = state.get(_CONTEXT_KEY)
    if not isinstance(context, AuditContext):
        context = state[_CONTEXT_KEY] = AuditContext()
    return context


def _capped_receive(receive: Receive, limit: int) -> Receive:
    total = 0

    async def capped() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                # Stop reading the body: the rest of an oversized upload is never taken in.
                raise FileTooLarge()
        return message

    return capped


async def record_failure(request: Request, exc: BaseException, caller: RequestInfo) -> None:
    """The one audit record of a request that failed or was refused (unless one was
    written already, or the error is not audited); `caller` is what the caller sent,
    when the endpoint has not read it yet."""
    context = audit_context(request)
    if context.recorded or (isinstance(exc, RedactorError) and not exc.audited):
        return
    store: AuditStore | None = getattr(request.app.state, "audit_store", None)
    if store is None:  # not started: nothing to write to; the response says not ready
        return
    if context.request is None:
        context.request = caller
    context.operation = context.operation or operation_of(request)
    if context.actor is None and (principal := _principal_of(request)) is not None:
        context.actor = principal.name
    if context.engine is None and (engine := getattr(request.app.state, "engine", None)):
        context.engine = EngineInfo.model_validate(engine.engine_info())
    draft = context.failed(exc, error_status_and_code(exc)[1])
    context.recorded = True
    record = await run_in_threadpool(store.append, draft)
    request.scope["state"]["audit_id"] = record.id


async def run_capped_upload(
    request: Request,
    handle: Callable[[Request], Coroutine[Any, Any, Response]],
    guard: RequirePermission | None,
    limit: int,
    caller_fields: Callable[[FormData | None], RequestInfo],
) -> Response:
    """Check the key, then run the endpoint on a body capped at `limit` bytes; any
    failure, wherever it happens, is audited (with `caller_fields` of the form
    FastAPI parsed, if it got that far) and raised again."""
    capped = Request(request.scope, receive=_capped_receive(request.receive, limit))
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        declared = 0
    try:
        if guard is not None:  # before anything else: no key, no upload read
            await run_in_threadpool(
                check_access,
                request,
                request.headers.get(API_KEY_HEADER_NAME),
                guard.permission,
            )
        if declared > limit:
            raise FileTooLarge()
        return await handle(capped)
    except Exception as exc:
        # FastAPI wraps an error raised while parsing the form in a 400.
        if isinstance(exc, StarletteHTTPException) and isinstance(exc.__cause__, FileTooLarge):
            exc = exc.__cause__
        form: FormData | None = getattr(capped, "_form", None)
        await record_failure(request, exc, caller_fields(form))
        raise exc from None


class AuditedRoute(SecuredRoute):
    """Checks the key, caps the request body and audits every failure, wherever it happens."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        guard = guard_of(self.dependant)

        async def audited(request: Request) -> Response:
            audit_context(request)
            settings: Settings = request.app.state.settings
            limit = settings.max_upload_bytes + FORM_OVERHEAD
            return await run_capped_upload(request, handle, guard, limit, _caller_fields)

        return audited


async def read_upload(file: UploadFile, limit: int) -> bytes:
    if file.size is not None and file.size > limit:
        raise FileTooLarge()
    chunks: list[bytes] = []
    total = 0
    while chunk := await file.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise FileTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def respond_with_document(request: Request, record: AuditRecord, document: bytes) -> Response:
    """The document and its audit record: JSON (base64), or the PDF itself when preferred."""
    headers = {"X-Audit-Id": record.id, "Cache-Control": "no-store"}
    if prefers_over_json(request.headers.get("accept"), PDF_MEDIA_TYPE):
        # Never the uploaded file name: it could carry a person's name.
        headers["Content-Disposition"] = f'attachment; filename="redacted-{record.id}.pdf"'
        return Response(document, media_type=PDF_MEDIA_TYPE, headers=headers)
    body = RedactionResponse(audit=record, document=base64.b64encode(document).decode("ascii"))
    return JSONResponse(body.model_dump(mode="json"), headers=headers)


UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "file_too_large or too_many_pages."},
    415: {"model": ErrorBody, "description": "not_a_pdf."},
    401: {"model": ErrorBody, "description": "unauthorized: no valid key in X-API-Key."},
    403: {"model": ErrorBody, "description": "forbidden: the key's role may not redact."},
    422: {
        "model": ErrorBody,
        "description": (
            "invalid_request (a missing field), unknown_requester_type, empty_file, "
            "corrupt_pdf, encrypted_pdf, no_pages, unreadable_page, reference_required "
            "(the policy needs an order or warrant reference), invalid_release or "
            "release_not_allowed."
        ),
    },
    451: {
        "model": ErrorBody,
        "description": (
            "request_declined: the policy declines the request (for example a federal "
            "immigration request without a judicial warrant reference, when the policy "
            "says so). No document; the audit record's status is `declined`."
        ),
    },
    500: {
        "model": ErrorBody,
        "description": "verification_failed (no document is returned) or internal_error.",
    },
    503: {"model": ErrorBody, "description": "not_ready or audit_unavailable."},
}


def requester_type_form(policy_ids: Sequence[str]) -> Any:
    """The `requester_type` form field, documented as an enum of the loaded policy ids."""
    ids = list(policy_ids)
    return Form(
        description="Who asked for the record; selects the redaction policy.",
        json_schema_extra={"enum": ids},
        examples=["public" if "public" in ids or not ids else ids[0]],
    )


# Swagger UI fills its "Try it out" form with each field's example, and with a made-up
# value ("string", true) where there is none, which it then sends. The optional fields
# that change what a request means (a reference, a release list, a log) therefore have
# an empty or false example, which leaves them out; their descriptions give real ones.


PdfUpload = Annotated[UploadFile, File(description="The arrest-report PDF.")]
RequestIdForm = Annotated[
    str | None,
    Form(
        description=(
            "Your reference, e.g. a FOIA request number. Stored in the audit record "
            f"(first {CALLER_FIELD_MAX} characters)."
        ),
        examples=["FOIA-2026-0142"],
    ),
]
RequesterForm = Annotated[
    str | None,
    Form(
        description=(
            "The requesting agency or person. Stored in the audit record "
            f"(first {CALLER_FIELD_MAX} characters)."
        ),
        examples=["Chicago Tribune"],
    ),
]
ReferenceForm = Annotated[
    str | None,
    Form(
        description=(
            "The court order or warrant reference, e.g. a case or warrant number. "
            "Required by `court_order` (and by `federal_immigration` when its policy "
            "declines requests without a judicial warrant). Stored in the audit record "
            f"(first {CALLER_FIELD_MAX} characters)."
        ),
        examples=[""],
    ),
]
ReleaseForm = Annotated[
    str | None,
    Form(
        description=(
            "For `court_order`: what the order names for release, comma-separated "
            "CATEGORY or CATEGORY/role items, e.g. `PERSON/arrestee, DATE_OF_BIRTH/"
            "arrestee, CHARGE`. Everything else is redacted."
        ),
        examples=[""],
    ),
]
RedactionLogForm = Annotated[
    bool | None,
    Form(
        description=(
            "true: append a redaction log page (each redaction by page, category and code, "
            "the legal basis of each code; never the removed text). A policy can ask for it "
            "too; false does not turn off a log the policy asks for."
        ),
        examples=[False],
    ),
]


def build_router(policy_ids: Sequence[str]) -> APIRouter:
    """The router, with requester_type documented as an enum of the loaded policy ids."""
    router = APIRouter(prefix="/v1", tags=["redactions"], route_class=AuditedRoute)
    ids = list(policy_ids)

    @router.post(
        "/redactions",
        summary="Redact an arrest report",
        response_model=RedactionResponse,
        responses={
            200: pdf_response(
                "The redacted PDF (or, when the whole record is withheld, a notice PDF) "
                "with its audit record. JSON by default; the PDF itself with "
                "`Accept: application/pdf`."
            ),
            **UPLOAD_ERRORS,
        },
        form_limits=FORM_LIMITS,
    )
    async def create_redaction(
        request: Request,
        principal: CanRedact,
        engine: EngineDep,
        store: AuditStoreDep,
        policies: PolicyStoreDep,
        settings: SettingsDep,
        file: PdfUpload,
        requester_type: Annotated[str, requester_type_form(ids)],
        request_id: RequestIdForm = None,
        requester: RequesterForm = None,
        reference: ReferenceForm = None,
        release: ReleaseForm = None,
        redaction_log: RedactionLogForm = None,
    ) -> Response:
        """Finds and removes what the requester's policy withholds, burns in a box with the
        legal code on each, checks the output, and records the request.

        No document is returned unless the check passes. A juvenile arrestee's record is
        withheld whole: the response is then a one-page notice and the status `withheld`.
        With `redaction_log=true` (or when the policy asks for it) a redaction log page is
        appended. To look at the proposed redactions first, use `POST /v1/redactions/preview`.
        """
        context = audit_context(request)
        context.actor = principal.name
        context.operation = OPERATION
        context.request = RequestInfo(
            request_id=cap_caller_field(request_id),
            requester_type=cap_caller_field(requester_type),
            requester=cap_caller_field(requester),
            reference=cap_caller_field(reference),
            release=cap_caller_field(release),
            redaction_log=redaction_log,
        )
        context.engine = EngineInfo.model_validate(engine.engine_info())

        untrusted_pdf = await read_upload(file, settings.max_upload_bytes)
        context.input = InputInfo(
            sha256=hashlib.sha256(untrusted_pdf).hexdigest(), bytes=len(untrusted_pdf)
        )
        if not untrusted_pdf:
            raise EmptyFile()
        stored = await run_in_threadpool(policies.current, requester_type)
        context.policy = PolicyInfo(id=stored.id, version=stored.version, sha256=stored.sha256)
        # Refused or declined here when a required reference is missing.
        policy = stored.policy.admit(reference=reference, release=[release] if release else [])

        outcome = await run_in_threadpool(
            lambda: engine.redact_with(untrusted_pdf, policy, redaction_log=bool(redaction_log))
        )

        context.recorded = True
        record = await run_in_threadpool(store.append, context.completed(outcome))
        request.scope["state"]["audit_id"] = record.id
        return respond_with_document(request, record, outcome.document)

    return router
