#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what is missing,
# then lint, type checks and pytest (Qt offscreen; a throwaway PostgreSQL server is
# started by the tests themselves, or use KIOSK_TEST_POSTGRES_URL).
#
# With no arguments, the date-sensitive part (unit, integration, field, desk, sync and
# the kiosk's flows) then runs again with the system clock moved by libfaketime
# (KIOSK_TEST_CLOCK_SHIFT, default +400d; "-400d" moves it back; "none" skips it):
# a test that only holds on some dates fails here, not some weeks from now.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# QtWebEngine's sandbox cannot run as root (CI, containers); tests only.
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}"
.venv/bin/ruff check kiosk tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

shift_by="${KIOSK_TEST_CLOCK_SHIFT:-+400d}"
if [ "$#" -eq 0 ] && [ "$shift_by" != "none" ]; then
    echo "The date-sensitive tests again, with the clock moved $shift_by:"
    # Only the calendar moves: timeouts and waits keep the real monotonic clock; the
    # folder on PYTHONPATH mends the one call libfaketime then breaks (see its module).
    # Without FAKETIME_FORCE_MONOTONIC_FIX=0, libfaketime's rewrite of condition-variable
    # deadlines makes QtWebEngine's threads spin on both cores and starves the tests.
    PYTHONPATH="$PWD/tests/clock_shift${PYTHONPATH:+:$PYTHONPATH}" \
    FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 faketime -f "$shift_by" \
        .venv/bin/python -m pytest -q -p no:cacheprovider -m "not package" \
        tests/unit tests/integration tests/field tests/admin tests/sync tests/ui/test_flows.py
fi
