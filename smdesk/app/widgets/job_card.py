"""The queue as a narrow list beside the transcript: one three-line card per job.

Line 1: the file name (the middle elided, so "…full recording.ogg" keeps its end) and the audio
length; line 2: when it was added and its options, which tell two jobs of the same file apart;
line 3: its status, with a thin progress bar under it while it runs. Everything is read from the
same model as the wide table (the other columns of the row), so both always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from smdesk.app.models.job_table import PROGRESS_ROLE, Column

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
BAR_HEIGHT = 4


def _sibling(index: Index, column: Column) -> QModelIndex:
    return index.model().index(index.row(), column, index.parent())


def _sibling_text(index: Index, column: Column) -> str:
    value = _sibling(index, column).data()
    return str(value) if value else ""


class JobCardDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        line = option.fontMetrics.lineSpacing()
        return QSize(200, 3 * line + 2 * PADDING + BAR_HEIGHT + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        dim = option.palette.color(group, text_role)
        if not selected:
            dim = option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = option.fontMetrics
        line = metrics.lineSpacing()
        painter.save()
        painter.setPen(option.palette.color(group, text_role))
        bold = QFont(option.font)
        bold.setBold(True)
        length = _sibling_text(index, Column.LENGTH)
        length_width = metrics.horizontalAdvance(length) + PADDING
        painter.setFont(bold)
        name_rect = QRect(rect.left(), rect.top(), rect.width() - length_width, line)
        name = painter.fontMetrics().elidedText(str(index.data() or ""),
                                                Qt.TextElideMode.ElideMiddle, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         name)
        painter.setFont(option.font)
        painter.drawText(QRect(rect.right() - length_width, rect.top(), length_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, length)
        painter.setPen(dim)
        details = " · ".join(t for t in (_sibling_text(index, Column.ADDED),
                                         _sibling_text(index, Column.OPTIONS)) if t)
        second = QRect(rect.left(), rect.top() + line, rect.width(), line)
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(details, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setPen(option.palette.color(group, text_role))
        third = QRect(rect.left(), rect.top() + 2 * line, rect.width(), line)
        status = _sibling_text(index, Column.STATUS)
        painter.drawText(third, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(status, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()
        progress = _sibling(index, Column.PROGRESS).data(PROGRESS_ROLE)
        if isinstance(progress, int) and progress >= 0:
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(rect.left(), rect.top() + 3 * line + 1, rect.width(), BAR_HEIGHT)
            bar.minimum, bar.maximum, bar.progress = 0, 100, progress
            bar.textVisible = False
            bar.palette = option.palette
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
