"""Custom dictionary ("additional vocabulary"): entries, API limits, and the text format.

Text format, one entry per line::

    # comments and blank lines are ignored
    Speechmatics
    Kubernetes: koo ber net ees, cube er net ease
    Nguyen = win          (":", "=" or a tab separate the word from its sounds-like spellings)

Sounds-like spellings are separated by commas (or semicolons). A word listed twice is one entry
with both lines' spellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_VOCAB_ENTRIES = 1000  # per job; more makes the API refuse the job
MAX_VOCAB_ENTRY_WORDS = 6  # longer entries are silently dropped by the API
MAX_VOCAB_WORD_CHARS = 4000  # an entry with a longer word is silently dropped too

_SEPARATOR = re.compile(r"[:=\t]")
_SPELLING_SEPARATOR = re.compile(r"[,;]")


@dataclass(frozen=True)
class VocabEntry:
    """One custom dictionary word or phrase, with optional sounds-like spellings."""

    content: str
    sounds_like: tuple[str, ...] = ()

    def to_api(self) -> dict[str, object]:
        """The API's ``additional_vocab`` item."""
        if self.sounds_like:
            return {"content": self.content, "sounds_like": list(self.sounds_like)}
        return {"content": self.content}


def _clean(text: str) -> str:
    return " ".join(text.split())


def entry_problems(entry: VocabEntry) -> list[str]:
    """Why the API would ignore this entry (phrases without a subject; callers add the line)."""
    problems: list[str] = []
    words = entry.content.split()
    if len(words) > MAX_VOCAB_ENTRY_WORDS:
        problems.append(
            f"has {len(words)} words, and Speechmatics silently ignores entries longer than "
            f"{MAX_VOCAB_ENTRY_WORDS} words; shorten it"
        )
    if any(len(word) > MAX_VOCAB_WORD_CHARS for word in words):
        problems.append(
            f"has a word longer than {MAX_VOCAB_WORD_CHARS} characters, which Speechmatics ignores"
        )
    return problems


def too_many_entries_message(count: int) -> str:
    return (
        f"The custom dictionary has {count} entries, but Speechmatics accepts at most "
        f"{MAX_VOCAB_ENTRIES} per job; remove {count - MAX_VOCAB_ENTRIES}."
    )


def parse_vocab_text(text: str) -> tuple[list[VocabEntry], list[str]]:
    """Entries in first-seen order, and warnings (sentences with line numbers)."""
    spellings: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    warnings: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = _SEPARATOR.split(line, maxsplit=1)
        content = _clean(parts[0])
        if not content:
            warnings.append(f"Line {number} has no word before the separator; it was skipped.")
            continue
        sounds = parts[1] if len(parts) > 1 else ""
        known = spellings.setdefault(content, [])
        first_line.setdefault(content, number)
        for spelling in (_clean(s) for s in _SPELLING_SEPARATOR.split(sounds)):
            if spelling and spelling not in known:
                known.append(spelling)
    entries = [VocabEntry(content, tuple(sounds)) for content, sounds in spellings.items()]
    for entry in entries:
        for problem in entry_problems(entry):
            warnings.append(f'Line {first_line[entry.content]}: "{entry.content}" {problem}.')
    if len(entries) > MAX_VOCAB_ENTRIES:
        warnings.append(too_many_entries_message(len(entries)))
    return entries, warnings


def format_vocab_text(entries: Iterable[VocabEntry]) -> str:
    """The text format for ``entries`` (parses back to the same entries)."""
    lines = []
    for entry in entries:
        if entry.sounds_like:
            lines.append(f"{entry.content}: {', '.join(entry.sounds_like)}")
        else:
            lines.append(entry.content)
    return "\n".join(lines) + ("\n" if lines else "")
