"""Per-district figures from a spreadsheet (.xlsx or .csv), one row per region.

The rules a finance office's workbook is read by (the README's batch section says the same):

- **Sheet and header row.** ``--sheet NAME`` picks the worksheet; without it, the first worksheet
  with a region column. The header row is the first of the first 20 rows holding a region column
  (``地区``, ``地区名称``, ``区县``, ``region`` or ``name``), so title rows above it are skipped.
  Which sheet and row were read is said (:attr:`FigureSheet.notes`).
- **Columns.** Optionally a parent column (``上级地区`` or ``parent``) tells apart regions of the
  same name. Every other column is one figure, named as ``basic.figures[].name`` in the YAML; a
  unit may follow in square brackets, ``教育支出[万元]`` (used for a figure the YAML does not list).
  Last year's value (``previous``, from which the report states the change) is a column named
  ``教育支出（上年）``, ``上年教育支出`` or ``教育支出上年``; or two years side by side,
  ``2025年教育支出`` and ``2026年教育支出``: the report's ``year`` is the value and the year
  before it the previous (without a usable year, the later column is the value).
  ``上年X`` and ``X上年`` are last year's X only where X is a figure (a column of the sheet, or
  the district's file lists it); otherwise the column is a figure of that name (上年结转资金).
- **Columns not read.** A header starting with ``#``, a remarks or numbering column (``备注``,
  ``说明``, ``附注``, ``注``, ``序号``, ``编号``), and a column with no digit in any cell (text,
  such as 联系人) unless a district's file lists a figure of that name. They are named once.
- **Cells.** A number, or empty (the district's file then stands). A number formatted as a
  percentage in Excel (stored as 0.878, shown 87.8%) is read as shown, 87.8, in a ``%`` figure;
  ``87.8%`` written as text likewise. A number is read as the cell shows it (``76800.00000000001``
  shown as 76800 is 76800). A unit, a thousands separator or words in a cell are errors located
  as Excel names the cell (``数据.xlsx 工作表“区县” D6``), with the number to write: ``9.27亿`` in a
  万元 figure is 92700.
- **The sheet wins.** A cell's number replaces the value in the district's file; where the two
  differ, a warning says so (:mod:`.figures` fills a district's file from its row). A column
  empty throughout is a warning, said once; so is a ``%`` figure read from a plain number
  between 0 and 1 (0.878 meant as 87.8%?).

This module reads the file into rows of cells; :mod:`.figures` applies one row to one district.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError, column_letter
from ..text.control import clean_control
from ..text.proofread import proofread_name
from .loader import MAX_FILE_BYTES, Loaded
from .sniff import zip_refusal

__all__ = [
    "HEADER_ROWS",
    "Cell",
    "Column",
    "FigureRow",
    "FigureSheet",
    "load_figures",
    "plain_number",
    "region_key",
    "region_name",
]

_REGION = ("地区", "地区名称", "区县", "区县名称", "region", "name", "region.name")
_PARENT = ("上级地区", "上级", "parent", "region.parent")
_NOT_FIGURES = ("备注", "说明", "附注", "注", "备考", "序号", "编号")
HEADER_ROWS = 20  # the header is looked for in this many rows from the top
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_PERCENT_TEXT = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)\s*%")
# Digits and marks a Chinese input method types full-width: １８６１．５, ８７．８％.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")
_UNIT = re.compile(r"^(.+?)\s*[\[【]\s*(.*?)\s*[\]】]$")
_PREVIOUS = re.compile(r"^(.+?)\s*(?:[（(]\s*上年度?\s*[）)]|\.previous)$")
_PREVIOUS_WORD = re.compile(r"^上年度?\s*(.+)$|^(.+?)\s*上年度?$")
_YEAR = re.compile(r"^((?:19|20)\d\d)\s*年度?\s*(.+)$")

Key = tuple[str, str]  # (parent or "", name)


@dataclass(frozen=True)
class Column:
    """One figure column: which figure, which of its fields, in which column of the sheet."""

    index: int  # 1-based, as Excel counts
    header: str
    name: str  # the figure
    unit: str = ""
    field: str = "value"  # or "previous"
    year: int | None = None  # 2025年X beside 2026年X: value or previous by the report's year
    maybe_previous: str = ""  # 上年X / X上年: last year's X where X is a figure, else a figure
    text: bool = False  # no digit in any cell: read only where a district lists the figure


@dataclass(frozen=True)
class Cell:
    column: Column
    value: str | None  # the number as text; None when empty or not a number
    written: str = ""  # as the cell shows it, for messages ("" when empty)
    percent: bool = False  # a percentage: formatted as one in Excel, or written with %

    @property
    def empty(self) -> bool:
        return not self.written


@dataclass(frozen=True)
class FigureRow:
    file: str
    line: int
    key: Key
    cells: tuple[Cell, ...]
    sheet: str = ""  # the worksheet ("" for a .csv)


@dataclass
class FigureSheet:
    """Rows by region; ``with_parent`` when regions are matched by parent and name."""

    file: str
    with_parent: bool
    rows: dict[Key, list[FigureRow]] = field(default_factory=dict)
    sheet: str = ""  # the worksheet read ("" for a .csv)
    header_line: int = 1
    region_column: int = 1
    columns: list[Column] = field(default_factory=list)
    ignored: list[tuple[Column, str]] = field(default_factory=list)  # and why
    warnings: list[Diagnostic] = field(default_factory=list)  # about the sheet, said once
    notes: list[str] = field(default_factory=list)  # what was read

    def where(self, line: int | None = None, column: int | None = None) -> dict[str, Any]:
        """Diagnostic fields for a place in this sheet."""
        return {"file": self.file, "sheet": self.sheet, "line": line, "column": column}

    def lookup(self, loaded: Loaded) -> tuple[FigureRow | None, list[Diagnostic]]:
        """The one row for a district's loaded file, or why there is none."""
        key = region_key(loaded.data, self.with_parent)
        found = self.rows.get(key, [])
        if len(found) == 1:
            return found[0], []
        shown = "".join(key)
        if not found:
            where = ("region", "name")
            line, column = loaded.mark(where) or (None, None)
            return None, [
                Diagnostic(
                    file=loaded.file_at(where),
                    line=line,
                    column=column,
                    path="region.name",
                    label="地区名称",
                    message=f"数据表 {self.file} 中没有地区“{shown}”的一行",
                    hint="在数据表中补上这一行（地区名称与 region.name 一致），或不用 --figures",
                )
            ]
        lines = "、".join(str(r.line) for r in found)
        return None, [
            Diagnostic(
                **self.where(found[1].line),
                path="",
                message=f"地区“{shown}”出现了 {len(found)} 次（第 {lines} 行）",
                hint="每个地区只保留一行",
            )
        ]

    def row_for(self, loaded: Loaded) -> FigureRow:
        """The one row for a district's loaded file; InputError when there is none or several."""
        row, problems = self.lookup(loaded)
        if row is None:
            raise InputError(problems)
        return row


def region_key(data: Any, with_parent: bool) -> Key:
    """The region a district's data is about, (parent, name), each stripped, "" where missing:
    the key of its figures row and of its output file's name. Without ``with_parent`` the parent
    is "" (a sheet without a parent column matches by name alone)."""
    region = data.get("region") if isinstance(data, dict) else None
    if not isinstance(region, dict):
        return ("", "")
    name = region_name(region.get("name"))
    parent = region_name(region.get("parent")) if with_parent else ""
    return (parent, name)


def region_name(value: Any) -> str:
    """A region's name as the report prints it (东城 区 is 东城区: text/proofread.py), so that a
    sheet's row and a district's file match however the space was typed, and the output file is
    named as the title reads."""
    return "" if value is None else proofread_name(clean_control(str(value)).strip())


# ---- reading the file ---------------------------------------------------------------------

Raw = tuple[Any, str | None]  # a cell's value and its Excel number format (None in a .csv)


def load_figures(path: str | Path, sheet: str | None = None) -> FigureSheet:
    """Read the sheet; raise InputError for an unreadable file, a missing worksheet, a header
    row without a region column, or two columns for the same figure."""
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
        if sheet:
            raise InputError.single(
                name, f"CSV 文件没有工作表，不能用 --sheet {sheet}", "去掉 --sheet"
            )
        sheets = [("", _read_csv(p))]
    elif suffix in (".xlsx", ".xlsm"):
        sheets = _read_xlsx(p, sheet)
    else:
        raise InputError.single(
            name, f"不支持的数据表格式“{p.suffix}”", "请另存为 .xlsx 或 .csv（UTF-8）"
        )
    found = [(title, rows, line) for title, rows in sheets if (line := _header_line(rows))]
    if not found:
        return _no_header(name, sheets, sheet)
    title, rows, line = found[0]
    figures = _parse(name, title, rows, line)
    if len(found) > 1 and sheet is None:
        others = "、".join(f"“{t}”" for t, _, _ in found[1:])
        figures.notes.append(f"工作表 {others} 也有地区列，没有读取；要读它，用 --sheet 工作表名")
    return figures


def _read_csv(p: Path) -> list[list[Raw]]:
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
    return [[(v, None) for v in row] for row in csv.reader(io.StringIO(text))]


def _read_xlsx(p: Path, wanted: str | None) -> list[tuple[str, list[list[Raw]]]]:
    import openpyxl  # only needed for .xlsx; keeps `reportgen render` start-up light

    with contextlib.suppress(zipfile.BadZipFile, OSError):  # openpyxl says those below
        with zipfile.ZipFile(p) as z:
            refusal = zip_refusal(z)
        if refusal:
            raise InputError.single(
                str(p), f"无法读取 Excel 文件：{refusal}", "请用 Excel 打开后另存为 .xlsx"
            )
    try:
        book = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise InputError.single(
            str(p), f"无法读取 Excel 文件（{type(e).__name__}）", "请用 Excel 打开后另存为 .xlsx"
        ) from None
    try:
        sheets = book.worksheets
        if wanted is not None:
            titles = [s.title for s in sheets]
            chosen = [s for s in sheets if s.title.strip() == wanted.strip()]
            if not chosen:
                near = difflib.get_close_matches(wanted, titles, n=1, cutoff=0.5)
                raise InputError.single(
                    str(p),
                    f"没有名为“{wanted}”的工作表",
                    (f"是否应为“{near[0]}”？" if near else "")
                    + "这个文件中的工作表："
                    + "、".join(f"“{t}”" for t in titles),
                )
            sheets = chosen
        out = []
        for s in sheets:
            s.reset_dimensions()  # files from other programs may state a wrong size
            rows = [
                [(c.value, getattr(c, "number_format", None)) for c in row] for row in s.iter_rows()
            ]
            out.append((s.title, rows))
        return out
    finally:
        book.close()


def _header_line(rows: list[list[Raw]]) -> int | None:
    """The 1-based line of the header row: the first of the top rows with a region column."""
    for line, row in enumerate(rows[:HEADER_ROWS], 1):
        if any(_header(v) in _REGION for v, _ in row):
            return line
    return None


def _no_header(name: str, sheets: list[tuple[str, list[list[Raw]]]], wanted: str | None):
    if not any(rows for _, rows in sheets):
        raise InputError.single(name, "数据表是空的", "第一行写列名：地区、各指标名称")
    where = f"前 {HEADER_ROWS} 行"
    if sheets[0][0] or wanted:
        where = "、".join(f"“{t}”" for t, _ in sheets) + f" 工作表的{where}"
    raise InputError(
        [
            Diagnostic(
                file=name,
                sheet=sheets[0][0] if len(sheets) == 1 else None,
                path="",
                message=f"{where}中没有地区列",
                hint="把地区名称所在列的列名写成“地区”"
                + ("；数据在别的工作表时用 --sheet 工作表名" if not wanted else ""),
            )
        ]
    )


def _header(value: Any) -> str:
    """A header cell's text, without spaces or line breaks (Excel wraps long headers)."""
    return re.sub(r"\s+", "", _text(value))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _parse(name: str, title: str, rows: list[list[Raw]], header_line: int) -> FigureSheet:
    header = [_header(v) for v, _ in rows[header_line - 1]]
    region_col = next(i for i, h in enumerate(header) if h in _REGION)
    parent_col = next((i for i, h in enumerate(header) if h in _PARENT), None)
    sheet = FigureSheet(
        name,
        parent_col is not None,
        sheet=title,
        header_line=header_line,
        region_column=region_col + 1,
    )
    data = [(line, row) for line, row in enumerate(rows[header_line:], header_line + 1)]
    for i, h in enumerate(header):
        if not h and any(i < len(row) and _text(row[i][0]) for _, row in data):
            sheet.ignored.append((Column(i + 1, "（无列名）", ""), "没有列名"))
    columns = _columns(sheet, header, {region_col, parent_col})
    read: list[Column] = []
    for col in columns:
        cells = [row[col.index - 1] if col.index <= len(row) else (None, None) for _, row in data]
        written = [_text(v) for v, _ in cells]
        col = replace(col, text=any(written) and not any(_has_digit(w) for w in written))
        if not any(written):
            sheet.warnings.append(
                Diagnostic(
                    **sheet.where(header_line, col.index),
                    path=col.header,
                    label="列",
                    message="这一列全部为空，没有数据填入报告",
                    hint="填上数据，或删除这一列（区县文件中已写的数不受影响）",
                    severity="warning",
                )
            )
            continue
        if col.text:
            sheet.ignored.append((col, "没有数字"))
        read.append(col)
    sheet.columns = read
    for line, row in data:
        cells = list(row) + [(None, None)] * (len(header) - len(row))
        region = region_name(cells[region_col][0])
        if not region and not any(_text(v) for v, _ in cells):
            continue  # blank line
        if not region:
            raise InputError(
                [
                    Diagnostic(
                        **sheet.where(line, region_col + 1),
                        path="",
                        message="这一行没有地区名称",
                        hint="填写地区名称，或删除这一行",
                    )
                ]
            )
        parent = region_name(cells[parent_col][0]) if parent_col is not None else ""
        row_cells = tuple(_cell(col, *cells[col.index - 1]) for col in read)
        sheet.rows.setdefault((parent, region), []).append(
            FigureRow(name, line, (parent, region), row_cells, title)
        )
    where = f"工作表“{title}”，" if title else ""
    sheet.notes.insert(0, f"读取数据表 {name}：{where}列名在第 {header_line} 行")
    if sheet.ignored:
        sheet.ignored.sort(key=lambda ignored: ignored[0].index)
        shown = "、".join(
            f"{c.header}（{column_letter(c.index)} 列，{why}）" for c, why in sheet.ignored
        )
        sheet.notes.append(f"不读的列：{shown}")
    return sheet


def _columns(sheet: FigureSheet, header: list[str], skip: set[int | None]) -> list[Column]:
    """Figure columns by the header's rules (module docstring); the rest go to sheet.ignored."""
    columns: list[Column] = []
    for i, h in enumerate(header):
        if i in skip or not h:
            continue
        plain = Column(i + 1, h, h)
        if h.startswith(("#", "＃")):
            sheet.ignored.append((plain, "以 # 开头"))
            continue
        if h in _NOT_FIGURES:
            sheet.ignored.append((plain, "备注或序号"))
            continue
        m = _UNIT.match(h)
        figure, unit = (m.group(1), m.group(2)) if m else (h, "")
        if m := _PREVIOUS.match(figure):
            columns.append(Column(i + 1, h, m.group(1), unit, "previous"))
        elif m := _YEAR.match(figure):
            columns.append(Column(i + 1, h, m.group(2), unit, year=int(m.group(1))))
        elif m := _PREVIOUS_WORD.match(figure):
            columns.append(Column(i + 1, h, figure, unit, maybe_previous=m.group(1) or m.group(2)))
        else:
            columns.append(Column(i + 1, h, figure, unit))
    # 2025年X alone is a figure named so; years are sides of one figure only when two or more.
    years: dict[str, list[Column]] = {}
    for c in columns:
        if c.year is not None:
            years.setdefault(c.name, []).append(c)
    plain_names = {c.name for c in columns if c.year is None and not c.maybe_previous}
    out = []
    for c in columns:
        if c.year is not None and len(years[c.name]) < 2:
            c = replace(c, name=_header_name(c), year=None)
        elif c.maybe_previous and c.maybe_previous in plain_names:
            c = replace(c, name=c.maybe_previous, field="previous", maybe_previous="")
        out.append(c)
    _check_twice(sheet, out)
    _check_units(sheet, out)
    return out


def _header_name(c: Column) -> str:
    m = _UNIT.match(c.header)
    return m.group(1) if m else c.header


def _check_twice(sheet: FigureSheet, columns: list[Column]) -> None:
    seen: dict[tuple, Column] = {}
    for c in columns:
        key = (c.name, c.field, c.year, c.maybe_previous)
        if key in seen:
            first = seen[key]
            raise InputError(
                [
                    Diagnostic(
                        **sheet.where(sheet.header_line, c.index),
                        path=c.header,
                        label="列",
                        message=f"与 {column_letter(first.index)} 列“{first.header}”是同一个数",
                        hint="只保留其中一列",
                    )
                ]
            )
        seen[key] = c


def _check_units(sheet: FigureSheet, columns: list[Column]) -> None:
    units: dict[str, Column] = {}
    for c in columns:
        if not c.unit:
            continue
        first = units.setdefault(c.name, c)
        if first.unit != c.unit:
            raise InputError(
                [
                    Diagnostic(
                        **sheet.where(sheet.header_line, c.index),
                        path=c.header,
                        label="列",
                        message=f"单位“{c.unit}”与 {column_letter(first.index)} 列"
                        f"“{first.header}”的单位“{first.unit}”不同",
                        hint="同一指标的各列用同一个单位",
                    )
                ]
            )


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _cell(col: Column, value: Any, number_format: str | None) -> Cell:
    if value is None or (isinstance(value, str) and not value.strip()):
        return Cell(col, None)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number, percent = _displayed(value, number_format)
        text = plain_number(number)
        return Cell(col, text, text + ("%" if percent else ""), percent)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        shown = value.isoformat() if not isinstance(value, dt.datetime) else str(value.date())
        return Cell(col, None, shown)
    text = str(value).strip().translate(_HALF_WIDTH)
    if _NUMBER.fullmatch(text):
        return Cell(col, text, text)
    if m := _PERCENT_TEXT.fullmatch(text):
        return Cell(col, m.group(1), text, True)
    return Cell(col, None, text)


def _displayed(value: int | float | Decimal, number_format: str | None) -> tuple[Decimal, bool]:
    """A number as its cell shows it: ×100 under a percent format, rounded to the format's
    decimals; a float's binary tail (76800.00000000001) cut at Excel's 15 digits."""
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    section = _format_section(number_format or "General")
    percent = "%" in section
    if percent:
        number *= 100
    shown = re.search(r"[0#?]", section) and not re.search(r"[eE][+-]", section)
    if shown and number.is_finite() and number.adjusted() < 20:
        decimals = re.search(r"\.([0#?]+)", section)
        places = len(decimals.group(1)) if decimals else 0
        number = number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return number, percent


def _format_section(number_format: str) -> str:
    """The positive section of an Excel number format, without quoted text, escapes, colours,
    padding and fill (what is left says the decimals and whether it is a percentage)."""
    section = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', number_format)[0]
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", section)
    return "" if section.strip().lower() == "general" else section


def plain_number(number: Decimal) -> str:
    """A Decimal as plain digits without trailing zeros: 87.800 → 87.8, 1E+2 → 100."""
    if not number.is_finite():
        return str(number)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
