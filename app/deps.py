"""Dependency aliases. The heavy objects live on `app.state`, built once in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.audit import AuditStore
from app.config import Settings
from app.db import Database
from app.keys import KeyStore
from app.policy_store import PolicyStore
from app.previews import PreviewStore
from app.redaction.errors import NotReady
from app.redaction.pipeline import RedactionEngine
from app.redaction.policy import PolicySet


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_policies(request: Request) -> PolicySet:
    policies: PolicySet = request.app.state.policies
    return policies


def get_database(request: Request) -> Database:
    database: Database | None = getattr(request.app.state, "database", None)
    if database is None:
        raise NotReady()
    return database


def get_audit_store(request: Request) -> AuditStore:
    store: AuditStore | None = getattr(request.app.state, "audit_store", None)
    if store is None:
        raise NotReady()
    return store


def get_policy_store(request: Request) -> PolicyStore:
    store: PolicyStore | None = getattr(request.app.state, "policy_store", None)
    if store is None:
        raise NotReady()
    return store


def get_key_store(request: Request) -> KeyStore:
    store: KeyStore | None = getattr(request.app.state, "key_store", None)
    if store is None:
        raise NotReady()
    return store


def get_preview_store(request: Request) -> PreviewStore:
    store: PreviewStore | None = getattr(request.app.state, "preview_store", None)
    if store is None:
        raise NotReady()
    return store


def get_engine(request: Request) -> RedactionEngine:
    engine: RedactionEngine | None = getattr(request.app.state, "engine", None)
    if engine is None:
        raise NotReady()
    return engine


SettingsDep = Annotated[Settings, Depends(get_settings)]
PoliciesDep = Annotated[PolicySet, Depends(get_policies)]
DatabaseDep = Annotated[Database, Depends(get_database)]
AuditStoreDep = Annotated[AuditStore, Depends(get_audit_store)]
EngineDep = Annotated[RedactionEngine, Depends(get_engine)]
PolicyStoreDep = Annotated[PolicyStore, Depends(get_policy_store)]
KeyStoreDep = Annotated[KeyStore, Depends(get_key_store)]
PreviewStoreDep = Annotated[PreviewStore, Depends(get_preview_store)]
