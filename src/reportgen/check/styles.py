"""Check any document against GB/T 9704-2012 (or an office's profile of it): page setup, the fonts
and sizes in effect, page numbers and their font.

The numbers come from the :class:`~reportgen.gbt9704.Standard` passed in (the national one by
default). Fonts are resolved the way Word does (check/fonts.py). Values another tool wrote oddly
(a size of "24.5", no page size, no section at all) are measured as missing, not taken for errors
of the program.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

from docx.oxml.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart
from docx.text.run import Run

from ..gbt9704 import Finding, Standard, national
from ..text.cjk import HAN
from ..text.numbering import match_number
from .elements import IMPRINT_END, docx_findings, find_letterhead
from .fonts import effective_font, styles_by_id
from .package import Opened, open_document

__all__ = ["check_docx", "table_rows"]

_NAMES = {
    "title": "标题",
    "body": "正文",
    "h1": "一级标题",
    "h2": "二级标题",
    "h3": "三级标题",
    "h4": "四级标题",
}


def _style_name(paragraph) -> str:
    """The paragraph style's name ("" where it has none, or none python-docx can read)."""
    try:
        style = paragraph.style
        return (style.name or "") if style is not None else ""
    except _UNREADABLE:
        return ""


# A table's title and the unit line above it: neither body text nor a heading. The space after
# 表1 may be gone (the proofreader drops a space between a digit and a Chinese character).
_TABLE_CAPTION = re.compile(
    rf"^(表\s*[0-9一二三四五六七八九十]+(?:[\s：:]|(?<=[0-9])[{HAN}])|单位[：:])"
)


# A line of a table of contents: its page (17, 共3页) after a tab at the end.
_CONTENTS_LINE = re.compile(r"\t[^\t\d]{0,2}\d+[^\t\d]{0,2}\s*$")


def _classify(doc) -> dict[str, list]:
    """Paragraphs by role: the title is the text before the first body paragraph, centred or
    large."""
    roles: dict[str, list] = {k: [] for k in _NAMES}
    roles["letterhead"], roles["imprint"] = [], []
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    head = find_letterhead([p.text.strip() for p in paragraphs])
    roles["letterhead"] = paragraphs[:head]
    texts = [p.text.strip() for p in paragraphs]
    imprint = range(0)
    if texts and IMPRINT_END.search(texts[-1]):
        start = next(
            (i for i in range(len(texts) - 1, -1, -1) if texts[i].startswith("抄送")),
            len(texts) - 1,
        )
        imprint = range(start, len(texts))
    roles["imprint"] = [paragraphs[i] for i in imprint]
    started = False
    for i, p in enumerate(paragraphs):
        text = p.text.strip()
        if i < head or i in imprint:
            continue  # the 版头 and the 版记 have fonts of their own (check/elements.py)
        number = match_number(text)
        role = f"h{number.level}" if number and number.level else None
        style = _style_name(p)
        if role is None and (style in ("公文标题", "Title") or (not started and "标题" in style)):
            roles["title"].append(p)  # an attachment's title is a title too
            continue
        if role is None and style.startswith(("署名", "成文日期")):
            continue  # a signature or date (on a cover too, before any body text)
        if _CONTENTS_LINE.search(p.text):
            continue  # a line of a table of contents: a title, a tab, its page
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
        if role is None and _TABLE_CAPTION.match(text) and not text.endswith("。"):
            continue  # a table's title (表1 …) or unit line (单位：万元), set as the table is
        roles[role or "body"].append(p)
    return roles


def _font_finding(doc, role: str, paragraphs: list, std: Standard) -> Finding:
    name = _NAMES[role]
    face = std.faces.role(role)
    expected = f"{face.font} {face.size_pt:g} pt"
    if not paragraphs:
        return Finding(f"{name}字体字号", role not in ("title", "body"), "文中没有", expected)
    seen: Counter = Counter()
    for p in paragraphs:
        for r in p.runs[:1]:  # the run that carries the heading's number or the paragraph's start
            if r.text.strip():
                seen[effective_font(doc, p, r)] += 1
    if not seen:
        return Finding(f"{name}字体字号", False, "无文字", expected)
    ok = all(f in face.fonts and s == face.size_pt for f, s in seen)
    measured = "、".join(f"{f or '未设置东亚字体'} {s or '?'} pt" for f, s in seen)
    return Finding(f"{name}字体字号", ok, measured, expected)


def _package(opened: Opened) -> list[Finding]:
    """What the document was before it could be checked: converted from another format, or
    mended (named only when it was)."""
    out = []
    if opened.converted:
        out.append(
            Finding(
                "文件格式",
                True,
                f"{opened.converted}，经 LibreOffice 转换为 .docx 后检查",
                ".docx（其他格式转换后检查）",
            )
        )
    if opened.repairs:
        out.append(
            Finding(
                "文件结构",
                False,
                "；".join(opened.repairs),
                "部件齐全、内容类型正确、XML 无误（否则 Word 打开时提示文件损坏）",
            )
        )
    return out


def _mm(read) -> float | None:
    """A length python-docx reads from the section, in mm; None where it is not set or not a
    number (python-docx raises on a value such as "abc")."""
    try:
        value = read()
    except _UNREADABLE:
        return None
    return value.mm if value is not None else None


# What python-docx raises reading a value the schema does not allow (a required attribute missing,
# a length of "abc", a reference to no relationship).
_UNREADABLE = (ValueError, TypeError, KeyError, InvalidXmlError)
_NO_SECTION = "文档没有页面设置（正文末尾缺少 w:sectPr）"


def _page_setup(doc, std: Standard) -> list[Finding]:
    s = doc.sections[0] if len(doc.sections) else None
    page, margins = std.page, std.margins
    paper = f"{page.name} {page.width_mm:g}×{page.height_mm:g} mm"
    w = _mm(lambda: s.page_width) if s is not None else None
    h = _mm(lambda: s.page_height) if s is not None else None
    if w is None or h is None:
        measured = _NO_SECTION if s is None else "未设置纸张大小（w:pgSz）"
        out = [Finding("纸张", False, measured, paper)]
    else:
        ok = abs(w - page.width_mm) <= 1 and abs(h - page.height_mm) <= 1
        out = [Finding("纸张", ok, f"{w:.0f}×{h:.0f} mm", paper)]
    tol = margins.tolerance_mm
    for side, label in (("top", "上"), ("bottom", "下"), ("left", "左"), ("right", "右")):
        want = margins.as_dict()[side]
        expected = f"{want:g}±{tol:g} mm"
        mm = _mm(lambda side=side: getattr(s, f"{side}_margin")) if s is not None else None
        if mm is None:
            measured = _NO_SECTION if s is None else "未设置"
            out.append(Finding(f"{label}边距", False, measured, expected))
        else:
            out.append(Finding(f"{label}边距", abs(mm - want) <= tol, f"{mm:.1f} mm", expected))
    return out


def _has_page_field(footer) -> bool:
    try:
        return not footer.is_linked_to_previous and "PAGE" in footer._element.xml
    except _UNREADABLE:
        return False


def _numbered_section(doc):
    """The first section whose footer holds a page number: the first, except in a volume whose
    cover and contents are unnumbered (a 汇编)."""
    for s in doc.sections:
        if _has_page_field(s.footer):
            return s
    return doc.sections[0]


def is_volume(doc) -> bool:
    """Several sections, the first of them unnumbered: a volume with a cover (a 汇编), whose
    front matter and blank pages carry no page number and whose parts may number from 1."""
    return len(doc.sections) > 1 and not _has_page_field(doc.sections[0].footer)


def _footers(doc) -> tuple[list, str]:
    """The first numbered section's footers a page number is looked for in (the odd pages', and
    the even pages' where they differ), and a note on any that could not be read."""
    if not len(doc.sections):
        return [], ""
    s = _numbered_section(doc)
    kinds = [("单页", s.footer)]
    if doc.settings.odd_and_even_pages_header_footer:
        kinds.append(("双页", s.even_page_footer))
    found, notes = [], []
    for which, footer in kinds:
        try:
            if footer.is_linked_to_previous:
                found.append((which, None))
                continue
            part = footer._get_or_add_definition()
        except _UNREADABLE:
            notes.append(f"{which}页脚引用的部件不存在")
            found.append((which, None))
            continue
        if not isinstance(part, FooterPart):
            notes.append(f"{which}页脚引用的部件不是页脚")
            found.append((which, None))
            continue
        found.append((which, footer))
    return found, "；".join(notes)


def _number_form(std: Standard) -> str:
    spec = std.page_number
    return f"{spec.before}PAGE{spec.after}".strip()


def _page_numbers(doc, std: Standard) -> Finding:
    even = doc.settings.odd_and_even_pages_header_footer
    form = _number_form(std)
    marks = [m for m in (std.page_number.before.strip(), std.page_number.after.strip()) if m]
    footers, note = _footers(doc)

    def has_page(footer) -> bool:
        if footer is None:
            return False
        xml = footer._element.xml
        text = footer._element.xpath("string(.)")
        return bool(re.search(r"PAGE(?![A-Z])", xml)) and all(m in text for m in marks)

    by_kind = {which: has_page(footer) for which, footer in footers}
    odd_ok, even_ok = by_kind.get("单页", False), even and by_kind.get("双页", False)
    if not len(doc.sections):
        measured = _NO_SECTION
    else:
        measured = (
            f"单页页脚{'有' if odd_ok else '无'}“{form}”，双页页脚{'有' if even_ok else '无'}"
            + ("" if even else "（未设奇偶页不同）")
            + (f"；{note}" if note else "")
        )
    return Finding(
        "页码页脚", bool(odd_ok and even_ok), measured, f"奇偶页不同，两个页脚都有“{form}”域"
    )


def _page_number_font(doc, std: Standard) -> Finding:
    """GB/T 9704 §7.5: page numbers in 4号半角宋体阿拉伯数字: the digits' (Latin) font is 宋体."""
    face = std.page_number.face
    expected = f"{face.font} {face.size_pt:g} pt（4号半角宋体阿拉伯数字）"
    seen: Counter = Counter()
    for _, footer in _footers(doc)[0]:
        if footer is None:
            continue
        for p in footer.paragraphs:
            for r in p._p.iter(qn("w:r")):  # runs inside a w:fldSimple too
                run = Run(r, p)
                if any(c.isdigit() for c in run.text):
                    seen[effective_font(doc, p, run, slot="ascii")] += 1
    if not seen:
        return Finding("页码字体字号", False, "页脚中没有页码数字", expected)
    ok = all(f in face.fonts and size == face.size_pt for f, size in seen)
    measured = "、".join(f"{f or '未设置西文字体'} {size or '?'} pt" for f, size in seen)
    return Finding("页码字体字号", ok, measured, expected)


def check_docx(
    path: str | Path, *, layout: bool = False, standard: Standard | None = None
) -> list[Finding]:
    """Every rule checked on one document (a .docx, or a .doc, .wps, .odt LibreOffice converts;
    see check/package.py) against ``standard`` (GB/T 9704 by default); with ``layout``, also on
    its LibreOffice PDF."""
    std = standard or national()
    opened = open_document(path)
    doc = opened.doc
    roles = _classify(doc)
    findings = [
        *_package(opened),
        *_page_setup(doc, std),
        *(_font_finding(doc, r, roles[r], std) for r in _NAMES),
        _page_numbers(doc, std),
        _page_number_font(doc, std),
        *docx_findings(doc, _with_mark_table(doc, roles["letterhead"]), roles["imprint"], std),
    ]
    if layout:
        from ..output.pdf import convert_to_pdf
        from .elements import pdf_findings, read_drawn
        from .layout import (
            measure_layout,
            punctuation_drawn,
            read_pdf,
            table_rows_whole,
            tables_kept,
        )

        with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
            # LibreOffice reads the original of a converted file, and a .docx as mended.
            src = Path(tmp) / f"in{opened.suffix}"
            src.write_bytes(opened.original if opened.converted else opened.docx)
            pdf = convert_to_pdf(src, Path(tmp) / "out.pdf")
            pages = read_pdf(pdf)
            drawn = read_drawn(pdf)
        text = "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))
        tables = table_rows(doc)
        findings += [
            *measure_layout(pages, tables, standard=std, volume=is_volume(doc)),
            punctuation_drawn(text, pages),
            table_rows_whole(tables, pages, standard=std),
            tables_kept(tables, table_captions(doc), pages, standard=std),
            *pdf_findings(drawn, std),
        ]
    return findings


def _with_mark_table(doc, head: list) -> list:
    """The 版头's paragraphs, with those of a table among them (a joint issuers' mark)."""
    if not head:
        return head
    from docx.text.paragraph import Paragraph

    out, last = list(head), head[-1]._p
    for el in doc.element.body.iterchildren():
        if el is last:
            break
        if el.tag == qn("w:tbl"):
            # Read only (runs, text, direct formatting): no story part needed.
            out += [Paragraph(p, None) for p in el.iter(qn("w:p"))]  # type: ignore[arg-type]
    return out


def _top_tables(doc) -> list:
    """The body's tables, not those nested in a cell (whose text counts in that cell)."""
    tbl = qn("w:tbl")
    return [
        t for t in doc.element.body.iter(tbl) if not any(a.tag == tbl for a in t.iterancestors())
    ]


def table_rows(doc) -> list:
    """The body's tables (not those nested in a cell), each a list of rows with their cells'
    text; leading rows marked to repeat on each page are headers; a row with a cell continuing a
    vertical merge is joined to the one above, and a cell starting one is named ``merged``."""
    from .layout import TableRow

    tables = []
    tr, tc, v_merge = qn("w:tr"), qn("w:tc"), f"{qn('w:tcPr')}/{qn('w:vMerge')}"
    for table in _top_tables(doc):
        rows, leading = [], True
        for row in table.iterchildren(tr):
            mark = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
            leading = leading and mark is not None and mark.get(qn("w:val")) not in ("0", "false")
            cells = list(row.iterchildren(tc))
            texts = tuple("".join(t.text or "" for t in c.iter(qn("w:t"))) for c in cells)
            merges = [
                None if (m := c.find(v_merge)) is None else m.get(qn("w:val"), "continue")
                for c in cells
            ]
            merged = tuple(t for t, m in zip(texts, merges, strict=True) if m == "restart")
            rows.append(TableRow(texts, leading, "continue" in merges, merged))
        tables.append(rows)
    return tables


def table_captions(doc) -> list[tuple[str, ...]]:
    """For each of :func:`table_rows`' tables, the lines printed right above it that belong to
    it: its 表题 (a line starting 表1/表一/附表1, or a short centred line not ending a sentence)
    and a unit line (单位：万元), in order; () where there is none."""
    out = []
    for table in _top_tables(doc):
        lines: list[str] = []
        el = table.getprevious()
        while el is not None and el.tag == qn("w:p") and len(lines) < 2:
            text = "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
            if text:
                centred = _alignment(doc, el) == "center" and len(text) <= 40
                named = _TABLE_CAPTION.match(text.removeprefix("附"))  # 附表1 too
                if not (named or (centred and text[-1] not in "。；：:")):
                    break
                lines.insert(0, text)
                if not text.startswith("单位"):
                    break  # the 表题: nothing above it belongs to the table
            el = el.getprevious()
        out.append(tuple(lines))
    return out


def _alignment(doc, p) -> str | None:
    """A paragraph's w:jc, set on it or on its style (or a style that one is based on)."""
    jc, ppr = qn("w:jc"), qn("w:pPr")
    found = p.find(f"{ppr}/{jc}")
    style = p.find(f"{ppr}/{qn('w:pStyle')}")
    style_id = style.get(qn("w:val")) if style is not None else None
    by_id, seen = styles_by_id(doc), set()
    while found is None and style_id and style_id not in seen:
        seen.add(style_id)
        el = by_id.get(style_id)
        if el is None:
            break
        found = el.find(f"{ppr}/{jc}")
        based = el.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return found.get(qn("w:val")) if found is not None else None
