"""Deadlines and statuses of rectification measures, against the report's date and its text.

- A measure whose deadline has passed by the report's ``date`` but is not 已完成: overdue, by so
  many days. The deadline's last day is text/dates.due_date's: a month's last day, 2021年底 →
  12月31日; words without a year (年底) are the year the report is written in.
- A status the measure's own text contradicts: 已完成 beside 正在推进, 持续推进, 尚未完成 …;
  未开始 beside 已完成, 已建成 ….
- A deadline before the inspection began.

Any model with ``deadline`` and ``status`` is a measure, wherever it stands in the report.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from ...text.dates import CnDate, due_date, format_date
from .finding import Finding
from .walk import models, texts

__all__ = ["check_deadlines"]

_ONGOING = re.compile(r"正在推进|持续推进|推进中|正在|尚未完成|未完成|尚未|还未|仍在")
_DONE = re.compile(r"已完成|已经完成|已全部完成|已建成|已落实|已实现|已出台|已印发|已到位")


def _day(d: dt.date) -> str:
    return format_date(CnDate(d.year, d.month, d.day))


def check_deadlines(report: BaseModel) -> list[Finding]:
    date = getattr(report, "date", None)
    if not isinstance(date, CnDate):
        date = None
    written = date.date if date is not None else None
    inspection = getattr(report, "inspection", None)
    start = getattr(inspection, "start", None)
    out: list[Finding] = []
    for loc, m in models(report):
        fields = type(m).model_fields
        if "deadline" not in fields or "status" not in fields:
            continue
        deadline, status = m.deadline, m.status  # type: ignore[attr-defined]
        # Words without a year (年底) are the year the report is written in: its measures run then.
        end = due_date(deadline, year=written.year if written else None)
        if end is not None:
            shown = format_date(deadline) if isinstance(deadline, CnDate) else f"“{deadline}”"
            last = (
                ""
                if isinstance(deadline, CnDate) and deadline.day is not None
                else f"（最后一天为 {_day(end)}）"
            )
            if date is not None and written is not None and status != "已完成" and end < written:
                days = (written - end).days
                now = f"完成情况为“{status}”" if status else "没有写完成情况（status）"
                out.append(
                    Finding(
                        (*loc, "deadline"),
                        "整改时限",
                        f"整改时限 {shown} 已过{last}，到成文日期 {format_date(date)} "
                        f"已逾期 {days} 天，{now}",
                        "已完成的写 status: 已完成；未完成的在正文中说明原因和新的时限",
                        check="deadline",
                    )
                )
            if isinstance(start, CnDate) and end < start.date:
                out.append(
                    Finding(
                        (*loc, "deadline"),
                        "整改时限",
                        f"整改时限 {shown}{last} 早于督导开始日期 {format_date(start)}",
                        "整改在督导之后，核对时限的年份和月份",
                        check="deadline",
                    )
                )
        said = None
        if status in ("已完成", "未开始"):  # the measure's words, only where a status can clash
            words = "".join(text for where, _, text in texts(m) if where[-1:] != ("deadline",))
            said = (_ONGOING if status == "已完成" else _DONE).search(words)
        if said:
            out.append(
                Finding(
                    (*loc, "status"),
                    "完成情况",
                    f"完成情况写的是“{status}”，这一条的文字却说“{said.group()}”",
                    "核对完成情况：尚未完成的写 持续推进，已完成的改写正文",
                    check="status",
                )
            )
    return out
