"""The neutral stream of blocks every reader produces, whatever the input format.

A reader (docx_reader, text_reader) turns a file into a :class:`Source`: paragraphs and tables in
reading order, each knowing where it came from (paragraph number in a .docx, line in a text file),
plus notes about what the reader could not carry over (tracked changes it could not accept,
comments, hidden text). The recogniser works on this stream only, never on the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "Cell", "Para", "Place", "Source", "Table", "Where"]


@dataclass(frozen=True)
class Where:
    """Where a block came from, said the way a clerk finds it again.

    ``para`` counts the body's paragraphs from 1 (empty ones included, as Word's navigation does
    not, so the text is quoted too); ``line`` is a text file's line; ``table``/``row`` locate a
    table cell's row; ``part`` names a part of a .docx other than the body (e.g. a text box).
    """

    para: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    last_line: int | None = None

    def __str__(self) -> str:
        if self.table is not None:
            where = f"第{self.table}个表格"
            return where + (f"第{self.row}行" if self.row is not None else "")
        if self.line is not None:
            if self.last_line and self.last_line != self.line:
                return f"第{self.line}–{self.last_line}行"
            return f"第{self.line}行"
        if self.para is not None:
            return f"第{self.para}段"
        return "（位置不明）"


@dataclass(frozen=True)
class Place:
    """Where a paragraph's first line stands, in character cells of its own size (a Chinese
    character 1, a digit or Latin letter ½), from the left edge of the text block: ``start`` and
    ``end`` of its visible text (the spaces and indent before it count); ``line`` the text block's
    width, None where the reader does not know it (a text file gives only its leading spaces)."""

    start: float
    end: float
    line: float | None = None


@dataclass
class Para:
    """One paragraph as its reader saw it.

    ``text`` is the visible text without the automatic number; ``label`` is the number Word or WPS
    shows for automatic numbering (numbering.xml), e.g. "一、" or "（1）"; empty when none.
    ``bold`` lists (start, end) character ranges of ``text`` set in bold (direct formatting, a
    character style or the paragraph style). ``outline`` is the outline level 1–9 from the
    paragraph or its style (heading 1 → 1), None for body text. ``indent`` counts leading spaces a
    text file used to push a line right (signatures, centred titles). ``place`` is where the text
    stands on its line, where the reader can tell (:class:`Place`). ``even_page``: the paragraph
    is the first with text after a section break to an even page (w:type evenPage), as a
    document printed on both sides sets its 版记.
    """

    text: str
    where: Where
    label: str = ""
    style: str = ""
    outline: int | None = None
    align: str = ""  # "center", "right", "left", "both" or "" (not set)
    bold: list[tuple[int, int]] = field(default_factory=list)
    page_break_before: bool = False
    font: str = ""
    size: float | None = None  # points
    indent: int = 0
    blank_before: bool = False  # a text file had an empty line before it
    bullet: bool = False  # automatic numbering that shows a bullet, not a number
    in_textbox: bool = False
    place: Place | None = None
    even_page: bool = False  # the first text of a section that starts on an even page

    @property
    def shown(self) -> str:
        """The text as a reader sees it on the page, automatic number included."""
        return self.label + self.text

    @property
    def all_bold(self) -> bool:
        """Every visible character is bold."""
        chars = [i for i, c in enumerate(self.text) if not c.isspace()]
        return bool(chars) and all(any(s <= i < e for s, e in self.bold) for i in chars)

    def bold_prefix(self, start: int = 0) -> str:
        """The bold text that begins at ``start`` (spaces skipped) and stops before the end, or ""
        (readers merge touching bold ranges, so one range is one bold stretch)."""
        text = self.text
        while start < len(text) and text[start] in " \u3000\t":
            start += 1
        for s, e in self.bold:
            if s <= start < e:
                return text[start:e] if text[e:].strip() else ""
        return ""


@dataclass
class Cell:
    """One table cell: its paragraphs joined by newlines, and how far it spans.

    ``span`` is the number of grid columns (gridSpan); ``merged`` is True for a cell that only
    continues a vertically merged cell above it (vMerge continue), whose text is the one above.
    """

    text: str
    span: int = 1
    merged: bool = False
    bold: bool = False


@dataclass
class Table:
    """A table: rows of cells in reading order, as the file holds them."""

    rows: list[list[Cell]]
    where: Where
    even_page: bool = False  # the first block of a section that starts on an even page

    def grid(self) -> list[list[str]]:
        """The table as a rectangle of texts: a cell spanning columns repeats its text in each,
        a vertically merged cell repeats the text of the cell it continues."""
        width = max((sum(c.span for c in r) for r in self.rows), default=0)
        out: list[list[str]] = []
        for r in self.rows:
            line: list[str] = []
            for c in r:
                col = len(line)
                text = c.text
                if c.merged and out and col < len(out[-1]):
                    text = out[-1][col]
                line.extend([text] * c.span)
            line.extend([""] * (width - len(line)))
            out.append(line)
        return out


Block = Para | Table


@dataclass
class Source:
    """What a reader read: the blocks, the file's name and format, and what it could not carry."""

    name: str
    format: str  # "docx", "txt", "md"; "doc"/"wps"/"odt"/"rtf" after conversion
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
