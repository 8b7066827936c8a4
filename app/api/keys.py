"""/v1/keys: API keys (role admin). The CLI (`python -m app.cli keys ...`) does the same.

A new key's secret is in the creation response once and nowhere else: only its
SHA-256 is stored, and neither is ever logged. Creating and revoking keys is
audited with the key's id, name and role.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool

from app.auth import CanManageKeys, SecuredRoute, operation_of, record_event
from app.deps import KeyStoreDep
from app.keys import ApiKey, KeyRole
from app.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyInfo,
    AuditDraft,
    ErrorBody,
    InputInfo,
    RequestInfo,
)

router = APIRouter(prefix="/v1/keys", tags=["keys"], route_class=SecuredRoute)

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "unauthorized: no valid key in X-API-Key."},
    403: {"model": ErrorBody, "description": "forbidden: the key's role is not admin."},
    503: {"model": ErrorBody, "description": "not_ready or audit_unavailable."},
}


def key_info(key: ApiKey) -> ApiKeyInfo:
    return ApiKeyInfo(
        id=key.id,
        name=key.name,
        role=key.role.value,
        created_at=key.created_at,
        created_by=key.created_by,
        revoked_at=key.revoked_at,
        revoked_by=key.revoked_by,
    )


def _audit(request: Request, actor: str, key: ApiKey, started: float) -> None:
    record_event(
        request,
        AuditDraft(
            status="completed",
            request=RequestInfo(),
            input=InputInfo(),
            duration_ms=int((time.perf_counter() - started) * 1000),
            actor=actor,
            operation=operation_of(request),
            subject={"key_id": key.id, "key_name": key.name, "role": key.role.value},
        ),
    )


@router.get("", response_model=list[ApiKeyInfo], summary="List API keys", responses=_AUTH_ERRORS)
async def list_keys(principal: CanManageKeys, keys: KeyStoreDep) -> list[ApiKeyInfo]:
    """Every key, revoked ones included: id, name, role, who created and revoked it, when."""
    return [key_info(k) for k in await run_in_threadpool(keys.all_keys)]


@router.post(
    "",
    response_model=ApiKeyCreated,
    status_code=201,
    summary="Create an API key",
    responses={
        **_AUTH_ERRORS,
        409: {"model": ErrorBody, "description": "key_name_taken: an active key has that name."},
        422: {
            "model": ErrorBody,
            "description": "invalid_request: `name` or `role` is missing or invalid.",
        },
    },
)
async def create_key(
    body: ApiKeyCreate, request: Request, principal: CanManageKeys, keys: KeyStoreDep
) -> ApiKeyCreated:
    """The `secret` is shown in this response only; store it now. Its name is what audit
    records show as the actor of everything done with it."""
    started = time.perf_counter()

    def create() -> tuple[ApiKey, str]:
        key, secret = keys.create(
            name=body.name, role=KeyRole(body.role), created_by=principal.name
        )
        _audit(request, principal.name, key, started)
        return key, secret

    key, secret = await run_in_threadpool(create)
    return ApiKeyCreated(key=key_info(key), secret=secret)


@router.delete(
    "/{key_id}",
    response_model=ApiKeyInfo,
    summary="Revoke an API key",
    responses={
        **_AUTH_ERRORS,
        404: {"model": ErrorBody, "description": "key_not_found."},
        422: {"model": ErrorBody, "description": "invalid_request."},
    },
)
async def revoke_key(
    key_id: Annotated[
        str,
        Path(
            description="The key's id or its name, as `GET /v1/keys` lists them.",
            examples=["records-system"],
            max_length=100,
        ),
    ],
    request: Request,
    principal: CanManageKeys,
    keys: KeyStoreDep,
) -> ApiKeyInfo:
    """Revoked at once, for every later request. The key stays listed, marked revoked."""
    started = time.perf_counter()

    def revoke() -> ApiKey:
        key = keys.revoke(key_id, revoked_by=principal.name)
        _audit(request, principal.name, key, started)
        return key

    return key_info(await run_in_threadpool(revoke))
