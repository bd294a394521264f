# Kamrat. Quick start: `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=kamrat.settings.test
PYTEST_WORKERS ?= auto

.PHONY: demo test lint format check migrations-check messages messages-check \
	browser test-postgres bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.runtime $@

demo: $(VENV)/.runtime
	$(BIN)/kamrat demo --port $(PORT)

browser:
	@bash scripts/ensure-system-packages.sh

test: $(VENV)/.dev browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_SETTINGS) $(BIN)/kamrat check
	$(MAKE) --no-print-directory migrations-check
	$(MAKE) --no-print-directory messages-check
	$(BIN)/pytest -n $(PYTEST_WORKERS)

test-postgres: $(VENV)/.dev
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -n $(PYTEST_WORKERS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.dev
	$(TEST_SETTINGS) $(BIN)/kamrat makemigrations --check --dry-run

messages: $(VENV)/.dev
	cd src/kamrat && $(TEST_SETTINGS) ../../$(BIN)/kamrat makemessages -l sv -l da -l en --no-obsolete --no-location
	$(TEST_SETTINGS) $(BIN)/kamrat translations_check --compile

messages-check: $(VENV)/.dev
	$(TEST_SETTINGS) $(BIN)/kamrat translations_check

$(VENV)/.bench: pyproject.toml | $(VENV)/.dev
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) var screenshots
