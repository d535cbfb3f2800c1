"""A commented skeleton of each kind, generated from the models (``reportgen new KIND``).

One source: every field's Chinese name, description and example come from the pydantic models
(model/schema.py, model/blocks.py), the same ones docs/schema.md is generated from. Required
fields are written with ``待填``, which validate reports at its line until the clerk fills it in;
optional fields are shown commented out with their example, and fields with a default with it.
"""

from __future__ import annotations

import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ..command import command
from ..model.blocks import Heading
from ..model.placeholders import fill_mark
from ..model.schema import KINDS, MODELS
from ..output.yaml_text import Commented, Flow, Path, dump_yaml

__all__ = ["skeleton"]

_BLOCKS_NOTE = (
    "正文块依次排列：一段文字（- 文字）、标题（- title:）、首句条目（- lead:）、"
    "分点（- points: […]）、表格（- table:）、数据表（- figures: […]），见 docs/schema.md"
)


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out += _models(arg)
    return out


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    if origin is typing.Annotated or origin in (
        typing.Union,
        getattr(__import__("types"), "UnionType", None),
    ):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def _literals(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    out: list[Any] = []
    for arg in typing.get_args(annotation):
        out += _literals(arg)
    return out


def _hint(f: FieldInfo, required: bool) -> str:
    words = f.title or ""
    if required:
        words += "（必填）"
    if f.description:
        words += f"：{f.description}"
    return words


def _example(f: FieldInfo) -> Any:
    if f.examples:
        ex = f.examples[0]
        return Flow(ex) if isinstance(ex, list) and all(isinstance(x, str) for x in ex) else ex
    return None


def _model(
    model: type[BaseModel], path: Path, comments: dict, depth: int, *, kind: str = ""
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, f in model.model_fields.items():
        here = (*path, name)
        required = f.is_required()
        comments[here] = [_hint(f, required)]
        if name == "kind":
            out[name] = kind
            continue
        value = _value(f, here, comments, depth, required)
        if value is not None:
            out[name] = value
        else:
            del comments[here]
    return out


# A list item whose model requires nothing (a measure, a lead) shows these fields to fill.
_SHOWN = ("lead", "text")


def _value(f: FieldInfo, path: Path, comments: dict, depth: int, required: bool) -> Any:
    models = _models(f.annotation)
    listed = _is_list(f.annotation)
    if models and (required or depth < 2):
        model = Heading if any(m is Heading for m in models) else models[0]
        inner = _model(model, (*path, 0) if listed else path, comments, depth + 1)
        if required and not any(g.is_required() for g in model.model_fields.values()):
            at = (*path, 0) if listed else path
            for name in reversed(_SHOWN):
                if name in model.model_fields:
                    inner = {name: fill_mark(), **{k: v for k, v in inner.items() if k != name}}
                    comments[(*at, name)] = [_hint(model.model_fields[name], False)]
        inner = {k: v for k, v in inner.items() if not isinstance(v, Commented) or depth < 1}
        if listed and len(models) > 2:
            comments[path].append(_BLOCKS_NOTE)
        value: Any = [inner] if listed else inner
        return value if required else Commented(value)
    if required:
        return [fill_mark()] if listed else fill_mark()
    if f.default not in (None, "", PydanticUndefined) and not listed:
        choices = _literals(f.annotation)
        if choices:
            comments[path].append("可选：" + " / ".join(str(c) for c in choices))
        return f.default
    if depth >= 2:
        return None
    example = _example(f)
    if example is None:
        choices = [c for c in _literals(f.annotation) if not isinstance(c, bool)]
        if choices:
            example = choices[0]
        elif _has(f.annotation, bool):
            example = True
        else:
            example = [fill_mark()] if listed else fill_mark()
    return Commented(example)


def _has(annotation: Any, kind: type) -> bool:
    return annotation is kind or any(_has(a, kind) for a in typing.get_args(annotation))


def skeleton(kind: str) -> str:
    """The commented skeleton YAML of ``kind`` (one of model.schema.MODELS)."""
    comments: dict[Path, list[str]] = {}
    data = _model(MODELS[kind], (), comments, 0, kind=kind)
    header = [
        f"{KINDS[kind]}（kind: {kind}）的空白文件，由 {command('new')} 生成。",
        f"“待填”处是必填项：换成实际内容（{command('validate')} 会逐个指出）。",
        "以“# 字段:”开头的是可选项：要用时去掉行首的“# ”。每个字段的说明见 docs/schema.md。",
    ]
    return dump_yaml(data, comments, header=header)
