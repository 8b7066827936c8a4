"""API models. Their descriptions are what `/docs` shows to records staff.

The audit record says what was removed and why, never what it said: no model
here has a field for document text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

AuditStatus = Literal["completed", "withheld", "refused", "failed_verification"]

CALLER_FIELD_MAX = 200


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequestInfo(_Model):
    request_id: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="The caller's reference, e.g. a FOIA request number (as sent, capped).",
        examples=["FOIA-2025-0142"],
    )
    requester_type: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="The requester type sent; it selects the policy.",
        examples=["federal_immigration"],
    )
    requester: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="Free text naming the requesting agency or person (as sent, capped).",
    )


class InputInfo(_Model):
    sha256: str | None = Field(
        default=None, description="SHA-256 of the uploaded file; null if it was not read."
    )
    bytes: int | None = Field(default=None, description="Size of the uploaded file.")
    pages: int | None = Field(default=None, description="Page count, when the PDF was opened.")


class OutputInfo(_Model):
    sha256: str = Field(description="SHA-256 of the returned document.")
    bytes: int = Field(description="Size of the returned document.")


class PolicyInfo(_Model):
    id: str = Field(description="Policy id (= requester type).")
    version: int = Field(description="Policy version.")
    sha256: str = Field(description="SHA-256 of the policy file that was applied.")


class EngineInfo(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    service: str = Field(description="Version of this service.")
    spacy_model: str = Field(description="spaCy pipeline name and version.")
    presidio: str = Field(description="Presidio analyzer version.")


class Redaction(_Model):
    page: int = Field(ge=1, description="1-based page number.")
    bbox: tuple[float, float, float, float] = Field(
        description="Box in PDF points, top-left origin: x0, y0, x1, y1."
    )
    category: str = Field(description="What was removed, e.g. A_NUMBER, PERSON.")
    role: str | None = Field(default=None, description="Whose it was, when known.")
    code: str = Field(description="The code printed on the box.")
    basis: str = Field(description="The legal basis of the rule that removed it.")
    detector: str = Field(description="Which recognizer found it.")
    score: float = Field(description="Detector confidence, 0 to 1.")


class VerificationInfo(_Model):
    residual_strings: int = Field(
        description="Redacted strings still extractable from the output (must be 0)."
    )
    text_under_boxes: int = Field(description="Boxes with text left under them (must be 0).")
    checked_strings: int | None = Field(default=None, description="Strings checked.")
    checked_boxes: int | None = Field(default=None, description="Boxes checked.")


class ErrorInfo(_Model):
    code: str = Field(description="Stable error code of the refusal.")


class AuditDraft(_Model):
    """An audit record before the store gives it an id, a time and its chain links."""

    status: AuditStatus
    request: RequestInfo
    input: InputInfo
    output: OutputInfo | None = None
    policy: PolicyInfo | None = None
    engine: EngineInfo | None = None
    redactions: list[Redaction] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    verification: VerificationInfo | None = None
    error: ErrorInfo | None = None
    duration_ms: int = Field(ge=0)


class AuditRecord(_Model):
    """One request, as kept in the append-only, hash-chained audit store."""

    id: str = Field(description="Audit record id (UUID).")
    created_at: datetime = Field(description="When the record was written (UTC).")
    status: AuditStatus = Field(
        description=(
            "completed: redacted document returned; withheld: the whole record is withheld "
            "and a notice was returned; refused: the request was rejected; "
            "failed_verification: redaction could not be verified, no document returned."
        )
    )
    request: RequestInfo = Field(description="Caller metadata as sent.")
    input: InputInfo = Field(description="The uploaded file, by hash and size only.")
    output: OutputInfo | None = Field(
        default=None, description="The returned document, or null when none was returned."
    )
    policy: PolicyInfo | None = Field(
        default=None, description="The policy applied, or null if none was selected."
    )
    engine: EngineInfo | None = Field(default=None, description="Versions of the engine used.")
    redactions: list[Redaction] = Field(
        default_factory=list, description="Every box burnt in: where, what category and why."
    )
    counts: dict[str, int] = Field(
        default_factory=dict, description="Number of redacted values per category."
    )
    verification: VerificationInfo | None = Field(
        default=None, description="The output check: both counts must be 0."
    )
    error: ErrorInfo | None = Field(default=None, description="Why the request was refused.")
    duration_ms: int = Field(description="Processing time in milliseconds.")
    prev_hash: str = Field(description="Hash of the previous record in the chain.")
    hash: str = Field(
        description="SHA-256 of this record's canonical JSON (all fields but `hash`)."
    )


class RedactionResponse(_Model):
    audit: AuditRecord = Field(description="The audit record of this request.")
    document: str = Field(
        description=(
            "The redacted PDF (or, for a withheld record, the notice PDF), base64-encoded. "
            "Send `Accept: application/pdf` to get the PDF bytes instead."
        )
    )


class PolicySummary(_Model):
    id: str = Field(description="Policy id; the requester_type that selects it.")
    version: int = Field(description="Policy version, recorded in every audit record.")
    title: str = Field(description="Who the policy is for.")
    sha256: str = Field(description="SHA-256 of the policy file.")


class PolicyDetail(BaseModel):
    """A policy as loaded: every rule, its code and its legal basis."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(description="Policy id; the requester_type that selects it.")
    version: int = Field(description="Policy version, recorded in every audit record.")
    title: str = Field(description="Who the policy is for.")
    description: str = Field(default="", description="What the policy does and why.")
    sha256: str = Field(description="SHA-256 of the policy file.")
    source: str | None = Field(default=None, description="Policy file name.")
    default: dict[str, Any] | None = Field(
        default=None, description="What happens to a category or role no rule names."
    )
    rules: list[dict[str, Any]] = Field(
        description="Rules: category, optional role, action, code printed on the box, basis."
    )
    document: dict[str, Any] | None = Field(
        default=None, description="Whole-document conditions, e.g. a juvenile arrestee."
    )


class ErrorDetail(_Model):
    code: str = Field(description="Stable machine-readable error code.", examples=["not_a_pdf"])
    message: str = Field(description="Fixed human-readable message; never contains data.")
    fields: list[str] | None = Field(
        default=None, description="For invalid_request: the names of the missing/invalid fields."
    )


class ErrorBody(_Model):
    error: ErrorDetail


class Health(_Model):
    status: Literal["ok", "ready"] = Field(description="ok: alive; ready: can serve requests.")
    checks: dict[str, bool] = Field(
        default_factory=dict, description="Readiness checks (model, policies, database)."
    )
