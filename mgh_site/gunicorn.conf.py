"""gunicorn settings for `make serve` and production; each can be overridden on the command line."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = 30
graceful_timeout = 20
max_requests = 10000
max_requests_jitter = 1000
# No access log: gunicorn's would carry query strings (searches can name symptoms); the app
# logs each request as a JSON line instead (mgh_site.logs).
accesslog = None
# gunicorn 27 otherwise opens a control socket in ~/.gunicorn.
control_socket_disable = True
