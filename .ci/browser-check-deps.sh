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
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f "$here/build/axe/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "installing npm with apt-get, to fetch axe-core" >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
    fi
    mkdir -p "$here/build/axe"
    npm install --silent --no-audit --no-fund --prefix "$here/build/axe" axe-core@4.10 >/dev/null
fi
