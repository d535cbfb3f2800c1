"""Layout profiles: GB/T 9704's numbers and an office's variations of them, read into a checked
:class:`~reportgen.gbt9704.Standard`.

A profile is a YAML file in data/profiles/ (``national.yaml`` holds the standard's numbers), named
by its file name (``gbk-fonts``), or any file given by its path. A variation names its ``base``
and writes only what differs; the base lies under it as a defaults file lies under a district's
(read/defaults.py: ``键: 值`` blocks merged key by key, lists, texts and numbers replaced whole).
The merged data is checked against the Standard's own fields, which carry their Chinese names:
every key known (a near spelling named), every value of its kind and range, and the numbers
consistent with each other (a text block left, the lines and characters fitting it). Every
problem is reported at once, located in the file the value came from. Read once per version of
the files.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError, RuleError
from ..gbt9704 import MM_PER_PT, Standard
from ..resources import data_dir
from .defaults import merge_defaults
from .loader import Loaded, describe_value, dotted_path, load_yaml, shown_number

__all__ = [
    "DEFAULT_PROFILE",
    "check_profile_name",
    "load_profile",
    "profile_names",
    "profiles_dir",
]

DEFAULT_PROFILE = "national"
_SUFFIXES = (".yaml", ".yml")
_RESTORE = "这是 reportgen 的版式方案：从 reportgen 的安装包中恢复 data/profiles/{name}"

# Ranges a value must lie in: (lowest, highest, whether the lowest itself is allowed).
_RANGES: dict[str, tuple[float, float, bool]] = {
    "tolerance_mm": (0, 10, True),
    "size_pt": (5, 72, True),
    "lines_per_page": (1, 100, True),
    "chars_per_line": (1, 100, True),
    "indent_chars": (0, 10, True),
    "line_pitch_pt": (5, 200, True),
    "gap_mm": (0, 50, True),
    "header_mm": (0, 100, True),
    "footer_mm": (0, 100, True),
}
_DEFAULT_RANGE = (0, 2000, False)
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")


def profiles_dir() -> Path:
    return data_dir() / "profiles"


def profile_names() -> list[str]:
    """The shipped profiles' names, the national one first."""
    names = sorted(p.stem for p in profiles_dir().glob("*.yaml"))
    return sorted(names, key=lambda n: n != DEFAULT_PROFILE)


def check_profile_name(name: str) -> str:
    """``name`` if a profile of that name (or a file at that path) exists; else a RuleError that
    names the near spelling and the profiles there are."""
    if _path_of(name).is_file():
        return name
    names = profile_names()
    guess = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    listed = "、".join(names)
    hint = f"是否应为 {guess[0]}？" if guess else ""
    raise RuleError(
        f"没有名为“{name}”的版式方案",
        f"{hint}可用的方案：{listed}（data/profiles/ 中的文件名），或写出方案文件的路径",
    )


def _path_of(name: str | Path) -> Path:
    text = str(name)
    if isinstance(name, Path) or text.lower().endswith(_SUFFIXES) or "/" in text or "\\" in text:
        return Path(name)
    return profiles_dir() / f"{text}.yaml"


def load_profile(name: str | Path | None = None) -> Standard:
    """The Standard of the profile ``name`` (a shipped profile's name or a file's path; the
    national one by default). Raises InputError listing every problem, located in its files."""
    name = name or DEFAULT_PROFILE
    if isinstance(name, str) and not _path_of(name).is_file():
        try:
            check_profile_name(name)
        except RuleError as e:
            raise InputError.single(name, e.message, e.hint, path=None) from None
    path = _path_of(name)
    found = _load(str(path.resolve()), _stamps(path))
    if isinstance(found, InputError):
        raise found
    return found


def _stamps(path: Path) -> tuple:
    """The versions of the file and of every profile it may name as its base."""
    files = [path, *sorted(profiles_dir().glob("*.yaml"))]
    if path.parent != profiles_dir():
        files += sorted(p for s in _SUFFIXES for p in path.parent.glob(f"*{s}"))
    out: list[tuple[str, int | None, int | None]] = []
    for f in files:
        try:
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(f), None, None))
    return tuple(out)


@lru_cache(maxsize=32)
def _load(path: str, stamps: tuple) -> Standard | InputError:
    """Cached by the files' versions, failures too: a batch reads a broken profile once."""
    try:
        loaded = _merged(Path(path), [])
    except InputError as e:
        return e
    problems: list[Diagnostic] = []
    std = _build(Standard, loaded.data, (), loaded, problems)
    if std is not None:
        problems += _consistency(std, loaded)
    if problems:
        return InputError(sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0)))
    assert isinstance(std, Standard)
    return std


def _read(path: Path) -> Loaded:
    shipped = path.parent.resolve() == profiles_dir().resolve()
    try:
        loaded = load_yaml(path)
    except InputError as e:
        if not shipped:
            raise
        restore = _RESTORE.format(name=path.name)
        raise InputError(
            [p if p.line else dataclasses.replace(p, hint=restore) for p in e.diagnostics]
        ) from None
    if not isinstance(loaded.data, dict):
        raise InputError.single(
            path,
            "版式方案的顶层应为若干“键: 值”",
            "照 data/profiles/ 中的文件写：第一行 base: national，再写与它不同的项",
            line=1,
        )
    return loaded


def _merged(path: Path, chain: list[Path]) -> Loaded:
    """The profile at ``path`` over its bases, ``base`` itself taken out."""
    loaded = _read(path)
    base = loaded.data.pop("base", None)
    if base is None:
        return loaded
    where = loaded.mark(("base",))
    line, column = where if where else (None, None)

    def problem(message: str, hint: str) -> InputError:
        return InputError(
            [
                Diagnostic(
                    file=loaded.file,
                    line=line,
                    column=column,
                    path="base",
                    label="基于的方案",
                    message=message,
                    hint=hint,
                )
            ]
        )

    if not isinstance(base, str) or not base.strip():
        raise problem("应为另一个方案的名称", "写成 base: national")
    beside = path.parent / f"{base}.yaml"
    base_path = beside if beside.is_file() else _path_of(base)
    if not base_path.is_file():
        try:
            check_profile_name(base)
        except RuleError as e:
            raise problem(e.message, e.hint) from None
    if base_path.resolve() in chain or base_path.resolve() == path.resolve():
        raise problem(
            f"方案“{base}”又以本方案为基础，形成循环", "base 应指向 national 这样的完整方案"
        )
    under = _merged(base_path, [*chain, path.resolve()])
    return merge_defaults(loaded, under)


# ---- checking the merged data against the Standard's fields ---------------------------------


def _build(cls: type, value: Any, path: tuple, loaded: Loaded, out: list[Diagnostic]) -> Any:
    """An instance of dataclass ``cls`` from ``value``, or None with the problems in ``out``."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if not isinstance(value, dict):
        keys = "、".join(fields)
        where = f"在 {path[-1]}: 下面缩进两格，" if path else ""
        label = _label_of(loaded, path)
        out.append(
            loaded.diagnostic(
                path,
                label,
                f"应为若干“键: 值”，现在是{describe_value(value)}",
                f"{where}逐行写出 {keys} 中要写的项",
            )
        )
        return None
    before = len(out)
    for key in value:
        if key not in fields:
            guess = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
            # (the near key may be there already, from the base: still the likely meaning)
            hint = f"是否应为 {guess[0]}？" if guess else f"这里可写的项：{'、'.join(fields)}"
            out.append(loaded.diagnostic((*path, key), "", f"未知的项“{key}”", hint, key=True))
    hints = typing.get_type_hints(cls)
    made: dict[str, Any] = {}
    for name, f in fields.items():
        label = f.metadata.get("label", "")
        if name not in value:
            if f.metadata.get("optional"):
                made[name] = None
                continue
            parent = f"在 {dotted_path(path)} 下" if path else "在文件顶层"
            out.append(
                loaded.diagnostic(
                    (*path, name),
                    label,
                    "缺少这一项",
                    f"{parent}加上 “{name}: ”；或第一行写 base: national，只写与它不同的项",
                    key=bool(path),
                )
            )
            continue
        made[name] = _value(hints[name], value[name], (*path, name), label, f, loaded, out)
    if len(out) > before:
        return None
    return cls(**made)


def _value(
    kind: Any, value: Any, path: tuple, label: str, f, loaded: Loaded, out: list[Diagnostic]
) -> Any:
    def problem(message: str, hint: str) -> None:
        out.append(loaded.diagnostic(path, label, message, hint))

    args = typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, path, loaded, out)  # type: ignore[arg-type]
    if value is None:
        if f.metadata.get("optional"):
            return None
        problem("没有填写", "写上数值或文字，或删去这一行沿用基础方案的值")
        return None
    if typing.get_origin(kind) is typing.Literal:
        if value not in args:
            choices = "、".join(map(str, args))
            guess = difflib.get_close_matches(str(value), [str(a) for a in args], n=1)
            hint = f"是否应为 {guess[0]}？" if guess else f"可写：{choices}"
            problem(f"“{value}”不是可选的值", hint)
        return value
    if kind is str:
        if not isinstance(value, str) or isinstance(value, bool):
            problem(f"应为文字，现在是{describe_value(value)}", '加上英文引号，如 "— "')
            return None
        return value
    if typing.get_origin(kind) is tuple:  # a list of font names; one name alone is a list of one
        items = [value] if isinstance(value, str) else value
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(i, str) and i.strip() for i in items)
        ):
            what = describe_value(value)
            problem(f"应为字体名称的列表，现在是{what}", "写成 [仿宋_GB2312, 仿宋] 这样")
            return None
        return tuple(i.strip() for i in items)
    number_kinds = [a for a in (args or (kind,)) if a in (int, float)]
    if number_kinds:
        whole = number_kinds == [int]
        if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
            value = float(value)  # the loader keeps a decimal's digits as written: 24.5
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            what = describe_value(value)
            problem(f"应为{'整数' if whole else '数值'}，现在是{what}", "只写数字，不写单位")
            return None
        if whole and value != int(value):
            problem(f"应为整数，现在是 {value:g}", f"改为 {round(value)}")
            return None
        low, high, inclusive = _RANGES.get(path[-1], _DEFAULT_RANGE)
        if value > high or value < low or (value == low and not inclusive):
            at_least = f"不小于 {low:g}" if inclusive else f"大于 {low:g}"
            problem(f"{shown_number(value)} 超出范围", f"应{at_least}、不大于 {high:g}")
            return None
        return int(value) if whole else float(value)
    raise TypeError(f"no reading for {kind!r}")  # a field type this reader does not know: a bug


def _label_of(loaded: Loaded, path: tuple) -> str:
    cls: Any = Standard
    label = ""
    for part in path:
        f = {x.name: x for x in dataclasses.fields(cls)}.get(part)
        if f is None:
            return ""
        label = f.metadata.get("label", "")
        cls = typing.get_type_hints(cls).get(part)
        if not dataclasses.is_dataclass(cls):
            break
    return label


def _consistency(std: Standard, loaded: Loaded) -> list[Diagnostic]:
    """The numbers together: a text block left on the page, the lines and characters fitting it,
    the indents and the page number inside it."""
    out: list[Diagnostic] = []

    def problem(path: tuple, message: str, hint: str) -> None:
        out.append(loaded.diagnostic(path, _label_of(loaded, path), message, hint))

    width, height = std.text_width_mm, std.text_height_mm
    if width < 50:
        problem(
            ("margins", "left_mm"),
            f"左右边距之和使版心只剩 {width:g} mm 宽",
            f"纸宽 {std.page.width_mm:g} mm，左右边距之和应小于 {std.page.width_mm - 50:g} mm",
        )
    if height < 50:
        problem(
            ("margins", "top_mm"),
            f"上下边距之和使版心只剩 {height:g} mm 高",
            f"纸高 {std.page.height_mm:g} mm，上下边距之和应小于 {std.page.height_mm - 50:g} mm",
        )
    if out:
        return out
    height_pt = height / MM_PER_PT
    lines = std.grid.lines_per_page
    if std.grid.line_pitch_pt is not None:
        fits = math.floor(height_pt / std.grid.line_pitch_pt + 1e-6)
        if fits != lines:
            problem(
                ("grid", "line_pitch_pt"),
                f"行距 {std.grid.line_pitch_pt:g} 磅时，{height:g} mm 高的版心排 {fits} 行，"
                f"不是 {lines} 行",
                f"把 lines_per_page 改为 {fits}，或改行距",
            )
    body = std.faces.body
    per_char = width / MM_PER_PT / std.grid.chars_per_line
    if per_char < body.size_pt * 0.85 or per_char > body.size_pt * 1.5:
        fits = math.floor(width / MM_PER_PT / body.size_pt)
        problem(
            ("grid", "chars_per_line"),
            f"{width:g} mm 宽的版心每行排 {std.grid.chars_per_line} 个 {body.size_pt:g} 磅的字，"
            f"每字只有 {per_char:.1f} 磅宽",
            f"每行约排 {fits} 字；或改正文字号 faces.body.size_pt",
        )
    if std.grid.indent_chars >= std.grid.chars_per_line:
        problem(("grid", "indent_chars"), "段首缩进不小于每行字数", "一般缩进 2 字")
    if std.page_number.footer_mm >= std.margins.bottom_mm:
        problem(
            ("page_number", "footer_mm"),
            f"页脚距纸张下边 {std.page_number.footer_mm:g} mm，进入了版心",
            f"应小于下边距 {std.margins.bottom_mm:g} mm",
        )
    return out
