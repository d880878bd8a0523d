"""Readability of Dutch screen text: Flesch–Douma and average words per sentence.

Flesch–Douma = 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words);
Sentences and words are counted here (list items are sentences to a reader); syllables are
the hyphenation points of Pyphen's Dutch dictionary plus one, as textstat counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyphen  # type: ignore[import-untyped]

from course.sources import markdown_tokens

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")

DOUMA_TARGET = 60.0
WORDS_PER_SENTENCE_TARGET = 15.0


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def douma(self) -> float:
        if not self.words:
            return 100.0
        return round(
            206.835 - 0.93 * (self.words / self.sentences) - 77 * (self.syllables / self.words),
            1,
        )

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def meets_targets(self) -> bool:
        return self.douma >= DOUMA_TARGET and self.words_per_sentence <= WORDS_PER_SENTENCE_TARGET


def plain_text(markdown: str) -> str:
    """Markdown as sentences of plain text: list items and headings count as sentences."""
    lines = []
    for token in markdown_tokens(markdown):
        if token.type == "inline":
            text = re.sub(
                r"\s+", " ", "".join(child.content for child in token.children or [])
            ).strip()
            if text:
                lines.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(lines)


_dutch = pyphen.Pyphen(lang="nl")


@cache
def syllable_count(word: str) -> int:
    return len(_dutch.positions(word)) + 1


@cache  # the checks, the report and the study-time estimate measure the same texts
def measure(markdown: str) -> Readability:
    text = plain_text(markdown)
    words = _WORD.findall(text)
    if not words:
        return Readability(0, 0, 0)
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    return Readability(len(words), sentences, sum(syllable_count(w.lower()) for w in words))


def combined(parts: Iterable[Readability]) -> Readability:
    """The figures of several texts read as one, without measuring them again."""
    parts = list(parts)
    return Readability(
        sum(part.words for part in parts),
        sum(part.sentences for part in parts),
        sum(part.syllables for part in parts),
    )
