"""Which translations a stored transcript really has, without building its words.

The export dialog offers the translations of the jobs ticked in it. A job's options say what was
asked for, not what arrived (a language the server could not translate, a transcript from an
older run), so the stored json-v2 text is asked instead. Its ``results`` are decoded by json's C
scanner one at a time and dropped at once (no Word is built, and the GIL changes hands between
results): a 3-hour transcript costs a fraction of opening it. A language counts as the transcript
reader counts it: a ``translations`` entry whose value is a list.
"""

from __future__ import annotations

import json
from typing import Any

from smdesk.core.json_stream import decode_streaming_results


def _drop(_result: Any) -> None:
    """Each result is read and forgotten: only the top level is wanted."""


def translation_languages(json_text: str) -> tuple[str, ...]:
    """The language codes of the document's translations, sorted; () if it has none or the text
    is not a json-v2 object (the transcript itself says why when it is opened)."""
    data: Any = decode_streaming_results(json_text, _drop)
    if data is None:
        try:
            data = json.loads(json_text)
        except ValueError:
            return ()
    translations = data.get("translations") if isinstance(data, dict) else None
    if not isinstance(translations, dict):
        return ()
    return tuple(sorted(code for code, segments in translations.items()
                        if isinstance(code, str) and isinstance(segments, list)))
