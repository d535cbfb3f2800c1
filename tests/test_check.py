"""`check` on the .docx: page setup, fonts in effect through style inheritance, page number
footers."""

from __future__ import annotations

import docx
import pytest

from reportgen.check.styles import check_docx
from reportgen.pipeline import load_report, render_report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, fixtures_dir):
    out = tmp_path_factory.mktemp("check") / "report.docx"
    out.write_bytes(render_report(load_report(fixtures_dir / "layout-self-assessment.yaml")))
    return out


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    d = docx.Document()
    d.add_paragraph("某区履行教育职责情况自查报告")
    d.add_paragraph("一、基本情况")
    d.add_paragraph("本区认真开展自查工作。" * 10)
    path = tmp_path_factory.mktemp("check") / "plain.docx"
    d.save(path)
    return path


def test_our_report_passes_every_docx_rule(rendered):
    findings = check_docx(rendered)
    assert [str(f) for f in findings if not f.ok] == []
    by_rule = {f.rule: f.measured for f in findings}
    assert by_rule["正文字体字号"] == "仿宋_GB2312 16.0 pt"
    assert by_rule["一级标题字体字号"] == "黑体 16.0 pt"
    assert by_rule["二级标题字体字号"] == "楷体_GB2312 16.0 pt"
    assert by_rule["标题字体字号"] == "方正小标宋简体 22.0 pt"


def test_plain_python_docx_document_fails_and_names_the_rules(plain):
    failed = {f.rule: f for f in check_docx(plain) if not f.ok}
    assert {
        "纸张",
        "上边距",
        "左边距",
        "正文字体字号",
        "标题字体字号",
        "一级标题字体字号",
        "页码页脚",
    } <= set(failed)
    assert failed["纸张"].measured == "216×279 mm"
    assert "11.0 pt" in failed["正文字体字号"].measured


def test_font_is_resolved_through_based_on_styles(tmp_path):
    d = docx.Document()
    base = d.styles.add_style("公文正文", 1)
    rpr = base.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(docx.oxml.ns.qn("w:eastAsia"), "仿宋_GB2312")
    child = d.styles.add_style("子样式", 1)
    child.base_style = base
    child.font.size = docx.shared.Pt(16)
    d.add_paragraph("标题")
    d.add_paragraph("正文内容，足够长，不会被当成标题。" * 3, style="子样式")
    d.save(tmp_path / "x.docx")
    body = next(f for f in check_docx(tmp_path / "x.docx") if f.rule == "正文字体字号")
    assert body.ok, body


def test_cli_exit_codes(cli, rendered, plain):
    good = cli("check", rendered)
    assert good.exit_code == 0, good.output
    assert "全部符合" in good.output
    bad = cli("check", rendered, plain)
    assert bad.exit_code == 1
    assert "✗ 纸张：216×279 mm（应为 A4 210×297 mm）" in bad.output


def test_not_a_docx_is_a_message_not_a_traceback(cli, tmp_path):
    f = tmp_path / "x.docx"
    f.write_text("not a zip")
    result = cli("check", f)
    assert result.exit_code == 1
    assert (
        f"{f}: (文件): 这是文本文件，不是 Word/WPS 文档 — "
        "用 Word 或 WPS 打开后“另存为” .docx 再检查"
    ) in result.output
    assert "Traceback" not in result.output


def test_page_numbers_in_times_new_roman_are_named(tmp_path, rendered):
    """GB/T 9704 §7.5 wants the page number's digits in 宋体: a footer whose digits fall to the
    Latin font Times New Roman (as the templates once had it) fails."""
    import re
    import zipfile

    assert next(f for f in check_docx(rendered) if f.rule == "页码字体字号").ok
    latin = tmp_path / "latin.docx"
    with zipfile.ZipFile(rendered) as zin, zipfile.ZipFile(latin, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/styles.xml":
                data = re.sub(
                    rb'(w:styleId="Footer">.*?<w:rFonts w:ascii=")[^"]*',
                    rb"\1Times New Roman",
                    data,
                )
            zout.writestr(item, data)
    finding = next(f for f in check_docx(latin) if f.rule == "页码字体字号")
    assert not finding.ok
    assert finding.measured == "Times New Roman 14.0 pt"


def test_headings_are_found_by_their_numbering_in_any_form(tmp_path):
    """The checker finds a heading by text/numbering.match_number: (一) typed with half-width
    brackets is a level-2 heading; 1.5亿元 at the start of a paragraph is no heading."""
    d = docx.Document()
    d.add_paragraph("某区履行教育职责情况自查报告")
    d.add_paragraph("本区认真开展自查工作。" * 10)
    d.add_paragraph("(一)加强组织领导")
    d.add_paragraph("1.5亿元用于改善办学条件。" * 5)
    d.save(tmp_path / "x.docx")
    by_rule = {f.rule: f for f in check_docx(tmp_path / "x.docx")}
    assert by_rule["二级标题字体字号"].measured != "文中没有"
    assert by_rule["三级标题字体字号"].measured == "文中没有"


def _run_in(paragraph, text: str, font: str, size_pt: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size_pt)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


@pytest.mark.parametrize("caption", ["表1各乡镇学校情况", "表2𠀾家村学校情况", "单位：万元"])
def test_a_table_title_or_unit_line_is_not_measured_as_body_text(tmp_path, caption):
    """Beside 表1 the proofreader drops the space, so a Chinese character follows the digit, a
    rare one (extension B, as in place names) too; such a line is set as its table is."""
    d = docx.Document()
    _run_in(d.add_paragraph(), "某区教育工作情况", "方正小标宋简体", 22)
    _run_in(d.add_paragraph(), "全区共有学校42所。" * 6, "仿宋_GB2312", 16)
    _run_in(d.add_paragraph(), caption, "黑体", 14)
    path = tmp_path / "caption.docx"
    d.save(path)
    by_rule = {f.rule: f for f in check_docx(path)}
    assert by_rule["正文字体字号"].measured == "仿宋_GB2312 16.0 pt"
    assert by_rule["正文字体字号"].ok
