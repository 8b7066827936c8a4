# The two commands of the README:
#   make run    install the service and start it on the embedded defaults
#   make test   install everything and run the checks and the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint typecheck pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]'

run: install
	$(BIN)/uvicorn app.main:app --host $(HOST) --port $(PORT) --no-access-log

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy app

pytest:
	$(BIN)/pytest

test: install-test
	$(MAKE) lint
	$(MAKE) typecheck
	$(MAKE) pytest
