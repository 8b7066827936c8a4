r"""A Presidio pattern recognizer that redacts a value, not the label in front of it.

Police forms print identifiers after a label ("A# 212-345-678", "DOB: 03/14/1991",
"IR no. 1234567"). The label is what makes the number recognisable, so the
patterns have to match it, but the label itself is not personal data and must stay
readable on the released page. Each pattern therefore marks the part to redact
with a named group `value` (or any group whose name starts with "value" when one
match carries several values, such as two aliases); the result span is that group, never the cue.

Patterns are written for the `regex` module (a pinned dependency, and the one
Presidio itself compiles patterns with) with IGNORECASE | MULTILINE and no DOTALL,
so `.` never crosses a line; parts that must be case-sensitive (a capital "A"
prefix, a vehicle plate) say so inline with `(?-i:...)`. `regex` is used rather
than `re` for its Unicode properties: a place or a name may start with "Š", "Ł" or
"Á", which `[A-Z]` misses, so capitals are `\p{Lu}` (always inside `(?-i:...)`,
because under IGNORECASE `\p{Lu}` matches lower case too). The caller's
`regex_flags` are ignored on purpose: a pattern's case-sensitive parts are part of
its meaning, and a global IGNORECASE from the registry would silently change it.

Nothing here is compiled at import time; recognizers compile their patterns when
they are constructed, which `registry.build_recognizers()` does at startup.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from app.redaction.types import Category

# --- Regex building blocks shared by the recognizer families -------------------

# A run of horizontal whitespace with at most one line break. Page text joins the
# lines of a block with "\n" and table columns with "\t", so a value that wraps at
# the right margin ("1234 W. Grand\nAve") still matches, while a value never runs
# on across a blank line into the next block.
WS = r"(?:[ \t]+\n?[ \t]*|[ \t]*\n[ \t]*)"

# Between a form label and its value: spaces or a column tab, an optional ":", "#"
# or a spaced dash ("CB # - 12345678", "DOB - 03/14/1991"), and at most one line
# break, because one form family prints the label on its own line with the value
# on the next ("CB #\n12345678"). A scan may read a speck after the colon as a
# mark ("CB NO:. 57620186").
SEP = r"[ \t]*(?:[:#][.,]?[ \t]*|[-–][ \t]+)?(?:\n[ \t]*)?"

# The same for a field whose value is words (a place, an alias, a language): a bare
# tab is not a separator there, because "CITIZENSHIP\tSSN" is a row of column
# headers, and the word after the tab is the next header, not the value.
TEXT_SEP = r"(?:[ ]*[:#][ \t]*(?:\n[ \t]*)?|[ ]+[-–][ ]+|[ \t]*\n[ \t]*|[ ]+)"

# A capital letter in any script ("Š", "Ł", "Á") and a letter of any case, for
# names and places; case-sensitive even inside an IGNORECASE pattern.
UPPER = r"(?-i:\p{Lu})"
LETTER = r"\p{L}"

# The "number" word after a cue: "#", "No.", "Nbr", "Num.", "Number"; it may start
# the next line when the cue ends one ("FBI\nno. 1234567AB1").
NO = r"(?:[ \t]*\n?[ \t]*(?:\#|no\.?|nbr\.?|num\.?|number)(?![a-z]))"

# Words that fill a field that has no value. Police forms print them in capitals.
EMPTY_VALUES = frozenset({"N/A", "NA", "NONE", "UNK", "UNKNOWN", "NO", "NIL", "-", "--"})


# fmt: off
# Form labels printed on their own line: when a field is empty, the "value" on the
# next line is the next label. These are never a place, alias or language.
FORM_LABELS = frozenset(
    {
        "RESIDENCE", "ADDRESS", "CITIZENSHIP", "NATIONALITY", "SEX", "RACE", "DOB", "AGE",
        "HGT", "WGT", "EYES", "HAIR", "PHONE", "SSN", "EMPLOYER", "AKA", "ALIAS", "NAME",
        "OTHER ID", "DL#/STATE", "SCARS/MARKS/TATTOOS", "ARREST DATE", "ARREST LOCATION",
        "PLACE OF BIRTH", "LANGUAGE", "EMERGENCY CONTACT", "CHARGES", "NARRATIVE", "BEAT",
        "DIST", "TIME", "CB", "IR", "FBI", "SID", "RD", "HEIGHT", "WEIGHT", "COMPLEXION",
        "BUILD", "MARITAL STATUS", "OCCUPATION", "UNIT", "STAR",
    }
)
# fmt: on


_INITIALS = regex.compile(r"(?:\p{Lu}\.){2,}")

# `regex` flags that `re` has with the same meaning.
_RE_FLAGS = {
    regex.IGNORECASE: re.IGNORECASE,
    regex.MULTILINE: re.MULTILINE,
    regex.DOTALL: re.DOTALL,
    regex.VERBOSE: re.VERBOSE,
}

_RE_FLAG_MASK = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE


def compile_pattern(pattern: str, flags: int) -> regex.Pattern[str]:
    r"""`pattern` compiled with the standard `re` when it can be, else with `regex`.

    Why: for the same pattern `re` runs far faster than `regex` on big literal
    alternations (a gazetteer of countries: forty times on report text), and in
    its version-0 mode `regex` is written to match as `re` does. A pattern that
    needs `regex` (a Unicode property such as \p{Lu}, a variable-width
    lookbehind), or that `re` would only warn about, gets `regex`. Both give
    match objects with the same methods for what the recognizers use.
    """
    re_flags = 0
    for flag, re_flag in _RE_FLAGS.items():
        if flags & flag:
            re_flags |= re_flag
    if flags & ~_RE_FLAG_MASK:
        return regex.compile(pattern, flags)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return re.compile(pattern, re_flags)  # type: ignore[return-value]
    except (re.error, Warning):
        return regex.compile(pattern, flags)


# Between the words of a phrase: any whitespace run, or one line break.
_PHRASE_SPACE = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# For a hyphen: a hyphen, a space, a line break or nothing.
_PHRASE_HYPHEN = r"(?:-[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ ])?"


def _phrase_units(phrase: str) -> list[str]:
    """`phrase_regex` as a list of regex atoms; a one-character atom (or an escaped
    character) matches that character alone, the rest are the flexible joints."""
    units: list[str] = []
    for k, word in enumerate(phrase.split()):
        if k:
            units.append(_PHRASE_SPACE)
        if _INITIALS.fullmatch(word):
            # "U.S." as typed, "US", "U. S." or as OCR reads it ("US.").
            for j, letter in enumerate(word.replace(".", "")):
                units += [r"[ ]?", letter, r"\.?"] if j else [letter, r"\.?"]
            continue
        for j, piece in enumerate(word.split("-")):
            if j:
                units.append(_PHRASE_HYPHEN)
            units += [regex.escape(ch) for ch in piece]
    return units


def phrase_regex(phrase: str) -> str:
    """Regex for a gazetteer phrase: any whitespace run (or one line break) for a
    space, and a hyphen, a space, a line break or nothing for a hyphen ("U-visa" =
    "U visa" = "U\nvisa": a report wraps wherever the typist's line ended)."""
    return "".join(_phrase_units(phrase))


def _literal(unit: str) -> str | None:
    """The one character a unit matches, or None for a joint."""
    if len(unit) == 1:
        return unit
    if len(unit) == 2 and unit[0] == "\\" and not unit[1].isalnum():
        return unit[1]
    return None


def _trie_regex(entries: list[tuple[list[str], int]], ignore_case: bool) -> str:
    """The alternation of `entries` (units, rank), factored on shared leading units.

    Why a trie: a flat alternation of a thousand place names is tried name by name
    at every position of every page (the gazetteers were a tenth of detection). It
    must match exactly what the flat, longest-first alternation matches. Where the
    next units are all single characters, branches whose characters differ even
    ignoring case exclude each other (at most one can go on at any position), so
    their order cannot matter; unless `ignore_case` is False (the caller wraps the
    alternation in "(?-i:...)"), branches that differ only in case ("e", "E") are
    listed flat together in their original order, and an entry ending here is
    tried last (it is shorter than all those that go on). Where a next unit is a
    joint (one can match nothing), the remaining suffixes are listed flat in their
    original order.
    """
    ends_here = any(not units for units, _ in entries)
    going_on = [(units, rank) for units, rank in entries if units]
    if not going_on:
        return ""
    classes: dict[str, list[tuple[list[str], int]]] = {}
    for units, rank in going_on:
        char = _literal(units[0])
        if char is None:
            flat = sorted(entries, key=lambda entry: entry[1])
            return "(?:" + "|".join("".join(units) for units, _ in flat) + ")"
        classes.setdefault(char.casefold() if ignore_case else char, []).append((units, rank))
    branches = []
    for members in classes.values():
        heads = {units[0] for units, _ in members}
        if len(heads) == 1:
            head = members[0][0][0]
            rest = [(units[1:], rank) for units, rank in members]
            branches.append(head + _trie_regex(rest, ignore_case))
        else:
            flat = sorted(members, key=lambda entry: entry[1])
            branches.append("(?:" + "|".join("".join(units) for units, _ in flat) + ")")
    body = "|".join(branches)
    if ends_here:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def alternation(phrases: Iterable[str], *, ignore_case: bool = True) -> str:
    """One alternation of phrases, longest first so a longer phrase wins at the
    same position ("lawful permanent resident" over "permanent resident"), built
    as a trie (`_trie_regex`) that matches exactly what the flat list matches.

    `ignore_case=False` only where the caller makes the alternation case-sensitive
    ("(?-i:" + alternation(...) + ")"): then "e" and "E" are different branches."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not unique:
        raise ValueError("alternation of no phrases")
    entries = [(_phrase_units(p), rank) for rank, p in enumerate(unique)]
    return "(?:" + _trie_regex(entries, ignore_case) + ")"


def bounded(regex: str) -> str:
    """Whole-word match that also works for entries ending in "." ("U.S.")."""
    return rf"(?<![\w'’-]){regex}(?![\w'’])"


def preceded_by(text: str, start: int, pattern: regex.Pattern[str], window: int) -> bool:
    """Whether `pattern` matches in the `window` characters before `start`."""
    return pattern.search(text, max(0, start - window), start) is not None


# --- The recognizer ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValuePattern:
    """A pattern whose named group(s) `value*` is the span to report.

    `cued` says the regex itself requires a cue word: its score already reflects
    the context, so Presidio's context enhancer must not boost it a second time.
    """

    name: str
    regex: str
    score: float
    cued: bool = True


class ValueRecognizer(PatternRecognizer):
    """Base class: a PatternRecognizer whose result span is the `value` group.

    Subclasses set `ENTITY`, `NAME` (the stable detector name that goes to the audit
    record), `PATTERNS` and, optionally, `CONTEXT` (words that let Presidio's
    context enhancer boost an uncued pattern, as in Presidio's own recognizers).
    Recognizers whose patterns come from gazetteers override `build_patterns`.
    """

    ENTITY: ClassVar[Category]
    NAME: ClassVar[str]
    PATTERNS: ClassVar[tuple[ValuePattern, ...]] = ()
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    FLAGS: ClassVar[int] = regex.IGNORECASE | regex.MULTILINE
    # Helper regexes for `accept` checks, by name; compiled with the patterns.
    GUARDS: ClassVar[dict[str, str]] = {}
    # Characters trimmed from both ends of a value span: captures that run to the
    # end of a field may pick up the field's trailing punctuation.
    TRIM: ClassVar[str] = " \t\n,;:"

    def __init__(
        self,
        patterns: Sequence[ValuePattern] | None = None,
        context: Sequence[str] | None = None,
        supported_language: str = "en",
    ) -> None:
        specs = tuple(patterns) if patterns is not None else self.build_patterns()
        if not specs:
            raise ValueError(f"{type(self).__name__} has no patterns")
        self._specs = specs
        self._compiled = tuple(compile_pattern(spec.regex, self.FLAGS) for spec in specs)
        self._guards = {name: compile_pattern(rx, self.FLAGS) for name, rx in self.GUARDS.items()}
        # Group names in pattern order, so values come out left to right.
        self._value_groups = tuple(
            tuple(
                name
                for name, _ in sorted(compiled.groupindex.items(), key=lambda kv: kv[1])
                if name.startswith("value")
            )
            for compiled in self._compiled
        )
        super().__init__(
            supported_entity=self.ENTITY.value,
            name=self.NAME,
            supported_language=supported_language,
            patterns=[Pattern(spec.name, spec.regex, spec.score) for spec in specs],
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=self.FLAGS,
        )

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        return self.PATTERNS

    # Hooks ----------------------------------------------------------------------

    def value_spans(
        self, text: str, match: regex.Match[str], index: int
    ) -> Iterator[tuple[int, int]]:
        """Spans to report for one match: every `value*` group that took part, or
        the whole match when the pattern has no value group."""
        groups = self._value_groups[index]
        if not groups:
            yield match.span()
            return
        for name in groups:
            start, end = match.span(name)
            if start >= 0:
                yield start, end

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        """Context checks a regex cannot express well (a cue that must NOT precede).
        Returns False to drop the value."""
        return True

    def guard(self, name: str) -> regex.Pattern[str]:
        return self._guards[name]

    @staticmethod
    def _below_a_header_row(text: str, match: regex.Match[str], start: int) -> bool:
        """Whether the value sits on a line below a label that ends a row of column
        headers ("CB #\tIR #\tSID #\n12345678\t..."). The first cell of the next row
        belongs to the first column, not to that label; form_labels.py pairs grid
        cells with their headers by geometry."""
        newline = text.find("\n", match.start(), start)
        if newline < 0:
            return False
        line_start = text.rfind("\n", 0, match.start()) + 1
        return "\t" in text[line_start:newline]

    # Presidio's entry point -----------------------------------------------------

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY.value not in entities:
            return []
        results: list[RecognizerResult] = []
        for index, (spec, compiled) in enumerate(zip(self._specs, self._compiled, strict=True)):
            for match in compiled.finditer(text):
                for raw_start, raw_end in self.value_spans(text, match, index):
                    start, end = self._trim(text, raw_start, raw_end)
                    if start >= end or self._below_a_header_row(text, match, start):
                        continue
                    if not self.accept(text, match, start, end, spec):
                        continue
                    result = self._result(text[start:end], start, end, spec)
                    if result is not None:
                        results.append(result)
        deduplicated: list[RecognizerResult] = EntityRecognizer.remove_duplicates(results)
        return deduplicated

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        while start < end and text[start] in self.TRIM:
            start += 1
        while end > start and text[end - 1] in self.TRIM:
            end -= 1
        return start, end

    def _result(
        self, value: str, start: int, end: int, spec: ValuePattern
    ) -> RecognizerResult | None:
        # Presidio's convention: validate_result True lifts the score to the maximum,
        # False drops it; invalidate_result True drops it.
        score = spec.score
        validation = self.validate_result(value)
        if validation is not None:
            score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
        if self.invalidate_result(value):
            score = EntityRecognizer.MIN_SCORE
        if score <= EntityRecognizer.MIN_SCORE:
            return None
        # The explanation names the recognizer and pattern, never the matched text.
        explanation = self.build_regex_explanation(
            self.NAME, spec.name, spec.regex, score, bool(validation), self.FLAGS
        )
        return RecognizerResult(
            entity_type=self.ENTITY.value,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: spec.cued,
            },
        )

    def invalidate_result(self, pattern_text: str) -> bool | None:
        # A field whose value is "NONE" or "UNK" has nothing to redact.
        return pattern_text.strip().upper() in EMPTY_VALUES
