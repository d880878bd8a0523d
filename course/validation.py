"""Turn raw authored data into models, translating pydantic's errors into ours."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from course.problems import Problem, did_you_mean
from course.sources import MISSING, child, line_at, origin_of
from quizzes.authoring import Authored, Location

ModelT = TypeVar("ModelT", bound=Authored)

# Singular names for the lists an id sits in, so messages read "question 'q3': ...".
_ITEM_NAMES = {
    "questions": "question",
    "options": "option",
    "objectives": "objective",
    "steps": "step",
    "choices": "choice",
    "screens": "screen",
    "items": "item",
    "modules": "module",
    "terms": "term",
}


def validate(model: type[ModelT], raw: Any, path: Path) -> tuple[ModelT | None, list[Problem]]:
    try:
        instance = model.model_validate(raw)
    except ValidationError as error:
        return None, [_problem(model, raw, path, detail) for detail in error.errors()]
    attach_origins(instance, raw, path)
    return instance, []


def attach_origins(instance: BaseModel, raw: Any, path: Path) -> None:
    """Give every authored object in ``instance`` the origin of its raw mapping."""
    if isinstance(instance, Authored) and (origin := origin_of(raw, path)):
        instance.set_origin(origin)
    if not isinstance(raw, dict):
        return
    for name in type(instance).model_fields:
        value, raw_value = getattr(instance, name), raw.get(name)
        if isinstance(value, BaseModel):
            attach_origins(value, raw_value, path)
        elif isinstance(value, list) and isinstance(raw_value, list):
            for item, raw_item in zip(value, raw_value, strict=False):
                if isinstance(item, BaseModel):
                    attach_origins(item, raw_item, path)


def _problem(model: type[BaseModel], raw: Any, path: Path, detail: ErrorDetails) -> Problem:
    loc = tuple(detail["loc"])
    if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc = (*loc, "type")  # point at the 'type' line, not the question's first line
    data_keys = _data_keys(raw, loc)
    location = Location(path, line_at(raw, path, data_keys))
    owner = _owner(raw, data_keys)
    kind = detail["type"]
    field = str(data_keys[-1]) if data_keys else ""
    if kind == "missing":
        field = str(loc[-1])
        return Problem(
            location, f"{owner}missing required field '{field}'", f"add '{field}:' with a value"
        )
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, raw, loc[:-1]))
        guess = did_you_mean(field, allowed).rstrip()
        fix = guess or "remove it or correct its name"
        parent_loc = _parent_loc(loc[:-1])
        if not guess and parent_loc is not None and field in _fields_at(model, raw, parent_loc):
            # Indented one level too deep: the field belongs to the object around this one.
            fix = f"check its indentation: '{field}' is a field of the whole file; start it at "
            fix += "the beginning of the line, like 'id:'"
            if parent_loc:
                parent = _owner(raw, _data_keys(raw, parent_loc)).rstrip(": ")
                fix = f"check its indentation: '{field}' is a field of {parent}; line it up "
                fix += f"with the other fields of {parent}"
            return Problem(location, f"{owner}'{field}' is not a field here", fix)
        return Problem(
            location, f"{owner}unknown field '{field}'", f"{fix} (allowed: {', '.join(allowed)})"
        )
    if kind == "union_tag_not_found":
        tags = ", ".join(_tags_at(model, raw, loc[:-1]))
        return Problem(location, f"{owner}no 'type' given", f"add 'type:' with one of: {tags}")
    got = _describe(detail.get("input"))
    subject = f"{owner}field '{field}'" if field and not field.isdigit() else (owner or "value")
    subject = subject.rstrip(": ")
    item_name = _ITEM_NAMES.get(field, "item")
    return Problem(location, f"{subject}: {_what(detail)}{got}", _fix(detail, item_name))


def _parent_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """The ``loc`` of the object around the one at ``loc``, or None for the file itself."""
    parts = list(loc)
    if not parts:
        return None
    if isinstance(parts[-1], str) and len(parts) > 1 and isinstance(parts[-2], int):
        parts.pop()  # the question type pydantic chose for a list item
    if parts and isinstance(parts[-1], int):
        parts.pop()
    return tuple(parts[:-1])


def _data_keys(raw: Any, loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The parts of a pydantic ``loc`` that exist in the data (drops union tags)."""
    keys: list[int | str] = []
    node = raw
    for part in loc:
        value = child(node, part)
        if value is not MISSING:
            keys.append(part)
            node = value
        elif isinstance(node, dict) and part == node.get("type"):
            continue  # the union member pydantic chose, named after the 'type' written
        elif isinstance(node, dict) and isinstance(part, str):
            keys.append(part)  # a missing or misspelt key: keep it for the message
            break
    return tuple(keys)


def _owner(raw: Any, keys: tuple[int | str, ...]) -> str:
    """ "question 'q3': " for the innermost listed object with an id along ``keys``."""
    owner, node, container = "", raw, ""
    for part in keys:
        value = child(node, part)
        if value is MISSING:
            break
        node = value
        if isinstance(part, str):
            container = part
        elif container in _ITEM_NAMES:
            name = _ITEM_NAMES[container]
            has_id = isinstance(node, dict) and "id" in node
            owner = f"{name} '{node['id']}': " if has_id else f"{name} {part + 1}: "
    return owner


def _fields_at(model: type[BaseModel], raw: Any, loc: tuple[int | str, ...]) -> set[str]:
    """The field names allowed at ``loc``, following lists and tagged unions."""
    annotation, node = _annotation_at(model, raw, loc)
    models = _models_in(annotation)
    if isinstance(node, dict) and len(models) > 1:
        models = [m for m in models if _tag(m) == node.get("type")] or models
    return {name for m in models for name in m.model_fields}


def _tags_at(model: type[BaseModel], raw: Any, loc: tuple[int | str, ...]) -> list[str]:
    """The 'type' values the tagged union at ``loc`` accepts."""
    annotation, _ = _annotation_at(model, raw, loc)
    return [tag for m in _models_in(annotation) if (tag := _tag(m)) is not None]


def _annotation_at(model: type[BaseModel], raw: Any, loc: tuple[int | str, ...]) -> tuple[Any, Any]:
    """The type annotation and the raw data at ``loc``, following lists and tagged unions."""
    annotation: Any = model
    node = raw
    for part in loc:
        options = _models_in(annotation)
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        tagged = [m for m in options if _tag(m) == part]
        if tagged:  # a union tag in the loc: narrow to that member
            annotation = tagged[0]
            continue
        member = next((m for m in options if part in m.model_fields), None)
        if member is None:
            return None, None
        annotation = member.model_fields[part].annotation
        node = node.get(part) if isinstance(node, dict) else None
    return annotation, node


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _models_in(arg)]
    return []


def _tag(model: type[BaseModel]) -> str | None:
    name = getattr(model, "type_name", None)
    return name if isinstance(name, str) else None


def _describe(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    text = str(value)
    return f" (got '{text[:40]}{'…' if len(text) > 40 else ''}')"


# Plain words for pydantic's type errors: what the value must be, and how to write one.
_EXPECTED = {
    "string_type": ("text", "write text"),
    "int_type": ("a whole number", "write a number"),
    "int_parsing": ("a whole number", "write a number"),
    "int_from_float": ("a whole number", "write a number without decimals"),
    "float_type": ("a number", "write a number"),
    "float_parsing": ("a number", "write a number"),
    "bool_type": ("true or false", "write true or false"),
    "bool_parsing": ("true or false", "write true or false"),
    "list_type": ("a list", "write a list ('- item' lines)"),
    "model_type": ("a mapping", "write a mapping ('key: value' lines)"),
    "dict_type": ("a mapping", "write a mapping ('key: value' lines)"),
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def _what(detail: ErrorDetails) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    if kind == "string_pattern_mismatch":
        return "not a valid id or value"
    if kind == "union_tag_invalid":
        return f"unknown question type '{ctx.get('tag')}'"
    if kind in _EXPECTED:
        return f"must be {_EXPECTED[kind][0]}"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return f"must be {words} {ctx.get(name)}"
    if kind in ("too_short", "too_long"):
        count = ctx.get("actual_length")
        return f"has {count} item{'' if count == 1 else 's'}"
    msg = detail["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg[:1].lower() + msg[1:]


def _fix(detail: ErrorDetails, item_name: str) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == "^[a-z]$":
            return "use one lower-case letter, a to z"
        if pattern.startswith("^[a-z][a-z0-9]*"):
            return "use lower-case letters, digits and hyphens, starting with a letter"
        if pattern == "^[a-z]{2}$":
            return "use a two-letter language code, such as nl"
        if pattern.startswith("^\\d+"):
            return "write a version number, such as 1.0.0"
        if pattern.startswith("^[A-Za-z0-9]"):
            return (
                "name a folder directly inside the course folder (letters, digits, '.', '_', '-')"
            )
        return f"write it in the form {pattern}"
    if kind == "union_tag_invalid":
        tags = str(ctx.get("expected_tags", "")).replace("'", "")
        guess = did_you_mean(str(ctx.get("tag")), tags.split(", "))
        return f"{guess}(use one of: {tags})" if guess else f"use one of: {tags}"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"give at least {least} {item_name}{'' if least == 1 else 's'}"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"give at most {most} {item_name}{'' if most == 1 else 's'}"
    if kind in _BOUNDS:
        return "use a number within the allowed range"
    if kind in _EXPECTED:
        return _EXPECTED[kind][1]
    if kind == "literal_error":
        return f"use {ctx.get('expected')}"
    return "correct the value"
