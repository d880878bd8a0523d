"""What single- and multiple-choice questions share: options with feedback."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from quizzes.authoring import Authored, Text
from quizzes.question import repeated

OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z]$")]
"""One letter, so that SCORM 1.2's single-character choice responses always fit."""


class Option(Authored):
    id: OptionId
    text: Text
    feedback: Text


class ChoiceOptions(Authored):
    """Mixin for questions whose answer is one or more of their lettered options."""

    options: list[Option] = Field(min_length=2, max_length=26)

    def option_ids(self) -> list[str]:
        return [option.id for option in self.options]

    def correct_ids(self) -> list[str]:
        raise NotImplementedError

    def item_texts(self) -> list[str]:
        return [f"{option.text}\n\n{option.feedback}" for option in self.options]

    def choice_problems(self) -> list[tuple[str, str, str]]:
        """(key, what is wrong, how to fix it) for option ids and correct answers."""
        problems = [
            ("options", f"option id '{twice}' is used twice", "give every option its own letter")
            for twice in repeated(self.option_ids())
        ]
        known = ", ".join(self.option_ids())
        for answer in self.correct_ids():
            if answer not in self.option_ids():
                problems.append(
                    (
                        "correct",
                        f"correct answer '{answer}' is not one of its options ({known})",
                        "use the id of one of the options",
                    )
                )
        return problems
