# Two entry points: `make demo` runs the main job, `make test` runs the suite.
# Each creates its own virtualenv and installs what it needs.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
QSYNC   = $(BIN)/qsync
PAGE    = content/interview-questions/ai-security-interview-questions.md
BUILD   = build

.PHONY: demo test lint bench fuzz docs clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# The main job, offline: parse, lint, diff and sync the content page against a local fake
# GitHub seeded with the upstream stub; the second sync finds nothing to do.
demo: venv
	$(BIN)/python -m tests.sync.demo

test: venv
	$(BIN)/python -m pytest -n 2 -q

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

docs: venv
	$(BIN)/python -m qsync.docs README.md
	$(BIN)/python -m qsync.lint.docs > docs/rules.md

bench: venv
	$(BIN)/python benchmarks/run.py

fuzz: venv
	$(BIN)/python benchmarks/fuzz.py --step 2

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache
