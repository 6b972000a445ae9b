#!/usr/bin/env bash
# Installs smdesk for the current user (no root) from the unpacked release tarball it sits in:
# the app, a `smdesk` command, the menu entry, the icons and the AppStream metadata.
#   ./install.sh              install (or update) into ~/.local
#   ./install.sh --uninstall  remove it again (settings, history and the API key are kept)
# PREFIX=/some/where chooses another place; $PREFIX/bin must be on PATH for the terminal command.
# A copy of this script is installed as ~/.local/lib/smdesk/install.sh, so uninstalling never
# needs the tarball again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
id=io.smdesk.smdesk
app_dir="$prefix/lib/smdesk"
bin="$prefix/bin/smdesk"
share="$prefix/share"
# Every file outside $app_dir that install puts in place, so uninstall removes exactly those.
installed_files=(
    "$bin"
    "$share/applications/$id.desktop"
    "$share/metainfo/$id.metainfo.xml"
    "$share/icons/hicolor/256x256/apps/$id.png"
    "$share/icons/hicolor/scalable/apps/$id.svg"
)

refresh_caches() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
    fi
}

do_uninstall() {
    rm -f "${installed_files[@]}"
    rm -rf "$app_dir"
    refresh_caches
    echo "smdesk removed from $prefix (settings, history and the saved API key are kept)."
}

do_install() {
    if [ ! -x "$here/smdesk/smdesk" ] || [ ! -d "$here/share" ]; then
        echo "install.sh: run the install.sh inside the unpacked smdesk tarball (no smdesk/ next to $0)." >&2
        exit 1
    fi
    local staging="$app_dir.new"
    rm -rf "$staging"
    mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo" \
        "$share/icons/hicolor/256x256/apps" "$share/icons/hicolor/scalable/apps"
    # Copy beside the old version, then swap: an interrupted update leaves the old one working.
    cp -a "$here/smdesk" "$staging"
    install -m 755 "$here/install.sh" "$staging/install.sh"
    rm -rf "$app_dir"
    mv "$staging" "$app_dir"
    ln -sfn "$app_dir/smdesk" "$bin"
    install -m 644 "$here/share/icons/hicolor/256x256/apps/$id.png" "$share/icons/hicolor/256x256/apps/"
    install -m 644 "$here/share/icons/hicolor/scalable/apps/$id.svg" "$share/icons/hicolor/scalable/apps/"
    install -m 644 "$here/share/metainfo/$id.metainfo.xml" "$share/metainfo/"
    # Absolute paths: the menu entry must work even when $prefix/bin is not on the session's PATH.
    sed -e "s|^TryExec=.*|TryExec=$bin|" -e "s|^Exec=smdesk |Exec=$bin |" \
        "$here/share/applications/$id.desktop" > "$share/applications/$id.desktop"
    chmod 644 "$share/applications/$id.desktop"
    refresh_caches
    echo "smdesk $("$bin" --version | cut -d' ' -f2) installed: run 'smdesk' or find it in the applications menu."
    echo "To remove it: $app_dir/install.sh --uninstall"
}

case "${1:-}" in
    --uninstall) do_uninstall ;;
    "") do_install ;;
    *) echo "usage: install.sh [--uninstall]" >&2; exit 2 ;;
esac
