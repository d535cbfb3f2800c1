import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.text.dates import CnDate, format_date, parse_date


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
