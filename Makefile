PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/narrascope.db

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EXAMPLES := $(shell find examples/corpus -type f)

.PHONY: install run test lint bench examples clean browser postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The example corpus is loaded once; editing it (or the code) and running again re-ingests.
$(DB): $(STAMP) $(EXAMPLES)
	mkdir -p $(dir $(DB))
	$(BIN)/narrascope --db $(DB) ingest examples/corpus/ ; test $$? -le 1
	$(BIN)/narrascope --db $(DB) stats
	touch $(DB)

run: $(DB)
	$(BIN)/narrascope --db $(DB) search "средней державы" --limit 5
	$(BIN)/narrascope --db $(DB) serve

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL's binaries for the backend's tests, which start a throw-away server of their own.
postgres: $(STAMP)
	@$(BIN)/python -c "from narrascope.store.postgres.local import binaries; binaries()" 2>/dev/null || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }

test: install browser postgres
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
