"""Dates as clerks write them, and as 公文 print them (2021年4月1日, no zero padding)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["CnDate", "parse_date", "format_date"]

_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$"),
]


@dataclass(frozen=True, order=True)
class CnDate:
    """A calendar date, or a month when the day is not known (督导报告 dates are often 2021年3月)."""

    year: int
    month: int
    day: int | None = None

    def __str__(self) -> str:
        return format_date(self)

    @property
    def date(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)


def parse_date(value: object, *, allow_month: bool = False) -> CnDate:
    """Read 2021-04-01, 2021.4.1, 2021/4/1 or 2021年4月1日 (and 2021年3月 when allow_month).

    Raises ValueError with a message for clerks when the text is not a real date.
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return CnDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"应为日期，而不是 {value!r} — 写成 2021-04-01 或 2021年4月1日")
    text = value.strip().translate(_FULLWIDTH_DIGITS)
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            break
    else:
        example = "2021-04-01、2021.4.1 或 2021年4月1日" + ("（也可只写年月：2021年3月）" if allow_month else "")
        raise ValueError(f"“{value}”不是可识别的日期 — 请写成 {example}")
    year, month = int(m.group(1)), int(m.group(2))
    day = int(m.group(3)) if m.group(3) else None
    if day is None and not allow_month:
        raise ValueError(f"“{value}”缺少日 — 此处需要完整日期，如 {year}年{month}月1日")
    if not 1 <= month <= 12:
        raise ValueError(f"“{value}”中的月份 {month} 不存在 — 月份应在 1 到 12 之间")
    if day is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"“{value}”中的日期不存在 — {year}年{month}月没有{day}日，请核对") from None
    if not 1900 <= year <= 2100:
        raise ValueError(f"“{value}”中的年份 {year} 不合理 — 请检查是否写错")
    return CnDate(year, month, day)


def format_date(d: CnDate) -> str:
    if d.day is None:
        return f"{d.year}年{d.month}月"
    return f"{d.year}年{d.month}月{d.day}日"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")
