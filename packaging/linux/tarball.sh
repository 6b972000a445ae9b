#!/usr/bin/env bash
# Makes the versioned Linux release tarball from a built bundle:
#   packaging/linux/tarball.sh [BUNDLE_DIR] [OUT_DIR]     (defaults: dist/smdesk, dist)
# -> OUT_DIR/smdesk-VERSION-linux-ARCH.tar.gz holding smdesk-VERSION/{install.sh, smdesk/, share/}:
# everything install.sh needs, so a user installs with no source tree.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="$(cd "${1:-$repo/dist/smdesk}" && pwd)"
out_dir="$(mkdir -p "${2:-$repo/dist}" && cd "${2:-$repo/dist}" && pwd)"
id=io.smdesk.smdesk
version="$("$bundle/smdesk" --version | cut -d' ' -f2)"
name="smdesk-$version"
archive="$out_dir/$name-linux-$(uname -m).tar.gz"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/share/applications" "$root/share/metainfo" \
    "$root/share/icons/hicolor/256x256/apps" "$root/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$root/smdesk"
install -m 755 "$repo/packaging/linux/install.sh" "$root/install.sh"
install -m 644 "$repo/packaging/linux/$id.desktop" "$root/share/applications/"
install -m 644 "$repo/packaging/linux/$id.metainfo.xml" "$root/share/metainfo/"
install -m 644 "$repo/resources/icons/smdesk-256.png" "$root/share/icons/hicolor/256x256/apps/$id.png"
install -m 644 "$repo/resources/icons/smdesk.svg" "$root/share/icons/hicolor/scalable/apps/$id.svg"
cat > "$root/README.txt" <<TXT
smdesk $version for Linux (x86-64, glibc $("$repo/packaging/linux/glibc-needed.sh" "$bundle") or newer)

Install for your user (no administrator rights needed):   ./install.sh
Remove it again:                                           ~/.local/lib/smdesk/install.sh --uninstall
Or run it without installing:                              ./smdesk/smdesk
TXT
# Fixed owner and order, so the same bundle always gives the same archive.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$stage" -czf "$archive" "$name"
echo "$archive"
