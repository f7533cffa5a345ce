# eventcoder: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean install browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[postgres,web,dask,dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the embedded default (SQLite): code the demo reports, write events.csv and
# events.geojson, merge them into eventcoder.db, then serve the API and the dashboard.
run: $(STAMP)
	$(BIN)/eventcoder extract demo/ --format table --csv events.csv --geojson events.geojson
	$(BIN)/eventcoder ingest demo/ --db sqlite:///eventcoder.db
	@echo "Serving the dashboard at http://127.0.0.1:8000 (API docs at /docs); Ctrl-C to stop."
	$(BIN)/eventcoder serve --db sqlite:///eventcoder.db --host 127.0.0.1 --port 8000

test: $(STAMP) browser
	$(BIN)/pytest -q

# Debian's Chromium for the dashboard's browser tests (Playwright drives it; never `playwright install`).
# If it cannot be installed, the browser tests skip and say why.
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium \
	  || echo "warning: could not install chromium with apt-get; the browser tests will be skipped"; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info events.csv events.geojson eventcoder.db eventcoder.db-*
