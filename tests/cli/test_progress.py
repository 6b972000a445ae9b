"""The stderr progress display: tidy lines for logs, an in-place redraw on a terminal."""

from __future__ import annotations

import io

from smdesk.cli import ProgressDisplay


def test_line_mode_announces_phases_and_quarter_steps_once() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(["a.wav", "b.wav"], stream, live=False)
    display.set_phase(0, "uploading")
    for sent in range(0, 1001, 10):
        display.set_bytes(0, sent, 1000)
    display.set_phase(0, "transcribing")
    display.set_phase(0, "transcribing")
    display.set_phase(1, "failed")
    display.close()
    assert stream.getvalue().splitlines() == [
        "a.wav: uploading", "a.wav: uploaded 25%", "a.wav: uploaded 50%",
        "a.wav: uploaded 75%", "a.wav: transcribing", "b.wav: failed"]


def test_unknown_total_prints_no_percentages() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(["a.wav"], stream, live=False)
    display.set_bytes(0, 5000, None)
    assert stream.getvalue() == ""


def test_live_mode_redraws_every_file_in_place() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(["a.wav", "b.wav"], stream, live=True)
    display.set_phase(0, "uploading")
    display.set_bytes(0, 500, 1000)
    display.set_phase(1, "transcribing")
    display.close()
    out = stream.getvalue()
    assert "\x1b[2F" in out  # moved back up over the two lines before redrawing
    last_frame = out.rsplit("\x1b[2F", 1)[1]
    assert "a.wav" in last_frame and "50%" in last_frame
    assert "b.wav" in last_frame and "transcribing" in last_frame


def test_quiet_writes_nothing() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(["a.wav"], stream, quiet=True, live=True)
    display.set_phase(0, "uploading")
    display.close()
    assert stream.getvalue() == ""
