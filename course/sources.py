"""Reading authored files: YAML and Markdown with front matter, keeping line numbers.

Every mapping read here knows its :class:`~quizzes.authoring.Origin` and every list the lines
of its items, so a problem found later, in validation or in the checks, can name the exact
line. YAML is parsed by libyaml (PyYAML's C parser) into nodes that carry their positions;
the plain values are built from those nodes here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.container import container_plugin
from yaml.constructor import SafeConstructor
from yaml.error import MarkedYAMLError
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from course.problems import Problem, first_words
from quizzes.authoring import Location, Origin

MAX_FILE_BYTES = 1_000_000
MAX_YAML_DEPTH = 20


class SourceProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class LinedDict(dict[str, Any]):
    """A mapping built by our own parsing (not YAML) that still knows its origin."""

    def __init__(self, origin: Origin, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origin = origin


class LinedList(list[Any]):
    """A list that knows the line of each of its items."""

    def __init__(self, items: list[Any], item_lines: list[int]) -> None:
        super().__init__(items)
        self.item_lines = item_lines


def origin_of(raw: Any, path: Path) -> Origin | None:
    return raw.origin if isinstance(raw, LinedDict) else None


MISSING = object()


def child(node: Any, key: str | int) -> Any:
    """``node[key]`` for a mapping key or list index that exists, else :data:`MISSING`."""
    if isinstance(node, dict) and key in node:
        return node[key]
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return MISSING


def line_at(raw: Any, path: Path, keys: tuple[str | int, ...]) -> int:
    """The line of the deepest part of ``keys`` that exists in ``raw``."""
    origin = origin_of(raw, path)
    line = origin.line if origin else 1
    node = raw
    for key in keys:
        value = child(node, key)
        if value is MISSING:
            continue  # pydantic's union tags and missing fields are not in the data
        if isinstance(node, LinedList) and isinstance(key, int):
            line = node.item_lines[key]
        elif (parent := origin_of(node, path)) is not None:
            line = parent.key_lines.get(str(key), parent.line)
        node = value
        if isinstance(key, int) and (own := origin_of(node, path)) is not None:
            line = own.line
    return line


def unusable_path(where: Location, path: Path, error: OSError | ValueError) -> SourceProblem:
    """The operating system refused the path itself: a NUL byte, a name too long, no access."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    shown = path.name.encode("unicode_escape").decode("ascii")[:80]
    return SourceProblem(
        Problem(where, f"file '{shown}' cannot be read: {reason.lower()}", "correct the path")
    )


def read_text(path: Path, referenced_from: Location | None = None) -> str:
    where = referenced_from or Location(path, 1)
    try:
        if path.is_dir():
            raise SourceProblem(
                Problem(where, f"'{path.name}' is a folder, not a file", "name a file in it")
            )
        if not path.is_file():
            raise SourceProblem(
                Problem(
                    where, f"file '{path.name}' does not exist", "create it or correct the path"
                )
            )
        data = path.read_bytes()
    except (OSError, ValueError) as error:
        raise unusable_path(where, path, error) from None
    if len(data) > MAX_FILE_BYTES:
        raise SourceProblem(
            Problem(
                Location(path, 1),
                f"file is {len(data):,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                "split it into smaller lessons or files",
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceProblem(
            Problem(
                Location(path, line),
                f"byte 0x{data[error.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ) from None


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML text that starts at ``first_line`` of ``path``."""
    padded = "\n" * (first_line - 1) + text
    try:
        _refuse_unsafe_yaml(padded, path)
        node = yaml.compose(padded, Loader=yaml.CSafeLoader)
        return None if node is None else _plain(node, path, SafeConstructor())
    except MarkedYAMLError as error:
        raise SourceProblem(_yaml_problem(error, padded, path, first_line)) from None
    except ReaderError as error:
        raise SourceProblem(
            Problem(
                Location(path, padded[: error.position].count("\n") + 1),
                f"invalid YAML: control character U+{error.character:04X} is not allowed",
                "remove it; it is often left behind by copying from another program",
            )
        ) from None


def _yaml_problem(error: MarkedYAMLError, text: str, path: Path, first_line: int) -> Problem:
    what = " ".join(str(error.problem or error.context or "invalid YAML").split())
    context = str(error.context or "")
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else first_line
    lines = text.splitlines()
    start = error.context_mark.line + 1 if error.context_mark else line
    fix = "check the indentation, colons and quotes on this line or the one above"
    if (quoted := _opening_quote(lines, min(start, line), line)) is not None:
        # The end of the file, or a later line, is not where the mistake is: the quote is.
        line, value = quoted
        if value.startswith("'"):
            what = "the text starts with an apostrophe ('), which YAML reads as an opening quote"
            fix = f'put the whole text between double quotes: "{first_words(value, 2)}"'
        else:
            what, fix = "a quote opened here is not closed", 'close it with a " at the end'
    elif "\t" in _indentation(_line(lines, line)) or (
        "cannot start any token" in what and mark and text[mark.index : mark.index + 1] == "\t"
    ):
        what, fix = "a tab is used for indentation", "replace the tab with spaces"
    elif "mapping values are not allowed" in what and (value := _colon_value(_line(lines, line))):
        what = "the text has a colon followed by a space (': '), which YAML reads as a new field"
        fix = f'put the whole text between double quotes: "{first_words(value, 2, through=":")}"'
    elif "expected ',' or '}'" in what and _flow_colon(_line(lines, line)):
        what = "a text inside {…} has a colon followed by a space (': '), which YAML reads as "
        what += "a new field"
        fix = 'put that text between double quotes: {id: a, text: "Let op: …"}'
    elif any(
        jargon in what
        for jargon in ("expected '-' indicator", "expected key", "block end", "mapping values")
    ):
        what = "this line or the one above is not indented like the lines around it"
        fix = (
            "indent with spaces so that each field starts exactly below the other fields of the "
            "same question, option or step"
        )
    elif "maximum nesting depth" in what:
        what = f"lists and mappings are nested more than {MAX_YAML_DEPTH} deep"
        fix = "flatten the structure; course files need only a few levels"
    elif "quoted scalar" in context and "end of stream" in what and error.context_mark:
        line, what, fix = start, "a quote opened here is not closed", "close it"
    return Problem(Location(path, line), f"invalid YAML: {what}", fix)


# A `key: value` line (also as a list item), with the value's text.
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"{\[-][^:]*:\s+)?(?P<value>\S.*?)\s*$")
# A text inside {…} holding a colon: more ': ' than the mapping has fields.
_FLOW_WITH_COLON = re.compile(r"\{(?P<inside>[^}]*)")


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _opening_quote(lines: list[str], first: int, last: int) -> tuple[int, str] | None:
    """The first line from ``first`` to ``last`` whose value opens a quote that does not end
    cleanly (where a comment at most follows it), with that value: ``situation: 's Nachts …``
    or ``title: "Toets``. A quoted text over several lines, or with a comment after it, is fine."""
    for number in range(first, last + 1):
        found = _KEY_VALUE.match(_line(lines, number))
        value = found.group("value") if found else ""
        if value[:1] in ("'", '"') and found:
            rest = "\n".join([_line(lines, number)[found.start("value") :], *lines[number:last]])
            if not _closes_cleanly(rest):
                return number, value
    return None


def _closes_cleanly(quoted: str) -> bool:
    """Whether the quoted text at the start of ``quoted`` ends, with nothing but spaces or a
    comment after its closing quote on that line. Inside '…' a quote is written '', inside
    "…" as \"."""
    quote, index = quoted[0], 1
    while index < len(quoted):
        char = quoted[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and quoted[index + 1 : index + 2] == "'":
                index += 2
                continue
            return re.match(r"[ \t]*(#.*)?$", quoted[index + 1 :].split("\n", 1)[0]) is not None
        index += 1
    return False


def _colon_value(line: str) -> str:
    """The value of a ``key: value`` line when it holds a colon of its own, else ''."""
    found = _KEY_VALUE.match(line)
    value = found.group("value") if found else ""
    return value if ": " in value or value.endswith(":") else ""


def _flow_colon(line: str) -> bool:
    found = _FLOW_WITH_COLON.search(line)
    inside = found.group("inside") if found else ""
    return inside.count(": ") > inside.count(",") + 1


def _plain(node: Node, path: Path, constructor: SafeConstructor) -> Any:
    """Python values from a composed node; mappings and lists keep their lines."""
    line = node.start_mark.line + 1
    if isinstance(node, SequenceNode):
        items = [_plain(item, path, constructor) for item in node.value]
        return LinedList(items, [item.start_mark.line + 1 for item in node.value])
    if isinstance(node, MappingNode):
        mapping: dict[Any, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise SourceProblem(
                    Problem(
                        Location(path, key_line),
                        "invalid YAML: a key must be plain text",
                        "write the key as a word or a number, followed by a colon",
                    )
                )
            key = constructor.construct_object(key_node)
            value = _plain(value_node, path, constructor)
            if key in mapping:
                raise SourceProblem(
                    Problem(
                        Location(path, key_line),
                        f'invalid YAML: found duplicate key "{key}" with value "{value}" '
                        f'(original value: "{mapping[key]}")',
                        "keep one of the two",
                    )
                )
            mapping[key] = value
            key_lines[str(key)] = key_line
        return LinedDict(Origin(path, line, key_lines), mapping)
    return constructor.construct_object(node)


def _refuse_unsafe_yaml(text: str, path: Path) -> None:
    """Refuse what no course file needs and what could make loading hang or run out of memory:
    aliases (a small file can expand without limit, "billion laughs"), tags (they name types)
    and deep nesting (building it recurses). Checked on the parser's events, before any data
    is built."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, AliasEvent):
            raise SourceProblem(
                Problem(
                    Location(path, line),
                    f"YAML alias '*{event.anchor}' is not allowed",
                    "write the value out in full instead of referring to an anchor",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise SourceProblem(
                Problem(
                    Location(path, line),
                    f"YAML tag '{written}' is not allowed",
                    "remove the tag; write plain text, numbers, lists and mappings",
                )
            )
        depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
        if depth > MAX_YAML_DEPTH:
            raise SourceProblem(
                Problem(
                    Location(path, line),
                    f"invalid YAML: lists and mappings are nested more than {MAX_YAML_DEPTH} deep",
                    "flatten the structure; course files need only a few levels",
                )
            )


def load_yaml_mapping(path: Path, referenced_from: Location | None = None) -> Any:
    data = parse_yaml(read_text(path, referenced_from), path)
    if not isinstance(data, dict):
        raise SourceProblem(
            Problem(
                Location(path, 1),
                "the file is not a YAML mapping",
                "write 'key: value' lines at the top level",
            )
        )
    return data


# The one Markdown reading of the project: CommonMark, raw HTML kept as text (never as markup),
# plus the authored blocks of docs/authoring.md: callouts and accordions between ``:::`` lines,
# and an image with a title alone in its paragraph as a figure with that caption.
MARKDOWN = MarkdownIt("commonmark", {"html": False})

# Callout name after ``:::`` and its default title (the words after the name replace it).
CALLOUTS = {"let-op": "Let op", "tip": "Tip", "voorbeeld": "Voorbeeld"}
ACCORDION = "uitklap"


def _block_title(token: Token, name: str, default: str) -> str:
    return escapeHtml(token.info.strip()[len(name) :].strip() or default)


def _callout_renderer(name: str, title: str) -> Any:
    def render(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        if tokens[idx].nesting == 1:
            heading = _block_title(tokens[idx], name, title)
            return (
                f'<div class="callout callout-{name}" role="note">\n'
                f'<p class="callout-title">{heading}</p>\n'
            )
        return "</div>\n"

    return render


def _render_accordion(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if tokens[idx].nesting == 1:
        summary = _block_title(tokens[idx], ACCORDION, "Lees meer")
        return f'<details>\n<summary>{summary}</summary>\n<div class="details-body">\n'
    return "</div>\n</details>\n"


for _name, _title in CALLOUTS.items():
    container_plugin(MARKDOWN, _name, render=_callout_renderer(_name, _title))
container_plugin(MARKDOWN, ACCORDION, render=_render_accordion)


def _figure_image(children: Sequence[Token]) -> Token | None:
    """The image of a paragraph that holds only an image with a title: a figure."""
    shown = [child for child in children if child.type != "text" or child.content.strip()]
    if len(shown) == 1 and shown[0].type == "image" and shown[0].attrGet("title"):
        return shown[0]
    return None


def _render_paragraph_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if _figure_image(tokens[idx + 1].children or []) is not None:
        return "<figure>"
    return self.renderToken(tokens, idx, options, env)


def _render_paragraph_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    image = _figure_image(tokens[idx - 1].children or [])
    if image is not None:
        return f"<figcaption>{escapeHtml(str(image.attrGet('title')))}</figcaption></figure>\n"
    return self.renderToken(tokens, idx, options, env)


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """An image with the path it has in the package, from ``env["image_paths"]`` if given; in
    a figure its title is the caption, not a tooltip as well.

    It renders a copy: the tokens of :func:`markdown_tokens` are shared, so nothing changes them.
    """
    image = tokens[idx]
    src = str(image.attrGet("src") or "")
    attrs = dict(image.attrs) | {"src": env.get("image_paths", {}).get(src, src)}
    if _figure_image(tokens) is image:
        attrs.pop("title")
    return RendererHTML.image(self, [image.copy(attrs=attrs)], 0, options, env)


MARKDOWN.add_render_rule("image", _render_image)
MARKDOWN.add_render_rule("paragraph_open", _render_paragraph_open)
MARKDOWN.add_render_rule("paragraph_close", _render_paragraph_close)


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A link to another site opens in a new window, so the learner never leaves the SCO."""
    link = tokens[idx]
    href = str(link.attrGet("href") or "")
    if href.startswith(("http://", "https://")):
        attrs = dict(link.attrs) | {"target": "_blank", "rel": "noopener noreferrer"}
        link = link.copy(attrs=attrs)
    return RendererHTML.renderToken(self, [link], 0, options, env)


MARKDOWN.add_render_rule("link_open", _render_link_open)


@cache  # the readability measure, the media check and rendering read the same texts
def markdown_tokens(text: str) -> tuple[Token, ...]:
    """The parsed text, shared between its readers: they must not change the tokens."""
    return tuple(MARKDOWN.parse(text))


_HEADING_ID = re.compile(r"\s*\{#([^}]*)\}\s*$")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:60].rstrip("-")
    return slug if slug[:1].isalpha() else f"s-{slug}".rstrip("-")


def load_markdown_lesson(path: Path, referenced_from: Location | None = None) -> LinedDict:
    """A lesson: YAML front matter between ``---`` lines, then one screen per ``##`` heading."""
    text = read_text(path, referenced_from)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise SourceProblem(
            Problem(
                Location(path, 1),
                "the lesson has no front matter",
                "start the file with '---', the id, title and objectives, and '---'",
            )
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceProblem(
            Problem(
                Location(path, 1),
                "the front matter is not closed",
                "add a line '---' after the front matter",
            )
        ) from None
    front = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    if not isinstance(front, dict):
        raise SourceProblem(
            Problem(
                Location(path, 2),
                "the front matter is not a YAML mapping",
                "write 'id:', 'title:' and 'objectives:' lines",
            )
        )
    lesson = LinedDict(origin_of(front, path) or Origin(path, 2), front)
    if "screens" in front:
        raise SourceProblem(
            Problem(
                Location(path, lesson.origin.key_lines["screens"]),
                "'screens' cannot be set in front matter",
                "write each screen as a '## heading' below the front matter",
            )
        )
    lesson["screens"] = _screens(lines, end + 1, path)
    return lesson


def _screens(lines: list[str], body_start: int, path: Path) -> list[LinedDict]:
    body = "\n".join(lines[body_start:])
    tokens = markdown_tokens(body)  # cached: in the preview an unchanged lesson is not parsed again
    starts = [
        (tok.map[0], tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == "h2" and tok.map
    ]
    first_content = next((tok.map[0] for tok in tokens if tok.map and tok.level == 0), None)
    if first_content is not None and (not starts or first_content < starts[0][0]):
        raise SourceProblem(
            Problem(
                Location(path, body_start + first_content + 1),
                "text before the first screen",
                "start every screen with a '## Title' heading",
            )
        )
    body_lines = body.splitlines()
    screens = []
    for index, (start, heading) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body_lines)
        explicit = _HEADING_ID.search(heading)
        title = _HEADING_ID.sub("", heading).strip()
        screen_id = explicit.group(1) if explicit else slugify(title)
        line = body_start + start + 1
        text = body_lines[start + 1 : end]
        blank = next((n for n, row in enumerate(text) if row.strip()), len(text))
        # "body" is the line of the body's first line, so a line within it can be named too.
        origin = Origin(path, line, {"id": line, "title": line, "body": line + 1 + blank})
        screens.append(LinedDict(origin, id=screen_id, title=title, body="\n".join(text).strip()))
    return screens
