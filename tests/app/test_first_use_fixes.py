"""Problems found by using the app as a new user would (issue 6 §6), each pinned by a test."""

from __future__ import annotations

from typing import Any

import keyring
from keyring.backends import fail
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QScrollArea, QWidget

from smdesk.app.controllers.session import Mode
from smdesk.app.widgets.options_panel import OptionsPanel
from smdesk.app.widgets.status_bar import StatusBar
from smdesk.app.windows.api_key_dialog import KEPT_FOR_SESSION, KEPT_IN_KEYRING
from smdesk.app.windows.main_window import FIRST_START_SIZE
from smdesk.store.secrets import KeyringSecretStore
from tests.app.conftest import run, wait_until


def _wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over ``widget`` (negative: scroll down)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_an_unfocused_control_scrolls_the_panel_instead(qtbot: Any) -> None:
    panel = OptionsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 300)  # short: the options column scrolls
    panel.show()
    qtbot.waitExposed(panel)
    scroll = panel.findChild(QScrollArea)
    preset, length, accuracy = panel.diarization, panel.sensitivity, panel.operating_point
    before = (preset.currentIndex(), length.value(), accuracy.currentIndex())
    scroll.verticalScrollBar().setValue(0)
    for control in (accuracy, length, preset):
        _wheel(control)
    assert (preset.currentIndex(), length.value(), accuracy.currentIndex()) == before
    assert scroll.verticalScrollBar().value() > 0  # the wheel went to the page

    length.setFocus()
    qtbot.waitUntil(length.hasFocus)
    _wheel(length, steps=1)  # focused on purpose: now the wheel is for the control
    assert length.value() > before[1]


def test_typing_english_offers_english_before_the_bilingual_packs(qtbot: Any) -> None:
    panel = OptionsPanel()
    qtbot.addWidget(panel)
    editor = panel.language.lineEdit()
    editor.clear()
    QTest.keyClicks(editor, "English")
    offered = panel.language.completion_labels()
    assert offered[0] == "English (en)"
    assert "Arabic & English (ar_en)" in offered  # still offered, after English
    editor.editingFinished.emit()
    assert panel.options().language == "en"


def test_switching_language_back_restores_the_dropped_translations(qtbot: Any) -> None:
    panel = OptionsPanel()
    qtbot.addWidget(panel)
    picker = panel.translation
    picker.set_source("en")
    picker.set_checked("de", True)
    picker.set_checked("fr", True)
    assert picker.set_source("ja") == ["de", "fr"]
    assert picker.targets() == []
    picker.set_source("en")
    assert picker.targets() == ["de", "fr"]
    assert "Restored translation into German, French" in picker.notice()
    picker.set_checked("de", False)  # an untick is a real choice: not restored later
    picker.set_source("ja")
    picker.set_source("en")
    assert picker.targets() == ["fr"]


def test_a_long_status_message_stays_clear_of_the_permanent_label(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = StatusBar(window)
    window.setStatusBar(bar)
    label = QLabel("Sandbox · nothing leaves this computer", window)
    bar.addPermanentWidget(label)
    window.resize(640, 200)
    window.show()
    qtbot.waitExposed(window)
    text = "interview-with-the-mayor.m4a failed: " + "Speechmatics could not process it. " * 4
    bar.showMessage(text, 5000)
    shown = bar.currentMessage()
    assert shown != text and shown.endswith("…")
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.width() - label.width()
    assert bar.toolTip() == text and bar.full_message() == text


def _key_dialog(ctx: Any, loop: Any) -> Any:
    return run(loop, wait_until(lambda: ctx.window.flows.key_dialog, what="API key dialog"))


def _clipped_labels(dialog: QWidget) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap()
            and label.height() < label.heightForWidth(label.width())]


def test_key_dialog_without_keyring_neither_clips_nor_promises_a_keyring(apps, sandbox, loop):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        ctx = apps.fresh(url=sandbox.url, secret_store=KeyringSecretStore())
        dialog = _key_dialog(ctx, loop)
        run(loop, wait_until(dialog.isVisible, what="dialog shown"))
        QApplication.processEvents()
        assert KEPT_FOR_SESSION in dialog.intro_label.text()
        assert KEPT_IN_KEYRING not in dialog.intro_label.text()
        assert "keyring" in dialog.error_text().lower()
        assert _clipped_labels(dialog) == []
        assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    finally:
        keyring.set_keyring(previous)


def test_try_without_an_account_is_remembered_at_the_next_start(apps, loop):
    ctx = apps.fresh()
    _key_dialog(ctx, loop).sandbox_button.click()
    run(loop, wait_until(lambda: ctx.session.mode is Mode.SANDBOX, what="sandbox mode"))
    run(loop, ctx.prefs.flush())
    apps.close(ctx)

    again = apps.fresh()  # no key anywhere, as before
    assert again.session.mode is Mode.SANDBOX
    assert again.window.flows.key_dialog is None


def test_the_first_window_fits_the_screen_it_opens_on(apps, sandbox):
    window = apps.account(sandbox).window
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert window.size() == FIRST_START_SIZE.boundedTo(room.size())
