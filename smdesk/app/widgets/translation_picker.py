"""Pick up to MAX_TRANSLATION_TARGETS languages to translate into, from the pairs the API supports.

The list only offers targets that ``core.languages.translation_targets(source)`` allows for the
chosen transcription language. Ticking one more than the API accepts is refused with a visible
reason rather than silently ignored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.app.widgets.language_combo import language_label
from smdesk.core.languages import MAX_TRANSLATION_TARGETS, language_name, translation_targets

CODE_ROLE = Qt.ItemDataRole.UserRole


class TranslationPicker(QWidget):
    """Checkable, filterable list of target languages; ``targets()`` keeps the order ticked."""

    targets_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = "en"
        self._targets: list[str] = []
        # What the user ticked, including targets the current language cannot reach: switching
        # to such a language and back restores them instead of losing the choice.
        self._wanted: list[str] = []
        self._filter = QLineEdit(self)
        self._filter.setPlaceholderText("Filter languages")
        self._filter.setClearButtonEnabled(True)
        self._filter.setAccessibleName("Filter translation languages")
        self._list = QListWidget(self)
        self._list.setAccessibleName("Translate into")
        self._list.setToolTip(
            f"Tick up to {MAX_TRANSLATION_TARGETS} languages. Only languages Speechmatics can "
            "translate the chosen transcription language into are listed."
        )
        self._list.setMinimumHeight(90)
        self._summary = QLabel(self)
        self._summary.setWordWrap(True)
        self._notice = InlineMessage(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Translate into:", self)
        label.setBuddy(self._list)
        layout.addWidget(label)
        layout.addWidget(self._filter)
        layout.addWidget(self._list)
        layout.addWidget(self._summary)
        layout.addWidget(self._notice)
        self._filter.textChanged.connect(self._apply_filter)
        self._list.itemChanged.connect(self._on_item_changed)
        self._rebuild()

    # -- public API -----------------------------------------------------------------------
    def targets(self) -> list[str]:
        return list(self._targets)

    def set_targets(self, targets: list[str]) -> None:
        """Tick exactly these targets (unsupported ones stay listed so validation can name them)."""
        self._targets = list(dict.fromkeys(targets))
        self._wanted = list(self._targets)
        self._notice.clear()
        self._rebuild()

    def set_source(self, source: str) -> list[str]:
        """Offer the targets of ``source``; drop ticked ones it cannot reach and return those.

        Targets dropped by an earlier language change come back when ``source`` reaches them.
        """
        self._source = source
        allowed = set(translation_targets(source))
        before = self._targets
        dropped = [code for code in before if code not in allowed]
        self._targets = [code for code in self._wanted if code in allowed]
        self._targets = self._targets[:MAX_TRANSLATION_TARGETS]
        restored = [code for code in self._targets if code not in before]
        self._rebuild()
        source_name = language_name(source)
        sentences = []
        if dropped:
            names = ", ".join(language_name(c) for c in dropped)
            sentences.append(f"Removed translation into {names}: not available from {source_name}.")
        if restored:
            names = ", ".join(language_name(c) for c in restored)
            sentences.append(f"Restored translation into {names}.")
        if sentences:
            self._notice.show_message(" ".join(sentences), Level.INFO)
        else:
            self._notice.clear()
        return dropped

    def is_available(self) -> bool:
        return self._list.count() > 0

    def notice(self) -> str:
        return self._notice.text()

    def set_checked(self, code: str, checked: bool) -> None:
        """Tick or untick one language as a user would (limits apply)."""
        for row in range(self._list.count()):
            item = self._list.item(row)
            if item.data(CODE_ROLE) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(code)

    # -- internals ------------------------------------------------------------------------
    def _rebuild(self) -> None:
        offered = list(translation_targets(self._source))
        offered += [c for c in self._targets if c not in offered]  # keep unsupported ones visible
        offered.sort(key=lambda c: language_name(c).casefold())
        self._list.blockSignals(True)
        self._list.clear()
        for code in offered:
            item = QListWidgetItem(language_label(code))
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if code in self._targets else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self._list.addItem(item)
        self._list.blockSignals(False)
        self._apply_filter(self._filter.text())
        self._update_summary()

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self._list.count()):
            item = self._list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        code = str(item.data(CODE_ROLE))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and code not in self._targets:
            if len(self._targets) >= MAX_TRANSLATION_TARGETS:
                self._list.blockSignals(True)
                item.setCheckState(Qt.CheckState.Unchecked)
                self._list.blockSignals(False)
                self._notice.show_message(
                    f"Speechmatics translates into at most {MAX_TRANSLATION_TARGETS} languages "
                    f"per file; untick one before adding {language_name(code)}.",
                    Level.WARNING,
                )
                return
            self._targets.append(code)
            if code not in self._wanted:
                self._wanted.append(code)
        elif not checked and code in self._targets:
            self._targets.remove(code)
            if code in self._wanted:
                self._wanted.remove(code)
        self._notice.clear()
        self._update_summary()
        self.targets_changed.emit()

    def _update_summary(self) -> None:
        if self._list.count() == 0:
            name = language_name(self._source)
            self._summary.setText(f"Translation is not available from {name}.")
        elif not self._targets:
            self._summary.setText(f"No translation (up to {MAX_TRANSLATION_TARGETS} languages).")
        else:
            names = ", ".join(language_name(c) for c in self._targets)
            self._summary.setText(
                f"Into {names} ({len(self._targets)} of {MAX_TRANSLATION_TARGETS})."
            )
        self._filter.setEnabled(self._list.count() > 0)
        self._list.setEnabled(self._list.count() > 0)
