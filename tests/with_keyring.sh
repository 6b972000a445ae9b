#!/usr/bin/env bash
# Runs a command with a fresh, unlocked gnome-keyring on the current (private) D-Bus session.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
# A non-empty password makes gnome-keyring create and unlock the login collection without a prompt.
eval "$(printf 'smdesk-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export SMDESK_SECRET_SERVICE=1
"$@"
