# vkr-portal: `make run` serves the demo, `make test` is what CI runs (through .ci/run).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful pip install: the venv is reinstalled only when a lock changes.
INSTALLED := $(VENV)/.installed
# Development runs on SQLite with Celery tasks inline, whatever the shell has exported.
LOCAL_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND -u REDIS_CACHE_URL
PYTEST_ARGS ?=
# Two processes (the machines have two cores); each starts its own PostgreSQL, Redis and worker.
PYTEST_WORKERS ?= 2

.PHONY: help venv install system-deps run test lint fmt messages benchmark

help:
	@echo "make run          install, migrate, load reference and demo data, serve on 127.0.0.1:8000"
	@echo "make test         system packages, venv, lint, migrations check, every test"
	@echo "                  (make test PYTEST_ARGS='-m \"not integration and not browser\"' for unit only)"
	@echo "make lint | fmt   ruff check and format check | format and fix"
	@echo "make messages     extract and compile the English catalogue"
	@echo "make benchmark    time the main pages on a throwaway PostgreSQL, rewrite BENCHMARKS.md"
	@echo "make system-deps  apt-get install what is missing (PostgreSQL, Redis, Chromium, ...)"

venv install: $(INSTALLED)

$(INSTALLED): requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "$(PYTHON) must be Python 3.11 (Django 5.2 LTS, see pyproject.toml)" >&2; exit 1; }
	@# Debian ships venv's ensurepip separately, in python3-venv.
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || bash scripts/install-system-deps.sh python3-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

run: install
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py load_reference_data
	$(LOCAL_ENV) $(BIN)/python manage.py load_recommendations
	$(LOCAL_ENV) $(BIN)/python manage.py load_demo_data
	$(LOCAL_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The test session starts (and stops) its own PostgreSQL, Redis, Celery worker and Chromium:
# see tests/conftest.py.
test: system-deps install lint
	$(LOCAL_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(LOCAL_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(LOCAL_ENV) $(BIN)/python manage.py makemessages -l en --no-location --no-obsolete \
		--ignore=tests --ignore=static --ignore=staticfiles --ignore=media --ignore=scripts
	$(LOCAL_ENV) $(BIN)/python manage.py compilemessages -l en --ignore=.venv

# Times the main pages on a throwaway PostgreSQL and rewrites BENCHMARKS.md
# (see vkr_portal/benchmarking/).
benchmark: system-deps install
	$(LOCAL_ENV) $(BIN)/python manage.py benchmark
