"""Build the shipped docxtpl templates (templates/*.docx) with GB/T 9704-2012 styles.

The .docx files are the product: an office can open them in Word and restyle them. This script is
how we make them reproducibly; run it after changing the layout:

    uv run python tools/build_templates.py

Every number of the standard (page, margins, line pitch, fonts, sizes, character spacing, page
number) comes from ``reportgen.gbt9704.GBT9704``; what is set here is how a .docx expresses them,
and the house's own choices (table cell padding, ledger column widths).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from reportgen.gbt9704 import GBT9704, Face
from reportgen.render.ooxml_order import reorder

ROOT = Path(__file__).resolve().parents[1]

STD = GBT9704
FACES = STD.faces
LINE_TWIPS = STD.line_pitch_twips  # 225 mm / 22 lines, rounded down to whole twips
SINGLE = 240  # single line spacing, in 240ths of a line
# An indent "in characters" is written twice: in hundredths of a character (Word and WPS) and in
# twips (LibreOffice reads only these).
CHARS = 100


def _set(el, tag: str, **attrs) -> OxmlElement:
    """Get or create child ``tag`` of ``el`` and set its w: attributes."""
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        el.append(child)
    for k, v in attrs.items():
        child.set(qn(f"w:{k}"), str(v))
    return child


def _fonts(rpr, east_asia: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        rpr.remove(rfonts)
    rfonts = OxmlElement("w:rFonts")
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), FACES.latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")
    rpr.insert(0, rfonts)


def _east_asian_runs(body) -> None:
    """Every run of the template says its ambiguous characters are Chinese, as Word does for text
    typed with a Chinese input method: without it Word sets “ ” ‘ ’ … — in Times New Roman, narrow
    and out of place in Chinese text. (Word reads the hint on runs; styles carry it as well.)"""
    for r in body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            r.insert(0, rpr)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)  # reorder() puts it in its place
        fonts.set(qn("w:hint"), "eastAsia")


def _clean_rpr(rpr) -> None:
    for tag in (
        "w:color",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:sz",
        "w:szCs",
        "w:spacing",
        "w:kern",
        "w:lang",
    ):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)


def style_run(style, face: Face, *, bold: bool = False, on_grid: bool = True) -> None:
    """Font, size and colour of ``style``; text ``on_grid`` is spaced so that a line holds the
    standard's characters per line (28 of the body's 16 pt, set 0.25 pt tighter)."""
    rpr = style.element.get_or_add_rPr()
    _clean_rpr(rpr)
    _fonts(rpr, face.font)
    if bold:
        _set(rpr, "w:b")
        _set(rpr, "w:bCs")
    else:
        _set(rpr, "w:b", val="0")
        _set(rpr, "w:bCs", val="0")
    _set(rpr, "w:color", val="000000")
    spacing = STD.char_spacing(face.size_pt) if on_grid else 0
    if spacing:
        _set(rpr, "w:spacing", val=spacing)
    _set(rpr, "w:sz", val=face.half_points)
    _set(rpr, "w:szCs", val=face.half_points)


def style_para(
    style,
    *,
    align: str = "both",
    first_chars: int = STD.grid.indent_chars * CHARS,
    line: int | None = LINE_TWIPS,
    line_rule: str = "exact",
    before: int = 0,
    after: int = 0,
    keep_next: bool = False,
    outline: int | None = None,
) -> None:
    ppr = style.element.get_or_add_pPr()
    for tag in (
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:keepNext",
        "w:keepLines",
        "w:outlineLvl",
        "w:pBdr",
        "w:contextualSpacing",
        "w:numPr",
    ):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    if keep_next:
        _set(ppr, "w:keepNext")
    spacing = {"before": before, "after": after, "beforeLines": 0, "afterLines": 0}
    if line:
        spacing.update(line=line, lineRule=line_rule)
    _set(ppr, "w:spacing", **spacing)
    ind = {
        "firstLineChars": first_chars,
        "firstLine": STD.indent_twips(first_chars / CHARS) if first_chars else 0,
    }
    _set(ppr, "w:ind", **ind)
    _set(ppr, "w:jc", val=align)
    if outline is not None:
        _set(ppr, "w:outlineLvl", val=outline)
    # Chinese layout: no Latin kerning tricks, snap to grid so 22 lines hold.
    _set(ppr, "w:snapToGrid", val="0")
    # Said explicitly, though it is Word's own default for Chinese (a closing mark may hang past the
    # line end): LibreOffice imports overflowPunct inverted and, when it hangs a mark at the end of
    # a justified line, does not draw it, so its PDF lost a "，" or "。" every page or so.
    _set(ppr, "w:overflowPunct", val="1")


def paragraph_style(doc, name: str, *, base: str | None = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.quick_style = True
    # Theme fonts on built-in styles would override the explicit fonts we set.
    return style


def character_style(doc, name: str):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.quick_style = True
        return style


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    style_run(normal, FACES.body)
    style_para(normal)
    # docDefaults carry theme fonts in some Word versions; pin them to the body fonts.
    rpr_default = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    _clean_rpr(rpr_default)
    _fonts(rpr_default, FACES.body.font)
    _set(rpr_default, "w:sz", val=FACES.body.half_points)
    _set(rpr_default, "w:lang", val="en-US", eastAsia="zh-CN")

    title = paragraph_style(doc, "公文标题")
    style_run(title, FACES.title, on_grid=False)
    style_para(title, align="center", first_chars=0, line=LINE_TWIPS)

    for level, face in enumerate((FACES.h1, FACES.h2, FACES.h3, FACES.h4), 1):
        h = paragraph_style(doc, f"Heading {level}")
        style_run(h, face)
        style_para(h, keep_next=True, outline=level - 1 if level <= 2 else None)
        h.next_paragraph_style = normal

    body_run = character_style(doc, "正文字符")
    style_run(body_run, FACES.body)
    lead = character_style(doc, "首句")
    style_run(lead, FACES.body, bold=True)

    # "附件：1. 名称" starts two characters in; "2. 名称" and wrapped lines align under "1.", after
    # "附件：".
    label = len("附件：")
    left = STD.grid.indent_chars + label
    for name, hanging in (("附件说明", label), ("附件说明续", 0)):
        attach = paragraph_style(doc, name)
        style_run(attach, FACES.body)
        style_para(attach, align="left", first_chars=0, keep_next=True)
        ind = attach.element.pPr.find(qn("w:ind"))
        for attr in ("firstLineChars", "firstLine"):
            ind.attrib.pop(qn(f"w:{attr}"), None)
        ind.set(qn("w:leftChars"), str(left * CHARS))
        ind.set(qn("w:left"), str(STD.indent_twips(left)))
        if hanging:
            ind.set(qn("w:hangingChars"), str(hanging * CHARS))
            ind.set(qn("w:hanging"), str(STD.indent_twips(hanging)))

    # Signature and date are placed by the full-width spaces the context puts before them
    # (signature.issuer_pad / date_pad), counted in characters with digits as half: no extra
    # space between digits and Chinese, or the date would not start two characters right of the
    # signature's first character.
    sign = paragraph_style(doc, "署名")
    style_run(sign, FACES.body)
    style_para(sign, align="left", first_chars=0, keep_next=True)
    date = paragraph_style(doc, "成文日期")
    style_run(date, FACES.body)
    style_para(date, align="left", first_chars=0)
    for style in (sign, date):
        _set(style.element.pPr, "w:autoSpaceDE", val="0")
        _set(style.element.pPr, "w:autoSpaceDN", val="0")

    table_text = paragraph_style(doc, "表格文字")
    style_run(table_text, FACES.table, on_grid=False)
    # Single spacing: the body's exact 28.95 pt pitch would set every cell line double-spaced.
    style_para(
        table_text,
        align="center",
        first_chars=0,
        line=SINGLE,
        line_rule="auto",
        before=40,
        after=40,
    )

    ledger_text = paragraph_style(doc, "台账文字")
    style_run(ledger_text, FACES.ledger, on_grid=False)
    style_para(
        ledger_text,
        align="center",
        first_chars=0,
        line=SINGLE,
        line_rule="auto",
        before=40,
        after=40,
    )
    # No extra space between digits and Chinese in Word; LibreOffice adds it anyway, which the
    # deadline column leaves room for.
    _set(ledger_text.element.pPr, "w:autoSpaceDE", val="0")
    _set(ledger_text.element.pPr, "w:autoSpaceDN", val="0")

    label = paragraph_style(doc, "附件标签")
    style_run(label, FACES.attachment)
    style_para(label, align="left", first_chars=0)

    footer = doc.styles["Footer"]
    style_run(footer, STD.page_number.face, on_grid=False)
    style_para(footer, first_chars=0, line=None)


def page_setup(doc) -> None:
    s = doc.sections[0]
    page, margins = STD.page, STD.margins
    s.page_width, s.page_height = Mm(page.width_mm), Mm(page.height_mm)
    s.top_margin, s.bottom_margin = Mm(margins.top_mm), Mm(margins.bottom_mm)
    s.left_margin, s.right_margin = Mm(margins.left_mm), Mm(margins.right_mm)
    s.header_distance, s.footer_distance = Mm(page.header_mm), Mm(STD.page_number.footer_mm)
    sect = s._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    s.different_first_page_header_footer = False
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(s.footer, WD_ALIGN_PARAGRAPH.RIGHT, right=True)
    _page_number(s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, right=False)


def _page_number(footer, align, *, right: bool) -> None:
    p = footer.paragraphs[0]
    p.style = footer.part.document.styles["Footer"] if hasattr(footer.part, "document") else p.style
    p.alignment = align
    spec = STD.page_number
    indent = STD.indent_twips(spec.indent_chars, spec.face)  # one 14 pt character
    _set(p._p.get_or_add_pPr(), "w:ind", **({"right": indent} if right else {"left": indent}))
    p.add_run(spec.before)
    run = p.add_run()
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    p.add_run(spec.after)


def tag(doc, text: str, style: str = "Normal"):
    """A paragraph holding only a docxtpl {%p %} tag: it disappears on rendering."""
    return doc.add_paragraph(text, style=style)


def keep_variants(doc, make) -> None:
    """The paragraph ``make`` adds, twice: keeping with the next one when the context marks the
    block ``keep`` (a heading standing alone, the short last paragraph before the signature), and
    not otherwise. Two fixed paragraphs rather than a computed keepNext value, so that the template
    stays a file Word opens."""
    tag(doc, "{%p if b.keep %}")
    _set(make()._p.get_or_add_pPr(), "w:keepNext")
    tag(doc, "{%p else %}")
    _set(make()._p.get_or_add_pPr(), "w:keepNext", val="0")
    tag(doc, "{%p endif %}")


def heading_block(doc, level: int, lead_style: str | None) -> None:
    def make():
        p = doc.add_paragraph(style=f"Heading {level}")
        r = p.add_run("{{ b.number }}{{ b.title }}")
        if lead_style:
            r.style = doc.styles[lead_style]
        r2 = p.add_run("{{ b.text }}")
        r2.style = doc.styles["正文字符"]
        return p

    keep_variants(doc, make)


def _cell(cell, text: str, doc, *, bold: bool = False, style: str = "表格文字") -> None:
    p = cell.paragraphs[0]
    p.style = doc.styles[style]
    r = p.add_run(text)
    r.bold = bold or None


TEXT_WIDTH_TWIPS = STD.text_width_twips


def table_block(
    doc,
    header_expr: list[str],
    row_var: str,
    rows_expr: str,
    cells: list[str],
    widths: list[int],
    style: str = "表格文字",
):
    """A table filling the text block; ``widths`` are the columns' relative widths."""
    table = doc.add_table(rows=3, cols=len(cells))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=TEXT_WIDTH_TWIPS, type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    # Narrow cell margins: a ledger has seven columns in 156 mm.
    mar = _set(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _set(mar, f"w:{side}", w=57, type="dxa")
    twips = [TEXT_WIDTH_TWIPS * w // sum(widths) for w in widths]
    twips[-1] += TEXT_WIDTH_TWIPS - sum(twips)
    for col, gc in zip(twips, table._tbl.tblGrid.findall(qn("w:gridCol"))):
        gc.set(qn("w:w"), str(col))
    for row in table.rows:
        for col, cell in zip(twips, row.cells):
            _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=col, type="dxa")
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
    for i, h in enumerate(header_expr):
        _cell(table.rows[0].cells[i], h, doc, bold=True, style=style)
    _cell(table.rows[1].cells[0], f"{{%tr for {row_var} in {rows_expr} %}}", doc, style=style)
    for i, c in enumerate(cells):
        _cell(table.rows[2].cells[i], f"{{{{ {row_var}.{c} }}}}", doc, style=style)
    end = table.add_row()
    _cell(end.cells[0], "{%tr endfor %}", doc, style=style)
    for col, cell in zip(twips, end.cells):
        _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=col, type="dxa")
    # header repeats on each page
    trpr = table.rows[0]._tr.get_or_add_trPr()
    _set(trpr, "w:tblHeader")
    return table


def build(kind: str) -> bytes:
    doc = Document()
    define_styles(doc)
    page_setup(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    tag(doc, "{%p for line in title_lines %}", "公文标题")
    doc.add_paragraph("{{ line }}", style="公文标题")
    tag(doc, "{%p endfor %}", "公文标题")
    doc.add_paragraph("", style="Normal").paragraph_format.first_line_indent = 0
    tag(doc, "{%p for para in opening %}")
    doc.add_paragraph("{{ para }}", style="Normal")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for b in blocks %}")
    tag(doc, '{%p if b.kind == "h1" %}')
    heading_block(doc, 1, None)
    tag(doc, '{%p elif b.kind == "h2" %}')
    heading_block(doc, 2, None)
    tag(doc, '{%p elif b.kind == "h3" %}')
    heading_block(doc, 3, "首句")
    tag(doc, '{%p elif b.kind == "h4" %}')
    heading_block(doc, 4, "首句")
    tag(doc, '{%p elif b.kind == "p" %}')
    keep_variants(doc, lambda: doc.add_paragraph("{{ b.text }}", style="Normal"))
    tag(doc, '{%p elif b.kind == "figures" %}')
    table_block(
        doc,
        ["{{ b.header[0] }}", "{{ b.header[1] }}", "{{ b.header[2] }}", "{{ b.header[3] }}"],
        "r",
        "b.rows",
        ["name", "value", "previous", "change"],
        [7, 5, 5, 4],
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if attachments %}")
    _blank(doc)
    tag(doc, "{%p for line in attachments %}", "附件说明")
    tag(doc, "{%p if loop.first %}", "附件说明")
    doc.add_paragraph("{{ line }}", style="附件说明")
    tag(doc, "{%p else %}", "附件说明")
    doc.add_paragraph("{{ line }}", style="附件说明续")
    tag(doc, "{%p endif %}", "附件说明")
    tag(doc, "{%p endfor %}", "附件说明")
    tag(doc, "{%p endif %}")
    _blank(doc)
    doc.add_paragraph("{{ signature.issuer_pad }}{{ issuer }}", style="署名")
    doc.add_paragraph("{{ signature.date_pad }}{{ date }}", style="成文日期")
    if kind == "rectification":
        tag(doc, "{%p if ledger %}")
        p = doc.add_paragraph("附件", style="附件标签")
        p.paragraph_format.page_break_before = True
        _blank(doc)  # GB/T 9704 §8: 附件 on the first line, its title centred on the third
        doc.add_paragraph("{{ ledger.title }}", style="公文标题")
        table_block(
            doc,
            [f"{{{{ ledger.header[{i}] }}}}" for i in range(7)],
            "r",
            "ledger.rows",
            ["number", "problem", "measure", "unit", "person", "deadline", "status"],
            # In characters of 12 pt plus the cell margins: 序号, 责任单位, 责任人, 完成情况 and
            # a date such as 2021年12月 stay on one line; problem and measure share the rest.
            [714, 1560, 1968, 1074, 834, 1620, 1074],
            style="台账文字",
        )
        tag(doc, "{%p endif %}")

    buf = io.BytesIO()
    doc.core_properties.author = "reportgen"
    doc.core_properties.title = ""
    _east_asian_runs(doc.element.body)
    for part in doc.part.package.iter_parts():
        if isinstance(part, XmlPart):
            reorder(part.element)
    doc.save(buf)
    return _fixed_times(buf.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so a rebuild changes the file only when the
    template changes (python-docx stamps entries with the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _blank(doc) -> None:
    """An empty line that stays with what follows it."""
    p = doc.add_paragraph("", style="Normal")
    p.paragraph_format.keep_with_next = True


def main() -> int:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    for kind in ("self_assessment", "rectification"):
        (out / f"{kind}.docx").write_bytes(build(kind))
        print(f"wrote templates/{kind}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
