"""smdesk.core: the pure domain layer (no I/O, no Qt, no network).

- ``transcript``: Word, Paragraph, TranslationSegment, Transcript (json-v2 in and out, speakers,
  turns, text with per-word spans, time lookup, edits).
- ``text``: joining tokens per ``attaches_to`` and the word delimiter; span helpers.
- ``export``: every format through ``render`` (``subtitles`` is the cue engine and checker).
- ``options``: JobOptions, SummaryOptions, VocabEntry, ValidationIssue; the API JobConfig.
- ``languages``, ``vocab``, ``endpoints``, ``formatting``: reference data and small helpers.
"""
