"""The 公文's elements (GB/T 9704 §7) in the model and the render context: what a clerk writes,
what the template gets, and the message for each way of writing it wrong. Their positions on
the page are measured in test_gongwen_layout.py."""

from __future__ import annotations

import pytest

from reportgen.errors import InputError
from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.loader import load_yaml_text

BASE = """\
kind: general
title: 关于某某工作的报告
issuer: 某某区人民政府
date: 2021-04-01
body:
  - 正文第一段。
"""


def document(extra: str):
    base = BASE.replace("issuer: 某某区人民政府\n", "") if "issuer:" in extra else BASE
    return validate(load_yaml_text(base + extra, "g.yaml"))


def context_of(extra: str) -> dict:
    return report_context(document(extra))


def problems_of(extra: str) -> list[str]:
    with pytest.raises(InputError) as info:
        document(extra)
    return [str(p) for p in info.value.diagnostics]


def test_a_document_without_the_elements_has_empty_parts():
    ctx = context_of("")
    assert ctx["letterhead"] is None
    assert ctx["imprint"] is None
    assert (ctx["recipients"], ctx["closing"], ctx["note"], ctx["sealed"]) == ("", "", "", False)
    assert ctx["appendices"] == []
    assert ctx["issuers"] == ["某某区人民政府"]


def test_letterhead_of_an_upward_document():
    ctx = context_of(
        "letterhead:\n  copy_number: 12\n  secrecy: 秘密*1年\n  urgency: 加急\n"
        "  number: 某政报(2021)05号\n  signers: 张三、李四、王五\n"
    )
    head = ctx["letterhead"]
    assert head["top"] == [
        {"text": "000012", "kind": "copy"},
        {"text": "秘密★1年", "kind": "urgent"},
        {"text": "加急", "kind": "urgent"},
    ]
    assert head["mark"]["text"] == "某某区人民政府文件"
    assert head["mark"]["scale"] == 100
    assert head["number"] == "某政报〔2021〕5号"
    assert head["upward"] is True
    # Two names a line; 发文字号 on the last line; later names under the first line's.
    assert head["signer_lines"] == [
        {"number": "", "label": "签发人：", "names": "张三\u3000李四"},
        {"number": "某政报〔2021〕5号", "label": "\u3000" * 4, "names": "王五\u3000\u3000\u3000"},
    ]


def test_top_lines_keep_their_order_and_are_always_three():
    head = context_of("letterhead:\n  urgency: 特急\n")["letterhead"]
    assert head["top"] == [
        {"text": "特急", "kind": "urgent"},
        {"text": "", "kind": ""},
        {"text": "", "kind": ""},
    ]
    assert head["upward"] is False


def test_a_long_mark_is_condensed_to_fit_the_text_block():
    # 18 characters of 42 pt are 756 pt; the text block is 442 pt wide: 50% fits.
    head = context_of("letterhead:\n  mark: 某某省某某市某某区人民政府办公室\n")["letterhead"]
    assert head["mark"]["text"] == "某某省某某市某某区人民政府办公室文件"
    assert head["mark"]["scale"] == 50
    head = context_of("letterhead:\n  mark: 某某市某某区人民政府\n  suffix: false\n")["letterhead"]
    assert (head["mark"]["text"], head["mark"]["scale"]) == ("某某市某某区人民政府", 100)
    head = context_of("letterhead:\n  mark: 某某省某某市某某区人民政府\n  suffix: false\n")
    assert head["letterhead"]["mark"]["scale"] == 80  # 13 × 42 pt × 80% = 437 pt


def test_joint_issuers_in_the_mark_and_the_signature():
    ctx = context_of(
        "letterhead:\n  number: 某委发〔2021〕3号\nissuer: [中共某某区委, 某某区人民政府]\n"
    )
    mark = ctx["letterhead"]["mark"]
    assert mark["joint"] is True
    assert [c["kind"] for c in mark["rows"][0]] == ["pad", "name", "suffix", "pad"]
    assert [c["merge"] for c in mark["rows"][1]] == ["", "", "continue", ""]
    assert mark["rows"][0][2]["text"] == "文件"
    assert sum(c["span"] for c in mark["rows"][0]) == 40
    # Unsealed, stacked, the leading office first, all ending in one column; the date starts two
    # characters right of the last issuer's first character and, 6 wide against its 7, would
    # stand one character from the right: it keeps two, and the issuers move one left.
    lines = ctx["signature"]["lines"]
    assert [line["text"] for line in lines] == ["中共某某区委", "某某区人民政府"]
    assert [len(line["pad"]) for line in lines] == [19, 18]
    assert ctx["signature"]["date_pad"] == "\u3000" * 20
    assert ctx["issuer"] == "中共某某区委、某某区人民政府"


def test_sealed_signature_centres_the_issuer_over_the_date():
    ctx = context_of("sealed: true\n")
    # The date 2021年4月1日 is 6 characters wide (digits half): it stands 4 from the right, at
    # 18; the 7-character issuer is centred over it, at 17.5.
    assert ctx["signature"]["date_pad"] == "\u3000" * 18
    assert ctx["signature"]["lines"] == [
        {"pad": "\u3000" * 17 + "\u2002", "text": "某某区人民政府", "gap": False}
    ]
    assert ctx["signature"]["blank_lines"] == 2


def test_recipients_closing_and_note():
    ctx = context_of(
        "recipients: [市教育局, 市财政局]\nclosing: 特此报告\n"
        "note: 联系人：张三，电话：0575-12345678\n"
    )
    assert ctx["recipients"] == "市教育局、市财政局："
    assert ctx["closing"] == "特此报告。"
    assert ctx["blocks"][-1] == {"kind": "p", "text": "特此报告。", "keep": True}
    assert ctx["note"] == "（联系人：张三，电话：0575-12345678）"
    assert context_of("closing: true\n")["closing"] == "特此报告。"
    assert context_of("note: (联系人：张三)\n")["note"] == "（联系人：张三）"


def test_attachments_with_bodies_get_pages_numbered_as_the_list():
    ctx = context_of(
        "attachments:\n"
        "  - 名单。\n"
        "  - title: 《得分表》\n"
        "    body:\n"
        "      - table: {header: [项目, 得分], rows: [[经费, 24]]}\n"
        "  - title: 工作方案\n"
        "    body:\n"
        "      - title: 目标\n"
        "        text: 目标的正文。\n"
    )
    assert ctx["attachments"] == ["附件：1. 名单", "2. 得分表", "3. 工作方案"]
    pages = ctx["appendices"]
    assert [(a["label"], a["title"], a["gap"]) for a in pages] == [
        ("附件2", "得分表", False),
        ("附件3", "工作方案", True),
    ]
    assert pages[1]["blocks"][0]["number"] == "一、"  # numbered afresh
    one = context_of("attachments:\n  - title: 得分表\n    body: [正文。]\n")["appendices"]
    assert one[0]["label"] == "附件"


def test_imprint_lines_break_between_names():
    ctx = context_of(
        "imprint:\n  cc: [某某市教育局, 某某区委办公室, 某某区人大常委会办公室, 某某区政协办公室]\n"
        "  by: 某某区人民政府办公室\n  date: 2021-04-02\n"
    )
    imprint = ctx["imprint"]
    assert imprint["cc"] == "抄送：某某市教育局，某某区委办公室，"
    assert imprint["cc_more"] == ["某某区人大常委会办公室，某某区政协办公室。"]
    assert (imprint["by"], imprint["date"]) == ("某某区人民政府办公室", "2021年4月2日印发")
    # 22 lines a page: the 版记's three lines and the fixed space take four.
    assert imprint["blank_lines"] == 18


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "letterhead:\n  number: 某政报2021年5号\n",
            "g.yaml:8:11: letterhead.number (发文字号): 发文字号“某政报2021年5号”不是"
            "“机关代字〔年份〕序号号”的形式 — 写成 某政发〔2021〕5号：年份用六角括号〔〕，"
            "序号不加“第”，不编虚位（不写 05）",
        ),
        (
            "letterhead:\n  copy_number: 1234567\n",
            "g.yaml:8:16: letterhead.copy_number (份号): 份号“1234567”应为 1 到 6 位数字 — "
            "写成 1 或 000001（印为 6 位数字）",
        ),
        (
            "letterhead:\n  secrecy: 内部\n",
            "g.yaml:8:12: letterhead.secrecy (密级和保密期限): 密级“内部”应以 绝密、机密 或 秘密 "
            "开头 — 写成 秘密 或 秘密★1年（保密期限用阿拉伯数字）",
        ),
        (
            "letterhead:\n  urgency: 急\n",
            "g.yaml:8:12: letterhead.urgency (紧急程度): “急”不是可选值 — 只能是 特急、加急 之一",
        ),
        (
            "imprint:\n  cc: [市教育局]\n  date: 2021-04-02\n",
            "g.yaml:8:3: imprint.by (印发机关): 缺少必填项 — 请在imprint下添加 by: …",
        ),
        (
            "attachments:\n  - title: 一、得分表\n    body: [正文。]\n",
            "g.yaml:8:12: attachments[0].title (附件名称): 开头的“一、”是手写的编号，"
            "reportgen 按位置自动编号，保留会重复 — 删除开头的“一、”",
        ),
    ],
)
def test_messages(extra, message):
    assert problems_of(extra) == [message]


def test_footers_number_pages_unless_two_sided_with_an_imprint():
    """The template's footers print the page number unless the document is two-sided with a
    版记 (GB/T 9704 §7.5); the renderer renders them once per set of values they read, the
    bytes docxtpl gives each time."""
    from reportgen.pipeline import render_report
    from reportgen.render.docx import template_for
    from support import docxtpl_render, zip_members

    imprint = "imprint:\n  by: 某某区人民政府办公室\n  date: 2021-04-02\n"
    for extra, numbered in (
        ("", True),
        ("duplex: true\n", True),
        (imprint, True),
        ("duplex: true\n" + imprint, False),
        ("", True),  # again, from what was rendered before
    ):
        report = document(extra)
        ours = dict(zip_members(render_report(report)))
        theirs = dict(
            zip_members(docxtpl_render(template_for(report.kind), report_context(report)))
        )
        footers = [n for n in ours if n.startswith("word/footer")]
        assert footers and all(ours[n] == theirs[n] for n in footers)
        body_footers = [ours["word/footer1.xml"], ours["word/footer2.xml"]]
        assert all((b"PAGE" in f) is numbered for f in body_footers), extra
