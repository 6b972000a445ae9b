"""Desktop conventions of the main window, and `smdesk FILE... --sandbox` through main()."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
)

from smdesk.app.main import main
from smdesk.app.windows.main_window import MainWindow
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.history import Phase
from tests.app.conftest import run, wait_until


def test_standard_shortcuts_and_menus(apps, sandbox):
    window = apps.account(sandbox).window
    std = QKeySequence.StandardKey
    assert window.acts.add_files.shortcut() == QKeySequence(std.Open)
    assert window.acts.quit.shortcut() == QKeySequence(std.Quit)
    assert window.acts.copy.shortcut() == QKeySequence(std.Copy)
    assert window.pane.find_action.shortcut() == QKeySequence(std.Find)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Playback", "Account", "Help"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Add files…" in texts and "Add &folder…" in texts


def test_controls_have_accessible_names(apps, sandbox):
    window = apps.account(sandbox).window
    mine = [window.drop_zone, window.queue, window.notices]
    unnamed = []
    for parent in mine:
        widgets = [w for kind in (QAbstractButton, QLineEdit, QAbstractItemView)
                   for w in parent.findChildren(kind)]
        for widget in widgets:
            if isinstance(widget.parent(), (QLineEdit, QAbstractItemView)):
                continue  # Qt's own sub-controls (clear button, table corner)
            if not widget.accessibleName() and not (
                isinstance(widget, QAbstractButton) and widget.text()
            ):
                unnamed.append(widget)
    assert unnamed == []
    assert window.drop_zone.accessibleName() == "Drop zone"
    assert window.queue.table.accessibleName() == "Jobs"


def test_window_icon_name_and_keyboard_find(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    window = ctx.window
    assert window.windowTitle() == "smdesk"
    assert not window.windowIcon().isNull()
    window.add_paths([str(audio())])
    run(loop, wait_until(lambda: window.pane.transcript() is not None))
    assert window.windowTitle() == "interview.ogg — smdesk"
    window.pane.find_action.trigger()
    assert window.pane.find_bar.isVisible()


def test_geometry_and_options_are_remembered(apps, sandbox, loop):
    first = apps.account(sandbox)
    first.window.resize(780, 530)  # fits the offscreen screen (800x600)
    size = first.window.size()
    options = first.window.options_flows.last_used()
    options.language = "de"
    first.window.options_flows.set_last_used(options)
    apps.close(first)

    second = apps.account(sandbox)
    assert second.window.size() == size
    assert size.height() == 530
    assert second.window.options_flows.last_used().language == "de"


def test_main_with_files_and_sandbox_flag_queues_and_finishes(qapp, tmp_path, smdesk_home):
    recording = tmp_path / "from the command line.ogg"
    shutil.copyfile(SAMPLE_AUDIO, recording)
    seen: dict[str, object] = {}
    deadline = [0]

    def check() -> None:
        deadline[0] += 1
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next((w for w in windows if w.isVisible()), None)
        if window is None:
            return
        sheet = window.options_flows.sheet
        if sheet is not None and sheet.isVisible():  # files opened with smdesk ask for options
            seen["sheet_files"] = list(sheet.paths)
            sheet.ok_button.click()
        views = window.jobs.views()
        if (views and views[0].record.phase is Phase.DONE) or deadline[0] > 600:
            seen["views"] = views
            seen["mode"] = window.session.describe()
            timer.stop()
            window.close()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(50)
    assert main([str(recording), "--sandbox"]) == 0
    views = seen["views"]
    assert seen["sheet_files"] == [str(recording)]
    assert [v.record.file_name for v in views] == ["from the command line.ogg"]
    assert views[0].record.phase is Phase.DONE
    assert "Sandbox" in seen["mode"]


def test_unexpected_errors_are_logged_and_shown_without_a_modal(apps, sandbox, smdesk_home):
    from smdesk.app.errors import error_policy, setup_logging
    from smdesk.store.paths import log_dir

    log_file = setup_logging(log_dir())
    window = apps.account(sandbox).window
    error = ValueError("boom")
    error_policy.excepthook(ValueError, error, None)
    assert window.notices.isVisible()
    assert "Something unexpected went wrong (ValueError)" in window.notices.text()
    assert QApplication.activeModalWidget() is None
    assert "Unhandled exception" in log_file.read_text()


def test_damaged_history_is_moved_aside_with_a_notice(apps, sandbox, smdesk_home):
    from smdesk.store.paths import history_path

    history_path().write_bytes(b"this is not a database" * 100)
    ctx = apps.account(sandbox)
    assert "job history was damaged" in ctx.window.notices.text()
    kept = list(history_path().parent.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1
    assert ctx.jobs.views() == []


def test_add_files_and_folder_dialogs_are_non_modal_and_queue(apps, sandbox, audio, loop,
                                                              tmp_path):
    from PySide6.QtWidgets import QFileDialog

    ctx = apps.account(sandbox)
    ctx.window.acts.add_files.trigger()
    dialog = ctx.window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert QApplication.activeModalWidget() in (None, dialog)  # open(), not exec()
    dialog.filesSelected.emit([str(audio("picked.ogg"))])
    dialog.reject()
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 1))

    folder = tmp_path / "recordings"
    folder.mkdir()
    audio("in folder.ogg").replace(folder / "in folder.ogg")
    ctx.window.drop_zone.btn_add_folder.click()
    dialogs = [d for d in ctx.window.findChildren(QFileDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].fileSelected.emit(str(folder))
    dialogs[0].reject()
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 2))
    assert {v.record.file_name for v in ctx.jobs.views()} == {"picked.ogg", "in folder.ogg"}
