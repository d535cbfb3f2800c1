"""Load a YAML file into plain Python data, remembering where every value came from.

Only plain YAML (mappings, lists, strings, numbers, booleans, dates) is accepted: no Python tags,
no duplicate keys, bounded size and alias expansion, so a hostile file fails fast and safely.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from ..errors import Diagnostic, InputError
from ..text.cjk import CHINESE
from ..text.control import BREAKS, UNPRINTABLE, clean_control, drop_unprintable
from .yaml_errors import explain_syntax_error

__all__ = [
    "MAX_FILE_BYTES",
    "Loaded",
    "decode_text",
    "describe_value",
    "dotted_path",
    "load_yaml",
    "load_yaml_text",
    "shown_number",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000  # values reached again through *aliases: billion laughs stops in ~0.2 s

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _INT, _FLOAT, _TIMESTAMP = (_TAG + t for t in ("str", "int", "float", "timestamp"))
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"


_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The safe loader's implicit tags (int, float, bool, null, timestamp …) by a value's first letter.
_WILDCARD = tuple(_SAFE.yaml_implicit_resolvers.get(None, ()))
_BY_FIRST = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in _SAFE.yaml_implicit_resolvers.items()
    if first is not None
}


class _Loader(_SAFE):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader (libyaml's where installed) with the same tags found quicker: the
    composer asks for every node's tag, and PyYAML's general resolver builds a list of candidate
    patterns for each scalar and looks for path resolvers, which the safe loader has none of."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _BY_FIRST.get(value[:1], _WILDCARD):
                    if pattern.match(value):
                        return tag
            return _STR
        return _MAP if kind is yaml.MappingNode else _SEQ


_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_constructor = yaml.SafeLoader("")  # only its construct_* helpers are used

# Word and chat apps paste characters that YAML refuses outright (text/control.py). \x0b and \x0c
# are Word's line and page breaks: they stand in as a noncharacter (never typed, accepted by YAML,
# same column) while parsing and become line breaks in the value. So do U+2028, U+2029 and U+0085,
# which YAML would count as line ends that no editor shows, putting every later line number one too
# high. The characters that carry no text are dropped before YAML sees them.
_BREAK = "\ufdd0"
_BREAKS = re.compile(f"[{BREAKS}]")
_BREAK_OR_UNPRINTABLE = re.compile(f"[{BREAKS}{UNPRINTABLE}]")  # one look: the usual file has none

Path_ = tuple[str | int, ...]


@dataclass
class Loaded:
    """Plain data plus the (line, column) of every value and every mapping key, 1-based.

    ``files`` names another file for a subtree that came from elsewhere (a defaults file, a
    figures spreadsheet): a path belongs to the file of its nearest listed ancestor, else ``file``.
    ``sheets`` names the worksheet for a subtree from a spreadsheet (``""`` for a .csv): its marks
    are then a cell's row and column.
    """

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    files: dict[Path_, str] = field(default_factory=dict)
    sheets: dict[Path_, str] = field(default_factory=dict)
    # A plain value followed on its line by " #…", which YAML reads as a comment: path → (line,
    # column of the #, the comment's text). In prose it is more often text that was cut off.
    comments: dict[Path_, tuple[int, int, str]] = field(default_factory=dict)

    def file_at(self, path: Path_) -> str:
        """The file a value at path came from."""
        p = tuple(path)
        while p:
            if p in self.files:
                return self.files[p]
            p = p[:-1]
        return self.files.get((), self.file)

    def diagnostic(
        self,
        path: Path_,
        label: str,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        at: Path_ | None = None,
    ) -> Diagnostic:
        """A problem with the value (or the ``key``) at path: in the file the value came from, at
        its line and column (or those of ``at``), named by its dotted path and ``label``."""
        mark = self.mark(path if at is None else at, key=key)
        line, column = mark if mark else (None, None)
        return Diagnostic(
            file=self.file_at(path),
            line=line,
            column=column,
            path=dotted_path(path),
            label=label,
            message=message,
            hint=hint,
            sheet=self.sheet_at(path),
        )

    def sheet_at(self, path: Path_) -> str | None:
        """The worksheet a value at path came from, or None for a YAML file."""
        p = tuple(path)
        while p:
            if p in self.files:
                return self.sheets.get(p)
            p = p[:-1]
        return None

    def mark(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """The closest known position for path, walking up to its parents."""
        p = tuple(path)
        if key and p in self.key_marks:
            return self.key_marks[p]
        while True:
            if p in self.marks:
                return self.marks[p]
            if not p:
                return None
            p = p[:-1]


def load_yaml(path: str | Path) -> Loaded:
    """Read and parse one YAML file; raise InputError with a located message on any problem."""
    p = Path(path)
    name = str(p)
    try:
        found: os.stat_result | None = os.stat(p)  # the usual case: one look at the file
    except (OSError, ValueError):
        found = None  # each check below says what is wrong
    if found is None and not p.exists():
        raise InputError.single(name, "文件不存在", "检查文件名和所在文件夹是否写对")
    if stat.S_ISDIR(found.st_mode) if found else p.is_dir():
        raise InputError.single(name, "这是一个文件夹，不是 YAML 文件", "请给出 .yaml 文件的路径")
    if not (stat.S_ISREG(found.st_mode) if found else p.is_file()):  # a pipe is read forever
        raise InputError.single(name, "这不是普通文件", "请给出 .yaml 文件的路径")
    try:
        size = found.st_size if found else p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError.single(
                name,
                f"文件过大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB）",
                "一份报告的 YAML 通常不超过 100 KB，请检查是否选错了文件",
            )
        raw = p.read_bytes()
    except OSError as e:
        raise InputError.single(name, f"无法读取文件：{e.strerror}", "检查文件权限") from e
    return load_yaml_text(_decode(raw, name), name)


# Files a clerk may pick by mistake in place of the YAML (say, last year's report).
_BINARY = {
    b"PK\x03\x04": "Word（.docx）、Excel（.xlsx）或压缩文件",
    b"\xd0\xcf\x11\xe0": "旧版 Word（.doc）或 Excel（.xls）文件",
    b"%PDF": "PDF 文件",
    b"\x89PNG": "图片",
    b"\xff\xd8\xff": "图片",
}


def _decode(raw: bytes, name: str) -> str:
    for magic, what in _BINARY.items():
        if raw.startswith(magic):
            raise InputError.single(
                name,
                f"这是{what}，不是 YAML 文本文件",
                "请给出报告的 .yaml 文件（用记事本可以打开的那种）；生成的 .docx 由 -o 指定",
            )
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """Text bytes as a clerk's editor saved them: UTF-8 (with or without BOM), UTF-16 with a BOM,
    or GBK/GB18030. Raises InputError, located at the first bad line, for anything else."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        lenient = raw.decode("utf-8", errors="replace")
        if sum(c > "\x7f" for c in lenient) > 2 * lenient.count("\ufffd"):
            # Mostly good UTF-8: a line pasted from a GBK file, which GB18030 would turn into
            # mojibake.
            raise InputError.single(
                name,
                "这一行的编码与文件其他部分不同（不是 UTF-8，可能是从 GBK 文件复制来的）",
                "重新输入这一行，或用记事本“另存为”，编码选择 UTF-8",
                line=line,
            ) from None
        # Notepad and WPS on Chinese Windows save as GBK/GB18030 by default.
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError.single(
                name,
                "文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）",
                "请用记事本“另存为”，编码选择 UTF-8",
                line=line,
            ) from None


def load_yaml_text(text: str, name: str = "<text>") -> Loaded:
    """Parse YAML text (already decoded); see :func:`load_yaml`."""
    if _BREAK_OR_UNPRINTABLE.search(text):
        text = drop_unprintable(_BREAKS.sub(_BREAK, text))
    if not text.strip():
        raise InputError.single(name, "文件是空的", "请从 examples/ 中复制一个示例文件再修改")
    try:
        lines = text.splitlines()  # YAML's lines: the breaks it would count differently are gone
        _check_depth(text, name, lines)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        raise explain_syntax_error(e, text, name) from None
    except yaml.YAMLError as e:
        position = getattr(e, "position", None)  # a ReaderError's: where the bad character is
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise InputError.single(
            name, f"YAML 格式错误：{getattr(e, 'reason', None) or e}", "检查缩进和冒号", line=line
        ) from None
    if node is None:
        raise InputError.single(
            name, "文件中没有内容（只有注释）", "请从 examples/ 中复制一个示例文件再修改"
        )
    loaded = Loaded(name, None)
    walker = _Walker(loaded, text, lines)
    loaded.data = walker.build(node, (), 0)
    if walker.problems:
        raise InputError(walker.problems)
    return loaded


def _check_depth(text: str, name: str, lines: list[str] | None = None) -> None:
    """Refuse deep nesting and huge node counts before composing: the composer recurses, and
    libyaml's crashes the process (a segmentation fault, not an exception) on 100,000 nested
    brackets; composing 200,000 nodes only to refuse them would also be slow."""
    if _nesting_bound(text, lines) <= _SAFE_COMPOSE_DEPTH and len(text) < MAX_NODES:
        return  # cannot nest deep enough to hurt; the walker still enforces MAX_DEPTH and MAX_NODES
    depth = count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            count += 1
            if depth > MAX_DEPTH:
                _refuse(name, event, "文件层级过深，已停止读取")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            count += 1
        if count > MAX_NODES:
            _refuse(name, event, f"文件内容过多（超过 {MAX_NODES} 项），已停止读取")


# libyaml composes 20,000 nested levels on an 8 MB stack; Windows threads have 1 MB, hence 1,000.
_SAFE_COMPOSE_DEPTH = 1_000


def _nesting_bound(text: str, lines: list[str] | None = None) -> int:
    """An upper bound on the nesting depth of text, read without parsing it: every block level
    needs at least one more column on some line, every flow level one bracket. ``lines``: the
    text's lines, when the caller has split it already."""
    longest = max(map(len, text.splitlines() if lines is None else lines), default=0)
    return text.count("[") + text.count("{") + longest + 1


def _refuse(name: str, event: yaml.Event, message: str) -> None:
    m = event.start_mark
    assert m is not None  # the parser marks every event it makes
    raise InputError.single(
        name,
        message,
        "报告文件不需要别名展开或很深的嵌套，请检查文件来源",
        line=m.line + 1,
        column=m.column + 1,
    )


class _Walker:
    def __init__(self, loaded: Loaded, text: str = "", lines: list[str] | None = None):
        self.loaded = loaded
        self.lines = text.splitlines() if lines is None else lines
        # The lines with a # on them: only a value ending on one can be followed by a comment.
        self.hashes = {i for i, line in enumerate(self.lines) if "#" in line} if "#" in text else ()
        self.count = 0
        self.repeated = 0
        self.seen: set[int] = set()
        self.problems: list[Diagnostic] = []

    def _problem(self, node: yaml.Node, path: Path_, message: str, hint: str) -> None:
        m = node.start_mark
        self.problems.append(
            Diagnostic(
                file=self.loaded.file,
                line=m.line + 1,
                column=m.column + 1,
                path=dotted_path(path),
                message=message,
                hint=hint,
            )
        )

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        key = id(node)
        if key in self.seen:
            self.repeated += 1
        else:
            self.seen.add(key)
        if self.count > MAX_NODES or depth > MAX_DEPTH or self.repeated > MAX_ALIAS_NODES:
            m = node.start_mark
            what = (
                "层级过深"
                if depth > MAX_DEPTH
                else "内容过多（可能是别名 & / * 反复展开）"
                if self.repeated > MAX_ALIAS_NODES
                else f"内容过多（超过 {MAX_NODES} 项）"
            )
            raise InputError.single(
                self.loaded.file,
                f"文件{what}，已停止读取",
                "报告文件不需要别名展开或很深的嵌套，请检查文件来源",
                line=m.line + 1,
                column=m.column + 1,
            )
        m = node.start_mark
        self.loaded.marks[path] = (m.line + 1, m.column + 1)
        cls = type(node)
        if cls is yaml.ScalarNode:
            return self._scalar(cast(yaml.ScalarNode, node), path)
        if cls is yaml.MappingNode:
            return self._mapping(cast(yaml.MappingNode, node), path, depth)
        if node.tag != _SEQ:
            self._check_tag(node, path, _SEQ)
        depth += 1
        return [self.build(child, (*path, i), depth) for i, child in enumerate(node.value)]

    def _check_tag(self, node: yaml.Node, path: Path_, expected: str) -> bool:
        if node.tag == expected or (node.tag in _SCALAR_TAGS and expected == "scalar"):
            return True
        self._problem(
            node,
            path,
            f"不允许的 YAML 标签 {node.tag}",
            "报告文件只能包含文字、数字、日期、列表和“键: 值”，请删除以 ! 开头的标签",
        )
        return False

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        if node.tag != _MAP:
            self._check_tag(node, path, _MAP)
        out: dict = {}
        key_marks = self.loaded.key_marks
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._problem(key_node, path, "不支持 YAML 合并键 <<", "请直接写出各字段")
                continue
            if type(key_node) is not yaml.ScalarNode:
                self._problem(key_node, path, "字段名必须是文字", "检查这一行的缩进和冒号")
                continue
            key = _clean(str(key_node.value))
            if key in out:
                first = key_marks.get((*path, key), (None,))[0]
                self._problem(
                    key_node,
                    (*path, key),
                    f"字段 {key} 重复出现（第一次在第 {first} 行）",
                    "同一层中每个字段只能写一次，请删除或合并其中一处",
                )
                continue
            km = key_node.start_mark
            here = (*path, key)
            key_marks[here] = (km.line + 1, km.column + 1)
            out[key] = self.build(value_node, here, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._check_tag(node, path, "scalar")
            return None
        style = node.style
        if not style and self.hashes and node.end_mark.line in self.hashes:
            self._comment_after(node, path)
        if tag == _STR:
            value = node.value  # most values: the constructor's bookkeeping would return just this
        elif tag == _TIMESTAMP:
            # Keep the text: the schema parses dates itself, so 2021-13-45 gets a located message.
            return _clean(node.value)
        elif tag == _FLOAT:
            # Keep the digits as written: 462083.30 万元 must print with its two decimals, and
            # a float would also turn a title like 1.10 into 1.1.
            return node.value
        elif tag == _INT and not _DECIMAL_INT.fullmatch(node.value):
            # YAML 1.1 reads 010 as octal 8 and 1:30 as 90: an indicator 010 must stay 010.
            return node.value
        else:
            try:
                value = _constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError):
                value = node.value
        if (
            isinstance(value, str)
            and style in (None, "", ">")
            and node.end_mark.line > node.start_mark.line
        ):
            value = _unfold(value)
        return _clean(value) if isinstance(value, str) else value

    def _comment_after(self, node: yaml.ScalarNode, path: Path_) -> None:
        """Note a " #" after a plain value on its last line: YAML ended the value there."""
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        m = _COMMENT_AFTER.match(rest)
        if m:
            column = end.column + m.start(1) + 1
            self.loaded.comments[path] = (end.line + 1, column, m.group(2).strip())


_COMMENT_AFTER = re.compile(r"[ \t]+(#)(.*)")


# YAML joins the lines of a plain or folded (>) value with a space: right for English, a stray gap
# in Chinese (工作。 明确, 2021年 召开). Chinese text sets no space beside a Chinese character (nor
# beside a Word line break, which ends the line anyway).
# The space comes first, so that the search jumps from space to space (six times faster than
# trying the lookbehinds at every character).
_FOLD_SPACE = re.compile(f" (?:(?<=[{CHINESE}{_BREAK}] )(?=\\S)|(?<=\\S )(?=[{CHINESE}{_BREAK}]))")


def _unfold(text: str) -> str:
    return _FOLD_SPACE.sub("", text)


def _clean(text: str) -> str:
    """Values are free of characters Word cannot store, even those written as "\\x01" escapes."""
    return clean_control(text.replace(_BREAK, "\n") if _BREAK in text else text)


def dotted_path(path: Path_) -> str:
    """A path into the data as a clerk reads it in a message: ``problems[0].measures[1].unit``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe_value(value: Any) -> str:
    """What a value that has the wrong shape is, as a message says it after 现在是: the one
    wording for the report, the wording file and the profiles."""
    if isinstance(value, dict):
        return "若干“键: 值”"
    if isinstance(value, list):
        return f"一个列表（{len(value)} 项）"
    if value is None:
        return "空的"
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, (int, float)):
        return f"数值 {shown_number(value)}"
    text = str(value)
    return f"一段文字“{text if len(text) <= 20 else text[:20] + '…'}”"


def shown_number(value: float) -> str:
    """A number as a message shows it: 24.5, 200; an integer too long for a float (a key held
    down) by its length, not by 400 digits or an overflow."""
    if isinstance(value, int) and abs(value) >= 10**16:
        return f"一个 {len(str(abs(value))) if value.bit_length() < 10_000 else '上万'} 位的整数"
    return f"{value:g}"
