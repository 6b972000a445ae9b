#!/usr/bin/env bash
# Installs the PyInstaller bundle for the current user (no root): the bundle, a `smdesk` command,
# the desktop entry and the icons, so the app shows up in the application menu.
#   packaging/linux/install.sh [--uninstall] [BUNDLE_DIR]   (BUNDLE_DIR default: dist/smdesk)
# PREFIX (default ~/.local) chooses where; ~/.local/bin must be on PATH for the terminal command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"
app_dir="$prefix/lib/smdesk"
bin="$prefix/bin/smdesk"
# Named after the app id (smdesk.APP_ID) so Wayland compositors match windows to this entry.
desktop="$prefix/share/applications/io.smdesk.smdesk.desktop"
icons="$prefix/share/icons/hicolor"

refresh_caches() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir" "$bin" "$desktop" "$icons/256x256/apps/smdesk.png" "$icons/scalable/apps/smdesk.svg"
    refresh_caches
    echo "smdesk removed from $prefix (settings and history are kept)."
    exit 0
fi

bundle="${1:-$repo/dist/smdesk}"
if [ ! -x "$bundle/smdesk" ]; then
    echo "install.sh: no bundle at $bundle; build it first with packaging/build.sh." >&2
    exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop")" "$icons/256x256/apps" "$icons/scalable/apps"
rm -rf "$app_dir"
cp -a "$bundle" "$app_dir"
ln -sfn "$app_dir/smdesk" "$bin"
install -m 644 "$repo/resources/icons/smdesk-256.png" "$icons/256x256/apps/smdesk.png"
install -m 644 "$repo/resources/icons/smdesk.svg" "$icons/scalable/apps/smdesk.svg"
# Absolute paths: the menu entry must work even when $prefix/bin is not on the session's PATH.
sed -e "s|^TryExec=.*|TryExec=$bin|" -e "s|^Exec=smdesk |Exec=$bin |" \
    "$here/smdesk.desktop" > "$desktop"
chmod 644 "$desktop"
refresh_caches
echo "smdesk installed: $bin (menu entry $desktop)"
