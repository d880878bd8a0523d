"""Screenshots of what learners see: ``.venv/bin/python -m benchmarks.screenshots``.

Builds the real course in the default theme and in a municipal one (Den Haag's tokens, with a
made-up municipality's logo), opens the first module's SCORM 2004 package on its own (no LMS)
in Debian's Chromium, and takes four screens at 1280 and 320 px wide: the cover, a lesson
screen, a case step with what happens after a choice, and a quiz question answered wrongly with
its feedback (on a phone, these two as the whole page). The PNGs go to docs/screenshots/,
reduced to a palette of 256 colours.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image
from playwright.sync_api import Frame, Page, sync_playwright

from course.loader import load_course
from course.model import Module, ScreenRef
from scorm_builder.build import build
from tests.support.learner import take, wrong
from tests.support.paths import CHROMIUM, CHROMIUM_ARGS, MODULES, PROJECT
from tests.support.server import serve

SCREENSHOTS = PROJECT / "docs" / "screenshots"
DEMO_LOGO = SCREENSHOTS / "demo-logo.svg"
THEMES = ["default", "den-haag"]  # a municipal theme gets the demo logo
WIDTHS = {1280: 800, 320: 640}  # viewport width → height


def themed_copy(work: Path, theme: str, logo: Path | None) -> Path:
    """The real course with ``theme`` (and ``logo``) added to its course.yaml."""
    root = work / f"course-{theme}"
    shutil.copytree(MODULES, root)
    lines = [f"theme: {theme}"]
    if logo is not None:
        shutil.copy(logo, root / logo.name)
        lines += ["logo:", f"  file: {logo.name}", "  alt: Gemeente Voorbeeld"]
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text() + "\n".join(lines) + "\n")
    return root


def shots(frame: Frame, module: Module) -> Iterator[str]:
    """Walk the module on the path of choice 'a', stopping (yielding a name) at each screen to
    show: the cover, the next lesson screen, the first case step once decided, the first quiz
    question once answered wrongly."""
    route = module.route(lambda step: "a")
    wanted = {
        route[0].key: "cover",
        route[1].key: "lesson",
        _first(route, "case-step").key: "case-step",
        _first(route, "question").key: "question",
    }
    for index, screen in enumerate(route):
        if screen.key in wanted:
            if screen.kind in ("case-step", "question"):
                take(frame, module, wrong, screens=1)
            yield wanted.pop(screen.key)
            if not wanted:
                return
        elif screen.kind in ("case-step", "question", "quiz-result"):
            take(frame, module, wrong, screens=1)
        if index < len(route) - 1:
            frame.locator("#next").click()


def _first(route: list[ScreenRef], kind: str) -> ScreenRef:
    return next(screen for screen in route if screen.kind == kind)


def capture(page: Page, path: Path, shown: str) -> None:
    """The screen from its top; on a phone, an answered screen whole, to show its feedback."""
    page.evaluate("window.scrollTo(0, 0)")
    viewport = page.viewport_size
    assert viewport is not None
    if viewport["width"] < 400 and shown in ("case-step", "question"):
        # A viewport as tall as the page, so the bottom bar stays at the bottom.
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": viewport["width"], "height": height})
    page.screenshot(path=path, animations="disabled", caret="hide")
    page.set_viewport_size(viewport)
    small = Image.open(path).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=SCREENSHOTS)
    parser.add_argument("--themes", nargs="+", default=THEMES, help="built-in theme names")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder, sync_playwright() as pw:
        work = Path(folder)
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for theme in options.themes:
            logo = None if theme == "default" else DEMO_LOGO
            course = load_course(themed_copy(work, theme, logo))
            module = course.modules[0]
            site = work / f"site-{theme}"
            build(course, site, ["scorm2004"], [module.id])
            package = site / f"{module.id}-scorm2004.zip"
            shutil.unpack_archive(package, site / "package")
            with serve(site / "package") as url:
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.goto(f"{url}/index.html")
                    page.wait_for_selector("html[data-player=ready]", state="attached")
                    for shown in shots(page.main_frame, module):
                        path = options.out / f"{theme}-{shown}-{width}.png"
                        capture(page, path, shown)
                        print(f"{path}  {path.stat().st_size // 1024} KB")
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
