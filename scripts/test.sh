#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what is missing,
# then lint, type checks and pytest (Qt offscreen; a throwaway PostgreSQL server is
# started by the tests themselves, or use KIOSK_TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# QtWebEngine's sandbox cannot run as root (CI, containers); tests only.
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}"
.venv/bin/ruff check kiosk tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
