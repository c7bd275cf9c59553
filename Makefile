# One entry point for the dev loop. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: check-formal-german install system-deps run seed worker test lint format messages check-messages \
	check-deploy clean bench load

# --- Installation ----------------------------------------------------------------
# Python packages go into .venv (re-installed whenever pyproject.toml changes),
# KERN into node_modules (npm ci from the committed package-lock.json). Missing
# Debian packages are named (and installed when make runs as root) by
# scripts/system-deps.sh before the first install.

system-deps:
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh

# A failed venv (e.g. without python3-venv) must not be left half-made.
$(BIN)/python:
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh
	@echo "Creating $(VENV) with $$($(PYTHON) -V)"
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip || { rm -rf $(VENV); exit 1; }

$(VENV)/.installed: pyproject.toml $(BIN)/python
	@echo "Installing the Python packages into $(VENV) (the first time takes a minute or two)"
	$(BIN)/python -m pip install --quiet --progress-bar off -e ".[dev]"
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || PYTHON=$(PYTHON) bash scripts/system-deps.sh
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.package-lock.json

# --- Running -----------------------------------------------------------------------
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Starting the background worker and the server on http://$(HOST):$(PORT)/ (Ctrl+C stops both)"
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

seed: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

worker: install
	$(BIN)/python manage.py db_worker

# --- Checks ------------------------------------------------------------------------
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# manage.py check --deploy in production mode with example values for the main
# variables of docs/deploy.md (nothing is connected to); warnings fail.
check-deploy: install
	DJANGO_ENV=production \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=kokoma.example.org \
	CSRF_TRUSTED_ORIGINS=https://kokoma.example.org \
	SITE_URL=https://kokoma.example.org \
	DATABASE_URL=postgres://kokoma@db.example.org:5432/kokoma \
	REDIS_URL=redis://cache.example.org:6379/0 \
	AWS_STORAGE_BUCKET_NAME=kokoma-media \
	AWS_S3_ENDPOINT_URL=https://s3.example.org \
	EMAIL_HOST=smtp.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Benchmarks (issue 7): builds a large data set in bench/bench.sqlite3 (and, with a
# PostgreSQL DATABASE_URL, in a database "<name>bench" next to it), prints the
# table and writes bench/results.json. BENCH_ARGS go to manage.py bench.
bench: install
	PYTHON=$(BIN)/python bash scripts/bench.sh $(BENCH_ARGS)

# Load test (issue 7): gunicorn in production mode on PostgreSQL and Locust
# headless against it; needs DATABASE_URL. LOAD_ARGS go to scripts/load.sh.
load: install
	PYTHON=$(BIN)/python bash scripts/load.sh $(LOAD_ARGS)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the German catalogue from the source (needs gettext's xgettext).
messages: install
	$(BIN)/python manage.py makemessages -l de --no-obsolete --ignore=node_modules --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages -l de --ignore=.venv --ignore=node_modules

# The .po files compile and the committed .mo files match them.
check-formal-german: install
	$(BIN)/python scripts/check-formal-german.py

check-messages: install
	$(BIN)/python scripts/check-messages.py

clean:
	rm -rf $(VENV) node_modules staticfiles .test-media
