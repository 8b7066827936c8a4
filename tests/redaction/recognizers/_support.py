"""Shared helpers for the recognizer tables."""

from __future__ import annotations

from pathlib import Path

from app.redaction.recognizers.base import ValueRecognizer

GAZETTEER_DIR = Path(__file__).resolve().parents[3] / "models" / "gazetteers"

Expected = str | tuple[str, ...] | None


def values(recognizer: ValueRecognizer, text: str) -> list[str]:
    """The reported spans, left to right, as the page text shows them."""
    results = recognizer.analyze(text, entities=[recognizer.ENTITY.value], nlp_artifacts=None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def as_list(expected: Expected) -> list[str]:
    if expected is None:
        return []
    if isinstance(expected, str):
        return [expected]
    return list(expected)
