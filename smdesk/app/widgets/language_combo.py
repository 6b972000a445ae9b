"""A searchable language picker: type part of a name ("port", "Mand") or a code and pick."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from smdesk.core.languages import LANGUAGES, language_name, search_languages

AUTO = "auto"


def language_label(code: str) -> str:
    """'English (en)'; the code alone when the language is not in the list."""
    name = language_name(code)
    if code == AUTO:
        return name
    return f"{name} ({code})" if name != code else code


class LanguageCombo(QComboBox):
    """Editable combo over LANGUAGES with "Detect automatically" first, then names A–Z.

    Typed text that matches nothing is reverted when focus leaves, so ``code()`` is always one of
    the listed codes.
    """

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, include_auto: bool = True) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        codes = sorted((c for c in LANGUAGES if c != AUTO), key=lambda c: LANGUAGES[c].casefold())
        if include_auto and AUTO in LANGUAGES:
            codes.insert(0, AUTO)
        for code in codes:
            self.addItem(language_label(code), code)
        self._codes = codes
        # The completer shows our own ranked matches (core.languages.search_languages), not Qt's
        # alphabetical "contains" filter, which put "Arabic & English" before "English".
        self._matches = QStringListModel(self)
        completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        completer.activated.connect(self._on_completion)
        self.currentIndexChanged.connect(self._emit_code)
        editor = self.lineEdit()
        assert editor is not None  # editable combo
        editor.textEdited.connect(self._update_matches)
        editor.editingFinished.connect(self._revert_unmatched_text)

    def code(self) -> str:
        data = self.currentData()
        return str(data) if data is not None else AUTO

    def set_code(self, code: str) -> None:
        index = self.findData(code)
        if index < 0:  # an unknown code from an old job: keep it selectable rather than lose it
            self.addItem(language_label(code), code)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def completion_labels(self) -> list[str]:
        """What the completion popup offers for the text typed so far, best first."""
        return self._matches.stringList()

    def _update_matches(self, typed: str) -> None:
        self._matches.setStringList(
            [language_label(code) for code in search_languages(typed, self._codes)])

    def _on_completion(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)

    def _revert_unmatched_text(self) -> None:
        index = self._best_match(self.currentText().strip())
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(self.itemText(self.currentIndex()))

    def _best_match(self, typed: str) -> int:
        """Exact label, then the best-ranked name or code match (the popup's first entry)."""
        if not typed:
            return -1
        index = self.findText(typed, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            best = search_languages(typed, self._codes)
            index = self.findData(best[0]) if best else -1
        return index

    def _emit_code(self, _index: int) -> None:
        self.code_changed.emit(self.code())
