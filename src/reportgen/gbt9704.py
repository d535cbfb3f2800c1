"""The numbers of GB/T 9704-2012 that reportgen builds to and checks against, and a checked rule's result.

One place for them: tools/build_templates.py writes these values into the templates, and
``check`` (the .docx) and ``layout`` (the PDF LibreOffice lays out) measure against them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CHARS_PER_LINE",
    "FONTS",
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
    "SIZES_PT",
    "Finding",
]

MM_PER_PT = 25.4 / 72

PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
MARGIN_TOLERANCE_MM = 1.0
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# The text block is 225 mm high: 22 lines of 28.95 pt.
LINE_PITCH_PT = 225 / 22 / MM_PER_PT

LATIN_FONT = "Times New Roman"
# East Asian font per element; 仿宋 and 楷体 are also accepted without the _GB2312 suffix (newer
# Windows ships them under the plain names).
FONTS = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "小标宋"),
    "body": ("仿宋_GB2312", "仿宋"),
    "h1": ("黑体",),
    "h2": ("楷体_GB2312", "楷体"),
    "h3": ("仿宋_GB2312", "仿宋"),
    "h4": ("仿宋_GB2312", "仿宋"),
}
SIZES_PT = {"title": 22.0, "body": 16.0, "h1": 16.0, "h2": 16.0, "h3": 16.0, "h4": 16.0}
PAGE_NUMBER_FONT = ("宋体",)
PAGE_NUMBER_PT = 14.0
# The em dashes around the page number sit 7 mm below the text block.
PAGE_NUMBER_GAP_MM = 7.0


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
