"""Previews: see every proposed redaction before release, correct it, then release.

- `POST /v1/redactions/preview` takes the fields of `POST /v1/redactions` and returns
  each value the policy decided on (redact and keep), with its original text, and a
  `preview_id`. Nothing is burnt in.
- `GET /v1/previews/{preview_id}` returns that again; `.../pages/{n}.png` draws the
  proposal on a page; `.../marked.pdf` is the original marked for redaction.
- `POST /v1/previews/{preview_id}/release` applies the proposal with the reviewer's
  changes and answers exactly as `POST /v1/redactions` does.

Only roles with the `preview` permission (reviewer, admin) may use them, since the
original text is shown; a preview is visible to the key that made it (and admin).
Previews live in memory only (app/previews.py). The original text is never stored,
logged or audited: the audit records the preview (hash, policy, counts) and the
release (boxes, codes, and each reviewer change with its justification).
"""

# No `from __future__ import annotations`: the endpoints' annotations refer to `ids`,
# a local of build_router, which FastAPI could not resolve from strings.
import hashlib
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.api.redactions import (
    FORM_LIMITS,
    PDF_MEDIA_TYPE,
    UPLOAD_ERRORS,
    AuditedRoute,
    PdfUpload,
    RedactionLogForm,
    ReferenceForm,
    ReleaseForm,
    RequesterForm,
    RequestIdForm,
    audit_context,
    pdf_response,
    read_upload,
    requester_type_form,
    respond_with_document,
)
from app.audit import cap_caller_field
from app.auth import CanPreview, SecuredRoute, operation_of, record_event
from app.deps import AuditStoreDep, EngineDep, PolicyStoreDep, PreviewStoreDep, SettingsDep
from app.keys import ApiKey, KeyRole
from app.previews import PreviewStore, StoredPreview
from app.redaction.errors import EmptyFile, PreviewPageNotFound
from app.redaction.pipeline import RedactionOutcome
from app.redaction.preview_render import MAX_ZOOM, MIN_ZOOM
from app.redaction.review import AddRedaction, AppliedChange, RemoveItem, Review, ReviewChange
from app.redaction.types import Action, Rect, Role
from app.schemas import (
    PREVIEW_ID_EXAMPLE,
    AddChange,
    AuditDraft,
    ChangeBox,
    EngineInfo,
    ErrorBody,
    InputInfo,
    PolicyInfo,
    PreviewResponse,
    ProposedRedaction,
    RedactionResponse,
    ReleaseRequest,
    RemoveChange,
    RequestInfo,
    ReviewChangeInfo,
    ReviewInfo,
)

PNG_MEDIA_TYPE = "image/png"
_NO_STORE = {"Cache-Control": "no-store"}

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "unauthorized: no valid key in X-API-Key."},
    403: {
        "model": ErrorBody,
        "description": "forbidden: the key's role may not preview (reviewer and admin may).",
    },
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {
        "model": ErrorBody,
        "description": (
            "preview_not_found: no preview with that id for this key (expired, released, "
            "or made with another key); page_not_found for a page the document lacks."
        ),
    },
    422: {"model": ErrorBody, "description": "invalid_request: a parameter is malformed."},
}
_RENDER_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorBody, "description": "invalid_request: `zoom` out of range."},
    500: {"model": ErrorBody, "description": "redaction_failed: the page could not be drawn."},
    503: {"model": ErrorBody, "description": "not_ready."},
}

PreviewId = Annotated[
    str,
    Path(
        description="The `preview_id` returned by `POST /v1/redactions/preview`.",
        examples=[PREVIEW_ID_EXAMPLE],
        max_length=64,
    ),
]


def _role(role: Role) -> str | None:
    return None if role is Role.UNKNOWN else role.value


def _box(values: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(values[0], 2), round(values[1], 2), round(values[2], 2), round(values[3], 2))


def _find(previews: PreviewStore, preview_id: str, principal: ApiKey) -> StoredPreview:
    return previews.get(preview_id, key_id=principal.id, admin=principal.role is KeyRole.ADMIN)


def _preview_body(request: Request, preview: StoredPreview) -> PreviewResponse:
    root = f"{request.scope.get('root_path', '')}/v1/previews/{preview.id}"
    proposal = preview.proposal
    items = []
    for n, d in enumerate(proposal.decisions, 1):
        f = d.finding
        boxes = [_box(b.as_tuple()) for b in f.boxes]
        enclosing = Rect.enclosing(f.boxes).as_tuple() if f.boxes else (0.0, 0.0, 0.0, 0.0)
        items.append(
            ProposedRedaction(
                item=n,
                page=f.page + 1,
                bbox=_box(enclosing),
                boxes=boxes,
                category=f.category,
                role=None if f.role is Role.UNKNOWN else f.role,
                text=f.text,
                detector=f.detector,
                score=round(float(f.score), 4),
                rule=d.rule,
                code=d.code,
                basis=d.basis,
                action=d.action,
            )
        )
    redacted = Counter(d.finding.category.value for d in proposal.redactions())
    kept = Counter(d.finding.category.value for d in proposal.decisions if d.action is Action.KEEP)
    return PreviewResponse(
        preview_id=preview.id,
        expires_at=preview.expires_at,
        pages=proposal.pages,
        policy=preview.policy_info,
        request=preview.request,
        withheld=proposal.juvenile,
        redaction_log=preview.redaction_log or preview.policy.redaction_log,
        items=items,
        counts=dict(sorted(redacted.items())),
        kept=dict(sorted(kept.items())),
        page_images=[f"{root}/pages/{n}.png" for n in range(1, proposal.pages + 1)],
        marked_pdf=f"{root}/marked.pdf",
        release=f"{root}/release",
    )


def _json(body: PreviewResponse) -> JSONResponse:
    # The body holds the original text: no cache may keep it.
    return JSONResponse(body.model_dump(mode="json"), headers=_NO_STORE)


def _to_domain(change: RemoveChange | AddChange) -> ReviewChange:
    if isinstance(change, RemoveChange):
        return RemoveItem(item=change.item, justification=change.justification)
    return AddRedaction(
        category=change.category,
        role=change.role or Role.UNKNOWN,
        justification=change.justification,
        page=None if change.page is None else change.page - 1,
        rect=None if change.rect is None else Rect(*change.rect),
        text=change.text,
    )


def _requested(
    preview: StoredPreview, body: ReleaseRequest, reviewer: str
) -> list[ReviewChangeInfo]:
    """The changes as asked, for the audit record of a release that fails."""
    out = []
    decisions = preview.proposal.decisions
    for change in body.changes:
        if isinstance(change, RemoveChange):
            info = ReviewChangeInfo(
                change="remove",
                located_by="item",
                item=change.item,
                category="unknown",
                reviewer=reviewer,
                justification=change.justification,
                boxes=[],
            )
            if change.item <= len(decisions):
                f = decisions[change.item - 1].finding
                info = info.model_copy(
                    update={
                        "category": f.category.value,
                        "role": _role(f.role),
                        "boxes": [
                            ChangeBox(page=f.page + 1, bbox=_box(b.as_tuple())) for b in f.boxes
                        ],
                    }
                )
            out.append(info)
            continue
        boxes = []
        if change.text is None and change.page is not None and change.rect is not None:
            boxes = [ChangeBox(page=change.page, bbox=_box(change.rect))]
        out.append(
            ReviewChangeInfo(
                change="add",
                located_by="rect" if change.text is None else "text",
                category=change.category.value,
                role=None if change.role is None else _role(change.role),
                reviewer=reviewer,
                justification=change.justification,
                boxes=boxes,
            )
        )
    return out


def _applied(changes: tuple[AppliedChange, ...], reviewer: str) -> list[ReviewChangeInfo]:
    return [
        ReviewChangeInfo(
            change=c.change,
            located_by=c.located_by,
            item=c.item,
            category=c.category.value,
            role=_role(c.role),
            reviewer=reviewer,
            justification=c.justification,
            boxes=[ChangeBox(page=p + 1, bbox=_box(b.as_tuple())) for p, b in c.boxes],
        )
        for c in changes
    ]


def build_routers(policy_ids: list[str]) -> list[APIRouter]:
    """The preview endpoints; `requester_type` is documented as an enum of the policy ids.

    Two routers: the POSTs take an upload or release a document, and are audited like
    `POST /v1/redactions` (AuditedRoute); the GETs only show a preview (SecuredRoute).
    """
    ids = list(policy_ids)
    audited = APIRouter(prefix="/v1", tags=["previews"], route_class=AuditedRoute)
    viewing = APIRouter(prefix="/v1/previews", tags=["previews"], route_class=SecuredRoute)

    @audited.post(
        "/redactions/preview",
        summary="Preview the redactions, with the original text, before release",
        response_model=PreviewResponse,
        responses={
            200: {
                "description": (
                    "Every value the policy decided on, its text, and a `preview_id` to look "
                    "at the pages and to release. Nothing was burnt in yet."
                )
            },
            **UPLOAD_ERRORS,
            **_AUTH_ERRORS,
        },
        form_limits=FORM_LIMITS,
    )
    async def create_preview(
        request: Request,
        principal: CanPreview,
        engine: EngineDep,
        store: AuditStoreDep,
        policies: PolicyStoreDep,
        previews: PreviewStoreDep,
        settings: SettingsDep,
        file: PdfUpload,
        requester_type: Annotated[str, requester_type_form(ids)],
        request_id: RequestIdForm = None,
        requester: RequesterForm = None,
        reference: ReferenceForm = None,
        release: ReleaseForm = None,
        redaction_log: RedactionLogForm = None,
    ) -> Response:
        """Takes the same fields as `POST /v1/redactions`, finds and decides exactly as it
        does, and stops before anything is burnt in. Each item is one value: page, boxes,
        category, role, **the original text**, detector, score, the rule, its code and legal
        basis, and whether it will be redacted or kept.

        Look at the pages at `page_images` (boxes outlined in a colour per category,
        labelled `#item code`; kept values dashed) or download `marked_pdf`, then
        `POST` your changes to `release`. The preview is kept in memory only, for
        `REDACTOR_PREVIEW_TTL_SECONDS` (15 minutes by default), and only your key (or an
        admin key) can see it. The original text is never stored or logged; the audit
        record notes the preview without it.
        """
        context = audit_context(request)
        context.actor = principal.name
        context.operation = operation_of(request)
        context.request = RequestInfo(
            request_id=cap_caller_field(request_id),
            requester_type=cap_caller_field(requester_type),
            requester=cap_caller_field(requester),
            reference=cap_caller_field(reference),
            release=cap_caller_field(release),
            redaction_log=redaction_log,
        )
        context.engine = EngineInfo.model_validate(engine.engine_info())
        untrusted_pdf = await read_upload(file, settings.max_upload_bytes)
        digest = hashlib.sha256(untrusted_pdf).hexdigest()
        context.input = InputInfo(sha256=digest, bytes=len(untrusted_pdf))
        if not untrusted_pdf:
            raise EmptyFile()
        stored = await run_in_threadpool(policies.current, requester_type)
        context.policy = PolicyInfo(id=stored.id, version=stored.version, sha256=stored.sha256)
        policy = stored.policy.admit(reference=reference, release=[release] if release else [])

        proposal = await run_in_threadpool(engine.propose, untrusted_pdf, policy)

        preview = previews.add(
            owner_key_id=principal.id,
            owner_name=principal.name,
            request=context.request,
            policy=policy,
            policy_info=context.policy,
            input_sha256=digest,
            redaction_log=bool(redaction_log),
            document=untrusted_pdf,
            proposal=proposal,
        )
        redacted = proposal.redactions()
        draft = AuditDraft(
            status="completed",
            request=context.request,
            input=context.input.model_copy(update={"pages": proposal.pages}),
            policy=context.policy,
            engine=context.engine,
            counts=dict(sorted(Counter(d.finding.category.value for d in redacted).items())),
            duration_ms=context.elapsed_ms(),
            actor=principal.name,
            operation=context.operation,
            subject={
                "preview_id": preview.id,
                "proposed_redactions": len(redacted),
                "proposed_kept": len(proposal.decisions) - len(redacted),
                "withheld": int(proposal.juvenile),
            },
        )
        context.recorded = True
        try:
            await run_in_threadpool(record_event, request, draft)
        except Exception:
            previews.discard(preview.id)  # no audit record, no preview
            raise
        return _json(_preview_body(request, preview))

    @viewing.get(
        "/{preview_id}",
        summary="Show a preview again",
        response_model=PreviewResponse,
        responses={**_AUTH_ERRORS, **_NOT_FOUND},
    )
    async def get_preview(
        preview_id: PreviewId, request: Request, principal: CanPreview, previews: PreviewStoreDep
    ) -> Response:
        """The same body `POST /v1/redactions/preview` returned, while the preview lasts."""
        return _json(_preview_body(request, _find(previews, preview_id, principal)))

    @viewing.get(
        "/{preview_id}/pages/{page}.png",
        summary="A page with the proposed boxes drawn on it",
        response_class=Response,
        responses={
            200: {
                "description": (
                    "The page as PNG: each proposed redaction outlined in its category's "
                    "colour and labelled `#item code`; kept values outlined dashed."
                ),
                "content": {PNG_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            },
            **_AUTH_ERRORS,
            **_NOT_FOUND,
            **_RENDER_ERRORS,
        },
    )
    async def get_page_image(
        preview_id: PreviewId,
        page: Annotated[int, Path(ge=1, description="1-based page number.", examples=[1])],
        principal: CanPreview,
        engine: EngineDep,
        previews: PreviewStoreDep,
        zoom: Annotated[
            float,
            Query(
                ge=MIN_ZOOM,
                le=MAX_ZOOM,
                description="Scale: 1 is 72 dpi, 1.5 is 108 dpi, 2 is 144 dpi.",
                examples=[1.5],
            ),
        ] = 1.5,
    ) -> Response:
        """Renders the original page (nothing removed) and draws the proposal on it, so that
        a reviewer can check each box. The image shows the original text: it is sent with
        `Cache-Control: no-store`."""
        preview = _find(previews, preview_id, principal)
        if page > preview.proposal.pages:
            raise PreviewPageNotFound()
        png = await run_in_threadpool(
            engine.preview_png, preview.document, preview.proposal, page - 1, zoom
        )
        return Response(png, media_type=PNG_MEDIA_TYPE, headers=_NO_STORE)

    @viewing.get(
        "/{preview_id}/marked.pdf",
        summary="The original marked for redaction (annotations not applied)",
        response_class=Response,
        responses={
            200: {
                "description": (
                    "The original PDF with a redaction annotation on each proposed box "
                    "(not applied: the text is still there) and a dashed rectangle on each "
                    "kept value; any PDF viewer shows them."
                ),
                "content": {PDF_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            },
            **_AUTH_ERRORS,
            **_NOT_FOUND,
            500: {"model": ErrorBody, "description": "redaction_failed."},
            503: {"model": ErrorBody, "description": "not_ready."},
        },
    )
    async def get_marked_pdf(
        preview_id: PreviewId, principal: CanPreview, engine: EngineDep, previews: PreviewStoreDep
    ) -> Response:
        """ "Mark for redaction", as in a desktop PDF editor: each annotation carries the item
        number, category, code and rule. **This file is the unredacted original**: it is for
        the reviewer, never for the requester."""
        preview = _find(previews, preview_id, principal)
        pdf = await run_in_threadpool(engine.preview_marked_pdf, preview.document, preview.proposal)
        headers = {
            **_NO_STORE,
            "Content-Disposition": 'inline; filename="marked-for-redaction.pdf"',
        }
        return Response(pdf, media_type=PDF_MEDIA_TYPE, headers=headers)

    @audited.post(
        "/previews/{preview_id}/release",
        summary="Release the previewed document, with the reviewer's changes",
        response_model=RedactionResponse,
        responses={
            200: pdf_response(
                "As `POST /v1/redactions`: the redacted PDF with its audit record (JSON), "
                "or the PDF itself with `Accept: application/pdf`. The audit record's "
                "`review` lists each change."
            ),
            **_AUTH_ERRORS,
            **_NOT_FOUND,
            422: {
                "model": ErrorBody,
                "description": (
                    "invalid_change: a change does not fit the preview (`error.details` names "
                    "each, e.g. `changes.0.item`: no proposed item has this number; "
                    "`changes.1.text`: was not found in the document); invalid_request for "
                    "a malformed body. Nothing is released; the preview stays."
                ),
            },
            500: {
                "model": ErrorBody,
                "description": (
                    "verification_failed: the changed document failed verification and was "
                    "withheld (for example a removed box whose text is still under another "
                    "box); the preview stays, so the changes can be corrected. "
                    "redaction_failed or internal_error."
                ),
            },
            503: {"model": ErrorBody, "description": "not_ready or audit_unavailable."},
        },
    )
    async def release_preview(
        preview_id: PreviewId,
        body: ReleaseRequest,
        request: Request,
        principal: CanPreview,
        engine: EngineDep,
        store: AuditStoreDep,
        previews: PreviewStoreDep,
    ) -> Response:
        """Applies the proposal the preview showed, with your changes, checks the output and
        records the request; the response is exactly that of `POST /v1/redactions`.

        - `{"change": "remove", "item": N, "justification": ...}` releases proposed item N
          (that one mention; other mentions of the same text stay redacted).
        - `{"change": "add", "category": ..., "page": P, "rect": [x0, y0, x1, y1],
          "justification": ...}` removes everything under the rectangle; with `"text": ...`
          instead of page and rect, every mention of the text in the document is removed.

        Verification still runs: a document in which a still-redacted value can be read is
        not released. A value you release on purpose is not a failure, but it must not be
        readable more often than the mentions you released. The audit record lists each
        change with your key's name, your justification and the category, never the text.
        Without changes, the result is what `POST /v1/redactions` gives for the same file.
        A released preview is deleted.
        """
        context = audit_context(request)
        context.actor = principal.name
        context.operation = operation_of(request)
        context.engine = EngineInfo.model_validate(engine.engine_info())
        preview = _find(previews, preview_id, principal)
        log = body.redaction_log if body.redaction_log is not None else preview.redaction_log
        context.request = preview.request.model_copy(update={"redaction_log": log})
        context.input = InputInfo(sha256=preview.input_sha256, bytes=len(preview.document))
        context.policy = preview.policy_info
        context.subject = {"preview_id": preview.id}
        context.review = ReviewInfo(
            preview_id=preview.id,
            previewed_by=preview.owner_name,
            reviewer=principal.name,
            changes=_requested(preview, body, principal.name),
        )
        changes = [_to_domain(c) for c in body.changes]

        def release() -> tuple[RedactionOutcome, Review]:
            return engine.release(
                preview.document, preview.policy, preview.proposal, changes, redaction_log=log
            )

        outcome, reviewed = await run_in_threadpool(release)
        context.review = context.review.model_copy(
            update={"changes": _applied(reviewed.changes, principal.name)}
        )
        context.recorded = True
        record = await run_in_threadpool(store.append, context.completed(outcome))
        request.scope["state"]["audit_id"] = record.id
        previews.discard(preview.id)
        return respond_with_document(request, record, outcome.document)

    return [audited, viewing]
