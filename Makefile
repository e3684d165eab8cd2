# Border Atlas: `make run` starts the app on the bundled data; `make test` installs what the
# tests need and runs them. Both work on a fresh machine from a clean clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

# The data bundle: $BORDER_ATLAS_DATA if set, else ../shared/data when it exists.
BORDER_ATLAS_DATA ?= $(if $(wildcard ../shared/data),$(abspath ../shared/data),)
export BORDER_ATLAS_DATA

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint bench assets chromium nginx clean

# Personal mode: one local user, no sign-in; listens on 127.0.0.1 only (.streamlit/config.toml).
run: .stamp-venv assets
	@[ -n "$(BORDER_ATLAS_DATA)" ] || echo "warning: BORDER_ATLAS_DATA is not set and ../shared/data does not exist: the app will list every layer as unavailable"
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Shared mode: nginx (compressing, sticky sessions) in front of one Streamlit process per core,
# all on the same user store (scripts/serve.py; README "Shared mode"). WORKERS=N overrides.
# Every user signs in: create the first admin with `$(BIN)/python -m access users add NAME
# --role admin` (README "Accounts and roles").
serve: .stamp-venv assets nginx
	@[ -n "$(BORDER_ATLAS_DATA)" ] || echo "warning: BORDER_ATLAS_DATA is not set and ../shared/data does not exist: the app will list every layer as unavailable"
	$(BIN)/python scripts/serve.py --port $(PORT) $(if $(WORKERS),--workers $(WORKERS))

test: .stamp-venv-dev assets chromium nginx
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q -p no:cacheprovider

lint: .stamp-venv-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: .stamp-venv-dev assets chromium nginx
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python bench/bench_map.py
	$(BIN)/python bench/bench_routing.py
	$(BIN)/python bench/bench_basemap.py
	$(BIN)/python bench/bench_page.py
	$(BIN)/python bench/bench_matching.py
	$(BIN)/python bench/bench_upload.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_access.py
	$(BIN)/python bench/bench_observations.py
	$(BIN)/python bench/bench_live.py
	$(BIN)/python bench/bench_sessions.py
	$(BIN)/python bench/bench_sessions.py --serve

.stamp-venv: requirements.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

.stamp-venv-dev: .stamp-venv requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Leaflet and the other scripts the map needs, from the npm registry (pinned in
# package-lock.json), copied to static/vendor/ which Streamlit serves at /app/static/.
assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json scripts/install_assets.sh
	npm ci --no-audit --no-fund --loglevel=error
	bash scripts/install_assets.sh
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# Debian's nginx for `make serve` and its test (run as the current user; the package's own
# service is not needed). The binary is in /usr/sbin, often outside a user's PATH.
nginx:
	@PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx; }

clean:
	rm -rf $(VENV) node_modules static/vendor .stamp-venv .stamp-venv-dev
