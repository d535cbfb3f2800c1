"""Dates as clerks write them, and as 公文 print them (2021年4月1日, no zero padding).

Deadlines (整改时限) are dates too, or words: :func:`parse_deadline` reads 2021-12-31 and 2021年12月
as :class:`CnDate`, and words as :class:`TextDeadline`, printed as written and carrying the last
day they allow where they imply one (2026年底 → 2026-12-31, 2027年上半年 → 2027-06-30; 长期坚持 and
每学期 imply none). :func:`due_date` gives that day for any deadline, for an overdue check.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from ..errors import RuleError
from .numbering import parse_chinese_numeral

__all__ = ["CnDate", "TextDeadline", "due_date", "format_date", "parse_date", "parse_deadline"]

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
    parts = [parse_chinese_numeral(g) for g in m.groups()[1:] if g]
    if None in parts:
        return text
    return f"{year}年{parts[0]}月" + (f"{parts[1]}日" if len(parts) > 1 else "")


@dataclass(frozen=True, order=True)
class CnDate:
    """A calendar date, or a month when the day is not known (督导报告 dates are often
    2021年3月)."""

    year: int
    month: int
    day: int | None = None

    def __str__(self) -> str:
        return format_date(self)

    @property
    def date(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)


def parse_date(value: object, *, allow_month: bool = False) -> CnDate:
    """Read 2021-04-01, 2021.4.1, 2021/4/1, 20210401, 2021年4月1日 or 二〇二一年四月一日 (and
    2021年3月 when allow_month).

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


class TextDeadline(str):
    """A deadline in words, printed exactly as written (it is a ``str``). ``due`` is the last day
    the words allow when they name one (2026年底 → 2026-12-31, 2026年12月底前 → 2026-12-31,
    2027年上半年 → 2027-06-30), else None: 长期坚持, 每学期, or 年底 without a year (see
    :func:`due_date`)."""

    due: CnDate | None

    def __new__(cls, text: str, due: CnDate | None = None) -> TextDeadline:
        self = super().__new__(cls, text)
        self.due = due
        return self

    def __repr__(self) -> str:
        return f"TextDeadline({str(self)!r}, due={self.due!r})"


# A date followed by 前/以前/之前/止/为止 (2026-12-31前), or a year and a part of it: 2026年底,
# 2026年年内, 2027年上半年, 2026年第三季度, 2026年12月底前, 2026年6月中旬, 2026年12月31日前; each
# may end in 前 … and 完成. A year alone (2026年) is the year's end.
_BY = r"\s*(?:以前|之前|前|为止|止)?\s*(?:完成|到位)?"
_BEFORE = re.compile(r"^(.+?)\s*(?:以前|之前|前|为止|止)$")
_PERIOD = re.compile(
    r"^(?:(?P<year>\d{4})\s*年?)?\s*(?:"
    r"(?P<end>年?\s*(?:底|末|终|内))"
    r"|(?P<half>[上下])\s*半年"
    r"|第?\s*(?P<quarter>[一二三四1-4])\s*季度\s*(?:末|底)?"
    r"|(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?\s*"
    r"(?:(?P<day>\d{1,2})\s*[日号]|(?P<part>底|末|内|上旬|中旬|下旬|初|中))?"
    r")?" + _BY + "$"
)
# Starts like a date and holds nothing else: a typo in it (2026-13-01) is an error, not words.
_DATE_SHAPED = re.compile(r"^\d{4}[\d\s年月日号./-]*$")
_PART_DAY = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}


def parse_deadline(value: object) -> CnDate | TextDeadline:
    """A deadline as written: a date or month (:class:`CnDate`), else words (:class:`TextDeadline`,
    with the day they imply). Raises RuleError for an impossible date in either form (2026-13-01,
    2026年13月底)."""
    if isinstance(value, (CnDate, TextDeadline)):
        return value
    if not isinstance(value, str):
        return parse_date(value, allow_month=True)
    text = value.strip()
    try:
        return parse_date(text, allow_month=True)
    except RuleError as e:
        error = e
    normal = text.translate(_FULLWIDTH_DIGITS)
    before = _BEFORE.match(normal)
    if before:
        try:
            return TextDeadline(text, _last_day(parse_date(before.group(1), allow_month=True)))
        except RuleError:
            pass
    due = _implied(normal, None)
    if due is not None:
        return TextDeadline(text, due)
    if _DATE_SHAPED.match(normal):
        raise error
    return TextDeadline(text, None)


def due_date(deadline: CnDate | str | None, *, year: int | None = None) -> _dt.date | None:
    """The last day a deadline allows, or None when it names none (长期坚持, 每学期). A month is its
    last day (2021年12月 → 2021-12-31). ``year`` (the report's) dates words without one: 年底 →
    that year's 12-31."""
    if deadline is None:
        return None
    if isinstance(deadline, CnDate):
        return _last_day(deadline).date
    if isinstance(deadline, TextDeadline) and deadline.due is not None:
        return deadline.due.date
    try:
        due = _implied(str(deadline).strip().translate(_FULLWIDTH_DIGITS), year)
    except RuleError:
        return None
    return due.date if due is not None else None


def _last_day(d: CnDate) -> CnDate:
    if d.day is not None:
        return d
    return CnDate(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _implied(text: str, default_year: int | None) -> CnDate | None:
    """The last day named by a year and a part of it, or None when the text is not one."""
    m = _PERIOD.match(text)
    if (
        not m
        or not text
        or not any(m.group(g) for g in ("year", "end", "half", "quarter", "month"))
    ):
        return None
    year = int(m.group("year")) if m.group("year") else default_year
    if year is None:
        return None
    if not 1900 <= year <= 2100:
        raise RuleError(f"“{text}”中的年份 {year} 不合理", "请检查是否写错")
    if m.group("half"):
        month = 6 if m.group("half") == "上" else 12
    elif m.group("quarter"):
        month = 3 * ("一二三四".find(m.group("quarter")) + 1 or int(m.group("quarter")))
    elif m.group("month"):
        written = m.group("month")
        month = int(written) if written.isdigit() else (parse_chinese_numeral(written) or 0)
        if not 1 <= month <= 12:
            raise RuleError(f"“{text}”中的月份 {written} 不存在", "月份应在 1 到 12 之间")
    else:
        month = 12
    last = calendar.monthrange(year, month)[1]
    day = last
    if m.group("day"):
        day = int(m.group("day"))
        if not 1 <= day <= last:
            raise RuleError(f"“{text}”中的日期不存在", f"{year}年{month}月没有{day}日，请核对")
    elif m.group("part") in _PART_DAY:
        day = _PART_DAY[m.group("part")]
    return CnDate(year, month, day)
