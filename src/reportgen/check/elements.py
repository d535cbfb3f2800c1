"""The 公文's elements (GB/T 9704 §7) in any document: found by what they say, measured in the
.docx (fonts) and on the PDF LibreOffice lays out (positions, lines).

A document that has none of them gets no finding about them. They are found the way a reader
finds them, not by our style names, so another tool's 公文 is measured too:

- 版头: on the first page, the lines down to the one holding 发文字号 (机关代字〔2021〕5号) or
  签发人; the 发文机关标志 is its text in red (or its largest text);
- 主送机关: the first line after the title, ending in a colon;
- 附件 pages: a page whose first line is 附件 or 附件N;
- the signature: the line of the 成文日期 (2021年4月1日) and the issuer line above it;
- 版记: the last page's lines from 抄送： (or the 印发 line) to the line ending in 印发.

The PDF is read twice: poppler's text rows (layout.py) and pdfminer.six for what they lack, every
character's baseline, size and colour and every line drawn with its width and colour. pdfminer is
the pure-Python PDF parser pdfplumber is built on, well kept, and light (no rendering libraries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..gbt9704 import MM_PER_PT, Finding, Standard
from ..text.cjk import text_width
from .fonts import effective_color, effective_font

__all__ = [
    "DATE_LINE",
    "IMPRINT_END",
    "NUMBER_LINE",
    "Drawn",
    "Glyph",
    "Rule",
    "docx_findings",
    "find_letterhead",
    "imprint_rows",
    "letterhead_rows",
    "pdf_findings",
    "read_drawn",
]

# The line of 发文字号 (机关代字〔年份〕序号号, alone on its line) or of 签发人 (a 上行文's, where
# 发文字号 stands on the left).
NUMBER_LINE = re.compile(
    r"^[\u3000 ]*(?:[^\s，。；、（）《》“”]{1,20}〔\d{4}〕\d+号)?"
    r"[\u3000 \t]*(?:签发人[:：].{0,30})?$"
)
_HAS_NUMBER = re.compile(r"〔\d{4}〕\d+号|签发人[:：]")
DATE_LINE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
IMPRINT_END = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发\s*$")
# Where the 版头 may end: within the first lines of the first page.
_HEAD_LINES = 12
# The ideographic em box: a Chinese character's frame stands 0.88 of its size above the baseline
# and 0.12 below it.
_ASCENT, _DESCENT = 0.88, 0.12


def _red(color) -> bool:
    """A colour pdfminer or a .docx gives as red (RGB or a hex string)."""
    if isinstance(color, str):
        color = color.strip().lstrip("#")
        if len(color) != 6:
            return False
        try:
            color = tuple(int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
        except ValueError:
            return False
    if not isinstance(color, (tuple, list)) or len(color) != 3:
        return False
    r, g, b = (float(c) for c in color)
    return r > 0.7 and g < 0.35 and b < 0.35


# ---- in the .docx -------------------------------------------------------------------------


def find_letterhead(texts: list[str]) -> int:
    """How many of the first paragraphs (``texts``, the empty ones left out) form the 版头: up to
    the 发文字号 or 签发人 line; 0 where there is none."""
    for i, text in enumerate(texts[:_HEAD_LINES]):
        if text.endswith(("。", "：", ":")):
            return 0  # the body has begun
        if _HAS_NUMBER.search(text) and NUMBER_LINE.match(text):
            end = i + 1  # several 签发人 lines: 发文字号 stands on the last
            while (
                end < len(texts)
                and re.search(r"〔\d{4}〕\d+号", texts[end])
                and (len(texts[end]) <= 40 and not texts[end].endswith(("。", "：", ":")))
            ):
                end += 1
            return end
    return 0


def docx_findings(doc, head: list, imprint: list, std: Standard) -> list[Finding]:
    """The fonts of the 发文机关标志 (and its colour) and of the 版记, and the form of 发文字号,
    where the document has them. ``head`` and ``imprint`` are their paragraphs (with the joint
    mark's table cells)."""
    el = std.elements
    out = []
    sized = [
        (p, r, *effective_font(doc, p, r))
        for p in head
        for r in p.runs
        if r.text.strip() and not _HAS_NUMBER.search(p.text)
    ]
    if sized:
        largest = max(s or 0 for *_, s in sized)
        mark = [(p, r, f, s) for p, r, f, s in sized if (s or 0) == largest]
        fonts = sorted({f"{f or '未设置东亚字体'} {s or '?'} pt" for _, _, f, s in mark})
        colors = {effective_color(doc, p, r) for p, r, _, _ in mark}
        ok = all(f in el.mark.fonts for _, _, f, _ in mark) and all(map(_red, colors))
        color = (
            "红色" if all(map(_red, colors)) else "非红色（" + "、".join(map(str, colors)) + "）"
        )
        out.append(
            Finding(
                "发文机关标志字体",
                ok,
                f"{'、'.join(fonts)}，{color}",
                f"{el.mark.font}，红色（字号由发文机关酌定）",
            )
        )
    numbers = [m for p in head for m in re.findall(r"\S*〔\d{4}〕\d+号", p.text)]
    for number in numbers[:1]:
        year_number = re.search(r"〔(\d{4})〕(\d+)号", number)
        ok = year_number is not None and not year_number.group(2).startswith("0")
        out.append(
            Finding("发文字号", ok, number, "机关代字〔年份〕序号号，序号不编虚位（〔2021〕5号）")
        )
    signers = [p for p in head if "签发人" in p.text]
    if signers:
        label, names = set(), set()
        for p in signers:
            after = False
            for r in p.runs:
                if not r.text.strip("\u3000 \t"):
                    continue
                font, _ = effective_font(doc, p, r)
                if "签发人" in r.text:
                    label.add(font)
                    after = True
                elif after:
                    names.add(font)
        ok = label <= set(std.faces.body.fonts) and bool(names) and names <= set(el.signer.fonts)
        out.append(
            Finding(
                "签发人字体",
                ok,
                f"“签发人：”{'、'.join(map(str, sorted(label, key=str)))}，"
                f"姓名{'、'.join(map(str, sorted(names, key=str))) or '无'}",
                f"“签发人：”{std.faces.body.font}，姓名{el.signer.font}",
            )
        )
    seen = {
        f"{f or '未设置东亚字体'} {s or '?'} pt"
        for p in imprint
        for r in p.runs[:1]
        if r.text.strip()
        for f, s in [effective_font(doc, p, r)]
    }
    if seen:
        ok = all(
            any(
                x == f"{font} {el.imprint.size_pt:g} pt" or x == f"{font} {el.imprint.size_pt} pt"
                for font in el.imprint.fonts
            )
            for x in seen
        )
        out.append(
            Finding(
                "版记字体字号",
                ok,
                "、".join(sorted(seen)),
                f"{el.imprint.font} {el.imprint.size_pt:g} pt（4号仿宋）",
            )
        )
    return out


# ---- on the PDF ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    """A character drawn: its left and right edge, baseline (from the page's top), size, colour."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    red: bool


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn: its ends, height on the page (from the top), width, colour."""

    x0: float
    x1: float
    y: float
    width: float
    red: bool


@dataclass(frozen=True)
class Drawn:
    """What one page draws: its characters and its horizontal lines."""

    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]


def read_drawn(pdf: str | Path) -> list[Drawn]:
    """Every page's characters and horizontal lines, in points from the top-left corner."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTCurve

    def chars(o):
        if isinstance(o, LTChar):
            yield o
        elif hasattr(o, "__iter__"):
            for c in o:
                yield from chars(c)

    out = []
    for page in extract_pages(str(pdf), laparams=LAParams()):
        h = page.height
        glyphs = tuple(
            Glyph(
                c.get_text(),
                c.x0,
                c.x1,
                h - c.matrix[5],
                c.size,
                _red(getattr(c.graphicstate, "ncolor", None)),
            )
            for c in chars(page)
        )
        rules = {}
        for o in page:
            if not isinstance(o, LTCurve) or abs(o.y1 - o.y0) > 3 or o.x1 - o.x0 < 50:
                continue
            # A border LibreOffice draws as a stroked line (its width the line's) or as a thin
            # filled rectangle (its height the line's).
            width = o.linewidth if o.stroke and o.y1 - o.y0 < 0.5 else (o.y1 - o.y0)
            red = _red(o.stroking_color if o.stroke else o.non_stroking_color)
            y = h - (o.y0 + o.y1) / 2
            rules[(round(o.x0), round(o.x1), round(y, 1))] = Rule(o.x0, o.x1, y, width, red)
        out.append(Drawn(glyphs, tuple(sorted(rules.values(), key=lambda r: r.y))))
    return out


def _lines(drawn: Drawn) -> list[list[Glyph]]:
    """The page's characters as lines, top to bottom, each left to right."""
    by_base: dict[float, list[Glyph]] = {}
    for g in drawn.glyphs:
        key = next((b for b in by_base if abs(b - g.base) < 1.5), g.base)
        by_base.setdefault(key, []).append(g)
    return [sorted(v, key=lambda g: g.x0) for _, v in sorted(by_base.items())]


def _text(line: list[Glyph]) -> str:
    return "".join(g.text for g in line)


def letterhead_rows(texts: list[str]) -> int:
    """How many of the first page's first rows (``texts``) are its 版头."""
    return find_letterhead(texts)


def imprint_rows(texts: list[str]) -> range:
    """Which of the last page's rows (``texts``) are its 版记: from 抄送 (or the 印发 line) to
    the line ending in 印发; an empty range where there is none."""
    end = next((i for i in range(len(texts) - 1, -1, -1) if IMPRINT_END.search(texts[i])), None)
    if end is None:
        return range(0)
    start = end
    for i in range(end, -1, -1):
        if texts[i].lstrip("\u3000 ").startswith("抄送"):
            start = i
            break
    return range(start, end + 1)


def _mm(pt: float) -> float:
    return pt * MM_PER_PT


def pdf_findings(drawn: list[Drawn], std: Standard) -> list[Finding]:
    """Where the elements stand on the PDF, against the standard's numbers, for those the
    document has."""
    if not drawn:
        return []
    top = std.margins.top_mm / MM_PER_PT
    left = std.margins.left_mm / MM_PER_PT
    width = std.text_width_mm / MM_PER_PT
    bottom = top + std.text_height_mm / MM_PER_PT
    pitch = std.line_pitch_pt
    tol = std.margins.tolerance_mm
    out: list[Finding] = []
    first = _lines(drawn[0])
    texts = [_text(line).strip() for line in first]
    head = letterhead_rows(texts)
    if head:
        out += _letterhead(drawn[0], first[:head], first, head, std, top, left, width, tol)
    out += _recipients(first, head, std, left, tol)
    out += _attachment_pages(drawn, std, top, left, pitch, tol)
    out += _signature(drawn, std, left, width)
    out += _imprint(drawn[-1], std, left, width, bottom, tol)
    return out


def _letterhead(page, head, lines, n, std, top, left, width, tol) -> list[Finding]:
    el = std.elements
    out = []
    mark = [g for line in head for g in line if g.red] or max(head, key=lambda ln: ln[0].size)
    size = max(g.size for g in mark)
    first_base = min(g.base for g in mark)
    mark_top = _mm(first_base - _ASCENT * size - top)
    out.append(
        Finding(
            "发文机关标志位置（PDF）",
            abs(mark_top - el.mark_top_mm) <= tol,
            f"上边缘距版心上边缘 {mark_top:.1f} mm，{'红色' if mark[0].red else '非红色'}",
            f"{el.mark_top_mm:g}±{tol:g} mm，红色",
        )
    )
    number_line = head[-1]
    number_bottom = number_line[0].base + _DESCENT * number_line[0].size
    reds = [r for r in page.rules if r.red and r.y > number_bottom - 1]
    if reds:
        rule = reds[0]
        gap = _mm(rule.y - number_bottom)
        span = _mm(rule.x1 - rule.x0)
        off = _mm(rule.x0 - left)
        ok = (
            abs(gap - el.rule_gap_mm) <= tol
            and abs(span - std.text_width_mm) <= tol
            and abs(off) <= tol
        )
        out.append(
            Finding(
                "红色分隔线（PDF）",
                ok,
                f"在发文字号下 {gap:.1f} mm，长 {span:.1f} mm，左端离版心 {off:+.1f} mm，"
                f"粗 {_mm(rule.width):.2f} mm",
                f"发文字号下 {el.rule_gap_mm:g} mm，与版心等宽 {std.text_width_mm:g} mm",
            )
        )
    else:
        out.append(Finding("红色分隔线（PDF）", False, "发文字号下没有红色分隔线", "有"))
    text = _text(number_line)
    if "签发人" in text:
        body = std.faces.body.size_pt
        number_start = next(
            (g.x0 for g in number_line if g.text not in "\u3000 "), number_line[0].x0
        )
        right = _mm(left + width - number_line[-1].x1) / _mm(body)
        start = _mm(number_start - left) / _mm(body)
        has_number = re.search(r"〔\d{4}〕\d+号", text) is not None
        ok = has_number and abs(start - 1) <= 0.3 and abs(right - 1) <= 0.3
        out.append(
            Finding(
                "签发人和发文字号（PDF）",
                ok,
                f"{'同一行' if has_number else '发文字号不在签发人一行'}，"
                f"发文字号左空 {start:.1f} 字，签发人右空 {right:.1f} 字",
                "上行文：发文字号居左空一字，与签发人同一行，签发人居右空一字",
            )
        )
    return out


def _recipients(lines, head, std, left, tol) -> list[Finding]:
    """主送: the first line after the title (its large type) ending in a colon, flush left."""
    title_size = std.faces.title.size_pt
    after_title = None
    seen_title = False
    for line in lines[head:]:
        size = max(g.size for g in line)
        if abs(size - title_size) < 1:
            seen_title = True
            continue
        if seen_title:
            after_title = line
            break
    if not after_title or not _text(after_title).rstrip().endswith(("：", ":")):
        return []
    off = _mm(after_title[0].x0 - left)
    return [
        Finding(
            "主送机关（PDF）",
            abs(off) <= tol,
            f"“{_text(after_title)[:8]}…”左端离版心 {off:+.1f} mm",
            "顶格（左端在版心左边缘）",
        )
    ]


def _attachment_pages(drawn, std, top, left, pitch, tol) -> list[Finding]:
    """Each page that starts an attachment: 附件N on the first line, at the left, its title on
    the third."""
    found, bad = [], []
    for n, page in enumerate(drawn, 1):
        lines = _lines(page)
        if not lines or not re.fullmatch(r"附件\d*", _text(lines[0]).strip()):
            continue
        label, title = lines[0], lines[1] if len(lines) > 1 else None
        size = label[0].size
        label_top = _mm(label[0].base - _ASCENT * size - top)
        lines_down = (title[0].base - label[0].base) / pitch if title else 0
        off = _mm(label[0].x0 - left)
        found.append(n)
        if not (abs(off) <= tol and label_top < _mm(pitch) and abs(lines_down - 2) < 0.25):
            bad.append(f"第{n}页“{_text(label)}”左端 {off:+.1f} mm，标题在其下 {lines_down:.1f} 行")
    if not found:
        return []
    measured = (
        "；".join(bad)
        if bad
        else (f"第{'、'.join(map(str, found))}页：附件标签在第一行顶格，标题在第三行")
    )
    return [Finding("附件页（PDF）", not bad, measured, "“附件N”第一行顶格，附件标题在第三行")]


def _signature(drawn, std, left, width) -> list[Finding]:
    """署名 and 成文日期: the last date line before any 附件 or 版记 page, and the issuer line
    above it, measured in characters of the body from where each starts (their widths counted
    as the standard counts them, digits as half)."""
    body = std.faces.body
    char = width / std.grid.chars_per_line
    for page in drawn:
        lines = _lines(page)
        for i, line in enumerate(lines):
            text = _text(line).strip()
            if not DATE_LINE.match(text) or i == 0 or abs(line[0].size - body.size_pt) > 0.5:
                continue
            first = next(g for g in line if g.text.strip("\u3000 \u2002"))
            if (first.x0 - left) / char < std.grid.chars_per_line / 2:
                continue  # a date on the left or centred (a cover, a table): not a signature's
            issuer = lines[i - 1]
            name = _text(issuer).strip()
            if not name or DATE_LINE.match(name) or name.endswith(("。", "：")):
                continue

            def start(ln):
                g = next(g for g in ln if g.text.strip("\u3000 \u2002"))
                return (g.x0 - left) / char

            # Joint sealed issuers stand side by side: the last one is over the date.
            words = re.split(r"[\u3000\u2002 ]{2,}", name)
            if len(words) > 1:
                name = words[-1]
                issuer = issuer[len(issuer) - len(name) :]
            d, s = text_width(text), text_width(name)
            date_right = std.grid.chars_per_line - start(line) - d
            issuer_right = std.grid.chars_per_line - start(issuer) - s
            centre_off = (start(issuer) + s / 2) - (start(line) + d / 2)
            sealed_right = std.elements.sealed_date_right_chars
            sealed = abs(date_right - sealed_right) <= 0.3 and abs(centre_off) <= 0.6
            shift = start(line) - start(issuer)
            unsealed = (abs(issuer_right - 2) <= 0.3 and abs(shift - 2) <= 0.3) or (
                abs(date_right - 2) <= 0.3 and shift >= 2 - 0.3
            )
            # Where both hold (an issuer four characters longer than the date sits alike in
            # both), the unsealed reading is given.
            if sealed and not unsealed:
                measured = (
                    f"加盖印章的格式：日期右空 {date_right:.1f} 字，"
                    f"署名居中于日期（偏 {centre_off:+.1f} 字）"
                )
            else:
                measured = (
                    f"署名右空 {issuer_right:.1f} 字，日期首字比署名首字右移 {shift:.1f} 字，"
                    f"日期右空 {date_right:.1f} 字"
                )
            return [
                Finding(
                    "署名和成文日期（PDF）",
                    sealed or unsealed,
                    measured,
                    f"不加盖印章：署名右空二字，日期首字右移二字；加盖印章：日期右空"
                    f"{sealed_right}字，署名以日期居中",
                )
            ]
    return []


def _imprint(page: Drawn, std, left, width, bottom, tol) -> list[Finding]:
    el = std.elements
    lines = _lines(page)
    texts = [_text(line).strip() for line in lines]
    rows = imprint_rows(texts)
    if not rows:
        return []
    # The first line stands at the top of the first row's line box, 0.8 of the pitch above its
    # baseline.
    top_of = lines[rows.start][0].base - 0.8 * std.line_pitch_pt - 3
    rules = [
        r for r in page.rules if not r.red and r.y >= top_of - 2 and abs(r.x1 - r.x0 - width) <= 3
    ]
    if len(rules) < 2:
        return [Finding("版记分隔线（PDF）", False, f"只找到 {len(rules)} 条", "至少首末两条")]
    first, last, inner = rules[0], rules[-1], rules[1:-1]
    thick_ok = all(abs(_mm(r.width) - el.imprint_thick_mm) <= 0.05 for r in (first, last))
    thin_ok = all(abs(_mm(r.width) - el.imprint_thin_mm) <= 0.05 for r in inner)
    span_ok = all(abs(r.x0 - left) <= 3 for r in rules)
    edge = _mm(bottom - last.y)
    widths = "、".join(f"{_mm(r.width):.2f}" for r in rules)
    out = [
        Finding(
            "版记分隔线（PDF）",
            thick_ok and thin_ok and span_ok,
            f"{len(rules)} 条，粗 {widths} mm，长 {_mm(first.x1 - first.x0):.1f} mm",
            f"首末粗 {el.imprint_thick_mm:g} mm、中间细 {el.imprint_thin_mm:g} mm，与版心等宽",
        ),
        Finding(
            "版记位置（PDF）",
            0 <= edge <= tol,
            f"末条分隔线在版心下边缘之上 {edge:.2f} mm",
            f"与版心下边缘重合（0–{tol:g} mm）",
        ),
    ]
    return out
