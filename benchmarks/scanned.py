"""Scanned versions of generated reports, and how well they are redacted.

    python -m benchmarks.scanned --n 30 --seed 8080

`scan_pdf` turns a PDF into what a records unit receives from a scanner or a
fax: every page rendered at 150-200 dpi in grey, tilted by 0.3-1.5 degrees,
with sensor noise and dust specks, JPEG-compressed, as an image-only PDF (no
text layer at all). `benchmarks.quality --scanned N` runs the same corpus
generator through it.

Scoring. pdfminer reads nothing on an image-only output, so the text scorer
of benchmarks/scoring.py would call every value removed. Here a withhold
value counts as removed when, in every one of its truth boxes (each mention,
each line of a wrapped one), each of its words and numbers (single letters
aside, as in the text scorer) lies under the black boxes the service drew
(the audit record's boxes): the truth boxes are moved with the scan's tilt,
the value's characters are spread over a box, and points along the centre
line of each word, from half a character in at each end, must all fall
inside a redaction box (see `_points`). A release value counts as kept when no more than a
fifth of its characters' centres are covered. Independently, every output is read
again with Tesseract (`--psm 3`, at the scan's resolution): a withhold value
that this OCR finds anywhere on the output page is reported as "OCR-found".
Time per page is the wall clock of the API call over the input's pages; the
CPU time of the call (this process and its Tesseract runs) is shown beside it,
since on a shared machine the wall clock also counts other people's work.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import re
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pymupdf
from PIL import Image

POLICIES = ("federal_immigration", "public")
DEFAULT_SEED = 8080
# Immigration-critical categories with a 100% target on scans (truth names).
CRITICAL_SCANNED: dict[str, tuple[str, ...]] = {
    "A_NUMBER": ("A_NUMBER",),
    "NATIONALITY": ("NATIONALITY", "COUNTRY_OF_CITIZENSHIP"),
    "PLACE_OF_BIRTH": ("PLACE_OF_BIRTH",),
    "IMMIGRATION_STATUS": ("IMMIGRATION_STATUS",),
}


@dataclass(frozen=True, slots=True)
class ScannedPage:
    dpi: int
    angle: float  # degrees, counter-clockwise as seen
    width: float  # page size (pt) as displayed
    height: float
    turned: int = 0  # the page was also fed turned by 90/180/270 degrees
    # The original page's rotation matrix: truth boxes (unrotated space) -> display.
    shown: tuple[float, float, float, float, float, float] = (1, 0, 0, 1, 0, 0)


@dataclass(frozen=True, slots=True)
class Scan:
    pdf: bytes
    pages: tuple[ScannedPage, ...]


def scan_pdf(
    pdf: bytes,
    seed: int,
    *,
    dpi: int | None = None,
    angle: float | None = None,
    turn: int = 0,
    noise: bool = True,
) -> Scan:
    """An image-only PDF of `pdf`, as a scanner or fax would make it (see module doc).

    `dpi` and `angle` are drawn from the seed unless given (150-200 dpi,
    0.3-1.5 degrees either way). `turn` feeds every page turned by 90, 180 or
    270 degrees (clockwise), on a page of the turned shape.
    """
    rng = random.Random(seed)
    src = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    meta: list[ScannedPage] = []
    try:
        for page in src:
            d = dpi if dpi is not None else rng.choice((150, 175, 200))
            a = angle if angle is not None else rng.choice((-1, 1)) * rng.uniform(0.3, 1.5)
            pix = page.get_pixmap(dpi=d, colorspace=pymupdf.csGRAY, alpha=False)
            img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            img = img.rotate(a, resample=Image.Resampling.BICUBIC, fillcolor=255)
            if noise:
                arr = np.asarray(img).astype(np.float32)
                nrng = np.random.default_rng(rng.randrange(2**32))
                arr += nrng.normal(0.0, 12.0, arr.shape)
                specks = nrng.random(arr.shape)
                arr[specks < 0.0015] = 0.0
                arr[specks > 0.9985] = 255.0
                img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
            if turn:
                img = img.rotate(-turn, expand=True)
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=85)
            r = page.rect  # as displayed
            w, h = (r.height, r.width) if turn in (90, 270) else (r.width, r.height)
            p = out.new_page(width=w, height=h)
            p.insert_image(p.rect, stream=buf.getvalue())
            m = page.rotation_matrix
            meta.append(
                ScannedPage(
                    d, a, float(r.width), float(r.height), turn, (m.a, m.b, m.c, m.d, m.e, m.f)
                )
            )
        data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    finally:
        src.close()
        out.close()
    return Scan(bytes(data), tuple(meta))


# -- scoring --------------------------------------------------------------------------------

Box = tuple[float, float, float, float]


def _tilt(scan: ScannedPage) -> Callable[[float, float], tuple[float, float]]:
    """Original page point -> where the scan shows it (PIL turned the image about its centre)."""
    cx, cy = scan.width / 2, scan.height / 2
    t = math.radians(scan.angle)
    cos, sin = math.cos(t), math.sin(t)

    def move(x: float, y: float) -> tuple[float, float]:
        # Counter-clockwise as seen, in y-down coordinates.
        dx, dy = x - cx, y - cy
        return cx + dx * cos + dy * sin, cy - dx * sin + dy * cos

    return move


def _shown(b: Sequence[float], scans: Sequence[ScannedPage]) -> tuple[int, Any, Any]:
    scan = scans[int(b[0]) - 1]
    r = pymupdf.Rect(b[1], b[2], b[3], b[4]) * pymupdf.Matrix(*scan.shown)
    return int(b[0]), r, _tilt(scan)


def _points(
    value: str, box: Sequence[float], scans: Sequence[ScannedPage], *, words: bool
) -> list[Any]:
    """Points on the centre line of one truth box that must be under a redaction box.

    The truth lists every mention of a value, and every line of a wrapped one,
    as a box. A box about as wide as the whole value is a mention: its
    characters are spread evenly over it (exact for typewriter fonts, within a
    fraction of a character otherwise), and with `words` only its words and
    numbers count (single letters aside, as in the text scorer), from half a
    character in at each end. A narrower box is a piece of a wrapped value:
    its whole centre line counts, less 1.5 pt at each end (side bearings).
    """
    page, r, move = _shown(box, scans)
    y = (r.y0 + r.y1) / 2
    n = len(value)
    if n and r.width >= 0.35 * n * r.height:
        step = r.width / n

        def at(pos: float) -> tuple[int, float, float]:
            x, yy = move(r.x0 + pos * step, y)
            return page, x, yy

        if words:
            spans = [
                (m.start(), m.end())
                for m in re.finditer(r"\w+", value)
                if m.end() - m.start() > 1 or m.group().isdigit()
            ] or [(m.start(), m.end()) for m in re.finditer(r"\S+", value)]
            out = []
            for i, j in spans:
                lo, hi = i + 0.5, j - 0.5
                k = max(1, int((hi - lo) / 0.2))
                out += [at(lo + (hi - lo) * t / k) for t in range(k + 1)]
            return out
        return [at(i + 0.5) for i, c in enumerate(value) if not c.isspace()]
    inset = min(1.5, r.width / 4)
    k = max(1, int((r.width - 2 * inset) / 1.0))
    return [(page, *move(r.x0 + inset + (r.width - 2 * inset) * t / k, y)) for t in range(k + 1)]


def _covered(point: tuple[int, float, float], redactions: Sequence[Any]) -> bool:
    page, x, y = point
    return any(
        r["page"] == page
        and r["bbox"][0] <= x <= r["bbox"][2]
        and r["bbox"][1] <= y <= r["bbox"][3]
        for r in redactions
    )


def removed(
    value: str,
    boxes: Sequence[Sequence[float]],
    scans: Sequence[ScannedPage],
    redactions: Sequence[Any],
) -> bool:
    """Every mention of the value lies under the service's boxes (see `_points`)."""
    return all(_covered(p, redactions) for b in boxes for p in _points(value, b, scans, words=True))


def covered_share(
    value: str,
    boxes: Sequence[Sequence[float]],
    scans: Sequence[ScannedPage],
    redactions: Sequence[Any],
) -> float:
    """Share of the value's characters (centre points) under the service's boxes."""
    points = [p for b in boxes for p in _points(value, b, scans, words=False)]
    return sum(_covered(p, redactions) for p in points) / len(points) if points else 0.0


@dataclass(slots=True)
class ValueScore:
    category: str
    want: str
    ok: bool
    ocr_found: bool = False
    value: str = ""
    boxes: tuple[tuple[float, ...], ...] = ()
    seen: str = ""  # with misses shown: what the service's OCR read around a missed value


@dataclass(slots=True)
class DocScore:
    policy: str
    pages: int
    seconds: float
    status: str
    error: str = ""
    values: list[ValueScore] = field(default_factory=list)
    ocr_pages: int = 0
    cpu: float = 0.0  # CPU seconds of the request: this process and its Tesseract runs


def _ocr_text(engine: Any, pdf: bytes) -> list[str]:
    """Each page of the output read again with Tesseract, normalised."""
    from app.redaction import ocr as ocr_mod

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        results = ocr_mod.ocr_pages(engine, list(doc))
    finally:
        doc.close()
    return [" ".join(" ".join(w.text for w in r.words).casefold().split()) for r in results]


def _ocr_input(engine: Any, pdf: bytes) -> list[Any]:
    """The service's own OCR words of each input page (unrotated page space)."""
    from app.redaction import ocr as ocr_mod

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return [r.words for r in ocr_mod.ocr_pages(engine, list(doc))]
    finally:
        doc.close()


def seen_around(
    value: ValueScore, scans: Sequence[ScannedPage], words: Sequence[Sequence[Any]]
) -> str:
    """The OCR lines that touch a value's truth boxes, the words inside in [brackets]."""
    parts = []
    for b in value.boxes:
        page, r, move = _shown(b, scans)
        if page - 1 >= len(words):
            continue
        pts = [move(r.x0, r.y0), move(r.x1, r.y0), move(r.x0, r.y1), move(r.x1, r.y1)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        box = pymupdf.Rect(min(xs), min(ys), max(xs), max(ys))
        page_words = words[page - 1]
        inside = {
            k for k, w in enumerate(page_words) if pymupdf.Rect(w.rect.as_tuple()).intersects(box)
        }
        lines = {page_words[k].line for k in inside}
        shown = [
            f"[{w.text}:{w.conf:.0f}]" if k in inside else w.text
            for k, w in enumerate(page_words)
            if w.line in lines
        ]
        parts.append(" ".join(shown) or "(nothing read)")
    return " | ".join(parts)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _tokens(value: str) -> list[str]:
    return [t for t in re.findall(r"\w+", value.casefold()) if len(t) > 1 or t.isdigit()]


def score(
    truth: dict[str, Any],
    scans: Sequence[ScannedPage],
    policy: str,
    audit: dict[str, Any] | None,
    ocr_pages: Sequence[str] | None,
) -> list[ValueScore]:
    out = []
    withheld_doc = audit is not None and audit["status"] == "withheld"
    redactions = audit["redactions"] if audit is not None else []
    for v in truth["values"]:
        want = v[policy]
        if truth["juvenile"] and want == "release":
            continue
        if audit is None:  # refused: nothing released, nothing leaked
            out.append(ValueScore(v["category"], want, want == "withhold"))
            continue
        if withheld_doc:
            out.append(ValueScore(v["category"], want, want == "withhold"))
            continue
        if want == "withhold":
            ok = removed(v["value"], v["boxes"], scans, redactions)
        else:
            ok = covered_share(v["value"], v["boxes"], scans, redactions) <= 0.2
        found = False
        if want == "withhold" and ocr_pages is not None:
            toks = _tokens(v["value"])
            pages = {int(b[0]) for b in v["boxes"]}
            for p in pages:
                text = ocr_pages[p - 1] if p - 1 < len(ocr_pages) else ""
                joined = " ".join(toks)
                if toks and len(joined) >= 4 and joined in text:
                    found = True
        boxes = tuple(tuple(float(x) for x in b) for b in v["boxes"])
        out.append(ValueScore(v["category"], want, ok, found, v["value"], boxes))
    return out


def run(
    client: Any,
    n: int,
    seed: int,
    progress: Callable[[str], None],
    *,
    ocr_check: bool = True,
    misses: bool = False,
) -> list[tuple[dict[str, Any], DocScore]]:
    """Scan `n` generated reports (layouts in turn) and redact each under both policies."""
    from tests.reportgen import LAYOUTS, generate_report

    engine = client.app.state.engine
    layouts = sorted(LAYOUTS)
    master = random.Random(seed)
    results: list[tuple[dict[str, Any], DocScore]] = []
    for i in range(n):
        report_seed = master.randrange(2**31)
        report = generate_report(report_seed, layout=layouts[i % len(layouts)])
        scan = scan_pdf(report.pdf, report_seed)
        truth = {
            **report.truth,
            "doc_id": f"{i + 1:04d}",
            "seed": report_seed,
            "layout": layouts[i % len(layouts)],
        }
        input_words: list[Any] | None = None
        for policy in POLICIES:
            started = time.perf_counter()
            cpu_started = _cpu()
            response = client.post(
                "/v1/redactions",
                data={"requester_type": policy, "request_id": "scanned-benchmark"},
                files={"file": ("scan.pdf", scan.pdf, "application/pdf")},
                headers={"Accept": "application/pdf"},
            )
            took = time.perf_counter() - started
            cpu = _cpu() - cpu_started
            audit = None
            error = ""
            if response.status_code == 200:
                audit = client.get(f"/v1/audit/{response.headers['x-audit-id']}").json()
            else:
                try:
                    error = str(response.json()["error"]["code"])
                except Exception:
                    error = f"http_{response.status_code}"
            ocr_text = None
            if ocr_check and audit is not None and audit["status"] == "completed":
                ocr_text = _ocr_text(engine.ocr, response.content)
            doc = DocScore(
                policy,
                len(scan.pages),
                took,
                audit["status"] if audit else "refused",
                error,
                score(truth, scan.pages, policy, audit, ocr_text),
                sum(1 for p in (audit or {}).get("pages") or [] if p["ocr"]),
                cpu,
            )
            if misses and any(v.want == "withhold" and not v.ok for v in doc.values):
                if input_words is None:
                    input_words = _ocr_input(engine.ocr, scan.pdf)
                for v in doc.values:
                    if v.want == "withhold" and not v.ok:
                        v.seen = seen_around(v, scan.pages, input_words)
            results.append((truth, doc))
        if (i + 1) % 5 == 0 or i + 1 == n:
            progress(f"  scanned: {i + 1}/{n} reports")
    return results


def _pct(x: float) -> str:
    return "    -  " if math.isnan(x) else f"{100 * x:6.2f}%"


def report_lines(results: Sequence[tuple[dict[str, Any], DocScore]], seed: int) -> list[str]:
    docs = len({t["doc_id"] for t, _ in results})
    pages = sum(d.pages for t, d in results if d.policy == POLICIES[0])
    lines = [
        f"Scanned corpus: {docs} generated reports (seed {seed}), {pages} pages, image-only "
        "(150-200 dpi grey, tilted 0.3-1.5 degrees, noise and specks, JPEG)",
        "removed = every word of the value, in each of its boxes, lies under the service's "
        "boxes; OCR-found = Tesseract reads the value on the output page",
        "",
    ]
    head = (
        f"{'policy':20} {'withhold':>8} {'recall':>8} {'release':>8} {'retention':>9} "
        f"{'leaked docs':>11} {'OCR-found':>9} {'s/page':>7} {'CPU s/page':>10} {'refused':>7} "
        f"{'OCR pages':>9}"
    )
    lines += [head, "-" * len(head)]
    for policy in POLICIES:
        ds = [d for _, d in results if d.policy == policy]
        vals = [v for d in ds for v in d.values]
        w = [v for v in vals if v.want == "withhold"]
        r = [v for v in vals if v.want == "release"]
        leaked = sum(any(v.want == "withhold" and not v.ok for v in d.values) for d in ds)
        secs = sum(d.seconds for d in ds) / max(1, sum(d.pages for d in ds))
        cpu = sum(d.cpu for d in ds) / max(1, sum(d.pages for d in ds))
        rec = sum(v.ok for v in w) / len(w) if w else math.nan
        ret = sum(v.ok for v in r) / len(r) if r else math.nan
        lines.append(
            f"{policy:20} {len(w):8} {_pct(rec):>8} {len(r):8} {_pct(ret):>9} "
            f"{f'{leaked}/{len(ds)}':>11} {sum(v.ocr_found for v in w):9} {secs:7.2f} {cpu:10.2f} "
            f"{sum(bool(d.error) for d in ds):7} {sum(d.ocr_pages for d in ds):9}"
        )
    lines += ["", "Per category, federal_immigration (* = 100% target on scans)"]
    head = f"{'category':24} {'withhold':>8} {'recall':>8} {'OCR-found':>9}"
    lines += [head, "-" * len(head)]
    fed = [v for _, d in results if d.policy == "federal_immigration" for v in d.values]
    critical = {c for names in CRITICAL_SCANNED.values() for c in names}
    for cat in sorted({v.category for v in fed if v.want == "withhold"}):
        w = [v for v in fed if v.category == cat and v.want == "withhold"]
        rec = sum(v.ok for v in w) / len(w)
        mark = "*" if cat in critical else " "
        lines.append(f"{mark}{cat:23} {len(w):8} {_pct(rec):>8} {sum(v.ocr_found for v in w):9}")
    lines += ["", "Targets (issue 6)"]
    lines += _targets(results)
    errors = sorted({d.error for _, d in results if d.error})
    if errors:
        lines.append(f"refusals: {', '.join(errors)}")
    return lines


def miss_lines(results: Sequence[tuple[dict[str, Any], DocScore]]) -> list[str]:
    """One line per withhold value missed: where, what, and what OCR read around it."""
    out = []
    for truth, d in results:
        if d.error:
            out.append(f"  {d.policy} doc={truth['doc_id']} refused: {d.error}")
        for v in d.values:
            if v.want == "withhold" and not v.ok and v.value:
                out.append(
                    f"  {d.policy} doc={truth['doc_id']} layout={truth.get('layout', '')} "
                    f"{v.category} {v.value!r}\n      OCR: {v.seen}"
                )
    return out


def _targets(results: Sequence[tuple[dict[str, Any], DocScore]]) -> list[str]:
    fed = [v for _, d in results if d.policy == "federal_immigration" for v in d.values]
    w = [v for v in fed if v.want == "withhold"]
    rec = sum(v.ok for v in w) / len(w) if w else math.nan
    rows = [("federal recall on scanned >= 98%", _pct(rec).strip(), rec >= 0.98)]
    for name, truth_names in CRITICAL_SCANNED.items():
        c = [v for v in w if v.category in truth_names]
        ok = sum(v.ok for v in c)
        rows.append(
            (
                f"federal recall on scanned = 100% for {name}",
                f"{ok}/{len(c)}",
                bool(c) and ok == len(c),
            )
        )
    ds = [d for _, d in results]
    secs = sum(d.seconds for d in ds) / max(1, sum(d.pages for d in ds))
    cpu = sum(d.cpu for d in ds) / max(1, sum(d.pages for d in ds))
    rows.append(
        (
            "time per scanned page <= 3 s",
            f"{secs:.2f} s wall clock ({cpu:.2f} s CPU, of 2 cores)",
            secs <= 3.0,
        )
    )
    width = max(len(r[0]) for r in rows)
    return [f"{n:{width}}  {'met' if m else 'NOT MET':8} {v}" for n, v, m in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.scanned", description=__doc__)
    ap.add_argument("--n", type=int, default=30, help="generated reports to scan (default 30)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--no-ocr-check", action="store_true", help="skip re-reading the outputs")
    ap.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="K",
        help="print the first K withhold values missed, with what OCR read around them",
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()

    def progress(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s]{msg}", file=sys.stderr, flush=True)

    from benchmarks.service import service_client

    with service_client("scanned") as client:
        if client.app.state.engine.ocr is None:  # type: ignore[attr-defined]
            print("Tesseract is not installed: nothing to measure", file=sys.stderr)
            return 1
        progress(" service ready")
        results = run(
            client,
            args.n,
            args.seed,
            progress,
            ocr_check=not args.no_ocr_check,
            misses=args.show_misses > 0,
        )
    print("\n".join(report_lines(results, args.seed)))
    if args.show_misses:
        missed = miss_lines(results)
        print(f"\nFirst {min(args.show_misses, len(missed))} of {len(missed)} misses:")
        print("\n".join(missed[: args.show_misses]))
    print(f"\nTotal run time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
