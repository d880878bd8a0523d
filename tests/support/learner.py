"""A learner that clicks through a module in the browser, screen by screen, as a person would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Frame, Locator

from course.model import CaseStep, Module, Quiz, WorkshopCase
from quizzes.likert import LikertQuestion
from quizzes.matching import MatchingQuestion
from quizzes.ordering import OrderingQuestion
from quizzes.question import Question
from quizzes.short_text import ShortTextQuestion

Answering = Callable[[Question], Any]


def right(question: Question) -> Any:
    """A full-points answer; typed answers in other case and spacing where the rules allow."""
    if isinstance(question, LikertQuestion):
        return question.scale_ids()[-1]
    if isinstance(question, ShortTextQuestion) and not question.case_matters:
        return f"  {question.correct_answer().upper()} "
    return question.correct_answer()


def wrong(question: Question) -> Any:
    """An answer that earns nothing: the first wrong option, or the opposite statement."""
    if isinstance(question, LikertQuestion):
        return question.scale_ids()[0]
    if isinstance(question, ShortTextQuestion):
        return "geen idee"
    if isinstance(question, OrderingQuestion):
        return question.correct_answer()[::-1]
    if isinstance(question, MatchingQuestion):  # every source to the target after its own
        targets = [target.id for target in question.targets]
        return "".join(
            targets[(targets.index(source.match) + 1) % len(targets)] for source in question.sources
        )
    correct = question.correct_answer()
    if isinstance(correct, bool):
        return not correct
    ids = [option.id for option in question.options]
    first_wrong = next(
        i for i in ids if i not in (correct if isinstance(correct, list) else [correct])
    )
    return [first_wrong] if isinstance(correct, list) else first_wrong


def answer_values(answer: Any) -> list[str]:
    if isinstance(answer, bool):
        return ["true" if answer else "false"]
    return list(answer) if isinstance(answer, list) else [answer]


def answer(section: Locator, question: Question, given: Any) -> None:
    """Give the answer with the question's own controls, as a person would."""
    if isinstance(question, MatchingQuestion):
        for source, target in zip(question.sources, given, strict=True):
            section.locator(f'input[name="{question.id}-{source.id}"][value="{target}"]').check()
    elif isinstance(question, OrderingQuestion):
        for place, item_id in enumerate(given):
            order = section.locator("[data-item]").evaluate_all(
                "items => items.map((item) => item.dataset.item).join('')"
            )
            for _ in range(order.index(item_id) - place):
                section.locator(f'[data-item="{item_id}"] [data-move="up"]').click()
    elif isinstance(question, ShortTextQuestion):
        section.locator("input[type=text]").fill(given)
    else:
        for value in answer_values(given):
            section.locator(f'input[value="{value}"]').check()


def current_key(frame: Frame) -> str:
    key = frame.locator("main > .screen:not([hidden])").get_attribute("data-key")
    assert key is not None
    return key


def take(
    frame: Frame,
    module: Module,
    answering: Answering = right,
    screens: int | None = None,
    decision: str | Callable[[CaseStep], str] = "a",
) -> None:
    """Walk ``screens`` screens (all by default) of the path from the current one, acting on each.

    Every case step is decided by choosing ``decision`` (a choice id, or a function of the
    step), so the path is ``module.route``'s.
    """
    choose = decision if callable(decision) else lambda step: decision
    all_screens = module.route(choose)
    start = [s.key for s in all_screens].index(current_key(frame))
    todo = all_screens[start:] if screens is None else all_screens[start : start + screens]
    for position, screen in enumerate(todo):
        assert current_key(frame) == screen.key
        section = frame.locator(f'main > .screen[data-key="{screen.key}"]')
        if section.locator("button[type=submit]:visible, .finish-quiz:visible").count() == 0:
            pass  # answered in an earlier session: nothing left to do here
        elif screen.kind == "question" and isinstance(screen.item, Quiz):
            question = next(q for q in screen.item.questions if q.id == screen.key.split("/", 1)[1])
            answer(section, question, answering(question))
            section.locator("button[type=submit]").click()
        elif screen.kind == "case-step" and isinstance(screen.item, WorkshopCase):
            step = next(s for s in screen.item.steps if s.id == screen.key.split("/", 1)[1])
            section.locator(f'input[value="{choose(step)}"]').check()
            section.locator("button[type=submit]").click()
        elif screen.kind == "quiz-result":
            section.locator(".finish-quiz").click()
        last_of_module = screen.key == all_screens[-1].key
        if not last_of_module and (screens is None or position < len(todo) - 1):
            frame.locator("#next").click()
