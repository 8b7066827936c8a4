"""Propagate: what is found once is found everywhere in the document.

A name found under the NAME label is also in the narrative as "Mr. Garcia",
"GARCIA, Juan" or "Juan Garcia's", maybe on page 3, maybe broken over a line.
An A-number printed as "A# 212-345-678" comes back as "A212345678". Each person
becomes one entity with one role; every mention of any of its variants gets that
role, except where a rank title shows the mention is an officer.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from app.redaction import persons
from app.redaction.candidates import INCIDENT_CATEGORIES, P_PATTERN, Candidate
from app.redaction.types import Category, PageText, Role

# Values that are released under every shipped policy, or too short to search
# for without hitting unrelated text, are not propagated.
_NOT_PROPAGATED = INCIDENT_CATEGORIES | {
    Category.PERSON,  # persons have their own, name-aware propagation
    Category.AGE,
    # A language name is also a demonym ("Polish", "Vietnamese"): copied
    # everywhere it would claim nationality mentions as a released language.
    Category.LANGUAGE,
}
_CODES = frozenset({Category.NATIONALITY, Category.PLACE_OF_BIRTH})
_ROLE_PREFERENCE = {
    # When one surname belongs to several people, a bare mention is given to the
    # person the report is about; an officer only gets it when a title says so.
    Role.ARRESTEE: 0,
    Role.CO_ARRESTEE: 1,
    Role.UNKNOWN: 2,
    Role.VICTIM: 3,
    Role.WITNESS: 3,
    Role.RELATIVE: 3,
    Role.OFFICER: 9,
}
_TITLE_BEFORE = regex.compile(rf"(?:{persons.TITLES})[ \t]+(?:\p{{Lu}}\.[ \t]*)?$")


@dataclass
class _Entity:
    role: Role
    tokens: set[str]
    names: set[str] = field(default_factory=set)


def fold(text: str) -> str:
    """Case- and accent-insensitive copy of `text` with the same length.

    Offsets into the folded text are offsets into the original, so a match can
    be boxed; "Maria" then finds "María" and "MARÍA".
    """
    return "".join(_fold_char(c) for c in text)


# Letters with a stroke have no decomposition, yet are left out the same way when
# a name is typed without them ("Pawłowski" as "PAWLOWSKI", "Søren" as "SOREN").
_STROKED = {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ı": "i", "ŀ": "l", "ƶ": "z"}


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].casefold()
    base = _STROKED.get(base, base)
    return base if len(base) == 1 else c


def flexible_body(value: str) -> str:
    """A regex body for `value` (folded) that tolerates line breaks, hyphenation
    and spacing; the caller adds the boundaries it needs."""
    out = []
    for ch in fold(value):
        if ch.isspace():
            out.append(r"\s+")
        elif ch == "-":
            out.append(r"-\s*")
        elif ch == ",":
            # A scan reads a comma as a full stop ("RAHMAN. MOHAMMED IQBAL"), and
            # a speck after it as a mark of its own ("SALEM," / "; AHMAD").
            out.append(r"[,.]\s*(?:[;:]\s*)?")
        else:
            out.append(regex.escape(ch))
    return "".join(out).replace(r"\s+\s+", r"\s+")


def token_pattern(value: str) -> regex.Pattern[str]:
    """`value` as whole tokens in folded text, tolerant of line breaks: as
    verification reads the output. Unlike `_flexible`'s, these boundaries let a
    hyphen end a token ("Moreno" in "Moreno-Aguilar"). Consistency and review
    search with it."""
    head = r"(?<![^\W_])" if value[:1].isalnum() else ""
    tail = r"(?![^\W_])" if value[-1:].isalnum() else ""
    return regex.compile(head + flexible_body(value) + tail)


def _flexible(value: str) -> str:
    # No match inside a longer word or a longer hyphenated name ("Moreno" must
    # not match inside "Moreno-Aguilar").
    body = flexible_body(value)
    return rf"(?<![\p{{L}}\p{{N}}]|\p{{L}}-){body}(?![\p{{L}}\p{{N}}]|-\p{{L}})"


# The lookarounds of `_flexible`, tested one character at a time (_FlexibleSearch).
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_LETTER = regex.compile(r"\p{L}")
_SPACE = regex.compile(r"\s")


# A document's values are searched for in each of a scan's two readings, and the
# `regex` module's own cache holds 500 patterns, tossing a fifth of them at random
# when full: a digits pattern took 3 ms to compile, and a scan's propagation
# compiled about 300 of them per document.
_compiled = functools.lru_cache(maxsize=4096)(regex.compile)


class _FlexibleSearch:
    """The matches of `_flexible(value)` in a text, as (start, end).

    Compiling the lookarounds costs four times the body, and a document compiles
    a pattern per name variant and per value. So the body is compiled alone and
    the lookarounds are checked at each match, which finds the same matches as
    `regex.compile(_flexible(value)).finditer`: the body is literal text with
    `\\s+` or `\\s*` before each literal that `\\s` cannot match, so at any position
    it matches one way only, or not at all, and a match the lookarounds reject
    is searched again one character further on, as the regex engine does. A
    value that could backtrack (one that starts or ends with a space, ends
    with "-" or ",", or holds a character `\\s` matches but str.isspace does
    not) is searched with the whole pattern.
    """

    __slots__ = ("_body", "_whole")

    def __init__(self, value: str) -> None:
        folded = fold(value)
        self._body: regex.Pattern[str] | None = None
        self._whole: regex.Pattern[str] | None = None
        if (
            folded
            and not folded[0].isspace()
            and not folded[-1].isspace()
            and folded[-1] not in "-,"
            and not any(not ch.isspace() and _SPACE.match(ch) for ch in folded)
        ):
            self._body = _compiled(flexible_body(value))
        else:
            self._whole = _compiled(_flexible(value))

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._body is None:
            assert self._whole is not None
            return [m.span() for m in self._whole.finditer(text)]
        body = self._body
        out: list[tuple[int, int]] = []
        n = len(text)
        pos = 0
        while (m := body.search(text, pos)) is not None:
            start, end = m.span()
            if (
                (start >= 1 and _LETTER_OR_DIGIT.match(text, start - 1))
                or (start >= 2 and text[start - 1] == "-" and _LETTER.match(text, start - 2))
                or (end < n and _LETTER_OR_DIGIT.match(text, end))
                or (end + 1 < n and text[end] == "-" and _LETTER.match(text, end + 1))
            ):
                pos = start + 1  # inside a longer word: search on from the next character
                continue
            out.append((start, end))
            pos = end
        return out


class _PatternSearch:
    """The matches of a compiled pattern in a text, as (start, end)."""

    __slots__ = ("_pattern",)

    def __init__(self, pattern: str) -> None:
        self._pattern = _compiled(pattern)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._pattern.finditer(text)]


# Between two digits of a number found again: a space, a hyphen, a full stop or nothing.
_DIGIT_JOINT = r"[\s\-.]?"


def _digits_pattern(value: str) -> str | None:
    digits = regex.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    prefix = regex.match(r"^\p{L}+", value.strip())
    # Its letters as printed (in any case: the search runs on folded text), or as
    # many letters glued to the digits: the same number with its letter misread
    # on a scan ("G0070292" for C0070292) is the number whole, not its digits
    # with a letter left visible. A single letter may be read as a digit too
    # ("785461956" and "185461 956" for the consular number T85461956), or as a
    # sign ("$67667919828" for the licence number S67667919828).
    misread = r"|[\p{N}$§€£¥](?=\p{N})" if prefix and len(prefix.group()) == 1 else ""
    lead = (
        rf"(?:(?i:{regex.escape(prefix.group())})[\s\-#]*"
        rf"|\p{{L}}{{{len(prefix.group())}}}(?=\p{{N}}){misread})?"
        if prefix
        else ""
    )
    body = _DIGIT_JOINT.join(digits)
    # ... and the letters printed after its last digit ("M1913437A"), or as many
    # glued: a copy split by a scan ("M191 3437A") was found up to its last
    # digit, and its last letter left visible.
    last = max(i for i, ch in enumerate(value) if ch.isdigit())
    suffix = regex.match(r"\p{L}{1,3}(?!\p{L})", value, pos=last + 1)
    tail = (
        rf"(?:(?i:{regex.escape(suffix.group())})|\p{{L}}{{{len(suffix.group())}}}(?!\p{{L}}))?"
        if suffix
        else ""
    )
    return rf"(?<![\p{{N}}]){lead}{body}{tail}(?![\p{{N}}])"


def _entities(pages: Sequence[PageText], people: Sequence[Candidate]) -> list[_Entity]:
    entities: list[_Entity] = []
    known = sorted(people, key=lambda c: c.role is Role.UNKNOWN)
    for role, text in _names_of(pages, known):
        toks = set(persons.name_tokens(text))
        if not toks:
            continue
        match = _best_entity(entities, toks, role)
        if match is None:
            entities.append(_Entity(role, toks, {text}))
            continue
        match.names.add(text)
        match.tokens |= toks
    return entities


def _names_of(pages: Sequence[PageText], people: Sequence[Candidate]) -> list[tuple[Role, str]]:
    """Each person candidate's name, with a name that a table cell wraps at its
    hyphen read whole: "Abelardo Bustos-" over "Becerra" is "Abelardo
    Bustos-Becerra", which the narrative prints "BUSTOS-BECERRA, ABELARDO"."""
    out: list[tuple[Role, str]] = []
    joined: set[int] = set()
    cells = sorted(
        (c for c in people if c.detector == "form_label"), key=lambda c: (c.page, c.start)
    )
    for first, second in itertools.pairwise(cells):
        head = pages[first.page].text[first.start : first.end].rstrip()
        if (
            head.endswith("-")
            and second.page == first.page
            and second.role is first.role
            and 0 < second.start - first.end < 200
        ):
            tail = pages[second.page].text[second.start : second.end].strip()
            out.append((first.role, head + tail))
            joined |= {id(first), id(second)}
    out += [(c.role, pages[c.page].text[c.start : c.end]) for c in people if id(c) not in joined]
    # Known roles first, as the candidates came.
    return sorted(out, key=lambda item: item[0] is Role.UNKNOWN)


def _best_entity(entities: list[_Entity], toks: set[str], role: Role) -> _Entity | None:
    related = [e for e in entities if toks <= e.tokens or e.tokens <= toks]
    if role is not Role.UNKNOWN:
        # A known role only joins an entity of the same role: the arrestee and
        # her sister share a surname but are two people.
        same = [e for e in related if e.role is role and (toks == e.tokens or len(toks) > 1)]
        return same[0] if same else None
    if not related:
        return None
    return min(related, key=lambda e: _ROLE_PREFERENCE[e.role])


@dataclass(frozen=True, slots=True)
class Seam:
    """Two spans read as one text, joined by a line break: the last body line of
    a page and a line at the top of the next ("...WORKS AS A ROOFER FOR LAKEVIEW"
    / page 2: "DENTAL GROUP, AND ..."). A value found across the join is marked
    in both pieces."""

    first_page: int
    first: tuple[int, int]
    second_page: int
    second: tuple[int, int]

    def text(self, pages: Sequence[PageText]) -> str:
        return self.text_of(pages[self.first_page], pages[self.second_page])

    def text_of(self, first: PageText, second: PageText) -> str:
        """The two spans joined by a line break, read from these pages' texts."""
        a, b = first.text, second.text
        return f"{a[self.first[0] : self.first[1]]}\n{b[self.second[0] : self.second[1]]}"

    def within(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(page, start, end) of a match at `start:end` of `text()` that lies in
        one of the two spans, or None when it runs across the join."""
        join = self.first[1] - self.first[0]
        if end <= join:
            return self.first_page, self.first[0] + start, self.first[0] + end
        if start > join:
            offset = self.second[0] - join - 1
            return self.second_page, start + offset, end + offset
        return None

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]] | None:
        """(page, start, end) of a match at `start:end` of `text()` in each page,
        or None when it does not run across the join."""
        join = self.first[1] - self.first[0]
        if not start < join < end - 1:
            return None
        return [
            (self.first_page, self.first[0] + start, self.first[1]),
            (self.second_page, self.second[0], self.second[0] + end - join - 1),
        ]


def propagate(
    pages: Sequence[PageText], cands: Sequence[Candidate], seams: Sequence[Seam] = ()
) -> list[Candidate]:
    out = list(cands)
    people = [c for c in cands if c.category is Category.PERSON and c.priority > 0]
    entities = _entities(pages, people)
    out.extend(_propagate_people(pages, entities, people, seams))
    out.extend(_propagate_values(pages, cands, seams))
    return out


def _propagate_people(
    pages: Sequence[PageText],
    entities: list[_Entity],
    people: Sequence[Candidate],
    seams: Sequence[Seam] = (),
) -> list[Candidate]:
    hits: list[tuple[int, int, int, _Entity]] = []
    folded_pages = [fold(p.text) for p in pages]
    seam_texts = [fold(seam.text(pages)) for seam in seams]
    across: list[Candidate] = []
    for entity in entities:
        variants: set[str] = set()
        for name in entity.names:
            variants |= persons.name_variants(name)
        for variant in variants:
            search = _FlexibleSearch(variant)
            if " " in variant:  # a whole name broken by a page break
                for seam, folded in zip(seams, seam_texts, strict=True):
                    for start, end in search.spans(folded):
                        across.extend(_seam_copies(seam, start, end, entity.role))
            for page, folded in zip(pages, folded_pages, strict=True):
                for start, end in search.spans(folded):
                    if not page.text[start].isupper() and " " not in variant:
                        # A lone surname is only a name when capitalised ("rose" is
                        # not Rose); a whole name in lower case is still the name.
                        continue
                    printed = page.text[start:end]
                    if persons.is_short_surname(variant) and printed not in (
                        variant.title(),
                        variant.upper(),
                    ):
                        continue  # "Vo" or "VO", never "vO"
                    hits.append((page.index, start, end, entity))
    # Longest first, then the preferred role, so "Ana Ruiz" (sister) wins over
    # the bare "Ruiz" of the arrestee inside it.
    hits.sort(key=lambda h: (-(h[2] - h[1]), _ROLE_PREFERENCE[h[3].role]))
    taken: dict[int, list[tuple[int, int]]] = {}
    out: list[Candidate] = []
    for page_i, start, end, entity in hits:
        spans = taken.setdefault(page_i, [])
        if any(s < end and start < e for s, e in spans):
            # "LUIS\nÁNGEL URDANETA-MONTILLA" under a longer, shifted hit ("ÁNGEL
            # URDANETA-MONTILLA REFUSED"): the words it adds are this name's too.
            out.extend(
                Candidate(
                    Category.PERSON,
                    entity.role,
                    page_i,
                    s,
                    e,
                    0.8,
                    "propagation",
                    P_PATTERN,
                    fragment=True,
                )
                for s, e in _uncovered(pages[page_i].text, start, end, spans)
            )
            continue
        spans.append((start, end))
        before = pages[page_i].text[max(0, start - 40) : start]
        role = Role.OFFICER if _TITLE_BEFORE.search(before) else entity.role
        if role is Role.OFFICER and entity.role is not Role.OFFICER:
            # A title before a non-officer's name: only trust it for the exact
            # mention that carried the title in the first place.
            role = entity.role if not _was_officer_mention(people, page_i, start) else role
        out.append(
            Candidate(Category.PERSON, role, page_i, start, end, 0.8, "propagation", P_PATTERN)
        )
    return out + across


def _uncovered(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The words of `start:end` that no span covers, as runs."""
    out: list[tuple[int, int]] = []
    for m in regex.finditer(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*", text[start:end]):
        s, e = start + m.start(), start + m.end()
        if any(a < e and s < b for a, b in spans):
            continue
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _seam_copies(seam: Seam, start: int, end: int, role: Role) -> list[Candidate]:
    """A name found across a seam, as a fragment in each page."""
    return [
        Candidate(Category.PERSON, role, page, s, e, 0.8, "propagation", P_PATTERN, fragment=True)
        for page, s, e in seam.pieces(start, end) or ()
    ]


def _was_officer_mention(people: Sequence[Candidate], page: int, start: int) -> bool:
    return any(c.page == page and c.start == start and c.role is Role.OFFICER for c in people)


def _phone_local_pattern(value: str) -> str | None:
    """A phone's seven-digit local part, printed alone where the number was
    broken across lines or pages ("BY TELEPHONE AT (312)" / page 2: "885-5542").
    Only the grouped form: seven bare digits are as often an IR number."""
    digits = regex.sub(r"\D", "", value)
    if len(digits) < 10:
        return None
    local = digits[-7:]
    return rf"(?<![\p{{N}}\-]){local[:3]}[\-.][ ]?{local[3:]}(?![\p{{N}}])"


def _propagate_values(
    pages: Sequence[PageText], cands: Sequence[Candidate], seams: Sequence[Seam] = ()
) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[str, Category]] = set()
    folded_pages = [fold(p.text) for p in pages]
    seam_texts = [seam.text(pages) for seam in seams]
    texts = _Texts(pages, folded_pages, seams, seam_texts, [fold(t) for t in seam_texts])
    for c, value in _wrapped_alias_cells(pages, cands):
        # The copies are whole aliases, not pieces of a cell.
        out.extend(_each_alias(replace(c, fragment=False), value, texts, seen))
    for c in cands:
        # A cell fragment is no value of its own; a place name is, and its other
        # mentions are found (as places: boxes, not text, see Finding.fragment).
        if (
            c.priority == 0
            or (c.fragment and c.category is not Category.PLACE)
            or c.category in _NOT_PROPAGATED
        ):
            continue
        value = pages[c.page].text[c.start : c.end].strip()
        if c.category is Category.ALIAS and regex.search(r"[;,]", value):
            out.extend(_each_alias(c, value, texts, seen))
        if c.category is Category.DATE_OF_BIRTH and len(regex.findall(r"\d+", value)) < 2:
            # A piece of a wrapped table cell ("JULY", "1973") is no date of its
            # own: found again, it would take the month or year of other dates.
            continue
        if c.category is Category.ADDRESS and not any(ch.isdigit() for ch in value):
            # Likewise an address without its number ("Chicago", "Unit B"): found
            # again it would take the city out of "Chicago Police Department".
            continue
        size = len(regex.sub(r"[\W_]", "", value))
        # Three-letter country codes ("POL", "GTM") are worth finding again, but
        # only as printed: folded, "CAN" would match every "can".
        exact_case = size == 3 and value.isupper() and c.category in _CODES
        if (size < 4 and not exact_case) or (value, c.category) in seen:
            continue
        seen.add((value, c.category))
        searches: list[tuple[_FlexibleSearch | _PatternSearch, bool]]
        if exact_case:
            exact = rf"(?<![\p{{L}}\p{{N}}]){regex.escape(value)}(?![\p{{L}}\p{{N}}])"
            searches = [(_PatternSearch(exact), False)]
        else:
            searches = [(_FlexibleSearch(value), True)]
            digits = _digits_pattern(value)
            if digits:
                searches.append((_PatternSearch(digits), True))
            local = _phone_local_pattern(value) if c.category is Category.PHONE else None
            if local:
                searches.append((_PatternSearch(local), True))
        found = [
            copy for search, folded in searches for copy in _copies(c, search, texts, folded=folded)
        ]
        out.extend(found)
        if not exact_case:
            out.extend(_ocr_marked_copies(c, value, pages, texts, found))
            out.extend(_ocr_glyph_copies(c, value, pages, found))
        if c.category is Category.VEHICLE:
            out.extend(_ocr_plate_copies(c, value, pages))
    return out


# A plate found once, read one character off on a scan where it comes again
# ("DGG 657" as "DGG 65d," and "QPV 750" as "OPV 750": a glyph OCR misread in a
# mention no plate pattern knows). On OCR pages only (`PageText.ocr`), a plate
# of five to eight letters and digits, both, and each word as long as printed.
_PLATE_SIZE = range(5, 9)


def _ocr_plate_copies(c: Candidate, value: str, pages: Sequence[PageText]) -> list[Candidate]:
    words = value.upper().split()
    chars = "".join(words)
    if (
        len(chars) not in _PLATE_SIZE
        or not chars.isalnum()
        or chars.isdigit()
        or chars.isalpha()
        or not any(p.ocr for p in pages)
    ):
        return []
    alternatives = []
    for k in range(len(chars)):
        glyphs = [regex.escape(ch) for ch in chars]
        glyphs[k] = r"[\w$§]"
        at = 0
        parts = []
        for w in words:
            parts.append("".join(glyphs[at : at + len(w)]))
            at += len(w)
        alternatives.append(r"[ \t]+".join(parts))
    search = _PatternSearch(rf"(?i)(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")
    return [
        _found_again(c, page.index, start, end)
        for page in pages
        if page.ocr
        for start, end in search.spans(page.text)
    ]


# A long number read again on a scan with one digit read as a glyph that is no
# digit ("8447-€885-03" for the consular number 8447-6885-03 in the narrative):
# on OCR pages only, a number of eight digits or more, found with one of them
# (or a separator) taken by a letter or a mark. Seven digits in place still
# tie it to the value; a digit for a digit would be another number.
_GLYPH_MIN_DIGITS = 8


def _ocr_glyph_copies(
    c: Candidate, value: str, pages: Sequence[PageText], found: Sequence[Candidate]
) -> list[Candidate]:
    digits = regex.sub(r"\D", "", value)
    if len(digits) < _GLYPH_MIN_DIGITS or not any(p.ocr for p in pages):
        return []
    body = _DIGIT_JOINT.join(digits)
    search = _PatternSearch(rf"(?<![\p{{L}}\p{{N}}])(?:{body}){{1<=s<=1:[^\d\s]}}(?![\p{{N}}])")
    return _new_ocr_copies(c, search, ((page, page.text) for page in pages), found)


def _found_again(c: Candidate, page: int, start: int, end: int) -> Candidate:
    """`c` where propagation found its value again."""
    return replace(
        c,
        page=page,
        start=start,
        end=end,
        score=min(c.score, 0.8),
        detector="propagation",
        priority=P_PATTERN,
    )


# A value of two words or more read again on a scan with a stray mark OCR put
# inside or after its words ("NORTHSIDE. ROOFING LLC", "9505 / S$. KILDARE AVE"),
# a space read as a mark ("PARK.AVE"), a printed mark read as another or dropped
# ("4115 W, 31ST ST, SUMMIT;"), a letter read as the digit, mark or letter it
# looks like ("Metro Stee! Fabricators", "SWEET HOME CAPE"), or a gap inside a
# number ("23 19 N. Central Ave."): on OCR pages only, the value's letters and
# digits in order, each with one optional mark after it (or a space, between two
# digits), whole words at both ends.
_STRAY_MARK = r"[.,'’`$§:;]?"
_DIGIT_GAP = r"[.,'’`$§:; ]?"
_MARKED_MIN_CHARS = 8
_LOOK_ALIKE = {
    "l": "l1!|i", "i": "il1!|", "1": "1li!|", "o": "o0", "0": "0o", "s": "s5$§",
    "5": "5s$§", "b": "b8", "8": "8b", "z": "z2", "2": "2z", "g": "g6", "6": "6g",
    "f": "fp", "p": "pf",
}  # fmt: skip
_VALUE_MARKS = ".,;:"


def _marked_glyph(ch: str) -> str:
    alike = _LOOK_ALIKE.get(ch)
    return f"[{regex.escape(alike)}]" if alike else regex.escape(ch)


def _ocr_marked_copies(
    c: Candidate,
    value: str,
    pages: Sequence[PageText],
    texts: _Texts,
    found: Sequence[Candidate],
) -> list[Candidate]:
    chars = regex.sub(r"[\W_]", "", value)
    if (
        len(value.split()) < 2
        or len(chars) < _MARKED_MIN_CHARS
        or chars.isdigit()
        or not any(p.ocr for p in pages)
    ):
        return []
    # A space, a mark read for it, or a speck read as a mark standing alone
    # between the words ("SALEM," / "; AHMAD" across a line break).
    space = r"(?:\s+(?:[.,;:'’`|]\s+)?|[.,])"
    body: list[str] = []
    folded = fold(value).strip()
    for k, ch in enumerate(folded):
        if ch.isspace():
            if body[-1:] != [space]:
                body.append(space)
        elif ch.isalnum():
            # (none after the last: a mark after the value is no part of it)
            gap = _DIGIT_GAP if ch.isdigit() and folded[k + 1 : k + 2].isdigit() else _STRAY_MARK
            body.append(_marked_glyph(ch) + (gap if k < len(folded) - 1 else ""))
        elif ch in _VALUE_MARKS:
            body.append(f"[{_VALUE_MARKS}]?")
        else:
            body.append(regex.escape(ch) + "?")
    search = _PatternSearch(rf"(?<![\p{{L}}\p{{N}}]){''.join(body)}(?![\p{{L}}\p{{N}}])")
    return _new_ocr_copies(c, search, zip(pages, texts.folded_pages, strict=True), found)


def _new_ocr_copies(
    c: Candidate,
    search: _PatternSearch,
    texts: Iterable[tuple[PageText, str]],
    found: Sequence[Candidate],
) -> list[Candidate]:
    """`c` where `search` matches the text of an OCR page (the page, and its text
    as searched), except where it was `found` already."""
    already = {(f.page, f.start, f.end) for f in found}
    return [
        _found_again(c, page.index, start, end)
        for page, text in texts
        if page.ocr
        for start, end in search.spans(text)
        if (page.index, start, end) not in already
    ]


def _each_alias(
    c: Candidate, value: str, texts: _Texts, seen: set[tuple[str, Category]]
) -> list[Candidate]:
    """ "AKA: Pelón, Yoni Amaya": each alias of a list comes back alone in the
    narrative, and is searched for once per document (`seen`)."""
    out: list[Candidate] = []
    for part in regex.split(r"\s*[;,]\s*", value):
        if len(part) >= 4 and (part, c.category) not in seen:
            seen.add((part, c.category))
            out.extend(_copies(c, _FlexibleSearch(part), texts, folded=True))
    return out


def _wrapped_alias_cells(
    pages: Sequence[PageText], cands: Sequence[Candidate]
) -> list[tuple[Candidate, str]]:
    """An alias cell that wraps is read as fragments ("Shorty; Iris" over
    "Interiano Cálix"), none a value of its own. Joined in reading order they
    give the aliases the narrative repeats whole ("bearing the name Iris
    Interiano Cálix"): left to the model, that mention is a person of unknown
    role, withheld under a policy that releases the alias printed above it."""
    groups: dict[tuple[int, Role], list[Candidate]] = {}
    for c in cands:
        if c.category is Category.ALIAS and c.fragment and c.priority > 0:
            groups.setdefault((c.page, c.role), []).append(c)
    out: list[tuple[Candidate, str]] = []
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda c: c.start)
            value = " ".join(pages[c.page].text[c.start : c.end].strip() for c in group)
            out.append((group[0], value))
    return out


@dataclass(frozen=True, slots=True)
class _Texts:
    """Where values are searched: every page, and the seams between them (each as
    printed and folded)."""

    pages: Sequence[PageText]
    folded_pages: Sequence[str]
    seams: Sequence[Seam]
    seam_texts: Sequence[str]
    folded_seam_texts: Sequence[str]


def _copies(
    c: Candidate, search: _FlexibleSearch | _PatternSearch, texts: _Texts, *, folded: bool
) -> list[Candidate]:
    found = [
        (page.index, start, end, False)
        for page, folded_text in zip(texts.pages, texts.folded_pages, strict=True)
        for start, end in search.spans(folded_text if folded else page.text)
    ]
    seam_texts = texts.folded_seam_texts if folded else texts.seam_texts
    for seam, text in zip(texts.seams, seam_texts, strict=True):
        for m_start, m_end in search.spans(text):
            # A piece of a value is no value of its own (never searched as text).
            found.extend((p, s, e, True) for p, s, e in seam.pieces(m_start, m_end) or ())
    return [
        replace(_found_again(c, page, start, end), fragment=c.fragment or piece)
        for page, start, end, piece in found
    ]
