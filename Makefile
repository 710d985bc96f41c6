# Two commands do all set-up on a fresh clone: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
MO := locale/sl/LC_MESSAGES/django.mo
HOST ?= 127.0.0.1:8000
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test check lint format messages install install-dev clean deploy-check bench bench-quick

run: install $(MO)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Portal: http://$(HOST)/"
	$(BIN)/python manage.py runserver $(HOST)

# One test process per core (pytest-xdist), each with its own test database and its own Chromium;
# worksteal keeps both busy to the end however long the browser tests take. A single test runs
# faster without the workers: `.venv/bin/python -m pytest tests/... ` (or PYTEST_ARGS=-n0).
PARALLEL ?= -n auto --dist worksteal

test: install-dev $(MO)
	$(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

# The edit loop: the suite without the browser tests. Not a set-up step; `make test` runs it all.
check: install-dev $(MO)
	$(BIN)/python -m pytest $(PARALLEL) --ignore=tests/browser $(PYTEST_ARGS)

# Not a test: the portal under load (gunicorn + wrk) on SQLite and PostgreSQL, Ptuj alone beside
# all 212 councils; prints the results table (bench/run.py). Needs wrk; BENCH_ARGS="--seconds 30".
bench: install $(MO)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The same in a few minutes: 20 councils, SQLite only, short loads.
bench-quick: install $(MO)
	$(BIN)/python -m bench.run --backends sqlite --councils 20 --seconds 3 --pdf-rounds 4 $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Django's deployment checklist against production settings; set the real values in the
# environment (SOSVET_SECRET_KEY, SOSVET_ALLOWED_HOSTS, DATABASE_URL, ...) before running it.
deploy-check: install $(MO)
	SOSVET_DEBUG=0 $(BIN)/python manage.py check --deploy --fail-level WARNING

# Refresh the Slovenian catalogue from the code (needs GNU gettext); translate, then commit the .po.
messages: install
	$(BIN)/python manage.py makemessages -l sl --no-location --ignore=.venv --ignore=staticfiles

# Stamps keep a second run fast: pip runs again only when pyproject.toml changes.
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev $(VNU_JAR)

# The Nu Html Checker for tests/test_html_valid.py (run with Java), as its makers publish it: the
# npm package vnu-jar (VNU_VERSION above). Without npm the test says it is skipped; CI has npm.
$(VNU_JAR): | $(BIN)/python
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
	    --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION); \
	else echo "npm not found: the HTML checker test will be skipped"; fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

# The compiled catalogue is built, not committed; Babel compiles it without GNU gettext.
$(MO): locale/sl/LC_MESSAGES/django.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d locale -D django -l sl

clean:
	rm -rf $(VENV) staticfiles $(MO)
