#!/usr/bin/env bash
# Builds the Linux release artifacts and tries them as a user would, in a throw-away HOME:
# tarball -> install.sh -> `smdesk --version`, `smdesk transcribe --sandbox` on the sample
# interview, the GUI starting (offscreen; packaging/smoke_bundle.py) -> the AppDir's AppRun ->
# uninstall leaves nothing.
#   packaging/linux/smoke.sh            (tests/run.sh runs it when CI=true; about 40 s)
# SMDESK_SKIP_BUILD=1 reuses dist/smdesk instead of building it again.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
started=$SECONDS
fail() { echo "smoke.sh: FAILED: $*" >&2; exit 1; }

[ -n "${SMDESK_SKIP_BUILD:-}" ] || bash packaging/build.sh
expected="smdesk $(.venv/bin/python -c 'import smdesk; print(smdesk.__version__)')"
archive="$(packaging/linux/tarball.sh dist/smdesk dist)"

work="$(mktemp -d)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/home" "$work/run"
# A user's machine: their own HOME, no SSL_CERT_* variables, no project venv on PATH.
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
unset SSL_CERT_FILE SSL_CERT_DIR VIRTUAL_ENV SPEECHMATICS_API_KEY SPEECHMATICS_BATCH_URL
chmod 700 "$work/run"

tar -xzf "$archive" -C "$work"
unpacked="$(find "$work" -maxdepth 1 -name 'smdesk-*' -type d)"
PREFIX="$work/home/.local" "$unpacked/install.sh" >/dev/null
rm -rf "$unpacked"  # the install must not depend on the tarball any more
bin="$work/home/.local/bin/smdesk"
entry="$work/home/.local/share/applications/io.smdesk.smdesk.desktop"

desktop-file-validate "$entry" || fail "the installed desktop entry does not validate"
grep -q "^Exec=$bin %F$" "$entry" || fail "the installed desktop entry does not start $bin"
# --version, transcribe --sandbox on the sample, the GUI up offscreen (same checks on every OS).
.venv/bin/python packaging/smoke_bundle.py --cli "$bin" --gui "$bin" --version "$expected"

# Where a system has no libpulse, the bundle's fallback copy must let the app start all the same.
libpulse="$(/sbin/ldconfig -p | sed -n 's/.*libpulse\.so\.0 (libc6,x86-64) => //p' | head -1)"
if [ -n "$libpulse" ] && unshare -m --propagation private true 2>/dev/null; then
    : > "$work/no-libpulse"
    unshare -m --propagation private sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh \
        "$work/no-libpulse" "$libpulse" .venv/bin/python packaging/smoke_bundle.py \
        --cli "$bin" --gui "$bin" --gui-only \
        || fail "without the system's libpulse the bundle does not work"
else
    echo "smoke.sh: skipped the no-libpulse check (no libpulse here, or no private mount namespace)"
fi

appdir_out="$work/appimage"
packaging/linux/appimage.sh dist/smdesk "$appdir_out" >/dev/null 2>&1 || fail "appimage.sh"
[ "$("$appdir_out/smdesk.AppDir/AppRun" --version)" = "$expected" ] || fail "AppRun --version"

"$work/home/.local/lib/smdesk/install.sh" --uninstall >/dev/null
left="$(find "$work/home/.local" -name '*smdesk*' || true)"
[ -z "$left" ] || fail "uninstall left: $left"

echo "smoke.sh: OK in $((SECONDS - started)) s: $expected; $(basename "$archive")" \
    "$(du -m "$archive" | cut -f1) MiB; bundle $(du -sm dist/smdesk | cut -f1) MiB;" \
    "needs glibc >= $(packaging/linux/glibc-needed.sh dist/smdesk)"
