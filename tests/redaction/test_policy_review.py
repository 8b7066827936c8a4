"""Policies as a product, the pure part: parsing with named problems, request admission
(references, declines, court-order releases), protected-category weakening, the diff,
the JSON Schema, and the three new shipped policies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.redaction.errors import (
    InvalidRelease,
    PolicyRejected,
    ReferenceRequired,
    ReleaseNotAllowed,
    RequestDeclined,
)
from app.redaction.policy import (
    NAMED_RELEASE_BASIS,
    Policy,
    load_policies,
    parse_policy,
    parse_release,
    policy_json_schema,
)
from app.redaction.policy_review import (
    PROTECTED_CATEGORIES,
    diff_policies,
    unconfirmed,
    weakenings,
)
from app.redaction.types import Action, Category, Finding, Rect, Role

ROOT = Path(__file__).resolve().parents[2]
POLICY_DIR = ROOT / "redaction_policies"


def finding(category: Category, role: Role = Role.UNKNOWN) -> Finding:
    return Finding(category, role, 0, 0, 1, (Rect(0, 0, 1, 1),), 1.0, "test", "x")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Policy]:
    return {p.id: p for p in load_policies(POLICY_DIR).all()}


def edited(policy: Policy, **changes: Any) -> Policy:
    data = policy.model_dump(mode="json")
    data.update(changes)
    return parse_policy(yaml.safe_dump(data, sort_keys=False))


def with_rule(policy: Policy, rule: dict[str, Any], version: int | None = None) -> Policy:
    data = policy.model_dump(mode="json")
    key = (rule["category"], rule.get("role"))
    data["rules"] = [r for r in data["rules"] if (r["category"], r.get("role")) != key] + [rule]
    data["version"] = version or policy.version + 1
    return parse_policy(yaml.safe_dump(data, sort_keys=False))


# -- the shipped policies ---------------------------------------------------------------


def test_all_five_requester_types_ship(shipped: dict[str, Policy]) -> None:
    assert set(shipped) == {
        "federal_immigration",
        "public",
        "data_subject",
        "law_enforcement",
        "court_order",
    }
    for policy in shipped.values():
        assert policy.version == 1
        assert policy.document.juvenile.action == "withhold"


@pytest.mark.parametrize(
    ("policy_id", "category", "role", "action"),
    [
        # data_subject: the arrestee's own data released, other people's removed.
        ("data_subject", Category.PERSON, Role.ARRESTEE, Action.KEEP),
        ("data_subject", Category.PERSON, Role.VICTIM, Action.REDACT),
        ("data_subject", Category.PERSON, Role.UNKNOWN, Action.REDACT),
        ("data_subject", Category.DATE_OF_BIRTH, Role.ARRESTEE, Action.KEEP),
        ("data_subject", Category.DATE_OF_BIRTH, Role.WITNESS, Action.REDACT),
        ("data_subject", Category.ADDRESS, Role.ARRESTEE, Action.KEEP),
        ("data_subject", Category.ADDRESS, Role.RELATIVE, Action.REDACT),
        ("data_subject", Category.PHONE, Role.VICTIM, Action.REDACT),
        ("data_subject", Category.NATIONALITY, Role.ARRESTEE, Action.KEEP),
        ("data_subject", Category.NATIONALITY, Role.VICTIM, Action.REDACT),
        ("data_subject", Category.IMMIGRATION_STATUS, Role.UNKNOWN, Action.REDACT),
        ("data_subject", Category.A_NUMBER, Role.ARRESTEE, Action.KEEP),
        ("data_subject", Category.A_NUMBER, Role.UNKNOWN, Action.REDACT),
        ("data_subject", Category.CHARGE, Role.UNKNOWN, Action.KEEP),
        # law_enforcement: shared for the criminal matter, but never citizenship or status.
        ("law_enforcement", Category.PERSON, Role.VICTIM, Action.KEEP),
        ("law_enforcement", Category.DATE_OF_BIRTH, Role.ARRESTEE, Action.KEEP),
        ("law_enforcement", Category.FBI_NUMBER, Role.UNKNOWN, Action.KEEP),
        *[("law_enforcement", c, r, Action.REDACT) for c in PROTECTED_CATEGORIES for r in Role],
        # court_order: nothing but what the order names (the request lists it).
        ("court_order", Category.PERSON, Role.ARRESTEE, Action.REDACT),
        ("court_order", Category.CHARGE, Role.UNKNOWN, Action.REDACT),
        ("court_order", Category.PERSON, Role.OFFICER, Action.REDACT),
    ],
)
def test_new_policies_decide(
    shipped: dict[str, Policy], policy_id: str, category: Category, role: Role, action: Action
) -> None:
    decision = shipped[policy_id].decide(finding(category, role))
    assert decision.action is action
    assert decision.basis
    if action is Action.REDACT:
        assert decision.code


def test_law_enforcement_cites_the_ordinance_for_status(shipped: dict[str, Policy]) -> None:
    for category in (Category.NATIONALITY, Category.IMMIGRATION_STATUS):
        assert shipped["law_enforcement"].decide(finding(category)).code == "MCC 2-173-030"


def test_federal_immigration_documents_both_options(shipped: dict[str, Policy]) -> None:
    """Shipped: strip. The commented `request:` block is the decline option, and it is valid."""
    federal = shipped["federal_immigration"]
    assert federal.request.reference is None  # strip: answered without a reference
    assert federal.admit(reference=None) is federal
    text = federal.content
    assert "Option 1, strip" in text and "Option 2, decline" in text
    block = re.search(r"^# request:\n(?:#   .*\n)+", text, re.MULTILINE)
    assert block is not None, "the decline option is documented as a commented block"
    declining = parse_policy(
        text.replace(block.group(0), re.sub(r"^# ?", "", block.group(0), flags=re.MULTILINE))
    )
    assert declining.request.reference is not None
    assert declining.request.reference.when_missing == "decline"
    with pytest.raises(RequestDeclined):
        declining.admit(reference=None)
    with pytest.raises(RequestDeclined):
        declining.admit(reference="   ")
    assert declining.admit(reference="1:26-mj-00042") is declining
    # Declining changes nothing else: with a warrant cited, the same rules apply.
    assert declining.rules == federal.rules


# -- request admission: references and court-order releases -------------------------------


def test_court_order_needs_a_reference(shipped: dict[str, Policy]) -> None:
    court = shipped["court_order"]
    with pytest.raises(ReferenceRequired):
        court.admit(reference=None)
    with pytest.raises(ReferenceRequired):
        court.admit(reference="", release=["CHARGE"])
    assert court.admit(reference="2026-CR-01234") is court


def test_court_order_releases_only_what_the_order_names(shipped: dict[str, Policy]) -> None:
    court = shipped["court_order"]
    narrowed = court.admit(
        reference="2026-CR-01234", release=["person/arrestee, CHARGE", "NATIONALITY/arrestee"]
    )
    assert (narrowed.id, narrowed.version, narrowed.sha256) == (
        court.id,
        court.version,
        court.sha256,
    )
    keep = narrowed.decide(finding(Category.PERSON, Role.ARRESTEE))
    assert (keep.action, keep.basis) == (Action.KEEP, NAMED_RELEASE_BASIS)
    assert narrowed.decide(finding(Category.CHARGE)).action is Action.KEEP
    assert narrowed.decide(finding(Category.NATIONALITY, Role.ARRESTEE)).action is Action.KEEP
    # Not named: still redacted, including other roles of a named category.
    assert narrowed.decide(finding(Category.PERSON, Role.VICTIM)).action is Action.REDACT
    assert narrowed.decide(finding(Category.PERSON, Role.UNKNOWN)).action is Action.REDACT
    assert narrowed.decide(finding(Category.NATIONALITY, Role.VICTIM)).action is Action.REDACT
    assert narrowed.decide(finding(Category.DATE_OF_BIRTH, Role.ARRESTEE)).action is Action.REDACT
    # A category named alone covers every role, replacing its role rules.
    whole = court.admit(reference="x", release=["NATIONALITY"])
    assert whole.decide(finding(Category.NATIONALITY, Role.UNKNOWN)).action is Action.KEEP
    # The stored policy itself is unchanged.
    assert court.decide(finding(Category.CHARGE)).action is Action.REDACT


@pytest.mark.parametrize(
    "release", [["PERSONS"], ["PERSON/boss"], ["PERSON/unknown"], [" , "], ["A/B/C"]]
)
def test_invalid_release(shipped: dict[str, Policy], release: list[str]) -> None:
    with pytest.raises(InvalidRelease):
        shipped["court_order"].admit(reference="x", release=release)


def test_release_only_where_the_policy_allows_it(shipped: dict[str, Policy]) -> None:
    for policy_id in ("public", "federal_immigration", "data_subject", "law_enforcement"):
        with pytest.raises(ReleaseNotAllowed):
            shipped[policy_id].admit(reference="x", release=["NATIONALITY"])


def test_parse_release_normalizes() -> None:
    assert parse_release(["person / Arrestee,charge", "CHARGE"]) == [
        (Category.PERSON, Role.ARRESTEE),
        (Category.CHARGE, None),
    ]


# -- parsing: every problem names its field ------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d.update(colour="red"), "colour", "Extra inputs"),
        (lambda d: d["rules"][0].update(category="PERSONS"), "rules.0.category", "Input should"),
        (lambda d: d["rules"][0].update(action="shred"), "rules.0.action", "Input should"),
        (lambda d: d["rules"][0].pop("code"), "rules.0", "needs a 'code'"),
        (lambda d: d["rules"][0].update(code="X" * 41), "rules.0.code", "at most 40"),
        (lambda d: d["default"].update(action="keep"), "default.action", "Input should"),
        (lambda d: d.update(version=0), "version", "greater than or equal to 1"),
        (lambda d: d.pop("title"), "title", "Field required"),
        (lambda d: d.update(rules=[]), "rules", "at least 1"),
        (lambda d: d.update(id="schema"), "(top level)", "reserved"),
        (
            lambda d: d.update(request={"reference": {"label": "x", "when_missing": "shrug"}}),
            "request.reference",
            "",
        ),
    ],
)
def test_problems_name_the_field(
    shipped: dict[str, Policy], mutate: Any, field: str, words: str
) -> None:
    data = shipped["public"].model_dump(mode="json")
    mutate(data)
    with pytest.raises(PolicyRejected) as info:
        parse_policy(yaml.safe_dump(data, sort_keys=False))
    fields = [p.field for p in info.value.problems]
    assert any(f == field or f.startswith(field + ".") for f in fields), fields
    assert any(words in p.message for p in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: p\nversion: [1\n", "not valid YAML at line"),
        ("- a\n- list\n", "mapping"),
        (b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_unparsable_documents(text: str | bytes, message: str) -> None:
    with pytest.raises(PolicyRejected) as info:
        parse_policy(text)
    assert [p.field for p in info.value.problems] == ["(top level)"]
    assert message in info.value.problems[0].message


def test_json_is_accepted_and_the_id_must_match(shipped: dict[str, Policy]) -> None:
    import json

    text = json.dumps(shipped["public"].model_dump(mode="json"))
    policy = parse_policy(text, expected_id="public")
    assert policy.rules == shipped["public"].rules
    assert policy.content == text
    with pytest.raises(PolicyRejected) as info:
        parse_policy(text, expected_id="federal_immigration")
    assert info.value.problems[0].field == "id"


def test_problem_messages_never_echo_values(shipped: dict[str, Policy]) -> None:
    data = shipped["public"].model_dump(mode="json")
    data["rules"][0]["category"] = "GARCIA-LOPEZ"
    data["version"] = "Tegucigalpa"
    with pytest.raises(PolicyRejected) as info:
        parse_policy(yaml.safe_dump(data))
    text = repr(info.value.problems)
    assert "GARCIA" not in text and "Tegucigalpa" not in text


def test_json_schema_describes_the_policy() -> None:
    schema = policy_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "version", "title", "default", "rules", "document"} <= set(schema["required"])
    assert "request" in schema["properties"]
    assert schema["additionalProperties"] is False
    categories = schema["$defs"]["Category"]["enum"]
    assert set(categories) == {c.value for c in Category}


# -- protected categories ------------------------------------------------------------------


@pytest.mark.parametrize("policy_id", ["federal_immigration", "public", "law_enforcement"])
@pytest.mark.parametrize("category", PROTECTED_CATEGORIES)
def test_releasing_a_protected_category_is_a_weakening(
    shipped: dict[str, Policy], policy_id: str, category: Category
) -> None:
    old = shipped[policy_id]
    new = with_rule(
        old, {"category": category.value, "role": "arrestee", "action": "keep", "basis": "why"}
    )
    found = weakenings(old, new)
    assert [(w.category, w.roles) for w in found] == [(category, (Role.ARRESTEE,))]
    assert unconfirmed(found, []) == found
    assert unconfirmed(found, [category.value.lower()]) == []


def test_generic_keep_weakens_every_role(shipped: dict[str, Policy]) -> None:
    old = shipped["public"]
    new = with_rule(old, {"category": "NATIONALITY", "action": "keep", "basis": "why"})
    (w,) = weakenings(old, new)
    assert set(w.roles) == set(Role)  # the role `unknown` too


def test_not_a_weakening(shipped: dict[str, Policy]) -> None:
    public = shipped["public"]
    # Another code or basis, or releasing an unprotected category: no confirmation.
    recoded = with_rule(
        public,
        {"category": "NATIONALITY", "action": "redact", "code": "7(1)(b)", "basis": "other"},
    )
    assert weakenings(public, recoded) == []
    dob = with_rule(public, {"category": "DATE_OF_BIRTH", "action": "keep", "basis": "why"})
    assert weakenings(public, dob) == []
    # Already released in the version in force: keeping it released is no new weakening.
    released = with_rule(public, {"category": "NATIONALITY", "action": "keep", "basis": "why"})
    again = with_rule(released, {"category": "NATIONALITY", "action": "keep", "basis": "other"})
    assert weakenings(released, again) == []
    # Policies outside the protected set (the arrestee's own record) need none.
    subject = shipped["data_subject"]
    own = with_rule(subject, {"category": "NATIONALITY", "action": "keep", "basis": "why"})
    assert weakenings(subject, own) == []


def test_letting_requests_name_releases_weakens_everything(shipped: dict[str, Policy]) -> None:
    public = shipped["public"]
    named = edited(public, version=2, request={"named_release": True})
    found = weakenings(public, named)
    assert [w.category for w in found] == list(PROTECTED_CATEGORIES)
    assert all(w.via_named_release for w in found)


# -- the diff ------------------------------------------------------------------------------


def test_diff_per_rule(shipped: dict[str, Policy]) -> None:
    old = shipped["public"]
    data = old.model_dump(mode="json")
    data["version"] = 2
    data["title"] = "Member of the public"
    rules = data["rules"]
    charge = next(r for r in rules if r["category"] == "CHARGE")
    charge.update(action="redact", code="7(1)(d)(i)", basis="pending proceedings")
    rules.remove(next(r for r in rules if r["category"] == "BOND"))
    rules.append({"category": "PERSON", "role": "victim", "action": "keep", "basis": "consent"})
    new = parse_policy(yaml.safe_dump(data, sort_keys=False))

    diff = diff_policies(old, new)
    by_rule = {c.rule: c for c in diff.rules}
    assert set(by_rule) == {"CHARGE", "BOND", "PERSON/victim"}
    assert by_rule["CHARGE"].change == "changed"
    assert {f.field: (f.before, f.after) for f in by_rule["CHARGE"].fields} == {
        "action": ("keep", "redact"),
        "code": ("", "7(1)(d)(i)"),
        "basis": ("5 ILCS 140/2.15(a)(ii): the charges", "pending proceedings"),
    }
    assert by_rule["BOND"].change == "removed"
    assert by_rule["PERSON/victim"].change == "added"
    assert [(c.field, c.after) for c in diff.settings] == [("title", "Member of the public")]
    effects = {(e.category, e.role): (e.before, e.after) for e in diff.effects}
    assert effects[(Category.CHARGE, Role.ARRESTEE)] == (Action.KEEP, Action.REDACT)
    assert effects[(Category.BOND, Role.UNKNOWN)] == (Action.KEEP, Action.REDACT)  # default
    assert effects[(Category.PERSON, Role.VICTIM)] == (Action.REDACT, Action.KEEP)
    assert (Category.PERSON, Role.UNKNOWN) not in effects  # still the strictest: redact
    assert diff.summary == [
        "~ title: 'Member of the public (Illinois FOIA)' -> 'Member of the public'",
        "~ CHARGE: action 'keep' -> 'redact'; code '' -> '7(1)(d)(i)'; basis "
        "'5 ILCS 140/2.15(a)(ii): the charges' -> 'pending proceedings'",
        "- BOND: was keep",
        "+ PERSON/victim: keep",
    ]


def test_diff_of_identical_rules_is_empty(shipped: dict[str, Policy]) -> None:
    diff = diff_policies(shipped["public"], edited(shipped["public"], version=2))
    assert diff.rules == () and diff.effects == () and diff.settings == ()
