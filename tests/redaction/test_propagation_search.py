"""propagation._FlexibleSearch finds exactly what the whole `_flexible` pattern finds."""

from __future__ import annotations

import random

import pytest
import regex

from app.redaction.propagation import _flexible, _FlexibleSearch, fold

# Letters, digits, the separators the pattern bends around, a ligature, odd
# spaces (one that str.isspace has and regex's \s has not), apostrophes.
_ALPHABET = [*"abcAB-, \n\t.é1ʼ’'", "\u00a0", "\u2003", "ﬁ", "\x1c", "-", "-", " "]


def _reference(value: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.compile(_flexible(value)).finditer(text)]


@pytest.mark.parametrize("seed", range(4))
def test_same_matches_as_the_whole_pattern(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        value = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 5)))
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:  # the value itself somewhere in the text
            at = rng.randint(0, len(text))
            text = text[:at] + fold(value) + text[at:]
        text = fold(text)
        assert _FlexibleSearch(value).spans(text) == _reference(value, text), (value, text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Moreno", "Moreno-Aguilar and moreno, MORENO"),
        ("Ana Ruiz", "ana\n ruiz; Ana  Ruiz's; xAna Ruiz"),
        ("Bustos-Becerra", "bustos-\nbecerra, bustos- becerra, a-bustos-becerra"),
        ("Garcia,", "garcia, juan; garcia,juan"),  # ends with ",": the whole pattern
        (" Lee", "lee  lee"),  # starts with a space: the whole pattern
        ("ana", "banana ana anaana"),
    ],
)
def test_examples(value: str, text: str) -> None:
    folded = fold(text)
    assert _FlexibleSearch(value).spans(folded) == _reference(value, folded)
