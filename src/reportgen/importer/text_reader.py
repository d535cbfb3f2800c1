"""Plain text and Markdown → the neutral block stream, one paragraph per line.

Text pasted from a web page or saved from Notepad holds a paragraph per line. Where paragraphs are
separated by empty lines and a long line without end punctuation runs on into the next line of the
same block (text copied from a PDF, or wrapped by an editor), the lines are joined. Text copied
from a typeset PDF has no empty lines between paragraphs, but most of its lines are full, of one
width (28 characters in a 公文): there a full line without end punctuation runs on into the next,
across a page number alone on its line (—6—) and the page break after it, which are left out.
Lines of tab-separated cells (a table copied from a web page or Word) become a table, as do
Markdown pipe tables. In Markdown, ``#`` headings give an outline level, ``**bold**`` marks bold
text, and the markup itself is left out. A form feed (Ctrl+L, Word's page break in text) marks a
new page.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..read.loader import decode_text
from ..text.cjk import text_width
from ..text.control import drop_unprintable
from .blocks import Block, Cell, Para, Place, Source, Table, Where

__all__ = ["looks_like_markdown", "read_text"]

_SPACES = " \t\u3000\xa0"
_END = tuple("。！？：；…”’）」』》!?:;)")
_STARTS_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|[①-⑳]|第[一二三四五六七八九十]+)"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_PAGE_NUMBER = re.compile(r"^[\s\f]*[—－–-]\s*\d{1,4}\s*[—－–-][\s\f]*$")


def looks_like_markdown(text: str) -> bool:
    """Markdown headings, bold or pipe tables on their own lines."""
    return bool(
        re.search(r"(?m)^#{1,6}\s+\S", text)
        or re.search(r"(?m)^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}", text)
        or re.search(r"(?m)^\s*\*\*[^*\n]+\*\*", text)
    )


def read_text(raw: bytes | str, name: str, *, markdown: bool | None = None) -> Source:
    """Decode (UTF-8, BOM, UTF-16, GBK/GB18030) and split into blocks."""
    text = decode_text(raw, name) if isinstance(raw, bytes) else raw
    text = drop_unprintable(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub("[\u2028\u2029\x85\x0b]", "\n", text)
    if markdown is None:
        markdown = looks_like_markdown(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    blank = False
    page = False
    table_no = 0
    paragraph_mode = _paragraph_mode(lines)
    full = _full_width(lines)
    while i < len(lines):
        line = lines[i]
        if "\f" in line:
            page = True
            line = line.replace("\f", "")
        if markdown and _MD_RULE.match(line):
            page, blank, i = True, True, i + 1
            continue
        if not line.strip(_SPACES):
            blank, i = True, i + 1
            continue
        if full and _PAGE_NUMBER.match(line):
            page, i = True, i + 1
            continue
        rows, used = _table_at(lines, i, markdown)
        if rows:
            table_no += 1
            blocks.append(Table(rows=rows, where=Where(line=i + 1, last_line=i + used)))
            i += used
            blank = page = False
            continue
        para = _para(line, i + 1, markdown)
        para.blank_before, para.page_break_before = blank, page
        i += 1
        last = line
        # lines wrapped inside one paragraph are joined (where paragraphs are blank-separated, or
        # in typeset text after a full line, across a page break)
        while True:
            if _is_full(last, full) and not para.text.endswith(_END):
                i = _past_page_number(lines, i)
            if not (
                (paragraph_mode or _is_full(last, full))
                and i < len(lines)
                and lines[i].strip(_SPACES)
                and "\t" not in lines[i]
                and (len(para.text) >= 20 or not paragraph_mode)
                and not para.text.endswith(_END)
                and not _STARTS_ITEM.match(lines[i].strip(_SPACES))
                and not (
                    markdown and (_MD_HEADING.match(lines[i]) or lines[i].lstrip().startswith("|"))
                )
            ):
                break
            more = _para(lines[i], i + 1, markdown)
            offset = len(para.text)
            para.text += more.text
            para.bold += [(s + offset, e + offset) for s, e in more.bold]
            para.where = Where(line=para.where.line, last_line=i + 1)
            last = lines[i]
            i += 1
        blocks.append(para)
        blank = page = False
    return Source(name=name, format="md" if markdown else "txt", blocks=blocks)


def _full_width(lines: list[str]) -> float:
    """The width of a full line where the text is typeset (copied from a PDF), else 0: the
    commonest width of a line, at least :data:`_TYPESET_CHARS`, where half the lines (and eight
    at least) are that full and hardly any is wider (a paragraph per line has every width)."""
    widths = [text_width(line.strip(_SPACES + "\f")) for line in lines if "\t" not in line]
    widths = [w for w in widths if w]
    common = [round(w) for w in widths if w >= _TYPESET_CHARS]
    if not common:
        return 0.0
    width = max(set(common), key=lambda w: (common.count(w), w))
    full = sum(1 for w in widths if abs(w - width) <= _SLACK)
    wider = sum(1 for w in widths if w > width + _SLACK)
    typeset = full >= max(8, len(widths) / 2) and wider <= len(widths) / 20
    return float(width) if typeset else 0.0


# The narrowest full line of typeset text (a 公文 line holds 28 characters).
_TYPESET_CHARS = 20
# A full line may be this much narrower than the commonest: a punctuation mark kept off a line's
# start, a number that does not break, spaces a PDF puts around digits.
_SLACK = 2.0


def _is_full(line: str, full: float) -> bool:
    return bool(full) and text_width(line.strip(_SPACES + "\f")) >= full - _SLACK


def _past_page_number(lines: list[str], i: int) -> int:
    """Where a paragraph of typeset text goes on at line ``i``: past a page number alone on its
    line and the empty lines and page break around it (removed from the next line), if any."""
    j = i
    while j < len(lines) and not lines[j].strip(_SPACES + "\f"):
        j += 1
    if j == len(lines) or not _PAGE_NUMBER.match(lines[j]):
        return i
    j += 1
    while j < len(lines) and not lines[j].strip(_SPACES + "\f"):
        j += 1
    if j < len(lines):
        lines[j] = lines[j].replace("\f", "")
    return j


def _paragraph_mode(lines: list[str]) -> bool:
    """Paragraphs separated by empty lines, some of them running over several lines."""
    filled = [bool(line.strip(_SPACES)) for line in lines]
    empties = filled.count(False)
    runs = sum(1 for a, b in pairwise(filled) if a and b)
    return empties >= 3 and runs > 0 and empties >= runs // 4


def _para(line: str, number: int, markdown: bool) -> Para:
    indent = len(line) - len(line.lstrip(_SPACES))
    # a full-width space is two columns, a tab four: the indent is counted in half-width columns
    prefix = line[:indent]
    columns = prefix.count(" ") + prefix.count("\xa0") + 2 * prefix.count("\u3000")
    columns += 4 * prefix.count("\t")
    text = line.strip(_SPACES)
    outline = None
    bold: list[tuple[int, int]] = []
    if markdown:
        m = _MD_HEADING.match(text)
        if m:
            outline, text = len(m.group(1)), m.group(2)
        text = _MD_BULLET.sub("", text) if not _STARTS_ITEM.match(text) else text
        text, bold = _md_bold(text)
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    # where the line stands, known from its leading spaces (a tab's width depends on the viewer)
    start = columns / 2
    place = None if "\t" in prefix else Place(start, start + text_width(text))
    return Para(
        text=text,
        where=Where(line=number),
        outline=outline,
        bold=bold,
        indent=columns,
        place=place,
    )


def _md_bold(text: str) -> tuple[str, list[tuple[int, int]]]:
    out, ranges, last = [], [], 0
    pos = 0
    for m in _MD_BOLD.finditer(text):
        out.append(text[last : m.start()])
        pos += m.start() - last
        inner = m.group(1) or m.group(2)
        ranges.append((pos, pos + len(inner)))
        out.append(inner)
        pos += len(inner)
        last = m.end()
    out.append(text[last:])
    return "".join(out), ranges


def _table_at(lines: list[str], i: int, markdown: bool) -> tuple[list[list[Cell]], int]:
    """Rows of a table starting at line i and how many lines it takes, or ([], 0)."""
    pipe = markdown and lines[i].lstrip().startswith("|") and i + 1 < len(lines)
    if pipe and _MD_TABLE_SEP.match(lines[i + 1]):
        rows = [_pipe_cells(lines[i])]
        j = i + 2
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            rows.append(_pipe_cells(lines[j]))
            j += 1
        return rows, j - i
    if "\t" not in lines[i].strip(_SPACES):
        return [], 0
    j = i
    while j < len(lines) and "\t" in lines[j].strip(_SPACES):
        j += 1
    if j - i < 2:
        return [], 0  # one tabbed line is a paragraph with a tab, not a table
    rows = [
        [Cell(c.strip(_SPACES)) for c in lines[k].strip(_SPACES).split("\t")] for k in range(i, j)
    ]
    return rows, j - i


def _pipe_cells(line: str) -> list[Cell]:
    body = line.strip().strip("|")
    cells = re.split(r"(?<!\\)\|", body)
    out = []
    for c in cells:
        text, bold = _md_bold(c.strip().replace("\\|", "|").replace("<br>", "\n"))
        out.append(Cell(text=text, bold=bool(bold) and bold[0] == (0, len(text))))
    return out
