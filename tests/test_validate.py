"""Validation: every problem at once, each located as
file:line:col: path (中文名): message — hint."""

import re

import pytest

from reportgen.errors import InputError
from reportgen.model.validate import validate
from reportgen.read.loader import load_yaml_text
from support import GOOD, GOOD_SA


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(text, "r.yaml"))
    return [str(p) for p in info.value.diagnostics]


def test_good_files_validate():
    assert validate(load_yaml_text(GOOD, "r.yaml")).region.name == "越城区"
    assert validate(load_yaml_text(GOOD_SA, "s.yaml")).kind == "self_assessment"


def test_typo_and_bad_date_give_one_located_message_each():
    text = GOOD.replace("region:", "regoin:").replace("date: 2021-04-01", "date: 2021-13-45")
    problems = problems_of(text)
    assert len(problems) == 2, problems
    assert re.fullmatch(
        r"r\.yaml:2:1: regoin: 未知字段“regoin” — 是否应为 region（地区）？", problems[0]
    )
    assert re.fullmatch(
        r"r\.yaml:5:7: date \(成文日期\): “2021-13-45”中的月份 13 不存在 — .+", problems[1]
    )


def test_all_problems_reported_at_once_in_file_order():
    text = (
        GOOD.replace("year: 2019", "year: 二〇一九")
        .replace("status: 已完成", "status: 完成")
        .replace("value: 473813.97", "value: 15.69亿元")
    )
    problems = problems_of(text)
    assert len(problems) == 3
    assert "year (年度): 应为整数" in problems[0]
    assert re.search(
        r"basic\.figures\[0\]\.value \(数值\): “15\.69亿元”带了单位 — "
        r"unit（单位）是“万元”，15\.69亿元 即 156900万元：这里只写 156900",
        problems[1],
    )
    assert re.search(
        r"status \(完成情况\): “完成”不是可选值 — "
        r"是否应为 已完成？只能是 已完成、持续推进、未开始 之一",
        problems[2],
    )
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_nested_typo_suggests_the_field_of_that_level():
    problems = problems_of(GOOD.replace("      - lead:", "      - laed:"))
    assert len(problems) == 1
    assert re.search(
        r"r\.yaml:\d+:9: problems\[0\]\.measures\[0\]\.laed: "
        r"未知字段“laed” — 是否应为 lead（首句）？",
        problems[0],
    )


def test_missing_required_field_points_at_parent_and_says_what_to_add():
    problems = problems_of(GOOD.replace("date: 2021-04-01\n", ""))
    assert problems == ["r.yaml:1:1: date (成文日期): 缺少必填项 — 请在文件顶层下添加 date: …"]


def test_number_with_thousands_separator():
    problems = problems_of(GOOD.replace("value: 473813.97", 'value: "1,861"'))
    assert "中有千分位逗号 — 请写成 1861" in problems[0]


@pytest.mark.parametrize(
    "value, unit, message",
    [
        ('"1,861"', "万元", "“1,861”中有千分位逗号 — 请写成 1861"),
        ('"-1,861.5"', "万元", "“-1,861.5”中有千分位逗号 — 请写成 -1861.5"),
        (
            "15.69亿元",
            "''",
            "“15.69亿元”带了单位 — 这里只写数字 15.69，单位“亿元”写在 unit（单位）中",
        ),
        ("-5 万元", "人", "“-5 万元”带了单位 — 这里只写数字 -5，单位“万元”写在 unit（单位）中"),
        ("5.2万人", "万元", "“5.2万人”带了单位 — 这里只写数字 5.2，单位“万人”写在 unit（单位）中"),
        ("约一千", "万元", "“约一千”不是数字 — 请只写阿拉伯数字，如 1861 或 15.69"),
        ('","', "万元", "“,”不是数字 — 请只写阿拉伯数字，如 1861 或 15.69"),
        # The unit already carries the magnitude: "写在 unit 中" would have made it 万万元.
        ("5.2万", "万元", "“5.2万”带了单位 — 这里只写数字 5.2，unit（单位）“万元”中已有“万”"),
        ("3万", "万人", "“3万”带了单位 — 这里只写数字 3，unit（单位）“万人”中已有“万”"),
        ("5.2亿", "亿元", "“5.2亿”带了单位 — 这里只写数字 5.2，unit（单位）“亿元”中已有“亿”"),
        ("-5 万元", "万元", "“-5 万元”带了单位 — 这里只写数字 -5，unit（单位）已是“万元”"),
        # Another magnitude of the same unit: the number in the figure's unit, as the sheet says.
        (
            "15.69亿元",
            "万元",
            "“15.69亿元”带了单位 — unit（单位）是“万元”，15.69亿元 即 156900万元：这里只写 156900",
        ),
        ("5.2万", "元", "“5.2万”带了单位 — unit（单位）是“元”，5.2万 即 52000元：这里只写 52000"),
        # 万 is no magnitude of a ratio
        ("5.2万", "'%'", "“5.2万”带了单位 — 这里只写数字 5.2，单位“万”写在 unit（单位）中"),
    ],
)
def test_malformed_number_messages(value, unit, message):
    """Worded as the figures sheet words them (text/numbers.py), against the figure's own unit."""
    text = GOOD.replace("value: 473813.97, unit: 万元", f"value: {value}, unit: {unit}")
    [problem] = problems_of(text)
    assert problem.endswith("basic.figures[0].value (数值): " + message)


def test_the_last_years_number_is_told_against_the_unit_too():
    text = GOOD.replace("previous: 462083.30", "previous: 46.2亿")
    [problem] = problems_of(text)
    assert problem == (
        "r.yaml:18:58: basic.figures[0].previous (上年数值): “46.2亿”带了单位 — "
        "unit（单位）是“万元”，46.2亿 即 462000万元：这里只写 462000"
    )


@pytest.mark.parametrize(
    "kind, hint",
    [
        ("rectifcation", "是否应为 rectification？"),
        ("report", "可选 "),
        ("整改报告", "报告类型要用英文：写成 kind: rectification"),
        ("自评报告", "报告类型要用英文：写成 kind: self_assessment"),
    ],
)
def test_unknown_kind(kind, hint):
    problems = problems_of(GOOD.replace("kind: rectification", f"kind: {kind}"))
    assert problems[0].startswith("r.yaml:1:7: kind (报告类型): 未知的报告类型")
    assert hint in problems[0]


def test_missing_kind():
    problems = problems_of(GOOD.replace("kind: rectification\n", ""))
    assert "kind (报告类型): 缺少必填项 — 在文件开头加上 kind:" in problems[0]


def test_top_level_must_be_a_mapping():
    assert "现在是一个列表" in problems_of("- a\n- b\n")[0]
    assert "不能用中文冒号" in problems_of("kind：rectification\n")[0]


def test_document_number_brackets_are_normalised_or_rejected():
    report = validate(load_yaml_text(GOOD.replace("〔2021〕", "[2021]"), "r.yaml"))
    assert report.basis[0].number == "浙政教督办函〔2021〕15号"
    problems = problems_of(GOOD.replace("浙政教督办函〔2021〕15号", "浙政教督办函15号"))
    assert "中没有〔年份〕" in problems[0]


def test_heading_depth_limited_to_four_levels():
    deep = GOOD_SA.replace(
        "        indicator: A2\n",
        "        indicator: A2\n        sections:\n          - title: 三级\n            sections:\n"
        "              - title: 四级\n                items:\n                  - text: 五级\n",
    ).replace(
        "        items:\n          - lead: 依法落实教育投入\n"
        "            text: 2021年完成一般公共预算教育支出473813.97万元。\n"
        "          - text: 强化项目工作。\n",
        "",
    )
    problems = problems_of(deep)
    assert len(problems) == 1 and "标题层级超过4级" in problems[0]


def test_items_and_sections_together_is_an_error():
    text = GOOD_SA.replace(
        "        indicator: A2\n",
        "        indicator: A2\n        sections:\n          - title: 子标题\n",
    )
    assert "不能同时有 items（条目）和 sections（下级标题）" in problems_of(text)[0]


def test_duplicate_indicator_code():
    problems = problems_of(GOOD_SA.replace("indicator: A2", "indicator: A1"))
    assert len(problems) == 1
    assert re.search(
        r"indicator \(评价指标编号\): 指标编号“A1”重复（第一次在第 \d+ 行）", problems[0]
    )


def test_empty_item_is_an_error():
    problems = problems_of(
        GOOD_SA.replace("          - text: 强化项目工作。\n", "          - lead: ''\n")
    )
    assert any("不能为空" in p or "这一条是空的" in p for p in problems)


def test_text_accepts_string_lines_or_list():
    one = validate(
        load_yaml_text(
            GOOD.replace(
                "text: 区委常委会每年至少研究一次教育工作。",
                "text: |\n          第一段。\n\n          第二段。",
            ),
            "r.yaml",
        )
    )
    assert one.problems[0].measures[0].text == ["第一段。", "第二段。"]
    two = validate(
        load_yaml_text(
            GOOD.replace(
                "text: 区委常委会每年至少研究一次教育工作。", "text: [第一段。, 第二段。]"
            ),
            "r.yaml",
        )
    )
    assert two.problems[0].measures[0].text == ["第一段。", "第二段。"]


@pytest.mark.parametrize(
    "original, typed, number, path",
    [
        (
            "title: 主要做法及成效",
            "title: 一、主要做法及成效",
            "一、",
            r"sections\[0\]\.title \(标题\)",
        ),
        (
            "title: 加大教育经费投入",
            "title: （二）加大教育经费投入",
            "（二）",
            r"sections\[0\]\.sections\[1\]\.title \(标题\)",
        ),
        (
            "lead: 依法落实教育投入",
            "lead: 1.依法落实教育投入",
            "1.",
            r"sections\[0\]\.sections\[1\]\.items\[0\]\.lead \(首句\)",
        ),
        (
            "lead: 依法落实教育投入",
            "lead: 1、依法落实教育投入",
            "1、",
            r"sections\[0\]\.sections\[1\]\.items\[0\]\.lead \(首句\)",
        ),
        (
            "lead: 依法落实教育投入",
            "lead: (1)依法落实教育投入",
            "(1)",
            r"sections\[0\]\.sections\[1\]\.items\[0\]\.lead \(首句\)",
        ),
        (
            "- 加强党对教育工作的全面领导。",
            "- 一是加强党对教育工作的全面领导。",
            "一是",
            r"sections\[0\]\.sections\[0\]\.points\[0\] \(分点\)",
        ),
        (
            "- 高位推动教育改革发展。",
            "- ②高位推动教育改革发展。",
            "②",
            r"sections\[0\]\.sections\[0\]\.points\[1\] \(分点\)",
        ),
        (
            "lead: 依法落实教育投入",
            "lead: ⑴依法落实教育投入",
            "⑴",
            r"sections\[0\]\.sections\[1\]\.items\[0\]\.lead \(首句\)",
        ),
        (
            "- 高位推动教育改革发展。",
            "- （ 二 ）高位推动教育改革发展。",
            "（ 二 ）",
            r"sections\[0\]\.sections\[0\]\.points\[1\] \(分点\)",
        ),
        ("title: 下步工作措施", "title: 三、下步工作措施", "三、", r"next_steps\.title \(标题\)"),
        (
            "- 基本公共教育服务均等化水平有待提高",
            "- 第一，基本公共教育服务均等化水平有待提高",
            "第一，",
            r"problems\.points\[0\] \(分点\)",
        ),
    ],
)
def test_hand_typed_numbers_are_errors_with_the_fix(original, typed, number, path):
    assert original in GOOD_SA
    [problem] = problems_of(GOOD_SA.replace(original, typed, 1))
    assert re.fullmatch(
        rf"r\.yaml:\d+:\d+: {path}: 开头的“{re.escape(number)}”是手写的编号，.+，保留会重复 — "
        rf"删除开头的“{re.escape(number)}”",
        problem,
    )


@pytest.mark.parametrize(
    "title",
    [
        "1.5亿元教育投入",
        "一流学校建设",
        "第一责任人制度",
        "十四五规划",
        "2022年工作",
        "（2020-2035年）规划",
        "“双减”工作",
    ],
)
def test_text_that_only_looks_numbered_is_left_alone(title):
    validate(load_yaml_text(GOOD_SA.replace("title: 主要做法及成效", f"title: {title}"), "s.yaml"))


def test_hand_typed_number_in_a_rectification_problem_and_attachment():
    text = (
        GOOD.replace("title: 教育决策机制还不够完善", "title: （一）教育决策机制还不够完善")
        + "attachments: [1.整改台账明细]\n"
    )
    problems = problems_of(text)
    assert [re.sub(r":\d+:\d+:", ":", p).split(" — ")[0] for p in problems] == [
        "r.yaml: problems[0].title (问题): "
        "开头的“（一）”是手写的编号，reportgen 按位置自动编号，保留会重复",
        "r.yaml: attachments[0] (附件): "
        "开头的“1.”是手写的编号，reportgen 按位置自动编号，保留会重复",
    ]


def test_chinese_field_name_as_key_names_the_english_one():
    text = GOOD_SA.replace("date: 2022年3月15日", "成文日期: 2022年3月15日").replace(
        "title: 下步工作措施", "标题: 下步工作措施"
    )
    problems = problems_of(text)
    assert [re.sub(r"^r\.yaml:\d+:\d+: ", "", p) for p in problems] == [
        "成文日期: 未知字段“成文日期” — 字段名要用英文：把“成文日期”改为 date",
        "next_steps.标题: 未知字段“标题” — 字段名要用英文：把“标题”改为 title",
    ]


@pytest.mark.parametrize("name", ['".."', '"/"', '"..."', "2019"])
def test_a_region_name_without_letters_is_a_slip(name):
    problems = problems_of(GOOD.replace("name: 越城区", f"name: {name}"))
    assert len(problems) == 1
    assert re.fullmatch(
        rf"r\.yaml:\d+:\d+: region\.name \(地区名称\): "
        rf"“{re.escape(name.strip(chr(34)))}”不是地区名称 — "
        "写地区的名称，如 越城区",
        problems[0],
    ), problems


def test_a_field_of_the_other_report_kind_says_so():
    problems = problems_of(GOOD_SA + "inspection:\n  by: 省政府教育督导委员会办公室\n")
    assert len(problems) == 1
    assert re.fullmatch(
        r"r\.yaml:\d+:1: inspection: 未知字段“inspection” — "
        r"inspection 是整改报告（kind: rectification）的字段，"
        r"本文件是自查/自评报告：删除这一项，或检查开头的 kind",
        problems[0],
    ), problems


@pytest.mark.parametrize(
    "written", ["2026年底", "2026年12月底前", "2027年上半年", "年内", "每学期"]
)
def test_deadlines_in_words_are_accepted_and_printed_as_written(written):
    from reportgen.pipeline import report_context

    text = GOOD.replace("deadline: 2021-12", f"deadline: {written}")
    report = validate(load_yaml_text(text, "r.yaml"))
    assert str(report.problems[0].measures[0].deadline) == written
    [row] = report_context(report)["ledger"]["rows"]
    assert row["deadline"] == written


@pytest.mark.parametrize(
    "line, value, words",
    [
        ("headings: ownline", "ownline", "是否应为 own_line？只能是 auto、run_in、own_line 之一"),
        ("headings: 接排", "接排", "只能是 auto、run_in、own_line 之一"),  # nothing near
    ],
)
def test_a_value_not_among_the_choices_names_the_nearest_one(line, value, words):
    text = f"kind: general\ntitle: 总结\n{line}\nbody: [一段。]\n"
    assert problems_of(text) == [f"r.yaml:3:11: headings (标题排法): “{value}”不是可选值 — {words}"]


def test_two_choices_as_near_are_not_guessed_between():
    """急 is as near 特急 as 加急, which differ: the clerk chooses."""
    text = "kind: general\ntitle: 总结\nbody: [一段。]\nletterhead:\n  urgency: 急\n"
    [problem] = problems_of(text)
    assert problem.endswith("“急”不是可选值 — 只能是 特急、加急 之一")
