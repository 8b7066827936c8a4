"""Real court PDFs with old, bad redactions (x-ray's own test files) through the service.

Each was "redacted" by someone who drew black boxes over text that stayed in
the file. Whatever our service returns must not carry that text: text under
an opaque box is hidden text and is removed (redactor.covered_glyphs), and the
output must pass x-ray, the Free Law Project's independent check, with no
finding. These documents hold little our detector treats as personal data;
the point is the boxes that were there before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi.testclient import TestClient

from app.redaction.pdf_text import raw_chars
from app.redaction.redactor import GlyphIndex, covered_glyphs
from tests.conftest import _in_ci, post_redaction, squash
from tests.hostile.xray_check import inspect_files

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "xray"
FILES = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


def _corpus() -> list[Path]:
    if not FILES:
        message = f"the x-ray corpus is missing ({CORPUS})"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return FILES


def _covered_text(pdf: bytes) -> list[str]:
    """The text under opaque boxes, page by page, as the redactor judges it."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        out = []
        for page in doc:
            index = GlyphIndex(raw_chars(page))
            hidden = sorted(covered_glyphs(page, index))
            out.append("".join(index.chars[i].c for i in hidden))
        return out
    finally:
        doc.close()


@pytest.fixture(scope="module")
def outputs(client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every corpus file redacted once (federal_immigration); name -> output path or error."""
    out_dir = tmp_path_factory.mktemp("xray-out")
    results: dict[str, Any] = {}
    for path in _corpus():
        response = post_redaction(client, path.read_bytes(), accept="application/pdf")
        if response.status_code == 200:
            target = out_dir / path.name
            target.write_bytes(response.content)
            results[path.name] = target
        else:
            results[path.name] = response.json()["error"]["code"]
    return results


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_court_pdf_is_redacted_and_nothing_stays_under_a_box(
    outputs: dict[str, Any], path: Path
) -> None:
    result = outputs[path.name]
    assert isinstance(result, Path), f"refused with {result}"
    output = result.read_bytes()
    assert all(not text.strip() for text in _covered_text(output))
    # Each word that hid under a box in the input is gone from the page it was on.
    before = _covered_text(path.read_bytes())
    doc = pymupdf.open(stream=output, filetype="pdf")
    try:
        for number, hidden in enumerate(before):
            words = [w for w in hidden.split() if len(w) >= 4 and w.isalpha()]
            if not words:
                continue
            page_text = squash(doc[number].get_text("text", clip=pymupdf.INFINITE_RECT()))
            # Words hidden under a box may also appear in visible text elsewhere
            # on the page; the hidden *run* must not.
            assert squash(hidden) not in page_text
    finally:
        doc.close()


def test_bad_redactions_are_found_in_the_input() -> None:
    """x-ray flags the known bad inputs (so a clean output is a real result)."""
    bad = [p for p in _corpus() if p.name.startswith("rectangles_yes")]
    assert bad
    found = inspect_files(bad)
    assert all(found[str(p)] for p in bad), found


def test_xray_finds_nothing_in_any_output(outputs: dict[str, Any]) -> None:
    paths = [p for p in outputs.values() if isinstance(p, Path)]
    assert len(paths) == len(_corpus())
    found = inspect_files(paths)
    assert {p: f for p, f in found.items() if f} == {}
