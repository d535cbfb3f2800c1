"""One district's ``basic.figures`` filled from its row of the figures sheet (:mod:`.sheet`).

The sheet wins: a cell's number replaces the value in the district's file (a warning says so
where the two differ). Year columns take value or previous by the report's ``year``; ``上年X``
is X's previous where the district lists X; a text column counts only where the district lists
a figure of its name. A bad cell is an error located at the cell, with the number to write
(``9.27亿`` in a 万元 figure: 92700); a figure with a bad cell is left as the file has it, so
nothing is half-filled. Warnings: a ``%`` figure given as a fraction (0.878), a figure left out
for an empty cell, a year column not used.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import Diagnostic
from ..text.numbers import in_unit, malformed_number
from .loader import Loaded, dotted_path
from .sheet import Cell, FigureRow, plain_number

__all__ = ["apply_figures"]


def apply_figures(loaded: Loaded, row: FigureRow) -> list[Diagnostic]:
    """Fill the district's ``basic.figures`` from its row. Returns what was found: the row's bad
    cells (severity error) and warnings (a value of the district's file replaced by a different
    one, a % figure given as a fraction, a figure left out for an empty cell)."""
    data = loaded.data
    if not isinstance(data, dict):
        return []
    figures_now = _listed_figures(data)
    cells, found = _resolve(loaded, row, figures_now)
    by_name: dict[str, list[Cell]] = {}
    for cell in cells:
        by_name.setdefault(cell.column.name, []).append(cell)
    updates: list[tuple[str, list[Cell], str, bool]] = []  # figure, good cells, unit, percent
    for name, named in by_name.items():
        listed = figures_now.get(name)
        unit = next((c.column.unit for c in named if c.column.unit), "")
        listed_unit = _unit_text(listed.get("unit")) if listed else ""
        bad = [c for c in named if c.value is None and not c.empty]
        problems = [_bad_cell(row, c, unit or listed_unit) for c in bad]
        if listed and unit and listed_unit and unit != listed_unit:
            problems.append(_unit_conflict(loaded, row, named, listed, unit, listed_unit))
        good = [c for c in named if c.value is not None]
        percent = any(c.percent for c in good)
        final_unit = listed_unit or unit or ("%" if percent else "")
        if percent and final_unit != "%":
            shown = next(c for c in good if c.percent)
            problems.append(
                _at(
                    row,
                    shown,
                    f"单元格是百分比“{shown.written}”，而“{name}”的单位是{final_unit}",
                    "核对这一格的数和格式，或把单位改为 %",
                )
            )
        found += problems
        if problems:
            continue  # a figure with a bad cell waits until it is fixed: nothing half-filled
        if not good:
            if listed is None and all(c.empty for c in named):
                found.append(_left_out(row, named[0], name))
            continue
        if final_unit == "%":
            found += [_fraction(row, c, name) for c in good if _looks_like_fraction(c)]
        updates.append((name, good, final_unit, percent))
    if updates:
        _fill(loaded, row, updates, found)
    return found


def _listed_figures(data: dict) -> dict[str, dict]:
    basic = data.get("basic")
    figures = basic.get("figures") if isinstance(basic, dict) else None
    if not isinstance(figures, list):
        return {}
    return {f["name"]: f for f in figures if isinstance(f, dict) and isinstance(f.get("name"), str)}


def _unit_text(unit: Any) -> str:
    return "".join(str(unit).split()) if unit is not None else ""


def _report_year(data: dict) -> int | None:
    year = data.get("year")
    try:
        return int(str(year).strip()) if year is not None and not isinstance(year, bool) else None
    except ValueError:
        return None


def _resolve(
    loaded: Loaded, row: FigureRow, listed: dict[str, dict]
) -> tuple[list[Cell], list[Diagnostic]]:
    """The row's cells for this district: year columns take value or previous by the report's
    year, 上年X is X's previous where X is listed, text columns only for a listed figure."""
    found: list[Diagnostic] = []
    out: list[Cell] = []
    years: dict[str, list[Cell]] = {}
    for cell in row.cells:
        col = cell.column
        if col.year is not None:
            years.setdefault(col.name, []).append(cell)
            continue
        if col.maybe_previous:
            if col.maybe_previous in listed:
                col = replace(col, name=col.maybe_previous, field="previous", maybe_previous="")
            else:
                col = replace(col, maybe_previous="")
            cell = replace(cell, column=col)
        if col.text and col.name not in listed:
            continue
        out.append(cell)
    year = _report_year(loaded.data)
    for cells in years.values():
        by_year = {c.column.year: c for c in cells if c.column.year is not None}  # all have one
        ordered = sorted(by_year)
        if year is not None and year in by_year:
            value_year = year
        elif year is None and len(ordered) == 2:
            value_year = ordered[1]
        else:
            shown = "、".join(f"“{c.column.header}”" for c in cells)
            found.append(
                Diagnostic(
                    file=row.file,
                    sheet=row.sheet,
                    line=None,
                    column=cells[0].column.index,
                    path=cells[0].column.header,
                    label="列",
                    message=f"{shown}都不是报告年度 {year} 年的数",
                    hint=f"检查报告的 year，或把列名改为 {year}年{cells[0].column.name} 和 "
                    f"{(year or 1) - 1}年{cells[0].column.name}",
                )
            )
            continue
        for y, c in by_year.items():
            if y == value_year:
                out.append(replace(c, column=replace(c.column, year=None)))
            elif y == value_year - 1:
                out.append(replace(c, column=replace(c.column, year=None, field="previous")))
            elif not c.empty:
                found.append(
                    _at(
                        row,
                        c,
                        f"没有用到：报告年度是 {value_year} 年，只读 {value_year} 年和上年"
                        f"（{value_year - 1} 年）的列",
                        "不需要时可删除这一列",
                        severity="warning",
                    )
                )
    return out, found


def _fill(
    loaded: Loaded,
    row: FigureRow,
    updates: list[tuple[str, list[Cell], str, bool]],
    found: list[Diagnostic],
) -> None:
    data = loaded.data
    first = updates[0][1][0]
    basic = data.get("basic")
    if basic is None:
        basic = {}
        _origin(loaded, ("basic",), row, first)
    if not isinstance(basic, dict):
        return  # validation reports the shape of basic
    figures = basic.get("figures")
    if figures is None:
        figures = []
        _origin(loaded, ("basic", "figures"), row, first)
    if not isinstance(figures, list):
        return
    # Copies: these may be shared with the defaults file that every district merges.
    figures = [dict(f) if isinstance(f, dict) else f for f in figures]
    data["basic"] = {**basic, "figures": figures}
    index = {f.get("name"): i for i, f in enumerate(figures) if isinstance(f, dict)}
    for name, good, unit, percent in updates:
        if name in index:
            i = index[name]
            for cell in good:
                path = ("basic", "figures", i, cell.column.field)
                before = figures[i].get(cell.column.field)
                if before is not None and not _same_number(before, cell.value):
                    found.append(_overridden(loaded, row, cell, path, before))
                figures[i][cell.column.field] = cell.value
                _origin(loaded, path, row, cell)
            if percent and not _unit_text(figures[i].get("unit")):
                figures[i]["unit"] = "%"
                _origin(loaded, ("basic", "figures", i, "unit"), row, good[0])
        else:
            i = index[name] = len(figures)
            figure = {"name": name, **{c.column.field: c.value for c in good}, "unit": unit}
            figures.append(figure)
            _origin(loaded, ("basic", "figures", i), row, good[0])
            for key in ("name", "unit"):
                _origin(loaded, ("basic", "figures", i, key), row, good[0])
            for cell in good:
                _origin(loaded, ("basic", "figures", i, cell.column.field), row, cell)


def _same_number(a: Any, b: str | None) -> bool:
    try:
        return Decimal(str(a).strip()) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def _origin(loaded: Loaded, path: tuple, row: FigureRow, cell: Cell) -> None:
    loaded.files[path] = row.file
    loaded.sheets[path] = row.sheet
    loaded.marks[path] = (row.line, cell.column.index)
    loaded.key_marks.pop(path, None)


# ---- what is said about a cell ------------------------------------------------------------


def _at(row: FigureRow, cell: Cell, message: str, hint: str, *, severity: str = "error"):
    return Diagnostic(
        file=row.file,
        sheet=row.sheet,
        line=row.line,
        column=cell.column.index,
        path=cell.column.header,
        label="列",
        message=message,
        hint=hint,
        severity=severity,  # type: ignore[arg-type]
    )


def _bad_cell(row: FigureRow, cell: Cell, unit: str) -> Diagnostic:
    text = cell.written
    column = cell.column.name + ("（上年）" if cell.column.field == "previous" else "")
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)\s*(\D+)", text)
    converted = in_unit(m.group(1), m.group(2).strip(), unit) if m else None
    if converted is not None:  # 9.27亿 in a 万元 column: "只写 9.27" would lose the magnitude
        message = f"“{text}”带了单位"
        hint = f"这一列的单位是{unit}，{text} 即 {converted}{unit}：单元格只写 {converted}"
    else:
        message, hint = malformed_number(
            text,
            here="单元格",
            unit_goes=lambda written: f"单位写在列名中，如 {column}[{unit or written}]",
            blank="；没有数据就留空",
        )
    return _at(row, cell, message, hint)


def _unit_conflict(
    loaded: Loaded, row: FigureRow, named: list[Cell], listed: dict, unit: str, listed_unit: str
) -> Diagnostic:
    cell = next(c for c in named if c.column.unit)
    return _at(
        row,
        cell,
        f"列名中的单位“{unit}”与区县文件 {loaded.file} 中“{listed['name']}”的单位"
        f"“{listed_unit}”不同",
        "统一单位：改列名，或改区县文件中的 unit",
    )


def _overridden(loaded: Loaded, row: FigureRow, cell: Cell, path: tuple, before: Any):
    line, column = loaded.mark(path) or (None, None)
    what = "上年数值" if cell.column.field == "previous" else "数值"
    place = _at(row, cell, "", "")
    return Diagnostic(
        file=loaded.file_at(path),
        sheet=loaded.sheet_at(path),
        line=line,
        column=column,
        path=dotted_path(path),
        label=what,
        message=f"“{cell.column.name}”的{what}：本文件写 {_short(before)}，数据表 {row.file}"
        f"{place.cell} 为 {_short(cell.value)}，采用数据表的 {_short(cell.value)}",
        hint="数据表优先；若本文件的数对，请改数据表，并删去本文件中的这个数",
        severity="warning",
    )


def _looks_like_fraction(cell: Cell) -> bool:
    if cell.percent or cell.value is None:
        return False
    return Decimal(0) < abs(Decimal(cell.value)) < Decimal(1)


def _fraction(row: FigureRow, cell: Cell, name: str) -> Diagnostic:
    meant = plain_number(Decimal(cell.value or 0) * 100)
    return _at(
        row,
        cell,
        f"“{name}”的单位是 %，这一格是 {cell.value}，报告中将印作 {cell.value}%",
        f"如果是 {meant}%，请写 {meant}（或把单元格设为百分比格式）",
        severity="warning",
    )


def _left_out(row: FigureRow, cell: Cell, name: str) -> Diagnostic:
    return _at(
        row,
        cell,
        f"这一格为空，区县文件中也没有“{name}”，报告的数据表中不列这一项",
        "填上数据，或在区县文件中写出这个数",
        severity="warning",
    )


def _short(value: Any) -> str:
    """A number as shown in a message: whole, unless absurdly long (a pasted column of 9s)."""
    text = str(value)
    return text if len(text) <= 24 else text[:20] + "…"
