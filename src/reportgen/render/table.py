"""A table written in the body → its render block: column widths, vertical merges, alignment.

The shipped templates divide the text block's width into :data:`GRID` equal grid columns; each table
column spans a whole number of them (``span``), chosen here from what the column holds: a column of
short values (已完成, 2025年12月31日, 学前教育) is kept wide enough to hold each on one line, and
the rest of the width goes to the columns of long text, in proportion to their length. Cells of a
``merge`` column that equal the cell above merge with it (``merge``: ``restart`` on the first of a
run, ``continue`` below it), within the runs of the merge columns to their left, as 督导 forms group
a category over its tasks. Columns of long text are set flush left, short ones centred.

Across pages (the template does the rest: the 表题 and unit line keep with the table, the header
row keeps with the first row and repeats on every page, no row splits): the rows of one merged
group keep together, each row's cells marked ``keep`` (keep with the next row) but the group's last
row's, so that a category is never printed on one page and its last tasks on the next. A kept
block that does not fit on a page moves whole to the next one, leaving the foot of the page it
left blank; so a group is kept only while it takes at most ``Standard.kept_block_pt``: a third of
the text block, the blank the layout check allows at a page's foot (check/layout.py, 页面留白).
The first group counts what goes with it: the header row, unit line and 表题 above it, and a line
for a heading standing above the table, which keeps with it. A longer group may break
between its rows (an inner group of a second merge column that fits is still kept). Heights are
estimated from the characters each cell holds in its column's width.

The block (``kind: table``): ``title`` (表题, may be empty), ``unit`` (单位：万元, may be empty),
``header`` (cells ``text``, ``span``), ``rows`` (lists of cells ``text``, ``span``, ``align``:
``left`` or ``center``, ``merge``: ``restart``, ``continue`` or empty, ``keep``: the row keeps
with the next one, ``whole``: the row may not split across a page, false only for a row taller
than a page under the header, which Word would otherwise cut off at the page's foot).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from ..gbt9704 import MM_PER_PT, Standard, national
from ..model.blocks import Table
from ..text.cjk import is_wide, text_width

__all__ = ["GRID", "column_spans", "row_heights_pt", "table_block"]

# Grid columns across the text block: about half a character of the table's 14 pt each.
GRID = 60
# A cell's margins and a little slack, in characters: what a column needs beyond its text.
_PADDING_CHARS = 0.7
# Values up to this many characters are kept on one line; longer ones may wrap.
_WHOLE_CHARS = 8
# A column whose longest value is longer than this is text, set flush left.
_LEFT_CHARS = 10
# A column of long text is given at least this many characters a line when the table has room.
_TEXT_CHARS = 4
# A table line's height in ems of the table's size (single spacing; CJK fonts run 1.2–1.4), and a
# cell's paragraph spacing above and below (the 表格文字 style's 2 pt each) and border, in points.
_LINE_EMS = 1.4
_CELL_EXTRA_PT = 5.0


def _unit_chars(std: Standard) -> float:
    """Characters of the table's size one grid column of ``std``'s text block holds."""
    return std.text_width_twips / GRID / (std.faces.table.size_pt * 20)


def table_block(table: Table, standard: Standard | None = None) -> dict[str, Any]:
    spans = column_spans([table.header, *table.rows], standard)
    widest = [
        max(_longest_line(row[j]) for row in [table.header, *table.rows])
        for j in range(len(table.header))
    ]
    align = ["left" if w > _LEFT_CHARS else "center" for w in widest]
    merges = _merges(table)
    std = standard or national()
    keeps = _keeps(table, merges, spans, std)
    # A row taller than a page under the header must break (Word cuts off a row it may not split).
    heights = row_heights_pt([table.header, *table.rows], spans, std)
    room = std.text_height_mm / MM_PER_PT - heights[0]
    return {
        "kind": "table",
        "title": table.title or "",
        "unit": f"单位：{table.unit}" if table.unit else "",
        "header": [{"text": h, "span": s} for h, s in zip(table.header, spans, strict=True)],
        "rows": [
            [
                {
                    "text": cell,
                    "span": spans[j],
                    "align": align[j],
                    "merge": merges[i][j],
                    "keep": keeps[i],
                    "whole": heights[i + 1] <= room,
                }
                for j, cell in enumerate(row)
            ]
            for i, row in enumerate(table.rows)
        ],
    }


def _longest_line(text: str) -> float:
    return max((text_width(line) for line in text.split("\n")), default=0)


def _unbreakable(text: str) -> float:
    """The width a cell's column must give it: all of a short value, else its longest run of
    letters and digits (a date, a number), which a line cannot break."""
    if _longest_line(text) <= _WHOLE_CHARS:
        return _longest_line(text)
    return _longest_run(text)


def _longest_run(text: str) -> float:
    """The width of ``text``'s longest run of letters and digits (at least 2 characters): the
    narrowest a line can break it."""
    run = longest = 0.0
    for c in text:
        run = run + 0.5 if not is_wide(c) and not c.isspace() else 0.0
        longest = max(longest, run)
    return max(longest, 2.0)


def column_spans(rows: list[list[str]], standard: Standard | None = None) -> list[int]:
    """How many grid columns each table column spans (they sum to :data:`GRID`) in ``standard``'s
    text block (GB/T 9704's by default).

    A column whose values all fit on one line widens in proportion to its longest value when every
    column does. Otherwise the columns of short values (dates, numbers, names, statuses) get what
    holds them on one line first, and the columns of long text share the rest: each at least
    :data:`_TEXT_CHARS` characters (or its longest unbreakable run, or all of its text if less),
    and otherwise in proportion to how wide their text is on one line. When
    the short columns leave too little for that, the widest of them wrap like text, one at a time;
    when even that is not enough, every column is given its share of the width in proportion to
    that least width (a column of text at most :data:`_TEXT_CHARS` characters, wrapping), so a
    column of text is never pressed much narrower than the others."""
    unit = _unit_chars(standard or national())
    columns = len(rows[0])
    need = [max(_longest_line(r[j]) for r in rows) + _PADDING_CHARS for j in range(columns)]
    least = [max(_unbreakable(r[j]) for r in rows) + _PADDING_CHARS for j in range(columns)]
    whole = [math.ceil(n / unit) for n in need]
    if sum(whole) <= GRID:  # everything fits on one line: widen every column in proportion
        return _whole([GRID * w / sum(whole) for w in whole], GRID)
    # The least a column takes when it wraps like text.
    run = [max(_longest_run(r[j]) for r in rows) + _PADDING_CHARS for j in range(columns)]
    text_least = [
        math.ceil(min(n, max(m, _TEXT_CHARS + _PADDING_CHARS)) / unit)
        for n, m in zip(need, run, strict=True)
    ]
    text = {j for j in range(columns) if least[j] < need[j]}  # may wrap
    shorts = sorted((j for j in range(columns) if j not in text), key=lambda j: -need[j])
    while True:
        floor = [text_least[j] if j in text else whole[j] for j in range(columns)]
        if sum(floor) <= GRID and text:
            return _whole(_share_text(need, floor, text), GRID, floor=floor)
        wrappable = [j for j in shorts if text_least[j] < whole[j]]
        if not wrappable:
            break
        text.add(wrappable[0])  # the widest short column wraps like text
        shorts.remove(wrappable[0])
    # Too many columns to hold even that: each its share of what there is, by that least width.
    return _whole([GRID * f / sum(floor) for f in floor], GRID)


def _share_text(need: list[float], floor: list[int], text: set[int]) -> list[float]:
    """Grid columns for each column: the short ones their ``floor``, the ``text`` ones what is
    left of :data:`GRID`, in proportion to ``need`` (their text's width on one line) but none
    below its floor (those at their floor leave the rest to the others)."""
    shares = [float(f) for f in floor]
    free = set(text)
    while free:
        room = GRID - sum(floor[j] for j in range(len(floor)) if j not in free)
        total = sum(need[j] for j in free)
        for j in free:
            shares[j] = room * need[j] / total
        pinned = {j for j in free if shares[j] < floor[j]}
        if not pinned:
            break
        for j in pinned:
            shares[j] = float(floor[j])
        free -= pinned
    return shares


def _whole(shares: list[float], total: int, floor: list[int] | None = None) -> list[int]:
    """Whole numbers, none below ``floor`` (or 1), summing to ``total``, as near to ``shares``
    as can be (largest remainders get the odd units)."""
    least = floor or [1] * len(shares)
    spans = [max(m, int(s)) for m, s in zip(least, shares, strict=True)]
    by_remainder = sorted(range(len(shares)), key=lambda j: spans[j] - shares[j])
    for j in itertools.islice(itertools.cycle(by_remainder), max(0, total - sum(spans))):
        spans[j] += 1
    by_excess = sorted(range(len(shares)), key=lambda j: shares[j] - spans[j])
    while sum(spans) > total:
        spare = next((j for j in by_excess if spans[j] > least[j]), None)
        if spare is None:
            break
        spans[spare] -= 1
    return spans


def _merges(table: Table) -> list[list[str]]:
    """restart / continue / "" for every cell: a merge column's cell continues the one above when
    it has the same text and every merge column to its left continues too."""
    merged = [j for j, name in enumerate(table.header) if name in table.merge]
    rows = table.rows
    joins = [[False] * len(table.header) for _ in rows]
    for i in range(1, len(rows)):
        left_joins = True
        for j in merged:
            joins[i][j] = left_joins and rows[i][j] != "" and rows[i][j] == rows[i - 1][j]
            left_joins = joins[i][j]
    out = []
    for i, row in enumerate(joins):
        below = joins[i + 1] if i + 1 < len(rows) else [False] * len(row)
        out.append(
            ["continue" if row[j] else ("restart" if below[j] else "") for j in range(len(row))]
        )
    return out


def row_heights_pt(
    rows: list[list[str]], spans: list[int], standard: Standard | None = None
) -> list[float]:
    """Each row's estimated height in points: its tallest cell's lines at the table's size, a
    cell's text wrapping at its column's width (``spans`` grid columns, less the margins)."""
    std = standard or national()
    unit = _unit_chars(std)
    size = std.faces.table.size_pt
    out = []
    for row in rows:
        lines = 1
        for text, span in zip(row, spans, strict=True):
            room = max(1.0, span * unit - _PADDING_CHARS)
            wrapped = sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))
            lines = max(lines, wrapped)
        out.append(lines * size * _LINE_EMS + _CELL_EXTRA_PT)
    return out


def _keeps(table: Table, merges: list[list[str]], spans: list[int], std: Standard) -> list[bool]:
    """Whether each row keeps with the next: every row of a merged group but its last, for the
    groups that fit in the standard's ``kept_block_pt`` (the first counting the lines above it),
    outer groups (merge columns further left) first; a group too tall keeps only its inner
    groups."""
    heights = row_heights_pt(table.rows, spans, std)
    header = row_heights_pt([table.header], spans, std)[0]
    above = header + std.line_pitch_pt * (1 + bool(table.title) + bool(table.unit))
    limit = std.kept_block_pt
    keep = [False] * len(table.rows)
    merged = [j for j, name in enumerate(table.header) if name in table.merge]
    for j in merged:
        for start, end in _runs([m[j] for m in merges]):
            if keep[start]:
                continue  # inside an outer group kept whole
            tall = sum(heights[start : end + 1]) + (above if start == 0 else 0.0)
            if tall <= limit:
                keep[start:end] = [True] * (end - start)
    return keep


def _runs(merge: list[str]) -> list[tuple[int, int]]:
    """(first, last) row of each merged run in one column's restart / continue marks."""
    runs = []
    for i, m in enumerate(merge):
        if m == "restart":
            runs.append((i, i))
        elif m == "continue" and runs:
            runs[-1] = (runs[-1][0], i)
    return runs
