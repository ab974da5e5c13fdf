# Two commands matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help install install-dev run dev test lint format check bench migrate seed superuser db-start db-stop backup restore clean

help:
	@echo "make run     - serve the site with demo data on http://$(HOST):$(PORT)"
	@echo "make dev     - the same with Django's autoreloading dev server and DEBUG on"
	@echo "make test    - lint, migration check, unit, integration and browser tests"
	@echo "make bench   - load 20,000 clinics into a benchmark database and measure"
	@echo "make lint    - ruff check and format check"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --if-empty

run: seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Serving the directory on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo "  Staff sign in at http://$(HOST):$(PORT)/admin/ with a demo account printed"
	@echo "  above when the demo data was first loaded (README: Demo data),"
	@echo "  or create your own with: $(PY) manage.py createsuperuser"
	@echo ""
	EMBEDDED_DB_STOP_ON_EXIT=1 $(PY) -m gunicorn config.wsgi -c config/gunicorn.conf.py --bind $(HOST):$(PORT)

dev: seed
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Checks and tests stop the embedded PostgreSQL again if they started it, so `make test`
# leaves nothing running; KEEP_EMBEDDED_DB=1 keeps it for quick reruns.
check test: export EMBEDDED_DB_STOP_IF_STARTED = 1

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Two test processes (pytest-xdist), each with its own test database; TEST_WORKERS=0 runs
# everything in one process, e.g. to debug with pdb.
TEST_WORKERS ?= 2

test: install-dev lint check
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: install-dev
	$(PY) manage.py run_benchmark $(BENCH_ARGS)

superuser: migrate
	$(PY) manage.py createsuperuser

db-start: install
	$(PY) manage.py embedded_db start

db-stop: install
	$(PY) manage.py embedded_db stop

backup: install
	@mkdir -p -m 700 var/backups
	$(PY) manage.py backup_db var/backups/directory-$$(date +%Y%m%d-%H%M%S).dump

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache
