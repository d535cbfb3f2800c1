import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.text.dates import (
    CnDate,
    TextDeadline,
    due_date,
    format_date,
    parse_date,
    parse_deadline,
)


@pytest.mark.parametrize(
    "text",
    [
        "2021-04-01",
        "2021.4.1",
        "2021/4/1",
        "2021年4月1日",
        " 2021 年 4 月 1 日 ",
        "２０２１年４月１日",
        dt.date(2021, 4, 1),
        "2021年4月1号",
        "20210401",
        20210401,
        "二〇二一年四月一日",
        "二○二一年四月一号",
    ],
)
def test_accepted_forms(text):
    assert parse_date(text) == CnDate(2021, 4, 1)


def test_month_only_when_allowed():
    assert parse_date("2021年3月", allow_month=True) == CnDate(2021, 3)
    assert format_date(CnDate(2021, 3)) == "2021年3月"
    with pytest.raises(ValueError, match="缺少日"):
        parse_date("2021年3月")


@pytest.mark.parametrize(
    "text, pattern",
    [
        ("2021-13-45", "月份 13 不存在"),
        ("2021-02-30", "2021年2月没有30日"),
        ("明年四月", "不是可识别的日期"),
        ("1850-01-01", "年份 1850 不合理"),
        ("二〇二一年十三月一日", "月份 13 不存在"),
        ("二〇二一年十十月一日", "不是可识别的日期"),
        ("20211301", "月份 13 不存在"),
    ],
)
def test_rejected_with_reason(text, pattern):
    with pytest.raises(ValueError, match=pattern):
        parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_round_trip_no_zero_padding(d):
    text = format_date(parse_date(d.isoformat()))
    assert text == f"{d.year}年{d.month}月{d.day}日"
    assert parse_date(text) == CnDate(d.year, d.month, d.day)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_chinese_numeral_dates_read_as_arabic(d):
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        return (
            digits[n]
            if n < 10
            else ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")
        )

    text = "".join(digits[int(c)] for c in str(d.year)) + f"年{small(d.month)}月{small(d.day)}日"
    assert parse_date(text) == CnDate(d.year, d.month, d.day)


# ---- deadlines: dates, or words with the day they imply -------------------------------------


@pytest.mark.parametrize(
    "text, due",
    [
        ("2026年底", dt.date(2026, 12, 31)),
        ("2026年年底", dt.date(2026, 12, 31)),
        ("2026年末", dt.date(2026, 12, 31)),
        ("2026年内", dt.date(2026, 12, 31)),
        ("2026年底前完成", dt.date(2026, 12, 31)),
        ("2026年12月底前", dt.date(2026, 12, 31)),
        ("2026年2月底", dt.date(2026, 2, 28)),
        ("2026年6月中旬", dt.date(2026, 6, 20)),
        ("2026年十二月底", dt.date(2026, 12, 31)),
        ("2027年上半年", dt.date(2027, 6, 30)),
        ("2027年下半年", dt.date(2027, 12, 31)),
        ("2026年第三季度", dt.date(2026, 9, 30)),
        ("2026年一季度末", dt.date(2026, 3, 31)),
        ("2026年12月31日前", dt.date(2026, 12, 31)),
        ("2026-12-31前", dt.date(2026, 12, 31)),
        ("2026年6月以前", dt.date(2026, 6, 30)),
        ("２０２６年底", dt.date(2026, 12, 31)),
        ("2026年", dt.date(2026, 12, 31)),
        ("2026年秋季开学前", None),
        ("长期坚持", None),
        ("每学期", None),
        ("年内", None),
    ],
)
def test_deadline_words_are_printed_as_written_with_the_day_they_imply(text, due):
    deadline = parse_deadline(text)
    assert isinstance(deadline, TextDeadline) and str(deadline) == text
    assert due_date(deadline) == due
    assert (deadline.due.date if deadline.due else None) == due


def test_deadline_dates_stay_dates_and_a_month_is_due_at_its_end():
    assert parse_deadline("2021-12-31") == CnDate(2021, 12, 31)
    assert parse_deadline("2021年12月") == CnDate(2021, 12)
    assert due_date(parse_deadline("2021年12月")) == dt.date(2021, 12, 31)
    assert due_date(parse_deadline("2024-02")) == dt.date(2024, 2, 29)
    assert due_date(None) is None


def test_words_without_a_year_take_the_reports_year():
    assert due_date(parse_deadline("年底前"), year=2026) == dt.date(2026, 12, 31)
    assert due_date(parse_deadline("上半年"), year=2026) == dt.date(2026, 6, 30)
    assert due_date(parse_deadline("每学期"), year=2026) is None
    assert due_date(parse_deadline("2027年底"), year=2026) == dt.date(2027, 12, 31)


@pytest.mark.parametrize(
    "text, pattern",
    [
        ("2026-13-01", "“2026-13-01”中的月份 13 不存在"),
        ("2026年13月底", "“2026年13月底”中的月份 13 不存在"),
        ("2026年2月30日前", "2026年2月没有30日"),
        ("1850年底", "年份 1850 不合理"),
        ("2026.12.32", "2026年12月没有32日"),
    ],
)
def test_impossible_dates_in_deadlines_are_still_errors(text, pattern):
    with pytest.raises(ValueError, match=pattern):
        parse_deadline(text)
