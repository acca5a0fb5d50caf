#!/usr/bin/env bash
# Builds the one-folder kiosk bundle with PyInstaller (build.spec) into
# dist/sharing-village-kiosk/, then checks that the built program starts.
#   bash scripts/package.sh          build and check
#   KEEP_BUILD=1 bash scripts/package.sh   reuse build/ from a previous run
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    "$PYTHON" -m pip install -q -e ".[package]"
fi
clean="--clean"
[ "${KEEP_BUILD:-}" = "1" ] && clean=""
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm $clean --log-level WARN build.spec
echo "built in $(( $(date +%s) - start )) s: $(du -sh dist/sharing-village-kiosk | cut -f1) in dist/sharing-village-kiosk/"
QT_QPA_PLATFORM=offscreen dist/sharing-village-kiosk/kiosk --version
