# Lectern — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-slow lint typecheck bench screenshots bundle smoke lock clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Lectern needs Python 3.11 or newer" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--no-deps --no-build-isolation -e .
	touch $(STAMP)

## Launch the app on the default library (or LECTERN_LIBRARY).
run: $(STAMP)
	$(BIN)/python -m ui.main

## Install everything the tests need, check, and run the whole suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" -q

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

screenshots: $(STAMP)
	$(BIN)/python bench/screenshots.py

## One-folder desktop bundle (PyInstaller) in dist/lectern/, and its smoke test.
bundle: $(STAMP)
	bash packaging/build_bundle.sh

smoke: $(STAMP)
	bash packaging/smoke_test.sh

## Re-resolve requirements.lock. PyMuPDF is locked alone, without its dependencies
## (onnxruntime, numpy, …), which Lectern does not use; everything is installed --no-deps.
lock:
	$(PYTHON) -m venv /tmp/lectern-lock && /tmp/lectern-lock/bin/pip install -q pip-tools
	/tmp/lectern-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras \
		-q -o requirements.lock requirements.in
	echo "pymupdf==2.0" > /tmp/lectern-lock/pymupdf.in
	/tmp/lectern-lock/bin/pip-compile --generate-hashes -q \
		-o /tmp/lectern-lock/pymupdf.lock /tmp/lectern-lock/pymupdf.in
	awk '/^pymupdf==/{p=1;print "# PyMuPDF alone, installed without its dependencies";print;next} \
		p&&/^ +--hash/{print;next} {p=0}' /tmp/lectern-lock/pymupdf.lock >> requirements.lock

clean:
	rm -rf $(VENV) .venv-build build dist .mypy_cache .ruff_cache .pytest_cache
