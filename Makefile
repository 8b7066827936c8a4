# The two commands of the README:
#   make run    install the service and start it on the embedded defaults
#   make test   install everything and run the checks and the whole test suite
#               (with Debian's Chromium for the browser test of /docs: make browser)
#   both install Debian's Tesseract for scanned pages first (make ocr)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian's Chromium and its matching ChromeDriver, for tests/e2e (Selenium drives them).
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: run test install install-test browser ocr xray lint typecheck pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]'

# Idempotent: nothing to do (and no apt call) when both are already installed.
browser:
	@if [ -x "$(CHROMIUM)" ] && [ -x "$(CHROMEDRIVER)" ]; then \
		echo "browser: $(CHROMIUM) and $(CHROMEDRIVER) are installed"; \
	else \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium chromium-driver; \
	fi

# Tesseract OCR (Debian's tesseract-ocr, with the English and OSD data) for scanned
# pages, and tesserocr built against Debian's libtesseract, so that the service
# reads with the binary's own library in process (app/redaction/tesseract_api.py;
# PyPI's tesserocr wheels carry another Tesseract, which the service would not use).
# Idempotent: no apt or pip call when all of it is already there.
TESSERACT ?= tesseract
TESSEROCR_VERSION ?= 2.13.0
ocr: $(BIN)/python
	@if command -v $(TESSERACT) >/dev/null 2>&1 \
		&& $(TESSERACT) --list-langs 2>/dev/null | grep -qx eng \
		&& $(TESSERACT) --list-langs 2>/dev/null | grep -qx osd; then \
		echo "ocr: $$($(TESSERACT) --version 2>&1 | head -n 1) is installed"; \
	else \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-eng; \
	fi
	@if $(BIN)/python -c "import tesserocr" >/dev/null 2>&1; then \
		echo "ocr: tesserocr is installed"; \
	else \
		if ! pkg-config --exists tesseract lept 2>/dev/null; then \
			sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
			$$sudo apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
				libtesseract-dev libleptonica-dev pkg-config g++; \
		fi && \
		$(BIN)/python -m pip install -q --no-binary tesserocr 'tesserocr==$(TESSEROCR_VERSION)'; \
	fi

# Free Law Project's x-ray, the independent check for bad redactions that
# tests/hostile runs on every output. It pins an older PyMuPDF than the service,
# so it gets a venv of its own, called by the tests through a subprocess.
# Idempotent: no pip call when it is already there.
XRAY_VENV ?= .venv-xray
XRAY_VERSION ?= 0.4.0
xray:
	@if $(XRAY_VENV)/bin/python -c "import xray" >/dev/null 2>&1; then \
		echo "xray: x-ray is installed in $(XRAY_VENV)"; \
	else \
		$(PYTHON) -m venv $(XRAY_VENV) && \
		$(XRAY_VENV)/bin/python -m pip install -q 'x-ray==$(XRAY_VERSION)'; \
	fi

run: install ocr
	$(BIN)/uvicorn app.main:app --host $(HOST) --port $(PORT) --no-access-log

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy app

pytest:
	$(BIN)/pytest

test: install-test browser ocr xray
	$(MAKE) lint
	$(MAKE) typecheck
	$(MAKE) pytest
