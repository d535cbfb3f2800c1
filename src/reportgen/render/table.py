"""A table written in the body → its render block: column widths, vertical merges, alignment.

The shipped templates divide the text block's width into :data:`GRID` equal grid columns; each table
column spans a whole number of them (``span``), chosen here from what the column holds: a column of
short values (已完成, 2025年12月31日, 学前教育) is kept wide enough to hold each on one line, and
the rest of the width goes to the columns of long text, in proportion to their length. Cells of a
``merge`` column that equal the cell above merge with it (``merge``: ``restart`` on the first of a
run, ``continue`` below it), within the runs of the merge columns to their left, as 督导 forms group
a category over its tasks. Columns of long text are set flush left, short ones centred.

The block (``kind: table``): ``title`` (表题, may be empty), ``unit`` (单位：万元, may be empty),
``header`` (cells ``text``, ``span``), ``rows`` (lists of cells ``text``, ``span``, ``align``:
``left`` or ``center``, ``merge``: ``restart``, ``continue`` or empty).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from ..gbt9704 import Standard, national
from ..model.blocks import Table
from ..text.cjk import is_wide, text_width

__all__ = ["GRID", "column_spans", "table_block"]

# Grid columns across the text block: about half a character of the table's 14 pt each.
GRID = 60
# A cell's margins and a little slack, in characters: what a column needs beyond its text.
_PADDING_CHARS = 0.7
# Values up to this many characters are kept on one line; longer ones may wrap.
_WHOLE_CHARS = 8
# A column whose longest value is longer than this is text, set flush left.
_LEFT_CHARS = 10


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
    return {
        "kind": "table",
        "title": table.title or "",
        "unit": f"单位：{table.unit}" if table.unit else "",
        "header": [{"text": h, "span": s} for h, s in zip(table.header, spans, strict=True)],
        "rows": [
            [
                {"text": cell, "span": spans[j], "align": align[j], "merge": merges[i][j]}
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
    run = longest = 0.0
    for c in text:
        run = run + 0.5 if not is_wide(c) and not c.isspace() else 0.0
        longest = max(longest, run)
    return max(longest, 2.0)


def column_spans(rows: list[list[str]], standard: Standard | None = None) -> list[int]:
    """How many grid columns each table column spans (they sum to :data:`GRID`) in ``standard``'s
    text block (GB/T 9704's by default): each at least what holds its short values whole, the
    rest shared in proportion to how much more its longer values would take on one line."""
    unit = _unit_chars(standard or national())
    columns = len(rows[0])
    need = [max(_longest_line(r[j]) for r in rows) + _PADDING_CHARS for j in range(columns)]
    least = [max(_unbreakable(r[j]) for r in rows) + _PADDING_CHARS for j in range(columns)]
    spans = [math.ceil(m / unit) for m in least]
    if sum(spans) > GRID:  # too many columns to hold even that: share out what there is
        return _whole([GRID * s / sum(spans) for s in spans], GRID)
    spare = GRID - sum(spans)
    extra = [max(0.0, n / unit - s) for n, s in zip(need, spans, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: widen every column in proportion
        wants = [s + e for s, e in zip(spans, extra, strict=True)]
        return _whole([GRID * w / sum(wants) for w in wants], GRID)
    shares = [s + spare * e / sum(extra) for s, e in zip(spans, extra, strict=True)]
    return _whole(shares, GRID, floor=spans)


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
