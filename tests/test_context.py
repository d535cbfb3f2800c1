"""The render context: numbering from position, generated wording, computed figures."""

from decimal import Decimal

import pytest

from reportgen.model.schema import Figure
from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.loader import load_yaml_text
from reportgen.read.wording import load_wording
from reportgen.render.context import (
    figure_change,
    format_number,
    percent_change,
    signature_indents,
)
from reportgen.text.rounding import decimals, round_half_up


def context_of(text: str) -> dict:
    return report_context(validate(load_yaml_text(text, "x.yaml")))


def headings(ctx):
    return [
        (b["kind"], b["number"] + b["title"]) for b in ctx["blocks"] if b["kind"].startswith("h")
    ]


def test_self_assessment_structure(good_sa_yaml):
    ctx = context_of(good_sa_yaml)
    assert headings(ctx) == [
        ("h1", "一、主要做法及成效"),
        ("h2", "（一）落实教育工作职责，形成合力推动发展。"),
        ("h2", "（二）加大教育经费投入"),
        ("h3", "1.依法落实教育投入。"),
        ("h3", "2."),
        ("h1", "二、存在的问题"),
        ("h1", "三、下步工作措施"),
        ("h2", "（一）加强党对教育工作的领导，切实履行教育职责。"),
    ]
    first = ctx["blocks"][1]
    # A title ending in 。 runs into its text; points read 一是……二是……
    assert first["text"] == "一是加强党对教育工作的全面领导。二是高位推动教育改革发展。"
    # A title without final punctuation stands alone.
    assert ctx["blocks"][2]["text"] == ""
    problems = ctx["blocks"][6]
    assert problems == {
        "kind": "p",
        "text": "一是基本公共教育服务均等化水平有待提高。"
        "二是区域、城乡、校际之间教育发展仍有差距。",
        "keep": False,
    }


def test_continuous_numbering_runs_across_level_two(good_sa_yaml):
    text = (
        good_sa_yaml.replace("year: 2021", "year: 2021\nnumbering: continuous")
        .replace(
            "        indicator: A1\n",
            "        indicator: A1\n        items:\n"
            "          - text: 甲。\n          - text: 乙。\n",
        )
        .replace(
            "      - title: 落实教育工作职责，形成合力推动发展。", "      - title: 落实教育工作职责"
        )
    )
    text = text.replace(
        "        points:\n"
        "          - 加强党对教育工作的全面领导。\n          - 高位推动教育改革发展。\n",
        "",
    )
    numbers = [n for k, n in headings(context_of(text)) if k == "h3"]
    assert numbers == ["1.", "2.", "3.依法落实教育投入。", "4."]
    plain = [
        n
        for k, n in headings(
            context_of(text.replace("numbering: continuous", "numbering: by_section"))
        )
        if k == "h3"
    ]
    assert plain == ["1.", "2.", "1.依法落实教育投入。", "2."]


def test_rectification_structure_and_generated_basic_text(good_yaml):
    ctx = context_of(good_yaml)
    assert headings(ctx)[:4] == [
        ("h1", "一、基本情况"),
        ("h1", "二、整改情况"),
        ("h2", "（一）关于“教育决策机制还不够完善”问题"),
        ("h3", "1.健全“常委议教”机制。"),
    ]
    assert ctx["blocks"][0]["text"] == ""  # 基本情况 has no final 。, so it stands alone
    basic = ctx["blocks"][1]["text"]
    assert basic.startswith(
        "2020年10月23日至24日，浙江省人民政府教育督导委员会办公室对越城区2019年度履行教育职责情况进行了实地督导。"
    )
    assert "2021年3月，印发《绍兴市越城区人民政府2019年履行教育职责情况的督导报告》" in basic
    assert "总体评价为“A”等" in basic and "还存在教育决策机制还不够完善等主要问题" in basic
    assert ctx["opening"] == [
        "根据《浙江省人民政府教育督导委员会办公室关于印发对县级人民政府的通知》（浙政教督办函〔2021〕15号）"
        "要求，现将2019年度履行教育职责评价督导报告反馈问题的整改落实情况报告如下："
    ]
    assert ctx["date"] == "2021年4月1日"
    assert ctx["title"] == "2019年度越城区履行教育职责问题整改报告"


@pytest.mark.parametrize(
    "written, heading, summary",
    [
        (
            "教育决策机制还不够完善的问题",
            "关于“教育决策机制还不够完善”问题",
            "还存在教育决策机制还不够完善等主要问题",
        ),
        ("择校热问题", "关于“择校热”问题", "还存在择校热等主要问题"),
        ("“大班额”问题", "关于“大班额”问题", "还存在大班额等主要问题"),
        ("关于教师编制不足的问题", "关于教师编制不足的问题", "还存在教师编制不足等主要问题"),
    ],
)
def test_problem_titles_written_with_their_own_wen_ti(good_yaml, written, heading, summary):
    ctx = context_of(good_yaml.replace("title: 教育决策机制还不够完善", f"title: {written}"))
    assert ("h2", f"（一）{heading}") in headings(ctx)
    assert summary in ctx["blocks"][1]["text"]


def test_rectification_ledger_and_attachment_note(good_yaml):
    ctx = context_of(good_yaml)
    assert ctx["attachments"] == ["附件：整改台账"]
    assert ctx["ledger"]["rows"] == [
        {
            "number": "1",
            "problem": "教育决策机制还不够完善",
            "measure": "健全“常委议教”机制",
            "unit": "区委办",
            "person": "—",
            "deadline": "2021年12月",
            "status": "已完成",
        }
    ]
    no_ledger = context_of(good_yaml + "ledger: false\n")
    assert no_ledger["ledger"] is None and no_ledger["attachments"] == []


def test_several_attachments_are_numbered(good_sa_yaml):
    ctx = context_of(good_sa_yaml + "attachments:\n  - 自评得分表\n  - 佐证材料目录\n")
    assert ctx["attachments"] == ["附件：1. 自评得分表", "2. 佐证材料目录"]


def test_attachment_names_lose_book_title_marks_and_final_punctuation(good_sa_yaml):
    ctx = context_of(good_sa_yaml + "attachments:\n  - 《自评得分表》。\n  - 佐证材料目录；\n")
    assert ctx["attachments"] == ["附件：1. 自评得分表", "2. 佐证材料目录"]


def test_figures_table(good_yaml):
    block = next(b for b in context_of(good_yaml)["blocks"] if b["kind"] == "figures")
    assert block["rows"] == [
        {
            "name": "教育支出",
            "value": "473813.97万元",
            "previous": "462083.30万元",
            "change": "增长2.54%",
        }
    ]


@pytest.mark.parametrize(
    "value, previous, text",
    [
        ("110", "100", "增长10%"),
        ("90", "100", "下降10%"),
        ("100", "100", "持平"),
        ("5", None, ""),
        ("5", "0", ""),
        ("61.6", "63.59", "下降3.13%"),
        # half up, as statistics offices and Excel's ROUND: 1.125 → 1.13 (half to even gave 1.12)
        ("3236", "3200", "增长1.13%"),
        ("3164", "3200", "下降1.13%"),
        ("3235.84", "3200", "增长1.12%"),
        ("100.005", "100", "增长0.01%"),
        ("100.004", "100", "持平"),
    ],
)
def test_percent_change(value, previous, text):
    words = load_wording()["figures"]
    assert percent_change(Decimal(value), Decimal(previous) if previous else None, words) == text


def test_format_number_keeps_decimals_as_written():
    assert format_number(Decimal("462083.30")) == "462083.30"
    assert format_number(Decimal("100")) == "100"
    assert format_number(Decimal("1E+3")) == "1000"


@pytest.mark.parametrize(
    "fields, text",
    [
        ({"value": 61.6, "unit": "%", "previous": 63.59}, "下降1.99个百分点"),
        ({"value": 72, "unit": "%", "previous": 49}, "上升23个百分点"),
        ({"value": 8079.84, "unit": "元", "growth": 8.75}, "增长8.75%"),
        ({"value": 5, "unit": "所", "growth": -2.5}, "下降2.5%"),
        ({"value": 5, "unit": "所"}, ""),
    ],
)
def test_figure_change(fields, text):
    figure = Figure(name="x", **fields)
    assert figure_change(figure, load_wording()["figures"]) == text


@pytest.mark.parametrize(
    "value, places, rounded",
    [
        ("1.125", 2, "1.13"),
        ("-1.125", 2, "-1.13"),
        ("1.115", 2, "1.12"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("1.1249999", 2, "1.12"),
        ("4", 2, "4.00"),
    ],
)
def test_round_half_up(value, places, rounded):
    assert str(round_half_up(Decimal(value), places)) == rounded


@pytest.mark.parametrize(
    "value, needed",
    [("4.00", 0), ("4", 0), ("1.10", 1), ("1.11", 2), ("0.00", 0), ("1E+3", 0), ("0.5", 1)],
)
def test_decimals(value, needed):
    assert decimals(Decimal(value)) == needed


def _table(good_sa_yaml: str, rows: list[dict]) -> list[str]:
    """The change column of a figures table with these rows, rendered through a report."""
    lines = "".join(
        f"          - {{name: x{i}, {', '.join(f'{k}: {v}' for k, v in row.items())}}}\n"
        for i, row in enumerate(rows)
    )
    text = good_sa_yaml.replace(
        "        indicator: A2\n", "        indicator: A2\n        figures:\n" + lines
    )
    table = next(b for b in context_of(text)["blocks"] if b["kind"] == "figures")
    return [row["change"] for row in table["rows"]]


@pytest.mark.parametrize(
    "rows, changes",
    [
        # one precision for the column: as many decimals as its most precise row needs
        (
            [{"value": 96, "previous": 100}, {"value": 98.89, "previous": 100}],
            ["下降4.00%", "下降1.11%"],
        ),
        (
            [{"value": 96, "previous": 100}, {"value": 98.9, "previous": 100}],
            ["下降4.0%", "下降1.1%"],
        ),
        ([{"value": 96, "previous": 100}, {"value": 110, "previous": 100}], ["下降4%", "增长10%"]),
        # percentage points, stated growth, flat and empty rows share the column
        (
            [
                {"value": 61.6, "unit": "'%'", "previous": 63.59},
                {"value": 5, "growth": 3},
                {"value": 5, "previous": 5},
                {"value": 5},
            ],
            ["下降1.99个百分点", "增长3.00%", "持平", "—"],
        ),
    ],
)
def test_a_table_prints_its_changes_with_one_precision(good_sa_yaml, rows, changes):
    assert _table(good_sa_yaml, rows) == changes


def test_growth_is_checked_against_previous_value():
    Figure(name="x", value=110, previous=100, growth=10)
    with pytest.raises(ValueError, match=r"同比增减 8 与数值和上年数值算出的 10\.00 不一致"):
        Figure(name="x", value=110, previous=100, growth=8)


def test_figures_inside_a_section(good_sa_yaml):
    text = good_sa_yaml.replace(
        "        indicator: A2\n",
        "        indicator: A2\n        figures:\n"
        "          - {name: 教育支出, value: 473813.97, unit: 万元, previous: 462083.30}\n",
    )
    blocks = context_of(text)["blocks"]
    at = next(i for i, b in enumerate(blocks) if b["kind"] == "figures")
    assert blocks[at - 1]["title"] == "加大教育经费投入"
    assert blocks[at]["rows"][0] == {
        "name": "教育支出",
        "value": "473813.97万元",
        "previous": "462083.30万元",
        "change": "增长2.54%",
    }


def test_review_kind_sets_default_title_and_opening(good_sa_yaml):
    ctx = context_of(good_sa_yaml.replace("year: 2021", "year: 2021\nreview: 自评"))
    assert ctx["title"] == "2021年度楚雄州履行教育职责情况自评报告"
    assert "认真组织开展自评工作" in ctx["opening"][0]


def test_signature_indents_follow_gbt9704():
    # Signature (10 chars) longer than the date (2021年4月1日 = 6 chars, digits count half): the
    # signature stands 2 chars from the right, the date starts 2 chars right of the signature's
    # first character.
    # On the 28-character line the signature starts after 16 full-width spaces, the date after 18.
    assert signature_indents("绍兴市越城区人民政府", "2021年4月1日") == {
        "issuer_right": 200,
        "date_right": 400,
        "issuer_pad": "\u3000" * 16,
        "date_pad": "\u3000" * 18,
    }
    # Date (7 chars) longer than the signature (2): the date keeps 2 chars, the signature moves
    # left,
    # starting two characters before the date (19 = 28 - 2 - 7).
    assert signature_indents("某局", "2021年12月31日") == {
        "issuer_right": 900,
        "date_right": 200,
        "issuer_pad": "\u3000" * 17,
        "date_pad": "\u3000" * 19,
    }
    # Half widths (an odd count of digits) end in an en space.
    assert signature_indents("某局", "2021年10月1日")["date_pad"] == "\u3000" * 19 + "\u2002"
    # A signature too long for the line gets no padding.
    assert signature_indents("某" * 30, "2021年4月1日")["issuer_pad"] == ""


def test_only_lone_headings_and_the_short_last_paragraph_keep_with_the_next(good_yaml):
    blocks = context_of(good_yaml)["blocks"]
    kept = [(b["kind"], b["title"]) for b in blocks if b.get("keep")]
    # The last block is a heading with its text run in: kept only because it is last and short.
    assert kept == [
        ("h1", "基本情况"),
        ("h1", "整改情况"),
        ("h2", "关于“教育决策机制还不够完善”问题"),
        ("h1", "下一步工作打算"),
        ("h2", "进一步突出教育优先发展战略。"),
    ]
    assert all(b["keep"] is False for b in blocks[:-1] if b["kind"] == "p" or b.get("text"))
    long_last = context_of(
        good_yaml.replace("切实加强党对教育工作的全面领导。", "长" * 200 + "。")
    )["blocks"]
    assert long_last[-1]["keep"] is False
