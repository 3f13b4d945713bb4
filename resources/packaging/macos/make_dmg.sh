#!/usr/bin/env bash
# Wrap build/dist/memberpack.app (made by PyInstaller from resources/packaging/memberpack.spec on macOS)
# in a disk image a councillor drags to Applications. Unsigned: see README for signing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
version=$(python -c "import memberpack; print(memberpack.__version__)")
stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage"
cp -R build/dist/memberpack.app "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname memberpack -srcfolder "$stage" -ov -format UDZO "build/memberpack-$version.dmg"
