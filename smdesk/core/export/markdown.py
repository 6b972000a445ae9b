"""Markdown: a title, the recording's facts, the summary, then one paragraph per turn::

    \\[00:01:23\\] **Speaker 1:** Text of the turn.
"""

from __future__ import annotations

import re

from smdesk.core.export.blocks import export_blocks
from smdesk.core.export.choices import ExportChoices, ExportMeta
from smdesk.core.export.facts import recording_facts
from smdesk.core.formatting import format_timestamp
from smdesk.core.transcript import Transcript

# Characters that would start emphasis, links, headings, lists or HTML inside a paragraph.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(\s)")


def escape(text: str) -> str:
    """Text as Markdown shows it literally (an interviewee's "*" or "#1" stays as said)."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)


def render_markdown(transcript: Transcript, choices: ExportChoices, meta: ExportMeta) -> str:
    lines = [f"# {escape(meta.title or 'Transcript')}", ""]
    facts = recording_facts(transcript, choices, meta)
    if facts:
        lines += [f"- **{label}:** {escape(value)}" for label, value in facts]
        lines.append("")
    if choices.include_summary and transcript.summary and choices.translation is None:
        lines += ["## Summary", "", transcript.summary.strip(), "", "## Transcript", ""]
    for block in export_blocks(transcript, choices):
        prefix = ""
        if choices.timestamps != "none":
            prefix = f"\\[{format_timestamp(block.start, always_hours=True)}\\] "
        if block.name is not None:
            prefix += f"**{escape(block.name)}:** "
        lines += [prefix + escape(block.text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
