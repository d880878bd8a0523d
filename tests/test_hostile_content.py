"""Hostile content is neutralised, and the pages themselves cannot be made to load or run more.

Markdown and YAML text with raw HTML, scripts, frames, event attributes, CSS and `javascript:`
links come out as harmless text; every page carries a Content-Security-Policy that the browser
enforces; the runtime never evaluates strings as code; and a learner going through a real
module causes no request to any host but the package's own.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import html
from playwright.sync_api import Page

from course.loader import load_course
from course.model import Course
from scorm_builder.build import BuiltPackage, build
from scorm_builder.render import CONTENT_SECURITY_POLICY
from tests.support.broken import fixture_copy, replace_in
from tests.support.learner import right, take
from tests.support.lms import make_site
from tests.support.server import serve

HOSTILE_MARKDOWN = """
<script>window.hacked = 1</script>
<iframe src="https://example.org/"></iframe>
<img src="x" onerror="window.hacked = 1">
<div style="position:fixed;inset:0;background:red">overlay</div>
<style>body { display: none }</style>
<a href="javascript:window.hacked = 1">raw link</a>

[link](javascript:window.hacked=1) [link](JaVaScRiPt:alert(1)) [link](vbscript:msgbox)
[link](data:text/html;base64,PHNjcmlwdD4=) [link](&#106;avascript:alert(1))
[link](java\tscript:alert(1)) <javascript:alert(1)> [ok](https://example.org/)
"""
HOSTILE_TITLE = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 1">'
SAFE_URL = re.compile(r"^(https?://|mailto:|#|assets/|media/|data:,$)")  # data:, the empty icon


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory: pytest.TempPathFactory) -> BuiltPackage:
    root = fixture_copy(tmp_path_factory.mktemp("hostile"))
    lesson = root / "01-basis" / "lessons" / "01-intro.md"
    replace_in(lesson, "Dat heet ondermijning.", f"Dat heet ondermijning.\n{HOSTILE_MARKDOWN}")
    replace_in(lesson, "title: Wat is ondermijning?", f"title: '{HOSTILE_TITLE}'")
    # Quiz and case texts go through the inline Markdown filter: the same attacks there.
    hostile_line = f"'{HOSTILE_TITLE} [link](javascript:window.hacked=1)'"
    quiz, case = root / "01-basis" / "quiz.yaml", root / "01-basis" / "cases" / "buurman.yaml"
    replace_in(quiz, "prompt: Wat is ondermijning?", f"prompt: {hostile_line}")
    replace_in(quiz, "feedback: Dat is de kern.", f"feedback: {hostile_line}")
    replace_in(case, "text: Je luistert en vraagt door.", f"text: {hostile_line}")
    situation = "situation: De bewoner ruikt elke dag een sterke geur bij de buren."
    replace_in(case, situation, f"situation: {hostile_line}")
    out = tmp_path_factory.mktemp("dist")
    return next(p for p in build(load_course(root), out) if p.target.name == "scorm2004")


def page_of(package: BuiltPackage) -> str:
    with zipfile.ZipFile(package.path) as archive:
        return archive.read("index.html").decode("utf-8")


def test_raw_html_and_bad_links_come_out_as_text(hostile_package: BuiltPackage) -> None:
    source = page_of(hostile_package)
    document = html.fromstring(source)
    scripts = [s.get("src") for s in document.iter("script")]
    assert all(src and src.startswith("assets/") for src in scripts[:-1]), scripts
    assert document.xpath("//script[last()]/@type") == ["application/json"]  # course data
    dangerous = "//iframe|//object|//embed|//style|//*[@style]|//base|//form[@action]"
    assert document.xpath(dangerous) == []
    handlers = [(e.tag, a) for e in document.iter() for a in e.attrib if a.lower().startswith("on")]
    assert handlers == []
    urls = [u for e in document.iter() for a in ("href", "src") if (u := e.get(a))]
    assert [u for u in urls if not SAFE_URL.match(u)] == []
    assert "&lt;script&gt;window.hacked = 1&lt;/script&gt;" in source  # shown, not run
    for screen in ("toets/definitie", "buurman/eerste-stap"):  # quiz and case texts too
        (element,) = document.xpath(f"//*[@data-key='{screen}']")
        assert element.text_content().count("<script>window.hacked = 1</script>") >= 2, screen


def test_every_page_carries_the_content_security_policy(
    hostile_package: BuiltPackage, real_packages: list[BuiltPackage]
) -> None:
    packages = [p.path for p in [*real_packages, hostile_package]]
    for package in packages:  # both standards, module and whole-course packages
        with zipfile.ZipFile(package) as archive:
            pages = [n for n in archive.namelist() if n.endswith(".html")]
            assert pages, package
            for name in pages:
                document = html.fromstring(archive.read(name))
                policy = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
                assert policy == [CONTENT_SECURITY_POLICY], f"{package.name}: {name}"
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"  # no other host, no inline code or handlers
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'none'"


def test_the_browser_enforces_the_policy(
    page: Page, hostile_package: BuiltPackage, tmp_path: Path
) -> None:
    answered: list[str] = []
    blocked: list[str] = []
    page.on("response", lambda response: answered.append(response.url))
    page.on("requestfailed", lambda request: blocked.append(f"{request.failure} {request.url}"))
    with serve(make_site(tmp_path, [hostile_package.path])) as url:
        page.goto(f"{url}/p/{hostile_package.path.stem}/index.html")
        page.wait_for_selector("html[data-player=ready]", state="attached")
        violated = page.evaluate(
            """() => new Promise((resolve) => {
                const seen = [];
                document.addEventListener("securitypolicyviolation",
                  (event) => seen.push(event.effectiveDirective));
                const add = (markup) => document.body.insertAdjacentHTML("beforeend", markup);
                add('<button id="trap" onclick="window.hacked = 1">x</button>');
                document.getElementById("trap").click();
                const script = document.createElement("script");
                script.src = "https://example.org/evil.js";
                document.body.append(script);
                const inline = document.createElement("script");
                inline.textContent = "window.hacked = 1";
                document.body.append(inline);
                add('<img src="https://example.org/pixel.png">');
                add('<link rel="stylesheet" href="https://example.org/evil.css">');
                add("<style>body { display: none }</style>");
                setTimeout(() => resolve(seen.sort()), 500);
            })"""
        )
        assert page.evaluate("window.hacked") is None
        assert page.locator("body").is_visible()
    assert violated == sorted(
        [
            "script-src-attr",
            "script-src-elem",
            "script-src-elem",
            "img-src",
            "style-src-elem",
            "style-src-elem",
        ]
    )
    assert [r for r in answered if not r.startswith(url)] == []
    assert sorted(blocked) == [
        f"csp https://example.org/{name}" for name in ("evil.css", "evil.js", "pixel.png")
    ]


def test_the_runtime_never_evaluates_strings(hostile_package: BuiltPackage) -> None:
    with zipfile.ZipFile(hostile_package.path) as archive:
        scripts = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".js")}
    assert scripts
    code_from_text = re.compile(
        r"\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|set(Timeout|Interval)\s*\(\s*[\"'`]"
        r"|\.innerHTML\s*=|insertAdjacentHTML|document\.write"
    )
    assert {name: code_from_text.findall(text) for name, text in scripts.items()} == {
        name: [] for name in scripts
    }


def test_a_learner_in_a_real_module_asks_no_other_host(
    page: Page, real_site: str, real_course: Course
) -> None:
    module = max(real_course.modules, key=lambda m: len(m.screens()))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    package = f"{real_site}/p/{module.id}-scorm2004/"
    page.goto(f"{package}index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    take(page.main_frame, module, right)
    assert len(requests) > 3
    assert [r for r in requests if not r.startswith(package)] == []
