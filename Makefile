# The three commands of the README, plus lint. Everything runs from the project's .venv.
VENV ?= .venv
PY := $(VENV)/bin/python
SEEDS ?= ../shared/corpus/seeds
# The browser tests drive Debian's Chromium; no browser build is ever downloaded.
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup seeds test lint

# torch first and pinned: the CPU build lies on this disk; an unpinned torch pulls a CUDA build.
# `[dev]` is every extra plus the test tools: what the tests import.
setup:
	test -x $(CHROMIUM) || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"

seeds:
	$(VENV)/bin/claimcheck ingest $(SEEDS) --show-conflicts

test:
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
