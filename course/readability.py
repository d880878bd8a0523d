"""Readability of Dutch screen text: Flesch–Douma and average words per sentence.

Flesch–Douma = 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words);
Sentences and words are counted here (list items are sentences to a reader), and so are
syllables: the vowel sounds of each word (see ``syllable_count``). A list item that links to
another site is a source reference, not text the designer can rewrite: it is not measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from markdown_it.token import Token

from course.sources import markdown_tokens

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or : before a space, also when a closing quote or bracket follows.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?:])|(?<=[.!?:][\"'”’)]))\s+")

DOUMA_TARGET = 60.0
WORDS_PER_SENTENCE_TARGET = 15.0
# Flesch–Douma says little about a few words (one long word moves it by tens of points): a
# shorter text is judged on its sentence length only.
DOUMA_MIN_WORDS = 30


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

    @property
    def douma_counts(self) -> bool:
        return self.words >= DOUMA_MIN_WORDS

    def meets_targets(self) -> bool:
        return not missed_targets(self)


def missed_targets(figures: Readability) -> str:
    """The readability targets a text misses, with its figures: '' when it meets them."""
    missed = []
    if figures.douma_counts and figures.douma < DOUMA_TARGET:
        missed.append(f"Flesch–Douma {figures.douma:.1f} (target ≥ {DOUMA_TARGET:g})")
    if figures.words_per_sentence > WORDS_PER_SENTENCE_TARGET:
        missed.append(
            f"{figures.words_per_sentence:.1f} words per sentence "
            f"(target ≤ {WORDS_PER_SENTENCE_TARGET:g})"
        )
    return ", ".join(missed)


def _is_source_reference(inline: Token, in_list_item: bool) -> bool:
    return in_list_item and any(
        child.type == "link_open" and str(child.attrGet("href")).startswith(("http:", "https:"))
        for child in inline.children or []
    )


def _measured_inlines(markdown: str) -> list[Token]:
    """The inline texts of a Markdown text that readability counts: all but source references."""
    found, list_items = [], 0
    for token in markdown_tokens(markdown):
        if token.type in ("list_item_open", "list_item_close"):
            list_items += token.nesting
        elif token.type == "inline" and not _is_source_reference(token, list_items > 0):
            found.append(token)
    return found


# No Markdown syntax: the text is one paragraph as it stands (most options and feedback), so it
# needs no parsing. Anything that might be syntax takes the parser.
_MAYBE_MARKUP = re.compile(r"[*_`\[\]<>\\&#|~]|^\s*(?:[-+>]|\d+[.)])(?:\s|$)|:::", re.M)


@dataclass(frozen=True)
class InlineText:
    """One paragraph, list item or heading as plain text, with where its lines start."""

    text: str
    line_starts: tuple[tuple[int, int], ...]  # (offset in text, line of the source from 0)


@cache
def _inline_texts(markdown: str) -> tuple[InlineText, ...]:
    """The measured texts of a Markdown text (see ``_measured_inlines``), line breaks as spaces."""
    if "\n" not in markdown.strip() and not _MAYBE_MARKUP.search(markdown):
        leading_lines = markdown[: len(markdown) - len(markdown.lstrip())].count("\n")
        return (InlineText(markdown.strip(), ((0, leading_lines),)),) if markdown.strip() else ()
    found = []
    for token in _measured_inlines(markdown):
        text, line_starts = "", [(0, token.map[0] if token.map else 0)]
        for part in token.children or []:
            if part.type in ("softbreak", "hardbreak"):
                text += " "
                line_starts.append((len(text), line_starts[-1][1] + 1))
            else:
                text += part.content
        found.append(InlineText(text, tuple(line_starts)))
    return tuple(found)


def plain_text(markdown: str) -> str:
    """Markdown as sentences of plain text: list items and headings count as sentences."""
    lines = []
    for inline in _inline_texts(markdown):
        text = " ".join(inline.text.split())
        if text:
            lines.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(lines)


# A run of vowels in a Dutch word splits into vowel sounds, each one syllable, the longest
# first: so-ci-aal, groei-en, re-a-geer. A diaeresis starts a new sound (i-dee-ën), and a "y"
# before a vowel is a consonant (Yas-mi-na).
_VOWEL_SOUND = re.compile(
    r"aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|eu|ui|ei|ou|au|y(?![aeiou])|[aeiouàáâäèéêëìíîïòóôöùúûü]"
)


@cache
def syllable_count(word: str) -> int:
    """Syllables of a lower-case Dutch word: its vowel sounds, at least one."""
    return max(1, len(_VOWEL_SOUND.findall(word)))


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


# B1 for a single sentence: a reader keeps up to about 20 words in mind at once.
SENTENCE_WORDS_LIMIT = 20
# A word of this many syllables or more is a hard word for a B1 reader (it also weighs most
# in Flesch–Douma).
LONG_WORD_SYLLABLES = 4


@dataclass(frozen=True)
class Sentence:
    line: int  # line of the text where the sentence starts, from 0
    text: str
    words: int


@cache  # the checks and the report ask for the same texts; the preview for unchanged ones
def sentences(markdown: str) -> tuple[Sentence, ...]:
    """The sentences of a Markdown text as ``measure`` counts them, with the line each starts on."""
    found = []
    for inline in _inline_texts(markdown):
        text, line_starts = inline.text, inline.line_starts
        start = len(text) - len(text.lstrip())
        for end in [*(m.start() for m in _SENTENCE_END.finditer(text)), len(text)]:
            sentence = " ".join(text[start:end].split())
            words = len(_WORD.findall(sentence))
            if words:
                line = max(line for offset, line in line_starts if offset <= start)
                found.append(Sentence(line, sentence, words))
            start = end + (len(text[end:]) - len(text[end:].lstrip()))
    return tuple(found)


@cache
def long_words(markdown: str) -> tuple[str, ...]:
    """Words of ``LONG_WORD_SYLLABLES`` syllables or more, each once, longest first."""
    words = {w.lower(): w for w in _WORD.findall(plain_text(markdown))}.values()  # once each
    hard = [w for w in words if syllable_count(w.lower()) >= LONG_WORD_SYLLABLES]
    return tuple(sorted(hard, key=lambda w: (-syllable_count(w.lower()), w.lower())))
