"""The contract every question type fulfils.

A question type is one folder in this package with:
- ``__init__.py``: the pydantic model (a subclass of :class:`Question`), its scoring
  and its SCORM interaction mapping;
- ``template.html.j2``: how it is rendered;
- ``script.js``: how the learner runtime reads, scores and formats an answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from quizzes.authoring import Authored, Slug, Text
from quizzes.interactions import Interaction, InteractionType, ResponseFormat


class Question(Authored):
    type_name: ClassVar[str]
    interaction_type: ClassVar[InteractionType]
    folder: ClassVar[Path]

    id: Slug
    prompt: Text
    objectives: list[Slug] = Field(min_length=1)
    points: float = Field(default=1, gt=0, le=100)

    def problems(self) -> list[tuple[str, str, str]]:
        """Inconsistencies the field types cannot express: (key, what, how to fix)."""
        return []

    def correct_answer(self) -> Any:
        """An answer that earns full points, in the form :meth:`score` takes."""
        raise NotImplementedError

    def score(self, answer: Any) -> float:
        """The fraction of this question's points the answer earns, 0 to 1."""
        raise NotImplementedError

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        raise NotImplementedError

    def runtime_data(self) -> dict[str, Any]:
        """What the learner runtime needs to score this question."""
        return {"type": self.type_name, "id": self.id, "points": self.points}

    def runtime_entry(self, fmt: ResponseFormat, interaction_id: str) -> dict[str, Any]:
        """Everything the learner runtime needs to score, explain and report this question."""
        reference = self.interaction(self.correct_answer(), fmt, interaction_id)
        return {
            **self.runtime_data(),
            "interactionId": interaction_id,
            "interactionType": self.interaction_type,
            "objectives": list(self.objectives),
            "correctResponse": reference.correct_response,
            "description": reference.description,
        }

    def interaction(self, answer: Any, fmt: ResponseFormat, interaction_id: str) -> Interaction:
        earned = self.score(answer)
        return Interaction(
            id=interaction_id,
            type=self.interaction_type,
            learner_response=self.format_response(answer, fmt),
            correct_response=self.format_response(self.correct_answer(), fmt),
            result=fmt.result_words["correct" if earned == 1 else "incorrect"],
            weighting=self.points,
            objective_ids=tuple(self.objectives),
            description=plain_description(self.prompt, fmt.description_max_length),
        )


def plain_description(prompt: str, max_length: int) -> str | None:
    """The prompt as one line of plain text that fits the version's description field."""
    if max_length == 0:
        return None
    text = " ".join(prompt.replace("*", "").replace("`", "").split())
    return text if len(text) <= max_length else text[: max_length - 1] + "…"
