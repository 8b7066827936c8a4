"""GET /v1/audit/{id}: one audit record (role auditor)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.concurrency import run_in_threadpool

from app.auth import CanReadAudit, SecuredRoute
from app.deps import AuditStoreDep
from app.schemas import AuditRecord, ErrorBody

router = APIRouter(prefix="/v1/audit", tags=["audit"], route_class=SecuredRoute)


@router.get(
    "/{audit_id}",
    response_model=AuditRecord,
    summary="Get one audit record",
    responses={
        401: {"model": ErrorBody, "description": "unauthorized: no valid key."},
        403: {"model": ErrorBody, "description": "forbidden: the key's role is not auditor."},
        404: {"model": ErrorBody, "description": "audit_not_found: no record has that id."},
        422: {"model": ErrorBody, "description": "invalid_request: the id is malformed."},
        503: {"model": ErrorBody, "description": "not_ready or audit_unavailable."},
    },
)
async def get_audit_record(
    audit_id: Annotated[
        str,
        Path(
            description="The record's id: the `X-Audit-Id` header or `audit.id` of a response.",
            examples=["0b7e4d2c-6f0a-4c8e-9a51-2f3d8c9e1a47"],
            max_length=64,
        ),
    ],
    principal: CanReadAudit,
    store: AuditStoreDep,
) -> AuditRecord:
    """The record written for one request: what was removed, where and why, by whom, under
    which policy version (`GET /v1/policies/{id}/versions/{n}` shows that version)."""
    return await run_in_threadpool(store.get, audit_id)
