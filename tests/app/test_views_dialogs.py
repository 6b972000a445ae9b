"""ApiKeyDialog, SettingsDialog, PrivacyNoticeDialog: what they show, the signals they emit."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit

from smdesk.app.windows.api_key_dialog import PORTAL_URL, ApiKeyDialog
from smdesk.app.windows.privacy_notice import PrivacyNoticeDialog
from smdesk.app.windows.settings_dialog import CUSTOM, SettingsDialog
from smdesk.core.endpoints import REGIONS
from smdesk.store.settings import AppSettings

KEY = "sm-key-1234567890abcdef"


# -- API key dialog ----------------------------------------------------------------------------

@pytest.fixture
def key_dialog(qtbot: Any) -> ApiKeyDialog:
    dialog = ApiKeyDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_key_dialog_explains_and_links_to_the_portal(key_dialog: ApiKeyDialog) -> None:
    texts = " ".join(label.text() for label in key_dialog.findChildren(QLabel))
    assert "API key" in texts and "Speechmatics" in texts
    assert PORTAL_URL in key_dialog.link_label.text()
    assert key_dialog.link_label.openExternalLinks()
    assert key_dialog.key_field.echoMode() == QLineEdit.EchoMode.Password
    assert not key_dialog.save_button.isEnabled()  # nothing typed yet
    assert key_dialog.isVisible() and key_dialog.isModal()


def test_save_emits_the_trimmed_key_and_keeps_the_dialog_open(
        qtbot: Any, key_dialog: ApiKeyDialog) -> None:
    qtbot.keyClicks(key_dialog.key_field, f"  {KEY} ")
    with qtbot.waitSignal(key_dialog.key_submitted) as blocker:
        qtbot.mouseClick(key_dialog.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [KEY]
    assert key_dialog.isVisible()  # the controller closes it once the key is checked


def test_enter_submits_too(qtbot: Any, key_dialog: ApiKeyDialog) -> None:
    qtbot.keyClicks(key_dialog.key_field, KEY)
    with qtbot.waitSignal(key_dialog.key_submitted) as blocker:
        qtbot.keyClick(key_dialog.key_field, Qt.Key.Key_Return)
    assert blocker.args == [KEY]


def test_show_hide_toggles_the_echo_mode(qtbot: Any, key_dialog: ApiKeyDialog) -> None:
    key_dialog.reveal.click()
    assert key_dialog.key_field.echoMode() == QLineEdit.EchoMode.Normal
    assert key_dialog.reveal.text() == "Hide"
    key_dialog.reveal.click()
    assert key_dialog.key_field.echoMode() == QLineEdit.EchoMode.Password


def test_busy_shows_progress_and_blocks_resubmitting(qtbot: Any, key_dialog: ApiKeyDialog) -> None:
    qtbot.keyClicks(key_dialog.key_field, KEY)
    assert not key_dialog.progress.isVisible()
    key_dialog.set_busy(True)
    assert key_dialog.progress.isVisible() and key_dialog.progress_label.isVisible()
    assert not key_dialog.save_button.isEnabled()
    assert not key_dialog.sandbox_button.isEnabled()
    with qtbot.assertNotEmitted(key_dialog.key_submitted):
        qtbot.keyClick(key_dialog.key_field, Qt.Key.Key_Return)
    key_dialog.set_busy(False)
    assert key_dialog.save_button.isEnabled() and not key_dialog.progress.isVisible()


def test_show_error_is_inline_and_ends_busy(qtbot: Any, key_dialog: ApiKeyDialog) -> None:
    qtbot.keyClicks(key_dialog.key_field, KEY)
    key_dialog.set_busy(True)
    message = "Speechmatics did not accept this key; check that you copied all of it."
    key_dialog.show_error(message)
    assert key_dialog.error_text() == message
    assert key_dialog.error.isVisible()
    assert not key_dialog.is_busy() and key_dialog.save_button.isEnabled()
    assert KEY not in " ".join(label.text() for label in key_dialog.findChildren(QLabel))
    key_dialog.set_busy(True)  # trying again clears the old error
    assert key_dialog.error_text() == ""


def test_try_without_an_account_requests_the_sandbox(qtbot: Any,
                                                     key_dialog: ApiKeyDialog) -> None:
    with qtbot.waitSignal(key_dialog.sandbox_requested):
        key_dialog.sandbox_button.click()
    assert key_dialog.result() == QDialog.DialogCode.Accepted.value
    assert not key_dialog.isVisible()


# -- settings dialog ---------------------------------------------------------------------------

@pytest.fixture
def settings() -> AppSettings:
    return AppSettings(endpoint="eu1", concurrency=4, delete_after_download=False,
                       privacy_notice_accepted=True, last_options_json='{"language": "de"}',
                       window_geometry="Z2VvbQ==")


def open_settings(qtbot: Any, settings: AppSettings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def ok_button(dialog: SettingsDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_settings_shows_regions_by_name_and_the_current_values(
        qtbot: Any, settings: AppSettings) -> None:
    dialog = open_settings(qtbot, settings)
    names = [dialog.region.itemText(i) for i in range(dialog.region.count())]
    assert names == [name for name, _ in REGIONS.values()] + ["Custom URL…"]
    assert dialog.region.currentData() == "eu1"
    assert not dialog.custom_url.isEnabled()
    assert dialog.concurrency.value() == 4
    assert (dialog.concurrency.minimum(), dialog.concurrency.maximum()) == (1, 10)


def test_accepting_emits_changed_settings_and_keeps_the_rest(
        qtbot: Any, settings: AppSettings) -> None:
    dialog = open_settings(qtbot, settings)
    dialog.region.setCurrentIndex(dialog.region.findData("us1"))
    dialog.concurrency.setValue(7)
    dialog.delete_after.setChecked(True)
    with qtbot.waitSignal(dialog.settings_accepted) as blocker:
        ok_button(dialog).click()
    assert blocker.args[0] == dataclasses.replace(settings, endpoint="us1", concurrency=7,
                                                  delete_after_download=True)
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_custom_url_is_validated(qtbot: Any, settings: AppSettings) -> None:
    dialog = open_settings(qtbot, settings)
    dialog.region.setCurrentIndex(dialog.region.findData(CUSTOM))
    assert dialog.custom_url.isEnabled()
    assert not ok_button(dialog).isEnabled() and "Enter the custom" in dialog.error_text()
    dialog.custom_url.setText("ftp://asr.example.com/v2")
    assert not ok_button(dialog).isEnabled() and "ftp://asr.example.com/v2" in dialog.error_text()
    dialog.custom_url.setText("http://asr.example.com/v2")  # plain http only on this machine
    assert not ok_button(dialog).isEnabled()
    dialog.custom_url.setText("https://asr.example.com/v2")
    assert ok_button(dialog).isEnabled() and dialog.error_text() == ""
    with qtbot.waitSignal(dialog.settings_accepted) as blocker:
        ok_button(dialog).click()
    assert blocker.args[0].endpoint == "https://asr.example.com/v2"


def test_a_saved_custom_url_opens_as_custom(qtbot: Any, settings: AppSettings) -> None:
    dialog = open_settings(qtbot, dataclasses.replace(settings,
                                                      endpoint="http://127.0.0.1:8123/v2"))
    assert dialog.region.currentData() == CUSTOM
    assert dialog.custom_url.text() == "http://127.0.0.1:8123/v2"
    assert ok_button(dialog).isEnabled()


def test_change_key_and_cancel(qtbot: Any, settings: AppSettings) -> None:
    dialog = open_settings(qtbot, settings)
    with qtbot.waitSignal(dialog.change_key_requested):
        dialog.change_key.click()
    with qtbot.assertNotEmitted(dialog.settings_accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected.value


# -- privacy notice ----------------------------------------------------------------------------

def open_notice(qtbot: Any, delete_after: bool = False) -> PrivacyNoticeDialog:
    dialog = PrivacyNoticeDialog("Europe (EU1)", delete_after)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_notice_says_what_leaves_the_machine_and_for_how_long(qtbot: Any) -> None:
    dialog = open_notice(qtbot, delete_after=True)
    text = dialog.notice.text()
    assert "audio file" in text and "Europe (EU1)" in text and "7 days" in text
    assert dialog.delete_after.isChecked()


def test_accepting_reports_the_checkbox(qtbot: Any) -> None:
    dialog = open_notice(qtbot)
    dialog.delete_after.setChecked(True)
    decisions: list[tuple[bool, bool]] = []
    dialog.decided.connect(lambda accepted, delete: decisions.append((accepted, delete)))
    dialog.upload_button.click()
    assert decisions == [(True, True)]


@pytest.mark.parametrize("how", ["cancel", "escape", "close"])
def test_every_way_out_declines_exactly_once(qtbot: Any, how: str) -> None:
    dialog = open_notice(qtbot)
    decisions: list[tuple[bool, bool]] = []
    dialog.decided.connect(lambda accepted, delete: decisions.append((accepted, delete)))
    if how == "cancel":
        dialog.cancel_button.click()
    elif how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()
    dialog.reject()  # a second ending must not decide again
    assert decisions == [(False, False)]
