#!/usr/bin/env bash
# Extract every message of rhythm (code and templates) into i18n/messages.pot, merge it into
# each language's catalogue, and compile them (to check: rhythm compiles them itself in memory
# when a language is first used, i18n/__init__.py). Translate the new or fuzzy entries of
# i18n/locales/nl/LC_MESSAGES/messages.po, then run this again and the tests
# (tests/test_i18n_catalogue.py fails on any untranslated message in nl).
#   bash scripts/translations.sh            extract, update, compile
#   bash scripts/translations.sh init xx    start the catalogue of a new language xx
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-$( [ -x .venv/bin/pybabel ] && echo .venv/bin/pybabel || echo pybabel)}"
POT=i18n/messages.pot
"$PYBABEL" -q extract -F babel.cfg -k lazy_gettext -k _l -k N_ --no-location --sort-output --no-wrap \
  --project rhythm --copyright-holder rhythm -o "$POT" \
  i18n scheduler constraints connectors report notify organisation web cli
if [ "${1:-}" = init ]; then
  "$PYBABEL" -q init -i "$POT" -d i18n/locales -l "$2"
  exit
fi
"$PYBABEL" -q update -i "$POT" -d i18n/locales --no-fuzzy-matching --ignore-obsolete --no-wrap
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for po in i18n/locales/*/LC_MESSAGES/messages.po; do
  lang=$(basename "$(dirname "$(dirname "$po")")")
  "$PYBABEL" compile --statistics -l "$lang" -i "$po" -o "$out/$lang.mo"
done
