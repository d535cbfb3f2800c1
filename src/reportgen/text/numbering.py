"""Chinese numerals and the 公文 numbering forms: generated from position, and recognised in text.

The one home of the numbering forms. reportgen writes 一、 （一） 1. （1） for heading levels 1 to 4
and 一是 for points (:func:`heading_number`, :func:`point_prefix`); :func:`match_number` tells what
numbering a text starts with, in those forms and the variants clerks type (（1） as (1), 1、, ⑴,
①, 第一，), so the validator can refuse a hand-typed number, the checker can find headings in any
.docx and an importer can take the number off a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "MAX_LEVEL",
    "NumberPrefix",
    "chinese_numeral",
    "heading_number",
    "match_number",
    "parse_chinese_numeral",
    "point_prefix",
]

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


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral as :func:`chinese_numeral` writes it (十一, 二十, 一百零一;
    一十一 too), or None when text is not one."""
    total = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS.index(ch)
        elif ch == "〇":
            digit = 0
        elif ch in _UNITS[1:]:
            total += (digit or 1) * 10 ** _UNITS.index(ch)
            digit = 0
        else:
            return None
    n = total + digit
    if not 0 < n < 10000:
        return None
    written = chinese_numeral(n)
    return n if text == written or (10 <= n < 20 and text == "一" + written) else None


@dataclass(frozen=True)
class NumberPrefix:
    """The numbering a text starts with.

    ``form`` names the family of the number by its first member: 一、 （一） 1. （1） for the four
    heading levels, 1) (written where （1） would be), 一是, 第一， ① and 第一部分 (also 第一章).
    ``level`` is the heading level (1–4) the form numbers, None for the others; ``kind`` is
    "heading" for those with a level, else "point", "ordinal", "circled" or "part". ``number`` is
    its ordinal (（三） → 3), ``typed`` the prefix as written (with a mark after it: （一）、) but
    without the spaces around it, ``length`` how many characters of the text it takes with those
    spaces, ``exact`` whether it is written exactly as reportgen writes that form (（一） rather
    than (一) or ㈠).
    """

    form: str
    kind: str
    level: int | None
    number: int
    typed: str
    length: int
    exact: bool


_CN = "[一二三四五六七八九十百千零〇]{1,8}"
_ARABIC = "[0-9０-９]{1,2}"
_NOT_DIGIT = "(?![0-9０-９.．])"
# Tried in order: (form, kind, level, the prefix; group n is its number unless it is one character).
_FORMS = [
    (name, kind, level, re.compile(rf"\s*(?P<typed>{form})\s*"))
    for name, kind, level, form in [
        ("第一部分", "part", None, f"第(?P<n>{_CN}|{_ARABIC})(?:部分|章|篇)[、：:，,.．]?"),
        ("第一，", "ordinal", None, f"第(?P<n>{_CN})\\s*[，、,：:]"),
        # 三、2026年工作打算 is a heading; 一.5 is not.
        ("一、", "heading", 1, f"(?P<n>{_CN})\\s*(?:、|[．.]{_NOT_DIGIT})"),
        ("一是", "point", None, f"(?P<n>{_CN})是"),
        ("（一）", "heading", 2, f"(?:[（(]\\s*(?P<n>{_CN})\\s*[）)]|[㈠-㈩])[、．.]?"),
        ("（1）", "heading", 4, f"(?:[（(]\\s*(?P<n>{_ARABIC})\\s*[）)]|[⑴-⒇])[、．.]?"),
        ("1.", "heading", 3, f"(?P<n>{_ARABIC})\\s*[.．、]{_NOT_DIGIT}|[⒈-⒛]"),
        ("1)", "heading", 4, f"(?P<n>{_ARABIC})[)）]"),
        ("①", "circled", None, "(?P<n>)[①-⑳㉑-㉟㊱-㊿][、．.]?"),
    ]
]
# Every form at once (their groups unnamed), to turn the usual text, with no number in front, away
# in one match rather than nine.
_ANY_FORM = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) for *_, rx in _FORMS))


def match_number(text: str) -> NumberPrefix | None:
    """The numbering prefix text starts with (after any spaces), or None.

    Recognised: 一、 （一） 1. （1） 一是 as reportgen writes them; half-width and mixed brackets,
    spaces inside them, a mark after them (（一）、), full-width digits and ．, 一. and 1、, 1),
    the single characters ㈠ ⑴ ⒈ and ①, 第一， and 第一部分. A number must end in its mark:
    1.5亿元, 十分, 第一责任人 and 2021年 are not numbering; nor is a number 0.
    """
    if not _ANY_FORM.match(text):
        return None
    found = next(((f, k, lv, m) for f, k, lv, rx in _FORMS if (m := rx.match(text))), None)
    if found is None:
        return None
    form, kind, level, m = found
    typed, digits = m.group("typed"), m.group("n")
    if not digits:  # one character: ㈠ ⑴ ⒈ ①
        number = int(unicodedata.numeric(typed[0]))
    elif digits.isdecimal():
        number = int(digits)
    else:
        parsed = parse_chinese_numeral(digits)
        if parsed is None:
            return None
        number = parsed
    if number == 0:
        return None
    if form == "一是":
        exact = typed == point_prefix(number)
    elif form in ("一、", "（一）", "1.", "（1）") and level is not None:
        exact = typed == heading_number(level, number)
    else:
        exact = False
    return NumberPrefix(form, kind, level, number, typed, m.end(), exact)
