"""Numbers as Chinese reports write them, read back into values with their units and precision.

``find_quantities`` finds every number with a unit in a sentence: Arabic numerals with decimals
and thousands commas (1,861  15.69), Chinese number words (三千二百, 两万, 十二), the multipliers
万, 亿, 千 (9.27亿元, 1.2万人), percentages (2.54%, 百分之五), 个百分点, and units of count and
measure (人, 所, 万元, 平方米 …). Each quantity carries its value in the base unit (元, 人, %), so
万元 and 亿元 compare directly, and ``half``: half the last digit written, the rounding a clerk's
printed number may hide (15.69亿元 is 15.685 to 15.695 亿元; 1861人 is exact).

Years, dates, document numbers (〔2021〕2号), ordinals (第二次), ranges (1至2个) and anything in
quotation marks or book-title marks (“两个只增不减”, 《…（2019-2022年）》) are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .rounding import round_half_up

__all__ = [
    "Quantity",
    "cn_integer",
    "find_quantities",
    "format_value",
    "parse_number",
    "printed_places",
    "quantity_of",
    "scale_word",
    "unit_parts",
]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8, "兆": 10**12}


def cn_integer(words: str) -> int | None:
    """三千二百 → 3200, 两万 → 20000, 十二 → 12, 一百零五 → 105, 1亿2千万 style excluded; None
    when the words are not a well-formed number (十十, 万万)."""
    words = words.replace("万亿", "兆")  # 四万亿: 万 of 亿
    if not words or any(
        c not in _CN_DIGITS and c not in _CN_SMALL and c not in _CN_BIG for c in words
    ):
        return None
    total, section, digit = 0, 0, None
    last_small, last_big = 10**5, 10**13
    for c in words:
        if c in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[c] != 0:
                return None  # 三四 is not a number
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            unit = _CN_SMALL[c]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            last_small, digit = unit, None
        else:
            unit = _CN_BIG[c]
            if unit >= last_big:
                return None
            section += digit or 0
            if section == 0:
                return None
            total += section * unit
            section, digit, last_small, last_big = 0, None, 10**5, unit
    return total + section + (digit or 0)


_MULTIPLIERS = {"千": Decimal(10**3), "万": Decimal(10**4), "亿": Decimal(10**8)}
_MULTIPLIERS |= {"千万": Decimal(10**7), "百万": Decimal(10**6), "万亿": Decimal(10**12)}


def parse_number(text: str) -> Decimal | None:
    """The value of a number as written: 1,861 → 1861; 15.69亿 → 1569000000; 两万 → 20000."""
    text = text.strip()
    m = re.fullmatch(r"([-－−]?)([\d,]+(?:\.\d+)?)(千万|百万|万亿|[千万亿])?", text)
    if m:
        try:
            value = Decimal(m.group(2).replace(",", ""))
        except InvalidOperation:
            return None
        value *= _MULTIPLIERS.get(m.group(3) or "", Decimal(1))
        return -value if m.group(1) else value
    n = cn_integer(text)
    return None if n is None else Decimal(n)


# ---- units ---------------------------------------------------------------------------------

# Base units, longest first where one is the start of another (人次 before 人, 个百分点 before 个).
# A unit maps to the key that decides what compares with what: 人, 名 and 位 all count people.
_UNITS: dict[str, str] = {
    "个百分点": "个百分点",
    "百分点": "个百分点",
    "个月": "个月",
    "%": "%",
    "％": "%",
    "‰": "‰",
    "平方米": "平方米",
    "平方公里": "平方公里",
    "人次": "人次",
    "元": "元",
    "人": "人",
    "名": "人",
    "位": "人",
    "所": "所",
    "个": "个",
    "座": "座",
    "项": "项",
    "场": "场",
    "门": "门",
    "节": "节",
    "班": "班",
    "间": "间",
    "台": "台",
    "套": "套",
    "件": "件",
    "本": "册",
    "册": "册",
    "张": "张",
    "家": "家",
    "条": "条",
    "处": "处",
    "辆": "辆",
    "篇": "篇",
    "部": "部",
    "种": "种",
    "组": "组",
    "支": "支",
    "户": "户",
    "亩": "亩",
    "公里": "公里",
    "课时": "课时",
    "学时": "学时",
    "小时": "小时",
    "天": "天",
    "次": "次",
    "批": "批",
    "期": "期",
    "届": "届",
    "倍": "倍",
    "岁": "岁",
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# After Chinese number words some units are ordinary words: 十分 (very), 一本 (一本书 is fine, but
# 一本正经), 一部分, 一期 … only these count after words.
_WORD_UNITS = set(_UNITS) - {"本", "部", "期", "支", "组", "种", "处", "条", "张", "台", "节", "门"}
_RATES = {"%", "‰", "个百分点"}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as found in a sentence."""

    text: str  # as written: 15.69亿元
    start: int  # span in the sentence
    end: int
    number: str  # the number as written, without unit: 15.69亿
    value: Decimal  # in the base unit: 1569000000 (元), 2.54 (%)
    half: Decimal  # half the last written digit, in the base unit; 0 for an exact count
    unit: str  # base unit as written: 元, 人, 名, %
    key: str  # what compares with what: 名 and 人 are both 人
    approx: bool = False  # 约, 近, 余, 多, 以上, 左右 …
    scale: Decimal = Decimal(1)  # the multiplier written: 10000 for 万元

    @property
    def unit_text(self) -> str:
        """The unit as written with its multiplier: 万元."""
        return _SCALE_WORDS.get(self.scale, "") + self.unit

    @property
    def is_rate(self) -> bool:
        return self.key in ("%", "‰")

    @property
    def low(self) -> Decimal:
        return self.value - self.half

    @property
    def high(self) -> Decimal:
        return self.value + self.half

    def comparable(self, other: Quantity) -> bool:
        return self.key == other.key

    def shown(self, scale: Decimal = Decimal(1)) -> str:
        """The value in a unit `scale` times the base (10000 for 万元), trimmed: 156900."""
        return format_value(self.value / scale)


def printed_places(q: Quantity) -> int:
    """Decimals to show a value computed to compare with q: as many as q was printed with, and at
    least two (1.26% beside a printed 12.6%)."""
    if not q.half:
        return 2
    exponent = (q.half * 2 / q.scale).normalize().as_tuple().exponent
    return max(2, -exponent) if isinstance(exponent, int) else 2


def format_value(value: Decimal, places: int | None = None) -> str:
    """A value for a message: 20200, 2.54, 156900 (no exponent, no trailing zeros); with places,
    rounded half up as statistics offices round (see text/rounding.py)."""
    if places is not None and value.adjusted() < 20:  # quantize needs the digits to fit
        return format(round_half_up(value, places), "f")
    return format(value.normalize() if value else Decimal(0), "f")


_ARABIC = r"[-－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_NUMBER = re.compile(
    # The lookahead names the characters a number can start with, so that the search skips the
    # rest quickly (three times faster on report text than letting each position try the groups).
    r"(?=[负百\d\-－−零〇一二两三四五六七八九十千万亿])"
    rf"(?P<neg>负)?(?P<pct>百分之)?(?:(?P<arabic>{_ARABIC})(?P<mult>千万|百万|万亿|[千万亿])?"
    rf"|(?P<cn>{_CN}))"
    rf"(?P<after>余|多)?(?:[ \u00a0]?(?P<unit>{_UNIT_RE}))?"
)
_APPROX_BEFORE = re.compile(
    r"(?:约|近|逾|超过|突破|超|高于|低于|不少于|不低于|不超过|不足|至少|大约|将近|接近|上下)$"
)
_APPROX_AFTER = re.compile(r"余|多|以上|以下|以内|左右|上下|不等")
_RANGE_JOIN = "至到~～\\-—－"
_RANGE_BEFORE = re.compile(
    rf"(?:\d|[零〇一二两三四五六七八九十百千万亿])(?:{_UNIT_RE})?[{_RANGE_JOIN}]$"
)
_RANGE_AFTER = re.compile(rf"[{_RANGE_JOIN}](?:\d|[零〇一二两三四五六七八九十])")
_OPEN = {"“": "”", "《": "》", "〔": "〕", "‘": "’", "〈": "〉", '"': '"', "「": "」"}


_HAS_QUOTE = re.compile("[" + re.escape("".join(_OPEN)) + "]")
_QUOTE_MARK = re.compile("[" + re.escape("".join(_OPEN) + "".join(_OPEN.values())) + "]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, book-title marks and document-number brackets."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _QUOTE_MARK.finditer(text):
        i, c = m.start(), m.group()
        if stack and c == _OPEN[text[stack[-1]]]:
            start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif c in _OPEN and (c != '"' or not stack):
            stack.append(i)
    return spans


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit (or a percentage) in text, left to right (see the module doc)."""
    out: list[Quantity] = []
    quoted: list[tuple[int, int]] | None = None
    for m in _NUMBER.finditer(text):
        if not (m.group("unit") or m.group("pct")):
            continue  # a bare number or a number word: never a quantity
        if quoted is None:
            quoted = _quoted_spans(text) if _HAS_QUOTE.search(text) else []
        q = _quantity(text, m, quoted)
        if q is not None:
            out.append(q)
    return out


def _quantity(text: str, m: re.Match, quoted: list[tuple[int, int]]) -> Quantity | None:
    start, end = m.start(), m.end()
    if any(a <= start < b for a, b in quoted):
        return None
    before = text[max(0, start - 4) : start]
    arabic, cn = m.group("arabic"), m.group("cn")
    if arabic and start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．"):
        return None
    if before.endswith(("第", "前", "后")) and not arabic:
        return None  # 第二次, 前三名
    if before.endswith("第") or (before[-1:].isascii() and before[-1:].isalpha()):
        return None  # 第5位; A1, B2 codes
    unit = m.group("unit")
    pct = m.group("pct")
    if pct:
        if unit:
            return None  # 百分之五十人: not a percentage as written
        unit = "%"
    if cn and (cn in ("万", "亿", "千", "百") or not unit or (unit not in _WORD_UNITS and not pct)):
        return None  # 千方百计, 十分, 一是: words, not quantities
    if not unit:
        return None  # a bare number: a code, a ratio part, a year without 年 …
    # A range (1至2个, 20-30人, 五至十所) states no one value.
    if _RANGE_BEFORE.search(text[max(0, start - 12) : start]) or _RANGE_AFTER.match(text, end):
        return None
    number = ("-" if m.group("neg") else "") + (arabic or cn) + (m.group("mult") or "")
    value, half = _value_and_half(arabic, m.group("mult"), cn, unit)
    if value is None:
        return None
    if m.group("neg"):
        value = -value
    approx = bool(
        m.group("after")
        or _APPROX_BEFORE.search(text[max(0, start - 4) : start])
        or _APPROX_AFTER.match(text, end)
    )
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        number=number,
        value=value,
        half=half,
        unit=unit,
        key=_UNITS[unit],
        approx=approx,
        scale=_MULTIPLIERS.get(m.group("mult") or "", Decimal(1))
        if arabic
        else _cn_scale(cn or ""),
    )


def _cn_scale(cn: str) -> Decimal:
    return (
        Decimal(10**8) if cn.endswith("亿") else Decimal(10**4) if cn.endswith("万") else Decimal(1)
    )


@lru_cache(maxsize=256)
def unit_parts(unit_text: str) -> tuple[Decimal, str, str]:
    """A figure's unit: (multiplier, base unit, comparison key). 万元 → (10000, 元, 元); a unit not
    known here (元/生) is its own key, so it compares with itself only."""
    text = "".join(unit_text.split())
    for word, scale in sorted(_MULTIPLIERS.items(), key=lambda kv: -len(kv[0])):
        rest = text[len(word) :]
        if text.startswith(word) and rest in _UNITS:
            return scale, rest, _UNITS[rest]
    if text in _UNITS:
        return Decimal(1), text, _UNITS[text]
    return Decimal(1), text, text


def quantity_of(value: Decimal, unit_text: str, text: str = "") -> Quantity:
    """A value from structured data (a figure) as a Quantity: half its last decimal when it has
    decimals, a multiplier (万元) or is a rate; an integer count is exact."""
    scale, unit, key = unit_parts(unit_text)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    rounded = exponent < 0 or scale != 1 or key in _RATES
    half = Decimal(1).scaleb(exponent) * scale / 2 if rounded else Decimal(0)
    return Quantity(
        text=text or format(value, "f") + unit_text,
        start=0,
        end=0,
        number=format(value, "f"),
        value=value * scale,
        half=half,
        unit=unit,
        key=key,
        scale=scale,
    )


def _value_and_half(
    arabic: str | None, mult: str | None, cn: str | None, unit: str
) -> tuple[Decimal | None, Decimal]:
    rounded_unit = _UNITS[unit] in _RATES
    if arabic:
        try:
            number = Decimal(arabic.replace(",", "").translate(_MINUS))
        except InvalidOperation:
            return None, Decimal(0)
        factor = _MULTIPLIERS.get(mult or "", Decimal(1))
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)
        ulp = Decimal(1).scaleb(exponent) * factor
        rounded = exponent < 0 or factor != 1 or rounded_unit
        return number * factor, (ulp / 2 if rounded else Decimal(0))
    assert cn is not None
    n = cn_integer(cn)
    if n is None:
        return None, Decimal(0)
    # Number words ending in 万 or 亿 are rounded to it, as 2万 is (两万 is 1.5 to 2.5万);
    # 三千二百 and 十二 are exact.
    place = 10**8 if cn.endswith("亿") else 10**4 if cn.endswith("万") else 1
    rounded = place > 1 or rounded_unit
    return Decimal(n), (Decimal(place) / 2 if rounded else Decimal(0))


_SCALE_WORDS = {v: k for k, v in _MULTIPLIERS.items()}


def scale_word(scale: Decimal) -> str:
    """The multiplier word of a scale: 万 for 10000, nothing for 1."""
    return _SCALE_WORDS.get(scale, "")


_MINUS = str.maketrans({"－": "-", "−": "-"})
