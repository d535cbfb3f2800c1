"""The house wording (data/wording.yaml): default titles, headings and generated sentences.

An office may edit the file, so it is checked when loaded against :data:`SHAPE`, the one
description of what it holds: which entries, each one text or a list of a fixed number of texts,
and which {placeholders} each text may use (those the context fills in; entries printed as written
take none). Every problem is reported at once, located in the file, as for a report.
"""

from __future__ import annotations

import difflib
import string
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError
from ..resources import data_dir
from .loader import Loaded, describe_value, load_yaml

__all__ = ["SHAPE", "Group", "Text", "Texts", "check_wording", "load_wording"]


@dataclass(frozen=True)
class Text:
    """One text; ``names`` are the placeholders filled into it (none: it is printed as written)."""

    label: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Texts:
    """A list of texts without placeholders, one per column named in ``columns``."""

    label: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """Entries under one key."""

    label: str
    entries: dict[str, Text | Texts | Group]


_TITLE = ("year", "region", "review")
_OPENING = ("basis", "issuer", "year", "region", "review")
_REPORT = ("report", "report_date")

SHAPE = Group(
    "措辞文件",
    {
        "titles": Group(
            "默认标题",
            {
                "self_assessment": Text("自查报告的默认标题", _TITLE),
                "rectification": Text("整改报告的默认标题", _TITLE),
            },
        ),
        "issuer": Text("默认署名", ("region",)),
        "headings": Group(
            "章节名",
            {
                "basic": Text("基本情况"),
                "rectification": Text("整改情况"),
                "problems": Text("存在的问题"),
                "next_steps": Text("下一步工作"),
            },
        ),
        "problem_heading": Text("整改问题的标题", ("title",)),
        "opening": Group(
            "开头",
            {
                "self_assessment": Text("有依据文件时自查报告的开头", _OPENING),
                "self_assessment_no_basis": Text("无依据文件时自查报告的开头", _OPENING),
                "rectification": Text("有依据文件时整改报告的开头", _OPENING),
                "rectification_no_basis": Text("无依据文件时整改报告的开头", _OPENING),
            },
        ),
        "inspection": Group(
            "生成的基本情况",
            {
                "visit": Text("实地督导", ("dates", "by", "region", "year")),
                "report": Text("督导报告及其印发日期", _REPORT),
                "report_no_date": Text("未写印发日期的督导报告", _REPORT),
                "grade": Text("总体评价", ("region", "grade")),
                "problems": Text("主要问题", ("region", "problems")),
                "response": Text("整改部署", ("region",)),
            },
        ),
        "figures": Group(
            "数据表",
            {
                "header": Texts("表头", ("指标", "本年", "上年", "同比增减")),
                "empty": Text("空格处填写的内容"),
                "up": Text("同比增长", ("pct",)),
                "down": Text("同比下降", ("pct",)),
                "flat": Text("同比持平"),
                "up_points": Text("比率上升的百分点", ("pct",)),
                "down_points": Text("比率下降的百分点", ("pct",)),
            },
        ),
        "ledger": Group(
            "整改台账",
            {
                "title": Text("台账标题"),
                "header": Texts(
                    "表头",
                    ("序号", "问题", "整改措施", "责任单位", "责任人", "整改时限", "完成情况"),
                ),
                "empty": Text("空格处填写的内容"),
                "evidence": Text("佐证材料一栏的表头"),
            },
        ),
        "closing": Text("默认结束语（closing: true 时用）"),
    },
)


def load_wording(path: Path | None = None) -> dict[str, Any]:
    """The wording in ``path`` (the shipped data/wording.yaml by default), checked against
    :data:`SHAPE`; raises InputError listing every problem. Read once per file version."""
    path = Path(path) if path else data_dir() / "wording.yaml"
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    found = _load(str(path), stamp)
    if isinstance(found, InputError):
        raise found
    return found


@lru_cache(maxsize=8)
def _load(path: str, stamp: tuple[int, int] | None) -> dict[str, Any] | InputError:
    """Cached by file and version, failures too: a batch with a broken file reads it once."""
    try:
        loaded = load_yaml(path)
    except InputError as e:
        # Missing, empty or not text at all: the loader's hints are about report files.
        restore = "这是 reportgen 的措辞文件：从 reportgen 的安装包中恢复 data/wording.yaml"
        return InputError([p if p.line else replace(p, hint=restore) for p in e.diagnostics])
    problems = check_wording(loaded)
    return InputError(problems) if problems else loaded.data


# ---- checking ---------------------------------------------------------------------------------


def check_wording(loaded: Loaded) -> list[Diagnostic]:
    """Every way ``loaded`` differs from :data:`SHAPE`, in file order. A whole number where text
    is expected (a header 2021) is taken as that text."""
    problems: list[Diagnostic] = []
    _check_group(loaded, (), SHAPE, loaded.data, problems)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.path))


def _check_group(
    loaded: Loaded, path: tuple, group: Group, value: Any, out: list[Diagnostic]
) -> None:
    if not isinstance(value, dict):
        keys = "、".join(group.entries)
        where = f"在 {path[-1]}: 下面缩进两格，" if path else ""
        out.append(
            loaded.diagnostic(
                path,
                group.label if path else "",
                f"应为若干“键: 值”，现在是{describe_value(value)}",
                f"{where}逐行写出 {keys} 各项",
            )
        )
        return
    unknown = [k for k in value if k not in group.entries]
    guessed: set[str] = set()
    for k in unknown:
        guess = difflib.get_close_matches(str(k), list(group.entries), n=1, cutoff=0.6)
        if guess and guess[0] not in value:
            guessed.add(guess[0])
            hint = f"是否应为 {guess[0]}？"
        else:
            hint = f"这里可用的项：{'、'.join(group.entries)}；不用的项请删除"
        out.append(loaded.diagnostic((*path, k), "", f"未知的项“{k}”", hint, key=True))
    for k, spec in group.entries.items():
        if k not in value:
            if k in guessed:
                continue  # named above as the near spelling of an unknown key
            parent = f"在 {'.'.join(map(str, path))} 下" if path else "在文件顶层"
            out.append(
                loaded.diagnostic(
                    (*path, k),
                    spec.label,
                    "缺少这一项",
                    f"{parent}加上一行 “{k}: ”，后接{_expected(spec)}",
                    key=bool(path),
                    at=path,
                )
            )
        elif isinstance(spec, Group):
            _check_group(loaded, (*path, k), spec, value[k], out)
        elif isinstance(spec, Texts):
            _check_texts(loaded, (*path, k), spec, value[k], out)
        else:
            _check_text(loaded, (*path, k), spec, value[k], out)


def _check_texts(
    loaded: Loaded, path: tuple, spec: Texts, value: Any, out: list[Diagnostic]
) -> None:
    n = len(spec.columns)
    columns = "、".join(spec.columns)
    if not isinstance(value, list):
        out.append(
            loaded.diagnostic(
                path,
                spec.label,
                f"应为 {n} 项文字的列表，现在是{describe_value(value)}",
                f"写成 [{', '.join(spec.columns)}] 这样，依次是 {columns} 各列的表头",
            )
        )
        return
    if len(value) != n:
        out.append(
            loaded.diagnostic(
                path,
                spec.label,
                f"应有 {n} 项，现在有 {len(value)} 项",
                f"表格有 {n} 列，依次是 {columns}，每列一项",
            )
        )
    for i, item in enumerate(value):
        _check_text(loaded, (*path, i), Text(spec.label), item, out)


def _check_text(loaded: Loaded, path: tuple, spec: Text, value: Any, out: list[Diagnostic]) -> None:
    def problem(message: str, hint: str) -> None:
        out.append(loaded.diagnostic(path, spec.label, message, hint))

    if isinstance(value, int) and not isinstance(value, bool):
        _set(loaded.data, path, str(value))  # 2021 is text here, as in a YAML string
        return
    if not isinstance(value, str):
        if value is None:
            problem("没有填写", '写上措辞；要留空时写成两个英文引号 ""')
        elif isinstance(value, bool):
            problem(
                "应为一段文字，现在被读成了是/否（YAML 把 yes、no、on、off 等词读作是/否）",
                '给这段文字加上英文引号，如 "no"',
            )
        else:
            problem(f"应为一段文字，现在是{describe_value(value)}", _one_text_hint(value))
        return
    try:
        fields = list(string.Formatter().parse(value))
    except ValueError:
        problem(
            f"花括号不配对：“{_brief(value)}”",
            "占位符写成 {region} 这样，前后各一个花括号；要印出花括号本身时写成 {{ 或 }}",
        )
        return
    allowed = "、".join(f"{{{n}}}" for n in spec.names)
    for _, name, spec_, conversion in fields:
        if name is None:
            continue
        written = (
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec_}" if spec_ else "")
            + "}"
        )
        if not spec.names:
            problem(
                f"这一项不填入任何内容，“{written}”会原样印出",
                "删去这个占位符，只写文字；要印出花括号本身时写成 {{ 或 }}",
            )
        elif name not in spec.names:
            guess = difflib.get_close_matches(name, spec.names, n=1, cutoff=0.5)
            hint = f"这一项可用的占位符：{allowed}"
            if guess:
                hint = f"是否应为 {{{guess[0]}}}？{hint}"
            problem(f"未知的占位符“{written}”", hint)
        elif conversion or spec_:
            problem(f"占位符“{written}”只能写成 {{{name}}}", f"改为 {{{name}}}")


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _expected(spec: Text | Texts | Group) -> str:
    if isinstance(spec, Group):
        return f"缩进写出的 {'、'.join(spec.entries)} 各项"
    if isinstance(spec, Texts):
        return f"{len(spec.columns)} 项表头 [{', '.join(spec.columns)}]"
    if spec.names:
        return f"措辞，可用占位符 {'、'.join(f'{{{n}}}' for n in spec.names)}"
    return "措辞"


def _one_text_hint(value: Any) -> str:
    if isinstance(value, list):
        return "这里只写一段文字，不要用 [ ] 或“- ”列出多项"
    return "这里只写一段文字，不要在下面缩进写出“键: 值”"


def _brief(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"
