"""Synthetic json-v2 cases for the subtitle rules (issue 7 §3), generated, deterministic.

Word timings are what a recogniser gives: each word its own length, small gaps, pauses between
sentences and turns. Each case says whether meeting every hard rule is possible without changing
words (``feasible``): the fast speaker (4.5 words a second) is not; neither is a word wider than
a Netflix line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .factories import document, punct, word

_TEXT = (
    "we went to the market and bought some bread then walked home along the river because "
    "it was a lovely day for once and nobody wanted to stay inside with the news on all the time"
)
_WORDS = _TEXT.split()


@dataclass(frozen=True)
class Case:
    name: str
    doc: dict[str, Any]
    feasible: bool


class _Speech:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = 0.5
        self.results: list[dict[str, Any]] = []

    def sentence(
        self,
        words: list[str],
        *,
        speaker: str = "S1",
        rate: float = 2.5,
        mark: str | None = ".",
        pause: float = 0.4,
    ) -> None:
        """``words`` spoken at about ``rate`` words a second, then ``pause`` of silence."""
        for k, text in enumerate(words):
            # Longer words take longer; on average ``rate`` words a second.
            length = self.rng.uniform(0.85, 1.15) * (0.5 + 0.5 * len(text) / 4.2) / rate
            start = round(self.now, 3)
            end = round(self.now + length * 0.9, 3)
            self.results.append(word(text, start, end, speaker=speaker))
            if k < len(words) - 1 and text.endswith(","):
                self.results[-1]["alternatives"][0]["content"] = text[:-1]
                self.results.append(punct(",", end, speaker=speaker))
            self.now += length
        if mark is not None:
            end = self.results[-1]["end_time"]
            self.results.append(punct(mark, end, is_eos=True, speaker=speaker))
        self.now += pause

    def prose(self, count: int) -> list[str]:
        words = [self.rng.choice(_WORDS) for _ in range(count)]
        words[0] = words[0].capitalize()
        return words


def fast_speaker() -> Case:
    speech = _Speech(1)
    for _ in range(14):
        speech.sentence(speech.prose(speech.rng.randint(8, 16)), rate=4.5, pause=0.25)
    return Case("fast speaker (4.5 words/s)", document(speech.results), feasible=False)


def slow_speaker() -> Case:
    speech = _Speech(2)
    for _ in range(12):
        speech.sentence(speech.prose(speech.rng.randint(3, 9)), rate=1.4, pause=1.8)
    return Case("slow speaker (1.4 words/s)", document(speech.results), feasible=True)


def backchannels() -> Case:
    """An interview: questions, answers, and "Yes." / "Right." from the other side in between."""
    speech = _Speech(3)
    for k in range(10):
        speech.sentence(["Which", "platform", "did", "you", "use"], rate=2.4, mark="?", pause=0.3)
        speech.sentence(["Four"], speaker="S2", rate=2.0, pause=0.5)
        speech.sentence(speech.prose(10), speaker="S2", rate=2.6, pause=0.2)
        speech.sentence([["Yes"], ["Right"], ["Mm", "hmm"]][k % 3], rate=2.0, pause=0.25)
        speech.sentence(speech.prose(7), speaker="S2", rate=2.6, pause=1.2)
    return Case("quick speaker changes and backchannels", document(speech.results), feasible=True)


def numbers() -> Case:
    speech = _Speech(4)
    lines = [
        "In 2024, 3,500 people paid $20.50 each",
        "That is 71,750 dollars in 12 months",
        "Call 0800 123 4567 before 9.30pm on 14 February",
        "The vote was 312 to 287, with 51 abstentions",
    ]
    for _ in range(3):
        for line in lines:
            speech.sentence(line.split(), rate=2.2, pause=0.9)
    return Case("numbers", document(speech.results), feasible=True)


def long_words(*, wider_than_a_line: bool) -> Case:
    speech = _Speech(5)
    long = "Donaudampfschifffahrtsgesellschaft"  # 34 characters: fits BBC's 37
    if wider_than_a_line:
        long = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"  # 48: fits no line
    for _ in range(6):
        speech.sentence(["The", long, "was", "founded", "long", "ago"], rate=2.0, pause=0.8)
        speech.sentence(speech.prose(6), rate=2.4, pause=0.6)
    label = "a word wider than a line" if wider_than_a_line else "long words"
    return Case(label, document(speech.results), feasible=not wider_than_a_line)


def monologue() -> Case:
    """300 words with no punctuation at all, and so no sentence ends: breaks must be found."""
    speech = _Speech(6)
    speech.sentence(speech.prose(300), rate=2.5, mark=None)
    return Case("long unpunctuated monologue", document(speech.results), feasible=True)


def all_cases() -> list[Case]:
    return [
        fast_speaker(),
        slow_speaker(),
        backchannels(),
        numbers(),
        long_words(wider_than_a_line=False),
        long_words(wider_than_a_line=True),
        monologue(),
    ]
