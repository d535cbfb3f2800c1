"""Walk a validated report without knowing its fields: every piece of text and every figure, with
its path (the path the loaded YAML uses, so it has a line) and the field's Chinese name.

Text is every ``str`` field and every item of a ``list[str]`` field, except fixed choices (a
``Literal`` field such as ``kind`` or ``status``); a ``Figure`` is a figure, not text. The checks
built on this walk keep working when fields are added or renamed.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ..schema import Figure
from .finding import Loc

__all__ = ["figures", "models", "texts"]


@cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, Chinese name) of a model's fields that may hold text: fixed choices left out."""
    return tuple(
        (name, field.title or name)
        for name, field in cls.model_fields.items()
        if not _is_choice(field.annotation)
    )


def texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """(path, Chinese field name, text) for every piece of text, in document order."""
    for name, label in _fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        here = (*loc, name)
        if isinstance(value, Figure):
            continue
        if isinstance(value, str):
            yield here, label, value
        elif isinstance(value, BaseModel):
            yield from texts(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*here, i), label, item
                elif isinstance(item, BaseModel) and not isinstance(item, Figure):
                    yield from texts(item, (*here, i))


def figures(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, list[tuple[Loc, Figure]]]]:
    """Every list of figures (one table), as (path of the list, [(path, figure), …])."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from figures(value, (*loc, name))
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            here = (*loc, name)
            if isinstance(value[0], Figure):
                yield here, [((*here, i), f) for i, f in enumerate(value)]
                continue
            for i, item in enumerate(value):
                yield from figures(item, (*here, i))


def models(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """The report and every model inside it, parents before children, in document order."""
    yield loc, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        if isinstance(value, BaseModel):
            yield from models(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from models(item, (*here, i))


def _is_choice(annotation: Any) -> bool:
    if typing.get_origin(annotation) is Literal:
        return True
    return any(_is_choice(a) for a in typing.get_args(annotation))
