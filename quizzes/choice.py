"""What single- and multiple-choice questions share: options with feedback."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from quizzes.authoring import Authored, Text

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

    def choice_problems(self) -> list[tuple[str, str, str]]:
        """(key, what is wrong, how to fix it) for option ids and correct answers."""
        problems: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for option in self.options:
            if option.id in seen:
                problems.append(
                    (
                        "options",
                        f"option id '{option.id}' is used twice",
                        "give every option its own letter",
                    )
                )
            seen.add(option.id)
        known = ", ".join(self.option_ids())
        for answer in self.correct_ids():
            if answer not in seen:
                problems.append(
                    (
                        "correct",
                        f"correct answer '{answer}' is not one of its options ({known})",
                        "use the id of one of the options",
                    )
                )
        return problems
