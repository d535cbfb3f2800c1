"""One district as the roll-up sees it: a validated report (or one that failed) → plain rows.

A :class:`District` holds what the city's overview needs and nothing that ties it to the model:
its measures (the 整改台账 rows, each with the last day its deadline allows), its figures (value,
last year's, the change as the report prints it), the number checks' warnings, and for a district
whose file failed, why. Records are small and picklable: ``batch`` workers build them beside the
.docx they render, and ``gather`` builds them without rendering.

Whether a measure is overdue depends on the day one asks; that is :mod:`.summary`'s business, from
``due`` here. Below ``batch`` in the layers: imports model, text and render helpers only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..errors import Diagnostic
from ..model.schema import STATUSES, Figure
from ..read.wording import load_wording
from ..render.context import figure_delta, table_places
from ..text.dates import CnDate, due_date, format_date

__all__ = [
    "District",
    "FigureRow",
    "MeasureRow",
    "district_from_report",
    "failed_district",
    "measure_words",
]

_END = "。！？；…"


@dataclass(frozen=True)
class MeasureRow:
    """One rectification measure, as the 整改台账 lists it."""

    problem: str
    measure: str
    unit: str = ""
    person: str = ""
    deadline: str = ""  # as printed: 2021年12月31日, 2026年底, 长期坚持
    due: dt.date | None = None  # the last day the deadline allows; None for 长期坚持 and the like
    status: str = ""  # 已完成, 持续推进, 未开始, or "" when the report does not say
    evidence: str = ""

    def overdue(self, as_of: dt.date) -> bool:
        """Past its last day on ``as_of`` and not 已完成."""
        return self.due is not None and self.due < as_of and self.status != "已完成"


@dataclass(frozen=True)
class FigureRow:
    """One figure of a district's report, with the year-on-year change it prints."""

    name: str
    unit: str
    value: Decimal
    previous: Decimal | None = None
    change: Decimal | None = None  # percent, or percentage points when ``points``
    points: bool = False
    places: int = 0  # decimals the report prints ``change`` with (one for its whole table)


@dataclass(frozen=True)
class District:
    """A district's report as rows; ``failure`` is the text of why its file failed ("" if not)."""

    input: str
    region: str
    parent: str = ""
    kind: str = ""
    year: int | None = None
    title: str = ""
    date: dt.date | None = None
    problems: int | None = None  # None where the kind lists no problems (a self-assessment)
    measures: tuple[MeasureRow, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    failure: str = ""
    failures: tuple[Diagnostic, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return not self.failure

    @property
    def name(self) -> str:
        """The region as the city names it: parent and name when both are known."""
        return self.region or self.input

    def status_counts(self) -> dict[str, int]:
        """Measures by status, 未填写 for those without one; every status present, zero or not."""
        counts = dict.fromkeys((*STATUSES, "未填写"), 0)
        for m in self.measures:
            counts[m.status or "未填写"] += 1
        return counts


def measure_words(measure: Any) -> str:
    """What a measure is called in a ledger: its lead sentence, else the start of what it says,
    without the final full stop (as the report's own ledger prints it)."""
    lead = getattr(measure, "lead", None)
    if lead:
        return lead.rstrip(_END)
    for name in ("text", "points"):
        values = getattr(measure, name, None) or []
        if values:
            return str(values[0]).rstrip(_END)
    return ""


def _title(report: Any) -> str:
    if getattr(report, "title", None):
        return report.title
    template = load_wording()["titles"].get(report.kind)
    if not template:
        return ""
    return template.format(
        year=report.year, region=report.region.name, review=getattr(report, "review", "")
    )


def _measures(report: Any) -> tuple[int | None, tuple[MeasureRow, ...]]:
    problems = getattr(report, "problems", None)
    if not isinstance(problems, list):
        return None, ()
    date = getattr(report, "date", None)
    year = date.year if isinstance(date, CnDate) else None
    rows = []
    for p in problems:
        for m in getattr(p, "measures", None) or []:
            deadline = m.deadline
            shown = format_date(deadline) if isinstance(deadline, CnDate) else str(deadline or "")
            rows.append(
                MeasureRow(
                    problem=p.title,
                    measure=measure_words(m),
                    unit=m.unit or "",
                    person=m.person or "",
                    deadline=shown,
                    due=due_date(deadline, year=year),
                    status=m.status or "",
                    evidence=getattr(m, "evidence", None) or "",
                )
            )
    return len(problems), tuple(rows)


def _figure_tables(model: BaseModel) -> list[list[Figure]]:
    """Every figures table of the report (a list of figures) in document order (the 基本情况
    table first)."""
    out: list[list[Figure]] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list):
            table = [item for item in value if isinstance(item, Figure)]
            if table:
                out.append(table)
            for item in value:
                if not isinstance(item, Figure):
                    walk(item)

    walk(model)
    return out


def _figure_rows(report: BaseModel) -> tuple[FigureRow, ...]:
    rows, seen = [], set()
    for table in _figure_tables(report):
        places = table_places(table)  # the report prints a table's changes to one precision
        for f in table:
            key = (f.name, f.unit)
            if key in seen:  # a figure repeated in a later table: the first is the district's
                continue
            seen.add(key)
            delta = figure_delta(f)
            rows.append(
                FigureRow(
                    name=f.name,
                    unit=f.unit,
                    value=f.value,
                    previous=f.previous,
                    change=delta[0] if delta else None,
                    points=f.unit.strip() == "%",
                    places=places,
                )
            )
    return tuple(rows)


def district_from_report(
    report: Any, input: str, warnings: list[Diagnostic] | tuple[Diagnostic, ...] = ()
) -> District:
    """The record of a validated report read from ``input``."""
    region = getattr(report, "region", None)
    date = getattr(report, "date", None)
    problems, measures = _measures(report)
    return District(
        input=input,
        region=getattr(region, "name", "") or "",
        parent=getattr(region, "parent", "") or "",
        kind=report.kind,
        year=getattr(report, "year", None),
        title=_title(report),
        date=date.date if isinstance(date, CnDate) else None,
        problems=problems,
        measures=measures,
        figures=_figure_rows(report),
        warnings=tuple(warnings),
    )


def failed_district(
    input: str, diagnostics: list[Diagnostic], region: tuple[str, str] = ("", "")
) -> District:
    """The record of a district whose file failed: listed as failed, never left out, with every
    problem one a line. ``region`` is (parent, name) when the file could be read that far."""
    parent, name = region
    errors = [d for d in diagnostics if d.severity != "warning"] or diagnostics
    return District(
        input=input,
        region=name,
        parent=parent,
        failure="\n".join(map(str, errors)) or "未能读取",
        failures=tuple(diagnostics),
    )
