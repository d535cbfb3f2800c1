"""Rounding numbers for print, as statistics offices and Excel's ROUND do: half away from zero.

Python's Decimal rounds half to even by default (3236 against 3200 is 1.125%, which it prints as
1.12%); a 公文's figures are checked against a spreadsheet, which prints 1.13%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["decimals", "round_half_up"]


def round_half_up(value: Decimal, places: int) -> Decimal:
    """value to ``places`` decimals, a half away from zero: 1.125 → 1.13, -1.125 → -1.13."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimals(value: Decimal) -> int:
    """How many decimals value needs: 4.00 → 0, 1.10 → 1, 1.11 → 2 (exponent arithmetic only)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    text = "".join(map(str, digits))
    if not text.strip("0"):
        return 0  # zero, however many places it was written with
    return max(0, -exponent - (len(text) - len(text.rstrip("0"))))
