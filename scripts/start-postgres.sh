#!/usr/bin/env bash
# Makes sure a local PostgreSQL server runs with a role and database for the tests, the demo
# and CI, then prints its URL (the only line on standard output), e.g.
#   postgresql://support:support@127.0.0.1:5432/support?sslmode=disable
#
# Safe to run any number of times.
#
# As root on Debian/Ubuntu (package `postgresql`): uses the packaged cluster tools
# (pg_lsclusters, pg_createcluster, pg_ctlcluster) and the cluster's own port.
# As any other user: keeps a private server in a data directory of its own (initdb + pg_ctl).
#
# Environment:
#   SUPPORT_POSTGRES_DIR   data directory for the private server (non-root only);
#                          default: .build/postgres in the repository
#   SUPPORT_POSTGRES_PORT  port for the private server (non-root only); default 5432
#
# Usage:
#   export SUPPORT_TEST_DATABASE_URL="$(scripts/start-postgres.sh)"
set -euo pipefail

role=support
password=support
database=support

log() { echo "start-postgres: $*" >&2; }
fail() { log "$*"; exit 1; }

# One at a time: two test runs starting together would otherwise alter the same role or
# settings at once ("tuple concurrently updated"). The server is started with the lock's
# descriptor closed (`9>&-`): a server that inherited it would hold the lock for its lifetime.
if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/support-worker-start-postgres.lock"
    flock -w 600 9 || fail "another start-postgres.sh held its lock for 10 minutes"
fi

# Runs psql as the database superuser; extra arguments are passed on.
superuser_psql() {
    if [ "$mode" = debian ]; then
        runuser -u postgres -- psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 -p "$port" "$@"
    else
        psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 -h "$data_dir" -p "$port" -U postgres "$@"
    fi
}

wait_until_ready() {
    local host=$1
    for _ in $(seq 1 60); do
        if pg_isready -q -h "$host" -p "$port"; then return 0; fi
        sleep 0.5
    done
    fail "the server on port $port did not become ready within 30 s"
}

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [ -x "$dir/initdb" ] || fail "initdb not found: install the PostgreSQL server (Debian: apt-get install postgresql)"
    echo "$dir"
}

if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
    mode=debian
    # Columns of pg_lsclusters: version cluster port status owner datadir logfile.
    cluster=$(pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main"' | sort -V | tail -n 1)
    if [ -z "$cluster" ]; then
        version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
        [ -n "$version" ] || fail "no PostgreSQL server installed: apt-get install postgresql"
        log "creating cluster $version/main"
        pg_createcluster "$version" main >&2
        cluster=$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main"')
    fi
    version=$(echo "$cluster" | awk '{print $1}')
    port=$(echo "$cluster" | awk '{print $3}')
    status=$(echo "$cluster" | awk '{print $4}')
    if [ "$status" != online ]; then
        log "starting cluster $version/main on port $port"
        pg_ctlcluster "$version" main start >&2 9>&-
    fi
    wait_until_ready /var/run/postgresql
else
    mode=private
    [ "$(id -u)" != 0 ] || fail "as root this script needs the Debian cluster tools (apt-get install postgresql)"
    bindir=$(find_bindir)
    repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    data_dir=${SUPPORT_POSTGRES_DIR:-$repo_root/.build/postgres}
    port=${SUPPORT_POSTGRES_PORT:-5432}
    mkdir -p "$data_dir"
    data_dir=$(cd "$data_dir" && pwd)
    if [ ! -f "$data_dir/PG_VERSION" ]; then
        log "initialising a private server in $data_dir"
        "$bindir/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >&2 ||
            "$bindir/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
                --encoding=UTF8 --locale=C >&2
    fi
    if ! "$bindir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
        log "starting the private server on port $port"
        "$bindir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w \
            -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" start >&2 9>&-
    fi
    wait_until_ready "$data_dir"
fi

# Connections: a test run opens many at once (pools, workers, observers), and two runs may share
# the server. Raise the limit; the server restarts for it only when nobody else is connected, so
# a run in progress is never cut off (it then says how to apply it later).
wanted_connections=400
current_connections=$(superuser_psql -tAc "SHOW max_connections")
if [ "$current_connections" -lt "$wanted_connections" ]; then
    superuser_psql -c "ALTER SYSTEM SET max_connections = $wanted_connections"
    others=$(superuser_psql -tAc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
    if [ "$others" = 0 ]; then
        log "restarting the server to allow $wanted_connections connections (it had $current_connections)"
        if [ "$mode" = debian ]; then
            pg_ctlcluster "$version" main restart >&2 9>&-
            wait_until_ready /var/run/postgresql
        else
            "$bindir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w \
                -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" restart >&2 9>&-
            wait_until_ready "$data_dir"
        fi
    else
        log "the server allows $current_connections connections; $wanted_connections apply at its next restart ($others sessions are open now)"
    fi
fi

# The role: created once, its password and CREATEDB reasserted every time.
if [ "$(superuser_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    log "creating role $role"
    superuser_psql -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'"
else
    superuser_psql -c "ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password'"
fi

if [ "$(superuser_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    log "creating database $database"
    superuser_psql -c "CREATE DATABASE $database OWNER $role ENCODING 'UTF8' TEMPLATE template0"
fi

# Loopback only: TLS would add nothing but handshakes (Debian's server enables it by default).
url="postgresql://$role:$password@127.0.0.1:$port/$database?sslmode=disable"
# A last check that the URL works the way clients will use it.
PGCONNECT_TIMEOUT=5 psql --no-psqlrc -tAc "SELECT 1" "$url" >/dev/null ||
    fail "the server runs but $role cannot log in over TCP on 127.0.0.1:$port (check pg_hba.conf)"
echo "$url"
