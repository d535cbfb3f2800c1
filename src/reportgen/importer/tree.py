"""Body blocks → the opening and a tree of sections, with paragraphs, points and tables placed.

A paragraph is a heading when it starts with a heading number (written, or drawn by Word's
automatic numbering) or has an outline level (a Word heading style) and is short. The families
of numbers a document uses, ordered by rank (markers.RANK), give its levels. Text and tables go
to the deepest open section, in document order; text before the first heading is the opening.

Where a level's numbering restarts at 1 without a heading above it — "下一步，……具体从以下三方面
加以努力：" followed by （一）（二）（三） again — the restart starts an implicit section of the
level above, and the paragraph(s) introducing it (ending in ：, or beginning 下一步/今后…) move
into it. Its role comes from that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, Para, Table
from .markers import RANK, parse_marker
from .outline import BodyBlock, Paragraph, Section, TableBlock
from .points import MAX_TITLE, last_point, split_points, split_title
from .tables import classify

__all__ = ["ROLES", "build", "finish_body", "problem_of", "role_of"]

ROLES = [
    ("rectification", re.compile(r"整改(落实)?情况|整改工作|整改措施及成效|问题整改")),
    ("basic", re.compile(r"基本情况|总体情况|概况")),
    (
        "achievements",
        re.compile(r"做法|成效|成绩|履职情况|工作开展|主要工作|自查情况|自评情况|落实情况"),
    ),
    ("problems", re.compile(r"问题|不足|困难|短板|差距")),
    (
        "next_steps",
        re.compile(
            r"下一步|下步|今后|下阶段|改进措施|工作打算|工作计划|工作思路|努力方向|工作措施"
        ),
    ),
]
_PROBLEM = re.compile(r"^关于\s*[“\"「『]?(.+?)[”\"」』]?\s*(?:的)?问题[。：:]?$")
_INTRO = re.compile(r"^(下一步|下步|今后|下阶段|下一阶段|接下来)")
_UNIT_LINE = re.compile(r"^[（(]?\s*(?:计量)?单位\s*[:：]\s*([^（）()：:]{1,12}?)\s*[）)]?$")
_CAPTION = re.compile(
    r"^(表\s*[0-9０-９一二三四五六七八九十]+.{0,40}|.{2,40}(表|情况|统计|一览|台账|清单))$"
)
_TABLE_NOTE = re.compile(r"^(注|说明|备注|数据来源|资料来源)\s*[:：]")
_END_PUNCT = tuple("。！？；，：:;,")


def role_of(text: str) -> str:
    """What a top-level section is about, from its title (or an implicit section's intro)."""
    for role, pattern in ROLES:
        if pattern.search(text):
            return role
    return ""


def problem_of(title: str) -> str:
    """The problem quoted in 关于“…”问题, or ""."""
    m = _PROBLEM.match(title.strip())
    return m.group(1).strip() if m else ""


@dataclass
class _Heading:
    family: str
    number: int | None
    marker: str
    title: str
    body: str
    auto: bool
    rest: str = ""  # the text after the number, for a title taken back
    bold: bool = False  # the title is bold (a bold lead, or the whole heading)

    @property
    def rank(self) -> float:
        return RANK[self.family] if self.family in RANK else float(self.family[1:])


def heading_of(p: Para) -> _Heading | None:
    """The heading a paragraph is, or None for body text."""
    if p.bullet or p.in_textbox:
        return None
    shown = p.shown.strip()
    m = parse_marker(shown)
    if m:
        offset = max(0, len(m.text) - len(p.label))
        lead = p.bold_prefix(offset)
        title, body = split_title(m.rest, lead)
        bold = bool(lead) or p.all_bold
        return _Heading(
            m.family, m.number, m.text.strip(), title, body, bool(p.label), m.rest, bold
        )
    if p.outline and 1 <= p.outline <= 9 and len(shown) <= 2 * MAX_TITLE:
        title, body = split_title(shown, p.bold_prefix(0))
        if title:
            return _Heading(f"o{p.outline}", None, "", title, body, False)
    return None


def build(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """(blocks before the first heading, top-level sections) with raw blocks in the bodies;
    call :func:`finish_body` on every body afterwards."""
    heads: dict[int, _Heading] = {}
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            h = heading_of(b)
            if h is not None:
                heads[i] = h
    _unbold_titles(heads)
    level_of = {r: n for n, r in enumerate(sorted({h.rank for h in heads.values()}), start=1)}
    opening: list[Block] = []
    top: list[Section] = []
    stack: list[Section] = []
    raw: dict[int, list[Block]] = {}  # id(section) → its blocks until finished

    def body(sec: Section) -> list[Block]:
        return raw.setdefault(id(sec), [])

    for i, b in enumerate(blocks):
        h = heads.get(i)
        if h is None:
            (body(stack[-1]) if stack else opening).append(b)
            continue
        assert isinstance(b, Para)
        level = level_of[h.rank]
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else top
        same = [s for s in siblings if s.family == h.family]
        if parent is not None and h.number == 1 and same and (same[-1].number or 0) >= 2:
            parent = _implicit(parent, level, stack, top, raw, b)
            siblings = parent.children
        sec = Section(
            level=level,
            family=h.family,
            marker=h.marker,
            number=h.number,
            title=h.title,
            src=b.where,
            run_in=bool(h.body),
            auto_numbered=h.auto,
        )
        if not h.title:
            sec.notes.append(
                "没有可作标题的首句（首句过长，或未像同级各条那样加粗），整段按正文导入"
            )
        if parent is None and level > 1:
            sec.notes.append("前面没有上一级标题（原文可能不完整）")
        if h.body:
            body(sec).append(Para(text=h.body, where=b.where))
        siblings.append(sec)
        stack.append(sec)
    for sec in _all(top):
        sec.body = finish_body(raw.get(id(sec), []))
        sec.problem = problem_of(sec.title)
    for sec in top:
        if not sec.role and sec.level == 1:
            sec.role = role_of(sec.title)
    return opening, top


def _unbold_titles(heads: dict[int, _Heading]) -> None:
    """Where most headings of a family set their lead in bold (a .docx, or **…** in Markdown),
    one that is a single sentence not in bold has no lead: it is a numbered paragraph of text.
    (Several sentences without bold keep their first as the title: a clerk who typed an item in
    Word rarely bolded it.)"""
    families: dict[str, list[_Heading]] = {}
    for h in heads.values():
        families.setdefault(h.family, []).append(h)
    for members in families.values():
        bold = sum(h.bold for h in members)
        if not bold or bold * 2 < len(members):
            continue
        for h in members:
            if not h.bold and not h.body and h.title.endswith(("。", "！", "？")):
                h.title, h.body = "", h.rest.strip()


def _all(sections: list[Section]):
    for s in sections:
        yield from s.walk()


def _implicit(
    parent: Section, level: int, stack: list[Section], top: list[Section], raw: dict, b: Para
) -> Section:
    """A section one level up, inferred where numbering restarted; the intro moves into it."""
    last = parent
    while last.children:
        last = last.children[-1]
    tail = raw.get(id(last), [])
    k = len(tail)
    while k > 0 and isinstance(tail[k - 1], Para) and _intro(tail[k - 1]):
        k -= 1
        if _INTRO.match(tail[k].shown.strip()):
            break
    moved, raw[id(last)] = tail[k:], tail[:k]
    while stack and stack[-1].level >= level - 1:
        stack.pop()
    grand = stack[-1] if stack else None
    sec = Section(
        level=level - 1,
        family="implicit",
        marker="",
        number=None,
        title="",
        src=moved[0].where if moved else b.where,
    )
    sec.notes.append("下一级编号重新从1开始而前面没有标题：按新的一节导入")
    intro = " ".join(p.shown for p in moved if isinstance(p, Para))
    sec.role = role_of(intro[:20]) if intro else ""
    raw[id(sec)] = list(moved)
    (grand.children if grand else top).append(sec)
    stack.append(sec)
    return sec


def _intro(p: Para) -> bool:
    t = p.shown.strip()
    return t.endswith(("：", ":")) or bool(_INTRO.match(t)) or (p.all_bold and len(t) <= 30)


def finish_body(blocks: list[Block]) -> list[BodyBlock]:
    """Raw blocks → paragraphs (leads and points split) and classified tables (with caption,
    unit line and note)."""
    out: list[BodyBlock] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            unit = caption = ""
            for _ in range(2):
                prev = out[-1] if out else None
                if not isinstance(prev, Paragraph) or prev.points or prev.lead:
                    break
                m = _UNIT_LINE.match(prev.text)
                if m and not unit:
                    unit = m.group(1)
                    out.pop()
                elif (
                    not caption and _CAPTION.match(prev.text) and not prev.text.endswith(_END_PUNCT)
                ):
                    caption = prev.text
                    out.pop()
                else:
                    break
            table = classify(b, unit)
            table.caption = caption
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(nxt, Para) and _TABLE_NOTE.match(nxt.shown.strip()):
                table.note = nxt.shown.strip()
                i += 1
            out.append(table)
            i += 1
            continue
        used = _points_run(blocks, i, out)
        if used:
            i += used
            continue
        out.append(_paragraph(b))
        i += 1
    return out


def _points_run(blocks: list[Block], i: int, out: list[BodyBlock]) -> int:
    """Points spread over paragraphs (一是…。 / 二是…。): merged into one Paragraph; blocks used."""
    b = blocks[i]
    if not isinstance(b, Para) or last_point(b.text) != 1:
        return 0
    before, pts, _ = split_points(b.text)
    if pts:
        return 0  # 一是 and 二是 in the same paragraph: inline points
    m = re.search(r"一是", b.text)
    assert m is not None
    before, first = b.text[: m.start()].strip(), b.text[m.end() :].strip()
    points = [first]
    j = i + 1
    while j < len(blocks) and isinstance(blocks[j], Para):
        _, more, after = split_points(blocks[j].text, first=len(points) + 1)  # type: ignore[union-attr]
        if not more:
            break
        points += more
        j += 1
        if after:
            break
    if len(points) < 2:
        return 0
    para = Paragraph(text=before, src=b.where, points=points, points_layout="paragraphs")
    para.notes.append(f"按“一是”“二是”拆分为分点（原文每点一段，共{len(points)}段）")
    out.append(para)
    return j - i


def _paragraph(p: Para) -> Paragraph:
    text = p.shown.strip()
    if p.all_bold and len(text) <= 30 and not text.endswith(tuple("。！？；，")):
        para = Paragraph(text="", src=p.where, lead=text, lead_own_line=True)
        para.notes.append("加粗的单独一行，按无编号的小标题导入")
        return para
    lead = "" if p.label else p.bold_prefix(0)
    if lead and (len(lead) > MAX_TITLE or last_point(lead[:4])):
        lead = ""
    rest = text[len(lead) :].strip() if lead else text
    before, points, after = split_points(rest)
    para = Paragraph(text=before, src=p.where, lead=lead.strip(), points=points, after=after)
    if points:
        para.points_layout = "inline"
        para.notes.append("按“一是”拆分为分点")
    return para


def table_blocks(body: list[BodyBlock]) -> list[TableBlock]:
    return [b for b in body if isinstance(b, TableBlock)]
