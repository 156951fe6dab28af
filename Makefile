# Care and Support in Camden. `make help` lists the commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
export TEST_DATABASE_URL ?= postgresql+psycopg://camden_test:camden_test@127.0.0.1:5432/camden_test
export TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: help run install assets catalogs extract db seed test test-deps lint bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,lint]'
	touch $(BIN)/activate

install: $(BIN)/activate ## Create the virtualenv and install the app with its test and lint tools

assets: ## Build CSS and JavaScript from the npm registry's packages (GOV.UK Frontend, htmx)
	bash scripts/build_assets.sh

catalogs: install ## Compile the translation catalogs (.po -> .mo)
	$(BIN)/pybabel -q compile -d translations

extract: install ## Re-extract translatable strings into translations/messages.pot and update the .po files
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output --omit-header -o translations/messages.pot .
	$(BIN)/python scripts/update_catalogs.py

db: install ## Create or upgrade the database and seed it
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) directory seed
	$(FLASK) search build
	$(FLASK) plan seed

run: install assets catalogs db ## From a fresh clone: install, build, migrate, seed, and serve http://127.0.0.1:5000
	$(FLASK) run --host 127.0.0.1 --port 5000

test-deps: install ## Install what the tests need: Chromium, axe-core, PostgreSQL, Redis
	bash scripts/ensure_test_services.sh

test: test-deps assets catalogs ## Run every test: unit, integration (SQLite and PostgreSQL), browser (axe)
	$(BIN)/python -m pytest

lint: install ## ruff (lint and format check) and mypy
	$(BIN)/ruff check app tests migrations bench scripts
	$(BIN)/ruff format --check app tests
	$(BIN)/mypy

bench: test-deps assets catalogs ## Measure throughput against nginx and write docs/benchmarks.md
	bash scripts/ensure_bench_tools.sh
	$(BIN)/python -m bench.run

clean: ## Remove built files (not the virtualenv)
	rm -rf app/static/dist search_index/*/ .pytest_cache
	find translations -name '*.mo' -delete
