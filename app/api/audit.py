"""GET /v1/audit/{id}: one audit record (role auditor)."""

from __future__ import annotations

from fastapi import APIRouter
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
        404: {"model": ErrorBody, "description": "No record has that id."},
    },
)
async def get_audit_record(
    audit_id: str, principal: CanReadAudit, store: AuditStoreDep
) -> AuditRecord:
    """The record written for one request: what was removed, where and why, by whom, under
    which policy version (`GET /v1/policies/{id}/versions/{n}` shows that version)."""
    return await run_in_threadpool(store.get, audit_id)
