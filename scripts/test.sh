#!/usr/bin/env bash
# Runs every casebook test: installs (if missing) PostgreSQL, Chromium,
# poppler-utils and CJK fonts from Debian's packages, makes sure a
# PostgreSQL server answers on 127.0.0.1:5432, then runs gofmt, go vet,
# go mod verify and go test ./... .
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PostgreSQL: use the one on 127.0.0.1:5432 if it answers, else start the
# Debian cluster, else a throwaway cluster of our own.
if [ -z "${CASEBOOK_TEST_PG:-}" ]; then
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    export CASEBOOK_TEST_PG="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
  else
    if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start 2>/dev/null || true
      sleep 2
    fi
    if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
      export CASEBOOK_TEST_PG="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
    else
      bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
      dir=$(mktemp -d /tmp/casebook-pg.XXXXXX)
      chown -R postgres "$dir" 2>/dev/null || true
      as=""; [ "$(id -u)" = 0 ] && as="runuser -u postgres --"
      $as "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
      $as "$bin/pg_ctl" -D "$dir/data" -o "-p 55432 -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
      export CASEBOOK_TEST_PG="postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable"
    fi
  fi
fi
echo "PostgreSQL for tests: $CASEBOOK_TEST_PG"

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed:"; echo "$unformatted"; exit 1
fi
go vet ./...
go mod verify >/dev/null
go test -count=1 ./...
