"""The numbers of GB/T 9704-2012 that reportgen builds to and checks against; a checked result.

One place for them: :data:`GBT9704`, a frozen :class:`Standard` holding the page, margins, grid,
type faces and page-number spec the standard gives, and the figures that follow from them (text
block, line pitch, character spacing, characters of a title line, their twips). Everything else
reads them from here: tools/build_templates.py writes them into the templates, render/context.py
breaks lines by them, output/pdf.py substitutes the fonts they name, and ``check`` (the .docx) and
``layout`` (the PDF LibreOffice lays out) measure against them.

An office's variant would be another ``Standard`` (``dataclasses.replace`` of the default, or
validated from a file: every field is a plain typed value). The module-level names below the class
(``MARGINS_MM``, ``FONTS`` …) are read-only views of :data:`GBT9704` for the code that imports them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "CHARS_PER_LINE",
    "FONTS",
    "GBT9704",
    "LATIN_FONT",
    "LINES_PER_PAGE",
    "LINE_PITCH_PT",
    "MARGINS_MM",
    "MARGIN_TOLERANCE_MM",
    "MM_PER_PT",
    "PAGE_MM",
    "PAGE_NUMBER_FONT",
    "PAGE_NUMBER_GAP_MM",
    "PAGE_NUMBER_PT",
    "PAPER",
    "ROLES",
    "SIZES_PT",
    "TWIPS_PER_MM",
    "TWIPS_PER_PT",
    "Face",
    "Faces",
    "Finding",
    "Grid",
    "Margins",
    "Page",
    "PageNumber",
    "Standard",
    "twips",
]

MM_PER_PT = 25.4 / 72
# WordprocessingML measures lengths in twips, twentieths of a point (and character spacing in the
# same twentieths).
TWIPS_PER_PT = 20
TWIPS_PER_MM = TWIPS_PER_PT / MM_PER_PT

# The elements a document's fonts and sizes are checked for, in reading order.
ROLES = ("title", "body", "h1", "h2", "h3", "h4")


def twips(pt: float) -> int:
    """``pt`` in twips, a whole number as WordprocessingML writes it."""
    return round(pt * TWIPS_PER_PT)


@dataclass(frozen=True)
class Page:
    """The paper."""

    name: str = "A4"
    width_mm: float = 210.0
    height_mm: float = 297.0
    # Nothing is printed in the header; Word's own distance.
    header_mm: float = 15.0


@dataclass(frozen=True)
class Margins:
    """天头 (top), 订口 (left), and the right and bottom margins that follow from the text block."""

    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    tolerance_mm: float = 1.0

    def as_dict(self) -> dict[str, float]:
        return {
            "top": self.top_mm,
            "bottom": self.bottom_mm,
            "left": self.left_mm,
            "right": self.right_mm,
        }


@dataclass(frozen=True)
class Grid:
    """Lines on a page and characters on a line of the text block; paragraphs' first-line indent."""

    lines_per_page: int = 22
    chars_per_line: int = 28
    indent_chars: int = 2


@dataclass(frozen=True)
class Face:
    """An element's East Asian font and size. ``fonts`` are the names accepted when checking; the
    first is the one written into templates (仿宋 and 楷体 are also accepted without the _GB2312
    suffix: newer Windows ships them under the plain names)."""

    fonts: tuple[str, ...]
    size_pt: float

    @property
    def font(self) -> str:
        return self.fonts[0]

    @property
    def half_points(self) -> int:
        """The size as ``w:sz`` writes it."""
        return int(self.size_pt * 2)


_FANGSONG = ("仿宋_GB2312", "仿宋")


@dataclass(frozen=True)
class Faces:
    """Fonts and sizes: 2号小标宋 title, 3号仿宋 body, 黑体, 楷体, 仿宋 headings, Times New Roman
    for digits and Latin letters. ``attachment`` is the 附件 label of an attachment page (§8);
    ``table`` and ``ledger`` are the house sizes of figure tables and the rectification ledger
    (小四, so seven columns fit a portrait text block with headers on one line)."""

    latin: str = "Times New Roman"
    title: Face = Face(("方正小标宋简体", "方正小标宋_GBK", "小标宋"), 22.0)
    body: Face = Face(_FANGSONG, 16.0)
    h1: Face = Face(("黑体",), 16.0)
    h2: Face = Face(("楷体_GB2312", "楷体"), 16.0)
    h3: Face = Face(_FANGSONG, 16.0)
    h4: Face = Face(_FANGSONG, 16.0)
    attachment: Face = Face(("黑体",), 16.0)
    table: Face = Face(_FANGSONG, 14.0)
    ledger: Face = Face(_FANGSONG, 12.0)

    def role(self, name: str) -> Face:
        """The face of one of :data:`ROLES`."""
        if name not in ROLES:
            raise KeyError(name)
        face: Face = getattr(self, name)
        return face

    def east_asian(self) -> tuple[str, ...]:
        """Every East Asian font name accepted anywhere, in order, once."""
        faces = [getattr(self, f) for f in self.__dataclass_fields__ if f != "latin"]
        return tuple(dict.fromkeys(name for face in faces for name in face.fonts))


@dataclass(frozen=True)
class PageNumber:
    """4号 half-width 宋体 digits between em dashes, ``gap_mm`` below the text block; odd pages
    right and even pages left, ``indent_chars`` characters in. ``footer_mm`` is the footer's
    distance from the bottom edge that puts the number there."""

    face: Face = Face(("宋体",), 14.0)
    gap_mm: float = 7.0
    indent_chars: int = 1
    before: str = "— "
    after: str = " —"
    footer_mm: float = 24.5


@dataclass(frozen=True)
class Standard:
    """The layout numbers a document is built to and checked against, and what follows from them."""

    name: str = "GB/T 9704-2012"
    page: Page = field(default_factory=Page)
    margins: Margins = field(default_factory=Margins)
    grid: Grid = field(default_factory=Grid)
    faces: Faces = field(default_factory=Faces)
    page_number: PageNumber = field(default_factory=PageNumber)

    @property
    def text_width_mm(self) -> float:
        """The text block (版心) is 156 mm wide …"""
        return self.page.width_mm - self.margins.left_mm - self.margins.right_mm

    @property
    def text_height_mm(self) -> float:
        """… and 225 mm high."""
        return self.page.height_mm - self.margins.top_mm - self.margins.bottom_mm

    @property
    def text_width_twips(self) -> int:
        return round(self.text_width_mm * TWIPS_PER_MM)

    @property
    def line_pitch_pt(self) -> float:
        """The lines fill the text block: 225 mm / 22 lines = 28.99 pt."""
        return self.text_height_mm / self.grid.lines_per_page / MM_PER_PT

    @property
    def line_pitch_twips(self) -> int:
        """The pitch in whole twips, rounded down so that the last line stays inside (579)."""
        return math.floor(self.line_pitch_pt * TWIPS_PER_PT + 1e-9)

    def char_spacing(self, size_pt: float) -> int:
        """Character spacing in twentieths of a point that makes ``chars_per_line`` characters of
        ``size_pt`` fill a line without overflowing it: 28 × 16 pt = 448 pt do not fit 156 mm
        (442.2 pt), 28 × 15.75 pt do, so body text is set 0.25 pt tighter (−5)."""
        per_char = self.text_width_mm / MM_PER_PT / self.grid.chars_per_line
        return math.floor((per_char - size_pt) * TWIPS_PER_PT + 1e-9)

    @property
    def title_line_chars(self) -> int:
        """Title characters on a line at their natural width: 156 mm holds 20 of 22 pt."""
        return math.floor(self.text_width_mm / MM_PER_PT / self.faces.title.size_pt + 1e-9)

    def indent_twips(self, chars: float, face: Face | None = None) -> int:
        """An indent of ``chars`` characters of ``face`` (the body's by default) in twips."""
        return twips(chars * (face or self.faces.body).size_pt)


GBT9704 = Standard()

# Read-only views of GBT9704 under the names other modules import.
PAGE_MM = (GBT9704.page.width_mm, GBT9704.page.height_mm)
PAPER = f"{GBT9704.page.name} {PAGE_MM[0]:g}×{PAGE_MM[1]:g} mm"
MARGINS_MM = MappingProxyType(GBT9704.margins.as_dict())
MARGIN_TOLERANCE_MM = GBT9704.margins.tolerance_mm
LINES_PER_PAGE = GBT9704.grid.lines_per_page
CHARS_PER_LINE = GBT9704.grid.chars_per_line
LINE_PITCH_PT = GBT9704.line_pitch_pt
LATIN_FONT = GBT9704.faces.latin
FONTS = MappingProxyType({r: GBT9704.faces.role(r).fonts for r in ROLES})
SIZES_PT = MappingProxyType({r: GBT9704.faces.role(r).size_pt for r in ROLES})
PAGE_NUMBER_FONT = GBT9704.page_number.face.fonts
PAGE_NUMBER_PT = GBT9704.page_number.face.size_pt
PAGE_NUMBER_GAP_MM = GBT9704.page_number.gap_mm


@dataclass(frozen=True)
class Finding:
    """One rule checked on one document: what was measured against what the standard wants."""

    rule: str
    ok: bool
    measured: str
    expected: str

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.rule}：{self.measured}（应为 {self.expected}）"
