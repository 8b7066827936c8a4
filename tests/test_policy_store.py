"""The policy store and the key store on SQLite and on the real PostgreSQL server:
seeding, immutable versions, publishing rules, integrity, and hashed API keys."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select, text, update

from app.config import PROJECT_ROOT
from app.db import Database
from app.errors import (
    KeyNameTaken,
    KeyNotFound,
    PolicyStoreCorrupt,
    PolicyVersionConflict,
    PolicyVersionNotFound,
)
from app.keys import ApiKeyRow, KeyRole, KeyStore, hash_key
from app.policy_store import SEED_AUTHOR, PolicyStore, PolicyVersionRow
from app.redaction.errors import (
    ConfirmationRequired,
    PolicyNotFound,
    PolicyRejected,
    UnknownRequesterType,
)
from app.redaction.policy import PolicySet, load_policies
from tests.conftest import LogCapture

POLICY_DIR = PROJECT_ROOT / "redaction_policies"
SHIPPED = ("court_order", "data_subject", "federal_immigration", "law_enforcement", "public")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path}/store.db")
        db.create_all()
    else:
        db = Database(request.getfixturevalue("pg_url"))
        db.create_all()
        with db.engine.begin() as conn:  # the schema is shared by the session
            conn.execute(text("DELETE FROM policy_versions"))
            conn.execute(text("DELETE FROM api_keys"))
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def files() -> PolicySet:
    return load_policies(POLICY_DIR)


@pytest.fixture
def store(database: Database, files: PolicySet) -> PolicyStore:
    store = PolicyStore(database)
    assert store.seed(files) == list(SHIPPED)
    return store


def next_version(store: PolicyStore, policy_id: str, **changes: object) -> str:
    """The current content with `changes` applied and the next version number."""
    current = store.current(policy_id)
    data = yaml.safe_load(current.policy.content)
    data.update(changes)
    data["version"] = current.version + 1
    return yaml.safe_dump(data, sort_keys=False)


def set_rule(content: str, category: str, **fields: object) -> str:
    data = yaml.safe_load(content)
    for rule in data["rules"]:
        if rule["category"] == category and "role" not in rule:
            rule.update(fields)
    return yaml.safe_dump(data, sort_keys=False)


# -- seeding -------------------------------------------------------------------------------


def test_empty_store_is_seeded_from_the_files(store: PolicyStore, files: PolicySet) -> None:
    assert store.ids() == list(SHIPPED)
    for policy in files.all():
        current = store.current(policy.id)
        assert current.version == 1
        assert current.sha256 == policy.sha256
        assert (
            current.sha256 == hashlib.sha256((POLICY_DIR / policy.source).read_bytes()).hexdigest()
        )
        assert current.policy.content == (POLICY_DIR / policy.source).read_text()
        assert current.author == SEED_AUTHOR
        assert policy.source in current.reason
        assert current.created_at.tzinfo is not None
    assert store.policy_set().ids() == list(SHIPPED)


def test_seeding_again_changes_nothing(store: PolicyStore, files: PolicySet) -> None:
    store.publish("public", next_version(store, "public"), author="po", reason="a change")
    assert store.seed(files) == []
    assert store.current("public").version == 2


def test_a_new_file_is_seeded_and_a_changed_one_reported(
    database: Database, tmp_path: Path, app_log: LogCapture
) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    shutil.copy(POLICY_DIR / "public.yaml", folder / "public.yaml")
    store = PolicyStore(database)
    assert store.seed(load_policies(folder)) == ["public"]
    # Later: a new requester type, and an edited file for a stored one.
    shutil.copy(POLICY_DIR / "court_order.yaml", folder / "court_order.yaml")
    (folder / "public.yaml").write_text((POLICY_DIR / "public.yaml").read_text() + "\n# edit\n")
    assert store.seed(load_policies(folder)) == ["court_order"]
    assert (
        store.current("public").sha256
        == hashlib.sha256((POLICY_DIR / "public.yaml").read_bytes()).hexdigest()
    )
    assert "public.yaml differs from stored version 1 of public" in app_log.text


# -- versions ------------------------------------------------------------------------------


def test_every_change_is_a_new_immutable_version(store: PolicyStore) -> None:
    v1 = store.current("public")
    content = set_rule(
        next_version(store, "public"), "CHARGE", action="redact", code="7(1)(d)(i)", basis="pending"
    )
    v2 = store.publish("public", content, author="policy-officer-1", reason="Pending case")
    assert (v2.version, v2.author, v2.reason) == (2, "policy-officer-1", "Pending case")
    assert v2.sha256 == hashlib.sha256(content.encode()).hexdigest()
    assert v2.policy.content == content
    assert store.current("public") == v2
    v3 = store.publish(
        "public",
        next_version(store, "public", title="Public"),
        author="policy-officer-2",
        reason="Rename",
    )
    assert [v.version for v in store.versions("public")] == [1, 2, 3]
    # Every version stays, as it was.
    assert store.version("public", 1).sha256 == v1.sha256
    assert store.version("public", 1).policy.content == v1.policy.content
    assert store.version("public", 2) == v2
    assert store.previous("public", 3) == v2
    assert v3.policy.title == "Public"
    # Other policies are untouched.
    assert store.current("federal_immigration").version == 1


def test_a_json_object_is_stored_as_yaml(store: PolicyStore) -> None:
    data = yaml.safe_load(next_version(store, "public"))
    stored = store.publish("public", data, author="po", reason="as JSON")
    assert yaml.safe_load(stored.policy.content) == data
    assert stored.sha256 == hashlib.sha256(stored.policy.content.encode()).hexdigest()


def test_unknown_policy_and_version(store: PolicyStore) -> None:
    with pytest.raises(UnknownRequesterType):
        store.current("tabloid")
    with pytest.raises(PolicyNotFound):
        store.versions("tabloid")
    with pytest.raises(PolicyNotFound):
        store.version("tabloid", 1)
    with pytest.raises(PolicyVersionNotFound):
        store.version("public", 9)
    with pytest.raises(PolicyVersionNotFound):
        store.previous("public", 1)
    with pytest.raises(PolicyNotFound):
        store.publish("tabloid", "id: tabloid", author="po", reason="new")


def test_a_second_store_sees_a_new_version_at_once(database: Database, store: PolicyStore) -> None:
    """Two stores on one database, like two worker processes."""
    other = PolicyStore(database)
    assert other.current("public").version == 1
    store.publish("public", next_version(store, "public"), author="po", reason="change")
    assert other.current("public").version == 2


def test_on_change_gets_the_new_versions(database: Database, files: PolicySet) -> None:
    seen: list[PolicySet] = []
    store = PolicyStore(database, on_change=seen.append)
    store.seed(files)
    store.publish("public", next_version(store, "public"), author="po", reason="change")
    assert [s.get("public").version for s in seen] == [2]


# -- publishing rules ------------------------------------------------------------------------


def test_version_must_be_the_next(store: PolicyStore) -> None:
    content = next_version(store, "public")
    for wrong in (1, 3):
        data = yaml.safe_load(content)
        data["version"] = wrong
        with pytest.raises(PolicyVersionConflict):
            store.publish("public", yaml.safe_dump(data), author="po", reason="change")
    store.publish("public", content, author="po", reason="change")
    with pytest.raises(PolicyVersionConflict):  # the same edit twice: someone was first
        store.publish("public", content, author="po2", reason="change")


def test_invalid_content_and_missing_reason(store: PolicyStore) -> None:
    with pytest.raises(PolicyRejected) as info:
        store.publish(
            "public",
            set_rule(next_version(store, "public"), "CHARGE", action="shred"),
            author="po",
            reason="",
        )
    fields = {p.field for p in info.value.problems}
    assert "reason" in fields
    assert any(f.startswith("rules.") and f.endswith(".action") for f in fields)
    with pytest.raises(PolicyRejected) as info:
        store.publish(
            "public", next_version(store, "public", id="other"), author="po", reason="x y"
        )
    assert [p.field for p in info.value.problems] == ["id"]
    assert store.current("public").version == 1


def test_weakening_needs_a_confirmation_that_is_recorded(store: PolicyStore) -> None:
    content = set_rule(
        set_rule(next_version(store, "public"), "NATIONALITY", action="keep", code=""),
        "PLACE_OF_BIRTH",
        action="keep",
        code="",
    )
    with pytest.raises(ConfirmationRequired) as info:
        store.publish("public", content, author="po", reason="Court ruling")
    assert {p.field for p in info.value.problems} == {"confirm_weakening"}
    assert any("NATIONALITY" in p.message for p in info.value.problems)
    with pytest.raises(ConfirmationRequired):  # one confirmed, one not
        store.publish(
            "public", content, author="po", reason="Court ruling", confirm=["NATIONALITY"]
        )
    stored = store.publish(
        "public",
        content,
        author="po",
        reason="Court ruling",
        confirm=["NATIONALITY", "place_of_birth"],
    )
    assert stored.confirmed_weakening == ("NATIONALITY", "PLACE_OF_BIRTH")
    assert store.version("public", 2).confirmed_weakening == ("NATIONALITY", "PLACE_OF_BIRTH")
    assert store.version("public", 1).confirmed_weakening == ()


def test_review_stores_nothing(store: PolicyStore) -> None:
    content = set_rule(next_version(store, "public"), "NATIONALITY", action="keep", code="")
    review = store.review("public", content)
    assert not review.valid
    assert [w.category.value for w in review.unconfirmed] == ["NATIONALITY"]
    assert review.diff is not None and [c.rule for c in review.diff.rules] == ["NATIONALITY"]
    assert store.review("public", content, confirm=["NATIONALITY"]).valid
    assert store.current("public").version == 1


# -- integrity -------------------------------------------------------------------------------


def test_an_altered_stored_version_is_refused(database: Database, files: PolicySet) -> None:
    store = PolicyStore(database)
    store.seed(files)
    with database.session() as session:
        session.execute(
            update(PolicyVersionRow)
            .where(PolicyVersionRow.policy_id == "public")
            .values(content=PolicyVersionRow.content + "\n# altered\n")
        )
    with pytest.raises(PolicyStoreCorrupt):
        PolicyStore(database).current("public")  # a fresh store: nothing cached


# -- API keys --------------------------------------------------------------------------------


def test_keys_are_stored_hashed(database: Database) -> None:
    keys = KeyStore(database)
    key, secret = keys.create(name="records-system", role=KeyRole.RECORDS_SYSTEM, created_by="t")
    assert secret.startswith("rdk_") and len(secret) >= 40
    with database.session() as session:
        row = session.scalar(select(ApiKeyRow))
        assert row is not None
        assert row.key_hash == hash_key(secret) == hashlib.sha256(secret.encode()).hexdigest()
        stored = " ".join(str(v) for v in vars(row).values())
    assert secret not in stored
    assert secret[4:] not in stored
    assert keys.authenticate(secret) == key
    for wrong in (None, "", secret + "x", secret[:-1], "rdk_" + "A" * 43, "x" * 10_000):
        assert keys.authenticate(wrong) is None


def test_revoked_keys_stop_working_and_stay_listed(database: Database) -> None:
    keys = KeyStore(database)
    key, secret = keys.create(name="auditor-1", role=KeyRole.AUDITOR, created_by="admin")
    with pytest.raises(KeyNameTaken):
        keys.create(name="auditor-1", role=KeyRole.ADMIN, created_by="admin")
    revoked = keys.revoke(key.id, revoked_by="admin")
    assert revoked.revoked_by == "admin" and not revoked.active
    assert keys.authenticate(secret) is None
    with pytest.raises(KeyNotFound):
        keys.revoke(key.id, revoked_by="admin")
    # The name is free again once revoked; revoking by name works too.
    again, _ = keys.create(name="auditor-1", role=KeyRole.AUDITOR, created_by="admin")
    assert keys.revoke("auditor-1", revoked_by="admin").id == again.id
    listed = keys.all_keys()
    assert [k.id for k in listed] == [key.id, again.id]
    assert keys.all_keys(include_revoked=False) == []
    with pytest.raises(KeyNotFound):
        keys.revoke("nobody", revoked_by="admin")


def test_bootstrap_admin_only_without_active_keys(database: Database) -> None:
    keys = KeyStore(database)
    created = keys.ensure_bootstrap_admin()
    assert created is not None
    admin, secret = created
    assert admin.role is KeyRole.ADMIN and admin.name == "admin"
    assert keys.authenticate(secret) == admin
    assert keys.ensure_bootstrap_admin() is None  # a key exists: nothing made
    keys.revoke(admin.id, revoked_by="admin")
    assert keys.ensure_bootstrap_admin() is not None  # every key revoked: a way back in
