"""Turn a DocLayout into a formatted QTextDocument, and re-render single paragraphs in place.

Measured on a 3-hour, ~30,000-word transcript (bench/transcript_open.py --compare): building the
document is a few milliseconds whichever way (plain text + formats ~3.5 ms, per-paragraph
QTextCursor insertion ~2.5 ms, HTML ~6 ms). The plain-text route is used because the document's
text is then exactly the layout's text, so block n of the layout is block n of the document.
Uncertain words carry a character format (a dotted underline in a warning colour, so the marking
never relies on colour alone); "now playing" and find matches are ExtraSelections in the view.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout

from smdesk.app.transcript.colors import is_dark, speaker_color, unknown_speaker_color
from smdesk.app.transcript.layout import (
    BLOCKS_PER_PARAGRAPH,
    BODY,
    HEADER,
    DocLayout,
    ParagraphView,
    to_qt,
)

UNKNOWN_SPEAKER = "UU"
UncertainTest = Callable[[int], bool]  # word index -> shown as "to check"


def uncertain_color(palette: QPalette) -> QColor:
    """The colour of the words to check (with a dotted underline: never the colour alone)."""
    return QColor("#ffb74d") if is_dark(palette) else QColor("#b85c00")


class Formats:
    """The character formats of one palette: per-speaker names, timestamps, uncertain words."""

    def __init__(self, palette: QPalette, speakers: list[str]) -> None:
        self.palette = palette
        self.names: dict[str, QTextCharFormat] = {}
        for speaker in speakers:
            self.name(speaker)
        self.stamp = QTextCharFormat()
        self.stamp.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        self.body = QTextCharFormat()
        self.uncertain = QTextCharFormat()
        self.uncertain.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self.uncertain.setFontUnderline(True)
        warning = uncertain_color(palette)
        self.uncertain.setUnderlineColor(warning)
        self.uncertain.setForeground(warning)

    def name(self, speaker: str) -> QTextCharFormat:
        fmt = self.names.get(speaker)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            color = (unknown_speaker_color(self.palette) if speaker == UNKNOWN_SPEAKER
                     else speaker_color(self.palette, len(self.names)))
            fmt.setForeground(color)
            self.names[speaker] = fmt
        return fmt


def make_qt_document(layout: DocLayout, formats: Formats, font: QFont,
                     uncertain: UncertainTest | None = None) -> QTextDocument:
    """A plain-text-layout document with names, timestamps and uncertain words formatted."""
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setDefaultFont(font)
    document.setUndoRedoEnabled(False)  # undo belongs to the word model (TranscriptSession)
    document.setPlainText(layout.text())
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    for p, view in enumerate(layout.paragraphs):
        _format_header(cursor, block, view, formats)
        block = block.next()
        if uncertain is not None and layout.firsts[p] >= 0:
            _format_uncertain(cursor, block, view, layout.firsts[p], formats, uncertain)
        block = block.next().next()
    cursor.endEditBlock()
    document.setModified(False)
    return document


def header_block(document: QTextDocument, paragraph: int) -> QTextBlock:
    return document.findBlockByNumber(paragraph * BLOCKS_PER_PARAGRAPH + HEADER)


def body_block(document: QTextDocument, paragraph: int) -> QTextBlock:
    return document.findBlockByNumber(paragraph * BLOCKS_PER_PARAGRAPH + BODY)


def rerender_paragraph(document: QTextDocument, paragraph: int, view: ParagraphView, first: int,
                       formats: Formats, uncertain: UncertainTest | None, *,
                       text: bool = True, header: bool = False) -> None:
    """Rewrite paragraph ``paragraph``'s body (``text``) and/or header in place, re-formatted."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    if header:
        block = header_block(document, paragraph)
        _select_block(cursor, block)
        cursor.insertText(view.header, formats.body)
        _format_header(cursor, header_block(document, paragraph), view, formats)
    block = body_block(document, paragraph)
    if text and block.text() != view.text:
        _select_block(cursor, block)
        cursor.insertText(view.text, formats.body)
        block = body_block(document, paragraph)
    else:
        _select_block(cursor, block)
        cursor.setCharFormat(formats.body)
    if uncertain is not None and first >= 0:
        _format_uncertain(cursor, block, view, first, formats, uncertain)
    cursor.endEditBlock()


def _select_block(cursor: QTextCursor, block: QTextBlock) -> None:
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)


def _format_header(cursor: QTextCursor, block: QTextBlock, view: ParagraphView,
                   formats: Formats) -> None:
    start = block.position()
    name_end = start + to_qt(view.header, len(view.name))
    if view.name:
        cursor.setPosition(start)
        cursor.setPosition(name_end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(formats.name(view.speaker))
    cursor.setPosition(name_end)
    cursor.setPosition(start + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(formats.stamp)


def _format_uncertain(cursor: QTextCursor, block: QTextBlock, view: ParagraphView, first: int,
                      formats: Formats, uncertain: UncertainTest) -> None:
    start = block.position()
    for token in range(len(view.starts)):
        if uncertain(first + token):
            cursor.setPosition(start + to_qt(view.text, view.starts[token]))
            cursor.setPosition(start + to_qt(view.text, view.ends[token]),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(formats.uncertain)


def plain_document(text: str, font: QFont) -> QTextDocument:
    """A document for text without a word map (the summary)."""
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setDefaultFont(font)
    document.setUndoRedoEnabled(False)
    document.setPlainText(text)
    return document


def speaker_order(layout: DocLayout, speakers: Collection[str]) -> list[str]:
    return list(dict.fromkeys([*speakers, *(p.speaker for p in layout.paragraphs)]))
