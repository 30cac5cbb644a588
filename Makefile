# From Project to Product: the two commands of the README's Quick start.
#   make lab    install what is needed (first time only), check the set-up, open JupyterLab
#   make test   install what is needed (first time only), run the whole test suite
#   make quick  the fast tests while you write (no notebooks executed, no nbgrader runs, no browser)
# Everything goes into .venv/ with the exact versions in constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: lab test quick doctor release validate lint benchmark clean help

help:
	@echo "make lab    - open the workshop in JupyterLab (installs on first run)"
	@echo "make test   - run all tests (installs on first run)"
	@echo "make quick  - the fast tests, under 2 minutes on two cores (not slow, not browser)"
	@echo "make doctor | release | validate | lint | benchmark | clean"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed: install it, or run make with PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

lab: $(STAMP)
	-$(BIN)/workshop doctor
	$(BIN)/workshop lab

test: $(STAMP)
	@bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest -n 2 --cov=workshop_utils --cov-report=term --cov-fail-under=85 $(PYTEST_ARGS)

quick: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q -m "not slow and not browser" $(PYTEST_ARGS)

doctor: $(STAMP)
	$(BIN)/workshop doctor

release: $(STAMP)
	$(BIN)/workshop release

validate: $(STAMP)
	$(BIN)/workshop validate

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .coverage test-artifacts
