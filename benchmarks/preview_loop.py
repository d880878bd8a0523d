"""Save-to-screen time of ``course preview --watch``: ``python -m benchmarks.preview_loop``.

Starts the real preview on a temporary copy of the course, opens a module in Debian's Chromium,
then, run after run, renames the heading of the screen on show in the lesson file and times
from the save until the new heading is visible in the open player (no manual reload).
Prints every run, the median and the spread; the target is under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from course.preview.packages import build_packages
from tests.support.paths import CHROMIUM, CHROMIUM_ARGS, MODULES
from tests.support.preview import running_preview

# In every frame, from its start: note when a version of the heading first shows on screen
# (epoch ms, kept in localStorage across reloads), and in the player when the server's push of
# a new build first arrives (the player writes it to body[data-build]). Playwright's own waiting
# polls too slowly (up to every 500 ms) to time it.
NOTE_WHEN_SHOWN = """
(() => {
  const notePush = () => {
    if (!localStorage.getItem("pushed")) localStorage.setItem("pushed", String(Date.now()));
  };
  new MutationObserver(notePush)
    .observe(document, { subtree: true, attributeFilter: ["data-build"] });
  const look = () => {
    for (const heading of document.querySelectorAll("h1, h2")) {
      const version = /\\(versie (\\d+)\\)/.exec(heading.textContent);
      const key = version && `shown-${version[1]}`;
      if (key && heading.checkVisibility() && !localStorage.getItem(key)) {
        localStorage.setItem(key, String(Date.now()));
      }
    }
    requestAnimationFrame(look);
  };
  look();
})();
"""

TARGET_MS = 300
LESSON = Path("01-weerbare-justitie") / "lessons" / "01-inleiding.md"
PACKAGE = "weerbare-justitie-scorm2004"
HEADING = re.compile(r"^## (Waarom deze module\?)[^{]*", re.MULTILINE)


def save_to_screen(runs: int) -> tuple[list[float], list[float], list[float]]:
    """Save-to-screen times, of them the part from the push to the screen, and the server's
    own rebuild times, in ms, warm-up run left out."""
    with tempfile.TemporaryDirectory(prefix="preview-loop-") as work:
        root = Path(work) / "modules"
        shutil.copytree(MODULES, root)
        lesson = root / LESSON
        with (
            running_preview(root, Path(work), "--watch") as preview,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.add_init_script(NOTE_WHEN_SHOWN)
            page.goto(f"{preview.url}/play/{PACKAGE}")
            player = page.frame_locator("#sco")
            player.locator("html[data-player=ready]").wait_for(state="attached")
            timings, in_browser = [], []
            for run in range(runs + 1):  # the first run warms up and is not counted
                heading = f"Waarom deze module? (versie {run})"
                text = HEADING.sub(f"## {heading} ", lesson.read_text(encoding="utf-8"), 1)
                page.evaluate("localStorage.removeItem('pushed')")
                saved = time.time() * 1000
                lesson.write_text(text, encoding="utf-8")
                player.get_by_role("heading", name=heading, exact=True).wait_for(timeout=20_000)
                # Both steps of the rebuild pushed (two builds per save, two at the start), so
                # the next save starts from a quiet server.
                # (expect polls from outside: the page's CSP refuses wait_for_function's eval)
                expect(page.locator("body")).to_have_attribute("data-build", str(2 * run + 4))
                shown = float(page.evaluate(f"localStorage.getItem('shown-{run}')"))
                pushed = float(page.evaluate("localStorage.getItem('pushed')"))
                if run:
                    timings.append(shown - saved)
                    in_browser.append(shown - pushed)
            browser.close()
        rebuilds = re.findall(r"Rebuilt in ([\d.]+) s", "".join(preview.output))
    return timings, in_browser, [float(seconds) * 1000 for seconds in rebuilds[1:]]


def rebuild_cpu(runs: int) -> tuple[list[float], list[float]]:
    """CPU milliseconds of the preview's rebuild after the same edit, in this process: until
    the module packages are served, and in all. Unlike wall time this hardly depends on what
    else the machine runs."""
    with tempfile.TemporaryDirectory(prefix="preview-rebuild-") as work:
        root, out = Path(work) / "modules", Path(work) / "dist"
        shutil.copytree(MODULES, root)
        lesson = root / LESSON
        *_, (packages, _) = build_packages(root, out, {})
        to_modules, in_all = [], []
        for run in range(runs):
            heading = f"Waarom deze module? (versie {run})"
            lesson.write_text(HEADING.sub(f"## {heading} ", lesson.read_text(), 1))
            started = time.process_time()
            steps = build_packages(root, out, packages)
            next(steps)
            to_modules.append((time.process_time() - started) * 1000)
            *_, (packages, _) = steps
            in_all.append((time.process_time() - started) * 1000)
    return to_modules, in_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    timings, in_browser, rebuilds = save_to_screen(parser.parse_args().runs)
    print("save-to-screen runs (ms):", " ".join(f"{t:.0f}" for t in timings))
    print(
        f"median {statistics.median(timings):.0f} ms (target < {TARGET_MS} ms), "
        f"min {min(timings):.0f} ms, max {max(timings):.0f} ms"
    )
    print(
        f"of which from the push to the screen (finish the SCO, launch the rebuilt one): "
        f"median {statistics.median(in_browser):.0f} ms"
    )
    print(f"the server's whole rebuild, both steps: median {statistics.median(rebuilds):.0f} ms")
    to_modules, in_all = rebuild_cpu(parser.parse_args().runs)
    print(
        f"the rebuild's CPU time: median {statistics.median(to_modules):.0f} ms until the "
        f"module packages are served, {statistics.median(in_all):.0f} ms in all"
    )
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
