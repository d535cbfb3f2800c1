"""Next year's file from this year's (``reportgen new --from 2022.yaml --year 2023``).

Edited in place with ruamel.yaml's round trip, so the clerk's comments, order and layout stay:

- ``year`` moves on, and so does a year in a written ``title``;
- ``date`` moves on by as many years and is marked ``待填`` (validate says so until it is checked);
- every figure's ``value`` becomes its ``previous`` and the new value is ``待填``; a ``growth``
  given without last year's value is dropped (it was last year's);
- a rectification report keeps the measures not yet done (status other than 已完成), with their
  status, and the problems that still have one;
- text is kept for editing.

The first lines of the new file list what the clerk must update, with their lines.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..command import RUN, command
from ..errors import InputError
from ..model.placeholders import TO_FILL, fill_mark
from ..read.loader import decode_text, load_yaml_text
from ..text.dates import parse_date

__all__ = ["Rolled", "roll_forward", "roll_forward_text"]


@dataclass
class Rolled:
    text: str
    todo: list[str] = field(default_factory=list)
    year: int = 0  # the new file's
    previous_year: int | None = None  # the file's it came from, when it said one


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, key order and quoting kept
    y.width = 1 << 20  # never re-wrap a long line of text
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def roll_forward(source: str | Path, year: int | None = None) -> Rolled:
    """This year's file ``source`` → next year's text (``year``: the new year, default +1)."""
    name = str(source)
    try:
        raw = Path(source).read_bytes()
    except OSError as e:
        raise InputError.single(
            name, f"无法读取文件：{e.strerror}", "检查文件名和所在文件夹"
        ) from e
    return roll_forward_text(decode_text(raw, name), name, year)


def roll_forward_text(
    text: str, name: str, year: int | None = None, *, how: str = command("new --from")
) -> Rolled:
    """:func:`roll_forward` of a file's text (``name`` is what messages call it; ``how`` what the
    new file's first line says made it: the command, or the web page's button)."""
    load_yaml_text(text, name)  # the loader's located messages for a broken file
    try:
        data = _yaml().load(text)
    except YAMLError as e:  # what the loader accepts and ruamel does not: rare
        raise InputError.single(name, f"无法按原样改写这个文件：{e}", "请检查文件格式") from e
    if not isinstance(data, CommentedMap):
        raise InputError.single(name, "文件顶层应为若干“键: 值”", "请给出一份报告的 YAML 文件")
    todo: list[str] = []
    old = data.get("year")
    old_year = (
        int(old) if isinstance(old, int) or (isinstance(old, str) and old.isdigit()) else None
    )
    if year is None:
        if old_year is None:
            raise InputError.single(
                name,
                "文件中没有年度（year），不知道下一年是哪一年",
                "用 --year 指定，如 --year 2023"
                if how.startswith(RUN)
                else "在“新文件的年度”中填写，如 2023",
            )
        year = old_year + 1
    step = year - old_year if old_year is not None else 1
    data["year"] = year
    title = data.get("title")
    if isinstance(title, str) and old_year is not None and str(old_year) in title:
        data["title"] = title.replace(str(old_year), str(year))
        todo.append(f"标题中的年份已改为 {year}，请核对标题")
    _date(data, step, todo)
    figures = _figures(data)
    if figures:
        todo.append(f"数据表 {figures} 项的本年数值（value: {TO_FILL}；上年数值已移到 previous）")
    _measures(data, todo)
    if old_year is not None:
        mentions = sum(str(v).count(f"{old_year}年") for v in _texts(data))
        if mentions:
            todo.append(
                f"正文中有 {mentions} 处写到“{old_year}年”，文字和数字照上一年保留，请逐段改写"
            )
    else:
        todo.append("正文照上一年保留，请逐段改写")
    out = io.StringIO()
    _yaml().dump(data, out)
    body = out.getvalue()
    head = [f"# 由 {name} 生成的 {year} 年文件（{how}）。需要更新："]
    head += [f"#   {n}. {t}" for n, t in enumerate(_with_lines(todo, body), 1)]
    if how.startswith(RUN):
        head.append(
            f"# 改好后运行 {command('validate')} 检查（“待填”处会逐个指出），"
            f"再 {command('render')} 生成。"
        )
    else:
        head.append("# “待填”处在检查结果中逐个列出，填好后即可生成。")
    return Rolled("\n".join(head) + "\n\n" + body, todo, year, old_year)


def _date(data: CommentedMap, step: int, todo: list[str]) -> None:
    value = data.get("date")
    if value is None:
        return
    try:
        d = parse_date(str(value))
        new = f"{d.year + step:04d}-{d.month:02d}-{(d.day or 1):02d}"
    except (ValueError, TypeError):
        new = ""
    data["date"] = fill_mark(new)
    todo.append(f"成文日期（date: {fill_mark(new)}：已按上一年顺延，核对后删去“{TO_FILL}”）")


def _figures(node: Any) -> int:
    """Each figure: value → previous, value 待填, growth dropped; the count."""
    count = 0
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if key == "figures" and isinstance(value, CommentedSeq):
                for fig in value:
                    if isinstance(fig, CommentedMap) and "value" in fig:
                        _figure(fig)
                        count += 1
            else:
                count += _figures(value)
    elif isinstance(node, CommentedSeq):
        for item in node:
            count += _figures(item)
    return count


def _figure(fig: CommentedMap) -> None:
    value = fig["value"]
    fig["value"] = TO_FILL
    if "previous" in fig:
        fig["previous"] = value
    else:
        at = list(fig).index("value") + 1
        fig.insert(at, "previous", value)
    if "growth" in fig:
        del fig["growth"]


def _measures(data: CommentedMap, todo: list[str]) -> None:
    """A rectification report keeps the measures not done yet, and their problems."""
    problems = data.get("problems")
    if data.get("kind") != "rectification" or not isinstance(problems, CommentedSeq):
        return
    open_by_problem: list[list[int] | None] = []  # None: the problem has no measures list
    done = 0
    for p in problems:
        measures = p.get("measures") if isinstance(p, CommentedMap) else None
        if not isinstance(measures, CommentedSeq):
            open_by_problem.append(None)
            continue
        open_ = [i for i, m in enumerate(measures) if not _done(m)]
        done += len(measures) - len(open_)
        open_by_problem.append(open_)
    carried = sum(len(o) for o in open_by_problem if o)
    if not carried:
        todo.append("上一年的整改措施都已完成：problems 照上一年保留，请改写为今年的问题和措施")
        return
    for i in reversed(range(len(problems))):
        kept = open_by_problem[i]
        if kept is None:
            continue
        if not kept:
            del problems[i]
            continue
        measures = problems[i]["measures"]
        for k in reversed(range(len(measures))):
            if k not in kept:
                del measures[k]
    todo.append(
        f"整改措施：已完成的 {done} 项已删去，未完成的 {carried} 项连同完成情况（status）保留，"
        "请更新完成情况和正文"
    )


def _done(measure: Any) -> bool:
    return isinstance(measure, CommentedMap) and measure.get("status") == "已完成"


def _texts(node: Any):
    if isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)
    elif isinstance(node, str):
        yield node


def _with_lines(todo: list[str], body: str) -> list[str]:
    """The to-do list, each placeholder item with the lines where its 待填 stands (counted in the
    final file: the header's lines come first)."""
    lines = [n for n, line in enumerate(body.splitlines(), 1) if re.search(rf":\s*{TO_FILL}", line)]
    if not lines:
        return todo
    offset = len(todo) + 4  # the header's first line, its items, its last line, a blank line
    where = "、".join(str(n + offset) for n in lines[:12]) + (" 等" if len(lines) > 12 else "")
    return [*todo, f"“{TO_FILL}”在第 {where} 行"]
