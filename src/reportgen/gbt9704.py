"""The layout numbers reportgen builds to and checks against: a :class:`Standard`; a checked result.

A Standard holds the page, margins, grid, type faces and page-number form, and derives the rest
(text block, line pitch, character spacing, characters of a title line, their twips). Its numbers
are not written here: they are a *profile* in data/profiles/ (read/profile.py loads and checks it),
national.yaml holding GB/T 9704-2012's and an office's variation naming it as its base. The
national one is :data:`GBT9704`, read on first use. Everything else takes a Standard:
render/templates_build.py writes it into the templates, render/context.py breaks lines by it,
output/pdf.py substitutes the fonts it names, and ``check`` (the .docx) and ``layout`` (the PDF
LibreOffice lays out) measure against it.

Each field carries its Chinese name (``label``) for the messages about a profile file. The
module-level names ``MARGINS_MM``, ``FONTS`` … are read-only views of :data:`GBT9704` for the code
that imports them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

# GBT9704 and the views in _VIEWS are module attributes made on first use (__getattr__ below).
__all__ = [
    "MM_PER_PT",
    "ROLES",
    "TWIPS_PER_MM",
    "TWIPS_PER_PT",
    "Elements",
    "Face",
    "Faces",
    "Finding",
    "Grid",
    "Margins",
    "Page",
    "PageNumber",
    "Standard",
    "national",
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


def _named(label: str, *, optional: bool = False) -> dict[str, Any]:
    """A field's metadata: its Chinese name; ``optional`` ones may be left out of a profile."""
    return {"label": label, "optional": optional}


@dataclass(frozen=True)
class Page:
    """The paper."""

    name: str = field(metadata=_named("纸张名称"))
    width_mm: float = field(metadata=_named("纸张宽度（毫米）"))
    height_mm: float = field(metadata=_named("纸张高度（毫米）"))
    header_mm: float = field(metadata=_named("页眉距纸张上边（毫米）"))  # nothing is printed there


@dataclass(frozen=True)
class Margins:
    """天头 (top), 订口 (left), and the right and bottom margins that follow from the text block."""

    top_mm: float = field(metadata=_named("上边距（天头，毫米）"))
    bottom_mm: float = field(metadata=_named("下边距（毫米）"))
    left_mm: float = field(metadata=_named("左边距（订口，毫米）"))
    right_mm: float = field(metadata=_named("右边距（毫米）"))
    tolerance_mm: float = field(metadata=_named("边距允许误差（毫米）"))

    def as_dict(self) -> dict[str, float]:
        return {
            "top": self.top_mm,
            "bottom": self.bottom_mm,
            "left": self.left_mm,
            "right": self.right_mm,
        }


@dataclass(frozen=True)
class Grid:
    """Lines on a page and characters on a line of the text block; paragraphs' first-line indent.
    The lines fill the text block unless ``line_pitch_pt`` fixes their distance (固定值 28 磅)."""

    lines_per_page: int = field(metadata=_named("每页行数"))
    chars_per_line: int = field(metadata=_named("每行字数"))
    indent_chars: int = field(metadata=_named("段首缩进（字）"))
    line_pitch_pt: float | None = field(
        default=None, metadata=_named("固定行距（磅）", optional=True)
    )


@dataclass(frozen=True)
class Face:
    """An element's East Asian font and size. ``fonts`` are the names accepted when checking; the
    first is the one written into templates (仿宋 and 楷体 are also accepted without the _GB2312
    suffix: newer Windows ships them under the plain names)."""

    fonts: tuple[str, ...] = field(metadata=_named("字体（第一个写入模板，其余检查时也认可）"))
    size_pt: float = field(metadata=_named("字号（磅）"))

    @property
    def font(self) -> str:
        return self.fonts[0]

    @property
    def half_points(self) -> int:
        """The size as ``w:sz`` writes it."""
        return round(self.size_pt * 2)


@dataclass(frozen=True)
class Faces:
    """Fonts and sizes: 2号小标宋 title, 3号仿宋 body, 黑体, 楷体, 仿宋 headings, Times New Roman
    for digits and Latin letters. ``attachment`` is the 附件 label of an attachment page (§8);
    ``table`` and ``ledger`` are the house sizes of figure tables and the rectification ledger
    (小四, so seven columns fit a portrait text block with headers on one line)."""

    latin: str = field(metadata=_named("数字和西文字体"))
    title: Face = field(metadata=_named("标题"))
    body: Face = field(metadata=_named("正文"))
    h1: Face = field(metadata=_named("一级标题"))
    h2: Face = field(metadata=_named("二级标题"))
    h3: Face = field(metadata=_named("三级标题"))
    h4: Face = field(metadata=_named("四级标题"))
    attachment: Face = field(metadata=_named("附件标签"))
    table: Face = field(metadata=_named("数据表"))
    ledger: Face = field(metadata=_named("整改台账"))

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
    """Half-width digits between ``before`` and ``after`` (— 1 —), ``gap_mm`` below the text
    block; ``position`` outside: odd pages right and even pages left, ``indent_chars`` characters
    in (GB/T 9704 §7.5), or centre. ``footer_mm`` is the footer's distance from the bottom edge
    that puts the number there."""

    face: Face = field(metadata=_named("页码字体字号"))
    gap_mm: float = field(metadata=_named("页码在版心下（毫米）"))
    indent_chars: int = field(metadata=_named("页码离边（字）"))
    before: str = field(metadata=_named("页码前的文字"))
    after: str = field(metadata=_named("页码后的文字"))
    footer_mm: float = field(metadata=_named("页脚距纸张下边（毫米）"))
    position: Literal["outside", "centre"] = field(
        metadata=_named("页码位置（outside：单页右、双页左；centre：居中）")
    )


@dataclass(frozen=True)
class Elements:
    """Where the 公文's other elements stand (GB/T 9704 §7.2–§7.4), for the documents that have
    them.

    版头: the 发文机关标志 (``mark``, in ``mark_color``; its size the standard leaves to the
    office) has its top edge ``mark_top_mm`` below the text block's top; a joint mark's lines
    stand ``mark_pitch`` times its size apart; 发文字号 (and 签发人) ``number_gap_lines`` blank
    lines below it; the red line ``rule_gap_mm`` below 发文字号, ``rule_mm`` thick (the standard
    gives no thickness); the title ``title_gap_lines`` blank lines below the red line. 份号 has
    ``copy_digits`` digits; 密级 and 紧急程度 are in ``urgent``'s face; 签发人's name in
    ``signer``'s. Sealed signature (§7.3.5.1): the date ``sealed_date_right_chars`` characters
    from the right, the issuer ``sealed_blank_lines`` blank lines below the body. 版记 (§7.4): in
    ``imprint``'s face, ``imprint_indent_chars`` in on each side, between lines
    ``imprint_thick_mm`` (first and last) and ``imprint_thin_mm`` (between its parts) thick."""

    mark: Face = field(metadata=_named("发文机关标志字体字号"))
    mark_color: str = field(metadata=_named("发文机关标志颜色（RGB 十六进制）"))
    mark_top_mm: float = field(metadata=_named("发文机关标志上边缘距版心上边缘（毫米）"))
    mark_pitch: float = field(metadata=_named("联合行文标志的行距（字高的倍数）"))
    number_gap_lines: int = field(metadata=_named("发文字号在标志下空几行"))
    rule_gap_mm: float = field(metadata=_named("红色分隔线在发文字号下（毫米）"))
    rule_mm: float = field(metadata=_named("红色分隔线粗细（毫米）"))
    title_gap_lines: int = field(metadata=_named("标题在红色分隔线下空几行"))
    copy_digits: int = field(metadata=_named("份号位数"))
    urgent: Face = field(metadata=_named("密级和紧急程度字体字号"))
    signer: Face = field(metadata=_named("签发人姓名字体字号"))
    sealed_date_right_chars: int = field(metadata=_named("加盖印章时成文日期右空（字）"))
    sealed_blank_lines: int = field(metadata=_named("加盖印章时署名在正文下空几行"))
    imprint: Face = field(metadata=_named("版记字体字号"))
    imprint_indent_chars: int = field(metadata=_named("版记左右各空（字）"))
    imprint_thick_mm: float = field(metadata=_named("版记首末条分隔线粗细（毫米）"))
    imprint_thin_mm: float = field(metadata=_named("版记中间分隔线粗细（毫米）"))

    @property
    def mark_pitch_pt(self) -> float:
        """The distance of two lines of a joint issuers' mark."""
        return self.mark.size_pt * self.mark_pitch


@dataclass(frozen=True)
class Standard:
    """The layout numbers a document is built to and checked against, and what follows from them."""

    name: str = field(metadata=_named("方案名称"))
    page: Page = field(metadata=_named("纸张"))
    margins: Margins = field(metadata=_named("页边距"))
    grid: Grid = field(metadata=_named("版心的行和字"))
    faces: Faces = field(metadata=_named("字体字号"))
    page_number: PageNumber = field(metadata=_named("页码"))
    elements: Elements = field(metadata=_named("公文要素（版头、署名、版记）"))

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
        """The lines fill the text block, 225 mm / 22 lines = 28.99 pt, unless the grid fixes
        their distance."""
        if self.grid.line_pitch_pt is not None:
            return self.grid.line_pitch_pt
        return self.text_height_mm / self.grid.lines_per_page / MM_PER_PT

    @property
    def kept_block_pt(self) -> float:
        """The tallest block of table rows kept together on one page (the house's rule, not the
        standard's): a third of the text block's lines, the blank a page's foot may be left
        (check --layout's 页面留白). A kept block that does not fit moves whole to the next page,
        leaving less than its height blank."""
        return self.grid.lines_per_page // 3 * self.line_pitch_pt

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

    @property
    def paper(self) -> str:
        """A4 210×297 mm, as a message names it."""
        return f"{self.page.name} {self.page.width_mm:g}×{self.page.height_mm:g} mm"


def national() -> Standard:
    """GB/T 9704-2012's numbers (data/profiles/national.yaml), read and checked once."""
    from .read.profile import load_profile

    return load_profile("national")


# Read-only views of GBT9704 under the names other modules import, made on first use.
_VIEWS = {
    "PAGE_MM": lambda s: (s.page.width_mm, s.page.height_mm),
    "PAPER": lambda s: s.paper,
    "MARGINS_MM": lambda s: MappingProxyType(s.margins.as_dict()),
    "MARGIN_TOLERANCE_MM": lambda s: s.margins.tolerance_mm,
    "LINES_PER_PAGE": lambda s: s.grid.lines_per_page,
    "CHARS_PER_LINE": lambda s: s.grid.chars_per_line,
    "LINE_PITCH_PT": lambda s: s.line_pitch_pt,
    "LATIN_FONT": lambda s: s.faces.latin,
    "FONTS": lambda s: MappingProxyType({r: s.faces.role(r).fonts for r in ROLES}),
    "SIZES_PT": lambda s: MappingProxyType({r: s.faces.role(r).size_pt for r in ROLES}),
    "PAGE_NUMBER_FONT": lambda s: s.page_number.face.fonts,
    "PAGE_NUMBER_PT": lambda s: s.page_number.face.size_pt,
    "PAGE_NUMBER_GAP_MM": lambda s: s.page_number.gap_mm,
}


def __getattr__(name: str) -> Any:
    """:data:`GBT9704` (data/profiles/national.yaml, read and checked once) and its views."""
    if name == "GBT9704":
        return national()
    if name in _VIEWS:
        return _VIEWS[name](national())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
