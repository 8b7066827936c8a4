"""Write a directory of generated reports like /work/shared/samples.

python -m tests.reportgen --out DIR --n 40 --seed 1 [--layout NAME] [--juvenile yes|no]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from . import LAYOUTS, generate_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reportgen", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--n", type=int, default=40, help="number of reports")
    parser.add_argument("--seed", type=int, default=1, help="master seed")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), help="only this layout")
    parser.add_argument("--juvenile", choices=("yes", "no"), help="force juvenile or adult")
    args = parser.parse_args(argv)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    juvenile = None if args.juvenile is None else args.juvenile == "yes"
    master = random.Random(args.seed)
    documents = []
    counts: Counter[str] = Counter()
    for i in range(1, args.n + 1):
        seed = master.randrange(2**31)
        rep = generate_report(seed, layout=args.layout, juvenile=juvenile)
        doc_id = f"{i:04d}"
        truth = {**rep.truth, "doc_id": doc_id}
        (out / f"{doc_id}.pdf").write_bytes(rep.pdf)
        (out / f"{doc_id}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
        documents.append(
            {
                "doc_id": doc_id,
                "family": truth["family"],
                "pages": truth["pages"],
                "scanned": truth["scanned"],
                "juvenile": truth["juvenile"],
                "rotated_page": truth["rotated_page"],
                "n_values": len(truth["values"]),
                "seed": seed,
            }
        )
        counts.update(v["category"] for v in truth["values"])
    manifest = {
        "generator": "tests.reportgen",
        "seed": args.seed,
        "n": args.n,
        "families": sorted({d["family"] for d in documents}),
        "documents": documents,
        "category_counts": dict(sorted(counts.items())),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {args.n} reports to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
