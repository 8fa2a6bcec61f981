#!/bin/bash
# Throughput and latency of cached pages under gunicorn, as `make serve` runs the site (DEBUG off,
# production settings over plain HTTP, hashed compressed static files), and the home page's weight.
#
#   bash bench/serve.sh                                # 3 rounds of 10 s per URL, about 4 minutes
#   ROUNDS=5 DURATION=20s WEB_CONCURRENCY=4 bash bench/serve.sh
#
# Sets up its own PostgreSQL database (mgh_serve_bench on 127.0.0.1:5432, dropped and made again:
# migrate, load_demo --doctors 200) and Redis cache (redis://127.0.0.1:6379/3, prefix mgh-serve-bench).
# Serves the site and, as the ceiling, a one-view Django "hello" (bench/serve/hello.py), both with
# mgh_site/gunicorn.conf.py (WEB_CONCURRENCY workers, its default when unset). Each URL is warmed
# with a few requests, so the pages come from the caches, then `wrk -t2 -c32 --latency` runs every
# URL once per round, interleaved; the table shows each URL's median over the rounds.
# Goals: every page at least 50% of hello's requests/second, with p99 under 50 ms; the home page
# with its CSS and JS under 60 KB as sent compressed, and no third-party script or stylesheet.
# wrk shares the machine's cores with gunicorn. Exits 1 if a goal is missed or wrk saw errors.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
SITE_PORT=${SITE_PORT:-8093}
HELLO_PORT=${HELLO_PORT:-8094}
DB=mgh_serve_bench
REDIS_DB=3
export CACHE_KEY_PREFIX=mgh-serve-bench

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }
  echo "Installing wrk (apt-get install -y wrk)"
  apt-get install -y -qq wrk >/dev/null
fi

TMP=$(mktemp -d /tmp/mgh_serve_bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  redis-cli -n $REDIS_DB --scan --pattern "$CACHE_KEY_PREFIX:*" | xargs -r redis-cli -n $REDIS_DB del >/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# `make serve`'s environment, with a database, cache, static and media folders of our own.
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=serve-bench-only-not-a-real-secret-key-0123456789 \
  DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB \
  STATIC_ROOT=$TMP/static MEDIA_ROOT=$TMP/media PRIVATE_MEDIA_ROOT=$TMP/private-media

echo "Setting up $DB (migrate, load_demo --doctors 200), collectstatic..."
make -s install >/dev/null
redis-cli -n $REDIS_DB --scan --pattern "$CACHE_KEY_PREFIX:*" | xargs -r redis-cli -n $REDIS_DB del >/dev/null
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo --doctors 200 --admin-password "$(openssl rand -hex 12)" >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0

GUNICORN=(.venv/bin/gunicorn -c mgh_site/gunicorn.conf.py)
"${GUNICORN[@]}" mgh_site.wsgi --bind "127.0.0.1:$SITE_PORT" >"$TMP/site.log" 2>&1 &
PIDS+=($!)
"${GUNICORN[@]}" hello:application --pythonpath bench/serve --bind "127.0.0.1:$HELLO_PORT" \
  >"$TMP/hello.log" 2>&1 &
PIDS+=($!)
SITE=http://127.0.0.1:$SITE_PORT
for url in "$SITE/en/" "http://127.0.0.1:$HELLO_PORT/hello/"; do
  for _ in $(seq 300); do curl -sf -o /dev/null "$url" && continue 2; sleep 0.2; done
  echo "No answer from $url; server logs:" >&2; tail -n 20 "$TMP"/*.log >&2; exit 1
done

# A doctor and a location from the directories' first pages.
first_link() { curl -sf "$SITE$1" | grep -o "href=\"$1[a-z0-9-]*/\"" | head -1 | cut -d'"' -f2; }
PAGES=(
  "home=$SITE/en/"
  "content=$SITE/en/patient-and-visitor-resources/visitor-resources/"
  "doctors=$SITE/en/find-a-doctor/"
  "doctor=$SITE$(first_link /en/find-a-doctor/)"
  "location=$SITE$(first_link /en/find-a-location/)"
  "hello=http://127.0.0.1:$HELLO_PORT/hello/"
)
for page in "${PAGES[@]}"; do
  for _ in $(seq 10); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "${page#*=}")
    [ "$status" = 200 ] || { echo "${page#*=} answered $status, not 200" >&2; exit 1; }
  done
done

# CPU seconds used so far by a gunicorn master and its workers (exited workers count in the master's).
cpu() {
  for p in $1 $(pgrep -P "$1"); do sed 's/.*) //' "/proc/$p/stat" 2>/dev/null; done |
    awk -v hz="$(getconf CLK_TCK)" '{t += $12 + $13 + $14 + $15} END {print t / hz}'
}
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) ($1; other processes share the cores too)"; }
workers=$(grep -c "Booting worker" "$TMP/site.log")
load before
echo "wrk -t2 -c32 -d$DURATION --latency, $ROUNDS rounds, $workers gunicorn workers per server, $(nproc) cores"
for round in $(seq "$ROUNDS"); do
  for page in "${PAGES[@]}"; do
    name=${page%%=*}
    master=${PIDS[0]}; [ "$name" = hello ] && master=${PIDS[1]}
    before=$(cpu "$master")
    wrk -t2 -c32 -d"$DURATION" --latency "${page#*=}" >"$TMP/$name.$round.txt"
    echo "Server CPU seconds: $before $(cpu "$master")" >>"$TMP/$name.$round.txt"
    echo "  round $round $name: $(grep Requests/sec "$TMP/$name.$round.txt")"
  done
done

load after
status=0
.venv/bin/python bench/serve/report.py table "$TMP" hello "${PAGES[@]}" || status=1
.venv/bin/python bench/serve/report.py weight "$SITE/en/" || status=1
exit $status
