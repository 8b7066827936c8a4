"""The stock pipeline as detection runs it: its NER alone, lemmas from the words, in batches.

ner_engine.py leaves out every component detection does not read. These tests show what is
left out, that the context enhancer still finds its cue words without the lemmatizer, that
batched runs give what one text at a time gives, and that detection still finds names and
places through the app's own detector.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.redaction import domain_ner, ner_engine
from app.redaction.detection import Detector
from app.redaction.domain_ner import DomainNer, load_domain_ner
from app.redaction.errors import ModelUnavailable
from app.redaction.pdf_text import extract_pages
from app.redaction.types import Category
from tests.pdfs import make_pdf

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "models" / "spacy_models.json"
MODEL = Settings().spacy_model


@pytest.fixture(scope="module")
def detector(client: TestClient) -> Detector:
    found: Detector = client.app.state.engine.detector  # type: ignore[attr-defined]
    return found


@pytest.fixture(scope="module")
def domain() -> DomainNer:
    model = load_domain_ner(ROOT / "models" / "arrest_ner" / "model", MANIFEST)
    assert model is not None
    return model


def _engine(detector: Detector) -> Any:
    return detector._analyzer.nlp_engine


def test_the_service_runs_the_stock_ner_alone(detector: Detector) -> None:
    nlp = _engine(detector).nlp["en"]
    assert nlp.pipe_names == ["ner"]
    # Left out, not merely disabled: they are not even loaded.
    assert set(nlp.component_names) == {"ner"}
    assert not set(ner_engine.UNUSED_COMPONENTS) & set(nlp.component_names)


def test_a_ner_that_needs_a_left_out_component_stops_the_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Keep the tagger but leave out the tok2vec it listens to.
    monkeypatch.setattr(
        ner_engine,
        "UNUSED_COMPONENTS",
        tuple(c for c in ner_engine.UNUSED_COMPONENTS if c != "tagger"),
    )
    with pytest.raises(ModelUnavailable, match="shared tok2vec"):
        ner_engine.load_stock_pipeline(MODEL)


def test_lemmas_are_the_lower_cased_words(detector: Detector) -> None:
    artifacts = _engine(detector).process_text("The subject was BORN in Chicago.", "en")
    assert artifacts.lemmas == ["the", "subject", "was", "born", "in", "chicago", "."]
    # The lemmatizer would have said "bear", and the cue "born" would not be found.
    assert "born" in artifacts.keywords
    assert "PLACE_NER" in [e.label_ for e in artifacts.entities]


def test_the_context_enhancer_still_finds_cue_words(detector: Detector) -> None:
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(
        PatternRecognizer(
            supported_entity="YEAR",
            patterns=[Pattern("year", r"\b\d{4}\b", 0.3)],
            context=["born"],
        )
    )
    analyzer = AnalyzerEngine(
        registry=registry, nlp_engine=_engine(detector), supported_languages=["en"]
    )
    cued = analyzer.analyze("He was born in 1991.", language="en", entities=["YEAR"])
    plain = analyzer.analyze("He came here in 1991.", language="en", entities=["YEAR"])
    assert [r.score for r in plain] == [pytest.approx(0.3)]
    assert [r.score for r in cued] == [pytest.approx(0.65)]


TEXTS = [
    "NAME: GARCIA-LOPEZ, Juan Carlos\nPOB: Tegucigalpa, Honduras",
    "",
    "The victim, Maria Szczepanski, lives in Cicero with her brother Tomas.",
    "P.O. J. Smith #1234 transported the arrestee to the 1st District.",
]


def test_batched_stock_artifacts_match_one_text_at_a_time(detector: Detector) -> None:
    engine = _engine(detector)

    def summary(a: Any) -> tuple[Any, ...]:
        ents = [(e.start_char, e.end_char, e.label_) for e in a.entities]
        return (ents, list(a.tokens), a.tokens_indices, a.lemmas, a.keywords)

    batched = [summary(a) for a in ner_engine.pipe_artifacts(engine, TEXTS)]
    single = [summary(engine.process_text(t, "en")) for t in TEXTS]
    assert batched == single
    assert any(batched[0][0]), "the NER found nothing"


def test_batched_domain_names_match_one_text_at_a_time(
    domain: DomainNer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small pieces, so that one text is cut in several and the batch regroups them.
    monkeypatch.setattr(domain_ner, "_MAX_PIECE", 40)
    texts = [*TEXTS, "\n".join(TEXTS)]
    single = [domain.person_spans(t) for t in texts]
    assert list(domain.pipe_person_spans(texts)) == single
    assert any(single)
    assert list(domain.pipe_person_spans([])) == []


def test_detection_still_finds_names_and_places(detector: Detector) -> None:
    pdf = make_pdf(
        [
            "NARRATIVE: On arrival R/O spoke with the victim, Maria Szczepanski, who",
            "stated that her neighbour Tomas Wojcik had followed her from Cicero.",
        ]
    )
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        detection = detector.detect(extract_pages(doc))
    finally:
        doc.close()
    found = {(f.category, " ".join(f.text.split())) for f in detection.findings}
    assert (Category.PERSON, "Maria Szczepanski") in found
    assert (Category.PERSON, "Tomas Wojcik") in found
    assert any(c is Category.PLACE and "Cicero" in t for c, t in found)
