#!/usr/bin/env bash
# Install rhythm with its test dependencies into .venv and run the whole suite in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest -n auto "$@"
