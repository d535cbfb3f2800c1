"""Deadlines and statuses of rectification measures, against the report's date and its text.

- A measure whose deadline (a date; a month means its last day) has passed by the report's
  ``date`` but is not 已完成: overdue, by so many days.
- A status the measure's own text contradicts: 已完成 beside 正在推进, 持续推进, 尚未完成 …;
  未开始 beside 已完成, 已建成 ….
- A deadline before the inspection began.

Any model with ``deadline`` and ``status`` is a measure, wherever it stands in the report.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pydantic import BaseModel

from ...text.dates import CnDate, format_date
from .finding import Finding
from .walk import models, texts

__all__ = ["check_deadlines", "last_day"]

_ONGOING = re.compile(r"正在推进|持续推进|推进中|正在|尚未完成|未完成|尚未|还未|仍在")
_DONE = re.compile(r"已完成|已经完成|已全部完成|已建成|已落实|已实现|已出台|已印发|已到位")


def last_day(d: CnDate) -> dt.date:
    """The day a deadline ends: the date itself, or the last day of a month."""
    if d.day is not None:
        return dt.date(d.year, d.month, d.day)
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def check_deadlines(report: BaseModel) -> list[Finding]:
    date = getattr(report, "date", None)
    inspection = getattr(report, "inspection", None)
    start = getattr(inspection, "start", None)
    out: list[Finding] = []
    for loc, m in models(report):
        fields = type(m).model_fields
        if "deadline" not in fields or "status" not in fields:
            continue
        deadline, status = m.deadline, m.status  # type: ignore[attr-defined]
        words = "".join(text for _, _, text in texts(m))
        if isinstance(deadline, CnDate):
            end = last_day(deadline)
            shown = format_date(deadline) + (
                f"（即{format_date(CnDate(end.year, end.month, end.day))}）"
                if deadline.day is None
                else ""
            )
            if isinstance(date, CnDate) and status != "已完成" and end < last_day(date):
                days = (last_day(date) - end).days
                now = f"完成情况为“{status}”" if status else "没有写完成情况（status）"
                out.append(
                    Finding(
                        (*loc, "deadline"),
                        "整改时限",
                        f"整改时限 {shown}已过，到成文日期 {format_date(date)} 已逾期 {days} 天，"
                        f"{now}",
                        "已完成的写 status: 已完成；未完成的在正文中说明原因和新的时限",
                        check="deadline",
                    )
                )
            if isinstance(start, CnDate) and end < last_day(start):
                out.append(
                    Finding(
                        (*loc, "deadline"),
                        "整改时限",
                        f"整改时限 {shown} 早于督导开始日期 {format_date(start)}",
                        "整改在督导之后，核对时限的年份和月份",
                        check="deadline",
                    )
                )
        said = None
        if status == "已完成":
            said = _ONGOING.search(words)
        elif status == "未开始":
            said = _DONE.search(words)
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
