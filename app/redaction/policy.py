"""Redaction policies: YAML files that policy officers edit, validated strictly.

A policy file is untrusted input until it has passed these models: unknown keys
are rejected, every redact rule must say what it prints on the box and why, and
an invalid file stops startup with a message naming the file and the field. We
never fall back to a default policy: a records unit must not release a document
under rules nobody wrote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from app.redaction.errors import PolicyInvalid, UnknownRequesterType
from app.redaction.types import Action, Category, Decision, Finding, Role

_ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Rule(_Strict):
    category: Category = Field(description="What the rule is about (see DESIGN.md categories).")
    role: Role | None = Field(
        default=None,
        description="Whose information; omit to cover every role of the category.",
    )
    action: Action = Field(description="redact (remove and box) or keep (release).")
    code: str = Field(default="", max_length=40, description="Printed on the box.")
    basis: str = Field(min_length=3, max_length=500, description="Legal basis, for the audit.")

    @model_validator(mode="after")
    def _redact_needs_code(self) -> Rule:
        if self.action is Action.REDACT and not self.code:
            raise ValueError("a redact rule needs a 'code' to print on the box")
        if self.role is Role.UNKNOWN:
            raise ValueError(
                "role 'unknown' cannot be given a rule: an unknown role is always "
                "treated like the strictest role of its category"
            )
        return self

    @property
    def key(self) -> str:
        return f"{self.category.value}/{self.role.value}" if self.role else self.category.value


class Withhold(_Strict):
    action: Literal["withhold"] = Field(description="Withhold the whole record.")
    code: str = Field(min_length=1, max_length=40)
    basis: str = Field(min_length=3, max_length=500)


class DocumentRules(_Strict):
    juvenile: Withhold = Field(
        description="What to do when the arrestee is under 18 (Juvenile Court Act)."
    )


class DefaultRule(_Strict):
    # Only "redact" is allowed: a category or role no rule names must never be
    # released by accident because an officer forgot a line.
    action: Literal["redact"]
    code: str = Field(min_length=1, max_length=40)
    basis: str = Field(min_length=3, max_length=500)


class Policy(_Strict):
    id: str = Field(pattern=_ID_PATTERN, description="The requester type this policy serves.")
    version: int = Field(ge=1, description="Bump on every change; recorded in every audit.")
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    default: DefaultRule
    rules: list[Rule] = Field(min_length=1)
    document: DocumentRules

    _sha256: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _no_duplicate_rules(self) -> Policy:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.key in seen:
                raise ValueError(f"two rules for {rule.key}")
            seen.add(rule.key)
        return self

    @property
    def sha256(self) -> str:
        return self._sha256

    @property
    def source(self) -> str:
        return self._source

    def decide(self, finding: Finding) -> Decision:
        rule = self._rule_for(finding.category, finding.role)
        if rule is None:
            return Decision(
                finding, Action.REDACT, self.default.code, self.default.basis, "default"
            )
        return Decision(finding, rule.action, rule.code, rule.basis, rule.key)

    def _rule_for(self, category: Category, role: Role) -> Rule | None:
        of_category = [r for r in self.rules if r.category is category]
        if role is Role.UNKNOWN:
            # An unknown role is treated like the strictest role the policy names
            # for the category: if any rule redacts, the unknown one is redacted.
            redacting = [r for r in of_category if r.action is Action.REDACT]
            if redacting:
                generic = [r for r in redacting if r.role is None]
                return (generic or redacting)[0]
            # Every named rule keeps. A role-specific keep only covers its role,
            # so without a generic keep the default (redact) applies.
            return next((r for r in of_category if r.role is None), None)
        exact = next((r for r in of_category if r.role is role), None)
        if exact is not None:
            return exact
        return next((r for r in of_category if r.role is None), None)

    def decide_all(self, findings: Sequence[Finding]) -> list[Decision]:
        return [self.decide(f) for f in findings]

    def public_view(self) -> dict[str, Any]:
        view = self.model_dump(mode="json")
        view["sha256"] = self.sha256
        view["source"] = self.source
        return view


class PolicySet:
    def __init__(self, policies: Sequence[Policy]) -> None:
        self._by_id = {p.id: p for p in policies}

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def all(self) -> list[Policy]:
        return [self._by_id[i] for i in self.ids()]

    def get(self, policy_id: str) -> Policy:
        try:
            return self._by_id[policy_id]
        except KeyError:
            raise UnknownRequesterType() from None


def _describe(error: ValidationError) -> str:
    parts = []
    for err in error.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        # err["msg"] describes the rule broken; the input value is left out on
        # purpose (it is the officer's own text, but the habit matters).
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def load_policy(path: Path) -> Policy:
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise PolicyInvalid(f"{path.name}: not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise PolicyInvalid(f"{path.name}: the file must be a mapping of fields")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyInvalid(f"{path.name}: {_describe(exc)}") from None
    if policy.id != path.stem:
        raise PolicyInvalid(f"{path.name}: id: must equal the file name ({path.stem!r})")
    policy._sha256 = hashlib.sha256(raw).hexdigest()
    policy._source = path.name
    return policy


def load_policies(directory: Path) -> PolicySet:
    if not directory.is_dir():
        raise PolicyInvalid(f"{directory}: policy directory does not exist")
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise PolicyInvalid(f"{directory}: no policy files (*.yaml)")
    return PolicySet([load_policy(f) for f in files])
