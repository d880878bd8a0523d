"""Themes: the built-in ones are what the token packages give now, hold a plain value for every
token the runtime uses and pass the contrast check; a package carries its theme and logo; and
every theme passes the same axe audit in the browser."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from course.loader import load_course
from scorm_builder.build import build
from scorm_builder.render import messages
from scorm_builder.theme import (
    DEFAULT_TOKENS,
    SYSTEM_FONTS,
    built_in_themes,
    contrast_ratio,
    is_themeable,
    parse_colour,
    plain_value_problem,
    read_custom_properties,
    theme_of,
    theme_problems,
    used_tokens,
)
from scorm_builder.themes.extract import NODE_MODULES, SOURCES, extract
from tests.support.broken import fixture_copy, replace_in
from tests.support.learner import right, wrong
from tests.support.lms import make_site
from tests.support.paths import AXE
from tests.support.server import serve
from tests.test_accessibility import FIXTURE_MODULE, Auditor, covering_walks, walk_and_check
from tests.test_bad_input import SVG_LOGO
from tests.test_incremental import run_build

THEME_BUDGET = 6 * 1024
LOGO_ALT = "Gemeente Voorbeeld"


def themed_course(tmp_path: Path, theme: str) -> Path:
    """The fixture course in ``theme``, with a logo."""
    root = fixture_copy(tmp_path)
    (root / "logo.svg").write_bytes(SVG_LOGO)
    replace_in(
        root / "course.yaml",
        "language: nl",
        f"language: nl\ntheme: {theme}\nlogo:\n  file: logo.svg\n  alt: {LOGO_ALT}",
    )
    return root


def test_the_built_in_themes_are_what_the_token_packages_give_now() -> None:
    """After updating a token package, `python -m scorm_builder.themes.extract` brings the
    committed theme files up to date; this fails until it has been run."""
    for name, source in SOURCES.items():
        assert (NODE_MODULES / source.package).is_dir(), "run `npm ci` first"
        committed = built_in_themes()[name].read_text()
        assert committed == extract(source), "run python -m scorm_builder.themes.extract"


def test_every_theme_sets_every_token_the_runtime_uses() -> None:
    contract = read_custom_properties(DEFAULT_TOKENS.read_text())
    assert set(used_tokens()) <= set(contract), "give each token a default in tokens.css"
    themeable = {token for token in contract if is_themeable(token)}
    for name, path in built_in_themes().items():
        # A municipal theme is whole: none of its colours or fonts is the default's.
        assert set(read_custom_properties(path.read_text())) == themeable | (
            set(contract) if name == "default" else set()
        ), name


@pytest.mark.parametrize("name", list(built_in_themes()))
def test_a_built_in_theme_passes_the_contrast_check_and_ships_small(
    tmp_path: Path, name: str
) -> None:
    course = load_course(themed_course(tmp_path, name))
    assert theme_problems(course) == []
    theme = theme_of(course)
    shipped = read_custom_properties(theme.css().decode())
    assert list(shipped) == list(used_tokens())
    assert all(plain_value_problem(d.value) is None for d in shipped.values())
    assert shipped["--utrecht-document-font-family"].value.endswith(SYSTEM_FONTS)
    assert len(theme.css()) <= THEME_BUDGET


def test_the_themes_look_different() -> None:
    accents = {
        read_custom_properties(path.read_text())[
            "--utrecht-button-primary-action-background-color"
        ].value
        for path in built_in_themes().values()
    }
    assert len(accents) == len(built_in_themes())


def test_contrast_follows_the_wcag_formula() -> None:
    white, black = parse_colour("#fff"), parse_colour("black")
    grey, green = parse_colour("rgb(118, 118, 118)"), parse_colour("hsl(138 58% 33%)")
    assert white and black and grey and green
    assert contrast_ratio(black, white, white) == pytest.approx(21)
    assert contrast_ratio(grey, white, white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(white, green, white) == pytest.approx(4.67, abs=0.01)
    # Half-transparent black on white is seen as the grey between them.
    half_black, mid_grey = parse_colour("#00000080"), parse_colour("#7f7f7f")
    assert half_black and mid_grey
    assert contrast_ratio(half_black, white, white) == pytest.approx(
        contrast_ratio(mid_grey, white, white), abs=0.01
    )
    assert parse_colour("currentColor") is None


@pytest.mark.parametrize(
    ("token", "line"),
    [("--utrecht-document-background-color", 2), ("--utrecht-document-color", 3)],
)
def test_a_colour_the_check_cannot_read_is_named_once(
    tmp_path: Path, token: str, line: int
) -> None:
    root = themed_course(tmp_path, "huisstijl.css")
    (root / "huisstijl.css").write_text(
        ":root {\n  --utrecht-document-background-color: #fff;\n"
        "  --utrecht-document-color: #111;\n}\n".replace(f"{token}: ", f"{token}: wit; --x: ")
    )
    problems = [str(p) for p in theme_problems(load_course(root))]
    assert problems == [
        f"{root / 'huisstijl.css'}:{line}: {token} is 'wit', not a colour the contrast check can "
        "read — write it as #rrggbb, rgb() or hsl()"
    ]


def test_fonts_that_the_package_lacks_fall_back_to_system_fonts(tmp_path: Path) -> None:
    root = themed_course(tmp_path, "den-haag")
    assert theme_of(load_course(root)).tokens["--utrecht-heading-font-family"] == (
        f'"TheMix", {SYSTEM_FONTS}'
    )


def test_a_local_theme_file_changes_only_what_it_sets_and_rebuilds_every_package(
    tmp_path: Path,
) -> None:
    root = themed_course(tmp_path, "huisstijl.css")
    (root / "huisstijl.css").write_text(
        "/* Gemeente Voorbeeld */\n.voorbeeld-theme {\n  --voorbeeld-groen: #1a6b35;\n"
        "  --utrecht-button-primary-action-background-color: var(--voorbeeld-groen);\n"
        "  --utrecht-document-font-size: 40px;\n}\n"
        "@media (prefers-color-scheme: dark) {\n  :root { --utrecht-document-color: #fff; }\n}\n"
    )
    out = tmp_path / "dist"
    run_build(root, out)
    with zipfile.ZipFile(out / "basis-scorm2004.zip") as package:
        tokens = read_custom_properties(package.read("assets/tokens.css").decode())
        assert package.read("assets/logo.svg") == SVG_LOGO
        # The logo's styles come with the logo, counted with the theme.
        branding = [package.read(f"assets/{name}") for name in ("tokens.css", "logo.css")]
        assert sum(map(len, branding)) <= THEME_BUDGET
    default = read_custom_properties(DEFAULT_TOKENS.read_text())
    assert tokens["--utrecht-button-primary-action-background-color"].value == "#1a6b35"
    # Sizes stay the runtime's; a dark-mode block does not apply to the page as a whole.
    for token in ("--utrecht-document-font-size", "--utrecht-document-color"):
        assert tokens[token].value == default[token].value
    before = {p.name: p.read_bytes() for p in out.glob("*.zip")}
    replace_in(root / "huisstijl.css", "#1a6b35", "#14532b")
    run_build(root, out)
    after = {p.name: p.read_bytes() for p in out.glob("*.zip")}
    assert before.keys() == after.keys()
    assert all(before[name] != after[name] for name in before), "a theme change rebuilds all"


@pytest.fixture(scope="module")
def themed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    packages = []
    for name in built_in_themes():
        root = themed_course(tmp_path_factory.mktemp(name), name)
        built = build(load_course(root), tmp_path_factory.mktemp(f"{name}-dist"), ["scorm2004"])
        for package in built:
            if package.path.name == "basis-scorm2004.zip":
                themed = package.path.with_name(f"{name}.zip")
                package.path.rename(themed)
                packages.append(themed)
    site = make_site(tmp_path_factory.mktemp("site"), packages)
    shutil.copy(AXE, site / "axe.min.js")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("name", list(built_in_themes()))
def test_every_theme_passes_axe_in_every_state_and_shows_the_logo(
    page: Page, themed_site: str, name: str
) -> None:
    """axe (WCAG 2.0/2.1 A and AA, contrast included, landmarks and heading order) on every
    screen of the fixture module, as it arrives and once answered (rightly and wrongly), and
    no sideways scrolling at 320 px, in each theme."""
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{themed_site}/p/{name}/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    page.add_script_tag(url=f"{themed_site}/axe.min.js")
    theme = read_custom_properties(built_in_themes()[name].read_text())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    expected = parse_colour(theme["--utrecht-document-background-color"].value)
    assert expected is not None
    assert background == "rgb({}, {}, {})".format(*(round(c * 255) for c in expected[:3]))
    logo = page.locator("header img.logo")
    assert logo.get_attribute("alt") == LOGO_ALT
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".cover img.cover-logo").is_visible()
    # With the logo the phone header stays compact and the titles keep room: the menu button
    # shows only its icon there, and keeps its word as its name.
    page.set_viewport_size({"width": 320, "height": 640})
    header = page.locator(".topbar").bounding_box()
    titles = page.locator(".topbar .titles").bounding_box()
    menu = page.locator("#menu-button")
    assert header is not None and titles is not None
    assert header["height"] <= 64
    assert titles["width"] >= 150
    expect(menu).to_have_accessible_name(messages("nl")["menu"])
    assert menu.evaluate("button => button.getBoundingClientRect().width") < 56
    page.set_viewport_size({"width": 1280, "height": 800})

    # A theme changes colours and type, not what a screen holds: every kind of screen on one
    # path, answered wrongly (the wrong choice beside the right answer), then the answered ones
    # again answered rightly. The screens of other branches are of the same kinds; their
    # content is audited in tests/test_accessibility.py.
    auditor = Auditor(page)
    decide = covering_walks(FIXTURE_MODULE)[0]
    route = FIXTURE_MODULE.route(decide)
    answered = {s.key for s in route if s.kind in ("question", "case-step", "quiz-result")}
    assert {s.kind for s in route} == {s.kind for s in FIXTURE_MODULE.screens()}
    for answering, only in [(wrong, None), (right, answered)]:
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector("html[data-player=ready]", state="attached")
        page.add_script_tag(url=f"{themed_site}/axe.min.js")
        walk_and_check(page, FIXTURE_MODULE, auditor, decide, only=only, answering=answering)
    assert auditor.problems == []
    assert auditor.states == len(route) + len(answered) + 2 * len(answered)
    assert {r.url.split("/")[2] for r in requests} == {themed_site.split("/")[2]}
