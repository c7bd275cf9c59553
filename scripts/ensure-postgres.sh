#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and that the role
# `postgres` can connect there without a password (the URL the test suite
# uses: postgres://postgres@127.0.0.1:5432/test).
#
#   scripts/ensure-postgres.sh [DBNAME]   default DBNAME: test
#   scripts/ensure-postgres.sh --missing  print "postgresql" if it must be
#                                         installed (for .ci/run's single
#                                         apt-get call), else nothing
#
# If the server is installed but down, it is started with pg_ctlcluster; if
# it is not installed, it is installed with apt-get (root only). Only on a
# server installed by this script, or when CI=true, is pg_hba.conf changed to
# let `postgres` in from localhost without a password: never use that on a
# machine that matters.
set -euo pipefail

HOST=127.0.0.1
PORT="${PGPORT:-5432}"
DBNAME=test
missing_only=false
case "${1:-}" in
    --missing) missing_only=true ;;
    "") ;;
    -*)
        echo "usage: $0 [DBNAME | --missing]" >&2
        exit 2
        ;;
    *) DBNAME="$1" ;;
esac

ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"
}
server_installed() {
    compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}
as_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "ensure-postgres: $1 needs root; run it as root or do it yourself." >&2
        exit 1
    fi
}

if $missing_only; then
    if ! ready && ! server_installed; then echo postgresql; fi
    exit 0
fi

installed_now=false
if ! ready; then
    if ! server_installed; then
        as_root "installing PostgreSQL"
        echo "ensure-postgres: installing PostgreSQL (apt-get install -y postgresql)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y --no-install-recommends postgresql
        installed_now=true
    fi
    # The cluster listening on $PORT, else the newest one, else a new one.
    cluster="$(pg_lsclusters -h | awk -v port="$PORT" '$3 == port { print $1, $2; exit }')"
    if [ -z "$cluster" ]; then
        cluster="$(pg_lsclusters -h | sort -V | awk 'END { if (NF) print $1, $2 }')"
    fi
    if [ -z "$cluster" ]; then
        as_root "creating a PostgreSQL cluster"
        version="$(basename "$(compgen -G '/usr/lib/postgresql/*' | sort -V | tail -n 1)")"
        pg_createcluster --port "$PORT" "$version" main
        cluster="$version main"
    fi
    read -r version name <<<"$cluster"
    echo "ensure-postgres: starting cluster $version/$name"
    as_root "starting PostgreSQL"
    # --skip-systemctl-redirect: works without systemd (containers, CI).
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start || true
    for _ in $(seq 1 60); do
        ready && break
        sleep 1
    done
    if ! ready; then
        echo "ensure-postgres: PostgreSQL $version/$name does not answer on $HOST:$PORT" >&2
        tail -n 20 "/var/log/postgresql/postgresql-$version-$name.log" >&2 || true
        exit 1
    fi
fi

psql_postgres() {
    PGCONNECT_TIMEOUT=5 psql -X -w -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" \
        -U postgres -d postgres "$@"
}

if ! psql_postgres -tAc "select 1" >/dev/null 2>&1; then
    if [ "$installed_now" = true ] || [ "${CI:-}" = true ]; then
        as_root "changing pg_hba.conf"
        hba="$(su postgres -c "psql -X -p $PORT -tAc 'show hba_file'")"
        echo "ensure-postgres: letting postgres in from localhost without password ($hba)"
        sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
        su postgres -c "psql -X -p $PORT -qc 'select pg_reload_conf()'" >/dev/null
        sleep 1
    fi
    if ! psql_postgres -tAc "select 1" >/dev/null; then
        echo "ensure-postgres: cannot connect as postgres@$HOST:$PORT without password." >&2
        exit 1
    fi
fi

if [ "$(psql_postgres -tAc "select 1 from pg_database where datname = '$DBNAME'")" != 1 ]; then
    echo "ensure-postgres: creating database $DBNAME"
    psql_postgres -c "create database \"$DBNAME\""
fi
echo "ensure-postgres: PostgreSQL $(psql_postgres -tAc 'show server_version') ready on $HOST:$PORT (database $DBNAME)"
