"""Build .docx inputs for the import tests with python-docx, plus the raw XML python-docx has no
API for: automatic numbering (numbering.xml abstractNum/num), tracked changes, hidden text."""

from __future__ import annotations

import copy
import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")

# 一、 （一） 1. （1） as Word's "Chinese outline" list: levels 0–3.
OUTLINE_LEVELS = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
    ("decimalEnclosedCircle", "%5"),
]


def abstract_num(aid: int, levels=OUTLINE_LEVELS, style_links: dict[int, str] | None = None) -> str:
    lvls = []
    for i, (fmt, text) in enumerate(levels):
        pstyle = f'<w:pStyle w:val="{style_links[i]}"/>' if style_links and i in style_links else ""
        lvls.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        )
    return f'<w:abstractNum {W} w:abstractNumId="{aid}">{"".join(lvls)}</w:abstractNum>'


def add_numbering(
    document, aid: int, num_ids: list[int], restart: dict[int, int] | None = None, levels=None
) -> None:
    """An abstractNum ``aid`` and w:num instances pointing at it; ``restart`` maps a numId to a
    startOverride of level 0."""
    numbering = document.part.numbering_part.element
    ab = parse_xml(abstract_num(aid, levels or OUTLINE_LEVELS))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(ab)
    else:
        numbering.append(ab)
    for nid in num_ids:
        override = ""
        if restart and nid in restart:
            start = f'<w:startOverride w:val="{restart[nid]}"/>'
            override = f'<w:lvlOverride w:ilvl="0">{start}</w:lvlOverride>'
        numbering.append(
            parse_xml(
                f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'
            )
        )


def number(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def run_xml(text: str, bold: bool = False, extra_rpr: str = "") -> str:
    b = "<w:b/>" if bold else ""
    return f'<w:r {W}><w:rPr>{b}{extra_rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def append_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def indent(paragraph, **attrs: int) -> None:
    """w:ind attributes python-docx has no API for, e.g. ``rightChars=400`` (4 characters)."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, value in attrs.items():
        ind.set(qn(f"w:{name}"), str(value))


def tracked_paragraph(document, parts: list[tuple[str, str]]):
    """A paragraph of ("", text) plain runs, ("ins", text) insertions, ("del", text) deletions."""
    p = document.add_paragraph()
    for kind, text in parts:
        if kind == "ins":
            append_xml(
                p,
                f'<w:ins {W} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>',
            )
        elif kind == "del":
            append_xml(
                p,
                f'<w:del {W} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>',
            )
        else:
            p.add_run(text)
    return p


def delete_mark(paragraph) -> None:
    """Mark the paragraph's mark as deleted (tracked): accepting it joins with the next one."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:rPr {W}><w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
        )
    )


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def new() -> docx.Document:
    return docx.Document()


def clone(element):
    return copy.deepcopy(element)
