# make book       set up .venv and build the HTML book into _build/html (English) and
#                 _build/html/zh (中文, from the catalogues in locales/zh_CN)
# make test       set up .venv, then lint (ruff), the prose check (no typed numbers), doctests
#                 and unit tests, the catalogues' check (every message translated, none fuzzy
#                 or obsolete), nbval over every chapter, and a strict build of both editions
# make gettext    update the Chinese catalogues (locales/zh_CN/LC_MESSAGES) from the sources
# make notebooks  re-execute every chapter in place (fresh kernel, top to bottom)
# make portable   every chapter's assertions under other floating-point configurations
# make browser    open every built page in headless Chromium and check it (tests/browser; after
#                 make book or make test); installs Playwright and, as root, Debian's chromium
# make compat     a second environment, .venv-compat, at the lowest versions pyproject.toml
#                 declares (requirements-compat.txt): unit tests and every chapter (--nbval-lax)
# make lock       recompile the locks (requirements*.txt) from requirements.in and pyproject.toml
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser-installed
COMPAT := .venv-compat
COMPAT_STAMP := $(COMPAT)/.installed
# the lock compiler (make lock only; never part of the book's environment)
UV     := uv==0.13.9
# Installs a complete lock exactly: every package pinned with its hash, no resolution.
PIP_LOCKED := -m pip install --quiet --no-deps --require-hashes

.PHONY: book test unit catalogues gettext nbval strict-book notebooks portable clean browser \
	browser-deps compat lock

# The lock: requirements.txt and requirements-nodeps.txt, compiled from requirements.in by
# `make lock`. rnnbook itself is installed editable, so a notebook imports it with no sys.path
# edits.
$(STAMP): requirements.txt requirements-nodeps.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python $(PIP_LOCKED) -r requirements.txt -r requirements-nodeps.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --path-output . 
	$(BIN)/python scripts/build_edition.py zh_CN
	@echo "Open _build/html/index.html (中文版: _build/html/zh/index.html)"

unit: $(STAMP)
	$(BIN)/ruff check rnnbook tests scripts
	$(BIN)/python scripts/check_prose.py
	$(BIN)/python -m pytest --doctest-modules rnnbook/cells tests --ignore=tests/browser

# The Chinese edition's catalogues against the current sources (scripts/check_catalogues.py)
catalogues: $(STAMP)
	$(BIN)/python scripts/build_edition.py gettext
	$(BIN)/python scripts/check_catalogues.py

# After changing English text: new and changed messages appear untranslated in the .po files
gettext: $(STAMP)
	$(BIN)/python scripts/build_edition.py gettext
	$(BIN)/sphinx-intl update -p _build/gettext -l zh_CN -d locales --no-obsolete
	$(BIN)/python scripts/check_catalogues.py --counts

nbval: $(STAMP)
	$(BIN)/python -m pytest -c tests/nbval.ini --rootdir . chapters

strict-book: $(STAMP)
	rm -rf _build
	$(BIN)/jupyter-book build . --path-output . -W -n --keep-going
	$(BIN)/python scripts/build_edition.py zh_CN

test: unit catalogues nbval strict-book

portable: $(STAMP)
	$(BIN)/python scripts/portable.py

$(BROWSER_STAMP): $(STAMP) requirements-browser.txt
	$(BIN)/python $(PIP_LOCKED) -r requirements-browser.txt
	touch $(BROWSER_STAMP)

# Debian's chromium (Playwright drives it; it never downloads a browser) and CJK fonts for the
# Chinese text, installed only where missing.
browser-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

browser: $(BROWSER_STAMP) browser-deps
	test -f _build/html/index.html || $(MAKE) strict-book
	$(BIN)/python -m pytest tests/browser -q -p no:cacheprovider
	$(BIN)/python tests/browser/check_pages.py

notebooks: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py chapters/*.ipynb

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet $(UV)
	$(BIN)/python scripts/lock.py

# The declared floor. pip's cache is shared with .venv, so packages pinned alike in both locks
# are not downloaded twice.
$(COMPAT_STAMP): requirements-compat.txt pyproject.toml
	test -x $(COMPAT)/bin/python || $(PYTHON) -m venv $(COMPAT)
	$(COMPAT)/bin/python $(PIP_LOCKED) -r requirements-compat.txt
	$(COMPAT)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(COMPAT_STAMP)

compat: $(COMPAT_STAMP)
	$(COMPAT)/bin/python -m pytest --doctest-modules rnnbook/cells tests --ignore=tests/browser \
	  -p no:cacheprovider
	$(COMPAT)/bin/python -m pytest -c tests/nbval.ini --rootdir . chapters --nbval-lax

clean:
	rm -rf _build
