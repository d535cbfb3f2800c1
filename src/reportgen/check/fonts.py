"""The formatting in effect for a run of any .docx, resolved the way Word does: the run's own
properties, then its character style, then the paragraph style and the styles it is based on (the
default paragraph style where it names none), then the document defaults.

Read by the style checks (check/styles.py: fonts and sizes of body, headings, page numbers) and by
the 公文 element checks (check/elements.py: the mark's font and colour, the 版记's font).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["effective_color", "effective_font", "run_properties", "styles_by_id"]

# Styles by id, read once per document (keyed by its part, dropped with it).
_BY_ID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def styles_by_id(doc) -> dict[str, BaseOxmlElement]:
    """The document's styles by id (the first of a repeated id, as Word takes it)."""
    cached = _BY_ID.get(doc.part)
    if cached is None:
        cached = {}
        for el in doc.styles.element.iterchildren(qn("w:style")):
            cached.setdefault(el.get(qn("w:styleId")), el)
        _BY_ID[doc.part] = cached
    return cached


def _style_chain(doc, style_id: str | None, kind: str) -> Iterator[BaseOxmlElement | None]:
    by_id = styles_by_id(doc)
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        el = by_id.get(style_id)
        if el is None:
            break
        yield el.find(qn("w:rPr"))
        based = el.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    if kind == "p" and not seen:
        default = next(
            (
                el
                for el in by_id.values()
                if el.get(qn("w:type")) == "paragraph" and el.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        if default is not None:
            yield from _style_chain(doc, default.get(qn("w:styleId")), "p")


def run_properties(doc, paragraph, run) -> list[BaseOxmlElement | None]:
    """The ``w:rPr`` elements that may set ``run``'s formatting, nearest first: the run's own, its
    character style's chain, its paragraph style's chain (None where a level has none). The
    document defaults are not among them."""
    rpr = run._r.find(qn("w:rPr"))
    chain = [rpr]
    rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
    if rstyle is not None:
        chain += list(_style_chain(doc, rstyle.get(qn("w:val")), "r"))
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    chain += list(_style_chain(doc, pstyle.get(qn("w:val")) if pstyle is not None else None, "p"))
    return chain


def _half_points(el) -> float | None:
    """A ``w:sz`` in points; None where its value is not a number of half points."""
    try:
        value = float(el.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return value / 2 if 0 < value < 10000 else None


def effective_font(doc, paragraph, run, slot: str = "eastAsia") -> tuple[str | None, float | None]:
    """(East Asian font, size in pt) in effect for ``run`` of ``paragraph``; with ``slot``
    "ascii", the font of its digits and Latin letters instead."""
    chain = run_properties(doc, paragraph, run)
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
            size = _half_points(sz)
    return font, size


def effective_color(doc, paragraph, run) -> str | None:
    """The run's colour, looked up as its font is (run, character style, paragraph style)."""
    for props in run_properties(doc, paragraph, run):
        color = props.find(qn("w:color")) if props is not None else None
        if color is not None and color.get(qn("w:val")):
            return color.get(qn("w:val"))
    return None
