"""Outline sections and body blocks → the body blocks of the YAML model (model/blocks.py).

A section with a title becomes a heading ``{title: …}``; a numbered paragraph without one a
numbered lead ``{numbered: true, text: …}``; a paragraph with a bold lead an unnumbered lead;
一是/二是 points a points block with its ``intro``; a figures table ``{figures: […]}`` and any
other table ``{table: {title, unit, header, rows, merge}}``. What a heading holds is written in
the short fields (``text``, ``points``, ``sections`` …) when they say it exactly, else as ``body``.
Headings deeper than the model's four levels are kept as paragraphs with their numbers.

Every guess is a comment at the block's path; what has no place in the model is kept as text in
the closest place and listed (:class:`Notes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..model.blocks import MAX_COLUMNS, MAX_ROWS
from ..output.yaml_text import Flow, Path
from ..text.numbering import MAX_LEVEL, match_number, point_prefix
from .blocks import Where
from .outline import BodyBlock, Figure, Paragraph, Section, TableBlock

__all__ = [
    "Notes",
    "body_of",
    "content",
    "number_of",
    "paragraph_text",
    "section_node",
    "top_blocks",
]

_RUN_IN = "。！？"
_END = "。！？；…"


@dataclass
class Notes:
    """Comments for the YAML (path → lines), lines for the clerk on stderr, and what no field
    could hold (``kept``: a heading and the original lines, written as comments at the end)."""

    source: str
    comments: dict[Path, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    kept: list[tuple[str, list[str]]] = field(default_factory=list)

    def comment(self, path: Path, text: str) -> None:
        lines = self.comments.setdefault(path, [])
        if text not in lines:
            lines.append(text)

    def at(self, where: Where) -> str:
        if where.line is not None and where.table is None:
            return f"{self.source}:{where.line}: "
        return f"{self.source}: {where}: "

    def not_placed(self, where: Where, what: str, kept: str) -> None:
        self.unplaced.append(f"{self.at(where)}{what}：未能放入对应字段，{kept}")

    def keep(self, what: str, texts: list[str], where: Where | None, why: str) -> None:
        """Text no field can hold: kept as comment lines at the end of the file, and listed."""
        texts = [t for t in texts if t and t.strip()]
        if not texts:
            return
        self.kept.append((f"{what}（{why}，未能放入对应字段，原文如下）：", texts))
        at = self.at(where) if where is not None else f"{self.source}: "
        self.unplaced.append(f"{at}{what}：{why}，未能放入对应字段，已作为说明保留在 YAML 文件末尾")


def number_of(text: str) -> Decimal | None:
    try:
        d = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return d if d.is_finite() else None


def paragraph_text(p: Paragraph) -> str:
    """The paragraph as it was printed: lead, text, 一是…二是…, and the text after them."""
    points = "".join(point_prefix(n) + t for n, t in enumerate(p.points, 1))
    return p.lead + p.text + points + p.after


def _numbered_start(text: str) -> bool:
    """Starts with a number the validator would take for a hand-typed one."""
    return match_number(text) is not None


def _paragraph(p: Paragraph, path: Path, notes: Notes) -> list[Any]:
    """One outline paragraph → one or two body blocks (the text after points is its own)."""
    out: list[Any] = []
    if p.lead_own_line:
        notes.comment(path, "原文加粗的单独一行（小标题），导入为一段正文")
        return [p.lead + p.text] if (p.lead + p.text).strip() else []
    points_ok = bool(p.points) and not any(_numbered_start(x) or not x.strip() for x in p.points)
    lead_ok = bool(p.lead) and p.lead[-1] in _END and not _numbered_start(p.lead)
    if p.lead and not lead_ok:
        notes.comment(path, "首句加粗但不以句号结尾，按正文导入")
    if lead_ok:
        node: dict[str, Any] = {"lead": p.lead, "numbered": False}
        if p.text:
            node["text"] = p.text
        if points_ok:
            node["points"] = list(p.points)
            notes.comment(path, "按“一是”拆分为分点")
        elif p.points:
            node["text"] = p.text + paragraph_text(Paragraph("", p.src, points=p.points))
        if not p.text and not p.points:
            node["run_in"] = False
        out.append(node)
    elif points_ok:
        block: dict[str, Any] = {}
        lead_text = "" if lead_ok else p.lead
        if lead_text + p.text:
            block["intro"] = lead_text + p.text
        block["points"] = list(p.points)
        out.append(block)
        if p.points_layout == "paragraphs":
            notes.comment(path, f"按“一是”“二是”拆分为分点（原文每点一段，共{len(p.points)}段）")
        else:
            notes.comment(path, "按“一是”拆分为分点")
    else:
        text = paragraph_text(Paragraph(p.text, p.src, lead=p.lead, points=p.points))
        if text.strip():
            out.append(text)
        return out
    if p.after:
        notes.comment(_after(path, 1), "分点之后的文字，原文与分点在同一段")
        out.append(p.after)
    return out


def _after(path: Path, by: int) -> Path:
    """The path of the item ``by`` places after the list item at ``path``."""
    *parent, index = path
    assert isinstance(index, int)  # an item of a list: its place in it
    return (*parent, index + by)


def _figure(f: Figure) -> dict[str, Any] | None:
    value = number_of(f.value or "")
    if value is None:
        return None
    node: dict[str, Any] = {"name": f.name, "value": value}
    if f.unit:
        node["unit"] = f.unit
    previous = number_of(f.previous or "")
    growth = number_of(f.growth or "")
    if previous is not None:
        node["previous"] = previous
    elif growth is not None:
        node["growth"] = growth
    return node


def _figures(t: TableBlock) -> list[dict[str, Any]] | None:
    rows = [_figure(f) for f in t.figures]
    if not rows or any(r is None for r in rows) or any(not f.name.strip() for f in t.figures):
        return None
    return rows  # type: ignore[return-value]


def _merged_columns(t: TableBlock, header: list[str]) -> list[str]:
    """Header names of the columns where the file merged cells vertically."""
    starts = sorted({sum(c.span for c in row[:i]) for row in t.rows for i in range(len(row))})
    cols: set[int] = set()
    for row in t.rows:
        col = 0
        for cell in row:
            if cell.merged and col in starts:
                cols.add(starts.index(col))
            col += cell.span
    names = [header[c] for c in sorted(cols) if c < len(header)]
    return [n for n in names if header.count(n) == 1]


def _spanned(t: TableBlock) -> list[list[str]]:
    """The table's columns as its cells draw them: a column starts wherever a cell of some row
    starts (a template may lay a five-column table on a grid of sixty), and a cell spanning
    several of them is written once, in its first."""
    starts: set[int] = set()
    for row in t.rows:
        col = 0
        for cell in row:
            starts.add(col)
            col += cell.span
    columns = sorted(starts)
    out = []
    for r, row in enumerate(t.rows):
        line = [""] * len(columns)
        col = 0
        for cell in row:
            grid_row = t.grid[r] if r < len(t.grid) else []
            line[columns.index(col)] = grid_row[col] if col < len(grid_row) else cell.text
            col += cell.span
        out.append(line)
    return out


def _table(t: TableBlock, path: Path, notes: Notes) -> list[Any]:
    """A table → a table block (or figures block); paragraphs when the model cannot hold it."""
    out: list[Any] = []
    figures = _figures(t) if t.kind == "figures" else None
    if figures:
        if t.caption:
            notes.comment(path, "表题（数据表不印表题，按一段正文保留）")
            out.append(t.caption)
        out.append({"figures": figures})
        notes.comment(_after(path, len(out) - 1), "数据表：本年、上年数值和单位取自原表")
    else:
        grid = _spanned(t) if len(t.rows) == len(t.grid) else [list(r) for r in t.grid]
        grid = [[c.strip() for c in row] for row in grid if any(c.strip() for c in row)]
        width = len(grid[0]) if grid else 0
        if len(grid) < 2 or width > MAX_COLUMNS or len(grid) > MAX_ROWS + 1:
            why = f"表格有 {width} 列" if width > MAX_COLUMNS else "表格只有一行或行数过多"
            notes.not_placed(t.src, f"表格（{why}）", "已按每行一段保留为正文")
            notes.comment(path, f"原文的表格（{why}），每行一段，格与格之间用“　”隔开")
            rows = ["　".join(c for c in row if c) for row in grid]
            return [x for x in (t.caption, *rows, t.note) if x]
        header = [h or "—" for h in grid[0]]
        if any(not h for h in grid[0]):
            notes.comment(path, "表头的空格填了“—”")
        table: dict[str, Any] = {}
        if t.caption:
            table["title"] = t.caption
        if t.unit:
            table["unit"] = t.unit
        table["header"] = Flow(header)
        table["rows"] = [Flow(row) for row in grid[1:]]
        merge = _merged_columns(t, header)
        if merge:
            table["merge"] = Flow(merge)
        if t.header_rows > 1:
            notes.comment(path, f"原表有 {t.header_rows} 行表头，第一行作表头，其余作为表格行")
        out.append({"table": table})
    if t.note:
        out.append(t.note)
    return out


def body_of(blocks: list[BodyBlock], path: Path, notes: Notes, start: int = 0) -> list[Any]:
    """Outline body blocks → YAML body blocks; ``path`` is the list's, ``start`` its length."""
    out: list[Any] = []
    for b in blocks:
        here = (*path, start + len(out))
        if isinstance(b, Paragraph):
            out += _paragraph(b, here, notes)
        else:
            out += _table(b, here, notes)
    return out


def _shown(s: Section) -> str:
    """A section too deep for the model, as one paragraph: its number, title and first text."""
    first = ""
    if s.run_in and s.body and isinstance(s.body[0], Paragraph):
        first = paragraph_text(s.body[0])
    return s.marker + s.title + first


def _flatten(s: Section, path: Path, notes: Notes, start: int) -> list[Any]:
    """A heading below the fourth level: its number and title kept as text."""
    out: list[Any] = [_shown(s)]
    notes.comment(
        (*path, start), f"原文第{MAX_LEVEL + 1}级及以下的标题（超过四级），连同编号导入为正文"
    )
    body = s.body[1:] if s.run_in and s.body and isinstance(s.body[0], Paragraph) else s.body
    out += body_of(body, path, notes, start + 1)
    for c in s.children:
        out += _flatten(c, path, notes, start + len(out))
    return out


def content(
    s_body: list[BodyBlock],
    children: list[Section],
    path: Path,
    level: int,
    notes: Notes,
    *,
    shorthand: tuple[str, ...] = ("text", "points", "figures", "items", "sections"),
) -> dict[str, Any]:
    """What stands under a heading, as the short fields when they say it exactly, else ``body``.

    ``path`` is the heading's; ``level`` the level its children take."""
    body = body_of(s_body, (*path, "body"), notes)
    kids: list[Any] = []
    for c in children:
        if level > MAX_LEVEL:
            kids += _flatten(c, (*path, "body"), notes, len(body) + len(kids))
        elif c.family == "implicit":
            notes.comment(
                (*path, "body", len(body) + len(kids)),
                "原文此处没有标题、下一级编号重新开始：内容接在上文之后，编号按位置重排",
            )
            kids += content(c.body, c.children, path, level, notes).get("body", [])
        else:
            kids.append(section_node(c, (*path, "body", len(body) + len(kids)), level, notes))
    blocks = body + kids
    short = _short(blocks, shorthand)
    if short is None:
        return {"body": blocks} if blocks else {}
    _move_comments(notes, (*path, "body"), path, short[1])
    return short[0]


def _short(blocks: list[Any], allowed: tuple[str, ...]) -> tuple[dict[str, Any], dict] | None:
    """The short fields that print ``blocks`` exactly (Container.blocks): text, then points
    joined to the last text, figures, then items or sections; None when they cannot. Also where
    each block went (index → path relative to the heading)."""
    i, n = 0, len(blocks)
    text: list[str] = []
    where: dict[int, tuple] = {}
    while i < n and isinstance(blocks[i], str):
        where[i] = ("text",)
        text.append(blocks[i])
        i += 1
    out: dict[str, Any] = {}
    if i < n and isinstance(blocks[i], dict) and set(blocks[i]) <= {"intro", "points"}:
        p = blocks[i]
        if p.get("intro") and "points" in allowed:
            text.append(p["intro"])
        elif text:
            return None  # points without an intro after text: the text would become the intro
        if "points" not in allowed:
            return None
        out["points"] = p["points"]
        where[i] = ("points",)
        i += 1
    if text:
        if "text" not in allowed:
            return None
        out = {"text": text[0] if len(text) == 1 else "\n".join(text), **out}
    if i < n and isinstance(blocks[i], dict) and set(blocks[i]) == {"figures"}:
        if "figures" not in allowed:
            return None
        out["figures"] = blocks[i]["figures"]
        where[i] = ("figures",)
        i += 1
    rest = blocks[i:]
    if rest:
        heads = all(isinstance(b, dict) and "title" in b for b in rest)
        leads = all(isinstance(b, dict) and "title" not in b and _is_lead(b) for b in rest)
        name = "sections" if heads else "items" if leads else None
        if name is None or name not in allowed:
            return None
        out[name] = rest
        for k in range(len(rest)):
            where[i + k] = (name, k)
    return out, where


def _is_lead(b: dict) -> bool:
    return "lead" in b or "numbered" in b


def _move_comments(notes: Notes, body_path: Path, path: Path, where: dict[int, tuple]) -> None:
    """Comments written for ``body[i]`` go to the short field the block went to."""
    for i, target in where.items():
        old = (*body_path, i)
        moved = {k: v for k, v in notes.comments.items() if k[: len(old)] == old}
        for key, lines in moved.items():
            del notes.comments[key]
            new = (*path, *target, *key[len(old) :])
            if target[0] in ("text", "points", "figures") and len(target) == 1:
                new = (*path, target[0])
            for line in lines:
                notes.comment(new, line)


def section_node(s: Section, path: Path, level: int, notes: Notes) -> dict[str, Any]:
    """A numbered section at ``level`` → a heading, or a numbered lead when it has no title."""
    if not s.title:
        node: dict[str, Any] = {"numbered": True}
        node.update(
            content(s.body, s.children, path, level + 1, notes, shorthand=("text", "points"))
        )
        if s.notes:
            notes.comment(path, "；".join(s.notes))
        return node
    node = {"title": s.title}
    auto = s.title[-1] in _RUN_IN
    runs_in = s.run_in and bool(s.body) and isinstance(s.body[0], Paragraph)
    if runs_in != auto:
        node["run_in"] = runs_in
    node.update(content(s.body, s.children, path, level + 1, notes))
    for n in s.notes:
        notes.comment(path, n)
    return node


def top_blocks(s: Section, path: Path, notes: Notes) -> list[Any]:
    """A top-level section of a body (a general document's, an attachment's): a heading, or its
    content where the document has no heading there. ``path`` is the first block's."""
    if s.family == "implicit":
        notes.comment(
            path, "原文此处没有标题、下一级编号重新开始：内容接在上文之后，编号按位置重排"
        )
        return content(s.body, s.children, (*path[:-1], "_"), 1, notes).get("body", []) or []
    return [section_node(s, path, 1, notes)]
