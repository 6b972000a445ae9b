#!/usr/bin/env bash
# Builds the smdesk bundle for the OS this runs on, with PyInstaller, into dist/:
#   Linux: dist/smdesk/smdesk    macOS: dist/smdesk.app
#   Windows (Git Bash): dist/smdesk/smdesk.exe (windowed) + smdesk-cli.exe (console, not shipped)
#   packaging/build.sh            uses .venv (PYTHON=/path/to/python to use another interpreter)
# PyInstaller (and Pillow on macOS/Windows, to turn the PNG icon into .icns/.ico) are build tools:
# installed into that environment when missing, never added to the project's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-}"
if [ -z "$python" ]; then
    for candidate in .venv/bin/python .venv/Scripts/python.exe; do
        [ -x "$candidate" ] && python="$candidate" && break
    done
fi
if [ -z "$python" ]; then
    echo "build.sh: no .venv found; create it (python -m venv .venv && .venv/bin/pip install -e .) or set PYTHON." >&2
    exit 1
fi

if ! "$python" -c "import smdesk, PySide6, qasync, aiohttp, keyring, mutagen, srt" 2>/dev/null; then
    echo "build.sh: $python cannot import smdesk and its dependencies; run: $python -m pip install -e ." >&2
    exit 1
fi

tools=()
"$python" -c "import PyInstaller" 2>/dev/null || tools+=("pyinstaller>=6.10")
case "$(uname -s)" in
    Linux*) os=linux ;;
    Darwin*) os=macos ;;
    *) os=windows ;;
esac
if [ "$os" != linux ]; then
    "$python" -c "import PIL" 2>/dev/null || tools+=("pillow")
fi
if [ ${#tools[@]} -gt 0 ]; then
    echo "build.sh: installing build tools: ${tools[*]}"
    "$python" -m pip install --quiet "${tools[@]}"
fi

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/smdesk.spec

case "$os" in
    linux) exe=dist/smdesk/smdesk; bundle=dist/smdesk ;;
    macos) exe=dist/smdesk.app/Contents/MacOS/smdesk; bundle=dist/smdesk.app ;;
    # smdesk.exe is windowed (no stdout); its console twin answers the smoke check.
    windows) exe=dist/smdesk/smdesk-cli.exe; bundle=dist/smdesk ;;
esac
# Smoke check: the frozen interpreter starts and imports the CLI.
version="$("$exe" --version)"
size="$(du -sh "$bundle" | cut -f1)"
echo "build.sh: built $bundle ($size): $version"
