"""Policy files: strict validation, rule resolution, and agreement with the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.redaction.errors import PolicyInvalid, UnknownRequesterType
from app.redaction.policy import Policy, load_policies, load_policy
from app.redaction.types import Action, Category, Finding, Rect, Role

ROOT = Path(__file__).resolve().parents[2]
POLICY_DIR = ROOT / "redaction_policies"
SAMPLES = ROOT.parent / "shared" / "samples"

# The samples README's finer category names, mapped onto ours.
SAMPLE_CATEGORY = {
    "PERSON_NAME": Category.PERSON,
    "OFFICER_NAME": Category.PERSON,
    "HOME_ADDRESS": Category.ADDRESS,
    "COUNTRY_OF_CITIZENSHIP": Category.NATIONALITY,
    "PASSPORT_NUMBER": Category.PASSPORT,
    "VISA_NUMBER": Category.VISA,
    "SID": Category.SID_NUMBER,
    "TVDL": Category.DRIVERS_LICENSE,
    "TATTOOS": Category.PHYSICAL_MARKS,
    "VEHICLE_PLATE": Category.VEHICLE,
    "VIN": Category.VEHICLE,
}


def finding(category: Category, role: Role = Role.UNKNOWN) -> Finding:
    return Finding(category, role, 0, 0, 1, (Rect(0, 0, 1, 1),), 1.0, "test", "x")


@pytest.fixture(scope="module")
def policies() -> dict[str, Policy]:
    return {p.id: p for p in load_policies(POLICY_DIR).all()}


def test_shipped_policies_load_with_hashes(policies: dict[str, Policy]) -> None:
    assert set(policies) >= {"federal_immigration", "public"}
    for p in policies.values():
        assert len(p.sha256) == 64 and p.source == f"{p.id}.yaml"


@pytest.mark.parametrize(
    ("policy_id", "category", "role", "action", "code"),
    [
        ("federal_immigration", Category.PERSON, Role.ARRESTEE, Action.REDACT, "5 ILCS 805/15(h)"),
        ("federal_immigration", Category.PERSON, Role.OFFICER, Action.KEEP, ""),
        ("federal_immigration", Category.PERSON, Role.UNKNOWN, Action.REDACT, "5 ILCS 805/15(h)"),
        (
            "federal_immigration",
            Category.NATIONALITY,
            Role.ARRESTEE,
            Action.REDACT,
            "MCC 2-173-030",
        ),
        ("federal_immigration", Category.BOND, Role.UNKNOWN, Action.REDACT, "MCC 2-173-020"),
        ("federal_immigration", Category.CHARGE, Role.UNKNOWN, Action.KEEP, ""),
        ("federal_immigration", Category.RD_NUMBER, Role.UNKNOWN, Action.KEEP, ""),
        ("public", Category.PERSON, Role.ARRESTEE, Action.KEEP, ""),
        ("public", Category.PERSON, Role.CO_ARRESTEE, Action.KEEP, ""),
        ("public", Category.PERSON, Role.VICTIM, Action.REDACT, "7(1)(c)"),
        # An unknown role is treated like the strictest role of the category.
        ("public", Category.PERSON, Role.UNKNOWN, Action.REDACT, "7(1)(c)"),
        ("public", Category.ADDRESS, Role.ARRESTEE, Action.KEEP, ""),
        ("public", Category.ADDRESS, Role.WITNESS, Action.REDACT, "7(1)(c)"),
        ("public", Category.ADDRESS, Role.UNKNOWN, Action.REDACT, "7(1)(c)"),
        ("public", Category.DATE_OF_BIRTH, Role.ARRESTEE, Action.REDACT, "7(1)(b)"),
        ("public", Category.A_NUMBER, Role.ARRESTEE, Action.REDACT, "7(1)(c)"),
        ("public", Category.BOND, Role.UNKNOWN, Action.KEEP, ""),
        ("public", Category.PHOTO, Role.UNKNOWN, Action.KEEP, ""),
    ],
)
def test_decisions(
    policies: dict[str, Policy],
    policy_id: str,
    category: Category,
    role: Role,
    action: Action,
    code: str,
) -> None:
    decision = policies[policy_id].decide(finding(category, role))
    assert decision.action is action
    assert decision.code == code
    assert decision.basis


def test_unnamed_category_uses_default_redact(tmp_path: Path) -> None:
    (tmp_path / "narrow.yaml").write_text(
        "id: narrow\nversion: 2\ntitle: t\n"
        "default: {action: redact, code: X, basis: default basis}\n"
        "rules:\n  - {category: PERSON, role: officer, action: keep, basis: officers}\n"
        "document: {juvenile: {action: withhold, code: J, basis: juvenile basis}}\n"
    )
    policy = load_policy(tmp_path / "narrow.yaml")
    # No rule names PHONE, and no rule names PERSON/witness: both redacted.
    assert policy.decide(finding(Category.PHONE)).action is Action.REDACT
    d = policy.decide(finding(Category.PERSON, Role.WITNESS))
    assert (d.action, d.code, d.rule) == (Action.REDACT, "X", "default")
    assert policy.decide(finding(Category.PERSON, Role.OFFICER)).action is Action.KEEP


GOOD = (
    "id: {id}\nversion: 1\ntitle: t\n"
    "default: {{action: redact, code: X, basis: default basis}}\n"
    "rules:\n  - {{category: PERSON, action: redact, code: Y, basis: some basis}}\n"
    "document: {{juvenile: {{action: withhold, code: J, basis: juvenile basis}}}}\n"
)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (GOOD.format(id="p") + "colour: red\n", "colour"),  # unknown key
        (GOOD.format(id="p").replace("PERSON", "PERSONS"), "rules.0.category"),
        (GOOD.format(id="p").replace("code: Y, ", ""), "rules.0"),  # redact without code
        (GOOD.format(id="p").replace("version: 1", "version: zero"), "version"),
        (
            GOOD.format(id="p").replace("action: redact, code: X", "action: keep, code: X"),
            "default.action",
        ),
        (
            GOOD.format(id="p").replace("{category: PERSON,", "{category: PERSON, role: boss,"),
            "rules.0.role",
        ),
        (GOOD.format(id="other"), "id"),  # id must match the file name
        ("id: p\nversion: [1\n", "line"),  # not YAML
        ("- just\n- a list\n", "mapping"),
    ],
)
def test_invalid_policy_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    (tmp_path / "p.yaml").write_text(text)
    with pytest.raises(PolicyInvalid) as err:
        load_policies(tmp_path)
    assert "p.yaml" in str(err.value)
    assert field in str(err.value)


def test_duplicate_rules_rejected(tmp_path: Path) -> None:
    text = GOOD.format(id="p").replace(
        "rules:\n", "rules:\n  - {category: PERSON, action: keep, basis: again}\n"
    )
    (tmp_path / "p.yaml").write_text(text)
    with pytest.raises(PolicyInvalid, match="two rules for PERSON"):
        load_policies(tmp_path)


def test_unknown_requester_type() -> None:
    with pytest.raises(UnknownRequesterType):
        load_policies(POLICY_DIR).get("landlord")


def test_empty_policy_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyInvalid, match="no policy files"):
        load_policies(tmp_path)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
def test_shipped_policies_agree_with_sample_ground_truth(policies: dict[str, Policy]) -> None:
    """Every (category, role) the samples label must get the labelled action."""
    disagreements = []
    for path in sorted(SAMPLES.glob("[0-9]*.json")):
        truth = json.loads(path.read_text())
        if truth["juvenile"]:
            continue
        for v in truth["values"]:
            if v["category"] == "AGENCY":
                continue  # the agency's name is not personal data; nothing detects it
            category = SAMPLE_CATEGORY.get(v["category"]) or Category(v["category"])
            role = Role.UNKNOWN if v["role"] == "none" else Role(v["role"])
            for pid in ("federal_immigration", "public"):
                got = policies[pid].decide(finding(category, role)).action
                want = Action.REDACT if v[pid] == "withhold" else Action.KEEP
                if got is not want:
                    disagreements.append((pid, v["category"], v["role"], v[pid]))
    assert sorted(set(disagreements)) == []
