"""The export dialog's body: its settings above, the subtitle preview below, in a splitter.

On a small screen (1024×700) the settings scroll and the preview keeps about six lines; the
handle gives either more room; collapsing the preview gives the settings the room back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from smdesk.app.windows.subtitle_preview import SubtitlePreviewPanel

_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


class SettingsOverPreview(QSplitter):
    def __init__(self, settings: QWidget, preview: SubtitlePreviewPanel,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("export_preview_splitter")
        self._settings, self._preview = settings, preview
        scroll = QScrollArea(self)
        scroll.setWidget(settings)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.addWidget(scroll)
        self.addWidget(preview)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setCollapsible(0, False)
        self._open_sizes: list[int] = []
        preview.expanded_changed.connect(self._expanded)

    def fit(self, dialog: QWidget) -> None:
        """Size ``dialog``: all the settings and a preview of ~12 lines when the screen allows."""
        screen = dialog.screen().availableGeometry()
        hint = self._settings.sizeHint()
        line = dialog.fontMetrics().height()
        rest = dialog.sizeHint().height() - self.sizeHint().height()  # buttons, result line
        height = min(screen.height() - 40, hint.height() + 12 * line + 60 + rest)
        dialog.resize(min(screen.width() - 20, hint.width() + 40), height)
        top = max(min(hint.height(), height - rest - 6 * line - 60), 120)
        self.setSizes([top, max(height - rest - top, 80)])
        self._open_sizes = self.sizes()

    def _expanded(self, expanded: bool) -> None:
        if expanded:
            self._preview.setMaximumHeight(_NO_LIMIT)
            if self._open_sizes:
                self.setSizes(self._open_sizes)
            return
        self._open_sizes = self.sizes()
        row = self._preview.toggle.sizeHint().height() + 4
        self._preview.setMaximumHeight(row)
        self.setSizes([sum(self._open_sizes) - row, row])
