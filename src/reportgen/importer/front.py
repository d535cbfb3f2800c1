"""The top of a document: 版头 (份号, 密级, 紧急程度 — also in brackets —, 发文机关标志 — joint
issuers' names one a line or in a table with 文件 beside them —, 发文字号 — its year in any
brackets, or without a year below a mark or right above the title —, 签发人 — several names over
lines, the last beside the 发文字号; these items also in a table, a cell each), the title (also
on two or three lines), a subtitle, and the 主送机关 (a line ending in ：, or a list running on
over lines); and the basis documents an opening cites (《…》（…号）).
"""

from __future__ import annotations

import re

from .blocks import Block, Para, Table
from .markers import parse_marker
from .outline import Basis, Head

__all__ = [
    "basis_of",
    "find_basis",
    "mark_parts",
    "normalise_number",
    "split_front",
    "title_at",
]

_COPY_NO = re.compile(r"^(?:份号\s*[:：]?\s*)?(\d{6})$")
_SECRECY = re.compile(r"^(绝密|机密|秘密)(?:\s*[★*☆]\s*\S{0,12})?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_DOC_NO = re.compile(
    r"^([^\s《》，。：:]{1,24}?\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号)"
    r"(?:\s*(签发人.*)|\s+(\S.*))?$"
)
# A 发文字号 without its year (某教发12号, 某教发第12号): recognised only below a 发文机关标志 or
# right above the title; the model cannot take it, so it is kept as a comment.
_DOC_NO_LOOSE = re.compile(
    r"^([^\s《》，。：:〔\[［【(（第\d][^\s《》，。：:〔\[［【(（]{0,23}?第?\d{1,5}号)(?:\s*(签发人.*))?$"
)
# 份号, 密级 and 紧急程度 are sometimes printed in brackets: 【特急】, [秘密★1年]
_RECIPIENT_LINES = 4  # a 主送 list may run on over this many lines
_BRACKETED = re.compile(r"^[【\[［〔(（](.{1,20})[】\]］〕)）]$")
_SIGNER = re.compile(r"签发人\s*[:：]\s*(.+)$")
_TITLE_END = re.compile(
    r"(报告|通知|意见|方案|请示|函|决定|总结|计划|规划|办法|细则|纪要|通报|批复|公告|通告|说明|讲话|"
    r"汇报|情况|要点|规定|决议|命令|议案)$"
)
_SENTENCE = re.compile(r"[。；，,;！？]")
_OPENING_WORDS = re.compile(r"^(根据|按照|依据|为了?|现将|近日|经|今年|去年|\d{4}年)")
_DATE_ONLY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$")
_BASIS = re.compile(
    r"《((?:[^《》]|《[^《》]*》)+)》\s*[（(]\s*([^（）()]{0,40}?(?:号|〔\d{4}|\[\d{4}\]|\d{4}\S*\d))\s*[）)]"
)
_BRACKET_YEAR = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]")


def normalise_number(number: str) -> str:
    """Brackets around a document number's year as 〔〕: 云政教督[2021]2号 → 云政教督〔2021〕2号."""
    return _BRACKET_YEAR.sub(r"〔\1〕", number.strip())


def find_basis(text: str) -> list[tuple[str, str]]:
    """(name, number) of each 《…》（…号） in text, brackets normalised."""
    return [(m.group(1).strip(), normalise_number(m.group(2))) for m in _BASIS.finditer(text)]


def _titleish(p: Para) -> bool:
    """Could be (part of) a title: short, no sentence punctuation, not numbered, not a date."""
    t = p.shown.strip()
    if not t or len(t) > 60 or _SENTENCE.search(t[-1]) or t.endswith(("：", ":")):
        return False
    if parse_marker(t) or _DATE_ONLY.match(t) or (_OPENING_WORDS.match(t) and len(t) > 30):
        return False
    return not (p.outline and not _title_style(p))


def _title_style(p: Para) -> bool:
    name = p.style.lower()
    return "title" in name or ("标题" in name and p.outline is None)


def _head(paras: list[Block], head: Head) -> int:
    """How many blocks at the top are 版头 elements (recorded into head)."""
    i = 0
    while i < len(paras) and i < 12:
        p = paras[i]
        if isinstance(p, Table) and not head.issuer_mark and _mark_table(p):
            head.issuer_mark += _mark_table(p)
            i += 1
            continue
        if isinstance(p, Table) and _item_table(p, head):
            i += 1
            continue
        if not isinstance(p, Para):
            break
        t = re.sub(r"\s+", " ", p.shown.strip())
        compact = t.replace(" ", "")
        if _take(t, head):
            pass
        elif not head.doc_number and _loose_number(paras, i, bool(head.issuer_mark)):
            loose = _DOC_NO_LOOSE.match(compact)
            assert loose is not None
            head.doc_number = loose.group(1)
            found = _SIGNER.search(t)
            if found:
                head.signers += _names(found.group(1))
        elif (
            (compact.endswith("文件") and len(compact) <= 40)
            or _before_doc_number(paras, i)
            or _looks_like_a_mark(paras, i)
        ):
            head.issuer_mark.append(_mark_line(p.shown))
        else:
            break
        i += 1
    return i


def _take(t: str, head: Head, *, dry: bool = False) -> bool:
    """Record ``t`` when it is a 份号, 密级, 紧急程度, 发文字号 or 签发人 line (only say whether
    it is one with ``dry``)."""
    compact = t.replace(" ", "")
    bare = _BRACKETED.match(compact)
    inner = bare.group(1) if bare else compact
    if _COPY_NO.match(inner) and not head.copy_no:
        if not dry:
            head.copy_no = _COPY_NO.match(inner).group(1)  # type: ignore[union-attr]
    elif _SECRECY.match(inner) and not head.secrecy:
        if not dry:
            head.secrecy = inner
    elif _URGENCY.match(inner) and not head.urgency:
        if not dry:
            head.urgency = inner
    elif _doc_number(t, bool(head.signers)):
        if not dry:
            number, signer, more = _doc_number(t, bool(head.signers))  # type: ignore[misc]
            head.doc_number = number
            found = _SIGNER.search(signer)
            if found:
                head.signers += _names(found.group(1))
            head.signers += _names(more)  # the names below the 签发人 line's
    elif _SIGNER.match(compact):
        if not dry:
            head.signers += _names(_SIGNER.match(t).group(1))  # type: ignore[union-attr]
    else:
        return False
    return True


def _item_table(table: Table, head: Head) -> bool:
    """版头 items laid out in a table (发文字号 in one cell, 签发人 in the next; 签发人： and the
    names in cells of their own): recorded when every cell is one; whether it was such a table."""
    grid = table.grid()
    cells = [re.sub(r"\s+", " ", c.strip()) for row in grid for c in dict.fromkeys(row)]
    cells = [c for c in cells if c]
    if not cells or len(grid) > 3:
        return False
    labelled = False  # a cell 签发人： without names: the next cells hold them
    names: list[str] = []
    for c in cells:
        if re.fullmatch(r"签发人\s*[:：]", c):
            labelled = True
        elif labelled and re.fullmatch(r"[^\s，。：:；;、]{2,6}(?: [^\s，。：:；;、]{2,6})*", c):
            names += _names(c)
        elif not _take(c, head, dry=True):
            return False
    for c in cells:
        if not re.fullmatch(r"签发人\s*[:：]", c) and c.replace(" ", "") not in names:
            _take(c, head)
    head.signers += names
    return True


def _doc_number(t: str, signers: bool) -> tuple[str, str, str] | None:
    """A 发文字号 line: (number, the 签发人 part beside it, names beside it under a 签发人 line
    above — only when ``signers`` were found there)."""
    m = _DOC_NO.match(t.strip())
    if not m or (m.group(3) and not signers):
        return None
    number = normalise_number(re.sub(r"\s+", "", m.group(1)))
    return number, m.group(2) or "", m.group(3) or ""


def _names(text: str) -> list[str]:
    """签发人 names: separated by spaces (one or two names a line, GB/T 9704) or by 、，；."""
    return [n for n in re.split(r"[\s\u3000、，,；;]+", text) if n]


_MARK_STYLE = re.compile(r"发文机关标志|机关标志|版头")
_MARK_MIN_PT = 26.0  # 一号: a 发文机关标志 is set larger than a title (二号, 22 pt) in practice


def _looks_like_a_mark(paras: list[Block], i: int) -> bool:
    """A 发文机关标志 without 文件 and without a 发文字号 below it, told by its look in a .docx: a
    short line whose style is named so, or set in 一号 or larger above a smaller title."""
    p = paras[i]
    if not isinstance(p, Para) or len(p.shown.strip()) > 40 or _SENTENCE.search(p.shown):
        return False
    if _MARK_STYLE.search(p.style):
        return True
    after = paras[i + 1] if i + 1 < len(paras) else None
    return bool(
        p.size
        and p.size >= _MARK_MIN_PT
        and isinstance(after, Para)
        and _titleish(after)
        and after.size
        and after.size < p.size
    )


def _loose_number(paras: list[Block], i: int, below_mark: bool) -> bool:
    """Whether ``paras[i]`` is a 发文字号 without its year: such a line below a 发文机关标志, or
    one right above a line that could be the title."""
    p = paras[i]
    if not isinstance(p, Para) or not _DOC_NO_LOOSE.match(re.sub(r"\s+", "", p.shown)):
        return False
    if below_mark:
        return True
    after = paras[i + 1] if i + 1 < len(paras) else None
    return isinstance(after, Para) and _titleish(after) and not _DOC_NO_LOOSE.match(after.shown)


def _mark_table(t: Table) -> list[str]:
    """Joint issuers' 发文机关标志 laid out as a table: a name a row (in whichever column, empty
    margin columns around it) and 文件 beside them (merged down the rows). The lines it stands
    for, or [] when it is no such table."""
    grid = t.grid()
    cells = [c.strip() for row in grid for c in row if c.strip()]
    if not cells or len(grid) > 10 or ("文件" not in cells and len(grid) < 2):
        return []  # without 文件 (suffix: false): two names at least, one a row
    if any(len(c) > 40 or _SENTENCE.search(c) or "\n" in c for c in cells):
        return []
    names: list[str] = []
    for row in grid:
        own = [c for c in dict.fromkeys(x.strip() for x in row) if c and c != "文件"]
        if len(own) > 1:
            return []  # two names side by side: not one issuer a row
        names += own
    if "文件" not in cells:
        return names if len(names) == len(grid) and len(set(names)) == len(names) else []
    return [*dict.fromkeys(names), "文件"] if names else []


def _mark_line(text: str) -> str:
    """A 发文机关标志 line with its letter-spacing taken out (某 某 区 人 民 政 府 文 件) and joint
    issuers set side by side (wider gaps) kept apart by one ideographic space."""
    parts = [re.sub(r"\s+", "", x) for x in re.split(r"\s{2,}|\u3000+", text.strip())]
    return "\u3000".join(x for x in parts if x)


def mark_parts(lines: list[str]) -> tuple[list[str], str]:
    """The issuers' names in 发文机关标志 lines and the word after them (文件, or "")."""
    names, suffix = [], ""
    for line in lines:
        for part in re.split(r"\s{2,}|\u3000+", line.strip()):
            if part.endswith("文件"):
                suffix, part = "文件", part.removesuffix("文件")
            if part:
                names.append(part)
    return names, suffix


def _before_doc_number(paras: list[Block], i: int) -> bool:
    """A short line closely followed by a 发文字号 line: part of the 发文机关标志."""
    p = paras[i]
    if not isinstance(p, Para) or len(p.shown.strip()) > 40 or _SENTENCE.search(p.shown):
        return False
    for j, q in enumerate(paras[i + 1 : i + 4], start=i + 1):
        if isinstance(q, Para) and (_doc_number(q.shown, True) or _loose_number(paras, j, False)):
            return True
        if isinstance(q, Table):
            trial = Head()
            return _item_table(q, trial) and bool(trial.doc_number)
    return False


def title_at(blocks: list[Block], i: int) -> tuple[list[Para], int]:
    """The title's paragraphs from ``blocks[i]`` on (none when it is no title), and the index
    after them."""
    title: list[Para] = []
    while i < len(blocks) and len(title) < 3:
        p = blocks[i]
        if not isinstance(p, Para) or not _titleish(p):
            break
        if title:
            first = title[0]
            joined = "".join(t.shown.strip() for t in title)
            if first.style or first.align:  # a .docx: title lines share their style
                if (p.style, p.align) != (first.style, first.align):
                    break
            elif _TITLE_END.search(joined):  # text: a line ending in 报告, 通知 … ends the title
                break
            if len(joined) + len(p.shown.strip()) > 80:
                break
        title.append(p)
        i += 1
    return title, i


def split_front(blocks: list[Block]) -> tuple[Head, list[Para], str, list[Para], int]:
    """(版头, title paragraphs, subtitle, 主送机关 paragraphs — one, or a list running on over
    lines that end in ，、； up to the one ending in ： —, index where the body starts)."""
    head = Head()
    title, i = title_at(blocks, _head(blocks, head))
    subtitle = ""
    if title and i < len(blocks) and isinstance(blocks[i], Para):
        t = blocks[i].shown.strip()  # type: ignore[union-attr]
        if re.match(r"^(——|—|--)", t) or re.match(r"^[（(][^（）()]{2,40}[）)]$", t):
            subtitle = t
            i += 1
    lines: list[Para] = []
    for p in blocks[i : i + _RECIPIENT_LINES]:
        t = p.shown.strip() if isinstance(p, Para) else ""
        joined = sum(len(q.shown.strip()) for q in lines) + len(t)
        if (
            not isinstance(p, Para)
            or joined > 150
            or "。" in t
            or (not lines and _OPENING_WORDS.match(t))
            or parse_marker(t)
        ):
            break
        lines.append(p)
        if t.endswith(("：", ":")):
            return head, title, subtitle, lines, i + len(lines)
        if not t.endswith(("，", ",", "、", "；", ";")):
            break
    return head, title, subtitle, [], i


def basis_of(paras: list[Para]) -> list[Basis]:
    """The basis documents cited in the opening paragraphs, each once."""
    out: list[Basis] = []
    for p in paras:
        for name, number in find_basis(p.shown):
            if not any(b.name == name for b in out):
                out.append(Basis(name, number, p.where))
    return out
