#!/usr/bin/env bash
# Install rhythm with its test dependencies into .venv and run the whole suite in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m ruff check .
.venv/bin/python -m mypy  # the packages and settings in pyproject.toml [tool.mypy]
# --- What the web tests (tests/web) need on a fresh Debian machine ---------------------------
# Chromium for the browser tests (Playwright drives Debian's build; its own download does not
# work here), PostgreSQL and Redis for the scale-out tests (a real Celery worker). Installed
# only when missing, started only when not answering: fast when everything is already there.
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The font the report's PNGs are drawn in (tests check their labels are in the picture).
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
fresh_postgres=""
if [ ${#missing[@]} -gt 0 ]; then
  [[ " ${missing[*]} " == *" postgresql "* ]] && fresh_postgres=1
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  cluster="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [ -n "$fresh_postgres" ]; then
    # A cluster this script just installed: let the tests' own user in on loopback only.
    $as_root sed -i '1i host all postgres 127.0.0.1/32 trust' "/etc/postgresql/$cluster/main/pg_hba.conf"
  fi
  $as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" \
  | grep -q 1 || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test"
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 30); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.2; done
fi

exec .venv/bin/python -m pytest -n auto "$@"
