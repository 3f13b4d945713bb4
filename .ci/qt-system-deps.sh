#!/usr/bin/env bash
# Install the Debian libraries Qt needs (for offscreen tests and for a real window through xcb),
# only when PySide6 or its xcb platform plugin cannot load without them.
set -euo pipefail
py=${1:-python3}
plugin=$("$py" -c "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / 'Qt/plugins/platforms/libqxcb.so')")
if "$py" -c "from PySide6 import QtGui, QtWidgets" 2>/dev/null \
        && { [ ! -e "$plugin" ] || ! ldd "$plugin" | grep -q "not found"; }; then
    exit 0
fi
echo "Qt is missing system libraries; installing them with apt-get" >&2
packages="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libxcb-xkb1 poppler-utils"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages >/dev/null
"$py" -c "from PySide6 import QtGui, QtWidgets"
