"""The contract every question type fulfils.

A question type is one folder in this package with:
- ``__init__.py``: the pydantic model (a subclass of :class:`Question`), its scoring
  and its SCORM interaction mapping;
- ``template.html.j2``: how it is rendered;
- ``script.js``: how the learner runtime reads, scores and formats an answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from quizzes.authoring import Authored, Slug, Text
from quizzes.interactions import (
    Interaction,
    InteractionType,
    ResponseFormat,
    fit,
    outside_option_block,
)


class Question(Authored):
    type_name: ClassVar[str]
    interaction_type: ClassVar[InteractionType]
    folder: ClassVar[Path]
    scored: ClassVar[bool] = True
    """False for questions without a right answer: no points, no pass or fail, result neutral."""

    id: Slug
    prompt: Text
    objectives: list[Slug] = Field(min_length=1)
    points: float = Field(default=1, gt=0, le=100)
    feedback: Text | None = Field(
        default=None, description="Shown after answering, whatever the answer."
    )

    def problems(self) -> list[tuple[str, str, str]]:
        """Inconsistencies the field types cannot express: (key, what, how to fix)."""
        return []

    def correct_answer(self) -> Any:
        """An answer that earns full points, in the form :meth:`score` takes.

        Answers have the same shape here as in the learner runtime and its saved state.
        """
        raise NotImplementedError

    def score(self, answer: Any) -> float:
        """The fraction of this question's points the answer earns, 0 to 1."""
        raise NotImplementedError

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        raise NotImplementedError

    def longest_answer(self) -> Any:
        """The answer that takes most room in the saved state (see scorm_builder/state.py)."""
        raise NotImplementedError

    def correct_pattern(self, fmt: ResponseFormat) -> str | None:
        """The correct response as the LMS stores it; None when no answer is right."""
        return self.format_response(self.correct_answer(), fmt) if self.scored else None

    def learner_texts(self) -> list[str]:
        """Everything the learner reads in this question, for the readability measure."""
        return [self.prompt, *self.item_texts(), *([self.feedback] if self.feedback else [])]

    def item_texts(self) -> list[str]:
        """The texts of this type's own parts: options, pairs, items, feedback."""
        return []

    def runtime_data(self) -> dict[str, Any]:
        """What the learner runtime needs to score this question."""
        return {
            "type": self.type_name,
            "id": self.id,
            "points": self.points if self.scored else 0,
            "scored": self.scored,
        }

    def runtime_entry(self, fmt: ResponseFormat, interaction_id: str) -> dict[str, Any]:
        """Everything the learner runtime needs to score, explain and report this question."""
        return {
            **self.runtime_data(),
            "interactionId": interaction_id,
            "interactionType": self.interaction_type,
            "objectives": list(self.objectives),
            "correctResponse": self.correct_pattern(fmt),
            "description": plain_description(self.prompt, fmt.description_max_length),
        }

    def interaction(self, answer: Any, fmt: ResponseFormat, interaction_id: str) -> Interaction:
        outcome = "neutral"
        if self.scored:
            outcome = "correct" if self.score(answer) == 1 else "incorrect"
        return Interaction(
            id=interaction_id,
            type=self.interaction_type,
            learner_response=self.format_response(answer, fmt),
            correct_response=self.correct_pattern(fmt),
            result=fmt.result_words[outcome],
            weighting=self.points if self.scored else 0,
            objective_ids=tuple(self.objectives),
            description=plain_description(self.prompt, fmt.description_max_length),
        )


def repeated(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, each named once, in order of first use."""
    return [value for value, count in Counter(values).items() if count > 1]


def plain_description(prompt: str, max_length: int) -> str | None:
    """The prompt as one line of plain text that fits the version's description field."""
    if max_length == 0:
        return None
    text = outside_option_block(" ".join(prompt.replace("*", "").replace("`", "").split()))
    return text if fit(text, max_length) == text else fit(text, max_length - 1) + "…"
