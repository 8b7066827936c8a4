"""API models. Their descriptions are what `/docs` shows to records staff.

The audit record says what was removed and why, never what it said: no model
here has a field for document text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

AuditStatus = Literal["completed", "withheld", "refused", "failed_verification", "declined"]

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
    reference: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="The court order or warrant reference the request cited (as sent, capped).",
        examples=["2026-CR-01234"],
    )
    release: str | None = Field(
        default=None,
        max_length=CALLER_FIELD_MAX,
        description="What the order names for release (CATEGORY or CATEGORY/role), as sent.",
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
    actor: str | None = None
    operation: str | None = None
    subject: dict[str, str | int] | None = None


class AuditRecord(_Model):
    """One request, as kept in the append-only, hash-chained audit store."""

    id: str = Field(description="Audit record id (UUID).")
    created_at: datetime = Field(description="When the record was written (UTC).")
    status: AuditStatus = Field(
        description=(
            "completed: redacted document returned; withheld: the whole record is withheld "
            "and a notice was returned; refused: the request was rejected; "
            "failed_verification: redaction could not be verified, no document returned; "
            "declined: the policy declines the request (no document)."
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
    actor: str | None = Field(
        default=None,
        description="Name of the API key that made the request; null when no valid key was sent.",
    )
    operation: str | None = Field(
        default=None,
        description="Method and route template, e.g. `POST /v1/redactions`.",
        examples=["POST /v1/redactions"],
    )
    subject: dict[str, str | int] | None = Field(
        default=None,
        description=(
            "What an administrative action acted on: a policy id and version, or an API key's "
            "id, name and role. Never key material."
        ),
    )
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


class PolicyVersionInfo(_Model):
    id: str = Field(description="Policy id.")
    version: int = Field(description="Version number; every change makes a new one.")
    sha256: str = Field(description="SHA-256 of the version's content (UTF-8).")
    author: str = Field(description="Name of the API key that published it (`seed`: the file).")
    reason: str = Field(description="Why it was changed.")
    created_at: datetime = Field(description="When it was published (UTC).")
    confirmed_weakening: list[str] = Field(
        default_factory=list,
        description="Protected categories this version releases, as its author confirmed.",
    )


class PolicyDetail(BaseModel):
    """A policy version: every rule, its code and its legal basis, and who published it."""

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
    request: dict[str, Any] | None = Field(
        default=None,
        description="What a request must carry (an order or warrant reference) and may name.",
    )
    author: str | None = Field(default=None, description="Who published this version.")
    reason: str | None = Field(default=None, description="Why this version was published.")
    created_at: datetime | None = Field(default=None, description="When (UTC).")
    confirmed_weakening: list[str] = Field(
        default_factory=list, description="Protected categories released, as confirmed."
    )
    content: str | None = Field(
        default=None, description="The exact YAML/JSON text of this version; edit it and PUT it."
    )


class PolicyProposal(_Model):
    """A proposed new version of a policy."""

    content: str | dict[str, Any] = Field(
        description=(
            "The whole policy: YAML or JSON text, or a JSON object. `id` must be the policy's "
            "id and `version` the next version number."
        )
    )
    reason: str | None = Field(
        default=None,
        max_length=2000,
        description="Why the policy changes (required to publish; recorded in the version).",
    )
    confirm_weakening: list[str] = Field(
        default_factory=list,
        max_length=32,
        description=(
            "Protected categories (NATIONALITY, IMMIGRATION_STATUS, PLACE_OF_BIRTH, A_NUMBER, "
            "PASSPORT, VISA, CONSULAR_ID) this change releases, listed to confirm it on purpose."
        ),
    )


class WeakeningInfo(_Model):
    category: str = Field(description="A protected category the change releases.")
    roles: list[str] = Field(description="For whom (the role `unknown` included).")
    via_named_release: bool = Field(
        description="True when it is released only because requests may now name it."
    )
    confirmed: bool = Field(description="Whether confirm_weakening lists it.")


class FieldChangeInfo(_Model):
    field: str
    before: Any = None
    after: Any = None


class RuleChangeInfo(_Model):
    rule: str = Field(description="CATEGORY or CATEGORY/role.")
    change: Literal["added", "removed", "changed"]
    fields: list[FieldChangeInfo]
    summary: str = Field(description="One readable line.")


class EffectChangeInfo(_Model):
    category: str
    role: str
    before: str = Field(description="redact or keep")
    after: str = Field(description="redact or keep")


class PolicyChanges(_Model):
    settings: list[FieldChangeInfo] = Field(
        description="Changes outside the rules: title, default, document, request."
    )
    rules: list[RuleChangeInfo] = Field(description="Rules added, removed or changed.")
    effects: list[EffectChangeInfo] = Field(
        description="Every (category, role) whose outcome changes: the net effect."
    )
    summary: list[str] = Field(description="The difference as readable lines.")


class PolicyDiffResponse(_Model):
    id: str
    from_version: int = Field(serialization_alias="from")
    to_version: int = Field(serialization_alias="to")
    changes: PolicyChanges


class PolicyValidation(_Model):
    valid: bool = Field(description="True when the content could be published as it is.")
    problems: list[ProblemDetail] = Field(description="Each field that is wrong, and why.")
    current_version: int
    next_version: int = Field(description="The version number the content must carry.")
    weakens: list[WeakeningInfo] = Field(
        default_factory=list, description="Protected categories the change releases."
    )
    changes: PolicyChanges | None = Field(
        default=None, description="The difference from the current version (when it parses)."
    )


class DecisionInfo(_Model):
    action: str = Field(description="redact or keep")
    code: str = Field(description="Code printed on the box (empty for keep).")
    rule: str = Field(description="The rule that decided (CATEGORY[/role] or `default`).")


class DryRunChange(_Model):
    page: int = Field(description="1-based page.")
    boxes: list[tuple[float, float, float, float]] = Field(
        description="Boxes of the value, PDF points, top-left origin."
    )
    category: str
    role: str | None
    current: DecisionInfo | None = Field(description="Under the current version (null: not found).")
    proposed: DecisionInfo | None = Field(description="Under the proposed one (null: not found).")


class DryRunSide(_Model):
    version: int
    redacted_values: int = Field(description="Values that would be removed.")
    released_values: int = Field(description="Detected values that would be kept.")
    counts: dict[str, int] = Field(description="Removed values per category.")


class DryRunResponse(_Model):
    """What the proposed policy would remove from this document, against the current one.

    Categories, rules, pages, boxes and counts only: never the document's text.
    """

    id: str
    pages: int
    juvenile: bool = Field(
        description="The arrestee is a juvenile: both versions withhold the whole record."
    )
    current: DryRunSide
    proposed: DryRunSide
    changes: list[DryRunChange] = Field(description="Every value whose decision differs.")
    weakens: list[WeakeningInfo] = Field(default_factory=list)


# -- API keys -------------------------------------------------------------------------------

KeyRoleName = Literal["records_system", "reviewer", "policy_officer", "auditor", "admin"]
# A key's name is the audit's actor: printable, no control characters, no quotes.
KEY_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$"


class ApiKeyInfo(_Model):
    id: str = Field(description="Key id (not the key; safe to show and to log).")
    name: str = Field(description="Name; recorded as the actor of every audit record.")
    role: KeyRoleName
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


class ApiKeyCreate(_Model):
    name: str = Field(
        min_length=1,
        max_length=100,
        pattern=KEY_NAME_PATTERN,
        description="Who or what uses the key, e.g. `records-system` or `j.doe`.",
    )
    role: KeyRoleName


class ApiKeyCreated(_Model):
    key: ApiKeyInfo
    secret: str = Field(
        description="The API key. Shown this once and never again: only its hash is stored."
    )


class ProblemDetail(_Model):
    field: str = Field(description="Dotted path of the field, e.g. `rules.3.action`.")
    message: str = Field(description="What is wrong with it (never the value sent).")


class ErrorDetail(_Model):
    code: str = Field(description="Stable machine-readable error code.", examples=["not_a_pdf"])
    message: str = Field(description="Fixed human-readable message; never contains data.")
    fields: list[str] | None = Field(
        default=None, description="For invalid_request: the names of the missing/invalid fields."
    )
    details: list[ProblemDetail] | None = Field(
        default=None,
        description="For policy_invalid and confirmation_required: each field and what is wrong.",
    )


class ErrorBody(_Model):
    error: ErrorDetail


class Health(_Model):
    status: Literal["ok", "ready"] = Field(description="ok: alive; ready: can serve requests.")
    checks: dict[str, bool] = Field(
        default_factory=dict, description="Readiness checks (model, policies, database)."
    )
