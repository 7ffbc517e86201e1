# The two commands of the README: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server the second test pass runs against (pytest-django creates
# and drops its own test database on it).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: help setup run test test-sqlite test-postgres lint bench

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/duban: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/duban  ## create .venv and install duban with its test tools

run: setup  ## start duban on SQLite in ./duban-data; the first start creates the administrator
	$(BIN)/duban serve --host $(HOST) --port $(PORT)

lint: setup  ## ruff check and format check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m django makemigrations --check --dry-run --settings=duban.web.settings >/dev/null

test-sqlite: setup  ## the whole suite on SQLite
	$(BIN)/pytest

test-postgres: setup  ## the web tests again on PostgreSQL
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest tests/web

test: lint test-sqlite test-postgres  ## lint, then the whole suite on SQLite and the web tests on PostgreSQL

bench: setup  ## print the extraction benchmark figures
	$(BIN)/python benchmarks/extract.py
