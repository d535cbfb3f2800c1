"""Half-width punctuation beside Chinese characters becomes full-width; numbers and English stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.loader import load_yaml_text
from reportgen.text.punctuation import fullwidth


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("加强领导,压实责任.落实(试行)方案", "加强领导，压实责任。落实（试行）方案"),
        ("是否完成?是!", "是否完成？是！"),
        ("联系邮箱:abc@x.com", "联系邮箱：abc@x.com"),
        ("工作. 下一步", "工作。下一步"),
        ("方案(2020-2035年)》", "方案（2020-2035年）》"),
        ("项目(1)推进", "项目（1）推进"),
        ("合计:1,234万元", "合计：1,234万元"),
        # after a closing quote or bracket, %, ‰, ℃, a digit or a letter, when Chinese follows
        ("“双减”,落实", "“双减”，落实"),
        ("“双减”, 落实", "“双减”，落实"),
        ("增长10%,落实", "增长10%，落实"),
        ("千分之三‰;其余", "千分之三‰；其余"),
        ("气温25℃,天晴", "气温25℃，天晴"),
        ("共15,其中男生8人", "共15，其中男生8人"),
        ("安装APP,微信", "安装APP，微信"),
        ("见附件1:名单", "见附件1：名单"),
        ("是否安装APP?", "是否安装APP？"),
        ("网址www.gov.cn,请查询", "网址www.gov.cn，请查询"),
        ("指出“双减”:", "指出“双减”："),
        ("增长10%.下一步", "增长10%。下一步"),
        ("落实“双减”.", "落实“双减”。"),
        ("工作 , 落实", "工作，落实"),
        # straight quotes in pairs beside Chinese
        ('落实"双减"政策', "落实“双减”政策"),
        ('"双减"政策和"五项管理"', "“双减”政策和“五项管理”"),
        # left alone: numbers, times, addresses, English, what is already full-width
        ("1,861人", "1,861人"),
        ("约3.5亿元", "约3.5亿元"),
        ("时间8:30开会", "时间8:30开会"),
        ("网址www.gov.cn查询", "网址www.gov.cn查询"),
        ("see (A) and (B)", "see (A) and (B)"),
        ("第1.项", "第1.项"),
        ("（一）已有全角，", "（一）已有全角，"),
        ("Excel,Word等软件", "Excel,Word等软件"),
        ("比例为2:1的", "比例为2:1的"),
        ("版本v2.0的", "版本v2.0的"),
        ("共计15,", "共计15,"),
        ("代码&amp;", "代码&amp;"),
        ("查询http://x.cn/?a=1中", "查询http://x.cn/?a=1中"),
        ('一个"引号', '一个"引号'),  # unpaired: which is which cannot be known
        ("He said “hi”, then left.", "He said “hi”, then left."),
        ('"quoted" text', '"quoted" text'),
    ],
)
def test_fullwidth(typed, printed):
    assert fullwidth(typed) == printed


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_is_never_changed(text):
    assert fullwidth(text) == text


@given(st.text(alphabet=st.sampled_from(list("甲乙，。,.;:?!() 1a（）"))))
def test_idempotent_and_only_marks_change(text):
    once = fullwidth(text)
    assert fullwidth(once) == once
    # Only punctuation and the space after it change: the words are the same, in the same order.
    words = lambda s: [c for c in s if c not in ",.;:?!() ，。；：？！（）"]  # noqa: E731
    assert words(once) == words(text)


def test_report_text_prints_full_width(good_yaml):
    text = good_yaml.replace(
        "明确议事规则, 明确任务职责", '"明确议事规则,落实(试行)办法", 明确任务职责'
    )
    blocks = report_context(validate(load_yaml_text(text, "r.yaml")))["blocks"]
    assert any("一是明确议事规则，落实（试行）办法。" in b.get("text", "") for b in blocks)
