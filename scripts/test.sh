#!/usr/bin/env bash
# Runs every casebook test on a Debian machine with Go:
#   1. installs (if missing) PostgreSQL, Chromium, poppler-utils and CJK
#      fonts from Debian's packages;
#   2. finds a PostgreSQL server for the tests (see below);
#   3. runs gofmt, go vet, go mod verify and go test ./... .
#
# PostgreSQL: $CASEBOOK_TEST_PG when set. Else the server on 127.0.0.1:5432
# (another port with $CASEBOOK_TEST_PG_PORT), started from Debian's cluster
# when it is down. If that server trusts local TCP connections (as on the
# development machines), the tests use the postgres role; on a stock Debian
# cluster, which asks for a password on 127.0.0.1, the script creates the
# role and database casebook_test through the local socket as the postgres
# system user. With no cluster at all it starts a throw-away one on a free
# port. Whatever it started, it stops at the end.
#
# Under CI=true (set by .ci/run) the PostgreSQL and browser tests fail
# instead of skipping when their server or browser is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export PATH="$PATH:$pgbin"

# as_postgres runs a command as the postgres system user (for the socket
# of a Debian cluster); as_owner as the owner of a throw-away cluster
# (postgres when we are root, which PostgreSQL refuses to run as).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster=""   # a Debian cluster we started ("VERSION NAME")
throwaway=""      # the directory of a throw-away cluster we started
cleanup() {
  if [ -n "$stop_cluster" ]; then
    # shellcheck disable=SC2086
    $SUDO pg_ctlcluster --skip-systemctl-redirect $stop_cluster stop >/dev/null 2>&1 || true
  fi
  if [ -n "$throwaway" ]; then
    as_owner "$pgbin/pg_ctl" -D "$throwaway/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$throwaway"
  fi
}
trap cleanup EXIT

port=${CASEBOOK_TEST_PG_PORT:-5432}
ready() { pg_isready -q -h 127.0.0.1 -p "$1" 2>/dev/null; }
connects() { psql "$1" -Atqc 'select 1' >/dev/null 2>&1; }

if [ -z "${CASEBOOK_TEST_PG:-}" ]; then
  if ! ready "$port" && command -v pg_lsclusters >/dev/null; then
    # a Debian cluster on that port that is down: start it, stop it at the end
    cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$port" '$3 == p && $4 == "down" {print $1, $2; exit}')
    if [ -n "$cluster" ]; then
      # shellcheck disable=SC2086
      $SUDO pg_ctlcluster --skip-systemctl-redirect $cluster start && stop_cluster=$cluster
      for _ in 1 2 3 4 5 6 7 8 9 10; do ready "$port" && break; sleep 1; done
    fi
  fi
  if ready "$port"; then
    trusted="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    if connects "$trusted"; then
      export CASEBOOK_TEST_PG="$trusted"
    else
      # a stock cluster: our own role and database, made through the socket
      as_postgres true 2>/dev/null || { echo "PostgreSQL on port $port asks for a password: run as root, allow sudo -u postgres, or set CASEBOOK_TEST_PG" >&2; exit 1; }
      as_postgres psql -p "$port" -Atq -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'casebook_test') THEN
    CREATE ROLE casebook_test LOGIN PASSWORD 'casebook_test';
  END IF;
END $$;
SELECT 'CREATE DATABASE casebook_test OWNER casebook_test'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'casebook_test') \gexec
SQL
      export CASEBOOK_TEST_PG="postgres://casebook_test:casebook_test@127.0.0.1:$port/casebook_test?sslmode=disable"
    fi
  else
    # no server: a throw-away cluster on a free port
    free=55432
    while ready "$free" || ss -ltn 2>/dev/null | grep -q ":$free "; do free=$((free + 1)); done
    throwaway=$(mktemp -d /tmp/casebook-pg.XXXXXX)
    chmod 755 "$throwaway"
    [ "$(id -u)" = 0 ] && chown postgres "$throwaway"
    as_owner "$pgbin/initdb" -D "$throwaway/data" -U postgres -A trust >/dev/null
    as_owner "$pgbin/pg_ctl" -D "$throwaway/data" -o "-p $free -k $throwaway -c listen_addresses=127.0.0.1" \
      -l "$throwaway/log" -w start >/dev/null
    export CASEBOOK_TEST_PG="postgres://postgres@127.0.0.1:$free/postgres?sslmode=disable"
  fi
fi
echo "PostgreSQL for tests: ${CASEBOOK_TEST_PG//:casebook_test@/:***@}"

[ -d ../shared ] || echo "note: ../shared is absent: the tests on the shared dev/train notices and peer references will skip"

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed:"; echo "$unformatted"; exit 1
fi
go vet ./...
go mod verify >/dev/null
go test -count=1 -timeout 30m ./...
