# Entry points for a fresh machine (see README):
#   make preview set up, build every package and try them in a local LMS (http://127.0.0.1:8000/)
#   make build   set up, check the authored course and build every package into dist/
#   make test    set up everything the tests need and run lint, types and all tests
VENV := .venv
BIN := $(VENV)/bin

.PHONY: preview build test chromium clean

$(BIN)/course: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/course
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here.
chromium:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# The preview LMS uses scorm-again from npm as its SCORM API.
preview: $(BIN)/course node_modules/.installed
	$(BIN)/course preview --watch

build: $(BIN)/course
	$(BIN)/course check
	$(BIN)/course build

test: $(VENV)/.test-deps node_modules/.installed chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy course quizzes scorm_builder
	$(BIN)/pytest -n auto

clean:
	rm -rf $(VENV) node_modules dist
