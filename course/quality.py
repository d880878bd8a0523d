"""Quality of the authored text: readability, study time and what each objective is tested by.

``course check`` fails a module whose text as a whole misses the readability targets and
warns about single screens that do; ``course report`` prints the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from statistics import mean

from course.model import CaseStep, Course, Lesson, Module, ModuleItem, WorkshopCase
from course.problems import Problem
from course.readability import (
    DOUMA_TARGET,
    WORDS_PER_SENTENCE_TARGET,
    Readability,
    combined,
    measure,
)

# Reading speed of an adult reader on screen, plus time to think per question and decision.
WORDS_PER_MINUTE = 150
MINUTES_PER_QUESTION = 0.5
MINUTES_PER_DECISION = 1.0


@dataclass(frozen=True)
class ScreenReadability:
    key: str
    title: str
    figures: Readability


@dataclass(frozen=True)
class ModuleQuality:
    module: Module
    screens: list[ScreenReadability]
    overall: Readability
    study_minutes: int

    def objective_matrix(self) -> dict[str, list[str]]:
        """Objective id → ids of the questions that assess it."""
        quiz = self.module.quiz
        return {
            objective.id: [q.id for q in quiz.questions if objective.id in q.objectives]
            if quiz
            else []
            for objective in self.module.spec.objectives
        }


def learner_texts(module: Module) -> list[tuple[str, str, str]]:
    """(tracking key, title, Markdown) of every text a learner can read in the module."""
    return [text for item in module.items for text in learner_texts_of(item)]


def learner_texts_of(item: ModuleItem) -> list[tuple[str, str, str]]:
    if isinstance(item, Lesson):
        return [(f"{item.id}/{s.id}", s.title, s.body) for s in item.screens]
    if isinstance(item, WorkshopCase):
        texts = [(f"{item.id}/intro", item.title, item.intro)]
        for step in item.steps:
            parts = [step.situation, step.question]
            parts += [f"{c.text}\n\n{c.feedback}" for c in step.choices]
            texts.append((f"{item.id}/{step.id}", item.title, "\n\n".join(parts)))
        return texts + [(f"{item.id}/{e.id}", e.title, e.text) for e in item.endings]
    return [
        (f"{item.id}/{q.id}", item.title, "\n\n".join(q.learner_texts())) for q in item.questions
    ]


def module_quality(module: Module) -> ModuleQuality:
    texts = learner_texts(module)
    screens = [ScreenReadability(key, title, measure(text)) for key, title, text in texts]
    overall = combined(screen.figures for screen in screens)
    questions = len(module.quiz.questions) if module.quiz else 0
    cases = [item for item in module.items if isinstance(item, WorkshopCase)]
    decisions = sum(len(longest_path(case)) for case in cases)
    minutes = (
        words_read(module) / WORDS_PER_MINUTE
        + questions * MINUTES_PER_QUESTION
        + decisions * MINUTES_PER_DECISION
    )
    return ModuleQuality(module, screens, overall, round(minutes))


def words_read(module: Module) -> int:
    """Words a learner reads on the longest path: in a case only the steps on that path, and
    for each step the feedback of one choice (an average one)."""
    total = 0
    for item in module.items:
        if isinstance(item, WorkshopCase):
            total += measure(item.intro).words
            for step in longest_path(item):
                feedback = [measure(choice.feedback).words for choice in step.choices]
                texts = [step.situation, step.question, *(c.text for c in step.choices)]
                total += sum(measure(t).words for t in texts) + round(mean(feedback))
            total += max((measure(ending.text).words for ending in item.endings), default=0)
        else:
            total += sum(measure(text).words for _, _, text in learner_texts_of(item))
    return total


def longest_path(case: WorkshopCase) -> list[CaseStep]:
    """The longest run of steps a learner can take through a (checked, loop-free) case."""
    steps = {step.id: step for step in case.steps}

    @cache
    def longest_from(step_id: str) -> tuple[CaseStep, ...]:
        step = steps[step_id]
        onward = [case.next_of(step, choice) for choice in step.choices]
        paths = [longest_from(next_id) for next_id in onward if next_id in steps]
        return (step, *max(paths, key=len, default=()))

    return list(longest_from(case.steps[0].id))


def readability_problems(module: Module) -> list[Problem]:
    """A module whose text as a whole misses the targets fails the check."""
    overall = module_quality(module).overall
    if overall.meets_targets():
        return []
    return [
        Problem(
            module.spec.at("id"),
            f"module '{module.id}' reads too hard: Flesch–Douma {overall.douma:.1f} "
            f"(target ≥ {DOUMA_TARGET:g}), {overall.words_per_sentence:.1f} words per sentence "
            f"(target ≤ {WORDS_PER_SENTENCE_TARGET:g})",
            "shorten sentences and use shorter, common words; 'course report' lists the screens",
        )
    ]


def quality_warnings(course: Course) -> list[str]:
    """Things worth a look that do not fail the check."""
    warnings: list[str] = []
    for module in course.modules:
        quality = module_quality(module)
        warnings += [
            f"{module.id}: screen '{s.key}' reads hard: Douma {s.figures.douma:.1f}, "
            f"{s.figures.words_per_sentence:.1f} words per sentence"
            for s in quality.screens
            if s.figures.words and not s.figures.meets_targets()
        ]
        authored = module.spec.study_time_minutes
        if not 0.67 <= quality.study_minutes / authored <= 1.5:
            warnings.append(
                f"{module.id}: study_time_minutes is {authored}, but the text and questions "
                f"suggest about {quality.study_minutes} minutes"
            )
    used = " ".join(text for m in course.modules for _, _, text in learner_texts(m))
    lowered = used.lower()
    for term in course.glossary:
        if not any(uses_term(used, lowered, name) for name in term.names()):
            warnings.append(f"glossary: term '{term.term}' is used in no module")
    return warnings


_WORD_CHAR = re.compile(r"\w")


@cache
def ending_a_word(needle: str) -> re.Pattern[str]:
    # A pattern that starts with its literal is searched far faster by `re` than one that
    # starts with a look-behind, so the start of the word is checked by hand.
    return re.compile(rf"{re.escape(needle)}(?!\w)")


def uses_term(text: str, lowered: str, name: str) -> bool:
    """Whole-word match; abbreviations (all capitals) must match their case, other names not."""
    haystack, needle = (text, name) if name.isupper() else (lowered, name.lower())
    if needle not in haystack:  # most terms are absent: skip the regex
        return False
    return any(
        found.start() == 0 or not _WORD_CHAR.match(haystack, found.start() - 1)
        for found in ending_a_word(needle).finditer(haystack)
    )


def terms_in(module: Module, course: Course) -> list[int]:
    """Indexes of the glossary terms that occur in the module's text."""
    text = " ".join(text for _, _, text in learner_texts(module))
    lowered = text.lower()
    return [
        index
        for index, term in enumerate(course.glossary)
        if any(uses_term(text, lowered, name) for name in term.names())
    ]
