"""Staff review: the proposal a reviewer sees, and the changes a reviewer may make.

A proposal is the pipeline stopped before anything is burnt in: every decision
the policy made, redact and keep, with the text it is about (for the reviewer's
eyes only; it never leaves memory otherwise). Items are numbered from 1 in the
order of the decisions, which is also the order of the audit record's entries.

A reviewer may
- remove a proposed redaction (`RemoveItem`): that one mention is released on
  purpose; other mentions of the same string stay redacted;
- add one (`AddRedaction`): a rectangle on a page (whatever is under it goes),
  or a text to find (every mention of it in the document goes, and it is then
  checked like any detected value).

Verification after review. The ordinary check refuses a document in which a
withheld string can still be found. A string a reviewer released is, by
definition, still there, and so may be a shorter withheld string inside it (a
surname inside a released full name). Those strings are therefore passed to the
ordinary check as released, and checked here instead, by counting: on each page,
the output may contain a released string no more often than the original did
outside the boxes that remain (`released_residuals`). A mention the reviewer
released counts once; another mention of the same string that is still under a
box does not, so if it could still be read the count is over and the document
is refused. The boxes themselves are also checked, as always, for any text left
under them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import pymupdf

from app.redaction.errors import Problem, ReviewChangeRejected
from app.redaction.pdf_text import reading_text
from app.redaction.policy import Policy
from app.redaction.propagation import fold, token_pattern
from app.redaction.types import Action, Category, Decision, Finding, PageText, Rect, Role

REVIEWER = "reviewer"  # the detector and rule of a value a reviewer added
MAX_FIND_TEXT = 200
_MIN_ALNUM = 3  # as verification: shorter strings are proven by their boxes


@dataclass(frozen=True, slots=True)
class Proposal:
    """Everything the policy would do to one document; nothing burnt in yet."""

    pages: int
    juvenile: bool  # the whole record is withheld: release returns the notice
    page_sizes: tuple[tuple[float, float], ...]  # unrotated width, height per page
    decisions: tuple[Decision, ...]  # item n is decisions[n - 1]

    def redactions(self) -> list[Decision]:
        return [d for d in self.decisions if d.action is Action.REDACT]


@dataclass(frozen=True, slots=True)
class RemoveItem:
    item: int  # 1-based item number of a proposed redaction
    justification: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class AddRedaction:
    """A rectangle on a page (0-based), or a text to find in the whole document."""

    category: Category
    role: Role
    justification: str = field(repr=False)
    page: int | None = None
    rect: Rect | None = None
    text: str | None = field(default=None, repr=False)


ReviewChange = RemoveItem | AddRedaction


@dataclass(frozen=True, slots=True)
class AppliedChange:
    """One reviewer change as the audit records it: where and why, never the text."""

    change: Literal["remove", "add"]
    located_by: Literal["item", "rect", "text"]
    category: Category
    role: Role
    justification: str = field(repr=False)
    item: int | None
    boxes: tuple[tuple[int, Rect], ...]  # (0-based page, box)


@dataclass(frozen=True, slots=True)
class Review:
    decisions: tuple[Decision, ...]  # what to burn in: the proposal with the changes
    released: tuple[str, ...] = field(repr=False)  # texts of the removed items
    changes: tuple[AppliedChange, ...] = ()


def _alnum(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def _redact_rule(policy: Policy, finding: Finding) -> Decision:
    """The code and basis for a value a reviewer adds: the policy's redact rule, else default."""
    decided = policy.decide(finding)
    if decided.action is Action.REDACT:
        return Decision(finding, Action.REDACT, decided.code, decided.basis, REVIEWER)
    return Decision(finding, Action.REDACT, policy.default.code, policy.default.basis, REVIEWER)


def _finding(
    change: AddRedaction, page: int, start: int, end: int, boxes: tuple[Rect, ...], text: str
) -> Finding:
    return Finding(
        category=change.category,
        role=change.role,
        page=page,
        start=start,
        end=end,
        boxes=boxes,
        score=1.0,
        detector=REVIEWER,
        text=text,
        # A rectangle is an area, not a string: verification checks its box.
        fragment=not text,
    )


def _by_rect(
    change: AddRedaction, pages: Sequence[PageText], where: str, problems: list[Problem]
) -> list[Finding]:
    if change.page is None or change.rect is None:
        problems.append(Problem(where, "give `page` and `rect`, or `text`"))
        return []
    if not 0 <= change.page < len(pages):
        problems.append(Problem(f"{where}.page", "the document has no such page"))
        return []
    page = pages[change.page]
    r = change.rect
    if not all(v == v and abs(v) < 1e6 for v in r.as_tuple()) or r.x1 <= r.x0 or r.y1 <= r.y0:
        problems.append(Problem(f"{where}.rect", "must be [x0, y0, x1, y1] with x0 < x1, y0 < y1"))
        return []
    clipped = r.intersect(Rect(0.0, 0.0, page.width, page.height))
    if clipped is None:
        problems.append(Problem(f"{where}.rect", "lies outside the page"))
        return []
    return [_finding(change, change.page, 0, 0, (clipped,), "")]


def _by_text(
    change: AddRedaction, pages: Sequence[PageText], where: str, problems: list[Problem]
) -> list[Finding]:
    value = " ".join((change.text or "").split())
    if not value or _alnum(value) == 0 or len(value) > MAX_FIND_TEXT:
        problems.append(
            Problem(f"{where}.text", f"must hold a letter or digit, at most {MAX_FIND_TEXT} chars")
        )
        return []
    pattern = token_pattern(value)
    found: list[Finding] = []
    for page in pages:
        for m in pattern.finditer(fold(page.text)):
            boxes = page.boxes_for_span(m.start(), m.end())
            if boxes:
                text = page.text[m.start() : m.end()]
                found.append(_finding(change, page.index, m.start(), m.end(), boxes, text))
    if not found:
        # Never the text itself: only that it was not there.
        problems.append(Problem(f"{where}.text", "was not found in the document"))
    return found


def apply_changes(
    proposal: Proposal,
    pages: Sequence[PageText],
    policy: Policy,
    changes: Sequence[ReviewChange],
) -> Review:
    """The proposal with the reviewer's changes, or ReviewChangeRejected naming each problem."""
    problems: list[Problem] = []
    if proposal.juvenile and changes:
        raise ReviewChangeRejected(
            [Problem("changes", "the whole record is withheld (juvenile arrestee); no changes")]
        )
    removed: dict[int, RemoveItem] = {}
    added: list[Decision] = []
    applied: list[AppliedChange] = []
    for i, change in enumerate(changes):
        where = f"changes.{i}"
        if isinstance(change, RemoveItem):
            n = change.item
            if not 1 <= n <= len(proposal.decisions):
                problems.append(Problem(f"{where}.item", "no proposed item has this number"))
                continue
            target = proposal.decisions[n - 1]
            if target.action is not Action.REDACT:
                problems.append(Problem(f"{where}.item", "this item is kept, not redacted"))
                continue
            if n in removed:
                problems.append(Problem(f"{where}.item", "this item is already removed"))
                continue
            removed[n] = change
            f = target.finding
            applied.append(
                AppliedChange(
                    change="remove",
                    located_by="item",
                    category=f.category,
                    role=f.role,
                    justification=change.justification,
                    item=n,
                    boxes=tuple((f.page, b) for b in f.boxes),
                )
            )
            continue
        if change.text is not None:
            if change.page is not None or change.rect is not None:
                problems.append(Problem(where, "give `page` and `rect`, or `text`, not both"))
                continue
            findings = _by_text(change, pages, where, problems)
            located: Literal["rect", "text"] = "text"
        else:
            findings = _by_rect(change, pages, where, problems)
            located = "rect"
        if not findings:
            continue
        added.extend(_redact_rule(policy, f) for f in findings)
        applied.append(
            AppliedChange(
                change="add",
                located_by=located,
                category=change.category,
                role=change.role,
                justification=change.justification,
                item=None,
                boxes=tuple((f.page, b) for f in findings for b in f.boxes),
            )
        )
    if problems:
        raise ReviewChangeRejected(problems)
    kept = [d for n, d in enumerate(proposal.decisions, 1) if n not in removed]
    released = [proposal.decisions[n - 1].finding.text for n in sorted(removed)]
    return Review(
        decisions=(*kept, *added),
        released=tuple(t for t in released if t.strip()),
        changes=tuple(applied),
    )


def _targets(decisions: Sequence[Decision], released: Sequence[str]) -> list[str]:
    """Released strings, and withheld strings inside them: the ones checked by count."""
    values = [" ".join(t.split()) for t in released]
    values = [v for v in values if _alnum(v) >= _MIN_ALNUM]
    folded_released = [fold(v) for v in values]
    for d in decisions:
        if d.action is not Action.REDACT or d.finding.fragment:
            continue
        w = " ".join(d.finding.text.split())
        if _alnum(w) < _MIN_ALNUM:
            continue
        pattern = token_pattern(w)
        if any(pattern.search(r) for r in folded_released):
            values.append(w)
    return list({fold(v): v for v in values}.values())


def released_residuals(
    output_pdf: bytes,
    pages: Sequence[PageText],
    decisions: Sequence[Decision],
    released: Sequence[str],
) -> int:
    """Mentions of released (or enclosed withheld) strings beyond what the original allows.

    For each such string and each page: the mentions in the output, less the
    mentions in the original that no remaining redaction overlaps. A page the
    original does not have (an appended redaction log) allows none.
    """
    targets = _targets(decisions, released)
    if not targets:
        return 0
    covered: dict[int, list[tuple[int, int]]] = {}
    for d in decisions:
        f = d.finding
        if d.action is Action.REDACT and f.end > f.start:
            covered.setdefault(f.page, []).append((f.start, f.end))
    doc = pymupdf.open(stream=output_pdf, filetype="pdf")
    try:
        out_texts = [fold(reading_text(page)) for page in doc]
    finally:
        doc.close()
    in_texts = {p.index: fold(p.text) for p in pages}
    residual = 0
    for value in targets:
        pattern = token_pattern(value)
        for index, out in enumerate(out_texts):
            found = sum(1 for _ in pattern.finditer(out))
            if not found:
                continue
            spans = covered.get(index, [])
            allowed = sum(
                1
                for m in pattern.finditer(in_texts.get(index, ""))
                if not any(m.start() < b and a < m.end() for a, b in spans)
            )
            residual += max(0, found - allowed)
    return residual
