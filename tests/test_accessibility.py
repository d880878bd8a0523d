"""WCAG 2.1 AA on the real course and the fixture module: axe-core on every screen, and reflow.

At every state checked: axe-core with the WCAG 2.0/2.1 A and AA rules, plus its rules for
landmarks and heading order, at 1280 px, and nothing scrolls sideways at 1280 px, at 320 px
(reflow) and with text at 200 %.

Two kinds of check share that audit:

- The fixture module (every question type, a branching case) is walked as a learner walks it:
  each screen as it arrives and again once answered, with feedback showing, along every branch
  (deciding 'a' in every case, then once more for each branch that walk misses); also the menu
  and the glossary, open. These are the runtime's states; tests/test_themes.py walks them again
  in every theme, answered rightly and wrongly.
- A real module brings content to those same states: its Markdown, case texts, questions and
  feedback. Its check shows every screen at once with everything a screen shows only once
  answered (all feedback, every consequence, accordions open) and audits that one page, plus the
  menu and its glossary, open. That sees all of its content in one axe run where a walk needs
  one per state; the walk's behaviour is tested on the real modules in the LMS tests.

The checks run in the SCORM 2004 packages. A module's SCORM 1.2 package shows the same page:
the same files, and an index.html that differs only in the runtime's data (response formats and
interaction descriptions, which are never shown); a test below holds the builder to that.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from course.loader import load_course
from course.model import CaseStep, Module, WorkshopCase
from course.quality import terms_in
from scorm_builder.build import BuiltPackage
from tests.support.learner import Answering, right, take
from tests.support.paths import FIXTURE_COURSE, MODULES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Structure the issue asks for (landmarks, headings in order) that axe files as best practice.
AXE_STRUCTURE_RULES = [
    "heading-order",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-main",
    "page-has-heading-one",
    "region",
]
# With every screen shown at once, two screens of the same title are two regions of one name;
# a learner sees one screen at a time, so that is no landmark they could confuse.
ALL_AT_ONCE_RULES = [rule for rule in AXE_STRUCTURE_RULES if rule != "landmark-unique"]
WIDE, NARROW = 1280, 320
REAL_COURSE = load_course(MODULES)
FIXTURE_MODULE = load_course(FIXTURE_COURSE).modules[0]  # the question types no real quiz uses

# Axe's own script is served from the site, so the packages' CSP ('self' only) lets it in.
# Hidden screens are left out of the context: axe would skip them anyway, only slower; and only
# violations are wanted, so axe spends no time detailing what passed.
RUN_AXE = """async ([tags, rules]) => {
  const context = { exclude: [["main > .screen[hidden]"]] };
  const extra = Object.fromEntries(rules.map((rule) => [rule, { enabled: true }]));
  const runOnly = { type: "tag", values: tags };
  const result = await axe.run(context, { runOnly, rules: extra, resultTypes: ["violations"] });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""

# Text at 200 % without zooming the layout: the root font size, set through the CSSOM.
TEXT_SIZE = "(size) => { document.documentElement.style.fontSize = size; }"
SCROLL_WIDTH = "document.documentElement.scrollWidth"
# Every screen and all a screen shows once answered, at once; returns the number of screens.
SHOW_EVERYTHING = """() => {
  for (const element of document.querySelectorAll("main [hidden]")) element.hidden = false;
  for (const details of document.querySelectorAll("main details")) details.open = true;
  return document.querySelectorAll("main > .screen").length;
}"""


class Auditor:
    """Checks one page at every state it is shown in, collecting what fails."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.states = 0

    def check(self, state: str, rules: list[str] = AXE_STRUCTURE_RULES) -> None:
        self.states += 1
        page = self.page
        violations = page.evaluate(RUN_AXE, [AXE_TAGS, rules])
        self.problems += [f"{state}: {v}" for v in violations]
        self.overflow(state, WIDE, "at 1280 px")
        page.evaluate(TEXT_SIZE, "200%")
        self.overflow(state, WIDE, "with text at 200 %")
        page.evaluate(TEXT_SIZE, "")
        page.set_viewport_size({"width": NARROW, "height": 640})
        self.overflow(state, NARROW, "at 320 px")
        page.set_viewport_size({"width": WIDE, "height": 800})

    def overflow(self, state: str, width: int, how: str) -> None:
        scroll_width: int = self.page.evaluate(SCROLL_WIDTH)
        if scroll_width > width:
            self.problems.append(f"{state}: scrolls sideways {how} ({scroll_width} px)")


Choose = Callable[[CaseStep], str]


def walk_and_check(
    page: Page,
    module: Module,
    auditor: Auditor,
    decision: Choose,
    only: set[str] | None = None,
    answering: Answering = right,
) -> None:
    """Walk the path of ``decision``, checking each screen (or only those in ``only``, and then
    stopping at the last of them)."""
    frame = page.main_frame
    route = module.route(decision)
    if only is not None:
        route = route[: max((i for i, s in enumerate(route) if s.key in only), default=-1) + 1]
    for index, screen in enumerate(route):
        assert frame.locator("main > .screen:not([hidden])").get_attribute("data-key") == screen.key
        checked = only is None or screen.key in only
        if checked:
            auditor.check(screen.key)
        if screen.kind in ("question", "case-step", "quiz-result"):
            take(frame, module, answering, screens=1, decision=decision)
            if checked:
                auditor.check(f"{screen.key} (answered)")
        if index < len(route) - 1:
            page.click("#next")


def covering_walks(module: Module) -> list[Choose]:
    """Ways to decide the cases that together show every screen: 'a' everywhere, then for each
    step or ending not yet shown, the choices of a path that leads there ('a' elsewhere)."""
    walks: list[Choose] = [lambda step: "a"]
    shown = {s.key for s in module.route(walks[0])}
    for case in (item for item in module.items if isinstance(item, WorkshopCase)):
        for target in [*case.steps, *case.endings]:
            if f"{case.id}/{target.id}" in shown:
                continue
            path = choices_to(case, case.steps[0], target.id)
            assert path is not None, f"{case.id}/{target.id} cannot be reached"
            walks.append(lambda step, path=path: path.get(step.id, "a"))
            shown |= {s.key for s in module.route(walks[-1])}
    return walks


def choices_to(case: WorkshopCase, step: CaseStep, target: str) -> dict[str, str] | None:
    """The choice to make at each step on a path from ``step`` to ``target`` (loop-free)."""
    for choice in step.choices:
        onward = case.next_of(step, choice)
        if onward == target:
            return {step.id: choice.id}
        following = next((s for s in case.steps if s.id == onward), None)
        rest = choices_to(case, following, target) if following else None
        if rest is not None:
            return {step.id: choice.id, **rest}
    return None


def check_menu_and_glossary(page: Page, auditor: Auditor) -> None:
    page.click("#menu-button")
    auditor.check("menu open")
    if page.locator("#glossary-button").count() == 0:  # a course without a glossary
        page.click("#menu-button")
        return
    page.click("#glossary-button")  # in the menu, still open
    assert page.locator("#glossary").evaluate("dialog => dialog.open")
    auditor.check("glossary open")
    page.keyboard.press("Escape")
    assert not page.locator("#glossary").evaluate("dialog => dialog.open")
    assert page.evaluate("document.activeElement.id") == "glossary-button"
    page.click("#menu-button")


def open_for_audit(page: Page, site: str, module: Module) -> Auditor:
    page.set_viewport_size({"width": WIDE, "height": 800})
    page.goto(f"{site}/p/{module.id}-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    page.add_script_tag(url=f"{site}/axe.min.js")
    return Auditor(page)


def test_every_state_of_every_screen_passes_axe_and_reflows(page: Page, real_site: str) -> None:
    module = FIXTURE_MODULE
    auditor = open_for_audit(page, real_site, module)
    check_menu_and_glossary(page, auditor)
    walks = covering_walks(module)
    walk_and_check(page, module, auditor, walks[0])
    checked = {s.key for s in module.route(walks[0])}
    # Screens of branches the first walk never takes: one more walk, from afresh, for each.
    for decision in walks[1:]:
        off_path = {s.key for s in module.route(decision)} - checked
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector("html[data-player=ready]", state="attached")
        page.add_script_tag(url=f"{real_site}/axe.min.js")
        walk_and_check(page, module, auditor, decision, only=off_path)
        checked |= off_path
    assert checked == {s.key for s in module.screens()}
    assert auditor.problems == []
    assert auditor.states > len(module.screens())


@pytest.mark.parametrize("module", REAL_COURSE.modules, ids=[m.id for m in REAL_COURSE.modules])
def test_all_content_of_a_real_module_passes_axe_and_reflows(
    page: Page, real_site: str, module: Module
) -> None:
    auditor = open_for_audit(page, real_site, module)
    check_menu_and_glossary(page, auditor)
    assert page.evaluate(SHOW_EVERYTHING) == len(module.screens())
    assert page.locator("main [hidden]").count() == 0
    auditor.check("every screen, with all feedback", ALL_AT_ONCE_RULES)
    assert auditor.problems == []


def test_the_content_audit_sees_feedback_that_shows_only_once_answered(
    page: Page, real_site: str
) -> None:
    """The one-page audit reaches text a learner sees only after answering: a contrast problem
    planted in a case consequence and in an option's feedback is reported."""
    module = REAL_COURSE.modules[0]
    auditor = open_for_audit(page, real_site, module)
    page.evaluate(
        """() => {
          for (const selector of [".consequence-text", ".option-feedback"]) {
            document.querySelector(selector).style.color = "#ddd";
          }
        }"""
    )
    page.evaluate(SHOW_EVERYTHING)
    auditor.check("planted", ALL_AT_ONCE_RULES)
    contrast = [p for p in auditor.problems if "color-contrast" in p]
    first_consequence = page.locator(".consequence-text").first.get_attribute("data-feedback-for")
    first_feedback = page.locator(".option-feedback").first.get_attribute("id")
    assert len(contrast) == 1
    assert f'.consequence-text[data-feedback-for="{first_consequence}"]' in contrast[0]
    assert f"#{first_feedback}" in contrast[0]


def test_glossary_holds_the_terms_the_module_uses(page: Page, real_site: str) -> None:
    module = REAL_COURSE.modules[0]
    page.goto(f"{real_site}/p/{module.id}-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    shown = page.locator("#glossary dt").evaluate_all(
        "terms => terms.map((term) => term.firstChild.textContent.trim())"
    )
    used = [REAL_COURSE.glossary[index].term for index in terms_in(module, REAL_COURSE)]
    assert shown == sorted(used, key=str.casefold)  # A to Z, whatever the file's order
    assert 0 < len(used) < len(REAL_COURSE.glossary)


def test_the_audit_sees_a_skipped_heading_level(page: Page, real_site: str) -> None:
    """The structure rules really run: a heading that skips a level is reported."""
    page.goto(f"{real_site}/p/{FIXTURE_MODULE.id}-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    page.add_script_tag(url=f"{real_site}/axe.min.js")
    assert page.evaluate(RUN_AXE, [AXE_TAGS, AXE_STRUCTURE_RULES]) == []
    page.evaluate(
        """() => {
          const skipped = document.createElement("h5");
          skipped.textContent = "Te diep";
          document.querySelector("main > .screen:not([hidden]) h2").after(skipped);
        }"""
    )
    violations = page.evaluate(RUN_AXE, [AXE_TAGS, AXE_STRUCTURE_RULES])
    assert [v for v in violations if v.startswith("heading-order:")], violations


COURSE_DATA = re.compile(rb'<script type="application/json"[^>]*>.*?</script>', re.S)


def test_both_standards_show_the_same_page(
    real_packages: list[BuiltPackage], fixture_packages: list[BuiltPackage]
) -> None:
    """Why one standard's walk above covers both: per module, the SCORM 1.2 and 2004 packages
    hold the same files, byte for byte, apart from the manifest and the runtime data."""
    by_name = {p.path.stem: p.path for p in real_packages + fixture_packages}
    for module in [*REAL_COURSE.modules, FIXTURE_MODULE]:
        contents = []
        for target in ("scorm12", "scorm2004"):
            with zipfile.ZipFile(by_name[f"{module.id}-{target}"]) as archive:
                files = {n: archive.read(n) for n in archive.namelist() if n != "imsmanifest.xml"}
            assert len(COURSE_DATA.findall(files["index.html"])) == 1, module.id
            files["index.html"] = COURSE_DATA.sub(b"", files["index.html"])
            contents.append(files)
        assert contents[0] == contents[1], module.id
