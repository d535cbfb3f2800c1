"""The neutral outline the recogniser builds: what a document says, independent of the YAML model.

An emitter maps it to YAML: every field here is plain text (numbering stripped, brackets of
document numbers normalised to 〔〕), every node knows its source (``src``) and carries ``notes``,
short Chinese remarks on what was guessed, meant to become YAML comments. Nothing is dropped:
web-page chrome left out is in ``dropped``; whatever was kept in a place that may be wrong is in
``unplaced``; what the reader could not carry over is in ``reader_notes``.

Tree: ``Outline.sections`` holds the top-level :class:`Section` nodes; each has a ``body`` (the
paragraphs and tables before its first subsection) and ``children``. A numbered item such as
"1.健全“常委议教”机制。区委……" is a Section whose ``title`` is the run-in lead
("健全“常委议教”机制。"), with ``run_in`` set and the rest of the paragraph as the first
:class:`Paragraph` of its body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..text.dates import CnDate
from .blocks import Cell, Where

__all__ = [
    "Attachment",
    "AttachmentNote",
    "Basis",
    "BodyBlock",
    "DateLine",
    "Dropped",
    "Figure",
    "Head",
    "KindGuess",
    "LedgerRow",
    "Outline",
    "Paragraph",
    "Record",
    "Section",
    "TableBlock",
    "Unplaced",
]


@dataclass
class Paragraph:
    """A body paragraph. ``text`` is the text before any points (all of it when there are none).

    ``lead`` is a bold lead sentence kept apart from ``text`` (a .docx bold run, or **bold** in
    Markdown); ``lead_own_line`` marks an unnumbered bold line standing as its own paragraph.
    ``points`` are the 一是/二是 items without their markers; ``points_layout`` says whether they
    were inline in one paragraph or one paragraph each; ``after`` is text after the last point
    (recognised where the points were separated by ；, or was a paragraph of its own after them).
    """

    text: str
    src: Where
    lead: str = ""
    lead_own_line: bool = False
    points: list[str] = field(default_factory=list)
    points_layout: Literal["inline", "paragraphs", ""] = ""
    after: str = ""
    notes: list[str] = field(default_factory=list)

    def texts(self) -> Iterator[str]:
        yield from (t for t in (self.lead, self.text, *self.points, self.after) if t)


@dataclass
class Figure:
    """One row of a figures table: value and previous as written (digits, no commas)."""

    name: str
    value: str | None
    unit: str = ""
    previous: str | None = None
    growth: str | None = None  # percent (or 百分点 when unit is %), negative for a fall
    src: Where = field(default_factory=Where)
    notes: list[str] = field(default_factory=list)


@dataclass
class LedgerRow:
    """One row of a rectification ledger (整改台账)."""

    problem: str = ""
    measure: str = ""
    unit: str = ""
    person: str = ""
    deadline: str = ""
    status: str = ""  # 已完成 / 持续推进 / 未开始 when recognised, else as written
    evidence: str = ""
    number: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # other columns: header → text
    src: Where = field(default_factory=Where)
    matched: bool = False  # linked to a measure (a Section) in the text


@dataclass
class TableBlock:
    """A table with its 表题 (caption), unit line and note, classified by its header."""

    kind: Literal["figures", "ledger", "other"]
    src: Where
    grid: list[list[str]]  # rectangle of cell texts (merged cells repeated)
    rows: list[list[Cell]]  # cells as in the file, with spans and vertical merges
    header_rows: int = 1
    caption: str = ""
    unit: str = ""
    note: str = ""
    figures: list[Figure] = field(default_factory=list)
    ledger: list[LedgerRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def texts(self) -> Iterator[str]:
        yield from (t for t in (self.caption, self.unit, self.note) if t)
        for row in self.grid:
            yield from (c for c in row if c)


BodyBlock = Paragraph | TableBlock


@dataclass
class Section:
    """A heading and what follows it up to the next heading of the same or a higher level.

    ``level`` is the depth in this document (1 = top); ``family`` the numbering style
    ("cn" 一、, "pcn" （一）, "ar" 1. or 1、, "par" （1）, "arp" 1), "circ" ①, "ord" 第一，, "part"
    第一部分, "o1"… an unnumbered Word heading of that outline level, "implicit" a section
    inferred where numbering restarted without a heading); ``marker`` the number as shown.
    ``role`` (top level only) is what the section is about: "basic", "achievements",
    "rectification", "problems", "next_steps", or "". ``problem`` is the quoted problem of a
    关于“…”问题 heading. ``ledger`` are the ledger rows matched to this item.
    """

    level: int
    family: str
    marker: str
    number: int | None
    title: str
    src: Where
    run_in: bool = False
    auto_numbered: bool = False
    body: list[BodyBlock] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    role: str = ""
    problem: str = ""
    ledger: list[LedgerRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()

    def texts(self) -> Iterator[str]:
        if self.title:
            yield self.title
        for b in self.body:
            yield from b.texts()
        for c in self.children:
            yield from c.texts()


@dataclass
class Basis:
    """A document cited in the opening: name without 《》, number with 〔〕 (or "")."""

    name: str
    number: str
    src: Where


@dataclass
class DateLine:
    text: str  # as written
    date: CnDate | None
    src: Where


@dataclass
class Head:
    """版头 elements found above the title (empty strings where absent)."""

    copy_no: str = ""  # 份号
    secrecy: str = ""  # 密级和保密期限
    urgency: str = ""  # 紧急程度
    issuer_mark: list[str] = field(default_factory=list)  # 发文机关标志 lines, 文件 included
    doc_number: str = ""  # 发文字号
    signers: list[str] = field(default_factory=list)  # 签发人

    def texts(self) -> Iterator[str]:
        yield from (t for t in (self.copy_no, self.secrecy, self.urgency, self.doc_number) if t)
        yield from self.issuer_mark
        yield from self.signers


@dataclass
class Record:
    """版记: 抄送, 印发机关 and 印发日期, and any other line found among them."""

    cc: list[str] = field(default_factory=list)
    printer: str = ""
    print_date: str = ""
    other: list[str] = field(default_factory=list)
    relabelled: list[str] = field(default_factory=list)  # 抄报：…, 分送：… lines taken as 抄送

    def texts(self) -> Iterator[str]:
        yield from self.cc
        yield from (t for t in (self.printer, self.print_date) if t)
        yield from self.other


@dataclass
class AttachmentNote:
    """One entry of the 附件说明 under the body: its number ("" when single) and name."""

    number: str
    name: str
    src: Where
    run_on: bool = False  # the name ran on over two lines or more, joined here


@dataclass
class Attachment:
    """An attachment's body (from its 附件N label on a new page to the next one or the 版记)."""

    label: str  # 附件, 附件1 …
    number: str
    title: str
    body: list[BodyBlock]
    sections: list[Section]
    src: Where

    def texts(self) -> Iterator[str]:
        if self.title:
            yield self.title
        for b in self.body:
            yield from b.texts()
        for s in self.sections:
            yield from s.texts()


@dataclass
class Dropped:
    """Web-page chrome left out of the outline, and why."""

    text: str
    src: Where
    reason: str


@dataclass
class Unplaced:
    """Text kept somewhere it may not belong: where it came from and where it was put."""

    text: str
    src: Where
    kept_in: str
    reason: str


@dataclass
class KindGuess:
    kind: Literal["rectification", "self_assessment", "general"]
    reasons: list[str]


@dataclass
class Outline:
    """Everything recognised in one document."""

    source: str
    format: str
    title: str = ""
    title_lines: list[str] = field(default_factory=list)
    subtitle: str = ""
    head: Head = field(default_factory=Head)
    addressees: str = ""  # 主送机关 without its final colon
    opening: list[BodyBlock] = field(default_factory=list)
    basis: list[Basis] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)  # 特此报告。
    attachment_notes: list[AttachmentNote] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)  # one name per issuer
    date: DateLine | None = None
    # laid out for a seal (from where the signature and date stand); None: cannot tell (why)
    sealed: bool | None = None
    sealed_why: str = ""
    annotation: str = ""  # 附注, without its parentheses
    attachments: list[Attachment] = field(default_factory=list)
    record: Record = field(default_factory=Record)
    duplex: bool = False  # the 版记 on an even page, after a section break to one
    web_date: CnDate | None = None  # 发布日期 from web-page chrome, a hint when no date is given
    web_number: str = ""  # 发文字号 from a government site's 政府信息公开 box
    kind: KindGuess = field(default_factory=lambda: KindGuess("general", []))
    dropped: list[Dropped] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    reader_notes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, attachments' included."""
        for s in self.sections:
            yield from s.walk()
        for a in self.attachments:
            for s in a.sections:
                yield from s.walk()

    def tables(self) -> Iterator[TableBlock]:
        blocks: list[BodyBlock] = list(self.opening)
        for s in self.walk():
            blocks.extend(s.body)
        for a in self.attachments:
            blocks.extend(a.body)
        yield from (b for b in blocks if isinstance(b, TableBlock))

    def texts(self) -> Iterator[str]:
        """Every piece of text the outline keeps (for checks that nothing was lost)."""
        yield from self.head.texts()
        yield from self.title_lines
        if self.subtitle:
            yield self.subtitle
        if self.addressees:
            yield self.addressees
        for b in self.opening:
            yield from b.texts()
        for s in self.sections:
            yield from s.texts()
        for c in self.closing:
            yield from c.texts()
        for n in self.attachment_notes:
            yield n.name
        yield from self.signature
        if self.date:
            yield self.date.text
        if self.annotation:
            yield self.annotation
        for a in self.attachments:
            yield from a.texts()
        yield from self.record.texts()

    def report(self) -> list[str]:
        """What a clerk should be told: chrome left out, text placed by guess, reader notes.

        Each line starts with the place: ``file:line:`` for text files, ``file: 第N段:`` for
        documents (Word shows no line numbers), then says what happened."""
        out = [
            f"{self._at(d.src)}已略去网页内容“{_brief(d.text)}”（{d.reason}）" for d in self.dropped
        ]
        out += [
            f"{self._at(u.src)}“{_brief(u.text)}”{u.reason}，已放在{u.kept_in}，请核对"
            for u in self.unplaced
        ]
        out += [f"{self.source}: {n}" for n in self.reader_notes]
        return out

    def _at(self, where: Where) -> str:
        if where.line is not None and where.table is None:
            return f"{self.source}:{where.line}: "
        return f"{self.source}: {where}: "


def _brief(text: str, n: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
