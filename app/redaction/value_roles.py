"""A value printed again is its owner's, wherever its context was lost.

A value's role comes from its context: the form row it sits on, the person named
before it in the narrative. When that context is lost for one mention (a scan
misread the grid's name, "Barttomiej" for "Bartłomiej", so the narrative's
"WISNIEWSKI, BARTLOMIEJ" is tied to no one), the mention's role is unknown and
the policy treats it as the strictest role. A policy that releases the value
for its known owner then withholds the same words in one place and releases
them in another. That serves no one: the words are public on the page either
way, and verification, which reads the output as one text, finds the withheld
value in the released one's place and refuses the whole document.

So a value found with its role unknown takes the role of the same value found
with a known role, when exactly one known role printed it. Only values that name
one owner are matched this way: a number or an address, with a digit in it
(a country or a language is shared by many people, and stays unknown).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import regex

from app.redaction.candidates import PERSONAL_ATTRIBUTES, Candidate
from app.redaction.propagation import fold
from app.redaction.types import Category, PageText, Role

_MIN_ALNUM = 5  # an age ("49") or a unit ("#2") alone names no one
# A table cell wraps a value into pieces ("2071 W. Dickens Ave, #2, Chicago, IL"
# over a phone number, then "60644" on the next line): two pieces of one role,
# this close in the page's text, are also read as one value.
_PIECES_APART = 120
# A mention that stops short of the known value ("2071 W. Dickens Ave" of the
# full address) is the same value when it keeps this many of its first words,
# or when its first word is an identifier (letters and digits this long).
_PREFIX_TOKENS = 3
_IDENTIFIER_CHARS = 6


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(regex.findall(r"[^\W_]+", fold(text)))


def _names_one_owner(tokens: Sequence[str]) -> bool:
    return any(ch.isdigit() for t in tokens for ch in t) and sum(map(len, tokens)) >= _MIN_ALNUM


def _same_value(mention: tuple[str, ...], known: tuple[str, ...]) -> bool:
    if mention == known:
        return True
    if len(mention) >= len(known) or known[: len(mention)] != mention:
        return False
    lead = mention[0]
    return len(mention) >= _PREFIX_TOKENS or (
        len(lead) >= _IDENTIFIER_CHARS and any(ch.isdigit() for ch in lead)
    )


def _known_values(
    pages: Sequence[PageText], cands: Sequence[Candidate]
) -> dict[Category, list[tuple[Role, tuple[str, ...]]]]:
    """Each known role's values per category: every value, and every two pieces
    of one role that follow each other closely on a page."""
    by_key: dict[tuple[int, Category, Role], list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.role is not Role.UNKNOWN and c.category in PERSONAL_ATTRIBUTES and c.priority > 0:
            by_key[(c.page, c.category, c.role)].append(c)
    out: dict[Category, list[tuple[Role, tuple[str, ...]]]] = defaultdict(list)
    for (page, category, role), values in by_key.items():
        text = pages[page].text
        values.sort(key=lambda c: (c.start, c.end))
        tokens = [_tokens(text[c.start : c.end]) for c in values]
        out[category] += [(role, t) for t in tokens]
        starts = [c.start for c in values]
        for first, first_tokens in zip(values, tokens, strict=True):
            # (the next piece after this one's end: two readings of one cell overlap)
            k = bisect.bisect_left(starts, first.end)
            if k < len(values) and values[k].start <= first.end + _PIECES_APART:
                out[category].append((role, first_tokens + tokens[k]))
    return out


def share_roles(pages: Sequence[PageText], cands: Sequence[Candidate]) -> list[Candidate]:
    """`cands`, each value of unknown role that a single known role also printed
    taking that role."""
    known = _known_values(pages, cands)
    out = []
    for c in cands:
        if c.role is Role.UNKNOWN and c.category in known and c.priority > 0:
            mention = _tokens(pages[c.page].text[c.start : c.end])
            if _names_one_owner(mention):
                roles = {role for role, value in known[c.category] if _same_value(mention, value)}
                if len(roles) == 1:
                    c = replace(c, role=roles.pop())
        out.append(c)
    return out
