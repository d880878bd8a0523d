"""The learner's view on a phone and at a glance (issue 13): a compact header and a bottom bar
that keeps "Volgende" in view, answer states told in words, the authored blocks, matching by
keyboard at 320 px, and progress that shows what completion still needs."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from course.loader import load_course
from course.model import Course, Module
from scorm_builder.build import build
from scorm_builder.render import messages
from tests.support.broken import fixture_copy, replace_in
from tests.support.learner import current_key, take
from tests.support.lms import make_site
from tests.support.server import serve
from tests.test_keyboard import choose_radio, press, tab_to

PHONE = {"width": 320, "height": 640}
VISIBLE = "main > .screen:not([hidden])"
WORDS = messages("nl")


def open_module(page: Page, site: str, viewport: dict[str, int] = PHONE) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{site}/p/basis-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")


def go_to(page: Page, module: Module, key: str) -> None:
    """From the first screen to ``key`` on the path that decides 'a', answering on the way."""
    route = [screen.key for screen in module.route(lambda step: "a")]
    take(page.main_frame, module, screens=route.index(key))
    page.click("#next")
    assert current_key(page.main_frame) == key


def test_phone_header_is_compact_and_next_stays_in_view(
    page: Page, site: str, fixture_course: Course
) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    route = module.route(lambda step: "a")
    kinds = set()
    for screen in route:
        assert current_key(page.main_frame) == screen.key
        kinds.add(screen.kind)
        assert page.locator(".topbar").bounding_box()["height"] <= 64, screen.key
        for scroll in ("0", "document.body.scrollHeight"):  # at the top and at the bottom
            page.evaluate(f"window.scrollTo(0, {scroll})")
            box = page.locator("#next").bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], screen.key
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
        take(page.main_frame, module, screens=1)  # answer or decide here, if asked
        if screen is not route[-1]:
            page.click("#next")
    assert kinds == {s.kind for s in module.screens()}


def test_header_and_content_share_one_column_on_a_desktop(page: Page, site: str) -> None:
    open_module(page, site, {"width": 1280, "height": 800})
    lefts = [
        page.locator(selector).bounding_box()["x"]
        for selector in (".topbar .course-title", f"{VISIBLE} h2", ".pager #previous")
    ]
    assert max(lefts) - min(lefts) < 1, lefts
    sizes = page.evaluate(f"""() => [document.body, document.querySelector("{VISIBLE} h2")]
      .map((element) => parseFloat(getComputedStyle(element).fontSize))""")
    assert 17 <= sizes[0] <= 19 and 28 <= sizes[1] <= 32, sizes


def test_quiz_options_tell_their_state_in_words(
    page: Page, site: str, fixture_course: Course
) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    go_to(page, module, "toets/definitie")
    screen = page.locator(VISIBLE)
    screen.locator('input[value="b"]').check()  # the wrong one
    screen.locator("button[type=submit]").click()
    chosen, right = screen.locator('input[value="b"]'), screen.locator('input[value="a"]')
    asked = next(q for q in module.quiz.questions if q.id == "definitie")  # type: ignore[union-attr]
    feedback = {o.id: o.feedback for o in asked.options}  # type: ignore[union-attr]
    expect(chosen).to_have_accessible_description(f"{WORDS['chosen_wrong']} {feedback['b']}")
    expect(right).to_have_accessible_description(f"{WORDS['option_right']} {feedback['a']}")
    expect(chosen).to_be_checked()
    # Locked, but the chosen option is drawn in full colour, not greyed out as disabled.
    expect(chosen).to_be_disabled()
    assert chosen.evaluate("input => getComputedStyle(input).opacity") == "1"
    colours = chosen.evaluate("""input => [input, input.closest("form").querySelector(
      'input:not(:checked)')].map((i) => getComputedStyle(i).backgroundColor)""")
    assert colours[0] != colours[1]
    # One panel, right under the options, with the verdict; the icon is not read out.
    panel = screen.locator(".feedback-panel")
    expect(panel).to_be_visible()
    assert panel.evaluate("panel => panel.previousElementSibling.tagName") == "FIELDSET"
    expect(panel.locator(".verdict")).to_have_text(WORDS["incorrect"])
    expect(panel).to_have_class(re.compile("is-incorrect"))
    assert page.locator("#announcer").inner_text() != ""


def test_case_choice_is_marked_and_its_consequence_shown(
    page: Page, site: str, fixture_course: Course
) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    go_to(page, module, "buurman/eerste-stap")
    screen = page.locator(VISIBLE)
    expect(screen.locator("h2")).to_have_text(WORDS["decision"])  # a step without a title
    screen.locator('input[value="b"]').check()
    screen.locator("button[type=submit]").click()
    expect(screen.locator('input[value="b"]')).to_have_accessible_description(WORDS["your_choice"])
    expect(screen.locator('input[value="a"]')).to_have_accessible_description("")
    consequence = screen.locator(".consequence")
    expect(consequence.get_by_role("heading", level=3)).to_have_text(WORDS["what_happens"])
    expect(consequence.locator("p:visible")).to_have_text("Dat is te snel. Je weet nog te weinig.")


def test_case_step_shows_its_own_title(page: Page, tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(
        root / "01-basis" / "cases" / "buurman.yaml",
        "  - id: tweede-stap\n",
        "  - id: tweede-stap\n    title: Het nachtelijke bezoek\n",
    )
    course = load_course(root)
    packages = build(course, tmp_path / "dist", ["scorm2004"])
    with serve(make_site(tmp_path / "site", [p.path for p in packages])) as url:
        open_module(page, url)
        go_to(page, course.modules[0], "buurman/tweede-stap")
        expect(page.locator(f"{VISIBLE} h2")).to_have_text("Het nachtelijke bezoek")


def test_matching_by_keyboard_at_320_px(page: Page, site: str, fixture_course: Course) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    go_to(page, module, "toets/koppelen")
    question = next(q for q in module.quiz.questions if q.id == "koppelen")  # type: ignore[union-attr]
    labels = page.locator(f"{VISIBLE} .pair label")
    cut = labels.evaluate_all("labels => labels.filter((l) => l.scrollWidth > l.clientWidth)")
    assert cut == [] and page.evaluate("document.documentElement.scrollWidth") == 320
    wrong = {"1": "a", "2": "c", "3": "b"}  # Gemeente and Belastingdienst swapped
    # Half matched, "Volgende" says what is missing, and stays.
    choose_radio(page, "koppelen-1", "a")
    page.click("#next")
    expect(page.locator(f"{VISIBLE} .form-message")).to_have_text(WORDS["answer_first"])
    assert "koppelen" in WORDS["answer_first"]
    assert current_key(page.main_frame) == "toets/koppelen"
    for source in question.sources:
        choose_radio(page, f"koppelen-{source.id}", wrong[source.id])
    tab_to(page, f"{VISIBLE} button[type=submit]")
    press(page, "Enter")
    police = page.locator(f'{VISIBLE} input[name="koppelen-1"][value="a"]')
    expect(police).to_have_accessible_description(WORDS["chosen_right"])
    city = page.locator(f'{VISIBLE} input[name="koppelen-2"][value="c"]')
    expect(city).to_have_accessible_description(
        f"{WORDS['chosen_wrong']} {WORDS['right_answer'].format(answer='Sluit een pand')}"
    )
    expect(page.locator(f"{VISIBLE} .verdict")).to_have_text(WORDS["incorrect"])


def test_cover_lesson_opening_and_blocks(page: Page, site: str, fixture_course: Course) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    cover = page.locator(f"{VISIBLE} .cover")
    expect(cover.locator(".cover-title")).to_have_text(module.title)
    expect(cover.get_by_role("img", name="Een straat in de wijk")).to_be_visible()
    assert cover.locator("img").evaluate("img => img.naturalWidth") > 0
    expect(cover).to_contain_text(WORDS["study_time"].format(minutes=10))
    expect(cover.locator(".cover-goals li")).to_have_text([o.text for o in module.spec.objectives])
    expect(page.locator(f"{VISIBLE} .opening .eyebrow")).to_have_text(
        WORDS["lesson_of"].format(n=1, total=1)
    )

    go_to(page, module, "intro/herkennen")
    screen = page.locator(VISIBLE)
    expect(screen.get_by_role("note")).to_have_count(3)
    expect(screen.locator(".callout-title")).to_have_text(
        ["Let op", "Tip", "Een voorbeeld uit de wijk"]
    )
    figure = screen.locator("figure")
    expect(figure.get_by_role("img", name="Een straat met winkels")).to_be_visible()
    expect(figure.locator("figcaption")).to_have_text("Een winkelstraat in de wijk")
    assert figure.locator("img").get_attribute("title") is None  # the caption, not a tooltip
    details = screen.locator("details")
    expect(details.locator(".details-body")).to_be_hidden()
    tab_to(page, f"{VISIBLE} summary")
    press(page, "Enter")
    expect(details.locator(".details-body")).to_be_visible()
    expect(details.locator(".details-body")).to_have_text(
        "Een samenwerking van gemeenten, politie en andere partners."
    )
    assert page.evaluate("document.documentElement.scrollWidth") == 320


def test_progress_counts_the_quiz_only_once_it_is_submitted(
    page: Page, site: str, fixture_course: Course
) -> None:
    module = fixture_course.modules[0]
    open_module(page, site)
    bar, text = page.locator("#progress"), page.locator("#progress-text")
    quiz_status = page.locator('#menu [data-status-for="toets"]')

    go_to(page, module, "toets/definitie")
    before = int(bar.get_attribute("value") or 0)
    # Chosen but not checked: Next checks it and stays, so the feedback shows; then it counts.
    page.locator(f'{VISIBLE} input[value="a"]').check()
    page.click("#next")
    assert current_key(page.main_frame) == "toets/definitie"
    expect(page.locator(f"{VISIBLE} .feedback-panel")).to_be_visible()
    assert int(bar.get_attribute("value") or 0) == before + 1
    page.click("#next")
    assert current_key(page.main_frame) == "toets/partners"
    assert int(bar.get_attribute("value") or 0) == before + 1  # seen, not answered yet

    # Every question answered and the result screen open, the quiz not submitted: not 100 %.
    route = [s.key for s in module.route(lambda step: "a")]
    take(
        page.main_frame, module, screens=route.index("toets/result") - route.index("toets/partners")
    )
    page.click("#next")
    assert current_key(page.main_frame) == "toets/result"
    assert bar.evaluate("bar => bar.value < bar.max")
    assert "100%" not in text.inner_text()
    assert quiz_status.get_attribute("data-status") == "status_busy"
    page.locator(f"{VISIBLE} .finish-quiz").click()
    assert bar.evaluate("bar => bar.value === bar.max")
    assert text.inner_text() == WORDS["percent_done"].format(percent=100)
    statuses = page.locator("#menu [data-status-for]").evaluate_all(
        "badges => badges.map((badge) => badge.dataset.status)"
    )
    assert set(statuses) == {"status_done"}
