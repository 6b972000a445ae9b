"""DOCX (python-docx): title, the recording's facts, the summary and the transcript.

Every part has a named style, so a user restyles all speaker names (or timestamps, or turns) at
once in Word's Styles pane instead of editing hundreds of paragraphs: "Transcript Turn"
(paragraph), "Transcript Speaker" and "Transcript Timestamp" (character), "Transcript Facts"
(paragraph); the title and section headings use Word's own "Title" and "Heading 1".
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

from smdesk.core.export.blocks import export_blocks
from smdesk.core.export.choices import ExportChoices, ExportMeta
from smdesk.core.export.facts import recording_facts
from smdesk.core.formatting import format_timestamp
from smdesk.core.transcript import Transcript

TURN_STYLE = "Transcript Turn"
SPEAKER_STYLE = "Transcript Speaker"
TIMESTAMP_STYLE = "Transcript Timestamp"
FACTS_STYLE = "Transcript Facts"


def _add_styles(doc: DocxDocument) -> None:
    styles = doc.styles
    turn = styles.add_style(TURN_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    turn.base_style = styles["Normal"]
    turn.paragraph_format.space_after = Pt(8)
    facts = styles.add_style(FACTS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    facts.base_style = styles["Normal"]
    facts.paragraph_format.space_after = Pt(0)
    speaker = styles.add_style(SPEAKER_STYLE, WD_STYLE_TYPE.CHARACTER)
    speaker.font.bold = True
    stamp = styles.add_style(TIMESTAMP_STYLE, WD_STYLE_TYPE.CHARACTER)
    stamp.font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # grey that still passes contrast on white


def render_docx(transcript: Transcript, choices: ExportChoices, meta: ExportMeta) -> bytes:
    doc = Document()
    _add_styles(doc)
    title = meta.title or "Transcript"
    doc.core_properties.title = _xml_safe(title)
    doc.add_paragraph(_xml_safe(title), style="Title")
    for label, value in recording_facts(transcript, choices, meta):
        paragraph = doc.add_paragraph(style=FACTS_STYLE)
        paragraph.add_run(f"{label}: ", style=SPEAKER_STYLE)
        paragraph.add_run(_xml_safe(value))
    if choices.include_summary and transcript.summary and choices.translation is None:
        doc.add_paragraph("Summary", style="Heading 1")
        for part in transcript.summary.strip().split("\n"):
            if part.strip():
                doc.add_paragraph(_xml_safe(part.strip()), style=TURN_STYLE)
        doc.add_paragraph("Transcript", style="Heading 1")
    stamps = choices.timestamps != "none"
    for block in export_blocks(transcript, choices):
        paragraph = doc.add_paragraph(style=TURN_STYLE)
        if stamps:
            stamp = format_timestamp(block.start, always_hours=True)
            paragraph.add_run(f"[{stamp}] ", style=TIMESTAMP_STYLE)
        if block.name is not None:
            paragraph.add_run(_xml_safe(f"{block.name}: "), style=SPEAKER_STYLE)
        paragraph.add_run(_xml_safe(block.text))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _xml_safe(text: str) -> str:
    """Drop control characters XML cannot hold (python-docx would raise on them)."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20)
