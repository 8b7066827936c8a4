"""API models. Their descriptions are what `/docs` shows to records staff.

The audit record says what was removed and why, never what it said: no model
here has a field for document text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.logs import current_request_id
from app.redaction.types import Action, Category, Role

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
    redaction_log: bool | None = Field(
        default=None,
        description="Whether the request asked for a redaction log page (null: not sent).",
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
    ocr: str | None = Field(
        default=None,
        description=(
            "OCR engine and version used for scanned pages (e.g. `tesseract 5.3.0`), or "
            "`unavailable` when Tesseract was not found at startup."
        ),
    )


class PageReadingInfo(_Model):
    page: int = Field(ge=1, description="1-based page number.")
    ocr: bool = Field(
        description="Whether the page was read with OCR (a scan, or a large image on it)."
    )
    rotation: int | None = Field(
        default=None, description="Degrees the scan was turned to read it upright (OCR only)."
    )
    confidence: float | None = Field(
        default=None, description="Mean OCR word confidence, 0-100 (OCR only)."
    )


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


class ChangeBox(_Model):
    page: int = Field(ge=1, description="1-based page number.")
    bbox: tuple[float, float, float, float] = Field(
        description="Box in PDF points, top-left origin: x0, y0, x1, y1."
    )


class ReviewChangeInfo(_Model):
    """One reviewer change, as the audit keeps it: who, why, what kind, where; never the text."""

    change: Literal["remove", "add"] = Field(
        description="remove: a proposed redaction was released; add: a redaction was added."
    )
    located_by: Literal["item", "rect", "text"] = Field(
        description=(
            "item: a proposed item, by number; rect: a rectangle on a page; text: every "
            "mention of a text the reviewer typed (the text is not recorded)."
        )
    )
    item: int | None = Field(default=None, description="The preview item removed.")
    category: str = Field(description="Category of the value removed or added.")
    role: str | None = Field(default=None, description="Whose it is, when known.")
    reviewer: str = Field(description="Name of the API key that made the change.")
    justification: str = Field(description="Why, in the reviewer's words.")
    boxes: list[ChangeBox] = Field(description="Where the boxes removed or added are.")


class ReviewInfo(_Model):
    preview_id: str = Field(description="The preview that was reviewed and released.")
    previewed_by: str = Field(description="Name of the API key that made the preview.")
    reviewer: str = Field(description="Name of the API key that released it.")
    changes: list[ReviewChangeInfo] = Field(
        description="Each reviewer change, in order; empty when the proposal was released as is."
    )


class RedactionLogInfo(_Model):
    pages: int = Field(description="Pages the redaction log added after the record's own.")
    entries: int = Field(description="Lines in the log: one per box, as in `redactions`.")
    requested_by: Literal["policy", "request"] = Field(
        description="Whether the policy or the request asked for the log."
    )


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
    review: ReviewInfo | None = None
    redaction_log: RedactionLogInfo | None = None
    pages: list[PageReadingInfo] | None = None
    # The X-Request-Id of the HTTP request being handled (None outside a request).
    trace_id: str | None = Field(default_factory=current_request_id)


class AuditRecord(_Model):
    """One request, as kept in the append-only, hash-chained audit store."""

    id: str = Field(
        description="Audit record id (UUID).", examples=["0b7e4d2c-6f0a-4c8e-9a51-2f3d8c9e1a47"]
    )
    created_at: datetime = Field(description="When the record was written (UTC).")
    status: AuditStatus = Field(
        description=(
            "completed: redacted document returned; withheld: the whole record is withheld "
            "and a notice was returned; refused: the request was rejected; "
            "failed_verification: redaction could not be verified, no document returned; "
            "declined: the policy declines the request (no document)."
        ),
        examples=["completed"],
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
    trace_id: str | None = Field(
        default=None,
        description=(
            "The service's own id of the HTTP request (its `X-Request-Id` response header, "
            "and `request_id` in the service's log lines); not the caller's `request_id`."
        ),
        examples=["5f0c3a9e2b7d4c1e8a6f0b2d9c4e7a13"],
    )
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
    review: ReviewInfo | None = Field(
        default=None,
        description=(
            "For a document released from a preview: who previewed and released it, and "
            "each reviewer change with its justification (never the text)."
        ),
    )
    redaction_log: RedactionLogInfo | None = Field(
        default=None,
        description="The redaction log appended to the document, when there is one.",
    )
    pages: list[PageReadingInfo] | None = Field(
        default=None,
        description=(
            "How each page of a redacted document was read: from its text layer, or with "
            "OCR (the engine and its version are in `engine.ocr`)."
        ),
    )
    prev_hash: str = Field(description="Hash of the previous record in the chain.")
    hash: str = Field(
        description="SHA-256 of this record's canonical JSON (all fields but `hash`)."
    )


class BrokenLink(_Model):
    id: str = Field(
        description="Id of the first record that does not verify.",
        examples=["0b7e4d2c-6f0a-4c8e-9a51-2f3d8c9e1a47"],
    )
    seq: int = Field(
        description="Its position in the store (1 = the first record ever written).",
        examples=[1412],
    )


class AuditChainReport(_Model):
    """The result of recomputing every record's hash and link, oldest first."""

    ok: bool = Field(
        description="true: every record verifies and links to the one before it.",
        examples=[False],
    )
    checked: int = Field(
        description="Records checked: all of them when ok, else up to the first broken one.",
        examples=[1412],
    )
    first_broken: BrokenLink | None = Field(
        default=None,
        description=(
            "The first record whose content, hash, link to its predecessor or indexed columns "
            "do not match: an edited record, or the record after a deleted one. Null when ok."
        ),
    )


class AuditPage(_Model):
    """One page of an audit export, oldest record first."""

    records: list[AuditRecord] = Field(description="The records of this page, oldest first.")
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` for the next page; null on the last page.",
        examples=["1412"],
    )
    next: str | None = Field(
        default=None,
        description="The URL of the next page, same filters; null on the last page.",
        examples=["/v1/audit?limit=100&cursor=1412"],
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
    id: str = Field(
        description="Policy id; the requester_type that selects it.", examples=["public"]
    )
    version: int = Field(
        description="Policy version, recorded in every audit record.", examples=[1]
    )
    title: str = Field(
        description="Who the policy is for.", examples=["Member of the public (Illinois FOIA)"]
    )
    sha256: str = Field(description="SHA-256 of the policy file.")


class PolicyVersionInfo(_Model):
    id: str = Field(description="Policy id.", examples=["public"])
    version: int = Field(description="Version number; every change makes a new one.", examples=[2])
    sha256: str = Field(description="SHA-256 of the version's content (UTF-8).")
    author: str = Field(description="Name of the API key that published it (`seed`: the file).")
    reason: str = Field(
        description="Why it was changed.", examples=["Release arrestee ages under 2.15(a)."]
    )
    created_at: datetime = Field(description="When it was published (UTC).")
    confirmed_weakening: list[str] = Field(
        default_factory=list,
        description="Protected categories this version releases, as its author confirmed.",
    )


class PolicyDetail(BaseModel):
    """A policy version: every rule, its code and its legal basis, and who published it."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(
        description="Policy id; the requester_type that selects it.", examples=["public"]
    )
    version: int = Field(
        description="Policy version, recorded in every audit record.", examples=[1]
    )
    title: str = Field(
        description="Who the policy is for.", examples=["Member of the public (Illinois FOIA)"]
    )
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
        examples=["Release arrestee ages under 5 ILCS 140/2.15(a)."],
    )
    confirm_weakening: list[str] = Field(
        default_factory=list,
        max_length=32,
        description=(
            "Protected categories (NATIONALITY, IMMIGRATION_STATUS, PLACE_OF_BIRTH, A_NUMBER, "
            "PASSPORT, VISA, CONSULAR_ID) this change releases, listed to confirm it on purpose."
        ),
        examples=[[]],
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
    id: str = Field(description="Policy id.", examples=["public"])
    from_version: int = Field(serialization_alias="from")
    to_version: int = Field(serialization_alias="to")
    changes: PolicyChanges


class PolicyValidation(_Model):
    valid: bool = Field(
        description="True when the content could be published as it is.", examples=[True]
    )
    problems: list[ProblemDetail] = Field(description="Each field that is wrong, and why.")
    current_version: int
    next_version: int = Field(
        description="The version number the content must carry.", examples=[2]
    )
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

    id: str = Field(description="Policy id.", examples=["public"])
    pages: int = Field(description="Pages of the document tried.", examples=[2])
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
    id: str = Field(
        description="Key id (not the key; safe to show and to log).",
        examples=["6a1f0c3e-2b7d-4e59-8c41-9d0e7f3a2b15"],
    )
    name: str = Field(
        description="Name; recorded as the actor of every audit record.",
        examples=["records-system"],
    )
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
        examples=["j.doe"],
    )
    role: KeyRoleName = Field(
        description="What the key may do (admin: everything).", examples=["reviewer"]
    )


class ApiKeyCreated(_Model):
    key: ApiKeyInfo
    secret: str = Field(
        description="The API key. Shown this once and never again: only its hash is stored.",
        examples=["rdk_Zm9yIGV4YW1wbGUgb25seTsgbm90IGEgcmVhbCBrZXk"],
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
        description=(
            "For policy_invalid, confirmation_required and invalid_change: each field (or "
            "change) and what is wrong."
        ),
    )


class ErrorBody(_Model):
    error: ErrorDetail


class Health(_Model):
    status: Literal["ok", "ready"] = Field(
        description="ok: alive; ready: can serve requests.", examples=["ready"]
    )
    checks: dict[str, bool] = Field(
        default_factory=dict,
        description="Readiness checks (model, policies, database).",
        examples=[{"model": True, "policies": True, "database": True}],
    )


# -- previews and review ----------------------------------------------------------------------

PREVIEW_ID_EXAMPLE = "q3Vb8yZpN1xL0cT6kWmR2dFhJ9sA4eGu"


class ProposedRedaction(_Model):
    """One value the policy decided on, as the reviewer sees it (with its text)."""

    item: int = Field(ge=1, description="Item number; name it in a `remove` change.", examples=[3])
    page: int = Field(ge=1, description="1-based page number.", examples=[1])
    bbox: tuple[float, float, float, float] = Field(
        description="Box around the whole value, PDF points, top-left origin: x0, y0, x1, y1.",
        examples=[[72.0, 98.2, 188.8, 109.4]],
    )
    boxes: list[tuple[float, float, float, float]] = Field(
        description="One box per line the value spans (what is burnt in)."
    )
    category: Category = Field(description="What the value is.", examples=["A_NUMBER"])
    role: Role | None = Field(
        default=None, description="Whose it is, when the document says.", examples=["arrestee"]
    )
    text: str = Field(
        description=(
            "The original text. Shown here only, to a reviewer: never stored, logged or "
            "written to the audit record."
        ),
        examples=["212-345-678"],
    )
    detector: str = Field(description="Which recognizer found it.", examples=["a_number"])
    score: float = Field(description="Detector confidence, 0 to 1.", examples=[0.95])
    rule: str = Field(
        description="The policy rule that decided: CATEGORY[/role], `default` or `reviewer`.",
        examples=["A_NUMBER"],
    )
    code: str = Field(
        description="Code printed on the box (empty for keep).", examples=["MCC 2-173-030"]
    )
    basis: str = Field(description="The rule's legal basis.")
    action: Action = Field(description="redact: will be removed; keep: will be released.")


class PreviewResponse(_Model):
    """Every redaction the policy proposes for this document, before anything is applied."""

    preview_id: str = Field(
        description="Names this preview in the /v1/previews/{preview_id}/... endpoints.",
        examples=[PREVIEW_ID_EXAMPLE],
    )
    expires_at: datetime = Field(
        description="When the preview is deleted (UTC) unless it is released before."
    )
    pages: int = Field(description="Pages of the document.", examples=[2])
    policy: PolicyInfo = Field(description="The policy version the proposal follows.")
    request: RequestInfo = Field(description="The request fields, as sent.")
    withheld: bool = Field(
        description=(
            "True when the whole record is withheld (a juvenile arrestee): release returns "
            "the one-page notice and takes no changes."
        )
    )
    redaction_log: bool = Field(
        description="Whether release will append a redaction log (asked by policy or request)."
    )
    items: list[ProposedRedaction] = Field(
        description="Every value the policy decided on, redact and keep, in audit order."
    )
    counts: dict[str, int] = Field(
        description="Values that would be removed, per category.", examples=[{"PERSON": 4}]
    )
    kept: dict[str, int] = Field(
        description="Values found and released, per category.", examples=[{"CHARGE": 1}]
    )
    page_images: list[str] = Field(
        description="URL of each page image with the proposed boxes drawn (same API key).",
        examples=[[f"/v1/previews/{PREVIEW_ID_EXAMPLE}/pages/1.png"]],
    )
    marked_pdf: str = Field(
        description="URL of the original marked for redaction, for any PDF viewer.",
        examples=[f"/v1/previews/{PREVIEW_ID_EXAMPLE}/marked.pdf"],
    )
    release: str = Field(
        description="URL to POST the release (with reviewer changes) to.",
        examples=[f"/v1/previews/{PREVIEW_ID_EXAMPLE}/release"],
    )


def _justification() -> Any:
    return Field(
        min_length=3,
        max_length=500,
        description=(
            "Why, in your words; recorded in the audit record with your key's name. Do not "
            "repeat the document's text here."
        ),
        examples=["Officer's name, released under the policy."],
    )


class RemoveChange(_Model):
    """Release a proposed redaction: that one mention stays readable."""

    change: Literal["remove"] = Field(description="remove a proposed redaction")
    item: int = Field(ge=1, description="The item number from the preview.", examples=[3])
    justification: str = _justification()


class AddChange(_Model):
    """Add a redaction: a rectangle on a page, or every mention of a text."""

    change: Literal["add"] = Field(description="add a redaction")
    category: Category = Field(description="What it is.", examples=["PERSON"])
    role: Role | None = Field(default=None, description="Whose it is, if known.")
    justification: str = _justification()
    page: int | None = Field(
        default=None, ge=1, description="With `rect`: the 1-based page.", examples=[1]
    )
    rect: tuple[float, float, float, float] | None = Field(
        default=None,
        description=(
            "With `page`: the box, in PDF points, top-left origin (as the preview's bboxes): "
            "x0, y0, x1, y1. Everything under it is removed."
        ),
        examples=[[72.0, 300.0, 240.0, 314.0]],
    )
    text: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description=(
            "Instead of page and rect: a text to find. Every mention of it in the document "
            "(case, accents and line breaks ignored) is removed. It is not stored."
        ),
    )


class ReleaseRequest(_Model):
    """The reviewer's changes to the proposal; none to release it as proposed."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # The first example is what Swagger UI fills in: release as proposed, no changes.
        json_schema_extra={
            "examples": [
                {"changes": [], "redaction_log": None},
                {
                    "changes": [
                        {
                            "change": "remove",
                            "item": 3,
                            "justification": "Officer's name, released under the policy.",
                        },
                        {
                            "change": "add",
                            "category": "PHONE",
                            "page": 1,
                            "rect": [72.0, 300.0, 240.0, 314.0],
                            "justification": "Victim's phone number missed by detection.",
                        },
                    ],
                    "redaction_log": True,
                },
            ]
        },
    )

    changes: list[Annotated[RemoveChange | AddChange, Field(discriminator="change")]] = Field(
        default_factory=list,
        max_length=500,
        description="Reviewer changes, applied together. Each is `remove` or `add`.",
    )
    redaction_log: bool | None = Field(
        default=None,
        description=(
            "Append a redaction log page; null keeps the preview's choice. A policy that "
            "asks for a log always gets one."
        ),
    )
