"""Checks across an assembled course that single-field validation cannot make."""

from __future__ import annotations

from collections.abc import Iterable

from course.media import check_images, check_logo, line_in_body
from course.model import (
    CaseChoice,
    CaseEnding,
    CaseStep,
    Course,
    Lesson,
    Module,
    ModuleItem,
    Quiz,
    Screen,
    WorkshopCase,
)
from course.problems import Problem, did_you_mean
from course.quality import readability_problems
from course.sources import markdown_tokens
from quizzes.authoring import Authored
from quizzes.question import Question

MIN_QUESTIONS_PER_OBJECTIVE = 2


def check_course(course: Course) -> list[Problem]:
    problems = _duplicates("module", [(m.id, m.spec) for m in course.modules])
    problems += _duplicates(
        "glossary term", [(name.lower(), t) for t in course.glossary for name in t.names()]
    )
    problems += check_logo(course)
    for module in course.modules:
        problems += check_module(module)
    return problems


def check_module(module: Module) -> list[Problem]:
    problems = _duplicates("objective", [(o.id, o) for o in module.spec.objectives])
    problems += _duplicates("item", [(item.id, item) for item in module.items])
    objective_ids = {objective.id for objective in module.spec.objectives}
    quizzes = [item for item in module.items if isinstance(item, Quiz)]
    for extra in quizzes[1:]:
        problems.append(
            Problem(
                extra.at(),
                f"module '{module.id}' has a second quiz '{extra.id}'",
                "merge the questions into one quiz per module",
            )
        )
    for item in module.items:
        if isinstance(item, Quiz):
            for question in item.questions:
                problems += _unknown_objectives(question, question.objectives, objective_ids)
        else:
            problems += _unknown_objectives(item, item.objectives, objective_ids)
    problems += _uncovered_objectives(module, quizzes)
    problems += check_images(module)
    if not problems:  # judge the text only once the structure is sound
        problems += readability_problems(module)
    return problems


def check_item(item: ModuleItem) -> list[Problem]:
    """Checks within one lesson, case or quiz; they run as soon as the file is loaded."""
    if isinstance(item, Lesson):
        problems = _duplicates("screen", [(s.id, s) for s in item.screens])
        return problems + [p for screen in item.screens for p in _heading_problems(screen)]
    if isinstance(item, WorkshopCase):
        nodes: list[tuple[str, Authored]] = [(s.id, s) for s in item.steps]
        problems = _duplicates("step or ending", nodes + [(e.id, e) for e in item.endings])
        for step in item.steps:
            problems += _duplicates("choice", [(c.id, c) for c in step.choices])
        return problems or case_graph_problems(item)
    problems = _duplicates("question", [(q.id, q) for q in item.questions])
    for question in item.questions:
        problems += [
            Problem(question.at(key), f"question '{question.id}': {what}", fix)
            for key, what, fix in question.problems()
        ]
    return problems


def case_graph_problems(case: WorkshopCase) -> list[Problem]:
    """Every step and ending is reachable, every path ends, and the score range is as declared.

    A case may branch and join again but never loop back: a path that can return to an earlier
    step could go on without end, and neither its score nor its saved state would be bounded.
    """
    steps = {step.id: step for step in case.steps}
    known = [*steps, *(ending.id for ending in case.endings)]
    problems = []
    for step in case.steps:
        onward = [node for node in known if node != step.id]  # a step cannot lead to itself
        problems += [
            Problem(
                choice.at("next"),
                f"step '{step.id}', choice '{choice.id}': 'next' names '{choice.next}', "
                "which is no step or ending of this case",
                f"{did_you_mean(choice.next, onward)}use one of: {', '.join(onward)}",
            )
            for choice in step.choices
            if choice.next is not None and choice.next not in known
        ]
    if problems:
        return problems
    reached: set[str] = set()

    def visit(step: CaseStep, trail: list[str]) -> None:
        # Depth first from the first step; ``trail`` is the path to this step, itself included.
        reached.add(step.id)
        for choice in step.choices:
            target = case.next_of(step, choice)
            if target in trail:
                loop = " → ".join([*trail[trail.index(target) :], target])
                problems.append(_loop_problem(step, choice, target, loop))
            elif target in steps and target not in reached:
                visit(steps[target], [*trail, target])
            elif target is not None:
                reached.add(target)

    visit(case.steps[0], [case.steps[0].id])
    nodes: list[CaseStep | CaseEnding] = [*case.steps, *case.endings]
    problems += [
        Problem(
            node.at("id"),
            f"{'step' if isinstance(node, CaseStep) else 'ending'} '{node.id}' cannot be reached "
            f"from the first step '{case.steps[0].id}'",
            "point a choice's 'next' to it, or remove it",
        )
        for node in nodes
        if node.id not in reached
    ]
    return problems or _score_problems(case)


def _loop_problem(step: CaseStep, choice: CaseChoice, target: str, loop: str) -> Problem:
    return Problem(
        choice.at("next"),
        f"step '{step.id}', choice '{choice.id}' leads back to step '{target}': "
        f"the path {loop} can go round without end",
        "point 'next' to a later step or an ending; a case moves forward only",
    )


def _score_problems(case: WorkshopCase) -> list[Problem]:
    """The declared score range must be exactly the lowest and highest total of any path."""
    steps = {step.id: step for step in case.steps}
    ranges: dict[str, tuple[int, int]] = {}

    def total(step: CaseStep) -> tuple[int, int]:
        # Lowest and highest points from this step to the end; the graph is checked acyclic.
        if step.id not in ranges:
            options = []
            for choice in step.choices:
                target = case.next_of(step, choice)
                low, high = total(steps[target]) if target in steps else (0, 0)
                options.append((choice.points + low, choice.points + high))
            ranges[step.id] = (min(o[0] for o in options), max(o[1] for o in options))
        return ranges[step.id]

    low, high = total(case.steps[0])
    fix = f"write 'score: {{min: {low}, max: {high}}}' or change the points of the choices"
    if case.score is None:
        if low == high == 0:
            return []
        return [Problem(case.at("id"), f"case '{case.id}' gives points but declares no score", fix)]
    if (case.score.min, case.score.max) == (low, high):
        return []
    return [
        Problem(
            case.at("score"),
            f"case '{case.id}' declares a score from {case.score.min} to {case.score.max}, "
            f"but its paths score from {low} to {high}",
            fix,
        )
    ]


def _uncovered_objectives(module: Module, quizzes: list[Quiz]) -> list[Problem]:
    taught = {o for item in module.items if not isinstance(item, Quiz) for o in item.objectives}
    assessed = [o for quiz in quizzes for q in quiz.questions for o in set(q.objectives)]
    problems = []
    for objective in module.spec.objectives:
        if objective.id not in taught:
            problems.append(
                Problem(
                    objective.at("id"),
                    f"objective '{objective.id}' is served by no lesson or case",
                    "list it in the 'objectives' of the lesson that teaches it, or remove it",
                )
            )
        count = assessed.count(objective.id)
        if quizzes and count < MIN_QUESTIONS_PER_OBJECTIVE:
            problems.append(
                Problem(
                    objective.at("id"),
                    f"objective '{objective.id}' is assessed by {count} question"
                    f"{'' if count == 1 else 's'}, fewer than {MIN_QUESTIONS_PER_OBJECTIVE}",
                    "list it in the 'objectives' of the questions that test it",
                )
            )
    return problems


def _unknown_objectives(
    owner: Authored, referenced: Iterable[str], known: set[str]
) -> list[Problem]:
    name = getattr(owner, "id", "")
    kind = "question" if isinstance(owner, Question) else getattr(owner, "kind", "item")
    return [
        Problem(
            owner.at("objectives"),
            f"{kind} '{name}': objective '{ref}' is not defined in module.yaml",
            f"{did_you_mean(ref, sorted(known))}use one of: {', '.join(sorted(known))}, "
            "or add it to module.yaml",
        )
        for ref in referenced
        if ref not in known
    ]


def _heading_problems(screen: Screen) -> list[Problem]:
    """Headings inside a screen go down one level at a time from its '##' title, so a screen
    reader's list of headings has no gaps."""
    problems = []
    previous = 2
    for token in markdown_tokens(screen.body):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        if level <= 2:
            what, fix = "a '#' heading", "'##' starts a screen; use '###' for a heading in one"
        elif level > previous + 1:
            what = f"a '{'#' * level}' heading right after '{'#' * previous}'"
            fix = f"use '{'#' * (previous + 1)}', one level below the heading before it"
        else:
            previous = level
            continue
        where = line_in_body(screen, token.map[0] if token.map else 0)
        problems.append(Problem(where, f"screen '{screen.id}' has {what}", fix))
        previous = max(level, 2)
    return problems


def _duplicates(kind: str, entries: list[tuple[str, Authored]]) -> list[Problem]:
    seen: dict[str, Authored] = {}
    problems = []
    for entry_id, owner in entries:
        if entry_id in seen:
            problems.append(
                Problem(
                    owner.at("id"),
                    f"{kind} id '{entry_id}' is used twice (first at {seen[entry_id].at('id')})",
                    f"give each {kind} its own id",
                )
            )
        else:
            seen[entry_id] = owner
    return problems
