"""The roll-up workbook (``reportgen rollup -o 汇总.xlsx``) and one district's ledger as .xlsx.

Sheets of the roll-up, each laid out by :mod:`.xlsx`:

- 总览: one row per district, failed ones too (状态 出错, with why): problems, measures by status,
  the completion rate, measures overdue on the as-of day, warnings; a 合计 row below the data;
- 整改台账: every measure of every district, with its last day as a date (to sort on) and whether
  it is overdue; overdue rows shaded;
- 主要数据: every figure of every district: value, last year's, the change as the report prints it
  (percent, or percentage points for a rate) and its rank among the districts reporting it;
- 数据对比: the figures side by side, a column each;
- 提示: the number checks' warnings, district by district;
- 完成率图, 指标图: native Excel bar charts (completion rate per district; one chosen figure per
  district) beside the data they plot, largest first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList

from ..model.schema import KINDS, STATUSES
from ..text.dates import CnDate, format_date
from .collect import District
from .summary import FigureKey, Rollup
from .xlsx import Column, SheetSpec, add_sheet, new_workbook, workbook_bytes

__all__ = ["ledger_workbook", "rollup_workbook"]


def _day(d: dt.date) -> str:
    return format_date(CnDate(d.year, d.month, d.day))


def _change_format(points: bool, places: int) -> str:
    """The change as the report prints it: with the decimals of its table (3.70 beside 1.25, as
    the report's column prints it), then % or 个百分点."""
    digits = "0." + "0" * places if places else "0"
    return f'{digits}"个百分点"' if points else f'{digits}"%"'


def _figure_header(key: FigureKey) -> str:
    return f"{key[0]}（{key[1]}）" if key[1] else key[0]


# ---- sheets --------------------------------------------------------------------------------


_OVERVIEW = [
    Column("序号", "int", 6),
    Column("地区", max_width=16),
    Column("上级地区", max_width=14),
    Column("报告类型", max_width=12),
    Column("年度", "int", 6),
    Column("状态", max_width=8),
    Column("问题数", "int", 7),
    Column("整改措施数", "int", 8),
    *(Column(s, "int", 8) for s in (*STATUSES, "未填写")),
    Column("完成率", "percent", 8),
    Column("逾期未完成", "int", 8),
    Column("提示数", "int", 7),
    Column("说明", max_width=36),
    Column("输入文件", max_width=30),
]


def _overview(r: Rollup) -> SheetSpec:
    rows: list[list[Any]] = []  # the columns' values, as SheetSpec holds them
    marked: set[int] = set()
    for i, row in enumerate(r.overview):
        d = row.district
        if not d.ok:
            marked.add(i)
            rows.append(
                [i + 1, row.name, d.parent, "", None, "出错", *[None] * 9, d.failure, d.input]
            )
            continue
        counts = [row.counts[s] for s in (*STATUSES, "未填写")]
        note = "" if row.measures else "没有整改措施"
        rows.append(
            [
                i + 1,
                row.name,
                d.parent,
                KINDS.get(d.kind, d.kind),
                d.year,
                "已汇总",
                d.problems,
                row.measures,
                *counts,
                row.rate,
                row.overdue,
                len(d.warnings),
                note,
                d.input,
            ]
        )
    t = r.totals
    total = [
        None,
        "合计",
        None,
        None,
        None,
        f"{t.districts - t.failed}/{t.districts}",
        t.problems,
        t.measures,
        *(t.counts[s] for s in (*STATUSES, "未填写")),
        t.rate,
        t.overdue,
        t.warnings,
        f"{t.districts} 个地区，{t.failed} 个出错；{t.overdue_districts} 个地区有逾期未完成的措施",
        None,
    ]
    return SheetSpec(
        "总览",
        f"各地区整改情况总览（逾期截至{_day(r.as_of)}）",
        _OVERVIEW,
        rows,
        after=[total],
        marked=marked,
    )


def _ledger_columns(evidence: bool, with_district: bool) -> list[Column]:
    return [
        Column("序号", "int", 6),
        *([Column("地区", max_width=14)] if with_district else []),
        Column("问题", max_width=24),
        Column("整改措施", max_width=40),
        Column("责任单位", max_width=16),
        Column("责任人", max_width=10),
        Column("整改时限", max_width=14),
        Column("最后期限", "date", 11),
        Column("完成情况", max_width=9),
        Column("是否逾期", max_width=8),
        Column("逾期天数", "int", 8),
        *([Column("佐证材料", max_width=30)] if evidence else []),
    ]


def _ledger_rows(rows, evidence: bool, with_district: bool) -> tuple[list[list[Any]], set[int]]:
    out, marked = [], set()
    for i, lr in enumerate(rows):
        m = lr.measure
        if lr.overdue:
            marked.add(i)
        out.append(
            [
                i + 1,
                *([lr.name] if with_district else []),
                m.problem,
                m.measure,
                m.unit,
                m.person,
                m.deadline,
                m.due,
                m.status or "未填写",
                "是" if lr.overdue else "否",
                lr.days if lr.overdue else None,
                *([m.evidence] if evidence else []),
            ]
        )
    return out, marked


def _ledger(r: Rollup) -> SheetSpec:
    evidence = any(lr.measure.evidence for lr in r.ledger)
    rows, marked = _ledger_rows(r.ledger, evidence, True)
    return SheetSpec(
        "整改台账",
        f"整改台账（各地区汇总，逾期截至{_day(r.as_of)}）",
        _ledger_columns(evidence, True),
        rows,
        marked=marked,
    )


_FIGURES = [
    Column("序号", "int", 6),
    Column("地区", max_width=14),
    Column("指标", max_width=30),
    Column("单位", max_width=8),
    Column("本年", "number", 14),
    Column("上年", "number", 14),
    Column("同比增减", "number", 14),
    Column("排名（由大到小）", "int", 9),
    Column("参与排名的地区数", "int", 9),
]


def _figures(r: Rollup) -> SheetSpec:
    rows, formats = [], {}
    for i, rf in enumerate(r.figures):
        f = rf.figure
        if f.change is not None:
            formats[(i, 6)] = _change_format(f.points, f.places)
        rows.append([i + 1, rf.name, f.name, f.unit, f.value, f.previous, f.change, rf.rank, rf.of])
    return SheetSpec(
        "主要数据", "各地区主要数据（同比增减：% 或个百分点）", _FIGURES, rows, formats=formats
    )


def _compare(r: Rollup) -> SheetSpec:
    keys = r.figure_keys
    columns = [
        Column("地区", max_width=14),
        *(Column(_figure_header(k), "number", 16, 8) for k in keys),
    ]
    rows = []
    for name, d in zip(r.names, r.districts, strict=True):
        if not d.ok:
            continue
        values = {(f.name, f.unit): f.value for f in d.figures}
        rows.append([name, *(values.get(k) for k in keys)])
    return SheetSpec("数据对比", "各地区主要数据对比（本年数值）", columns, rows)


_WARNINGS = [
    Column("序号", "int", 6),
    Column("地区", max_width=14),
    Column("文件", max_width=30),
    Column("行", "int", 6),
    Column("字段", max_width=24),
    Column("提示", max_width=50),
    Column("改法", max_width=36),
]


def _warnings(r: Rollup) -> SheetSpec:
    rows: list[list[Any]] = []
    for name, d in zip(r.names, r.districts, strict=True):
        for w in d.warnings:
            where = w.path or ""
            if w.label:
                where += f"（{w.label}）"
            rows.append([len(rows) + 1, name, w.file, w.line, where, w.message, w.hint])
    return SheetSpec("提示", "数字核对的提示（各地区）", _WARNINGS, rows)


# ---- charts --------------------------------------------------------------------------------


def _bar_chart(ws, title: str, n: int, number_format: str, top: float | None = None) -> None:
    """A horizontal bar chart of column B against the names in column A, rows 3 … n+2, beside
    the data, first row on top."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=2, max_row=n + 2)
    names = f"'{ws.title}'!$A$3:$A${n + 2}"
    chart.add_data(data, titles_from_data=True)
    # District names are text: a string reference (openpyxl's set_categories makes a number one).
    chart.series[0].cat = AxDataSource(strRef=StrRef(f=names))
    chart.x_axis.scaling.orientation = "maxMin"  # the first district at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.number_format = number_format
    chart.y_axis.scaling.min = 0 if top is not None else None
    chart.y_axis.scaling.max = top
    chart.dataLabels = DataLabelList(showVal=True)
    for name in ("showCatName", "showSerName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, name, False)
    chart.width = 18
    chart.height = min(150, max(7.5, 0.55 * n + 2.5))
    ws.add_chart(chart, "D2")


def _rate_chart(r: Rollup) -> SheetSpec | None:
    rows = [(row.name, row.rate) for row in r.overview if row.rate is not None]
    if not rows:
        return None
    rows.sort(key=lambda x: -x[1])
    return SheetSpec(
        "完成率图",
        "各地区整改措施完成率（已完成 ÷ 整改措施数）",
        [Column("地区", max_width=14), Column("完成率", "percent", 9)],
        [list(x) for x in rows],
    )


def _figure_chart(r: Rollup, key: FigureKey) -> SheetSpec | None:
    rows = [(name, v) for name, v in r.figure_values(key) if v is not None]
    if not rows:
        return None
    rows.sort(key=lambda x: -x[1])
    return SheetSpec(
        "指标图",
        f"各地区{_figure_header(key)}",
        [Column("地区", max_width=14), Column(_figure_header(key), "number", 16, 9)],
        [list(x) for x in rows],
    )


# ---- workbooks -----------------------------------------------------------------------------


def rollup_workbook(r: Rollup, chart_figure: FigureKey | None = None) -> bytes:
    """The roll-up's .xlsx bytes. ``chart_figure`` is the figure charted per district (by
    default the most widely reported one; no chart when no district reports figures)."""
    wb = new_workbook()
    for spec in (_overview(r), _ledger(r), _figures(r), _compare(r), _warnings(r)):
        add_sheet(wb, spec)
    rate = _rate_chart(r)
    if rate is not None:
        _bar_chart(add_sheet(wb, rate), "整改措施完成率", len(rate.rows), "0%", top=1)
    key = chart_figure or (r.figure_keys[0] if r.figure_keys else None)
    figure = _figure_chart(r, key) if key else None
    if key and figure is not None:
        _bar_chart(add_sheet(wb, figure), _figure_header(key), len(figure.rows), "General")
    return workbook_bytes(wb)


def ledger_workbook(district: District, as_of: dt.date | None = None) -> bytes:
    """One district's 整改台账 as .xlsx, the rows its report's ledger prints, with the last day
    of each deadline and whether it is overdue on ``as_of`` (by default the report's date, so
    the file depends on the report alone)."""
    day = as_of or district.date or dt.date.today()
    r = Rollup.of([district], day)
    evidence = any(m.evidence for m in district.measures)
    rows, marked = _ledger_rows(r.ledger, evidence, False)
    title = f"{district.title or district.name}整改台账（逾期截至{_day(day)}）"
    spec = SheetSpec("整改台账", title, _ledger_columns(evidence, False), rows, marked=marked)
    stamp = dt.datetime.combine(district.date, dt.time()) if district.date else None
    wb = new_workbook(stamp)
    add_sheet(wb, spec)
    return workbook_bytes(wb)
