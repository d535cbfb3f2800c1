"""Stray spaces in Chinese text: pasted from web pages, or typed to line things up.

Chinese text sets no space beside a Chinese character or mark: 15 人 and 、 42316 come from web
pages (often as no-break or ideographic spaces). :func:`tidy_spaces` removes a space

- between a Chinese character or mark and a number (15 人, 第 3 条, 10% 的, 、 42316);
- between a Chinese mark and anything (， Excel; 《 方案 》); for the curly quotes and the middle
  dot, which English text uses too, only just inside the quotes (“ A ”) or where Chinese or a
  number stands on the other side;
- between a Chinese character and a Chinese mark (工作 。).

It keeps the spaces between words of Latin text and between a Chinese and a Latin word (使用 Excel
表格: a matter of house style), and those between two Chinese characters, which in running text may
separate on purpose (联系人：张三 李四). A name has no such spaces: :func:`tidy_name_spaces` also
removes them (东城 区 → 东城区).
"""

from __future__ import annotations

import re

from . import cjk

__all__ = ["tidy_name_spaces", "tidy_spaces"]

_SPACES = re.compile(f"[{cjk.SPACES}]+")
_HAN = re.compile(f"[{cjk.HAN}]")
_MARK = re.compile(f"[{cjk.MARKS}]")
_SHARED = re.compile(f"[{cjk.SHARED}]")
_NUMERIC = re.compile(f"[{cjk.NUMERIC}]")


def _kind(ch: str) -> str:
    """han, mark (Chinese-only), shared (“”‘’·), number, or other."""
    if _HAN.match(ch):
        return "han"
    if _MARK.match(ch):
        return "mark"
    if _SHARED.match(ch):
        return "shared"
    if _NUMERIC.match(ch):
        return "number"
    return "other"


_CHINESE = {"han", "mark", "shared"}


def _stray(left: str, right: str, *, name: bool) -> bool:
    if left in "\u201c\u2018" or right in "\u201d\u2019":
        return True  # just inside quotes: “ A ” is “A” in either language
    a, b = _kind(left), _kind(right)
    if "mark" in (a, b):
        return True
    if a == b == "han":
        return name
    if "shared" in (a, b):
        other = b if a == "shared" else a
        return other in _CHINESE | {"number"}
    return {a, b} == {"han", "number"}


def _tidy(text: str, *, name: bool) -> str:
    if text.isascii() or not _SPACES.search(text):  # ASCII text has no Chinese to be beside
        return text

    def drop(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        if start == 0 or end == len(text):
            return m.group()  # the ends of a value are stripped elsewhere
        return "" if _stray(text[start - 1], text[end], name=name) else m.group()

    return _SPACES.sub(drop, text)


def tidy_spaces(text: str) -> str:
    """Remove the stray spaces of running text (see the module's docstring)."""
    return _tidy(text, name=False)


def tidy_name_spaces(text: str) -> str:
    """Remove stray spaces, and any between two Chinese characters: 东城 区 → 东城区."""
    return _tidy(text, name=True)
