"""Dates as clerks write them, and as 公文 print them (2021年4月1日, no zero padding)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..errors import RuleError

__all__ = ["CnDate", "format_date", "parse_date"]

_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 20210401, as spreadsheets export it
]
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "o": 0}
_CN_DATE = re.compile(
    r"^([〇○零Oo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?$"
)


def _arabic(text: str) -> str:
    """二〇二一年四月一日 → 2021年4月1日: GB/T 9704-2012 prints dates in Arabic numerals."""
    m = _CN_DATE.match(text)
    if not m:
        return text
    year = "".join(str(_CN[c]) for c in m.group(1))
    parts = [_small(g) for g in m.groups()[1:] if g]
    if None in parts:
        return text
    return f"{year}年{parts[0]}月" + (f"{parts[1]}日" if len(parts) > 1 else "")


def _small(words: str) -> int | None:
    """一 … 九, 十, 十一 … 三十一; None for malformed ones such as 十十."""
    tens, sep, ones = words.partition("十")
    if not sep:
        return _CN.get(words) if len(words) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    high, low = _CN.get(tens, None) if tens else 1, _CN.get(ones, None) if ones else 0
    return None if high is None or low is None else high * 10 + low


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
    """Read 2021-04-01, 2021.4.1, 2021/4/1, 20210401, 2021年4月1日 or 二〇二一年四月一日 (and 2021年3月
    when allow_month).

    Raises RuleError (a ValueError) with a message and hint for clerks when the text is not a
    real date.
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return CnDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 8:
        value = str(value)  # 20210401 unquoted: YAML reads a number
    if not isinstance(value, str):
        raise RuleError(f"应为日期，而不是 {value!r}", "写成 2021-04-01 或 2021年4月1日")
    text = _arabic(value.strip().translate(_FULLWIDTH_DIGITS))
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            break
    else:
        example = "2021-04-01、2021.4.1 或 2021年4月1日" + (
            "（也可只写年月：2021年3月）" if allow_month else ""
        )
        raise RuleError(f"“{value}”不是可识别的日期", f"请写成 {example}")
    year, month = int(m.group(1)), int(m.group(2))
    day = int(m.group(3)) if m.group(3) else None
    # Year, then month, then day: a hint built from an impossible year or month would repeat it.
    if not 1900 <= year <= 2100:
        raise RuleError(f"“{value}”中的年份 {year} 不合理", "请检查是否写错")
    if not 1 <= month <= 12:
        raise RuleError(f"“{value}”中的月份 {month} 不存在", "月份应在 1 到 12 之间")
    if day is None and not allow_month:
        raise RuleError(f"“{value}”缺少日", f"此处需要完整日期，如 {year}年{month}月1日")
    if day is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise RuleError(
                f"“{value}”中的日期不存在", f"{year}年{month}月没有{day}日，请核对"
            ) from None
    return CnDate(year, month, day)


def format_date(d: CnDate) -> str:
    if d.day is None:
        return f"{d.year}年{d.month}月"
    return f"{d.year}年{d.month}月{d.day}日"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")
