# The two commands a newcomer needs: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-tools serve check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/briefings build

FORMAT ?= text

check: $(STAMP)
	$(BIN)/briefings check --format $(FORMAT)

serve: $(STAMP)
	$(BIN)/briefings serve

test-tools: package-lock.json
	scripts/setup-test-tools

test: $(STAMP) test-tools
	$(BIN)/ruff check .
	$(BIN)/pytest

clean:
	rm -rf build
