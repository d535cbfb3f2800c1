"""Where a .docx paragraph's first line stands (:class:`~reportgen.importer.blocks.Place`).

The text block is as wide as its section's page less the left and right margins (w:sectPr); a
character of the paragraph's size is that size in twips, plus the document grid's extra pitch
where the section sets a character grid (w:docGrid charSpace), plus the run's character spacing
(w:spacing w:val: 字符间距, as GB/T 9704 templates set to fit 28 characters to a line). The
paragraph's indents (w:ind, in twips or in hundredths of a character) narrow the line; its
alignment and the spaces before or after its text say where the text stands. A tab or an
automatic number makes the place unknown (their width depends on tab stops), as does
justified-to-both-ends distribution.

Only what a signature and a date need is measured: enough to tell a sealed signature (the date
four characters from the right, the issuer centred over it) from an unsealed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..text.cjk import text_width
from .blocks import Place
from .docx_styles import Indent, w

__all__ = ["Section", "place_of", "section_starts", "sections_of"]

_TWIPS_PER_POINT = 20
_DEFAULT_SIZE_PT = 10.0  # a run with no size anywhere in its style chain (ECMA-376 §17.3.2.38)


@dataclass(frozen=True)
class Section:
    """A section's text block width (twips) and the extra pitch its character grid adds."""

    width: int
    char_extra: float = 0.0


def _int(el: etree._Element | None, attr: str) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(w(attr), ""))
    except ValueError:
        return None


def _section(sect: etree._Element) -> Section | None:
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    page, left, right = _int(size, "w"), _int(margins, "left"), _int(margins, "right")
    if page is None or left is None or right is None or page - left - right <= 0:
        return None
    grid = sect.find(w("docGrid"))
    extra = 0.0
    if grid is not None and grid.get(w("type")) in ("linesAndChars", "snapToChars"):
        space = _int(grid, "charSpace")
        if space is not None:
            extra = space / 4096 * _TWIPS_PER_POINT  # charSpace: 1/4096 point
    return Section(page - left - right, extra)


def sections_of(body: etree._Element) -> list[Section | None]:
    """The sections of a document body in order: each paragraph's w:sectPr ends one, the body's
    last w:sectPr is the last."""
    return [_section(s) for s in body.iter(w("sectPr"))]


def section_starts(body: etree._Element) -> list[str]:
    """How each section of a document body starts (w:type: nextPage, evenPage, oddPage,
    continuous, nextColumn; nextPage where it says nothing), in the order of sections_of."""
    out = []
    for sect in body.iter(w("sectPr")):
        kind = sect.find(w("type"))
        out.append(kind.get(w("val"), "nextPage") if kind is not None else "nextPage")
    return out


def place_of(
    lead: str,
    text: str,
    trail: str,
    align: str,
    indent: Indent | None,
    size_pt: float | None,
    section: Section | None,
    spacing: float | None = None,
) -> Place | None:
    """Where ``text`` stands on its first line, with ``lead`` and ``trail`` the spaces read before
    and after it; None where that cannot be told."""
    if section is None or "\t" in lead + text + trail or "\n" in text:
        return None
    pitch = (size_pt or _DEFAULT_SIZE_PT) * _TWIPS_PER_POINT + section.char_extra + (spacing or 0)
    if pitch <= 0:
        return None
    ind = dict(indent or ())

    def chars(name: str) -> float:
        if f"{name}Chars" in ind:
            return ind[f"{name}Chars"] / 100
        return ind.get(name, 0) / pitch

    line = section.width / pitch
    left, right = chars("left"), chars("right")
    first = -chars("hanging") if ("hanging" in ind or "hangingChars" in ind) else chars("firstLine")
    before, width, after = text_width(lead), text_width(text), text_width(trail)
    if align in ("", "left", "both", "start"):
        start = left + first + before
    elif align in ("right", "end"):
        start = line - right - after - width
    elif align == "center":
        room = line - left - right - first
        start = left + first + (room - before - width - after) / 2 + before
    else:  # distribute, thaiDistribute: spread over the line
        return None
    return Place(start, start + width, line)
