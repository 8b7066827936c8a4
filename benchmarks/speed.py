"""Speed through the real HTTP API, beside the NER floor and the stock baseline.

    python -m benchmarks.speed                       # sizes 1,3,10,500; workers 1 and 2
    python -m benchmarks.speed --quick               # sizes 1,3,10; fewer repeats
    python -m benchmarks.speed --sizes 1,10,100 --repeats 5 --workers 1,2 --json /tmp/speed.json
    python -m benchmarks.speed --quick --profile     # plus cProfile of one 10-page redaction

1. Documents: one generated report (tests.reportgen, adult arrestee) repeated with
   PyMuPDF `insert_pdf` and cut to each size, like a long case file about one
   arrest. (Different reports concatenated into one PDF are not used: detection
   then reads them as one record, and a juvenile date elsewhere withholds it.)
2. Latency: a real `uvicorn app.main:app` in a subprocess on a free port (temporary
   SQLite audit store, an admin key made before it starts, `REDACTOR_LOG_LEVEL=WARNING`),
   one request at a time per size, `POST /v1/redactions` (`public`, `Accept:
   application/pdf`); p50/p95 of the client's wall clock.
3. Throughput: for each `--workers` value a server with that many uvicorn workers,
   `--tp-docs` documents of `--tp-size` pages sent with 2 x workers requests in
   flight; pages per second of wall clock. Each worker redacts one document at a
   time (PyMuPDF is not thread-safe: RedactionEngine holds a lock).
4. Memory: the server's process tree (the supervisor, its workers and the process
   each worker forks for a document) sampled every 50 ms while requests run: the
   peak of the summed PSS (physical memory, a page shared by n processes counted
   1/n in each) and of the summed RSS (shared pages counted in every process);
   also VmHWM of the processes still alive at the end, as before. During the
   latency runs, /healthz is asked every 100 ms while the largest size is redacted.
5. NER floor: the spaCy pipelines alone, loaded and run as the service runs them
   (`ner_engine.load_stock_pipeline`: the stock model with its NER alone, and the
   domain model models/arrest_ner; both `nlp.pipe` in batches of
   `ner_engine.BATCH_SIZE`), in this process, on the text the service extracts from
   the same pages. Only the models' own work: no Presidio, no recognizer.
6. Baseline: benchmarks/baseline.py (stock Presidio + PyMuPDF) on the same documents.

Numbers to stdout (and `--json`), progress to stderr. Two shared cores make the
numbers noisy: compare runs made on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20261125
POLICY = "public"


def _progress(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- documents ---------------------------------------------------------------------


def base_report(seed: int = DEFAULT_SEED) -> bytes:
    """One generated adult report (not a juvenile's: that would be withheld whole)."""
    from tests.reportgen import generate_report

    return generate_report(random.Random(seed).randrange(2**31), juvenile=False).pdf


def build_document(pages: int, seed: int = DEFAULT_SEED) -> bytes:
    """A PDF of exactly `pages` pages: one generated report repeated, then cut."""
    import pymupdf

    src = pymupdf.open(stream=base_report(seed), filetype="pdf")
    out = pymupdf.open()
    try:
        while out.page_count < pages:
            out.insert_pdf(src)
        out.select(list(range(pages)))
        return bytes(out.tobytes(garbage=3, deflate=True))
    finally:
        out.close()
        src.close()


# -- the server --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            out.append(int(entry))
    return out


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(_children(p))
    return tree


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process tree so far (its live processes)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        # utime, stime (fields 14 and 15), and cutime, cstime (16, 17): the time of
        # its children that ended and were waited for, such as the process forked
        # for each document (REDACTOR_DOCUMENT_PROCESS) and Tesseract's runs.
        total += sum(int(v) for v in fields[11:15])
    return total / tick


def tree_memory_mb(pid: int) -> dict[str, float]:
    """Peak (VmHWM) and current (VmRSS) resident memory of the process tree, in MiB."""
    pids = process_tree(pid)
    peaks = [_status_kb(p, "VmHWM") / 1024 for p in pids]
    return {
        "processes": len(pids),
        "peak_rss_total_mb": round(sum(peaks), 1),
        "peak_rss_max_process_mb": round(max(peaks, default=0.0), 1),
        "rss_now_total_mb": round(sum(_status_kb(p, "VmRSS") for p in pids) / 1024, 1),
    }


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class _EveryFewMs:
    """A daemon thread that calls `tick` every `every` seconds inside a `with` block."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.tick()

    def tick(self) -> None:
        raise NotImplementedError


class MemorySampler(_EveryFewMs):
    """Peak memory of the server's process tree, sampled every `every` seconds.

    VmHWM read at the end misses the processes forked for each document (they are
    gone by then), and summing the RSS of processes that share pages counts those
    pages twice. So the tree is sampled while requests run: the sum of PSS is the
    physical memory the server used (shared pages counted once), the sum of RSS
    the old, pessimistic figure.
    """

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(every)
        self.pid = pid
        self.peak_pss_mb = 0.0
        self.peak_rss_mb = 0.0
        self.peak_processes = 0

    def tick(self) -> None:
        pids = process_tree(self.pid)
        self.peak_processes = max(self.peak_processes, len(pids))
        self.peak_pss_mb = max(self.peak_pss_mb, sum(_pss_kb(p) for p in pids) / 1024)
        rss = sum(_status_kb(p, "VmRSS") for p in pids) / 1024
        self.peak_rss_mb = max(self.peak_rss_mb, rss)

    def figures(self) -> dict[str, float]:
        return {
            "peak_pss_total_mb": round(self.peak_pss_mb, 1),
            "peak_rss_sum_mb": round(self.peak_rss_mb, 1),
            "peak_processes": self.peak_processes,
        }


class HealthProbe(_EveryFewMs):
    """`GET /healthz` every `every` seconds while a redaction runs: its latencies."""

    def __init__(self, url: str, every: float = 0.1) -> None:
        import httpx

        super().__init__(every)
        self.url = url
        self.latencies: list[float] = []
        self._client = httpx.Client()
        self._client.get(self.url + "/healthz", timeout=30)  # a connection, and warm

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self._client.close()

    def tick(self) -> None:
        started = time.perf_counter()
        r = self._client.get(self.url + "/healthz", timeout=30)
        if r.status_code == 200:
            self.latencies.append(time.perf_counter() - started)

    def figures(self) -> dict[str, float]:
        t = self.latencies
        return {
            "n": len(t),
            "median_ms": 1000 * statistics.median(t) if t else float("nan"),
            "max_ms": 1000 * max(t) if t else float("nan"),
            "over_100ms": sum(x > 0.1 for x in t),
        }


@dataclass
class Server:
    url: str
    key: str
    process: subprocess.Popen[bytes]
    log: Path

    def memory(self) -> dict[str, float]:
        return tree_memory_mb(self.process.pid)


@contextlib.contextmanager
def run_server(workers: int, tmp: Path, *, timeout: float = 600.0) -> Iterator[Server]:
    """`uvicorn app.main:app --workers N` in a subprocess, ready when every worker started."""
    import httpx

    from app.db import Database
    from app.keys import KeyRole, KeyStore

    db_url = f"sqlite:///{tmp}/audit-w{workers}.db"
    database = Database(db_url)
    database.create_all()
    _, secret = KeyStore(database).create(
        name=f"speed-w{workers}", role=KeyRole.ADMIN, created_by="benchmark"
    )
    database.dispose()
    port = free_port()
    log = tmp / f"server-w{workers}.log"
    env = {
        **os.environ,
        "REDACTOR_DATABASE_URL": db_url,
        "REDACTOR_LOG_LEVEL": "WARNING",
        "REDACTOR_LOG_FORMAT": "json",
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    with log.open("wb") as sink:
        process = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=sink, stderr=sink)
    server = Server(f"http://127.0.0.1:{port}", secret, process, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready after {timeout:.0f}s: see {log}")
            started = log.read_text(errors="replace").count("Application startup complete")
            if started >= workers:
                try:
                    if httpx.get(server.url + "/readyz", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
            time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def post(client: Any, server: Server, pdf: bytes) -> float:
    started = time.perf_counter()
    r = client.post(
        server.url + "/v1/redactions",
        data={"requester_type": POLICY, "request_id": "speed-benchmark"},
        files={"file": ("report.pdf", pdf, "application/pdf")},
        headers={"Accept": "application/pdf", "X-API-Key": server.key},
        timeout=3600,
    )
    took = time.perf_counter() - started
    if r.status_code != 200:
        raise RuntimeError(f"redaction failed: {r.status_code} {r.text[:200]}")
    return took


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_latency(
    server: Server, docs: dict[int, bytes], repeats: Callable[[int], int]
) -> tuple[dict[int, dict[str, float]], dict[str, float]]:
    """Latency per size; and /healthz while the largest size is redacted."""
    import httpx

    out: dict[int, dict[str, float]] = {}
    health: dict[str, float] = {}
    with httpx.Client() as client:
        post(client, server, docs[min(docs)])  # warm-up: first-call costs are not latency
        for size, pdf in sorted(docs.items()):
            n = repeats(size)
            times = []
            probe = HealthProbe(server.url) if size == max(docs) else None
            with probe or contextlib.nullcontext():
                for _ in range(n):
                    times.append(post(client, server, pdf))
            if probe is not None:
                health = {"pages": size, **probe.figures()}
            out[size] = {
                "pages": size,
                "repeats": n,
                "p50_s": statistics.median(times),
                "p95_s": percentile(times, 0.95),
                "mean_s": statistics.fmean(times),
                "ms_per_page": 1000 * statistics.median(times) / size,
            }
            _progress(f"  latency {size:>4} pages: p50 {out[size]['p50_s']:.2f}s ({n}x)")
    return out, health


def measure_throughput(
    server: Server, pdf: bytes, pages: int, docs: int, workers: int
) -> tuple[float, float]:
    """Pages per second of wall clock, and the server's CPU seconds per page."""
    import httpx

    def one(_: int) -> float:
        with httpx.Client() as client:
            return post(client, server, pdf)

    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        list(pool.map(one, range(2 * workers)))  # warm every worker
        cpu = tree_cpu_seconds(server.process.pid)
        started = time.perf_counter()
        list(pool.map(one, range(docs)))
        wall = time.perf_counter() - started
        cpu = tree_cpu_seconds(server.process.pid) - cpu
    return docs * pages / wall, cpu / (docs * pages)


# -- in process: NER floor, baseline, profile ----------------------------------------


def page_texts(pdf: bytes) -> tuple[list[str], float]:
    """The text the service detects on, per page, and the seconds extraction took."""
    import pymupdf

    from app.redaction.pdf_text import read_document

    started = time.perf_counter()
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        texts = [p.text for p in read_document(doc, None).pages]
    finally:
        doc.close()
    return texts, time.perf_counter() - started


def ner_floor(docs: dict[int, bytes]) -> dict[int, dict[str, float]]:
    from app.config import Settings
    from app.redaction.domain_ner import load_domain_ner
    from app.redaction.ner_engine import BATCH_SIZE, load_stock_pipeline

    settings = Settings()
    # Exactly the pipeline the service runs (Detector.load loads it the same way).
    nlp = load_stock_pipeline(settings.spacy_model)
    manifest = settings.model_manifest
    domain = load_domain_ner(manifest.parent / "arrest_ner" / "model", manifest)
    list(nlp.pipe(["Warm-up text for the pipeline, Chicago."]))
    out: dict[int, dict[str, float]] = {}
    for size, pdf in sorted(docs.items()):
        texts, extract_s = page_texts(pdf)
        started = time.perf_counter()
        list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        stock_s = time.perf_counter() - started
        started = time.perf_counter()
        if domain is not None:
            list(domain.pipe_entities(texts))
        domain_s = time.perf_counter() - started
        out[size] = {
            "extract_ms_per_page": 1000 * extract_s / size,
            "stock_ms_per_page": 1000 * stock_s / size,
            "domain_ms_per_page": 1000 * domain_s / size,
            "floor_ms_per_page": 1000 * (stock_s + domain_s) / size,
            "chars_per_page": sum(len(t) for t in texts) / size,
        }
        _progress(f"  NER floor {size:>4} pages: {out[size]['floor_ms_per_page']:.1f} ms/page")
    return out


def baseline(docs: dict[int, bytes], max_pages: int) -> dict[int, float]:
    from benchmarks.baseline import StockBaseline

    stock = StockBaseline()
    stock.redact(docs[min(docs)])  # warm-up
    out: dict[int, float] = {}
    for size, pdf in sorted(docs.items()):
        if size > max_pages:
            continue
        out[size] = 1000 * stock.redact(pdf).seconds / size
        _progress(f"  baseline {size:>4} pages: {out[size]:.1f} ms/page")
    return out


def profile(pages: int, top: int) -> str:
    """cProfile of one redaction in process (the engine the service builds), cumulative."""
    from app.config import Settings
    from app.redaction.detection import Detector
    from app.redaction.pipeline import RedactionEngine, settle_heap
    from app.redaction.policy import load_policies

    settings = Settings()
    detector = Detector.load(settings.spacy_model, settings.gazetteer_dir, settings.model_manifest)
    # In this process, as the service's thread mode runs it (no forked child).
    engine = RedactionEngine(detector, load_policies(settings.policy_dir), max_pages=10_000)
    engine.warm_up()  # as the service's startup does
    settle_heap()
    engine.redact(build_document(1), POLICY)  # warm-up
    pdf = build_document(pages)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    engine.redact(pdf, POLICY)
    profiler.disable()
    took = time.perf_counter() - started
    out = [f"cProfile: one {pages}-page redaction in process, {took:.2f}s (profiled)"]
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats(key).print_stats(top)
        lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
        out += [f"top {top} by {key}:", *lines[-(top + 1) :]]
    return "\n".join(out)


# -- main --------------------------------------------------------------------------


def _sizes(raw: str) -> list[int]:
    return sorted({int(x) for x in raw.split(",") if x.strip()})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    ap.add_argument("--sizes", default=None, help="page counts (default 1,3,10,500)")
    ap.add_argument("--repeats", type=int, default=None, help="requests per size (default 5)")
    ap.add_argument(
        "--big-repeats", type=int, default=1, help="requests per size over 50 pages (default 1)"
    )
    ap.add_argument("--workers", default="1,2", help="uvicorn worker counts for throughput")
    ap.add_argument("--tp-size", type=int, default=10, help="pages per throughput document")
    ap.add_argument("--tp-docs", type=int, default=None, help="throughput documents per run")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--quick", action="store_true", help="sizes 1,3,10, 3 repeats, 6 docs")
    ap.add_argument("--no-baseline", action="store_true", help="skip the stock baseline")
    ap.add_argument(
        "--baseline-max-pages", type=int, default=100, help="largest size the baseline runs"
    )
    ap.add_argument("--no-floor", action="store_true", help="skip the NER floor")
    ap.add_argument(
        "--profile", action="store_true", help="cProfile one redaction (top 15 cumulative, own)"
    )
    ap.add_argument("--profile-pages", type=int, default=10)
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    args = ap.parse_args(argv)
    sizes = _sizes(args.sizes or ("1,3,10" if args.quick else "1,3,10,500"))
    repeats = args.repeats or (3 if args.quick else 5)
    tp_docs = args.tp_docs or (6 if args.quick else 12)
    workers = sorted({int(w) for w in args.workers.split(",") if w.strip()})

    def reps(size: int) -> int:
        return repeats if size <= 50 else args.big_repeats

    _progress(f"building documents: {sizes} pages")
    docs = {size: build_document(size, args.seed) for size in sizes}
    tp_pdf = docs.get(args.tp_size) or build_document(args.tp_size, args.seed)
    result: dict[str, Any] = {"sizes": sizes, "policy": POLICY, "seed": args.seed}
    latency: dict[int, dict[str, float]] = {}
    health: dict[str, float] = {}
    throughput: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="speed-") as tmp:
        for w in workers:
            _progress(f"starting uvicorn with {w} worker(s)")
            with run_server(w, Path(tmp)) as server:
                startup = server.memory()
                if w == workers[0]:
                    with MemorySampler(server.process.pid) as sampler:
                        latency, health = measure_latency(server, docs, reps)
                    result["latency_memory"] = sampler.figures()
                    result["health_during_largest"] = health
                with MemorySampler(server.process.pid) as tp_sampler:
                    pps, cpu_per_page = measure_throughput(server, tp_pdf, args.tp_size, tp_docs, w)
                throughput[w] = {
                    "pages_per_s": pps,
                    "cpu_s_per_page": cpu_per_page,
                    "cores_busy": pps * cpu_per_page,
                    "docs": tp_docs,
                    "pages_per_doc": args.tp_size,
                    "memory_after_startup": startup,
                    "memory": server.memory(),
                    "sampled": tp_sampler.figures(),
                }
                _progress(f"  throughput, {w} worker(s): {pps:.2f} pages/s")
    result["latency_workers"] = workers[0]
    result["latency"] = latency
    result["throughput"] = throughput
    floor = {} if args.no_floor else ner_floor(docs)
    result["ner_floor"] = floor
    base = {} if args.no_baseline else baseline(docs, args.baseline_max_pages)
    result["baseline_ms_per_page"] = base

    lines = [
        f"Speed: POST /v1/redactions ({POLICY}, Accept: application/pdf) through uvicorn on "
        f"127.0.0.1; one generated report (seed {args.seed}) repeated to each size.",
        "",
        f"Latency, {workers[0]} worker, one request at a time:",
        "| pages | n | p50 s | p95 s | ms/page | NER floor ms/page | x floor | baseline ms/page "
        "| baseline / ours |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        lat = latency.get(size)
        if lat is None:
            continue
        fl = floor.get(size, {}).get("floor_ms_per_page")
        b = base.get(size)
        ours = lat["ms_per_page"]
        lines.append(
            f"| {size} | {int(lat['repeats'])} | {lat['p50_s']:.2f} | {lat['p95_s']:.2f} "
            f"| {ours:.0f} | {'-' if fl is None else f'{fl:.1f}'} "
            f"| {'-' if fl is None else f'{ours / fl:.1f}'} "
            f"| {'-' if b is None else f'{b:.0f}'} | {'-' if b is None else f'{b / ours:.2f}'} |"
        )
    if health:
        lines.append(
            f"/healthz every 100 ms during the {int(health['pages'])}-page redaction: "
            f"n={int(health['n'])}, median {health['median_ms']:.1f} ms, max "
            f"{health['max_ms']:.1f} ms, {int(health['over_100ms'])} over 100 ms"
        )
    if "latency_memory" in result:
        m = result["latency_memory"]
        lines.append(
            f"Memory during the latency runs (sampled every 50 ms): peak PSS total "
            f"{m['peak_pss_total_mb']:.0f} MiB (physical; shared pages counted once), "
            f"peak RSS sum {m['peak_rss_sum_mb']:.0f} MiB, up to {int(m['peak_processes'])} "
            "processes"
        )
    if floor:
        lines += ["", "NER floor detail (ms/page): extract / stock spaCy / domain model"]
        for size, f in sorted(floor.items()):
            lines.append(
                f"  {size:>4} pages: {f['extract_ms_per_page']:.1f} / {f['stock_ms_per_page']:.1f}"
                f" / {f['domain_ms_per_page']:.1f} ({f['chars_per_page']:.0f} chars/page)"
            )
    lines += [
        "",
        "Throughput and memory:",
        "| workers | pages/s | server CPU s/page | cores busy | peak PSS total MiB "
        "| peak RSS sum MiB | VmHWM of live processes MiB | processes |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for w, t in sorted(throughput.items()):
        m, sm = t["memory"], t["sampled"]
        lines.append(
            f"| {w} | {t['pages_per_s']:.2f} | {t['cpu_s_per_page']:.3f} | {t['cores_busy']:.2f} "
            f"| {sm['peak_pss_total_mb']:.0f} | {sm['peak_rss_sum_mb']:.0f} "
            f"| {m['peak_rss_total_mb']:.0f} | {int(sm['peak_processes'])} |"
        )
    lines.append(
        f"(machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
        "cores busy = pages/s x CPU s/page: under 1 per worker means the workers waited "
        "for a core)"
    )
    if len(throughput) > 1:
        lo, hi = min(throughput), max(throughput)
        scale = throughput[hi]["pages_per_s"] / throughput[lo]["pages_per_s"]
        lines.append(f"scaling {lo} -> {hi} workers: x{scale:.2f}")
    if args.profile:
        _progress(f"profiling one {args.profile_pages}-page redaction")
        text = profile(args.profile_pages, 15)
        result["profile"] = text
        lines += ["", text]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
