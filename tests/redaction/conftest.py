"""Fixtures of the OCR tests (test_ocr.py, test_second_reading.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.redaction.pipeline import RedactionEngine


@pytest.fixture(scope="module")
def engine(client: TestClient) -> RedactionEngine:
    """The service's engine, with Tesseract (modules that need none define their own)."""
    built: RedactionEngine = client.app.state.engine  # type: ignore[attr-defined]
    if built.ocr is None:
        pytest.fail("Tesseract is not installed: run `make test`, which installs it")
    return built
