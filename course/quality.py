"""Quality of the authored text: readability, study time and the glossary.

``course check`` fails a module whose text as a whole misses the readability targets and
warns about single screens and sentences that do; ``course report`` prints the figures.
Every warning is a :class:`~course.problems.Problem` (``file:line: what — how to fix``), like
an error, but it does not stop a build. :func:`quality_warnings` gathers them all, also those of
:mod:`course.item_writing` and :mod:`course.case_paths`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from statistics import mean

from pydantic import BaseModel

from course.case_paths import case_warnings
from course.item_writing import item_writing_warnings
from course.media import line_in_body
from course.model import CaseStep, Course, Lesson, Module, ModuleItem, Screen, WorkshopCase
from course.problems import Problem, first_words
from course.readability import (
    SENTENCE_WORDS_LIMIT,
    Readability,
    Sentence,
    combined,
    long_words,
    measure,
    missed_targets,
    sentences,
)
from quizzes.authoring import Authored, Location

# Reading speed of an adult reader on screen, plus time to think per question and decision.
WORDS_PER_MINUTE = 150
MINUTES_PER_QUESTION = 0.5
MINUTES_PER_DECISION = 1.0
# The authored study time may differ this much from the estimate before the check warns.
STUDY_TIME_RATIO = (0.67, 1.5)
MODULE_FILE = "module.yaml"


@dataclass(frozen=True)
class LearnerText:
    """A text a learner reads on one screen, and where it is written."""

    key: str
    title: str
    text: str
    where: Location


@dataclass(frozen=True)
class ScreenReadability:
    key: str
    title: str
    where: Location
    figures: Readability
    longest: list[tuple[Location, Sentence]]
    hard_words: list[str]


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

    def objective_teaching(self) -> dict[str, list[str]]:
        """Objective id → ids of the lessons and cases that teach it."""
        return {
            objective.id: [
                f"{item.kind} {item.id}"
                for item in self.module.items
                if isinstance(item, Lesson | WorkshopCase) and objective.id in item.objectives
            ]
            for objective in self.module.spec.objectives
        }


def learner_texts(module: Module) -> list[LearnerText]:
    """Every text a learner can read in the module, one per screen."""
    return [text for item in module.items for text in learner_texts_of(item)]


def learner_texts_of(item: ModuleItem) -> list[LearnerText]:
    if isinstance(item, Lesson):
        return [LearnerText(f"{item.id}/{s.id}", s.title, s.body, s.at("id")) for s in item.screens]
    if isinstance(item, WorkshopCase):
        texts = [LearnerText(f"{item.id}/intro", item.title, item.intro, item.at("intro"))]
        for step in item.steps:
            parts = [step.situation, step.question]
            parts += [f"{c.text}\n\n{c.feedback}" for c in step.choices]
            key = f"{item.id}/{step.id}"
            texts.append(LearnerText(key, item.title, "\n\n".join(parts), step.at("id")))
        return texts + [
            LearnerText(f"{item.id}/{e.id}", e.title, e.text, e.at("id")) for e in item.endings
        ]
    return [
        LearnerText(f"{item.id}/{q.id}", item.title, "\n\n".join(q.learner_texts()), q.at("id"))
        for q in item.questions
    ]


# The fields whose text a learner reads, in the YAML files.
_TEXT_FIELDS = (
    "intro",
    "situation",
    "question",
    "prompt",
    "text",
    "feedback",
    "feedback_true",
    "feedback_false",
)


def sentences_of(item: ModuleItem) -> list[tuple[Location, Sentence]]:
    """Every sentence a learner reads in a lesson, case or quiz, with its own line."""
    return [pair for screen in sentences_per_screen(item) for pair in screen]


def sentences_per_screen(item: ModuleItem) -> list[list[tuple[Location, Sentence]]]:
    """The sentences of each screen of ``learner_texts_of(item)``, in the same order."""
    if isinstance(item, Lesson):
        return [list(_sentences_in_body(screen)) for screen in item.screens]
    if isinstance(item, WorkshopCase):
        intro = [(item.at("intro"), sentence) for sentence in sentences(item.intro)]
        parts: list[BaseModel] = [*item.steps, *item.endings]
        return [intro, *(list(_sentences_in_fields(part)) for part in parts)]
    return [list(_sentences_in_fields(question)) for question in item.questions]


def _sentences_in_body(screen: Screen) -> Iterator[tuple[Location, Sentence]]:
    for sentence in sentences(screen.body):
        yield line_in_body(screen, sentence.line), sentence


def _sentences_in_fields(owner: BaseModel) -> Iterator[tuple[Location, Sentence]]:
    """Sentences of the text fields of a YAML object and the objects in it, named by the line
    of their field (a text of several lines is named by its first)."""
    for name in type(owner).model_fields:
        value = getattr(owner, name)
        if name in _TEXT_FIELDS and isinstance(value, str) and isinstance(owner, Authored):
            yield from ((owner.at(name), s) for s in sentences(value))
        elif isinstance(value, list):
            for part in value:
                if isinstance(part, BaseModel):
                    yield from _sentences_in_fields(part)
        elif isinstance(value, BaseModel):
            yield from _sentences_in_fields(value)


def long_sentences(module: Module) -> list[tuple[Location, Sentence]]:
    return [
        (where, sentence)
        for item in module.items
        for where, sentence in sentences_of(item)
        if sentence.words > SENTENCE_WORDS_LIMIT
    ]


def module_quality(module: Module) -> ModuleQuality:
    screens = []
    for item in module.items:
        for text, own in zip(learner_texts_of(item), sentences_per_screen(item), strict=True):
            longest = sorted(own, key=lambda pair: -pair[1].words)[:3]
            figures, hard = measure(text.text), list(long_words(text.text))
            screens.append(
                ScreenReadability(text.key, text.title, text.where, figures, longest, hard)
            )
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
            total += sum(measure(text.text).words for text in learner_texts_of(item))
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
    """A module whose text as a whole misses the targets fails the check. (It runs in every
    build, so it measures the texts and nothing more.)"""
    missed = missed_targets(combined(measure(text.text) for text in learner_texts(module)))
    if not missed:
        return []
    return [
        Problem(
            module.spec.at("id"),
            f"module '{module.id}' reads too hard: {missed}",
            "shorten sentences and use shorter, common words; the warnings name each sentence "
            f"over {SENTENCE_WORDS_LIMIT} words, and 'course report --module {module.id}' lists "
            "the screens that read hardest with their longest sentences and long words",
        )
    ]


def readability_warnings(module: Module, quality: ModuleQuality) -> list[Problem]:
    warnings = [
        Problem(
            screen.where,
            f"screen '{screen.key}' reads hard: {missed_targets(screen.figures)}",
            "use shorter sentences and common words"
            + (f" (long here: {', '.join(screen.hard_words[:3])})" if screen.hard_words else "")
            + f"; 'course report --module {module.id}' shows its longest sentences",
        )
        for screen in quality.screens
        if not screen.figures.meets_targets()
    ]
    warnings += [
        Problem(
            where,
            f"sentence of {sentence.words} words: '{first_words(sentence.text, 6)}'",
            f"split it into sentences of at most {SENTENCE_WORDS_LIMIT} words (B1)",
        )
        for where, sentence in long_sentences(module)
    ]
    authored = module.spec.study_time_minutes
    low, high = STUDY_TIME_RATIO
    if not low <= quality.study_minutes / authored <= high:
        warnings.append(
            Problem(
                module.spec.at("study_time_minutes"),
                f"study_time_minutes is {authored}, but the text and questions suggest about "
                f"{quality.study_minutes} minutes",
                f"write study_time_minutes: {max(1, quality.study_minutes)}, or change the "
                "module's length",
            )
        )
    return warnings


def unlisted_module_folders(course: Course) -> list[Problem]:
    """Folders in modules/ with a module.yaml that course.yaml does not list."""
    listed = set(course.spec.modules)
    folders = sorted(
        path.parent.name
        for path in course.root.glob(f"*/{MODULE_FILE}")
        if path.parent.name not in listed
    )
    return [
        Problem(
            course.spec.at("modules"),
            f"module folder '{folder}' is not listed in course.yaml, so it is not in the course",
            f"add the line '  - {folder}' under 'modules:' where it belongs in the course "
            "order, or move the folder out of modules/",
        )
        for folder in folders
    ]


def quality_warnings(course: Course) -> list[Problem]:
    """Things worth a look that do not fail the check, each with its file, line and fix."""
    warnings = unlisted_module_folders(course)
    for module in course.modules:
        warnings += readability_warnings(module, module_quality(module))
    used = " ".join(text.text for m in course.modules for text in learner_texts(m))
    lowered = used.lower()
    warnings += [
        Problem(
            term.at("term"),
            f"glossary term '{term.term}' is used in no module",
            "use it in a lesson (or add the form that is used under 'also:'), or remove it",
        )
        for term in course.glossary
        if not any(uses_term(used, lowered, name) for name in term.names())
    ]
    return warnings + item_writing_warnings(course) + case_warnings(course)


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
    text = " ".join(text.text for text in learner_texts(module))
    lowered = text.lower()
    return [
        index
        for index, term in enumerate(course.glossary)
        if any(uses_term(text, lowered, name) for name in term.names())
    ]
