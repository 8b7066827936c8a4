"""GET /v1/audit/{id}: one audit record."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from app.deps import AuditStoreDep
from app.schemas import AuditRecord, ErrorBody

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get(
    "/{audit_id}",
    response_model=AuditRecord,
    summary="Get one audit record",
    responses={404: {"model": ErrorBody, "description": "No record has that id."}},
)
async def get_audit_record(audit_id: str, store: AuditStoreDep) -> AuditRecord:
    """The record written for one redaction request: what was removed, where and why."""
    return await run_in_threadpool(store.get, audit_id)
