"""Classes of characters in Chinese text, as regex character-class bodies (for ``[...]``).

One place for what the proofreading rules (punctuation, spaces, quotes, title breaks), the
loader's line folding, the YAML error hints, the signature layout and the PDF measurement call a
Chinese character, a Chinese punctuation mark, an opening or a closing mark, and a wide character.

- Chinese (:data:`CHINESE`, :func:`is_chinese`): the ideographs (:data:`HAN`: CJK Unified with
  Extension A, the compatibility ideographs, Extension B on, the radicals, 〇) and the Chinese
  marks (:data:`MARKS`: CJK punctuation 、。《》〔〕, the full-width forms ，；：（）, ・ — …):
  where the rules of Chinese text apply (no space beside it, a full-width mark after it).
  Hangul, kana and Yi are not: Korean sets spaces between words.
- Wide (:func:`is_wide`, :func:`text_width`): takes a whole character cell. Unicode's East Asian
  Width W or F (ideographs, kana, Hangul, full-width forms, emoji), and the marks Chinese text sets
  full-width though Unicode calls their width ambiguous (:data:`WIDE`: “” ‘’ · — …). The rest
  (Latin letters, digits, ①) take about half a cell.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CHINESE",
    "CLOSING",
    "HAN",
    "MARKS",
    "NUMERIC",
    "OPENING",
    "QUOTES",
    "SHARED",
    "SPACES",
    "WIDE",
    "is_chinese",
    "is_wide",
    "text_width",
]

# Ideographs: unified (with extension A), compatibility, the supplementary planes (extensions B-G,
# where rare names live: 𠀀 …), the radicals, and 々〆〇 (〇 is a digit of 二〇二一年).
HAN = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0003134f"
)
# Chinese punctuation marks: the CJK block (、。《》「」【】〔〕…), the full-width forms
# (，；：？！（）％…), the vertical and small compatibility forms, the dash and the ellipsis.
MARKS = (
    "\u3001-\u3004\u3008-\u3020\u3030\u303d\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\ufe10-\ufe19\ufe30-\ufe6b\u2014\u2026\u30fb"
)
# Marks Chinese text sets full-width but English text uses too: the curly quotes, the middle dot
# of foreign names (买买提·艾力).
QUOTES = "\u201c\u201d\u2018\u2019"
SHARED = QUOTES + "\u00b7"
# Characters that never start a line (closing marks and the marks that follow a word) and that
# never end one (opening marks): GB/T 15834 and the line-breaking rules of Chinese typesetting.
CLOSING = "，。、；：？！）》」』】〕〗〙〉”’…％%‰"
OPENING = "（《「『【〔〖〘〈“‘"
# Characters that are part of a number as printed: digits, the percent and per-mille signs, ℃.
NUMERIC = "0-9%\u2030\u2103"
# Whatever takes a full character cell in Chinese text.
WIDE = HAN + MARKS + SHARED
# Spaces within a line: the ASCII space, no-break and typographic spaces pasted from web pages
# (&nbsp; &ensp; &emsp; &thinsp;), and the ideographic space.
SPACES = " \u00a0\u2000-\u200a\u202f\u205f\u3000"
# A Chinese character or a Chinese mark.
CHINESE = HAN + MARKS

_CHINESE = re.compile(f"[{CHINESE}]")
_WIDE = re.compile(f"[{WIDE}]")


def is_chinese(c: str) -> bool:
    """Whether the character c is a Chinese character or mark (see above)."""
    return _CHINESE.fullmatch(c) is not None


def is_wide(c: str) -> bool:
    """Whether the character c takes a whole character cell (see above)."""
    return unicodedata.east_asian_width(c) in ("W", "F") or _WIDE.fullmatch(c) is not None


def text_width(text: str) -> float:
    """Width in character cells: wide characters 1, the rest (Latin letters, digits) ½."""
    return sum(1 if is_wide(c) else 0.5 for c in text)
