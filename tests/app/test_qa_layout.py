"""Findings of a walk through the real app: small windows, the queue's columns, refusal wording."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from smdesk.app.controllers.intake import collect_media
from smdesk.app.models.job_table import Column, JobTableModel
from smdesk.app.widgets.job_queue import JobQueueView
from smdesk.app.widgets.options_panel import OptionsPanel
from smdesk.core.options import JobOptions, SummaryOptions
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase
from tests.app.test_jobs_status import view

REASON = "Speechmatics could not transcribe this file (The audio file could not be decoded)."


def test_window_fits_a_1024_pixel_screen(apps: Any, sandbox: Any) -> None:
    window = apps.account(sandbox).window
    # the options dock used to need 516 px (xcb: ~600) for its widest combo's longest item
    assert window.options_dock.minimumSizeHint().width() <= 460
    assert window.minimumSizeHint().width() <= 860
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.width() == 1024


def test_options_panel_is_not_as_wide_as_its_longest_choice(qtbot: Any) -> None:
    panel = OptionsPanel()
    qtbot.addWidget(panel)
    speakers = next(c for c in panel.findChildren(QComboBox) if c.accessibleName() == "Speakers")
    longest = max(speakers.fontMetrics().horizontalAdvance(speakers.itemText(i))
                  for i in range(speakers.count()))
    assert speakers.minimumSizeHint().width() < longest or speakers.minimumWidth() < longest
    # the open list still shows every choice in full
    assert speakers.view().minimumWidth() >= longest


def test_status_column_keeps_most_of_a_narrow_queue(qtbot: Any) -> None:
    model = JobTableModel()
    failed = view(Phase.FAILED, file_name="Council meeting 2026-11-24 full recording.ogg",
                  error=REASON, options_json=JobOptions(
                      language="auto", translation_targets=["es", "fr"],
                      summary=SummaryOptions()).to_json())
    model.reset([failed])
    queue = JobQueueView(model)
    qtbot.addWidget(queue)
    queue.resize(520, 240)
    queue.show()
    qtbot.waitUntil(lambda: queue.table.width() <= 520)
    table = queue.table
    status = table.columnWidth(Column.STATUS)
    assert status >= table.columnWidth(Column.FILE)
    assert status >= table.columnWidth(Column.OPTIONS)
    assert status >= 150  # room for "Failed: Speechmatics could…", not just "…"
    # widening gives the file name its room back
    queue.resize(1200, 240)
    qtbot.waitUntil(lambda: table.columnWidth(Column.FILE) >= 240)


def test_options_column_has_the_full_description_as_tooltip() -> None:
    model = JobTableModel()
    options = JobOptions(language="auto", translation_targets=["es", "fr"],
                         summary=SummaryOptions())
    model.reset([view(Phase.DONE, options_json=options.to_json())])
    index = model.index(0, Column.OPTIONS)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    assert text and "es, fr" in text
    assert index.data(Qt.ItemDataRole.ToolTipRole) == text


def test_folder_refusal_counts_in_plain_english(tmp_path: Path) -> None:
    one = tmp_path / "One"
    one.mkdir()
    (one / "talk.ogg").write_bytes(SAMPLE_AUDIO.read_bytes())
    (one / "notes.docx").write_bytes(b"PK not audio")
    two = tmp_path / "Two"
    two.mkdir()
    (two / "a.txt").write_text("a")
    (two / "b.pdf").write_bytes(b"%PDF")
    refused = collect_media([str(one), str(two)]).refused
    assert refused == [
        "One: skipped 1 file that is not an audio or video file Speechmatics accepts "
        "(notes.docx).",
        "Two: skipped 2 files that are not audio or video files Speechmatics accepts "
        "(a.txt, b.pdf).",
    ]
