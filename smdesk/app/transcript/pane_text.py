"""Sentences the pane shows: the transcript's details, a clicked word's time, the named summary."""

from __future__ import annotations

import re
from typing import Any

from smdesk.core.formatting import format_duration
from smdesk.core.languages import language_name
from smdesk.core.quote import quote
from smdesk.core.transcript import Transcript, default_speaker_name


def describe(t: Transcript) -> str:
    parts = []
    if t.duration:
        parts.append(format_duration(t.duration))
    if t.language:
        parts.append(language_name(t.language))
    speakers = [s for s in t.speakers() if s != "UU"]
    if len(speakers) > 1:
        parts.append(f"{len(speakers)} speakers")
    return " · ".join(parts)


def precise_time(seconds: float) -> str:
    """ "01:02.3" or "1:02:03.4": a word's time to a tenth of a second."""
    tenths = round(max(seconds, 0.0) * 10)
    whole, tenth = divmod(tenths, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}.{tenth}"
    return f"{minutes:02d}:{secs:02d}.{tenth}"


def word_info(t: Transcript, index: int, document: Any = None) -> str:
    """ "“Maria” at 00:01.6 (until 00:01.9) · 62 % confidence · to check"."""
    word = t.words[index]
    parts = [f"“{word.text}” at {precise_time(word.start)} (until {precise_time(word.end)})"]
    if word.confidence is not None:
        parts.append(f"{round(word.confidence * 100)} % confidence")
    if word.checked:
        parts.append("checked")
    elif document is not None and document.is_uncertain(index):
        parts.append("to check")
    return " · ".join(parts)


def named_summary(t: Transcript) -> str:
    """The summary with renamed speakers' default names ("Speaker 1", "S1") replaced."""
    text = (t.summary or "").strip()
    for speaker, name in t.speaker_names.items():
        labels = {default_speaker_name(speaker, is_channel=speaker in t.channel_labels)}
        if re.fullmatch(r"S\d+", speaker):
            labels.add(speaker)
        for label in sorted(labels, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", name, text)
    return text



def quote_text(t: Transcript, first: int, last: int) -> str:
    """ “…” — Speaker Name, 00:12:34 (core.quote); a selection that runs across speakers gives
    one such line per speaker's part, so no one is quoted with another's words."""
    if not t.is_diarized:
        return quote(t, first, last)
    runs, start = [], first
    for index in range(first + 1, last + 2):
        if index > last or t.words[index].speaker != t.words[start].speaker:
            runs.append((start, index - 1))
            start = index
    lines = [quote(t, a, b) for a, b in runs  # not a run of only a full stop
             if any(not t.words[i].is_punctuation for i in range(a, b + 1))]
    return "\n".join(lines) or quote(t, first, last)
