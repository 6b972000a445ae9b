"""The export dialog: which jobs, which formats, the text and subtitle choices, where to.

It only renders state and emits intents: ``export_requested(job_ids, ExportPreferences)``,
``go_to_word(job_id, word_index)`` (a link in the subtitle check) and, while SRT or WebVTT is
ticked, ``preview_requested(job_id, ExportChoices)`` on every change that alters the subtitles
(``preview_cancelled`` when there is nothing to preview). The flow (export_flow.py) runs the
export and the preview and hands the outcomes back (:meth:`show_report`, :meth:`show_preview`);
the preview area is subtitle_preview.py. Shown modeless with ``show()``,
never ``exec()``; the folder chooser is a QFileDialog opened the same way.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.controllers.export_jobs import ExportReport
from smdesk.app.widgets.subtitle_rules_editor import SubtitleRulesEditor
from smdesk.app.windows.export_translations import TranslationChoice
from smdesk.app.windows.preview_split import SettingsOverPreview
from smdesk.app.windows.subtitle_preview import SubtitlePreviewPanel, linked_check
from smdesk.core.export import FORMATS, PRESETS, ExportChoices, TimestampMode
from smdesk.core.export.bundle import TEMPLATE_FIELDS, check_template
from smdesk.core.export.preferences import CUSTOM, ExportPreferences
from smdesk.core.export.preview import SubtitlePreview

_TIMESTAMPS: tuple[tuple[str, TimestampMode], ...] = (
    ("At each speaker turn", "turn"), ("Every few seconds", "interval"), ("None", "none"))


@dataclass(frozen=True)
class ExportableJob:
    job_id: int
    file_name: str
    translations: tuple[str, ...] = ()
    detail: str = ""  # when added, length, options: tells jobs of the same file apart


class ExportDialog(QDialog):
    export_requested = Signal(list, object)  # job ids, ExportPreferences
    go_to_word = Signal(int, int)  # job id, word index
    preview_requested = Signal(int, object)  # job id, ExportChoices
    preview_cancelled = Signal()

    def __init__(self, jobs: Sequence[ExportableJob], checked: Iterable[int],
                 prefs: ExportPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export transcripts")
        self._jobs = list(jobs)
        self._build(set(checked))
        self.set_preferences(prefs)
        self._connect_preview()
        self.splitter.fit(self)

    # -- construction ---------------------------------------------------------------------
    def _build(self, checked: set[int]) -> None:
        self.job_list = QListWidget(self)
        self.job_list.setAccessibleName("Transcripts to export")
        for job in self._jobs:
            text = f"{job.file_name}  —  {job.detail}" if job.detail else job.file_name
            item = QListWidgetItem(text, self.job_list)
            item.setData(Qt.ItemDataRole.UserRole, job.job_id)
            item.setCheckState(Qt.CheckState.Checked if job.job_id in checked
                               else Qt.CheckState.Unchecked)
        self.job_list.setMaximumHeight(110)
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QGroupBox("&Formats", self)
        grid = QGridLayout(formats)
        for n, (key, fmt) in enumerate(FORMATS.items()):
            box = QCheckBox(fmt.label, formats)
            box.toggled.connect(self._update_enabled)
            self.format_boxes[key] = box
            grid.addWidget(box, n // 2, n % 2)
        left, right = QVBoxLayout(), QVBoxLayout()
        jobs_label = QLabel("Tran&scripts (tick several to export them together):", self)
        jobs_label.setBuddy(self.job_list)
        left.addWidget(jobs_label)
        left.addWidget(self.job_list)
        left.addWidget(formats)
        left.addWidget(self._text_group())
        left.addStretch(1)
        right.addWidget(self._subtitle_group())
        right.addWidget(self._where_group())
        right.addStretch(1)
        settings = QWidget(self)
        columns = QHBoxLayout(settings)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.preview = SubtitlePreviewPanel(self)
        self.preview.link_activated.connect(self._link)
        self.splitter = SettingsOverPreview(settings, self.preview, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setAccessibleName("Export result")
        self.result_label.linkActivated.connect(self._link)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.ApplyRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _text_group(self) -> QGroupBox:
        group = QGroupBox("Text and documents", self)
        self.speaker_names = QCheckBox("Speaker &names", group)
        self.summary = QCheckBox("S&ummary at the top", group)
        self.timestamps = QComboBox(group)
        self.timestamps.setAccessibleName("Timestamps")
        for label, mode in _TIMESTAMPS:
            self.timestamps.addItem(label, mode)
        self.interval = QSpinBox(group)
        self.interval.setRange(5, 600)
        self.interval.setSuffix(" s")
        self.interval.setAccessibleName("Seconds between timestamps")
        self.timestamps.currentIndexChanged.connect(self._update_enabled)
        self.translations = TranslationChoice(group)
        form = QFormLayout(group)
        form.addRow(self.speaker_names)
        form.addRow(_label("&Timestamps:", self.timestamps), _row(self.timestamps, self.interval))
        form.addRow(self.summary)
        form.addRow("Also the translations:", self.translations)
        self._translations_row = form
        self.job_list.itemChanged.connect(self._offer_translations)
        self._offer_translations()
        return group

    def _subtitle_group(self) -> QGroupBox:
        group = QGroupBox("Subtitles (SRT, WebVTT)", self)
        self.preset = QComboBox(group)
        self.preset.setAccessibleName("Subtitle rules")
        for name, rules in PRESETS.items():
            self.preset.addItem(rules.label, name)
        self.preset.addItem("Custom", CUSTOM)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.subtitle_labels = QCheckBox("Speaker names &inside subtitles", group)
        self.rules = SubtitleRulesEditor(group)
        form = QFormLayout(group)
        form.addRow("&Rules:", self.preset)
        form.addRow(self.subtitle_labels)
        form.addRow(self.rules)
        self._subtitles = group
        return group

    def _where_group(self) -> QGroupBox:
        group = QGroupBox("Where", self)
        self.folder = QLineEdit(group)
        self.folder.setPlaceholderText("next to each recording")
        self.folder.setAccessibleName("Export folder")
        choose = QPushButton("C&hoose…", group)
        choose.clicked.connect(lambda: self._choose_folder(self.folder))
        self.auto_export = QCheckBox("Export each job &automatically when it finishes", group)
        self.auto_folder = QLineEdit(group)
        self.auto_folder.setPlaceholderText("next to each recording")
        self.auto_folder.setAccessibleName("Automatic export folder")
        auto_choose = QPushButton("Ch&oose…", group)
        auto_choose.clicked.connect(lambda: self._choose_folder(self.auto_folder))
        self.template = QLineEdit(group)
        self.template.setAccessibleName("File name template")
        fields = " ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
        self.template.setToolTip(f"File name without extension; fields: {fields}")
        self.auto_export.toggled.connect(self._update_enabled)
        form = QFormLayout(group)
        form.addRow(_label("Fol&der:", self.folder), _row(self.folder, choose))
        form.addRow(self.auto_export)
        form.addRow(_label("Folder:", self.auto_folder), _row(self.auto_folder, auto_choose))
        form.addRow("File na&me:", self.template)
        return group

    # -- state ----------------------------------------------------------------------------
    def set_preferences(self, prefs: ExportPreferences) -> None:
        for key, box in self.format_boxes.items():
            box.setChecked(key in prefs.formats)
        c = prefs.choices
        self.speaker_names.setChecked(c.speaker_names)
        self.summary.setChecked(c.include_summary)
        self.timestamps.setCurrentIndex(self.timestamps.findData(c.timestamps))
        self.interval.setValue(round(c.interval))
        self.translations.remember(prefs.translations)
        self.subtitle_labels.setChecked(c.subtitle_speaker_labels)
        self.rules.set_rules(c.subtitle_rules)
        self.preset.setCurrentIndex(self.preset.findData(prefs.preset))
        self.folder.setText(prefs.folder)
        self.auto_export.setChecked(prefs.auto_export)
        self.auto_folder.setText(prefs.auto_folder)
        self.template.setText(prefs.template)
        self._update_enabled()

    def choices(self) -> ExportChoices:
        """The choices shown now. Raises ValueError (one sentence) for contradicting rules."""
        preset = str(self.preset.currentData())
        rules = self.rules.rules() if preset == CUSTOM else PRESETS[preset]
        return ExportChoices(
            speaker_names=self.speaker_names.isChecked(),
            timestamps=self.timestamps.currentData(), interval=float(self.interval.value()),
            include_summary=self.summary.isChecked(), subtitle_rules=rules,
            subtitle_speaker_labels=self.subtitle_labels.isChecked())

    def preferences(self) -> ExportPreferences:
        """What the dialog shows now. Raises ValueError (one sentence) for a bad template."""
        preset = str(self.preset.currentData())
        choices = self.choices()
        check_template(self.template.text())
        return ExportPreferences(
            formats=tuple(k for k, box in self.format_boxes.items() if box.isChecked()),
            choices=choices, preset=preset,
            translations=self.translations.chosen(),
            folder=self.folder.text().strip(), auto_export=self.auto_export.isChecked(),
            auto_folder=self.auto_folder.text().strip(), template=self.template.text().strip())

    def checked_jobs(self) -> list[int]:
        items = (self.job_list.item(i) for i in range(self.job_list.count()))
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def _preset_changed(self) -> None:
        preset = str(self.preset.currentData())
        if preset != CUSTOM:
            self.rules.set_rules(PRESETS[preset])
        else:
            self.rules.set_rules(dataclasses.replace(self.rules.rules()))
        self._update_enabled()

    def _update_enabled(self) -> None:
        subtitles = any(self.format_boxes[k].isChecked() for k in ("srt", "vtt"))
        self._subtitles.setEnabled(subtitles)
        self.rules.setEnabled(self.preset.currentData() == CUSTOM)
        self.interval.setEnabled(self.timestamps.currentData() == "interval")
        for widget in (self.auto_folder, self.template):
            widget.setEnabled(self.auto_export.isChecked())

    # -- subtitle preview -----------------------------------------------------------------
    def _connect_preview(self) -> None:
        """Every input that changes the subtitles asks for a new preview (the controller
        debounces); the translation boxes also change which languages it offers."""
        for box in (*self.format_boxes.values(), self.subtitle_labels, self.speaker_names):
            box.toggled.connect(self.request_preview)
        self.translations.changed.connect(self.request_preview)
        self.preset.currentIndexChanged.connect(self.request_preview)
        self.rules.changed.connect(self.request_preview)
        self.job_list.itemChanged.connect(self.request_preview)
        self.preview.language_changed.connect(self.request_preview)
        self.preview.expanded_changed.connect(self.request_preview)

    # -- translations -----------------------------------------------------------------------
    def set_job_translations(self, job_id: int, codes: Sequence[str]) -> None:
        """What job ``job_id``'s stored transcript really has (found after the dialog opened)."""
        for n, job in enumerate(self._jobs):
            if job.job_id == job_id and job.translations != tuple(codes):
                self._jobs[n] = dataclasses.replace(job, translations=tuple(codes))
                self._offer_translations()
                self.request_preview()

    def _offer_translations(self) -> None:
        """A box for each translation the ticked jobs have; the row hides when there is none."""
        ticked = set(self.checked_jobs())
        self.translations.blockSignals(True)  # one preview request, by the caller
        try:
            self.translations.set_languages(
                code for job in self._jobs if job.job_id in ticked for code in job.translations)
        finally:
            self.translations.blockSignals(False)
        shown = bool(self.translations.offered())
        self._translations_row.setRowVisible(self.translations, shown)

    def preview_job(self) -> ExportableJob | None:
        """The job the preview shows: the (first) ticked one."""
        ticked = set(self.checked_jobs())
        return next((job for job in self._jobs if job.job_id in ticked), None)

    def request_preview(self) -> None:
        job = self.preview_job()
        subtitles = any(self.format_boxes[k].isChecked() for k in ("srt", "vtt"))
        languages = [code for code in self.translations.offered()  # in the boxes' order
                     if job is not None and code in job.translations
                     and self.translations.is_chosen(code)]
        self.preview.set_languages(languages)
        self.preview.setEnabled(subtitles and job is not None)
        if not subtitles or job is None or not self.preview.expanded():
            self.preview_cancelled.emit()
            self.preview.show_message("Tick SRT or WebVTT and a transcript to preview its "
                                      "subtitles." if self.preview.expanded() else "")
            return
        try:
            choices = dataclasses.replace(self.choices(),
                                          translation=self.preview.chosen_language())
        except ValueError as exc:
            self.preview_cancelled.emit()
            self.preview.show_message(str(exc))
            return
        self.preview.set_updating()
        self.preview_requested.emit(job.job_id, choices)

    def show_preview_updating(self) -> None:
        self.preview.set_updating()

    def show_preview(self, job_id: int, preview: SubtitlePreview) -> None:
        job = self.preview_job()
        if job is None or job.job_id != job_id:
            return  # the ticks changed since it was asked for
        self.preview.show_preview(job_id, preview, self.preset.currentText(), job.file_name)

    def show_preview_problem(self, sentence: str) -> None:
        self.preview.show_message(sentence)

    # -- intents and outcome --------------------------------------------------------------
    def _export(self) -> None:
        try:
            prefs = self.preferences()
        except ValueError as exc:
            self._say(html.escape(str(exc)))
            return
        jobs = self.checked_jobs()
        if not prefs.formats or not jobs:
            self._say("Tick at least one transcript and one format to export.")
            return
        self.export_button.setEnabled(False)
        self._say("Exporting…")
        self.export_requested.emit(jobs, prefs)

    def show_status(self, sentence: str) -> None:
        """A sentence under the settings while the export waits (e.g. for a question)."""
        self._say(html.escape(sentence))

    def show_not_exported(self, sentence: str) -> None:
        self.export_button.setEnabled(True)
        self._say(html.escape(sentence))

    def job_translations(self, job_id: int) -> tuple[str, ...]:
        """The translations job ``job_id`` is known to have (what its files are named after)."""
        return next((job.translations for job in self._jobs if job.job_id == job_id), ())

    def show_report(self, report: ExportReport) -> None:
        self.export_button.setEnabled(True)
        lines = [html.escape(report.sentence())]
        for result in report.results:
            if result.check is None:
                continue
            text = linked_check(result.job_id, result.check.summary, result.check.places)
            lines.append(f"Subtitles of {html.escape(result.file_name)}: {text}")
        self._say("<br>".join(lines))

    def _say(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.show()

    def _link(self, href: str) -> None:
        _, job, word, *_cue = href.split(":")  # word:<job>:<word index>:<cue number>
        self.go_to_word.emit(int(job), int(word))

    def _choose_folder(self, target: QLineEdit) -> None:
        dialog = QFileDialog(self, "Export into this folder", target.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(target.setText)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


def _row(*widgets: QWidget) -> QWidget:
    """Widgets side by side, as one form field."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row


def _label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``buddy`` (a row made of several widgets)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
