"""Plain data → the YAML text a clerk reads and edits: comments, block text, fields in order.

Used where reportgen writes a YAML file for a clerk (``reportgen import``, ``reportgen new``):
mappings in the order given, a blank line between top-level fields, short Chinese comments on the
lines before a value (``comments``, keyed by the value's path), long text as a folded block
(``>-``), text of several paragraphs as a literal block (``|-``, one line a paragraph), and
:class:`Flow` lists (a table's header and rows) on one line. A scalar is written plain where
YAML reads it back as the same string, else double-quoted: what is written always loads back as
the data it came from.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

import yaml

from ..text.cjk import text_width

__all__ = ["Commented", "Flow", "Path", "dump_yaml", "scalar_text"]

Path = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Numbers and dates: YAML would read them as such, but reportgen's loader keeps a float's digits
# and a date's text as written (read/loader.py), and an int reads back as the same digits.
_AS_WRITTEN = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d{1,6})?|\d{4}-\d{2}-\d{2}")
LONG = 80  # columns (a Chinese character counts 2) from which a text goes into a folded block


class Flow(list):
    """A list written on one line: ``[类别, 任务, 完成情况]``."""


class Commented:
    """A field written commented out (``# title: 示例``): shown to the clerk, not read."""

    def __init__(self, value: Any):
        self.value = value


@lru_cache(maxsize=4096)
def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or any(c in text for c in "\n\r\t\x85\u2028\u2029"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    doc = f"[{text}]" if flow else f"- {text}"
    try:
        return yaml.load(doc, Loader=_Loader) == [text]  # the safe loader
    except (yaml.YAMLError, ValueError):  # ValueError: a date-shaped text that is no date
        return False


def _is_date_or_number(text: str) -> bool:
    """0000-00-00 has a date's shape, but YAML cannot read it as one (it raises): quote it."""
    if "-" not in text[1:]:
        return True
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def scalar_text(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML: true/false, a number as written, text plain where safe, else quoted."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (_AS_WRITTEN.fullmatch(text) and _is_date_or_number(text)) or _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, pad: str) -> list[str] | None:
    """A long or several-paragraph text as a block scalar's lines (indicator first), or None."""
    lines = [line.strip() for line in text.split("\n")]
    if any(not line for line in lines) or text != text.strip():
        return None
    if any(not c.isprintable() and c not in "\t\n" for c in text):
        return None
    if len(lines) > 1:
        return ["|-", *(pad + line for line in lines)]
    if text_width(text) * 2 > LONG:
        return [">-", pad + text]
    return None


class _Writer:
    def __init__(self, comments: Mapping[Path, Sequence[str]]):
        self.comments = comments
        self.lines: list[str] = []

    def comment(self, path: Path, pad: str) -> None:
        for c in self.comments.get(path, ()):
            for line in c.split("\n"):
                self.lines.append(f"{pad}# {line}".rstrip())

    def mapping(self, data: Mapping[str, Any], path: Path, indent: int, *, top: bool) -> None:
        for n, (key, value) in enumerate(data.items()):
            if top and n:
                self.lines.append("")
            self.entry(str(key), value, (*path, key), " " * indent)

    def entry(self, key: str, value: Any, path: Path, pad: str, dash: str = "") -> None:
        """``key: value`` at ``pad``; ``dash`` is the "- " that starts a list item on this line
        (its comments were written before it)."""
        if not dash:
            self.comment(path, pad)
        if isinstance(value, Commented):
            inner_writer = _Writer({})
            inner_writer.entry(key, _uncommented(value.value), path, pad, dash)
            for line in inner_writer.lines:
                body = line[len(pad) - len(dash) :] if line.strip() else ""
                self.lines.append(f"{pad[: len(pad) - len(dash)]}# {body}".rstrip())
            return
        head = f"{pad[: len(pad) - len(dash)]}{dash}{key}:"
        inner = pad + "  "
        if isinstance(value, Mapping) and value:
            self.lines.append(head)
            self.mapping(value, path, len(inner), top=False)
        elif isinstance(value, list) and value and not isinstance(value, Flow):
            self.lines.append(head)
            self.sequence(value, path, len(inner))
        else:
            first, more = self.inline(value, inner)
            self.lines.append(f"{head} {first}")
            self.lines.extend(more)

    def inline(self, value: Any, inner: str) -> tuple[str, list[str]]:
        """A value written after ``key: `` or ``- ``, and a block scalar's further lines."""
        if isinstance(value, Flow):
            return "[" + ", ".join(scalar_text(v, flow=True) for v in value) + "]", []
        if isinstance(value, Mapping):
            return "{}", []
        if isinstance(value, list):
            return "[]", []
        if isinstance(value, str):
            block = _block(value, inner)
            if block:
                return block[0], block[1:]
        return scalar_text(value), []

    def sequence(self, items: list[Any], path: Path, indent: int) -> None:
        pad = " " * indent
        for i, item in enumerate(items):
            here = (*path, i)
            self.comment(here, pad)
            if isinstance(item, Mapping) and item:
                keys = list(item)
                self.comment((*here, keys[0]), pad)
                inner = pad + "  "
                for n, key in enumerate(keys):
                    self.entry(str(key), item[key], (*here, key), inner, "- " if n == 0 else "")
            elif isinstance(item, list) and item and not isinstance(item, Flow):
                self.lines.append(f"{pad}-")
                self.sequence(item, here, indent + 2)
            else:
                first, more = self.inline(item, pad + "  ")
                self.lines.append(f"{pad}- {first}")
                self.lines.extend(more)


def _uncommented(value: Any) -> Any:
    """A value inside a commented-out one: its own commented parts shown as plain lines."""
    if isinstance(value, Commented):
        return _uncommented(value.value)
    if isinstance(value, Mapping):
        return {k: _uncommented(v) for k, v in value.items()}
    if isinstance(value, list):
        return type(value)(_uncommented(v) for v in value)
    return value


def dump_yaml(
    data: Mapping[str, Any],
    comments: Mapping[Path, Sequence[str]] | None = None,
    *,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
) -> str:
    """The YAML text of ``data``: ``header`` and ``footer`` as comment lines at the top and the
    end, ``comments[path]`` on the lines before the value at ``path`` (``("body", 2)``)."""
    w = _Writer(comments or {})
    for h in header:
        w.lines.append(f"# {h}".rstrip() if h else "")
    if header:
        w.lines.append("")
    w.mapping(data, (), 0, top=True)
    if footer:
        w.lines.append("")
        w.lines += [f"# {f}".rstrip() if f else "#" for f in footer]
    text = "\n".join(w.lines) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
