# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# settings.py derives the default SITE_URL (canonical links, mails) from it.
export PORT
MANAGE := $(PY) manage.py

# Python >= 3.12: the one .python-version selects through pyenv, else python3.13/3.12 on PATH.
FIND_PYTHON := for c in "$$(pyenv which python3 2>/dev/null)" \
	$$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.1[23]*/bin/python3 2>/dev/null | sort -r) \
	python3.13 python3.12 python3; do \
	p=$$(command -v "$$c" 2>/dev/null) || continue; \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$$p"; break; }; \
	done

.PHONY: run test install tools demo lint format check messages lock backup restore bench clean mails

$(VENV)/.installed: pyproject.toml requirements.lock
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then echo "No Python >= 3.12 found. Install 3.13 (e.g. 'pyenv install 3.13') and retry." >&2; exit 1; fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed

# The browser gate's pinned checkers (vnu.jar, Lighthouse) into tests/tools/node_modules.
tools:
	tests/tools/install.sh

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_admin

run: demo
	@echo "Serving http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Mail newly public releases to confirmed subscribers (console locally; see docs/mail.md).
mails: install
	$(MANAGE) send_release_mails

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Translations: .po and the compiled .mo files are committed, so running the
# site needs no gettext; this target (which does) refreshes both.
messages: install
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=bench --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

# Regenerate the lock from pyproject.toml in a throwaway venv.
lock:
	@py="$$($(FIND_PYTHON))"; tmp=$$(mktemp -d); "$$py" -m venv $$tmp; \
	deps=$$("$$py" -c 'import tomllib; p=tomllib.load(open("pyproject.toml","rb"))["project"]; print("\n".join(p["dependencies"]+p["optional-dependencies"]["test"]))'); \
	echo "$$deps" > $$tmp/req.txt; $$tmp/bin/pip install --quiet -r $$tmp/req.txt && $$tmp/bin/pip freeze > requirements.lock; rm -rf $$tmp

# Database + media into backups/<timestamp>/ (pg_dump -Fc on PostgreSQL, portable JSON always).
backup: install
	$(MANAGE) backup --dir backups

# make restore BACKUP=backups/20260101-020000 [PORTABLE=1]: replaces all data.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp> [PORTABLE=1]" >&2; exit 1; }
	$(MANAGE) restore "$(BACKUP)" $(if $(PORTABLE),--portable) --yes
# Figures, not tests: gunicorn + wrk, cache cold and warm (bench/README.md).
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
