"""Recognising a document's outline: our own rendered reports (render → import gives back the
render context paragraph by paragraph), the shared seeds (structure, and no sentence lost), and
small documents for each structure real reports use."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest

import docxbuild as B
from reportgen.importer.outline import Outline, Paragraph, Section, TableBlock
from reportgen.importer.recognize import recognise
from reportgen.importer.source import read_bytes, read_path
from reportgen.pipeline import load_report, render_file, report_context
from reportgen.text.dates import CnDate
from reportgen.text.numbering import point_prefix

ROUND_TRIP = [
    "examples/rectification-yuecheng-2019.yaml",
    "examples/self-inspection-district-2022.yaml",
    "examples/self-evaluation-chuxiong-2022.yaml",
    "tests/fixtures/minimal-rectification.yaml",
    "tests/fixtures/minimal-self-assessment.yaml",
    "tests/fixtures/layout-self-assessment.yaml",
]
SEEDS = [
    "rectification-yuecheng-2019",
    "self-inspection-district-2022",
    "self-evaluation-chuxiong-2022",
]


def outline_of(text: str, name: str = "t.txt") -> Outline:
    return recognise(read_bytes(text.encode("utf-8"), name, ".txt"))


def paragraph_text(p: Paragraph) -> str:
    points = "".join(point_prefix(n) + t for n, t in enumerate(p.points, 1))
    return p.lead + p.text + points + p.after


def flatten(sections: list[Section]) -> list[tuple]:
    """The outline as the render context lays it out: one entry per heading, paragraph, table."""
    out: list[tuple] = []
    for s in sections:
        body = list(s.body)
        first = ""
        if s.run_in and body and isinstance(body[0], Paragraph):
            first = paragraph_text(body.pop(0))
        out.append((f"h{s.level}", s.marker, s.title, first))
        for b in body:
            if isinstance(b, Paragraph):
                out.append(("p", paragraph_text(b)))
            else:
                out.append(
                    ("figures", [(f.name, f.value, f.previous, f.growth) for f in b.figures])
                )
        out += flatten(s.children)
    return out


def expected(context: dict) -> list[tuple]:
    out: list[tuple] = []
    for b in context["blocks"]:
        if b["kind"] == "p":
            out.append(("p", b["text"]))
        elif b["kind"] == "figures":
            rows = []
            for r in b["rows"]:
                value = re.match(r"[\d.]+", r["value"]).group(0)
                prev = re.match(r"[\d.]+", r["previous"])
                growth = re.search(r"(增长|下降|增加|减少)([\d.]+)", r["change"])
                g = None
                if growth:
                    g = ("-" if growth.group(1) in "下降减少" else "") + growth.group(2)
                rows.append((r["name"], value, prev.group(0) if prev else None, g))
            out.append(("figures", rows))
        else:
            out.append((b["kind"], b["number"], b["title"], b["text"]))
    return out


@pytest.fixture(scope="module")
def rendered(root_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    out = {}
    for rel in ROUND_TRIP:
        path = root_dir / rel
        docx = render_file(path, folder / (path.stem + ".docx"))
        out[rel] = (report_context(load_report(path)), recognise(read_path(docx)))
    return out


# ---- render → import --------------------------------------------------------------------------


@pytest.mark.parametrize("rel", ROUND_TRIP)
def test_rendered_report_reads_back_as_its_render_context(rel, rendered):
    context, outline = rendered[rel]
    assert outline.title == context["title"]
    assert [paragraph_text(p) for p in outline.opening] == context["opening"]
    assert flatten(outline.sections) == expected(context)
    assert outline.signature == [context["issuer"]]
    assert outline.date is not None and str(outline.date.date) == context["date"]
    notes = [n.name for n in outline.attachment_notes]
    lines = (
        [f"附件：{n}" for n in notes]
        if len(notes) == 1
        else [("附件：" if k == 1 else "") + f"{k}. {n}" for k, n in enumerate(notes, 1)]
    )
    assert lines == context["attachments"]
    assert not outline.unplaced and not outline.dropped and not outline.reader_notes


@pytest.mark.parametrize("rel", ROUND_TRIP)
def test_rendered_report_kind_and_ledger(rel, rendered):
    context, outline = rendered[rel]
    assert outline.kind.kind == context["kind"]
    ledger = context["ledger"]
    if not ledger:
        assert not outline.attachments
        return
    (attachment,) = outline.attachments
    assert attachment.title == ledger["title"]
    (table,) = [b for b in attachment.body if isinstance(b, TableBlock)]
    assert table.kind == "ledger"
    got = [
        (r.problem, r.measure, r.unit, r.person or "—", r.deadline, r.status) for r in table.ledger
    ]
    want = [
        (r["problem"], r["measure"], r["unit"], r["person"], r["deadline"], r["status"])
        for r in ledger["rows"]
    ]
    assert got == want
    assert all(r.matched for r in table.ledger)


def test_rendered_points_and_basis_match_the_yaml(rendered, root_dir):
    _, outline = rendered["examples/rectification-yuecheng-2019.yaml"]
    report = load_report(root_dir / "examples/rectification-yuecheng-2019.yaml")
    problems = [s for s in outline.walk() if s.problem]
    assert [p.problem for p in problems] == [p.title for p in report.problems]
    for sec, problem in zip(problems, report.problems, strict=True):
        assert [c.title.rstrip("。") for c in sec.children] == [
            m.lead.rstrip("。") for m in problem.measures
        ]
        for child, measure in zip(sec.children, problem.measures, strict=True):
            (para,) = child.body
            assert para.points == [p if p.endswith("。") else p + "。" for p in measure.points]
    assert [(b.name, b.number) for b in outline.basis] == [(b.name, b.number) for b in report.basis]


# ---- the shared seeds ----------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    out = []
    for piece in re.split(r"[。;!?\n]", unicodedata.normalize("NFKC", text)):
        s = re.sub(r"\s+", "", piece)
        if len(s) >= 4:
            out.append(s)
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_seed_loses_no_sentence(name, fixtures_dir):
    """Every sentence of a seed is in the outline, or in what was reported as web chrome."""
    outline = recognise(read_path(fixtures_dir / "seeds" / f"{name}.txt"))
    kept = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(outline.texts())))
    dropped = "".join(d.text for d in outline.dropped)
    dropped = re.sub(r"\s+", "", unicodedata.normalize("NFKC", dropped))
    cn = "[一二三四五六七八九十]+"
    markers = rf"^(?:{cn}、|\({cn}\)|\d{{1,2}}\.|{cn}是)"
    wanted = [
        re.sub(markers, "", s)
        for s in _sentences((fixtures_dir / "seeds" / f"{name}.txt").read_text("utf-8"))
    ]
    missing = [s for s in wanted if s not in kept and s not in dropped]
    assert len(wanted) > 40 and not missing


def test_seed_yuecheng_structure(fixtures_dir):
    o = recognise(read_path(fixtures_dir / "seeds" / "rectification-yuecheng-2019.txt"))
    assert o.title == "2019年度越城区履行教育职责问题整改报告"
    assert o.kind.kind == "rectification"
    assert [d.src.line for d in o.dropped] == [1, 2, 6, 50, 51]
    assert o.web_date == CnDate(2021, 4, 1)
    assert [(s.role, s.family) for s in o.sections] == [
        ("basic", "cn"),
        ("rectification", "cn"),
        ("next_steps", "implicit"),
    ]
    problems = o.sections[1].children
    assert [p.problem for p in problems] == [
        "教育决策机制还不够完善",
        "教育发展还不充分不平衡",
        "教师队伍建设还有待加强",
    ]
    assert [len(p.children) for p in problems] == [4, 3, 2]
    assert problems[0].children[0].title == "健全“常委议教”机制。"
    assert [len(m.body[0].points) for m in problems[0].children] == [0, 3, 2, 0]
    nxt = o.sections[2]
    assert nxt.body[0].text.startswith("下一步，") or nxt.body[0].text.startswith("下一步,")
    assert [c.title for c in nxt.children] == [
        "进一步突出教育优先发展战略。",
        "进一步推进教育资源优化配置。",
        "进一步深化教师队伍建设。",
    ]
    assert [(b.name[:6], b.number) for b in o.basis] == [("浙江省人民政", "浙政教督办函〔202115")]


def test_seed_district_structure(fixtures_dir):
    o = recognise(read_path(fixtures_dir / "seeds" / "self-inspection-district-2022.txt"))
    assert o.title == "" and o.notes  # the page lost its title and says so
    assert o.kind.kind == "self_assessment"
    numbers = [s.number for s in o.walk() if s.family == "ar"]
    assert numbers == list(range(2, 19))
    assert [s.title for s in o.sections if s.level == 1] == ["存在的主要问题", "改进措施"]
    assert [s.role for s in o.sections if s.level == 1] == ["problems", "next_steps"]
    assert o.opening[0].text.startswith("落实区委、区政府联系学校制度。")


def test_seed_chuxiong_structure(fixtures_dir):
    o = recognise(read_path(fixtures_dir / "seeds" / "self-evaluation-chuxiong-2022.txt"))
    assert o.title == "楚雄州人民政府履行教育职责工作情况报告"
    assert o.kind.kind == "self_assessment"
    assert [(b.number) for b in o.basis] == ["云政教督〔2021〕2号", "云政教督办函〔2022〕7号"]
    assert [s.title for s in o.sections] == ["主要做法及成效", "存在的困难和问题", "下步工作措施"]
    assert [len(c.body[0].points) for c in o.sections[0].children] == [3, 5, 5, 5, 5]
    assert len(o.sections[1].body[0].points) == 4
    assert [len(c.body[0].points) for c in o.sections[2].children] == [3, 3, 5, 5, 6]


# ---- heading forms ------------------------------------------------------------------------------


def shape(sections: list[Section]) -> list:
    return [(s.level, s.family, s.number, s.title, shape(s.children)) for s in sections]


def test_heading_variants_half_width_and_own_line_or_run_in():
    text = (
        "关于教育工作的报告\n"
        "一、基本情况\n"
        "(一)组织领导。成立领导小组。\n"
        "1、健全机制。区委每年研究。\n"
        "(1)议事规则\n"
        "细则正文。\n"
        "①第一条\n"
        "2．明确责任\n"
        "（二）经费保障\n"
        "二、存在问题\n"
        "第一，投入不足。\n"
        "第二，队伍不强。\n"
    )
    o = outline_of(text)
    assert shape(o.sections) == [
        (1, "cn", 1, "基本情况", [
            (2, "pcn", 1, "组织领导。", [
                (3, "ar", 1, "健全机制。", [
                    (4, "par", 1, "议事规则", [(5, "circ", 1, "第一条", [])]),
                ]),
                (3, "ar", 2, "明确责任", []),
            ]),
            (2, "pcn", 2, "经费保障", []),
        ]),
        (1, "cn", 2, "存在问题", [
            (2, "ord", 1, "投入不足。", []),
            (2, "ord", 2, "队伍不强。", []),
        ]),
    ]  # fmt: skip
    run_in = o.sections[0].children[0]
    assert run_in.run_in and run_in.body[0].text == "成立领导小组。"
    assert not run_in.children[0].children[0].run_in


def test_levels_follow_the_numbers_a_document_uses():
    # no 一、 at all: （一） is the top level, 1. the second
    o = outline_of("标题报告\n（一）甲\n1.子一\n2.子二\n（二）乙\n1.子三\n")
    assert shape(o.sections) == [
        (1, "pcn", 1, "甲", [(2, "ar", 1, "子一", []), (2, "ar", 2, "子二", [])]),
        (1, "pcn", 2, "乙", [(2, "ar", 1, "子三", [])]),
    ]


def test_numbers_and_dates_are_not_headings():
    o = outline_of(
        "标题报告\n一、情况\n1.5亿元用于改造。\n2020年投入增加。\n一是加强。二是落实。\n"
    )
    (s,) = o.sections
    assert not s.children
    assert [b.text for b in s.body][:2] == ["1.5亿元用于改造。", "2020年投入增加。"]
    assert s.body[2].points == ["加强。", "落实。"]


def test_long_first_sentence_is_numbered_text_not_a_title():
    long = "明确议事规则，" * 12 + "确保落实。"
    o = outline_of(f"标题报告\n一、情况\n1.{long}\n")
    (item,) = o.sections[0].children
    assert item.title == "" and item.body[0].text == long and item.notes


def test_word_auto_numbered_headings_read_like_typed_ones():
    typed = B.new()
    auto = B.new()
    B.add_numbering(auto, 10, [20])
    rows = [(0, "基本情况"), (1, "组织领导。"), (2, "健全机制。区委每年研究。"), (0, "存在问题")]
    labels = ["一、", "（一）", "1.", "二、"]
    for (lvl, text), label in zip(rows, labels, strict=True):
        typed.add_paragraph(label + text)
        B.number(auto.add_paragraph(text), 20, lvl)
    for d in (typed, auto):
        d.paragraphs[0].insert_paragraph_before("关于工作的报告")
    a = recognise(read_bytes(B.to_bytes(typed), "a.docx", ".docx"))
    b = recognise(read_bytes(B.to_bytes(auto), "b.docx", ".docx"))
    assert shape(a.sections) == shape(b.sections)
    assert shape(a.sections)[0][4][0][4][0][3] == "健全机制。"
    assert all(s.auto_numbered for s in b.walk())


def test_unnumbered_word_headings_use_their_outline_level():
    d = B.new()
    d.add_paragraph("工作总结", style="Title")
    d.add_paragraph("总体情况", style="Heading 1")
    d.add_paragraph("今年工作顺利。")
    d.add_paragraph("重点工作", style="Heading 2")
    d.add_paragraph("推进改革。")
    d.add_paragraph("存在不足", style="Heading 1")
    o = recognise(read_bytes(B.to_bytes(d), "g.docx", ".docx"))
    assert o.title == "工作总结"
    assert shape(o.sections) == [
        (1, "o1", None, "总体情况", [(2, "o2", None, "重点工作", [])]),
        (1, "o1", None, "存在不足", []),
    ]
    assert o.kind.kind == "general"


def test_bold_leads_and_bold_own_line_subheadings_in_docx():
    d = B.new()
    d.add_paragraph("关于工作的报告")
    d.add_paragraph("一、主要做法")
    p = d.add_paragraph()
    p.add_run("加强组织领导。").bold = True
    p.add_run("成立领导小组。")
    q = d.add_paragraph()
    q.add_run("经费保障").bold = True
    d.add_paragraph("加大投入。")
    o = recognise(read_bytes(B.to_bytes(d), "l.docx", ".docx"))
    lead, own, plain = o.sections[0].body
    assert (lead.lead, lead.text, lead.lead_own_line) == ("加强组织领导。", "成立领导小组。", False)
    assert (own.lead, own.lead_own_line) == ("经费保障", True)
    assert plain.text == "加大投入。"


# ---- points -----------------------------------------------------------------------------------


def test_points_inline_with_text_before_and_after():
    o = outline_of(
        "标题报告\n一、做法\n我们做了三件事：一是加强领导；二是加大投入；三是强化督导。通过以上措施，成效明显。\n"
    )
    (p,) = o.sections[0].body
    assert (p.text, p.points, p.after) == (
        "我们做了三件事：",
        ["加强领导；", "加大投入；", "强化督导。"],
        "通过以上措施，成效明显。",
    )
    assert p.points_layout == "inline"


def test_points_one_paragraph_each_then_text_after():
    o = outline_of(
        "标题报告\n一、做法\n一是加强领导。\n二是加大投入。\n三是强化督导。\n成效明显。\n"
    )
    first, after = o.sections[0].body
    assert first.points == ["加强领导。", "加大投入。", "强化督导。"]
    assert first.points_layout == "paragraphs" and after.text == "成效明显。"


def test_a_single_yishi_or_one_inside_a_word_is_not_points():
    o = outline_of("标题报告\n一、做法\n统一是基础，一是关键。\n")
    (p,) = o.sections[0].body
    assert not p.points and p.text == "统一是基础，一是关键。"


# ---- front and back matter -----------------------------------------------------------------


def test_full_apparatus_of_a_document():
    text = "\n".join(
        [
            "000123",
            "机密★1年",
            "特急",
            "XX市人民政府文件",
            "X政发〔2021〕5号",
            "关于2020年度",
            "教育工作情况的报告",
            "省人民政府：",
            "根据《关于开展评价的通知》(X教督[2021]3号)要求，现报告如下：",
            "一、基本情况",
            "工作顺利。",
            "特此报告。",
            "附件：1. 评价指标自评表",
            "2. 整改台账",
            "XX市人民政府　　XX市教育局",
            "二〇二一年四月一日",
            "（联系人：张三，电话：12345678）",
            "\f附件1",
            "评价指标自评表",
            "指标\t本年\t上年",
            "教育支出\t100万元\t90万元",
            "\f附件2",
            "整改台账",
            "问题\t整改措施\t责任单位\t整改时限\t完成情况",
            "投入不足\t加大投入\t财政局\t2021年12月\t正在推进",
            "抄送：市委办公室，市人大常委会办公室。",
            "XX市人民政府办公室　　2021年4月2日印发",
        ]
    )
    o = outline_of(text)
    h = o.head
    assert (h.copy_no, h.secrecy, h.urgency, h.doc_number) == (
        "000123",
        "机密★1年",
        "特急",
        "X政发〔2021〕5号",
    )
    assert h.issuer_mark == ["XX市人民政府文件"]
    assert o.title_lines == ["关于2020年度", "教育工作情况的报告"]
    assert o.addressees == "省人民政府"
    assert [(b.name, b.number) for b in o.basis] == [("关于开展评价的通知", "X教督〔2021〕3号")]
    assert [c.text for c in o.closing] == ["特此报告。"]
    assert [(n.number, n.name) for n in o.attachment_notes] == [
        ("1", "评价指标自评表"),
        ("2", "整改台账"),
    ]
    assert o.signature == ["XX市人民政府", "XX市教育局"]
    assert o.date.date == CnDate(2021, 4, 1)
    assert o.annotation == "联系人：张三，电话：12345678"
    assert [(a.label, a.title) for a in o.attachments] == [
        ("附件1", "评价指标自评表"),
        ("附件2", "整改台账"),
    ]
    figures = o.attachments[0].body[0]
    assert figures.kind == "figures"
    assert [(f.name, f.value, f.unit, f.previous) for f in figures.figures] == [
        ("教育支出", "100", "万元", "90")
    ]
    ledger = o.attachments[1].body[0]
    assert ledger.kind == "ledger"
    assert [(r.problem, r.measure, r.unit, r.deadline, r.status) for r in ledger.ledger] == [
        ("投入不足", "加大投入", "财政局", "2021年12月", "持续推进")
    ]
    assert o.record.cc == ["市委办公室", "市人大常委会办公室"]
    assert (o.record.printer, o.record.print_date) == ("XX市人民政府办公室", "2021年4月2日")
    assert not o.unplaced


def test_doc_number_and_signer_on_one_line():
    o = outline_of("X教发〔2021〕8号　　　签发人：李四　王五\n关于工作的请示\n正文。\n")
    assert o.head.doc_number == "X教发〔2021〕8号" and o.head.signers == ["李四", "王五"]
    assert o.title == "关于工作的请示"


def test_signers_separated_by_commas():
    o = outline_of("X政报〔2025〕3号　　签发人：张三、李四，王五\n关于工作的报告\n正文。\n")
    assert o.head.signers == ["张三", "李四", "王五"]


def test_signers_over_two_lines_the_last_beside_the_doc_number():
    o = outline_of("签发人：张三　李四\nX政报〔2025〕3号　　　　王五\n关于工作的报告\n正文。\n")
    assert o.head.doc_number == "X政报〔2025〕3号"
    assert o.head.signers == ["张三", "李四", "王五"]
    assert o.title == "关于工作的报告"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("某教发〔2025〕12号", "某教发〔2025〕12号"),
        ("某教发[2025]12号", "某教发〔2025〕12号"),
        ("某教发［2025］12号", "某教发〔2025〕12号"),
        ("某教发(2025)12号", "某教发〔2025〕12号"),
        ("某教发（2025）12号", "某教发〔2025〕12号"),
        ("某教发【2025】12号", "某教发〔2025〕12号"),
        ("某教发 〔2025〕 12 号", "某教发〔2025〕12号"),
        ("某教发〔2025〕第12号", "某教发〔2025〕第12号"),  # the model drops 第 (emit comments)
        ("某教发12号", "某教发12号"),  # no year: recognised below a mark, kept as a comment
    ],
)
def test_doc_number_forms_below_a_mark(line, number):
    o = outline_of(f"某某区教育局文件\n{line}\n关于做好开学工作的通知\n正文。\n")
    assert o.head.issuer_mark == ["某某区教育局文件"]
    assert o.head.doc_number == number
    assert o.title == "关于做好开学工作的通知"


@pytest.mark.parametrize(
    "cells",
    [
        ["某政报〔2025〕3号", "签发人：张三　李四"],
        ["某政报〔2025〕3号", "签发人：", "张三　李四"],
    ],
)
def test_doc_number_and_signers_laid_out_in_a_table(cells):
    d = B.new()
    d.add_paragraph("某某区人民政府")
    table = d.add_table(rows=1, cols=len(cells))
    for c, text in enumerate(cells):
        table.cell(0, c).text = text
    d.add_paragraph("关于2025年教育工作情况的报告")
    d.add_paragraph("市人民政府：")
    d.add_paragraph("正文。")
    o = recognise(read_bytes(B.to_bytes(d), "t.docx", ".docx"))
    assert o.head.issuer_mark == ["某某区人民政府"]
    assert (o.head.doc_number, o.head.signers) == ("某政报〔2025〕3号", ["张三", "李四"])
    assert (o.title, o.addressees) == ("关于2025年教育工作情况的报告", "市人民政府")


def test_a_table_at_the_top_that_holds_other_text_is_no_letterhead():
    d = B.new()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "某政报〔2025〕3号", "全年新建幼儿园3所。"
    d.add_paragraph("关于2025年教育工作情况的报告")
    o = recognise(read_bytes(B.to_bytes(d), "t.docx", ".docx"))
    assert o.head.doc_number == ""


def test_a_doc_number_without_its_year_and_no_mark_only_right_above_the_title():
    o = outline_of("某教发12号\n关于做好开学工作的通知\n正文。\n")
    assert o.head.doc_number == "某教发12号" and o.title == "关于做好开学工作的通知"
    o = outline_of("第12号\n第13号\n正文。\n")  # not above a title: not a 发文字号
    assert o.head.doc_number == ""


def test_copy_number_secrecy_and_urgency_in_brackets():
    o = outline_of("【000001】\n[秘密★1年]\n【特急】\n某某区教育局文件\n关于工作的通知\n正文。\n")
    assert (o.head.copy_no, o.head.secrecy, o.head.urgency) == ("000001", "秘密★1年", "特急")
    assert o.head.issuer_mark == ["某某区教育局文件"]


@pytest.mark.parametrize(
    ("lines", "addressees"),
    [
        ("区人民政府：", "区人民政府"),
        ("区人民政府:", "区人民政府"),
        ("各镇人民政府、街道办事处，区政府各部门，\n各有关单位：", None),
        ("各镇（街道）中心学校；\n区属各学校：", "各镇（街道）中心学校；区属各学校"),
    ],
)
def test_recipients_ending_in_a_colon_also_over_lines(lines, addressees):
    o = outline_of(f"关于做好开学工作的通知\n{lines}\n现将有关事项通知如下。\n")
    expected = addressees or lines.replace("\n", "").rstrip("：")
    assert o.addressees == expected
    assert [p.text for p in o.opening] == ["现将有关事项通知如下。"]


def test_lines_ending_in_a_comma_without_a_colon_line_are_the_opening():
    o = outline_of("关于做好开学工作的通知\n今年以来，\n我区认真做好各项工作。\n")
    assert o.addressees == ""


@pytest.mark.parametrize(
    "notes",
    [
        "附件：1. 甲表\n      2. 乙表",
        "附件：1．甲表\n      2．乙表",
        "附件：1、甲表\n2、乙表",
        "附件：（1）甲表\n（2）乙表",
        "附件：①甲表\n②乙表",
    ],
)
def test_attachment_notes_numbered_in_any_form(notes):
    o = outline_of(f"关于工作的报告\n一、情况\n正文。\n{notes}\n某某局\n2021年4月1日\n")
    assert [(n.number, n.name) for n in o.attachment_notes] == [("1", "甲表"), ("2", "乙表")]
    assert o.signature == ["某某局"]
    assert [b.text for b in o.sections[0].body] == ["正文。"]


def test_an_attachment_name_running_on_to_the_next_line():
    o = outline_of(
        "关于工作的报告\n一、情况\n正文。\n附件：1. 某某区2025年度义务教育优质均衡发展\n"
        "   督导评估自查指标得分表\n2. 乙表\n某某局\n2021年4月1日\n"
    )
    assert [(n.number, n.name, n.run_on) for n in o.attachment_notes] == [
        ("1", "某某区2025年度义务教育优质均衡发展督导评估自查指标得分表", True),
        ("2", "乙表", False),
    ]
    # unnumbered, its second line right above the signature: not taken for a second issuer
    o = outline_of(
        "关于工作的报告\n一、情况\n正文。\n附件：某某区2025年度义务教育优质均衡发展\n"
        "督导评估自查指标得分表\n某某局\n2021年4月1日\n"
    )
    assert o.signature == ["某某局"]
    assert [n.name for n in o.attachment_notes] == [
        "某某区2025年度义务教育优质均衡发展督导评估自查指标得分表"
    ]


def test_joint_issuers_one_a_line_are_organs():
    o = outline_of("关于工作的报告\n一、情况\n正文。\n中共某某区委\n某某区人民政府\n2021年4月1日\n")
    assert o.signature == ["中共某某区委", "某某区人民政府"]


def test_joint_issuers_mark_laid_out_as_a_table():
    d = B.new()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "某某区教育局", "某某区财政局"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "文件"
    d.add_paragraph("某教发〔2025〕12号")
    d.add_paragraph("关于做好开学工作的通知")
    d.add_paragraph("正文。")
    o = recognise(read_bytes(B.to_bytes(d), "t.docx", ".docx"))
    assert o.head.issuer_mark == ["某某区教育局", "某某区财政局", "文件"]
    assert o.head.doc_number == "某教发〔2025〕12号" and o.title == "关于做好开学工作的通知"


def test_a_cc_list_running_on_over_lines_and_names_with_brackets():
    o = outline_of(
        "关于工作的报告\n一、情况\n正文。\n某某局\n2021年4月1日\n"
        "抄送：市委办公室，各县（市、区）教育局，\n市人大常委会办公室、市政协办公室。\n"
        "某某局办公室　　2021年4月2日印发\n"
    )
    assert o.record.cc == [
        "市委办公室",
        "各县（市、区）教育局",
        "市人大常委会办公室",
        "市政协办公室",
    ]
    assert (o.record.printer, o.record.print_date, o.record.other) == (
        "某某局办公室",
        "2021年4月2日",
        [],
    )
    # a line of names not below a 抄送 line stays where it was
    o = outline_of(
        "关于工作的报告\n一、情况\n正文。\n市委办公室，市政协办公室。\n2021年4月2日印发\n"
    )
    assert o.record.cc == [] and o.record.print_date == "2021年4月2日"
    assert "市委办公室，市政协办公室。" in [b.text for b in o.sections[0].body]


@pytest.mark.parametrize(
    "record",
    [
        "某某局办公室\n2021年4月2日印发",  # the 印发机关 on a line of its own
        "抄送：市委办公室，市政协办公室。\n某某局办公室\n2021年4月2日印发",
        "抄送：市委办公室，\n市政协办公室。\n某某局办公室　2021年4月2日印发",
    ],
)
def test_the_printing_office_on_a_line_of_its_own(record):
    o = outline_of(f"关于工作的报告\n一、情况\n正文。\n某某局\n2021年4月1日\n{record}\n")
    assert (o.record.printer, o.record.print_date, o.record.other) == (
        "某某局办公室",
        "2021年4月2日",
        [],
    )
    assert o.record.cc == (["市委办公室", "市政协办公室"] if "抄送" in record else [])
    assert o.signature == ["某某局"]


def test_a_printing_office_laid_out_in_a_table_cell_of_its_own():
    d = B.new()
    for line in ("关于工作的报告", "一、情况", "正文。", "某某局", "2021年4月1日"):
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "抄送：市委办公室。"
    table.cell(1, 0).text, table.cell(1, 1).text = "某某局办公室", "2021年4月2日印发"
    o = recognise(read_bytes(B.to_bytes(d), "t.docx", ".docx"))
    assert (o.record.cc, o.record.printer, o.record.print_date, o.record.other) == (
        ["市委办公室"],
        "某某局办公室",
        "2021年4月2日",
        [],
    )


def test_text_after_the_date_is_kept_and_listed():
    o = outline_of("关于工作的报告\n一、情况\n正文。\n某某局\n2021年4月1日\n这一行放错了位置。\n")
    assert o.signature == ["某某局"]
    (u,) = o.unplaced
    assert u.text == "这一行放错了位置。" and u.src.line == 6
    assert o.sections[0].body[-1].text == "这一行放错了位置。"
    assert o.report() == [
        "t.txt:6: “这一行放错了位置。”位于成文日期之后，不是附注、附件或版记，"
        "已放在“情况”的正文末尾，请核对"
    ]


# ---- tables ----------------------------------------------------------------------------------


def test_figures_table_with_caption_unit_line_years_and_note():
    text = (
        "标题报告\n一、情况\n表1 主要指标\n单位：万元\n"
        "项目\t2020年\t2021年\t增幅\n教育支出\t1,000\t1,200\t增长20%\n生均经费\t—\t50\t下降2.5%\n"
        "注：数据来自统计年报。\n"
    )
    (t,) = outline_of(text).sections[0].body
    assert (t.kind, t.caption, t.unit, t.note) == (
        "figures",
        "表1 主要指标",
        "万元",
        "注：数据来自统计年报。",
    )
    assert [(f.name, f.value, f.unit, f.previous, f.growth) for f in t.figures] == [
        ("教育支出", "1200", "万元", "1000", "20"),
        ("生均经费", "50", "万元", None, "-2.5"),
    ]


def test_ledger_with_a_merged_problem_cell_and_other_tables_from_docx():
    d = B.new()
    d.add_paragraph("整改台账")
    t = d.add_table(rows=3, cols=5)
    rows = [
        ["问题", "整改措施", "责任单位", "整改时限", "完成情况"],
        ["投入不足", "加大投入", "财政局", "2021年", "已完成"],
        ["", "优化结构", "教育局", "长期坚持", "持续推进"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))
    d.add_paragraph("人员名单")
    other = d.add_table(rows=2, cols=2)
    other.cell(0, 0).text, other.cell(0, 1).text = "姓名", "职务"
    other.cell(1, 0).text, other.cell(1, 1).text = "张三", "组长"
    o = recognise(read_bytes(B.to_bytes(d), "t.docx", ".docx"))
    ledger, names = [b for b in o.opening if isinstance(b, TableBlock)]
    assert [(r.problem, r.measure, r.deadline, r.status) for r in ledger.ledger] == [
        ("投入不足", "加大投入", "2021年", "已完成"),
        ("投入不足", "优化结构", "长期坚持", "持续推进"),
    ]
    assert names.kind == "other" and names.grid == [["姓名", "职务"], ["张三", "组长"]]


# ---- chrome and kind ---------------------------------------------------------------------------


def test_web_chrome_is_reported_and_left_out():
    text = (
        "某某教育网\n首页 > 政务公开 > 通知公告\n关于工作的报告\n"
        "来源：市教育局  作者：办公室  浏览次数：123\n【字体：大 中 小】\n"
        "一、情况\n正文。\n分享到：微信 微博\n上一篇：另一篇 下一篇：再一篇\n"
        "版权所有：某某市教育局  ICP备12345号\n"
    )
    o = outline_of(text)
    assert o.title == "关于工作的报告"
    assert [d.src.line for d in o.dropped] == [1, 2, 4, 5, 8, 9, 10]
    assert [b.text for b in o.sections[0].body] == ["正文。"]


@pytest.mark.parametrize(
    "box",
    [
        "索引号：113306/2021-00012\n发布机构：越城区政府办\n生成日期：2021-04-01\n"
        "发文字号：越政报〔2021〕3号\n公开方式：主动公开\n",
        "索引号\t113306/2021-00012\t发布机构\t越城区政府办\n"
        "发文字号\t越政报〔2021〕3号\t成文日期\t2021-04-01\n",
    ],
    ids=["lines", "table"],
)
def test_a_government_sites_disclosure_box_is_chrome_its_number_a_hint(box):
    o = outline_of(f"{box}关于工作的报告\n一、情况\n正文。\n某某局\n2021年4月1日\n")
    assert o.title == "关于工作的报告"
    assert o.head.doc_number == "" and o.web_number == "越政报〔2021〕3号"
    assert {d.reason for d in o.dropped} == {"网页上的发布信息"}
    assert "越政报〔2021〕3号" in "".join(d.text for d in o.dropped)


def test_a_short_title_above_the_source_line_is_kept():
    o = outline_of("关于工作的报告\n来源：市教育局 发布时间：2021-04-01\n一、情况\n正文。\n")
    assert o.title == "关于工作的报告" and [d.src.line for d in o.dropped] == [2]


def test_kind_general_for_other_documents():
    o = outline_of(
        "关于召开会议的通知\n各单位：\n一、会议时间\n4月1日。\n二、参会人员\n各单位负责人。\n"
    )
    assert o.kind.kind == "general" and o.addressees == "各单位"


def test_decimal_values_survive():
    o = outline_of("标题报告\n一、情况\n指标\t本年\t上年\n经费\t462083.30万元\t1.5万元\n")
    (t,) = o.sections[0].body
    assert Decimal(t.figures[0].value) == Decimal("462083.30") and t.figures[0].value == "462083.30"
