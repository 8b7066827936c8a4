"""The shared sample reports through both shipped policies, end to end.

Every value marked `withhold` must be absent from the output's text, as read by
pdfminer.six (an extractor independent of the PyMuPDF that redacted it); every
value marked `release` must still be there.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTContainer

from app.redaction.pipeline import RedactionEngine

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_IDS = sorted(p.stem for p in SAMPLES.glob("[0-9]*.json")) if SAMPLES.is_dir() else []
POLICIES = ("federal_immigration", "public")

pytestmark = [
    pytest.mark.samples,
    pytest.mark.skipif(not SAMPLE_IDS, reason="../shared/samples is not present"),
]


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def tokens(value: str) -> list[str]:
    return [t for t in re.findall(r"\w+", value.casefold()) if len(t) > 1 or t.isdigit()]


def contains(haystack: str, value: str) -> bool:
    """Whole-token containment, so a withheld '19' is not found inside '1994'."""
    needle = re.escape(normalize(value))
    return re.search(rf"(?<![\w]){needle}(?![\w])", haystack) is not None


Box = tuple[float, float, float, float]


def _walk(item: Any, height: float, found: list[tuple[Box, str]]) -> None:
    if isinstance(item, LTChar):
        x0, y0, x1, y1 = item.bbox
        found.append(((x0, height - y1, x1, height - y0), item.get_text()))
    elif isinstance(item, LTContainer):
        for child in item:
            _walk(child, height, found)


def chars_by_page(pdf: bytes) -> list[list[tuple[Box, str]]]:
    """Every character pdfminer extracts, with its box in top-left coordinates."""
    pages: list[list[tuple[Box, str]]] = []
    for layout in extract_pages(io.BytesIO(pdf)):
        found: list[tuple[Box, str]] = []
        _walk(layout, layout.height, found)
        pages.append(found)
    return pages


def text_in_box(chars: list[tuple[Box, str]], box: Box) -> str:
    """The characters whose centre lies inside `box`, in reading order."""
    x0, y0, x1, y1 = box
    inside = [
        (b, c)
        for b, c in chars
        if x0 - 1 <= (b[0] + b[2]) / 2 <= x1 + 1 and y0 - 1 <= (b[1] + b[3]) / 2 <= y1 + 1
    ]
    inside.sort(key=lambda bc: (round(bc[0][1]), bc[0][0]))
    return "".join(c for _, c in inside)


@pytest.fixture(scope="module")
def engine(client: TestClient) -> RedactionEngine:
    """The engine the running app built in its lifespan (one model load per run)."""
    built: RedactionEngine = client.app.state.engine  # type: ignore[attr-defined]
    return built


@pytest.fixture(scope="module")
def outputs(engine: RedactionEngine) -> dict[tuple[str, str], Any]:
    results = {}
    for doc_id in SAMPLE_IDS:
        pdf = (SAMPLES / f"{doc_id}.pdf").read_bytes()
        for policy in POLICIES:
            results[(doc_id, policy)] = engine.redact(pdf, policy)
    return results


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_redaction_matches_ground_truth(
    outputs: dict[tuple[str, str], Any], doc_id: str, policy: str
) -> None:
    truth = json.loads((SAMPLES / f"{doc_id}.json").read_text())
    outcome = outputs[(doc_id, policy)]
    if truth["juvenile"]:
        assert outcome.status == "withheld"
        text = normalize(extract_text(io.BytesIO(outcome.document)))
        for v in truth["values"]:
            if v["category"] != "AGENCY":
                assert not contains(text, v["value"]), (v["category"], v["role"])
        return
    assert outcome.status == "completed"
    assert outcome.verification.passed
    full_text = normalize(extract_text(io.BytesIO(outcome.document)))
    pages = chars_by_page(outcome.document)
    codes = {r.code.casefold() for r in outcome.redactions}
    leaked, lost = [], []
    for v in truth["values"]:
        # What pdfminer reads inside the value's own boxes, minus the codes the
        # redactor printed on its boxes.
        seen = " ".join(
            text_in_box(pages[page - 1], (x0, y0, x1, y1)) for page, x0, y0, x1, y1 in v["boxes"]
        ).casefold()
        for code in codes:
            seen = seen.replace(code, " ")
        seen_tokens = set(re.findall(r"\w+", seen))
        want = tokens(v["value"])
        if v[policy] == "withhold":
            # Not at its place, and not anywhere else in one piece.
            if any(t in seen_tokens for t in want) or contains(full_text, v["value"]):
                leaked.append((v["category"], v["role"]))
        elif not all(t in seen_tokens for t in want):
            lost.append((v["category"], v["role"]))
    # The lists hold categories and roles only: a failure message must not
    # print the values themselves, even synthetic ones, out of habit.
    assert leaked == [], f"withheld values still extractable: {leaked}"
    assert lost == [], f"released values redacted: {lost}"


def test_audit_entries_hold_no_text(outputs: dict[tuple[str, str], Any]) -> None:
    for (doc_id, policy), outcome in outputs.items():
        truth = json.loads((SAMPLES / f"{doc_id}.json").read_text())
        dumped = json.dumps(
            [r.__dict__ if hasattr(r, "__dict__") else repr(r) for r in outcome.redactions]
        ).casefold()
        for v in truth["values"]:
            if v[policy] == "withhold" and len(v["value"]) >= 5:
                assert v["value"].casefold() not in dumped, (doc_id, policy, v["category"])
