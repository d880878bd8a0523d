"""Themes: the design-token values a package is styled with.

The runtime's CSS names NL Design System component tokens only (``--utrecht-*``), and
``runtime/tokens.css`` gives each its default value. ``course.yaml`` may pick another theme: a
built-in one (``themes/<name>.css``, extracted from an organisation's npm token package by
``python -m scorm_builder.themes.extract``) or a CSS file of the course's own in ``modules/``,
written like the ``dist/index.css`` of an NL Design System token package. A package ships only
the tokens its CSS uses, resolved to plain values, as ``assets/tokens.css``.

No font travels with a package and nothing is fetched from another host, so a font stack that
names a font the learner may not have ends in the system's own fonts.
"""

from __future__ import annotations

import bisect
import colorsys
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from course.model import Course
from course.problems import Problem, did_you_mean
from course.sources import SourceProblem, read_text, unusable_path
from quizzes.authoring import Location

HERE = Path(__file__).parent
RUNTIME = HERE / "runtime"
THEMES = HERE / "themes"
DEFAULT_THEME = "default"
DEFAULT_TOKENS = RUNTIME / "tokens.css"
# The CSS that uses the tokens; tokens.css holds their values and is replaced by the theme.
RUNTIME_STYLES = tuple(path for path in sorted(RUNTIME.glob("*.css")) if path != DEFAULT_TOKENS)

SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
_LEFT_FOR_SYSTEM_FONTS = {*SYSTEM_FONTS.split(", "), "ui-sans-serif"}

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TOKEN_SELECTOR = re.compile(r"^(:root|html|\.[A-Za-z_][\w-]*)$")
_DECLARATION = re.compile(r"^\s*(--[A-Za-z0-9_-]+)\s*:(.*)$", re.DOTALL)
_BRACE = re.compile(r"[{}]")
_VAR_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# A plain value: colours, lengths, numbers, keywords and font names; functions only these.
_PLAIN = re.compile(r"""^[\w\s#%.,+\-*/()"']+$""")
_PLAIN_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp"}
_FUNCTION = re.compile(r"([A-Za-z-]+)\(")


class ThemeError(Exception):
    """A token whose value cannot be used, with the line that declares it."""

    def __init__(self, line: int, what: str, fix: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what
        self.fix = fix


@dataclass(frozen=True)
class Declaration:
    value: str
    line: int


def read_custom_properties(text: str) -> dict[str, Declaration]:
    """The custom properties declared for the whole page: in top-level rules for ``:root``,
    ``html`` or one class (a token package's ``.x-theme``); later declarations win. Rules inside
    ``@media`` and the like, and rules for other selectors, are left out."""
    text = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    declared: dict[str, Declaration] = {}
    position = 0
    while (opening := text.find("{", position)) != -1:
        closing = _block_end(text, opening)
        selector = text[position:opening].strip()
        if not selector.startswith("@") and all(
            _TOKEN_SELECTOR.match(part.strip()) for part in selector.split(",")
        ):
            offset = opening + 1
            for part in text[offset:closing].split(";"):
                found = _DECLARATION.match(part)
                if found:
                    line = bisect.bisect_right(line_starts, offset + found.start(1))
                    declared[found.group(1)] = Declaration(found.group(2).strip(), line)
                offset += len(part) + 1
        position = closing + 1
    return declared


def _block_end(text: str, opening: int) -> int:
    depth = 0
    for brace in _BRACE.finditer(text, opening):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.start()
    return len(text)


def resolve(declared: dict[str, Declaration], name: str) -> str:
    """The value of token ``name`` with every ``var()`` replaced by the value it refers to."""
    return _resolve(declared, name, ())


def _resolve(declared: dict[str, Declaration], name: str, trail: tuple[str, ...]) -> str:
    declaration = declared[name]
    value = declaration.value
    while (start := value.find("var(")) != -1:
        end = _closing_parenthesis(value, start + 3)
        inner = value[start + 4 : end]
        referred, _, fallback = inner.partition(",")
        referred = referred.strip()
        if referred in (*trail, name):
            chain = (*trail, name, referred)
            loop = " → ".join(chain[chain.index(referred) :])
            raise ThemeError(
                declaration.line,
                f"tokens refer to each other in a loop: {loop}",
                "give one of these tokens a value of its own",
            )
        if referred in declared:
            replacement = _resolve(declared, referred, (*trail, name))
        elif fallback.strip():
            replacement = fallback.strip()
        else:
            raise ThemeError(
                declaration.line,
                f"token {name} refers to {referred}, which the file does not define",
                f"define {referred} in the file, or write the value itself",
            )
        value = value[:start] + replacement + value[end + 1 :]
    problem = plain_value_problem(value)
    if problem:
        raise ThemeError(
            declaration.line,
            f"token {name} has the value '{value}', which {problem}",
            "use a plain value: a colour, a length, a number, a keyword or font names",
        )
    return value


def _closing_parenthesis(value: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(value)):
        depth += {"(": 1, ")": -1}.get(value[index], 0)
        if depth == 0:
            return index
    return len(value) - 1


def plain_value_problem(value: str) -> str | None:
    """Why a token's value is not plain, if it is not: nothing in a package may load a file."""
    if not value:
        return "is empty"
    others = {f.lower() for f in _FUNCTION.findall(value)} - _PLAIN_FUNCTIONS
    if others:
        return f"uses {', '.join(sorted(f'{f}()' for f in others))}"
    if not _PLAIN.match(value):
        return "holds characters a plain value does not have"
    return None


def with_system_fonts(value: str) -> str:
    """A sans-serif font stack that ends in the system's fonts (a serif or monospace one keeps
    its own generic family): a package carries no fonts, so a named one may be missing."""
    families = [family.strip() for family in value.split(",")]
    if families[-1] in ("serif", "monospace", "cursive", "fantasy"):
        return value
    named = [family for family in families if family not in _LEFT_FOR_SYSTEM_FONTS]
    return ", ".join([*named, SYSTEM_FONTS])


# The type scale and sizes stay the runtime's, whose layout is tested with them at 320 px:
# a theme sets colours, fonts, weights, borders, radii and the focus outline.
_LAYOUT_SUFFIXES = ("font-size", "line-height", "min-block-size")


def is_themeable(token: str) -> bool:
    return not token.endswith(_LAYOUT_SUFFIXES)


@cache
def used_tokens() -> tuple[str, ...]:
    """The tokens the runtime's CSS refers to: the ones a package ships."""
    names = {name for path in RUNTIME_STYLES for name in _VAR_USE.findall(path.read_text())}
    return tuple(sorted(names))


def built_in_themes() -> dict[str, Path]:
    return {DEFAULT_THEME: DEFAULT_TOKENS, **{p.stem: p for p in sorted(THEMES.glob("*.css"))}}


@cache
def _default_tokens() -> dict[str, str]:
    declared = read_custom_properties(DEFAULT_TOKENS.read_text())
    return {name: resolve(declared, name) for name in declared}


@dataclass(frozen=True)
class Theme:
    """A theme's value for every token the runtime uses, and where it was chosen."""

    name: str
    tokens: dict[str, str]
    source: Path
    lines: dict[str, int]  # where the theme file sets each token

    def css(self) -> bytes:
        """The tokens as a package ships them: one ``:root`` rule, the used tokens only."""
        values = [f"{name}:{self.tokens[name]}" for name in used_tokens()]
        return f":root{{{';'.join(values)}}}\n".encode()


def theme_of(course: Course) -> Theme:
    """The course's theme; only for a course without :func:`theme_problems`."""
    theme, problems = _load(course)
    assert theme is not None, problems
    return theme


def theme_problems(course: Course) -> list[Problem]:
    """What keeps the course's theme from being built: an unknown name, a missing file, a
    token that is not a plain value, or colours that do not contrast enough."""
    theme, problems = _load(course)
    if theme is None:
        return list(problems)
    return contrast_problems(theme, course.spec.at("theme"))


def _load(course: Course) -> tuple[Theme | None, tuple[Problem, ...]]:
    choice = course.spec.theme
    where = course.spec.at("theme")
    if choice.endswith(".css"):
        return _local_theme(course.root, choice, where)
    themes = built_in_themes()
    if choice not in themes:
        hint = did_you_mean(choice, list(themes))
        return None, (
            Problem(
                where,
                f"there is no built-in theme '{choice}'",
                f"{hint}use one of {', '.join(themes)}, or the path of a .css tokens file "
                "in modules/",
            ),
        )
    return _theme(choice, themes[choice], themes[choice].read_text(encoding="utf-8"))


def _local_theme(
    root: Path, choice: str, where: Location
) -> tuple[Theme | None, tuple[Problem, ...]]:
    try:
        inside = (root / choice).resolve().is_relative_to(root.resolve())
        if not inside:
            fix = "put the tokens file in modules/, e.g. modules/theme/"
            return None, (Problem(where, f"theme file '{choice}' lies outside modules/", fix),)
        text = read_text(root / choice, where)  # a folder, missing, too large, not UTF-8
    except (OSError, ValueError) as error:
        return None, (unusable_path(where, root / choice, error).problem,)
    except SourceProblem as problem:
        return None, (problem.problem,)
    return _theme(choice, root / choice, text)


@lru_cache(maxsize=4)  # read once per build, not per module; keyed by the file's text
def _theme(name: str, path: Path, text: str) -> tuple[Theme | None, tuple[Problem, ...]]:
    """A file's tokens over the default theme's: a file may set only the tokens it changes."""
    declared = read_custom_properties(text)
    tokens = dict(_default_tokens())
    problems = []
    for token in sorted(t for t in set(tokens) & set(declared) if is_themeable(t)):
        try:
            tokens[token] = resolve(declared, token)
        except ThemeError as error:
            problems.append(Problem(Location(path, error.line), error.what, error.fix))
    for token, value in tokens.items():
        if token.endswith("font-family"):
            tokens[token] = with_system_fonts(value)
    lines = {token: declared[token].line for token in tokens if token in declared}
    return (None if problems else Theme(name, tokens, path, lines)), tuple(problems)


# Colour pairs player.css puts on each other, with the contrast WCAG 2.1 AA asks for: 4.5:1
# for text (1.4.3), 3:1 for a focus outline, a control's border or a chosen mark (1.4.11).
_PAGE, _PANEL = "document-background-color", "spotlight-section-background-color"
_RIGHT, _WRONG = "alert-ok-background-color", "alert-error-background-color"
CONTRAST_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("document-color", _PAGE, 4.5, "text"),
    ("heading-color", _PAGE, 4.5, "heading text"),
    ("pre-heading-color", _PAGE, 4.5, "the text above a heading"),
    ("link-color", _PAGE, 4.5, "link text"),
    ("form-field-description-color", _PAGE, 4.5, "secondary text"),
    ("form-field-description-color", "surface-background-color", 4.5, "text in the menu"),
    ("figure-caption-color", _PAGE, 4.5, "caption text"),
    ("page-header-content-color", "page-header-content-background-color", 4.5, "header text"),
    ("document-color", _PANEL, 4.5, "text on the cover"),
    ("alert-color", _PANEL, 4.5, "text in a panel"),
    ("accordion-button-color", _PANEL, 4.5, "an accordion's button text"),
    ("alert-color", "alert-info-background-color", 4.5, "text in a tip"),
    ("alert-color", "alert-warning-background-color", 4.5, "text in a 'let op' callout"),
    ("alert-color", _RIGHT, 4.5, "text in a 'correct' panel"),
    ("alert-color", _WRONG, 4.5, "text in an 'incorrect' panel"),
    ("document-color", _RIGHT, 4.5, "the text of a right option"),
    ("document-color", _WRONG, 4.5, "the text of a wrong choice"),
    ("form-field-description-valid-color", _RIGHT, 4.5, "the 'correct' verdict"),
    ("form-field-description-invalid-color", _WRONG, 4.5, "the 'incorrect' verdict"),
    ("form-field-description-invalid-color", _PAGE, 4.5, "a message under a form"),
    ("button-primary-action-color", "button-primary-action-background-color", 4.5, "button text"),
    (
        "button-secondary-action-color",
        "button-secondary-action-background-color",
        4.5,
        "secondary button text",
    ),
    ("button-primary-action-color", "radio-button-checked-background-color", 4.5, "'Jouw keuze'"),
    ("focus-outline-color", _PAGE, 3.0, "the focus outline"),
    ("form-control-border-color", _PAGE, 3.0, "the border of an option or field"),
    ("radio-button-checked-border-color", _PAGE, 3.0, "the border of a chosen option"),
)
PREFIX = "--utrecht-"


def contrast_problems(theme: Theme, chosen_at: Location) -> list[Problem]:
    """Each pair of the runtime's colours that a learner must tell apart, checked with WCAG's
    formula; a pair of which the theme lacks a token is not drawn by the runtime."""

    def unreadable(token: str, where: Location) -> Problem:
        return Problem(
            where,
            f"{token} is '{theme.tokens.get(token)}', not a colour the contrast check can read",
            "write it as #rrggbb, rgb() or hsl()",
        )

    page_token = PREFIX + "document-background-color"
    # Translucent colours are seen on the page's background, so that one is read first.
    page = parse_colour(theme.tokens.get(page_token, "#fff"))
    if page is None:
        line = theme.lines.get(page_token)
        return [unreadable(page_token, Location(theme.source, line) if line else chosen_at)]
    problems, unread = [], set()
    for foreground, background, minimum, what in CONTRAST_PAIRS:
        fg_value = theme.tokens.get(PREFIX + foreground)
        bg_value = theme.tokens.get(PREFIX + background)
        if fg_value is None or bg_value is None:
            continue
        line = theme.lines.get(PREFIX + foreground, theme.lines.get(PREFIX + background))
        where = Location(theme.source, line) if line else chosen_at
        fg, bg = parse_colour(fg_value), parse_colour(bg_value)
        if fg is None or bg is None:
            token = PREFIX + (foreground if fg is None else background)
            if token not in unread:  # a token in several pairs is named once
                unread.add(token)
                problems.append(unreadable(token, where))
            continue
        ratio = contrast_ratio(fg, bg, page)
        if ratio < minimum:
            problems.append(
                Problem(
                    where,
                    f"{what} ({PREFIX}{foreground}: {fg_value}) on "
                    f"{PREFIX}{background} ({bg_value}) has a contrast of {ratio:.2f}:1, below "
                    f"the {minimum:g}:1 of WCAG 2.1 AA",
                    "make one of the two colours darker or lighter",
                )
            )
    return problems


Colour = tuple[float, float, float, float]  # red, green, blue, alpha; each 0–1

_NAMED_COLOURS: dict[str, Colour] = {
    "white": (1, 1, 1, 1),
    "black": (0, 0, 0, 1),
    "transparent": (0, 0, 0, 0),
}
_COLOUR_FUNCTION = re.compile(r"^(rgba?|hsla?)\((.*)\)$")


def parse_colour(value: str) -> Colour | None:
    """A CSS colour in hex, rgb(), hsl() or a few names; None for anything else."""
    value = value.strip().lower()
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    if re.fullmatch(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", value):
        digits = value[1:]
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        red, green, blue = channels[:3]
        return red, green, blue, channels[3] if len(channels) == 4 else 1.0
    found = _COLOUR_FUNCTION.match(value)
    if not found:
        return None
    parts = [p for p in re.split(r"[\s,/]+", found.group(2).strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        alpha = _fraction(parts[3], 1) if len(parts) == 4 else 1.0
        if found.group(1).startswith("rgb"):
            red, green, blue = (_fraction(p, 255) for p in parts[:3])
        else:
            hue = float(parts[0].removesuffix("deg")) / 360 % 1
            saturation, lightness = _fraction(parts[1], 1), _fraction(parts[2], 1)
            red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    except ValueError:
        return None
    return red, green, blue, alpha


def _fraction(part: str, scale: float) -> float:
    """A channel as 0–1: a percentage, or a number on ``scale``."""
    number = float(part[:-1]) / 100 if part.endswith("%") else float(part) / scale
    return min(max(number, 0.0), 1.0)


def _over(colour: Colour, below: Colour) -> Colour:
    """A colour as seen on top of an opaque one."""
    alpha = colour[3]
    mixed = [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], below[:3], strict=True)]
    return mixed[0], mixed[1], mixed[2], 1.0


def _luminance(colour: Colour) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: Colour, background: Colour, page: Colour) -> float:
    """WCAG's contrast ratio; a see-through background is seen on the page, a see-through
    foreground on its background."""
    solid_page = _over(page, (1.0, 1.0, 1.0, 1.0))
    solid_background = _over(background, solid_page)
    lighter, darker = sorted(
        (_luminance(_over(foreground, solid_background)), _luminance(solid_background)),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)
