"""The arrest-report NER trained in models/arrest_ner/: finds PERSON names the stock model misses.

The stock spaCy pipeline was trained on news and web text. It misses police-style names
("GARCIA-LOPEZ, Juan Carlos", an all-caps surname alone, a name broken over two lines) and reads
form fragments as people. `models/arrest_ner/` holds a copy of its NER updated on generated
arrest reports (see its MODEL_CARD.md); this module loads it and answers one question: where are
the people's names in this page text?

The model is a directory, not an installed package, so it is verified like the stock pipeline
but by path: its files are hashed (`model_check.directory_sha256`) and compared with the
"arrest_ner" entry of models/spacy_models.json *before* spaCy reads them. A mismatch, a missing
directory or an unreadable model raises `ModelUnavailable`, which stops the service at startup:
detection quality was measured with these exact weights. Loading a path never downloads.

Nothing is loaded at import time; `load_domain_ner` is meant to be called once, at startup.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.redaction.errors import ModelUnavailable
from app.redaction.model_check import directory_sha256
from app.redaction.ner_engine import BATCH_SIZE

MODEL_NAME = "arrest_ner"
# The greedy NER gives no per-entity probability. This is the score Presidio's spaCy recognizer
# gives its PERSON hits, so findings of both models weigh the same in overlap resolution.
DEFAULT_SCORE = 0.85
# Texts longer than this are run in pieces cut at line breaks (a page is far shorter).
_MAX_PIECE = 100_000


class DomainNer:
    """The loaded model. Build it with `load_domain_ner`."""

    def __init__(self, nlp: Any, model_info: str) -> None:
        self._nlp = nlp
        self.model_info = model_info  # "arrest_ner 1.0.0", for the audit record's engine

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """Every entity the model finds, (start, end, label), offsets into `text`.

        The model keeps the stock labels (GPE, ORG, DATE ...); only PERSON was trained on
        reports. The detector needs `pipe_person_spans`; this is for evaluation.
        """
        out: list[tuple[int, int, str]] = []
        for offset, piece in _pieces(text):
            doc = self._nlp(piece)
            out.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
        return out

    def person_spans(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each PERSON name in `text`, offsets into `text`.

        A name broken over lines ("TERESA\\nSZCZEPANSKI") is one span that contains the line
        break; `PageText.boxes_for_span` gives one box per line for it.
        """
        return _person_spans(text, self.entities(text))

    def pipe_entities(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, str]]]:
        """`entities` of each text, in order, the model run in batches (`nlp.pipe`)."""
        pieces = [(i, offset, piece) for i, t in enumerate(texts) for offset, piece in _pieces(t)]
        found: list[tuple[int, int, str]] = []
        at = 0
        docs = self._nlp.pipe((piece for _, _, piece in pieces), batch_size=BATCH_SIZE)
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            while at < i:  # every piece of text `at` is done
                yield found
                found, at = [], at + 1
            found.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
        while at < len(texts):
            yield found
            found, at = [], at + 1

    def pipe_person_spans(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, float]]]:
        """`person_spans` of each text, in order, the model run in batches."""
        for text, entities in zip(texts, self.pipe_entities(texts), strict=True):
            yield _person_spans(text, entities)


def _person_spans(
    text: str, entities: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for start, end, label in entities:
        if label != "PERSON":
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            out.append((start, end, DEFAULT_SCORE))
    return out


def _pieces(text: str) -> list[tuple[int, str]]:
    if len(text) <= _MAX_PIECE:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _MAX_PIECE)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _manifest_entry(manifest: Path, name: str) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        raise ModelUnavailable(f"model manifest {manifest} is missing or invalid") from None
    models = data.get("models") if isinstance(data, dict) else None
    entry = models.get(name) if isinstance(models, dict) else None
    return entry if isinstance(entry, dict) else None


def load_domain_ner(model_dir: Path, manifest: Path, *, name: str = MODEL_NAME) -> DomainNer | None:
    """Verify and load the domain model; None when the manifest does not record `name`.

    A model the manifest records must be present and match its checksum, else
    `ModelUnavailable`: it is never skipped silently. A manifest without the entry means the
    deployment does not use a domain model, and the detector runs with the stock model alone.
    """
    entry = _manifest_entry(manifest, name)
    if entry is None:
        return None
    if entry.get("kind") != "directory":
        raise ModelUnavailable(f"{name!r} in {manifest.name} is not a directory model")
    if not (model_dir / "meta.json").is_file():
        raise ModelUnavailable(f"{name!r} is not present in {model_dir}")
    try:
        meta = json.loads((model_dir / "meta.json").read_text())
    except (OSError, ValueError):
        raise ModelUnavailable(f"{name!r} has an unreadable meta.json") from None
    version = str(meta.get("version", "")) if isinstance(meta, dict) else ""
    if version != str(entry.get("version")):
        raise ModelUnavailable(
            f"{name!r} is version {version}, {manifest.name} records {entry.get('version')}"
        )
    # Hash before spaCy reads anything: only the measured weights are ever deserialised.
    if directory_sha256(model_dir) != entry.get("sha256"):
        raise ModelUnavailable(f"{name!r} files do not match the checksum in {manifest.name}")
    import spacy

    try:
        nlp = spacy.load(model_dir)
    except Exception as exc:  # the loader's text is about the model, not document data
        raise ModelUnavailable(f"{name!r} failed to load ({exc})") from None
    labels = getattr(nlp.get_pipe("ner"), "labels", ()) if "ner" in nlp.pipe_names else ()
    if "PERSON" not in labels:
        raise ModelUnavailable(f"{name!r} has no PERSON entity recogniser")
    return DomainNer(nlp, f"{name} {version}")
