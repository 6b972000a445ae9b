"""Fake recognition: the true words of the bundled sample, or deterministic sandbox text.

Sandbox text is seeded by the upload's sha256, so the same file always gives the same
transcript, and it is spread over the real audio duration with speaker turns.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

SANDBOX_FIRST_SENTENCE = "This is sandbox text, not a real transcription."
WORDS_PER_SECOND = 2.4
_TOKEN_RE = re.compile(r"[\w'%$&-]+|[.,!?;:]")
EOS_MARKS = frozenset(".!?")

_SENTENCES = (
    "The sandbox invents these words so that you can try the whole workflow.",
    "Nothing here was recognised from your recording.",
    "Every sentence is chosen from a short list, seeded by the content of the file.",
    "Send the same file again and you will read the same words.",
    "Speaker turns change every few sentences, like in a real conversation.",
    "The timings are spread evenly over the length of your audio.",
    "You can click a word to jump to that point in the recording.",
    "Exports to text and subtitles work exactly as they would with real results.",
    "We counted {n} questions during the first part of the meeting.",
    "That sounds like a good plan, let's try it.",
    "Could you say a little more about that?",
    "I think the answer depends on the details.",
    "To be honest, I had not thought about it that way.",
    "The report is due in {n} days, so there is still some time.",
    "Yes, that is exactly what I meant.",
    "Let's move on to the next topic.",
    "Thank you, that was very helpful.",
    "How long did the whole process take?",
    "About {n} minutes, which was faster than we expected.",
    "I'm not sure, but I can check and come back to you.",
    "The team agreed to meet again next week.",
    "Please remember that this is only sandbox text.",
)


@dataclass
class Token:
    text: str
    kind: str  # "word" | "punctuation"
    start: float
    end: float
    speaker: str  # "S1".."Sn"
    confidence: float = 1.0
    attaches_to: str | None = None
    is_eos: bool = False


def split_sentence(sentence: str) -> list[tuple[str, str]]:
    """[(text, kind)] with punctuation as separate tokens, as the API returns them."""
    pieces = _TOKEN_RE.findall(sentence)
    return [(p, "punctuation" if p in ".,!?;:" else "word") for p in pieces]


def sandbox_tokens(sha256: str, duration: float) -> list[Token]:
    """Deterministic sandbox text spread over `duration` seconds (at least the first sentence)."""
    rng = random.Random(int(sha256[:16], 16))
    speakers = 3 if duration > 300 and rng.random() < 0.5 else 2
    target_words = max(1, int(duration * WORDS_PER_SECOND))
    turns: list[tuple[str, list[str]]] = []
    words = 0
    speaker_index = 0
    first = True
    while words < target_words or first:
        sentences: list[str] = []
        for _ in range(rng.randint(1, 3)):
            if first:
                sentence, first = SANDBOX_FIRST_SENTENCE, False
            else:
                sentence = rng.choice(_SENTENCES).format(n=rng.randint(2, 90))
            sentences.append(sentence)
            words += sum(1 for _, kind in split_sentence(sentence) if kind == "word")
            if words >= target_words:
                break
        turns.append((f"S{speaker_index % speakers + 1}", sentences))
        speaker_index += 1 + (rng.random() < 0.2 and speakers > 2)
    return _layout(turns, duration, rng)


def _layout(turns: list[tuple[str, list[str]]], duration: float, rng: random.Random) -> list[Token]:
    """Spread the words over the duration: proportional to length, pauses between turns."""
    turn_gap, sentence_gap = 8.0, 3.0
    units = 0.0
    for i, (_, sentences) in enumerate(turns):
        units += turn_gap if i else 0.0
        for j, sentence in enumerate(sentences):
            units += sentence_gap if j else 0.0
            units += sum(len(t) + 2 for t, k in split_sentence(sentence) if k == "word")
    begin = min(0.3, duration * 0.02)
    scale = max(duration - 2 * begin, 0.01) / max(units, 1.0)
    cursor = begin
    tokens: list[Token] = []
    for i, (speaker, sentences) in enumerate(turns):
        cursor += turn_gap * scale if i else 0.0
        for j, sentence in enumerate(sentences):
            cursor += sentence_gap * scale if j else 0.0
            for text, kind in split_sentence(sentence):
                if kind == "punctuation":
                    end = tokens[-1].end if tokens else cursor
                    tokens.append(punctuation_token(text, end, speaker))
                    continue
                length = (len(text) + 2) * scale
                start, end = cursor, cursor + length * 0.9
                confidence = round(rng.uniform(0.72, 1.0), 2)
                word = Token(text, "word", round(start, 2), round(end, 2), speaker, confidence)
                tokens.append(word)
                cursor += length
    return tokens


def punctuation_token(text: str, at: float, speaker: str) -> Token:
    return Token(text, "punctuation", at, at, speaker, 1.0, "previous", text in EOS_MARKS)


def sample_tokens(sample: dict[str, Any]) -> list[Token]:
    """Tokens from resources/sample-interview.json (words carry their own timings)."""
    tokens: list[Token] = []
    for item in sample["words"]:
        if item.get("type") == "punctuation":
            tokens.append(punctuation_token(item["text"], float(item["start"]), item["speaker"]))
        else:
            start, end = float(item["start"]), float(item["end"])
            confidence = float(item.get("confidence", 0.95))
            tokens.append(Token(item["text"], "word", start, end, item["speaker"], confidence))
    return tokens


def sentences_of(tokens: list[Token]) -> list[list[Token]]:
    """Split at end-of-sentence punctuation and at speaker changes."""
    out: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if current and token.kind == "word" and token.speaker != current[-1].speaker:
            out.append(current)
            current = []
        current.append(token)
        if token.is_eos:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def join_tokens(tokens: list[Token], delimiter: str = " ") -> str:
    text = ""
    for token in tokens:
        if token.kind == "punctuation" or not text:
            text += token.text
        else:
            text += delimiter + token.text
    return text
