"""Previews awaiting review: in this process's memory only, for a short time.

A preview holds what a reviewer needs to look at and then release a document:
the uploaded PDF (release applies the proposal to it) and the proposal, with
the text of every proposed value. That is the unredacted record, so it is never
written anywhere: not to disk, the database, a log or the audit record. It lives
in memory for `REDACTOR_PREVIEW_TTL_SECONDS`, is dropped when it expires (checked
on every access and by a periodic sweep), when it is released, when the store is
full and it is the oldest, and when the service stops.

A preview belongs to the API key that made it; only that key (or an admin key)
can see or release it. Another key is told it does not exist. Previews are per
process: run one worker, or route a reviewer's requests to the same one.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.redaction.errors import PreviewNotFound
from app.redaction.policy import Policy
from app.redaction.review import Proposal
from app.schemas import PolicyInfo, RequestInfo


@dataclass(frozen=True, slots=True)
class StoredPreview:
    id: str
    owner_key_id: str
    owner_name: str
    created_at: datetime
    expires_at: datetime
    expires_monotonic: float
    request: RequestInfo
    policy: Policy  # the version (narrowed by the request) the proposal was made under
    policy_info: PolicyInfo
    input_sha256: str
    redaction_log: bool  # asked for by the request
    document: bytes = field(repr=False)  # the uploaded PDF
    proposal: Proposal = field(repr=False)


class PreviewStore:
    def __init__(
        self,
        ttl_seconds: float,
        max_previews: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_previews = max_previews
        self._clock = clock
        self._items: OrderedDict[str, StoredPreview] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            self._purge_locked()
            return len(self._items)

    def add(
        self,
        *,
        owner_key_id: str,
        owner_name: str,
        request: RequestInfo,
        policy: Policy,
        policy_info: PolicyInfo,
        input_sha256: str,
        redaction_log: bool,
        document: bytes,
        proposal: Proposal,
    ) -> StoredPreview:
        now = datetime.now(UTC)
        preview = StoredPreview(
            id=secrets.token_urlsafe(24),  # unguessable: it names an unredacted record
            owner_key_id=owner_key_id,
            owner_name=owner_name,
            created_at=now,
            expires_at=now + timedelta(seconds=self.ttl_seconds),
            expires_monotonic=self._clock() + self.ttl_seconds,
            request=request,
            policy=policy,
            policy_info=policy_info,
            input_sha256=input_sha256,
            redaction_log=redaction_log,
            document=document,
            proposal=proposal,
        )
        with self._lock:
            self._purge_locked()
            while len(self._items) >= self.max_previews:
                self._items.popitem(last=False)  # the oldest goes first
            self._items[preview.id] = preview
        return preview

    def get(self, preview_id: str, *, key_id: str, admin: bool = False) -> StoredPreview:
        """The preview, if it exists, has not expired and belongs to this key (or admin)."""
        with self._lock:
            self._purge_locked()
            preview = self._items.get(preview_id)
        if preview is None or not (admin or secrets.compare_digest(preview.owner_key_id, key_id)):
            raise PreviewNotFound()
        return preview

    def discard(self, preview_id: str) -> None:
        with self._lock:
            self._items.pop(preview_id, None)

    def purge(self) -> int:
        """Drop every expired preview; how many went."""
        with self._lock:
            return self._purge_locked()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def _purge_locked(self) -> int:
        now = self._clock()
        expired = [k for k, p in self._items.items() if p.expires_monotonic <= now]
        for k in expired:
            del self._items[k]
        return len(expired)
