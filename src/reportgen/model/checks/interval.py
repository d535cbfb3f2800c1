"""Arithmetic on printed numbers: each stands for every value that rounds to it.

A clerk prints 15.69亿元 for anything from 15.685 to 15.695 亿元, so a sum, a difference or a
percentage computed from printed numbers is a range, and a printed result is wrong only when its
own range does not meet the computed one. Quantities give ``low`` and ``high``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...text.cnnum import Quantity

__all__ = ["Range", "rng"]


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Range) -> Range:
        return Range(self.low - other.high, self.high - other.low)

    def ratio(self, other: Range) -> Range | None:
        """self ÷ other × 100 (a percentage); None when other may be zero or negative."""
        if other.low <= 0:
            return None
        corners = [a / b * 100 for a in (self.low, self.high) for b in (other.low, other.high)]
        return Range(min(corners), max(corners))

    def meets(self, other: Range) -> bool:
        return self.low <= other.high and other.low <= self.high


def rng(q: Quantity, *, absolute: bool = False) -> Range:
    if absolute and q.value < 0:
        return Range(-q.high, -q.low)
    return Range(q.low, q.high)
