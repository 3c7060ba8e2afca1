# VT Platform. `make help` lists the targets.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
MANAGE := $(PYTHON) manage.py
PYTEST := $(BIN)/pytest
SERVICES := scripts/services
# The integration tier runs with the services' environment (PostgreSQL, Redis, S3Proxy, Elasticsearch).
WITH_SERVICES := set -a && eval "$$($(SERVICES) env)" && set +a &&

.DEFAULT_GOAL := help
.PHONY: help install system-deps messages run test test-fast test-integration test-browser lint format \
        bench services-up services-down services-status clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

system-deps: ## Install the Debian packages the app itself needs (gettext; npm for the browser-test tools)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null)

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@echo "[make] Python packages into $(VENV) (the first time takes a few minutes)"
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@# One line per package, so a long first install visibly moves on.
	set -o pipefail; $(BIN)/pip install --progress-bar off -r requirements/dev.txt \
		| { grep --line-buffered -E '^(Collecting|Successfully installed)' || true; } | cut -c1-100
	touch $@

node_modules/.installed: package.json package-lock.json
	@echo "[make] browser-test tools (npm ci)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: system-deps $(VENV)/.installed node_modules/.installed messages ## Create .venv and install pinned dependencies

messages: ## Compile translations (.po -> .mo)
	@echo "[make] translations"
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v0

run: install ## Migrate, load demo content and serve http://127.0.0.1:8000 (RESET_ADMIN=1: new admin password)
	@echo "[make run] database: migrations (db.sqlite3)"
	$(MANAGE) migrate --noinput -v0
	@echo "[make run] demo content"
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin $(if $(RESET_ADMIN),--reset)
	$(MANAGE) runserver 127.0.0.1:8000

test: install services-up ## Full suite: unit (SQLite) + integration and browser (real services)
	$(PYTEST) -m "not integration and not browser" -n 2 -q
	$(WITH_SERVICES) $(PYTEST) -m "integration or browser" -q

test-fast: install ## Unit tests on SQLite only
	$(PYTEST) -m "not integration and not browser" -n 2 -q

test-integration: install services-up ## Integration and browser tests against the services
	$(WITH_SERVICES) $(PYTEST) -m "integration or browser" -q

lint: install ## ruff lint + format check, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run -v0

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install services-up ## Benchmarks: prints a table, writes bench/results/*.json
	$(WITH_SERVICES) $(PYTHON) bench/run.py

services-up: ## Install (if missing) and start PostgreSQL, Redis, Elasticsearch, S3Proxy, SMTP sink, Apache
	$(SERVICES) up

services-down: ## Stop the local services
	$(SERVICES) down

services-status: ## Show the local services
	$(SERVICES) status

clean: ## Remove local databases, media and caches (not the venv)
	rm -rf db.sqlite3 media private-media staticfiles var artifacts
