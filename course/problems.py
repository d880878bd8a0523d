"""Problems found in authored files, reported all at once as ``path:line: what — how to fix``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizzes.authoring import Location

if TYPE_CHECKING:
    from course.model import Course


@dataclass(frozen=True)
class Problem:
    location: Location
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.location}: {self.what} — {self.fix}"


def did_you_mean(written: str, known: Sequence[str]) -> str:
    """ "did you mean 'x'? " for the known name closest to a misspelt one, else ''."""
    close = difflib.get_close_matches(written, known, n=1)
    return f"did you mean '{close[0]}'? " if close else ""


class AuthoringError(Exception):
    """The authored course has problems; nothing was built.

    ``course`` holds what could be loaded without a problem (the modules that loaded cleanly),
    so a report can still be made; None when not even course.yaml could be read.
    """

    def __init__(self, problems: list[Problem], course: Course | None = None) -> None:
        self.problems = problems
        self.course = course
        super().__init__("\n".join(str(problem) for problem in problems))
