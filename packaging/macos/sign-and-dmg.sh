#!/usr/bin/env bash
# macOS: signs dist/smdesk.app (when a Developer ID is given), makes the .dmg, and notarises and
# staples it (when Apple credentials are given). Run after packaging/build.sh, on a Mac:
#   packaging/macos/sign-and-dmg.sh ARCH        -> dist/smdesk-VERSION-macos-ARCH.dmg
# Signing:      MACOS_SIGN_IDENTITY="Developer ID Application: Name (TEAMID)" (in the keychain)
# Notarising:   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password)
# Without them the .dmg is built unsigned (Gatekeeper then asks users to right-click > Open).
set -euo pipefail
cd "$(dirname "$0")/../.."
arch="${1:?usage: sign-and-dmg.sh arm64|x86_64}"
app=dist/smdesk.app
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
dmg="dist/smdesk-$version-macos-$arch.dmg"

plutil -lint "$app/Contents/Info.plist"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    # Inside out: every Mach-O file first, then the bundle, with the hardened runtime that
    # notarisation requires and a secure timestamp.
    find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 \
        | xargs -0 -n 20 codesign --force --timestamp --options runtime \
            --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY"
    codesign --force --timestamp --options runtime \
        --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
else
    echo "sign-and-dmg.sh: MACOS_SIGN_IDENTITY not set: the app keeps PyInstaller's ad-hoc signature." >&2
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"  # drag the app onto it to install
rm -f "$dmg"
hdiutil create -volname "smdesk $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
        && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
    echo "sign-and-dmg.sh: no Apple notarisation credentials: the .dmg is not notarised." >&2
fi
echo "$dmg"
