# Every target sets up .venv from the pinned requirements first.
# `make help` lists the targets.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help serve build check test new lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

serve: $(STAMP) ## Serve the site on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

check: $(STAMP) ## Validate data/ only: every error with file and line
	$(BIN)/python -m macros.check

test: $(STAMP) ## Validate data, build strictly and run every test
	$(BIN)/python -m macros.check
	$(BIN)/python -m pytest

new: $(STAMP) ## Start an entry: make new KIND=question ID=my-question
	$(BIN)/python -m macros.scaffold "$(KIND)" "$(ID)"

lock: $(STAMP) ## Recompile requirements.txt from requirements.in
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean: ## Remove the virtualenv and built site
	rm -rf $(VENV) site .pytest_cache
