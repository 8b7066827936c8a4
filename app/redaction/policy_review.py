"""Reviewing a policy change: what it weakens and a readable per-rule difference.

Pure functions over two `Policy` objects, so the API, a CLI or a test can ask
"what does this change release that was withheld before?" without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from app.redaction.policy import Policy, Rule
from app.redaction.types import Action, Category, Role

# Citizenship, origin and immigration status, and the documents that reveal them
# (MCC 2-173-030, TRUST Act 15(e)).
PROTECTED_CATEGORIES: tuple[Category, ...] = (
    Category.NATIONALITY,
    Category.IMMIGRATION_STATUS,
    Category.PLACE_OF_BIRTH,
    Category.A_NUMBER,
    Category.PASSPORT,
    Category.VISA,
    Category.CONSULAR_ID,
)
# Policies under which releasing a protected category needs an explicit
# confirmation. law_enforcement is included: MCC 2-173-030 bars sharing
# citizenship or immigration status with anyone, another police agency too.
PROTECTED_POLICIES = frozenset({"federal_immigration", "public", "law_enforcement"})


@dataclass(frozen=True, slots=True)
class Weakening:
    """A protected category the new version releases (for these roles) where the old did not."""

    category: Category
    roles: tuple[Role, ...]
    via_named_release: bool = False  # released because the request may now name it


def _releases(policy: Policy, category: Category, role: Role) -> bool:
    # A policy whose requests may name what to release can release anything.
    return policy.request.named_release or policy.action_for(category, role) is Action.KEEP


def weakenings(old: Policy | None, new: Policy) -> list[Weakening]:
    """Protected categories that `new` releases and `old` withheld (None: nothing released)."""
    if new.id not in PROTECTED_POLICIES:
        return []
    out = []
    for category in PROTECTED_CATEGORIES:
        roles = tuple(
            role
            for role in Role
            if _releases(new, category, role)
            and not (old is not None and _releases(old, category, role))
        )
        if roles:
            by_rule = any(new.action_for(category, r) is Action.KEEP for r in roles)
            out.append(Weakening(category, roles, via_named_release=not by_rule))
    return out


def unconfirmed(found: Iterable[Weakening], confirmed: Iterable[str]) -> list[Weakening]:
    names = {c.strip().upper() for c in confirmed}
    return [w for w in found if w.category.value not in names]


# -- the difference between two versions -------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class RuleChange:
    rule: str  # CATEGORY or CATEGORY/role
    change: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...]
    summary: str


@dataclass(frozen=True, slots=True)
class EffectChange:
    """What a (category, role) pair gets, when it changes: the net effect of the rules."""

    category: Category
    role: Role
    before: Action
    after: Action


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    settings: tuple[FieldChange, ...]  # title, default, document, request, ...
    rules: tuple[RuleChange, ...]
    effects: tuple[EffectChange, ...]

    @property
    def summary(self) -> list[str]:
        lines = [f"~ {c.field}: {_show(c.before)} -> {_show(c.after)}" for c in self.settings]
        lines += [r.summary for r in self.rules]
        return lines


_RULE_FIELDS = ("action", "code", "basis")


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    else:
        out[prefix] = value


def _settings(policy: Policy) -> dict[str, Any]:
    data = policy.model_dump(mode="json", exclude={"rules", "id", "version"})
    flat: dict[str, Any] = {}
    _flatten("", data, flat)
    return flat


def _rule_fields(rule: Rule) -> dict[str, Any]:
    return {f: rule.model_dump(mode="json")[f] for f in _RULE_FIELDS}


def _describe_rule(rule: Rule) -> str:
    code = f" {rule.code!r}" if rule.code else ""
    return f"{rule.action.value}{code}"


def diff_policies(old: Policy, new: Policy) -> PolicyDiff:
    before, after = _settings(old), _settings(new)
    settings = tuple(
        FieldChange(k, before.get(k), after.get(k))
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    )
    old_rules = {r.key: r for r in old.rules}
    new_rules = {r.key: r for r in new.rules}
    order = [r.key for r in old.rules] + [k for k in new_rules if k not in old_rules]
    changes: list[RuleChange] = []
    for key in order:
        o, n = old_rules.get(key), new_rules.get(key)
        if o is None and n is not None:
            fields = tuple(FieldChange(f, None, v) for f, v in _rule_fields(n).items())
            changes.append(RuleChange(key, "added", fields, f"+ {key}: {_describe_rule(n)}"))
        elif n is None and o is not None:
            fields = tuple(FieldChange(f, v, None) for f, v in _rule_fields(o).items())
            changes.append(RuleChange(key, "removed", fields, f"- {key}: was {_describe_rule(o)}"))
        elif o is not None and n is not None:
            of, nf = _rule_fields(o), _rule_fields(n)
            fields = tuple(FieldChange(f, of[f], nf[f]) for f in _RULE_FIELDS if of[f] != nf[f])
            if fields:
                parts = "; ".join(
                    f"{c.field} {_show(c.before)} -> {_show(c.after)}" for c in fields
                )
                changes.append(RuleChange(key, "changed", fields, f"~ {key}: {parts}"))
    effects = tuple(
        EffectChange(c, r, old.action_for(c, r), new.action_for(c, r))
        for c in Category
        for r in Role
        if old.action_for(c, r) is not new.action_for(c, r)
    )
    return PolicyDiff(settings, tuple(changes), effects)
