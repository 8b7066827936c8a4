"""Box-level detection quality against ground truth (samples or generated reports).

For every ground-truth value and policy: a `withhold` value must have each of its
boxes covered by redaction marks; a `release` value must have none of its boxes
covered. Prints a table per category and the misses (with the value text, so run
it only on synthetic data).

    python -m benchmarks.sample_quality ../shared/samples
    python -m benchmarks.sample_quality DIR --policy public --show
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import pymupdf

from app.config import Settings
from app.redaction.detection import Detector
from app.redaction.pdf_text import extract_pages
from app.redaction.policy import load_policies
from app.redaction.types import Rect, marks_for


def covered(box: Rect, marks: list[Rect]) -> float:
    """Fraction of `box` under the marks (marks on one line rarely overlap)."""
    area = 0.0
    for m in marks:
        inter = box.intersect(m)
        if inter is not None:
            area += inter.area
    return min(1.0, area / box.area) if box.area else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("directory", type=Path)
    ap.add_argument("--policy", action="append")
    ap.add_argument("--show", action="store_true", help="print each miss")
    args = ap.parse_args()
    settings = Settings()
    policies = load_policies(settings.policy_dir)
    detector = Detector.load(settings.spacy_model, settings.gazetteer_dir, settings.model_manifest)
    stats: Counter[tuple[str, str, str]] = Counter()
    misses: list[str] = []
    elapsed = 0.0
    docs = sorted(args.directory.glob("*.json"))
    for truth_path in docs:
        if truth_path.name == "manifest.json":
            continue
        truth = json.loads(truth_path.read_text())
        doc = pymupdf.open(truth_path.with_suffix(".pdf"))
        t0 = time.perf_counter()
        pages = extract_pages(doc)
        detection = detector.detect(pages)
        elapsed += time.perf_counter() - t0
        for pid in args.policy or policies.ids():
            policy = policies.get(pid)
            if truth["juvenile"]:
                ok = detection.juvenile
                stats[(pid, "JUVENILE", "ok" if ok else "miss")] += 1
                if not ok:
                    misses.append(f"{truth['doc_id']} {pid}: juvenile not withheld")
                continue
            if detection.juvenile:
                stats[(pid, "JUVENILE", "false_withhold")] += 1
                misses.append(f"{truth['doc_id']} {pid}: withheld as juvenile wrongly")
                continue
            marks = marks_for(policy.decide_all(detection.findings))
            for v in truth["values"]:
                want = v[pid]
                for page, x0, y0, x1, y1 in v["boxes"]:
                    on_page = [m.rect for m in marks if m.page == page - 1]
                    frac = covered(Rect(x0, y0, x1, y1), on_page)
                    if want == "withhold":
                        ok = frac > 0.9
                        stats[(pid, v["category"], "ok" if ok else "leak")] += 1
                    else:
                        ok = frac < 0.05
                        stats[(pid, v["category"], "ok" if ok else "over")] += 1
                    if not ok:
                        misses.append(
                            f"{truth['doc_id']} {pid:20} {v['category']:22} {v['role']:11} "
                            f"{want:8} cov={frac:.2f} p{page} {v['value']!r}"
                        )
    cats = sorted({(p, c) for p, c, _ in stats})
    print(f"{'policy':20} {'category':24} {'ok':>5} {'leak':>5} {'over':>5}")
    total = Counter[str]()
    for p, c in cats:
        ok, leak, over = (stats[(p, c, k)] for k in ("ok", "leak", "over"))
        total["ok"] += ok
        total["leak"] += leak
        total["over"] += over
        print(f"{p:20} {c:24} {ok:5} {leak:5} {over:5}")
    print(f"{'TOTAL':45} {total['ok']:5} {total['leak']:5} {total['over']:5}")
    print(f"detection time: {elapsed * 1000 / max(1, len(docs)):.0f} ms/document")
    if args.show:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
