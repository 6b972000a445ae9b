"""Findings of a journalist's whole review in the real window at 1024×700 (sandbox job with a
summary and two translations): each one as the user met it."""

from __future__ import annotations

import shutil
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from smdesk.app.controllers.playback import Availability
from smdesk.app.transcript.pane import TranscriptPane
from smdesk.app.transcript.render import uncertain_color
from smdesk.app.transcript.review import ReviewBar
from smdesk.core.options import JobOptions, SummaryOptions
from smdesk.core.transcript import Transcript
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.app.conftest import run, wait_until
from tests.app.test_player_app import _open as open_sample_job
from tests.app.test_views_transcript import make_json


def reviewed_window(apps: Any, sandbox: Any, audio: Any, loop: Any) -> Any:
    ctx = apps.account(sandbox)
    window = ctx.window
    options = JobOptions(translation_targets=["fr", "es"], summary=SummaryOptions())
    window.options_flows.queue([str(audio("interview.ogg"))], options)
    run(loop, wait_until(lambda: window.pane.transcript() is not None
                         and ctx.editing.session is not None
                         and len(window.pane.tab_titles()) == 4, what="a shown transcript"))
    window.resize(1024, 700)
    QApplication.processEvents()
    return ctx


def test_every_tab_fits_beside_the_speakers_and_changes(apps, sandbox, audio, loop) -> None:
    ctx = reviewed_window(apps, sandbox, audio, loop)
    pane = ctx.window.pane
    assert ctx.editing.session.replace_text(0, 0, "Zebra")
    run(loop, wait_until(lambda: pane.changes.isVisible(), what="the Changes list"))
    QApplication.processEvents()
    assert pane.tab_titles() == ["Transcript", "Summary", "French", "Spanish"]
    bar = pane.tabs.tabBar()
    assert bar.sizeHint().width() <= bar.width()  # no scroll arrows, no cut title


def test_header_buttons_wait_for_a_transcript(qtbot: Any) -> None:
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    header = pane.header
    buttons = (header.find_button, header.follow_button, header.changes_button,
               header.speakers_button, header.export_button)
    assert not any(b.isEnabled() for b in buttons)  # not a Find that does nothing
    pane.set_transcript(Transcript.from_json_v2(make_json()), title="talk.ogg")
    assert all(b.isEnabled() for b in buttons)
    pane.set_transcript(None)
    assert not any(b.isEnabled() for b in buttons)


def test_the_words_to_check_bar_fits_1024_pixels_with_checked_words(
        apps, sandbox, audio, loop) -> None:
    ctx = reviewed_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    pane.set_threshold(1.0)  # every sandbox word is "to check" now
    pane.next_uncertain()
    pane.accept_word()
    run(loop, wait_until(lambda: pane.review_bar.checked.isVisible(), what="1 checked"))
    QApplication.processEvents()
    assert window.width() == 1024  # the bar did not push the window wider
    bar = pane.review_bar
    assert bar.width() >= bar.minimumSizeHint().width()


def test_a_file_named_relative_to_the_terminal_is_kept_with_its_full_path(
        apps, sandbox, audio, loop, monkeypatch) -> None:
    recording = audio("talk.ogg")
    monkeypatch.chdir(recording.parent)
    ctx = apps.account(sandbox, ask_options_on_add=False)
    ctx.window.add_paths(["talk.ogg"])  # `smdesk talk.ogg`, run in the recording's folder
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 1, what="queued"))
    assert ctx.jobs.views()[0].record.source_path == str(recording)


def test_the_bars_sample_mark_has_the_texts_colour_in_a_dark_theme(qtbot: Any) -> None:
    bar = ReviewBar()
    qtbot.addWidget(bar)
    dark = QPalette(bar.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    bar.setPalette(dark)
    bar.set_count(3, editable=True)
    assert uncertain_color(dark).name() in bar.marker.text()  # the dark theme's orange
    assert "#b85c00" not in bar.marker.text()


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if 0 <= at < len(text) - 1 else None


def test_every_alt_key_of_the_review_window_reaches_one_thing(
        apps, sandbox, audio, loop) -> None:
    ctx = reviewed_window(apps, sandbox, audio, loop)
    window, pane = ctx.window, ctx.window.pane
    assert ctx.editing.session.replace_text(0, 0, "Zebra")
    run(loop, wait_until(lambda: pane.changes.isVisible(), what="the Changes list"))
    pane.replace()  # the find and replace bar open too
    pane.speakers.select_speaker(pane.transcript().speakers()[0])
    QApplication.processEvents()
    owners: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        owners.setdefault(_mnemonic(action.text()) or "", []).append(action.text())
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisible() and widget.isEnabled():
            owners.setdefault(_mnemonic(widget.text()) or "", []).append(widget.text())
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            owners.setdefault(_mnemonic(label.text()) or "", []).append(label.text())
    bar = pane.tabs.tabBar()
    for i in range(bar.count()):
        owners.setdefault(_mnemonic(bar.tabText(i)) or "", []).append(bar.tabText(i))
    owners.pop("", None)
    shared = {key: texts for key, texts in owners.items() if len(texts) > 1}
    assert shared == {}  # Alt+M was Sample and Mark in the text, Alt+N Find and Rename, …


def test_a_sample_is_offered_only_with_a_recording_to_play(apps, sandbox, loop, tmp_path) -> None:
    ctx, parts, _record = open_sample_job(apps, sandbox, loop, tmp_path, remove_audio=True)
    speakers = ctx.window.pane.speakers
    speakers.select_speaker(ctx.window.pane.transcript().speakers()[0])
    assert speakers.rename_button.isEnabled() and not speakers.sample_button.isEnabled()
    assert "locate it" in speakers.sample_button.toolTip()  # says why, not a dead button
    moved = tmp_path / "elsewhere.ogg"
    shutil.copyfile(SAMPLE_AUDIO, moved)
    parts.playback.locate(str(moved))
    run(loop, wait_until(lambda: parts.playback.recording().availability is Availability.READY,
                         what="located"))
    assert speakers.sample_button.isEnabled()
