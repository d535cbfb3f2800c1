"""The numbers of the city's overview, computed once from the districts and an as-of date, so the
workbook, the summary report and the tests read the same figures. Pure: no I/O.

- per district: problems, measures by status, completion rate (已完成 ÷ measures; none when a
  district has no measures), measures overdue on the as-of day, warnings;
- the merged ledger, each measure with its overdue flag and days past its last day;
- figures: for each (name, unit), every district's value ranked from the largest (tied values share
  a rank, the next rank skips: 1, 2, 2, 4). Figures of one name in different units are not
  compared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from ..model.schema import STATUSES
from .collect import District, FigureRow, MeasureRow

__all__ = ["FigureKey", "LedgerRow", "OverviewRow", "RankedFigure", "Rollup", "Totals"]

FigureKey = tuple[str, str]  # (name, unit)


@dataclass(frozen=True)
class OverviewRow:
    district: District
    name: str  # as shown: the region, with its parent where two districts share a name
    measures: int
    counts: dict[str, int]  # by status, 未填写 included
    rate: Decimal | None  # 已完成 / measures, None without measures or for a failed district
    overdue: int

    @property
    def done(self) -> int:
        return self.counts["已完成"]


@dataclass(frozen=True)
class Totals:
    districts: int
    failed: int
    problems: int
    measures: int
    counts: dict[str, int]
    rate: Decimal | None
    overdue: int
    overdue_districts: int
    warnings: int


@dataclass(frozen=True)
class LedgerRow:
    name: str
    district: District
    measure: MeasureRow
    overdue: bool
    days: int  # days past the last day when overdue, else 0


@dataclass(frozen=True)
class RankedFigure:
    name: str
    district: District
    figure: FigureRow
    rank: int
    of: int  # districts ranked on this figure


@dataclass(frozen=True)
class Rollup:
    districts: tuple[District, ...]
    as_of: dt.date

    @classmethod
    def of(cls, districts, as_of: dt.date | None = None) -> Rollup:
        return cls(tuple(districts), as_of or dt.date.today())

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Each district's name as shown: the region; parent + region where two share a name;
        then the input file's name too."""
        plain = [d.region or Path(d.input).stem for d in self.districts]
        counts = Counter(plain)
        named = [
            p if counts[p] == 1 or not d.region else d.parent + d.region
            for p, d in zip(plain, self.districts, strict=True)
        ]
        counts = Counter(named)
        return tuple(
            n if counts[n] == 1 else f"{n}（{Path(d.input).name}）"
            for n, d in zip(named, self.districts, strict=True)
        )

    @cached_property
    def overview(self) -> tuple[OverviewRow, ...]:
        rows = []
        for name, d in zip(self.names, self.districts, strict=True):
            counts = d.status_counts()
            n = len(d.measures)
            rate = Decimal(counts["已完成"]) / n if n else None
            overdue = sum(m.overdue(self.as_of) for m in d.measures)
            rows.append(OverviewRow(d, name, n, counts, rate, overdue))
        return tuple(rows)

    @cached_property
    def totals(self) -> Totals:
        ok = [r for r in self.overview if r.district.ok]
        counts = dict.fromkeys((*STATUSES, "未填写"), 0)
        for r in ok:
            for k, v in r.counts.items():
                counts[k] += v
        measures = sum(r.measures for r in ok)
        return Totals(
            districts=len(self.districts),
            failed=len(self.districts) - len(ok),
            problems=sum(r.district.problems or 0 for r in ok),
            measures=measures,
            counts=counts,
            rate=Decimal(counts["已完成"]) / measures if measures else None,
            overdue=sum(r.overdue for r in ok),
            overdue_districts=sum(1 for r in ok if r.overdue),
            warnings=sum(len(r.district.warnings) for r in ok),
        )

    @cached_property
    def ledger(self) -> tuple[LedgerRow, ...]:
        rows = []
        for name, d in zip(self.names, self.districts, strict=True):
            for m in d.measures:
                late = m.overdue(self.as_of)
                days = (self.as_of - m.due).days if late and m.due else 0
                rows.append(LedgerRow(name, d, m, late, days))
        return tuple(rows)

    @property
    def overdue(self) -> list[LedgerRow]:
        """The overdue measures, longest overdue first (then in ledger order)."""
        late = [r for r in self.ledger if r.overdue]
        return sorted(late, key=lambda r: -r.days)

    @cached_property
    def figure_keys(self) -> tuple[FigureKey, ...]:
        """Every (name, unit) some district reports: the most widely reported first, then in the
        order they first appear."""
        seen: dict[FigureKey, int] = {}
        for d in self.districts:
            for f in d.figures:
                seen[(f.name, f.unit)] = seen.get((f.name, f.unit), 0) + 1
        order = {k: i for i, k in enumerate(seen)}
        return tuple(sorted(seen, key=lambda k: (-seen[k], order[k])))

    @cached_property
    def figures(self) -> tuple[RankedFigure, ...]:
        """Every district's figures in district order, each with its rank among the districts
        reporting the same name and unit."""
        groups: dict[FigureKey, list[Decimal]] = {}
        for d in self.districts:
            for f in d.figures:
                groups.setdefault((f.name, f.unit), []).append(f.value)
        ranks: dict[FigureKey, dict[Decimal, int]] = {}
        for key, values in groups.items():
            ordered = sorted(values, reverse=True)
            table: dict[Decimal, int] = {}
            for i, v in enumerate(ordered, 1):
                table.setdefault(v, i)
            ranks[key] = table
        out = []
        for name, d in zip(self.names, self.districts, strict=True):
            for f in d.figures:
                key = (f.name, f.unit)
                out.append(RankedFigure(name, d, f, ranks[key][f.value], len(groups[key])))
        return tuple(out)

    def figure_values(self, key: FigureKey) -> list[tuple[str, Decimal | None]]:
        """(district name, value) of one figure for every district that did not fail."""
        out = []
        for name, d in zip(self.names, self.districts, strict=True):
            if d.ok:
                found = next((f.value for f in d.figures if (f.name, f.unit) == key), None)
                out.append((name, found))
        return out

    def find_figure(self, name: str) -> FigureKey | None:
        """The figure called ``name`` (``name`` or ``name[unit]``), the most widely reported unit
        when several; None when no district reports it."""
        for key in self.figure_keys:
            if name in (key[0], f"{key[0]}[{key[1]}]", f"{key[0]}（{key[1]}）"):
                return key
        return None
