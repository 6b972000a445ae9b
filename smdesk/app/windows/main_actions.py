"""The main window's actions and menus, in one place (standard shortcuts, accessible names).

The window connects these actions to controller intents; this module only builds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar


@dataclass
class MainActions:
    add_files: QAction
    add_folder: QAction
    export_txt: QAction
    export_srt: QAction
    quit: QAction
    copy: QAction
    find: QAction
    settings: QAction
    new_options: QAction
    change_key: QAction
    use_sandbox: QAction
    use_account: QAction
    forget_key: QAction
    open_logs: QAction
    about: QAction


def _action(
    window: QMainWindow, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_actions(window: QMainWindow) -> MainActions:
    std = QKeySequence.StandardKey
    return MainActions(
        add_files=_action(window, "&Add files…", std.Open, "Queue audio or video files"),
        add_folder=_action(window, "Add &folder…", QKeySequence("Ctrl+Shift+O"),
                           "Queue every audio and video file in a folder and its subfolders"),
        export_txt=_action(window, "Export as &text…", QKeySequence("Ctrl+E"),
                           "Save the open transcript as a .txt file"),
        export_srt=_action(window, "Export as &subtitles (SRT)…", QKeySequence("Ctrl+Shift+E"),
                           "Save the open transcript as an .srt subtitle file"),
        quit=_action(window, "&Quit", std.Quit, "Quit; unfinished jobs resume next time"),
        copy=_action(window, "&Copy", std.Copy),
        find=_action(window, "&Find in transcript…", std.Find),
        settings=_action(window, "&Settings…", std.Preferences,
                         "Region, parallel jobs and server clean-up"),
        new_options=_action(window, "&Options for new files…", QKeySequence("Ctrl+Shift+N"),
                            "Language, speakers, translation and summary for added files"),
        change_key=_action(window, "Change API &key…", tip="Enter a Speechmatics API key"),
        use_sandbox=_action(window, "&Try without an account (sandbox)",
                            tip="Use the built-in sandbox: nothing leaves this computer"),
        use_account=_action(window, "Use my Speechmatics &account",
                            tip="Send new jobs to Speechmatics with your API key"),
        forget_key=_action(window, "&Forget API key",
                           tip="Remove the API key from this computer's keyring"),
        open_logs=_action(window, "Open &log folder"),
        about=_action(window, "&About smdesk"),
    )


def build_menus(menu_bar: QMenuBar, a: MainActions) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.addActions([a.add_files, a.add_folder, a.new_options])
    file_menu.addSeparator()
    file_menu.addActions([a.export_txt, a.export_srt])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = menu_bar.addMenu("&Edit")
    edit_menu.addActions([a.copy, a.find])
    edit_menu.addSeparator()
    edit_menu.addAction(a.settings)
    account_menu = menu_bar.addMenu("&Account")
    account_menu.addActions([a.change_key, a.use_account, a.use_sandbox])
    account_menu.addSeparator()
    account_menu.addAction(a.forget_key)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addActions([a.open_logs, a.about])
