"""Every shipped example and template, laid out by LibreOffice, passes `reportgen check --layout`.

Each document is converted once per session; the tests read the measured findings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.check.styles import check_docx
from reportgen.gbt9704 import GBT9704, LINE_PITCH_PT
from reportgen.pipeline import load_report, render_report
from support import EXAMPLE_SOURCES, FIXTURES, GOOD_PATH

SOURCES = [
    *EXAMPLE_SOURCES,
    FIXTURES / "layout-self-assessment.yaml",
    FIXTURES / "layout-keep-chain.yaml",
    FIXTURES / "layout-table-groups.yaml",
    GOOD_PATH,
]


@pytest.fixture(scope="session")
def layout_findings(tmp_path_factory):
    out = tmp_path_factory.mktemp("layout")
    found = {}
    for src in SOURCES:
        docx = out / f"{src.stem}.docx"
        docx.write_bytes(render_report(load_report(src)))
        found[src.stem] = check_docx(docx, layout=True)
    return found


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [s.stem for s in SOURCES])
def test_every_rule_holds(layout_findings, name):
    findings = layout_findings[name]
    assert [str(f) for f in findings if not f.ok] == []
    rules = {f.rule for f in findings}
    assert {"每页行数", "每行字数", "页码（PDF）", "左边距（PDF）", "行距", "标点（PDF）"} <= rules
    assert "页面留白" in rules


@pytest.mark.libreoffice
def test_long_report_is_measured_not_skipped(layout_findings):
    by_rule = {f.rule: f.measured for f in layout_findings["layout-self-assessment"]}
    assert "各 22 行" in by_rule["每页行数"]
    assert " 28 字" in by_rule["每行字数"]
    assert "单页居右、双页居左" in by_rule["页码（PDF）"]


@pytest.mark.libreoffice
def test_plain_document_fails_layout(cli, tmp_path):
    import docx

    d = docx.Document()
    for _ in range(80):
        d.add_paragraph("本区认真开展自查工作，逐项对照评价指标查找问题并明确整改措施。" * 2)
    d.save(tmp_path / "plain.docx")
    result = cli("check", "--layout", tmp_path / "plain.docx")
    assert result.exit_code == 1
    for rule in ("✗ 行距", "✗ 每页行数", "✗ 每行字数", "✗ 页码（PDF）"):
        assert rule in result.output


def test_missing_libreoffice_still_writes_the_docx(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "r.docx"
    result = cli("render", GOOD_PATH, "-o", out, "--pdf")
    assert result.exit_code == 1
    assert out.is_file()
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert not out.with_suffix(".pdf").exists()


def test_a_libreoffice_that_cannot_start_is_named_with_how_to_mend_it(cli, tmp_path, monkeypatch):
    broken = tmp_path / "soffice"
    broken.write_text("not a program", encoding="utf-8")
    broken.chmod(0o644)
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(broken))
    out = tmp_path / "r.docx"
    result = cli("render", GOOD_PATH, "-o", out, "--pdf")
    assert result.exit_code == 1
    assert out.is_file() and not out.with_suffix(".pdf").exists()
    assert (
        f"{out}: 无法启动 LibreOffice（{broken}）：Permission denied — "
        "LibreOffice 可能没有装好，请安装 LibreOffice：Debian/Ubuntu 用"
    ) in result.output
    assert "未找到" not in result.output  # it was found: it did not start


@pytest.mark.parametrize("installed", [False, True])
def test_title_substitute_is_bold_only_when_the_real_font_is_missing(
    tmp_path, monkeypatch, installed
):
    from reportgen.output import pdf as convert

    monkeypatch.setattr(convert, "_installed", lambda family: installed)
    system = tmp_path / "system-fonts.conf"
    system.write_text("<fontconfig/>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(system))
    conf = Path(convert._fontconfig(tmp_path)["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    assert "<family>方正小标宋简体</family><accept><family>Noto Serif CJK SC</family>" in conf
    bold = (
        '<test name="family"><string>方正小标宋简体</string></test>'
        '<edit name="weight" mode="assign"><const>bold</const>'
    )
    assert (bold in conf) is not installed


@pytest.mark.libreoffice
def test_ledger_headers_and_deadline_stay_on_one_line(tmp_path):
    from reportgen.check.layout import read_pdf
    from reportgen.output.pdf import convert_to_pdf

    docx = tmp_path / "r.docx"
    docx.write_bytes(render_report(load_report(GOOD_PATH)))
    page = read_pdf(convert_to_pdf(docx))[-1]
    rows = [[w.text for w in row.words] for row in page.rows]
    assert ["序号", "问题", "整改措施", "责任单位", "责任人", "整改时限", "完成情况"] in rows, rows
    assert any("".join(row).endswith("2021年12月已完成") for row in rows), rows
    assert any("区委办—2021年12月" in "".join(row) for row in rows), "an empty 责任人 cell prints —"
    # GB/T 9704 §8: 附件 on the first line of the page, the attachment's title on the third.
    label, title = page.rows[0], page.rows[1]
    assert (label.text, title.text) == ("附件", "整改台账")
    assert abs((title.y1 - label.y1) - 2 * LINE_PITCH_PT) < 3, (label, title)
    # Cell text is single-spaced: the problem cell's first two lines are one 12 pt line apart.
    at = next(i for i, r in enumerate(page.rows) if r.text.startswith("教育决策"))
    first, second = page.rows[at : at + 2]
    assert second.y1 - first.y1 < 20, (first, second)  # at the body's exact pitch it was 29


def _page_of_lines(number: int, lines: list[str]):
    """A page as LibreOffice lays it out: lines of 27 or more characters justified across the text
    block, shorter ones at their natural width of 15.75 pt a character."""
    from reportgen.check.layout import Page, Row, Word
    from reportgen.gbt9704 import LINE_PITCH_PT, MARGINS_MM, MM_PER_PT

    width, height = 210 / MM_PER_PT, 297 / MM_PER_PT
    left, right = MARGINS_MM["left"] / MM_PER_PT, width - MARGINS_MM["right"] / MM_PER_PT
    top = MARGINS_MM["top"] / MM_PER_PT
    rows = []
    for i, text in enumerate(lines):
        x1 = right if len(text) >= 27 else left + 15.75 * len(text)
        y0 = top + i * LINE_PITCH_PT
        rows.append(Row(left, y0, x1, y0 + 16, (Word(left, x1, text),)))
    return Page(number, width, height, tuple(rows))


@pytest.mark.parametrize(
    "next_page_starts, ok", [("2020年区委、区政府印发", True), ("年区委、区政府印发通知", False)]
)
def test_short_last_line_of_a_page_is_judged_by_the_next_pages_first_line(next_page_starts, ok):
    from reportgen.check.layout import measure_layout

    full = "本区认真开展自查工作，逐项对照评价指标查找问题并明确措施"
    short = "领导联系学校制度的基础上，结合人员调整和发展需要等情况"  # 27: "2020" cannot be split
    assert (len(full), len(short)) == (28, 27)
    pages = [
        _page_of_lines(1, [full] * 5 + [short]),
        _page_of_lines(2, [next_page_starts] + [full] * 5),
    ]
    finding = next(f for f in measure_layout(pages) if f.rule == "每行字数")
    assert finding.ok is ok, finding
    assert finding.measured.startswith("11 个整行中 10 行 28 字")
    assert ("1 行因断行规则" in finding.measured) is ok


@pytest.mark.parametrize("installed", [False, True])
def test_layout_check_warns_when_a_font_would_be_drawn_at_other_widths(
    cli, tmp_path, monkeypatch, installed
):
    from reportgen.output import pdf as convert

    monkeypatch.setattr(convert, "_installed", lambda family: installed)
    monkeypatch.setattr(
        convert.shutil, "which", lambda name: f"/usr/bin/{name}"
    )  # fontconfig present
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "no-soffice"))  # stop before converting
    out = tmp_path / "r.docx"
    result = cli("render", GOOD_PATH, "-o", out, "--pdf")
    warned = "apt-get install fonts-noto-cjk fonts-liberation2" in result.output
    assert warned is not installed, result.output
    assert ("Liberation Serif" in result.output) is not installed


def test_a_mark_the_pdf_does_not_draw_is_named():
    from reportgen.check.layout import punctuation_drawn

    pages = [_page_of_lines(1, ["目前所有区领导均对应联系一所基层学校。"])]
    assert punctuation_drawn("目前所有区领导均对应联系一所基层学校。", pages).ok
    lost = punctuation_drawn("目前，所有区领导均对应联系一所基层学校。", pages)
    assert not lost.ok and lost.measured == "缺 “，” 0/1"


@pytest.mark.parametrize(
    "line, following, ok",
    [
        (
            "导联系学校制度的基础上，结合人员调整和发展需要等情",
            "况，2020年区委、区政府印发",
            True,
        ),  # 况，2020 is one piece
        (
            "领导联系学校制度的基础上，结合人员调整和发展需要等情况",
            "“领导联校”制度",
            True,
        ),  # “领 moves together
        ("领导联系学校制度的基础上，结合人员调整和发展需要等情况", "2020年区委、区政府印发", True),
        (
            "导联系学校制度的基础上，结合人员调整和发展需要等情",
            "况年区委、区政府印发通知",
            False,
        ),  # 况 fitted
        ("领导联系学校制度的基础上，结合人员调整和发展需要等情况", "年区委、区政府印发通知", False),
        (
            "导联系学校制度的基础上结合人员调整和发展需",
            "2020年区委、区政府印发",
            False,
        ),  # far too short
    ],
)
def test_a_line_is_short_by_rule_only_when_the_next_lines_head_did_not_fit(line, following, ok):
    from reportgen.check.layout import _broken_by_rules

    assert _broken_by_rules(len(line), line, following) is ok


def test_no_font_warning_where_fontconfig_cannot_be_asked(monkeypatch):
    from reportgen.output import pdf as convert

    monkeypatch.setattr(convert.shutil, "which", lambda name: None)  # Windows: no fc-list
    assert convert.missing_substitutes() == []


def _long_tables_yaml(problems: int) -> str:
    """A rectification report whose ledger runs over pages, with the widest values a figures row
    and a ledger row hold: a change in percentage points and a full date."""
    problem = "部分学校办学条件还不达标，教师队伍结构性缺编问题仍然存在"
    items = "".join(
        f"""  - title: 第{i}项问题：{problem}{"，整改任务较重" * (i % 3)}
    measures:
      - lead: 统筹推进学校建设和教师补充{"，确保按期完成" * (i % 2)}
        text: 加大投入力度。
        unit: 区教育局
        deadline: 2026-12-31
        status: 持续推进
"""
        for i in range(1, problems + 1)
    )
    return f"""kind: rectification
region: {{name: 越城区, level: 区, parent: 绍兴市}}
year: 2019
issuer: 绍兴市越城区人民政府
date: 2021-04-01
basis:
  - name: 浙江省人民政府教育督导委员会办公室关于印发对县级人民政府的通知
    number: 浙政教督办函〔2021〕15号
basic:
  figures:
    - {{name: 义务教育巩固率, value: 98.5, unit: "%", previous: 99.2}}
    - {{name: 一般公共预算教育支出, value: 473813.97, unit: 万元, previous: 462083.30}}
problems:
{items}"""


@pytest.fixture(scope="module")
def long_tables(tmp_path_factory):
    """The long-ledger report as rendered, and the same document without w:cantSplit."""
    import zipfile

    out = tmp_path_factory.mktemp("tables")
    source = out / "r.yaml"
    source.write_text(_long_tables_yaml(12), encoding="utf-8")
    whole = out / "whole.docx"
    whole.write_bytes(render_report(load_report(source)))
    split = out / "split.docx"
    with zipfile.ZipFile(whole) as zin, zipfile.ZipFile(split, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                assert data.count(b"<w:cantSplit/>") >= 12
                data = data.replace(b"<w:cantSplit/>", b"")
            zout.writestr(item, data)
    return whole, split


def _table_finding(docx: Path):
    import docx as python_docx

    from reportgen.check.layout import read_pdf, table_rows_whole
    from reportgen.check.styles import table_rows
    from reportgen.output.pdf import convert_to_pdf

    pages = read_pdf(convert_to_pdf(docx))
    tables = table_rows(python_docx.Document(str(docx)))
    return table_rows_whole(tables, pages), pages, tables


@pytest.mark.libreoffice
def test_table_rows_stay_whole_with_the_header_repeated(long_tables):
    from reportgen.check.layout import measure_layout

    finding, pages, tables = _table_finding(long_tables[0])
    assert finding.ok, finding
    # Pages of 12 pt ledger rows are not taken for the body: every rule holds.
    assert [str(f) for f in measure_layout(pages, tables) if not f.ok] == []
    assert [f.rule for f in measure_layout(pages) if not f.ok]  # as it was, tables unknown
    assert finding.measured == "16 行均在一页内"  # 1 + 2 figures rows, 1 + 12 ledger rows
    rows = [r.text for p in pages for r in p.rows]
    # The widest values stand on one line: a change in percentage points (two decimals, the
    # table's precision), a full date.
    assert any("下降0.70个百分点" in r for r in rows), rows
    assert sum("2026年12月31日" in r for r in rows) == 12, rows
    ledger_pages = [p for p in pages if any("整改时限" in r.text for r in p.rows)]
    assert len(ledger_pages) >= 2  # the ledger runs on, under its header repeated
    assert all(
        p.rows[0].text.startswith("序号问题") or p.rows[0].text == "附件" for p in ledger_pages
    )


@pytest.mark.libreoffice
def test_a_row_split_across_pages_is_reported(long_tables):
    finding, _, _ = _table_finding(long_tables[1])
    assert not finding.ok
    assert re.search(r"表2第\d+行“\d+｜第\d+项问题：.*”跨第\d+–\d+页", finding.measured), finding


def _table_page(number: int, lines: list[str]):
    """A page of table rows, 14.4 pt apart from the top of the text block."""
    from reportgen.check.layout import Page, Row, Word
    from reportgen.gbt9704 import MARGINS_MM, MM_PER_PT

    left, top = MARGINS_MM["left"] / MM_PER_PT, MARGINS_MM["top"] / MM_PER_PT
    rows = tuple(
        Row(left, top + i * 14.4, left + 100, top + i * 14.4 + 12, (Word(left, left + 100, t),))
        for i, t in enumerate(lines)
    )
    return Page(number, 210 / MM_PER_PT, 297 / MM_PER_PT, rows)


@pytest.mark.parametrize(
    "page_one, page_two, measured",
    [
        (["正文", "序号问题", "1甲乙丙丁", "2戊己庚辛"], ["正文"], "3 行均在一页内"),
        (["正文", "序号问题", "1甲乙", "丙丁"], ["序号问题", "2戊己", "庚辛"], "3 行均在一页内"),
        (
            ["正文", "序号问题", "1甲乙丙丁", "2戊己"],
            ["序号问题", "庚辛"],
            "表1第3行“2｜戊己庚辛”跨第1–2页",
        ),
        (["序号问题", "1甲乙"], ["丙丁", "2戊己庚辛"], "表1第2行“1｜甲乙丙丁”跨第1–2页"),
    ],
)
def test_split_rows_are_found_by_their_characters(page_one, page_two, measured):
    """Rows are matched by the characters they hold, the header repeated on a new page stepped
    over, so a row whose text continues on the next page is seen wherever the header repeats."""
    from reportgen.check.layout import TableRow, table_rows_whole

    table = [
        TableRow(("序号", "问题"), header=True),
        TableRow(("1", "甲乙丙丁")),
        TableRow(("2", "戊己庚辛")),
    ]
    finding = table_rows_whole([table], [_table_page(1, page_one), _table_page(2, page_two)])
    assert finding.measured == measured
    assert finding.ok is measured.endswith("一页内")


def test_a_row_taller_than_a_page_may_break():
    """A row taller than a page under its header cannot stand on one page: it is counted apart,
    not named as split."""
    from reportgen.check.layout import TableRow, table_rows_whole

    table = [TableRow(("序号", "问题"), header=True), TableRow(("1", "甲" * 93))]
    one = ["正文", "序号问题", "1甲甲甲", *["甲甲甲"] * 29]
    two = ["序号问题", *["甲甲甲"] * 1]
    finding = table_rows_whole([table], [_table_page(1, one), _table_page(2, two)])
    assert not finding.ok  # 31 rows of 14.4 pt: shorter than the text block, it could move
    assert finding.measured == "表1第2行“1｜甲甲甲甲甲甲甲甲甲甲…”跨第1–2页"
    two = ["序号问题", *["甲甲甲"] * 14]
    table[1] = TableRow(("1", "甲" * 132))
    finding = table_rows_whole([table], [_table_page(1, one), _table_page(2, two)])
    assert finding.ok and finding.measured == "1 行均在一页内，1 行高于一页，跨页排列"


def test_a_table_the_pdf_does_not_hold_is_named_not_judged():
    from reportgen.check.layout import TableRow, table_rows_whole

    table = [TableRow(("序号", "问题"), header=True), TableRow(("1", "甲乙"))]
    finding = table_rows_whole([table], [_table_page(1, ["正文", "序号问题", "1甲丙"])])
    assert finding.ok and "表1未能在 PDF 中逐行比对" in finding.measured


def _table_rule(findings) -> str:
    return {f.rule: f.measured for f in findings}["表格跨页（PDF）"]


@pytest.mark.libreoffice
def test_tables_start_with_their_title_and_keep_their_groups(layout_findings):
    assert _table_rule(layout_findings["work-summary-district-2025"]) == (
        "1 个表题和各表表头与表格首行同页，2 组合并行均在一页内"
    )
    # The 16- and 30-row groups are taller than a third of the text block: they break.
    assert _table_rule(layout_findings["layout-table-groups"]) == (
        "1 个表题和各表表头与表格首行同页，6 组合并行均在一页内，2 组高于版心三分之一，跨页排列"
    )


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "source, message",
    [
        (
            "examples/work-summary-district-2025.yaml",
            "✗ 表格跨页（PDF）：表1第2–3行（合并格“学前教育”）跨第2–3页",
        ),
        (
            "tests/fixtures/layout-table-groups.yaml",
            "✗ 表格跨页（PDF）：表1的表题“表1年度重点任务完成情况”在第1页末，表格从第2页起",
        ),
    ],
)
def test_without_keeps_a_title_is_stranded_and_a_group_split(tmp_path, source, message):
    """The same documents with every w:keepNext removed: as LibreOffice lays them out, the work
    summary's first category is split from its second task, and the 表题 is left at a page's
    foot."""
    import zipfile

    from support import ROOT

    whole = tmp_path / "whole.docx"
    whole.write_bytes(render_report(load_report(ROOT / source)))
    loose = tmp_path / "loose.docx"
    with zipfile.ZipFile(whole) as zin, zipfile.ZipFile(loose, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:keepNext/>", b"")
            zout.writestr(item, data)
    failed = [str(f) for f in check_docx(loose, layout=True) if not f.ok]
    assert failed == [
        message
        + "（应为 表题、表头与表格首行同页；合并格所跨各行排在同一页（高于版心三分之一的除外））"
    ]


def _grouped_table():
    from reportgen.check.layout import TableRow

    return [
        TableRow(("类别", "任务"), header=True),
        TableRow(("甲类", "一号任务"), merged=("甲类",)),
        TableRow(("", "二号任务"), joined=True),
        TableRow(("乙类", "三号任务")),
    ]


@pytest.mark.parametrize(
    "page_one, page_two, measured",
    [
        (
            ["正文", "表1任务", "类别任务", "甲类一号任务", "二号任务", "乙类三号任务"],
            ["正文"],
            "1 个表题和各表表头与表格首行同页，1 组合并行均在一页内",
        ),
        (
            ["正文", "表1任务"],
            ["类别任务", "甲类一号任务", "二号任务", "乙类三号任务"],
            "表1的表题“表1 任务”在第1页末，表格从第2页起",
        ),
        (
            ["正文", "表1任务", "类别任务"],
            ["类别任务", "甲类一号任务", "二号任务", "乙类三号任务"],
            "表1的表头在第1页末，表格内容从第2页起",
        ),
        (
            ["正文", "表1任务", "类别任务", "一号任务甲类"],
            ["类别任务", "二号任务", "乙类三号任务"],
            "表1第2–3行（合并格“甲类”）跨第1–2页",
        ),
    ],
)
def test_a_stranded_title_or_header_and_a_split_group_are_located(page_one, page_two, measured):
    """The merged cell's text prints once, beside any row of its group: the group is found as
    one band of rows, and named with its rows, its merged text and the pages it lies on."""
    from reportgen.check.layout import table_rows_whole, tables_kept

    pages = [_table_page(1, page_one), _table_page(2, page_two)]
    finding = tables_kept([_grouped_table()], [("表1 任务",)], pages)
    assert finding.measured == measured
    assert finding.ok is measured.endswith("一页内")
    assert str(finding) == (
        f"{'✓' if finding.ok else '✗'} 表格跨页（PDF）：{measured}（应为 表题、表头与表格首行同页；"
        "合并格所跨各行排在同一页（高于版心三分之一的除外））"
    )
    # Split between its rows, the group's rows are each whole.
    assert table_rows_whole([_grouped_table()], pages).measured == "4 行均在一页内"


def test_a_row_split_inside_a_merged_group_is_named():
    from reportgen.check.layout import table_rows_whole

    pages = [
        _table_page(1, ["类别任务", "甲类一号"]),
        _table_page(2, ["类别任务", "任务", "二号任务"]),
    ]
    finding = table_rows_whole([_grouped_table()[:3]], pages)
    assert finding.measured == "表1第2行“甲类｜一号任务”跨第1–2页"


def test_a_group_taller_than_a_third_of_the_text_block_may_split():
    from reportgen.check.layout import TableRow, tables_kept

    rows = [TableRow(("类别", "任务"), header=True), TableRow(("甲类", "任务0"), merged=("甲类",))]
    rows += [TableRow(("", f"任务{n}"), joined=True) for n in range(1, 20)]
    one = ["正文", "类别任务", "甲类任务0", *(f"任务{n}" for n in range(1, 12))]
    two = ["类别任务", *(f"任务{n}" for n in range(12, 20))]
    finding = tables_kept([rows], [()], [_table_page(1, one), _table_page(2, two)])
    assert finding.ok
    assert (
        finding.measured
        == "各表表头与表格首行同页，0 组合并行均在一页内，1 组高于版心三分之一，跨页排列"
    )


def test_table_captions_are_the_title_and_unit_lines_right_above_a_table():
    """A 表题 is a line starting 表1/表一/附表, or a short centred line not ending a sentence; a
    unit line starts 单位; a sentence leading into the table is neither."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from reportgen.check.styles import table_captions

    d = docx.Document()
    d.add_paragraph("各项目完成情况如下：")
    d.add_paragraph("附表2 项目清单")
    d.add_paragraph("单位：万元")
    d.add_table(rows=1, cols=1)
    d.add_paragraph("完成情况如下：").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_table(rows=1, cols=1)
    d.add_paragraph("正文。")
    d.add_paragraph("重点任务推进情况").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("")
    d.add_table(rows=1, cols=1)
    assert table_captions(d) == [("附表2 项目清单", "单位：万元"), (), ("重点任务推进情况",)]


def test_a_page_left_a_third_blank_is_named():
    from reportgen.check.layout import _blank_bottoms

    full = "本区认真开展自查工作，逐项对照评价指标查找问题并明确措施"
    pages = [_page_of_lines(1, [full] * 13), _page_of_lines(2, ["2.落实第一项整改措施。"])]
    finding = _blank_bottoms(pages, LINE_PITCH_PT, GBT9704)
    assert not finding.ok
    assert finding.measured == "第1页下方空 9 行（下一页从“2.落实第一…”起）"
    # Before an attachment a new page is the rule (GB/T 9704 §8).
    pages[1] = _page_of_lines(2, ["附件"])
    assert _blank_bottoms(pages, LINE_PITCH_PT, GBT9704).ok
