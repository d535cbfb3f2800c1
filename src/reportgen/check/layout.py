"""Measure a PDF's layout against GB/T 9704-2012: text block, lines per page, characters per line,
page numbers, and table rows that break across a page.

The PDF is read with poppler's ``pdftotext -bbox-layout``, which gives every text line with its box
in points. What a reader counts is measured the same way: rows of text inside the text block on a
full page; characters of a full body line, two for the first-line indent, not counting punctuation
that hangs into the margin.
"""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ConversionError, Diagnostic
from ..gbt9704 import MM_PER_PT, Finding, Standard, national
from ..text.cjk import is_wide
from .elements import imprint_rows, letterhead_rows

__all__ = [
    "Page",
    "Row",
    "TableRow",
    "Word",
    "measure_layout",
    "punctuation_drawn",
    "read_pdf",
    "table_rows_whole",
    "tables_kept",
]

_PT_PER_MM = 1 / MM_PER_PT
# A line may not start with these, nor end with the openers: LibreOffice moves a character to the
# next line instead, leaving 27 on a line that is still "full".
_NO_START = set("，。、；：？！）》」』〕】”’…—·%")
_NO_END = set("（《「『〔【“‘")
# The marks a renderer may hang past the line end (and so may fail to draw).
_LINE_END_MARKS = "，。、；：？！"


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Row:
    """One line of text as laid out (table cells on the same baseline are one row)."""

    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    rows: tuple[Row, ...]


def _pdftotext(pdf: Path) -> bytes:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ConversionError(
            [
                Diagnostic(
                    message="未找到 pdftotext，无法测量版式",
                    hint="请安装 poppler：Debian/Ubuntu 用 `sudo apt-get install poppler-utils`，"
                    "macOS 用 `brew install poppler`",
                )
            ]
        )
    done = subprocess.run(
        [exe, "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise ConversionError.single(
            pdf, f"pdftotext 无法读取该 PDF（{done.stderr.decode(errors='replace').strip()}）"
        )
    return done.stdout


def read_pdf(pdf: str | Path) -> list[Page]:
    """Pages with their rows of text, top to bottom, in points from the top-left corner."""
    tree = etree.fromstring(_pdftotext(Path(pdf)), etree.HTMLParser(encoding="utf-8"))
    pages = []
    for n, page in enumerate(tree.iter("page"), 1):
        lines = []
        for line in page.iter("line"):
            words = tuple(
                Word(float(w.get("xmin")), float(w.get("xmax")), w.text or "")
                for w in line.iter("word")
            )
            lines.append((float(line.get("ymin")), float(line.get("ymax")), words))
        pages.append(
            Page(n, float(page.get("width")), float(page.get("height")), tuple(_rows(lines)))
        )
    return pages


def _rows(lines: list[tuple[float, float, tuple[Word, ...]]]) -> list[Row]:
    """Merge lines sharing a baseline (cells of one table row) and sort top to bottom."""
    rows: list[list] = []
    for y0, y1, words in sorted(lines, key=lambda t: t[1]):
        if rows and abs(rows[-1][1] - y1) < 2:
            rows[-1][0] = min(rows[-1][0], y0)
            rows[-1][2].extend(words)
        else:
            rows.append([y0, y1, list(words)])
    out = []
    for y0, y1, words in rows:
        words.sort(key=lambda w: w.x0)
        out.append(Row(min(w.x0 for w in words), y0, max(w.x1 for w in words), y1, tuple(words)))
    return out


def _mm(pt: float) -> float:
    return pt * MM_PER_PT


def _imprint_only(page: Page, std: Standard) -> bool:
    """Whether the page holds nothing but a 版记 (at its foot, GB/T 9704 §7.4)."""
    texts = [r.text for r in _text_rows(page, std)]
    rows = imprint_rows(texts)
    return bool(texts) and rows.start == 0 and rows.stop == len(texts)


def _has_letterhead(page: Page, std: Standard) -> bool:
    """Whether the page starts with a 版头 (its rows do not keep the body's grid)."""
    return letterhead_rows([r.text for r in _text_rows(page, std)]) > 0


@dataclass(frozen=True)
class _Block:
    left: float
    right: float
    top: float
    bottom: float


def _block(page: Page, std: Standard) -> _Block:
    m = {k: v * _PT_PER_MM for k, v in std.margins.as_dict().items()}
    return _Block(m["left"], page.width - m["right"], m["top"], page.height - m["bottom"])


def _body_height(
    pages: list[Page], std: Standard, tables: frozenset[tuple[int, int]] = frozenset()
) -> float:
    """The glyph-box height of body text: the commonest height of the rows outside ``tables``
    ((page, row) positions), so that a long ledger's smaller text is not taken for the body."""
    heights = Counter(
        round(r.height, 1)
        for p in pages
        for i, r in enumerate(_text_rows(p, std))
        if (p.number, i) not in tables
    )
    return heights.most_common(1)[0][0] if heights else 0.0


def _text_rows(page: Page, std: Standard) -> list[Row]:
    block = _block(page, std)
    return [r for r in page.rows if (r.y0 + r.y1) / 2 < block.bottom + 2]


def _footer_rows(page: Page, std: Standard) -> list[Row]:
    block = _block(page, std)
    return [r for r in page.rows if (r.y0 + r.y1) / 2 >= block.bottom + 2]


def _is_body(row: Row, body_h: float) -> bool:
    return abs(row.height - body_h) <= body_h * 0.04


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] → "第2–4、7页"."""
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return "第" + "、".join(parts) + "页"


def measure_layout(
    pages: list[Page],
    tables: list[list[TableRow]] | None = None,
    *,
    standard: Standard | None = None,
    volume: bool = False,
) -> list[Finding]:
    """Every layout rule measured on the laid-out pages against ``standard`` (GB/T 9704 by
    default); the rows of the document's ``tables`` (as :func:`table_rows_whole` finds them) are
    not body text. In a ``volume`` (a 汇编: cover, contents, blank pages unnumbered) the text rules
    measure the numbered pages, and the page numbers may start again at 1 with each part."""
    std = standard or national()
    numbers = pages
    if volume:
        pages = [p for p in pages if _page_number(p, std) is not None]
    if not pages or not any(p.rows for p in pages):
        return [Finding("版式测量", False, "PDF 中没有文字", "有正文的 PDF")]
    body_h = _body_height(pages, std, _table_positions(tables or [], pages, std))
    pitch = _pitch(pages, body_h, std)
    char = _char_advance(pages, body_h, std)
    want = std.line_pitch_pt
    return [
        _paper(pages, std),
        *_margins(pages, body_h, char, std),
        Finding("行距", abs(pitch - want) <= 0.3, f"{pitch:.2f} pt", f"{want:.2f} pt"),
        _lines_per_page(pages, body_h, pitch, std),
        _blank_bottoms(pages, pitch, std, body_h),
        _chars_per_line(pages, body_h, char, std),
        _page_numbers(numbers, std, volume=volume),
    ]


def _paper(pages: list[Page], std: Standard) -> Finding:
    page = std.page
    sizes = {(round(_mm(p.width)), round(_mm(p.height))) for p in pages}
    ok = all(
        abs(_mm(p.width) - page.width_mm) <= 1 and abs(_mm(p.height) - page.height_mm) <= 1
        for p in pages
    )
    paper = f"{page.name} {page.width_mm:g}×{page.height_mm:g} mm"
    return Finding("纸张（PDF）", ok, "、".join(f"{w}×{h} mm" for w, h in sorted(sizes)), paper)


def _pitch(pages: list[Page], body_h: float, std: Standard) -> float:
    """The commonest distance between consecutive body rows."""
    gaps: Counter[float] = Counter()
    for p in pages:
        rows = [r for r in _text_rows(p, std) if _is_body(r, body_h)]
        for a, b in itertools.pairwise(rows):
            gaps[round(b.y1 - a.y1, 1)] += 1
    return gaps.most_common(1)[0][0] if gaps else 0.0


def _char_advance(pages: list[Page], body_h: float, std: Standard) -> float:
    """Width of one body character, from runs of Chinese text."""
    widths = []
    for p in pages:
        for r in _text_rows(p, std):
            if _is_body(r, body_h):
                widths += [
                    (w.x1 - w.x0) / len(w.text)
                    for w in r.words
                    if len(w.text) >= 4 and all(map(is_wide, w.text))
                ]
    return statistics.median(widths) if widths else body_h / 1.3


def _margins(pages: list[Page], body_h: float, char: float, std: Standard) -> list[Finding]:
    tol = std.margins.tolerance_mm
    want = std.margins.as_dict()
    body = [r for p in pages for r in _text_rows(p, std) if _is_body(r, body_h)]
    lefts = Counter(round(r.x0, 0) for r in body)
    rights = Counter(round(r.x1, 0) for r in body)
    width = pages[0].width
    # The leftmost edge many lines share: where short paragraphs abound, their indented first
    # lines outnumber the lines that start at the margin.
    left = _mm(min(x for x, n in lefts.items() if n >= max(lefts.values()) / 3)) if lefts else 0.0
    right = _mm(
        width - max((x for x, n in rights.items() if n >= max(rights.values()) / 3), default=width)
    )
    # A 版记 page's text stands at its foot; a 版头's first row may be the mark, 35 mm down.
    tops = [
        _mm(rows[0].y0)
        for p in pages
        if (rows := _text_rows(p, std))
        and not _imprint_only(p, std)
        and not _has_letterhead(p, std)
    ]
    bottoms = [_mm(p.height - rows[-1].y1) for p in pages if (rows := _text_rows(p, std))]
    pitch_mm = _mm(std.line_pitch_pt)
    top_ok = all(want["top"] - tol <= t <= want["top"] + pitch_mm for t in tops)
    bottom_ok = all(b >= want["bottom"] - tol for b in bottoms)
    return [
        Finding(
            "左边距（PDF）",
            abs(left - want["left"]) <= tol,
            f"{left:.1f} mm",
            f"{want['left']:g}±{tol:g} mm",
        ),
        Finding(
            "右边距（PDF，整行右端）",
            abs(right - want["right"]) <= tol,
            f"{right:.1f} mm",
            f"{want['right']:g}±{tol:g} mm",
        ),
        Finding(
            "上边距（PDF，各页首行顶端）",
            top_ok,
            f"{min(tops):.1f}–{max(tops):.1f} mm",
            f"{want['top'] - tol:.0f}–{want['top'] + pitch_mm:.0f} mm（版心内第一行）",
        ),
        Finding(
            "下边距（PDF，各页末行底端）",
            bottom_ok,
            f"最小 {min(bottoms):.1f} mm",
            f"≥ {want['bottom'] - tol:.0f} mm（不超出版心）",
        ),
    ]


def _lines_per_page(pages: list[Page], body_h: float, pitch: float, std: Standard) -> Finding:
    """Rows on every full page without a table (a table's rows are not body lines)."""
    per_page = std.grid.lines_per_page
    counted, bad, tables, heads = [], [], [], []
    for p in pages[:-1]:
        rows = _text_rows(p, std)
        if not rows:
            continue
        if any(r.height < body_h * 0.96 for r in rows):
            tables.append(p.number)
            continue
        if _has_letterhead(p, std):
            heads.append(p.number)
            continue
        if _block(p, std).bottom - rows[-1].y1 >= pitch:
            continue  # not full: a page break or the end of a part
        counted.append(p.number)
        # Empty paragraphs print nothing but take a line: count the line positions used.
        lines = 1 + sum(max(1, round((b.y1 - a.y1) / pitch)) for a, b in itertools.pairwise(rows))
        if lines != per_page:
            bad.append(f"第{p.number}页 {lines} 行")
    note = f"；{_ranges(tables)}有表格，不计" if tables else ""
    note += f"；{_ranges(heads)}有版头，不计" if heads else ""
    if not counted:
        return Finding("每页行数", True, f"没有排满的正文页，未测{note}", f"满页 {per_page} 行")
    measured = "；".join(bad) if bad else f"{_ranges(counted)}各 {per_page} 行"
    return Finding("每页行数", not bad, measured + note, f"满页 {per_page} 行")


def _blank_bottoms(
    pages: list[Page], pitch: float, std: Standard, body_h: float | None = None
) -> Finding:
    """No page but the last ends a third of a page or more above the text block's bottom, unless
    an attachment or another document (its title, larger than body text) starts the next page
    (GB/T 9704 §8). A longer gap is a chain of paragraphs kept with the next one that moved to
    the next page as one block."""
    most = std.grid.lines_per_page // 3
    bad = []
    for page, following in itertools.pairwise(pages):
        rows, next_rows = _text_rows(page, std), _text_rows(following, std)
        if not rows or not next_rows or next_rows[0].text.startswith("附件"):
            continue
        if body_h is not None and next_rows[0].height > body_h * 1.2:
            continue  # a title: the next document of a volume starts on a page of its own
        if _imprint_only(following, std):
            continue  # the 版记 stands at the foot of a page of its own
        blank = round((_block(page, std).bottom - rows[-1].y1) / pitch)
        if blank > most:
            bad.append(
                f"第{page.number}页下方空 {blank} 行（下一页从“{next_rows[0].text[:6]}…”起）"
            )
    measured = "；".join(bad) if bad else f"各页下方空行不超过 {most} 行"
    return Finding("页面留白", not bad, measured, f"≤ {most} 行（附件、版记前换页除外）")


def _chars_per_line(pages: list[Page], body_h: float, char: float, std: Standard) -> Finding:
    """Characters on every full body line made only of Chinese characters and full-width
    punctuation."""
    per_line = std.grid.chars_per_line
    counts: Counter[int | str] = Counter()  # characters on a line, or "rules"
    bad: list[str] = []
    # In reading order across pages: the line after a page's last line is the next page's first,
    # and it decides whether the last line was shortened by a number or punctuation moving down.
    body = [(p, r) for p in pages for r in _text_rows(p, std) if _is_body(r, body_h)]
    for i, (p, r) in enumerate(body):
        block = _block(p, std)
        if r.x1 < block.right - char / 2 or not all(map(is_wide, r.text)):
            continue
        indent = round((r.x0 - block.left) / char)
        inside = sum(
            1
            for w in r.words
            for k in range(len(w.text))
            if w.x0 + (k + 0.5) * (w.x1 - w.x0) / len(w.text) <= block.right + char / 4
        )
        n = indent + inside
        following = body[i + 1][1].text if i + 1 < len(body) else ""
        if n < per_line and _broken_by_rules(n, r.text, following, per_line):
            counts["rules"] += 1
            continue
        counts[n] += 1
        if n != per_line and len(bad) < 3:
            bad.append(f"第{p.number}页“{r.text[:6]}…” {n} 字")
    if not counts:
        return Finding("每行字数", False, "没有排满的纯中文正文行，无法测量", f"整行 {per_line} 字")
    total = sum(counts.values())
    wrong = total - counts[per_line] - counts["rules"]
    measured = f"{total} 个整行中 {counts[per_line]} 行 {per_line} 字"
    if counts["rules"]:
        measured += f"，{counts['rules']} 行因断行规则（标点禁则、数字不拆行）少于 {per_line} 字"
    if wrong:
        measured += "；" + "，".join(bad)
    return Finding("每行字数", wrong == 0, measured, f"整行 {per_line} 字")


def _broken_by_rules(n: int, text: str, following: str, per_line: int | None = None) -> bool:
    """A full line short of the grid because what starts the next line could not be split from it.

    An opening mark may not end a line; the head of the next line (opening marks, a character or a
    whole number or Latin word, the closing marks after it and a number glued to those) moves down
    as one piece. The line is short by rule when that piece did not fit in the cells left (of
    ``per_line``, the national grid's by default).
    """
    per_line = per_line or national().grid.chars_per_line
    if text[-1:] in _NO_END:
        return n == per_line - 1
    head, has_latin = _unbreakable_head(following)
    # Latin and digits are about half a cell, plus the space set around them beside Chinese, which
    # is not measured exactly: a piece with them only has to reach the line end.
    return n + head >= per_line if has_latin else n + head > per_line


def _unbreakable_head(text: str) -> tuple[float, bool]:
    """Width in cells of the piece that must start the next line, and whether it holds Latin or
    digits."""
    i, width, latin = 0, 0.0, False

    def latin_run(i: int) -> int:
        j = i
        while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%"):
            j += 1
        return j

    while i < len(text) and text[i] in _NO_END:
        i, width = i + 1, width + 1
    if (j := latin_run(i)) > i:
        i, width, latin = j, width + (j - i) / 2 + 0.5, True
    elif i < len(text):
        i, width = i + 1, width + 1
    while i < len(text) and text[i] in _NO_START:
        i, width = i + 1, width + 1
        if (j := latin_run(i)) > i:
            i, width, latin = j, width + (j - i) / 2 + 0.5, True
    return width, latin


def _page_number_pattern(std: Standard) -> re.Pattern[str]:
    """A page number in the profile's form, spaces removed: ``— 1 —`` as ``—1—``; a dash may be
    drawn as any dash."""

    def mark(text: str) -> str:
        text = text.replace(" ", "")
        if not text:
            return ""
        return "".join("[—–-]" if c in "—–-" else re.escape(c) for c in text)

    spec = std.page_number
    return re.compile(f"^{mark(spec.before)}(\\d+){mark(spec.after)}$")


def _page_number(page: Page, std: Standard) -> tuple[int, Row] | None:
    """The number printed under a page's text block, with its row; None for an unnumbered page."""
    pattern = _page_number_pattern(std)
    for r in _footer_rows(page, std):
        m = pattern.match(r.text.replace(" ", ""))
        if m:
            return int(m.group(1)), r
    return None


def _page_numbers(pages: list[Page], std: Standard, *, volume: bool = False) -> Finding:
    """`— N —` under the text block: odd pages right, even pages left, one character in (or
    centred, as the profile says). In a volume, pages may be unnumbered (cover, contents, blank
    pages) and a part may number from 1 again, but an odd number stands on a recto (an odd
    page of the volume): every part starts on one."""
    spec = std.page_number
    one_char = spec.face.size_pt * spec.indent_chars
    form = f"{spec.before}N{spec.after}".strip()
    problems, unnumbered = [], []
    last: tuple[int, int] | None = None  # (page, number) of the last numbered page
    for i, p in enumerate(pages):
        block = _block(p, std)
        found = _page_number(p, std)
        # GB/T 9704 §7.5: a blank page before the 版记's page, and that page, are not numbered;
        # a two-sided document's 版记 page (an even page, its back) is left unnumbered too.
        blank = not _text_rows(p, std)
        imprint = _imprint_only(p, std) and (
            (i > 0 and not _text_rows(pages[i - 1], std)) or p.number % 2 == 0
        )
        if blank and found is not None:
            problems.append(f"第{p.number}页是空白页，不应编页码")
        if found is None:
            if blank or imprint:
                unnumbered.append(f"第{p.number}页{'空白页' if blank else '版记页'}")
            elif not volume:
                problems.append(f"第{p.number}页没有页码")
            continue
        n, r = found
        if not volume and n != p.number:
            problems.append(f"第{p.number}页页码为 {n}")
        if volume:
            follows = last is not None and n == last[1] + (p.number - last[0])
            if n % 2 != p.number % 2:
                problems.append(f"第{p.number}页（{'单' if p.number % 2 else '双'}页）页码为 {n}")
            elif not follows and n != 1 and last is not None:
                problems.append(f"第{p.number}页页码为 {n}，应接上一页码或从 1 起")
            last = (p.number, n)
        if spec.position == "centre":
            off = _mm((r.x0 + r.x1) / 2 - (block.left + block.right) / 2)
            if abs(off) > 1.5:
                problems.append(f"第{p.number}页页码偏离版心中线 {off:+.1f} mm")
        else:
            if n % 2:
                off, side = _mm(block.right - one_char - r.x1), "右"
            else:
                off, side = _mm(r.x0 - block.left - one_char), "左"
            if abs(off) > 1.5:
                problems.append(f"第{p.number}页页码离{side}空一字处 {off:+.1f} mm")
        gap = _mm((r.y0 + r.y1) / 2 - block.bottom)
        if abs(gap - spec.gap_mm) > 2:
            problems.append(f"第{p.number}页页码在版心下 {gap:.1f} mm")
    if spec.position == "centre":
        where, wanted = "居中", "居中"
    else:
        where = "单页居右、双页居左"
        wanted = f"单页右空{spec.indent_chars}字、双页左空{spec.indent_chars}字".replace(
            "空1字", "空一字"
        )
    measured = (
        "；".join(problems[:4])
        if problems
        else f"{len(pages)} 页均有“{form}”，{where}，版心下约 {spec.gap_mm:.0f} mm"
    )
    if unnumbered and not problems and not volume:
        measured = (
            f"{len(pages) - len(unnumbered)} 页有“{form}”，{where}，版心下约 "
            f"{spec.gap_mm:.0f} mm；{'、'.join(unnumbered)}不编页码"
        )
    if volume and not problems:
        numbered = sum(_page_number(p, std) is not None for p in pages)
        measured = (
            f"{len(pages)} 页中 {numbered} 页有“{form}”（封面、目录、空白页不编页码），"
            f"单数页码都在单页，{where}，版心下约 {spec.gap_mm:.0f} mm"
        )
    return Finding(
        "页码（PDF）", not problems, measured, f"{form}，{wanted}，版心下 {spec.gap_mm:.0f} mm"
    )


def punctuation_drawn(text: str, pages: list[Page]) -> Finding:
    """Every line-end mark of the document's ``text`` is drawn somewhere in the PDF."""
    drawn = Counter(c for p in pages for r in p.rows for c in r.text if c in _LINE_END_MARKS)
    wanted = Counter(c for c in text if c in _LINE_END_MARKS)
    lost = [f"“{c}” {drawn[c]}/{n}" for c, n in wanted.items() if drawn[c] < n]
    measured = "缺 " + "，".join(lost) if lost else f"{sum(wanted.values())} 个全部排出"
    return Finding("标点（PDF）", not lost, measured, "文档中的“，。、；：？！”在 PDF 中都排出")


@dataclass(frozen=True)
class TableRow:
    """One row of a table in the .docx: its cells' text, whether it is a header row that repeats
    at the top of each page the table runs onto, whether it continues a vertically merged cell of
    the row above (``joined``: its rows and the one above are one merged group), and the text of
    the cells whose vertical merge starts in it (``merged``; printed once for the whole group)."""

    cells: tuple[str, ...]
    header: bool = False
    joined: bool = False
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Unit:
    """Table rows that print as one band of PDF rows: a row, or a merged group, whose merged
    cell's text may stand beside any of its rows. ``first``/``last``: its table rows; ``start``/
    ``end``: its PDF rows (end excluded, a repeated header inside stepped over); ``pages``."""

    first: int
    last: int
    start: int
    end: int
    pages: list[int]


def _chars(text: str) -> Counter:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


class _Cursor:
    """Walks the PDF's text rows in reading order, matching table rows to the rows they print as.

    A table row prints as a band of PDF rows (its cells' lines, side by side) holding exactly its
    characters; where the band's rows lie on two pages, the table row broke across the page.
    """

    def __init__(self, pages: list[Page], std: Standard):
        rows = [(p.number, _text_rows(p, std)) for p in pages]
        self.boxes = [r for _, page in rows for r in page]
        self.rows = [(n, _chars(r.text)) for n, page in rows for r in page]
        self.positions = [(n, i) for n, page in rows for i in range(len(page))]
        self.at = 0
        self.spans: list[tuple[int, int]] = []  # the rows each table found takes, headers too
        self.used: dict[int, list[int]] = {}  # a band's start → the rows it holds

    def band(self, start: int, want: Counter, header: list[Counter]) -> tuple[int, list[int]]:
        """Where the band of ``want`` starting at ``start`` ends (the index after it) and the
        pages it lies on; (-1, []) if the rows there do not hold exactly ``want``. A header
        repeated at the top of a new page inside the band is stepped over."""
        got: Counter[str] = Counter()
        pages: list[int] = []
        used: list[int] = []
        i = start
        while got != want:
            if i >= len(self.rows):
                return -1, []
            if pages and self.rows[i][0] != pages[-1] and header:
                i = self.skip_header(i, header)
                if i >= len(self.rows):
                    return -1, []
            page, chars = self.rows[i]
            got += chars
            if got - want:  # a character the row does not have: not this row's band
                return -1, []
            pages.append(page)
            used.append(i)
            i += 1
        self.used[start] = used
        return i, sorted(set(pages))

    def skip_header(self, i: int, header: list[Counter]) -> int:
        """Past the repeated header rows at ``i``, or ``i`` if they are not there."""
        j = i
        for want in header:
            end, _ = self.band(j, want, [])
            if end < 0:
                return i
            j = end
        return j

    def table(self, rows: list[TableRow]) -> list[_Unit] | None:
        """Every unit of the table (a row, or the rows of a merged group) as printed, or None
        where the table cannot be found."""
        units = _units(rows)
        if not units:
            return []
        header = [want for first, last, want in units if rows[first].header]
        first_want = units[0][2]
        for start in range(self.at, len(self.rows)):
            if self.rows[start][1] - first_want:
                continue
            found: list[_Unit] = []
            i = start
            for first, last, want in units:
                if found and i < len(self.rows) and self.rows[i][0] != found[-1].pages[-1]:
                    i = self.skip_header(i, header)  # the row starts a new page under the header
                begin = i
                i, pages = self.band(i, want, header)
                if i < 0:
                    break
                found.append(_Unit(first, last, begin, i, pages))
            else:
                self.spans.append((start, i))
                self.at = i
                return found
        return None


def _units(rows: list[TableRow]) -> list[tuple[int, int, Counter]]:
    """(first row, last row, characters) of each unit: a row and the rows joined to it below; a
    unit that prints nothing (empty rows) is left out."""
    units: list[tuple[int, int, Counter]] = []
    for n, row in enumerate(rows):
        chars = _chars("".join(row.cells))
        if row.joined and units and units[-1][1] == n - 1:
            first, _, have = units[-1]
            units[-1] = (first, n, have + chars)
        else:
            units.append((n, n, chars))
    return [u for u in units if u[2]]


def _table_positions(
    tables: list[list[TableRow]], pages: list[Page], std: Standard
) -> frozenset[tuple[int, int]]:
    """The (page, row) positions of the PDF rows the tables print as."""
    cursor = _Cursor(pages, std)
    for rows in tables:
        cursor.table(rows)
    return frozenset(cursor.positions[i] for a, b in cursor.spans for i in range(a, b))


def table_rows_whole(
    tables: list[list[TableRow]], pages: list[Page], *, standard: Standard | None = None
) -> Finding:
    """No table row breaks across a page: each row's text stands on one page (a row split as
    "下降0.7个百" / "分点" reads as two rows), but a row taller than a page under the header,
    which must break. Rows are found in the PDF by their characters, so a
    table whose text the PDF does not hold as written is named rather than judged; the text block
    is ``standard``'s (GB/T 9704 by default)."""
    expected = "每一行排在同一页内（续页可重复表头）"
    if not tables:
        return Finding("表格行（PDF）", True, "文中没有表格", expected)
    std = standard or national()
    cursor, split, lost, counted, tall = _Cursor(pages, std), [], [], 0, 0
    block = std.text_height_mm * _PT_PER_MM
    for t, rows in enumerate(tables, 1):
        found = cursor.table(rows)
        if found is None:
            lost.append(t)
            continue
        counted += sum(u.last - u.first + 1 for u in found)
        heads = [i for u in found if rows[u.first].header for i in cursor.used.get(u.start, [])]
        header_pt = _extent(cursor, heads) if heads else 0.0
        for u in found:
            if len(u.pages) < 2:
                continue
            own = cursor.used.get(u.start, [])
            if u.first == u.last and _extent(cursor, own) > block - header_pt:
                tall += 1  # taller than a page under the header: it must break
                continue
            for n in _rows_split(u, rows, cursor):
                text = "｜".join(c.strip() for c in rows[n].cells if c.strip())
                head = text[:12] + ("…" if len(text) > 12 else "")
                split.append(f"表{t}第{n + 1}行“{head}”跨第{u.pages[0]}–{u.pages[-1]}页")
    measured = "；".join(split[:4]) if split else f"{counted} 行均在一页内"
    if tall and not split:
        measured = f"{counted - tall} 行均在一页内，{tall} 行高于一页，跨页排列"
    if lost:
        measured += f"；表{'、'.join(map(str, lost))}未能在 PDF 中逐行比对"
    return Finding("表格行（PDF）", not split, measured, expected)


def _rows_split(unit: _Unit, rows: list[TableRow], cursor: _Cursor) -> list[int]:
    """The rows of a unit printed on two or more pages that break across a page: a row alone
    does; a merged group's rows are whole when what each page holds of it is a run of whole rows
    (its merged cells' text, printed once beside any of them, wherever it stands)."""
    if unit.first == unit.last:
        return [unit.first]
    group = rows[unit.first : unit.last + 1]
    base = [_chars("".join(r.cells)) - _chars("".join(r.merged)) for r in group]
    merged = [_chars(m) for r in group for m in r.merged if _chars(m)]
    used = cursor.used.get(unit.start, [])
    parts = [
        sum((cursor.rows[i][1] for i in idx), Counter())
        for _, idx in itertools.groupby(used, key=lambda i: cursor.rows[i][0])
    ]
    out: list[int] = []
    seen: Counter[str] = Counter()
    for part in parts[:-1]:
        seen += part
        if not _whole_rows(seen, base, merged):
            acc: Counter[str] = Counter()
            for k, b in enumerate(base):
                acc += b
                if acc - seen:
                    out.append(unit.first + k)
                    break
    return out


def _whole_rows(seen: Counter, base: list[Counter], merged: list[Counter]) -> bool:
    """Whether ``seen`` is the first rows' characters (``base``, without merged cells' text)
    and the text of some of the merged cells."""
    subsets = itertools.chain.from_iterable(
        itertools.combinations(merged, n) for n in range(len(merged) + 1)
    )
    for subset in subsets:
        printed = sum(subset, Counter())
        if printed - seen:
            continue
        rest, acc = seen - printed, Counter[str]()
        for b in [*base, None]:
            if acc == rest:
                return True
            if b is None or (acc := acc + b) - rest:
                break
    return False


def _extent(cursor: _Cursor, indices: list[int]) -> float:
    """The height the PDF rows at ``indices`` take, page by page: from the first one's top to
    the last one's foot, and the cells' spacing around their text (about a third of the text's
    height) once per page."""
    total = 0.0
    for _, idx in itertools.groupby(indices, key=lambda i: cursor.rows[i][0]):
        boxes = [cursor.boxes[i] for i in idx]
        total += max(b.y1 for b in boxes) - min(b.y0 for b in boxes) + boxes[0].height / 3
    return total


def _caption_rows(cursor: _Cursor, start: int, caption: tuple[str, ...]) -> list[int]:
    """The PDF rows just above ``start`` that print ``caption`` (the 表题 and unit line), or []
    where they do not stand there."""
    want = _chars("".join(caption))
    if not want:
        return []
    got: Counter[str] = Counter()
    i = start
    while got != want:
        i -= 1
        if i < 0:
            return []
        got += cursor.rows[i][1]
        if got - want:
            return []
    return list(range(i, start))


def tables_kept(
    tables: list[list[TableRow]],
    captions: list[tuple[str, ...]],
    pages: list[Page],
    *,
    standard: Standard | None = None,
) -> Finding:
    """Every table starts on the page of its 表题 (and unit line, ``captions``, one per table)
    and header rows, and the rows of a merged group (a category's cell merged down over its
    tasks) stand on one page, unless the group, with the lines kept above it when it is the
    table's first, is taller than the block kept together (``Standard.kept_block_pt``, a third
    of the text block): such a group may break between rows."""
    std = standard or national()
    expected = "表题、表头与表格首行同页；合并格所跨各行排在同一页（高于版心三分之一的除外）"
    if not tables:
        return Finding("表格跨页（PDF）", True, "文中没有表格", expected)
    cursor = _Cursor(pages, std)
    problems: list[str] = []
    lost: list[int] = []
    titled = groups = tall = 0
    for t, (rows, caption) in enumerate(zip(tables, captions, strict=True), 1):
        found = cursor.table(rows)
        if found is None:
            lost.append(t)
            continue
        if not found:
            continue
        heads = [u for u in found if rows[u.first].header]
        body = [u for u in found if not rows[u.first].header]
        above = _caption_rows(cursor, found[0].start, caption)
        first_page = found[0].pages[0]
        if above:
            titled += 1
            page = cursor.rows[above[0]][0]
            if page != first_page:
                head = caption[0][:16] + ("…" if len(caption[0]) > 16 else "")
                problems.append(f"表{t}的表题“{head}”在第{page}页末，表格从第{first_page}页起")
        if heads and body and heads[-1].pages[-1] < body[0].pages[0]:
            problems.append(
                f"表{t}的表头在第{heads[-1].pages[-1]}页末，表格内容从第{body[0].pages[0]}页起"
            )
        for u in body:
            if u.last == u.first:
                continue
            groups += 1
            if len(u.pages) < 2:
                continue
            kept = list(cursor.used.get(u.start, []))
            if body and u is body[0]:  # the 表题 and header rows go with the first group
                kept = above + [i for h in heads for i in cursor.used.get(h.start, [])] + kept
            name = "、".join(m for r in rows[u.first : u.last + 1] for m in r.merged if m.strip())
            where = f"表{t}第{u.first + 1}–{u.last + 1}行（合并格“{name[:10]}”）"
            if _extent(cursor, kept) > std.kept_block_pt:
                tall += 1
                continue
            problems.append(f"{where}跨第{u.pages[0]}–{u.pages[-1]}页")
    if problems:
        measured = "；".join(problems[:4])
    else:
        measured = (f"{titled} 个表题和" if titled else "") + "各表表头与表格首行同页"
        if groups:
            measured += f"，{groups - tall} 组合并行均在一页内"
            if tall:
                measured += f"，{tall} 组高于版心三分之一，跨页排列"
    if lost:
        measured += f"；表{'、'.join(map(str, lost))}未能在 PDF 中逐行比对"
    return Finding("表格跨页（PDF）", not problems, measured, expected)
