#!/usr/bin/env sh
# Install the memberpack app folder for this user only (no admin rights): the folder in
# ~/.local/lib/memberpack, the command in ~/.local/bin, a menu entry, the icon and the .mpack file type.
# Usage: sh install.sh [APP_FOLDER]   (default: the folder this script sits in, as shipped in the tarball)
set -eu
src=${1:-$(dirname "$0")}
[ -x "$src/memberpack" ] || { echo "install.sh: $src has no memberpack executable" >&2; exit 1; }
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$HOME/.local/lib/memberpack
rm -rf "$dest.new" && mkdir -p "$dest.new" "$HOME/.local/bin" "$data/applications" "$data/mime/packages" \
    "$data/icons/hicolor/256x256/apps"
cp -R "$src/." "$dest.new/"
rm -rf "$dest" && mv "$dest.new" "$dest"
ln -sf "$dest/memberpack" "$HOME/.local/bin/memberpack"
here=$(dirname "$0")
cp "$here/memberpack.desktop" "$data/applications/memberpack.desktop"
cp "$here/memberpack-mime.xml" "$data/mime/packages/memberpack.xml"
cp "$dest/_internal/memberpack/resources/icons/memberpack.png" "$data/icons/hicolor/256x256/apps/memberpack.png"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "memberpack installed in $dest; run it from the menu or as ~/.local/bin/memberpack"
