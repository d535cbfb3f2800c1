"""Reading numbers as Chinese reports write them (text/cnnum.py)."""

from decimal import Decimal

import pytest

from reportgen.text.cnnum import cn_integer, find_quantities, quantity_of, unit_parts


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("三千二百", 3200),
        ("两万", 20000),
        ("二十万零三百", 200300),
        ("一亿二千万", 120000000),
        ("四万亿", 4 * 10**12),
        ("十十", None),
        ("三四", None),
        ("万万", None),
    ],
)
def test_number_words(words, value):
    assert cn_integer(words) == value


def one(text: str):
    (q,) = find_quantities(text)
    return q


@pytest.mark.parametrize(
    ("text", "value", "half", "key"),
    [
        ("在校学生1,861人", "1861", "0", "人"),
        ("支出15.69亿元", "1569000000", "500000", "元"),
        ("增加1956万元", "19560000", "5000", "元"),
        ("1.2万人", "12000", "500", "人"),
        ("两万人", "20000", "5000", "人"),
        ("三千二百所", "3200", "0", "所"),
        ("十二名", "12", "0", "人"),
        ("增长2.54%", "2.54", "0.005", "%"),
        ("增长5.17 %", "5.17", "0.005", "%"),
        ("百分之七十五", "75", "0.5", "%"),
        ("提高4.07个百分点", "4.07", "0.005", "个百分点"),
        ("8079.84元", "8079.84", "0.005", "元"),
        ("陪餐65050人次", "65050", "0", "人次"),
        ("增长-3%", "-3", "0.5", "%"),
        ("负3%", "-3", "0.5", "%"),
    ],
)
def test_quantities_with_unit_value_and_rounding(text, value, half, key):
    q = one(text)
    assert (q.value, q.half, q.key) == (Decimal(value), Decimal(half), key)


@pytest.mark.parametrize(
    "text",
    [
        "2021年6月底",  # dates
        "〔2019〕2号",  # document numbers
        "第二次全体会议、第5位",  # ordinals
        "1至2个专题、20-30人、五至十所、5个至10个",  # ranges
        "“两个只增不减”《方案（2019-2022年）》",  # quoted
        "师生比1:191",  # ratios
        "千方百计、十分重视、一是、九大类",  # words
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text", ["近6000名", "5700余人", "400多门", "95%以上", "约3万人", "突破四万亿元"]
)
def test_approximate(text):
    assert one(text).approx


def test_units_of_figures():
    assert unit_parts("万元") == (Decimal(10000), "元", "元")
    assert unit_parts("元/生") == (Decimal(1), "元/生", "元/生")
    q = quantity_of(Decimal("473813.97"), "万元")
    assert (q.value, q.half) == (Decimal("4738139700.00"), Decimal("50.00"))
    assert quantity_of(Decimal("1861"), "人").half == 0
    assert quantity_of(Decimal("15"), "亿元").comparable(quantity_of(Decimal("2"), "元"))
