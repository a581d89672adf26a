# Carechart developer commands. Everything runs through uv and the locked dependencies.
UV ?= uv
RUN := $(UV) run --locked
HOST ?= 127.0.0.1
PORT ?= 8000
# uvicorn's parser, answering malformed requests as problem+json (src/carechart/core/http.py).
HTTP := --http carechart.core.http:ProblemHttpToolsProtocol

.PHONY: help install run serve migrate seed test lint format typecheck openapi clean \
	init worker up down logs image hadolint shellcheck lint-deploy k8s-render container-test

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}' \
		| sed -e 's|$$(HOST)|$(HOST)|g' -e 's|$$(PORT)|$(PORT)|g'

install: ## Install the locked dependencies (.venv)
	$(UV) sync --locked

run: install migrate seed ## Migrate, seed, and serve with auto-reload on http://$(HOST):$(PORT)
	$(RUN) uvicorn carechart.main:create_app --factory --reload --host $(HOST) --port $(PORT) --no-access-log --no-proxy-headers $(HTTP)

serve: ## Serve without reload (one process; scale by running more)
	$(RUN) uvicorn carechart.main:create_app --factory --host $(HOST) --port $(PORT) --no-access-log --no-proxy-headers $(HTTP)

migrate: ## Create the database if missing and apply every migration
	$(RUN) python -m carechart.core.createdb
	$(RUN) alembic upgrade head

seed: ## Create the first admin and the sample data if missing (idempotent)
	$(RUN) python -m seed

init: ## The containers' one-shot start-up, natively: wait for PostgreSQL, create, migrate, seed
	$(RUN) bash deploy/init.sh

worker: ## Run the arq worker that writes summaries (it waits out Redis and PostgreSQL outages)
	$(RUN) python -m worker

# The suite waits on PostgreSQL and Redis more than on the CPU: more workers than cores pays.
TEST_WORKERS ?= 4
test: install ## Run the whole test suite in parallel (TEST_WORKERS) against the local PostgreSQL and Redis
	$(RUN) pytest -n $(TEST_WORKERS)

lint: install ## ruff (lint and format check), mypy --strict and the import contracts
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy src worker seed eval
	$(RUN) lint-imports --no-logo

format: ## Apply ruff's fixes and formatting
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

openapi: ## Write docs/openapi.json from the app
	$(RUN) python -m carechart.openapi docs/openapi.json

up: ## The whole system in containers (compose.yaml + compose.override.yaml), built first
	docker compose up --build

down: ## Stop the containers (the data volumes stay; `docker compose down -v` drops them)
	docker compose down

logs: ## Follow the containers' logs
	docker compose logs -f

image: ## Build the image alone
	docker build -t carechart:local .

container-test: ## Build the image (podman) and run it as init, API and worker against the local services
	UV="$(UV)" bash tests/containers/run.sh

hadolint: ## Lint the Dockerfile (hadolint from the locked dev dependencies)
	$(RUN) hadolint Dockerfile

shellcheck: ## Lint the shell scripts
	$(RUN) shellcheck deploy/init.sh .ci/run tests/containers/run.sh

lint-deploy: hadolint shellcheck ## hadolint and shellcheck

OVERLAY ?= dev
k8s-render: ## Print the Kubernetes manifests of an overlay: make k8s-render OVERLAY=prod
	kubectl kustomize deploy/k8s/overlays/$(OVERLAY)

clean: ## Remove caches
	rm -rf .pytest_cache .mypy_cache .ruff_cache .import_linter_cache

.PHONY: fuzz load
FUZZ_EXAMPLES ?= 200
LOAD_SECONDS ?= 60
LOAD_RPS ?= 50

fuzz: install ## Longer contract fuzzing: Schemathesis, FUZZ_EXAMPLES per operation, a new seed each run
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(RUN) pytest tests/hardening/test_contract_fuzz.py

load: install ## Longer load test on loopback (LOAD_SECONDS at LOAD_RPS); prints p95, checks every write
	LOAD_SECONDS=$(LOAD_SECONDS) LOAD_RPS=$(LOAD_RPS) $(RUN) pytest -s tests/hardening/test_load.py

.PHONY: bench
bench: install ## Benchmark at 1,000,000 patients (needs wrk); BENCH_PATIENTS=100000 make bench: quick run
	$(RUN) python -m bench

.PHONY: eval eval-baseline
eval: install ## Score the extractor, then the summaries, on the labelled notes (eval/corpus)
	$(RUN) python -m eval
	$(RUN) python -m eval.summaries

eval-baseline: install ## make eval, then record its figures as the regression baseline (eval/baseline.json)
	$(RUN) python -m eval --baseline
	$(RUN) python -m eval.summaries --baseline
