"""Domain errors: one class per failure a client can act on.

Each carries an HTTP status, a stable machine code and a fixed message. The
message is a class constant, never built from data, because the data here is a
police report: an exception text could be a name or an address. `app/errors.py`
maps these to HTTP in one place.
"""

from __future__ import annotations

from typing import ClassVar


class RedactorError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    message: ClassVar[str] = "The document could not be processed."
    # Whether an audit record of status "refused" should be written for it.
    audited: ClassVar[bool] = True

    def __init__(self, *, pages: int | None = None) -> None:
        # Only the fixed message reaches str(); `pages` is a count, not content.
        super().__init__(self.message)
        self.pages = pages


class NotAPdf(RedactorError):
    status, code, message = 415, "not_a_pdf", "The file is not a PDF."


class EmptyFile(RedactorError):
    status, code, message = 422, "empty_file", "The uploaded file is empty."


class CorruptPdf(RedactorError):
    status, code, message = (
        422,
        "corrupt_pdf",
        "The PDF is truncated or damaged and cannot be read reliably.",
    )


class EncryptedPdf(RedactorError):
    status, code, message = (
        422,
        "encrypted_pdf",
        "The PDF is password-protected; send it decrypted.",
    )


class NoPages(RedactorError):
    status, code, message = 422, "no_pages", "The PDF has no pages."


class FileTooLarge(RedactorError):
    status, code, message = 413, "file_too_large", "The file is larger than the upload limit."


class TooManyPages(RedactorError):
    status, code, message = 413, "too_many_pages", "The PDF has more pages than the limit."


class UnreadablePage(RedactorError):
    status, code, message = (
        422,
        "unreadable_page",
        "A page has no text layer (a scan or an image) and cannot be read; "
        "the document was not redacted.",
    )


class UnknownRequesterType(RedactorError):
    status, code, message = (
        422,
        "unknown_requester_type",
        "The requester type has no redaction policy.",
    )


class VerificationFailed(RedactorError):
    status, code, message = (
        500,
        "verification_failed",
        "The redacted document failed verification and was withheld.",
    )

    def __init__(
        self, *, pages: int | None = None, residual_strings: int = 0, text_under_boxes: int = 0
    ) -> None:
        super().__init__(pages=pages)
        self.residual_strings = residual_strings
        self.text_under_boxes = text_under_boxes


class RedactionFailed(RedactorError):
    status, code, message = (
        500,
        "redaction_failed",
        "The document could not be redacted; no document was returned.",
    )


class PolicyInvalid(RedactorError):
    """Raised at startup. Its detail names the file and field, never document data."""

    status, code, message = 500, "policy_invalid", "A redaction policy is invalid."
    audited = False

    def __init__(self, detail: str) -> None:
        super().__init__()
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message} {self.detail}"


class ModelUnavailable(RedactorError):
    """Raised at startup when the bundled NLP model cannot be loaded. Never downloads."""

    status, code, message = (
        503,
        "model_unavailable",
        "The NLP model is not installed; the service cannot detect personal data.",
    )
    audited = False

    def __init__(self, detail: str) -> None:
        super().__init__()
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message} {self.detail}"


class NotReady(RedactorError):
    status, code, message = 503, "not_ready", "The service is not ready."
    audited = False


class AuditNotFound(RedactorError):
    status, code, message = 404, "audit_not_found", "No audit record has that id."
    audited = False


class PolicyNotFound(RedactorError):
    status, code, message = 404, "policy_not_found", "No policy has that id."
    audited = False


class AuditUnavailable(RedactorError):
    """The audit record could not be written: fail closed, return no document."""

    status, code, message = (
        503,
        "audit_unavailable",
        "The audit store is unavailable; no document was returned.",
    )
    audited = False
