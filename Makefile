# The two commands of the README: `make chat` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
E2E    := tests/e2e
SITE   := tests/site
CHROMIUM ?= /usr/bin/chromium

.PHONY: chat test mutate setup venv-check catalogs catalogs-check kb lint typecheck bench bench-plot e2e-setup site-setup site clean

chat: setup
	$(BIN)/helpfinder chat

test: setup catalogs e2e-setup site-setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

setup: venv-check $(STAMP)

# A .venv made by a Python older than pyproject's requires-python is removed and made again.
# (The check runs with the venv's own interpreter, so it works for any Python 3.)
NEEDS_PYTHON = import re, sys; need = re.search("requires-python = .>=([0-9.]+)", \
	open("pyproject.toml").read()).group(1); sys.exit(sys.version_info[:2] < \
	tuple(map(int, need.split("."))))

venv-check:
	@if [ -e $(VENV) ] && ! $(BIN)/python -c '$(NEEDS_PYTHON)' 2>/dev/null; then \
		echo "$(VENV) was made by a Python older than requires-python: making it again"; \
		rm -rf $(VENV); fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c '$(NEEDS_PYTHON)' || { echo "$(PYTHON) is older than pyproject's \
	requires-python: run make PYTHON=python3.11 (or newer)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

catalogs: setup
	$(BIN)/pybabel compile --domain helpfinder --directory locales --statistics
	$(BIN)/pybabel compile --domain site --directory locales --statistics

catalogs-update: setup
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ --no-location --sort-output \
		--project helpfinder --output-file locales/helpfinder.pot .
	$(BIN)/pybabel update --domain helpfinder --input-file locales/helpfinder.pot \
		--output-dir locales --ignore-pot-creation-date --no-fuzzy-matching
	$(BIN)/pybabel extract --mapping babel-site.cfg --keywords N_ --no-location --sort-output \
		--project helpfinder-site --output-file locales/site.pot .
	$(BIN)/pybabel update --domain site --input-file locales/site.pot \
		--output-dir locales --ignore-pot-creation-date --no-fuzzy-matching

e2e-setup:
	@if command -v npm >/dev/null 2>&1; then \
		cd $(E2E) && ([ -d node_modules/telegram-test-api ] || npm ci --no-audit --no-fund --loglevel=error); \
	else echo "npm not found: end-to-end tests will be skipped"; fi

# Mutation testing of understanding, ranking, dialogue and cards (not part of `make test`):
# a fresh run each time, lexicon-only tests against one prebuilt database; see tests/README.md.
MUTANTS_KB := $(CURDIR)/mutants/kb.sqlite
mutate: setup catalogs
	@$(BIN)/python -c "import mutmut" 2>/dev/null || $(BIN)/pip install --quiet -e '.[mutate]'
	rm -rf mutants && mkdir mutants
	$(BIN)/python -c "from pathlib import Path; from knowledge.finder import build; \
		build(target=Path('$(MUTANTS_KB)'))"
	HELPFINDER_TEST_KB=$(MUTANTS_KB) HELPFINDER_TEST_ENCODER=0 bash -c \
		'time ($(BIN)/mutmut run --max-children $${MUTATE_JOBS:-2} > mutants/mutmut.log 2>&1)'
	$(BIN)/python -m tests.mutation_score

# The site's browser tests: Debian's Chromium (installed where we may: root or sudo) and
# playwright-core + axe-core from the lock file (playwright-core downloads no browser).
site-setup:
	@if [ ! -x $(CHROMIUM) ]; then \
		if ! command -v apt-get >/dev/null 2>&1; then echo "no $(CHROMIUM) and no apt-get"; \
		elif [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends chromium >/dev/null; \
		elif sudo -n true 2>/dev/null; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends chromium >/dev/null; \
		else echo "no $(CHROMIUM) and no root: the site's browser tests will skip (and fail in CI)"; fi; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		cd $(SITE) && ([ node_modules/.package-lock.json -nt package-lock.json ] || \
			npm ci --no-audit --no-fund --loglevel=error); \
	else echo "npm not found: the site's browser tests will skip (and fail in CI)"; fi

site: catalogs
	$(BIN)/helpfinder kb site site/

kb: setup
	$(BIN)/helpfinder kb build

bench: setup
	$(BIN)/helpfinder bench

bench-plot: setup
	$(BIN)/python -m benchmarks.report

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
