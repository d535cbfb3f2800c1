"""The figures table: each figure's value, last year's value and the year-on-year change in words.

The change itself is computed once, by the model (:meth:`reportgen.model.blocks.Figure.change`);
here it is rounded half up and worded (增长2.54%, 下降0.70个百分点) with the house wording, with
one precision for a table's change column.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.blocks import Figure, year_on_year
from ..text.rounding import decimals, round_half_up

__all__ = [
    "CHANGE_PLACES",
    "figure_change",
    "figure_delta",
    "figures_block",
    "format_number",
    "percent_change",
    "table_places",
]

# A change is printed to hundredths at most (of a percent, or of a percentage point).
CHANGE_PLACES = 2


def figures_block(figures: list[Figure], wording: dict[str, Any]) -> dict[str, Any]:
    words = wording["figures"]
    places = table_places(figures)
    rows = [
        {
            "name": f.name,
            "value": format_number(f.value) + f.unit,
            "previous": format_number(f.previous) + f.unit
            if f.previous is not None
            else words["empty"],
            "change": figure_change(f, words, places) or words["empty"],
        }
        for f in figures
    ]
    return {"kind": "figures", "header": list(words["header"]), "rows": rows}


def format_number(value: Decimal) -> str:
    """As written: 462083.30 keeps its two decimals (money), 1E+3 reads 1000."""
    return format(value, "f")


def percent_change(value: Decimal, previous: Decimal | None, words: dict[str, str]) -> str:
    change = year_on_year(value, previous, points=False) if previous is not None else None
    if change is None:
        return ""
    delta = round_half_up(change, CHANGE_PLACES)
    return _change(delta, words, places=decimals(delta))


def figure_delta(f: Figure) -> tuple[Decimal, bool] | None:
    """Year-on-year change, rounded half up to CHANGE_PLACES, and whether it is in percentage
    points (a figure whose unit is %)."""
    change = f.change()
    if change is None:
        return None
    return round_half_up(change, CHANGE_PLACES), f.in_points


def figure_change(f: Figure, words: dict[str, str], places: int | None = None) -> str:
    """The change as printed, with ``places`` decimals (by default as many as it needs)."""
    found = figure_delta(f)
    if found is None:
        return ""
    delta, points = found
    return _change(
        delta, words, points=points, places=decimals(delta) if places is None else places
    )


def table_places(figures: list[Figure]) -> int:
    """One precision for a table's change column, as statistics offices print a column: as many
    decimals as its most precise row needs (4 beside 1.11 prints 4.00)."""
    found = [figure_delta(f) for f in figures]
    return max((decimals(d[0]) for d in found if d is not None), default=0)


def _change(delta: Decimal, words: dict[str, str], *, points: bool = False, places: int) -> str:
    if delta == 0:
        return words["flat"]
    key = ("up" if delta > 0 else "down") + ("_points" if points else "")
    return words[key].format(pct=format(abs(delta).quantize(Decimal(1).scaleb(-places)), "f"))
