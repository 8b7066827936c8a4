"""Retrain the arrest-report NER from scratch: `python -m models.arrest_ner.train`.

1. Generate the training reports (config.TrainConfig.train_seeds), read them as the detector
   does (app.redaction.pdf_text) and find the gold PERSON spans through the truth boxes
   (data.py). Cut pages into chunks; in half of them replace the names by unseen ones.
2. Rehearsal: label every training text, and plain English passages (rehearsal.py), with the
   stock NER's own predictions. In report chunks the gold PERSON spans replace the stock
   model's PERSON guesses, and its ORG/PERSON guesses on street addresses are dropped.
3. Update a copy of the stock `ner` (its internal tok2vec included) on the mix for a few
   epochs; print progress on a few dev reports.
4. Save the pipeline (tokenizer + ner only) to models/arrest_ner/model/ and record its sha256
   in models/spacy_models.json under "arrest_ner".

No network access: the stock pipeline is the installed package, everything else is generated.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python models/arrest_ner/train.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import argparse
import json
import random
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from models.arrest_ner import names
from models.arrest_ner.config import (
    MANIFEST,
    MODEL_DIR,
    MODEL_NAME,
    MODEL_VERSION,
    TrainConfig,
)
from models.arrest_ner.data import Chunk, Span, chunks, pages_for, swap_names
from models.arrest_ner.rehearsal import Passage, rehearsal_texts

# Stock labels that are wrong on a street address ("3492 W. Byron St." as ORG). GPE, FAC,
# CARDINAL ... inside an address are kept.
_NOT_ON_ADDRESSES = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_OTHER_COMPONENTS = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


def _log(start: float, message: str) -> None:
    print(f"[{time.monotonic() - start:6.1f}s] {message}", flush=True)


def load_base(cfg: TrainConfig) -> Any:
    """The stock pipeline with only its tokenizer and `ner` (which has its own tok2vec)."""
    import spacy

    if not spacy.util.is_package(cfg.base_model):
        raise SystemExit(f"{cfg.base_model} is not installed (pip install -e .)")
    return spacy.load(cfg.base_model, exclude=_OTHER_COMPONENTS)


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def reference_doc(
    nlp: Any,
    text: str,
    persons: Sequence[Span],
    addresses: Sequence[Span],
    stock_ents: Sequence[tuple[int, int, str]],
) -> Any:
    """The training target: gold PERSON spans plus the stock model's other entities."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(text)
    gold = [doc.char_span(s, e, "PERSON", alignment_mode="expand") for s, e in persons]
    gold = [g for g in gold if g is not None]
    taken = [(g.start_char, g.end_char) for g in gold]
    rehearsed = []
    for s, e, label in stock_ents:
        if label == "PERSON" or _overlaps((s, e), taken):
            continue  # the gold decides who is a person
        if label in _NOT_ON_ADDRESSES and _overlaps((s, e), addresses):
            continue
        span = doc.char_span(s, e, label, alignment_mode="expand")
        if span is not None:
            rehearsed.append(span)
    doc.set_ents(filter_spans(gold + rehearsed))
    return doc


def report_chunks(cfg: TrainConfig, seeds: Iterable[int], rng: random.Random) -> list[Chunk]:
    out: list[Chunk] = []
    for page in pages_for(seeds, cfg.processes):
        for chunk in chunks(page, cfg.chunk_lines):
            if rng.random() < cfg.swap_share and chunk.persons:
                chunk = swap_names(chunk, names.TRAIN_GIVEN, names.TRAIN_SURNAMES, rng)
            out.append(chunk)
    return out


def _persons(chunk: Chunk, cfg: TrainConfig) -> tuple[Span, ...]:
    return chunk.persons + chunk.aliases if cfg.alias_as_person else chunk.persons


def build_examples(
    nlp: Any, cfg: TrainConfig, items: Sequence[Chunk], passages: Sequence[Passage]
) -> tuple[list[Any], list[Any]]:
    """(report examples, rehearsal examples), targets labelled before any update."""
    from spacy.training import Example

    report_texts = [c.text for c in items]
    all_docs = list(nlp.pipe(report_texts + [p.text for p in passages], batch_size=64))
    report_docs, rehearsal_docs = all_docs[: len(items)], all_docs[len(items) :]
    reports = []
    for chunk, predicted in zip(items, report_docs, strict=True):
        stock = [(e.start_char, e.end_char, e.label_) for e in predicted.ents]
        ref = reference_doc(nlp, chunk.text, _persons(chunk, cfg), chunk.addresses, stock)
        reports.append(Example(nlp.make_doc(chunk.text), ref))
    rehearsal = []
    for passage, predicted in zip(passages, rehearsal_docs, strict=True):
        stock = [(e.start_char, e.end_char, e.label_) for e in predicted.ents]
        ref = reference_doc(nlp, passage.text, passage.persons, (), stock)
        rehearsal.append(Example(nlp.make_doc(passage.text), ref))
    return reports, rehearsal


def person_prf(nlp: Any, examples: Sequence[Any]) -> tuple[float, float, float]:
    """Exact-span PERSON precision, recall, F1 of `nlp` on examples."""
    tp = fp = fn = 0
    docs = nlp.pipe([ex.reference.text for ex in examples], batch_size=64)
    for ex, doc in zip(examples, docs, strict=True):
        gold = {(e.start_char, e.end_char) for e in ex.reference.ents if e.label_ == "PERSON"}
        pred = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def other_label_agreement(nlp: Any, examples: Sequence[Any]) -> float:
    """F1 of non-PERSON entities against the stock targets of rehearsal examples."""
    tp = fp = fn = 0
    docs = nlp.pipe([ex.reference.text for ex in examples], batch_size=64)
    for ex, doc in zip(examples, docs, strict=True):
        gold = {(e.start_char, e.end_char, e.label_) for e in ex.reference.ents}
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        gold = {g for g in gold if g[2] != "PERSON"}
        pred = {p for p in pred if p[2] != "PERSON"}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _check_seeds(cfg: TrainConfig) -> None:
    train, dev, held = set(cfg.train_seeds), set(cfg.dev_seeds), set(cfg.eval_seeds)
    if train & held or dev & held or train & dev:
        raise SystemExit("train, dev and evaluation seed ranges must not overlap")


def train(cfg: TrainConfig, output: Path, manifest: Path | None) -> None:
    import spacy
    from spacy.util import compounding, minibatch
    from thinc.api import Adam

    from app.redaction.model_check import directory_sha256

    _check_seeds(cfg)
    start = time.monotonic()
    rng = random.Random(cfg.seed)
    spacy.util.fix_random_seed(cfg.seed)

    nlp = load_base(cfg)
    _log(start, f"loaded {cfg.base_model} ner ({nlp.pipe_names})")

    items = report_chunks(cfg, cfg.train_seeds, rng)
    dev_items = report_chunks(cfg, cfg.dev_seeds, random.Random(cfg.seed + 1))
    _log(
        start,
        f"generated {len(cfg.train_seeds)} training reports -> {len(items)} chunks, "
        f"{sum(len(_persons(c, cfg)) for c in items)} PERSON spans",
    )
    texts = rehearsal_texts(cfg.rehearsal_passages, cfg.seed)
    held_out_texts = rehearsal_texts(200, cfg.seed + 1_000_003)
    reports, rehearsal = build_examples(nlp, cfg, items, texts)
    dev_reports, dev_rehearsal = build_examples(nlp, cfg, dev_items, held_out_texts)
    tokens = sum(len(ex.reference) for ex in reports + rehearsal)
    _log(
        start,
        f"labelled with the stock NER: {len(reports)} + {len(rehearsal)} rehearsal "
        f"examples, {tokens} tokens",
    )

    p, r, f = person_prf(nlp, dev_reports)
    agree = other_label_agreement(nlp, dev_rehearsal)
    _log(start, f"stock: dev PERSON P {p:.3f} R {r:.3f} F {f:.3f}; other labels {agree:.3f}")

    optimizer = Adam(
        learn_rate=cfg.learn_rate,
        L2=cfg.l2,
        grad_clip=cfg.grad_clip,
        use_averages=True,
        L2_is_weight_decay=True,
    )
    train_start = time.monotonic()
    for epoch in range(1, cfg.epochs + 1):
        epoch_examples = rng.sample(reports, min(cfg.max_chunks_per_epoch, len(reports)))
        epoch_examples += rng.sample(rehearsal, min(cfg.rehearsal_per_epoch, len(rehearsal)))
        rng.shuffle(epoch_examples)
        losses: dict[str, float] = {}
        sizes = compounding(cfg.batch_start, cfg.batch_stop, cfg.batch_compound)
        for batch in minibatch(epoch_examples, size=sizes):
            nlp.update(batch, sgd=optimizer, drop=cfg.dropout, losses=losses)
        with nlp.use_params(optimizer.averages):
            p, r, f = person_prf(nlp, dev_reports)
            agree = other_label_agreement(nlp, dev_rehearsal)
        _log(
            start,
            f"epoch {epoch}: loss {losses.get('ner', 0.0):.1f}; dev PERSON P {p:.3f} R {r:.3f} "
            f"F {f:.3f}; other labels vs stock {agree:.3f}",
        )
        if time.monotonic() - train_start > cfg.time_budget_s:
            _log(start, "time budget reached, stopping")
            break
    train_seconds = time.monotonic() - train_start

    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "PERSON names in Chicago arrest reports: the NER of "
                f"{cfg.base_model} updated on generated reports with rehearsal"
            ),
            "author": "redactor project",
            "email": "",
            "url": "",
            "license": "MIT",
            "performance": {},
            "sources": [{"name": cfg.base_model, "license": "MIT"}],
        }
    )
    if output.exists():
        shutil.rmtree(output)
    with nlp.use_params(optimizer.averages):
        nlp.to_disk(output)
    (output / "training.json").write_text(
        json.dumps(
            {
                "config": {
                    k: (f"range({v.start}, {v.stop})" if isinstance(v, range) else v)
                    for k, v in asdict(cfg).items()
                },
                "train_seconds": round(train_seconds, 1),
                "total_seconds": round(time.monotonic() - start, 1),
                "report_examples": len(reports),
                "rehearsal_examples": len(rehearsal),
            },
            indent=2,
        )
        + "\n"
    )
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    digest = directory_sha256(output)
    _log(start, f"saved {output} ({size / 1e6:.1f} MB), sha256 {digest}")
    if manifest is not None:
        record_in_manifest(manifest, digest, cfg)
        _log(start, f"recorded {MODEL_NAME} in {manifest}")
    _log(start, f"done: training {train_seconds:.0f}s, total {time.monotonic() - start:.0f}s")


def record_in_manifest(manifest: Path, digest: str, cfg: TrainConfig) -> None:
    data = json.loads(manifest.read_text())
    data.setdefault("models", {})[MODEL_NAME] = {
        "kind": "directory",
        "path": "models/arrest_ner/model",
        "version": MODEL_VERSION,
        "base": cfg.base_model,
        "licence": "MIT (weights derived from spaCy en_core_web_sm 3.8.0)",
        "trained_by": "python -m models.arrest_ner.train",
        "sha256": digest,
        "checksum_of": (
            "sha256 over each file of the model directory: relative path, NUL, sha256 of the "
            "bytes, in sorted order (app/redaction/model_check.directory_sha256)"
        ),
    }
    manifest.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--no-manifest",
        action="store_true",
        help="do not record the new checksum in models/spacy_models.json",
    )
    args = parser.parse_args(argv)
    train(TrainConfig(), args.output, None if args.no_manifest else MANIFEST)


if __name__ == "__main__":
    main()
