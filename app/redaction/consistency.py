"""Consistency: what is removed in one place is removed in every place.

Verification refuses a document when a removed string can still be read
anywhere in it. Propagation already looks for every mention of a name or an
identifier, with rules that keep it precise (a lone surname must be
capitalised, "Moreno" is not looked for inside "Moreno-Aguilar"). This last
pass, run after the policy has decided, closes the gap between the two: every
redacted string is searched for the way verification reads the output (case,
accents and line breaks ignored, whole tokens), and each mention not yet boxed
gets the same decision. Without it a stray mention would cost the requester the
whole document; with it, at worst a word too many is boxed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.redaction.propagation import fold, token_pattern
from app.redaction.types import Action, Decision, PageText

_MIN_ALNUM = 3  # verification skips shorter strings too; boxes cover those


def complete(pages: Sequence[PageText], decisions: Sequence[Decision]) -> list[Decision]:
    out = list(decisions)
    redacted = [
        d
        for d in decisions
        if d.action is Action.REDACT and d.finding.text and not d.finding.fragment
    ]
    released = [
        fold(" ".join(d.finding.text.split())) for d in decisions if d.action is Action.KEEP
    ]
    covered: dict[int, list[tuple[int, int]]] = {}
    for d in redacted:
        covered.setdefault(d.finding.page, []).append((d.finding.start, d.finding.end))
    folded = [fold(p.text) for p in pages]
    seen: set[str] = set()
    for d in redacted:
        value = " ".join(d.finding.text.split())
        key = fold(value)
        if key in seen or sum(ch.isalnum() for ch in value) < _MIN_ALNUM:
            continue
        seen.add(key)
        pattern = token_pattern(value)
        # Verification excuses a string that is part of a released one (a
        # relative's surname inside the arrestee's released name): so do we.
        if any(pattern.search(r) for r in released):
            continue
        for page, text in zip(pages, folded, strict=True):
            spans = covered.setdefault(page.index, [])
            for m in pattern.finditer(text):
                if any(a <= m.start() and m.end() <= b for a, b in spans):
                    continue
                boxes = page.boxes_for_span(m.start(), m.end())
                if not boxes:
                    continue
                finding = replace(
                    d.finding,
                    page=page.index,
                    start=m.start(),
                    end=m.end(),
                    boxes=boxes,
                    detector="consistency",
                    text=page.text[m.start() : m.end()],
                )
                out.append(replace(d, finding=finding))
                spans.append((m.start(), m.end()))
    return out
