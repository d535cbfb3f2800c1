"""Chinese numerals and the 公文 numbering sequences, generated from position."""

from __future__ import annotations

__all__ = ["MAX_LEVEL", "chinese_numeral", "heading_number", "point_prefix"]

_DIGITS = "零一二三四五六七八九"
_UNITS = ["", "十", "百", "千"]
MAX_LEVEL = 4


def chinese_numeral(n: int) -> str:
    """Write a positive integer below 10,000 as read in documents: 10 → 十, 11 → 十一, 20 → 二十."""
    if not 0 < n < 10000:
        raise ValueError(f"chinese_numeral supports 1..9999, got {n}")
    digits = [int(d) for d in str(n)]
    out: list[str] = []
    zero_pending = False
    for i, d in enumerate(digits):
        unit = _UNITS[len(digits) - 1 - i]
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[d] + unit)
    text = "".join(out)
    # 10–19 read 十, 十一 … not 一十, 一十一 when the number stands alone.
    if 10 <= n < 20:
        text = text[1:]
    return text


def heading_number(level: int, n: int) -> str:
    """The heading number of the n-th heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading levels are 1..{MAX_LEVEL}, got {level}")


def point_prefix(n: int) -> str:
    """Enumeration inside a paragraph: 一是, 二是 … 十一是."""
    return f"{chinese_numeral(n)}是"
