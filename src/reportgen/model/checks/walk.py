"""Walk a validated report without knowing its fields: every piece of text and every figure, with
its path (the path the loaded YAML uses, so it has a line) and the field's Chinese name.

Text is every ``str`` field and every item of a ``list[str]`` field, except fixed choices (a
``Literal`` field such as ``kind`` or ``status``); a ``Figure`` is a figure, not text. The checks
built on this walk keep working when fields are added or renamed. Which fields of a model class
may hold text and which may hold models is worked out once per class from its annotations.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ..schema import Figure
from .finding import Loc

__all__ = ["figures", "models", "texts"]


def texts(model: BaseModel, loc: Loc = ()) -> list[tuple[Loc, str, str]]:
    """(path, Chinese field name, text) for every piece of text, in field order."""
    out: list[tuple[Loc, str, str]] = []
    _texts(model, loc, out)
    return out


def _texts(model: BaseModel, loc: Loc, out: list[tuple[Loc, str, str]]) -> None:
    # Lists filled in place rather than nested generators: every item passed up through each
    # level of ``yield from`` costs a resumption per level, and the checks walk the report often.
    for name, label, holds_text, holds_models in _fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        here = (*loc, name)
        if holds_text and isinstance(value, str):
            out.append((here, label, value))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append(((*here, i), label, item))
                elif isinstance(item, BaseModel) and not isinstance(item, Figure):
                    _texts(item, (*here, i), out)
        elif holds_models and isinstance(value, BaseModel) and not isinstance(value, Figure):
            _texts(value, here, out)  # not basic: false


def figures(model: BaseModel, loc: Loc = ()) -> list[tuple[Loc, list[tuple[Loc, Figure]]]]:
    """Every list of figures (one table), as (path of the list, [(path, figure), …])."""
    out: list[tuple[Loc, list[tuple[Loc, Figure]]]] = []
    _figures(model, loc, out)
    return out


def _figures(model: BaseModel, loc: Loc, out: list) -> None:
    for name in _model_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _figures(value, (*loc, name), out)
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            here = (*loc, name)
            if isinstance(value[0], Figure):
                out.append((here, [((*here, i), f) for i, f in enumerate(value)]))
                continue
            for i, item in enumerate(value):  # a body mixes paragraphs (str) and blocks
                if isinstance(item, BaseModel):
                    _figures(item, (*here, i), out)


def models(model: BaseModel, loc: Loc = ()) -> list[tuple[Loc, BaseModel]]:
    """The report and every model inside it, parents before children, in field order."""
    out: list[tuple[Loc, BaseModel]] = []
    _models(model, loc, out)
    return out


def _models(model: BaseModel, loc: Loc, out: list[tuple[Loc, BaseModel]]) -> None:
    out.append((loc, model))
    for name in _model_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _models(value, (*loc, name), out)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _models(item, (*loc, name, i), out)


@cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str, bool, bool], ...]:
    """(name, Chinese name, may hold text, may hold models) of each field that may hold either."""
    out = []
    for name, field in cls.model_fields.items():
        text = not _is_choice(field.annotation) and _mentions(field.annotation, str)
        nested = _mentions(field.annotation, BaseModel)
        if text or nested:
            out.append((name, field.title or name, text, nested))
    return tuple(out)


@cache
def _model_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The names of the fields of cls that may hold models, in field order."""
    return tuple(name for name, _, _, holds_models in _fields(cls) if holds_models)


def _is_choice(annotation: Any) -> bool:
    """Whether every value of the field is a fixed one (kind, status); a text that may be turned
    off (issuer: str | false) holds text."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return True
    if origin is typing.Annotated:
        return _is_choice(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return bool(args) and all(_is_choice(a) for a in args)
    return False


def _mentions(annotation: Any, kind: type) -> bool:
    """Whether an annotation is, or holds, the type kind (str in Annotated[str, …] | None)."""
    if isinstance(annotation, type):
        return issubclass(annotation, kind)
    if typing.get_origin(annotation) is Literal:
        return False
    return any(_mentions(a, kind) for a in typing.get_args(annotation))
