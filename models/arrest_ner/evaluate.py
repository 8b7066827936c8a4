"""Score the stock pipeline against the domain model: `python -m models.arrest_ner.evaluate`.

Held-out generated reports (config.TrainConfig.eval_seeds, never trained on), read as the
detector reads them (whole pages of `PageText.text`):
- PERSON span precision / recall / F1, exact (same start and end, after trimming a title such
  as "Ofc." or "Mr." and trailing punctuation from predictions) and partial (any overlap);
  the gold spans are every printed mention of a PERSON_NAME, OFFICER_NAME or ALIAS value;
- recall of the truth names by token (each word of each mention covered by a PERSON span),
  overall, for aliases, and per report layout;
- the share of street addresses (home address, place of arrest) tagged ORG or PERSON;
- the same pages with every name replaced by names neither the generator nor training ever
  used (names.EVAL_*), to show what is learnt is the report, not the name list.

TAB (../shared/corpora/tab/echr_dev_subset.json, ECHR judgments, never trained on): recall of
the PERSON mentions (DIRECT and QUASI identifiers, union of the annotators), PERSON precision
(a predicted PERSON overlapping any TAB PERSON mention), recall of LOC mentions by the stock
place labels (GPE, LOC, FAC), and, per stock label, the F1 of the domain model's entities
against the stock model's: how much of general NER the domain model still answers the same.

The stock model is run as the detector runs it (the whole installed pipeline); the domain model
through `app.redaction.domain_ner.load_domain_ner`, checksum included.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python models/arrest_ner/evaluate.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import regex

from models.arrest_ner import names
from models.arrest_ner.config import MANIFEST, MODEL_DIR, ROOT, TrainConfig
from models.arrest_ner.data import Chunk, PageExample, Span, pages_for, swap_names

TAB_DEV = ROOT.parent / "shared" / "corpora" / "tab" / "echr_dev_subset.json"
Entities = Callable[[str], list[tuple[int, int, str]]]

_TITLE = regex.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Ofc|Officer|P\.?O|Det|Detective|Sgt|Sergeant|Lt|Lieutenant|"
    r"Dep|Deputy|Inv|Investigator|Cmdr|Capt|Victim|Witness|Arrestee|Offender)\.?\s+)+",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AGREEMENT_LABELS = ("GPE", "LOC", "FAC", "NORP", "ORG", "DATE", "CARDINAL", "LAW")


def trim(text: str, start: int, end: int) -> Span:
    """A prediction without a leading title or trailing punctuation, for exact matching."""
    m = _TITLE.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    while end > start and text[end - 1] in " \n\t.,;:":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _words(text: str, span: Span) -> list[Span]:
    return [
        (span[0] + m.start(), span[0] + m.end()) for m in _WORD.finditer(text[span[0] : span[1]])
    ]


@dataclass
class Counts:
    tp_exact: int = 0
    pred: int = 0
    gold: int = 0
    pred_hit: int = 0  # predictions overlapping a gold span
    gold_hit: int = 0  # gold spans overlapped by a prediction
    tokens: int = 0
    tokens_hit: int = 0
    alias_tokens: int = 0
    alias_tokens_hit: int = 0
    addresses: int = 0
    addresses_org: int = 0
    family_tokens: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def prf_exact(self) -> tuple[float, float, float]:
        return _prf(self.tp_exact, self.pred, self.tp_exact, self.gold)

    def prf_partial(self) -> tuple[float, float, float]:
        return _prf(self.pred_hit, self.pred, self.gold_hit, self.gold)


def _prf(p_hit: int, p_all: int, r_hit: int, r_all: int) -> tuple[float, float, float]:
    p = p_hit / p_all if p_all else 0.0
    r = r_hit / r_all if r_all else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_pages(pages: Iterable[tuple[str, Chunk]], entities: Entities) -> Counts:
    c = Counts()
    for family, page in pages:
        text = page.text
        ents = entities(text)
        preds = [trim(text, s, e) for s, e, label in ents if label == "PERSON"]
        preds = [p for p in preds if p[1] > p[0]]
        gold = list(page.persons) + list(page.aliases)
        c.pred += len(preds)
        c.gold += len(gold)
        c.tp_exact += len(set(preds) & set(gold))
        c.pred_hit += sum(_overlaps(p, gold) for p in preds)
        c.gold_hit += sum(_overlaps(g, preds) for g in gold)
        for spans, is_alias in ((page.persons, False), (page.aliases, True)):
            for g in spans:
                for w in _words(text, g):
                    hit = _overlaps(w, preds)
                    if is_alias:
                        c.alias_tokens += 1
                        c.alias_tokens_hit += hit
                    else:
                        c.tokens += 1
                        c.tokens_hit += hit
                        c.family_tokens[family][0] += 1
                        c.family_tokens[family][1] += hit
        orgs = [(s, e) for s, e, label in ents if label in ("ORG", "PERSON")]
        c.addresses += len(page.addresses)
        c.addresses_org += sum(_overlaps(a, orgs) for a in page.addresses)
    return c


def held_out_pages(seeds: Iterable[int], processes: int = 2) -> list[PageExample]:
    return list(pages_for(seeds, processes))


def as_chunks(pages: Sequence[PageExample], swap: bool) -> list[tuple[str, Chunk]]:
    import random

    rng = random.Random(4242)
    out: list[tuple[str, Chunk]] = []
    for p in pages:
        chunk = Chunk(p.text, p.persons, p.aliases, p.addresses)
        if swap:
            chunk = swap_names(chunk, names.EVAL_GIVEN, names.EVAL_SURNAMES, rng)
        out.append((p.family, chunk))
    return out


# -- TAB ------------------------------------------------------------------------------------


@dataclass
class TabCounts:
    person: int = 0
    person_hit: int = 0
    person_exact: int = 0
    person_tokens: int = 0
    person_tokens_hit: int = 0
    pred_person: int = 0
    pred_person_hit: int = 0
    loc: int = 0
    loc_hit: int = 0
    ents: dict[str, set[tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(set))


def tab_mentions(doc: dict[str, object]) -> dict[str, set[Span]]:
    """Union over annotators: entity type -> masked (DIRECT/QUASI) spans; "ALL_PERSON" too."""
    out: dict[str, set[Span]] = defaultdict(set)
    annotations = doc["annotations"]
    assert isinstance(annotations, dict)
    for ann in annotations.values():
        for m in ann["entity_mentions"]:
            span = (int(m["start_offset"]), int(m["end_offset"]))
            if m["entity_type"] == "PERSON":
                out["ALL_PERSON"].add(span)
            if m["identifier_type"] in ("DIRECT", "QUASI"):
                out[m["entity_type"]].add(span)
    return out


def score_tab(docs: Sequence[dict[str, object]], entities: Entities) -> TabCounts:
    c = TabCounts()
    for i, doc in enumerate(docs):
        text = str(doc["text"])
        gold = tab_mentions(doc)
        ents = entities(text)
        persons = [trim(text, s, e) for s, e, label in ents if label == "PERSON"]
        places = [(s, e) for s, e, label in ents if label in _PLACE_LABELS]
        for g in gold["PERSON"]:
            c.person += 1
            c.person_hit += _overlaps(g, persons)
            c.person_exact += trim(text, *g) in persons
            for w in _words(text, trim(text, *g)):  # "Mr" is not part of the name
                c.person_tokens += 1
                c.person_tokens_hit += _overlaps(w, persons)
        c.pred_person += len(persons)
        c.pred_person_hit += sum(_overlaps(p, gold["ALL_PERSON"]) for p in persons)
        c.loc += len(gold["LOC"])
        c.loc_hit += sum(_overlaps(g, places) for g in gold["LOC"])
        for s, e, label in ents:
            c.ents[label].add((i, s, e))
    return c


def agreement(stock: TabCounts, domain: TabCounts, label: str) -> float:
    a, b = stock.ents.get(label, set()), domain.ents.get(label, set())
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


# -- the run --------------------------------------------------------------------------------


def _stock_entities(model: str) -> Entities:
    import spacy

    nlp = spacy.load(model)

    def run(text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]

    return run


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def main(argv: Sequence[str] | None = None) -> None:
    from app.redaction.domain_ner import load_domain_ner

    cfg = TrainConfig()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--reports", type=int, default=len(cfg.eval_seeds))
    parser.add_argument("--tab", type=Path, default=TAB_DEV)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    seeds = list(cfg.eval_seeds)[: args.reports]
    if set(seeds) & set(cfg.train_seeds):
        raise SystemExit("evaluation seeds overlap the training seeds")
    started = time.monotonic()
    domain = load_domain_ner(args.model_dir, args.manifest)
    if domain is None:
        raise SystemExit(f"{args.manifest} does not record the domain model")
    models: dict[str, Entities] = {
        "stock": _stock_entities(cfg.base_model),
        "domain": domain.entities,
    }
    pages = held_out_pages(seeds)
    print(
        f"held-out reports: seeds {seeds[0]}..{seeds[-1]} ({len(seeds)} reports, "
        f"{len(pages)} pages); TAB: {args.tab.name}"
    )

    figures: dict[str, dict[str, float]] = {}
    results: dict[str, dict[str, Counts]] = {}
    tab: dict[str, TabCounts] = {}
    tab_docs = json.loads(args.tab.read_text()) if args.tab.is_file() else []
    for name, entities in models.items():
        t = time.monotonic()
        results[name] = {
            "held": score_pages(as_chunks(pages, swap=False), entities),
            "swapped": score_pages(as_chunks(pages, swap=True), entities),
        }
        if tab_docs:
            tab[name] = score_tab(tab_docs, entities)
        print(f"  scored {name} in {time.monotonic() - t:.1f}s")

    rows: list[tuple[str, str, str]] = []

    def row(label: str, key: str, values: dict[str, float]) -> None:
        rows.append((label, _pct(values["stock"]), _pct(values["domain"])))
        figures[key] = {k: round(v, 4) for k, v in values.items()}

    for part, title in (("held", "held-out reports"), ("swapped", "held-out, unseen names")):
        r = {n: results[n][part] for n in models}
        for i, metric in enumerate(("P", "R", "F1")):
            row(
                f"{title}: PERSON exact {metric}",
                f"{part}.exact_{metric}",
                {n: r[n].prf_exact()[i] for n in models},
            )
        for i, metric in enumerate(("P", "R", "F1")):
            row(
                f"{title}: PERSON partial {metric}",
                f"{part}.partial_{metric}",
                {n: r[n].prf_partial()[i] for n in models},
            )
        row(
            f"{title}: name tokens recalled",
            f"{part}.token_recall",
            {n: r[n].tokens_hit / max(1, r[n].tokens) for n in models},
        )
        if part == "held":
            row(
                f"{title}: alias tokens recalled",
                f"{part}.alias_token_recall",
                {n: r[n].alias_tokens_hit / max(1, r[n].alias_tokens) for n in models},
            )
            for family in sorted(r["stock"].family_tokens):
                row(
                    f"  name tokens recalled, {family}",
                    f"{part}.token_recall.{family}",
                    {
                        n: r[n].family_tokens[family][1] / max(1, r[n].family_tokens[family][0])
                        for n in models
                    },
                )
            row(
                f"{title}: addresses tagged ORG/PERSON",
                f"{part}.address_as_org",
                {n: r[n].addresses_org / max(1, r[n].addresses) for n in models},
            )
    if tab:
        t_ = tab
        row(
            "TAB: PERSON mentions recalled (partial)",
            "tab.person_recall",
            {n: t_[n].person_hit / max(1, t_[n].person) for n in models},
        )
        row(
            "TAB: PERSON mentions recalled (exact)",
            "tab.person_exact",
            {n: t_[n].person_exact / max(1, t_[n].person) for n in models},
        )
        row(
            "TAB: PERSON tokens recalled",
            "tab.person_token_recall",
            {n: t_[n].person_tokens_hit / max(1, t_[n].person_tokens) for n in models},
        )
        row(
            "TAB: PERSON precision (partial)",
            "tab.person_precision",
            {n: t_[n].pred_person_hit / max(1, t_[n].pred_person) for n in models},
        )
        row(
            "TAB: LOC mentions recalled by GPE/LOC/FAC",
            "tab.loc_recall",
            {n: t_[n].loc_hit / max(1, t_[n].loc) for n in models},
        )
        for label in _AGREEMENT_LABELS:
            rows.append(
                (
                    f"TAB: {label} entities, F1 vs stock (count)",
                    f"100.0 ({len(t_['stock'].ents.get(label, ()))})",
                    f"{_pct(agreement(t_['stock'], t_['domain'], label))} "
                    f"({len(t_['domain'].ents.get(label, ()))})",
                )
            )
            figures[f"tab.agreement.{label}"] = {
                "domain": round(agreement(t_["stock"], t_["domain"], label), 4)
            }
        counts = t_["stock"]
        print(
            f"TAB: {len(tab_docs)} documents, {counts.person} PERSON and {counts.loc} LOC "
            "DIRECT/QUASI mentions (union of annotators)"
        )

    width = max(len(r[0]) for r in rows)
    print()
    print(f"| {'metric (%)'.ljust(width)} | {'stock':>12} | {'domain':>12} |")
    print(f"|{'-' * (width + 2)}|{'-' * 14}|{'-' * 14}|")
    for label, a, b in rows:
        print(f"| {label.ljust(width)} | {a:>12} | {b:>12} |")
    print(f"\n({time.monotonic() - started:.0f}s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
