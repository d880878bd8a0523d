"""Case checks: every path through a case, where the choices lead and what each path scores.

:func:`case_overview` gives the figures for ``course report`` and the case picture
(:mod:`course.case_map`); :func:`case_warnings` the warnings for ``course check``. The
structural rules (every ``next`` exists, no loops, every step and ending reachable, the
declared score range) are errors in :mod:`course.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.model import CaseChoice, CaseStep, Course, WorkshopCase
from course.problems import Problem

# A case with more paths than this is summarised from the paths counted so far.
MAX_PATHS = 10_000
# The learner goes on with the module after the last step: this path has no authored ending.
END_OF_CASE = "(end of case)"


@dataclass(frozen=True)
class CasePath:
    decisions: tuple[tuple[CaseStep, CaseChoice], ...]
    ending: str  # an ending id, or END_OF_CASE

    @property
    def points(self) -> int:
        return sum(choice.points for _, choice in self.decisions)

    def label(self) -> str:
        return " → ".join(f"{step.id} {choice.id}" for step, choice in self.decisions)


@dataclass(frozen=True)
class EndingFigures:
    ending: str
    reached_by: list[str]  # "step choice" of each choice that leads straight to it
    paths: int
    points: tuple[int, int] | None  # lowest and highest total of the paths that end here


@dataclass(frozen=True)
class CaseOverview:
    case: WorkshopCase
    paths: list[CasePath]
    branching_steps: list[str]  # steps whose choices lead to two or more places
    same_place_steps: list[str]  # steps whose choices all lead to one place
    endings: list[EndingFigures]

    @property
    def decision_steps(self) -> int:
        return len(self.case.steps)


def targets(case: WorkshopCase, step: CaseStep) -> list[str]:
    """Where each choice of a step leads, in choice order: a step, an ending or END_OF_CASE."""
    return [case.next_of(step, choice) or END_OF_CASE for choice in step.choices]


def all_paths(case: WorkshopCase) -> list[CasePath]:
    """Every path from the first step to an ending (only for a checked, loop-free case)."""
    steps = {step.id: step for step in case.steps}
    paths: list[CasePath] = []
    trail: list[tuple[CaseStep, CaseChoice]] = []

    def walk(step: CaseStep) -> None:
        for choice in step.choices:
            if len(paths) >= MAX_PATHS:
                return
            trail.append((step, choice))
            target = case.next_of(step, choice) or END_OF_CASE
            if target in steps:
                walk(steps[target])
            else:
                paths.append(CasePath(tuple(trail), target))
            trail.pop()

    walk(case.steps[0])
    return paths


def same_place_steps(case: WorkshopCase) -> list[str]:
    """Steps whose choices all lead to one place."""
    return [s.id for s in case.steps if len(set(targets(case, s))) == 1]


def case_overview(case: WorkshopCase) -> CaseOverview:
    paths = all_paths(case)
    branching = [s.id for s in case.steps if len(set(targets(case, s))) > 1]
    same_place = same_place_steps(case)
    ending_ids = [e.id for e in case.endings]
    if any(path.ending == END_OF_CASE for path in paths):
        ending_ids.append(END_OF_CASE)
    endings = []
    for ending in ending_ids:
        reaching = [p for p in paths if p.ending == ending]
        totals = [p.points for p in reaching]
        endings.append(
            EndingFigures(
                ending,
                [
                    f"{step.id} {choice.id}"
                    for step in case.steps
                    for choice, target in zip(step.choices, targets(case, step), strict=True)
                    if target == ending
                ],
                len(reaching),
                (min(totals), max(totals)) if totals else None,
            )
        )
    return CaseOverview(case, paths, branching, same_place, endings)


def case_warnings(course: Course) -> list[Problem]:
    warnings = []
    for module in course.modules:
        for case in (item for item in module.items if isinstance(item, WorkshopCase)):
            if not case.branches:
                continue  # a linear case: every choice goes on to the next step by design
            steps = {step.id: step for step in case.steps}
            for step_id in same_place_steps(case):
                step = steps[step_id]
                (target,) = set(targets(case, step))
                place = "the end of the case" if target == END_OF_CASE else f"'{target}'"
                warnings.append(
                    Problem(
                        step.at("choices"),
                        f"case '{case.id}', step '{step_id}': every choice leads to {place}, "
                        "so the decision does not change the path",
                        "point a choice's 'next' to another step or ending if the decision "
                        "should matter (fine when only the feedback should differ)",
                    )
                )
    return warnings
