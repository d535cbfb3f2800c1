"""Import readers: .docx (styles, automatic numbering, bold, tracked changes, tables, page breaks),
text and Markdown in every encoding the loader reads, standard input, LibreOffice formats, and
the malformed inputs that must stop with a located Chinese message."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

import docxbuild as B
from reportgen.errors import InputError
from reportgen.importer.blocks import Para, Table
from reportgen.importer.docx_numbering import format_number
from reportgen.importer.source import STDIN_NAME, read_bytes, read_path, read_stdin
from reportgen.output.pdf import find_soffice
from support import zip_recoded


def paras(source) -> list[Para]:
    return [b for b in source.blocks if isinstance(b, Para)]


def read_doc(document) -> list[Para]:
    return paras(read_bytes(B.to_bytes(document), "t.docx", ".docx"))


# ---- automatic numbering ---------------------------------------------------------------------


def test_numbering_labels_follow_levels_counters_and_restarts():
    d = B.new()
    B.add_numbering(d, 10, [20, 21, 22], restart={22: 1})
    seq = [
        (20, 0, "基本情况"), (20, 1, "组织领导"), (20, 2, "健全机制"), (20, 2, "明确责任"),
        (20, 3, "细则"), (20, 1, "经费保障"), (20, 2, "加大投入"), (20, 0, "存在问题"),
        (21, 0, "下一步"),  # another w:num on the same list continues it, as Word does
        (22, 0, "附件正文"),  # startOverride restarts it
        (22, 4, "圈号"),
    ]  # fmt: skip
    for nid, lvl, text in seq:
        B.number(d.add_paragraph(text), nid, lvl)
    got = [(p.label, p.text) for p in read_doc(d)]
    assert got == [
        ("一、", "基本情况"), ("（一）", "组织领导"), ("1.", "健全机制"), ("2.", "明确责任"),
        ("（1）", "细则"), ("（二）", "经费保障"), ("1.", "加大投入"), ("二、", "存在问题"),
        ("三、", "下一步"), ("一、", "附件正文"), ("①", "圈号"),
    ]  # fmt: skip


def test_numbering_from_a_heading_style_and_switched_off_by_numid_0():
    d = B.new()
    B.add_numbering(d, 11, [30])
    style = d.styles["Heading 1"]
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {B.W}><w:ilvl w:val="0"/><w:numId w:val="30"/></w:numPr>')
    )
    d.add_paragraph("主要做法", style="Heading 1")
    d.add_paragraph("存在问题", style="Heading 1")
    off = d.add_paragraph("不编号的标题", style="Heading 1")
    B.number(off, 0, 0)
    got = [(p.label, p.text, p.outline) for p in read_doc(d)]
    assert got == [("一、", "主要做法", 1), ("二、", "存在问题", 1), ("", "不编号的标题", 1)]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircleChinese", "②"),
        (4, "lowerRoman", "iv"),
        (28, "upperLetter", "BB"),
        (7, "decimalZero", "07"),
        (5, "decimalFullWidth", "５"),
        (3, "chineseLegalSimplified", "叁"),
        (1, "none", ""),
    ],
)
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_bullets_are_not_numbers():
    d = B.new()
    B.add_numbering(d, 12, [40], levels=[("bullet", "●")])
    B.number(d.add_paragraph("第一项"), 40, 0)
    (p,) = read_doc(d)
    assert (p.label, p.bullet, p.text) == ("", True, "第一项")


# ---- formatting -------------------------------------------------------------------------------


def test_bold_from_runs_character_styles_and_paragraph_styles():
    d = B.new()
    lead = d.styles.add_style("首句", 2)  # a character style
    lead.font.bold = True
    p = d.add_paragraph()
    p.add_run("1.")
    p.add_run("健全机制。", style="首句")
    p.add_run("区委常委会每年研究。")
    q = d.add_paragraph()
    q.add_run("加强领导。").bold = True
    q.add_run("全面加强党的领导。")
    strong = d.styles.add_style("加粗段落", 1)
    strong.font.bold = True
    r = d.add_paragraph(style="加粗段落")
    r.add_run("整段加粗")
    off = r.add_run("但这几个字不加粗")
    off.bold = False
    got = read_doc(d)
    assert got[0].bold_prefix(2) == "健全机制。"
    assert got[1].bold_prefix(0) == "加强领导。"
    assert got[2].bold == [(0, 4)] and not got[2].all_bold


def test_alignment_page_breaks_and_sizes():
    d = B.new()
    t = d.add_paragraph("标题")
    t.alignment = 1
    t.runs[0].font.size = 22 * 12700
    body = d.add_paragraph("正文。")
    body.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("附件1")
    mid = d.add_paragraph("前半段")
    mid.add_run().add_break(WD_BREAK.PAGE)
    mid.add_run("后半段")
    pb = d.add_paragraph("分页的段落")
    pb.paragraph_format.page_break_before = True
    got = read_doc(d)
    assert (got[0].align, got[0].size) == ("center", 22)
    assert [(p.text, p.page_break_before) for p in got[1:]] == [
        ("正文。", False),
        ("附件1", True),
        ("前半段", False),
        ("后半段", True),
        ("分页的段落", True),
    ]


def test_where_a_line_stands_on_the_page():
    """Place: the text block's width in characters of the paragraph's size (page less margins,
    plus a character grid's pitch), its indents in twips or characters, its alignment and the
    spaces around its text."""
    d = B.new()
    section = d.sections[0]
    section.page_width, section.left_margin, section.right_margin = Mm(210), Mm(28), Mm(26)
    d.styles["Normal"].font.size = Pt(16)
    d.add_paragraph("\u3000" * 17 + "\u2002某某区人民政府")  # leading spaces: ideographic and en
    right = d.add_paragraph("2024年12月20日\u3000")
    right.alignment = 2
    B.indent(right, rightChars=300)
    centred = d.add_paragraph("标题")
    centred.alignment = 1
    twips = d.add_paragraph("某某局")
    twips.paragraph_format.left_indent = Pt(32)  # two characters of 16 pt
    twips.paragraph_format.first_line_indent = Pt(16)
    d.add_paragraph("甲\t乙")  # a tab: where 乙 stands depends on the tab stops
    got = read_doc(d)
    assert got[0].text == "某某区人民政府"
    line = got[0].place.line
    assert line == pytest.approx(8844 / 320, abs=0.01)  # 156 mm in twips over 16 pt
    assert {p.place.line for p in got if p.place} == {line}
    spans = [x for p in got[:4] for x in (p.place.start, p.place.end)]
    assert spans == pytest.approx(
        [17.5, 24.5, line - 4 - 7, line - 4, (line - 2) / 2, (line + 2) / 2, 3, 6]
    )
    assert got[4].place is None
    # a character grid (docGrid charSpace) widens each character: 28 to the line, as GB/T 9704
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f"<w:docGrid {nsdecls('w')}/>")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:charSpace"), str(round((8844 / 28 - 320) / 20 * 4096)))
    assert read_doc(d)[0].place.line == pytest.approx(28, abs=0.01)


def test_the_first_text_after_a_section_break_to_an_even_page():
    d = B.new()
    d.add_paragraph("正文。")
    d.add_section(WD_SECTION.EVEN_PAGE)
    d.add_paragraph("")  # an empty paragraph does not take the mark
    d.add_section(WD_SECTION.CONTINUOUS)  # on the same page: the mark waits for its text
    d.add_paragraph("抄送：市委办公室。")
    d.add_paragraph("某某局办公室　2021年4月2日印发")
    d.add_section(WD_SECTION.NEW_PAGE)
    d.add_paragraph("另起一页。")
    d.add_section(WD_SECTION.EVEN_PAGE)
    d.add_table(rows=1, cols=1).cell(0, 0).text = "抄送：市委办公室。"
    source = read_bytes(B.to_bytes(d), "t.docx", ".docx")
    assert [(b.text if isinstance(b, Para) else "table", b.even_page) for b in source.blocks] == [
        ("正文。", False),
        ("抄送：市委办公室。", True),
        ("某某局办公室　2021年4月2日印发", False),
        ("另起一页。", False),
        ("table", True),
    ]


def test_character_spacing_narrows_each_character():
    """字符间距 紧缩 0.25 pt (w:spacing w:val=-5), as GB/T 9704 templates fit 28 characters of
    16 pt to a 156 mm line, from the style or from the run."""
    d = B.new()
    section = d.sections[0]
    section.page_width, section.left_margin, section.right_margin = Mm(210), Mm(28), Mm(26)
    d.styles["Normal"].font.size = Pt(16)
    rpr = d.styles["Normal"].element.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="-5"/>'))
    d.add_paragraph("某某局")
    run = d.add_paragraph().add_run("某某局")
    run._r.get_or_add_rPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="0"/>'))
    first, second = read_doc(d)
    assert first.place.line == pytest.approx(8844 / 315, abs=0.01)  # 28.08
    assert second.place.line == pytest.approx(8844 / 320, abs=0.01)  # the run's own: none


def test_a_text_line_stands_where_its_leading_spaces_put_it():
    got = paras(read_bytes("  \u3000某某局\n\t某某局\n".encode(), "t.txt", ".txt"))
    assert (got[0].place.start, got[0].place.end, got[0].place.line) == (2, 5, None)
    assert got[1].place is None  # a tab's width is the viewer's


def test_hidden_text_comments_fields_and_text_boxes():
    d = B.new()
    p = d.add_paragraph("看得见")
    B.append_xml(p, B.run_xml("看不见", extra_rpr="<w:vanish/>"))
    f = d.add_paragraph("第")
    B.append_xml(f, f'<w:r {B.W}><w:fldChar w:fldCharType="begin"/></w:r>')
    B.append_xml(f, f"<w:r {B.W}><w:instrText> PAGE </w:instrText></w:r>")
    B.append_xml(f, f'<w:r {B.W}><w:fldChar w:fldCharType="separate"/></w:r>')
    B.append_xml(f, B.run_xml("3"))
    B.append_xml(f, f'<w:r {B.W}><w:fldChar w:fldCharType="end"/></w:r>')
    f.add_run("页")
    box = d.add_paragraph("正文")
    B.append_xml(
        box,
        f'<w:r {B.W} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></w:r>",
    )
    source = read_bytes(B.to_bytes(d), "t.docx", ".docx")
    texts = [(p.text, p.in_textbox) for p in paras(source)]
    assert texts == [("看得见", False), ("第3页", False), ("正文", False), ("框中文字", True)]
    assert source.notes == ["文档中有 1 处隐藏文字，隐藏文字打印时不显示，未导入"]


# ---- tracked changes --------------------------------------------------------------------------


def test_tracked_changes_are_accepted():
    d = B.new()
    B.tracked_paragraph(d, [("", "加强"), ("del", "组织"), ("ins", "党的"), ("", "领导。")])
    first = d.add_paragraph("这一段的段落标记被删除，")
    B.delete_mark(first)
    d.add_paragraph("与下一段合为一段。")
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate(table.rows):
        row.cells[0].text, row.cells[1].text = f"行{r}", "内容"
    table.rows[1]._tr.get_or_add_trPr().append(
        parse_xml(f'<w:del {B.W} w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/>')
    )
    source = read_bytes(B.to_bytes(d), "t.docx", ".docx")
    assert [p.text for p in paras(source)] == [
        "加强党的领导。",
        "这一段的段落标记被删除，与下一段合为一段。",
    ]
    (tbl,) = [b for b in source.blocks if isinstance(b, Table)]
    assert tbl.grid() == [["行0", "内容"], ["行2", "内容"]]
    assert source.notes == []


def test_changes_that_cannot_be_accepted_are_listed():
    d = B.new()
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "甲"
    tcpr = table.rows[0].cells[1]._tc.get_or_add_tcPr()
    tcpr.append(parse_xml(f'<w:cellMerge {B.W} w:id="5" w:author="a" w:vMerge="cont"/>'))
    source = read_bytes(B.to_bytes(d), "t.docx", ".docx")
    assert source.notes == ["表格中合并的单元格 1 处无法作为修订接受，已按现有内容读取，请核对"]


# ---- tables -----------------------------------------------------------------------------------


def test_table_merges_are_kept_and_expanded():
    d = B.new()
    t = d.add_table(rows=4, cols=3)
    texts = [
        ["问题", "措施", "时限"],
        ["问题甲", "措施一", "2021年"],
        ["", "措施二", "长期"],
        ["合计", "", ""],
    ]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(3, 0).merge(t.cell(3, 2))
    (tbl,) = [b for b in read_bytes(B.to_bytes(d), "t.docx", ".docx").blocks]
    assert isinstance(tbl, Table)
    assert [len(r) for r in tbl.rows] == [3, 3, 3, 1]
    assert tbl.rows[2][0].merged and tbl.rows[3][0].span == 3
    assert tbl.grid() == [
        ["问题", "措施", "时限"],
        ["问题甲", "措施一", "2021年"],
        ["问题甲", "措施二", "长期"],
        ["合计", "合计", "合计"],
    ]


# ---- text -------------------------------------------------------------------------------------

TEXT = "关于加强管理的报告\n\n一、基本情况\n今年以来，我们加强了管理。\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("gbk"),
        lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "gbk", "gb18030-crlf"],
)
def test_text_in_every_encoding_the_loader_reads(encode, tmp_path):
    f = tmp_path / "report.txt"
    f.write_bytes(encode(TEXT))
    source = read_path(f)
    assert [(p.text, p.where.line) for p in paras(source)] == [
        ("关于加强管理的报告", 1),
        ("一、基本情况", 3),
        ("今年以来，我们加强了管理。", 4),
    ]


def test_standard_input():
    source = read_stdin(io.BytesIO(TEXT.encode("gbk")))
    assert source.name == STDIN_NAME
    assert paras(source)[1].text == "一、基本情况"


def test_wrapped_lines_join_where_paragraphs_are_blank_separated():
    text = (
        "标题\n\n一、基本情况\n\n"
        "今年以来，全区上下认真贯彻落实上级部署要求，坚持\n把教育摆在优先发展的战略地位。\n\n"
        "二、存在问题\n\n仍有不足。\n\n三、下一步\n\n继续努力。\n"
    )
    got = [(p.text, str(p.where)) for p in paras(read_bytes(text.encode(), "w.txt", ".txt"))]
    assert got[2] == (
        "今年以来，全区上下认真贯彻落实上级部署要求，坚持把教育摆在优先发展的战略地位。",
        "第5–6行",
    )
    assert len(got) == 7


# Text as pdftotext or a PDF viewer's copy gives a typeset 公文: 28 characters a line, no empty
# line between paragraphs, the page number alone on its line, a form feed before the next page.
TYPESET = """\
关于教育工作情况的报告
根据上级要求，现将我区教育工作情况报告如下：
一、基本情况
全区现有中小学和幼儿园一百二十所，在校学生八万余人，专
任教师六千余名。全年一般公共预算教育支出十八亿元，比上
年增长百分之六点八，占一般公共预算支出的比例为二成。
二、主要做法
（一）加强党的领导。区委常委会全年专题研究教育工作九次
，区委教育工作领导小组召开全体会议两次，研究解决学位供给
、教师编制、校园安全等重点问题，推动各项工作落地见效，区
—1—

\f级领导全年深入学校调研四十六人次，现场协调解决问题三十
一个，形成了上下联动、齐抓共管的工作格局和良好氛围。
—2—

\f三、下一步工作
继续努力。
"""


def test_typeset_lines_join_into_paragraphs_across_page_numbers():
    got = [p.text for p in paras(read_bytes(TYPESET.encode(), "pdf.txt", ".txt"))]
    assert got == [
        "关于教育工作情况的报告",
        "根据上级要求，现将我区教育工作情况报告如下：",
        "一、基本情况",
        "全区现有中小学和幼儿园一百二十所，在校学生八万余人，专任教师六千余名。全年一般公共预算"
        "教育支出十八亿元，比上年增长百分之六点八，占一般公共预算支出的比例为二成。",
        "二、主要做法",
        "（一）加强党的领导。区委常委会全年专题研究教育工作九次，区委教育工作领导小组召开全体会"
        "议两次，研究解决学位供给、教师编制、校园安全等重点问题，推动各项工作落地见效，区级领导"
        "全年深入学校调研四十六人次，现场协调解决问题三十一个，形成了上下联动、齐抓共管的工作格局"
        "和良好氛围。",
        "三、下一步工作",
        "继续努力。",
    ]
    last = paras(read_bytes(TYPESET.encode(), "pdf.txt", ".txt"))[-2]
    assert last.page_break_before


def test_lines_of_a_web_page_stay_paragraphs():
    """A paragraph per line, of all lengths: not typeset, nothing joined."""
    text = "\n".join(
        ["今年以来，全区上下认真贯彻落实上级部署要求，坚持教育优先发展", "一、基本情况"] * 4
    )
    assert len(paras(read_bytes(text.encode(), "w.txt", ".txt"))) == 8


def test_tab_separated_lines_are_a_table_and_form_feed_a_page():
    text = "正文。\n指标\t本年\t上年\n教育支出\t100万元\t90万元\n\f附件\n"
    blocks = read_bytes(text.encode(), "t.txt", ".txt").blocks
    assert isinstance(blocks[1], Table) and blocks[1].grid()[1] == ["教育支出", "100万元", "90万元"]
    assert isinstance(blocks[2], Para) and blocks[2].page_break_before


def test_markdown_headings_bold_and_pipe_tables():
    text = (
        "# 关于工作的报告\n\n## 一、基本情况\n\n**加强领导。**全面加强。\n\n"
        "| 指标 | 本年 |\n|---|---|\n| 教育支出 | 100 |\n\n- 一项\n"
    )
    blocks = read_bytes(text.encode(), "r.md", ".md").blocks
    title, heading, lead, table, item = blocks
    assert (title.text, title.outline) == ("关于工作的报告", 1)
    assert (heading.text, heading.outline) == ("一、基本情况", 2)
    assert lead.text == "加强领导。全面加强。" and lead.bold_prefix(0) == "加强领导。"
    assert table.grid() == [["指标", "本年"], ["教育支出", "100"]]
    assert item.text == "一项"


# ---- malformed input --------------------------------------------------------------------------


def _message(path: Path) -> str:
    with pytest.raises(InputError) as e:
        read_path(path)
    (problem,) = e.value.diagnostics
    return str(problem)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.docx"
    f.write_bytes(b"")
    assert _message(f) == (
        f"{f}: (文件): 文件是空的 — 请选择上一年的报告（.docx、.doc、.wps、.odt、.txt 或 .md）"
    )


def test_blank_text_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_text("\n \u3000\n", encoding="utf-8")
    assert "文件中没有文字" in _message(f)


def test_corrupt_docx(tmp_path, examples_dir):
    good = B.to_bytes(B.new())
    f = tmp_path / "cut.docx"
    f.write_bytes(good[: len(good) // 2])
    assert _message(f) == (
        f"{f}: (文件): 文件已损坏，无法作为 Word 文档打开（文件不完整，可能没有下载或复制完） — "
        "用 Word 或 WPS 打开后“另存为” .docx 再导入，或把文字复制到记事本保存为 .txt"
    )


@pytest.mark.parametrize(
    ("recode", "what"),
    [
        ({"encrypted": True}, "设有密码（已加密），无法读取"),
        ({"method": 9}, "用了无法解压的压缩方式（编号 9）"),
    ],
    ids=["zip password", "Deflate64"],
)
def test_a_docx_zipfile_cannot_unpack(tmp_path, recode, what):
    """Found by tools/fuzz.py: zipfile's RuntimeError and NotImplementedError were internal
    errors."""
    f = tmp_path / "zipped.docx"
    f.write_bytes(zip_recoded(B.to_bytes(B.new()), **recode))
    assert _message(f) == (
        f"{f}: (文件): 文件中的 [Content_Types].xml {what} — "
        "用 Word 或 WPS 打开后“另存为” .docx 再导入，或把文字复制到记事本保存为 .txt"
    )


def test_docx_with_broken_xml_names_the_part_and_line(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(B.to_bytes(B.new()))) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p></w:body>")
            dst.writestr(item, data)
    f = tmp_path / "broken.docx"
    f.write_bytes(buf.getvalue())
    msg = _message(f)
    assert msg.startswith(f"{f}: (文件): 文件已损坏：word/document.xml第2行的 XML 有错误（")


def test_password_protected_docx(tmp_path):
    # An encrypted .docx is an OLE2 compound file whose directory names the streams
    # EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO 2.3.4); the header is enough to tell.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    directory += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    f = tmp_path / "secret.docx"
    f.write_bytes(header + directory + b"\x00" * 2048)
    assert _message(f) == (
        f"{f}: (文件): 文件设有打开密码（已加密），无法读取 — "
        "请在 Word 或 WPS 中输入密码打开，取消“用密码进行加密”后另存为 .docx 再导入"
    )


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "这是PDF 文件，不是 Word/WPS 文档或文本文件"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "这是PNG 图片，不是 Word/WPS 文档或文本文件"),
        (bytes(range(256)) * 8, "这不是文本文件，也不是 Word/WPS 文档（内容是二进制数据）"),
    ],
    ids=["pdf", "png", "binary"],
)
def test_binary_files(tmp_path, data, what):
    f = tmp_path / "x.txt"
    f.write_bytes(data)
    assert _message(f).startswith(f"{f}: (文件): {what} — ")


def test_a_spreadsheet_is_not_a_report(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    f = tmp_path / "data.docx"
    f.write_bytes(buf.getvalue())
    assert "这是 Excel 表格，不是报告文档" in _message(f)


def test_missing_file_and_folder(tmp_path):
    assert "文件不存在" in _message(tmp_path / "nope.docx")
    assert "这是一个文件夹" in _message(tmp_path)


# ---- LibreOffice formats ------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "odt", "wps"])
def test_doc_wps_and_odt_through_libreoffice(tmp_path, fmt):
    """A .wps from WPS Writer is a Word 97 file under another name; it is made so here."""
    d = B.new()
    B.add_numbering(d, 10, [20])
    d.add_paragraph("关于工作的报告")
    B.number(d.add_paragraph("基本情况"), 20, 0)
    p = d.add_paragraph()
    p.add_run("加强领导。").bold = True
    p.add_run("全面加强。")
    src = tmp_path / "in.docx"
    d.save(src)
    subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc" if fmt == "wps" else fmt,
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    if fmt == "wps":
        (tmp_path / "in.doc").rename(tmp_path / "in.wps")
    source = read_path(tmp_path / f"in.{fmt}")
    assert source.format == fmt
    got = [(p.label, p.text) for p in paras(source)]
    assert got == [("", "关于工作的报告"), ("一、", "基本情况"), ("", "加强领导。全面加强。")]
    assert paras(source)[2].bold_prefix(0) == "加强领导。"
