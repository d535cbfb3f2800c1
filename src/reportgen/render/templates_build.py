"""The docxtpl templates, built from a layout profile: :func:`build` gives a template's bytes.

The .docx files are the product: an office can open them in Word and restyle them. The shipped
templates (templates/*.docx) are these built from the national profile, written by
``uv run python tools/build_templates.py`` after a change of layout (a test checks they are
fresh); rendering with another profile builds its templates here, once per process
(render/docx.py).

Every number (page, margins, line pitch, fonts, sizes, character spacing, page number) comes from
the :class:`~reportgen.gbt9704.Standard` passed in; what is set here is how a .docx expresses
them, and the house's own choices (table cell padding, ledger column widths).
"""

from __future__ import annotations

import copy
import io
import itertools
import math
import unicodedata
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml import etree

from ..gbt9704 import MM_PER_PT, Face, Standard, national, twips
from .elements import (
    MARK_GRID,
    MARK_SCALES,
    border_eighths,
    imprint_space_twips,
    mark_space_twips,
)
from .ooxml_order import reorder
from .table import GRID

__all__ = ["KINDS", "build"]
SINGLE = 240  # single line spacing, in 240ths of a line
# An indent "in characters" is written twice: in hundredths of a character (Word and WPS) and in
# twips (LibreOffice reads only these).
CHARS = 100


def _set(el, tag: str, **attrs) -> BaseOxmlElement:
    """Get or create child ``tag`` of ``el`` and set its w: attributes."""
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        el.append(child)
    for k, v in attrs.items():
        child.set(qn(f"w:{k}"), str(v))
    return child


def _fonts(rpr, east_asia: str, latin: str) -> None:
    """Explicit fonts for all four slots (never a theme font: WPS reports theme fonts missing)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        rpr.remove(rfonts)
    rfonts = OxmlElement("w:rFonts")
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), latin)
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


def style_run(
    style,
    face: Face,
    std: Standard,
    *,
    bold: bool = False,
    on_grid: bool = True,
    latin: str | None = None,
) -> None:
    """Font, size and colour of ``style``; text ``on_grid`` is spaced so that a line holds the
    standard's characters per line (28 of the body's 16 pt, set 0.25 pt tighter), other text at
    its natural spacing, said explicitly (a style based on Normal would inherit the tightening).
    ``latin`` is the font of digits and Latin letters (the standard's by default)."""
    rpr = style.element.get_or_add_rPr()
    _clean_rpr(rpr)
    _fonts(rpr, face.font, latin or std.faces.latin)
    if bold:
        _set(rpr, "w:b")
        _set(rpr, "w:bCs")
    else:
        _set(rpr, "w:b", val="0")
        _set(rpr, "w:bCs", val="0")
    _set(rpr, "w:color", val="000000")
    _set(rpr, "w:spacing", val=std.char_spacing(face.size_pt) if on_grid else 0)
    _set(rpr, "w:sz", val=face.half_points)
    _set(rpr, "w:szCs", val=face.half_points)


def style_para(
    style,
    std: Standard,
    *,
    align: str = "both",
    first_chars: int | None = None,
    line: int | str | None = "pitch",
    line_rule: str = "exact",
    before: int = 0,
    after: int = 0,
    keep_next: bool = False,
    outline: int | None = None,
) -> None:
    """Spacing, indent and alignment of ``style``: by default the standard's first-line indent and
    its line pitch (``line="pitch"``); ``line=None`` leaves the line spacing unsaid."""
    if first_chars is None:
        first_chars = std.grid.indent_chars * CHARS
    if line == "pitch":
        line = std.line_pitch_twips
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
    spacing: dict[str, int | str] = {
        "before": before,
        "after": after,
        "beforeLines": 0,
        "afterLines": 0,
    }
    if line:
        spacing.update(line=line, lineRule=line_rule)
    _set(ppr, "w:spacing", **spacing)
    ind = {
        "firstLineChars": first_chars,
        "firstLine": std.indent_twips(first_chars / CHARS) if first_chars else 0,
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


def define_styles(doc, std: Standard) -> None:
    faces = std.faces
    normal = doc.styles["Normal"]
    style_run(normal, faces.body, std)
    style_para(normal, std)
    # docDefaults carry theme fonts in some Word versions; pin them to the body fonts.
    rpr_default = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    _clean_rpr(rpr_default)
    _fonts(rpr_default, faces.body.font, faces.latin)
    _set(rpr_default, "w:sz", val=faces.body.half_points)
    _set(rpr_default, "w:lang", val="en-US", eastAsia="zh-CN")

    title = paragraph_style(doc, "公文标题")
    style_run(title, faces.title, std, on_grid=False)
    style_para(title, std, align="center", first_chars=0, line="pitch")

    for level, face in enumerate((faces.h1, faces.h2, faces.h3, faces.h4), 1):
        h = paragraph_style(doc, f"Heading {level}")
        style_run(h, face, std)
        style_para(h, std, keep_next=True, outline=level - 1 if level <= 2 else None)
        h.next_paragraph_style = normal

    body_run = character_style(doc, "正文字符")
    style_run(body_run, faces.body, std)
    lead = character_style(doc, "首句")
    style_run(lead, faces.body, std, bold=True)

    # "附件：1. 名称" starts two characters in; "2. 名称" and wrapped lines align under "1.", after
    # "附件：".
    label = len("附件：")
    left = std.grid.indent_chars + label
    for name, hanging in (("附件说明", label), ("附件说明续", 0)):
        attach = paragraph_style(doc, name)
        style_run(attach, faces.body, std)
        style_para(attach, std, align="left", first_chars=0, keep_next=True)
        ind = attach.element.pPr.find(qn("w:ind"))
        for attr in ("firstLineChars", "firstLine"):
            ind.attrib.pop(qn(f"w:{attr}"), None)
        ind.set(qn("w:leftChars"), str(left * CHARS))
        ind.set(qn("w:left"), str(std.indent_twips(left)))
        if hanging:
            ind.set(qn("w:hangingChars"), str(hanging * CHARS))
            ind.set(qn("w:hanging"), str(std.indent_twips(hanging)))

    # Signature and date are placed by the full-width spaces the context puts before them
    # (signature.issuer_pad / date_pad), counted in characters with digits as half: no extra
    # space between digits and Chinese, or the date would not start two characters right of the
    # signature's first character.
    sign = paragraph_style(doc, "署名")
    style_run(sign, faces.body, std)
    style_para(sign, std, align="left", first_chars=0, keep_next=True)
    date = paragraph_style(doc, "成文日期")
    style_run(date, faces.body, std)
    style_para(date, std, align="left", first_chars=0)
    for style in (sign, date):
        _set(style.element.pPr, "w:autoSpaceDE", val="0")
        _set(style.element.pPr, "w:autoSpaceDN", val="0")

    table_text = paragraph_style(doc, "表格文字")
    style_run(table_text, faces.table, std, on_grid=False)
    # Single spacing: the body's exact 28.95 pt pitch would set every cell line double-spaced.
    style_para(
        table_text,
        std,
        align="center",
        first_chars=0,
        line=SINGLE,
        line_rule="auto",
        before=40,
        after=40,
    )

    ledger_text = paragraph_style(doc, "台账文字")
    style_run(ledger_text, faces.ledger, std, on_grid=False)
    style_para(
        ledger_text,
        std,
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
    style_run(label, faces.attachment, std)
    style_para(label, std, align="left", first_chars=0)

    # GB/T 9704 §7.5: page numbers in 4号半角宋体阿拉伯数字, so 宋体 for the digits (the Latin
    # slots) too.
    footer = doc.styles["Footer"]
    number = std.page_number.face
    style_run(footer, number, std, on_grid=False, latin=number.font)
    style_para(footer, std, first_chars=0, line=None)


def page_setup(doc, std: Standard) -> None:
    s = doc.sections[0]
    page, margins = std.page, std.margins
    s.page_width, s.page_height = Mm(page.width_mm), Mm(page.height_mm)
    s.top_margin, s.bottom_margin = Mm(margins.top_mm), Mm(margins.bottom_mm)
    s.left_margin, s.right_margin = Mm(margins.left_mm), Mm(margins.right_mm)
    s.header_distance, s.footer_distance = Mm(page.header_mm), Mm(std.page_number.footer_mm)
    sect = s._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(std.line_pitch_twips))
    s.different_first_page_header_footer = False
    doc.settings.odd_and_even_pages_header_footer = True
    if std.page_number.position == "centre":
        _page_number(s.footer, WD_ALIGN_PARAGRAPH.CENTER, std, right=None)
        _page_number(s.even_page_footer, WD_ALIGN_PARAGRAPH.CENTER, std, right=None)
    else:
        _page_number(s.footer, WD_ALIGN_PARAGRAPH.RIGHT, std, right=True)
        _page_number(s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, std, right=False)


def _page_number(footer, align, std: Standard, *, right: bool | None) -> None:
    """The page number in ``footer``, aligned ``align``, indented on the ``right`` or left side
    (neither where it is centred)."""
    p = footer.paragraphs[0]
    p.style = footer.part.document.styles["Footer"] if hasattr(footer.part, "document") else p.style
    p.alignment = align
    spec = std.page_number
    if right is not None:
        indent = std.indent_twips(spec.indent_chars, spec.face)  # one 14 pt character
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
        # The run-in text's run is there only when there is text: the if opens inside the title's
        # run and closes inside the text's, so a heading standing alone ends with its title rather
        # than an empty run (docxtpl's {%r %} tags would leave two empty runs of their own).
        r = p.add_run("{{ b.number }}{{ b.title }}{% if b.text %}")
        if lead_style:
            r.style = doc.styles[lead_style]
        p.add_run("{{ b.text }}{% endif %}").style = doc.styles["正文字符"]
        return p

    keep_variants(doc, make)


def lead_block(doc) -> None:
    """An unnumbered lead: its sentence bold, the text run in after it (its run only when there
    is text, as in heading_block)."""

    def make():
        p = doc.add_paragraph(style="Normal")
        p.add_run("{{ b.lead }}{% if b.text %}").style = doc.styles["首句"]
        p.add_run("{{ b.text }}{% endif %}").style = doc.styles["正文字符"]
        return p

    keep_variants(doc, make)


def _cell(cell, text: str, doc, *, bold: bool = False, style: str = "表格文字") -> None:
    p = cell.paragraphs[0]
    p.style = doc.styles[style]
    r = p.add_run(text)
    r.bold = bold or None


CELL_MARGIN_TWIPS = 57  # 1 mm each side: a ledger has seven columns in 156 mm


# Advances in Times New Roman, in ems, of the Latin characters a table cell holds most (digits
# are half an em); other lowercase letters are taken as half an em, capitals as 0.72.
_LATIN_EM = {".": 0.25, ",": 0.25, ":": 0.278, "%": 0.833, "-": 0.333, " ": 0.25}


def one_line_twips(sample: str, size_pt: float) -> int:
    """The column width that holds ``sample`` on one line at ``size_pt``: Chinese characters one
    em, Latin ones their Times New Roman advance, a quarter em where Chinese meets Latin
    (LibreOffice spaces them apart even where autoSpaceDE is off), the cell margins, and an
    eighth of an em to spare for the difference between renderers."""
    wide = [unicodedata.east_asian_width(c) in "WF" for c in sample]
    ems = sum(
        1 if w else _LATIN_EM.get(c, 0.72 if c.isupper() else 0.5)
        for c, w in zip(sample, wide, strict=True)
    )
    gaps = sum(a != b for a, b in itertools.pairwise(wide))
    return math.ceil(size_pt * 20 * (ems + gaps / 4 + 1 / 8) + 2 * CELL_MARGIN_TWIPS)


def column_twips(columns: list[str | int], size_pt: float, width: int) -> list[int]:
    """Column widths across the text block: a string is a sample the column must hold on one
    line; the numbers share what is left, in proportion."""
    fixed = {i: one_line_twips(c, size_pt) for i, c in enumerate(columns) if isinstance(c, str)}
    shares = {i: c for i, c in enumerate(columns) if not isinstance(c, str)}
    rest = width - sum(fixed.values())
    if rest < 0 or (shares and rest < len(shares) * one_line_twips("字字字", size_pt)):
        raise ValueError(f"columns {columns} do not fit the text block at {size_pt} pt")
    out = {**fixed, **{i: rest * n // sum(shares.values()) for i, n in shares.items()}}
    twips = [out[i] for i in range(len(columns))]
    twips[max(shares or fixed)] += width - sum(twips)
    return twips


def table_block(
    doc,
    header_expr: list[str],
    row_var: str,
    rows_expr: str,
    cells: list[str],
    columns: list[str | int],
    std: Standard,
    *,
    size_pt: float | None = None,
    style: str = "表格文字",
):
    """A table filling the text block; ``columns`` as :func:`column_twips` takes them. No row
    breaks across a page (a row split as "下降0.7个百" / "分点" reads as two rows), and the
    header row keeps with the first row and repeats at the top of every page the table runs
    onto."""
    table = doc.add_table(rows=3, cols=len(cells))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=std.text_width_twips, type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    mar = _set(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _set(mar, f"w:{side}", w=CELL_MARGIN_TWIPS, type="dxa")
    twips = column_twips(columns, size_pt or std.faces.table.size_pt, std.text_width_twips)
    for col, gc in zip(twips, table._tbl.tblGrid.findall(qn("w:gridCol")), strict=True):
        gc.set(qn("w:w"), str(col))
    for row in table.rows:
        for col, cell in zip(twips, row.cells, strict=True):
            _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=col, type="dxa")
            _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
    for i, h in enumerate(header_expr):
        _cell(table.rows[0].cells[i], h, doc, bold=True, style=style)
        # The header row keeps with the first row: never alone at a page's foot.
        _set(table.rows[0].cells[i].paragraphs[0]._p.get_or_add_pPr(), "w:keepNext")
    _cell(table.rows[1].cells[0], f"{{%tr for {row_var} in {rows_expr} %}}", doc, style=style)
    for i, c in enumerate(cells):
        _cell(table.rows[2].cells[i], f"{{{{ {row_var}.{c} }}}}", doc, style=style)
    end = table.add_row()
    _cell(end.cells[0], "{%tr endfor %}", doc, style=style)
    for col, cell in zip(twips, end.cells, strict=True):
        _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=col, type="dxa")
    # Every row, the looped one included (docxtpl copies its trPr to each rendered row).
    for row in table.rows:
        _set(row._tr.get_or_add_trPr(), "w:cantSplit")
    _set(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    return table


def _direct_fonts(run, face: Face, latin: str) -> None:
    """A run set in ``face``'s font by direct formatting (the 表题 has no style of its own: a new
    style would change styles.xml, and so every report's bytes)."""
    rpr = run._r.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attr}"), latin)
    fonts.set(qn("w:eastAsia"), face.font)
    rpr.append(fonts)


def _para_props(p, *, align: str, keep_next: bool = False) -> None:
    ppr = p._p.get_or_add_pPr()
    if keep_next:
        _set(ppr, "w:keepNext")
    _set(ppr, "w:ind", firstLineChars=0, firstLine=0)
    _set(ppr, "w:jc", val=align)


def _tag_cell(tc, text: str, doc) -> None:
    """A cell holding only a docxtpl {%tc %} or {%tr %} tag: it disappears on rendering."""
    p = OxmlElement("w:p")
    tc.append(p)
    para = Paragraph(p, doc._body)
    para.style = doc.styles["表格文字"]
    para.add_run(text)


def _tc(variant: dict, doc):
    """One cell of the table template: spans ``{{ c.span }}`` grid columns (docxtpl's colspan),
    merged vertically as ``vmerge`` says, its text aligned ``align``, its paragraphs kept with the
    next row's when ``keep``. A cell that may be empty
    (``maybe_empty``) has two paragraphs, one chosen by ``{%p if %}``: its text's, or one with no
    run at all (a run with no text in it is an empty run Word keeps)."""
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    tc.append(pr)
    if variant.get("vmerge") is not None:
        vm = OxmlElement("w:vMerge")
        if variant["vmerge"]:
            vm.set(qn("w:val"), variant["vmerge"])
        pr.append(vm)
    _set(pr, "w:vAlign", val="center")

    def paragraph(text: str | None, *, bold: bool = False) -> None:
        p = OxmlElement("w:p")
        tc.append(p)
        para = Paragraph(p, doc._body)
        para.style = doc.styles["表格文字"]
        if variant.get("keep"):
            _set(para._p.get_or_add_pPr(), "w:keepNext")
        if variant.get("align", "center") != "center":
            _set(para._p.get_or_add_pPr(), "w:jc", val=variant["align"])
        if text is not None:
            para.add_run(text).bold = bold or None

    span = "{% colspan " + variant["cell"] + ".span %}"
    text = variant["text"]
    if not variant.get("maybe_empty"):
        paragraph(span + text, bold=variant.get("bold", False))  # an empty run is dropped
        return tc
    paragraph(span + "{%p if " + variant["cell"] + ".text %}")
    paragraph(text)
    paragraph("{%p else %}")
    paragraph(None)
    paragraph("{%p endif %}")
    return tc


def general_table(doc, std: Standard) -> None:
    """A table with any columns (render/table.py): its title and unit line above it, kept with it;
    the header row keeps with the first row and repeats on every page; no row splits across pages
    but one taller than a page (``whole`` false); a row marked ``keep`` (a merged group's,
    render/table.py) keeps with the next. The grid has
    :data:`GRID` equal columns, each cell spans as many as the context says."""
    tag(doc, "{%p if b.title %}")
    title = doc.add_paragraph(style="Normal")
    _para_props(title, align="center", keep_next=True)
    _direct_fonts(title.add_run("{{ b.title }}"), std.faces.h1, std.faces.latin)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if b.unit %}")
    unit = doc.add_paragraph("{{ b.unit }}", style="表格文字")
    _para_props(unit, align="right", keep_next=True)
    tag(doc, "{%p endif %}")

    table = doc.add_table(rows=0, cols=GRID)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    _set(tbl_pr, "w:tblW", w=std.text_width_twips, type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    mar = _set(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _set(mar, f"w:{side}", w=CELL_MARGIN_TWIPS, type="dxa")
    grid = tbl.tblGrid
    width = [std.text_width_twips // GRID] * GRID
    width[-1] += std.text_width_twips - sum(width)
    for gc, w in zip(grid.findall(qn("w:gridCol")), width, strict=True):
        gc.set(qn("w:w"), str(w))

    def row(*, header: bool = False, cant_split: bool = False):
        tr = OxmlElement("w:tr")
        if header or cant_split:
            trpr = OxmlElement("w:trPr")
            if cant_split:
                trpr.append(OxmlElement("w:cantSplit"))
            if header:
                trpr.append(OxmlElement("w:tblHeader"))
            tr.append(trpr)
        tbl.append(tr)
        return tr

    def tag_cell(tr, text: str) -> None:
        tc = OxmlElement("w:tc")
        tr.append(tc)
        _tag_cell(tc, text, doc)

    head = row(header=True, cant_split=True)
    tag_cell(head, "{%tc for h in b.header %}")
    head.append(_tc({"cell": "h", "text": "{{ h.text }}", "bold": True, "keep": True}, doc))
    tag_cell(head, "{%tc endfor %}")

    def body_row(cant_split: bool) -> None:
        body = row(cant_split=cant_split)
        tag_cell(body, "{%tc for c in r %}")
        # Each cell as it merges and aligns, kept with the next row's (a merged group's rows but its
        # last, render/table.py) or not.
        forms = [
            ('c.merge == "continue"', {"vmerge": "", "text": ""}),
            ('c.merge == "restart" and c.align == "left"', {"vmerge": "restart", "align": "left"}),
            ('c.merge == "restart"', {"vmerge": "restart"}),
            ('c.align == "left"', {"align": "left"}),
            ("", {}),
        ]
        variants = [
            (" and ".join(filter(None, [keep, test])), {**variant, "keep": keep == "c.keep"})
            for keep in ("c.keep", "")
            for test, variant in forms
        ]
        for n, (condition, variant) in enumerate(variants):
            if n == 0:
                tag_cell(body, "{%tc if " + condition + " %}")
            elif condition:
                tag_cell(body, "{%tc elif " + condition + " %}")
            else:
                tag_cell(body, "{%tc else %}")
            body.append(
                _tc(
                    {
                        "cell": "c",
                        "text": "{{ c.text }}",
                        "maybe_empty": bool(variant.get("text") is None),
                        **variant,
                    },
                    doc,
                )
            )
        tag_cell(body, "{%tc endif %}")
        tag_cell(body, "{%tc endfor %}")

    # A row no taller than a page never splits; a taller one must (Word would cut it off at the
    # page's foot): render/table.py marks which is which, on its first cell.
    tag_cell(row(), "{%tr for r in b.rows %}")
    tag_cell(row(), "{%tr if r[0].whole %}")
    body_row(True)
    tag_cell(row(), "{%tr else %}")
    body_row(False)
    tag_cell(row(), "{%tr endif %}")
    tag_cell(row(), "{%tr endfor %}")


def body_blocks(doc, std: Standard, items: str) -> None:
    """The loop over a body's blocks (``items``: the document's ``blocks`` or an attachment's),
    one branch per block kind; every body goes through these same branches."""
    tag(doc, f"{{%p for b in {items} %}}")
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
    tag(doc, '{%p elif b.kind == "lead" %}')
    lead_block(doc)
    tag(doc, '{%p elif b.kind == "table" %}')
    general_table(doc, std)
    tag(doc, '{%p elif b.kind == "figures" %}')
    table_block(
        doc,
        ["{{ b.header[0] }}", "{{ b.header[1] }}", "{{ b.header[2] }}", "{{ b.header[3] }}"],
        "r",
        "b.rows",
        ["name", "value", "previous", "change"],
        # A value of six digits with decimals and a two-character unit, and the longest change
        # wording (data/wording.yaml) at the two decimals a table's changes usually take, each
        # on one line; the indicator's name takes the rest.
        [1, "999999.99万元", "999999.99万元", "下降0.70个百分点"],
        std,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


KINDS = ("general", "self_assessment", "rectification")


def build(kind: str, standard: Standard | None = None) -> bytes:
    """The template of ``kind`` (one of :data:`KINDS`) for ``standard`` (GB/T 9704's by default):
    one template serves every kind (what a kind does not have, such as the ledger, its context
    leaves empty), shipped once per kind so that ``--template`` users and the renderer find
    templates/<kind>.docx; the same bytes for the same standard."""
    std = standard or national()
    doc = Document()
    define_styles(doc, std)
    define_element_styles(doc, std)
    page_setup(doc, std)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    letterhead_part(doc, std)
    tag(doc, "{%p for line in title_lines %}", "公文标题")
    doc.add_paragraph("{{ line }}", style="公文标题")
    tag(doc, "{%p endfor %}", "公文标题")
    doc.add_paragraph("", style="Normal").paragraph_format.first_line_indent = 0
    tag(doc, "{%p if recipients %}", "主送机关")
    doc.add_paragraph("{{ recipients }}", style="主送机关")
    tag(doc, "{%p endif %}", "主送机关")
    tag(doc, "{%p for para in opening %}")
    doc.add_paragraph("{{ para }}", style="Normal")
    tag(doc, "{%p endfor %}")
    body_blocks(doc, std, "blocks")
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
    signature_part(doc, std)
    # The attachments printed with the document (the ledger among them), each from a new page:
    # 附件N on the first line, its title on the third (GB/T 9704 §8), then its body through the
    # same branches as the document's.
    tag(doc, "{%p for a in appendices %}")
    p = doc.add_paragraph("{{ a.label }}", style="附件标签")
    p.paragraph_format.page_break_before = True
    _blank(doc)
    tag(doc, "{%p for line in a.title_lines %}", "公文标题")
    doc.add_paragraph("{{ line }}", style="公文标题")
    tag(doc, "{%p endfor %}", "公文标题")
    tag(doc, "{%p if a.gap %}")
    _blank(doc)
    tag(doc, "{%p endif %}")
    body_blocks(doc, std, "a.blocks")
    tag(doc, "{%p if a.ledger %}")
    ledger_columns = ["number", "problem", "measure", "unit", "person", "deadline", "status"]
    tag(doc, "{%p if a.ledger.evidence %}")
    table_block(
        doc,
        [f"{{{{ a.ledger.header[{i}] }}}}" for i in range(8)],
        "r",
        "a.ledger.rows",
        [*ledger_columns, "evidence"],
        # The 佐证材料 column shares the room of problem and measure, which wrap.
        ["序号", 3, 4, "责任单位", "责任人", "2026年12月31日", "完成情况", 3],
        std,
        size_pt=std.faces.ledger.size_pt,
        style="台账文字",
    )
    tag(doc, "{%p else %}")
    table_block(
        doc,
        [f"{{{{ a.ledger.header[{i}] }}}}" for i in range(7)],
        "r",
        "a.ledger.rows",
        ledger_columns,
        # 序号, 责任单位, 责任人, 完成情况 and a full date stay on one line; problem and
        # measure share the rest.
        ["序号", 4, 5, "责任单位", "责任人", "2026年12月31日", "完成情况"],
        std,
        size_pt=std.faces.ledger.size_pt,
        style="台账文字",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    imprint_part(doc, std)

    buf = io.BytesIO()
    tidy_package(doc, std)
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


# ---- the package around the document: what python-docx's default template leaves behind ----

# The date the templates' layout last changed, written as the package's created and modified time.
# Rendered reports keep it: docxtpl renders only the text core properties (author, comments,
# identifier, language, subject, title), never the dates, and the renderer writes docxtpl's
# output, so a report cannot carry its own 成文日期 or render time there without losing its
# byte-identical reruns. A fixed, dated template version is the honest value left.
TEMPLATE_DATE = datetime(2026, 11, 27, tzinfo=UTC)

# The styles a template keeps: ours, what they are based on, and the defaults Word expects.
_DEFAULT_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid")
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STALE_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    _REL + "customXml",  # an empty bibliography list
    _REL + "numbering",  # bullets for the List styles dropped with the other unused styles
)
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# fontTable.xml describes every font the styles name as Word describes it (altName, panose,
# charset 86 = GB2312, family, pitch, Unicode and code page coverage), so that Word and WPS pick a
# close substitute where one is missing; altName is the font's name on newer Windows (仿宋, 楷体) or
# in English. A font not listed here (an office's own Standard) is named with no description.
_FONT_DESCRIPTIONS = {
    "Times New Roman": (None, "02020603050405020304", "00", "roman", "variable",
        ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000")),
    "宋体": ("SimSun", "02010600030101010101", "86", "auto", "variable",
        ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")),
    "黑体": ("SimHei", "02010609060101010101", "86", "modern", "fixed",
        ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")),
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "86", "modern", "fixed",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000")),
    "楷体_GB2312": ("楷体", "02010609030101010101", "86", "modern", "fixed",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000")),
    "方正小标宋简体": (None, "02010601030101010101", "86", "auto", "variable",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000")),
}  # fmt: skip


def tidy_package(doc, std: Standard) -> None:
    """Leave no part of python-docx's default template that does not describe this document."""
    _drop_stale_parts(doc)
    _prune_styles(doc)
    _write_font_table(doc)
    _write_theme_fonts(doc, std)
    settings = doc.settings.element
    zoom = _set(settings, "w:zoom", percent=100)
    zoom.attrib.pop(qn("w:val"), None)  # "bestFit" is a choice of Word's UI, not of the document
    _set(settings, "w:themeFontLang", val="en-US", eastAsia="zh-CN")
    for el in settings.findall(qn("w:savePreviewPicture")):  # the thumbnail is gone
        settings.remove(el)
    _document_properties(doc)


def _drop_stale_parts(doc) -> None:
    for rel in [r for r in doc.part.rels.values() if r.reltype in _STALE_RELS]:
        doc.part.drop_rel(rel.rId)
    rels = doc.part.package.rels
    for rel in [r for r in rels.values() if r.reltype == _THUMBNAIL]:
        rels.pop(rel.rId)


def _prune_styles(doc) -> None:
    """Keep the styles the templates use and define (with what they are based on); drop the
    hundred-odd others of python-docx's default template, many of them in theme fonts. A dropped
    built-in style is still offered by Word, from its latent styles, in the theme's fonts, which
    :func:`_write_theme_fonts` makes ours."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    by_name = {s.find(qn("w:name")).get(qn("w:val")): s for s in by_id.values()}
    wanted = [by_name[n] for n in _DEFAULT_STYLES]
    wanted += [s for s in by_id.values() if _ours(s)]
    keep: set[str] = set()
    while wanted:
        style = wanted.pop()
        sid = style.get(qn("w:styleId"))
        if sid in keep:
            continue
        keep.add(sid)
        for ref in ("w:basedOn", "w:next"):
            el = style.find(qn(ref))
            if el is not None and el.get(qn("w:val")) in by_id:
                wanted.append(by_id[el.get(qn("w:val"))])
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
            continue
        for tag in ("w:link", "w:rsid"):  # linked "… Char" styles are gone; rsids mean nothing
            for el in style.findall(qn(tag)):
                style.remove(el)


def _ours(style) -> bool:
    """A paragraph or character style :func:`define_styles` set up (it sets explicit fonts)."""
    rfonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return rfonts is not None and rfonts.get(qn("w:eastAsia")) is not None


def _write_font_table(doc) -> None:
    part = doc.part.part_related_by(_REL + "fontTable")
    slots = [qn(f"w:{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")]
    used = dict.fromkeys(
        f.get(slot) for f in doc.styles.element.iter(qn("w:rFonts")) for slot in slots
    )
    fonts = OxmlElement("w:fonts")
    for name in filter(None, used):
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        if name in _FONT_DESCRIPTIONS:
            alt, panose, charset, family, pitch, sig = _FONT_DESCRIPTIONS[name]
            if alt:
                _set(font, "w:altName", val=alt)
            _set(font, "w:panose1", val=panose)
            _set(font, "w:charset", val=charset)
            _set(font, "w:family", val=family)
            _set(font, "w:pitch", val=pitch)
            usb = dict(zip(("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"), sig, strict=True))
            _set(font, "w:sig", **usb)
        fonts.append(font)
    part._blob = serialize_part_xml(fonts)


def _write_theme_fonts(doc, std: Standard) -> None:
    """The theme's fonts are ours: text in a theme font (a built-in style Word adds from its latent
    styles, text pasted in) is set in Times New Roman and 黑体 (headings) or 仿宋 (body), not in
    the default theme's Calibri and ＭＳ 明朝, which WPS reports as missing."""
    part = doc.part.part_related_by(_REL + "theme")
    theme = etree.fromstring(part.blob)
    faces = std.faces
    for kind, east_asian in (("major", faces.h1.font), ("minor", faces.body.font)):
        font = theme.find(f".//{_A}fontScheme/{_A}{kind}Font")
        for child in list(font):
            font.remove(child)
        for tag, typeface in (("latin", faces.latin), ("ea", east_asian), ("cs", faces.latin)):
            etree.SubElement(font, f"{_A}{tag}").set("typeface", typeface)
        hans = etree.SubElement(font, f"{_A}font")
        hans.set("script", "Hans")
        hans.set("typeface", east_asian)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document_properties(doc) -> None:
    props = doc.core_properties
    # Rendered per report (docxtpl renders it): the report's title, which Word shows under File >
    # Properties and LibreOffice writes as the PDF's title. Sliced to the 255 characters a core
    # property holds; |safe because python-docx escapes the value itself.
    props.title = "{{ title[:255]|safe }}"
    props.author = "reportgen"
    props.comments = props.subject = props.keywords = props.category = ""
    props.last_modified_by = ""
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = TEMPLATE_DATE
    app = doc.part.package.part_related_by(_REL + "extended-properties")
    app._blob = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"><Application>reportgen</Application><DocSecurity>0</DocSecurity>'
        b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def _blank(doc) -> None:
    """An empty line that stays with what follows it."""
    p = doc.add_paragraph("", style="Normal")
    p.paragraph_format.keep_with_next = True


# ---- the 公文's elements (GB/T 9704 §7): 版头, 主送, signature, 附注, attachments, 版记 -------


def _border(ppr, side: str, eighths: int, color: str = "000000", space: int = 0) -> None:
    """A ``side`` border of the paragraph, ``eighths`` of a point thick, ``space`` points from the
    text (a border adds its width and space to its paragraph's height)."""
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    _set(bdr, f"w:{side}", val="single", sz=eighths, space=space, color=color)


def _exact(ppr, twips: int) -> None:
    _set(ppr, "w:spacing", before=0, after=0, line=twips, lineRule="exact")


def _no_indent(ppr) -> None:
    _set(ppr, "w:ind", firstLineChars=0, firstLine=0)


def define_element_styles(doc, std: Standard) -> None:
    """The paragraph styles of the 公文's elements, each named for its element so that ``check``
    knows them: 份号, 密级和紧急程度, 发文机关标志, 发文字号, 签发人 (and 签发人姓名), 主送机关,
    附注, 版记."""
    el, faces = std.elements, std.faces
    copy = paragraph_style(doc, "份号")
    style_run(copy, faces.body, std)
    style_para(copy, std, align="left", first_chars=0)
    urgent = paragraph_style(doc, "密级和紧急程度")
    style_run(urgent, el.urgent, std)
    style_para(urgent, std, align="left", first_chars=0)

    mark = paragraph_style(doc, "发文机关标志")
    style_run(mark, el.mark, std, on_grid=False)
    _set(mark.element.get_or_add_rPr(), "w:color", val=el.mark_color)
    style_para(mark, std, align="center", first_chars=0, line=twips(el.mark_pitch_pt))

    number = paragraph_style(doc, "发文字号")
    style_run(number, faces.body, std)
    style_para(number, std, align="center", first_chars=0)
    signer = paragraph_style(doc, "签发人")
    style_run(signer, faces.body, std)
    style_para(signer, std, align="left", first_chars=0)
    # 发文字号 one character in and 签发人 one character from the right; the red line under the
    # last line spans the text block, so the paragraph has no indent (a full-width space and a
    # right tab stop place the two).
    one = std.indent_twips(1)
    tabs = _set(signer.element.pPr, "w:tabs")
    _set(tabs, "w:tab", val="right", pos=std.text_width_twips - one)
    name = character_style(doc, "签发人姓名")
    style_run(name, el.signer, std)
    for style in (number, signer):
        _set(style.element.pPr, "w:autoSpaceDE", val="0")
        _set(style.element.pPr, "w:autoSpaceDN", val="0")

    recipients = paragraph_style(doc, "主送机关")
    style_run(recipients, faces.body, std)
    style_para(recipients, std, first_chars=0, keep_next=True)
    note = paragraph_style(doc, "附注")
    style_run(note, faces.body, std)
    style_para(note, std)

    imprint = paragraph_style(doc, "版记")
    style_run(imprint, el.imprint, std, on_grid=False)
    style_para(imprint, std, align="left", first_chars=0, keep_next=True)
    # The separator lines span the text block: the paragraphs have no indent, the text stands
    # one character in by a full-width space, 印发日期 one from the right by a right tab stop.
    side = std.indent_twips(el.imprint_indent_chars, el.imprint)
    tabs = _set(imprint.element.pPr, "w:tabs")
    _set(tabs, "w:tab", val="right", pos=std.text_width_twips - side)
    for style in (imprint,):
        _set(style.element.pPr, "w:autoSpaceDE", val="0")
        _set(style.element.pPr, "w:autoSpaceDN", val="0")


def _line(doc, style: str, *, twips_: int | None = None):
    """An empty line of ``style`` (``twips_`` high where given)."""
    p = doc.add_paragraph("", style=style)
    if twips_ is not None:
        _exact(p._p.get_or_add_pPr(), twips_)
    return p


def _scaled(doc, expr: str, add) -> None:
    """The paragraph ``add(width)`` makes, once per character scale of :data:`MARK_SCALES`, the
    one ``expr`` names chosen by ``{%p if %}`` (a computed w:w is a file Word refuses)."""
    for i, scale in enumerate(MARK_SCALES):
        add_tag = "if" if i == 0 else "elif"
        add(f"{{%p {add_tag} {expr} == {scale} %}}")
        p = add(None)
        if scale != 100:
            for run in p.runs:
                _set(run._r.get_or_add_rPr(), "w:w", val=scale)
    add("{%p endif %}")


def letterhead_part(doc, std: Standard) -> None:
    """版头 (§7.2): three lines at the top left (份号, 密级, 紧急程度, empty where not given), the
    space that puts the 发文机关标志's top edge ``mark_top_mm`` below the text block's top, the
    mark (one line, or a table for joint issuers, 文件 on their right), the blank lines, 发文字号
    (centred; or on the left of the last 签发人 line in a 上行文) and under it the red line."""
    el = std.elements
    tag(doc, "{%p if letterhead %}")
    tag(doc, "{%p for line in letterhead.top %}")
    tag(doc, '{%p if line.kind == "copy" %}')
    doc.add_paragraph("{{ line.text }}", style="份号")
    tag(doc, '{%p elif line.kind == "urgent" %}')
    doc.add_paragraph("{{ line.text }}", style="密级和紧急程度")
    tag(doc, "{%p else %}")
    _line(doc, "份号")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    _line(doc, "份号", twips_=mark_space_twips(std))
    tag(doc, "{%p if letterhead.mark.joint %}")
    _joint_mark(doc, std)
    tag(doc, "{%p else %}")

    def single(text):
        if text is not None:
            return tag(doc, text, "发文机关标志")
        return doc.add_paragraph("{{ letterhead.mark.text }}", style="发文机关标志")

    _scaled(doc, "letterhead.mark.scale", single)
    tag(doc, "{%p endif %}")
    for _ in range(el.number_gap_lines):
        _line(doc, "发文字号")
    rule = border_eighths(el.rule_mm)
    # The red line's centre rule_gap_mm below the 发文字号's lower edge: the line's baseline
    # stands 0.8 of its height down and the character frame 0.12 of the size below it.
    pitch = std.line_pitch_twips / 20
    below_text = pitch - 0.8 * pitch - 0.12 * std.faces.body.size_pt
    space = round(el.rule_gap_mm / MM_PER_PT - below_text - rule / 16)
    tag(doc, "{%p if letterhead.upward %}")
    tag(doc, "{%p for l in letterhead.signer_lines %}", "签发人")
    for last in (True, False):
        tag(doc, "{%p if loop.last %}" if last else "{%p else %}", "签发人")
        p = doc.add_paragraph(style="签发人")
        p.add_run("\u3000{{ l.number }}")
        p.add_run().add_tab()
        p.add_run("{{ l.label }}")
        p.add_run("{{ l.names }}").style = doc.styles["签发人姓名"]
        if last:
            _border(p._p.get_or_add_pPr(), "bottom", rule, el.mark_color, space)
    tag(doc, "{%p endif %}", "签发人")
    tag(doc, "{%p endfor %}", "签发人")
    tag(doc, "{%p else %}")
    p = doc.add_paragraph("{{ letterhead.number }}", style="发文字号")
    _border(p._p.get_or_add_pPr(), "bottom", rule, el.mark_color, space)
    tag(doc, "{%p endif %}")
    for _ in range(el.title_gap_lines):
        _line(doc, "Normal")
    tag(doc, "{%p endif %}")


def _joint_mark(doc, std: Standard) -> None:
    """Joint issuers' 发文机关标志: a borderless table of :data:`MARK_GRID` equal columns across
    the text block; each row a name spread to the longest name's width, the suffix (文件) in a
    cell merged down the rows and centred on them."""
    el = std.elements
    width = std.text_width_twips
    table = doc.add_table(rows=0, cols=MARK_GRID)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    _set(tbl_pr, "w:tblW", w=width, type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    borders = _set(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="nil")
    mar = _set(tbl_pr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        _set(mar, f"w:{side}", w=0, type="dxa")
    cols = [width // MARK_GRID] * MARK_GRID
    cols[-1] += width - sum(cols)
    for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), cols, strict=True):
        gc.set(qn("w:w"), str(w))
    pitch = twips(el.mark_pitch_pt)

    def row(height: bool = False):
        tr = OxmlElement("w:tr")
        if height:
            trpr = OxmlElement("w:trPr")
            _set(trpr, "w:trHeight", val=pitch, hRule="exact")
            tr.append(trpr)
        tbl.append(tr)
        return tr

    def tag_cell(tr, text: str) -> None:
        tc = OxmlElement("w:tc")
        tr.append(tc)
        _tag_cell(tc, text, doc)

    def cell(tr, kind: str):
        tc = OxmlElement("w:tc")
        tr.append(tc)
        pr = OxmlElement("w:tcPr")
        tc.append(pr)
        if kind in ("restart", "continue"):
            vm = OxmlElement("w:vMerge")
            if kind == "restart":
                vm.set(qn("w:val"), "restart")
            pr.append(vm)
        # Never an empty tcPr: docxtpl's colspan goes into it only when it has a child.
        _set(pr, "w:vAlign", val="center" if kind in ("restart", "continue") else "top")

        def add(text):
            p = OxmlElement("w:p")
            tc.append(p)
            para = Paragraph(p, doc._body)
            para.style = doc.styles["发文机关标志"]
            if kind == "name":
                _set(p.get_or_add_pPr(), "w:jc", val="distribute")
            if text is None:
                para.add_run("{{ c.text }}")
            else:
                para.add_run(text)
            return para

        if kind in ("name", "restart"):
            # The span goes with the first {%p %} tag, whose paragraph disappears.
            def first(text):
                if text is not None and text.startswith("{%p if"):
                    text = "{% colspan c.span %}" + text
                return add(text)

            _scaled(doc, "letterhead.mark.scale", first)
        else:
            para = Paragraph(OxmlElement("w:p"), doc._body)
            tc.append(para._p)
            para.style = doc.styles["发文机关标志"]
            para.add_run("{% colspan c.span %}")

    tag_cell(row(), "{%tr for r in letterhead.mark.rows %}")
    body = row(height=True)
    tag_cell(body, "{%tc for c in r %}")
    tag_cell(body, '{%tc if c.kind == "name" %}')
    cell(body, "name")
    tag_cell(body, '{%tc elif c.merge == "restart" %}')
    cell(body, "restart")
    tag_cell(body, '{%tc elif c.merge == "continue" %}')
    cell(body, "continue")
    tag_cell(body, "{%tc else %}")
    cell(body, "pad")
    tag_cell(body, "{%tc endif %}")
    tag_cell(body, "{%tc endfor %}")
    tag_cell(row(), "{%tr endfor %}")


def signature_part(doc, std: Standard) -> None:
    """署名 and 成文日期 (§7.3.5): one blank line below the body, or ``sealed_blank_lines`` for a
    seal; each issuer line and the date placed by the full-width spaces the context computes;
    joint sealed issuers' rows three lines apart (their seals must not touch); the 附注 on the
    line after the date (§7.3.6)."""
    tag(doc, "{%p if issuer or date %}")
    tag(doc, "{%p if sealed %}")
    for _ in range(std.elements.sealed_blank_lines):
        _blank(doc)
    tag(doc, "{%p else %}")
    _blank(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for l in signature.lines %}", "署名")
    doc.add_paragraph("{{ l.pad }}{{ l.text }}", style="署名")
    tag(doc, "{%p if l.gap %}", "署名")
    for _ in range(3):
        _line(doc, "署名")
    tag(doc, "{%p endif %}", "署名")
    tag(doc, "{%p endfor %}", "署名")
    tag(doc, "{%p if date %}")
    doc.add_paragraph("{{ signature.date_pad }}{{ date }}", style="成文日期")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if note %}")
    doc.add_paragraph("{{ note }}", style="附注")
    tag(doc, "{%p endif %}")


def imprint_part(doc, std: Standard) -> None:
    """版记 (§7.4) on a page of its own, its last separator line on the text block's bottom edge:
    empty lines and one fixed space above it (how many lines, the context says), then 抄送 (its
    wrapped lines under the first name) between the first thick line and the thin one, 印发机关
    and 印发日期 on one line above the last thick line (paragraph borders: every renderer draws
    them and adds their width to the paragraph).

    Printed on one side, a page break starts the 版记's page, numbered as the others. Printed on
    both (``duplex``), the 版记's page starts a section that starts on an even page (Word and
    LibreOffice insert a blank page where the body ends on one) and whose footers print no page
    number (§7.5): a tiny paragraph ends the body's section, the first space of the 版记's page
    is that section's one paragraph, and the 版记 itself stands in the template's last section,
    continuous on the same page with the same footers (so that a document without a 版记 keeps
    one section, and LibreOffice does not start a new page for it).
    """
    el = std.elements
    thick, thin = border_eighths(el.imprint_thick_mm), border_eighths(el.imprint_thin_mm)
    body_sect = doc.sections[0]._sectPr
    # The body's section (in a two-sided document with a 版记) has the page numbers as they are;
    # the 版记's section and the last share the template's footers, which print the number
    # unless the document is two-sided with a 版记: the same footers, so that LibreOffice keeps
    # the last section on the 版记's page (a section whose footers differ starts a new page).
    ends_body = copy.deepcopy(body_sect)
    for ref in ends_body.findall(qn("w:footerReference")):
        footer = doc.part.related_parts[ref.get(qn("r:id"))]
        part, rid = doc.part.add_footer_part()
        part._element = copy.deepcopy(footer.element)
        ref.set(qn("r:id"), rid)
        _unnumbered_when_imprinted(doc, footer)
    ends_imprint = copy.deepcopy(body_sect)
    _set(ends_imprint, "w:type", val="evenPage")

    def tiny(sect):
        p = _line(doc, "版记", twips_=_TINY)
        p._p.get_or_add_pPr().append(sect)

    tag(doc, "{%p if imprint %}")
    tag(doc, "{%p if duplex %}", "版记")
    tiny(ends_body)
    for condition, cc in (("{%p if imprint.cc %}", True), ("{%p else %}", False)):
        tag(doc, condition, "版记")
        space = _line(doc, "版记", twips_=imprint_space_twips(std, cc=cc))
        space._p.get_or_add_pPr().append(copy.deepcopy(ends_imprint))
    tag(doc, "{%p endif %}", "版记")
    tag(doc, "{%p else %}", "版记")
    for condition, cc in (("{%p if imprint.cc %}", True), ("{%p else %}", False)):
        tag(doc, condition, "版记")
        space = _line(doc, "版记", twips_=imprint_space_twips(std, cc=cc))
        space.paragraph_format.page_break_before = True
    tag(doc, "{%p endif %}", "版记")
    tag(doc, "{%p endif %}", "版记")
    tag(doc, "{%p for _ in range(imprint.blank_lines) %}", "版记")
    _line(doc, "版记")
    tag(doc, "{%p endfor %}", "版记")
    lead = "\u3000" * el.imprint_indent_chars
    tag(doc, "{%p if imprint.cc %}", "版记")
    p = doc.add_paragraph(lead + "{{ imprint.cc }}", style="版记")
    _border(p._p.get_or_add_pPr(), "top", thick)
    tag(doc, "{%p for line in imprint.cc_more %}", "版记")
    doc.add_paragraph(lead + "\u3000" * len("抄送：") + "{{ line }}", style="版记")
    tag(doc, "{%p endfor %}", "版记")
    tag(doc, "{%p endif %}", "版记")
    for condition, top in (("{%p if imprint.cc %}", thin), ("{%p else %}", thick)):
        tag(doc, condition, "版记")
        p = doc.add_paragraph(style="版记")
        p.add_run(lead + "{{ imprint.by }}")
        p.add_run().add_tab()
        p.add_run("{{ imprint.date }}")
        ppr = p._p.get_or_add_pPr()
        _set(ppr, "w:keepNext", val="0")
        _border(ppr, "top", top)
        _border(ppr, "bottom", thick)
    tag(doc, "{%p endif %}", "版记")
    tag(doc, "{%p endif %}")
    # The template's last section: one page setup for a document without a 版记, and the
    # continuation of the 版记's page in a two-sided one.
    _set(body_sect, "w:type", val="continuous")


def _unnumbered_when_imprinted(doc, footer) -> None:
    """The footer's page number inside a condition: none in a two-sided document with a 版记
    (GB/T 9704 §7.5: the 版记's page, and the blank page before it, unnumbered). The condition
    opens in the number's first run and closes in its last, so the paragraph stays (empty)."""
    runs = footer.element.find(qn("w:p")).findall(qn("w:r"))
    first, last = runs[0].find(qn("w:t")), runs[-1].find(qn("w:t"))
    first.text = "{% if not (duplex and imprint) %}" + first.text
    last.text = last.text + "{% endif %}"


# Half a point: less than the room a full page leaves (22 lines of 28.95 pt in 225 mm), so a
# paragraph that only carries a section break never spills onto a page of its own.
_TINY = 10
