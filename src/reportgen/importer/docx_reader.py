"""A .docx (Word or WPS) → the neutral block stream, read straight from its XML with lxml.

What the page shows is what is read: automatic numbers become the paragraph's label (see
docx_numbering), bold comes from direct formatting, character styles and paragraph styles, and
tracked changes are accepted (insertions kept, deletions dropped, a deleted paragraph mark joins
two paragraphs, deleted table rows go). What cannot be accepted, or is not body text (table cell
insertions and merges, comments, footnotes, hidden text), is listed in the Source's notes so
nothing goes unmentioned. Text boxes are read as paragraphs after the paragraph that holds them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from ..errors import InputError
from ..read.sniff import SAVE_AS_HINT
from .blocks import Cell, Para, Source, Table, Where
from .docx_geometry import Section, place_of, section_starts, sections_of
from .docx_numbering import Numbering
from .docx_styles import Styles, align_of, indent_of, on_off, run_props, spacing_of, w

__all__ = ["read_docx"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAX_PART = 256 * 1024 * 1024  # an uncompressed part beyond this is a zip bomb, not a report
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_SKIP = {
    w(t) for t in ("del", "moveFrom", "rPr", "pPr", "instrText", "delText", "commentReference")
}
_CONTAINERS = {w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple")}
_UNACCEPTABLE = {
    w("cellIns"): "表格中插入的单元格",
    w("cellDel"): "表格中删除的单元格",
    w("cellMerge"): "表格中合并的单元格",
}


def _parse(z: zipfile.ZipFile, part: str, name: str) -> etree._Element | None:
    try:
        info = z.getinfo(part)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise InputError.single(name, f"文件中的 {part} 过大，无法读取", SAVE_AS_HINT)
    try:
        data = z.read(part)
        return etree.fromstring(data, _PARSER)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
        raise InputError.single(
            name, f"文件已损坏：{part} 无法解压（{type(e).__name__}）", SAVE_AS_HINT
        ) from None
    except etree.XMLSyntaxError as e:
        line = e.lineno if e.lineno else None
        where = f"第{line}行" if line else ""
        raise InputError.single(
            name, f"文件已损坏：{part}{where}的 XML 有错误（{e.msg}）", SAVE_AS_HINT
        ) from None


def _parts(z: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Part names by relationship type (styles, numbering, comments, footnotes)."""
    found = {
        "styles": "word/styles.xml",
        "numbering": "word/numbering.xml",
        "comments": "word/comments.xml",
        "footnotes": "word/footnotes.xml",
        "endnotes": "word/endnotes.xml",
    }
    rels = _parse(z, "word/_rels/document.xml.rels", name)
    if rels is not None:
        for rel in rels.iter(f"{{{_REL}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if kind in found and target and rel.get("TargetMode") != "External":
                path = target.lstrip("/") if target.startswith("/") else "word/" + target
                found[kind] = posixpath.normpath(path)
    return found


def read_docx(raw: bytes, name: str) -> Source:
    """Read a .docx given as bytes; ``name`` is used in messages."""
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError.single(
            name, f"文件已损坏，无法作为 Word 文档打开（{e}）", SAVE_AS_HINT
        ) from None
    with z:
        doc = _parse(z, "word/document.xml", name)
        if doc is None:
            raise InputError.single(
                name, "文件已损坏：缺少正文部分（word/document.xml）", SAVE_AS_HINT
            )
        parts = _parts(z, name)
        styles = Styles(_parse(z, parts["styles"], name))
        numbering = Numbering(_parse(z, parts["numbering"], name), styles)
        reader = _Reader(styles, numbering)
        body = doc.find(w("body"))
        if body is None:
            raise InputError.single(name, "文件已损坏：正文部分没有内容（w:body）", SAVE_AS_HINT)
        reader.sections = sections_of(body)
        reader.starts = section_starts(body)
        reader.body(body)
        notes = reader.notes()
        comments = _parse(z, parts["comments"], name)
        if comments is not None:
            n = len(comments.findall(w("comment")))
            if n:
                notes.append(f"文档中有 {n} 条批注，批注不属于正文，未导入")
        for kind, what in (("footnotes", "脚注"), ("endnotes", "尾注")):
            root = _parse(z, parts[kind], name)
            if root is None:
                continue
            for note in root:
                if note.get(w("type")) in {
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                }:
                    continue
                text = "".join(t.text or "" for t in note.iter(w("t"))).strip()
                if text:
                    notes.append(f"{what}未导入正文：{text}")
    return Source(name=name, format="docx", blocks=reader.blocks, notes=notes)


class _Reader:
    """Walks the body once, in reading order, keeping numbering counters and counts."""

    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Para | Table] = []
        self.para_no = 0
        self.table_no = 0
        self.hidden = 0
        self.unacceptable: dict[str, int] = {}
        self.carry: list[tuple[str, bool]] = []  # text of a paragraph whose mark was deleted
        self.break_pending = False
        self.sections: list[Section | None] = []
        self.section_no = 0  # the section the paragraphs being read are in
        self.starts: list[str] = []  # how each section starts (section_starts)
        self.even_pending = False  # an even-page section started, no text read in it yet

    def section(self) -> Section | None:
        return self.sections[self.section_no] if self.section_no < len(self.sections) else None

    def notes(self) -> list[str]:
        out = [
            f"{what} {n} 处无法作为修订接受，已按现有内容读取，请核对"
            for what, n in self.unacceptable.items()
        ]
        if self.hidden:
            out.append(f"文档中有 {self.hidden} 处隐藏文字，隐藏文字打印时不显示，未导入")
        return out

    # ---- block level --------------------------------------------------------------------------

    def body(self, parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag == w("p"):
                self.para_no += 1
                self.paragraph(el, Where(para=self.para_no), self.blocks)
            elif tag == w("tbl"):
                self.table_no += 1
                even = self.even_pending  # the cells' paragraphs are read as paragraphs too
                table = self.table(el, self.table_no)
                table.even_page, self.even_pending = even, False
                self.blocks.append(table)
            elif tag == w("sdt"):
                content = el.find(w("sdtContent"))
                if content is not None:
                    self.body(content)
            elif tag in {w("customXml"), w("ins"), w("moveTo")}:
                self.body(el)
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = el.find(f"{{{_MC}}}Choice")
                self.body(choice if choice is not None else el)

    def paragraph(self, p: etree._Element, where: Where, out: list) -> None:
        ppr = p.find(w("pPr"))
        sid = None
        direct_align = direct_outline = direct_pbb = None
        num_id = ilvl = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val")) if ps is not None else None
            direct_align = align_of(ppr.find(w("jc")))
            direct_pbb = on_off(ppr.find(w("pageBreakBefore")))
            ol = ppr.find(w("outlineLvl"))
            if ol is not None and ol.get(w("val"), "").isdigit():
                lvl = int(ol.get(w("val"), "9"))
                direct_outline = lvl + 1 if lvl < 9 else 0
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                nid = numpr.find(w("numId"))
                lv = numpr.find(w("ilvl"))
                num_id = nid.get(w("val")) if nid is not None else None
                if lv is not None and lv.get(w("val"), "").isdigit():
                    ilvl = int(lv.get(w("val"), "0"))
            mark_rpr = ppr.find(w("rPr"))
            mark_deleted = mark_rpr is not None and mark_rpr.find(w("del")) is not None
        style = self.styles.info(sid)
        chunks: list[tuple[str, bool]] = list(self.carry)
        self.carry = []
        boxes: list[etree._Element] = []
        state = _RunState()
        self.runs(p, style, chunks, boxes, state)
        if mark_deleted:
            # accepting the deletion of a paragraph mark joins this paragraph with the next
            self.carry = chunks
            return
        if num_id is None and style.num_id is not None:
            num_id, ilvl = style.num_id, ilvl if ilvl is not None else style.ilvl
        label, bullet = ("", False)
        if num_id is not None:
            label, bullet = self.numbering.label(num_id, ilvl or 0)
        outline = direct_outline if direct_outline is not None else style.outline
        # A page break inside the paragraph ("\f") starts a new block on a new page.
        groups: list[list[tuple[str, bool]]] = [[]]
        for chunk in chunks:
            if chunk[0] == "\f":
                groups.append([])
            else:
                groups[-1].append(chunk)
        align = direct_align or style.align or ""
        indent = indent_of(ppr, style.indent)
        for i, group in enumerate(groups):
            text, bold, lead, trail = _assemble(group)
            if i and not text:
                self.break_pending = True
                continue
            para = Para(
                text=text,
                where=where,
                label="" if bullet or i else label,
                style=style.name,
                outline=outline or None,
                align=align,
                bold=bold,
                page_break_before=bool(
                    direct_pbb or style.page_break_before or self.break_pending or i
                ),
                font=state.font or style.font or "",
                size=state.size or style.size,
                bullet=bullet and not i,
                place=(
                    place_of(
                        lead,
                        text,
                        trail,
                        align,
                        indent,
                        state.size or style.size,
                        self.section(),
                        state.spacing if state.spacing is not None else style.spacing,
                    )
                    if where.para is not None and not (label and not i)
                    else None
                ),
            )
            self.break_pending = False
            if para.text or para.label:
                para.even_page, self.even_pending = self.even_pending and not i, False
                out.append(para)
            elif para.page_break_before:
                self.break_pending = True
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            self.break_pending = True  # a section break: the next section may start a page
            self.section_no += 1
            start = self.starts[self.section_no] if self.section_no < len(self.starts) else ""
            if start != "continuous":  # a continuous section goes on on the same page
                self.even_pending = start == "evenPage"
        for box in boxes:
            for inner in box.iter(w("p")):
                if inner.getparent() is box:
                    before = len(out)
                    self.paragraph(inner, where, out)
                    for added in out[before:]:
                        if isinstance(added, Para):
                            added.in_textbox = True
                            added.place = None

    def runs(self, parent, style, chunks, boxes, state) -> None:
        for el in parent:
            tag = el.tag
            if tag in _SKIP:
                continue
            if tag == w("r"):
                self.run(el, style, chunks, boxes, state)
            elif tag in _CONTAINERS:
                self.runs(el, style, chunks, boxes, state)
            elif tag == w("sdt"):
                content = el.find(w("sdtContent"))
                if content is not None:
                    self.runs(content, style, chunks, boxes, state)
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = el.find(f"{{{_MC}}}Choice")
                self.runs(choice if choice is not None else el, style, chunks, boxes, state)

    def run(self, r, style, chunks, boxes, state) -> None:
        rpr = r.find(w("rPr"))
        bold, hidden, font, size = run_props(rpr)
        rstyle = None
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            if rs is not None:
                rstyle = self.styles.info(rs.get(w("val")))
        if bold is None and rstyle is not None and rstyle.name:
            bold = rstyle.bold
        if bold is None:
            bold = style.bold
        if hidden is None and rstyle is not None and rstyle.name:
            hidden = rstyle.vanish
        if hidden is None:
            hidden = style.vanish
        for el in r:
            tag = el.tag
            if tag == w("fldChar"):
                kind = el.get(w("fldCharType"))
                if kind == "begin":
                    state.field_depth += 1
                    state.in_instr = True
                elif kind == "separate":
                    state.in_instr = False
                elif kind == "end":
                    state.field_depth = max(0, state.field_depth - 1)
                    state.in_instr = False
                continue
            if state.in_instr:
                continue
            text = None
            if tag == w("t"):
                text = el.text or ""
            elif tag in {w("tab"), w("ptab")}:
                text = "\t"
            elif tag == w("br"):
                if el.get(w("type")) == "page":
                    chunks.append(("\f", False))
                    continue
                text = "\n"
            elif tag == w("cr"):
                text = "\n"
            elif tag == w("noBreakHyphen"):
                text = "-"
            elif tag == w("sym"):
                code = el.get(w("char"), "")
                try:
                    cp = int(code, 16)
                except ValueError:
                    continue
                text = chr(cp) if 0x20 <= cp < 0xE000 or cp > 0xF8FF else ""
            elif (
                tag in {w("drawing"), w("pict"), w("object")} or tag == f"{{{_MC}}}AlternateContent"
            ):
                boxes.extend(_textboxes(el))
                continue
            if text is None:
                continue
            if hidden:
                if text.strip():
                    self.hidden += 1
                continue
            if text and not state.font and text.strip():
                state.font = font or (rstyle.font if rstyle else None) or ""
                state.size = size or (rstyle.size if rstyle else None)
                own = spacing_of(rpr)
                state.spacing = own if own is not None else (rstyle.spacing if rstyle else None)
            chunks.append((text, bool(bold)))

    # ---- tables --------------------------------------------------------------------------------

    def table(self, tbl: etree._Element, number: int) -> Table:
        rows: list[list[Cell]] = []
        for tr in _children(tbl, "tr"):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                continue  # a deleted row, accepted
            cells: list[Cell] = []
            for tc in _children(tr, "tc"):
                cells.append(self.cell(tc))
            rows.append(cells)
        return Table(rows=rows, where=Where(table=number))

    def cell(self, tc: etree._Element) -> Cell:
        span, merged = 1, False
        tcpr = tc.find(w("tcPr"))
        if tcpr is not None:
            gs = tcpr.find(w("gridSpan"))
            if gs is not None and gs.get(w("val"), "").isdigit():
                span = max(1, int(gs.get(w("val"), "1")))
            vm = tcpr.find(w("vMerge"))
            merged = vm is not None and vm.get(w("val"), "continue") != "restart"
            for tag, what in _UNACCEPTABLE.items():
                if tcpr.find(tag) is not None:
                    self.unacceptable[what] = self.unacceptable.get(what, 0) + 1
        paras: list[Para] = []
        for el in tc:
            if el.tag == w("p"):
                self.paragraph(el, Where(), paras)
            elif el.tag == w("tbl"):  # a nested table: its text, row by row
                inner = self.table(el, 0)
                for row in inner.rows:
                    paras.append(Para(text="\t".join(c.text for c in row), where=Where()))
            elif el.tag == w("sdt"):
                content = el.find(w("sdtContent"))
                for p in content.iter(w("p")) if content is not None else ():
                    self.paragraph(p, Where(), paras)
        text = "\n".join(p.shown for p in paras if p.shown)
        bold = bool(paras) and all(p.all_bold for p in paras if p.text)
        return Cell(text=text, span=span, merged=merged, bold=bold)


class _RunState:
    """Field nesting and the first text run's font while one paragraph's runs are read."""

    __slots__ = ("field_depth", "font", "in_instr", "size", "spacing")

    def __init__(self) -> None:
        self.field_depth = 0
        self.in_instr = False
        self.font = ""
        self.size: float | None = None
        self.spacing: float | None = None  # the first text run's character spacing, twips


def _children(el: etree._Element, tag: str):
    """Direct children named tag, looking through content controls and tracked insertions."""
    for child in el:
        if child.tag == w(tag):
            yield child
        elif child.tag in {w("sdt"), w("customXml"), w("ins")}:
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


def _textboxes(el: etree._Element) -> list[etree._Element]:
    """Text box contents inside a drawing; with mc:AlternateContent only the first choice, since
    the fallback repeats the same text."""
    found: list[etree._Element] = []
    seen_alt = set()
    for box in el.iter(w("txbxContent")):
        alt = next((a for a in box.iterancestors(f"{{{_MC}}}Fallback")), None)
        if alt is not None:
            continue
        if id(box) not in seen_alt:
            seen_alt.add(id(box))
            if not any(b in box.iterancestors(w("txbxContent")) for b in found):
                found.append(box)
    return found


def _assemble(chunks: list[tuple[str, bool]]) -> tuple[str, list[tuple[int, int]], str, str]:
    """Join run texts; bold ranges merged, then the text stripped (any space: ideographic, en,
    no-break …) with the ranges shifted; also the spaces stripped before and after it."""
    text = "".join(t for t, _ in chunks)
    ranges: list[tuple[int, int]] = []
    pos = 0
    for t, b in chunks:
        if b and t:
            if ranges and ranges[-1][1] == pos:
                ranges[-1] = (ranges[-1][0], pos + len(t))
            else:
                ranges.append((pos, pos + len(t)))
        elif t and not t.strip() and ranges and ranges[-1][1] == pos:
            ranges[-1] = (ranges[-1][0], pos + len(t))  # a plain space inside bold text
        pos += len(t)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    out = []
    for s, e in ranges:
        s, e = max(0, s - lead), min(len(stripped), e - lead)
        if e > s:
            out.append((s, e))
    return stripped, out, text[:lead], text[lead + len(stripped) :]
