# PeopleLens — `make run` to start the service, `make test` to test it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000
PG_ADMIN_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
LOCKS  := requirements/runtime.lock requirements/dev.lock requirements/model.lock

.PHONY: install lock run test test-fast test-postgres fuzz browser oidc-provider bench bench-full clean

# The venv holds exactly the locked versions: requirements/dev.lock is runtime.lock (what a
# deployment installs) plus the dev tools, same versions; then the sentence encoder's weights
# without their declared dependencies (sentence-transformers, torch: the numpy encoder needs
# neither); then the project itself, editable.
$(STAMP): pyproject.toml $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes --only-binary :all: \
	  -r requirements/model.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Re-lock after editing dependencies in pyproject.toml; other pins stay as they are.
## Upgrade some packages: make lock UPGRADE="fastapi starlette"; everything: make lock UPGRADE=all.
## pip-compile (pip-tools, a dev dependency) resolves with pip itself, so it honours this
## machine's pip configuration (mirrors, constraints). requirements/model.lock (the encoder's
## weights, installed without dependencies) is written by hand: see its header.
UPGRADE ?=
LOCK_FLAGS = --quiet --strip-extras --allow-unsafe --generate-hashes --no-emit-index-url \
  --no-emit-find-links $(if $(filter all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package=,$(UPGRADE)))
lock: install
	mkdir -p requirements
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) \
	  -o requirements/runtime.lock pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) --extra dev -c requirements/runtime.lock \
	  -o requirements/dev.lock pyproject.toml

## Create the venv, install, migrate the SQLite database, make the demo tenant, print its key, serve.
## A development server: webhooks may target 127.0.0.1 and other private addresses (only here).
run: install
	@KEY=$$($(BIN)/peoplelens demo) && \
	  LINK=$$(PEOPLELENS_PUBLIC_URL=$${PEOPLELENS_PUBLIC_URL:-http://127.0.0.1:$(PORT)} \
	    $(BIN)/peoplelens users reset-password --tenant demo --email admin@demo.example) && \
	  printf '\n  PeopleLens is starting on http://127.0.0.1:$(PORT)  (API docs: /docs)\n' && \
	  printf '  Sign in to the workspace: %s\n' "$$LINK" && \
	  printf "    (a one-time link: it sets the demo admin's password, then opens the pipeline)\n" && \
	  printf '  Later: http://127.0.0.1:$(PORT)/login?workspace=demo as admin@demo.example, with that password\n' && \
	  printf '  Demo API key: %s\n' "$$KEY" && \
	  printf '  Try: curl -H "Authorization: Bearer %s" http://127.0.0.1:$(PORT)/api/v1/candidates\n' "$$KEY" && \
	  printf '  Webhooks to 127.0.0.1/private addresses are allowed in this development server (PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS=true)\n\n'
	PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS=true $(BIN)/peoplelens serve --host 127.0.0.1 --port $(PORT)

## Debian's Chromium for the browser tests (Playwright drives it; no browser download), and
## axe-core for their accessibility checks (`npm ci` from tests/web/axe/package-lock.json).
## Idempotent, never fails: without a browser the browser tests are skipped, without npm the
## accessibility checks.
browser:
	@bash scripts/install-chromium.sh
	@bash scripts/install-axe.sh

## The OpenID provider the SSO tests run (panva's oidc-provider, `npm ci` from
## tests/oidc/provider/package-lock.json). Idempotent, never fails: without npm they are skipped.
oidc-provider:
	@bash scripts/install-oidc-provider.sh

## Lint, type-check and run the whole suite (SQLite; set PEOPLELENS_TEST_POSTGRES_URL for PostgreSQL).
test: install browser oidc-provider
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

## While working: lint, types and the suite without live servers, browsers, fuzzing and the
## crash and lock-timeout tests (about a minute; `make test` runs everything).
test-fast: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest -q -m "not slow and not fuzz"

## Schema fuzzing with a larger budget than CI's (tests/test_fuzz.py; SECURITY.md).
fuzz: install
	PEOPLELENS_FUZZ_EXAMPLES=150 PEOPLELENS_FUZZ_MIN_REQUESTS=20000 $(BIN)/pytest -q -s -m fuzz

## The same suite on a throwaway PostgreSQL database (created and dropped by the tests).
test-postgres:
	PEOPLELENS_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(MAKE) test

## Benchmarks with same-run baselines (installs Debian's wrk when it can); writes bench/RESULTS.md.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py
	$(BIN)/python bench/webhook_throughput.py --events 2000
	$(BIN)/python bench/workspace.py
	$(BIN)/python bench/metrics_overhead.py
	$(BIN)/python bench/ratelimit.py
	$(BIN)/python bench/csv_import.py

bench-full: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py --full
	$(BIN)/python bench/webhook_throughput.py --events 10000
	$(BIN)/python bench/workspace.py
	$(BIN)/python bench/metrics_overhead.py
	PEOPLELENS_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(BIN)/python bench/workspace.py
	BENCH_POSTGRES_ADMIN_URL=$(PG_ADMIN_URL) $(BIN)/python bench/processes.py
	psql "$(PG_ADMIN_URL)" -qc "DROP DATABASE IF EXISTS plbench_webhooks WITH (FORCE)" -c "CREATE DATABASE plbench_webhooks"
	$(BIN)/python bench/webhook_throughput.py --workers 1,2 --events 10000 \
	  --database-url $(dir $(PG_ADMIN_URL))plbench_webhooks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
