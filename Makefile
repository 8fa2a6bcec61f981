# Two commands do all the set-up: `make run` (the demo site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# requirements.lock is what production runs; requirements-dev.lock adds the tests, lint and demo tools
# (it repeats the runtime pins, identical). Both are hashed: pip refuses a file that is not the one locked.
LOCKS := requirements.lock requirements-dev.lock
INSTALLED := $(VENV)/.installed-$(shell cat $(LOCKS) | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# The laptop's manage.py: debug mode and the development key. Settings default to production (DEBUG
# off, DJANGO_SECRET_KEY required), so a command run on a server without the variable never runs in
# debug mode; every target below that is for this machine says so.
LAPTOP := DJANGO_DEBUG=true $(BIN)/python manage.py
# The standards' own checkers the tests run (package.json, pinned in package-lock.json): the W3C Nu
# HTML Checker (vnu-jar, run with the machine's Java 17) and schema.org's vocabulary. vnu-jar's install
# script would download a Java of its own, so scripts are not run.
NODE_INSTALLED := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)

.PHONY: install run demo-code serve worker test lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): $(LOCKS) | $(BIN)/python
	@# The locked pip first: the one a new venv has (23) refuses, under --require-hashes, a package
	@# whose dependency asks for an extra of a pinned one (fhir.resources: pydantic[email]).
	sed -n '/^pip==/,/^    #/p' requirements-dev.lock | grep -v '^    #' > $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r $(VENV)/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@

# The translations are compiled here (with polib: GNU gettext need not be installed), so `run`,
# `serve`, `worker` and `test` all see the current Spanish. Up-to-date .mo files are skipped.
install: $(INSTALLED)
	$(LAPTOP) compile_translations

run: install $(NODE_INSTALLED)
	$(LAPTOP) migrate --noinput
	$(LAPTOP) load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/en/admin/; its code: make demo-code)"
	$(LAPTOP) runserver $(HOST):$(PORT)

# The demo admin's current two-factor code (and the key to add to an authenticator app instead).
demo-code:
	$(LAPTOP) demo_code

# The same site under gunicorn with production settings (DEBUG off, hashed static files),
# over plain HTTP on this machine.
serve: install
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-not-a-real-secret-key-0123456789} \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
	sh -c '$(BIN)/python manage.py collectstatic --noinput -v0 && $(BIN)/python manage.py migrate --noinput && \
	  exec $(BIN)/gunicorn mgh_site.wsgi -c mgh_site/gunicorn.conf.py --bind $(HOST):$(PORT)'

# The mail worker: sends the e-mails appointment requests queue, and retries failures; once a day it
# also purges requests past their retention (PURGE_INTERVAL_HOURS).
worker: install
	$(LAPTOP) send_queued_email --loop

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -f node_modules/.installed-* && touch $@

test: install $(NODE_INSTALLED)
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Imports run one way: project and demo, then the features, then the toolkit (.importlinter).
	$(BIN)/lint-imports --no-cache
	$(LAPTOP) makemigrations --check --dry-run
	$(LAPTOP) check
	$(BIN)/bandit -q -r accounts appointments demo doctors editorial interop locations mgh_site notices pages pricing scheduling sitesearch toolkit -x '*/migrations/*'
	@# No secret in the repository: every finding so far was read and is in .secrets.baseline
	@# (example URLs, test passwords). A new one fails here; a moved one rewrites the baseline.
	git ls-files -z | xargs -0 $(BIN)/detect-secrets-hook --baseline .secrets.baseline
	@# Known vulnerabilities in what production installs (pip-audit). It fails when the vulnerability
	@# data cannot be reached, rather than pass unaudited; offline, PIP_AUDIT=skip make lint (see the script).
	$(BIN)/python deploy/audit_lock.py requirements.lock

# Resolve pyproject.toml into the two locks (exact versions, with the hashes of every file of them),
# keeping each pin that still fits: after adding a dependency, only what it brings moves. The dev lock
# is resolved under the runtime one, so their pins agree. `make lock LOCK_ARGS=--upgrade` moves
# everything to its newest release, `LOCK_ARGS='--upgrade-package django'` one package.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND='make lock' $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-trusted-host --no-emit-find-links
lock: install
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --extra test --extra demo -c requirements.lock -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache locale/*/LC_MESSAGES/*.mo
