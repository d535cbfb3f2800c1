"""The same named quantity given twice in one report must have one value.

- In the text: "全区在园幼儿总数18872人" here and "全区在园幼儿总数18870人" there: the same words
  before the number, at the head of a sentence (a later clause's subject may be elsewhere:
  "学校负责人陪餐…，发现并解决问题237个"), the same year named, neither a target, a plan nor a
  comparison.
- Against the figures: the text names a figure (its name, after words such as 全区 or 2021年完成)
  or quotes its value, and gives another value, or a growth rate or amount that its previous
  value does not give.

A quantity that rounds to the other (15.69亿元 and 156900万元) is the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from pydantic import BaseModel

from ...text.cnnum import Quantity, format_value, quantity_of
from ..schema import Figure
from .figures import Tables, figure_index
from .finding import REF, Finding, Loc
from .interval import Range, rng
from .prose import Statement
from .walk import figures

__all__ = ["check_same"]

_MIN_NAME = 4


def check_same(
    report: BaseModel,
    statements: list[tuple[Loc, str, Statement]],
    tables: Tables | None = None,
) -> list[Finding]:
    """statements: (path, Chinese field name, statement) of the whole report, in document order;
    tables: walk.figures of the report."""
    out: list[Finding] = []
    own = _own_words(report)
    year = str(getattr(report, "year", ""))
    seen: dict[tuple[str, str | None, str], tuple[Loc, Statement]] = {}
    for loc, label, s in statements:
        if not (s.settled and s.leading):
            continue
        name = own(s.name)
        if len(name) < _MIN_NAME:
            continue
        key = (name, s.year, s.quantity.key)
        if key in seen:
            first_loc, first = seen[key]
            if not rng(first.quantity).meets(rng(s.quantity)):
                out.append(
                    Finding(
                        loc,
                        label,
                        f"“{name}”在这里是 {s.quantity.text}，在{REF}是 {first.quantity.text}",
                        "同一项数据在报告中应一致，核对两处",
                        check="same",
                        refs=(first_loc,),
                    )
                )
        else:
            seen[key] = (loc, s)
    index = figure_index(list(figures(report)) if tables is None else tables)
    named = [
        (*found[0], quantity_of(found[0][1].value, found[0][1].unit)) for found in index.values()
    ]
    for loc, label, s in statements:
        found = _figure_for(s, named, own)
        if found is None:
            continue
        f_loc, f, by_value = found
        out += _against_figure(loc, label, s, f_loc, f, by_value, year)
    return out


_OWN = re.compile(
    r"(?:[全我本][区县市州旗盟省镇乡]|\d{4}年(?:度|全年)?|全年|完成|实际|实现|共|累计)+"
)


def _own_words(report: BaseModel) -> Callable[[str], str]:
    """A name without the words in front that name the report's own region or year: 全区, 我县,
    越城区, 2021年, 完成, 实际 (2021年完成一般公共预算教育支出 → 一般公共预算教育支出)."""
    region = getattr(report, "region", None)
    own = getattr(region, "name", "") or ""

    def strip(name: str) -> str:
        while True:
            before = name
            if own and name.startswith(own):
                name = name[len(own) :]
            m = _OWN.match(name)
            if m:
                name = name[m.end() :]
            if name == before:
                return name

    return strip


def _figure_for(
    s: Statement, figures_: list[tuple[Loc, Figure, Quantity]], own: Callable[[str], str]
) -> tuple[Loc, Figure, bool] | None:
    """The figure a statement speaks of: by name (after the report's own words), else by value
    (a number of four or more digits, or with decimals, written exactly as the figure's)."""
    name = own(s.name)
    if len(name) >= _MIN_NAME:
        for loc, f, _ in figures_:
            if f.name == name:
                return loc, f, False
    for loc, f, q in figures_:
        written = format(f.value, "f")
        if (
            q.value == s.quantity.value
            and q.comparable(s.quantity)
            and ("." in written or len(written.lstrip("0")) >= 4)
        ):
            return loc, f, True
    return None


def _against_figure(
    loc: Loc, label: str, s: Statement, f_loc: Loc, f: Figure, by_value: bool, year: str
) -> list[Finding]:
    out: list[Finding] = []
    here = quantity_of(f.value, f.unit)
    if not here.comparable(s.quantity):
        return out
    values = [here] + ([quantity_of(f.previous, f.unit)] if f.previous is not None else [])
    if (
        not by_value
        and s.settled
        and (s.year in (None, year) or f.previous is not None)
        and not any(rng(v).meets(rng(s.quantity)) for v in values)
    ):
        out.append(
            Finding(
                loc,
                label,
                f"“{f.name}”在这里是 {s.quantity.text}，数据表（{REF}）中是 "
                f"{_written(f.value)}{f.unit}",
                "正文和数据表中的同一项数据应一致，核对两处",
                check="same",
                refs=((*f_loc, "value"),),
            )
        )
        return out
    if not rng(here).meets(rng(s.quantity)) or here.is_rate:
        return out
    growth = _figure_growth(f)
    if (
        s.rate is not None
        and growth is not None
        and not _signed(s.rate, s.falling).meets(growth[0])
    ):
        out.append(
            Finding(
                loc,
                label,
                f"这里写“{f.name}”{'下降' if s.falling else '增长'}{s.rate.text}，"
                f"数据表（{REF}）{growth[1]}",
                "核对增长率，或数据表中的上年数值和同比增减",
                check="growth",
                refs=(f_loc,),
            )
        )
    if s.amount is not None and f.previous is not None:
        before = quantity_of(f.previous, f.unit)
        if not _signed(s.amount, s.falling).meets(rng(here) - rng(before)):
            diff = abs(here.value - before.value) / here.scale
            out.append(
                Finding(
                    loc,
                    label,
                    f"这里写增减 {s.amount.text}，数据表（{REF}）中 {_written(f.value)} − "
                    f"{_written(f.previous)} = {format_value(diff)}{f.unit}",
                    "核对增减额，或数据表中的上年数值",
                    check="growth",
                    refs=(f_loc,),
                )
            )
    return out


def _figure_growth(f: Figure) -> tuple[Range, str] | None:
    """The figure's growth in % as a range, and how it was got, for a message."""
    if f.previous is not None and f.previous > 0:
        now, before = quantity_of(f.value, f.unit), quantity_of(f.previous, f.unit)
        computed = (rng(now) - rng(before)).ratio(rng(before))
        if computed is None:
            return None
        value = (f.value - f.previous) / f.previous * 100
        shown = (
            f"按 ({_written(f.value)} − {_written(f.previous)}) ÷ "
            f"{_written(f.previous)} 算得 {format_value(value, 2)}%"
        )
        return computed, shown
    if f.growth is not None:
        return rng(quantity_of(f.growth, "%")), f"写的同比增减是 {_written(f.growth)}%"
    return None


def _signed(q: Quantity, falling: bool) -> Range:
    """A change as written (下降3%: 3) as a signed range (−3)."""
    r = rng(q)
    return Range(-r.high, -r.low) if falling else r


def _written(value: Decimal) -> str:
    """A figure's number as the clerk wrote it: 462083.30 keeps its zero."""
    return format(value, "f")
