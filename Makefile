# Every target sets up .venv from the pinned requirements first.
# `make help` lists the targets.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TECHDOCS_VENV := .venv-techdocs
TECHDOCS_STAMP := $(TECHDOCS_VENV)/.installed
TOOLS := tests/tools
NODE_STAMP := $(TOOLS)/node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help serve build check test new bench compile techdocs zensical properdocs golden lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# The developer-portal build has its own environment: mkdocs-techdocs-core pins
# other versions of Material and Markdown than the site does.
$(TECHDOCS_STAMP): requirements-techdocs.txt
	$(PYTHON) -m venv $(TECHDOCS_VENV)
	$(TECHDOCS_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-techdocs.txt
	@touch $@

# npm checkers (axe-core, linkinator, vnu-jar, lighthouse), pinned in the lock file.
# Without npm the tests that need them skip and say why.
$(NODE_STAMP): $(TOOLS)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(TOOLS) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: accessibility, link and HTML checks will be skipped"; fi

serve: $(STAMP) ## Serve the site on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

check: $(STAMP) ## Validate data/ only: every error with file and line
	$(BIN)/python -m macros.check

test: $(STAMP) $(NODE_STAMP) $(TECHDOCS_STAMP) ## Validate data, build strictly and run every test (browser ones too)
	$(BIN)/python -m macros.check
	$(BIN)/python -m pytest -ra

new: $(STAMP) ## Start an entry: make new KIND=question ID=my-question
	$(BIN)/python -m macros.scaffold "$(KIND)" "$(ID)"

compile: $(STAMP) ## Compile the guide into build/site/ (Markdown pages and data files, no MkDocs)
	$(BIN)/python -m macros.compile build/site

# The portable targets build from the compile step's output, not from mkdocs.yml:
# TechDocs drops hooks and theme overrides, Zensical runs no MkDocs hooks or plugins.
techdocs: $(STAMP) $(TECHDOCS_STAMP) ## Backstage TechDocs: bundle in build/techdocs/, built strictly into site-techdocs/
	$(BIN)/python -m macros.compile build/techdocs --target techdocs
	cd build/techdocs && NO_MKDOCS_2_WARNING=1 ../../$(TECHDOCS_VENV)/bin/mkdocs build --strict -f mkdocs.yml -d ../../site-techdocs
	cp -R build/techdocs/static/. site-techdocs/

zensical: $(STAMP) ## Zensical: bundle in build/zensical/, built strictly into site-zensical/
	$(BIN)/python -m macros.compile build/zensical --target zensical
	cd build/zensical && ../../$(BIN)/zensical build -f mkdocs.yml --strict --clean
	rm -rf site-zensical && cp -R build/zensical/site site-zensical && cp -R build/zensical/static/. site-zensical/

properdocs: $(STAMP) ## The site built unchanged by ProperDocs (MkDocs fork) into site-properdocs/
	$(BIN)/properdocs build --strict -f mkdocs.yml -d site-properdocs

golden: $(STAMP) ## Rewrite the golden files of the render tests (review the diff before committing)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

bench: $(STAMP) $(NODE_STAMP) ## Benchmark: build time and scaling, page weight, Lighthouse (writes .bench/results.json)
	$(BIN)/python tests/bench/bench.py

lock: $(STAMP) ## Recompile requirements.txt from requirements.in
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements-techdocs.txt requirements-techdocs.in

clean: ## Remove the virtualenv and built site
	rm -rf $(VENV) $(TECHDOCS_VENV) build site site-techdocs site-zensical site-properdocs .pytest_cache $(TOOLS)/node_modules .bench
