"""Heading numbers at the start of a paragraph, in the forms real documents use.

一、 （一） 1. （1） are the standard's four levels; documents also write 1、 and 1．, half-width
(1) and (一), 1) , ① …, 第一， and 第一部分. Each form belongs to a family with a rank (its usual
depth); the recogniser orders the families a document uses by rank to get its levels, so a
document that starts at （一） or uses 1、 under 一、 is read as it is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RANK", "Marker", "cn_number", "parse_marker"]

_CN = "零〇一二三四五六七八九十百"
RANK = {
    "part": 0.0,  # 第一部分 / 第一章
    "cn": 1.0,  # 一、
    "ord": 2.0,  # 第一， (used where （一） would be)
    "pcn": 2.0,  # （一）
    "ar": 3.0,  # 1. 1、 1．
    "par": 4.0,  # （1）
    "arp": 4.0,  # 1) (used where （1） would be)
    "circ": 5.0,  # ①
}
_PATTERNS = [
    ("part", re.compile(rf"^第([{_CN}]{{1,4}}|\d{{1,2}})(?:部分|章|篇)[\s\u3000、：:，,.．]*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*(?:、|[．.](?!\d))[\s\u3000]*")),
    ("ord", re.compile(rf"^第([{_CN}]{{1,3}})\s*[，、,：:][\s\u3000]*")),
    ("pcn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)][\s\u3000、．.]*")),
    ("ar", re.compile(r"^(\d{1,2})\s*[.．、](?![\d.．])[\s\u3000]*")),
    ("par", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)][\s\u3000、．.]*")),
    ("arp", re.compile(r"^(\d{1,2})[)）][\s\u3000]*")),
    ("circ", re.compile(r"^([①-⑳])[\s\u3000、．.]*")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23, 一百 → 100; None if not a numeral."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN for c in text):
        return None
    if "百" in text:
        high, _, low = text.partition("百")
        h = digits.get(high, None) if high else 1
        rest = cn_number(low.lstrip("零〇")) if low.strip("零〇") else 0
        return None if h is None or rest is None else h * 100 + rest
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = digits.get(tens) if tens else 1
        o = digits.get(ones) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1:
        return digits.get(text)
    return None


@dataclass(frozen=True)
class Marker:
    """A heading number found at the start of a text."""

    family: str
    number: int
    text: str  # the number as written, with its punctuation and following spaces
    rest: str  # what follows it

    @property
    def rank(self) -> float:
        return RANK[self.family]


def parse_marker(text: str) -> Marker | None:
    """The heading number at the start of text, or None. 一是 and dates are not numbers."""
    for family, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        number = _CIRCLED.index(raw) + 1 if family == "circ" else cn_number(raw)
        if number is None or number == 0:
            continue
        rest = text[m.end() :]
        if family == "cn" and not rest:
            continue
        return Marker(family, number, text[: m.end()], rest)
    return None
