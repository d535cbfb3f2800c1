"""The general kind and the body blocks every kind shares: what a clerk writes, what it becomes in
the render context, and the message for every way of writing it wrong."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from reportgen.errors import InputError
from reportgen.model.schema import KINDS, document_json_schema
from reportgen.model.validate import validate
from reportgen.pipeline import load_report, render_report, report_context
from reportgen.read.loader import load_yaml_text
from reportgen.render.table import GRID
from support import FIXTURES
from support import GOOD as RECT
from support import GOOD_SA as SA

SUMMARY = """\
kind: general
title: 某某区教育局2025年工作总结
issuer: 某某区教育局
date: 2025-12-20
opening: 2025年，区教育局……现将一年来工作总结如下：
body:
  - title: 主要工作及成效
    body:
      - title: 坚持立德树人
        body:
          - 第一段正文。
          - intro: 全年重点抓了三方面工作：
            points: [抓德育, 抓体育, 抓美育]
          - 分点之后的正文。
      - title: 抓好队伍建设
        body:
          - lead: 抓建设
            numbered: false
            text: 建设的正文。
          - lead: 强师资。
            numbered: false
            run_in: false
            text: 师资的正文。
          - lead: 重培训。
            text: 培训的正文。
          - table:
              title: 表1 2025年重点任务完成情况
              unit: 单位：万元
              header: [类别, 任务, 完成情况]
              rows:
                - [学前教育, 新建幼儿园3所, 已完成]
                - [学前教育, 改扩建幼儿园2所, 已完成]
                - [义务教育, 新建学校1所, 持续推进]
              merge: [类别]
  - title: 存在的问题
    text: 问题的正文。
"""


def document(text: str):
    return validate(load_yaml_text(text, "g.yaml"))


def context_of(text: str) -> dict:
    return report_context(document(text))


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        document(text)
    return [str(p) for p in info.value.diagnostics]


def shown(ctx: dict) -> list[str]:
    """Each block as it reads: number, title, lead and text run together; tables as their kind."""
    out = []
    for b in ctx["blocks"]:
        if b["kind"] in ("table", "figures"):
            out.append(f"[{b['kind']}]")
        else:
            out.append(b.get("number", "") + b.get("title", "") + b.get("lead", "") + b["text"])
    return out


# ---- the general kind -------------------------------------------------------------------------


def test_a_work_summary_prints_only_what_it_says():
    ctx = context_of(SUMMARY)
    assert ctx["title_lines"] == ["某某区教育局2025年工作总结"]
    assert ctx["opening"] == ["2025年，区教育局……现将一年来工作总结如下："]
    assert shown(ctx) == [
        "一、主要工作及成效",
        "（一）坚持立德树人",
        "第一段正文。",
        "全年重点抓了三方面工作：一是抓德育。二是抓体育。三是抓美育。",
        "分点之后的正文。",
        "（二）抓好队伍建设",
        "抓建设。建设的正文。",
        "强师资。",
        "师资的正文。",
        "1.重培训。培训的正文。",
        "[table]",
        "二、存在的问题",
        "问题的正文。",
    ]
    leads = [b for b in ctx["blocks"] if b["kind"] == "lead"]
    assert [(b["lead"], b["text"]) for b in leads] == [
        ("抓建设。", "建设的正文。"),
        ("强师资。", ""),
    ]
    assert (ctx["issuer"], ctx["date"]) == ("某某区教育局", "2025年12月20日")


def test_only_title_and_body_are_required_and_nothing_is_generated():
    ctx = context_of("kind: general\ntitle: 关于做好2025年秋季开学工作的实施意见\nbody: [正文。]\n")
    assert (ctx["opening"], ctx["issuer"], ctx["date"], ctx["attachments"]) == ([], "", "", [])
    assert ctx["region"] == {"name": "", "level": "", "parent": ""} and ctx["year"] == ""
    assert shown(ctx) == ["正文。"]


def test_a_general_document_without_title_or_body_says_what_to_add():
    assert problems_of("kind: general\n") == [
        "g.yaml:1:1: body (正文): 缺少必填项 — 请在文件顶层下添加 body: …",
        "g.yaml:1:1: title (标题): 缺少必填项 — 请在文件顶层下添加 title: …",
    ]


@pytest.mark.parametrize(
    "kind, words",
    [("工作总结", "general"), ("实施意见", "general"), ("自评报告", "self_assessment")],
)
def test_a_kind_written_in_chinese_names_the_english_one(kind, words):
    problem = problems_of(SUMMARY.replace("kind: general", f"kind: {kind}"))
    assert problem == [
        f"g.yaml:1:7: kind (报告类型): 未知的报告类型“{kind}” — "
        f"报告类型要用英文：写成 kind: {words}"
    ]


def test_report_fields_in_a_general_document_say_where_they_go():
    problems = problems_of(
        SUMMARY.replace("body:\n  - title: 主要", "sections:\n  - title: 主要", 1)
    )
    assert problems == [
        "g.yaml:6:1: sections: 未知字段“sections” — "
        "通用公文的标题和正文都写在 body 中：把 sections 改为 body"
    ]


# ---- headings: own line or run in -----------------------------------------------------------


HEADINGS = """\
kind: general
title: 关于做好2025年秋季开学工作的实施意见
{style}body:
  - title: 总体要求
    body:
      - title: 指导思想{run_in}
        text: 以习近平新时代中国特色社会主义思想为指导。
      - title: 工作目标。
        text: 确保平稳有序开学。
"""


@pytest.mark.parametrize(
    "style, run_in, first, second",
    [
        ("", "", ["（一）指导思想", "以习近平"], ["（二）工作目标。确保"]),
        ("headings: own_line\n", "", ["（一）指导思想", "以习近平"], ["（二）工作目标。", "确保"]),
        ("headings: run_in\n", "", ["（一）指导思想。以习近平"], ["（二）工作目标。确保"]),
        (
            "headings: own_line\n",
            "\n        run_in: true",
            ["（一）指导思想。以习近平"],
            ["（二）工作目标。", "确保"],
        ),
        (
            "headings: run_in\n",
            "\n        run_in: false",
            ["（一）指导思想", "以习近平"],
            ["（二）工作目标。确保"],
        ),
    ],
)
def test_headings_stand_alone_or_run_in_by_document_or_by_heading(style, run_in, first, second):
    lines = shown(context_of(HEADINGS.format(style=style, run_in=run_in)))
    expected = [*first, *second]
    assert [line[: len(e)] for line, e in zip(lines[1:], expected, strict=True)] == expected


def test_a_top_level_heading_with_nothing_to_run_in_gets_no_full_stop():
    lines = shown(context_of(HEADINGS.format(style="headings: run_in\n", run_in="")))
    assert lines[0] == "一、总体要求"


# ---- points, leads ----------------------------------------------------------------------------


def test_points_may_stand_alone_and_text_may_follow_them():
    ctx = context_of(
        "kind: general\ntitle: 汇报\nbody:\n  - points: [甲, 乙。]\n  - 之后。\n"
        "  - intro: 引语：\n    points: [丙]\n"
    )
    assert shown(ctx) == ["一是甲。二是乙。", "之后。", "引语：一是丙。"]


def test_a_numbered_lead_takes_the_next_level_and_an_unnumbered_one_none():
    ctx = context_of(
        "kind: general\ntitle: 汇报\nbody:\n  - title: 工作\n    body:\n"
        "      - lead: 甲\n        text: 一。\n"
        "      - lead: 乙\n        numbered: false\n        text: 二。\n"
        "      - lead: 丙\n        text: 三。\n"
    )
    assert shown(ctx) == ["一、工作", "（一）甲。一。", "乙。二。", "（二）丙。三。"]


def test_an_unnumbered_lead_may_carry_a_typed_number_a_numbered_one_may_not():
    text = "kind: general\ntitle: 汇报\nbody:\n  - lead: 一是抓建设。\n{numbered}    text: 文字。\n"
    assert shown(context_of(text.format(numbered="    numbered: false\n"))) == [
        "一是抓建设。文字。"
    ]
    assert problems_of(text.format(numbered="")) == [
        "g.yaml:4:11: body[0].lead (首句): 开头的“一是”是手写的编号，reportgen 按位置自动编号，"
        "保留会重复 — 删除开头的“一是”"
    ]


def test_shorthand_and_body_render_alike():
    shorthand = SA
    points = ["加强党对教育工作的全面领导。", "高位推动教育改革发展。"]
    as_body = shorthand.replace(
        "        points:\n" + "".join(f"          - {p}\n" for p in points),
        f"        body:\n          - points: [{', '.join(points)}]\n",
    )
    assert as_body != shorthand
    assert context_of(as_body)["blocks"] == context_of(shorthand)["blocks"]


# ---- messages for the new fields ---------------------------------------------------------------


def test_body_and_text_on_one_heading():
    text = SUMMARY.replace("  - title: 存在的问题\n", "  - title: 存在的问题\n    body: [甲。]\n")
    assert problems_of(text) == [
        "g.yaml:37:11: body[1].text (正文): 同一标题下不能既写 body（正文块）又写 text（正文） — "
        "把 text 的内容写进 body（一段正文写成“- 文字”），或删去 body"
    ]


def test_a_row_with_the_wrong_number_of_cells_says_which_and_how_many():
    text = SUMMARY.replace("[义务教育, 新建学校1所, 持续推进]", "[义务教育, 新建学校1所]")
    assert problems_of(text) == [
        "g.yaml:33:19: body[0].body[1].body[3].table.rows[2] (表格行): 第 3 行有 2 格，表头有 3 列"
        ' — 每行的格数与表头相同：补上缺的格（空格写成 ""），或删去多余的格'
    ]


def test_merge_naming_an_unknown_column():
    assert problems_of(SUMMARY.replace("merge: [类别]", "merge: [类型]")) == [
        "g.yaml:34:23: body[0].body[1].body[3].table.merge[0] (合并列): 表头中没有“类型”这一列"
        " — 是否应为“类别”？合并列按表头的列名写，可选：类别、任务、完成情况"
    ]


def test_a_row_written_as_text_and_a_cell_as_a_list():
    text = SUMMARY.replace("[义务教育, 新建学校1所, 持续推进]", "义务教育, 新建学校1所, 持续推进")
    text = text.replace("[学前教育, 新建幼儿园3所, 已完成]", "[学前教育, [新建, 幼儿园], 已完成]")
    assert problems_of(text) == [
        "g.yaml:31:26: body[0].body[1].body[3].table.rows[0][1] (表格行): 一格只能写一段文字"
        ' — 每格写一段文字；空格写成 ""',
        "g.yaml:33:19: body[0].body[1].body[3].table.rows[2] (表格行): 一行应写成用方括号括起的列表"
        " — 写成 [类别, 任务, 完成情况] 这样，格与格之间用英文逗号",
    ]


@pytest.mark.parametrize(
    "block, message",
    [
        (
            "  - text: 一段话。\n",
            "g.yaml:4:5: body[0] (正文): 这一项只有 text，看不出是哪种正文块 — 一段正文直接写成"
            "“- 文字”，不写 text:；要编号的一条写成“- lead: 首句”或加上 numbered: true",
        ),
        (
            "  - [甲, 乙]\n",
            "g.yaml:4:5: body[0] (正文): 这一项是一个列表，看不出是哪种正文块 — 一段正文直接写成"
            "“- 文字”；标题写成“- title: …”，首句条目写成“- lead: …”，分点写成“- points: […]”，"
            "表格写成“- table: …”",
        ),
        ("  -\n", "g.yaml:4:4: body[0] (正文): 不能为空 — 写出这一段的文字，或删除这一行"),
    ],
)
def test_a_body_entry_that_is_no_block(block, message):
    assert problems_of(f"kind: general\ntitle: 汇报\nbody:\n{block}") == [message]


def test_at_most_99_headings_numbered_in_chinese_under_one_heading():
    text = "kind: general\ntitle: 汇报\nbody:\n" + "  - title: 标题\n" * 100
    assert problems_of(text) == [
        "g.yaml:103:5: body[99]: 同一标题下有 100 个编号的标题或条目，最多 99 个 — "
        "分到几个标题下，或合并相近的几项"
    ]


def test_a_table_column_limit_and_too_deep_a_body():
    header = "[" + ", ".join(f"列{i}" for i in range(11)) + "]"
    text = f"kind: general\ntitle: 汇报\nbody:\n  - table:\n      header: {header}\n"
    text += "      rows: [[甲]]\n"
    assert problems_of(text) == [
        "g.yaml:5:15: body[0].table.header (表头): 有 11 项，一个标题下最多 10 项 — "
        "分到几个标题下，或合并相近的几项"
    ]
    deep = (
        "kind: general\ntitle: 汇报\nbody:\n"
        + "".join(
            "  " * (2 * i) + "  - title: 深\n" + "  " * (2 * i) + "    body:\n" for i in range(5)
        )
        + "  " * 10
        + "  - 正文。\n"
    )
    assert problems_of(deep) == [
        "g.yaml:4:5: body[0] (标题): 标题层级超过4级（一、（一）1.（1）） — "
        "把过深的下级内容写进上一级的 text（正文）或 points（分点）"
    ]


# ---- an explicit none for every generated part --------------------------------------------------


@pytest.mark.parametrize("empty", ['""', "[]", "~", ""])
def test_an_empty_opening_is_a_message_not_a_generated_one(empty):
    text = RECT.replace("date: 2021-04-01\n", f"date: 2021-04-01\nopening: {empty}\n")
    assert problems_of(text) == [
        f"g.yaml:6:{9 + bool(empty)}: opening (开头): 内容为空 — 不要开头请写 opening: false；"
        "要按依据文件自动生成开头，请删除这一行"
    ]
    general = SUMMARY.replace(
        "opening: 2025年，区教育局……现将一年来工作总结如下：", f"opening: {empty}"
    )
    assert problems_of(general) == [
        f"g.yaml:5:{9 + bool(empty)}: opening (开头): 内容为空 — "
        "不要开头请删除这一行，或写 opening: false"
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        (
            'issuer: ""',
            "issuer (署名): 内容为空 — 不署名请写 issuer: false；要用默认署名“地区名称人民政府”，"
            "请删除这一行",
        ),
        ("title:", "title (标题): 内容为空 — 要按类型、地区和年度生成标题，请删除这一行"),
        ("title: false", "title (标题): 标题不能省略 — 要按类型、地区和年度生成标题，请删除这一行"),
        (
            "ledger:",
            "ledger (整改台账): 内容为空 — 写 true（附整改台账）或 false（不附）；"
            "删除这一行则措施写了责任单位或时限时才附",
        ),
        (
            "rectification_title: ''",
            "rectification_title (整改情况标题): 内容为空 — 要用默认标题“整改情况”，请删除这一行",
        ),
        (
            "basic: ~",
            "basic (基本情况): 内容为空 — 不要“基本情况”一章请写 basic: false；"
            "要按督导情况自动生成，请删除这一行",
        ),
    ],
)
def test_an_empty_generated_part_of_a_report(line, message):
    text = RECT.replace("issuer: 绍兴市越城区人民政府\n", "").replace(
        "basic:\n  figures:", "figures:"
    )
    text = text.replace("figures:\n    - {name: 教育支出", "").replace(
        ", value: 473813.97, unit: 万元, previous: 462083.30}\n", ""
    )
    problems = problems_of(text.replace("date: 2021-04-01\n", f"date: 2021-04-01\n{line}\n"))
    assert [re.sub(r"^g\.yaml:5:\d+: ", "", p) for p in problems] == [message]


def test_a_chapter_title_left_empty():
    problems = problems_of(SA.replace("  title: 下步工作措施", "  title: ''"))
    assert problems == [
        "g.yaml:30:10: next_steps.title (标题): 内容为空 — 要用默认标题请删除这一行；"
        "不要标题请写 title: false"
    ]


def test_false_turns_off_each_generated_part():
    text = (
        RECT.replace("issuer: 绍兴市越城区人民政府\n", "issuer: false\nopening: false\n")
        .replace("basic:\n  figures:\n", "basic: false\nx:\n")
        .replace(
            "x:\n    - {name: 教育支出, value: 473813.97, unit: 万元, previous: 462083.30}\n", ""
        )
        .replace("next_steps:\n", "next_steps:\n  title: false\n")
        .replace("        status: 已完成\n", "        status: 已完成\nledger: false\n")
    )
    ctx = context_of(text)
    assert (ctx["opening"], ctx["issuer"], ctx["ledger"], ctx["attachments"]) == ([], "", None, [])
    assert shown(ctx)[:2] == ["一、整改情况", "（一）关于“教育决策机制还不够完善”问题"]
    # No 下一步 heading: its text follows, and its sections number from （一） again.
    assert shown(ctx)[-2:] == [
        "下一步，我区将持续抓好整改落实。",
        "（一）进一步突出教育优先发展战略。切实加强党对教育工作的全面领导。",
    ]


def test_the_number_checks_read_every_kind_and_every_part_turned_off(tmp_path):
    turned_off = RECT.replace("issuer: 绍兴市越城区人民政府\n", "issuer: false\nopening: false\n")
    turned_off = turned_off.replace("basic:\n  figures:\n", "basic: false\nx:\n  figures:\n")
    turned_off = turned_off.replace("x:\n  figures:\n", "").replace(
        "    - {name: 教育支出, value: 473813.97, unit: 万元, previous: 462083.30}\n", ""
    )
    for name, text in (("summary", SUMMARY), ("off", turned_off)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        assert load_report(path).kind in KINDS


# ---- a field that prints nowhere: evidence ------------------------------------------------------


def test_evidence_becomes_a_ledger_column_when_any_measure_has_it():
    plain = context_of(RECT)["ledger"]
    assert (
        plain["evidence"] is False
        and len(plain["header"]) == 7
        and "evidence" not in plain["rows"][0]
    )
    text = RECT.replace(
        "        status: 已完成\n", "        status: 已完成\n        evidence: 会议纪要\n"
    )
    ledger = context_of(text)["ledger"]
    assert ledger["evidence"] is True
    assert ledger["header"][-1] == "佐证材料" and ledger["rows"][0]["evidence"] == "会议纪要"
    tables = _document_xml(text).findall(f".//{W}tbl")
    header = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in tables[-1].find(f"{W}tr")]
    assert header[-2:] == ["完成情况", "佐证材料"], header


# ---- the table in the document ------------------------------------------------------------------


def _document_xml(text: str) -> etree._Element:
    data = render_report(document(text))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_a_table_renders_with_its_title_unit_spans_and_merged_cells():
    root = _document_xml(SUMMARY)
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert "表1 2025年重点任务完成情况" in texts and "单位：万元" in texts
    table = next(
        t for t in root.iter(f"{W}tbl") if "类别" in "".join(x.text or "" for x in t.iter(f"{W}t"))
    )
    rows = table.findall(f"{W}tr")
    assert len(rows) == 4
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    for r in rows:
        spans = [int(s.get(f"{W}val")) for s in r.iter(f"{W}gridSpan")]
        assert sum(spans) == GRID and len(spans) == 3
    merges = [r.find(f"{W}tc").find(f"{W}tcPr/{W}vMerge") for r in rows[1:]]
    assert merges[0].get(f"{W}val") == "restart"
    assert merges[1] is not None and merges[1].get(f"{W}val") is None  # continues the one above
    assert merges[2] is None
    cells = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in rows[2].findall(f"{W}tc")]
    assert cells == ["", "改扩建幼儿园2所", "已完成"]


def _group_table(
    rows: list[str], merge: str = "[类别]", header: str = "[类别, 任务, 完成情况]"
) -> str:
    body = "".join(f"        - {r}\n" for r in rows)
    return (
        "kind: general\ntitle: 汇报\nbody:\n  - table:\n      title: 表1 任务完成情况\n"
        f"      unit: 项\n      header: {header}\n      merge: {merge}\n      rows:\n{body}"
    )


def _kept(p) -> bool:
    return p.find(f"{W}pPr/{W}keepNext") is not None


def test_a_merged_group_keeps_together_and_the_title_and_header_with_the_table():
    """The 表题 and unit line keep with the table, the header row with the first row, and every
    row of a merged group but its last with the next row: a category is never split from its
    tasks by a page break. A row in no group, and a group's last row, keep with nothing."""
    text = _group_table(
        [
            "[学前教育, 新建幼儿园, 已完成]",
            "[学前教育, 改扩建幼儿园, 已完成]",
            "[学前教育, 增加学位, 持续推进]",
            "[特殊教育, 改造学校, 已完成]",
            "[义务教育, 新建学校, 已完成]",
            "[义务教育, 扩建学校, 主体完工]",
        ]
    )
    root = _document_xml(text)
    paragraphs = list(root.iter(f"{W}p"))
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
    for caption in ("表1任务完成情况", "单位：项"):  # the space beside a digit is dropped
        assert _kept(paragraphs[texts.index(caption)]), caption
    rows = next(root.iter(f"{W}tbl")).findall(f"{W}tr")
    kept = [{_kept(p) for p in r.iter(f"{W}p")} for r in rows]
    assert kept == [{True}, {True}, {True}, {False}, {False}, {True}, {False}]
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None


def test_a_group_taller_than_a_third_of_the_text_block_may_break():
    """A kept block that does not fit moves whole to the next page and leaves the page it left
    blank below it: a group is kept only up to a third of the text block (the blank check
    --layout allows), the first group counting the 表题, unit line, header and a heading above.
    Inside a group too tall, a second merge column's groups that fit are still kept."""
    from reportgen.gbt9704 import national
    from reportgen.render.table import column_spans, row_heights_pt, table_block

    std = national()
    assert std.kept_block_pt == pytest.approx(7 * std.line_pitch_pt)

    def keeps(text: str) -> list[bool]:
        table = document(text).body[0].table
        return [row[0]["keep"] for row in table_block(table)["rows"]]

    long_rows = [f"[督导, 第{n}项任务, 已完成]" for n in range(1, 21)]
    assert keeps(_group_table(["[其他, 任务, 已完成]", *long_rows])) == [False] * 21
    # Eight one-line rows fit in seven body lines (8 × 24.6 pt of 14 pt lines ≤ 202.9 pt); a
    # ninth does not.
    eight = [f"[督导, 第{n}项任务, 已完成]" for n in range(1, 9)]
    assert keeps(_group_table(["[其他, 任务, 已完成]", *eight])) == [False] + [True] * 7 + [False]
    nine = [*eight, "[督导, 第9项, 已完成]"]
    assert keeps(_group_table(["[其他, 任务, 已完成]", *nine])) == [False] * 10
    # First in the table, the same eight rows go with the lines above them: too tall.
    assert keeps(_group_table(eight)) == [False] * 8
    table = document(_group_table(eight)).body[0].table
    heights = row_heights_pt(table.rows, column_spans([table.header, *table.rows]))
    assert sum(heights) < std.kept_block_pt < sum(heights) + 4 * std.line_pitch_pt
    # Two merge columns: the outer group is too tall, its inner groups are kept.
    nested = [f"[督导, {'甲乙丙'[n // 4]}, 第{n}项]" for n in range(12)]
    header = "[类别, 分类, 任务]"
    got = keeps(_group_table(["[其他, 丁, 任务]", *nested], "[类别, 分类]", header))
    assert got == [False] + [True, True, True, False] * 3


def test_only_a_row_taller_than_a_page_may_split():
    """Word cuts off a row it may not split where the page ends: a row taller than the text block
    under the header has no w:cantSplit; every other row keeps it."""
    task = "本区认真开展年度重点任务推进工作，逐项对照任务清单查找问题，按期完成。" * 60
    root = _document_xml(_group_table([f"[甲类, {task}, 已完成]", "[乙类, 短任务, 已完成]"]))
    rows = next(root.iter(f"{W}tbl")).findall(f"{W}tr")
    whole = [r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows]
    assert whole == [True, False, True]


def test_no_signature_lines_without_issuer_or_date():
    root = _document_xml("kind: general\ntitle: 汇报\nbody: [正文。]\n")
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert [t for t in texts if t.strip()] == ["汇报", "正文。"]


# ---- the JSON Schema a form is built from ----------------------------------------------------


def test_the_json_schema_chooses_the_kind_and_names_every_field_in_chinese():
    schema = document_json_schema()
    assert set(schema["discriminator"]["mapping"]) == set(KINDS)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    defs = schema["$defs"]
    for name, model in defs.items():
        assert cjk.search(model.get("title", "")), f"{name} has no Chinese title"
        for key, prop in model.get("properties", {}).items():
            # A field that is one model takes that model's title (pydantic puts none beside $ref).
            title = prop.get("title") or defs[prop.get("$ref", "#/$defs/-").split("/")[-1]]["title"]
            assert cjk.search(title), f"{name}.{key} has no Chinese title"
    body = schema["$defs"]["General"]["properties"]["body"]["items"]
    assert len(body["oneOf"]) == 6  # a paragraph and the five block models


def test_a_comment_in_a_body_block_is_warned_where_it_stands():
    from reportgen.model.warnings import report_warnings

    text = "kind: general\ntitle: 汇报\nbody:\n"
    text += "  - lead: 抓建设。 #重点\n    text: 正文 #注\n  - 一段 #说明\n"
    loaded = load_yaml_text(text, "g.yaml")
    found = report_warnings(loaded, validate(loaded))
    assert [(d.path, d.label, d.line) for d in found] == [
        ("body[0].lead", "首句", 4),
        ("body[0].text", "正文", 5),
        ("body[1]", "正文", 6),
    ]


def test_only_what_must_stay_together_keeps_with_the_next_paragraph():
    text = (FIXTURES / "layout-keep-chain.yaml").read_text(encoding="utf-8")
    kept = [(shown_one(b), b["keep"]) for b in context_of(text)["blocks"]]
    assert kept[0] == ("一、整改情况", True)  # a heading standing alone keeps with what follows
    assert kept[1] == ("（一）关于“教育决策机制还不够完善”问题", True)
    # Measures that are only a lead sentence have nothing to keep with: no chain of eight.
    assert [k for s, k in kept if "落实第" in s] == [False] * 8
    assert kept[-2:] == [("二、下一步工作打算", True), ("下一步，我区将持续抓好整改落实。", True)]


def shown_one(block: dict) -> str:
    return block.get("number", "") + block.get("title", "") + block.get("lead", "") + block["text"]


def test_batch_names_a_general_document_without_a_region_after_its_file(tmp_path):
    from reportgen.batch import run_batch

    folder = tmp_path / "各科室"
    folder.mkdir()
    (folder / "基础教育科总结.yaml").write_text(SUMMARY, encoding="utf-8")
    (folder / "德育科总结.yaml").write_text(SUMMARY, encoding="utf-8")
    run_batch([folder], tmp_path / "out", jobs=1)
    written = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert written == ["基础教育科总结.docx", "德育科总结.docx"]
