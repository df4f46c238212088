# make book       set up .venv and build the HTML book into _build/html
# make test       set up .venv, then lint (ruff), doctests and unit tests, nbval over every
#                 chapter, and a strict book build
# make notebooks  re-execute every chapter in place (fresh kernel, top to bottom)
# make portable   every chapter's assertions under other floating-point configurations
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test unit nbval strict-book notebooks portable clean

$(STAMP): requirements.txt requirements-nodeps.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --path-output . 
	@echo "Open _build/html/index.html"

unit: $(STAMP)
	$(BIN)/ruff check rnnbook tests
	$(BIN)/python -m pytest --doctest-modules rnnbook/cells tests

nbval: $(STAMP)
	$(BIN)/python -m pytest -c tests/nbval.ini --rootdir . chapters

strict-book: $(STAMP)
	rm -rf _build
	$(BIN)/jupyter-book build . --path-output . -W -n --keep-going

test: unit nbval strict-book

portable: $(STAMP)
	$(BIN)/python scripts/portable.py

notebooks: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py chapters/*.ipynb

clean:
	rm -rf _build
