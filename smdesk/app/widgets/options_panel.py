"""Job options: language, model, speakers, translation, summary, vocabulary.

Subtitle layout is not a job option: subtitles are laid out when they are exported, under the
rules chosen then (smdesk.core.subtitles), so a new layout never means transcribing again.

``options()`` / ``set_options()`` round-trip a ``JobOptions`` exactly: fields the panel has no
control for (``enable_entities``, ``expected_languages``, old jobs' subtitle layout) are carried
through from the last ``set_options``, and a speaker sensitivity the user never touched stays
``None`` (the API's default). Problems found by ``JobOptions.issues()`` are shown inline.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.app.widgets.language_combo import LanguageCombo
from smdesk.app.widgets.translation_picker import TranslationPicker
from smdesk.app.widgets.vocab_editor import VocabEditor
from smdesk.app.widgets.voice_picker import VoicePicker
from smdesk.app.widgets.wheel_guard import guard_wheel
from smdesk.core.languages import SUMMARY_CONTENT_TYPES, SUMMARY_LENGTHS, SUMMARY_STYLES
from smdesk.core.options import (
    DIARIZATION_MODES,
    OPERATING_POINTS,
    JobOptions,
    SummaryOptions,
)

DIARIZATION_LABELS = {**DIARIZATION_MODES, "none": "Don't separate speakers"}
DEFAULT_SENSITIVITY = 0.5  # the API's default when speaker_sensitivity is not sent
SLIDER_MIN_WIDTH = 72
COMBO_MIN_CHARS = 18  # closed combos show this much at least; see let_combos_shrink


def let_combos_shrink(root: QWidget) -> None:
    """A combo is as wide as its longest item by default ("By channel (one speaker per audio
    channel)"), which made the dock, and so the window, wider than a 1024-pixel screen. The
    closed combo may elide; its open list stays wide enough for every item."""
    for combo in root.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_MIN_CHARS)
        # an explicit minimum wins over the (item-based) minimum size hint in layouts
        combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * COMBO_MIN_CHARS + 40)
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                     default=0)
        combo.view().setMinimumWidth(widest + 40)  # text plus margins and a scroll bar


def _fill(combo: QComboBox, items: dict[str, str]) -> None:
    for value, label in items.items():
        combo.addItem(label, value)


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index < 0:  # a value from a newer/older version: keep it rather than silently change it
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class OptionsPanel(QWidget):
    """Everything a user can choose for a transcription job, in one scrollable column."""

    options_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._sensitivity: float | None = None
        self._base = JobOptions()  # carries fields the panel has no control for
        self._build_ui()
        self._connect()
        self.set_options(JobOptions())

    # -- public API -----------------------------------------------------------------------
    def options(self) -> JobOptions:
        summary: SummaryOptions | None = None
        if self.summary_box.isChecked():
            summary = SummaryOptions(
                content_type=str(self.content_type.currentData()),
                length=str(self.summary_length.currentData()),
                style=str(self.summary_style.currentData()),
            )
        return dataclasses.replace(
            self._base,
            language=self.language.code(),
            operating_point=str(self.operating_point.currentData()),
            diarization=str(self.diarization.currentData()),
            speaker_sensitivity=self._sensitivity,
            translation_targets=self.translation.targets(),
            summary=summary,
            vocab=self.vocab.entries(),
            recognise_voices=self.voices.choice()[0],
            chosen_voices=self.voices.choice()[1],
        )

    def set_options(self, options: JobOptions) -> None:
        """Show ``options``; does not emit options_changed."""
        self._loading = True
        try:
            self.language.set_code(options.language)
            _select(self.operating_point, options.operating_point)
            _select(self.diarization, options.diarization)
            self._sensitivity = options.speaker_sensitivity
            value = DEFAULT_SENSITIVITY if options.speaker_sensitivity is None else (
                options.speaker_sensitivity)
            self.sensitivity.setValue(round(value * 100))
            self.translation.set_source(options.language)
            self.translation.set_targets(list(options.translation_targets))
            summary = options.summary
            self.summary_box.setChecked(summary is not None)
            shown = summary or SummaryOptions()
            _select(self.content_type, shown.content_type)
            _select(self.summary_length, shown.length)
            _select(self.summary_style, shown.style)
            self.vocab.set_entries(list(options.vocab))
            self.voices.set_choice(options.recognise_voices, list(options.chosen_voices))
            self._base = dataclasses.replace(options)
        finally:
            self._loading = False
        self._refresh_state()

    def validation_text(self) -> str:
        """The validation sentences shown now ("" when the options are fine)."""
        return self.validation.text()

    # -- construction ---------------------------------------------------------------------
    def _build_ui(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._build_transcription_group())
        column.addWidget(self._build_translation_group())
        column.addWidget(self._build_summary_group())
        column.addWidget(self._build_vocab_group())
        column.addStretch(1)
        let_combos_shrink(content)  # before the scroll area measures the content
        self._wheel_guard = guard_wheel(content)
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.validation = InlineMessage(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.validation)
        self.setAccessibleName("Transcription options")

    def _build_transcription_group(self) -> QGroupBox:
        box = QGroupBox("Transcription")
        form = QFormLayout(box)
        self.language = LanguageCombo(box)
        self.language.setAccessibleName("Language")
        self.language.setToolTip(
            "The language spoken in the file. Type to search. 'Detect automatically' works best "
            "with at least a minute of speech.")
        form.addRow("&Language:", self.language)
        self.operating_point = QComboBox(box)
        _fill(self.operating_point, OPERATING_POINTS)
        self.operating_point.setAccessibleName("Accuracy")
        self.operating_point.setToolTip(
            "Enhanced uses Speechmatics' most accurate model: best for interviews, names and "
            "noisy recordings.\nStandard is faster and costs less; fine for clear speech.")
        form.addRow("&Accuracy:", self.operating_point)
        self.diarization = QComboBox(box)
        _fill(self.diarization, DIARIZATION_LABELS)
        self.diarization.setAccessibleName("Speakers")
        self.diarization.setToolTip(
            "By speaker labels who is talking (Speaker 1, Speaker 2…).\nBy channel uses the "
            "audio channels, e.g. a phone call recorded with each side on its own channel.")
        form.addRow("S&peakers:", self.diarization)
        self.sensitivity = QSlider(Qt.Orientation.Horizontal, box)
        self.sensitivity.setRange(0, 100)
        self.sensitivity.setPageStep(10)
        self.sensitivity.setMinimumWidth(SLIDER_MIN_WIDTH)  # else a narrow dock squeezes it flat
        self.sensitivity.setAccessibleName("Speaker sensitivity")
        self.sensitivity.setToolTip(
            "Higher finds more distinct speakers; lower merges similar voices. "
            "Leave at 0.50 unless speakers are mixed up.")
        self.sensitivity_value = QLabel(box)
        widest = self.fontMetrics().horizontalAdvance("0.00 (default)")
        self.sensitivity_value.setMinimumWidth(widest)
        row = QHBoxLayout()
        row.addWidget(QLabel("Fewer", box))
        row.addWidget(self.sensitivity, 1)
        row.addWidget(QLabel("More", box))
        row.addWidget(self.sensitivity_value)
        self.sensitivity_label = QLabel("Speaker &sensitivity:", box)
        self.sensitivity_label.setBuddy(self.sensitivity)
        form.addRow(self.sensitivity_label, row)
        self.voices = VoicePicker(box)
        self.voices_label = QLabel("Known &voices:", box)
        self.voices_label.setBuddy(self.voices.mode)
        form.addRow(self.voices_label, self.voices)
        return box

    def _build_translation_group(self) -> QGroupBox:
        box = QGroupBox("Translation")
        layout = QVBoxLayout(box)
        self.translation = TranslationPicker(box)
        layout.addWidget(self.translation)
        return box

    def _build_summary_group(self) -> QGroupBox:
        self.summary_box = QGroupBox("S&ummary")
        self.summary_box.setCheckable(True)
        self.summary_box.setAccessibleName("Summary")
        self.summary_box.setToolTip("Ask Speechmatics for a short written summary of the file.")
        form = QFormLayout(self.summary_box)
        self.content_type = QComboBox(self.summary_box)
        _fill(self.content_type, SUMMARY_CONTENT_TYPES)
        self.content_type.setAccessibleName("Summary content type")
        form.addRow("&Content:", self.content_type)
        self.summary_length = QComboBox(self.summary_box)
        _fill(self.summary_length, SUMMARY_LENGTHS)
        self.summary_length.setAccessibleName("Summary length")
        form.addRow("Len&gth:", self.summary_length)
        self.summary_style = QComboBox(self.summary_box)
        _fill(self.summary_style, SUMMARY_STYLES)
        self.summary_style.setAccessibleName("Summary style")
        form.addRow("St&yle:", self.summary_style)
        return self.summary_box

    def _build_vocab_group(self) -> QGroupBox:
        box = QGroupBox("Custom vocabulary")
        layout = QVBoxLayout(box)
        self.vocab = VocabEditor(box)
        layout.addWidget(self.vocab)
        return box

    def _connect(self) -> None:
        self.language.code_changed.connect(self._on_language)
        self.operating_point.currentIndexChanged.connect(self._changed)
        self.diarization.currentIndexChanged.connect(self._changed)
        self.sensitivity.valueChanged.connect(self._on_sensitivity)
        self.translation.targets_changed.connect(self._changed)
        self.summary_box.toggled.connect(self._changed)
        for combo in (self.content_type, self.summary_length, self.summary_style):
            combo.currentIndexChanged.connect(self._changed)
        self.vocab.entries_changed.connect(self._changed)
        self.voices.changed.connect(self._changed)

    # -- reactions ------------------------------------------------------------------------
    def _on_language(self, code: str) -> None:
        if self._loading:
            return
        self.translation.set_source(code)
        self._changed()

    def _on_sensitivity(self, value: int) -> None:
        if not self._loading:
            self._sensitivity = value / 100
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._refresh_state()
        self.options_changed.emit()

    def _refresh_state(self) -> None:
        by_speaker = self.diarization.currentData() == "speaker"
        self.sensitivity.setEnabled(by_speaker)
        self.sensitivity_label.setEnabled(by_speaker)
        self.voices.setEnabled(by_speaker)  # voices are told apart by sound only
        self.voices_label.setEnabled(by_speaker)
        shown = self.sensitivity.value() / 100
        suffix = " (default)" if self._sensitivity is None else ""
        self.sensitivity_value.setText(f"{shown:.2f}{suffix}")
        # vocabulary problems are shown by the vocabulary editor, next to the table
        issues = [i for i in self.options().issues() if i.field != "vocab"]
        level = Level.ERROR if any(i.blocking for i in issues) else Level.WARNING
        self.validation.show_messages([i.message for i in issues], level)


__all__ = ["OptionsPanel"]
