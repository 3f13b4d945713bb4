#!/usr/bin/env bash
# What the HTML briefing's accessibility test needs: headless Chromium (Debian package) and
# axe-core (npm) in build/axe, git-ignored. Each is installed only when missing, so once both
# are there the check runs offline.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium with apt-get for the HTML accessibility check" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
        || command -v chromium >/dev/null   # a trigger's complaint after the install is no failure
fi
if [ ! -f "$here/build/axe/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "installing npm with apt-get, to fetch axe-core" >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
    fi
    mkdir -p "$here/build/axe"
    # a registry's hiccup must not fail the whole run: three tries, each one's error shown
    for try in 1 2 3; do
        npm install --no-audit --no-fund --loglevel=error --prefix "$here/build/axe" axe-core@4.10 >/dev/null && break
        [ "$try" -lt 3 ] || exit 1
        echo "npm install of axe-core failed (try $try of 3); trying again" >&2
        sleep 5
    done
fi
