"""Per-district figures from a spreadsheet (.csv or .xlsx), one row per region.

The first row names the columns: one region column (``地区``, ``地区名称``, ``region`` or ``name``),
optionally a parent column (``上级地区`` or ``parent``) to tell apart regions with the same name,
and one column per figure, named exactly as ``basic.figures[].name`` in the YAML. A figure column
may carry its unit in square brackets, ``教育支出[万元]``; the unit is used when the district's
file does not list that figure yet. A cell's number fills (or overrides) that figure's ``value``;
a column named with ``（上年）`` after the figure, ``教育支出（上年）``, fills its ``previous``
(last year's value, from which the report states the change). An empty cell leaves the
district's file as it is. Cells hold plain numbers only: a unit, a
thousands separator or text is reported as ``figures.csv:行:列: 列名 (列): …``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError
from ..text.numbers import malformed_number
from .loader import MAX_FILE_BYTES, Loaded

__all__ = ["FigureRow", "FigureSheet", "apply_figures", "load_figures", "region_key"]

_REGION = ("地区", "地区名称", "region", "name", "region.name")
_PARENT = ("上级地区", "上级", "parent", "region.parent")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_UNIT = re.compile(r"^(.+?)\s*[\[【]\s*(.*?)\s*[\]】]$")
_PREVIOUS = re.compile(r"^(.+?)\s*(?:[（(]\s*上年\s*[）)]|\.previous)$")

Key = tuple[str, str]  # (parent or "", name)


@dataclass(frozen=True)
class Cell:
    column: int
    name: str
    unit: str
    value: str | None  # the number as text, or None when the cell is bad
    problem: Diagnostic | None = None
    field: str = "value"  # or "previous" for a （上年） column


@dataclass(frozen=True)
class FigureRow:
    file: str
    line: int
    key: Key
    cells: tuple[Cell, ...]


@dataclass
class FigureSheet:
    """Rows by region; ``with_parent`` when regions are matched by parent and name."""

    file: str
    with_parent: bool
    rows: dict[Key, list[FigureRow]] = field(default_factory=dict)

    def row_for(self, loaded: Loaded) -> FigureRow:
        """The one row for a district's loaded file; InputError when there is none or several."""
        key = region_key(loaded.data, self.with_parent)
        found = self.rows.get(key, [])
        shown = "".join(key)
        if not found:
            where = ("region", "name")
            line, column = loaded.mark(where) or (None, None)
            raise InputError.single(
                loaded.file_at(where),
                f"数据表 {self.file} 中没有地区“{shown}”的一行",
                "在数据表中补上这一行（地区名称与 region.name 一致），或不用 --figures",
                line=line,
                column=column,
                path="region.name",
                label="地区名称",
            )
        if len(found) > 1:
            lines = "、".join(str(r.line) for r in found)
            raise InputError.single(
                self.file,
                f"地区“{shown}”出现了 {len(found)} 次（第 {lines} 行）",
                "每个地区只保留一行",
                line=found[1].line,
            )
        return found[0]


def region_key(data: Any, with_parent: bool) -> Key:
    """The region a district's data is about, (parent, name), each stripped, "" where missing:
    the key of its figures row and of its output file's name. Without ``with_parent`` the parent
    is "" (a sheet without a parent column matches by name alone)."""
    region = data.get("region") if isinstance(data, dict) else None
    if not isinstance(region, dict):
        return ("", "")
    name = str(region.get("name") or "").strip()
    parent = str(region.get("parent") or "").strip() if with_parent else ""
    return (parent, name)


def load_figures(path: str | Path) -> FigureSheet:
    """Read the sheet; raise InputError for an unreadable file or a header without a region column."""
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise InputError.single(name, "数据表文件不存在", "检查 --figures 的路径")
    if p.stat().st_size > 10 * MAX_FILE_BYTES:
        raise InputError.single(
            name, "数据表文件过大", "每个地区一行，通常不超过几百 KB，请检查是否选错了文件"
        )
    suffix = p.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(p)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(p)
    else:
        raise InputError.single(
            name, f"不支持的数据表格式“{p.suffix}”", "请另存为 .xlsx 或 .csv（UTF-8）"
        )
    return _parse(name, rows)


def _read_csv(p: Path) -> list[list[Any]]:
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")  # Excel on Chinese Windows saves CSV as GBK
        except UnicodeDecodeError:
            raise InputError.single(
                str(p), "数据表编码无法识别", "请在 Excel 中另存为“CSV UTF-8”"
            ) from None
    return list(csv.reader(io.StringIO(text)))


def _read_xlsx(p: Path) -> list[list[Any]]:
    import openpyxl  # only needed for .xlsx; keeps `reportgen render` start-up light

    try:
        book = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise InputError.single(
            str(p), f"无法读取 Excel 文件（{type(e).__name__}）", "请用 Excel 打开后另存为 .xlsx"
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _parse(name: str, rows: list[list[Any]]) -> FigureSheet:
    if not rows:
        raise InputError.single(name, "数据表是空的", "第一行写列名：地区、各指标名称")
    header = [_text(h) for h in rows[0]]
    region_col = next((i for i, h in enumerate(header) if h in _REGION), None)
    if region_col is None:
        raise InputError.single(
            name, "第一行中没有地区列", "把地区名称所在列的列名写成“地区”", line=1
        )
    parent_col = next((i for i, h in enumerate(header) if h in _PARENT), None)
    columns = []
    for i, h in enumerate(header):
        if i in (region_col, parent_col) or not h:
            continue
        m = _UNIT.match(h)
        figure, unit = (m.group(1), m.group(2)) if m else (h, "")
        m = _PREVIOUS.match(figure)
        columns.append((i, h, m.group(1), unit, "previous") if m else (i, h, figure, unit, "value"))
    sheet = FigureSheet(name, parent_col is not None)
    for line, row in enumerate(rows[1:], 2):
        cells = list(row) + [None] * (len(header) - len(row))
        region = _text(cells[region_col])
        if not region and not any(_text(c) for c in cells):
            continue  # blank line
        if not region:
            raise InputError.single(
                name,
                "这一行没有地区名称",
                "填写地区名称，或删除这一行",
                line=line,
                column=region_col + 1,
            )
        parent = _text(cells[parent_col]) if parent_col is not None else ""
        row_cells = tuple(
            c
            for c in (_cell(name, line, i, h, n, u, f, cells[i]) for i, h, n, u, f in columns)
            if c
        )
        sheet.rows.setdefault((parent, region), []).append(
            FigureRow(name, line, (parent, region), row_cells)
        )
    return sheet


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cell(
    file: str, line: int, col: int, header: str, name: str, unit: str, field: str, value: Any
) -> Cell | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, (int, float, Decimal)):
        return Cell(col + 1, name, unit, format(Decimal(str(value)), "f"), field=field)
    else:
        text = str(value).strip()
    if _NUMBER.fullmatch(text):
        return Cell(col + 1, name, unit, text, field=field)
    column = name + ("（上年）" if field == "previous" else "")
    message, hint = malformed_number(
        text,
        here="单元格",
        unit_goes=lambda unit: f"单位写在列名中，如 {column}[{unit}]",
        blank="；没有数据就留空",
    )
    problem = Diagnostic(
        file=file, line=line, column=col + 1, path=header, label="列", message=message, hint=hint
    )
    return Cell(col + 1, name, unit, None, problem, field)


def apply_figures(loaded: Loaded, row: FigureRow) -> list[Diagnostic]:
    """Fill the district's ``basic.figures`` from its row; return the row's bad cells."""
    problems = [c.problem for c in row.cells if c.problem]
    data = loaded.data
    # A figure with a bad cell waits until it is fixed: filled from its other cell alone it would
    # also be reported as lacking a value, in YAML the sheet's author never wrote.
    bad = {c.name for c in row.cells if c.problem}
    good = [c for c in row.cells if c.value is not None and c.name not in bad]
    if not good or not isinstance(data, dict):
        return problems
    basic = data.get("basic")
    if basic is None:
        basic = {}
        _origin(loaded, ("basic",), row, good[0])
    if not isinstance(basic, dict):
        return problems  # validation reports the shape of basic
    figures = basic.get("figures")
    if figures is None:
        figures = []
        _origin(loaded, ("basic", "figures"), row, good[0])
    if not isinstance(figures, list):
        return problems
    # Copies: these may be shared with the defaults file that every district merges.
    figures = [dict(f) if isinstance(f, dict) else f for f in figures]
    data["basic"] = {**basic, "figures": figures}
    index = {f.get("name"): i for i, f in enumerate(figures) if isinstance(f, dict)}
    for cell in good:
        if cell.name in index:
            i = index[cell.name]
            figures[i][cell.field] = cell.value
            _origin(loaded, ("basic", "figures", i, cell.field), row, cell)
        else:
            i = index[cell.name] = len(figures)
            figures.append({"name": cell.name, cell.field: cell.value, "unit": cell.unit})
            for path in (
                ("basic", "figures", i),
                *(("basic", "figures", i, k) for k in ("name", cell.field, "unit")),
            ):
                _origin(loaded, path, row, cell)
    return problems


def _origin(loaded: Loaded, path: tuple, row: FigureRow, cell: Cell) -> None:
    loaded.files[path] = row.file
    loaded.marks[path] = (row.line, cell.column)
    loaded.key_marks.pop(path, None)
