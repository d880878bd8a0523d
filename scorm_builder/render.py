"""Render a module into its package files: one page for every target, then each target's data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

import quizzes
from course.media import image_source
from course.model import CLOSING_KEY, Course, Lesson, Module, Quiz, ScreenRef, WorkshopCase
from course.quality import terms_in
from course.sources import MARKDOWN, markdown_tokens
from quizzes import QUESTION_TYPES
from quizzes.authoring import Authored
from quizzes.question import plain_description
from scorm_builder.state import token, tracking_keys
from scorm_builder.targets import Target
from scorm_builder.theme import theme_of

HERE = Path(__file__).parent
RUNTIME = HERE / "runtime"
QUIZZES = Path(quizzes.__file__).parent

# Scripts and styles only from the package itself; nothing from any other host.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class ScreenView:
    """A screen as the template sees it: the reference plus the authored part it shows."""

    key: str
    kind: str
    item: Any
    detail: Any
    position: int


def ui_languages() -> list[str]:
    """Languages with a message catalogue. A course's ``language`` picks its UI text too."""
    return sorted(path.stem for path in (HERE / "messages").glob("*.json"))


@cache
def minified(path: Path) -> bytes:
    """A runtime asset as shipped: the source without comments and indentation."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".css":  # rcssmin keeps the zero of "0.5rem"
        return _LEADING_ZERO.sub(".", rcssmin.cssmin(text)).encode("utf-8")
    return str(rjsmin.jsmin(text)).encode("utf-8")


_LEADING_ZERO = re.compile(r"(?<=[\s:(,/-])0\.(?=\d)")


@cache
def messages(language: str) -> dict[str, str]:
    catalogue: dict[str, str] = json.loads((HERE / "messages" / f"{language}.json").read_text())
    return catalogue


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(HERE / "templates"), FileSystemLoader(QUIZZES)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = _markdown_with_media
    env.filters["markdown_inline"] = lambda text: Markup(MARKDOWN.renderInline(text))
    return env


@pass_context
def _markdown_with_media(context: Context, text: str, owner: Authored | None = None) -> Markup:
    """Markdown to HTML; images get their path in the package (below the module folder) and
    are collected for it. The tokens are shared with the checks, so they are not changed: the
    renderer takes the new paths from its env."""
    tokens = markdown_tokens(text)
    image_paths: dict[str, str] = {}
    if owner is not None:
        source_file = owner.at().path
        for token in tokens:
            for child in token.children or []:
                src = str(child.attrGet("src") or "") if child.type == "image" else ""
                folder = context["module"].folder
                source = image_source(src, source_file, folder) if src else None
                if source is not None:
                    target = source.relative_to(folder.resolve()).as_posix()
                    image_paths[src] = target
                    context["media"][target] = source
    env = {"image_paths": image_paths}
    return Markup(MARKDOWN.renderer.render(tokens, MARKDOWN.options, env))


# Where the page's runtime data goes. It is all that differs between the targets' pages, so a
# module's page is rendered once and this slot filled in per target.
_DATA_SLOT = "\x00runtime-data\x00"


@dataclass(frozen=True)
class ModulePage:
    """A module's rendered page, assets and media, to be completed per target."""

    course: Course
    module: Module
    html: str
    files: dict[str, bytes]

    def for_target(self, target: Target) -> dict[str, bytes]:
        """All files of the target's package except the manifest, by their path in the zip."""
        catalogue = messages(self.course.spec.language)
        data = _runtime_data(self.course, self.module, target, catalogue)
        # As the template's tojson filter would write it: sorted keys, <, > and & escaped.
        html = self.html.replace(_DATA_SLOT, htmlsafe_json_dumps(data, sort_keys=True))
        return {"index.html": html.encode("utf-8"), **self.files}


def render_page(course: Course, module: Module) -> ModulePage:
    """The module's page for every target, with the slot for its runtime data still empty."""
    used_types = sorted({q.type_name for q in module.quiz.questions} if module.quiz else set())
    has_cases = any(isinstance(item, WorkshopCase) for item in module.items)
    sources = {
        "assets/player.css": RUNTIME / "player.css",
        "assets/scorm.js": RUNTIME / "scorm.js",
    }
    if used_types or has_cases:
        sources["assets/choice.js"] = QUIZZES / "choice.js"
    for type_name in used_types:
        sources[f"assets/question-{type_name}.js"] = QUESTION_TYPES[type_name].folder / "script.js"
    sources["assets/player.js"] = RUNTIME / "player.js"
    if module.quiz is not None:
        sources["assets/quiz.js"] = RUNTIME / "quiz.js"
    if has_cases:
        sources["assets/case.js"] = RUNTIME / "case.js"
    sources["assets/objectives.js"] = RUNTIME / "objectives.js"
    # The theme's values for the tokens the styles use, loaded before the styles.
    assets = {"assets/tokens.css": theme_of(course).css()}
    assets.update((name, minified(path)) for name, path in sources.items())
    scripts = [name for name in assets if name.endswith(".js")]
    logo = None
    if course.spec.logo is not None:
        logo = {"src": f"assets/logo{Path(course.spec.logo.file).suffix.lower()}"}
        logo["alt"] = course.spec.logo.alt
        assets[logo["src"]] = (course.root / course.spec.logo.file).read_bytes()
        assets["assets/logo.css"] = minified(RUNTIME / "logo.css")

    catalogue = messages(course.spec.language)
    media: dict[str, Path] = {}  # filled while rendering, by the markdown filter
    html = (
        environment()
        .get_template("index.html.j2")
        .render(
            course=course,
            module=module,
            media=media,
            screens=_screen_views(module.screens()),
            menu=_menu(module),
            lesson_numbers={
                lesson.id: n
                for n, lesson in enumerate(
                    (item for item in module.items if isinstance(item, Lesson)), start=1
                )
            },
            closing_key=CLOSING_KEY,
            cases=[item for item in module.items if isinstance(item, WorkshopCase)],
            glossary=sorted(  # A to Z, as a learner looks a word up
                (course.glossary[index] for index in terms_in(module, course)),
                key=lambda entry: entry.term.casefold(),
            ),
            scripts=scripts,
            logo=logo,
            content_security_policy=CONTENT_SECURITY_POLICY,
            runtime_data=Markup(_DATA_SLOT),
            t=lambda key, **values: catalogue[key].format(**values),
        )
    )
    files = {name: source.read_bytes() for name, source in media.items()}
    return ModulePage(course, module, html, {**assets, **files})


def _screen_views(screens: list[ScreenRef]) -> list[ScreenView]:
    views = []
    positions: dict[str, int] = {}
    for screen in screens:
        item = screen.item
        detail: Any = None
        part_id = screen.key.split("/", 1)[1]
        if isinstance(item, Lesson):
            detail = next(s for s in item.screens if s.id == part_id)
        elif screen.kind == "case-step" and isinstance(item, WorkshopCase):
            detail = next(s for s in item.steps if s.id == part_id)
        elif screen.kind == "case-ending" and isinstance(item, WorkshopCase):
            detail = next(e for e in item.endings if e.id == part_id)
        elif screen.kind == "question" and isinstance(item, Quiz):
            detail = next(q for q in item.questions if q.id == part_id)
        counter = f"{item.id if item else ''}:{screen.kind}"
        positions[counter] = positions.get(counter, 0) + 1
        views.append(ScreenView(screen.key, screen.kind, item, detail, positions[counter]))
    return views


def _menu(module: Module) -> list[dict[str, str]]:
    first_screen: dict[str, str] = {}
    for screen in module.screens():
        if screen.item is not None:
            first_screen.setdefault(screen.item.id, screen.key)
    return [
        {"key": first_screen[item.id], "title": item.title, "item_id": item.id}
        for item in module.items
    ]


def _runtime_data(
    course: Course, module: Module, target: Target, catalogue: dict[str, str]
) -> dict[str, Any]:
    fmt = target.response_format
    quiz = module.quiz
    decisions = {
        f"{case.id}/{step.id}": {
            "interactionId": f"{case.id}.{step.id}",
            "objectives": list(case.objectives),
            "description": plain_description(step.question, fmt.description_max_length),
            "leadsTo": {
                choice.id: f"{case.id}/{to}" if (to := case.next_of(step, choice)) else None
                for choice in step.choices
            },
            "points": {choice.id: choice.points for choice in step.choices},
        }
        for case in module.items
        if isinstance(case, WorkshopCase)
        for step in case.steps
    }
    return {
        "storageKey": f"course:{course.id}:{module.id}",
        "tokens": {key: token(key) for key in tracking_keys(module)},
        "format": fmt.to_json(),
        "messages": catalogue,
        "quiz": None
        if quiz is None
        else {
            "id": quiz.id,
            "passMark": quiz.pass_mark,
            "attempts": quiz.attempts,
            "maxPoints": quiz.max_points(),
            "questionIds": [q.id for q in quiz.questions],
        },
        "questions": {}
        if quiz is None
        else {q.id: q.runtime_entry(fmt, interaction_id(quiz, q.id)) for q in quiz.questions},
        "decisions": decisions,
        "cases": {
            case.id: {
                "endings": [f"{case.id}/{ending.id}" for ending in case.endings],
                "maxPoints": case.score.max if case.score else None,
            }
            for case in module.items
            if isinstance(case, WorkshopCase)
        },
        "closingKey": CLOSING_KEY,
        "objectives": _objectives(module),
    }


def _objectives(module: Module) -> list[dict[str, Any]]:
    """Per learning objective: the lessons and cases that serve it, the questions that test it."""
    questions = module.quiz.questions if module.quiz else []
    return [
        {
            "id": objective.id,
            "itemIds": [
                item.id
                for item in module.items
                if not isinstance(item, Quiz) and objective.id in item.objectives
            ],
            "questionIds": [q.id for q in questions if q.scored and objective.id in q.objectives],
        }
        for objective in module.spec.objectives
    ]


def interaction_id(quiz: Quiz, question_id: str) -> str:
    return f"{quiz.id}.{question_id}"
