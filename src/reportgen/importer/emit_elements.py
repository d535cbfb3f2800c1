"""The 公文's elements of an :class:`~reportgen.importer.outline.Outline` → their model fields.

版头 → ``letterhead`` (份号, 密级, 紧急程度, 发文机关标志 with ``suffix: false`` where 文件 is
not there, 发文字号, 签发人); 主送机关 → ``recipients``; the closing (特此报告。) → ``closing``;
joint issuers → ``issuer`` as a list; the signature's layout → ``sealed``; 附注 → ``note``; 版记 →
``imprint`` (抄送, 印发机关, 印发日期), and ``duplex`` where the 版记 starts an even page;
attachments → ``attachments``: a name for one sent separately, ``{title, body}`` for one printed
with the document, its body through the same block emitter as the document's (emit_body.py).

Each value is first tried against the model's own validator; one the model cannot hold (a 紧急程度
of 特提, a 发文字号 without its year, a 版记 without its 印发机关) is kept as comment lines at the
end of the file and listed, never dropped. Guesses are commented in Chinese.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter

from ..model.elements import Attachment as AttachmentModel
from ..model.elements import Imprint, Letterhead, doc_number
from ..model.fields import Closing, Names, Note
from ..model.placeholders import fill_mark
from ..output.yaml_text import Flow, Path
from ..text.dates import parse_date
from .back import split_names
from .emit_body import Notes, body_of, top_blocks
from .front import mark_parts
from .outline import Attachment, Outline

__all__ = ["attachments", "closing", "elements", "issuer"]

_NAMES: TypeAdapter[Any] = TypeAdapter(Names)
_NOTE: TypeAdapter[Any] = TypeAdapter(Note)
_CLOSING: TypeAdapter[Any] = TypeAdapter(Closing)
_RUN_ON = "原文附件说明中这一名称跨行，已连成一行，请核对"
_WEB_NUMBER_WHY = "原文正文没有版头；要印版头时写在 letterhead 的 number 中"
_NUMBER_WHY = "不是“机关代字〔年份〕序号号”的写法"


def _fits(check: Any, value: Any) -> bool:
    """Whether the model's validator takes ``value`` (a model class or a TypeAdapter)."""
    try:
        if isinstance(check, TypeAdapter):
            check.validate_python(value)
        else:
            check.model_validate(value)
    except Exception:  # pydantic's ValidationError or a RuleError from a validator
        return False
    return True


def issuer(outline: Outline, notes: Notes) -> str | list[str]:
    """The signature: one issuer's name, or joint issuers' as a list, the leading office first."""
    if len(outline.signature) > 1:
        notes.comment(("issuer",), "联合行文：署名按原文顺序，主办机关在前")
        return list(outline.signature)
    return outline.signature[0]


def closing(outline: Outline, notes: Notes) -> tuple[str | None, list[str]]:
    """The closing sentence for ``closing``, and the closing paragraphs before it (a document may
    have two, 妥否，请批示。 then 特此报告。), which stay at the end of the body."""
    if not outline.closing:
        return None, []
    texts = [c.text for c in outline.closing]
    last = texts[-1]
    if not _fits(_CLOSING, last):
        return None, texts
    printed = _CLOSING.validate_python(last)
    if printed != last:
        notes.comment(("closing",), f"原文结束语为“{last}”，排版时末尾加“。”")
    return last, texts[:-1]


def elements(outline: Outline, data: dict[str, Any], notes: Notes) -> None:
    """letterhead, recipients, sealed, note and imprint into ``data``."""
    head = _letterhead(outline, notes)
    if head:
        data["letterhead"] = head
    if outline.web_number and not outline.head.doc_number:
        notes.keep("网页上的发文字号", [outline.web_number], None, _WEB_NUMBER_WHY)
    if outline.addressees:
        _recipients(outline.addressees, data, notes)
    _sealed(outline, data, notes)
    if outline.annotation:
        if _fits(_NOTE, outline.annotation):
            data["note"] = outline.annotation
            notes.comment(("note",), "附注：原文成文日期下一行圆括号内的文字")
        else:
            notes.keep("附注", [f"（{outline.annotation}）"], None, "内容过短")
    record = _imprint(outline, notes)
    if record:
        data["imprint"] = record
        if outline.duplex:
            data["duplex"] = True
            notes.comment(("duplex",), "原文版记前是“偶数页”分节符：按双面印刷排，版记在偶数页")


def _letterhead(outline: Outline, notes: Notes) -> dict[str, Any]:
    h = outline.head
    names, suffix = mark_parts(h.issuer_mark)
    values: list[tuple[str, Any, str, str]] = [
        ("copy_number", h.copy_no, "份号", h.copy_no),
        ("secrecy", h.secrecy, "密级和保密期限", h.secrecy),
        ("urgency", h.urgency, "紧急程度", h.urgency),
        ("mark", names[0] if len(names) == 1 else Flow(names), "发文机关标志", "　".join(names)),
        ("number", h.doc_number, "发文字号", h.doc_number),
        ("signers", Flow(h.signers), "签发人", "签发人：" + "　".join(h.signers)),
    ]
    head: dict[str, Any] = {}
    path: Path = ("letterhead",)
    for key, value, what, text in values:
        if not value:
            continue
        if not _fits(Letterhead, {key: value}):
            why = _NUMBER_WHY if key == "number" else "不是版头这一项可用的写法"
            notes.keep(what, [text], None, why)
        elif key == "number" and doc_number(value) != value:
            head[key] = doc_number(value)  # the form GB/T 9704 prints: 〔2021〕5号
            notes.comment(
                (*path, key),
                f"原文发文字号为“{value}”，按规范写法（年份用〔〕，序号不加“第”、不编虚位）",
            )
        else:
            head[key] = value
    if not head:
        return head
    notes.comment(path, "版头：取自原文标题之上的份号、密级、紧急程度、发文机关标志、发文字号等")
    if "mark" in head and not suffix:
        head["suffix"] = False
        notes.comment((*path, "suffix"), "原文发文机关标志后面没有“文件”二字")
    if "mark" not in head:
        notes.comment(
            path, "原文版头没有发文机关标志：排版时用署名作发文机关标志，不要版头请删去这一项"
        )
    return {k: head[k] for k in Letterhead.model_fields if k in head}


def _recipients(text: str, data: dict[str, Any], notes: Notes) -> None:
    names = split_names(text)
    value: Any = names[0] if len(names) == 1 else Flow(names)
    if not names or not _fits(_NAMES, list(names)):
        notes.keep("主送机关", [text + "："], None, "不是可用的机关名称")
        return
    data["recipients"] = value
    if re.search(r"[，,；;]", _outside_brackets(text)):
        notes.comment(("recipients",), "原文主送机关之间有“，”或“；”，排版时统一用“、”隔开")


def _outside_brackets(text: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", text)


def _sealed(outline: Outline, data: dict[str, Any], notes: Notes) -> None:
    if not outline.signature or outline.date is None:
        return
    if outline.sealed:
        data["sealed"] = True
        notes.comment(("sealed",), f"{outline.sealed_why}：按加盖印章的格式排，请核对")
    elif outline.sealed is None and outline.sealed_why:
        path: Path = next(((k,) for k in ("date", "issuer") if k in data), ("kind",))
        notes.comment(
            path,
            f"{outline.sealed_why}：按不加盖印章的格式排（署名右空二字）；"
            "加盖印章的请加一行 sealed: true",
        )


def _imprint(outline: Outline, notes: Notes) -> dict[str, Any]:
    r = outline.record
    texts = list(r.texts())
    if not texts:
        return {}
    record: dict[str, Any] = {}
    if r.cc:
        record["cc"] = list(r.cc)
    if r.printer:
        record["by"] = r.printer
    if r.print_date:
        try:
            d = parse_date(r.print_date)
            record["date"] = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
        except ValueError:
            pass
    if not _fits(Imprint, record):
        lines = ["抄送：" + "，".join(r.cc) + "。"] if r.cc else []
        printed = "　".join(t for t in (r.printer, r.print_date and r.print_date + "印发") if t)
        notes.keep("版记", [*lines, printed, *r.other], None, "没有找到可用的印发机关和印发日期")
        return {}
    notes.comment(("imprint",), "版记：抄送机关、印发机关和印发日期取自原文末页")
    for line in r.relabelled:
        notes.comment(
            ("imprint", "cc"), f"原文“{line}”并入抄送（GB/T 9704-2012 的版记只有抄送），请核对"
        )
    notes.keep("版记中的其他文字", r.other, None, "不是抄送、印发机关或印发日期")
    return record


# ---- attachments --------------------------------------------------------------------------------


def _key(name: str) -> str:
    return re.sub(r"[\s《》“”\"。，,；;：:、]", "", name)


def attachments(
    outline: Outline, notes: Notes, *, skip: tuple[str, ...] = (), generated: tuple[int, ...] = ()
) -> list[Any]:
    """The ``attachments`` list: the 附件说明's names in their order, each matched to the
    attachment printed with the document where there is one (by number, else by name); printed
    attachments the 附件说明 does not name after them. ``skip``: names the kind generates (the
    rectification ledger); ``generated``: indexes of printed attachments it generates."""
    printed = [
        (i, a) for i, a in enumerate(outline.attachments) if i not in generated or _has_body(a)
    ]
    left = [a for _, a in printed]
    items: list[Any] = []
    sources: list[Attachment | None] = []
    skipped = {_key(s) for s in skip}
    for n in outline.attachment_notes:
        if _key(n.name) in skipped:
            continue
        match = _match(n.number, n.name, left)
        if match is not None:
            left.remove(match)
        if n.run_on:
            notes.comment(("attachments", len(items)), _RUN_ON)
        items.append(n.name)
        sources.append(match)
    for rest in left:
        if _key(rest.title) in skipped:
            continue
        items.append(rest.title)
        sources.append(rest)
    out: list[Any] = []
    for i, (name, a) in enumerate(zip(items, sources, strict=True)):
        out.append(_attachment(name, a, ("attachments", i), notes) if a else name)
    return out


def _has_body(a: Attachment) -> bool:
    return bool(a.body or a.sections)


def _match(number: str, name: str, left: list[Attachment]) -> Attachment | None:
    by_number = [a for a in left if number and a.number == number]
    if by_number:
        return by_number[0]
    by_name = [a for a in left if a.title and _key(a.title) == _key(name)]
    if by_name:
        return by_name[0]
    if not number and len(left) == 1 and not left[0].number:
        return left[0]  # 附件：名称 and one 附件 page
    return None


def _attachment(name: str, a: Attachment, path: Path, notes: Notes) -> Any:
    """A printed attachment → {title, body} (its name only when it has no body)."""
    title = a.title or name
    if a.title and name and _key(a.title) != _key(name):
        notes.comment(path, f"附件说明中的名称为“{name}”，与附件首页的标题不同，按首页标题")
    elif not title:
        title = fill_mark()
        notes.comment(path, "原文附件首页没有标题，请补写")
    body_path: Path = (*path, "body")
    body = body_of(a.body, body_path, notes)
    for s in a.sections:
        body += top_blocks(s, (*body_path, len(body)), notes)
    if not body:
        notes.comment(path, "原文附件页只有标题，没有正文：只写附件名称（单独另附）")
        return title
    item = {"title": title, "body": body}
    if not _fits(AttachmentModel, {"title": title, "body": ["正文"]}):
        # a title the model cannot take (too long, say): keep the text where the clerk sees it
        notes.keep(f"{a.label}的标题", [title], a.src, "不是可用的附件名称")
        item["title"] = fill_mark()
    notes.comment(path, f"{a.label}：随文印发，另起一页")
    return item
