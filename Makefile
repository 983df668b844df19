# SiKo Ruhr Portal – developer and CI entry points.
#
#   make demo   portal with demo data on http://127.0.0.1:8000/ (SQLite)
#   make test   every test, including the browser tests (SQLite; DATABASE_URL=postgres://… for PostgreSQL)
#   make lint   ruff and bandit (security lint: no medium or high finding)
#
# Everything installs itself on first use; stamp files make the second run fast.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k journey -x"`.
PYTEST_ARGS ?=

PY_STAMP  := $(VENV)/.requirements-dev.lock.installed
NPM_STAMP := node_modules/.package-lock.json.installed

.PHONY: help install browser saml clamav demo test lint lock

# help: list the targets.
help:
	@echo "make install  – Python-Pakete (.venv) und npm-Pakete (axe-core) installieren"
	@echo "make browser  – Chromium für die Browser-Tests sicherstellen (Debian-Paket)"
	@echo "make saml     – xmlsec1 für die SAML-Tests sicherstellen (Debian-Paket)"
	@echo "make clamav   – Virenscanner clamd (Debian-Paket clamav-daemon) sicherstellen"
	@echo "make demo     – Portal mit Demo-Daten unter http://127.0.0.1:8000/ starten"
	@echo "make test     – alle Tests (SQLite; mit DATABASE_URL=postgres://… gegen PostgreSQL)"
	@echo "make lint     – ruff und bandit (Sicherheitsprüfung des Codes)"
	@echo "make lock     – requirements.lock und requirements-dev.lock (mit Hashes) aus pyproject.toml neu erzeugen"

# install: the pinned Python packages in .venv and the npm dev packages (axe-core for the browser tests).
# requirements-dev.lock is production's requirements.lock plus the test tools, every file with its hash;
# a production server installs requirements.lock alone (README, "Betrieb in Produktion").
install: $(PY_STAMP) $(NPM_STAMP)

# The virtual environment itself, created once with the machine's python3.
$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements-dev.lock changes (or the stamp is missing).
$(PY_STAMP): requirements-dev.lock | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# lock: both lock files from pyproject.toml with pip-tools; versions already pinned stay (add
# --upgrade-package NAME to PIP_COMPILE_ARGS to move one). Production's file has no test tool.
PIP_COMPILE_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(PIP_COMPILE_ARGS)
lock: $(PY_STAMP)
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test -o requirements-dev.lock pyproject.toml

# npm ci wipes node_modules and installs exactly package-lock.json; again only when the lock changes.
$(NPM_STAMP): package-lock.json package.json
	@command -v npm >/dev/null || { echo "npm fehlt: bitte Node.js mit npm installieren (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

# browser: Debian's Chromium for Playwright (never `playwright install`: it downloads its own browser).
browser:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium vorhanden: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Chromium fehlt – installiere das Debian-Paket chromium …"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
	else \
		echo "Chromium fehlt ($(CHROMIUM)). Bitte als root installieren:" >&2; \
		echo "  apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core" >&2; \
		exit 1; \
	fi

# saml: Debian's xmlsec1, with which the SAML tests' own identity provider (pysaml2) signs its answers.
saml:
	@if command -v xmlsec1 >/dev/null; then \
		echo "xmlsec1 vorhanden: $$(command -v xmlsec1)"; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "xmlsec1 fehlt – installiere das Debian-Paket xmlsec1 …"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends xmlsec1; \
	else \
		echo "xmlsec1 fehlt (für die SAML-Tests). Bitte als root installieren:" >&2; \
		echo "  apt-get update && apt-get install -y --no-install-recommends xmlsec1" >&2; \
		exit 1; \
	fi

# clamav: Debian's clamav-daemon for the virus scan of every upload (tools/clamd.sh installs it as
# root, otherwise says how). `make demo` starts clamd with it; the tests start their own.
clamav:
	@tools/clamd.sh install

# demo: migrate SQLite, load the demo data (idempotent) and run the development server (needs no npm).
# Every upload is scanned, the demo's own files included: clamd runs (.clamd/) until Strg+C.
demo: $(PY_STAMP) clamav
	$(PY) manage.py migrate
	tools/clamd.sh start >/dev/null
	$(PY) manage.py load_demo
	@echo
	@echo "Das SiKo Ruhr Portal läuft gleich unter http://127.0.0.1:8000/"
	@echo "Anmelden als Geschäftsstelle: E-Mail geschaeftsstelle@sikoruhr.nrw.de, Passwort SiKo-Demo-2026! (siehe README.md, Demo-Konten)"
	@echo "Zwei-Faktor-Code in einem zweiten Terminal: .venv/bin/python manage.py demo_totp"
	@echo "Der Hintergrund-Worker (Newsletter-Versand) läuft mit; Mails erscheinen in dieser Konsole."
	@echo "Beenden mit Strg+C."
	@echo
	@$(PY) manage.py db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; tools/clamd.sh stop' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# test: all tests, browser tests included, in two processes; DATABASE_URL from the environment picks the database.
test: install browser saml clamav
	@case "$${DATABASE_URL:-}" in \
		"") echo "Datenbank: SQLite" ;; \
		postgres*) echo "Datenbank: PostgreSQL (DATABASE_URL)" ;; \
		*) echo "Datenbank: DATABASE_URL" ;; \
	esac
	SIKO_CHROMIUM=$(CHROMIUM) $(PY) -m pytest -n 2 $(PYTEST_ARGS)

# lint: ruff over the whole project; bandit fails on any medium or high finding (configuration of both in
# pyproject.toml; an intentional finding carries `# nosec BXXX` with its reason). Its warnings "nosec encountered
# (BXXX), but no failed test" concern other expressions on a marked line (PyCQA/bandit#1041): noise, not findings.
lint: $(PY_STAMP)
	$(PY) -m ruff check .
	$(PY) -m bandit -c pyproject.toml -r . --severity-level medium
