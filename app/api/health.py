"""Liveness and readiness."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from app.redaction.errors import NotReady
from app.schemas import ErrorBody, Health

router = APIRouter(tags=["health"])
logger = logging.getLogger("app.health")


@router.get(
    "/healthz",
    response_model=Health,
    summary="Liveness",
    responses={500: {"model": ErrorBody, "description": "internal_error: the process is failing."}},
)
async def healthz() -> Health:
    """200 while the process runs."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness",
    responses={
        503: {
            "model": ErrorBody,
            "description": "not_ready: model, policies or database not ready.",
        }
    },
)
async def readyz(request: Request) -> Health:
    """200 only when the model is loaded, the policies are valid and the database answers."""
    state = request.app.state
    checks = {
        "model": getattr(state, "engine", None) is not None,
        "policies": bool(getattr(state, "policies", None) and state.policies.ids()),
        "database": False,
    }
    database = getattr(state, "database", None)
    if database is not None:
        try:
            await run_in_threadpool(database.ping)
            checks["database"] = True
        except Exception as exc:
            logger.warning("readiness: database ping failed (%s)", type(exc).__name__)
    if not all(checks.values()):
        logger.info("not ready: %s", ", ".join(k for k, ok in checks.items() if not ok))
        raise NotReady()
    return Health(status="ready", checks=checks)
