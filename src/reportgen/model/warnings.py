"""Warnings about a valid report: things that will print, but probably not as the clerk meant.

A warning is a :class:`~reportgen.errors.Diagnostic` with ``severity="warning"``, located like an
error; ``validate`` and ``render`` print it and still succeed.

- **Text cut off by " #".** YAML reads `` #`` and what follows on the line as a comment, so
  ``text: 完成率达到 #1 水平`` prints 完成率达到. In free text (a title, a paragraph, a point,
  a name) that is seldom meant; the loader notes every plain value followed by a comment
  (``Loaded.comments``) and those in free-text fields are reported. Codes and choices (kind,
  status, year, a figure's value) may carry a comment without a word.
- **Characters outside GB2312.** 仿宋_GB2312 and 楷体_GB2312, the fonts GB/T 9704 names, hold only
  the 6,763 characters of GB2312; a rare character in a name (珺 堃 喆) prints in whatever font
  Word or WPS falls back to, visibly different in the line. The fonts of the report's layout
  profile that lack it are named, with a shipped profile whose fonts have it (gbk-fonts), else
  the font of the same family that has it (仿宋, 楷体, 方正小标宋_GBK).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ..errors import Diagnostic, InputError
from ..gbt9704 import Face, Standard, national
from ..read.loader import Loaded, Path_, dotted_path
from ..read.profile import load_profile, profile_names
from .schema import TEXT_CLEANERS

__all__ = ["in_gb2312", "report_warnings"]

_FREE_TEXT = set(TEXT_CLEANERS)


def report_warnings(
    loaded: Loaded, report: BaseModel, standard: Standard | None = None
) -> list[Diagnostic]:
    """Every warning about a validated report laid out by ``standard`` (by default its own
    profile's, else GB/T 9704's), in the order of the file."""
    if standard is None:
        own = getattr(report, "profile", None)
        standard = load_profile(own) if own else national()
    found = _comments(loaded, report) + _rare_characters(loaded, report, standard)
    return sorted(found, key=lambda d: (d.file, d.line or 0, d.column or 0))


# ---- " #" in free text --------------------------------------------------------------------------


def _comments(loaded: Loaded, report: BaseModel) -> list[Diagnostic]:
    out = []
    for path, (line, column, comment) in loaded.comments.items():
        field = _field_of(report, path)
        if field is None or not _free_text(field):
            continue
        shown = comment if len(comment) <= 20 else comment[:20] + "…"
        key = next((p for p in reversed(path) if isinstance(p, str)), "text")
        out.append(
            Diagnostic(
                file=loaded.file_at(path),
                line=line,
                column=column,
                path=dotted_path(path),
                label=field.title or "",
                message=f"“ #”后面的“{shown}”不会印出：YAML 把一行中空格加 # 之后的文字当作注释",
                hint=f'如果它是正文，给整个值加上引号，如 {key}: "…… #{shown}"；'
                "如果是说明，把它移到单独的一行",
                severity="warning",
            )
        )
    return out


# ---- characters outside GB2312 ------------------------------------------------------------------


def in_gb2312(c: str) -> bool:
    """Whether a font of the GB2312 set (仿宋_GB2312…) has the character c.

    Through Windows' code page 936 (GBK), which maps GB2312 as those fonts do: Python's "gb2312"
    codec maps two of its cells differently (A1A4 to ・, not ·; A1AA to ―, not —) and would
    report the middle dot and the dash, which these fonts have, as missing.
    """
    if c.isascii():
        return True
    try:
        code = c.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(code) == 1 or (0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE)


def _outside_gb2312(text: str) -> list[str]:
    """The characters of text the GB2312 fonts lack, once each, in order. The codec runs over the
    whole text and only the characters it stops at are looked at (· and — among them)."""
    rare: list[str] = []
    start = 0
    while True:
        try:
            text[start:].encode("gb2312")
        except UnicodeEncodeError as e:
            c = text[start + e.start]
            if not in_gb2312(c) and c not in rare:
                rare.append(c)
            start += e.start + 1
        else:
            return rare


def _in_gbk(c: str) -> bool:
    try:
        c.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _has(font: str, c: str) -> bool:
    """Whether a 公文 font has c: the …_GB2312 and 简体 fonts hold GB2312, the others GBK."""
    return in_gb2312(c) if font.endswith(("_GB2312", "简体")) else _in_gbk(c)


def _body_faces(std: Standard) -> tuple[Face, ...]:
    return (std.faces.body, std.faces.h1, std.faces.h2)


def _rare_characters(loaded: Loaded, report: BaseModel, std: Standard) -> list[Diagnostic]:
    try:  # most reports: every character of the file's text in GB2312, found in one pass
        everything = "".join(_strings(loaded.data))
        everything.replace("\u2014", "").replace("\u00b7", "").encode("gb2312")  # see in_gb2312
        return []
    except UnicodeEncodeError:
        pass
    out = []
    for path, text, field in _texts(report, ()):
        rare = _outside_gb2312(text)
        if not rare:
            continue
        faces = (std.faces.title,) if path == ("title",) else _body_faces(std)
        lacking = [f for f in faces if not all(_has(f.fonts[0], c) for c in rare)]
        if not lacking:
            continue
        mark = loaded.mark(path)
        out.append(
            Diagnostic(
                file=loaded.file_at(path),
                line=mark[0] if mark else None,
                column=mark[1] if mark else None,
                path=dotted_path(path),
                label=field.title or "",
                message=f"{''.join(f'“{c}”' for c in rare)}不在 GB2312 字符集中，"
                f"{'、'.join(f.fonts[0] for f in lacking)}没有{_these(rare)}，"
                "Word、WPS 会换用别的字体显示，与前后的字不一样",
                hint=_profile_hint(path, rare, std) or _font_hint(lacking, rare),
                severity="warning",
            )
        )
    return out


def _these(rare: list[str]) -> str:
    return "这个字" if len(rare) == 1 else "这些字"


def _profile_hint(path: Path_, rare: list[str], std: Standard) -> str:
    """A shipped profile whose fonts have every one of ``rare``, to name in the report."""
    for name in profile_names():
        try:
            other = load_profile(name)
        except InputError:
            continue  # a broken profile is reported where it is used
        if other == std:
            continue
        ours = (std.faces.title,) if path == ("title",) else _body_faces(std)
        faces = (other.faces.title,) if path == ("title",) else _body_faces(other)
        if all(_has(f.font, c) for f in faces for c in rare):
            changes = dict.fromkeys(
                f"{a.font} 改为 {b.font}" for a, b in zip(ours, faces, strict=True) if a != b
            )
            return (
                f"在文件顶层加一行 profile: {name}，{'，'.join(changes)}"
                "（生成和阅读的电脑都要装有这些字体）"
            )
    return ""


def _font_hint(lacking: list[Face], rare: list[str]) -> str:
    changes, none = [], []
    for face in lacking:
        font = face.fonts[0]
        others = [f for f in face.fonts[1:] if all(_has(f, c) for c in rare)]
        if font.endswith("_GB2312") and all(_in_gbk(c) for c in rare):
            others.append(f"方正{font.removesuffix('_GB2312')}_GBK")  # 方正仿宋_GBK, 方正楷体_GBK
        if others:
            changes.append(f"{font} 改为 {' 或 '.join(dict.fromkeys(others))}")
        else:
            none.append(font)
    hints = []
    if changes:
        hints.append(
            "复制 templates/ 中的默认模板，在 Word 或 WPS 中把样式的中文字体"
            f"{'，'.join(changes)}（GBK 字体，本机要装有），生成时用 --template 指定改好的模板"
        )
    if none:
        hints.append(
            f"{'、'.join(none)}的同类字体也没有：请确认是否必须用这个字，"
            "或在 Word 中单独给它设置一种有它的字体"
        )
    return "；".join(hints)


# ---- walking the model ----------------------------------------------------------------------


def _strings(data: Any, out: list[str] | None = None) -> list[str]:
    """Every text in plain loaded data (keys are field names, ASCII), in order. A list filled in
    place: nested generators cost a resumption per level for every text."""
    out = [] if out is None else out
    if isinstance(data, str):
        out.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _strings(value, out)
    elif isinstance(data, list):
        for value in data:
            _strings(value, out)
    return out


def _texts(model: BaseModel, path: Path_) -> Iterator[tuple[Path_, str, FieldInfo]]:
    """Every text in the report with its path and field, in the order of the model."""
    for name, field in type(model).model_fields.items():
        yield from _values(getattr(model, name), (*path, name), field)


def _values(value: Any, path: Path_, field: FieldInfo) -> Iterator[tuple[Path_, str, FieldInfo]]:
    if isinstance(value, str):
        yield path, value, field
    elif isinstance(value, BaseModel):
        yield from _texts(value, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _values(item, (*path, i), field)


def _field_of(report: BaseModel, path: Path_) -> FieldInfo | None:
    """The field a path of the file leads to, read off the validated report itself: a body's
    blocks are told apart by what they hold, which the annotation (a union) does not say."""
    value: Any = report
    field = None
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return None
            value = value[part]
            continue
        if not isinstance(value, BaseModel) or part not in type(value).model_fields:
            return None
        field = type(value).model_fields[part]
        value = getattr(value, part)
    return field


def _free_text(field: FieldInfo) -> bool:
    """Whether the field holds free text (cleaned as text), not a code, a choice or a number."""
    found = {m.func for m in field.metadata if isinstance(m, BeforeValidator)}
    stack = [field.annotation]
    while stack:
        annotation = stack.pop()
        found |= {
            m.func
            for m in getattr(annotation, "__metadata__", ())
            if isinstance(m, BeforeValidator)
        }
        stack.extend(a for a in typing.get_args(annotation) if not isinstance(a, (str, int)))
    return bool(found & _FREE_TEXT)
