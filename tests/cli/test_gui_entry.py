"""`smdesk` without a sub-command opens the window, or says plainly why it cannot."""

import os
import subprocess
import sys

from smdesk.cli import display_problem, main


def test_display_problem_only_on_linux_without_a_display() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


def test_no_display_gives_one_sentence_and_exit_1(monkeypatch, capsys) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "no graphical display" in err and "smdesk transcribe" in err


def test_real_process_without_display_does_not_abort() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "smdesk"], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "no graphical display" in result.stderr
    assert "Traceback" not in result.stderr and "platform plugin" not in result.stderr
