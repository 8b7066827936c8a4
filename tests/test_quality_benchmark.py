"""The quality benchmark's scorer tells a redaction from none.

Two generated reports, scored against their own ground truth with two fakes
instead of the service: the raw PDF (nothing redacted) must score recall 0 and
retention 1; the PDF with every `withhold` truth box burnt in with PyMuPDF must
score recall 1 with the release values intact.
"""

from __future__ import annotations

from typing import Any

import pymupdf
import pytest

from benchmarks.quality import DocRun, figures
from benchmarks.scoring import Output, score_document, score_outputs
from tests.reportgen import LAYOUTS, generate_report

POLICIES = ("federal_immigration", "public")


def _reports() -> list[Any]:
    layouts = sorted(LAYOUTS)
    return [
        generate_report(seed, layout=layouts[seed % len(layouts)], juvenile=False)
        for seed in (5, 8)
    ]


def redact_truth_boxes(pdf: bytes, truth: dict[str, Any], policy: str) -> bytes:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    for v in truth["values"]:
        if v[policy] == "withhold":
            for page, x0, y0, x1, y1 in v["boxes"]:
                doc[page - 1].add_redact_annot(pymupdf.Rect(x0, y0, x1, y1), fill=(0, 0, 0))
    for page in doc:
        page.apply_redactions()
    out: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return out


@pytest.mark.parametrize("policy", POLICIES)
def test_scorer_discriminates(policy: str) -> None:
    raw_runs, redacted_runs = [], []
    for report in _reports():
        raw, redacted = score_outputs(
            report.truth,
            report.pdf,
            [
                Output(policy, report.pdf),
                Output(policy, redact_truth_boxes(report.pdf, report.truth, policy)),
            ],
        )
        raw_runs.append(DocRun(raw, 1.0))
        redacted_runs.append(DocRun(redacted, 1.0))

    nothing = figures(raw_runs)
    assert nothing.withhold > 20 and nothing.release > 5
    assert nothing.recall == 0.0
    assert nothing.retention == 1.0
    assert nothing.leaked_docs == 2

    everything = figures(redacted_runs)
    assert everything.recall == 1.0
    assert everything.retention == 1.0
    assert everything.leaked_docs == 0


def test_withheld_notice_and_refusal() -> None:
    report = generate_report(5, layout=sorted(LAYOUTS)[0], juvenile=False)
    notice = pymupdf.open()
    notice.new_page().insert_text((72, 72), "Record withheld in full.")
    withheld = score_document(
        report.truth, notice.tobytes(), "public", withheld=True, original=None
    )
    # Nothing of the record is on the notice; an adult's release values are lost.
    assert all(v.ok for v in withheld.values if v.want == "withhold")
    assert not any(v.ok for v in withheld.values if v.want == "release")
    assert not withheld.leaked

    refused = score_document(report.truth, None, "public", withheld=False, error="x")
    assert not refused.leaked
    assert not any(v.ok for v in refused.values if v.want == "release")
