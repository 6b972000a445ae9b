"""Every subtitle rule as an editable field: the "Custom" preset of the export dialog.

Shows a preset's values read-only, or lets the user change each rule; ``rules()`` returns a
``SubtitleRules`` named "custom". A 0 in the reading-speed fields means "no limit".
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from smdesk.core.subtitles import SubtitleRules


def _spin(parent: QWidget, low: int, high: int, name: str, tip: str) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    return box


def _double(parent: QWidget, low: float, high: float, step: float, name: str,
            tip: str, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(2)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    return box


class SubtitleRulesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chars = _spin(self, 10, 80, "Characters per line", "The longest line, in characters")
        self.lines = _spin(self, 1, 4, "Lines per subtitle", "Lines on screen at once")
        self.cps = _double(self, 0, 60, 1, "Characters per second",
                           "Reading speed limit (0: no limit)")
        self.wpm = _double(self, 0, 600, 10, "Words per minute",
                           "Reading speed limit in words (0: no limit)")
        self.min_duration = _double(self, 0, 10, 0.1, "Shortest subtitle",
                                    "Minimum time on screen", " s")
        self.max_duration = _double(self, 0.5, 20, 0.5, "Longest subtitle",
                                    "Maximum time on screen", " s")
        self.gap = _spin(self, 0, 25, "Gap between subtitles in frames",
                         "Frames of empty screen between two subtitles")
        self.frame_rate = _double(self, 1, 120, 1, "Frame rate", "Frames per second of the video")
        self.lead = _double(self, 0, 2, 0.04, "Shown before the speech",
                            "How early a subtitle may appear before its first word", " s")
        self.linger = _double(self, 0, 3, 0.1, "Kept after the speech",
                              "How long a subtitle may stay after its last word", " s")
        self.pause = _double(self, 0.1, 10, 0.1, "Pause that ends a subtitle",
                             "A silence this long always starts a new subtitle", " s")
        self.dash = QLineEdit(self)
        self.dash.setMaxLength(3)
        self.dash.setAccessibleName("Dash before each speaker in a two-speaker subtitle")
        self.dash.setToolTip('Marks each speaker\'s line in a two-speaker subtitle, e.g. "-" '
                             'or "- "')
        self.count_spaces = QCheckBox("Spaces count in characters per second", self)
        self.cps.setSpecialValueText("no limit")
        self.wpm.setSpecialValueText("no limit")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = (("Characters per line:", self.chars, "Lines:", self.lines),
                ("Characters per second:", self.cps, "Words per minute:", self.wpm),
                ("Shortest:", self.min_duration, "Longest:", self.max_duration),
                ("Gap (frames):", self.gap, "Frame rate:", self.frame_rate),
                ("Shown before:", self.lead, "Kept after:", self.linger),
                ("Pause ends it:", self.pause, "Speaker dash:", self.dash))
        for row, (text, box, other_text, other_box) in enumerate(rows):
            for column, (label_text, field) in enumerate(((text, box), (other_text, other_box))):
                label = QLabel(label_text, self)  # no mnemonics: the dialog's letters are used
                label.setBuddy(field)
                grid.addWidget(label, row, column * 2)
                grid.addWidget(field, row, column * 2 + 1)
        grid.addWidget(self.count_spaces, len(rows), 0, 1, 4)
        for box in (self.chars, self.lines, self.gap):
            box.valueChanged.connect(self.changed)
        for double in (self.cps, self.wpm, self.min_duration, self.max_duration, self.frame_rate,
                       self.lead, self.linger, self.pause):
            double.valueChanged.connect(self.changed)
        self.dash.textChanged.connect(self.changed)
        self.count_spaces.toggled.connect(self.changed)
        self._base = SubtitleRules()

    def set_rules(self, rules: SubtitleRules) -> None:
        self._base = rules
        self.chars.setValue(rules.max_chars_per_line)
        self.lines.setValue(rules.max_lines)
        self.cps.setValue(rules.max_cps or 0)
        self.wpm.setValue(rules.max_wpm or 0)
        self.min_duration.setValue(rules.min_duration)
        self.max_duration.setValue(rules.max_duration)
        self.gap.setValue(rules.min_gap_frames)
        self.frame_rate.setValue(rules.frame_rate)
        self.lead.setValue(rules.max_lead)
        self.linger.setValue(rules.max_linger)
        self.pause.setValue(rules.max_pause)
        self.dash.setText(rules.dual_speaker_dash)
        self.count_spaces.setChecked(rules.cps_counts_spaces)

    def rules(self) -> SubtitleRules:
        """The edited rules. Raises ValueError (one sentence) when they contradict each other."""
        return dataclasses.replace(
            self._base, name="custom", label="Custom",
            max_chars_per_line=self.chars.value(), max_lines=self.lines.value(),
            max_cps=self.cps.value() or None, max_wpm=self.wpm.value() or None,
            min_duration=self.min_duration.value(), max_duration=self.max_duration.value(),
            min_gap_frames=self.gap.value(), frame_rate=self.frame_rate.value(),
            max_lead=self.lead.value(), max_linger=self.linger.value(),
            max_pause=self.pause.value(), dual_speaker_dash=self.dash.text() or "-",
            cps_counts_spaces=self.count_spaces.isChecked())
