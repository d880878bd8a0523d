"""Branching cases: `course check` proves every path is sound, with exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from course.loader import load_course
from course.model import Course
from scorm_builder.render import messages
from tests.support.broken import fixture_copy, problems_of, replace_in
from tests.support.learner import current_key, take
from tests.support.paths import FIXTURE_COURSE

CASE = "01-basis/cases/buurman.yaml"
FIRST_B_NEXT = "        next: te-snel\n"  # line 17, choice b of the first step
SECOND_A_NEXT = "        points: 2\n        next: samen-verder\n"  # next on line 26


def broken(tmp_path: Path, old: str, new: str) -> list[str]:
    root = fixture_copy(tmp_path)
    replace_in(root / CASE, old, new)
    return problems_of(root)


def test_next_must_name_a_step_or_ending(tmp_path: Path) -> None:
    assert broken(tmp_path, FIRST_B_NEXT, "        next: te-laat\n") == [
        f"{CASE}:17: step 'eerste-stap', choice 'b': 'next' names 'te-laat', which is no step "
        "or ending of this case — use one of: tweede-stap, samen-verder, te-snel"
    ]


def test_every_step_and_ending_is_reachable(tmp_path: Path) -> None:
    # Both choices of the first step now end the case at once.
    problems = broken(
        tmp_path,
        "        feedback: Goed. Zo haal je meer informatie op.\n",
        "        feedback: Goed. Zo haal je meer informatie op.\n        next: te-snel\n",
    )
    assert problems == [
        f"{CASE}:19: step 'tweede-stap' cannot be reached from the first step 'eerste-stap' — "
        "point a choice's 'next' to it, or remove it",
        f"{CASE}:33: ending 'samen-verder' cannot be reached from the first step 'eerste-stap' — "
        "point a choice's 'next' to it, or remove it",
    ]


def test_a_path_that_loops_back_is_refused(tmp_path: Path) -> None:
    problems = broken(tmp_path, SECOND_A_NEXT, "        points: 2\n        next: eerste-stap\n")
    assert problems == [
        f"{CASE}:26: step 'tweede-stap', choice 'a' leads back to step 'eerste-stap': the path "
        "eerste-stap → tweede-stap → eerste-stap can go round without end — point 'next' to a "
        "later step or an ending; a case moves forward only"
    ]


def test_a_step_leading_to_itself_is_a_loop(tmp_path: Path) -> None:
    problems = broken(tmp_path, SECOND_A_NEXT, "        points: 2\n        next: tweede-stap\n")
    assert len(problems) == 1
    assert "the path tweede-stap → tweede-stap can go round without end" in problems[0]


def test_declared_score_must_match_the_paths(tmp_path: Path) -> None:
    assert broken(tmp_path, "score: {min: 0, max: 2}", "score: {min: 1, max: 3}") == [
        f"{CASE}:38: case 'buurman' declares a score from 1 to 3, but its paths score from 0 to 2"
        " — write 'score: {min: 0, max: 2}' or change the points of the choices"
    ]


def test_points_need_a_declared_score(tmp_path: Path) -> None:
    assert broken(tmp_path, "score: {min: 0, max: 2}\n", "") == [
        f"{CASE}:1: case 'buurman' gives points but declares no score — write "
        "'score: {min: 0, max: 2}' or change the points of the choices"
    ]


def test_negative_points_lower_the_range(tmp_path: Path) -> None:
    problems = broken(tmp_path, FIRST_B_NEXT, FIRST_B_NEXT + "        points: -1\n")
    assert problems[0].endswith(
        "paths score from -1 to 2 — write 'score: {min: -1, max: 2}' or change the points of "
        "the choices"
    )


def test_step_and_ending_ids_share_one_namespace(tmp_path: Path) -> None:
    problems = broken(tmp_path, "  - id: te-snel\n", "  - id: tweede-stap\n")
    assert problems[0] == (
        f"{CASE}:35: step or ending id 'tweede-stap' is used twice (first at {CASE}:18) — give "
        "each step or ending its own id"
    )


@pytest.mark.parametrize(
    ("choice", "steps", "ending"),
    [("a", ["eerste-stap", "tweede-stap"], "samen-verder"), ("b", ["eerste-stap"], "te-snel")],
)
def test_a_learner_walks_the_path_of_their_choices(
    choice: str, steps: list[str], ending: str
) -> None:
    module = load_course(FIXTURE_COURSE).modules[0]
    case = next(item for item in module.items if item.id == "buurman")
    route = [screen.key for screen in module.route(lambda step: choice)]
    on_case = [key.split("/")[1] for key in route if key.startswith("buurman/")]
    assert on_case == ["intro", *steps, ending]
    assert route[-1] == "_module/closing"
    assert "buurman/te-snel" in [screen.key for screen in module.screens()]
    assert case.branches


def test_a_linear_case_still_loads_unchanged(tmp_path: Path) -> None:
    """Cases written before branching existed: no next, no endings, no points."""
    root = fixture_copy(tmp_path)
    case_file = root / CASE
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text[: text.index("        next: te-snel\n")], encoding="utf-8")
    module = load_course(root).modules[0]
    case = next(item for item in module.items if item.id == "buurman")
    assert not case.branches
    decisions, ending = case.walk(lambda step: "b")
    assert ([step.id for step, _ in decisions], ending) == (["eerste-stap"], None)


def test_runtime_follows_the_path_and_resumes_on_it(
    page: Page, site: str, fixture_course: Course
) -> None:
    """Choosing 'b' skips the second step: Next, Previous, progress and resume follow the path."""
    module = fixture_course.modules[0]
    route = [screen.key for screen in module.route(lambda step: "b")]
    page.goto(f"{site}/p/basis-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    frame = page.main_frame
    take(frame, module, screens=route.index("buurman/te-snel") + 1, decision="b")
    assert current_key(frame) == "buurman/te-snel"
    progress = page.locator("#progress")
    # Every screen on the path but the closing summary counts; the second step is off it.
    assert progress.get_attribute("max") == str(len(route) - 1)

    page.reload()
    page.wait_for_selector("html[data-player=ready]", state="attached")
    assert current_key(frame) == "buurman/te-snel"
    page.click("#previous")
    assert current_key(frame) == "buurman/eerste-stap"
    assert page.locator('main > .screen:not([hidden]) input[value="b"]').is_checked()
    page.click("#next")
    take(frame, module, decision="b")
    summary = page.locator("main > .screen:not([hidden]) .closing-summary").inner_text()
    assert "Afloop: Te snel" in summary
    assert "Je score in deze casus: 0 van de 2 punten." in summary
    assert "Je hebt de module afgerond." in summary
    assert progress.evaluate("bar => bar.value === bar.max")


def test_next_waits_for_a_decision(page: Page, site: str, fixture_course: Course) -> None:
    module = fixture_course.modules[0]
    page.goto(f"{site}/p/basis-scorm12/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    frame = page.main_frame
    steps_before = [s.key for s in module.route(lambda step: "a")].index("buurman/eerste-stap")
    take(frame, module, screens=steps_before)
    page.click("#next")
    assert current_key(frame) == "buurman/eerste-stap"
    page.click("#next")  # no decision made yet
    assert current_key(frame) == "buurman/eerste-stap"
    step = page.locator("main > .screen:not([hidden])")
    assert step.locator(".form-message").inner_text() == messages("nl")["decide_first"]

    # Chosen but not confirmed with "Kies": Next confirms it and stays to show what happens.
    step.locator('input[value="a"]').check()
    page.click("#next")
    assert current_key(frame) == "buurman/eerste-stap"
    consequence = step.locator(".consequence")
    assert consequence.is_visible()
    choice_a = module.items[1].steps[0].choices[0]
    shown = [line for line in consequence.inner_text().split("\n") if line]
    assert shown == [messages("nl")["what_happens"], choice_a.feedback]
    page.click("#next")
    assert current_key(frame) == "buurman/tweede-stap"
