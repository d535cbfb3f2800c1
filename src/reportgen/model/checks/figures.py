"""Relations among the structured figures (``figures:`` tables), allowing for printed rounding.

A clerk declares them on a figure, naming other figures of the report:

- ``parts: [小学在校生, 初中在校生]`` — this figure is their total (合计): they add up to it;
- ``part_of: 在校生`` — this figure is one part of that one (其中): the parts of a total together
  do not exceed it. A figure whose name starts with 其中 (“其中：小学”) is a part of the nearest
  figure above it in the same table whose name does not;
- ``share_of: [公办园在园幼儿, 在园幼儿]`` — this figure (unit %) is the first ÷ the second × 100.

Each relation is checked on ``value`` and again on ``previous`` where every figure has one.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from pydantic import BaseModel

from ...text.cnnum import Quantity, format_value, printed_places, quantity_of, scale_word
from ..schema import Figure
from .finding import REF, Finding, Loc
from .interval import Range, rng
from .walk import figures

__all__ = ["Tables", "check_figures", "figure_index"]

_OF_ABOVE = re.compile(r"^其中[：:\s]*")


Tables = list[tuple[Loc, list[tuple[Loc, Figure]]]]


def figure_index(tables: Tables) -> dict[str, list[tuple[Loc, Figure]]]:
    """Every figure of the report by name (tables: walk.figures of the report)."""
    index: dict[str, list[tuple[Loc, Figure]]] = {}
    for _, table in tables:
        for loc, f in table:
            index.setdefault(f.name, []).append((loc, f))
    return index


def check_figures(report: BaseModel, tables: Tables | None = None) -> list[Finding]:
    tables = list(figures(report)) if tables is None else tables
    index = figure_index(tables)
    out: list[Finding] = []
    out += _same_names(index)
    wholes: dict[tuple, tuple[Loc, Figure, list[tuple[Loc, Figure]]]] = {}  # total → its 其中 parts
    for _, table in tables:
        above: tuple[Loc, Figure] | None = None
        for loc, f in table:
            if _OF_ABOVE.match(f.name) and above is not None and not f.part_of:
                wholes.setdefault(above[0], (*above, []))[2].append((loc, f))
            elif not _OF_ABOVE.match(f.name):
                above = (loc, f)
    for loc, f in (item for items in index.values() for item in items):
        if f.part_of:
            found = _find(index, f.part_of, (*loc, "part_of"), out)
            if found:
                wholes.setdefault(found[0], (*found, []))[2].append((loc, f))
        if f.parts:
            parts = [_find(index, name, (*loc, "parts", i), out) for i, name in enumerate(f.parts)]
            if all(parts):
                out += _sum(loc, f, [p for p in parts if p], exact=True)
        if f.share_of:
            pair = [_find(index, n, (*loc, "share_of", i), out) for i, n in enumerate(f.share_of)]
            if all(pair):
                out += _share(loc, f, pair[0], pair[1])  # type: ignore[arg-type]
    for loc, f, members in wholes.values():
        out += _sum(loc, f, members, exact=False)
    return out


def _find(
    index: dict[str, list[tuple[Loc, Figure]]], name: str, loc: Loc, out: list[Finding]
) -> tuple[Loc, Figure] | None:
    found = index.get(name)
    if found:
        return found[0]
    near = difflib.get_close_matches(name, list(index), n=1, cutoff=0.5)
    out.append(
        Finding(
            loc,
            "数据名称",
            f"没有名为“{name}”的数据，无法核对",
            f"是否应为“{near[0]}”？" if near else "写本报告 figures 中某一项的 name",
            check="relation",
        )
    )
    return None


def _q(f: Figure, previous: bool = False) -> Quantity:
    value = f.previous if previous else f.value
    assert value is not None
    return quantity_of(value, f.unit)


def _sum(loc: Loc, total: Figure, parts: list[tuple[Loc, Figure]], *, exact: bool) -> list[Finding]:
    out: list[Finding] = []
    t = _q(total)
    if any(not _q(p).comparable(t) for _, p in parts):
        bad = next(p for _, p in parts if not _q(p).comparable(t))
        return [
            Finding(
                loc,
                "单位",
                f"“{bad.name}”的单位“{bad.unit}”与“{total.name}”的单位“{total.unit}”不同，不能相加",
                "核对单位",
                check="relation",
            )
        ]
    for previous in (False, True):
        if previous and (total.previous is None or any(p.previous is None for _, p in parts)):
            continue
        t = _q(total, previous)
        qs = [_q(p, previous) for _, p in parts]
        got = Range(Decimal(0), Decimal(0))
        for q in qs:
            got = got + rng(q)
        if got.meets(rng(t)) or (not exact and got.low <= t.high):
            continue
        scale = min(q.scale for q in [t, *qs])
        unit = scale_word(scale) + t.unit
        value = sum((q.value for q in qs), Decimal(0))
        what = "上年数值" if previous else "数值"
        field = "previous" if previous else "value"
        out.append(
            Finding(
                (*loc, field),
                "上年数值" if previous else "数值",
                " + ".join(f"{p.name} {_v(q, scale)}" for (_, p), q in zip(parts, qs, strict=True))
                + f" = {_v2(value, scale)}{unit}，"
                + f"与“{total.name}”的{what} {_v(t, scale)}{unit} 不符",
                "各部分之和应等于合计，核对各项"
                if exact
                else "“其中”各项之和不能超过总数，核对各项",
                check="relation",
                refs=(),
            )
        )
    return out


def _share(loc: Loc, f: Figure, part: tuple[Loc, Figure], whole: tuple[Loc, Figure]):
    out: list[Finding] = []
    if quantity_of(f.value, f.unit).key != "%":
        return [
            Finding(
                (*loc, "unit"),
                "单位",
                f"“{f.name}”写了 share_of（占比），单位应为 %",
                "占比的单位写 %",
                check="relation",
            )
        ]
    (_, p), (_, w) = part, whole
    if not _q(p).comparable(_q(w)):
        return [
            Finding(
                (*loc, "share_of"),
                "占比的分子和分母",
                f"“{p.name}”（{p.unit}）与“{w.name}”（{w.unit}）单位不同，不能相除",
                "核对 share_of 中的两项",
                check="relation",
            )
        ]
    for previous in (False, True):
        if previous and (f.previous is None or p.previous is None or w.previous is None):
            continue
        share, pq, wq = _q(f, previous), _q(p, previous), _q(w, previous)
        computed = rng(pq).ratio(rng(wq))
        if computed is None or rng(share).meets(computed):
            continue
        scale = min(pq.scale, wq.scale)
        value = pq.value / wq.value * 100
        out.append(
            Finding(
                (*loc, "previous" if previous else "value"),
                "上年数值" if previous else "数值",
                f"{p.name} {_v(pq, scale)} ÷ {w.name} {_v(wq, scale)} = "
                f"{format_value(value, printed_places(share))}%，"
                f"与所写 {format_value(share.value)}% 不符",
                "核对占比和 share_of 中的两项（占比 = 部分 ÷ 总数 × 100）",
                check="relation",
            )
        )
    return out


def _same_names(index: dict[str, list[tuple[Loc, Figure]]]) -> list[Finding]:
    """The same figure name twice in a report with two values."""
    out = []
    for name, found in index.items():
        first_loc, first = found[0]
        for loc, f in found[1:]:
            a, b = _q(first), _q(f)
            if a.comparable(b) and not rng(a).meets(rng(b)):
                out.append(
                    Finding(
                        (*loc, "value"),
                        "数值",
                        f"“{name}”在这里是 {_written(f.value)}{f.unit}，在{REF}是 "
                        f"{_written(first.value)}{first.unit}",
                        "同一项数据在报告中应一致，核对两处",
                        check="same",
                        refs=((*first_loc, "value"),),
                    )
                )
    return out


def _v(q: Quantity, scale: Decimal) -> str:
    return format_value(q.value / scale)


def _v2(value: Decimal, scale: Decimal) -> str:
    return format_value(value / scale)


def _written(value: Decimal) -> str:
    """A figure's number as the clerk wrote it: 462083.30 keeps its zero."""
    return format(value, "f")
