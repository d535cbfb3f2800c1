"""Edits from the web page's form applied to the YAML text itself, so a clerk's comments stay.

The form does not own a copy of the report: it sends small edits (set a field, delete one, insert
a list item, move one) and this module applies them to the text through ruamel.yaml's round trip,
which keeps comments, key order, quoting and block styles. A value is replaced where it stands
and keeps its style (a quoted title stays quoted, a ``>-`` paragraph stays folded); a new key is
placed where the schema's order puts it. A comment goes only with the item it belongs to: deleting
a field or a list item deletes the comment on its line and the comment lines directly above the
next item stay where they are. The indentation (two spaces, list dashes indented or not) is read
from the text and kept.

Deleting and moving a list item or a field is done on the lines themselves where the item stands
on lines of its own (block style): a comment block directly above an item belongs to it and goes
with it, comments after an item's last line stay in place for what follows. The result is checked
against the same edit done on the data; where they differ (flow style ``[a, b]``, odd layouts) the
round trip's result is used.

Values the form sends as typed text for a non-text field (a year, a number, a date: ``raw``) are
read as YAML reads them in the file, so ``462083.30`` keeps its two decimals and ``2021-04-01``
stays a date; text fields are written quoted where YAML would otherwise read them as something
else (a title ``2021`` becomes ``'2021'``).
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Sequence
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    SingleQuotedScalarString,
)

from ..errors import InputError

__all__ = ["EditError", "apply_edits"]

Path_ = Sequence[str | int]

# Scalar styles that a new value of a field takes over from the one it replaces.
_STYLES = (
    SingleQuotedScalarString,
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)


_QUOTES = (SingleQuotedScalarString, DoubleQuotedScalarString)


class EditError(ValueError):
    """Raised when an edit does not fit the text (the text changed under the form): the page
    reloads the form from the text."""


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Stamp(str):
    """A date as written: kept as text (the schema reads dates itself and says what is wrong
    with 2021-13-45, which ruamel's own reading would refuse), written back plain."""


def _round_trip() -> YAML:
    y = YAML()
    y.preserve_quotes = True  # before the constructor is made: it takes the setting then
    y.constructor.add_constructor(_TIMESTAMP, lambda c, node: _Stamp(node.value))
    y.representer.add_representer(_Stamp, lambda r, v: r.represent_scalar(_TIMESTAMP, str(v)))
    return y


def _yaml(text: str) -> YAML:
    y = _round_trip()
    y.width = 1_000_000_000  # never fold a long Chinese line
    mapping, offset = _indents(text)
    y.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return y


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")
_CONTENT = re.compile(r"^( *)(- )?\S")


def _indents(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) as the file writes them: the step from a ``key:`` line to
    the first child below it, for a child mapping and for a list; 2 and 2 when the file shows
    none."""
    mapping: int | None = None
    offset: int | None = None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _KEY_LINE.match(line)
        if not m:
            continue
        for following in lines[i + 1 :]:
            if not following.strip() or following.lstrip().startswith("#"):
                continue
            c = _CONTENT.match(following)
            if c is None:
                break
            step = len(c.group(1)) - len(m.group(1))
            if c.group(2) and offset is None and step >= 0:
                offset = step
            elif not c.group(2) and mapping is None and step > 0:
                mapping = step
            break
        if mapping is not None and offset is not None:
            break
    return mapping or 2, 2 if offset is None else offset


def apply_edits(text: str, edits: list[dict[str, Any]], *, name: str = "<text>") -> str:
    """The text with the edits applied in order. Raises EditError when one does not fit and
    InputError when the text is not YAML the round trip can read."""
    if not edits:
        return text
    y = _yaml(text)
    try:
        data = y.load(text)
    except (YAMLError, RecursionError) as e:
        raise InputError.single(
            name, f"YAML 格式错误，无法修改：{e}", "先在 YAML 视图中改正"
        ) from e
    if data is None:
        data = CommentedMap()
    for edit in edits:
        lines = _by_lines(text, data, edit)
        data = _apply(data, edit)
        out = io.StringIO()
        y.dump(data, out)
        text = out.getvalue()
        if lines is not None and lines != text:
            try:
                same = _plain(y.load(lines)) == _plain(data)
            except (YAMLError, RecursionError):
                same = False
            if same:
                text = lines
                data = y.load(text)
    return text


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _apply(data: Any, edit: dict[str, Any]) -> Any:
    op = edit.get("op")
    path = list(edit.get("path") or [])
    if op == "set":
        value = _scalar(edit["raw"]) if "raw" in edit else _node(edit.get("value"))
        if not path:
            return value
        parent = _container(data, path[:-1], create_for=path[-1])
        _set(parent, path[-1], value, edit.get("order"))
    elif op == "delete":
        parent = _at(data, path[:-1])
        _delete(parent, path[-1])
    elif op == "insert":
        parent = _container(data, path[:-1], create_for=0)
        index = path[-1]
        if not isinstance(parent, list) or not isinstance(index, int):
            raise EditError(f"not a list at {path}")
        parent.insert(min(index, len(parent)), _node(edit.get("value")))
    elif op == "move":
        parent = _at(data, path[:-1])
        index, to = path[-1], edit.get("to")
        if not isinstance(parent, list) or not isinstance(index, int) or not isinstance(to, int):
            raise EditError(f"not a list item at {path}")
        if not (0 <= index < len(parent) and 0 <= to < len(parent)):
            raise EditError(f"no item {index} or {to} at {path}")
        item = parent.pop(index)
        parent.insert(to, item)
    else:
        raise EditError(f"unknown edit {op!r}")
    return data


def _at(data: Any, path: Path_) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise EditError(f"no value at {list(path)}") from None
    return node


def _container(data: Any, path: Path_, *, create_for: str | int) -> Any:
    """The mapping or list at path, created (with what leads to it) where it is missing or
    empty, as the kind of container that holds ``create_for``."""
    node = data
    for i, part in enumerate(path):
        following = path[i + 1] if i + 1 < len(path) else create_for
        fresh = CommentedSeq() if isinstance(following, int) else CommentedMap()
        if isinstance(node, dict):
            if node.get(part) is None:
                node[part] = fresh
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            if node[part] is None:
                node[part] = fresh
        else:
            raise EditError(f"no value at {list(path[: i + 1])}")
        node = node[part]
    return node


def _set(parent: Any, key: str | int, value: Any, order: list[str] | None) -> None:
    if isinstance(parent, dict) and isinstance(key, str):
        if key in parent:
            parent[key] = _styled(parent[key], value)
            return
        mapping = cast(CommentedMap, parent)  # round-trip data: its mappings all are
        mapping.insert(_position(mapping, key, order), key, value)
    elif isinstance(parent, list) and isinstance(key, int) and 0 <= key <= len(parent):
        if key == len(parent):
            parent.append(value)
        else:
            parent[key] = _styled(parent[key], value)
    else:
        raise EditError(f"cannot set {key!r}")


def _position(parent: CommentedMap, key: str, order: list[str] | None) -> int:
    """Where a new key goes: before the first key the schema lists after it, else at the end."""
    if not order or key not in order:
        return len(parent)
    later = set(order[order.index(key) + 1 :])
    for i, existing in enumerate(parent):
        if existing in later:
            return i
    return len(parent)


def _delete(parent: Any, key: str | int) -> None:
    try:
        del parent[key]
    except (KeyError, IndexError, TypeError):
        raise EditError(f"no value {key!r} to delete") from None


def _styled(old: Any, new: Any) -> Any:
    """A new text keeps the style of the one it replaces (quotes, folded, literal) when it can
    be written so; a literal block for text with line breaks."""
    if type(new) is not str:
        return new
    for style in _STYLES:
        if isinstance(old, style) and (old or style not in _QUOTES):  # '' is quoted for want
            # of text, not by choice
            if style is FoldedScalarString and "\n" in new:
                break  # a folded block would join the lines
            return style(new)
    if "\n" in new.strip("\n"):
        return LiteralScalarString(new)
    # plain where YAML allows it (the emitter quotes it otherwise): a plain str here would be
    # quoted again when the value it replaces was ''
    return PlainScalarString(new)


def _node(value: Any) -> Any:
    """JSON from the page → the round trip's containers."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[str(k)] = _node(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value)
    return value


_PLAIN = _round_trip()


def _scalar(raw: Any) -> Any:
    """A value typed for a non-text field, read as the file would read it; text when it is not
    one plain scalar (the validator then says what is wrong with it)."""
    if not isinstance(raw, str):
        return _node(raw)
    text = raw.strip()
    if not text:
        return None
    if "\n" in text or (text[0] in "&*!|>'\"%@`{[#-?:" and not re.match(r"-\d", text)):
        return text
    try:
        value = _PLAIN.load(f"v: {text}\n")["v"]
    except (YAMLError, TypeError, KeyError):
        return text
    return value if not isinstance(value, (dict, list)) else text


# ---- deleting and moving by lines ----------------------------------------------------------


def _by_lines(text: str, data: Any, edit: dict[str, Any]) -> str | None:
    """The text with a delete or move done on its lines, or None where that cannot be done."""
    op, path = edit.get("op"), list(edit.get("path") or [])
    if op not in ("delete", "move", "insert") or not path:
        return None
    try:
        parent = _at(data, path[:-1])
    except EditError:
        return None
    if not isinstance(parent, (CommentedMap, CommentedSeq)) or parent.fa.flow_style():
        return None
    lines = text.splitlines(keepends=True)
    spans = _spans(lines, parent)
    if spans is None:
        return None
    keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
    key = path[-1]
    if op == "insert":
        return _insert_lines(lines, parent, spans, key, edit.get("value"), text)
    if key not in keys:
        return None
    i = keys.index(key)
    if op == "delete":
        if len(keys) == 1:
            return None  # the container would be left without a value: the round trip writes {}
        a, b = spans[i]
        if i + 1 < len(spans):
            b = spans[i + 1][0]  # with the gap that followed it
        else:
            a = spans[i - 1][1]  # with the gap that preceded it
        return "".join(lines[:a] + lines[b:])
    to = edit.get("to")
    if not isinstance(to, int) or not 0 <= to < len(keys):
        return None
    chunks = ["".join(lines[a:b]) for a, b in spans]
    chunks.insert(to, chunks.pop(i))
    out = "".join(lines[: spans[0][0]])
    for n, (_, b) in enumerate(spans):
        out += chunks[n] if chunks[n].endswith("\n") else chunks[n] + "\n"
        following = spans[n + 1][0] if n + 1 < len(spans) else b
        out += "".join(lines[b:following])
    return out + "".join(lines[spans[-1][1] :])


def _insert_lines(
    lines: list[str], parent: Any, spans: list[tuple[int, int]], index: Any, value: Any, text: str
) -> str | None:
    """A new list item written on lines of its own, right after the item before it (or before
    the first), at the dash's indentation."""
    if not isinstance(parent, CommentedSeq) or not isinstance(index, int) or not spans:
        return None
    index = min(index, len(spans))
    y = _yaml(text)
    out = io.StringIO()
    y.dump(CommentedMap([("k", CommentedSeq([_node(value)]))]), out)
    item = out.getvalue().splitlines(keepends=True)[1:]
    if not item:
        return None
    column = parent.lc.item(0)[1]
    dash = lines[parent.lc.item(0)[0]].rfind("-", 0, column)
    shift = dash - _indent(item[0])
    if shift < 0:
        return None
    item = [" " * shift + line if line.strip() else line for line in item]
    # items set apart by blank lines: the new one too
    gaps = any(
        not lines[j].strip() for a, b in itertools.pairwise(spans) for j in range(a[1], b[0])
    )
    if index < len(spans):
        at = spans[index][0]
        item += ["\n"] if gaps else []
    else:
        at = spans[-1][1]
        item = (["\n"] if gaps else []) + item
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    return "".join(lines[:at] + item + lines[at:])


def _spans(lines: list[str], parent: CommentedMap | CommentedSeq) -> list[tuple[int, int]] | None:
    """Each item's lines [a, b): the comment lines directly above it, its own line, and the lines
    indented deeper below it; None when an item does not start a line of its own."""
    starts: list[tuple[int, int]] = []  # (line, column) of each key or dash
    for i, key in enumerate(parent):
        if isinstance(parent, dict):
            line, column = parent.lc.key(key)
        else:
            line, column = parent.lc.item(i)
            text = lines[line] if line < len(lines) else ""
            dash = text.rfind("-", 0, column)
            if dash < 0 or text[:dash].strip():
                return None
            column = dash
        if line >= len(lines) or lines[line][:column].strip():
            return None
        starts.append((line, column))
    spans = []
    for n, (line, column) in enumerate(starts):
        a = line
        while a > 0 and lines[a - 1].strip().startswith("#") and _indent(lines[a - 1]) >= column:
            a -= 1
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        b = line + 1
        last = b
        while b < limit:
            stripped = lines[b].strip()
            if stripped and not stripped.startswith("#"):
                indent = _indent(lines[b])
                deeper = indent > column or (
                    indent == column and stripped.startswith("- ") and isinstance(parent, dict)
                )
                if not deeper:
                    break
                last = b + 1
            b += 1
        spans.append((a, last))
    for n in range(1, len(spans)):
        if spans[n][0] < spans[n - 1][1]:
            return None
    return spans


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
