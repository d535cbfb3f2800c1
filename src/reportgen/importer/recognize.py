"""Blocks → :class:`Outline`: the recogniser's entry point, putting the stages in order.

1. web-page chrome is left out (chrome.py);
2. the top: 版头, title, subtitle, 主送机关 (front.py);
3. the end: 版记, attachments, closing, 附件说明, signature, date, 附注 (back.py);
4. the body in between: opening, then the heading tree with paragraphs, points and tables
   (tree.py); the basis documents the opening cites;
5. attachments get the same body treatment; ledger rows are linked to the measures they list;
6. the kind is guessed (kind.py).

Whatever lands where it may not belong is listed in ``Outline.unplaced``.
"""

from __future__ import annotations

import difflib
import re

from ..errors import InputError
from .back import split_back
from .blocks import Block, Para, Source
from .chrome import strip_chrome, web_number_of
from .front import basis_of, split_front, title_at
from .kind import guess_kind
from .outline import Attachment, Outline, Paragraph, Section, Unplaced
from .tree import build, finish_body

__all__ = ["recognise"]


def recognise(source: Source) -> Outline:
    """The outline of a document read by one of the readers."""
    out = Outline(source=source.name, format=source.format, reader_notes=list(source.notes))
    blocks, out.dropped, out.web_date = strip_chrome(source.blocks)
    out.web_number = web_number_of(out.dropped)
    if not any(not isinstance(b, Para) or b.shown.strip() for b in blocks):
        raise InputError.single(
            source.name,
            "没有找到正文（只有网页栏目、发布信息等内容）",
            "请复制报告正文本身，或选择报告文件",
        )
    head, title, out.subtitle, addressees, start = split_front(blocks)
    out.head = head
    out.title_lines = [p.shown.strip() for p in title]
    out.title = "".join(out.title_lines)
    if not title:
        out.notes.append("开头没有找到标题（原文第一段不像标题），请补写标题")
    if addressees:
        out.addressees = "".join(p.shown.strip() for p in addressees).rstrip("：:")
    rest = blocks[start:]
    back = split_back(rest)
    opening_raw, out.sections = build(rest[: back.end])
    out.opening = finish_body(opening_raw)
    out.basis = basis_of([b for b in opening_raw if isinstance(b, Para)])
    out.closing = [Paragraph(text=p.shown.strip(), src=p.where) for p in back.closing]
    out.attachment_notes = back.attachment_notes
    out.signature = _issuers(back.signature)
    out.date = back.date
    out.sealed, out.sealed_why = back.sealed, back.sealed_why
    if back.annotation is not None:
        out.annotation = back.annotation.shown.strip()[1:-1].strip()
    out.record = back.record
    out.duplex = back.duplex
    for group in back.attachments:
        out.attachments.append(_attachment(group))
    if back.trailing:
        _keep_trailing(out, back.trailing)
    _link_ledgers(out)
    out.kind = guess_kind(out)
    return out


def _issuers(paras: list[Para]) -> list[str]:
    """One name per issuer: several lines, or names set side by side with wide spaces."""
    names: list[str] = []
    for p in paras:
        parts = [x for x in re.split(r"[\s\u3000]{2,}|\t", p.shown.strip()) if x]
        names += parts
    return names


def _attachment(group: list[Block]) -> Attachment:
    label_para = group[0]
    assert isinstance(label_para, Para)
    label = re.sub(r"\s+", "", label_para.shown.strip())
    m = re.match(r"^附件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?\s*(.*)$", label)
    number = (m.group(1) or "") if m else ""
    title = (m.group(2) or "") if m else ""
    label = "附件" + number
    body_blocks = group[1:]
    first = body_blocks[0] if body_blocks else None
    if not title and isinstance(first, Para):
        lines, after = title_at(body_blocks, 0)
        if lines:  # a title on one to three lines
            title = "".join(p.shown.strip() for p in lines)
            body_blocks = body_blocks[after:]
        else:
            t = first.shown.strip()
            if len(t) <= 60 and not t.endswith(("。", "；", "，")):
                title = t
                body_blocks = body_blocks[1:]
    opening, sections = build(body_blocks)
    return Attachment(
        label=label,
        number=number,
        title=title,
        body=finish_body(opening),
        sections=sections,
        src=label_para.where,
    )


def _keep_trailing(out: Outline, trailing: list[Block]) -> None:
    """Text after the date that is no 附注, attachment or 版记: kept at the body's end, listed."""
    target = out.sections[-1] if out.sections else None
    while target is not None and target.children:
        target = target.children[-1]
    blocks = finish_body(trailing)
    (target.body if target else out.opening).extend(blocks)
    where = f"“{target.title or '最后一节'}”的正文末尾" if target else "开头部分"
    for b in trailing:
        text = b.shown if isinstance(b, Para) else "（表格）"
        out.unplaced.append(
            Unplaced(text, b.where, where, "位于成文日期之后，不是附注、附件或版记")
        )


def _norm(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’。，,；;：:、（）()]", "", text)


def _link_ledgers(out: Outline) -> None:
    """Each ledger row to the measure (a section under a 关于…问题 block, or any section) whose
    title it repeats."""
    rows = [r for t in out.tables() if t.kind == "ledger" for r in t.ledger]
    if not rows:
        return
    measures: list[Section] = [c for s in out.walk() if s.problem for c in s.children]
    if not measures:
        measures = [s for s in out.walk() if s.title]
    for row in rows:
        key = _norm(row.measure)
        if not key:
            continue
        best, score = None, 0.0
        for sec in measures:
            title = _norm(sec.title)
            if not title:
                continue
            s = 1.0 if key == title or key in title or title in key else 0.0
            if not s:
                s = difflib.SequenceMatcher(None, key, title).ratio()
            if s > score:
                best, score = sec, s
        if best is not None and score >= 0.8:
            best.ledger.append(row)
            row.matched = True
