"""What a rendered report says besides its text: nothing left over from python-docx's default
template, every font named (never a theme font), page numbers in 宋体, document properties that
describe the report, no empty runs, and table rows that do not break across a page."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from reportgen.pipeline import load_report, render_report, report_context
from support import EXAMPLE_SOURCES, GOOD_PATH

SOURCES = [*EXAMPLE_SOURCES, GOOD_PATH]  # the known-good report has figures and a ledger
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FONTS = {"Times New Roman", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"}


@pytest.fixture(scope="module", params=SOURCES, ids=lambda p: p.stem)
def package(request) -> dict[str, bytes]:
    report = load_report(request.param)
    with zipfile.ZipFile(io.BytesIO(render_report(report))) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["title"] = report_context(report)["title"].encode()
    return parts


def _xml(package, name):
    return etree.fromstring(package[name])


def test_nothing_left_from_the_default_template(package):
    names = set(package)
    assert not {n for n in names if "stylesWithEffects" in n or n.startswith("customXml/")}
    assert "docProps/thumbnail.jpeg" not in names and "word/numbering.xml" not in names
    types = _xml(package, "[Content_Types].xml")
    overrides = {o.get("PartName").lstrip("/") for o in types.iter() if o.get("PartName")}
    assert overrides <= names, overrides - names
    rels = package["word/_rels/document.xml.rels"].decode()
    assert "stylesWithEffects" not in rels and "customXml" not in rels
    styles = package["word/styles.xml"].decode()
    assert "Calibri" not in styles and "Cambria" not in styles


def test_every_font_is_named_and_none_is_a_theme_font(package):
    styles = _xml(package, "word/styles.xml")
    themed = [
        (f.getparent().getparent().get(f"{W}styleId"), k)
        for f in styles.iter(f"{W}rFonts")
        for k in f.attrib
        if k.endswith("Theme")
    ]
    assert themed == []
    slots = ("ascii", "hAnsi", "eastAsia", "cs")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert all(defaults.get(f"{W}{s}") for s in slots)
    unnamed = [
        s.get(f"{W}styleId")
        for s in styles.iter(f"{W}style")
        if s.get(f"{W}type") in ("paragraph", "character")
        and s.get(f"{W}default") != "1"  # Default Paragraph Font is empty by definition
        and not all(
            (f := s.find(f"{W}rPr/{W}rFonts")) is not None and f.get(f"{W}{slot}") for slot in slots
        )
    ]
    assert unnamed == []
    used = {f.get(f"{W}{s}") for f in styles.iter(f"{W}rFonts") for s in slots} - {None}
    table = {f.get(f"{W}name") for f in _xml(package, "word/fontTable.xml").iter(f"{W}font")}
    assert used == table == FONTS
    theme = _xml(package, "word/theme/theme1.xml")
    typefaces = {e.get("typeface") for e in theme.find(f".//{A}fontScheme").iter()} - {None}
    assert typefaces <= FONTS, typefaces - FONTS
    settings = _xml(package, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    assert settings.find(f"{W}zoom").get(f"{W}percent") == "100"


def test_page_numbers_are_songti_at_full_spacing(package):
    styles = _xml(package, "word/styles.xml")
    footer = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Footer")
    fonts = footer.find(f"{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{s}") for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}
    assert footer.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "0"  # not the body's -0.25 pt
    assert footer.find(f"{W}rPr/{W}sz").get(f"{W}val") == "28"  # 4号, 14 pt


def test_document_properties_describe_the_report(package):
    core = package["docProps/core.xml"].decode()
    assert "python-docx" not in core and "2013" not in core
    assert f"<dc:title>{package['title'].decode()}</dc:title>" in core
    assert "<dc:language>zh-CN</dc:language>" in core
    app = _xml(package, "docProps/app.xml")
    assert app.findtext("{*}Application") == "reportgen"
    assert "Word" not in package["docProps/app.xml"].decode()


def test_no_empty_runs(package):
    document = _xml(package, "word/document.xml")
    empty = [
        etree.tostring(r.getparent(), encoding="unicode")[:120]
        for r in document.iter(f"{W}r")
        if not "".join(t.text or "" for t in r.iter(f"{W}t"))
        and not any(el.tag != f"{W}rPr" and el.tag != f"{W}t" for el in r)
    ]
    assert empty == []


def test_table_rows_do_not_split_and_headers_repeat(package):
    document = _xml(package, "word/document.xml")
    for table in document.iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None


def test_the_widest_values_are_measured_into_the_columns():
    """Column widths come from the text they must hold; a sample too wide for the text block
    is refused rather than squeezed."""
    from reportgen.gbt9704 import GBT9704
    from reportgen.render import templates_build as build

    width = GBT9704.text_width_twips
    # Chinese one em, digits half, a quarter em where they meet, an eighth spare, 2 × 57 margins.
    assert build.one_line_twips("下降0.7个百分点", 14) == 280 * (6 + 1.25 + 2 / 4 + 1 / 8) + 114
    widths = build.column_twips([1, "2026年12月31日", 2], 12, width)
    assert sum(widths) == width
    assert widths[1] == build.one_line_twips("2026年12月31日", 12)
    assert widths[2] == 2 * widths[0] or widths[2] == 2 * widths[0] + 1
    with pytest.raises(ValueError):
        build.column_twips(["字" * 30, 1], 16, width)
