"""The 公文's elements (GB/T 9704 §7) → the context a template prints them from. Pure.

Every part is empty (None, "" or []) when the document does not have it, so a template prints
nothing and a document without them costs nothing more to render. Positions the template cannot
compute (a template attribute holding a tag is a file Word refuses to open) are worked out here:
the character scale of a long 发文机关标志, the columns of a joint issuers' mark, the places of the
signature lines (full-width spaces before the text, as ``signature_indents`` does), the lines of
the 抄送 list and the empty lines that put the 版记's last line on the text block's
bottom edge.
"""

from __future__ import annotations

import math
from typing import Any

from ..gbt9704 import MM_PER_PT, Standard
from ..text.cjk import CLOSING, text_width
from ..text.dates import format_date
from ..text.titles import break_title

__all__ = [
    "MARK_GRID",
    "MARK_SCALES",
    "appendix_title_lines",
    "border_eighths",
    "imprint_context",
    "imprint_space_twips",
    "letterhead_context",
    "mark_space_twips",
    "signature_lines",
]

# The character scales (per cent of the width) a 发文机关标志 too long for the text block is set
# in: the template holds one run per scale, the context names which (no computed attribute).
MARK_SCALES = (100, 90, 80, 70, 60, 50)
# A joint issuers' mark is a table of this many equal columns; each cell spans some of them.
MARK_GRID = 40


def _scale(width_chars: float, size_pt: float, std: Standard) -> int:
    """The largest scale at which ``width_chars`` characters of ``size_pt`` fit the text block."""
    room = std.text_width_mm / MM_PER_PT
    for scale in MARK_SCALES:
        if width_chars * size_pt * scale / 100 <= room:
            return scale
    return MARK_SCALES[-1]


def letterhead_context(letterhead: Any, issuers: list[str], std: Standard) -> dict[str, Any] | None:
    """The 版头: the lines at the top left, the mark, 发文字号 and 签发人."""
    if letterhead is None:
        return None
    el = std.elements
    top = []
    if letterhead.copy_number:
        top.append({"text": letterhead.copy_number.zfill(el.copy_digits), "kind": "copy"})
    if letterhead.secrecy:
        top.append({"text": letterhead.secrecy, "kind": "urgent"})
    if letterhead.urgency:
        top.append({"text": letterhead.urgency, "kind": "urgent"})
    # Always three lines, so that the mark below them stands at the same place (§7.2.4).
    top += [{"text": "", "kind": ""}] * (3 - len(top))
    names = list(letterhead.mark or issuers)
    suffix = "文件" if letterhead.suffix is None else (letterhead.suffix or "")
    signers = list(letterhead.signers or [])
    return {
        "top": top,
        "mark": _mark(names, suffix, std),
        "number": letterhead.number or "",
        "upward": bool(signers),
        "signer_lines": _signer_lines(signers, letterhead.number or ""),
    }


def _mark(names: list[str], suffix: str, std: Standard) -> dict[str, Any]:
    """One issuer: a centred line, name and suffix. Several: a table, each name on a row of its
    own spread to the longest name's width, the suffix on their right spanning the rows."""
    size = std.elements.mark.size_pt
    if len(names) <= 1:
        text = "".join(names) + suffix
        return {
            "joint": False,
            "text": text,
            "names": names,
            "suffix": suffix,
            "scale": _scale(text_width(text), size, std),
        }
    longest = max(text_width(n) for n in names)
    gap = 0.5 if suffix else 0  # between the names and the suffix
    scale = _scale(longest + gap + text_width(suffix), size, std)
    room = std.text_width_mm / MM_PER_PT
    per_column = room / MARK_GRID
    width = size * scale / 100
    name_cols = min(MARK_GRID, math.ceil((longest + gap) * width / per_column))
    suffix_cols = math.ceil(text_width(suffix) * width / per_column) if suffix else 0
    suffix_cols = min(suffix_cols, MARK_GRID - name_cols)
    left = (MARK_GRID - name_cols - suffix_cols) // 2
    right = MARK_GRID - left - name_cols - suffix_cols
    rows = []
    for i, name in enumerate(names):
        cells = []
        if left:
            cells.append({"kind": "pad", "span": left, "text": "", "merge": ""})
        cells.append({"kind": "name", "span": name_cols, "text": name, "merge": ""})
        if suffix_cols:
            merge = "restart" if i == 0 else "continue"
            text = suffix if i == 0 else ""
            cells.append({"kind": "suffix", "span": suffix_cols, "text": text, "merge": merge})
        if right:
            cells.append({"kind": "pad", "span": right, "text": "", "merge": ""})
        rows.append(cells)
    return {
        "joint": True,
        "text": "".join(names) + suffix,
        "names": names,
        "suffix": suffix,
        "scale": scale,
        "rows": rows,
    }


def _signer_lines(signers: list[str], number: str) -> list[dict[str, str]]:
    """A 上行文's 签发人 lines (§7.2.6): two names a line, “签发人：” before the first line's, the
    later lines' names under the first line's; 发文字号 on the last line, on the left."""
    if not signers:
        return []
    rows = [signers[i : i + 2] for i in range(0, len(signers), 2)]
    first = text_width("\u3000".join(rows[0]))
    out = []
    for i, row in enumerate(rows):
        names = "\u3000".join(row)
        pad = "\u3000" * round(first - text_width(names))  # later rows start under the first
        out.append(
            {
                "number": number if i == len(rows) - 1 else "",
                "label": "签发人：" if i == 0 else "\u3000" * 4,
                "names": names + pad,
            }
        )
    return out


def _pad(width: float) -> str:
    if width <= 0:
        return ""
    return "\u3000" * int(width) + ("\u2002" if width % 1 else "")


def signature_lines(
    issuers: list[str], date: str, std: Standard, *, sealed: bool
) -> dict[str, Any]:
    """Where the issuers and the date stand, as full-width spaces before each line (``pad``) on
    the line of ``chars_per_line`` characters.

    Unsealed (§7.3.5.2): each issuer two characters from the right, stacked, the leading office
    first; the date starts two characters right of the last issuer's first character, or stands
    two characters from the right when it is longer (the issuers move left with it). Sealed
    (§7.3.5.1): the date ``sealed_date_right_chars`` from the right, each issuer centred over it;
    joint issuers side by side in rows, the last one over the date. ``blank_lines`` is the number
    of empty lines between the body and the first issuer line."""
    per_line = std.grid.chars_per_line
    d = text_width(date)
    if sealed:
        right = std.elements.sealed_date_right_chars
        date_start = per_line - right - d if date else None
        rows = _sealed_rows(issuers, per_line, right, d)
        return {
            "lines": rows,
            "date_pad": _pad(date_start) if date_start is not None else "",
            "blank_lines": std.elements.sealed_blank_lines,
        }
    widths = [text_width(i) for i in issuers]
    last = widths[-1] if widths else 0
    issuer_right, date_right = 2.0, last - d
    if date_right < 2 or not issuers:
        date_right, issuer_right = 2.0, d - last + 4
    lines = [
        {"pad": _pad(per_line - issuer_right - w), "text": name, "gap": False}
        for name, w in zip(issuers, widths, strict=True)
    ]
    return {
        "lines": lines,
        "date_pad": _pad(per_line - date_right - d) if date else "",
        "blank_lines": 1,
    }


def _sealed_rows(
    issuers: list[str], per_line: int, right: int, d: float
) -> list[dict[str, str | bool]]:
    """Sealed issuers: each centred in a slot as wide as the longest name and two characters, the
    last slot centred over the date, as many slots a row as the line holds; rows stand apart by
    the room a seal takes."""
    if not issuers:
        return []
    centre = per_line - right - (d / 2 if d else 0)
    slot = max(text_width(i) for i in issuers) + 2
    per_row = max(1, int((centre + slot / 2) // slot))
    # The last row ends over the date; earlier rows are full.
    rows: list[list[str]] = []
    rest = list(issuers)
    first = len(rest) % per_row or per_row
    rows.append(rest[:first])
    rest = rest[first:]
    while rest:
        rows.append(rest[:per_row])
        rest = rest[per_row:]
    out: list[dict[str, str | bool]] = []
    for k, row in enumerate(rows):
        text, at = "", 0.0
        n = len(row)
        for j, name in enumerate(row):
            mid = centre - (n - 1 - j) * slot
            start = max(at, mid - text_width(name) / 2)
            text += _pad(start - at) + name
            at = start + text_width(name)
        # Seals of one row must not touch the next row's: three lines apart.
        name_at = len(text) - len(text.lstrip("\u3000\u2002"))
        out.append({"pad": text[:name_at], "text": text[name_at:], "gap": k < len(rows) - 1})
    return out


def _cc_lines(cc: list[str], chars: int) -> list[str]:
    """抄送：甲，乙。 broken into lines of ``chars`` characters, between names where a name fits
    on a line (a name longer than a line is broken where it must, never before a closing mark);
    the caller sets the wrapped lines under the first name."""
    room = chars - text_width("抄送：")
    words = [name + ("。" if i == len(cc) - 1 else "，") for i, name in enumerate(cc)]
    lines = [""]
    for word in words:
        if text_width(lines[-1] + word) <= room:
            lines[-1] += word
            continue
        if lines[-1] and text_width(word) <= room:
            lines.append(word)
            continue
        for c in word:  # longer than a line: broken inside, a mark kept with its character
            if text_width(lines[-1] + c) > room:
                carry = lines[-1][-1] if c in CLOSING and lines[-1] else ""
                lines[-1] = lines[-1][: len(lines[-1]) - len(carry)]
                lines.append(carry)
            lines[-1] += c
    return ["抄送：" + lines[0], *lines[1:]]


def imprint_context(imprint: Any, std: Standard) -> dict[str, Any] | None:
    """The 版记: the 抄送 lines, 印发机关 and 印发日期 (each line at the body's pitch), and
    ``blank_lines``, the empty lines above them on their page: with the fixed space the template
    adds (:func:`imprint_space_twips`) they put the last separator line on the text block's
    bottom edge."""
    if imprint is None:
        return None
    el = std.elements
    face = el.imprint
    indent = el.imprint_indent_chars
    chars = math.floor(std.text_width_mm / MM_PER_PT / face.size_pt + 1e-9) - 2 * indent
    cc = _cc_lines(list(imprint.cc), chars) if imprint.cc else []
    rows = len(cc) + 1
    return {
        "cc": cc[0] if cc else "",
        "cc_more": cc[1:],
        "by": imprint.by,
        "date": format_date(imprint.date) + "印发",
        "blank_lines": max(0, std.grid.lines_per_page - rows - 1),
    }


def imprint_space_twips(std: Standard, *, cc: bool = True) -> int:
    """The one fixed space above the 版记 (the rest are whole empty lines): the text block's height
    less the lines of the page but one, less the separator lines (borders add their width to
    their paragraphs: the thick first and last, and the thin one under 抄送 where there is one)
    and a point to spare, so that what a renderer rounds never pushes the last line onto a new
    page."""
    el = std.elements
    eighths = 2 * border_eighths(el.imprint_thick_mm) + (
        border_eighths(el.imprint_thin_mm) if cc else 0
    )
    borders = math.ceil(eighths / 8 * 20)
    block = math.floor(std.text_height_mm / MM_PER_PT * 20)
    return block - (std.grid.lines_per_page - 1) * std.line_pitch_twips - borders - 20


def mark_space_twips(std: Standard) -> int:
    """The space between the three lines at the top left (份号, 密级, 紧急程度; empty where not
    given) and the 发文机关标志, so that the mark's top edge stands ``mark_top_mm`` below the text
    block's top. A line of exact height h sets its baseline 0.8 h below its top (Word, and
    LibreOffice after it); a Chinese character's frame stands 0.88 of its size above the baseline
    (the ideographic em box)."""
    el = std.elements
    pitch = el.mark_pitch_pt
    top_to_frame = 0.8 * pitch - 0.88 * el.mark.size_pt
    space_pt = el.mark_top_mm / MM_PER_PT - 3 * std.line_pitch_twips / 20 - top_to_frame
    return max(0, round(space_pt * 20))


def border_eighths(mm: float) -> int:
    """A line ``mm`` thick as a border's ``w:sz`` (eighths of a point), at least the thinnest."""
    return max(2, round(mm / MM_PER_PT * 8))


def appendix_title_lines(title: str, std: Standard) -> list[str]:
    return break_title(title, std.title_line_chars)
