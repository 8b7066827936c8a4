"""GET /v1/policies and /v1/policies/{id}: the loaded redaction policies."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import PoliciesDep
from app.redaction.errors import PolicyNotFound, UnknownRequesterType
from app.schemas import ErrorBody, PolicyDetail, PolicySummary

router = APIRouter(prefix="/v1/policies", tags=["policies"])


@router.get("", response_model=list[PolicySummary], summary="List the redaction policies")
async def list_policies(policies: PoliciesDep) -> list[PolicySummary]:
    """One policy per requester type, with the version and file hash audits refer to."""
    return [
        PolicySummary(id=p.id, version=p.version, title=p.title, sha256=p.sha256)
        for p in policies.all()
    ]


@router.get(
    "/{policy_id}",
    response_model=PolicyDetail,
    summary="Show one redaction policy",
    responses={404: {"model": ErrorBody, "description": "No policy has that id."}},
)
async def get_policy(policy_id: str, policies: PoliciesDep) -> PolicyDetail:
    """Every rule of the policy: category, role, action, the code on the box, the basis."""
    try:
        policy = policies.get(policy_id)
    except UnknownRequesterType:
        raise PolicyNotFound() from None
    return PolicyDetail.model_validate(policy.public_view())
