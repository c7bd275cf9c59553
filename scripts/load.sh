#!/usr/bin/env bash
# make load: the load test of issue 7.
#
# Prepares a PostgreSQL database of its own ("<name>load", derived from
# DATABASE_URL, dropped and created anew), migrates it, loads the demo content
# and N trainee accounts (manage.py seed_demo, seed_load), collects the static
# files, starts gunicorn in production mode on 127.0.0.1 and runs Locust
# headless against it (load/locustfile.py) for a bounded time. Prints requests
# per second, p50/p95/p99 and the error count; gunicorn is always stopped.
#
# Options (or the environment variables in brackets):
#   --users N       simulated users [LOAD_USERS, 100]
#   --spawn-rate N  users started per second [LOAD_SPAWN_RATE, 10]
#   --run-time T    e.g. 2m, 30s [LOAD_RUN_TIME, 2m]
#   --workers N     gunicorn workers [LOAD_WORKERS, 3]
#   --port N        [LOAD_PORT, 8765]
#   --wait MIN,MAX  seconds each simulated person pauses between requests [LOAD_WAIT, 1,3]
#   --reuse-db      keep the database of the last run (skip creating and seeding it)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PY")"
USERS="${LOAD_USERS:-100}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"
RUN_TIME="${LOAD_RUN_TIME:-2m}"
WORKERS="${LOAD_WORKERS:-3}"
PORT="${LOAD_PORT:-8765}"
REUSE_DB=""
while [ $# -gt 0 ]; do
    case "$1" in
    --users) USERS="$2"; shift 2 ;;
    --spawn-rate) SPAWN_RATE="$2"; shift 2 ;;
    --run-time) RUN_TIME="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --wait) export LOAD_WAIT="$2"; shift 2 ;;
    --reuse-db) REUSE_DB=1; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done

case "${DATABASE_URL:-}" in
postgres://* | postgresql://*) ;;
*) echo "make load needs DATABASE_URL=postgres://…: the load test runs on PostgreSQL." >&2; exit 2 ;;
esac

# Locust comes with the "load" extra of pyproject.toml.
"$PY" -c "import locust" 2>/dev/null || "$PY" -m pip install --quiet -e ".[load]"

base="${DATABASE_URL%%\?*}"
query=""
[[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
export DATABASE_URL="${base%/*}/${base##*/}load${query}"
export MEDIA_ROOT="$PWD/load/media" STATIC_ROOT="$PWD/load/staticfiles"
mkdir -p load/results
rm -f load/results/load_*.csv
# One secret for the run: seed_load signs the remembered sessions with it and
# gunicorn checks them with it.
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
if [ -z "$REUSE_DB" ] || [ ! -s load/targets.json ]; then
    rm -f load/targets.json
    rm -rf load/media
    "$PY" bench/recreate_pg_database.py "$DATABASE_URL"
    echo "== Migrating and seeding (development mode: seed_demo needs DEBUG)" >&2
    DJANGO_ENV=development DEBUG=true "$PY" manage.py migrate --noinput -v0
    DJANGO_ENV=development DEBUG=true "$PY" manage.py seed_demo >/dev/null
fi
# Every run: the accounts exist after the first, the sessions are new (new secret).
DJANGO_ENV=development DEBUG=true "$PY" manage.py seed_load --trainees "$USERS" \
    --output load/targets.json

# Production mode over plain http on 127.0.0.1 (KOKOMA_INSECURE_LOCAL_HTTP: no
# Secure cookies, no https redirect; refused for any other host), behind one
# proxy: Locust sends each simulated person's address in X-Forwarded-For.
export DJANGO_ENV=production ALLOWED_HOSTS=127.0.0.1 KOKOMA_INSECURE_LOCAL_HTTP=true
export TRUSTED_PROXY_COUNT=1 LOG_LEVEL=WARNING
"$PY" manage.py collectstatic --noinput -v0

echo "== gunicorn with $WORKERS workers on 127.0.0.1:$PORT" >&2
GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS="$WORKERS" GUNICORN_LOG_LEVEL=warning \
    "$BIN/gunicorn" lms.wsgi -c gunicorn.conf.py --access-logfile /dev/null \
    >load/results/gunicorn.log 2>&1 &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
    kill -0 "$gunicorn_pid" 2>/dev/null || { cat load/results/gunicorn.log >&2; exit 1; }
    sleep 1
done

echo "== Locust: $USERS users, $SPAWN_RATE per second, for $RUN_TIME, pausing ${LOAD_WAIT:-1,3} s" >&2
status=0
"$BIN/locust" -f load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
    --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --stop-timeout 10 \
    --csv load/results/load --only-summary --loglevel WARNING || status=$?

"$PY" - <<'PY'
import csv

with open("load/results/load_stats.csv", newline="") as f:
    rows = list(csv.DictReader(f))
print()
print(f"{'request':<24} {'count':>7} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
for row in rows:
    name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
    print(
        f"{name[:24]:<24} {row['Request Count']:>7} {row['Failure Count']:>7} "
        f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
    )
total = rows[-1]
print(
    f"\nRequests/s {float(total['Requests/s']):.1f}, p50 {total['50%']} ms, "
    f"p95 {total['95%']} ms, p99 {total['99%']} ms, errors {total['Failure Count']} "
    f"of {total['Request Count']} requests"
)
PY
if [ -s load/results/load_failures.csv ] && [ "$(wc -l <load/results/load_failures.csv)" -gt 1 ]; then
    echo "Errors (load/results/load_failures.csv):" >&2
    cat load/results/load_failures.csv >&2
fi
exit "$status"
