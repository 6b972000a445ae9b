#!/usr/bin/env bash
# Screenshot of the main window after the bundled sample interview was transcribed by the
# built-in sandbox. Runs under a virtual X server; prints the PNG's path.
#   packaging/screenshot.sh [OUTPUT.png]     (default: packaging/screenshot.png)
set -euo pipefail
cd "$(dirname "$0")/.."
python=".venv/bin/python"
[ -x "$python" ] || python=python3
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1400x900x24" "$python" packaging/screenshot.py "$@"
