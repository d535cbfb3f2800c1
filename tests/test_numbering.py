import pytest

from reportgen.text.numbering import chinese_numeral, heading_number, point_prefix


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (2022, "二千零二十二"),
    ],
)
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("bad", [0, -1, 10000])
def test_chinese_numeral_out_of_range(bad):
    with pytest.raises(ValueError):
        chinese_numeral(bad)


@pytest.mark.parametrize(
    "level, n, text",
    [
        (1, 1, "一、"),
        (1, 10, "十、"),
        (1, 12, "十二、"),
        (2, 1, "（一）"),
        (2, 11, "（十一）"),
        (3, 1, "1."),
        (3, 18, "18."),
        (4, 3, "（3）"),
    ],
)
def test_heading_number(level, n, text):
    assert heading_number(level, n) == text


def test_heading_level_out_of_range():
    with pytest.raises(ValueError):
        heading_number(5, 1)


@pytest.mark.parametrize(
    "n, text", [(1, "一是"), (2, "二是"), (10, "十是"), (11, "十一是"), (20, "二十是")]
)
def test_point_prefix(n, text):
    assert point_prefix(n) == text
