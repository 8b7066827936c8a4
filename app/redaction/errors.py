"""Domain errors: one class per failure a client can act on.

Each carries an HTTP status, a stable machine code and a fixed message. The
message is a class constant, never built from data, because the data here is a
police report: an exception text could be a name or an address. `app/errors.py`
maps these to HTTP in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


class PageTooLarge(RedactorError):
    """A page is larger than the page-size limit (REDACTOR_MAX_PAGE_SIDE_PT)."""

    status, code, message = (
        422,
        "page_too_large",
        "A page is larger than the page-size limit; the document was not redacted.",
    )


class ImageTooLarge(RedactorError):
    """An image (or a page rendered for OCR) has more pixels than REDACTOR_MAX_IMAGE_PIXELS."""

    status, code, message = (
        413,
        "image_too_large",
        "An image in the PDF has more pixels than the limit; the document was not redacted.",
    )


class DocumentTooComplex(RedactorError):
    """Too many objects, too much decompressed data (a decompression bomb) or nesting."""

    status, code, message = (
        422,
        "document_too_complex",
        "The PDF has more objects or more decompressed data than the limits; "
        "the document was not redacted.",
    )


class ProcessingTimeout(RedactorError):
    """The document took longer than REDACTOR_MAX_PROCESSING_SECONDS: nothing is returned."""

    status, code, message = (
        503,
        "processing_timeout",
        "The document took longer to process than the time limit; no document was returned.",
    )


class UnreadablePage(RedactorError):
    status, code, message = (
        422,
        "unreadable_page",
        "A page has no text layer (a scan or an image) and cannot be read; "
        "the document was not redacted.",
    )


class OcrUnavailable(RedactorError):
    """A page needs OCR (a scan) and Tesseract was not found at startup."""

    status, code, message = (
        503,
        "ocr_unavailable",
        "A page is a scan or an image and OCR (Tesseract) is not installed on this "
        "service; the document was not redacted.",
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


# -- requests a policy does not admit --------------------------------------------------


class ReferenceRequired(RedactorError):
    """The policy needs an order or warrant reference and the request carried none."""

    status, code, message = (
        422,
        "reference_required",
        "This requester type's policy requires an order or warrant reference in `reference`.",
    )


class RequestDeclined(RedactorError):
    """The policy declines the request outright; no document is produced.

    451 (Unavailable For Legal Reasons): the refusal is a legal decision, not a
    fault in the request. The audit record's status is `declined`.
    """

    status, code, message = (
        451,
        "request_declined",
        "The policy declines this request without a judicial warrant reference; "
        "no document was returned.",
    )


class ReleaseNotAllowed(RedactorError):
    status, code, message = (
        422,
        "release_not_allowed",
        "This requester type's policy does not release categories named by the request.",
    )


class InvalidRelease(RedactorError):
    status, code, message = (
        422,
        "invalid_release",
        "`release` must list categories, optionally with a role (CATEGORY or CATEGORY/role).",
    )


# -- proposed policies -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a proposed policy: the field (dotted path) and what is wrong.

    The message describes the rule broken, never the value sent.
    """

    field: str
    message: str


class PolicyRejected(RedactorError):
    """A proposed policy (API) is invalid. `problems` name each field."""

    status, code, message = (
        422,
        "policy_invalid",
        "The proposed policy is invalid; each entry of `details` names a field and what is wrong.",
    )
    audited = False

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = tuple(problems)


class ConfirmationRequired(PolicyRejected):
    """The change releases a protected category and `confirm_weakening` does not name it."""

    status, code, message = (
        422,
        "confirmation_required",
        "The change releases a protected category; list each one in `confirm_weakening` "
        "to confirm it.",
    )


# -- previews and reviewer changes -------------------------------------------------------


class PreviewNotFound(RedactorError):
    """No preview with that id for this key: never made, expired, released or another's."""

    status, code, message = (
        404,
        "preview_not_found",
        "No preview has that id for this API key; it may have expired or been released. "
        "Make a new preview.",
    )
    audited = False


class PreviewPageNotFound(RedactorError):
    status, code, message = 404, "page_not_found", "The document has no page with that number."
    audited = False


class ReviewChangeRejected(RedactorError):
    """A reviewer change does not fit the preview. `problems` name each change and what is wrong.

    The problems name the change by its position (`changes.2`) and describe the
    rule broken; never the text a reviewer asked to find.
    """

    status, code, message = (
        422,
        "invalid_change",
        "A reviewer change does not fit the preview; each entry of `details` names the "
        "change and what is wrong. Nothing was released.",
    )

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = tuple(problems)
