"""The 公文's elements where LibreOffice lays them out, measured against GB/T 9704's numbers (the
national profile's): 发文机关标志, the red line, 签发人 and 发文字号, 主送, the 附件 page, the
signature, the 版记's lines. ``reportgen check --layout`` reports the same measurements; a document
without the elements gets none of them.

Each document is converted once per session.
"""

from __future__ import annotations

import pytest

from reportgen.check.elements import pdf_findings, read_drawn
from reportgen.check.styles import check_docx
from reportgen.gbt9704 import MM_PER_PT, national
from reportgen.output.pdf import convert_to_pdf
from reportgen.pipeline import load_report, render_report
from support import EXAMPLES, GOOD_PATH

FORMAL = EXAMPLES / "formal-self-assessment-2021.yaml"

JOINT = """\
kind: general
title: 中共某某区委 某某区人民政府关于进一步加强学校体育工作的实施意见
letterhead:
  number: 某委发〔2021〕12号
issuer: [中共某某区委, 某某区人民政府]
date: 2021-09-01
recipients: 各镇党委和人民政府，各街道党工委和办事处，区级有关部门
body:
  - 为深入贯彻落实全国教育大会精神，进一步加强和改进学校体育工作，结合我区实际，提出如下意见。
  - title: 总体要求
    text: 坚持健康第一的教育理念，开齐开足上好体育课，帮助学生在体育锻炼中享受乐趣、增强体质。
imprint:
  by: 某某区委办公室
  date: 2021-09-02
"""

# Printed on both sides, its body ending on an odd page: the 版记 takes the next (even) page.
_PARAGRAPH = (
    "区政府认真落实教育优先发展战略，持续加大教育投入，全面改善办学条件，"
    "推动教育事业高质量发展，群众满意度不断提高。"
)
ODD_END = (
    "kind: general\ntitle: 关于某某工作的报告\nissuer: 某某区人民政府\ndate: 2021-04-01\n"
    "duplex: true\nbody:\n"
    + f"  - {_PARAGRAPH}\n" * 5
    + "imprint:\n  cc: [市教育局]\n  by: 某某区人民政府办公室\n  date: 2021-04-02\n"
)

ELEMENT_RULES = {
    "发文机关标志位置（PDF）",
    "红色分隔线（PDF）",
    "签发人和发文字号（PDF）",
    "主送机关（PDF）",
    "附件页（PDF）",
    "署名和成文日期（PDF）",
    "版记分隔线（PDF）",
    "版记位置（PDF）",
}


@pytest.fixture(scope="session")
def laid_out(tmp_path_factory):
    """For each document: (check --layout findings, the PDF's characters and lines)."""
    out = tmp_path_factory.mktemp("gongwen")
    joint = out / "joint.yaml"
    joint.write_text(JOINT, encoding="utf-8")
    odd = out / "odd.yaml"
    odd.write_text(ODD_END, encoding="utf-8")
    found = {}
    sealed = out / "sealed.yaml"
    sealed.write_text(
        JOINT.replace("date: 2021-09-01\n", "date: 2021-09-01\nsealed: true\n"), encoding="utf-8"
    )
    documents = (
        ("formal", FORMAL),
        ("joint", joint),
        ("plain", GOOD_PATH),
        ("odd", odd),
        ("sealed", sealed),
    )
    for name, src in documents:
        docx = out / f"{name}.docx"
        docx.write_bytes(render_report(load_report(src)))
        found[name] = (check_docx(docx, layout=True), read_drawn(convert_to_pdf(docx)))
    return found


def _by_rule(findings) -> dict:
    return {f.rule: f for f in findings}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["formal", "joint", "odd", "sealed"])
def test_every_rule_holds(laid_out, name):
    findings, _ = laid_out[name]
    assert [str(f) for f in findings if not f.ok] == []


@pytest.mark.libreoffice
def test_the_formal_example_measures_every_element(laid_out):
    rules = _by_rule(laid_out["formal"][0])
    assert set(rules) >= ELEMENT_RULES
    assert "加盖印章的格式" in rules["署名和成文日期（PDF）"].measured
    assert "第4页" in rules["附件页（PDF）"].measured
    for rule in ("发文机关标志字体", "发文字号", "签发人字体", "版记字体字号"):
        assert rules[rule].ok


@pytest.mark.libreoffice
def test_a_document_without_the_elements_gets_no_finding_about_them(laid_out):
    # The minimal rectification report: a signature, and its ledger on an attachment page; no
    # 版头, 主送 or 版记.
    findings, _ = laid_out["plain"]
    rules = {f.rule for f in findings}
    assert rules & ELEMENT_RULES == {"署名和成文日期（PDF）", "附件页（PDF）"}
    assert [str(f) for f in findings if not f.ok] == []
    assert _by_rule(findings)["署名和成文日期（PDF）"].measured.startswith("署名右空 2.0 字")


def _mm(pt: float) -> float:
    return pt * MM_PER_PT


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["formal", "joint"])
def test_mark_and_red_line_positions(laid_out, name):
    std = national()
    el = std.elements
    page = laid_out[name][1][0]
    red = [g for g in page.glyphs if g.red]
    assert "".join(g.text for g in red).endswith("文件")
    top = min(g.base - 0.88 * g.size for g in red)
    assert abs(_mm(top) - std.margins.top_mm - el.mark_top_mm) <= 0.5
    (rule,) = [r for r in page.rules if r.red]
    assert abs(_mm(rule.x1 - rule.x0) - std.text_width_mm) <= 0.3
    assert abs(_mm(rule.x0) - std.margins.left_mm) <= 0.3
    assert abs(_mm(rule.width) - el.rule_mm) <= 0.03
    number = [g for g in page.glyphs if g.base < rule.y and g.base > rule.y - 30]
    bottom = max(g.base + 0.12 * g.size for g in number)
    assert abs(_mm(rule.y - bottom) - el.rule_gap_mm) <= 0.3


@pytest.mark.libreoffice
def test_joint_mark_puts_the_suffix_beside_the_names(laid_out):
    page = laid_out["joint"][1][0]
    red = [g for g in page.glyphs if g.red]
    rows = sorted({round(g.base) for g in red if g.text != "文" and g.text != "件"})
    assert len(rows) == 2  # one name a row, whole, spread to the longer name's width
    names = [
        sorted(
            (g for g in red if round(g.base) == row and g.text not in "文件"), key=lambda g: g.x0
        )
        for row in rows
    ]
    assert ["".join(g.text for g in n) for n in names] == ["中共某某区委", "某某区人民政府"]
    assert abs(names[0][0].x0 - names[1][0].x0) < 1 and abs(names[0][-1].x1 - names[1][-1].x1) < 1
    suffix = [g for g in red if g.text in "文件"]
    assert all(g.x0 > max(n.x1 for n in red if n not in suffix) for g in suffix)
    # 文件 stands midway between the two rows.
    assert abs(suffix[0].base - sum(rows) / 2) < 3


@pytest.mark.libreoffice
def test_imprint_lines(laid_out):
    std = national()
    el = std.elements
    last = laid_out["formal"][1][-1]
    lines = [r for r in last.rules if not r.red]
    assert len(lines) == 3
    widths = [round(_mm(r.width), 2) for r in lines]
    assert abs(widths[0] - el.imprint_thick_mm) <= 0.03
    assert abs(widths[1] - el.imprint_thin_mm) <= 0.03
    assert abs(widths[2] - el.imprint_thick_mm) <= 0.03
    bottom = std.margins.top_mm + std.text_height_mm
    assert 0 <= bottom - _mm(lines[-1].y) <= 0.6
    # Without 抄送: the thick first and last lines only.
    joint_last = [r for r in laid_out["joint"][1][-1].rules if not r.red]
    assert [round(_mm(r.width), 2) for r in joint_last] == [0.35, 0.35]


def test_pdf_findings_of_nothing():
    assert pdf_findings([], national()) == []


def _page_texts(drawn) -> list[str]:
    return ["".join(g.text for g in page.glyphs) for page in drawn]


@pytest.mark.libreoffice
def test_two_sided_imprint_is_on_an_even_page_and_unnumbered(laid_out):
    # The formal example's body and attachment end on page 4: page 5 is left blank, the 版记
    # stands on page 6; neither is numbered (GB/T 9704 §7.5).
    texts = _page_texts(laid_out["formal"][1])
    assert len(texts) == 6
    assert [("—" in t and "印发" not in t) for t in texts] == [True] * 4 + [False, False]
    assert texts[4] == ""
    assert "印发" in texts[5] and "—" not in texts[5]
    numbers = _by_rule(laid_out["formal"][0])["页码（PDF）"]
    assert numbers.ok and "第5页空白页、第6页版记页不编页码" in numbers.measured
    # Its body ends on page 1: the 版记 takes page 2, with no blank page before it.
    texts = _page_texts(laid_out["odd"][1])
    assert len(texts) == 2 and "印发" in texts[1] and "—" not in texts[1]


@pytest.mark.libreoffice
def test_joint_issuers_signature(laid_out):
    # Unsealed: stacked, the date under the last; sealed: side by side, the last over the date.
    unsealed = _by_rule(laid_out["joint"][0])["署名和成文日期（PDF）"].measured
    assert unsealed.startswith("署名右空 3.0 字，日期首字比署名首字右移 2.0 字")
    sealed = _by_rule(laid_out["sealed"][0])["署名和成文日期（PDF）"].measured
    assert sealed.startswith("加盖印章的格式：日期右空 4.0 字")
