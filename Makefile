# Two commands for a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8000

.PHONY: install run test lint worker bench backup restore load

# A developer's machine gets the test and lint tools too; production installs requirements.txt alone.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: sudo apt-get install -y python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Serves the app on the embedded default (SQLite beside manage.py, tasks in-process) with demo data.
run: export DEBUG = True
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_plan
	$(PY) manage.py seed_demo
	@echo "Mở http://127.0.0.1:$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite; on PostgreSQL and a real Celery worker when DATABASE_URL and CELERY_BROKER_URL are set.
test: lint
	$(VENV)/bin/pytest

# Speed figures as JSON, on PostgreSQL (everything the bench writes is rolled back).
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/caoloc
bench: install
	$(PY) scripts/ensure_database.py
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench --province

# One worker for every queue (celery, imports, papers, rollups) with the beat; QUEUES=imports runs
# one for a single queue and no beat (run the beat once), as docs/scaling.md describes for a province.
worker: export DEBUG = True
worker: install
	$(VENV)/bin/celery -A caolocculture worker --loglevel=INFO $(if $(QUEUES),-Q $(QUEUES),-B)

# The database and the uploaded files into backups/backup-DATE-TIME/ (see docs/backup.md).
backup: install
	$(PY) manage.py backup

# Replaces everything with a backup: make restore BACKUP=backups/backup-20261126-120000
restore: install
	@test -n "$(BACKUP)" || { echo "Cần chỉ rõ bản sao lưu: make restore BACKUP=backups/backup-..."; exit 1; }
	$(PY) manage.py backup --restore $(BACKUP)

# 50 people for 60 s against gunicorn with the production settings on its own database
# (caoloc_load, made afresh); prints median and p95 and fails on any error.
load: install
	$(PY) loadtest/run.py
