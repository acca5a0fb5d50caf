#!/usr/bin/env bash
# Installs everything the kiosk and its tests need on a fresh Debian/Ubuntu machine:
# system packages (Qt's X11/EGL libraries, Korean fonts, PostgreSQL, Xvfb, speech-dispatcher
# with espeak-ng for Korean voice guidance, Chromium as the benchmarks' peer, libfaketime for
# the tests that run the suite on a clock moved a year) and a virtual
# environment in .venv with the project, its test extras and PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
    libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
    libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
    libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6 libnss3 libasound2 libxshmfence1
    fonts-noto-cjk xvfb xauth postgresql chromium faketime
    libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng espeak-ng-data libpipewire-0.3-0
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,package]"
    rm -f .venv/.installed-*
    touch "$stamp"
fi

# Browser-side map libraries that have no Python package, from their npm packages at
# pinned versions (kiosk/map/assets.py NPM_PACKAGES lists the same pins), into vendor/npm/
# (ignored by git, carried by build.spec and `kiosk map export`). Node and npm come from
# Debian when missing.
NPM_PACKAGES=(pmtiles@4.5.0 @protomaps/basemaps@5.7.2 protomaps-leaflet@5.1.0)
if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing Node.js and npm from Debian"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
npm_stamp=vendor/npm/.installed-$(echo "${NPM_PACKAGES[*]}" | sha1sum | cut -c1-12)
if [ ! -f "$npm_stamp" ]; then
    mkdir -p vendor/npm
    [ -f vendor/npm/package.json ] || echo '{"private": true}' > vendor/npm/package.json
    npm install --prefix vendor/npm --ignore-scripts --no-audit --no-fund --save-exact \
        "${NPM_PACKAGES[@]}"
    rm -f vendor/npm/.installed-*
    touch "$npm_stamp"
fi
