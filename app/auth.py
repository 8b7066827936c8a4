"""API keys and roles: who may call which endpoint.

Every endpoint but /healthz, /readyz, /docs and the OpenAPI document needs a key
in the `X-API-Key` header whose role grants the endpoint's permission. No key, or
an unknown or revoked one, gets 401; a key whose role lacks the permission gets
403. Both are audited (the operation, and the key's name for a 403), never with
key material.

`admin` implies every role. An admin can create a key of any role anyway, so
withholding the others would add friction and no protection; the audit record
still names the admin key as the actor of whatever it does.

The check runs twice over the same cached result: `SecuredRoute` runs it before
the request body is read (an upload from a caller without a valid key is never
taken in), and the `RequirePermission` dependency runs it for the endpoint,
which also puts the security scheme into the OpenAPI document (the "Authorize"
button of /docs).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from enum import StrEnum
from typing import Annotated, Any, NoReturn

from fastapi import Request, Response, Security
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from app.audit import AuditStore
from app.errors import Forbidden, Unauthorized
from app.keys import ApiKey, KeyRole, KeyStore
from app.redaction.errors import NotReady, RedactorError
from app.schemas import AuditDraft, AuditRecord, ErrorInfo, InputInfo, RequestInfo

API_KEY_HEADER_NAME = "X-API-Key"


class Permission(StrEnum):
    REDACT = "redact"
    PREVIEW = "preview"  # see the original text of a preview, change and release it
    READ_POLICIES = "read_policies"
    EDIT_POLICIES = "edit_policies"  # validate, publish, dry-run
    READ_AUDIT = "read_audit"
    MANAGE_KEYS = "manage_keys"


GRANTS: Mapping[KeyRole, frozenset[Permission]] = {
    KeyRole.RECORDS_SYSTEM: frozenset({Permission.REDACT}),
    KeyRole.REVIEWER: frozenset({Permission.REDACT, Permission.PREVIEW}),
    KeyRole.POLICY_OFFICER: frozenset({Permission.READ_POLICIES, Permission.EDIT_POLICIES}),
    # An auditor must be able to fetch the policy version each record names.
    KeyRole.AUDITOR: frozenset({Permission.READ_AUDIT, Permission.READ_POLICIES}),
    KeyRole.ADMIN: frozenset(Permission),
}

api_key_header = APIKeyHeader(
    name=API_KEY_HEADER_NAME,
    scheme_name="APIKey",
    description=(
        "An API key (`python -m app.cli keys create --role ROLE --name NAME`, or "
        "`POST /v1/keys` with an admin key). Roles: records_system, reviewer, "
        "policy_officer, auditor, admin (admin may do everything)."
    ),
    auto_error=False,
)

_PRINCIPAL = "principal"


def operation_of(request: Request) -> str:
    """Method and route template: never a raw path a caller made up."""
    route = request.scope.get("route")
    path = getattr(route, "path", None) or "(unmatched)"
    return f"{request.method} {path}"


def principal_of(request: Request) -> ApiKey | None:
    key = request.scope.get("state", {}).get(_PRINCIPAL)
    return key if isinstance(key, ApiKey) else None


def record_event(request: Request, draft: AuditDraft) -> AuditRecord:
    """Append an audit record for this request (sync: call it from a worker thread)."""
    store: AuditStore | None = getattr(request.app.state, "audit_store", None)
    if store is None:
        raise NotReady()
    record = store.append(draft)
    request.scope.setdefault("state", {})["audit_id"] = record.id
    return record


def _deny(request: Request, exc: RedactorError, actor: str | None) -> NoReturn:
    record_event(
        request,
        AuditDraft(
            status="refused",
            request=RequestInfo(),
            input=InputInfo(),
            error=ErrorInfo(code=exc.code),
            duration_ms=0,
            actor=actor,
            operation=operation_of(request),
        ),
    )
    raise exc


def check_access(request: Request, untrusted_key: str | None, permission: Permission) -> ApiKey:
    """The caller's key, if its role grants `permission`; else 401/403, audited (sync)."""
    state = request.scope.setdefault("state", {})
    key = state.get(_PRINCIPAL)
    if not isinstance(key, ApiKey):
        store: KeyStore | None = getattr(request.app.state, "key_store", None)
        if store is None:
            raise NotReady()
        found = store.authenticate(untrusted_key)
        if found is None:
            _deny(request, Unauthorized(), None)
        key = state[_PRINCIPAL] = found
    if permission not in GRANTS[key.role]:
        _deny(request, Forbidden(), key.name)
    return key


class RequirePermission:
    """Dependency: the caller's key, which must grant this permission."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    def __call__(
        self,
        request: Request,
        api_key: Annotated[str | None, Security(api_key_header)] = None,
    ) -> ApiKey:
        return check_access(request, api_key, self.permission)


def guard_of(dependant: Dependant) -> RequirePermission | None:
    for dep in dependant.dependencies:
        if isinstance(dep.call, RequirePermission):
            return dep.call
        inner = guard_of(dep)
        if inner is not None:
            return inner
    return None


class SecuredRoute(APIRoute):
    """Checks the key before the request body is read (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        guard = guard_of(self.dependant)
        if guard is None:
            return handle

        async def secured(request: Request) -> Response:
            await run_in_threadpool(
                check_access, request, request.headers.get(API_KEY_HEADER_NAME), guard.permission
            )
            return await handle(request)

        return secured


CanRedact = Annotated[ApiKey, Security(RequirePermission(Permission.REDACT))]
CanPreview = Annotated[ApiKey, Security(RequirePermission(Permission.PREVIEW))]
CanReadPolicies = Annotated[ApiKey, Security(RequirePermission(Permission.READ_POLICIES))]
CanEditPolicies = Annotated[ApiKey, Security(RequirePermission(Permission.EDIT_POLICIES))]
CanReadAudit = Annotated[ApiKey, Security(RequirePermission(Permission.READ_AUDIT))]
CanManageKeys = Annotated[ApiKey, Security(RequirePermission(Permission.MANAGE_KEYS))]
