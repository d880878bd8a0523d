"""``course preview`` as a learning designer uses it: the real command, server, browser and SQLite.

Each server is the real CLI on a free port, stopped with SIGINT (Ctrl-C) at the end; the
fixture's teardown asserts that it stopped cleanly.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from course.model import Course, WorkshopCase
from quizzes.matching import MatchingQuestion
from quizzes.single_choice import SingleChoiceQuestion
from tests.support.learner import current_key, right, take
from tests.support.paths import FIXTURE_COURSE, PROJECT
from tests.support.preview import (
    COURSE,
    RunningPreview,
    choose_learner,
    launch,
    leave,
    running_preview,
    sco_frame,
)

PACKAGES = {"1.2": "basis-scorm12", "2004": "basis-scorm2004"}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
EXIT = {"1.2": "cmi.core.exit", "2004": "cmi.exit"}
STATUS = {
    "1.2": ("cmi.core.lesson_status",),
    "2004": ("cmi.completion_status", "cmi.success_status"),
}
SCORE = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
TOTAL_TIME = {"1.2": "cmi.core.total_time", "2004": "cmi.total_time"}


@pytest.fixture(scope="module")
def shared_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    """One server for the tests that keep to their own learner names."""
    with running_preview(FIXTURE_COURSE, tmp_path_factory.mktemp("preview")) as preview:
        yield preview


def attempt_rows(preview: RunningPreview, learner: str) -> list[dict[str, Any]]:
    rows = preview.rows(
        "SELECT a.id, a.package, a.number, a.state, a.sessions_finished FROM attempts a "
        "JOIN learners l ON l.id = a.learner_id WHERE l.name = ? ORDER BY a.id",
        learner,
    )
    return [dict(row) | {"state": json.loads(row["state"])} for row in rows]


def interaction_ids(state: dict[str, str]) -> list[str]:
    count = len([key for key in state if re.fullmatch(r"cmi\.interactions\.\d+\.id", key)])
    return [state[f"cmi.interactions.{n}.id"] for n in range(count)]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_relaunch_resumes_with_the_answer_even_after_a_restart(
    page: Page, fixture_course: Course, tmp_path: Path, version: str
) -> None:
    package = PACKAGES[version]
    module = fixture_course.modules[0]
    first_question = next(i for i, s in enumerate(module.screens()) if s.kind == "question")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)

    with running_preview(FIXTURE_COURSE, tmp_path) as preview:
        choose_learner(page, preview.url, "Ann")
        frame = launch(page, preview.url, package)
        take(frame, module, right, screens=first_question + 1)
        saved_at = current_key(frame)
        leave(page)
        question_id = saved_at.split("/")[1]
        [attempt] = attempt_rows(preview, "Ann")
        assert (attempt["package"], attempt["number"], attempt["sessions_finished"]) == (
            package,
            1,
            1,
        )
        state = attempt["state"]
        assert state[LOCATION[version]] == saved_at
        assert state[EXIT[version]] == "suspend"
        assert state["cmi.suspend_data"]
        recorded = interaction_ids(state)
        assert recorded[-1].endswith(question_id)
        assert state[f"cmi.interactions.{len(recorded) - 1}.result"] == "correct"
        # The attempt page shows the same: each decision and answer, and where the learner is.
        rows = page.locator("table.interactions tbody tr")
        assert rows.count() == len(recorded)
        assert question_id in rows.last.inner_text()
        assert page.locator(f'dd[data-element="{LOCATION[version]}"]').inner_text() == saved_at
        commits = preview.rows("SELECT terminate FROM commits WHERE attempt_id = ?", attempt["id"])
        assert len(commits) > first_question  # one per screen shown, at least
        assert [row["terminate"] for row in commits][-1] == 1

    # Ctrl-C stopped the server (the context checked the clean exit); a new one on the same
    # database resumes the attempt.
    with running_preview(FIXTURE_COURSE, tmp_path, database=preview.database) as restarted:
        frame = launch(page, restarted.url, package)
        assert page.locator(".player-bar").inner_text().count("(resumed)") == 1
        assert current_key(frame) == saved_at
        question_form = frame.locator(f'main > .screen[data-key="{saved_at}"] form')
        assert question_form.locator("input:checked").count() >= 1
        take(frame, module, right)
        leave(page)
        [attempt] = attempt_rows(restarted, "Ann")
        state = attempt["state"]
        recorded_in_all = interaction_ids(state)
        assert recorded_in_all[: len(recorded)] == recorded  # kept from the first session
        assert len(set(recorded_in_all)) == len(recorded_in_all)  # none recorded twice
        questions = module.quiz.questions if module.quiz else []
        assert {q.id for q in questions} <= {i.rsplit(".", 1)[-1] for i in recorded_in_all}
        if version == "1.2":
            assert state["cmi.core.lesson_status"] == "passed"
            assert state["cmi.student_data.mastery_score"] == "70"
            assert state["cmi.core.score.raw"] == "100"
        else:
            assert (state["cmi.completion_status"], state["cmi.success_status"]) == (
                "completed",
                "passed",
            )
            assert state["cmi.scaled_passing_score"] == "0.7"
        # The attempt page shows the same status, score and time, and every objective.
        shown = {
            element: page.locator(f'dd[data-element="{element}"]').get_attribute("data-value")
            for element in (*STATUS[version], SCORE[version], TOTAL_TIME[version])
        }
        assert shown == {element: state[element] for element in shown}
        assert all(shown.values()), shown
        # Times read as people say them, not as SCORM writes them.
        total_time = page.locator(f'dd[data-element="{TOTAL_TIME[version]}"]').inner_text()
        assert re.fullmatch(r"(\d+ h )?(\d+ min )?\d+ s", total_time), total_time
        objective_rows = page.locator("table.objectives tbody tr")
        assert objective_rows.count() == len(module.spec.objectives)
        for n, objective in enumerate(module.spec.objectives):
            assert objective.id in objective_rows.nth(n).inner_text()
    assert errors == []


def test_two_learners_are_kept_apart_and_reset_starts_over(
    page: Page, fixture_course: Course, shared_preview: RunningPreview
) -> None:
    module = fixture_course.modules[0]
    url = shared_preview.url
    choose_learner(page, url, "Bea")
    frame = launch(page, url, PACKAGES["2004"])
    take(frame, module, right, screens=3)
    bea_at = current_key(frame)
    leave(page)

    choose_learner(page, url, "Cas")
    assert "not started" in page.locator('tr[data-package="basis-scorm2004"]').inner_text()
    frame = launch(page, url, PACKAGES["2004"])
    assert current_key(frame) == module.screens()[0].key
    leave(page)
    [bea] = attempt_rows(shared_preview, "Bea")
    [cas] = attempt_rows(shared_preview, "Cas")
    assert bea["state"]["cmi.location"] == bea_at
    assert cas["state"]["cmi.location"] == module.screens()[0].key
    assert cas["state"]["cmi.learner_name"] == "Cas"

    # Bea again: she resumes; after a reset she starts from the first screen, in attempt 2.
    choose_learner(page, url, "Bea")
    frame = launch(page, url, PACKAGES["2004"])
    assert current_key(frame) == bea_at
    leave(page)
    page.click("text=Reset: start a new attempt")
    page.click("a.launch")
    frame = sco_frame(page)
    assert current_key(frame) == module.screens()[0].key
    leave(page)
    assert [row["number"] for row in attempt_rows(shared_preview, "Bea")] == [1, 2]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_attempt_page_reads_at_any_width(
    page: Page, fixture_course: Course, shared_preview: RunningPreview, width: int
) -> None:
    """Answers in words beside their codes; no sideways scrolling and no text squeezed into a
    column a few letters wide, on a laptop and on a phone."""
    module = fixture_course.modules[0]
    assert module.quiz
    question = next(q for q in module.quiz.questions if isinstance(q, SingleChoiceQuestion))
    chosen = next(o for o in question.options if o.id == question.correct_answer())
    page.set_viewport_size({"width": width, "height": 800})
    choose_learner(page, shared_preview.url, f"Width {width}")
    frame = launch(page, shared_preview.url, PACKAGES["2004"])
    take(frame, module, right)
    leave(page)

    row = page.locator("table.interactions tbody tr").filter(has_text=f"toets.{question.id}")
    answer = row.locator("td.answer")
    assert answer.locator(".answer-text").inner_text() == chosen.text
    assert answer.locator("code").inner_text() == chosen.id
    assert answer.locator(".answer-text").is_visible()
    # A matching answer reads as source → target for every pair.
    matching = next(q for q in module.quiz.questions if isinstance(q, MatchingQuestion))
    targets = {target.id: target.text for target in matching.targets}
    row = page.locator("table.interactions tbody tr").filter(has_text=f"toets.{matching.id}")
    assert row.locator("td.answer .answer-text").inner_text() == "; ".join(
        f"{source.text} → {targets[source.match]}" for source in matching.sources
    )
    for url in (page.url, shared_preview.url):
        page.goto(url)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{url} scrolls sideways at {width} px"
        narrowest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll("table.data td")]
                .filter((cell) => cell.textContent.trim().length > 12)
                .map((cell) => cell.getBoundingClientRect().width))"""
        )
        assert narrowest >= 100, f"a column of {narrowest} px on {url} at {width} px"
    launch_link = page.locator(f'tr[data-package="{PACKAGES["2004"]}"] a.launch')
    box = launch_link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width


COURSE_PACKAGES = {"1.2": "mini-cursus-scorm12", "2004": "mini-cursus-scorm2004"}


@pytest.fixture(scope="module")
def two_module_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with a second module (a copy of the first under another id)."""
    root = tmp_path_factory.mktemp("two-modules") / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    shutil.copytree(root / "01-basis", root / "02-vervolg")
    module_file = root / "02-vervolg" / "module.yaml"
    module_file.write_text(
        module_file.read_text()
        .replace("id: basis", "id: vervolg")
        .replace("title: Basis van ondermijning", "title: Vervolg op de basis")
    )
    course_file = root / "course.yaml"
    course_file.write_text(
        course_file.read_text().replace("  - 01-basis", "  - 01-basis\n  - 02-vervolg")
    )
    return root


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_whole_course_package_plays_module_by_module(
    page: Page, fixture_course: Course, two_module_course: Path, tmp_path: Path, version: str
) -> None:
    """The course page lists the whole-course packages; the player shows their modules; SCORM
    2004's sequencing opens module 2 only after module 1 is completed, 1.2 opens both; each
    module is tracked apart and the attempt page shows them all."""
    module = fixture_course.modules[0]
    package = COURSE_PACKAGES[version]
    second_at_start = "locked" if version == "2004" else "not started"
    with running_preview(two_module_course, tmp_path) as preview:
        choose_learner(page, preview.url, "Eva")
        row = page.locator(f'tr[data-package="{package}"]')
        assert "Whole course: Mini-cursus" in row.inner_text()
        assert row.locator('li[data-sco="ITEM-vervolg"]').inner_text().endswith(second_at_start)

        frame = launch(page, preview.url, package)
        toc = page.locator("nav.toc li")
        assert toc.locator("a").all_inner_texts() == [
            "Basis van ondermijning",
            "Vervolg op de basis",
        ]
        assert toc.first.locator("a").get_attribute("aria-current") == "page"
        assert toc.nth(1).locator(".sco-status").inner_text() == second_at_start
        if version == "2004":
            toc.nth(1).locator("a").click()
            page.wait_for_url("**sco=ITEM-vervolg")
            assert page.locator("h1").inner_text() == "Vervolg op de basis is locked"
            assert (
                "Basis van ondermijning is completed" in page.locator(".locked-reason").inner_text()
            )
            page.click("a.launch")  # continue the course: module 1 again
            frame = sco_frame(page)
        take(frame, module, right)
        page.locator('nav.toc li[data-sco="ITEM-vervolg"] a').click()
        page.wait_for_url("**sco=ITEM-vervolg")
        frame = sco_frame(page)
        assert "Vervolg op de basis" in frame.locator("body").inner_text()
        take(frame, module, right, screens=2)
        leave(page)

        scos = page.locator("table.scos tbody tr")
        assert scos.locator("th").all_inner_texts() == [
            "Basis van ondermijning",
            "Vervolg op de basis",
        ]
        done = "passed" if version == "1.2" else "completed, passed"
        assert scos.first.locator("td").first.inner_text() == done
        assert scos.nth(1).locator("td").first.inner_text().startswith("incomplete")
        assert scos.nth(1).get_attribute("aria-current") == "true"
        attempts = attempt_rows(preview, "Eva")
        assert [row["package"] for row in attempts] == [
            f"{package}/ITEM-basis",
            f"{package}/ITEM-vervolg",
        ]
        assert fixture_course.modules[0].quiz
        first, second = (row["state"] for row in attempts)
        assert len(interaction_ids(first)) > len(interaction_ids(second))


def test_watch_relaunches_only_the_players_whose_package_changed(
    browser: Browser, two_module_course: Path, tmp_path: Path
) -> None:
    """A save in module 2 relaunches the whole-course player (its package holds module 2) and
    leaves a player of module 1's own package as it is."""
    root = tmp_path / "course"
    shutil.copytree(two_module_course, root)
    lesson = root / "02-vervolg" / "lessons" / "01-intro.md"
    context = browser.new_context()
    module_page, course_page = context.new_page(), context.new_page()
    launches: dict[Page, list[str]] = {module_page: [], course_page: []}
    for opened, requests in launches.items():
        opened.on(
            "request", lambda r, seen=requests: seen.append(r.url) if "/launch/" in r.url else None
        )
    with running_preview(root, tmp_path, "--watch") as preview:
        launch(module_page, preview.url, PACKAGES["2004"])
        launch(course_page, preview.url, COURSE_PACKAGES["2004"])
        with course_page.expect_request("**/launch/**"):
            lesson.write_text(lesson.read_text().replace("## Onderwereld", "## Nieuwe onderwereld"))
        build = course_page.locator("body").get_attribute("data-build")
        # expect polls from outside the page: its CSP refuses wait_for_function's eval
        expect(module_page.locator("body")).to_have_attribute("data-build", build or "")
        assert launches[module_page] == []
        assert len(launches[course_page]) == 1
    context.close()


def request(
    preview: RunningPreview, method: str, path: str, body: str = "", **headers: str
) -> tuple[int, bytes, http.client.HTTPMessage]:
    """One raw request, sent as written (no client-side normalising of '..'; any Host)."""
    address = urlsplit(preview.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port)
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read(), response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/packages/basis-scorm12/../../pyproject.toml",
        "/packages/basis-scorm12/%2e%2e/%2e%2e/pyproject.toml",
        "/packages/basis-scorm12/..%2f..%2fpyproject.toml",
        "/packages/..%2f..%2fpyproject.toml/x",
        "/packages/basis-scorm12//etc/passwd",
        "/packages/basis-scorm12/%2fetc%2fpasswd",
        "/static/..%2f__init__.py",
        "/node_modules/scorm-again/package.json",
        "/../pyproject.toml",
    ],
)
def test_paths_outside_the_packages_are_refused(shared_preview: RunningPreview, path: str) -> None:
    status, body, _ = request(shared_preview, "GET", path)
    assert status in (403, 404)
    assert b"[project]" not in body
    assert request(shared_preview, "GET", "/packages/basis-scorm12/imsmanifest.xml")[0] == 200


def test_a_hostile_learner_name_is_shown_as_text(
    page: Page, fixture_course: Course, shared_preview: RunningPreview
) -> None:
    name = "<script>window.pwned=1</script><img src=x onerror=pwned=2>"
    choose_learner(page, shared_preview.url, name)
    assert page.locator("strong.learner-name").inner_text() == name
    frame = launch(page, shared_preview.url, PACKAGES["1.2"])
    take(frame, fixture_course.modules[0], right, screens=1)
    assert name in page.locator(".player-bar").inner_text()
    leave(page)
    assert name in page.locator("h1").inner_text()
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x]").count() == 0


def test_watch_rebuilds_and_reloads_the_open_page(page: Page, tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    module_file = root / "01-basis" / "module.yaml"
    authored = module_file.read_text(encoding="utf-8")
    page.add_init_script("sessionStorage.loads = Number(sessionStorage.loads || 0) + 1")
    with running_preview(root, tmp_path, "--watch") as preview:
        page.goto(preview.url)
        first = int(page.locator("body").get_attribute("data-build") or 0)
        # A mistake: the page reloads with the problem, and the last good build stays served.
        module_file.write_text(authored.replace("title: Basis", "title: Basis: herzien"))
        problems = page.locator(".problems")
        problems.wait_for(timeout=10_000)
        assert "module.yaml:2" in problems.inner_text()
        assert page.locator('tr[data-package="basis-scorm2004"]').count() == 1
        # Corrected: the page reloads with the rebuilt packages, once: the build's first step
        # (module packages only) goes to open players, the page waits for the whole build.
        module_file.write_text(authored.replace("title: Basis", "title: Herziene basis"))
        expect(page.locator("body")).to_have_attribute("data-build", str(first + 3))
        page.get_by_text("Herziene basis van ondermijning").first.wait_for()
        assert page.locator(".problems").count() == 0
        assert page.evaluate("sessionStorage.loads") == "3"  # opened, failed build, whole build


def test_watch_updates_the_open_player_and_shows_a_failed_rebuild_over_it(
    page: Page, tmp_path: Path
) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    lesson = root / "01-basis" / "lessons" / "01-intro.md"
    module_file = root / "01-basis" / "module.yaml"
    authored = module_file.read_text(encoding="utf-8")
    errors: list[str] = []  # a script or frame the Content-Security-Policy refused shows here
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    with running_preview(root, tmp_path, "--watch") as preview:
        launch(page, preview.url, PACKAGES["2004"])
        player = page.frame_locator("#sco")
        page.evaluate("window.notReloaded = true")
        overlay = page.locator("#build-problems")
        assert overlay.is_hidden()

        # A save shows in the open player, without reloading the page around it.
        lesson.write_text(lesson.read_text().replace("## Onderwereld", "## Nieuwe onderwereld"))
        player.get_by_role("heading", name="Nieuwe onderwereld en bovenwereld").wait_for()
        assert page.evaluate("window.notReloaded") is True

        # A save with a mistake: its problems show over the player, which keeps playing.
        module_file.write_text(authored.replace("title: Basis", "title: Basis: herzien"))
        overlay.wait_for(state="visible")
        assert overlay.get_by_role("listitem").first.inner_text().startswith(f"{module_file}:2: ")
        assert player.get_by_role("heading", name="Nieuwe onderwereld en bovenwereld").is_visible()

        # Fixed: the box goes away by itself and the rebuilt package plays.
        module_file.write_text(authored.replace("title: Basis", "title: Herziene basis"))
        overlay.wait_for(state="hidden")
        player.get_by_text("Herziene basis van ondermijning").first.wait_for()
        assert page.evaluate("window.notReloaded") is True
    assert errors == []


def dropped_request(url: str, path: str) -> socket.socket:
    """A GET whose client resets the connection once the response starts, as a closed tab does;
    returns a second socket with the same request, still open."""
    address = urlsplit(url)
    host, port = address.hostname or "", address.port or 0
    request = f"GET {path} HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode()
    dropped, kept = (socket.create_connection((host, port), timeout=10) for _ in range(2))
    for connection in (dropped, kept):
        connection.sendall(request)
        assert connection.recv(1024).startswith(b"HTTP/1.0 200")
    # Linger 0: close() resets the connection, so the server's next write fails at once.
    dropped.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    dropped.close()
    return kept


def test_a_closed_connection_is_no_traceback_in_the_terminal(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    lesson = root / "01-basis" / "lessons" / "01-intro.md"
    with running_preview(root, tmp_path, "--watch") as preview:
        # A large file, cut off mid-response; then an open page's event stream, cut off
        # before the next build is pushed to it.
        with dropped_request(preview.url, "/scorm-again.min.js"):
            pass
        with dropped_request(preview.url, "/events?build=0") as events:
            lesson.write_text(lesson.read_text().replace("## Onderwereld", "## Nieuwe"))
            received = b""
            while b"event: build" not in received:
                received += events.recv(1024)
    output = "".join(preview.output)
    assert "Rebuilt in" in output
    assert "Traceback" not in output and "Error" not in output, output


def test_without_node_modules_it_says_to_run_npm_ci(tmp_path: Path) -> None:
    result = subprocess.run(
        [COURSE, "preview", "--root", FIXTURE_COURSE, "--out", tmp_path / "dist"],
        cwd=tmp_path,  # a folder without node_modules/
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "npm ci" in result.stderr
    assert PROJECT.joinpath("node_modules").is_dir()  # the real one was not needed or touched


def test_stored_tracking_data_is_shown_as_text(page: Page, shared_preview: RunningPreview) -> None:
    """What a SCO commits is data from outside: the attempt page shows it and runs none of it."""
    hostile = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
    choose_learner(page, shared_preview.url, "Mallory")
    launch(page, shared_preview.url, PACKAGES["2004"])
    leave(page)
    (attempt,) = attempt_rows(shared_preview, "Mallory")
    commit = {
        "cmi": {
            "location": hostile,
            "interactions": {"0": {"id": hostile, "learner_response": hostile}},
            "objectives": {"0": {"id": hostile}},
        }
    }
    status, _, _ = request(
        shared_preview, "POST", f"/attempts/{attempt['id']}/commit", json.dumps(commit)
    )
    assert status == 200
    page.goto(f"{shared_preview.url}/attempts/{attempt['id']}")
    assert hostile in page.locator('dd[data-element="cmi.location"]').inner_text()
    assert hostile in page.locator("table.interactions").inner_text()
    assert hostile in page.locator("table.objectives").inner_text()
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x]").count() == 0


def test_other_sites_cannot_use_the_preview(shared_preview: RunningPreview) -> None:
    """Another site open in the same browser may not post commits, and a page whose host name
    was pointed at 127.0.0.1 (DNS rebinding) cannot read the preview."""
    before = shared_preview.rows("SELECT COUNT(*) AS n FROM commits")[0]["n"]
    body = json.dumps({"cmi": {"location": "forged"}})
    status, _, _ = request(
        shared_preview, "POST", "/attempts/1/commit", body, Origin="http://evil.example"
    )
    assert status == 403
    assert shared_preview.rows("SELECT COUNT(*) AS n FROM commits")[0]["n"] == before
    port = urlsplit(shared_preview.url).port
    status, page, _ = request(shared_preview, "GET", "/", Host=f"evil.example:{port}")
    assert (status, b"<html" in page) == (403, False)
    status, _, headers = request(shared_preview, "GET", "/")
    assert status == 200
    policy = headers.get("Content-Security-Policy") or ""
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_the_report_page_shows_the_files_as_they_are_with_a_picture_of_each_case(
    page: Page, fixture_course: Course, tmp_path: Path
) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    case_file = root / "01-basis" / "cases" / "buurman.yaml"
    errors: list[str] = []  # a style the Content-Security-Policy refused shows here
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    with running_preview(root, tmp_path) as preview:
        page.goto(preview.url)
        page.get_by_role("link", name="report").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Report: {fixture_course.spec.title}"
        )
        cases = [i for m in fixture_course.modules for i in m.items if isinstance(i, WorkshopCase)]
        pictures = page.get_by_role("img", name=re.compile(r"^Casus .*: stappen, keuzes"))
        expect(pictures).to_have_count(len(cases))
        assert pictures.first.get_attribute("aria-label") == (
            f"Casus {cases[0].title}: stappen, keuzes en afloop"
        )
        # The report's own style applies (it is allowed by hash, nothing else is).
        assert page.locator("th").first.evaluate("th => getComputedStyle(th).borderTopStyle") == (
            "solid"
        )

        # An edit shows at the next visit, without a rebuild or a restart.
        case_file.write_text(
            case_file.read_text().replace("title: De buurman", "title: De bovenbuurman")
        )
        page.reload()
        expect(pictures.first).to_have_attribute(
            "aria-label", "Casus De bovenbuurman: stappen, keuzes en afloop"
        )

        # A course.yaml that does not load: the page says so with the problem's file and line.
        (root / "course.yaml").write_text("title: [\n")
        assert errors == []
        response = page.goto(f"{preview.url}/report")
        assert response is not None and response.status == 200
        text = page.locator("body").inner_text()
        assert text.startswith("The report needs course.yaml to load:")
        assert f"{root / 'course.yaml'}:" in text
