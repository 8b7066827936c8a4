"""/v1/policies: the redaction policies, their versions, and changing them safely.

Reading needs a policy_officer or auditor key; validating, publishing and dry runs
need a policy_officer key (admin may do all). Every version is kept; publishing
makes a new one, which is in force for the next request. A dry run reports which
categories, rules, pages and boxes would change, never the document's text.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from app.api.redactions import read_upload
from app.auth import CanEditPolicies, CanReadPolicies, SecuredRoute, operation_of, record_event
from app.deps import EngineDep, PolicyStoreDep, SettingsDep
from app.policy_store import PolicyStore, StoredPolicy
from app.redaction.errors import EmptyFile, PolicyNotFound, UnknownRequesterType
from app.redaction.pipeline import PlannedDecision
from app.redaction.policy import Policy, parse_policy, parse_release, policy_json_schema
from app.redaction.policy_review import PolicyDiff, Weakening, diff_policies, weakenings
from app.schemas import (
    AuditDraft,
    DecisionInfo,
    DryRunChange,
    DryRunResponse,
    DryRunSide,
    EffectChangeInfo,
    ErrorBody,
    FieldChangeInfo,
    InputInfo,
    PolicyChanges,
    PolicyDetail,
    PolicyDiffResponse,
    PolicyInfo,
    PolicyProposal,
    PolicySummary,
    PolicyValidation,
    PolicyVersionInfo,
    ProblemDetail,
    RequestInfo,
    RuleChangeInfo,
    WeakeningInfo,
)

router = APIRouter(prefix="/v1/policies", tags=["policies"], route_class=SecuredRoute)

PolicyId = Annotated[
    str,
    Path(
        description="The policy id, which is the requester type it serves.",
        examples=["public"],
        max_length=64,
    ),
]
# The largest version the stores can hold (a 32-bit integer column); a larger number
# is a 422, not a database overflow (a 500).
MAX_VERSION = 2**31 - 1
VersionNumber = Annotated[
    int,
    Path(ge=1, le=MAX_VERSION, description="A version number of the policy.", examples=[1]),
]

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "unauthorized: no valid key in X-API-Key."},
    403: {"model": ErrorBody, "description": "forbidden: the key's role may not do this."},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "policy_not_found or policy_version_not_found."},
    422: {"model": ErrorBody, "description": "invalid_request: a parameter is malformed."},
}
_INVALID: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ErrorBody,
        "description": (
            "policy_invalid or confirmation_required: `error.details` names each field "
            "and what is wrong; invalid_request for a malformed body."
        ),
    },
}


def _current(store: PolicyStore, policy_id: str) -> StoredPolicy:
    try:
        return store.current(policy_id)
    except UnknownRequesterType:
        raise PolicyNotFound() from None


def _detail(stored: StoredPolicy) -> PolicyDetail:
    return PolicyDetail.model_validate(
        {
            **stored.policy.public_view(),
            "author": stored.author,
            "reason": stored.reason,
            "created_at": stored.created_at,
            "confirmed_weakening": list(stored.confirmed_weakening),
            "content": stored.policy.content,
        }
    )


def _version_info(stored: StoredPolicy) -> PolicyVersionInfo:
    return PolicyVersionInfo(
        id=stored.id,
        version=stored.version,
        sha256=stored.sha256,
        author=stored.author,
        reason=stored.reason,
        created_at=stored.created_at,
        confirmed_weakening=list(stored.confirmed_weakening),
    )


def _weakening_info(found: Sequence[Weakening], confirm: Sequence[str]) -> list[WeakeningInfo]:
    confirmed = {c.strip().upper() for c in confirm}
    return [
        WeakeningInfo(
            category=w.category.value,
            roles=[r.value for r in w.roles],
            via_named_release=w.via_named_release,
            confirmed=w.category.value in confirmed,
        )
        for w in found
    ]


def _changes(diff: PolicyDiff) -> PolicyChanges:
    return PolicyChanges(
        settings=[
            FieldChangeInfo(field=c.field, before=c.before, after=c.after) for c in diff.settings
        ],
        rules=[
            RuleChangeInfo(
                rule=r.rule,
                change=r.change,
                fields=[
                    FieldChangeInfo(field=c.field, before=c.before, after=c.after) for c in r.fields
                ],
                summary=r.summary,
            )
            for r in diff.rules
        ],
        effects=[
            EffectChangeInfo(
                category=e.category.value,
                role=e.role.value,
                before=e.before.value,
                after=e.after.value,
            )
            for e in diff.effects
        ],
        summary=diff.summary,
    )


@router.get(
    "/schema",
    summary="JSON Schema of a policy document",
    responses={
        200: {
            "description": "The JSON Schema (draft 2020-12) of a policy document.",
            "content": {
                "application/json": {
                    "example": {
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "title": "Redaction policy",
                        "type": "object",
                        "required": ["id", "version", "title", "default", "rules", "document"],
                        "additionalProperties": False,
                    }
                }
            },
        },
        **_AUTH_ERRORS,
    },
)
async def get_policy_schema(principal: CanReadPolicies) -> dict[str, Any]:
    """The JSON Schema that every policy version must satisfy, for editors."""
    return policy_json_schema()


@router.get(
    "",
    response_model=list[PolicySummary],
    summary="List the redaction policies",
    responses={**_AUTH_ERRORS},
)
async def list_policies(principal: CanReadPolicies, store: PolicyStoreDep) -> list[PolicySummary]:
    """One policy per requester type: the version in force and the hash audits refer to."""
    current = await run_in_threadpool(store.current_all)
    return [
        PolicySummary(id=s.id, version=s.version, title=s.policy.title, sha256=s.sha256)
        for s in current
    ]


@router.get(
    "/{policy_id}",
    response_model=PolicyDetail,
    summary="Show the version in force",
    responses={**_AUTH_ERRORS, **_NOT_FOUND},
)
async def get_policy(
    policy_id: PolicyId, principal: CanReadPolicies, store: PolicyStoreDep
) -> PolicyDetail:
    """Every rule of the version in force: category, role, action, the code on the box, the
    basis; who published it and why; and its exact text (`content`), to edit and PUT back."""
    return _detail(await run_in_threadpool(_current, store, policy_id))


@router.get(
    "/{policy_id}/versions",
    response_model=list[PolicyVersionInfo],
    summary="List every version of a policy",
    responses={**_AUTH_ERRORS, **_NOT_FOUND},
)
async def list_versions(
    policy_id: PolicyId, principal: CanReadPolicies, store: PolicyStoreDep
) -> list[PolicyVersionInfo]:
    """Oldest first. Versions are never changed or deleted."""
    return [_version_info(s) for s in await run_in_threadpool(store.versions, policy_id)]


@router.get(
    "/{policy_id}/versions/{version}",
    response_model=PolicyDetail,
    summary="Show one version of a policy",
    responses={**_AUTH_ERRORS, **_NOT_FOUND},
)
async def get_version(
    policy_id: PolicyId, version: VersionNumber, principal: CanReadPolicies, store: PolicyStoreDep
) -> PolicyDetail:
    """The version an audit record names (`policy.version`): its rules and exact text."""
    return _detail(await run_in_threadpool(store.version, policy_id, version))


@router.get(
    "/{policy_id}/diff",
    response_model=PolicyDiffResponse,
    response_model_by_alias=True,
    summary="Difference between two versions, rule by rule",
    responses={**_AUTH_ERRORS, **_NOT_FOUND},
)
async def diff_versions(
    policy_id: PolicyId,
    principal: CanReadPolicies,
    store: PolicyStoreDep,
    from_version: Annotated[
        int | None,
        Query(
            alias="from",
            ge=1,
            le=MAX_VERSION,
            description="Older version (default: the one before `to`).",
            examples=[1],
        ),
    ] = None,
    to_version: Annotated[
        int | None,
        Query(
            alias="to",
            ge=1,
            le=MAX_VERSION,
            description="Newer version (default: current).",
            examples=[2],
        ),
    ] = None,
) -> PolicyDiffResponse:
    """Rules added, removed and changed; other fields changed; and the net effect: every
    (category, role) whose outcome goes from redact to keep or back."""

    def load() -> tuple[StoredPolicy, StoredPolicy]:
        to = store.version(policy_id, to_version) if to_version else _current(store, policy_id)
        if from_version is None:
            return store.previous(policy_id, to.version), to
        return store.version(policy_id, from_version), to

    old, new = await run_in_threadpool(load)
    return PolicyDiffResponse(
        id=policy_id,
        from_version=old.version,
        to_version=new.version,
        changes=_changes(diff_policies(old.policy, new.policy)),
    )


@router.post(
    "/{policy_id}/validate",
    response_model=PolicyValidation,
    summary="Check a proposed version without publishing it",
    responses={**_AUTH_ERRORS, **_NOT_FOUND},
)
async def validate_policy(
    policy_id: PolicyId, proposal: PolicyProposal, principal: CanEditPolicies, store: PolicyStoreDep
) -> PolicyValidation:
    """A dry validation: `valid` is true when `PUT` would accept the same body. Each problem
    names the field and what is wrong; `weakens` lists protected categories the change
    releases; `changes` is the difference from the version in force."""
    review = await run_in_threadpool(
        lambda: store.review(
            policy_id, proposal.content, confirm=proposal.confirm_weakening, reason=proposal.reason
        )
    )
    return PolicyValidation(
        valid=review.valid,
        problems=[ProblemDetail(field=p.field, message=p.message) for p in review.all_problems],
        current_version=review.current.version,
        next_version=review.next_version,
        weakens=_weakening_info(review.weakenings, proposal.confirm_weakening),
        changes=None if review.diff is None else _changes(review.diff),
    )


@router.put(
    "/{policy_id}",
    response_model=PolicyDetail,
    summary="Publish a new version",
    responses={
        **_AUTH_ERRORS,
        **_NOT_FOUND,
        **_INVALID,
        409: {
            "model": ErrorBody,
            "description": "policy_version_conflict: `version` is not the next version.",
        },
    },
)
async def publish_policy(
    policy_id: PolicyId,
    proposal: PolicyProposal,
    request: Request,
    principal: CanEditPolicies,
    store: PolicyStoreDep,
) -> PolicyDetail:
    """Stores the content as the next version, with your key's name as author and your
    `reason`. It is in force for the next request. A change that releases a protected
    category (citizenship, origin, immigration status or documents) under
    federal_immigration, public or law_enforcement needs that category in
    `confirm_weakening`; the version records it."""
    started = time.perf_counter()

    def publish() -> StoredPolicy:
        stored = store.publish(
            policy_id,
            proposal.content,
            author=principal.name,
            reason=proposal.reason,
            confirm=proposal.confirm_weakening,
        )
        record_event(
            request,
            AuditDraft(
                status="completed",
                request=RequestInfo(),
                input=InputInfo(),
                policy=PolicyInfo(id=stored.id, version=stored.version, sha256=stored.sha256),
                duration_ms=int((time.perf_counter() - started) * 1000),
                actor=principal.name,
                operation=operation_of(request),
                subject={"policy_id": stored.id, "version": stored.version},
            ),
        )
        return stored

    return _detail(await run_in_threadpool(publish))


def _narrowed(policy: Policy, release: str | None) -> Policy:
    if release and policy.request.named_release:
        return policy.with_releases(parse_release([release]))
    return policy


def _side(version: int, decisions: Mapping[Any, PlannedDecision]) -> DryRunSide:
    counts: dict[str, int] = {}
    redacted = 0
    for d in decisions.values():
        if d.action == "redact":
            redacted += 1
            counts[d.category] = counts.get(d.category, 0) + 1
    return DryRunSide(
        version=version,
        redacted_values=redacted,
        released_values=len(decisions) - redacted,
        counts=dict(sorted(counts.items())),
    )


def _info(d: PlannedDecision | None) -> DecisionInfo | None:
    return None if d is None else DecisionInfo(action=d.action, code=d.code, rule=d.rule)


@router.post(
    "/{policy_id}/dry-run",
    response_model=DryRunResponse,
    summary="Try a proposed version on a PDF, against the version in force",
    responses={
        **_AUTH_ERRORS,
        **_NOT_FOUND,
        **_INVALID,
        413: {"model": ErrorBody, "description": "file_too_large or too_many_pages."},
        415: {"model": ErrorBody, "description": "not_a_pdf."},
    },
)
async def dry_run(
    policy_id: PolicyId,
    request: Request,
    principal: CanEditPolicies,
    engine: EngineDep,
    store: PolicyStoreDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="An arrest-report PDF to try the policy on.")],
    content: Annotated[
        str,
        Form(
            description=(
                "The proposed policy, YAML or JSON text (need not be the next version): "
                "`GET /v1/policies/{policy_id}` gives the current one as `content`."
            ),
            examples=["id: public\nversion: 2\ntitle: Member of the public\n..."],
        ),
    ],
    release: Annotated[
        str | None,
        Form(
            description="For policies with named_release: what an order would name.",
            examples=["PERSON/arrestee, CHARGE"],
        ),
    ] = None,
) -> DryRunResponse:
    """Detects once, decides under the version in force and under the proposal, and lists
    every value whose decision differs: page, boxes, category, role, and each side's action,
    code and rule. Nothing is burnt in, no document is returned, and the response never
    contains the document's text. The run is audited (input hash, both policies)."""
    started = time.perf_counter()
    untrusted_pdf = await read_upload(file, settings.max_upload_bytes)
    if not untrusted_pdf:
        raise EmptyFile()
    current = await run_in_threadpool(_current, store, policy_id)
    proposed = parse_policy(content, expected_id=policy_id)
    plan = await run_in_threadpool(
        engine.plan,
        untrusted_pdf,
        [_narrowed(current.policy, release), _narrowed(proposed, release)],
    )
    before, after = plan.decisions
    changes = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b is not None and a is not None and (b.action, b.code) == (a.action, a.code):
            continue
        shown = b or a
        assert shown is not None
        changes.append(
            DryRunChange(
                page=shown.page,
                boxes=list(shown.boxes),
                category=shown.category,
                role=shown.role,
                current=_info(b),
                proposed=_info(a),
            )
        )

    def audit() -> None:
        record_event(
            request,
            AuditDraft(
                status="completed",
                request=RequestInfo(requester_type=policy_id),
                input=InputInfo(
                    sha256=hashlib.sha256(untrusted_pdf).hexdigest(),
                    bytes=len(untrusted_pdf),
                    pages=plan.pages,
                ),
                policy=PolicyInfo(id=current.id, version=current.version, sha256=current.sha256),
                duration_ms=int((time.perf_counter() - started) * 1000),
                actor=principal.name,
                operation=operation_of(request),
                subject={"policy_id": policy_id, "proposed_sha256": proposed.sha256},
            ),
        )

    await run_in_threadpool(audit)
    return DryRunResponse(
        id=policy_id,
        pages=plan.pages,
        juvenile=plan.juvenile,
        current=_side(current.version, before),
        proposed=_side(proposed.version, after),
        changes=changes,
        weakens=_weakening_info(weakenings(current.policy, proposed), []),
    )
