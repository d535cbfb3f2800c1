"""How a figure is written (plain Arabic digits), and what a clerk who wrote it otherwise is told.

The YAML's numbers and the figures sheet's cells share the three messages: thousands commas
(1,861), a unit after the number (15.69亿元), and anything else that is not a number. Only where the
unit belongs differs, so the caller says that: the YAML's ``unit`` field, or the sheet's column
name (``教育支出[万元]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["malformed_number"]

# ASCII digits only: ١٩٤٠ (Arabic-Indic) has no comma to take out, it is not a number here.
_THOUSANDS = re.compile(r"[+-]?\d[\d,，]*[,，][\d,，]*(\.\d+)?", re.ASCII)
_WITH_UNIT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(\D+)", re.ASCII)


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
