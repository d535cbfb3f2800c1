"""What a proofreader fixes in every text value: compatibility characters, stray spaces, quotes
inside quotes, spaces in names — and what each rule must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.loader import load_yaml_text
from reportgen.text.compat import compat
from reportgen.text.proofread import proofread, proofread_name
from reportgen.text.quotes import nest_quotes
from reportgen.text.spaces import tidy_name_spaces, tidy_spaces


@pytest.mark.parametrize(
    "typed, printed",
    [
        # Small Form Variants: the ordinary mark, whose width the context then sets
        ("增长10﹪", "增长10%"),
        ("甲﹐乙﹑丙﹔丁﹕戊﹖己﹗", "甲，乙、丙；丁：戊？己！"),
        ("方案﹙试行﹚", "方案（试行）"),
        ("文号﹝2021﹞2号", "文号〔2021〕2号"),
        ("1﹐861人", "1,861人"),
        # vertical forms, half-width CJK marks
        ("甲︐乙︑丙︒", "甲，乙、丙。"),
        ("等等︙", "等等…"),
        ("甲､乙｡", "甲、乙。"),
        ("｢双减｣", "「双减」"),
        # full-width digits, letters, percent sign; a full-width point between digits
        ("２０２１年", "2021年"),
        ("增长１０．５％", "增长10.5%"),
        ("ＸＸ区Ａ等", "XX区A等"),
        ("ｅｍａｉｌ", "email"),
        # Kangxi radicals from PDF text extraction
        ("\u2f8f\u653f\u2f00\u4f53", "行政一体"),
        ("\u2e9f亲", "母亲"),
        # left alone: the full-width marks a 公文 uses, symbols, circled numbers, ℃, ㎡
        ("甲，乙。丙：丁；戊？己！（庚）", "甲，乙。丙：丁；戊？己！（庚）"),
        ("３～５年", "3～5年"),
        ("共计￥100", "共计￥100"),
        ("①②③", "①②③"),
        ("气温25℃，面积100㎡", "气温25℃，面积100㎡"),
        ("第１．项", "第1．项"),  # ．not between digits
        ("\u3000全角空格", "\u3000全角空格"),
        ("\uf9dc", "\uf9dc"),  # a CJK compatibility ideograph: a name may use it on purpose
    ],
)
def test_compatibility_characters(typed, printed):
    assert proofread(typed) == printed


def test_compat_never_touches_ascii_or_the_marks_of_a_document():
    kept = "，。、；：？！（）《》〔〕【】“”‘’……——～￥　"
    assert compat(kept) == kept


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("共有 15 人", "共有15人"),
        ("其中、 42316", "其中、42316"),
        ("第 3 条", "第3条"),
        ("增长10% 的", "增长10%的"),
        ("共15\u00a0人", "共15人"),  # &nbsp; from a web page
        ("共15\u3000人", "共15人"),  # an ideographic space
        ("共15\u2002人", "共15人"),  # &ensp;
        ("《 方案 》", "《方案》"),
        ("工作 。下一步", "工作。下一步"),
        ("见附件， Excel表格", "见附件，Excel表格"),
        ("总体评价为“ A ”等", "总体评价为“A”等"),
        ("总体评价为 “A” 等", "总体评价为“A”等"),
        ("买买提 · 艾力", "买买提·艾力"),
        # kept: Latin words, Chinese beside Latin, Chinese beside Chinese in running text
        ("使用 Microsoft Word 编辑", "使用 Microsoft Word 编辑"),
        ("联系人：张三 李四", "联系人：张三 李四"),
        ("the “A” grade", "the “A” grade"),
        ("版本 2.0 beta", "版本2.0 beta"),  # but a number beside Chinese takes no space
    ],
)
def test_stray_spaces(typed, printed):
    assert tidy_spaces(typed) == printed
    assert proofread(typed) == printed


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("东城 区", "东城区"),
        ("北京市 东城区 人民政府", "北京市东城区人民政府"),
        ("东城\u3000区", "东城区"),
        ("XX 区", "XX 区"),  # a Latin placeholder keeps its space
    ],
)
def test_spaces_in_names(typed, printed):
    assert tidy_name_spaces(typed) == printed
    assert proofread_name(typed) == printed


@pytest.mark.parametrize(
    "typed, printed",
    [
        (
            "关于“教育经费“两个只增不减”落实不到位”问题",
            "关于“教育经费‘两个只增不减’落实不到位”问题",
        ),
        ("“甲“乙“丙”乙”甲”", "“甲‘乙“丙”乙’甲”"),
        ("教育经费‘两个只增不减’落实不到位", "教育经费“两个只增不减”落实不到位"),
        ("关于“教育经费‘两个只增不减’落实”问题", "关于“教育经费‘两个只增不减’落实”问题"),
        ("“双减”和“五项管理”", "“双减”和“五项管理”"),
        # left alone: quotes that do not pair up, apostrophes, English text
        ("关于“教育经费“两个只增不减”落实不到位问题", "关于“教育经费“两个只增不减”落实不到位问题"),
        ("多了一个”的文字", "多了一个”的文字"),
        ("“Children’s Day”活动", "“Children’s Day”活动"),
        ("‘quoted’ in English", "‘quoted’ in English"),
    ],
)
def test_nested_quotes(typed, printed):
    assert nest_quotes(typed) == printed


def test_problem_heading_nests_the_quotes_of_its_title(fixtures_dir):
    text = (fixtures_dir / "minimal-rectification.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - title: 教育决策机制还不够完善",
        "  - title: 教育经费“两个只增不减”落实不到位",
    )
    ctx = report_context(validate(load_yaml_text(text, "r.yaml")))
    titles = [b["number"] + b["title"] for b in ctx["blocks"] if b["kind"] == "h2"]
    assert "（一）关于“教育经费‘两个只增不减’落实不到位”问题" in titles
    # standing alone (the ledger's problem column), the inner quotes stay double
    assert ctx["ledger"]["rows"][0]["problem"] == "教育经费“两个只增不减”落实不到位"


def test_a_title_keeps_the_space_between_joint_issuers(good_yaml):
    text = good_yaml.replace(
        "issuer: 绍兴", "title: 中共越城区委 越城区人民政府关于 2021 年整改情况的报告\nissuer: 绍兴"
    )
    ctx = report_context(validate(load_yaml_text(text, "r.yaml")))
    assert ctx["title"] == "中共越城区委 越城区人民政府关于2021年整改情况的报告"
    assert ctx["title_lines"] == ["中共越城区委 越城区人民政府", "关于2021年整改情况的报告"]


def test_names_print_without_inner_spaces(fixtures_dir):
    text = (fixtures_dir / "minimal-rectification.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 越城区", "name: 越城 区").replace(
        "issuer: 绍兴市越城区人民政府", "issuer: 绍兴市 越城区人民政府"
    )
    ctx = report_context(validate(load_yaml_text(text, "r.yaml")))
    assert ctx["region"]["name"] == "越城区"
    assert "越城区" in ctx["title"]
    assert ctx["issuer"] == "绍兴市越城区人民政府"


_CHINESE_TEXT = st.text(
    alphabet=st.sampled_from(list('甲乙，。,.;:?!()"“”‘’ 1a%（）﹪﹐１Ａ\u3000'))
)


@given(_CHINESE_TEXT)
def test_proofreading_is_idempotent(text):
    once = proofread(text)
    assert proofread(once) == once
    named = proofread_name(text)
    assert proofread_name(named) == named


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_is_never_changed(text):
    assert proofread(text) == text
    assert proofread_name(text) == text


def test_a_number_typed_full_width_is_read(good_yaml):
    text = good_yaml.replace("value: 473813.97", "value: ４７３８１３．９７")
    [figure] = validate(load_yaml_text(text, "r.yaml")).basic.figures
    assert str(figure.value) == "473813.97"
