"""The course domain: what a learning designer authors, as pydantic models.

Each ``*File`` model is the schema of one kind of authoring file. :class:`Module` and
:class:`Course` are the assembled structure the builder works on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from quizzes import AnyQuestion
from quizzes.authoring import Authored, Slug, Text
from quizzes.choice import OptionId


class Objective(Authored):
    id: Slug
    text: Text


class Screen(Authored):
    """One page the learner sees: a ``## heading`` and the Markdown below it."""

    id: Slug
    title: Text
    body: str


class Lesson(Authored):
    """A lesson file: front matter (id, title, objectives) and ``##`` screens."""

    kind: ClassVar[str] = "lesson"
    id: Slug
    title: Text
    objectives: list[Slug] = Field(min_length=1)
    screens: list[Screen] = Field(min_length=1)


class CaseChoice(Authored):
    id: OptionId
    text: Text
    feedback: Text
    next: Slug | None = Field(
        default=None,
        description="The step or ending this choice leads to; left out: the following step.",
    )
    points: int = Field(default=0, ge=-100, le=100, description="Points this choice adds.")


class CaseStep(Authored):
    id: Slug
    title: Text | None = Field(
        default=None,
        description="The step's heading, e.g. 'Het gesprek met de buurman'. Without it the "
        "heading asks 'Wat doe je?'.",
    )
    situation: Text
    question: Text
    choices: list[CaseChoice] = Field(min_length=2, max_length=26)


class CaseEnding(Authored):
    """Where a path through a case ends: what came of the learner's decisions."""

    id: Slug
    title: Text
    text: Text


class ScoreRange(Authored):
    min: int
    max: int


class WorkshopCase(Authored):
    """A branching scenario: decision points whose choices lead to a next step or an ending.

    A choice without ``next`` leads to the following step, so a case without any ``next`` is
    linear; after the last step, or an ending, the learner goes on with the module.
    """

    kind: ClassVar[str] = "case"
    id: Slug
    title: Text
    fictional_note: Text = Field(
        description="Says that the persons and places in the case are fictional."
    )
    objectives: list[Slug] = Field(min_length=1)
    intro: Text
    steps: list[CaseStep] = Field(min_length=1)
    endings: list[CaseEnding] = Field(default_factory=list)
    score: ScoreRange | None = Field(
        default=None, description="The lowest and highest total points a path can earn."
    )

    @property
    def branches(self) -> bool:
        return bool(self.endings) or any(c.next for s in self.steps for c in s.choices)

    def next_of(self, step: CaseStep, choice: CaseChoice) -> str | None:
        """The id of the step or ending a choice leads to; None when the case ends there."""
        if choice.next is not None:
            return choice.next
        position = [s.id for s in self.steps].index(step.id)
        return self.steps[position + 1].id if position + 1 < len(self.steps) else None

    def walk(
        self, choose: Callable[[CaseStep], str]
    ) -> tuple[list[tuple[CaseStep, CaseChoice]], CaseEnding | None]:
        """The decisions and the ending on the path of a learner who picks ``choose(step)``.

        Only for a checked case: every ``next`` exists and no path loops.
        """
        steps = {step.id: step for step in self.steps}
        decisions: list[tuple[CaseStep, CaseChoice]] = []
        at: str | None = self.steps[0].id
        while at in steps:
            step = steps[at]
            choice = next(c for c in step.choices if c.id == choose(step))
            decisions.append((step, choice))
            at = self.next_of(step, choice)
        return decisions, next((e for e in self.endings if e.id == at), None)


class Quiz(Authored):
    kind: ClassVar[str] = "quiz"
    id: Slug
    title: Text
    intro: str = ""
    pass_mark: Annotated[int, Field(ge=1, le=100, description="Percentage needed to pass.")]
    shuffle: bool = Field(default=False, description="Shuffle options anew for each attempt.")
    attempts: int | None = Field(
        default=None, ge=1, le=99, description="Attempts allowed; none: retry until passed."
    )
    questions: list[AnyQuestion] = Field(min_length=1)

    @model_validator(mode="after")
    def something_to_score(self) -> Quiz:
        if not any(question.scored for question in self.questions):
            raise ValueError("a quiz needs at least one scored question (likert is not scored)")
        return self

    def max_points(self) -> float:
        """Unscored questions count neither here nor in the score."""
        return sum(question.points for question in self.questions if question.scored)


ModuleItem = Lesson | WorkshopCase | Quiz

RelativeFile = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ItemRef(Authored):
    """One entry of a module's ``items``: exactly one of lesson, case or quiz, naming a file."""

    lesson: RelativeFile | None = None
    case: RelativeFile | None = None
    quiz: RelativeFile | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> ItemRef:
        if sum(value is not None for value in (self.lesson, self.case, self.quiz)) != 1:
            raise ValueError("an item names exactly one of 'lesson', 'case' or 'quiz'")
        return self

    @property
    def kind(self) -> Literal["lesson", "case", "quiz"]:
        if self.lesson is not None:
            return "lesson"
        return "case" if self.case is not None else "quiz"

    @property
    def file(self) -> str:
        return self.lesson or self.case or self.quiz or ""


class ModuleFile(Authored):
    """``module.yaml``."""

    id: Slug
    title: Text
    description: Text
    keywords: list[Text] = Field(default_factory=list)
    study_time_minutes: int = Field(ge=1, le=600)
    cover_image: Text | None = Field(
        default=None,
        description="An image for the module's cover, as Markdown: "
        "'![what the image shows](images/cover.jpg)'.",
    )
    objectives: list[Objective] = Field(min_length=1)
    items: list[ItemRef] = Field(min_length=1)


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]


class Logo(Authored):
    file: RelativeFile = Field(description="An SVG or PNG file, relative to modules/.")
    alt: Text = Field(description="What the logo says, for screen readers: the organisation.")


class CourseFile(Authored):
    """``modules/course.yaml``."""

    id: Slug
    title: Text
    description: Text
    language: LanguageCode
    organisation: Text
    version: Version
    modules: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]] = (
        Field(min_length=1, description="Module folders below modules/, in course order.")
    )
    theme: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        default="default",
        description="The look: a built-in theme (default, den-haag, voorbeeld) or the path, "
        "relative to modules/, of a .css file with NL Design System design tokens.",
    )
    logo: Logo | None = Field(
        default=None, description="The organisation's logo, shown in the header and on covers."
    )


class GlossaryTerm(Authored):
    term: Text
    also: list[Text] = Field(
        default_factory=list, description="Other names or spellings used in the lessons."
    )
    definition: Text

    def names(self) -> list[str]:
        return [self.term, *self.also]


class GlossaryFile(Authored):
    """``modules/glossary.yaml``: one glossary for the whole course."""

    terms: list[GlossaryTerm] = Field(min_length=1)


@dataclass(frozen=True)
class ScreenRef:
    """A screen in the order the learner meets it, with its stable tracking id."""

    key: str
    title: str
    kind: Literal[
        "lesson",
        "case-intro",
        "case-step",
        "case-ending",
        "quiz-intro",
        "question",
        "quiz-result",
        "closing",
    ]
    item: ModuleItem | None  # None for the closing screen, which belongs to the whole module


# The module's closing screen: a key no authored id can produce, since slugs start with a letter.
CLOSING_KEY = "_module/closing"


@dataclass(frozen=True)
class Module:
    spec: ModuleFile
    folder: Path
    items: tuple[ModuleItem, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def quiz(self) -> Quiz | None:
        return next((item for item in self.items if isinstance(item, Quiz)), None)

    def screens(self) -> list[ScreenRef]:
        """Every screen in order, on any path. Keys join authored ids, so text edits keep them."""
        screens: list[ScreenRef] = []
        for item in self.items:
            if isinstance(item, Lesson):
                screens += [
                    ScreenRef(f"{item.id}/{s.id}", s.title, "lesson", item) for s in item.screens
                ]
            elif isinstance(item, WorkshopCase):
                screens.append(ScreenRef(f"{item.id}/intro", item.title, "case-intro", item))
                screens += [
                    ScreenRef(f"{item.id}/{step.id}", item.title, "case-step", item)
                    for step in item.steps
                ]
                screens += [
                    ScreenRef(f"{item.id}/{ending.id}", ending.title, "case-ending", item)
                    for ending in item.endings
                ]
            else:
                screens.append(ScreenRef(f"{item.id}/start", item.title, "quiz-intro", item))
                screens += [
                    ScreenRef(f"{item.id}/{q.id}", item.title, "question", item)
                    for q in item.questions
                ]
                screens.append(ScreenRef(f"{item.id}/result", item.title, "quiz-result", item))
        screens.append(ScreenRef(CLOSING_KEY, self.title, "closing", None))
        return screens

    def route(self, choose: Callable[[CaseStep], str]) -> list[ScreenRef]:
        """The screens, in order, of a learner who decides every case step by ``choose``."""
        by_key = {screen.key: screen for screen in self.screens()}
        route: list[ScreenRef] = []
        for item in self.items:
            if isinstance(item, WorkshopCase):
                decisions, ending = item.walk(choose)
                parts = ["intro", *(step.id for step, _ in decisions)]
                route += [by_key[f"{item.id}/{part}"] for part in parts]
                route += [by_key[f"{item.id}/{ending.id}"]] if ending else []
            else:
                route += [s for s in by_key.values() if s.item is item]
        return [*route, by_key[CLOSING_KEY]]


@dataclass(frozen=True)
class Course:
    spec: CourseFile
    root: Path
    modules: tuple[Module, ...]
    glossary: tuple[GlossaryTerm, ...] = ()

    @property
    def id(self) -> str:
        return self.spec.id
