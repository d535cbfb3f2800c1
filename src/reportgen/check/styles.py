"""Check any .docx against GB/T 9704-2012: page setup, the fonts and sizes in effect, page numbers
and their font.

Fonts are resolved the way Word does: run properties, then the run's character style, then the
paragraph style and the styles it is based on, then the document defaults.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.run import Run

from ..errors import InputError
from ..gbt9704 import (
    FONTS,
    MARGIN_TOLERANCE_MM,
    MARGINS_MM,
    PAGE_MM,
    PAGE_NUMBER_FONT,
    PAGE_NUMBER_PT,
    PAPER,
    SIZES_PT,
    Finding,
)
from ..text.numbering import match_number

__all__ = ["check_docx", "effective_font", "table_rows"]

_NAMES = {
    "title": "标题",
    "body": "正文",
    "h1": "一级标题",
    "h2": "二级标题",
    "h3": "三级标题",
    "h4": "四级标题",
}


def _style_chain(doc, style_id: str | None, kind: str):
    styles = doc.styles.element
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        el = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if el is None:
            break
        yield el.find(qn("w:rPr"))
        based = el.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    if kind == "p" and not seen:
        default = styles.find(
            f"{qn('w:style')}[@{qn('w:type')}='paragraph'][@{qn('w:default')}='1']"
        )
        if default is not None:
            yield from _style_chain(doc, default.get(qn("w:styleId")), "p")


def effective_font(doc, paragraph, run, slot: str = "eastAsia") -> tuple[str | None, float | None]:
    """(East Asian font, size in pt) in effect for ``run`` of ``paragraph``; with ``slot``
    "ascii", the font of its digits and Latin letters instead."""
    chain = [run._r.find(qn("w:rPr"))]
    rpr = run._r.find(qn("w:rPr"))
    rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
    if rstyle is not None:
        chain += list(_style_chain(doc, rstyle.get(qn("w:val")), "r"))
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    chain += list(_style_chain(doc, pstyle.get(qn("w:val")) if pstyle is not None else None, "p"))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        chain.append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    font = size = None
    for props in chain:
        if props is None:
            continue
        fonts = props.find(qn("w:rFonts"))
        if font is None and fonts is not None:
            font = fonts.get(qn(f"w:{slot}"))
            if font is None and fonts.get(qn(f"w:{slot}Theme")):
                font = "(主题字体)"
        sz = props.find(qn("w:sz"))
        if size is None and sz is not None:
            size = int(sz.get(qn("w:val"))) / 2
    return font, size


def _classify(doc) -> dict[str, list]:
    """Paragraphs by role: the title is the text before the first body paragraph, centred or large."""
    roles: dict[str, list] = {k: [] for k in _NAMES}
    started = False
    for p in doc.paragraphs:
        text = p.text.strip()
        if not text:
            continue
        number = match_number(text)
        role = f"h{number.level}" if number and number.level else None
        style = (p.style.name or "") if p.style is not None else ""
        if role is None and (style in ("公文标题", "Title") or (not started and "标题" in style)):
            roles["title"].append(p)  # an attachment's title is a title too
            continue
        if (
            not started
            and role is None
            and (
                "标题" in style
                or style == "Title"
                or (len(text) < 40 and not text.endswith(("。", "：", ":")))
            )
        ):
            roles["title"].append(p)
            continue
        started = True
        if role is None and style.startswith(("署名", "成文日期", "附件")):
            continue
        roles[role or "body"].append(p)
    return roles


def _font_finding(doc, role: str, paragraphs: list) -> Finding:
    name = _NAMES[role]
    wanted, size = FONTS[role], SIZES_PT[role]
    expected = f"{wanted[0]} {size:g} pt"
    if not paragraphs:
        return Finding(f"{name}字体字号", role not in ("title", "body"), "文中没有", expected)
    seen = Counter()
    for p in paragraphs:
        for r in p.runs[:1]:  # the run that carries the heading's number or the paragraph's start
            if r.text.strip():
                seen[effective_font(doc, p, r)] += 1
    if not seen:
        return Finding(f"{name}字体字号", False, "无文字", expected)
    (font, sz), _ = seen.most_common(1)[0]
    ok = all(f in wanted and s == size for f, s in seen)
    measured = "、".join(f"{f or '未设置东亚字体'} {s or '?'} pt" for f, s in seen)
    return Finding(f"{name}字体字号", ok, measured, expected)


def _page_setup(doc) -> list[Finding]:
    s = doc.sections[0]
    w, h = s.page_width.mm, s.page_height.mm
    out = [
        Finding(
            "纸张",
            abs(w - PAGE_MM[0]) <= 1 and abs(h - PAGE_MM[1]) <= 1,
            f"{w:.0f}×{h:.0f} mm",
            PAPER,
        )
    ]
    for side, value in (
        ("top", s.top_margin),
        ("bottom", s.bottom_margin),
        ("left", s.left_margin),
        ("right", s.right_margin),
    ):
        mm = value.mm if value is not None else 0.0
        label = {"top": "上", "bottom": "下", "left": "左", "right": "右"}[side]
        out.append(
            Finding(
                f"{label}边距",
                abs(mm - MARGINS_MM[side]) <= MARGIN_TOLERANCE_MM,
                f"{mm:.1f} mm",
                f"{MARGINS_MM[side]:.0f}±{MARGIN_TOLERANCE_MM:.0f} mm",
            )
        )
    return out


def _page_numbers(doc) -> Finding:
    s = doc.sections[0]
    even = doc.settings.odd_and_even_pages_header_footer

    def has_page(footer) -> bool:
        if footer.is_linked_to_previous:
            return False
        xml = footer._element.xml
        return bool(re.search(r"PAGE(?![A-Z])", xml)) and "—" in footer._element.xpath("string(.)")

    odd_ok, even_ok = has_page(s.footer), even and has_page(s.even_page_footer)
    measured = (
        f"单页页脚{'有' if odd_ok else '无'}“— PAGE —”，双页页脚{'有' if even_ok else '无'}"
        + ("" if even else "（未设奇偶页不同）")
    )
    return Finding(
        "页码页脚", bool(odd_ok and even_ok), measured, "奇偶页不同，两个页脚都有“— PAGE —”域"
    )


def _page_number_font(doc) -> Finding:
    """GB/T 9704 §7.5: page numbers in 4号半角宋体阿拉伯数字: the digits' (Latin) font is 宋体."""
    expected = f"{PAGE_NUMBER_FONT[0]} {PAGE_NUMBER_PT:g} pt（4号半角宋体阿拉伯数字）"
    s = doc.sections[0]
    footers = [s.footer]
    if doc.settings.odd_and_even_pages_header_footer:
        footers.append(s.even_page_footer)
    seen = Counter()
    for footer in footers:
        if footer.is_linked_to_previous:
            continue
        for p in footer.paragraphs:
            for r in p._p.iter(qn("w:r")):  # runs inside a w:fldSimple too
                run = Run(r, p)
                if any(c.isdigit() for c in run.text):
                    seen[effective_font(doc, p, run, slot="ascii")] += 1
    if not seen:
        return Finding("页码字体字号", False, "页脚中没有页码数字", expected)
    ok = all(f in PAGE_NUMBER_FONT and size == PAGE_NUMBER_PT for f, size in seen)
    measured = "、".join(f"{f or '未设置西文字体'} {size or '?'} pt" for f, size in seen)
    return Finding("页码字体字号", ok, measured, expected)


def check_docx(path: str | Path, *, layout: bool = False) -> list[Finding]:
    """Every rule checked on one .docx; with ``layout``, also on its LibreOffice PDF."""
    path = Path(path)
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError.single(
            path, f"不是可读取的 .docx 文件（{e}）", "请用 Word 另存为 .docx 后重试"
        ) from None
    roles = _classify(doc)
    findings = [
        *_page_setup(doc),
        *(_font_finding(doc, r, roles[r]) for r in _NAMES),
        _page_numbers(doc),
        _page_number_font(doc),
    ]
    if layout:
        from ..output.pdf import convert_to_pdf
        from .layout import measure_layout, punctuation_drawn, read_pdf, table_rows_whole

        with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
            pages = read_pdf(convert_to_pdf(path, Path(tmp) / "out.pdf"))
        text = "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))
        tables = table_rows(doc)
        findings += [
            *measure_layout(pages, tables),
            punctuation_drawn(text, pages),
            table_rows_whole(tables, pages),
        ]
    return findings


def table_rows(doc) -> list:
    """The body's tables (not those nested in a cell, whose text counts in that cell), each a list
    of rows with their cells' text; leading rows marked to repeat on each page are headers."""
    from .layout import TableRow

    tables = []
    tbl, tr, tc = qn("w:tbl"), qn("w:tr"), qn("w:tc")
    for table in doc.element.body.iter(tbl):
        if any(a.tag == tbl for a in table.iterancestors()):
            continue
        rows, leading = [], True
        for row in table.iterchildren(tr):
            mark = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
            leading = leading and mark is not None and mark.get(qn("w:val")) not in ("0", "false")
            cells = tuple(
                "".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iterchildren(tc)
            )
            rows.append(TableRow(cells, leading))
        tables.append(rows)
    return tables
