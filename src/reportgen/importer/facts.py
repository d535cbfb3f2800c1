"""What a report file needs that a document seldom states as such: the region, the year, the date.

Found where a 公文 says them: the region in the signature (绍兴市越城区人民政府 → 越城区 under
绍兴市) or the title (2019年度越城区履行…); the year in the title (2019年度), else the year
most of the text speaks of; the date from the 成文日期, else the web page's 发布日期. Each comes
with the words saying where it was found, for the YAML comment.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text.dates import CnDate
from .outline import Outline

__all__ = ["Region", "date_of", "region_of", "year_of"]

_ORGAN = re.compile(
    r"(人民政府|政府|教育督导委员会|教育体育局|教育和体育局|教育局|教体局|教育委员会|教委|办公室)$"
)
_LEVELS = ("自治州", "自治县", "自治旗", "自治区", "地区", "省", "市", "州", "盟", "县", "区", "旗")
_PLACE = re.compile(
    r"([A-Za-z\u4e00-\u9fff]{1,8}?(?:" + "|".join(_LEVELS) + r"))"
    r"(?=[\u4e00-\u9fff]|$)"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NOT_PLACE = re.compile(r"^(全|我|本|各|该|城|地|市|县|区|州|省|辖|社|新|老|校)")


class Region:
    def __init__(self, name: str, level: str, parent: str, found: str):
        self.name, self.level, self.parent, self.found = name, level, parent, found


def _places(text: str) -> list[str]:
    text = re.sub(r"^\d{4}\s*年度?", "", text.strip())
    out = []
    pos = 0
    while True:
        m = _PLACE.match(text, pos)
        if not m or _NOT_PLACE.match(m.group(1)):
            break
        out.append(m.group(1))
        pos = m.end()
    return out


def _level(name: str) -> str:
    return next((lv for lv in _LEVELS if name.endswith(lv) and len(name) > len(lv)), "")


def region_of(outline: Outline) -> Region | None:
    """The region the report is about, from the signature, else the title or the 发文机关标志."""
    for found, text in (
        *(("落款署名", s) for s in outline.signature),
        ("标题", outline.title),
        *(("发文机关标志", m) for m in outline.head.issuer_mark),
    ):
        organ = _ORGAN.search(text)
        if found != "标题" and not organ:
            continue
        places = _places(text[: organ.start()] if organ else text)
        if places:
            name = places[-1]
            parent = "".join(places[:-1])
            return Region(name, _level(name), parent, found)
    return None


def year_of(outline: Outline, date: CnDate | None) -> tuple[int, str] | None:
    """The year the report covers: the title's (2019年度), else the one the text names most."""
    m = _YEAR.search(outline.title)
    if m:
        return int(m.group(1)), "标题"
    counts: Counter[int] = Counter()
    for text in outline.texts():
        counts.update(int(y) for y in _YEAR.findall(text))
    if date is not None:
        counts = Counter({y: n for y, n in counts.items() if y <= date.year})
    if counts:
        return counts.most_common(1)[0][0], "正文中提到最多的年份"
    if date is not None:
        return date.year - 1, "成文日期的上一年"
    return None


def date_of(outline: Outline) -> tuple[CnDate, str] | None:
    """The 成文日期, else the web page's 发布日期."""
    if outline.date is not None and outline.date.date is not None:
        return outline.date.date, ""
    if outline.web_date is not None:
        return outline.web_date, "原文没有成文日期，按网页的发布日期"
    return None
