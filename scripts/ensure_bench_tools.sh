#!/usr/bin/env bash
# Installs what `make bench` needs on a fresh Debian machine, and nothing that is already there:
# nginx (the static-file ceiling) and wrk (the load generator), both Debian's packages, and the benchmark's
# own PostgreSQL database (`camden_bench`, owned by the test role). gunicorn comes from PyPI with the app.
#
# nginx is only installed, never started as a service: bench/run.py runs it as a non-daemon child with a
# generated configuration in a temporary directory, on a loopback port.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_ROLE=${PG_TEST_ROLE:-camden_test}
PG_BENCH_DB=${PG_BENCH_DB:-camden_bench}
APT_UPDATED=0

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]}…"
  apt_install "${missing[@]}"
fi
# Debian's nginx package starts a system service on install where an init system runs; the benchmark
# uses its own instance on its own port, so a service instance left on port 80 does not matter.

# PostgreSQL and the test role come from the test services script (make bench depends on test-deps).
if ! listening 5432; then
  bash "$ROOT/scripts/ensure_test_services.sh"
fi
psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if ! psql_admin -c "select 1 from pg_roles where rolname='${PG_ROLE}'" | grep -q 1; then
  psql_admin -c "create role ${PG_ROLE} login password '${PG_ROLE}'"
fi
if ! psql_admin -c "select 1 from pg_database where datname='${PG_BENCH_DB}'" | grep -q 1; then
  psql_admin -c "create database ${PG_BENCH_DB} owner ${PG_ROLE}"
fi

echo "Bench tools ready: $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), database ${PG_BENCH_DB}."
