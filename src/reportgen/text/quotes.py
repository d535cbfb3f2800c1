"""Quotes inside quotes: “…‘…’…”, as GB/T 15834 sets them.

A quote opened inside an open quote is a single quote, one inside that a double quote again:
关于“教育经费“两个只增不减”落实不到位”问题 → 关于“教育经费‘两个只增不减’落实不到位”问题.
The same rule sets a quote that stands outermost as a double quote, so a problem title written
with the single quotes it needs inside a heading (教育经费‘两个只增不减’…) reads with double ones
where it stands alone. Run it on text as printed, after any wording has wrapped a value in quotes.

Quotes are paired as they nest: “ and ‘ open; ” closes the innermost open quote; ’ closes an open
‘ and is otherwise an apostrophe (Children’s). Where the quotes do not pair up (one too many or
too few), which one was meant cannot be known, and the text is left as it is. Text without any
Chinese character is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import cjk

__all__ = ["nest_quotes"]

_HAN = re.compile(f"[{cjk.HAN}]")
_QUOTE = re.compile("[\u201c\u201d\u2018\u2019]")
_PAIRS = ("\u201c\u201d", "\u2018\u2019")  # depth 0, 2, 4 …: “ ”; depth 1, 3 …: ‘ ’


def nest_quotes(text: str) -> str:
    """Set every pair of quotes by its depth: “ ” outermost, ‘ ’ inside, “ ” inside that."""
    if "\u201c" not in text and "\u2018" not in text:
        return text
    return _nest_quotes(text)


@lru_cache(maxsize=8192)
def _nest_quotes(text: str) -> str:
    """nest_quotes of a text with an opening quote. Cached: each text passes here when it is
    proofread and again when it is printed, and districts share much of their text."""
    if not _HAN.search(text):
        return text
    open_at: list[int] = []
    pairs: list[tuple[int, int, str]] = []  # (opening, closing, the pair it must be)
    for m in _QUOTE.finditer(text):
        i, c = m.start(), m.group()
        if c in "\u201c\u2018":
            open_at.append(i)
        elif c == "\u201d" or (c == "\u2019" and open_at and text[open_at[-1]] == "\u2018"):
            if not open_at:
                return text  # a closing quote with none open
            start = open_at.pop()
            pairs.append((start, i, _PAIRS[len(open_at) % 2]))
    if open_at:
        return text  # a quote never closed
    wrong = [(a, b, pair) for a, b, pair in pairs if text[a] + text[b] != pair]
    if not wrong:
        return text
    chars = list(text)
    for a, b, pair in wrong:
        chars[a], chars[b] = pair[0], pair[1]
    return "".join(chars)
