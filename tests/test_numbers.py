"""Checks across a report (model/checks): figure relations, one quantity with one value,
rectification deadlines and statuses, indicator frameworks; and the shipped examples, which raise
nothing but the one real mistake a seed holds (noted in the example's comments)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.model.checks import check_report
from reportgen.model.checks.indicators import heading_numbers
from reportgen.model.frameworks import framework_ids, load_framework
from reportgen.model.validate import validate
from reportgen.read.loader import load_yaml, load_yaml_text
from reportgen.read.wording import load_wording
from reportgen.render.context import build_context
from reportgen.text.numbering import heading_number
from support import GOOD, GOOD_SA, ROOT


def findings(text: str) -> list[str]:
    """Each finding as 'line: path (label): message — hint', references written as 第 N 行."""
    loaded = load_yaml_text(text, "r.yaml")
    report = validate(loaded)
    out = []
    for f in check_report(report, order=lambda loc: loaded.mark(loc) or (0, 0)):
        where = [f"第 {(loaded.mark(r) or (0, 0))[0]} 行" for r in f.refs]
        line = (loaded.mark(f.loc) or (0, 0))[0]
        out.append(f"{line}: {'.'.join(map(str, f.loc))} ({f.label}): {f.text(where)} — {f.hint}")
    return out


# ---- the shipped examples -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "examples").glob("*.yaml")))
def test_examples_raise_only_their_known_mistakes(name):
    loaded = load_yaml(ROOT / "examples" / f"{name}.yaml")
    found = [f.message for f in check_report(validate(loaded))]
    known = {
        "self-inspection-district-2022": [
            "从 63.59% 到 61.6% 相差 1.99 个百分点，写成了“下降1.99%”（按比例算是下降 3.13%）"
        ]
    }
    assert found == known.get(name, [])


def test_the_known_mistake_is_noted_in_the_example():
    text = (ROOT / "examples" / "self-inspection-district-2022.yaml").read_text("utf-8")
    assert "下降1.99个百分点" in text and "framework: tianjin-district-2019" in text


# ---- figures ----------------------------------------------------------------------------------

FIGURES = """\
kind: self_assessment
region: {name: 越城区, level: 区}
year: 2021
date: 2022-03-01
sections:
  - title: 基本情况
    figures:
%s
"""


def with_figures(rows: str) -> str:
    return FIGURES % textwrap.indent(textwrap.dedent(rows), "      ")


def test_parts_must_make_up_their_total():
    found = findings(
        with_figures("""\
        - {name: 在校学生, value: 20000, unit: 人, parts: [小学在校学生, 初中在校学生]}
        - {name: 小学在校学生, value: 15000, unit: 人}
        - {name: 初中在校学生, value: 5200, unit: 人}
        """)
    )
    assert found == [
        "8: sections.0.figures.0.value (数值): 小学在校学生 15000 + 初中在校学生 5200 = 20200人，"
        "与“在校学生”的数值 20000人 不符 — 各部分之和应等于合计，核对各项"
    ]


def test_parts_in_other_units_and_previous_values():
    rows = """\
        - {name: 教育支出, value: 3.2, unit: 亿元, previous: 3.0, parts: [财政拨款, 其他收入]}
        - {name: 财政拨款, value: 26000, unit: 万元, previous: 25000}
        - {name: 其他收入, value: 6000, unit: 万元, previous: 6000}
        """
    assert findings(with_figures(rows)) == [
        "8: sections.0.figures.0.previous (上年数值): 财政拨款 25000 + 其他收入 6000 = 31000万元，"
        "与“教育支出”的上年数值 30000万元 不符 — 各部分之和应等于合计，核对各项"
    ]


def test_qizhong_rows_and_part_of_may_not_exceed_the_total():
    found = findings(
        with_figures("""\
        - {name: 专任教师, value: 4500, unit: 人}
        - {name: 其中：小学, value: 2600, unit: 人}
        - {name: 其中：初中, value: 2000, unit: 名}
        - {name: 在园幼儿, value: 18872, unit: 人}
        - {name: 公办园在园幼儿, value: 9600, unit: 人, part_of: 在园幼儿}
        """)
    )
    assert found == [
        "8: sections.0.figures.0.value (数值): 其中：小学 2600 + 其中：初中 2000 = 4600人，"
        "与“专任教师”的数值 4500人 不符 — “其中”各项之和不能超过总数，核对各项"
    ]


def test_share_of_is_part_over_total():
    rows = """\
        - {name: 在园幼儿, value: 18872, unit: 人}
        - {name: 公办园在园幼儿, value: 9600, unit: 人}
        - {name: 公办园在园幼儿占比, value: 51.9, unit: "%", share_of: [公办园在园幼儿, 在园幼儿]}
        """
    assert findings(with_figures(rows)) == [
        "10: sections.0.figures.2.value (数值): 公办园在园幼儿 9600 ÷ 在园幼儿 18872 = 50.87%，"
        "与所写 51.9% 不符 — 核对占比和 share_of 中的两项（占比 = 部分 ÷ 总数 × 100）"
    ]
    assert findings(with_figures(rows.replace("51.9", "50.9"))) == []


def test_a_relation_naming_no_figure_says_which_was_meant():
    found = findings(
        with_figures("""\
        - {name: 在园幼儿, value: 18872, unit: 人}
        - {name: 公办园在园幼儿, value: 9600, unit: 人, part_of: 在园幼儿数}
        """)
    )
    assert found == [
        "9: sections.0.figures.1.part_of (数据名称): 没有名为“在园幼儿数”的数据，无法核对"
        " — 是否应为“在园幼儿”？"
    ]


def test_share_of_takes_two_names():
    text = with_figures("- {name: 占比, value: 50, unit: '%', share_of: [甲]}\n")
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(text, "r.yaml"))
    assert "share_of (占比的分子和分母): 写了 1 项 — 占比写两项的名称" in str(info.value)


def test_one_figure_name_two_values():
    text = with_figures("- {name: 在园幼儿, value: 18872, unit: 人}\n").replace(
        "sections:",
        "basic:\n  figures:\n    - {name: 在园幼儿, value: 1.7, unit: 万人}\nsections:",
    )
    assert findings(text) == [
        "11: sections.0.figures.0.value (数值): “在园幼儿”在这里是 18872人，在第 7 行是 1.7万人"
        " — 同一项数据在报告中应一致，核对两处"
    ]
    # 1.9万人 is 18500 to 19500 people, printed rounded
    assert findings(text.replace("1.7, unit: 万人", "1.9, unit: 万人")) == []


# ---- text against text and figures ------------------------------------------------------------


def test_one_quantity_two_values_in_the_text():
    text = GOOD_SA.replace(
        "          - 高位推动教育改革发展。",
        "          - 全州在园幼儿总数18872人。\n          - 全州在园幼儿总数18870人。",
    )
    assert findings(text) == [
        "19: sections.0.sections.0.points.2 (分点): “在园幼儿总数”在这里是 18870人，在第 18 行是"
        " 18872人 — 同一项数据在报告中应一致，核对两处"
    ]
    years = GOOD_SA.replace(
        "          - 高位推动教育改革发展。",
        "          - 2020年，学前教育稳步发展。全州在园幼儿总数18000人。\n"
        "          - 2021年，学前教育普及普惠。全州在园幼儿总数18872人。",
    )
    assert findings(years) == []  # each its paragraph's year
    plans = GOOD_SA.replace(
        "          - 高位推动教育改革发展。",
        "          - 全州在园幼儿总数18872人。\n          - 到2025年，全州在园幼儿总数达到2万人。",
    )
    assert findings(plans) == []


def test_text_against_a_figure():
    text = GOOD.replace(
        "basic:\n",
        "basic:\n  text: 2021年教育支出473813.97万元，同比增加11730.67万元，增长2.45%。\n",
    ).replace("教育支出, value: 473813.97", "教育支出, value: 473813.97")
    found = findings(text)
    assert found == [
        "17: basic.text.0 (正文): 11730.67 ÷ (473813.97 − 11730.67) = 2.54%，与所写 2.45% 不符"
        " — 核对总额、增减额和增减率（增长率 = 增加额 ÷ 上年数，上年数 = 今年数 − 增加额）",
        "17: basic.text.0 (正文): 这里写“教育支出”增长2.45%，数据表（第 19 行）按 (473813.97 − "
        "462083.30) ÷ 462083.30 算得 2.54% — 核对增长率，或数据表中的上年数值和同比增减",
    ]
    other = text.replace(
        "2021年教育支出473813.97万元，同比增加11730.67万元，增长2.45%", "全区教育支出48.4亿元"
    )
    assert findings(other) == [
        "17: basic.text.0 (正文): “教育支出”在这里是 48.4亿元，数据表（第 19 行）中是 473813.97万元"
        " — 正文和数据表中的同一项数据应一致，核对两处"
    ]
    assert findings(other.replace("48.4亿元", "47.4亿元")) == []  # 47.35 to 47.45亿元


# ---- rectification deadlines ------------------------------------------------------------------


def test_overdue_measure_says_by_how_many_days():
    text = GOOD.replace("status: 已完成", "status: 持续推进").replace(
        "deadline: 2021-12", "deadline: 2021-03"
    )
    assert findings(text) == [
        "26: problems.0.measures.0.deadline (整改时限): 整改时限 2021年3月 已过"
        "（最后一天为 2021年3月31日），"
        "到成文日期 2021年4月1日 已逾期 1 天，完成情况为“持续推进” — 已完成的写 status: 已完成；"
        "未完成的在正文中说明原因和新的时限"
    ]
    assert findings(text.replace("status: 持续推进", "status: 已完成")) == []
    words = GOOD.replace("status: 已完成", "status: 未开始").replace(
        "deadline: 2021-12", "deadline: 2021年3月底前"
    )
    assert findings(words) == [
        "26: problems.0.measures.0.deadline (整改时限): 整改时限 “2021年3月底前” 已过"
        "（最后一天为 2021年3月31日），到成文日期 2021年4月1日 已逾期 1 天，完成情况为“未开始”"
        " — 已完成的写 status: 已完成；"
        "未完成的在正文中说明原因和新的时限"
    ]
    assert findings(GOOD.replace("deadline: 2021-12", "deadline: 年底")) == []
    assert findings(GOOD.replace("deadline: 2021-12", "deadline: 长期坚持")) == []


def test_status_contradicted_by_the_text_and_deadline_before_the_inspection():
    text = GOOD.replace(
        "区委常委会每年至少研究一次教育工作。", "区委常委会议事规则正在推进修订。"
    ).replace("deadline: 2021-12", "deadline: 2020-09-30")
    assert findings(text) == [
        "26: problems.0.measures.0.deadline (整改时限): 整改时限 2020年9月30日 早于督导开始日期 "
        "2020年10月23日 — 整改在督导之后，核对时限的年份和月份",
        "27: problems.0.measures.0.status (完成情况): 完成情况写的是“已完成”，"
        "这一条的文字却说“正在推进”"
        " — 核对完成情况：尚未完成的写 持续推进，已完成的改写正文",
    ]


# ---- indicator frameworks ---------------------------------------------------------------------


def test_shipped_frameworks_load_and_cite_their_source():
    assert framework_ids() == ["national-provincial-2019", "tianjin-district-2019"]
    national = load_framework("national-provincial-2019")
    assert len(national.indicators) == 15 and national.length_limit == 5000
    assert "国教督办函〔2018〕16号" in national.source
    district = load_framework("tianjin-district-2019")
    assert [i.code for i in district.indicators] == [str(n) for n in range(1, 19)]
    assert district.numbered and district.source


TJ = "《天津市对区人民政府履行教育职责评价指标（2019年度，18项）》"
SI = (ROOT / "examples" / "self-inspection-district-2022.yaml").read_text("utf-8")


def framework_findings(text: str) -> list[str]:
    return [f for f in findings(text) if "(评价指标" in f]


def test_framework_missing_unknown_and_out_of_order():
    text = SI.replace('indicator: "13"', 'indicator: "19"')
    assert framework_findings(text) == [
        f"27: framework (评价指标体系): {TJ}的指标"
        " 13（强化学校体育卫生，促进学生身心健康）没有回答 — 每个指标写一节，并写 indicator: 编号",
        "95: sections.0.sections.2.sections.8.indicator (评价指标编号): 指标编号“19”不在"
        f"{TJ}中 — 可用的编号：1–18",
    ]
    swapped = (
        SI.replace('indicator: "5"', 'indicator: "X"')
        .replace('indicator: "6"', 'indicator: "5"')
        .replace('indicator: "X"', 'indicator: "6"')
    )
    assert framework_findings(swapped) == [
        "67: sections.0.sections.2.sections.1.indicator (评价指标编号): 指标 5 排在指标 6 之后，"
        f"{TJ}中 5 在前 — 按评价办法的顺序排列各指标"
    ]


def test_framework_numbering_and_length():
    by_section = SI.replace("numbering: continuous", "numbering: by_section")
    assert framework_findings(by_section) == [
        "52: sections.0.sections.1.sections.0.indicator (评价指标编号): 指标 3 的标题排为“1.”，"
        f"{TJ}中是第 3 项（共 16 个指标的编号与序号不同）"
        " — 指标分在几组时，写 numbering: continuous 使编号跨组连续"
    ]
    national = SI.replace("framework: tianjin-district-2019", "framework: national-provincial-2019")
    too_long = [f for f in framework_findings(national) if "字" in f]
    assert too_long == [
        "27: framework (评价指标体系): 全文约 5965 字，超过"
        "《2019年对省级人民政府履行教育职责的评价方案（重点评价内容）》要求的 5000 字以内"
        " — 精简到 5000 字以内（按正文、标题等文字计，不计空格）"
    ]


def test_unknown_framework_is_an_input_error():
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(SI.replace("tianjin-district-2019", "tianjin"), "s.yaml"))
    assert "framework (评价指标体系): 没有名为“tianjin”的评价指标体系 — 可选：" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [SI, SI.replace("numbering: continuous", "numbering: by_section"), GOOD_SA],
    ids=["continuous", "by_section", "items"],
)
def test_heading_numbers_are_the_ones_rendered(text):
    """indicators.heading_numbers counts headings as render/context.py does."""
    report = validate(load_yaml_text(text, "s.yaml"))
    blocks = [b for b in build_context(report, load_wording())["blocks"] if b["kind"] != "p"]
    expected = heading_numbers(report)
    j = 0
    for b in blocks:
        if j < len(expected):
            _, section, level, n = expected[j]
            if b["kind"] == f"h{level}" and b["title"] == getattr(section, "title", None):
                assert b["number"] == heading_number(level, n), section.title
                j += 1
    assert j == len([e for e in expected if getattr(e[1], "title", None)])


# ---- on the command line ----------------------------------------------------------------------

WRONG_SUM = GOOD.replace(
    "basic:\n", "basic:\n  text: 全区在校学生20000人，其中小学15000人，初中5200人。\n"
)
WARNING = (
    "r.yaml:17:9: basic.text[0] (正文): 15000 + 5200 = 20200，与总数 20000 不符"
    " — 各分项之和超过了总数，核对总数和各分项"
)


def test_validate_prints_warnings_and_exits_0_strict_exits_1(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(WRONG_SUM, encoding="utf-8")
    result = cli("validate", "r.yaml")
    assert result.exit_code == 0
    assert result.stdout == "✓ r.yaml：格式正确\n"
    assert result.stderr == f"提示 1 处，请核对（1 warning）:\n  {WARNING}\n"
    strict = cli("validate", "--strict", "r.yaml")
    assert strict.exit_code == 1
    assert f"发现 1 处问题，请修改后重试（found 1 problem）:\n  {WARNING}\n" in strict.stderr


def test_validate_json_gives_warnings_as_data(cli, tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(WRONG_SUM, encoding="utf-8")
    document = json.loads(cli("validate", "--json", "r.yaml").stdout)
    assert document["ok"] is True
    (warning,) = document["files"][0]["diagnostics"]
    assert warning == {
        "file": "r.yaml",
        "line": 17,
        "column": 9,
        "path": "basic.text[0]",
        "label": "正文",
        "message": "15000 + 5200 = 20200，与总数 20000 不符",
        "hint": "各分项之和超过了总数，核对总数和各分项",
        "severity": "warning",
    }
    strict = json.loads(cli("validate", "--json", "--strict", "r.yaml").stdout)
    assert strict["ok"] is False and strict["files"][0]["diagnostics"][0]["severity"] == "error"


def test_render_warns_and_writes_strict_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(WRONG_SUM, encoding="utf-8")
    result = cli("render", "r.yaml", "-o", "out.docx")
    assert result.exit_code == 0 and Path("out.docx").exists()
    assert WARNING in result.stderr and "已生成 out.docx" in result.stdout
    strict = cli("render", "r.yaml", "-o", "strict.docx", "--strict")
    assert strict.exit_code == 1 and not Path("strict.docx").exists()
    assert WARNING in strict.stderr


def test_library_returns_warnings_as_data(tmp_path):
    from reportgen.pipeline import Trace, load_report

    path = tmp_path / "r.yaml"
    path.write_text(WRONG_SUM, encoding="utf-8")
    trace = Trace()
    report = load_report(path, trace=trace)
    assert report.region.name == "越城区"
    assert [(w.line, w.path, w.severity) for w in trace.warnings] == [
        (17, "basic.text[0]", "warning")
    ]
    with pytest.raises(InputError) as info:
        load_report(path, strict=True)
    assert [d.severity for d in info.value.diagnostics] == ["error"]
