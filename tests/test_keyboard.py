"""A keyboard-only learner completes the fixture module: lessons, the branching case and the quiz.

Only Tab, Shift+Tab, Enter, Space, the arrow keys, Escape and typing are used; never a click.
Every control that takes focus must show it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from course.model import Course, Quiz
from tests.support.learner import answer_values, right

VISIBLE = "main > .screen:not([hidden])"

FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page: Page, selector: str, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
    for _ in range(60):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {selector}"
            return
    raise AssertionError(f"the keyboard never reaches {selector}")


def press(page: Page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def choose_radio(page: Page, name: str, value: str) -> None:
    """Tab into the group (its first radio), select it with Space, then arrow to the value."""
    values = page.locator(f'{VISIBLE} input[type=radio][name="{name}"]').evaluate_all(
        "inputs => inputs.map((input) => input.value)"
    )
    tab_to(page, f'{VISIBLE} input[type=radio][name="{name}"]')
    press(page, "Space")
    press(page, "ArrowDown", values.index(value))


def answer_by_keyboard(page: Page, question: Any, given: Any) -> None:
    if question.type_name == "matching":
        for source, target in zip(question.sources, given, strict=True):
            choose_radio(page, f"{question.id}-{source.id}", target)
    elif question.type_name == "ordering":
        for place, item_id in enumerate(given):
            order = page.locator(f"{VISIBLE} [data-item]").evaluate_all(
                "items => items.map((item) => item.dataset.item)"
            )
            if order.index(item_id) > place:
                tab_to(page, f'{VISIBLE} [data-item="{item_id}"] [data-move="up"]')
                press(page, "Enter", order.index(item_id) - place)
    elif question.type_name == "short_text":
        tab_to(page, f"{VISIBLE} input[type=text]")
        page.keyboard.type(given)
    elif question.type_name == "multiple_choice":
        for value in given:
            tab_to(page, f'{VISIBLE} input[value="{value}"]')
            press(page, "Space")
    else:  # single choice, true/false, likert: one radio group
        (value,) = answer_values(given)
        choose_radio(page, question.id, value)


def test_keyboard_only_learner_completes_the_module(
    page: Page, site: str, fixture_course: Course
) -> None:
    module = fixture_course.modules[0]
    route = module.route(lambda step: "a")
    page.goto(f"{site}/p/basis-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")

    tab_to(page, ".skip-link")
    press(page, "Enter")
    tab_to(page, "#menu-button")
    press(page, "Enter")
    tab_to(page, "#menu a")
    press(page, "Escape")
    assert page.locator("#menu").is_hidden()
    assert page.evaluate("document.activeElement.id") == "menu-button"

    for index, screen in enumerate(route):
        assert page.locator(VISIBLE).get_attribute("data-key") == screen.key
        if index > 0:  # navigation put the focus on the new screen's heading
            assert page.evaluate("document.activeElement.tagName") == "H2"
        if screen.kind == "case-step":
            choose_radio(page, screen.key, "a")
            tab_to(page, f"{VISIBLE} button[type=submit]")
            press(page, "Enter")
        elif screen.kind == "question" and isinstance(screen.item, Quiz):
            question = next(q for q in screen.item.questions if q.id == screen.key.split("/")[1])
            answer_by_keyboard(page, question, right(question))
            tab_to(page, f"{VISIBLE} button[type=submit]")
            press(page, "Enter")
        elif screen.kind == "quiz-result":
            tab_to(page, f"{VISIBLE} .finish-quiz")
            press(page, "Space")
        if index == 1:  # once: back with Shift+Tab and Previous, then on again
            tab_to(page, "#previous", backwards=True)
            press(page, "Enter")
            assert page.locator(VISIBLE).get_attribute("data-key") == route[0].key
            tab_to(page, "#next")
            press(page, "Enter")
        if index < len(route) - 1:
            tab_to(page, "#next")
            press(page, "Enter")

    summary = page.locator(f"{VISIBLE} .closing-summary")
    assert "Je hebt de module afgerond." in summary.inner_text()
    assert "Gefeliciteerd" in summary.inner_text()
    assert page.locator("#progress").evaluate("bar => bar.value === bar.max")
