# The two commands a newcomer needs: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-tools serve check clean benchmark zensical check-seed lock published-env

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# The environment the site is published from (the publish workflow): exactly the versions in
# requirements.lock, each checked against its hash; then briefings itself, without dependencies.
published-env: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Refreshes requirements.lock from pyproject.toml's dependencies (newest versions within their
# bounds, with hashes), for the publish runner: Linux, Python 3.11. Commit the result.
lock: $(STAMP)
	$(BIN)/pip install --quiet -e ".[lock]"
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" \
	  --output-file requirements.lock

# BUILD_FLAGS=--incremental rebuilds only changed pages into a copy of the previous site.
# SITE_ARCHIVE=FILE takes the previous site from FILE and writes the new one there (CI's cache).
BUILD_FLAGS ?=
SITE_ARCHIVE ?=
site: $(STAMP)
	$(BIN)/briefings build $(BUILD_FLAGS) $(if $(SITE_ARCHIVE),--site-archive $(SITE_ARCHIVE))

FORMAT ?= text

check: $(STAMP)
	$(BIN)/briefings check --format $(FORMAT)

serve: $(STAMP)
	$(BIN)/briefings serve

test-tools: package-lock.json
	scripts/setup-test-tools

# The test tools were just installed: a browser test that cannot find them fails, never skips.
test: $(STAMP) test-tools
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # the layers (pyproject.toml, ARCHITECTURE.md)
	BRIEFINGS_REQUIRE_BROWSER=1 $(BIN)/pytest

# The drafting and annotation checks against the real seed article, which is not part of the
# repository: make check-seed SEED=path/to/000_e7307fcfda2f9286.txt
check-seed: $(STAMP)
	@test -n "$(SEED)" || { echo "give the seed article: make check-seed SEED=path/to/it" >&2; exit 2; }
	BRIEFINGS_SEED="$(abspath $(SEED))" $(BIN)/pytest -m seed

# The scale benchmark (see README, "Performance"). ProperDocs and Zensical live in their own
# environment: they are measured beside mkdocs, not used by the project.
BUILDERS := .venv-builders
$(BUILDERS)/.installed:
	$(PYTHON) -m venv $(BUILDERS)
	$(BUILDERS)/bin/pip install --quiet "properdocs>=1.6" "mkdocs-material>=9.7,<10" "zensical==0.0.73"
	touch $(BUILDERS)/.installed

# 1,000 articles with everything; 10,000 without Zensical (a quarter of an hour there:
# `python run.py` with no options measures it too). `make benchmark BASELINE=<commit>` also
# measures generating with that commit's code, on the same articles, in the same run.
benchmark: $(STAMP) $(BUILDERS)/.installed test-tools  # Chromium, for the search answer
	cd benchmarks && ../$(BIN)/python run.py --sizes 1000 $(if $(BASELINE),--baseline $(BASELINE)) && \
		../$(BIN)/python run.py --sizes 10000 --skip-zensical --keep-other-sizes \
		$(if $(BASELINE),--baseline $(BASELINE))

# The same site built with Zensical, Material's successor, in its own environment (see README).
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/.installed:
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet "zensical==0.0.73"
	touch $(ZENSICAL_VENV)/.installed

zensical: site $(ZENSICAL_VENV)/.installed
	ZENSICAL=$(ZENSICAL_VENV)/bin/zensical PAGEFIND_PYTHON=$(BIN)/python scripts/build-with-zensical

clean:
	rm -rf build
