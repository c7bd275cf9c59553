#!/usr/bin/env bash
# make bench: the benchmark of issue 7 (see bench/run.py).
#
# Builds the benchmark data set in a throw-away database and prints the table
# (also written to bench/results.json): on SQLite (bench/bench.sqlite3) and,
# when DATABASE_URL names a PostgreSQL database, also on PostgreSQL in a
# database of its own, "<name>bench" next to it (dropped and created anew).
# Arguments go to "manage.py bench", e.g.:
#   scripts/bench.sh --repetitions 5 --scales small,large
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
export DJANGO_ENV=development DEBUG=false

run() {
    echo "== Migrating $1" >&2
    DATABASE_URL="$1" "$PY" manage.py migrate --noinput -v0
    DATABASE_URL="$1" "$PY" manage.py bench "${@:2}"
}

mkdir -p bench
rm -f bench/results.json bench/bench.sqlite3
run "sqlite:///$PWD/bench/bench.sqlite3" "$@"

case "${DATABASE_URL:-}" in
postgres://* | postgresql://*)
    base="${DATABASE_URL%%\?*}"
    query=""
    [[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
    name="${base##*/}"
    bench_url="${base%/*}/${name}bench${query}"
    "$PY" bench/recreate_pg_database.py "$bench_url"
    run "$bench_url" "$@"
    ;;
"" | sqlite:*) ;;
*) echo "DATABASE_URL is neither PostgreSQL nor SQLite: only the SQLite benchmark ran." >&2 ;;
esac
