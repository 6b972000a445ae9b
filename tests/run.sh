#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the suite needs on a fresh machine, then runs
# lint, type checks and the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: the libraries headless Qt loads, D-Bus + gnome-keyring for the real Secret Service
# tests, and the audio tools the tests use to make sample audio.
system_packages=(
    dbus dbus-daemon gnome-keyring libsecret-tools
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
    libxcb-image0 libxcb-xinerama0 fonts-dejavu-core
    espeak-ng sox ffmpeg xvfb curl
    desktop-file-utils appstream binutils
)
missing=()
for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "tests/run.sh: installing system packages: ${missing[*]}" >&2
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python packages, in a project-local virtual environment.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# Static checks: style, the layer rule (ruff banned-api per layer) and types (strict on batch and core).
.venv/bin/ruff check smdesk tests bench
.venv/bin/mypy smdesk

# Tests run inside a private D-Bus session with an unlocked gnome-keyring, so the keyring tests use
# a real Secret Service and nothing touches the user's own keyring.
export QT_QPA_PLATFORM=offscreen
# CI also builds the Linux release (bundle, tarball, AppDir) and tries it as a user would (~1 min).
[ "${CI:-}" != true ] || bash packaging/linux/smoke.sh
exec dbus-run-session -- bash tests/with_keyring.sh .venv/bin/python -m pytest "$@"
