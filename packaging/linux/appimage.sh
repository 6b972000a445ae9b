#!/usr/bin/env bash
# Makes the AppImage from a built bundle:
#   packaging/linux/appimage.sh [BUNDLE_DIR] [OUT_DIR]     (defaults: dist/smdesk, dist)
# Always assembles OUT_DIR/smdesk.AppDir (runnable as smdesk.AppDir/AppRun). The last step needs
# appimagetool (https://github.com/AppImage/appimagetool; not packaged by Debian or PyPI): set
# APPIMAGETOOL=/path/to/appimagetool (and APPIMAGE_RUNTIME=/path/to/runtime-ARCH to build
# offline), or put it on PATH. The release workflow downloads both; without them this script stops
# after the AppDir and says so.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="$(cd "${1:-$repo/dist/smdesk}" && pwd)"
out_dir="$(mkdir -p "${2:-$repo/dist}" && cd "${2:-$repo/dist}" && pwd)"
id=io.smdesk.smdesk
version="$("$bundle/smdesk" --version | cut -d' ' -f2)"
arch="$(uname -m)"
appdir="$out_dir/smdesk.AppDir"

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/bin" "$appdir/usr/share/applications" \
    "$appdir/usr/share/metainfo" "$appdir/usr/share/icons/hicolor/256x256/apps" \
    "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$appdir/usr/lib/smdesk"
ln -s ../lib/smdesk/smdesk "$appdir/usr/bin/smdesk"
cat > "$appdir/AppRun" <<'SH'
#!/bin/sh
# The AppImage's entry point: the bundled smdesk, with every argument (files to queue, CLI).
here="$(dirname "$(readlink -f "$0")")"
exec "$here/usr/lib/smdesk/smdesk" "$@"
SH
chmod 755 "$appdir/AppRun"
install -m 644 "$repo/packaging/linux/$id.desktop" "$appdir/$id.desktop"
install -m 644 "$repo/packaging/linux/$id.desktop" "$appdir/usr/share/applications/"
# appimagetool reads AppStream data from usr/share/metainfo/<id>.appdata.xml.
install -m 644 "$repo/packaging/linux/$id.metainfo.xml" "$appdir/usr/share/metainfo/$id.appdata.xml"
install -m 644 "$repo/resources/icons/smdesk-256.png" "$appdir/$id.png"
install -m 644 "$repo/resources/icons/smdesk-256.png" "$appdir/usr/share/icons/hicolor/256x256/apps/$id.png"
install -m 644 "$repo/resources/icons/smdesk.svg" "$appdir/usr/share/icons/hicolor/scalable/apps/$id.svg"
ln -s "$id.png" "$appdir/.DirIcon"

tool="${APPIMAGETOOL:-$(command -v appimagetool || true)}"
if [ -z "$tool" ]; then
    echo "appimage.sh: AppDir ready at $appdir; no appimagetool, so no .AppImage made (see the header)." >&2
    exit 0
fi
image="$out_dir/smdesk-$version-$arch.AppImage"
runtime=()
[ -n "${APPIMAGE_RUNTIME:-}" ] && runtime=(--runtime-file "$APPIMAGE_RUNTIME")
# Extract-and-run: appimagetool is itself an AppImage, and CI runners have no FUSE.
APPIMAGE_EXTRACT_AND_RUN=1 ARCH="$arch" "$tool" --no-appstream "${runtime[@]}" "$appdir" "$image" >&2
echo "$image"
