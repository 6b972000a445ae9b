"""The export dialog's "Also the translations" boxes: one per language the ticked jobs have.

The dialog tells it which languages to offer (``set_languages``) whenever the ticked jobs or
what is known of their translations change; a box that comes back keeps its tick, a new one
follows the remembered choice (``remember``). ``changed`` on every tick and every new set.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from smdesk.core.languages import language_name


class TranslationChoice(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Translations to export")
        self.boxes: dict[str, QCheckBox] = {}
        self._remembered: frozenset[str] | None = None  # None: every language
        self._ticks: dict[str, bool] = {}  # a language's tick while it is not offered
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)

    def remember(self, translations: Iterable[str] | None) -> None:
        """The stored choice (None: all of them): applied to the boxes shown and to come."""
        self._remembered = None if translations is None else frozenset(translations)
        self._ticks.clear()
        for code, box in self.boxes.items():
            box.setChecked(self._wanted(code))

    def set_languages(self, codes: Iterable[str]) -> None:
        wanted = sorted(set(codes))
        if wanted == list(self.boxes):
            return
        for code in [c for c in self.boxes if c not in wanted]:
            box = self.boxes.pop(code)
            self._ticks[code] = box.isChecked()
            self._layout.removeWidget(box)
            box.deleteLater()
        for code in wanted:
            if code not in self.boxes:
                box = QCheckBox(language_name(code), self)
                box.setChecked(self._ticks.get(code, self._wanted(code)))
                box.toggled.connect(self.changed)
                self.boxes[code] = box
        for position, code in enumerate(sorted(wanted, key=language_name)):  # as they read
            self._layout.insertWidget(position, self.boxes[code])
        self.changed.emit()

    def offered(self) -> list[str]:
        """The languages' codes, in the order shown (by name)."""
        return sorted(self.boxes, key=language_name)

    def is_chosen(self, code: str) -> bool:
        box = self.boxes.get(code)
        return box is not None and box.isChecked()

    def chosen(self) -> tuple[str, ...] | None:
        """The ticked languages; None when every offered one is ticked (then each job exports
        all the translations it has)."""
        ticked = tuple(c for c, box in self.boxes.items() if box.isChecked())
        return None if len(ticked) == len(self.boxes) else ticked

    def _wanted(self, code: str) -> bool:
        return self._remembered is None or code in self._remembered
