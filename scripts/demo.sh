#!/usr/bin/env bash
# Runs the kiosk on the demo village with the embedded SQLite database: installs what
# is missing, creates the demo village on first use, then opens the kiosk.
# It also serves the demo hub's sample feeds (bikes, parking lots, sharing listings) on
# 127.0.0.1 and syncs from them, so the demo shows hub listings with no internet.
# Extra arguments go to `kiosk run` (e.g. --windowed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! .venv/bin/kiosk demo 2>/dev/null; then
    echo "using the existing village in the database (reset it with: .venv/bin/kiosk demo --reset)"
fi
exec .venv/bin/kiosk run --demo-hub "$@"
