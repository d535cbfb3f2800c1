"""Paragraph and character styles of a .docx (styles.xml), resolved through their basedOn chains.

Word keeps much of what makes a heading a heading in its style, not in the paragraph: the outline
level, the automatic numbering (numPr), bold, centring, the font and size. This module answers,
for a style id, what the paragraph or run inherits, the way Word resolves it: the style itself,
then the style it is based on, then the document defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lxml import etree

__all__ = [
    "Indent",
    "StyleInfo",
    "Styles",
    "W",
    "align_of",
    "indent_of",
    "on_off",
    "run_props",
    "spacing_of",
    "w",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


@cache
def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w("p") → {ns}p."""
    return f"{{{W}}}{tag}"


def on_off(el: etree._Element | None) -> bool | None:
    """A w:b-like toggle: None when absent, False for val 0/false/off, else True."""
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in {"0", "false", "off", "none"}


# A paragraph's w:ind as (attribute, value) pairs: left, right, firstLine, hanging in twips and
# their …Chars forms in hundredths of a character (start/end are read as left/right).
Indent = tuple[tuple[str, int], ...]
_IND_NAMES = {
    "start": "left",
    "end": "right",
    "startChars": "leftChars",
    "endChars": "rightChars",
}
_IND_ATTRS = (
    "left",
    "right",
    "firstLine",
    "hanging",
    "leftChars",
    "rightChars",
    "firstLineChars",
    "hangingChars",
)


def indent_of(ppr: etree._Element | None, parent: Indent | None = None) -> Indent | None:
    """The w:ind of a w:pPr over the one it inherits (``parent``), attribute by attribute."""
    ind = ppr.find(w("ind")) if ppr is not None else None
    if ind is None:
        return parent
    values = dict(parent or ())
    for key, raw in ind.attrib.items():
        name = key.removeprefix(f"{{{W}}}")
        name = _IND_NAMES.get(name, name)
        if name in _IND_ATTRS:
            try:
                values[name] = int(raw)
            except ValueError:
                continue
    return tuple(sorted(values.items()))


@dataclass(frozen=True)
class StyleInfo:
    """What a style (with its ancestors) gives a paragraph or a run; None where it says nothing."""

    name: str = ""
    outline: int | None = None  # 1..9
    align: str | None = None
    bold: bool | None = None
    vanish: bool | None = None
    num_id: str | None = None
    ilvl: int | None = None
    page_break_before: bool | None = None
    font: str | None = None
    size: float | None = None
    indent: Indent | None = None
    spacing: float | None = None  # character spacing, twips


def _pick(*values):
    for v in values:
        if v is not None:
            return v
    return None


def align_of(jc: etree._Element | None) -> str | None:
    if jc is None:
        return None
    val = jc.get(w("val"), "")
    return {"start": "left", "end": "right", "distribute": "both", "justify": "both"}.get(val, val)


def run_props(
    rpr: etree._Element | None,
) -> tuple[bool | None, bool | None, str | None, float | None]:
    """(bold, hidden, East Asian font, size in pt) set directly in a w:rPr."""
    if rpr is None:
        return None, None, None, None
    fonts = rpr.find(w("rFonts"))
    font = None
    if fonts is not None:
        font = fonts.get(w("eastAsia")) or fonts.get(w("ascii")) or None
    sz = rpr.find(w("sz"))
    size = None
    if sz is not None:
        try:
            size = int(sz.get(w("val"), "")) / 2
        except ValueError:
            size = None
    return on_off(rpr.find(w("b"))), on_off(rpr.find(w("vanish"))), font, size


def spacing_of(rpr: etree._Element | None) -> float | None:
    """Character spacing set directly in a w:rPr (w:spacing w:val, twips added after each
    character: 字符间距 加宽/紧缩), None where it says nothing."""
    el = rpr.find(w("spacing")) if rpr is not None else None
    if el is None:
        return None
    try:
        return float(el.get(w("val"), ""))
    except ValueError:
        return None


class Styles:
    """The styles of one document; lookups are memoised per style id."""

    def __init__(self, root: etree._Element | None):
        self._raw: dict[str, etree._Element] = {}
        self._memo: dict[str | None, StyleInfo] = {}
        self.default_para: str | None = None
        self.defaults = StyleInfo()
        if root is None:
            return
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            self._raw[sid] = st
            default = st.get(w("default"), "").lower() in {"1", "true", "on"}
            if st.get(w("type")) == "paragraph" and default:
                self.default_para = sid
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        bold, vanish, font, size = run_props(rpr)
        ppr = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        self.defaults = StyleInfo(
            bold=bold,
            vanish=vanish,
            font=font,
            size=size,
            indent=indent_of(ppr),
            spacing=spacing_of(rpr),
        )

    def info(self, sid: str | None) -> StyleInfo:
        """What style ``sid`` (None: the default paragraph style) gives, document defaults
        filling what no style in its chain says."""
        if sid in self._memo:
            return self._memo[sid]
        own = self._resolve(sid if sid is not None else self.default_para, 0)
        d = self.defaults
        info = StyleInfo(
            name=own.name,
            outline=own.outline or None,
            align=own.align,
            bold=_pick(own.bold, d.bold),
            vanish=_pick(own.vanish, d.vanish),
            num_id=own.num_id,
            ilvl=own.ilvl,
            page_break_before=own.page_break_before,
            font=_pick(own.font, d.font),
            size=_pick(own.size, d.size),
            indent=_merge(own.indent, d.indent),
            spacing=_pick(own.spacing, d.spacing),
        )
        self._memo[sid] = info
        return info

    def _resolve(self, sid: str | None, depth: int) -> StyleInfo:
        st = self._raw.get(sid or "")
        if st is None or depth > 20:  # a basedOn loop in a damaged file stops here
            return StyleInfo()
        based = st.find(w("basedOn"))
        parent = self._resolve(based.get(w("val")) if based is not None else None, depth + 1)
        name_el = st.find(w("name"))
        name = name_el.get(w("val"), sid) if name_el is not None else (sid or "")
        ppr = st.find(w("pPr"))
        outline = align = num_id = ilvl = pbb = None
        indent = indent_of(ppr, parent.indent)
        if ppr is not None:
            ol = ppr.find(w("outlineLvl"))
            if ol is not None and ol.get(w("val"), "").isdigit():
                lvl = int(ol.get(w("val"), "9"))
                outline = lvl + 1 if lvl < 9 else 0  # 9 = body text
            align = align_of(ppr.find(w("jc")))
            pbb = on_off(ppr.find(w("pageBreakBefore")))
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                nid = numpr.find(w("numId"))
                lv = numpr.find(w("ilvl"))
                num_id = nid.get(w("val")) if nid is not None else None
                if lv is not None and lv.get(w("val"), "").isdigit():
                    ilvl = int(lv.get(w("val"), "0"))
        m = _HEADING_NAME.match(name)
        if outline is None and m and m.group(1) != "0":
            outline = int(m.group(1))
        bold, vanish, font, size = run_props(st.find(w("rPr")))
        return StyleInfo(
            name=name,
            outline=_pick(outline, parent.outline),
            align=_pick(align, parent.align),
            bold=_pick(bold, parent.bold),
            vanish=_pick(vanish, parent.vanish),
            num_id=_pick(num_id, parent.num_id),
            ilvl=_pick(ilvl, parent.ilvl),
            page_break_before=_pick(pbb, parent.page_break_before),
            font=_pick(font, parent.font),
            size=_pick(size, parent.size),
            indent=indent,
            spacing=_pick(spacing_of(st.find(w("rPr"))), parent.spacing),
        )


def _merge(own: Indent | None, base: Indent | None) -> Indent | None:
    if own is None or base is None:
        return own if own is not None else base
    return tuple(sorted({**dict(base), **dict(own)}.items()))
