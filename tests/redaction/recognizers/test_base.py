"""ValueRecognizer: the span is the `value` group, never the cue."""

from __future__ import annotations

import re

import pytest
import regex
from presidio_analyzer import RecognizerResult

from app.redaction.recognizers.base import (
    ValuePattern,
    ValueRecognizer,
    alternation,
    bounded,
    compile_pattern,
    phrase_regex,
)
from app.redaction.types import Category


class _Toy(ValueRecognizer):
    ENTITY = Category.CB_NUMBER
    NAME = "toy"
    PATTERNS = (
        ValuePattern("cued", r"\bTOY[ \t]*#[ \t]*(?P<value>\d{4})\b", 0.9),
        ValuePattern("pair", r"\bPAIR (?P<value>\d{2}) (?P<value2>\d{2})\b", 0.9),
        ValuePattern("bare", r"\b(?P<value>Q\d{4})\b", 0.4, cued=False),
    )
    CONTEXT = ("toy",)


def test_the_span_is_the_value_group_and_the_cue_stays_out() -> None:
    text = "see TOY # 1234 now"
    [result] = _Toy().analyze(text, ["CB_NUMBER"])
    assert text[result.start : result.end] == "1234"
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "toy"


def test_every_value_group_is_reported() -> None:
    text = "PAIR 12 34"
    results = sorted(_Toy().analyze(text, ["CB_NUMBER"]), key=lambda r: r.start)
    assert [text[r.start : r.end] for r in results] == ["12", "34"]


def test_cued_results_are_not_boosted_again_by_context() -> None:
    results = {r.score: r for r in _Toy().analyze("TOY #1234 and Q5678", ["CB_NUMBER"])}
    key = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
    assert results[0.9].recognition_metadata[key] is True
    assert results[0.4].recognition_metadata[key] is False


def test_other_entities_are_not_analyzed() -> None:
    assert _Toy().analyze("TOY #1234", ["PHONE"]) == []


def test_explanations_carry_no_matched_text() -> None:
    [result] = _Toy().analyze("TOY #1234", ["CB_NUMBER"])
    assert "1234" not in result.analysis_explanation.textual_explanation


def test_alternation_prefers_the_longest_phrase_and_matches_variants() -> None:
    pattern = re.compile(alternation(["permanent resident", "lawful permanent resident", "U-visa"]))
    match = pattern.search("a lawful permanent resident")
    assert match is not None and match.group(0) == "lawful permanent resident"
    assert pattern.search("a U visa holder") is not None


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("naturalized U.S. citizen", True),
        ("naturalized US citizen", True),
        ("naturalized U. S. citizen", True),
        ("naturalized US. citizen", True),  # as OCR reads it
        ("naturalized USA citizen", False),
        ("naturalized\nU.S. citizen", True),  # wrapped
    ],
)
def test_a_gazetteer_phrase_with_initials(text: str, matches: bool) -> None:
    pattern = regex.compile(phrase_regex("naturalized U.S. citizen"))
    assert (pattern.search(text) is not None) is matches


def _flat(phrases: list[str]) -> str:
    """The plain longest-first alternation the trie must match exactly."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_regex(p) for p in unique) + ")"


_TRIE_PHRASES = [
    "Guinea",
    "Guinea-Bissau",
    "Equatorial Guinea",
    "Papua New Guinea",
    "GUINEA",
    "Niger",
    "Nigeria",
    "NIGER",
    "Mali",
    "Malta",
    "Malawi",
    "eSwatini",
    "Egypt",
    "U-visa",
    "U visa",
    "U.S.",
    "USA",
    "U.S. citizen",
    "United States",
    "United States of America",
    "Saint Kitts and Nevis",
    "St. Lucia",
    "Côte d'Ivoire",
    # Branches that differ only in case, of different lengths: "abc" under
    # IGNORECASE is "abc", not "Ab" (the flat order).
    "Axyz",
    "abc",
    "Ab",
]
_TRIE_TEXT = (
    "ABC, abc; Nigeria, not Niger; born in Guinea-Bissau, not Guinea;\n"
    "NIGERIA or Niger or nigeria; Malawi/Malta/Mali.\n"
    "eSwatini and ESWATINI, egypt, Egypt; a U visa, a U-\nvisa, a Uvisa; U. S. citizen,\n"
    "US citizen, USA; United States of\nAmerica; the United States; St. Lucia; St Lucia;\n"
    "Saint Kitts  and\tNevis; Côte d'Ivoire; Papua New\nGuinea; Equatorial Guineas."
)


@pytest.mark.parametrize("case_sensitive", [True, False])
@pytest.mark.parametrize("engine", [re, regex])
@pytest.mark.parametrize("wrap", [lambda alt: alt, bounded, lambda alt: alt + r"(?=[ ,;.])"])
def test_the_trie_alternation_matches_exactly_what_the_flat_one_matches(
    case_sensitive: bool, engine: object, wrap: object
) -> None:
    # Same spans in the same order, under either engine, with or without case,
    # and with a context after the phrase that makes a longer phrase back off.
    def spans(alt: str) -> list[tuple[int, int]]:
        body = f"(?-i:{alt})" if case_sensitive else alt
        compiled = engine.compile(wrap(body), engine.IGNORECASE | engine.MULTILINE)  # type: ignore[attr-defined,operator]
        return [m.span() for m in compiled.finditer(_TRIE_TEXT)]

    trie = alternation(_TRIE_PHRASES, ignore_case=not case_sensitive)
    assert trie != _flat(_TRIE_PHRASES)  # it really is factored
    found = spans(trie)
    assert found == spans(_flat(_TRIE_PHRASES))
    assert len(found) >= 15


@pytest.mark.parametrize(
    ("pattern", "engine"),
    [
        (r"\bfrom (?P<value>Mexico|Peru)\b", re),
        (r"(?<![\w'’-])(?-i:Mexico)(?![\w'’])", re),
        (r"(?-i:\p{Lu}\p{L}+)", regex),  # a Unicode property: only `regex` has it
        (r"(?<=\b(?:he|she)[ \t]+)is", regex),  # variable-width lookbehind
    ],
)
def test_patterns_compile_with_re_when_re_can_take_them(pattern: str, engine: object) -> None:
    compiled = compile_pattern(pattern, regex.IGNORECASE | regex.MULTILINE)
    assert type(compiled) is type(engine.compile("x"))  # type: ignore[attr-defined]
    assert compiled.flags & re.IGNORECASE and compiled.flags & re.MULTILINE
