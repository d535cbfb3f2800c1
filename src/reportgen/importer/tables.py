"""Tables classified by their header: figures (指标/本年/上年/同比), ledgers (问题/整改措施/
责任单位/责任人/整改时限/完成情况), or other tables kept as they are.

A figures row becomes name, value and unit ("473813.97万元" → 473813.97, 万元), previous value
and growth (增长2.54% → 2.54, 下降1.2% → -1.2); the unit may also come from the header
("本年（万元）"), a unit column, or the table's unit line (单位：万元). A ledger row becomes
problem, measure, unit, person, deadline and status; a problem cell merged over several rows
applies to each, and a row whose cells are all one merged cell is a group heading naming the
problem.
"""

from __future__ import annotations

import re

from .blocks import Table, Where
from .outline import Figure, LedgerRow, TableBlock

__all__ = ["classify", "parse_number", "status_of"]

_LEDGER_COLUMNS = [
    ("number", re.compile(r"^(序号|编号|序)$")),
    ("problem", re.compile(r"问题|存在不足|反馈意见")),
    ("measure", re.compile(r"措施|整改任务|整改内容|整改举措")),
    ("unit", re.compile(r"责任单位|牵头单位|责任部门|牵头部门|配合单位|责任主体")),
    ("person", re.compile(r"责任人|负责人|联系人")),
    ("deadline", re.compile(r"时限|期限|完成时间|整改时间")),
    ("status", re.compile(r"完成情况|整改情况|进展|进度|状态|整改结果")),
    ("evidence", re.compile(r"佐证|证明材料|附件材料")),
]
_NAME = re.compile(r"指标|项目|名称|内容|类别")
_VALUE = re.compile(r"本年|今年|当年|本期|数值|数量|金额|完成数|实际")
_PREVIOUS = re.compile(r"上年|去年|上期|同期")
_GROWTH = re.compile(r"同比|增长|增减|增幅|变化|比上年|较上年")
_UNIT_COL = re.compile(r"^(计量)?单位$")
_YEAR = re.compile(r"^(\d{4})\s*年(度)?")
_NUMBER = re.compile(r"^[+\-−]?\d[\d,，]*(?:\.\d+)?")
_HEADER_UNIT = re.compile(r"[（(]\s*([^（）()]{1,8})\s*[）)]\s*$")
_STATUS = [
    ("已完成", re.compile(r"^(已完成|完成|已整改|已落实|已办结)")),
    ("持续推进", re.compile(r"持续|推进|正在|进行中|长期|逐步|部分完成")),
    ("未开始", re.compile(r"^(未开始|未启动|尚未)")),
]


def status_of(text: str) -> str:
    """已完成 / 持续推进 / 未开始 for the ways ledgers say them, else the text as written."""
    t = text.strip()
    for status, pattern in _STATUS:
        if pattern.search(t):
            return status
    return t


def parse_number(text: str) -> tuple[str | None, str]:
    """("473813.97", "万元") from "473813.97万元"; (None, "") for —, – or an empty cell."""
    t = text.strip().replace(" ", "").replace("\u3000", "")
    if t in {"", "—", "——", "-", "–", "/", "无", "—%"}:
        return None, ""
    m = _NUMBER.match(t)
    if not m:
        return None, ""
    digits = m.group(0).replace(",", "").replace("，", "").replace("−", "-").lstrip("+")
    return digits, t[m.end() :]


def _growth(text: str) -> tuple[str | None, str]:
    t = text.strip().replace(" ", "")
    sign = ""
    for word in ("下降", "减少", "降低", "减"):
        if t.startswith(word):
            sign, t = "-", t[len(word) :]
            break
    else:
        for word in ("增长", "增加", "提高", "上升", "增"):
            if t.startswith(word):
                t = t[len(word) :]
                break
    value, unit = parse_number(t)
    if value is None:
        return None, ""
    if sign and not value.startswith("-"):
        value = "-" + value
    return value, unit


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        for key, pattern in _LEDGER_COLUMNS:
            if key not in found and pattern.search(h):
                found[key] = i
                break
    return found


def _ledger(header: list[str]) -> dict[str, int] | None:
    cols = _columns(header)
    core = {"problem", "measure", "unit", "person", "deadline", "status"} & cols.keys()
    if ("problem" in cols or "measure" in cols) and len(core) >= 3:
        return cols
    return None


def _figure_columns(header: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    years = [(int(m.group(1)), i) for i, h in enumerate(header) if (m := _YEAR.match(h))]
    for i, h in enumerate(header):
        if "name" not in cols and _NAME.search(h):
            cols["name"] = i
        elif "growth" not in cols and _GROWTH.search(h):
            cols["growth"] = i
        elif "previous" not in cols and _PREVIOUS.search(h):
            cols["previous"] = i
        elif "value" not in cols and _VALUE.search(h):
            cols["value"] = i
        elif "unit" not in cols and _UNIT_COL.match(h):
            cols["unit"] = i
    if len(years) >= 2 and "value" not in cols:
        years.sort()
        cols["value"] = years[-1][1]
        cols.setdefault("previous", years[-2][1])
    elif len(years) == 1 and "value" not in cols:
        cols["value"] = years[0][1]
    if "value" not in cols:
        return None
    cols.setdefault("name", 0)
    if cols["name"] == cols["value"]:
        return None
    return cols


def classify(table: Table, unit_line: str = "") -> TableBlock:
    """A table read from the file → a TableBlock with figures or ledger rows where it is one."""
    grid = [[c.strip() for c in row] for row in table.grid()]
    block = TableBlock(kind="other", src=table.where, grid=grid, rows=table.rows, unit=unit_line)
    if len(grid) < 2:
        return block
    header = [re.sub(r"\s+", "", h) for h in grid[0]]
    ledger = _ledger(header)
    if ledger is not None:
        block.kind = "ledger"
        block.ledger = _ledger_rows(grid, header, ledger, table)
        return block
    cols = _figure_columns(header)
    if cols is not None:
        figures = _figure_rows(grid, header, cols, table, unit_line)
        numeric = sum(1 for f in figures if f.value is not None)
        if figures and numeric * 2 >= len(figures):
            block.kind = "figures"
            block.figures = figures
    return block


def _header_unit(header: str) -> str:
    m = _HEADER_UNIT.search(header)
    return m.group(1) if m else ""


def _figure_rows(grid, header, cols, table: Table, unit_line: str) -> list[Figure]:
    out = []
    default_unit = unit_line or _header_unit(header[cols["value"]])
    for r, row in enumerate(grid[1:], start=2):
        name = row[cols["name"]]
        if not name or all(c == row[0] for c in row):
            continue
        value, unit = parse_number(row[cols["value"]])
        fig = Figure(name=name, value=value, unit=unit or default_unit, src=_row_where(table, r))
        if "unit" in cols and row[cols["unit"]]:
            fig.unit = row[cols["unit"]]
        if "previous" in cols:
            fig.previous, prev_unit = parse_number(row[cols["previous"]])
            if prev_unit and fig.unit and prev_unit != fig.unit:
                fig.notes.append(f"上年数值的单位“{prev_unit}”与本年“{fig.unit}”不同，请核对")
        if "growth" in cols:
            fig.growth, _ = _growth(row[cols["growth"]])
        if value is None and row[cols["value"]] not in {"", "—", "-"}:
            fig.notes.append(f"数值“{row[cols['value']]}”不是数字，已照原文保留在名称之外")
        out.append(fig)
    return out


def _row_where(table: Table, row: int) -> Where:
    return Where(table=table.where.table, row=row, line=table.where.line)


def _ledger_rows(grid, header, cols, table: Table) -> list[LedgerRow]:
    out = []
    group = ""
    for r, row in enumerate(grid[1:], start=2):
        if not any(row):
            continue
        if len(set(row)) == 1:  # one cell across the row: a group heading
            group = row[0]
            continue
        row_out = LedgerRow(src=_row_where(table, r))
        for key, i in cols.items():
            setattr(row_out, key, row[i])
        if not row_out.problem and group:
            row_out.problem = group
        row_out.status = status_of(row_out.status) if row_out.status else ""
        if row_out.deadline in {"—", "-", "/"}:
            row_out.deadline = ""
        if row_out.person in {"—", "-", "/"}:
            row_out.person = ""
        used = set(cols.values())
        row_out.extra = {header[i]: row[i] for i in range(len(row)) if i not in used and row[i]}
        out.append(row_out)
    return out
