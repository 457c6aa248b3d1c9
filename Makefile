PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/narrascope.db

.PHONY: install run test lint bench examples clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p $(dir $(DB))
	$(BIN)/narrascope --db $(DB) ingest examples/corpus/ ; test $$? -le 1
	$(BIN)/narrascope --db $(DB) stats
	$(BIN)/narrascope --db $(DB) search "средней державы" --limit 5

test: install
	$(BIN)/ruff check narrascope tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check narrascope tests bench scripts
	$(BIN)/ruff format --check narrascope tests bench scripts
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/ingest_bench.py

examples: install
	$(BIN)/python scripts/make_examples.py

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
