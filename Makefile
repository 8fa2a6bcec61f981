# Two commands do all the set-up: `make run` (the demo site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve worker test lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

# The translations are compiled here (with polib: GNU gettext need not be installed), so `run`,
# `serve`, `worker` and `test` all see the current Spanish. Up-to-date .mo files are skipped.
install: $(INSTALLED)
	$(BIN)/python manage.py compile_translations

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/en/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The same site under gunicorn with production settings (DEBUG off, hashed static files),
# over plain HTTP on this machine.
serve: install
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-not-a-real-secret-key-0123456789} \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
	sh -c '$(BIN)/python manage.py collectstatic --noinput -v0 && $(BIN)/python manage.py migrate --noinput && \
	  exec $(BIN)/gunicorn mgh_site.wsgi -c mgh_site/gunicorn.conf.py --bind $(HOST):$(PORT)'

# The mail worker: sends the e-mails appointment requests queue, and retries failures.
worker: install
	$(BIN)/python manage.py send_queued_email --loop

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check
	$(BIN)/bandit -q -r appointments doctors editorial locations mgh_site pages sitesearch -x '*/migrations/*'
	@# No secret in the repository: every finding so far was read and is in .secrets.baseline
	@# (example URLs, test passwords). A new one fails here; a moved one rewrites the baseline.
	git ls-files -z | xargs -0 $(BIN)/detect-secrets-hook --baseline .secrets.baseline

# Re-resolve the dependencies of pyproject.toml into the lock file (exact versions).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet ".[test]"
	( echo "# Exact versions of everything pyproject.toml asks for (runtime and tests). Made by 'make lock'."; \
	  .venv-lock/bin/python -m pip freeze --exclude mgh-site ) > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache locale/*/LC_MESSAGES/*.mo
