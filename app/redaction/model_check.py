"""The spaCy pipeline we run is the one recorded in models/spacy_models.json.

Detection quality was measured with one exact model. A different build of the
package (or a damaged install) would change what is found without anyone
noticing, so the model's files are hashed at startup and compared with the
record; a mismatch stops the service like a missing model does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from app.redaction.errors import ModelUnavailable


def model_data_dir(nlp: Any) -> Path:
    path = getattr(nlp, "path", None)
    if path is None:
        raise ModelUnavailable("the spaCy pipeline was not loaded from a package directory")
    return Path(path)


def directory_sha256(directory: Path) -> str:
    """sha256 over every file's relative path and bytes, in a stable order."""
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        if "__pycache__" in file.parts:
            continue
        digest.update(file.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def verify_model(nlp: Any, model_name: str, manifest_path: Path) -> str:
    """Check the loaded pipeline against the manifest; return "name version"."""
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        raise ModelUnavailable(f"model manifest {manifest_path} is missing or invalid") from None
    entry = manifest.get("models", {}).get(model_name)
    if not isinstance(entry, dict):
        raise ModelUnavailable(f"{model_name!r} is not recorded in {manifest_path.name}")
    version = str(nlp.meta.get("version", ""))
    if version != entry.get("version"):
        raise ModelUnavailable(
            f"{model_name!r} is version {version}, {manifest_path.name} records "
            f"{entry.get('version')}"
        )
    actual = directory_sha256(model_data_dir(nlp))
    if actual != entry.get("sha256"):
        raise ModelUnavailable(
            f"{model_name!r} files do not match the checksum in {manifest_path.name}"
        )
    return f"{model_name} {version}"
