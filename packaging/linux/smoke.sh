#!/usr/bin/env bash
# Builds the Linux release artifacts and tries them as a user would, in a throw-away HOME:
# tarball -> install.sh -> `smdesk --version`, `smdesk transcribe --sandbox` on the sample
# interview, the GUI starting (offscreen) -> the AppDir's AppRun -> uninstall leaves nothing.
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
gui_pid=""
cleanup() {
    [ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/run"
# A user's machine: their own HOME, no SSL_CERT_* variables, no project venv on PATH.
export HOME="$work/home" SMDESK_HOME="$work/home/smdesk" XDG_RUNTIME_DIR="$work/run"
unset SSL_CERT_FILE SSL_CERT_DIR VIRTUAL_ENV SPEECHMATICS_API_KEY SPEECHMATICS_BATCH_URL
chmod 700 "$work/run"

tar -xzf "$archive" -C "$work"
unpacked="$(find "$work" -maxdepth 1 -name 'smdesk-*' -type d)"
PREFIX="$work/home/.local" "$unpacked/install.sh" >/dev/null
rm -rf "$unpacked"  # the install must not depend on the tarball any more
bin="$work/home/.local/bin/smdesk"
entry="$work/home/.local/share/applications/io.smdesk.smdesk.desktop"

[ "$("$bin" --version)" = "$expected" ] || fail "--version printed '$("$bin" --version)', not '$expected'"
desktop-file-validate "$entry" || fail "the installed desktop entry does not validate"
grep -q "^Exec=$bin %F$" "$entry" || fail "the installed desktop entry does not start $bin"

mkdir "$work/interviews"
cp resources/sample-interview.ogg "$work/interviews/"
(cd "$work/interviews" && "$bin" transcribe --sandbox --format txt sample-interview.ogg) \
    > "$work/transcribe.out" 2>&1 || { cat "$work/transcribe.out" >&2; fail "transcribe --sandbox"; }
transcript="$(find "$work/interviews" -name 'sample-interview*.txt' | head -1)"
[ -n "$transcript" ] || fail "transcribe --sandbox wrote no .txt ($(cat "$work/transcribe.out"))"
grep -q "Speaker 1" "$transcript" && grep -q "Speaker 2" "$transcript" \
    || fail "the sample transcript lacks its two speakers: $(head -c 300 "$transcript")"

# The GUI: started offscreen on the sandbox, it must reach "Started in sandbox mode" in its log.
QT_QPA_PLATFORM=offscreen "$bin" --sandbox > "$work/gui.out" 2>&1 &
gui_pid=$!
for _ in $(seq 1 60); do
    grep -rqs "Started in sandbox mode" "$SMDESK_HOME/logs" && break
    kill -0 "$gui_pid" 2>/dev/null || break
    sleep 0.5
done
grep -rqs "Started in sandbox mode" "$SMDESK_HOME/logs" \
    || fail "the GUI did not start: $(cat "$work/gui.out"; cat "$SMDESK_HOME"/logs/* 2>/dev/null)"
kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true; gui_pid=""
! grep -q "Traceback" "$work/gui.out" || fail "the GUI printed a traceback: $(cat "$work/gui.out")"

appdir_out="$work/appimage"
packaging/linux/appimage.sh dist/smdesk "$appdir_out" >/dev/null 2>&1 || fail "appimage.sh"
[ "$("$appdir_out/smdesk.AppDir/AppRun" --version)" = "$expected" ] || fail "AppRun --version"

"$work/home/.local/lib/smdesk/install.sh" --uninstall >/dev/null
left="$(find "$work/home/.local" -name '*smdesk*' | grep -v "^$SMDESK_HOME" || true)"
[ -z "$left" ] || fail "uninstall left: $left"

echo "smoke.sh: OK in $((SECONDS - started)) s: $expected; $(basename "$archive")" \
    "$(du -m "$archive" | cut -f1) MiB; bundle $(du -sm dist/smdesk | cut -f1) MiB;" \
    "needs glibc >= $(packaging/linux/glibc-needed.sh dist/smdesk)"
