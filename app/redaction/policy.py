"""Redaction policies: YAML files that policy officers edit, validated strictly.

A policy file is untrusted input until it has passed these models: unknown keys
are rejected, every redact rule must say what it prints on the box and why, and
an invalid file stops startup with a message naming the file and the field. We
never fall back to a default policy: a records unit must not release a document
under rules nobody wrote.

The same parser serves the files at startup and the versions policy officers send
through the API (`parse_policy`); its problems name the field and what is wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from app.redaction.errors import (
    InvalidRelease,
    PolicyInvalid,
    PolicyRejected,
    Problem,
    ReferenceRequired,
    ReleaseNotAllowed,
    RequestDeclined,
    UnknownRequesterType,
)
from app.redaction.types import Action, Category, Decision, Finding, Role

_ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
# Path segments of /v1/policies/... that are not policy ids.
RESERVED_IDS = frozenset({"schema"})
# Basis recorded for a value the request's `release` list named (a court order).
NAMED_RELEASE_BASIS = "Named in the order or warrant cited in the request (request.reference)"
MAX_RELEASE_ITEMS = 64


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


class ReferenceRequirement(_Strict):
    label: str = Field(
        min_length=3,
        max_length=200,
        description="What the request must cite, e.g. 'court order or judicial warrant number'.",
    )
    when_missing: Literal["refuse", "decline"] = Field(
        description=(
            "refuse: the request is rejected as incomplete (422 reference_required, audit "
            "status refused). decline: the request is declined as a matter of policy (451 "
            "request_declined, audit status declined). No document either way."
        )
    )
    code: str = Field(
        min_length=1,
        max_length=40,
        description="The legal code cited when the request is turned away.",
    )
    basis: str = Field(
        min_length=3, max_length=500, description="The legal basis, for the audit and the letter."
    )


class RequestRules(_Strict):
    reference: ReferenceRequirement | None = Field(
        default=None,
        description=(
            "When set, a request must carry an order or warrant reference (`reference`); "
            "it is recorded in the audit record. Omit it when none is needed (a reference "
            "sent anyway is still recorded)."
        ),
    )
    named_release: bool = Field(
        default=False,
        description=(
            "When true, the request may list in `release` the categories (CATEGORY or "
            "CATEGORY/role) the order names; they are released, everything else follows "
            "the rules. For court orders."
        ),
    )


class Policy(_Strict):
    id: str = Field(pattern=_ID_PATTERN, description="The requester type this policy serves.")
    version: int = Field(ge=1, description="Bump on every change; recorded in every audit.")
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    default: DefaultRule
    rules: list[Rule] = Field(min_length=1)
    document: DocumentRules
    request: RequestRules = Field(
        default_factory=RequestRules,
        description="What a request must carry (a reference) and what it may name.",
    )
    redaction_log: bool = Field(
        default=False,
        description=(
            "When true, every redacted document is sent with a redaction log appended: a "
            "page listing each redaction by page, category and code, with the legal basis "
            "of each code spelled out once (never the removed text). A request can also ask "
            "for one (the `redaction_log` form field); it cannot turn this one off."
        ),
    )

    _sha256: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")
    _content: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _no_duplicate_rules(self) -> Policy:
        if self.id in RESERVED_IDS:
            raise ValueError(f"id {self.id!r} is reserved")
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

    @property
    def content(self) -> str:
        """The exact text the policy was parsed from; `sha256` is the hash of its UTF-8."""
        return self._content

    def action_for(self, category: Category, role: Role) -> Action:
        rule = self._rule_for(category, role)
        return Action.REDACT if rule is None else rule.action

    def admit(self, *, reference: str | None, release: Sequence[str] = ()) -> Policy:
        """The policy to apply to one request, or the refusal the policy calls for.

        A missing reference is refused or declined as the policy says. A `release`
        list (a court order naming what it releases) is allowed only where the
        policy says so, and yields a derived policy that keeps what it names.
        """
        requirement = self.request.reference
        if requirement is not None and not (reference and reference.strip()):
            if requirement.when_missing == "decline":
                raise RequestDeclined()
            raise ReferenceRequired()
        if not release:
            return self
        if not self.request.named_release:
            raise ReleaseNotAllowed()
        return self.with_releases(parse_release(release))

    def with_releases(self, releases: Iterable[tuple[Category, Role | None]]) -> Policy:
        """A copy that keeps what a court order names; same id, version and hash.

        Naming a category alone releases it for every role (its role rules go);
        naming CATEGORY/role replaces that one rule.
        """
        rules = list(self.rules)
        for category, role in releases:
            if role is None:
                rules = [r for r in rules if r.category is not category]
            else:
                rules = [r for r in rules if not (r.category is category and r.role is role)]
            rules.append(
                Rule(category=category, role=role, action=Action.KEEP, basis=NAMED_RELEASE_BASIS)
            )
        derived = Policy.model_validate(
            {**self.model_dump(), "rules": [r.model_dump() for r in rules]}
        )
        derived._sha256, derived._source, derived._content = (
            self._sha256,
            self._source,
            self._content,
        )
        return derived

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
        view["source"] = self.source or None
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


TOP_LEVEL = "(top level)"
_MAX_PROBLEMS = 20


def _problems(error: ValidationError) -> list[Problem]:
    problems = []
    for err in error.errors()[:_MAX_PROBLEMS]:
        loc = ".".join(str(p) for p in err["loc"]) or TOP_LEVEL
        # err["msg"] describes the rule broken; the input value is left out on
        # purpose (it is the officer's own text, but the habit matters).
        problems.append(Problem(loc, str(err["msg"])))
    return problems


def _describe(problems: Sequence[Problem]) -> str:
    return "; ".join(f"{p.field}: {p.message}" for p in problems[:5])


def parse_policy(
    untrusted: bytes | str, *, expected_id: str | None = None, source: str = ""
) -> Policy:
    """Parse and validate a policy document (YAML, or JSON, which is YAML too).

    Raises PolicyRejected whose problems name each field and what is wrong.
    `sha256` is the hash of the exact bytes, which `content` holds as text.
    """
    raw = untrusted.encode("utf-8") if isinstance(untrusted, str) else untrusted
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyRejected([Problem(TOP_LEVEL, "the document must be UTF-8 text")]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise PolicyRejected([Problem(TOP_LEVEL, f"not valid YAML{where}")]) from None
    if not isinstance(data, dict):
        raise PolicyRejected([Problem(TOP_LEVEL, "the document must be a mapping of fields")])
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyRejected(_problems(exc)) from None
    if expected_id is not None and policy.id != expected_id:
        raise PolicyRejected([Problem("id", f"must be {expected_id!r}, the policy being edited")])
    policy._sha256 = hashlib.sha256(raw).hexdigest()
    policy._source = source
    policy._content = text
    return policy


def load_policy(path: Path) -> Policy:
    try:
        policy = parse_policy(path.read_bytes(), source=path.name)
    except PolicyRejected as exc:
        raise PolicyInvalid(f"{path.name}: {_describe(exc.problems)}") from None
    if policy.id != path.stem:
        raise PolicyInvalid(f"{path.name}: id: must equal the file name ({path.stem!r})")
    return policy


def parse_release(items: Sequence[str]) -> list[tuple[Category, Role | None]]:
    """`CATEGORY` or `CATEGORY/role` items (commas also separate), for a court order."""
    tokens = [t.strip() for item in items for t in item.split(",") if t.strip()]
    if not tokens or len(tokens) > MAX_RELEASE_ITEMS:
        raise InvalidRelease()
    out: list[tuple[Category, Role | None]] = []
    for token in tokens:
        name, _, role_name = token.partition("/")
        try:
            category = Category(name.strip().upper())
            role = Role(role_name.strip().lower()) if role_name.strip() else None
        except ValueError:
            raise InvalidRelease() from None
        if role is Role.UNKNOWN:
            raise InvalidRelease()
        if (category, role) not in out:
            out.append((category, role))
    return out


def policy_json_schema() -> dict[str, Any]:
    """The JSON Schema of a policy document, for editors."""
    schema = Policy.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "Redaction policy",
        "description": (
            "One policy per requester type. Unknown fields are errors; a category or role "
            "no rule names is redacted; `version` must be the next version number."
        ),
    }


def load_policies(directory: Path) -> PolicySet:
    if not directory.is_dir():
        raise PolicyInvalid(f"{directory}: policy directory does not exist")
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise PolicyInvalid(f"{directory}: no policy files (*.yaml)")
    return PolicySet([load_policy(f) for f in files])
