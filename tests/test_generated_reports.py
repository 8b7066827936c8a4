"""Generated reports of every layout through the whole engine.

The samples are one or two layouts; tests/reportgen draws five, with juvenile
and adult arrestees. These tests hold what must never go wrong on any of them:
a juvenile's record is withheld whole, an adult's is not, the output passes
verification, and no value the ground truth marks `withhold` for an identifier,
an immigration document or a date of birth is left where it was printed.
"""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text

from app.redaction.pipeline import RedactionEngine
from tests.reportgen import LAYOUTS, generate_report

# Values that a single pattern or label decides, whatever the layout: a leak
# here is a plain recognizer bug, not a judgement about context.
STRICT = {
    "A_NUMBER",
    "PASSPORT_NUMBER",
    "CONSULAR_ID",
    "SSN",
    "EMAIL",
    "DATE_OF_BIRTH",
    "FBI_NUMBER",
    "IR_NUMBER",
    "VIN",
}


@pytest.fixture(scope="module")
def engine(client: TestClient) -> RedactionEngine:
    built: RedactionEngine = client.app.state.engine  # type: ignore[attr-defined]
    return built


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_juvenile_record_is_withheld_whole(engine: RedactionEngine, layout: str) -> None:
    report = generate_report(901, layout=layout, juvenile=True)
    for policy in ("federal_immigration", "public"):
        outcome = engine.redact(report.pdf, policy)
        assert outcome.status == "withheld"
        notice = squash(extract_text(io.BytesIO(outcome.document)))
        for v in report.truth["values"]:
            if v["category"] != "AGENCY" and len(v["value"]) >= 4:
                assert squash(v["value"]) not in notice, v["category"]


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_adult_report_redacts_strict_values(
    engine: RedactionEngine, layout: str, seed: int
) -> None:
    report = generate_report(seed, layout=layout, juvenile=False)
    for policy in ("federal_immigration", "public"):
        outcome = engine.redact(report.pdf, policy)
        assert outcome.status == "completed"
        assert outcome.verification.passed
        text = squash(extract_text(io.BytesIO(outcome.document)))
        leaked = [
            v["category"]
            for v in report.truth["values"]
            if v[policy] == "withhold"
            and v["category"] in STRICT
            and len(v["value"]) >= 6
            and squash(v["value"]) in text
        ]
        assert leaked == [], f"{layout} seed {seed} {policy}"
