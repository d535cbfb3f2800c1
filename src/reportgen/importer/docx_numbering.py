"""Word's automatic numbering (numbering.xml): the label a numbered paragraph shows.

A paragraph numbered automatically holds no number in its text: Word draws "一、" or "（1）" from
the paragraph's numPr (numId, ilvl), the level's format (chineseCounting, decimal, …) and level
text ("%1、", "（%2）"), and counters that run through the document. :class:`Numbering` replays
those counters in reading order, as Word does:

- paragraphs whose w:num share an abstractNum share counters (Word continues a list across
  w:num instances) unless the w:num restarts a level with lvlOverride/startOverride, which takes
  effect where that w:num is first used;
- using a level resets the deeper levels (lvlRestart can say otherwise);
- a level with isLgl shows every level in Arabic digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..text.numbering import chinese_numeral
from .docx_styles import Styles, w

__all__ = ["Numbering", "format_number"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEO_CIRCLE = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_IDEO_PAREN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEO_DIGIT = str.maketrans("0123456789", "〇一二三四五六七八九")


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _from(seq: str, n: int) -> str:
    return seq[n - 1] if 0 < n <= len(seq) else str(n)


def format_number(n: int, fmt: str) -> str:
    """Counter ``n`` in a w:numFmt format, as Word shows it (unknown formats: Arabic digits)."""
    if fmt in {"none", ""}:
        return ""
    if n <= 0 and fmt != "decimal":
        return str(n)
    chinese = {
        "chineseCounting", "chineseCountingThousand", "japaneseCounting", "koreanCounting",
        "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional",
        "chineseLegalSimplified", "japaneseLegal",
    }  # fmt: skip
    if fmt in chinese:
        text = chinese_numeral(n) if n < 10000 else str(n)
        if "Legal" in fmt:
            text = text.translate(_LEGAL)
        return text
    table = {
        "decimalEnclosedCircle": _CIRCLED,
        "decimalEnclosedCircleChinese": _CIRCLED,
        "decimalEnclosedParen": _PAREN,
        "decimalEnclosedFullstop": _STOP,
        "ideographEnclosedCircle": _IDEO_CIRCLE,
        "ideographParenthesized": _IDEO_PAREN,
        "ideographTraditional": _TIANGAN,
        "ideographZodiac": _DIZHI,
    }
    if fmt in table:
        return _from(table[fmt], n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return str(n).translate(_FULL)
    if fmt == "ideographDigital":
        return str(n).translate(_IDEO_DIGIT)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str | None = None
    start: int = 0
    restart: int | None = None  # lvlRestart: None = after any higher level
    legal: bool = False
    bullet_char: str = ""


@dataclass
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)
    style_link: str | None = None  # numStyleLink: the list is defined by a numbering style


def _level(el: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        child = el.find(w(tag))
        return child.get(w("val")) if child is not None else None

    start = val("start")
    restart = val("lvlRestart")
    lvl = _Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText"),
        start=int(start) if start and start.lstrip("-").isdigit() else 0,
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=el.find(w("isLgl")) is not None,
    )
    if lvl.fmt == "bullet":
        lvl.bullet_char = lvl.text or "•"
    return lvl


class Numbering:
    """Counters of one document, advanced paragraph by paragraph in reading order."""

    def __init__(self, root: etree._Element | None, styles: Styles):
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._styles = styles
        if root is None:
            return
        for ab in root.iter(w("abstractNum")):
            aid = ab.get(w("abstractNumId"), "")
            a = _Abstract()
            for lv in ab.findall(w("lvl")):
                ilvl = lv.get(w("ilvl"), "0")
                if ilvl.isdigit():
                    a.levels[int(ilvl)] = _level(lv)
            link = ab.find(w("numStyleLink"))
            if link is not None:
                a.style_link = link.get(w("val"))
            self._abstracts[aid] = a
        for num in root.iter(w("num")):
            nid = num.get(w("numId"), "")
            ab_el = num.find(w("abstractNumId"))
            aid = ab_el.get(w("val"), "") if ab_el is not None else ""
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.findall(w("lvlOverride")):
                ilvl = ov.get(w("ilvl"), "0")
                if not ilvl.isdigit():
                    continue
                so = ov.find(w("startOverride"))
                if so is not None and so.get(w("val"), "").lstrip("-").isdigit():
                    starts[int(ilvl)] = int(so.get(w("val"), "0"))
                lv = ov.find(w("lvl"))
                if lv is not None:
                    levels[int(ilvl)] = _level(lv)
            self._nums[nid] = (aid, starts, levels)

    def _abstract_id(self, num_id: str, depth: int = 0) -> str | None:
        if num_id not in self._nums or depth > 5:
            return None
        aid = self._nums[num_id][0]
        ab = self._abstracts.get(aid)
        if ab is not None and ab.style_link and not ab.levels:
            # The list's levels live in the numbering style's own w:num
            linked = self._styles.info(ab.style_link).num_id
            if linked and linked != num_id:
                return self._abstract_id(linked, depth + 1)
        return aid if ab is not None else None

    def _lvl(self, num_id: str, aid: str, ilvl: int) -> _Level:
        override = self._nums[num_id][2].get(ilvl)
        return override or self._abstracts[aid].levels.get(ilvl) or _Level()

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """Advance the counter of (num_id, ilvl) and return (label shown, is a bullet).

        ("", False) when the numbering is switched off (numId 0) or does not exist.
        """
        if num_id in {"", "0"} or not 0 <= ilvl <= 8:
            return "", False
        aid = self._abstract_id(num_id)
        if aid is None:
            return "", False
        counters = self._counters.setdefault(aid, [None] * 9)
        if num_id not in self._used:
            self._used.add(num_id)
            for lv, start in self._nums[num_id][1].items():
                if 0 <= lv <= 8:
                    counters[lv] = start - 1
        lvl = self._lvl(num_id, aid, ilvl)
        current = counters[ilvl]
        counters[ilvl] = (lvl.start - 1 if current is None else current) + 1
        for deeper in range(ilvl + 1, 9):
            restart = self._lvl(num_id, aid, deeper).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return lvl.bullet_char, True
        text = lvl.text if lvl.text is not None else f"%{ilvl + 1}."
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                ref = int(text[i + 1]) - 1
                ref_lvl = self._lvl(num_id, aid, ref) if 0 <= ref <= 8 else _Level()
                value = counters[ref] if 0 <= ref <= 8 else None
                if value is None:
                    value = ref_lvl.start
                fmt = "decimal" if lvl.legal and ref_lvl.fmt != "none" else ref_lvl.fmt
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out), False
