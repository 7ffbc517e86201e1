# The two commands of the README: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= examples/notice.txt

.PHONY: help setup run test lint bench

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/duban: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/duban  ## create .venv and install duban with its test tools

run: setup  ## read a notice into a plan (SAMPLE=path/to/notice)
	$(BIN)/duban extract $(SAMPLE)

test: setup  ## lint and run the whole test suite
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest

bench: setup  ## print the extraction benchmark figures
	$(BIN)/python benchmarks/extract.py
