"""The end of a document: 版记 (抄送, its names running on over several lines, 印发机关 — also
on a line of its own — and 印发日期), attachments (each from its 附件N label, on a new page, to
the next), and before them the closing (特此报告。), 附件说明 (numbered 1. 1． 1、 (1) ① or not,
a name running on over lines), signature (one or several issuers), 成文日期 and 附注.

Everything between the date and the attachments that is none of these is kept (in
``Back.trailing``) for the recogniser to list as unplaced. Where the reader says where the
signature and the date stand (:class:`~reportgen.importer.blocks.Place`), their layout tells
whether the document was laid out for a seal (:func:`sealed_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.cjk import text_width
from ..text.dates import parse_date
from .blocks import Block, Para, Table
from .markers import parse_marker
from .outline import AttachmentNote, DateLine, Record

__all__ = ["Back", "date_of", "sealed_of", "split_back", "split_names"]

_DATE = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零OoＯ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日)$"
)
_CC = re.compile(r"^(抄送|抄报|分送|发送)\s*[:：]\s*(.*)$")
_PRINTED = re.compile(r"^(.*?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_ATTACHMENT = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?$")
_ATTACHMENT_TITLED = re.compile(r"^附\s*件\s*([0-9０-９]{1,2})?\s*[:：]\s*(\S.{0,60})$")
_NOTE_LINE = re.compile(r"^附件\s*[:：]\s*(.*)$")
_NOTE_ITEM = re.compile(
    r"^(?:(\d{1,2})\s*[.．、]|[（(]\s*(\d{1,2})\s*[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*(.+)$"
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CLOSING = re.compile(
    r"^(特此(报告|说明|通知|函告|请示|函复|批复|通报|函)|妥否[，,]?请|当否[，,]?请|以上(报告|意见|请示)|请审阅|"
    r"请予审议|请批示|请审示).{0,20}[。！]?$"
)
_SENTENCE = re.compile(r"[。；，,;！？：:]")
_ORGAN_END = re.compile(
    r"(政府|委员会|委|局|厅|办公室|办|部|院|校|学校|中心|小组|公司|协会|党组|总队|支队|大队|所|处|科|站|馆"
    r"|会|联|社|团|队|组)$"
)
_ANNOTATION = re.compile(r"^[（(](.+)[）)]$")
# A line of names running on from a 抄送 line: names separated by ，、, the last one ending in 。
_NAMES_LINE = re.compile(r"^[^。；;：:！？!?\t]{1,80}[，,、。]?$")
_OPEN, _CLOSE = "（(《〔【[", "）)》〕】]"


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
    sealed: bool | None = None
    sealed_why: str = ""
    duplex: bool = False  # the 版记 starts a section on an even page (printed on both sides)


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


def split_names(text: str, separators: str = "，,、；;") -> list[str]:
    """Names in a list such as 抄送 or 主送 (甲，乙、丙), split at separators outside brackets (各县
    （市、区）教育局 stays one name); the final 。 dropped."""
    names, depth, current = [], 0, ""
    for c in text.strip().rstrip("。."):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        if c in separators and depth == 0:
            names.append(current)
            current = ""
        else:
            current += c
    names.append(current)
    return [n.strip() for n in names if n.strip()]


def _record(blocks: list[Block], back: Back) -> int:
    """Take the 版记 off the end; the index where it starts. A 抄送 list may run on over lines of
    names below it; the 印发机关 may stand on a line of its own above the 印发日期."""
    end = len(blocks)
    pending = 0  # lines of names seen above the last line taken, waiting for their 抄送 line
    i = end
    while i > 0:
        b = blocks[i - 1]
        if isinstance(b, Table):  # a 版记 laid out as a table
            cells = [c for row in b.grid() for c in row if c]
            if not pending and cells and any(_record_start(c) for c in cells):
                end = i - 1
                i -= 1
                continue
            break
        t = _text(b)
        if _record_start(t):
            if pending and not _CC.match(_squeeze(t)):
                break  # names run on only below a 抄送 line
            end, pending = i - 1, 0
        elif t and _NAMES_LINE.match(t) and not date_of(t):
            pending += 1
        else:
            break
        i -= 1
    if end < len(blocks) and end > 0 and _printer_line(blocks[end - 1], blocks[end]):
        end -= 1
    back.record_blocks = list(blocks[end:])
    if back.record_blocks:
        first = back.record_blocks[0]
        back.duplex = isinstance(first, (Para, Table)) and first.even_page
    texts: list[str] = []
    for b in back.record_blocks:
        if isinstance(b, Table):
            texts += dict.fromkeys(c for row in b.grid() for c in row if c)
        else:
            texts.append(_text(b))
    for line in _record_lines(texts):
        _record_line(line, back.record)
    return end


def _printer_line(b: Block, below: Block) -> bool:
    """An organ's name on a line of its own right above a …印发 line that has none."""
    if not isinstance(b, Para) or not isinstance(below, Para):
        return False
    t, printed = _text(b), _PRINTED.match(_text(below))
    return bool(
        printed
        and not printed.group(1).strip()
        and 0 < len(t) <= 40
        and not _SENTENCE.search(t)
        and _ORGAN_END.search(_squeeze(t))
    )


def _record_lines(texts: list[str]) -> list[str]:
    """The 版记's lines (or cells) as logical lines: a 抄送 line with the lines of names that run
    on from it (until one ends in 。), and a 印发机关 joined to the 印发日期 line below it."""
    out: list[str] = []
    open_cc = False
    for t in texts:
        printed = _PRINTED.match(t.strip())
        if _CC.match(_squeeze(t)):
            out.append(t)
        elif open_cc and not printed:
            out[-1] += t
        elif printed and not printed.group(1).strip() and out and _is_printer(out[-1]):
            out[-1] = f"{out[-1]}　{t.strip()}"
        else:
            out.append(t)
        last = out[-1]
        open_cc = bool(_CC.match(_squeeze(last))) and not last.rstrip().endswith(("。", "."))
    return out


def _is_printer(t: str) -> bool:
    return (
        not _CC.match(_squeeze(t))
        and not _PRINTED.match(t.strip())
        and not _SENTENCE.search(t)
        and bool(_ORGAN_END.search(_squeeze(t)))
    )


def _squeeze(t: str) -> str:
    return t.replace(" ", "").replace("\u3000", "")


def _record_start(t: str) -> bool:
    return bool(_CC.match(_squeeze(t)) or _PRINTED.match(t.strip()))


def _record_line(t: str, record: Record) -> None:
    cc = _CC.match(_squeeze(t))
    printed = _PRINTED.match(t.strip())
    if cc:
        record.cc += split_names(cc.group(2))
        if cc.group(1) != "抄送":
            record.relabelled.append(_squeeze(t))
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
            # joint issuers one a line: each above the first is an organ's name (not, say, the
            # end of an attachment's name that ran on to the line above the signature)
            if sig_start < end and not _ORGAN_END.search(_compact(blocks[sig_start - 1])):
                break
            sig_start -= 1
        back.signature = [b for b in blocks[sig_start:end] if isinstance(b, Para)]
        back.sealed, back.sealed_why = sealed_of(back.signature, blocks[date_at])  # type: ignore[arg-type]
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
    """附件说明 right above the signature: 附件：1. 名称 and the lines of further names (1. 1．
    1、 (1) ①, or none for a single attachment); a name may run on to the next line."""
    start = None
    for i in range(end - 1, max(-1, end - 30), -1):
        if _NOTE_LINE.match(_compact(blocks[i])):
            start = i
            break
        t = _compact(blocks[i])
        if not isinstance(blocks[i], Para) or not _note_line(t):
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
        if m:
            number = m.group(1) or m.group(2) or str(_CIRCLED.index(m.group(3)) + 1)
            name = m.group(4)
        elif back.attachment_notes:  # the name above ran on to this line
            last = back.attachment_notes[-1]
            last.name += _bare(text)
            last.run_on = True
            continue
        else:
            number, name = "", text
        back.attachment_notes.append(AttachmentNote(number, _bare(name), b.where))
    return start


def _note_line(t: str) -> bool:
    """A line of the 附件说明 below its 附件： line: a numbered name, or a name running on."""
    if len(t) > 80 or re.search(r"[。！？；;]", t):
        return False
    return bool(_NOTE_ITEM.match(t)) or parse_marker(t) is None


def _bare(name: str) -> str:
    return name.strip().strip("《》").rstrip("。；;，,")


_SEALED_RIGHT = 4  # GB/T 9704 §7.3.5.1: a sealed document's date stands 4 characters from the right
_UNSEALED_SHIFT = 2  # §7.3.5.2: unsealed, the date starts 2 characters right of the issuer's start
_UNSEALED_RIGHT = 2  # §7.3.5.2: and the issuer stands 2 characters from the right
_FROM_EDGE = 0.4  # characters a rule measured from the right edge may be off
_BETWEEN = 0.3  # characters a rule between the issuer and the date may be off


def sealed_of(signature: list[Para], date: Para) -> tuple[bool | None, str]:
    """Whether the signature was laid out for a seal, from where the last issuer and the date
    stand, with the reason in Chinese; None where the document does not tell.

    Sealed (§7.3.5.1): the date four characters from the right and the issuer centred over it.
    Unsealed (§7.3.5.2): the issuer two characters from the right and the date starting two
    characters right of the issuer's start. A text file gives no line width: there both lines must
    be pushed right by spaces, and the issuer centred over the date without the unsealed shift."""
    if not signature:
        return None, ""
    last = signature[-1]
    if date.place is None or last.place is None:
        return None, "原文看不出署名和成文日期排在什么位置"
    text = last.shown.strip()
    name = re.split(r"\s{2,}|\u3000+", text)[-1]
    start = last.place.start + text_width(text[: len(text) - len(name)])
    centre = start + text_width(name) / 2
    d_start, d_end = date.place.start, date.place.end
    centred = abs(centre - (d_start + d_end) / 2) <= 1
    shifted = abs(d_start - start - _UNSEALED_SHIFT) <= 0.5
    line = date.place.line
    if line is not None:
        # each layout's two rules, met within what placing on half characters leaves; the two
        # layouts coincide where the issuer is four characters wider than the date
        end = start + text_width(name)
        sealed = (
            abs(line - d_end - _SEALED_RIGHT) <= _FROM_EDGE
            and abs(centre - (d_start + d_end) / 2) <= _BETWEEN
        )
        unsealed = (
            abs(line - end - _UNSEALED_RIGHT) <= _FROM_EDGE
            and abs(d_start - start - _UNSEALED_SHIFT) <= _BETWEEN
        )
        if sealed and unsealed:
            return None, "署名和成文日期的位置两种格式都符合"
        if sealed:
            return True, "成文日期右空四字，署名居中于日期之上"
        return False, ""
    if min(start, d_start) < _SEALED_RIGHT:
        return None, "原文看不出署名和成文日期排在什么位置"
    if centred and shifted:
        return None, "署名和成文日期的位置两种格式都符合"
    if centred:
        return True, "署名居中于成文日期之上"
    return False, ""
