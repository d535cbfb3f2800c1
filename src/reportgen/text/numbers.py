"""How a figure is written (plain Arabic digits), and what a clerk who wrote it otherwise is told.

The YAML's numbers and the figures sheet's cells share the three messages: thousands commas
(1,861), a unit after the number (15.69亿元), and anything else that is not a number. Only where the
unit belongs differs, so the caller says that: the YAML's ``unit`` field, or the sheet's column
name (``教育支出[万元]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

__all__ = ["in_unit", "magnitude", "malformed_number", "number_with_unit", "unit_says_it"]

# ASCII digits only: ١٩٤٠ (Arabic-Indic) has no comma to take out, it is not a number here.
_THOUSANDS = re.compile(r"[+-]?\d[\d,，]*[,，][\d,，]*(\.\d+)?", re.ASCII)
_WITH_UNIT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(\D+)", re.ASCII)
# The magnitudes a unit may start with (万元, 亿元, 千人), longest first.
_MAGNITUDE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_MAGNITUDE |= {"千": Decimal(1000), "百": Decimal(100)}
_RATIOS = ("", "%", "％", "‰", "个百分点", "百分点")


def magnitude(unit: str) -> tuple[str, Decimal, str]:
    """万元 → ("万", 10000, "元"): the magnitude a unit starts with, its size, and the rest."""
    for word, scale in _MAGNITUDE.items():
        if unit.startswith(word):
            return word, scale, unit[len(word) :]
    return "", Decimal(1), unit


def number_with_unit(text: str) -> tuple[str, str] | None:
    """5.2万 → ("5.2", "万"): a number with a unit typed after it, else None."""
    m = _WITH_UNIT.fullmatch(text)
    return (m.group(1), m.group(2).strip()) if m else None


def in_unit(number: str, written: str, unit: str) -> str | None:
    """9.27亿 where the unit is 万元 is 92700: the number in ``unit``, when the unit ``written``
    after it differs from ``unit`` only by a magnitude (万, 亿, 千 …); else None (also for no
    unit, and for a ratio, where 万 is no magnitude: 5.2万 is not 52000%)."""
    _, written_scale, written_base = magnitude(written)
    _, unit_scale, unit_base = magnitude(unit)
    if unit in _RATIOS or written_scale == unit_scale or written_base not in ("", unit_base):
        return None
    text = format(Decimal(number) * written_scale / unit_scale, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def unit_says_it(written: str, unit: str) -> str | None:
    """The magnitude (万) both ``written`` after a number and the figure's ``unit`` (万元) carry,
    so that the number alone is meant: 5.2万 or 5.2万元 where the unit is 万元. Else None."""
    word, _, written_base = magnitude(written)
    if word and unit.startswith(word) and written_base in ("", magnitude(unit)[2]):
        return word
    return None


def malformed_number(
    text: str, *, here: str, unit_goes: Callable[[str], str], blank: str = ""
) -> tuple[str, str]:
    """(message, hint) for text that was meant as a number and is not a plain one.

    ``here`` names the place in the hint (这里, 单元格); ``unit_goes(unit)`` says where the unit
    typed after the number belongs; ``blank`` ends the hint for text that is no number at all
    (what to do when there is no figure).
    """
    if _THOUSANDS.fullmatch(text):
        return f"“{text}”中有千分位逗号", f"请写成 {re.sub('[,，]', '', text)}"
    m = _WITH_UNIT.fullmatch(text)
    if m:
        return f"“{text}”带了单位", f"{here}只写数字 {m.group(1)}，{unit_goes(m.group(2))}"
    return f"“{text}”不是数字", f"请只写阿拉伯数字，如 1861 或 15.69{blank}"
