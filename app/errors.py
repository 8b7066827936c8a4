"""The one place where failures become HTTP responses.

Every error body is `{"error": {"code": ..., "message": ...}}` with a stable code
and a fixed message. Nothing from the request (file name, form values, document
text) and nothing from an exception's text ever reaches a body or a log line: an
exception raised while reading a police report may quote the report.
"""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.redaction.errors import (
    AuditNotFound,
    AuditUnavailable,
    ConfirmationRequired,
    CorruptPdf,
    DocumentTooComplex,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    ImageTooLarge,
    InvalidRelease,
    ModelUnavailable,
    NoPages,
    NotAPdf,
    NotReady,
    OcrUnavailable,
    PageTooLarge,
    PolicyInvalid,
    PolicyNotFound,
    PolicyRejected,
    PreviewNotFound,
    PreviewPageNotFound,
    ProcessingTimeout,
    RedactionFailed,
    RedactorError,
    ReferenceRequired,
    ReleaseNotAllowed,
    RequestDeclined,
    ReviewChangeRejected,
    TooManyPages,
    UnknownRequesterType,
    UnreadablePage,
    VerificationFailed,
)
from app.schemas import ErrorBody, ErrorDetail, ProblemDetail

__all__ = [
    "AuditNotFound",
    "AuditUnavailable",
    "ConfirmationRequired",
    "CorruptPdf",
    "DocumentTooComplex",
    "EmptyFile",
    "EncryptedPdf",
    "FileTooLarge",
    "Forbidden",
    "ImageTooLarge",
    "InvalidRelease",
    "KeyNameTaken",
    "KeyNotFound",
    "ModelUnavailable",
    "NoPages",
    "NotAPdf",
    "NotReady",
    "OcrUnavailable",
    "PageTooLarge",
    "PolicyInvalid",
    "PolicyNotFound",
    "PolicyRejected",
    "PolicyStoreCorrupt",
    "PolicyVersionConflict",
    "PolicyVersionNotFound",
    "PreviewNotFound",
    "PreviewPageNotFound",
    "ProcessingTimeout",
    "RedactionFailed",
    "RedactorError",
    "ReferenceRequired",
    "ReleaseNotAllowed",
    "RequestDeclined",
    "ReviewChangeRejected",
    "TooManyPages",
    "Unauthorized",
    "UnknownRequesterType",
    "UnreadablePage",
    "VerificationFailed",
    "error_status_and_code",
    "install_error_handlers",
    "internal_error_response",
]


# -- errors of the web layer: keys, roles and the policy store ---------------------------
# (the pipeline's own errors live in app/redaction/errors.py; both are mapped below)


class Unauthorized(RedactorError):
    """No key, or one that is unknown or revoked. Audited by app/auth.py itself."""

    status, code, message = (
        401,
        "unauthorized",
        "A valid API key is required in the X-API-Key header.",
    )
    audited = False
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'APIKey header="X-API-Key"'}


class Forbidden(RedactorError):
    """A valid key whose role may not use the endpoint. Audited by app/auth.py itself."""

    status, code, message = 403, "forbidden", "This API key's role may not use this endpoint."
    audited = False


class PolicyVersionNotFound(RedactorError):
    status, code, message = 404, "policy_version_not_found", "The policy has no such version."
    audited = False


class PolicyVersionConflict(RedactorError):
    status, code, message = (
        409,
        "policy_version_conflict",
        "The proposed `version` is not the next version of the policy; fetch the current "
        "version, apply your change to it and send it again.",
    )
    audited = False


class PolicyStoreCorrupt(RedactorError):
    """A stored version no longer matches its hash or no longer validates: fail closed."""

    status, code, message = (
        500,
        "policy_store_corrupt",
        "A stored policy version failed its integrity check; no document was processed.",
    )


class KeyNotFound(RedactorError):
    status, code, message = 404, "key_not_found", "No active API key has that id or name."
    audited = False


class KeyNameTaken(RedactorError):
    status, code, message = 409, "key_name_taken", "An active API key already has that name."
    audited = False


logger = logging.getLogger("app.errors")

INVALID_REQUEST = "invalid_request"
INTERNAL_ERROR = "internal_error"
_INTERNAL_MESSAGE = RedactorError.message

_HTTP_CODES: dict[int, tuple[str, str]] = {
    400: (INVALID_REQUEST, "The request body could not be read."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "Method not allowed."),
    406: ("not_acceptable", "The requested media type cannot be produced."),
    413: ("file_too_large", FileTooLarge.message),
    415: ("unsupported_media_type", "Unsupported media type."),
}
# FastAPI and Starlette answer 400 when a body cannot be parsed at all (JSON that is not
# UTF-8, broken multipart, a form over its limits). The API documents every malformed
# body as 422 invalid_request, so that is what the caller gets.
_HTTP_STATUS = {400: 422}
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def error_status_and_code(exc: BaseException) -> tuple[int, str]:
    """How an exception is reported: its HTTP status and stable code (also audited)."""
    if isinstance(exc, RedactorError):
        return exc.status, exc.code
    if isinstance(exc, RequestValidationError):
        return 422, INVALID_REQUEST
    if isinstance(exc, StarletteHTTPException):
        code, _ = _HTTP_CODES.get(exc.status_code, ("http_error", ""))
        return _HTTP_STATUS.get(exc.status_code, exc.status_code), code
    return 500, INTERNAL_ERROR


def _body(
    status: int,
    code: str,
    message: str,
    fields: list[str] | None = None,
    headers: dict[str, str] | None = None,
    details: list[ProblemDetail] | None = None,
) -> JSONResponse:
    payload = ErrorBody(
        error=ErrorDetail(code=code, message=message, fields=fields, details=details)
    )
    return JSONResponse(
        payload.model_dump(exclude_none=True), status_code=status, headers=headers or None
    )


def _request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", "-"))


def internal_error_response(request: Request, exc: BaseException) -> JSONResponse:
    # Type name and our own request id only: the exception text may quote the document.
    logger.error(
        "unhandled %s (request %s)", type(exc).__name__, _request_id(request), exc_info=False
    )
    return _body(500, INTERNAL_ERROR, _INTERNAL_MESSAGE)


async def _redactor_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RedactorError)
    if exc.status >= 500:
        logger.warning("%s (request %s)", exc.code, _request_id(request))
    details = None
    if isinstance(exc, PolicyRejected | ReviewChangeRejected):
        # Field paths and rule descriptions (of the officer's own document, or of the
        # reviewer's changes); never a value sent.
        details = [ProblemDetail(field=p.field, message=p.message) for p in exc.problems]
    headers: dict[str, str] | None = getattr(exc, "headers", None)
    return _body(exc.status, exc.code, exc.message, headers=headers, details=details)


def invalid_field_names(exc: RequestValidationError) -> list[str]:
    names: list[str] = []
    for err in exc.errors():
        loc: tuple[Any, ...] = tuple(err.get("loc", ()))
        # loc is ("body" | "query" | ..., name, ...): keep our declared names only.
        name = next((p for p in loc[1:] if isinstance(p, str)), None)
        if name and _FIELD_NAME.match(name) and name not in names:
            names.append(name)
    return names


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = invalid_field_names(exc)
    listed = ", ".join(fields) if fields else "the request body"
    # Field names only: err["input"] (the value sent) is never reported.
    return _body(
        422, INVALID_REQUEST, f"Missing or invalid fields: {listed}.", fields=fields or None
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "The request failed."))
    headers = dict(exc.headers) if exc.headers else {}
    return _body(_HTTP_STATUS.get(exc.status_code, exc.status_code), code, message, headers=headers)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    return internal_error_response(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RedactorError, _redactor_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Reached only if the request middleware did not catch it first (see main.py).
    app.add_exception_handler(Exception, _unhandled)
