"""Problems found in authored files, reported all at once as ``path:line: what — how to fix``."""

from __future__ import annotations

from dataclasses import dataclass

from quizzes.authoring import Location


@dataclass(frozen=True)
class Problem:
    location: Location
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.location}: {self.what} — {self.fix}"


class AuthoringError(Exception):
    """The authored course has problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
