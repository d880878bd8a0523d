"""Speed and size figures: ``.venv/bin/python -m benchmarks.run``.

Prints each figure beside its target and writes them all to benchmarks/results/latest.json.
Builds are timed as a learning designer runs them: ``course build`` as a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from benchmarks.synthetic import write_course
from course.loader import load_course
from course.model import Lesson
from scorm_builder.state import worst_case_suspend_data
from scorm_builder.targets import TARGETS
from scorm_builder.theme import built_in_themes
from tests.support.paths import CHROMIUM, CHROMIUM_ARGS, MODULES

RESULTS = Path(__file__).parent / "results" / "latest.json"
COURSE_COMMAND = Path(sys.executable).with_name("course")

REAL_COURSE_SECONDS = 0.5
THOUSAND_LESSONS_SECONDS = 10.0
BUILD_TARGETS = {"real course": REAL_COURSE_SECONDS, "1000 lessons": THOUSAND_LESSONS_SECONDS}
NO_CHANGE_SECONDS = 0.2
PACKAGE_KB = 150  # per module: a whole-course package may hold this much for each module in it
RUNTIME_KB = 40
THEME_KB = 6  # the theme's tokens and the logo's styles, counted apart from the runtime
THEME_FILES = ("assets/tokens.css", "assets/logo.css")
# Text files in a package; anything else (images) is media and counts apart.
TEXT_SUFFIXES = (".html", ".js", ".css", ".xml", ".json")
ALWAYS_USED = {"index.html", "imsmanifest.xml"}  # the entry points: the LMS opens these


def timed_build(root: Path, out: Path, *options: str) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one ``course build`` in a fresh process."""
    command = [str(COURSE_COMMAND), "build", "--root", str(root), "--out", str(out), *options]
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the peak of all children.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss


def median_build(root: Path, work: Path, repeats: int) -> dict[str, float]:
    """Median of full builds, each into a new folder, after one untimed warm-up."""
    timed_build(root, work / "warm-up")
    runs = [timed_build(root, work / f"run-{i}", "--force") for i in range(repeats)]
    return {
        "seconds": round(statistics.median(s for s, _ in runs), 3),
        "peak_mb": round(max(kb for _, kb in runs) / 1024, 1),
    }


def lesson_count(root: Path) -> int:
    course = load_course(root)
    return sum(isinstance(item, Lesson) for m in course.modules for item in m.items)


def build_speed(work: Path, sizes: list[int]) -> dict[str, Any]:
    courses = {"real course": MODULES}
    for lessons in sizes:
        courses[f"{lessons} lessons"] = write_course(work / f"synthetic-{lessons}", lessons)
    figures: dict[str, Any] = {}
    print("\nFull build, fresh process (median)")
    for name, root in courses.items():
        lessons = lesson_count(root)
        result = median_build(root, work / f"out-{lessons}", repeats=3 if lessons >= 1000 else 5)
        result |= {"lessons": lessons, "ms_per_lesson": round(1000 * result["seconds"] / lessons)}
        figures[name] = result
        aim = f"  (target < {BUILD_TARGETS[name]} s)" if name in BUILD_TARGETS else ""
        print(
            f"  {name:14} {lessons:5} lessons  {result['seconds']:6.2f} s  "
            f"{result['ms_per_lesson']:4} ms/lesson  peak {result['peak_mb']:5.1f} MB{aim}"
        )
    synthetic = [figures[f"{n} lessons"] for n in sizes]
    if len(synthetic) >= 2:
        # Linear growth: a fixed start-up cost plus a constant cost per lesson.
        slope, intercept = statistics.linear_regression(
            [f["lessons"] for f in synthetic], [f["seconds"] for f in synthetic]
        )
        figures["fit"] = {"fixed_s": round(intercept, 3), "ms_per_lesson": round(1000 * slope, 2)}
        print(f"  fit: {intercept:.2f} s + {1000 * slope:.2f} ms × lessons")
    return figures


def incremental(work: Path) -> dict[str, Any]:
    root = work / "incremental" / "modules"
    shutil.copytree(MODULES, root)
    out = work / "incremental" / "dist"
    timed_build(root, out)
    no_change = statistics.median(timed_build(root, out)[0] for _ in range(5))
    zips = sorted(out.glob("*.zip"))
    before = {z.name: z.stat().st_mtime_ns for z in zips}
    lesson = sorted(root.glob("02-*/lessons/*.md"))[1]
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nDit is een extra zin.\n")
    one_lesson, _ = timed_build(root, out)
    rewritten = [z.name for z in zips if z.stat().st_mtime_ns != before[z.name]]
    timed_build(root, work / "incremental" / "forced", "--force")
    identical = all(
        z.read_bytes() == (work / "incremental" / "forced" / z.name).read_bytes() for z in zips
    )
    figures = {
        "no_change_s": round(no_change, 3),
        "one_lesson_changed_s": round(one_lesson, 3),
        "rewritten": rewritten,
        "identical_to_forced_build": identical,
    }
    print("\nIncremental build (real course)")
    print(f"  nothing changed     {no_change:6.3f} s  (target < {NO_CHANGE_SECONDS} s)")
    print(f"  one lesson changed  {one_lesson:6.3f} s  rewrote {', '.join(rewritten)}")
    print(f"  byte-identical to a --force build: {identical}")
    return figures


def sco_folders(archive: zipfile.ZipFile) -> list[str]:
    """The folder of each SCO: '' in a module package, '<module-id>/' in a course package."""
    manifest = archive.read("imsmanifest.xml").decode("utf-8")
    return sorted(set(re.findall(r'<resource [^>]*href="([^"]*)index.html"', manifest)))


def sco_folder(name: str, folders: list[str]) -> str:
    return max((f for f in folders if name.startswith(f)), key=len, default="")


def unused_files(archive: zipfile.ZipFile) -> list[str]:
    """Files that neither their SCO's index.html nor another file of that SCO refers to."""
    folders = sco_folders(archive)
    texts = {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.endswith(TEXT_SUFFIXES) and name != "imsmanifest.xml"  # it lists every file
    }
    unused = []
    for name in archive.namelist():
        folder = sco_folder(name, folders)
        relative = name[len(folder) :]
        if relative in ALWAYS_USED:
            continue
        referring = [
            text
            for other, text in texts.items()
            if other != name and sco_folder(other, folders) == folder
        ]
        if not any(relative in text for text in referring):
            unused.append(name)
    return unused


def package_size(out: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    print("\nPackage size (real course)")
    for path in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            media = sum(i.compress_size for i in infos if not i.filename.endswith(TEXT_SUFFIXES))
            folders = sco_folders(archive)
            # What one SCO loads; a course package holds one per module.
            by_sco = [[i for i in infos if sco_folder(i.filename, folders) == f] for f in folders]
            runtime = max(
                sum(
                    i.file_size
                    for i in sco
                    if i.filename.endswith((".js", ".css")) and not i.filename.endswith(THEME_FILES)
                )
                for sco in by_sco
            )
            theme = theme_bytes(archive)
            unused = unused_files(archive)
        figures[path.stem] = {
            "zip_kb_without_media": round((path.stat().st_size - media) / 1024, 1),
            "limit_kb": PACKAGE_KB * len(folders),
            "runtime_kb": round(runtime / 1024, 1),
            "theme_bytes": theme,
            "files": len(infos),
            "unused_files": unused,
        }
        f = figures[path.stem]
        print(
            f"  {path.stem:38} {f['zip_kb_without_media']:6.1f} KB zip (≤ {f['limit_kb']})  "
            f"runtime {f['runtime_kb']:5.1f} KB (≤ {RUNTIME_KB})  theme {theme} B  "
            f"{f['files']} files, unused: {', '.join(unused) or 'none'}"
        )
    return figures


def theme_size(work: Path) -> dict[str, Any]:
    """The real course built in each built-in theme: the tokens each package carries."""
    figures: dict[str, Any] = {}
    print(f"\nTheme tokens per package (≤ {THEME_KB} KB, apart from the runtime)")
    for name in built_in_themes():
        root = work / f"theme-{name}"
        shutil.copytree(MODULES, root)
        course_file = root / "course.yaml"
        course_file.write_text(course_file.read_text() + f"theme: {name}\n")
        out = work / f"out-theme-{name}"
        timed_build(root, out)
        sizes = {}
        for path in sorted(out.glob("*.zip")):
            with zipfile.ZipFile(path) as archive:
                sizes[path.stem] = theme_bytes(archive)
        figures[name] = {"bytes": max(sizes.values()), "packages": sizes}
        low, high = min(sizes.values()), max(sizes.values())
        print(f"  {name:12} {low}–{high} bytes per package, in all {len(sizes)} packages")
    return figures


def theme_bytes(archive: zipfile.ZipFile) -> int:
    """The theme's tokens and the logo's styles that one SCO loads (the most of any SCO)."""
    folders = sco_folders(archive)
    themed = [i for i in archive.infolist() if i.filename.endswith(THEME_FILES)]
    return max(
        sum(i.file_size for i in themed if sco_folder(i.filename, folders) == f) for f in folders
    )


def suspend_data() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    print("\nsuspend_data, worst case (everything seen, answered and decided)")
    for module in load_course(MODULES).modules:
        length = len(worst_case_suspend_data(module))
        limits = {name: target.suspend_data_limit for name, target in TARGETS.items()}
        figures[module.id] = {"characters": length, "limits": limits}
        print(
            f"  {module.id:28} {length:5} characters  "
            + "  ".join(
                f"{name} {100 * length / limit:4.1f}% of {limit}" for name, limit in limits.items()
            )
        )
    return figures


# Records the moment the player marks itself ready, from inside the page.
READY_WATCH = """
new MutationObserver(() => {
  if (document.documentElement?.dataset.player === "ready" && !window.readyAt)
    window.readyAt = performance.now();
}).observe(document, { attributes: true, subtree: true });
"""
LOADED_BYTES = """() => [
  ...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource"),
].reduce((sum, entry) => sum + entry.decodedBodySize, 0)"""
TRANSFERRED_BYTES = LOADED_BYTES.replace("decodedBodySize", "encodedBodySize")


def browser(out: Path, work: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.support.lms import LmsSession, make_site
    from tests.support.server import serve

    # The module packages; a whole-course package holds the very same SCOs.
    packages = [p for p in sorted(out.glob("*.zip")) if sco_folders(zipfile.ZipFile(p)) == [""]]
    site = make_site(work / "site", packages)
    figures: dict[str, Any] = {"first_screen": {}, "scorm_calls": {}}
    with serve(site) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        print("\nFirst screen, standalone from a local server (median of 5 loads)")
        for package in packages:
            loads = [first_screen(chromium, f"{url}/p/{package.stem}/index.html") for _ in range(5)]
            result = {key: statistics.median(load[key] for load in loads) for key in loads[0]}
            figures["first_screen"][package.stem] = result
            print(
                f"  {package.stem:38} {result['kb_loaded']:6.1f} KB loaded "
                f"({result['kb_transferred']:.1f} KB sent), "
                f"readable after {result['ms_to_ready']:5.0f} ms"
            )
        print("\nSCORM API calls per screen change, in the test LMS (scorm-again)")
        for package in packages:
            version = "1.2" if package.stem.endswith("scorm12") else "2004"
            context = chromium.new_context()
            session = LmsSession(context.new_page(), url, version)
            frame = session.launch(package.stem)
            moves = {"forward to a new screen": "#next", "back to a seen screen": "#previous"}
            result = {}
            for label, button in moves.items():
                counts = [screen_change(session, frame, button) for _ in range(3)]
                result[label] = {key: statistics.mean(c[key] for c in counts) for key in counts[0]}
            figures["scorm_calls"][package.stem] = result
            context.close()
            for label, counts in result.items():
                print(
                    f"  {package.stem:38} {label:24} {counts['calls']:4.1f} calls, "
                    f"{counts['commits']:.1f} commits, "
                    f"{counts['unchanged_sets']:.1f} sets of an unchanged value"
                )
        chromium.close()
    return figures


def first_screen(chromium: Any, url: str) -> dict[str, float]:
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script(READY_WATCH)
    page.goto(url)
    page.wait_for_selector("html[data-player=ready]", state="attached")
    result = {
        "kb_loaded": round(page.evaluate(LOADED_BYTES) / 1024, 1),
        "kb_transferred": round(page.evaluate(TRANSFERRED_BYTES) / 1024, 1),
        "ms_to_ready": round(page.evaluate("window.readyAt"), 1),
    }
    context.close()
    return result


def screen_change(session: Any, frame: Any, button: str) -> dict[str, int]:
    """The calls one click on ``button`` makes: all, commits, and values set again unchanged."""
    before = session.calls()
    frame.locator(button).click()
    session.page.wait_for_timeout(300)  # the player saves right after showing the screen
    calls = session.calls()[len(before) :]
    last_set: dict[str, str] = {}
    for call in before:
        if call["method"] in ("LMSSetValue", "SetValue"):
            last_set[call["args"][0]] = call["args"][1]
    sets = [c["args"] for c in calls if c["method"] in ("LMSSetValue", "SetValue")]
    return {
        "calls": len(calls),
        "commits": sum(c["method"] in ("LMSCommit", "Commit") for c in calls),
        "unchanged_sets": sum(last_set.get(element) == value for element, value in sets),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="benchmarks-") as folder:
        work = Path(folder)
        figures: dict[str, Any] = {"build": build_speed(work, options.lessons)}
        figures["incremental"] = incremental(work)
        real_out = work / "out-real"
        timed_build(MODULES, real_out)
        figures["package_size"] = package_size(real_out)
        figures["theme_size"] = theme_size(work)
        figures["suspend_data"] = suspend_data()
        if not options.no_browser:
            figures["browser"] = browser(real_out, work)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
