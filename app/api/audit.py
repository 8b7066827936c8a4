"""The audit store, for auditors (role auditor).

GET /v1/audit          export: filtered, paged, JSON or CSV
GET /v1/audit/verify   recompute the hash chain, name the first broken link
GET /v1/audit/{id}     one record

The fixed paths are declared before `/{audit_id}`, which would otherwise take
"verify" for an id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.api.media import prefers_over_json
from app.audit import EXPORT_MAX_LIMIT
from app.audit_csv import COLUMNS, to_csv
from app.auth import CanReadAudit, SecuredRoute
from app.deps import AuditStoreDep
from app.schemas import AuditChainReport, AuditPage, AuditRecord, AuditStatus, BrokenLink, ErrorBody

router = APIRouter(prefix="/v1/audit", tags=["audit"], route_class=SecuredRoute)

CSV_MEDIA_TYPE = "text/csv"
# PostgreSQL refuses a NUL in a string: refuse it here, as a bad request, not a 503.
_NO_NUL = r"^[^\x00]*$"
_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "unauthorized: no valid key."},
    403: {"model": ErrorBody, "description": "forbidden: the key's role is not auditor."},
}
_UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {
        "model": ErrorBody,
        "description": "not_ready, or audit_unavailable: the audit store cannot be read.",
    },
}
_CSV_EXAMPLE = (
    ",".join(COLUMNS[:6])
    + ",...\r\n0b7e4d2c-6f0a-4c8e-9a51-2f3d8c9e1a47,2026-01-05T14:03:22.512000+00:00,"
    "completed,POST /v1/redactions,records-system,public,...\r\n"
)


def _next_link(request: Request, cursor: str) -> str:
    """This request's path and filters with the next cursor (a relative URL)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", cursor))
    return f"{request.url.path}?{urlencode(params)}"


@router.get(
    "",
    response_model=AuditPage,
    summary="Export audit records (JSON or CSV)",
    responses={
        200: {
            "description": (
                "One page of records, oldest first. JSON by default; CSV (one flat row per "
                "record) with `format=csv` or `Accept: text/csv`. Either way the `Link` "
                '(rel="next") and `X-Next-Cursor` headers point to the next page when there '
                "is one."
            ),
            "headers": {
                "Link": {
                    "description": 'The next page: `<url>; rel="next"`.',
                    "schema": {"type": "string"},
                },
                "X-Next-Cursor": {
                    "description": "The cursor of the next page.",
                    "schema": {"type": "string"},
                },
            },
            "content": {
                CSV_MEDIA_TYPE: {"schema": {"type": "string"}, "example": _CSV_EXAMPLE},
            },
        },
        **_AUTH_ERRORS,
        422: {
            "model": ErrorBody,
            "description": "invalid_request: a malformed date, cursor, limit or status.",
        },
        **_UNAVAILABLE,
    },
)
async def export_audit_records(
    request: Request,
    principal: CanReadAudit,
    store: AuditStoreDep,
    created_from: Annotated[
        datetime | None,
        Query(
            alias="from",
            description=(
                "Records written at or after this time (ISO 8601; without an offset, UTC)."
            ),
            examples=["2026-01-01T00:00:00Z"],
        ),
    ] = None,
    created_to: Annotated[
        datetime | None,
        Query(
            alias="to",
            description="Records written before this time (ISO 8601; without an offset, UTC).",
            examples=["2026-02-01T00:00:00Z"],
        ),
    ] = None,
    requester_type: Annotated[
        str | None,
        Query(
            description="Only requests of this requester type (policy id).",
            examples=["federal_immigration"],
            max_length=200,
            pattern=_NO_NUL,
        ),
    ] = None,
    request_id: Annotated[
        str | None,
        Query(
            description="Only records of this caller reference, e.g. a FOIA number.",
            examples=["FOIA-2026-0142"],
            max_length=200,
            pattern=_NO_NUL,
        ),
    ] = None,
    status: Annotated[
        AuditStatus | None,
        Query(description="Only records with this status.", examples=["refused"]),
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=EXPORT_MAX_LIMIT,
            description=f"Records per page (1 to {EXPORT_MAX_LIMIT}).",
            examples=[100],
        ),
    ] = 100,
    cursor: Annotated[
        str | None,
        Query(
            description=(
                "Where the page starts: the `next_cursor` of the page before "
                "(omit for the first page)."
            ),
            examples=["1412"],
            pattern=r"^[0-9]{1,18}$",
        ),
    ] = None,
    format: Annotated[
        Literal["json", "csv"] | None,
        Query(
            description="json or csv; overrides the Accept header.",
            examples=["csv"],
        ),
    ] = None,
) -> Response:
    """All audit records, or those matching every filter given, oldest first, a page at a
    time. Follow `next` (or pass `next_cursor` as `cursor`) until it is null; records
    written meanwhile appear on later pages, never twice.

    The CSV has fixed columns: the record's id, time, status, operation and actor; the
    caller's requester type, request id, requester, reference and release; the policy id,
    version and sha256; input and output hashes and sizes; the number of boxes and a
    `count_<CATEGORY>` column per category; the error code, verification counts, review,
    duration, engine and the record's `prev_hash` and `hash`. Like the records, it holds
    no removed text. A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so
    that a spreadsheet does not run it as a formula."""
    records, last_seq = await run_in_threadpool(
        lambda: store.export_page(
            after_seq=int(cursor) if cursor else 0,
            limit=limit,
            created_from=created_from,
            created_to=created_to,
            requester_type=requester_type,
            request_id=request_id,
            status=status,
        )
    )
    next_cursor = None if last_seq is None else str(last_seq)
    next_url = None if next_cursor is None else _next_link(request, next_cursor)
    headers = {"Cache-Control": "no-store"}
    if next_cursor is not None and next_url is not None:
        headers["Link"] = f'<{next_url}>; rel="next"'
        headers["X-Next-Cursor"] = next_cursor
    accept = request.headers.get("accept")
    as_csv = format == "csv" or (format is None and prefers_over_json(accept, CSV_MEDIA_TYPE))
    if as_csv:
        headers["Content-Disposition"] = 'attachment; filename="audit-export.csv"'
        return Response(
            to_csv(records), media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8", headers=headers
        )
    page = AuditPage(records=records, next_cursor=next_cursor, next=next_url)
    return JSONResponse(page.model_dump(mode="json"), headers=headers)


@router.get(
    "/verify",
    response_model=AuditChainReport,
    summary="Verify the audit hash chain",
    responses={
        200: {
            "description": (
                "Whether every record verifies; if not, the first broken one. A broken "
                "chain is a finding, not an error: the status is still 200."
            )
        },
        **_AUTH_ERRORS,
        **_UNAVAILABLE,
    },
)
async def verify_audit_chain(principal: CanReadAudit, store: AuditStoreDep) -> AuditChainReport:
    """Recomputes every record's SHA-256 from its content and checks that it names the
    hash of the record before it, oldest first, and that the indexed columns exports filter
    on agree with the record. An edited record breaks the chain at that record; a deleted
    one at the record after it. (Removing the newest records leaves an intact, shorter
    chain: compare `checked` with the count from an earlier check or export.)"""
    check = await run_in_threadpool(store.verify_chain)
    broken = (
        None
        if check.first_broken is None or check.first_broken_seq is None
        else BrokenLink(id=check.first_broken, seq=check.first_broken_seq)
    )
    return AuditChainReport(ok=check.ok, checked=check.records, first_broken=broken)


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
