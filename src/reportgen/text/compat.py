"""Compatibility characters from web pages and PDFs, replaced by what a 公文 prints.

Unicode keeps some characters only for round trips with old encodings; its decomposition data tags
each with what it is a variant of. NFKC would replace them all, but it also turns the full-width
，。：；？！（） a 公文 needs into ASCII, so the table here is chosen per kind of variant:

- ``<small>`` (Small Form Variants, U+FE50–FE6B: ﹐﹑﹔﹕﹖﹗﹙﹚﹝﹞﹪): the ordinary mark
  (﹪ → %, ﹑ → 、, ﹐ → ,); punctuation.py then sets its width by context, as for a typed one.
- ``<vertical>`` (vertical text, U+FE10–FE19, U+FE30–FE48: ︐︑︒︵︶︙): the horizontal mark
  (︑ → 、, ︙ → …; ︐ → , and ︵ → ( take their width from the context, as above).
- ``<narrow>`` (Halfwidth Forms, U+FF61–FFEE: ｡｢｣､): the ordinary mark (｡ → 。).
- ``<wide>`` digits, letters and ％ (Fullwidth Forms: ０–９ Ａ–Ｚ ａ–ｚ ％): 0–9 A–Z a–z %,
  as a 公文 prints numbers and Latin letters half-width. A full-width ．between two digits is a
  decimal point (３．５ → 3.5).
- ``<wide>`` marks (，。：；？！（）～￥ and the ideographic space): kept, they are the marks a
  公文 uses.
- Kangxi radicals (U+2F00–2FD5: ⼀⼆⾏) and the two radicals with a decomposition in the radicals
  supplement (⺟⻳): what PDF text extraction gives for ordinary ideographs; the ideograph they
  look like (⾏ → 行).

Left alone: ①, ㈠, ℃, ㎡ and the CJK compatibility ideographs (a name may use one on purpose).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

__all__ = ["COMPAT_TABLE", "compat"]


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    blocks = chain(
        range(0x2E80, 0x2FE0),  # CJK Radicals Supplement, Kangxi Radicals
        range(0xFE10, 0xFE20),  # Vertical Forms
        range(0xFE30, 0xFE70),  # CJK Compatibility Forms, Small Form Variants
        range(0xFF01, 0xFFEF),  # Halfwidth and Fullwidth Forms
    )
    for cp in blocks:
        ch = chr(cp)
        tag, *codes = unicodedata.decomposition(ch).split(" ") or [""]
        if not tag.startswith("<") or not codes:
            continue
        # The character it is a variant of, as its decomposition names it.
        target = "".join(chr(int(code, 16)) for code in codes)
        variant = tag in ("<small>", "<vertical>", "<narrow>")
        half_width = tag == "<wide>" and ((target.isascii() and target.isalnum()) or target == "%")
        radical = tag == "<compat>" and cp < 0x3000 and unicodedata.category(target) == "Lo"
        if variant or half_width or radical:
            table[cp] = target
    return table


COMPAT_TABLE = _table()
_ANY = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(COMPAT_TABLE)) + "]")
_DECIMAL_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")


def compat(text: str) -> str:
    """Replace the compatibility characters of the table above (see the module's docstring)."""
    if text.isascii():
        return text
    if _ANY.search(text):
        text = text.translate(COMPAT_TABLE)
    return _DECIMAL_POINT.sub(".", text) if "．" in text else text
