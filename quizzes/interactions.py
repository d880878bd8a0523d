"""SCORM interaction data: the two versions' formats, and one record both can write.

Each question type maps a learner's answer to an :class:`Interaction` using the
:class:`ResponseFormat` of the target. The same format is handed to the learner
runtime as JSON, so the browser formats responses by the very same rules.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

InteractionType = Literal["true-false", "choice", "fill-in", "matching", "sequencing", "likert"]


@dataclass(frozen=True)
class ResponseFormat:
    """How one SCORM version spells responses, results and limits (scorm-notes §6)."""

    version: Literal["1.2", "2004"]
    list_separator: str
    pair_separator: str  # between source and target of a matching pair
    true_token: str
    false_token: str
    result_words: dict[str, str]
    fill_in_max_length: int  # one typed answer (2004: a CMILangString250, 1.2: CMIFeedback)
    description_max_length: int  # 0: the version has no interaction description

    def to_json(self) -> dict[str, object]:
        return asdict(self)


SCORM12_FORMAT = ResponseFormat(
    version="1.2",
    list_separator=",",
    pair_separator=".",
    true_token="t",
    false_token="f",
    result_words={"correct": "correct", "incorrect": "wrong", "neutral": "neutral"},
    fill_in_max_length=255,
    description_max_length=0,
)

SCORM2004_FORMAT = ResponseFormat(
    version="2004",
    list_separator="[,]",
    pair_separator="[.]",
    true_token="true",
    false_token="false",
    result_words={"correct": "correct", "incorrect": "incorrect", "neutral": "neutral"},
    fill_in_max_length=250,
    description_max_length=250,
)


@dataclass(frozen=True)
class Interaction:
    """One answered question or decision, in the words of one SCORM version."""

    id: str
    type: InteractionType
    learner_response: str
    correct_response: str | None
    result: str
    weighting: float
    objective_ids: tuple[str, ...]
    description: str | None


def fit(text: str, limit: int) -> str:
    """The longest start of ``text`` within ``limit`` UTF-16 code units, no character split.

    LMSs written in JavaScript count code units (an emoji is two), so counting them keeps a
    value inside the limit for those and for every LMS that counts characters.
    """
    kept, used = [], 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            break
        kept.append(char)
    return "".join(kept)


def outside_option_block(text: str) -> str:
    """SCORM 2004 reads a leading "{" as an option block ("{lang=nl}", "{case_matters=..}") and
    refuses a value that starts one wrongly (406): such a start, spaces included, is dropped."""
    return text.lstrip("{ ")
