"""Checks across an assembled course that single-field validation cannot make."""

from __future__ import annotations

from collections.abc import Iterable

from course.media import check_images
from course.model import Course, Lesson, Module, ModuleItem, Quiz, WorkshopCase
from course.problems import Problem
from course.quality import readability_problems
from quizzes.authoring import Authored

MIN_QUESTIONS_PER_OBJECTIVE = 2


def check_course(course: Course) -> list[Problem]:
    problems = _duplicates("module", [(m.id, m.spec) for m in course.modules])
    problems += _duplicates(
        "glossary term", [(name.lower(), t) for t in course.glossary for name in t.names()]
    )
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
        return _duplicates("screen", [(s.id, s) for s in item.screens])
    if isinstance(item, WorkshopCase):
        problems = _duplicates("step", [(s.id, s) for s in item.steps])
        for step in item.steps:
            problems += _duplicates("choice", [(c.id, c) for c in step.choices])
        return problems
    problems = _duplicates("question", [(q.id, q) for q in item.questions])
    for question in item.questions:
        problems += [
            Problem(question.at(key), f"question '{question.id}': {what}", fix)
            for key, what, fix in question.problems()
        ]
    return problems


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
    kind = "question" if hasattr(owner, "prompt") else getattr(owner, "kind", "item")
    return [
        Problem(
            owner.at("objectives"),
            f"{kind} '{name}': objective '{ref}' is not defined in module.yaml",
            f"use one of: {', '.join(sorted(known))}, or add it to module.yaml",
        )
        for ref in referenced
        if ref not in known
    ]


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
