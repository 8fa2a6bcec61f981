#!/bin/sh
# Lighthouse (mobile preset) on every page type, served as in production (gunicorn, DEBUG off,
# hashed compressed static files): prints performance, accessibility, best practices and SEO.
# Goal: accessibility, best practices and SEO 100, performance 95 or more.
#
#   bench/lighthouse.sh            # installs the pinned lighthouse (bench/lighthouse/package-lock.json) the first time
#
# Only the scores are printed: the site's log shows warnings and errors only (no line per request).
# Needs Node.js with npm, and Chromium at $CHROME_PATH (default /usr/bin/chromium). Uses the
# SQLite demo database that `make run` builds (or DATABASE_URL), on port $PORT (default 8097).
set -eu
cd "$(dirname "$0")/.."
PORT=${PORT:-8097}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
LH=bench/lighthouse/node_modules/.bin/lighthouse
[ -x "$LH" ] || npm ci --silent --no-audit --no-fund --prefix bench/lighthouse >/dev/null
OUT=$(mktemp -d)

make -s install >/dev/null
# The laptop's database, as `make run` makes it (debug mode); on another database (DATABASE_URL)
# load_demo refuses the demo admin's known password, so it gets a random one.
DJANGO_DEBUG=true .venv/bin/python manage.py migrate --noinput -v0
DJANGO_DEBUG=true .venv/bin/python manage.py load_demo ${DATABASE_URL:+--admin-password $(openssl rand -hex 12)} >/dev/null

DJANGO_DEBUG=false DJANGO_SECRET_KEY=lighthouse-local-only-not-a-real-secret-key-0123456789 \
DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
STATIC_ROOT="$OUT/static" DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=WARNING sh -c \
  '.venv/bin/python manage.py collectstatic --noinput -v0 &&
   exec .venv/bin/gunicorn mgh_site.wsgi -c mgh_site/gunicorn.conf.py --bind 127.0.0.1:'"$PORT"' --workers 2 \
     --access-logfile /dev/null' &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT INT TERM
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/en/" && break; sleep 0.2; done

BASE="http://127.0.0.1:$PORT"
DOCTOR=$(DJANGO_DEBUG=true .venv/bin/python manage.py shell -c "from doctors.models import Doctor; print(Doctor.objects.published().order_by('pk').first().slug)" 2>/dev/null | tail -1)
set -- \
  "home /en/" \
  "home-es /es/" \
  "section /en/the-mass-general-difference/" \
  "content /en/the-mass-general-difference/research/" \
  "directory /en/find-a-doctor/" \
  "directory-filtered /en/find-a-doctor/?specialty=cardiology&accepting=yes" \
  "doctor /en/find-a-doctor/$DOCTOR/" \
  "locations /en/find-a-location/" \
  "location /en/find-a-location/yawkey-center-for-outpatient-care/" \
  "campus /en/find-a-location/massachusetts-general-hospital/" \
  "appointments /en/appointments/" \
  "appointment-form /en/appointments/request/" \
  "search /en/search/?q=research" \
  "accessibility /en/accessibility/"
for entry in "$@"; do
  name=${entry%% *}; path=${entry#* }
  for attempt in 1 2 3; do  # Chromium's trace now and then misses the navigation (NO_NAVSTART)
    "$LH" "$BASE$path" --quiet --output=json --output-path="$OUT/$name.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
      >/dev/null 2>&1 || true
    grep -q '"runtimeError"' "$OUT/$name.json" 2>/dev/null || break
  done
done

.venv/bin/python - "$OUT" "$@" <<'PY'
import json, sys
out, entries = sys.argv[1], sys.argv[2:]
print(f"{'page':<20} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  audits short of full marks (a11y, best, seo)")
for entry in entries:
    name = entry.split(" ", 1)[0]
    try:
        report = json.load(open(f"{out}/{name}.json"))
    except FileNotFoundError:
        print(f"{name:<20} (no report)")
        continue
    cats = report["categories"]
    scores = [
        "-" if cats[k]["score"] is None else round(cats[k]["score"] * 100)
        for k in ("performance", "accessibility", "best-practices", "seo")
    ]
    why = []
    for key in ("accessibility", "best-practices", "seo"):
        for ref in cats[key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                why.append(ref["id"])
    metrics = {a: report["audits"][a].get("displayValue", "") for a in ("largest-contentful-paint", "cumulative-layout-shift")}
    print(f"{name:<20} {scores[0]:>5} {scores[1]:>5} {scores[2]:>5} {scores[3]:>5}  {', '.join(why)}"
          f"  (LCP {metrics['largest-contentful-paint']}, CLS {metrics['cumulative-layout-shift']})")
PY
