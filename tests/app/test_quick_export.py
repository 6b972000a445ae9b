"""File ▸ Export as text / subtitles (windows/quick_export.py): one file of the open transcript,
rendered with the export dialog's remembered choices and written atomically, or one sentence."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import srt
from PySide6.QtWidgets import QWidget

from smdesk.app.windows.quick_export import QuickExport
from smdesk.core.export import PRESETS, SRT, TXT, VTT, ExportChoices
from smdesk.core.export.preferences import ExportPreferences
from smdesk.core.transcript import Transcript
from tests.app.test_views_transcript import make_json


class Chooser:
    """Records what the export asks and chooses a fixed path (or the default; None: cancel)."""

    def __init__(self, answer: str | None = "default") -> None:
        self.answer = answer
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, title: str, default: str, file_filter: str,
                 then: Callable[[str], object]) -> None:
        self.calls.append((title, default, file_filter))
        if self.answer is not None:
            then(default if self.answer == "default" else self.answer)


class Setup:
    def __init__(self, qtbot: Any, out: Path) -> None:
        parent = QWidget()
        qtbot.addWidget(parent)
        self.outcomes: list[tuple[str, bool]] = []
        self.quick = QuickExport(parent, lambda text, error: self.outcomes.append((text, error)))
        self.out = out
        self.transcript = Transcript.from_json_v2(make_json())

    def export(self, fmt: Any, chooser: Chooser, prefs: ExportPreferences | None = None,
               *, title: str = "interview.m4a", source: str | None = "interview.m4a"
               ) -> Path | None:
        self.quick.choose_save_path = chooser
        source_path = str(self.out / source) if source else None
        before = len(self.outcomes)
        self.quick.export(self.transcript, fmt, prefs or ExportPreferences(), title=title,
                          source_path=source_path)
        said = self.outcomes[before:]
        done = [text.removeprefix("Exported to ") for text, error in said if not error]
        return Path(done[0]) if done else None


@pytest.fixture
def setup(qtbot: Any, tmp_path: Path) -> Setup:
    out = tmp_path / "out"
    out.mkdir()
    return Setup(qtbot, out)


def prefs_with(**choices: Any) -> ExportPreferences:
    return ExportPreferences(choices=ExportChoices(**choices))


def test_txt_defaults_to_the_recording_name_and_writes_the_text(setup: Setup) -> None:
    chooser = Chooser()
    written = setup.export(TXT, chooser, prefs_with(include_summary=False))
    target = setup.out / "interview.txt"
    assert chooser.calls[0][1] == str(target) and "*.txt" in chooser.calls[0][2]
    assert written == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("[00:00:00] Speaker 1: Thanks for coming in, Maria.")
    assert "Speaker 2: The budget is tight." in text and "budget is tight." in text
    assert setup.outcomes == [(f"Exported to {target}", False)]
    assert sorted(p.name for p in setup.out.iterdir()) == ["interview.txt"]  # no temp files


def test_txt_follows_the_remembered_name_timestamp_and_summary_choices(setup: Setup) -> None:
    written = setup.export(TXT, Chooser(str(setup.out / "plain")),  # no extension typed
                           prefs_with(speaker_names=False, timestamps="none",
                                      include_summary=False))
    assert written == setup.out / "plain.txt"
    content = written.read_text(encoding="utf-8")
    assert "Speaker 1" not in content and "[00:" not in content
    assert content.startswith("Thanks for coming in, Maria.")
    setup.export(TXT, Chooser(), prefs_with(include_summary=True))
    text = (setup.out / "interview.txt").read_text(encoding="utf-8")
    assert text.index("budget is tight") < text.index("Thanks for coming in")


def test_srt_uses_the_remembered_subtitle_rules(setup: Setup) -> None:
    narrow = dataclasses.replace(PRESETS["netflix"], max_chars_per_line=16, max_lines=1)
    written = setup.export(SRT, Chooser(), ExportPreferences(
        choices=ExportChoices(subtitle_rules=narrow), preset="custom"), source="talk.mp4")
    assert written == setup.out / "talk.srt"
    cues = list(srt.parse(written.read_text(encoding="utf-8")))
    assert cues and all("\n" not in c.content and len(c.content) <= 16 for c in cues)
    wide = setup.export(SRT, Chooser(str(setup.out / "wide.srt")), ExportPreferences())
    assert wide is not None
    assert len(list(srt.parse(wide.read_text(encoding="utf-8")))) < len(cues)


def test_vtt_names_speakers_with_voice_tags(setup: Setup) -> None:
    written = setup.export(VTT, Chooser(), ExportPreferences())
    assert written == setup.out / "interview.vtt"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT") and "<v Speaker 2>" in text


def test_cancelled_save_dialog_writes_nothing(setup: Setup) -> None:
    assert setup.export(TXT, Chooser(None)) is None
    assert list(setup.out.iterdir()) == [] and setup.outcomes == []


def test_a_missing_folder_is_one_sentence_and_leaves_nothing(setup: Setup) -> None:
    target = setup.out / "gone" / "interview.txt"
    assert setup.export(TXT, Chooser(str(target))) is None
    [(message, error)] = setup.outcomes
    assert error and "interview.txt" in message and "does not exist" in message
    assert "Traceback" not in message and not target.parent.exists()


def test_export_over_a_folder_explains_and_leaves_no_partial_file(setup: Setup) -> None:
    (setup.out / "interview.txt").mkdir()
    assert setup.export(TXT, Chooser()) is None
    assert setup.outcomes[-1][1] and "interview.txt" in setup.outcomes[-1][0]
    assert [p.name for p in setup.out.iterdir()] == ["interview.txt"]
    assert list((setup.out / "interview.txt").iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores directory permissions")
def test_a_read_only_folder_explains(setup: Setup) -> None:
    locked = setup.out / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert setup.export(TXT, Chooser(str(locked / "interview.txt"))) is None
        message = setup.outcomes[-1][0]
        assert "permission" in message and "interview.txt" in message
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_the_save_dialog_is_opened_without_a_nested_event_loop(qtbot: Any, setup: Setup) -> None:
    from PySide6.QtWidgets import QFileDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    quick = QuickExport(parent, lambda text, error: setup.outcomes.append((text, error)))
    quick.export(setup.transcript, TXT, ExportPreferences(), title="interview.m4a",
                 source_path=str(setup.out / "interview.m4a"))  # returns at once: open()
    dialog = parent.findChild(QFileDialog, "quick_export_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Export as Text" and not setup.outcomes
    dialog.fileSelected.emit(str(setup.out / "chosen"))
    assert (setup.out / "chosen.txt").read_text(encoding="utf-8").startswith("Summary")
    assert setup.outcomes == [(f"Exported to {setup.out / 'chosen.txt'}", False)]


def test_default_path_without_a_recording_uses_a_safe_title(setup: Setup) -> None:
    chooser = Chooser(None)
    setup.export(SRT, chooser, title="Council: budget 3/4", source=None)
    assert Path(chooser.calls[0][1]).name == "Council budget 3 4.srt"
