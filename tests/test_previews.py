"""The in-memory preview store (app/previews.py): expiry, ownership, the size cap."""

from __future__ import annotations

from typing import Any

import pytest

from app.config import PROJECT_ROOT, Settings
from app.previews import PreviewStore, StoredPreview
from app.redaction.errors import PreviewNotFound
from app.redaction.policy import load_policies
from app.redaction.review import Proposal
from app.schemas import PolicyInfo, RequestInfo

POLICY = load_policies(PROJECT_ROOT / "redaction_policies").get("public")


def add(store: PreviewStore, owner: str = "key-1") -> StoredPreview:
    return store.add(
        owner_key_id=owner,
        owner_name=f"name-{owner}",
        request=RequestInfo(requester_type="public"),
        policy=POLICY,
        policy_info=PolicyInfo(id="public", version=1, sha256="0" * 64),
        input_sha256="1" * 64,
        redaction_log=False,
        document=b"%PDF-1.7 unredacted",
        proposal=Proposal(pages=1, juvenile=False, page_sizes=((612.0, 792.0),), decisions=()),
    )


@pytest.fixture
def now() -> list[float]:
    return [100.0]


@pytest.fixture
def store(now: list[float]) -> PreviewStore:
    return PreviewStore(30, 3, clock=lambda: now[0])


def test_a_preview_lives_for_its_time_to_live(store: PreviewStore, now: list[float]) -> None:
    p = add(store)
    assert (p.expires_at - p.created_at).total_seconds() == 30
    now[0] += 29.9
    assert store.get(p.id, key_id="key-1") is p
    now[0] += 0.1
    with pytest.raises(PreviewNotFound):
        store.get(p.id, key_id="key-1")
    assert len(store) == 0


def test_purge_deletes_what_expired(store: PreviewStore, now: list[float]) -> None:
    first = add(store)
    now[0] += 20
    second = add(store)
    now[0] += 15
    assert store.purge() == 1
    assert store.get(second.id, key_id="key-1") is second
    with pytest.raises(PreviewNotFound):
        store.get(first.id, key_id="key-1")


def test_only_its_key_or_an_admin_sees_a_preview(store: PreviewStore) -> None:
    p = add(store, owner="key-1")
    with pytest.raises(PreviewNotFound):
        store.get(p.id, key_id="key-2")
    assert store.get(p.id, key_id="key-2", admin=True) is p
    with pytest.raises(PreviewNotFound):
        store.get("no-such-id", key_id="key-1")


def test_the_oldest_goes_when_full(store: PreviewStore) -> None:
    ids = [add(store).id for _ in range(4)]
    assert len(store) == 3
    with pytest.raises(PreviewNotFound):
        store.get(ids[0], key_id="key-1")
    for i in ids[1:]:
        store.get(i, key_id="key-1")


def test_discard_and_clear(store: PreviewStore) -> None:
    a, b = add(store), add(store)
    store.discard(a.id)
    store.discard(a.id)  # twice is fine
    assert len(store) == 1
    store.clear()
    with pytest.raises(PreviewNotFound):
        store.get(b.id, key_id="key-1")


def test_ids_are_unguessable(store: PreviewStore) -> None:
    ids = {add(store).id for _ in range(3)}
    assert len(ids) == 3
    assert all(len(i) >= 32 for i in ids)


def test_previews_hold_no_text_in_their_repr(store: PreviewStore) -> None:
    assert "unredacted" not in repr(add(store))


@pytest.mark.parametrize(
    ("env", "value"),
    [({}, 900), ({"REDACTOR_PREVIEW_TTL_SECONDS": "60"}, 60)],
)
def test_the_time_to_live_is_a_setting(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, Any], value: int
) -> None:
    monkeypatch.delenv("REDACTOR_PREVIEW_TTL_SECONDS", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert Settings().preview_ttl_seconds == value


def test_the_service_sweeps_expired_previews_by_itself() -> None:
    """The lifespan's sweeper deletes an expired preview though nobody asks for it."""
    import asyncio
    import contextlib

    from app.main import _sweep_previews

    store = PreviewStore(1, 3)
    add(store)

    async def run() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_sweep_previews(store), timeout=2.5)

    asyncio.run(run())
    assert store._items == {}  # looked at directly: len() would purge by itself
