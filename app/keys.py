"""API keys: random secrets stored only as their SHA-256, each with a name and a role.

A key is `rdk_` plus 32 random bytes (URL-safe base64). With 256 bits of entropy
a plain SHA-256 is enough to store it: nothing can be guessed back from the
hash, and look-up by hash needs no per-key salt. The secret is returned once,
when the key is created, and never stored, logged or shown again.

The key's name is what the audit records as the actor, so active names are unique.
Revoked keys stay in the table (revoked_at set) so that old audit records still
name someone who can be looked up.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, String, Uuid, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, Database
from app.errors import KeyNameTaken, KeyNotFound
from app.redaction.errors import NotReady

logger = logging.getLogger("app.keys")

KEY_PREFIX = "rdk_"
_KEY_BYTES = 32
# Far longer than any key we issue; longer input is not hashed at all.
_MAX_KEY_CHARS = 200
# Key of the PostgreSQL advisory lock that serializes key creation ("REDKEYS").
_ADVISORY_LOCK_KEY = 0x5245444B455953
BOOTSTRAP_NAME = "admin"


class KeyRole(StrEnum):
    RECORDS_SYSTEM = "records_system"  # may redact
    REVIEWER = "reviewer"  # may redact and preview
    POLICY_OFFICER = "policy_officer"  # may read and edit policies, run dry-runs
    AUDITOR = "auditor"  # may read audit records (and the policy versions they name)
    ADMIN = "admin"  # manages keys; may do everything (see app/auth.py)


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(32))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key as stored: never the secret, never its hash."""

    id: str
    name: str
    role: KeyRole
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(_KEY_BYTES)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every time we store is UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(
        id=str(row.id),
        name=row.name,
        role=KeyRole(row.role),
        created_at=_aware(row.created_at) or datetime.now(UTC),
        created_by=row.created_by,
        revoked_at=_aware(row.revoked_at),
        revoked_by=row.revoked_by,
    )


class KeyStore:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._lock = threading.Lock()

    def _serialize(self, session: Session) -> None:
        if self._db.backend == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})

    def create(self, *, name: str, role: KeyRole, created_by: str) -> tuple[ApiKey, str]:
        """A new key and its secret. The secret is not kept: show it once."""
        secret = new_secret()
        row = ApiKeyRow(
            id=uuid.uuid4(),
            name=name,
            role=KeyRole(role).value,
            key_hash=hash_key(secret),
            created_at=datetime.now(UTC),
            created_by=created_by,
        )
        try:
            with self._lock, self._db.session(write_lock=True) as session:
                self._serialize(session)
                taken = session.scalar(
                    select(ApiKeyRow.id).where(
                        ApiKeyRow.name == name, ApiKeyRow.revoked_at.is_(None)
                    )
                )
                if taken is not None:
                    raise KeyNameTaken()
                session.add(row)
                session.flush()
                key = _key(row)
        except SQLAlchemyError as exc:
            logger.error("key store write failed: %s", type(exc).__name__)
            raise NotReady() from None
        return key, secret

    def ensure_bootstrap_admin(self) -> tuple[ApiKey, str] | None:
        """On a store with no active key, create one admin key (and return its secret)."""
        secret = new_secret()
        with self._lock, self._db.session(write_lock=True) as session:
            self._serialize(session)
            active = session.scalar(select(ApiKeyRow.id).where(ApiKeyRow.revoked_at.is_(None)))
            if active is not None:
                return None
            row = ApiKeyRow(
                id=uuid.uuid4(),
                name=BOOTSTRAP_NAME,
                role=KeyRole.ADMIN.value,
                key_hash=hash_key(secret),
                created_at=datetime.now(UTC),
                created_by="first start",
            )
            session.add(row)
            session.flush()
            key = _key(row)
        return key, secret

    def authenticate(self, untrusted_secret: str | None) -> ApiKey | None:
        """The active key this secret belongs to, or None. Never raises for a bad secret."""
        if (
            not untrusted_secret
            or len(untrusted_secret) > _MAX_KEY_CHARS
            or not untrusted_secret.startswith(KEY_PREFIX)
        ):
            return None
        digest = hash_key(untrusted_secret)
        try:
            with self._db.session() as session:
                row = session.scalar(
                    select(ApiKeyRow).where(
                        ApiKeyRow.key_hash == digest, ApiKeyRow.revoked_at.is_(None)
                    )
                )
                key = None if row is None else _key(row)
        except SQLAlchemyError as exc:
            logger.error("key store read failed: %s", type(exc).__name__)
            raise NotReady() from None
        return key

    def all_keys(self, *, include_revoked: bool = True) -> Sequence[ApiKey]:
        stmt = select(ApiKeyRow).order_by(ApiKeyRow.created_at, ApiKeyRow.name)
        if not include_revoked:
            stmt = stmt.where(ApiKeyRow.revoked_at.is_(None))
        with self._db.session() as session:
            return [_key(r) for r in session.scalars(stmt).all()]

    def revoke(self, id_or_name: str, *, revoked_by: str) -> ApiKey:
        """Revoke the active key with this id (or, failing that, this name)."""
        try:
            key_id: uuid.UUID | None = uuid.UUID(id_or_name)
        except ValueError:
            key_id = None
        with self._lock, self._db.session(write_lock=True) as session:
            active = ApiKeyRow.revoked_at.is_(None)
            row = None
            if key_id is not None:
                row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.id == key_id, active))
            if row is None:
                row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.name == id_or_name, active))
            if row is None:
                raise KeyNotFound()
            row.revoked_at = datetime.now(UTC)
            row.revoked_by = revoked_by
            session.flush()
            return _key(row)
