"""How every workbook here is laid out, so a clerk can filter, sort and print any of its sheets.

A sheet is a title row (row 1: what the sheet lists, and as of when), a header row (row 2), then
one row per record, and optionally rows after the data (a 合计) that filters and sorting leave
alone. Every sheet has: the header frozen; filters on the header; column widths from the widest
cell (a Chinese character counts two), capped so long text wraps instead; wrapped text; A4
landscape, scaled to the page width, with rows 1–2 repeated on every printed page and 第 N 页，共
M 页 in the footer.

Workbooks are written in openpyxl's streaming (write-only) mode: a 30,000-row ledger takes about
a second. The bytes are stable: the zip's timestamps and the document's dates are fixed, so the
same data gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import zipfile
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

__all__ = ["Column", "SheetSpec", "add_sheet", "display_width", "new_workbook", "workbook_bytes"]

FONT = "宋体"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_MARK_FILL = PatternFill("solid", fgColor="FCE4D6")  # a row to notice: overdue, failed
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")

# Number formats by kind of column.
FORMATS = {
    "text": "@",
    "int": "0",
    "number": "General",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}


@dataclass(frozen=True)
class Column:
    """A column: header, kind (text, int, number, percent, date) and the widest it may grow
    (in Excel's character units; a Chinese character is two)."""

    header: str
    kind: str = "text"
    max_width: float = 40
    min_width: float = 6


@dataclass
class SheetSpec:
    name: str  # the tab's name (31 characters at most)
    title: str  # row 1
    columns: Sequence[Column]
    rows: list[list[Any]]
    after: list[list[Any]] = field(default_factory=list)  # rows below the filtered data (合计)
    marked: set[int] = field(default_factory=set)  # indexes of rows to shade
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → format


def display_width(value: Any) -> float:
    """The width a value takes in a cell, in Excel's units: a Chinese character is two; the
    longest line of a value with line breaks."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else _shown(value)
    if "\n" in text:
        return max(map(display_width, text.split("\n")))
    # Chinese characters and full-width marks take three bytes in UTF-8, Latin one: counted in C,
    # which a 30,000-row ledger needs.
    return len(text) + (len(text.encode("utf-8")) - len(text)) / 2


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (dt.date, dt.datetime)):
        return "2000-00-00"
    return str(value)


def new_workbook(created: dt.datetime | None = None) -> Workbook:
    """An empty streaming workbook with the cell styles every sheet uses."""
    wb = Workbook(write_only=True)
    stamp = created or dt.datetime(2000, 1, 1)
    wb.properties.creator = "reportgen"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    align = {
        "text": Alignment(wrap_text=True, vertical="top"),
        "num": Alignment(vertical="top", horizontal="right"),
        "center": Alignment(vertical="top", horizontal="center", wrap_text=True),
    }
    for kind, fmt in FORMATS.items():
        for mark, fill in (("", None), ("_mark", _MARK_FILL), ("_total", _TOTAL_FILL)):
            style = NamedStyle(name=f"rg_{kind}{mark}")
            style.font = Font(name=FONT, size=10.5, bold=mark == "_total")
            style.border = _BORDER
            style.number_format = fmt
            style.alignment = align["text"] if kind == "text" else align["num"]
            if fill is not None:
                style.fill = fill
            wb.add_named_style(style)
    header = NamedStyle(name="rg_header")
    header.font = Font(name=FONT, size=10.5, bold=True)
    header.fill = _HEADER_FILL
    header.border = _BORDER
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb.add_named_style(header)
    title = NamedStyle(name="rg_title")
    title.font = Font(name=FONT, size=14, bold=True)
    title.alignment = Alignment(vertical="center")
    wb.add_named_style(title)
    return wb


def formatted(value: Any, fmt: str) -> str:
    """What a number shows under one of the sheets' own formats (``0.00"个百分点"``, ``0"%"``):
    its digits to the format's places, then the quoted words."""
    digits, *words = fmt.split('"')
    places = len(digits.partition(".")[2].strip("#"))
    return f"{float(value):.{places}f}" + "".join(words[::2])


def _widths(spec: SheetSpec) -> list[float]:
    out = []
    rows = [*spec.rows, *spec.after]
    for i, col in enumerate(spec.columns):
        widest = display_width(col.header) / 2 + 1  # headers wrap onto two lines
        for r, row in enumerate(rows):
            if i < len(row):
                fmt = spec.formats.get((r, i)) if r < len(spec.rows) else None
                shown = formatted(row[i], fmt) if fmt and row[i] is not None else row[i]
                widest = max(widest, display_width(shown) + 1.5)
        out.append(round(min(col.max_width, max(col.min_width, widest)), 1))
    return out


def add_sheet(wb: Workbook, spec: SheetSpec):
    """Write one sheet by the conventions above; returns the worksheet (for charts)."""
    ws = wb.create_sheet(spec.name[:31])
    n_cols = len(spec.columns)
    widths = _widths(spec)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    lines = max(
        math.ceil(display_width(c.header) / max(1.0, w - 1))
        for c, w in zip(spec.columns, widths, strict=True)
    )
    ws.row_dimensions[2].height = 14 * lines + 4  # a wrapped header shows whole
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    # The page number sits in the bottom margin, 0.3 inch above the edge: LibreOffice gives a
    # footer only what the margin leaves below the data, and clipped it in half at 0.6 and 0.5.
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_title_rows = "1:2"
    last = get_column_letter(n_cols)

    title = WriteOnlyCell(ws, spec.title)
    title.style = "rg_title"
    ws.row_dimensions[1].height = 24
    ws.append([title])
    headers = []
    for col in spec.columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.style = "rg_header"
        headers.append(cell)
    ws.append(headers)
    plain = _styles(ws, spec, "")
    marked = _styles(ws, spec, "_mark")
    for r, row in enumerate(spec.rows):
        ws.append(_cells(ws, row, marked if r in spec.marked else plain, spec.formats, r))
    total = _styles(ws, spec, "_total")
    for row in spec.after:
        ws.append(_cells(ws, row, total, {}, -1))
    ws.auto_filter.ref = f"A2:{last}{2 + max(len(spec.rows), 1)}"
    return ws


def _styles(ws, spec: SheetSpec, suffix: str) -> list:
    """Each column's cell style, resolved once: naming a style on each of 300,000 cells costs
    seconds; copying the resolved style costs nothing."""
    out = []
    for col in spec.columns:
        proto = WriteOnlyCell(ws)
        proto.style = f"rg_{col.kind}{suffix}"
        out.append(proto._style)
    return out


def _cells(ws, row: list[Any], styles: list, formats: dict, r: int) -> list:
    cells = []
    for c, value in enumerate(row):
        cell = WriteOnlyCell(ws, value)
        cell._style = copy(styles[c])
        if formats and (r, c) in formats:
            cell.number_format = formats[(r, c)]
        cells.append(cell)
    return cells


class _StableZip(zipfile.ZipFile):
    """A zip whose entries all carry one fixed time: the same workbook gives the same bytes."""

    _TIME = (2000, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._TIME)
            info.compress_type = self.compression
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as f:
            data = f.read()
        self.writestr(arcname or os.path.basename(filename), data, compress_type, compresslevel)


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx bytes of a workbook, stable for the same content."""
    buf = io.BytesIO()
    with _StableZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return buf.getvalue()
