#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh Debian machine, and nothing that is already there:
# Chromium and its driver, PostgreSQL (with the test role and database), Redis.
set -euo pipefail

PG_ROLE=${PG_TEST_ROLE:-camden_test}
PG_DB=${PG_TEST_DB:-camden_test}
APT_UPDATED=0

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing Debian's chromium and chromium-driver…"
  apt_install chromium chromium-driver
fi

if ! listening 5432; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "Installing PostgreSQL…"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  echo "Starting PostgreSQL $version…"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do listening 5432 && break; sleep 1; done
fi

# The role and database the tests use (Debian's default is password auth on 127.0.0.1, so give it one).
psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if ! psql_admin -c "select 1 from pg_roles where rolname='${PG_ROLE}'" | grep -q 1; then
  psql_admin -c "create role ${PG_ROLE} login password '${PG_ROLE}'"
fi
if ! psql_admin -c "select 1 from pg_database where datname='${PG_DB}'" | grep -q 1; then
  psql_admin -c "create database ${PG_DB} owner ${PG_ROLE}"
fi

if ! listening 6379; then
  if ! command -v redis-server >/dev/null; then
    echo "Installing Redis…"
    apt_install redis-server
  fi
  as_root mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do listening 6379 && break; sleep 1; done
fi
echo "Test services ready: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL on 5432, Redis on 6379."
