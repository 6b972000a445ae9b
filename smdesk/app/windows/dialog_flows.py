"""Dialog flows: API key / sandbox on first start, the privacy notice before the first upload,
and Settings. Every dialog is shown with ``open()`` and answered through signals, never
``exec()``, so the asyncio loop keeps running (uploads continue while a dialog is up).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from smdesk.app.controllers.jobs import JobsController
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.session import Mode, SessionController, endpoint_label
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.widgets.inline_message import Level
from smdesk.app.windows.api_key_dialog import ApiKeyDialog
from smdesk.app.windows.privacy_notice import PrivacyNoticeDialog
from smdesk.app.windows.settings_dialog import SettingsDialog
from smdesk.store.settings import AppSettings

log = logging.getLogger(__name__)

NOT_CONNECTED = (
    "Not connected: choose Account → Change API key to use Speechmatics, or Account → Try "
    "without an account. Queued files wait until then."
)


class DialogFlows:
    def __init__(
        self,
        parent: QWidget,
        session: SessionController,
        jobs: JobsController,
        prefs: PreferencesController,
        tasks: TaskRegistry,
        notify: object,
    ) -> None:
        self._parent = parent
        self._session = session
        self._jobs = jobs
        self._prefs = prefs
        self._tasks = tasks
        self._notify = notify  # callable(list[str], Level)
        self.key_dialog: ApiKeyDialog | None = None
        self.privacy_dialog: PrivacyNoticeDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        session.key_needed.connect(self.ask_for_key)
        session.key_rejected.connect(self._key_rejected)
        session.key_accepted.connect(self._key_accepted)
        jobs.privacy_needed.connect(self.ask_privacy)

    def _say(self, text: str, level: Level = Level.INFO) -> None:
        self._notify([text], level)  # type: ignore[operator]

    # ---- API key --------------------------------------------------------------------------
    def ask_for_key(self, reason: str = "") -> None:
        if self.key_dialog is None:
            dialog = ApiKeyDialog(self._parent,
                                  keyring_available=not self._session.keyring_missing)
            dialog.key_submitted.connect(self._submit_key)
            dialog.sandbox_requested.connect(self._start_sandbox)
            dialog.rejected.connect(self._key_dialog_closed)
            dialog.finished.connect(self._forget_key_dialog)
            self.key_dialog = dialog
        if reason:
            self.key_dialog.show_warning(reason)
        self.key_dialog.open()

    def _submit_key(self, key: str) -> None:
        if self.key_dialog is not None:
            self.key_dialog.set_busy(True)
        self._tasks.spawn(self._session.submit_key(key), name="check-key", key=("key",))

    def _key_rejected(self, message: str) -> None:
        if self.key_dialog is not None:
            self.key_dialog.show_error(message)
        else:
            self._say(message, Level.ERROR)

    def _key_accepted(self) -> None:
        if self.key_dialog is not None:
            self.key_dialog.set_busy(False)
            self.key_dialog.accept()
        self._prefs.update(start_without_account=False)
        self._say("API key accepted; new jobs go to Speechmatics.")

    def _start_sandbox(self) -> None:
        self._prefs.update(start_without_account=True)
        self._tasks.spawn(self._session.start_sandbox(), name="start-sandbox", key=("sandbox",))

    def _key_dialog_closed(self) -> None:
        if self._session.mode is Mode.NONE:
            self._say(NOT_CONNECTED, Level.WARNING)

    def _forget_key_dialog(self, _result: int) -> None:
        dialog, self.key_dialog = self.key_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # ---- privacy notice -------------------------------------------------------------------
    def ask_privacy(self) -> None:
        if self.privacy_dialog is not None:
            self.privacy_dialog.raise_()
            return
        endpoint = self._session.current_endpoint() or self._session.endpoint_url
        dialog = PrivacyNoticeDialog(
            endpoint_label(endpoint), self._prefs.settings.delete_after_download, self._parent
        )
        dialog.decided.connect(self._privacy_decided)
        self.privacy_dialog = dialog
        dialog.open()

    def _privacy_decided(self, accepted: bool, delete_after: bool) -> None:
        dialog, self.privacy_dialog = self.privacy_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._prefs.update(privacy_notice_accepted=accepted, delete_after_download=delete_after)
        self._jobs.delete_after_download = delete_after
        self._jobs.privacy_decided(accepted)

    # ---- settings -------------------------------------------------------------------------
    def open_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return
        dialog = SettingsDialog(self._prefs.settings, self._parent)
        dialog.settings_accepted.connect(self.apply_settings)
        dialog.change_key_requested.connect(lambda: self.ask_for_key(""))
        dialog.finished.connect(self._forget_settings_dialog)
        self.settings_dialog = dialog
        dialog.open()

    def _forget_settings_dialog(self, _result: int) -> None:
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def apply_settings(self, settings: AppSettings) -> None:
        self._prefs.replace(settings)
        self._session.set_endpoint(settings.endpoint)
        self._jobs.set_concurrency(settings.concurrency)
        self._jobs.delete_after_download = settings.delete_after_download
