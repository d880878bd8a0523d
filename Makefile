# Entry points for a fresh machine (see README):
#   make preview set up, build every package and try them in a local LMS (http://127.0.0.1:8000/)
#   make build   set up, check the authored course and build every package into dist/
#   make test    set up everything the tests need and run lint, types and all tests
VENV := .venv
BIN := $(VENV)/bin
# uv (from PyPI) installs the project and its tools in seconds, where pip takes minutes.
INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python

.PHONY: preview build test chromium clean

# A machine's pip configuration may name package folders that do not exist; pip warns about
# each one. Those lines are left out; whether uv got installed is checked after.
$(BIN)/uv:
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet uv 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	@test -x $@ || { echo "Could not install uv into $(VENV) (see pip's messages above)"; exit 1; }

$(BIN)/course: pyproject.toml | $(BIN)/uv
	$(INSTALL) -e .
	@touch $@
	@echo "Installed the project (the course command) into $(VENV)/"

# One install for the tests: the project with pytest, Playwright, ruff and mypy.
$(VENV)/.test-deps: pyproject.toml | $(BIN)/uv
	$(INSTALL) -e '.[test]'
	@touch $@ $(BIN)/course
	@echo "Installed the project and its test tools (pytest, Playwright, ruff, mypy) into $(VENV)/"

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here.
# apt-get's progress goes to a log that is shown only when the install fails.
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests (apt-get)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); LOG=$$(mktemp); \
	  { $$SUDO apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >$$LOG 2>&1 \
	    || { cat $$LOG; rm -f $$LOG; exit 1; }; \
	  rm -f $$LOG; echo "Installed chromium $$(dpkg-query -W -f='$${Version}' chromium)"; }

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
