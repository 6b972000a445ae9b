"""The queue beside the transcript: cards when narrow, dates that tell jobs apart, search."""

from __future__ import annotations

import json
import time
from typing import Any

from PySide6.QtWidgets import QApplication

from smdesk.app.models.job_status import added_text
from smdesk.app.models.job_table import Column, JobTableModel
from smdesk.app.widgets.job_queue import JobQueueView
from smdesk.core.options import JobOptions
from smdesk.store.history import Phase
from tests.app.conftest import run, wait_until
from tests.app.test_jobs_status import view

NOW = time.mktime((2026, 12, 1, 15, 30, 0, 0, 0, -1))


def test_added_dates_read_as_a_person_says_them() -> None:
    assert added_text(NOW - 3600, NOW) == "Today 14:30"
    assert added_text(NOW - 86400, NOW) == "Yesterday 15:30"
    assert added_text(NOW - 5 * 86400, NOW) == "26 Nov"
    assert added_text(NOW - 400 * 86400, NOW) == "27 Oct 2025"


def test_two_jobs_of_the_same_file_are_told_apart_by_date_and_options() -> None:
    model = JobTableModel()
    model.reset([
        view(Phase.DONE, id=2, created_at=NOW, options_json=JobOptions(language="de").to_json()),
        view(Phase.DONE, id=1, created_at=NOW - 86400, options_json=JobOptions().to_json()),
    ])
    rows = [(model.index(r, Column.FILE).data(), model.index(r, Column.ADDED).data(),
             model.index(r, Column.OPTIONS).data()) for r in range(2)]
    assert rows[0][0] == rows[1][0] == "interview.m4a"
    assert rows[0][1:] != rows[1][1:]
    assert "German" in rows[0][2] and "English" in rows[1][2]


def test_changed_options_of_a_queued_job_show_at_once() -> None:
    model = JobTableModel()
    model.reset([view(Phase.QUEUED, options_json=JobOptions().to_json())])
    assert "English" in model.index(0, Column.OPTIONS).data()
    model.upsert(view(Phase.QUEUED, options_json=JobOptions(language="fr").to_json()))
    assert "French" in model.index(0, Column.OPTIONS).data()


def test_a_narrow_queue_shows_cards_with_status_and_a_wide_one_the_table(qtbot: Any) -> None:
    model = JobTableModel()
    model.reset([view(Phase.UPLOADING, id=i, sent=5, total=10, created_at=NOW) for i in range(6)])
    queue = JobQueueView(model)
    qtbot.addWidget(queue)
    queue.resize(340, 520)
    queue.show()
    qtbot.waitUntil(queue.is_compact)
    table = queue.table
    assert [c for c in Column if not table.isColumnHidden(c)] == [Column.FILE]
    assert not table.horizontalHeader().isVisible()
    QApplication.processEvents()
    card = table.rowHeight(0)
    assert card >= 3 * table.fontMetrics().lineSpacing()  # name, date · options, status
    visible = table.viewport().height() // card
    assert visible >= 5  # the bar: at least five jobs at a glance
    image = table.viewport().grab().toImage()
    assert not image.isNull()
    queue.resize(1100, 300)
    qtbot.waitUntil(lambda: not queue.is_compact())
    assert not table.isColumnHidden(Column.STATUS) and table.horizontalHeader().isVisible()


def test_the_search_box_finds_words_inside_transcripts(apps, sandbox, audio, loop, qtbot):
    ctx = apps.account(sandbox)
    ctx.window.add_paths([str(audio("first.ogg"))])  # the sample: its true words come back
    ctx.window.add_paths([str(audio("second.ogg"))])  # other audio: placeholder words
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 2
                         and all(v.record.phase is Phase.DONE for v in ctx.jobs.views()),
                         what="both done"))
    first = next(v.id for v in ctx.jobs.views() if v.record.file_name == "first.ogg")
    queue = ctx.window.queue
    transcript = json.loads(run(loop, ctx.db.call(ctx.db.history.load_transcript, first)))
    spoken = next(r["alternatives"][0]["content"] for r in transcript["results"]
                  if r["type"] == "word" and len(r["alternatives"][0]["content"]) > 5)
    queue.edit_search.setText(spoken[:5].upper())  # a word's beginning, any case
    qtbot.waitUntil(lambda: queue.proxy.rowCount() == 1, timeout=5000)
    shown = queue.proxy.index(0, Column.FILE).data()
    assert shown == "first.ogg"
    queue.edit_search.setText("second")  # file names are still searched
    qtbot.waitUntil(lambda: queue.proxy.rowCount() == 1
                    and queue.proxy.index(0, Column.FILE).data() == "second.ogg", timeout=5000)
    queue.edit_search.setText("zzzzqqq")
    qtbot.waitUntil(lambda: queue.proxy.rowCount() == 0, timeout=5000)
    shown = ctx.window.shown_job
    assert shown is not None and queue.selected_job_id() is None  # its row is filtered out
    queue.edit_search.clear()
    # Its row is back, and highlighted again: the row and the transcript shown agree.
    qtbot.waitUntil(lambda: queue.selected_job_id() == shown, timeout=5000)
