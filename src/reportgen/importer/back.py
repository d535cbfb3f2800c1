"""The end of a document: 版记 (抄送, 印发机关 and 印发日期), attachments (each from its 附件N
label, on a new page, to the next), and before them the closing (特此报告。), 附件说明, signature
(one or several issuers), 成文日期 and 附注.

Everything between the date and the attachments that is none of these is kept (in
``Back.trailing``) for the recogniser to list as unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.dates import parse_date
from .blocks import Block, Para, Table
from .markers import parse_marker
from .outline import AttachmentNote, DateLine, Record

__all__ = ["Back", "date_of", "split_back"]

_DATE = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零OoＯ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日)$"
)
_CC = re.compile(r"^(抄送|抄报|分送|发送)\s*[:：]\s*(.*)$")
_PRINTED = re.compile(r"^(.*?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_ATTACHMENT = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?$")
_ATTACHMENT_TITLED = re.compile(r"^附\s*件\s*([0-9０-９]{1,2})?\s*[:：]\s*(\S.{0,60})$")
_NOTE_LINE = re.compile(r"^附件\s*[:：]\s*(.*)$")
_NOTE_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")
_CLOSING = re.compile(
    r"^(特此(报告|说明|通知|函告|请示|函复|批复|通报|函)|妥否[，,]?请|当否[，,]?请|以上(报告|意见|请示)|请审阅|"
    r"请予审议|请批示|请审示).{0,20}[。！]?$"
)
_SENTENCE = re.compile(r"[。；，,;！？：:]")
_ORGAN_END = re.compile(
    r"(政府|委员会|委|局|厅|办公室|办|部|院|校|学校|中心|小组|公司|协会|党组|总队|支队|大队|所|处|科|站|馆)$"
)
_ANNOTATION = re.compile(r"^[（(](.+)[）)]$")


@dataclass
class Back:
    """What the end of a document holds; ``end`` is where the body stops."""

    end: int
    closing: list[Para] = field(default_factory=list)
    attachment_notes: list[AttachmentNote] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)
    date: DateLine | None = None
    annotation: Para | None = None
    trailing: list[Block] = field(default_factory=list)
    attachments: list[list[Block]] = field(default_factory=list)
    record: Record = field(default_factory=Record)
    record_blocks: list[Block] = field(default_factory=list)


def _text(b: Block) -> str:
    return b.shown.strip() if isinstance(b, Para) else ""


def _compact(b: Block) -> str:
    return re.sub(r"\s+", "", _text(b))


def date_of(text: str) -> DateLine | None:
    """A date standing alone (2021年4月1日 or 二〇二一年四月一日), parsed where it is real."""
    compact = re.sub(r"\s+", "", text)
    if not _DATE.match(compact):
        return None
    try:
        return DateLine(text.strip(), parse_date(compact), None)  # type: ignore[arg-type]
    except ValueError:
        return DateLine(text.strip(), None, None)  # type: ignore[arg-type]


def _record(blocks: list[Block], back: Back) -> int:
    """Take the 版记 off the end; the index where it starts."""
    end = len(blocks)
    while end > 0:
        b = blocks[end - 1]
        if isinstance(b, Table):  # a 版记 laid out as a table
            cells = [c for row in b.grid() for c in row if c]
            if cells and any(_CC.match(c) or _PRINTED.match(c.replace(" ", "")) for c in cells):
                back.record_blocks.insert(0, b)
                for c in dict.fromkeys(cells):
                    _record_line(c, back.record)
                end -= 1
                continue
            break
        t = _text(b)
        if not (_CC.match(t.replace(" ", "")) or _PRINTED.match(t)):
            break
        back.record_blocks.insert(0, b)
        _record_line(t, back.record)
        end -= 1
    return end


def _record_line(t: str, record: Record) -> None:
    cc = _CC.match(t.replace(" ", "").replace("\u3000", ""))
    printed = _PRINTED.match(t.strip())
    if cc:
        record.cc += [x for x in re.split(r"[，,、。]", cc.group(2)) if x]
    elif printed:
        record.printer = printed.group(1).strip()
        record.print_date = re.sub(r"\s+", "", printed.group(2))
    else:
        record.other.append(t)


def _attachment_starts(blocks: list[Block], end: int) -> int:
    """Index of the first attachment's label, or end when there are none: a 附件 or 附件1 line
    on a new page or after the date or 附件说明, or 附件1：名称 on a new page."""
    seen_date_or_note = False
    for i in range(end):
        b = blocks[i]
        c = _compact(b)
        if isinstance(b, Para):
            if _ATTACHMENT.match(c) and (b.page_break_before or seen_date_or_note):
                return i
            if _ATTACHMENT_TITLED.match(c) and b.page_break_before:
                return i
        if date_of(c) or _NOTE_LINE.match(c):
            seen_date_or_note = True
    return end


def split_back(blocks: list[Block]) -> Back:
    """Find the closing, notes, signature, date, 附注, attachments and 版记 at the end of blocks."""
    back = Back(end=len(blocks))
    end = _record(blocks, back)
    first = _attachment_starts(blocks, end)
    starts = [
        i
        for i in range(first, end)
        if isinstance(blocks[i], Para)
        and (
            _ATTACHMENT.match(_compact(blocks[i])) or _ATTACHMENT_TITLED.match(_compact(blocks[i]))
        )
        and (i == first or blocks[i].page_break_before)  # type: ignore[union-attr]
    ]
    for k, s in enumerate(starts):
        back.attachments.append(list(blocks[s : starts[k + 1] if k + 1 < len(starts) else end]))
    end = first
    # the date: the last date line near the end of the main document
    date_at = None
    for i in range(end - 1, max(-1, end - 8), -1):
        if isinstance(blocks[i], Para) and date_of(_text(blocks[i])):
            date_at = i
            break
    if date_at is not None:
        back.date = date_of(_text(blocks[date_at]))
        back.date.src = blocks[date_at].where  # type: ignore[union-attr]
        for b in blocks[date_at + 1 : end]:
            m = _ANNOTATION.match(_text(b))
            if back.annotation is None and m and isinstance(b, Para):
                back.annotation = b
            else:
                back.trailing.append(b)
        end = date_at
        sig_start = end
        while sig_start > 0 and end - sig_start < 4 and _signature_line(blocks[sig_start - 1]):
            sig_start -= 1
        back.signature = [b for b in blocks[sig_start:end] if isinstance(b, Para)]
        end = sig_start
    elif (
        end > 0
        and _signature_line(blocks[end - 1])
        and _ORGAN_END.search(_compact(blocks[end - 1]))
    ):
        back.signature = [blocks[end - 1]]  # type: ignore[list-item]
        end -= 1
    end = _notes(blocks, end, back)
    while (
        end > 0 and isinstance(blocks[end - 1], Para) and _CLOSING.match(_compact(blocks[end - 1]))
    ):
        back.closing.insert(0, blocks[end - 1])  # type: ignore[arg-type]
        end -= 1
    back.end = end
    return back


def _signature_line(b: Block) -> bool:
    t = _compact(b)
    return (
        isinstance(b, Para)
        and 0 < len(t) <= 40
        and not _SENTENCE.search(t)
        and parse_marker(t) is None
        and not _NOTE_LINE.match(t)
        and not _ATTACHMENT.match(t)
        and not _CLOSING.match(t)
    )


def _notes(blocks: list[Block], end: int, back: Back) -> int:
    """附件说明 right above the signature: 附件：1. 名称 and the lines of further names."""
    start = None
    for i in range(end - 1, max(-1, end - 30), -1):
        if _NOTE_LINE.match(_compact(blocks[i])):
            start = i
            break
        t = _compact(blocks[i])
        if not isinstance(blocks[i], Para) or not (
            _NOTE_ITEM.match(t) and len(t) <= 80 and "。" not in t
        ):
            break
    if start is None:
        return end
    first = _NOTE_LINE.match(_compact(blocks[start]))
    assert first is not None
    lines = [(first.group(1), blocks[start])] + [(_compact(b), b) for b in blocks[start + 1 : end]]
    for text, b in lines:
        if not text:
            continue
        m = _NOTE_ITEM.match(text)
        number, name = (m.group(1), m.group(2)) if m else ("", text)
        name = name.strip().strip("《》").rstrip("。；;，,")
        back.attachment_notes.append(AttachmentNote(number, name, b.where))
    return start
