"""The 汇编: every district's report bound into one volume, with a cover and a table of contents
whose page numbers are computed here, so Word and WPS show them without updating any field.

How the volume is laid out:

- the cover, a blank back, the table of contents (and a blank page when it ends on a recto), then
  the reports; each report starts on an odd (recto) page: after a report with an odd number of
  pages comes a blank page. The cover, the contents and the blank pages carry no page number;
- page numbers run through the reports from 1 (``running``), or start again at 1 with each report
  (``restart``, the contents then give each report's number of pages);
- each report keeps its own content, styles and page setup: the reports are appended with
  docxcompose (a maintained library that merges styles, numbering, images and relationships),
  and each gets a section of its own (python-docx's sections: next-odd-page start, page-number
  restart, the reports' page-number footers; blank footers for the rest).

The page numbers come from LibreOffice laying out each report and the front matter
(output/pdf_many, one LibreOffice process for all), the same layout ``check --layout`` measures;
with ``pdf`` the whole volume is converted and its page count checked against the plan.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ..command import command
from ..errors import ConversionError, Diagnostic, OutputError
from ..gbt9704 import Standard, national
from ..output.pdf_many import convert_many, pdf_pages
from ..output.write import write_atomic
from ..render.nsfix import keep_core_prefix
from ..render.ooxml_order import reorder
from ..text.titles import break_title

__all__ = ["NUMBERING", "Part", "Volume", "compile_volume", "plan", "volume_title"]

NUMBERING = ("running", "restart")
Progress = Callable[[int, int], None]


@dataclass
class Part:
    """One report in the volume: where it starts (the page number printed on its first page, and
    the physical page, counting the cover as 1) and how many pages it has."""

    source: Path
    title: str
    pages: int = 0
    start: int = 0  # printed number of its first page
    sheet: int = 0  # physical page of its first page


@dataclass
class Volume:
    path: Path
    parts: list[Part]
    numbering: str
    front: int  # pages before the first report: cover, its back, contents, padding
    pages: int  # physical pages of the whole volume as planned
    pdf: Path | None = None
    notes: list[str] = field(default_factory=list)


def _pad(n: int) -> int:
    """Pages including the blank one that makes the next part start on a recto."""
    return n + (n % 2)


def plan(parts: list[Part], front: int, numbering: str) -> int:
    """Fill in each part's start and sheet; returns the volume's physical page count."""
    sheet, number = _pad(front) + 1, 1
    for p in parts:
        p.sheet = sheet
        p.start = 1 if numbering == "restart" else number
        number = p.start + _pad(p.pages)
        sheet += _pad(p.pages)
    last = parts[-1] if parts else None
    return (last.sheet + last.pages - 1) if last else _pad(front)


# ---- building ------------------------------------------------------------------------------


def _base(source: Path):
    """A document with the first report's styles, settings, page setup and footers, empty."""
    doc = Document(str(source))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _footer_refs(sectPr) -> dict[str, str]:
    return {
        ref.get(qn("w:type")): ref.get(qn("r:id"))
        for ref in sectPr.findall(qn("w:footerReference"))
    }


def _set_footers(sectPr, refs: dict[str, str]) -> None:
    for ref in sectPr.findall(qn("w:headerReference")) + sectPr.findall(qn("w:footerReference")):
        sectPr.remove(ref)
    for kind, rid in refs.items():
        ref = OxmlElement("w:footerReference")
        ref.set(qn("w:type"), kind)
        ref.set(qn("r:id"), rid)
        sectPr.insert(0, ref)


def _restart(sectPr, start: int | None) -> None:
    for old in sectPr.findall(qn("w:pgNumType")):
        sectPr.remove(old)
    if start is not None:
        el = OxmlElement("w:pgNumType")
        el.set(qn("w:start"), str(start))
        sectPr.append(el)


def _centered(doc, text: str, style: str):
    p = doc.add_paragraph(text, style=style)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = 0
    return p


class _Sections:
    """The volume's sections as they are made, each with its role: ``front`` (cover, contents,
    blank pages: no page number) or ``report``."""

    def __init__(self, doc):
        self.doc = doc
        self.made: list[tuple[str, BaseOxmlElement]] = []  # role, the section's w:sectPr

    def end(self, role: str) -> None:
        """End the current section (it had ``role``); what follows starts on the next page."""
        self.doc.add_section(WD_SECTION.NEW_PAGE)
        self.made.append((role, self.doc.sections[-2]._sectPr))

    def close(self, role: str) -> None:
        """The last section (the body's own properties) had ``role``."""
        self.made.append((role, self.doc.element.body.find(qn("w:sectPr"))))

    def finish(self, page_refs: dict[str, str], numbering: str) -> None:
        """Footers, start and numbering of every section, by its role: new empty footers for the
        front matter and blank pages, the reports' page-number footers for the reports."""
        first = self.made[0][1]
        _set_footers(first, {})
        section = self.doc.sections[0]
        section.footer.is_linked_to_previous = False  # a new, empty footer
        section.even_page_footer.is_linked_to_previous = False
        blank_refs = _footer_refs(first)
        n_report = 0
        for role, sectPr in self.made:
            start = sectPr.find(qn("w:type"))
            if start is not None:
                sectPr.remove(start)
            if role == "report":
                n_report += 1
                _set_footers(sectPr, page_refs)
                _restart(sectPr, 1 if numbering == "restart" or n_report == 1 else None)
                kind = "oddPage"
            else:
                _set_footers(sectPr, blank_refs)
                _restart(sectPr, None)
                kind = "nextPage"
            if sectPr is not first:
                el = OxmlElement("w:type")
                el.set(qn("w:val"), kind)
                sectPr.append(el)
            reorder(sectPr)


def _blank(doc) -> None:
    doc.add_paragraph("", style="Normal")


def _front(
    doc, sections: _Sections, title: str, lines: Sequence[str], entries, pad: bool, chars: int
) -> str:
    """Cover, its blank back, the contents (and a blank page after them when ``pad``); returns
    the role of the section left open. ``chars``: a title line's characters (the profile's)."""
    for _ in range(6):
        _blank(doc)
    heading = _centered(doc, "", "公文标题")
    for i, line in enumerate(break_title(title, chars)):
        if i:
            heading.add_run().add_break()
        heading.add_run(line)
    for _ in range(8):
        _blank(doc)
    for i, line in enumerate(lines):  # the compiler as a signature, the date as its date
        p = _centered(doc, line, "成文日期" if i == len(lines) - 1 else "署名")
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = 0
    sections.end("front")
    _blank(doc)
    sections.end("front")
    _centered(doc, "目　　录", "公文标题")
    _blank(doc)
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    for name, page in entries:
        p = doc.add_paragraph(f"{name}\t{page}", style="Normal")
        p.paragraph_format.first_line_indent = 0
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    if pad:
        sections.end("front")
        _blank(doc)
    return "front"


def _build(
    parts: list[Part],
    title: str,
    lines: Sequence[str],
    numbering: str,
    pad: bool,
    *,
    front_only: bool = False,
    standard: Standard | None = None,
):
    from docxcompose.composer import Composer

    keep_core_prefix()  # docxcompose remaps python-docx's cp prefix on import: see render/nsfix
    doc = _base(parts[0].source)
    page_refs = _footer_refs(doc.element.body.find(qn("w:sectPr")))
    sections = _Sections(doc)
    entries = [
        (p.title, f"共{p.pages}页" if numbering == "restart" else str(p.start)) for p in parts
    ]
    chars = (standard or national()).title_line_chars
    role = _front(doc, sections, title, lines, entries, pad, chars)
    if front_only:
        sections.close(role)
        sections.finish(page_refs, numbering)
        return doc
    sections.end(role)
    composer = Composer(doc)
    for i, part in enumerate(parts):
        composer.append(Document(str(part.source)), remove_property_fields=False)
        if i == len(parts) - 1:
            break
        sections.end("report")
        if part.pages % 2:
            _blank(doc)
            sections.end("front")
    sections.close("report")
    sections.finish(page_refs, numbering)
    doc.core_properties.title = title
    return doc


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def compile_volume(
    reports: Sequence[tuple[str | Path, str]],
    output: str | Path,
    *,
    title: str,
    lines: Sequence[str] = (),
    numbering: str = "running",
    pdf: str | Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    standard: Standard | None = None,
) -> Volume:
    """Bind ``reports`` ((.docx, title) in order) into ``output``; see the module docstring.
    ``lines`` are printed under the title on the cover (the compiler, the date); ``standard`` is
    the reports' layout profile (the cover's title lines; the styles are the first report's). Raises
    ConversionError when LibreOffice cannot lay out a report (its pages cannot be counted)."""
    if numbering not in NUMBERING:
        raise ValueError(numbering)
    output = Path(output)
    if not reports:
        raise OutputError.single(output, "没有可以汇编的报告", "检查各地区的文件是否都出错了")
    parts = [Part(Path(p), t) for p, t in reports]
    with tempfile.TemporaryDirectory(prefix="reportgen-compile-") as tmp:
        work = Path(tmp)
        done = convert_many(
            [(p.source, work / f"{i}.pdf") for i, p in enumerate(parts)],
            workers=workers,
            progress=progress,
        )
        failed = [c.error for c in done if c.error is not None]
        if failed:
            raise ConversionError([d for e in failed for d in e.diagnostics])
        for p, c in zip(parts, done, strict=True):
            p.pages = pdf_pages(c.pdf)
        plan(parts, 2, numbering)
        # The contents' length decides the blank page after them: lay them out to count.
        front_doc = _build(
            parts, title, lines, numbering, False, front_only=True, standard=standard
        )
        (work / "front.docx").write_bytes(_save(front_doc))
        (front,) = convert_many([(work / "front.docx", work / "front.pdf")], workers=1)
        if front.error is not None:
            raise front.error
        front_pages = pdf_pages(front.pdf)
        total = plan(parts, front_pages, numbering)
        doc = _build(parts, title, lines, numbering, bool(front_pages % 2), standard=standard)
        written = write_atomic(output, _save(doc))
    volume = Volume(written, parts, numbering, _pad(front_pages), total)
    if pdf is not None:
        (converted,) = convert_many([(written, Path(pdf))], workers=1, timeout=600)
        if converted.error is not None:
            raise converted.error
        volume.pdf = converted.pdf
        got = pdf_pages(converted.pdf)
        if got != total:
            volume.notes.append(
                str(
                    Diagnostic(
                        file=str(converted.pdf),
                        message=f"汇编排出 {got} 页，与目录按各报告页数算出的 {total} 页不同",
                        hint=f"目录中的页码可能不准；用 {command('check --layout')} 检查",
                        severity="warning",
                    )
                )
            )
    return volume


def volume_title(districts) -> str:
    """The 汇编's title from what it binds: 2019年度各地区履行教育职责问题整改报告汇编 when the
    reports share a year and a kind."""
    from ..read.wording import load_wording

    ok = [d for d in districts if d.ok]
    years = {d.year for d in ok}
    kinds = {d.kind for d in ok}
    year = f"{years.pop()}年度" if len(years) == 1 and None not in years else ""
    if len(kinds) == 1:
        kind = kinds.pop()
        template = load_wording()["titles"].get(kind, "")
        what = template.split("{region}")[-1].format(year="", review="自查") if template else ""
        if kind == "self_assessment":
            what = "履行教育职责情况自查（自评）报告"
        if what:
            return f"{year}各地区{what}汇编"
    return f"{year}各地区报告汇编"
