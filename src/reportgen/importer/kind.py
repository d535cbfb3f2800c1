"""Which kind of report an outline is: rectification, self_assessment, or general.

A rectification report answers problems found by an inspection: 关于“…”问题 blocks with measures
under them (or a 整改 title with a ledger). A self-assessment report follows the evaluation: its
title or opening says 自查/自评/履行教育职责, and its top-level sections are 做法及成效 / 存在问题 /
下一步, or its items are numbered by evaluation indicator (continuously across groups, or with
indicator codes such as A1). Anything else is the general kind. The reasons are given in Chinese.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .outline import KindGuess, Outline, Paragraph

__all__ = ["guess_kind"]

_INDICATOR = re.compile(r"^[A-Z]\d{1,2}(?:[-.．]\d{1,2})?(?=[\s\u3000：:、.．]|[\u4e00-\u9fff])")


def _continuous(outline: Outline) -> bool:
    """Items numbered on across groups (1–5 under （一）, 6… under （二）): indicators."""
    for top in outline.sections:
        groups = [g for g in top.walk() if g.children]
        for a, b in pairwise(groups):
            if a.level != b.level or not a.children or not b.children:
                continue
            first, last = b.children[0].number, a.children[-1].number
            if first and last and first == last + 1 and first > 1:
                return True
    # a document that starts mid-way (a scraped page) may show it only in its orphans
    numbers = [s.number for s in outline.walk() if s.family == "ar" and s.number]
    return len(numbers) >= 8 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def guess_kind(outline: Outline) -> KindGuess:
    """The kind, with the reasons that decided it."""
    problems = [s for s in outline.walk() if s.problem and (s.children or s.body)]
    title = outline.title
    opening = " ".join(
        b.text + "".join(b.points) for b in outline.opening if isinstance(b, Paragraph)
    )
    if problems:
        reasons = [f"有 {len(problems)} 个“关于……问题”及其整改措施"]
        if "整改" in title:
            reasons.append("标题含“整改”")
        return KindGuess("rectification", reasons)
    ledgers = [t for t in outline.tables() if t.kind == "ledger"]
    if "整改" in title and ledgers:
        return KindGuess("rectification", ["标题含“整改”，且有整改台账"])
    reasons = []
    if re.search(r"自查|自评|履行教育职责", title):
        reasons.append("标题含“自查”“自评”或“履行教育职责”")
    elif re.search(r"自查|自评|评价办法", opening):
        reasons.append("开头提到自查、自评或评价办法")
    if _continuous(outline):
        reasons.append("条目按评价指标连续编号")
    if any(_INDICATOR.match(s.title) for s in outline.walk()):
        reasons.append("标题带评价指标编号")
    if reasons:
        roles = {s.role for s in outline.sections if s.role}
        if len(roles & {"achievements", "basic", "problems", "next_steps"}) >= 2:
            reasons.append("正文分为做法成效、存在问题、下一步等部分")
        return KindGuess("self_assessment", reasons)
    return KindGuess("general", ["不符合整改报告或自查/自评报告的结构"])
