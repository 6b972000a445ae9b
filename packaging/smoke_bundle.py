"""Tries a built smdesk bundle as a user would, on any OS (stdlib only, run with any Python 3.11+):
`--version`, `transcribe --sandbox` on the sample interview, and the GUI starting on the sandbox.

    python packaging/smoke_bundle.py --cli dist/smdesk/smdesk --gui dist/smdesk/smdesk
    (Windows: --cli dist/smdesk/smdesk-cli.exe --gui dist/smdesk/smdesk.exe;
     macOS: both dist/smdesk.app/Contents/MacOS/smdesk)

Runs in a throw-away SMDESK_HOME with the SSL_CERT_* variables removed, as on a user's machine.
The GUI is started with QT_QPA_PLATFORM=offscreen and must log "Started in sandbox mode".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-interview.ogg"
GUI_READY = "Started in sandbox mode"
NO_PLAYBACK = "No QtMultimedia backends found"  # Qt's words when no plugin loads


class SmokeError(Exception):
    pass


def user_environment(home: Path) -> dict[str, str]:
    drop = {"SSL_CERT_FILE", "SSL_CERT_DIR", "VIRTUAL_ENV", "PYTHONPATH", "SPEECHMATICS_API_KEY",
            "SPEECHMATICS_BATCH_URL"}  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["SMDESK_HOME"] = str(home)
    return env


def check_version(cli: Path, env: dict[str, str], expected: str) -> None:
    out = subprocess.run([str(cli), "--version"], capture_output=True, text=True, env=env,
                         timeout=60).stdout.strip()  # fmt: skip
    if out != expected:
        raise SmokeError(f"--version printed {out!r}, not {expected!r}")


def check_transcribe(cli: Path, env: dict[str, str], work: Path) -> None:
    folder = work / "interviews"
    folder.mkdir()
    shutil.copy(SAMPLE, folder)
    command = [str(cli), "transcribe", "--sandbox", "--format", "txt", SAMPLE.name]
    run = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, timeout=120)
    outputs = list(folder.rglob("sample-interview*.txt"))
    if run.returncode != 0 or not outputs:
        raise SmokeError(f"transcribe --sandbox failed ({run.returncode}): {run.stderr[-600:]}")
    text = outputs[0].read_text(encoding="utf-8")
    if "Speaker 1" not in text or "Speaker 2" not in text:
        raise SmokeError(f"the sample transcript lacks its two speakers: {text[:300]!r}")


def _gui_logged_ready(logs: Path) -> bool:
    return any(GUI_READY in log.read_text(errors="replace") for log in logs.glob("*")
               if log.is_file())  # fmt: skip


def check_gui(gui: Path, env: dict[str, str], home: Path, timeout: float = 60.0) -> float:
    """Seconds until the GUI logged that it is up (the process is ended afterwards). Fails too
    when Qt says the player has no multimedia backend (a broken FFmpeg plugin in the bundle)."""
    logs = home / "logs"
    started = time.monotonic()
    ready_after: float | None = None
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen([str(gui), "--sandbox"], stdout=output, stderr=output,
                                   env={**env, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
        try:
            while time.monotonic() - started < timeout and process.poll() is None:
                if _gui_logged_ready(logs):
                    ready_after = time.monotonic() - started
                    time.sleep(1.0)  # the player is made right after; let Qt say if it failed
                    break
                time.sleep(0.25)
        finally:
            process.kill()
            process.wait(timeout=30)
        output.seek(0)
        printed = output.read().decode(errors="replace")
    if ready_after is None:
        raise SmokeError(f"the GUI did not log {GUI_READY!r} within {timeout:.0f} s "
                         f"(exit {process.returncode}): {printed[-800:]}")  # fmt: skip
    if NO_PLAYBACK in printed:
        raise SmokeError(f"the GUI started but the player has no backend: {printed[-800:]}")
    return ready_after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", type=Path, required=True, help="the console executable")
    parser.add_argument("--gui", type=Path, required=True, help="the executable users start")
    parser.add_argument("--version", dest="expected", help="default: smdesk/__init__.py's")
    parser.add_argument("--gui-only", action="store_true", help="only check that the GUI starts")
    args = parser.parse_args()
    expected = args.expected or f"smdesk {_source_version()}"
    cli, gui = args.cli.resolve(), args.gui.resolve()  # the CLI runs in another folder
    with tempfile.TemporaryDirectory(prefix="smdesk-smoke-") as tmp:
        work = Path(tmp)
        home = work / "home"
        env = user_environment(home)
        try:
            if not args.gui_only:
                check_version(cli, env, expected)
                check_transcribe(cli, env, work)
            seconds = check_gui(gui, env, home)
        except SmokeError as failure:
            print(f"smoke_bundle.py: FAILED: {failure}", file=sys.stderr)
            return 1
    checked = "" if args.gui_only else f"{expected}; sample transcribed with 2 speakers; "
    print(f"smoke_bundle.py: OK: {checked}GUI up in {seconds:.1f} s, player backend loaded")
    return 0


def _source_version() -> str:
    init = (ROOT / "smdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', init, re.MULTILINE)
    if match is None:
        raise SystemExit("smoke_bundle.py: no __version__ in smdesk/__init__.py; pass --version")
    return match.group(1)


if __name__ == "__main__":
    sys.exit(main())
