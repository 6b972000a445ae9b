"""The main window's actions and menus, in one place (standard shortcuts, accessible names).

The window connects these actions to controller intents; this module only builds them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QStyle

from smdesk.app.transcript.pane_actions import PaneActions


@dataclass
class MainActions:
    add_files: QAction
    add_folder: QAction
    export: QAction
    export_txt: QAction
    export_srt: QAction
    export_vtt: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    revert: QAction
    copy: QAction
    settings: QAction
    known_voices: QAction
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
        export=_action(window, "&Export…", QKeySequence("Ctrl+E"),
                       "Export transcripts as DOCX, text, subtitles, Markdown, CSV or JSON"),
        export_txt=_action(window, "Export as &text…", None,
                           "Save the open transcript as a .txt file"),
        export_srt=_action(window, "Export as &subtitles (SRT)…", QKeySequence("Ctrl+Shift+E"),
                           "Save the open transcript as an .srt subtitle file"),
        export_vtt=_action(window, "Export as &WebVTT subtitles…", None,
                           "Save the open transcript as a .vtt subtitle file (web players)"),
        quit=_action(window, "&Quit", std.Quit, "Quit; unfinished jobs resume next time"),
        undo=_action(window, "&Undo", std.Undo, "Undo the last change to the transcript"),
        redo=_action(window, "&Redo", std.Redo, "Redo the change just undone"),
        revert=_action(window, "Revert to the &original transcript",
                       tip="Read the transcript as Speechmatics returned it (can be undone)"),
        copy=_action(window, "&Copy", std.Copy),
        settings=_action(window, "&Settings…", std.Preferences,
                         "Region, parallel jobs and server clean-up"),
        known_voices=_action(window, "Known &voices…", tip="The voices new jobs can name by "
                             "themselves: rename or delete them"),
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


def build_menus(menu_bar: QMenuBar, a: MainActions) -> dict[str, QMenu]:
    """The menu bar; returns the menus by name so features can add their actions."""
    file_menu = menu_bar.addMenu("&File")
    file_menu.addActions([a.add_files, a.add_folder, a.new_options])
    file_menu.addSeparator()
    file_menu.addActions([a.export, a.export_txt, a.export_srt, a.export_vtt])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = menu_bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo, a.revert])
    edit_menu.addSeparator()
    edit_menu.addAction(a.copy)
    edit_menu.addSeparator()
    edit_menu.addActions([a.known_voices, a.settings])
    account_menu = menu_bar.addMenu("&Account")
    account_menu.addActions([a.change_key, a.use_account, a.use_sandbox])
    account_menu.addSeparator()
    account_menu.addAction(a.forget_key)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addActions([a.open_logs, a.about])
    return {"file": file_menu, "edit": edit_menu, "account": account_menu, "help": help_menu}


# ---- Playback (the transcript's player) ------------------------------------------------------
# Keys transcribers use, chosen to work while typing in the transcript: none of them is a text
# editing binding of QPlainTextEdit on Linux/Windows (tests/app/test_player_keys.py checks it).
# On macOS Qt's "Ctrl" is Command (Cmd+Space is Spotlight, Cmd+, is Settings, Option+←/→ move
# by word), so the Mac gets Control+Space and Command+Option+←/→ instead.
_MAC = sys.platform == "darwin"
PLAY_PAUSE_KEYS = ("Meta+Space",) if _MAC else ("Ctrl+Space",)
SKIP_BACK_KEYS = ("Ctrl+Alt+Left",) if _MAC else ("Ctrl+,", "Alt+Left")
SKIP_FORWARD_KEYS = ("Ctrl+Alt+Right",) if _MAC else ("Ctrl+.", "Alt+Right")
SLOWER_KEYS = ("Ctrl+[",)
FASTER_KEYS = ("Ctrl+]",)


@dataclass
class PlaybackActions:
    play_pause: QAction
    skip_back: QAction
    skip_forward: QAction
    slower: QAction
    faster: QAction
    normal_speed: QAction
    rewind_on_resume: QAction  # checkable

    def transport(self) -> list[QAction]:
        return [self.play_pause, self.skip_back, self.skip_forward, self.slower, self.faster,
                self.normal_speed]


def _keyed(window: QMainWindow, text: str, keys: tuple[str, ...], tip: str,
           icon: QStyle.StandardPixmap | None = None) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    # the whole window, whichever widget has the focus (the transcript while typing)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shown})")
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    return action


def build_playback_actions(window: QMainWindow, skip_seconds: float = 5) -> PlaybackActions:
    pix = QStyle.StandardPixmap
    play_pause = _keyed(window, "&Play", PLAY_PAUSE_KEYS, "Play or pause the recording",
                        pix.SP_MediaPlay)
    play_pause.setShortcuts([*play_pause.shortcuts(), QKeySequence(Qt.Key.Key_MediaTogglePlayPause),
                             QKeySequence(Qt.Key.Key_MediaPlay)])
    rewind = QAction("&Rewind 2 s when resuming", window)
    rewind.setCheckable(True)
    rewind.setStatusTip("After a pause, play again from two seconds earlier")
    return PlaybackActions(
        play_pause=play_pause,
        skip_back=_keyed(window, f"Skip &back {skip_seconds:g} s", SKIP_BACK_KEYS,
                         f"Back {skip_seconds:g} seconds", pix.SP_MediaSeekBackward),
        skip_forward=_keyed(window, f"Skip &forward {skip_seconds:g} s", SKIP_FORWARD_KEYS,
                            f"Forward {skip_seconds:g} seconds", pix.SP_MediaSeekForward),
        slower=_keyed(window, "&Slower", SLOWER_KEYS, "Play more slowly"),
        faster=_keyed(window, "F&aster", FASTER_KEYS, "Play faster"),
        normal_speed=_keyed(window, "&Normal speed", ("Ctrl+\\",), "Play at normal speed"),
        rewind_on_resume=rewind,
    )


def add_playback_menu(menu_bar: QMenuBar, p: PlaybackActions) -> QMenu:
    """A "Playback" menu after "Edit" (or at the end)."""
    menu = QMenu("&Playback", menu_bar)
    menu.addActions([p.play_pause, p.skip_back, p.skip_forward])
    menu.addSeparator()
    menu.addActions([p.slower, p.faster, p.normal_speed])
    menu.addSeparator()
    menu.addAction(p.rewind_on_resume)
    menus = [a for a in menu_bar.actions() if a.menu() is not None]
    edit = next((i for i, a in enumerate(menus) if a.text().replace("&", "") == "Edit"), None)
    before = menus[edit + 1] if edit is not None and edit + 1 < len(menus) else None
    if before is None:
        menu_bar.addMenu(menu)
    else:
        menu_bar.insertMenu(before, menu)
    return menu


def add_transcript_actions(edit_menu: QMenu, a: MainActions, pane: PaneActions) -> None:
    """The transcript pane's own actions go into the Edit menu after Copy. The pane makes them
    window-wide (one QAction per shortcut), so Ctrl+F, Ctrl+H and F8 work wherever the focus is."""
    pane.make_window_wide()
    anchor = edit_menu.actions()[edit_menu.actions().index(a.copy) + 1]
    groups = ([pane.copy_quote], [pane.find, pane.replace, pane.find_next, pane.find_previous],
              [pane.next_uncertain, pane.previous_uncertain, pane.accept_word])
    for group in groups:
        edit_menu.insertActions(anchor, group)
        edit_menu.insertSeparator(anchor)
