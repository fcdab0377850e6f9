"""Settings for the whole suite."""

from __future__ import annotations

import os

# The tests read rhythm in English unless they ask for a language: a machine whose locale is
# Dutch (LANG=nl_NL.UTF-8) would otherwise print Dutch in every `rhythm` the tests start.
# LANGUAGE is read before LANG (i18n.from_environment); a test of the locale sets its own.
os.environ["LANGUAGE"] = "en"
