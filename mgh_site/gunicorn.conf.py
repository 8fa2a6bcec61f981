"""gunicorn settings for `make serve` and production; each can be overridden on the command line."""

import gc
import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threaded workers, so that a few slow clients cannot hold the whole node: a sync worker is held by
# one client for as long as its headers or body trickle in (until `timeout` kills it, 30 s later).
# A gthread worker waits for a connection's first bytes in its main loop (5 s in a thread at most,
# then without one) and serves the others meanwhile; a client that trickles its headers or body
# still holds one thread, so a worker withstands threads - 1 of them, and a node workers x threads
# less whatever lands unevenly. The buffering proxy in front (deploy/nginx.conf, docs/deploy.md)
# is what absorbs any number of them in production; this holds for `make serve`, and if the proxy
# is ever bypassed. Each thread may hold a database connection: workers x threads per node at
# most, against PostgreSQL's max_connections.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# With gthread the master's heartbeat comes from the worker's main loop, not from the request:
# `timeout` no longer cuts a request short, it only restarts a worker that stopped altogether.
timeout = 30
graceful_timeout = 20
# The master loads the site once and forks workers from it: a recycled worker is serving within
# milliseconds, not after the second of CPU a fresh import of Django and django CMS costs. New
# code therefore needs a restart of the master (not `kill -HUP`); docs/deploy.md.
preload_app = True
# Workers are recycled in case of a slow leak: after 100,000 to 150,000 requests, so that at a
# thousand cached pages a second per worker they go every few minutes and one at a time, never
# all together (a jitter of a tenth had them all restart within the same second).
max_requests = 100_000
max_requests_jitter = 50_000
# No access log: gunicorn's would carry query strings (searches can name symptoms); the app
# logs each request as a JSON line instead (mgh_site.logs).
accesslog = None
# gunicorn 27 otherwise opens a control socket in ~/.gunicorn.
control_socket_disable = True


def pre_fork(server, worker):
    # No worker may share a database connection of the master's (loading the site opens none, but
    # nothing would show it if one did).
    from django.db import connections

    connections.close_all()
    # What the master loaded stays shared with the workers, and outside their garbage collector.
    gc.freeze()
