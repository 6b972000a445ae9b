"""The pane's keyboard actions, built in one place.

Standalone (tests, a detached pane) they work inside the pane; the main window adopts the very
same QActions into its Edit menu with a window-wide context, so each shortcut has one owner and
works wherever the focus is (two actions on Ctrl+F made Qt report an ambiguous shortcut).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass
class PaneActions:
    find: QAction
    replace: QAction
    find_next: QAction
    find_previous: QAction
    next_uncertain: QAction
    previous_uncertain: QAction
    accept_word: QAction
    copy_quote: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def make_window_wide(self) -> None:
        for action in self.all():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)


def build_pane_actions(owner: QWidget, slots: dict[str, Callable[[], object]]) -> PaneActions:
    std = QKeySequence.StandardKey
    specs: dict[str, tuple[str, QKeySequence, str]] = {
        "find": ("&Find…", QKeySequence(std.Find), "Find in the transcript"),
        "replace": ("&Replace…", QKeySequence("Ctrl+H"), "Find and replace in the transcript"),
        "find_next": ("Find &next", QKeySequence(std.FindNext), ""),
        "find_previous": ("Find pre&vious", QKeySequence(std.FindPrevious), ""),
        "next_uncertain": ("Next word to chec&k", QKeySequence("F8"),
                           "Jump to the next uncertain word and play from a second before it"),
        "previous_uncertain": ("Previous word to check", QKeySequence("Shift+F8"), ""),
        "accept_word": ("Mark word as correc&t", QKeySequence("Ctrl+Return"),
                        "The selected uncertain word is right: it no longer needs checking"),
        "copy_quote": ("Copy as &quote", QKeySequence("Ctrl+Shift+C"),
                       "Copy the selection as “…” with the speaker's name and the time"),
    }
    actions: dict[str, QAction] = {}
    for name, (text, keys, tip) in specs.items():
        action = QAction(text, owner)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        slot = slots[name]
        action.triggered.connect(lambda _=False, slot=slot: slot())
        owner.addAction(action)
        actions[name] = action
    return PaneActions(**actions)
