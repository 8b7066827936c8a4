"""The policy store: every version of every policy, immutable, in the audit database.

A version is a row that is only ever inserted: its content (the exact YAML or
JSON text), the SHA-256 of that text, its author (the API key's name), a reason,
its creation time and the protected categories its author confirmed releasing.
The current version of a policy is the one with the highest number.

On an empty database the YAML files of `redaction_policies/` seed the store (a
file whose policy id the store does not know yet is seeded too, so a requester
type added to the files appears after a restart). After that the database is the
source of truth: a file that differs from the stored current version is reported
in the log and not applied; changes go through `PUT /v1/policies/{id}`.

Each stored version is checked when it is loaded: its text must still hash to
the stored SHA-256 and still pass validation, or nothing is processed under it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import yaml
from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, Database
from app.errors import PolicyStoreCorrupt, PolicyVersionConflict, PolicyVersionNotFound
from app.redaction.errors import (
    ConfirmationRequired,
    NotReady,
    PolicyNotFound,
    PolicyRejected,
    Problem,
    UnknownRequesterType,
)
from app.redaction.policy import Policy, PolicySet, parse_policy
from app.redaction.policy_review import (
    PolicyDiff,
    Weakening,
    diff_policies,
    unconfirmed,
    weakenings,
)

logger = logging.getLogger("app.policy_store")

SEED_AUTHOR = "seed"
MAX_CONTENT_CHARS = 256 * 1024
MIN_REASON_CHARS = 3
# Key of the PostgreSQL advisory lock that serializes publishing ("REDPOLS").
_ADVISORY_LOCK_KEY = 0x524544504F4C53


class PolicyVersionRow(Base):
    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("policy_id", "version", name="uq_policy_versions"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    policy_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    author: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    confirmed_weakening: Mapped[list[str]] = mapped_column(JSON)


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    policy: Policy
    author: str
    reason: str
    created_at: datetime
    confirmed_weakening: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.policy.id

    @property
    def version(self) -> int:
        return self.policy.version

    @property
    def sha256(self) -> str:
        return self.policy.sha256


@dataclass(frozen=True, slots=True)
class Review:
    """A proposed version checked against the current one, without storing anything."""

    current: StoredPolicy
    policy: Policy | None  # None when it does not parse
    problems: tuple[Problem, ...]  # parse and reason problems
    version_ok: bool
    weakenings: tuple[Weakening, ...] = ()
    unconfirmed: tuple[Weakening, ...] = ()
    diff: PolicyDiff | None = None
    all_problems: tuple[Problem, ...] = field(default=())

    @property
    def next_version(self) -> int:
        return self.current.version + 1

    @property
    def valid(self) -> bool:
        return not self.all_problems


def content_text(content: str | dict[str, Any]) -> str:
    """The text stored for a proposal: as sent, or a JSON object written out as YAML."""
    if isinstance(content, str):
        return content
    return yaml.safe_dump(content, sort_keys=False, allow_unicode=True)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _weakening_problems(found: Sequence[Weakening]) -> list[Problem]:
    return [
        Problem(
            "confirm_weakening",
            f"the change releases {w.category.value} (roles: {', '.join(r.value for r in w.roles)}"
            f"{'; requests may name it' if w.via_named_release else ''}); "
            f"list {w.category.value} in confirm_weakening to confirm",
        )
        for w in found
    ]


class PolicyStore:
    def __init__(
        self, database: Database, *, on_change: Callable[[PolicySet], None] | None = None
    ) -> None:
        self._db = database
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, int, str], StoredPolicy] = {}
        self._on_change = on_change

    # -- loading -------------------------------------------------------------------------

    def _load(self, row: PolicyVersionRow) -> StoredPolicy:
        key = (row.policy_id, row.version, row.sha256)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            policy = parse_policy(row.content, expected_id=row.policy_id)
        except PolicyRejected:
            policy = None
        if policy is None or policy.version != row.version or policy.sha256 != row.sha256:
            logger.critical(
                "policy %s version %d failed its integrity check", row.policy_id, row.version
            )
            raise PolicyStoreCorrupt()
        stored = StoredPolicy(
            policy=policy,
            author=row.author,
            reason=row.reason,
            created_at=_aware(row.created_at),
            confirmed_weakening=tuple(row.confirmed_weakening or ()),
        )
        self._cache[key] = stored
        return stored

    @staticmethod
    def _latest(session: Session, policy_id: str) -> PolicyVersionRow | None:
        return session.scalar(
            select(PolicyVersionRow)
            .where(PolicyVersionRow.policy_id == policy_id)
            .order_by(PolicyVersionRow.version.desc())
            .limit(1)
        )

    def _serialize(self, session: Session) -> None:
        if self._db.backend == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})

    # -- seeding -------------------------------------------------------------------------

    def seed(self, files: PolicySet) -> list[str]:
        """Store each file whose policy id the store does not know; return those ids."""
        seeded: list[str] = []
        with self._lock, self._db.session(write_lock=True) as session:
            self._serialize(session)
            known = set(session.scalars(select(PolicyVersionRow.policy_id).distinct()).all())
            for policy in files.all():
                if policy.id in known:
                    continue
                session.add(
                    PolicyVersionRow(
                        policy_id=policy.id,
                        version=policy.version,
                        content=policy.content,
                        sha256=policy.sha256,
                        author=SEED_AUTHOR,
                        reason=f"Seeded from the policy file {policy.source}",
                        created_at=datetime.now(UTC),
                        confirmed_weakening=[],
                    )
                )
                seeded.append(policy.id)
        for policy in files.all():
            if policy.id in seeded:
                continue
            current = self.current(policy.id)
            if current.sha256 != policy.sha256:
                logger.warning(
                    "policy file %s differs from stored version %d of %s; the stored version "
                    "is in force (change it with PUT /v1/policies/%s)",
                    policy.source,
                    current.version,
                    policy.id,
                    policy.id,
                )
        return seeded

    # -- reading -------------------------------------------------------------------------

    def ids(self) -> list[str]:
        with self._db.session() as session:
            return sorted(session.scalars(select(PolicyVersionRow.policy_id).distinct()).all())

    def current(self, policy_id: str) -> StoredPolicy:
        """The version in force. Raises UnknownRequesterType for an unknown id.

        Asked on every request, so a version published by another process (another
        worker) is in force here for the next request too.
        """
        try:
            with self._db.session() as session:
                head = session.execute(
                    select(PolicyVersionRow.version, PolicyVersionRow.sha256)
                    .where(PolicyVersionRow.policy_id == policy_id)
                    .order_by(PolicyVersionRow.version.desc())
                    .limit(1)
                ).first()
                if head is None:
                    raise UnknownRequesterType()
                cached = self._cache.get((policy_id, head[0], head[1]))
                if cached is not None:
                    return cached
                row = self._latest(session, policy_id)
                assert row is not None
                return self._load(row)
        except SQLAlchemyError as exc:
            logger.error("policy store read failed: %s", type(exc).__name__)
            raise NotReady() from None

    def current_all(self) -> list[StoredPolicy]:
        return [self.current(i) for i in self.ids()]

    def policy_set(self) -> PolicySet:
        return PolicySet([s.policy for s in self.current_all()])

    def versions(self, policy_id: str) -> list[StoredPolicy]:
        with self._db.session() as session:
            rows = session.scalars(
                select(PolicyVersionRow)
                .where(PolicyVersionRow.policy_id == policy_id)
                .order_by(PolicyVersionRow.version)
            ).all()
            if not rows:
                raise PolicyNotFound()
            return [self._load(r) for r in rows]

    def version(self, policy_id: str, number: int) -> StoredPolicy:
        with self._db.session() as session:
            row = session.scalar(
                select(PolicyVersionRow).where(
                    PolicyVersionRow.policy_id == policy_id, PolicyVersionRow.version == number
                )
            )
            if row is None:
                if self._latest(session, policy_id) is None:
                    raise PolicyNotFound()
                raise PolicyVersionNotFound()
            return self._load(row)

    def previous(self, policy_id: str, number: int) -> StoredPolicy:
        """The version just before `number` (versions need not be consecutive)."""
        with self._db.session() as session:
            row = session.scalar(
                select(PolicyVersionRow)
                .where(PolicyVersionRow.policy_id == policy_id, PolicyVersionRow.version < number)
                .order_by(PolicyVersionRow.version.desc())
                .limit(1)
            )
            if row is None:
                raise PolicyVersionNotFound()
            return self._load(row)

    # -- proposing and publishing --------------------------------------------------------

    def _review(
        self,
        current: StoredPolicy,
        content: str,
        confirm: Sequence[str],
        reason: str | None,
        *,
        need_reason: bool,
    ) -> Review:
        problems: list[Problem] = []
        policy: Policy | None = None
        if len(content) > MAX_CONTENT_CHARS:
            problems.append(Problem("content", f"at most {MAX_CONTENT_CHARS} characters"))
        else:
            try:
                policy = parse_policy(content, expected_id=current.id)
            except PolicyRejected as exc:
                problems.extend(exc.problems)
        if need_reason and len((reason or "").strip()) < MIN_REASON_CHARS:
            problems.append(Problem("reason", "say why the policy changes (3 characters or more)"))
        if policy is None:
            return Review(current, None, tuple(problems), False, all_problems=tuple(problems))
        version_ok = policy.version == current.version + 1
        found = weakenings(current.policy, policy)
        missing = unconfirmed(found, confirm)
        all_problems = list(problems)
        if not version_ok:
            all_problems.append(
                Problem(
                    "version",
                    f"must be {current.version + 1}, the next version "
                    f"(the current version is {current.version})",
                )
            )
        all_problems.extend(_weakening_problems(missing))
        return Review(
            current=current,
            policy=policy,
            problems=tuple(problems),
            version_ok=version_ok,
            weakenings=tuple(found),
            unconfirmed=tuple(missing),
            diff=diff_policies(current.policy, policy),
            all_problems=tuple(all_problems),
        )

    def review(
        self,
        policy_id: str,
        content: str | dict[str, Any],
        *,
        confirm: Sequence[str] = (),
        reason: str | None = None,
    ) -> Review:
        """Validate a proposal against the current version; store nothing."""
        current = self._current_or_404(policy_id)
        return self._review(current, content_text(content), confirm, reason, need_reason=False)

    def _current_or_404(self, policy_id: str) -> StoredPolicy:
        try:
            return self.current(policy_id)
        except UnknownRequesterType:
            raise PolicyNotFound() from None

    def publish(
        self,
        policy_id: str,
        content: str | dict[str, Any],
        *,
        author: str,
        reason: str | None,
        confirm: Sequence[str] = (),
    ) -> StoredPolicy:
        """Store a new version; it is in force for the next request."""
        text_content = content_text(content)
        try:
            with self._lock, self._db.session(write_lock=True) as session:
                self._serialize(session)
                row = self._latest(session, policy_id)
                if row is None:
                    raise PolicyNotFound()
                review = self._review(
                    self._load(row), text_content, confirm, reason, need_reason=True
                )
                if review.problems or review.policy is None:
                    raise PolicyRejected(review.problems)
                if not review.version_ok:
                    raise PolicyVersionConflict()
                if review.unconfirmed:
                    raise ConfirmationRequired(_weakening_problems(review.unconfirmed))
                policy = review.policy
                new_row = PolicyVersionRow(
                    policy_id=policy_id,
                    version=policy.version,
                    content=policy.content,
                    sha256=policy.sha256,
                    author=author,
                    reason=(reason or "").strip(),
                    created_at=datetime.now(UTC),
                    confirmed_weakening=[w.category.value for w in review.weakenings],
                )
                session.add(new_row)
                session.flush()
                stored = self._load(new_row)
        except IntegrityError:
            raise PolicyVersionConflict() from None
        logger.info("policy %s version %d published", policy_id, stored.version)
        if self._on_change is not None:
            self._on_change(self.policy_set())
        return stored
