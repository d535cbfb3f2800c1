"""An :class:`~reportgen.importer.outline.Outline` → the data and comments of a report YAML file.

The kind is the outline's guess. A rectification report takes its 基本情况, its 关于“…”问题
blocks with their measures (the ledger rows matched to a measure give its unit, person,
deadline, status and evidence) and its 下一步 chapter; a self-assessment report its sections,
存在的问题 and 下一步 chapters; when a document does not have the shape of its kind's fixed
chapters it is written as a general document, which prints exactly what it is given, and the
comment at the top says why. Fields come in the order of the model (docs/schema.md).

A report kind generates its title, opening and signature when they are left out: they are left
out where the generated words are the document's own (so next year's file moves on with its
year), and written otherwise. The 公文's elements (版头, 主送机关, 结束语, joint issuers, the sealed
signature, 附注, 版记, attachments with their bodies) go to their fields (emit_elements.py); a
subtitle, a date that cannot be read and whatever value a field cannot take are kept as comments
at the end, and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ..command import command
from ..model.blocks import STATUSES
from ..model.placeholders import fill_mark
from ..model.schema import MODELS
from ..output.yaml_text import Path
from ..read.wording import load_wording
from ..text.dates import CnDate, parse_deadline
from .emit_body import Notes, body_of, content, paragraph_text, section_node, top_blocks
from .emit_elements import attachments, closing, elements, issuer
from .facts import date_of, region_of, year_of
from .outline import LedgerRow, Outline, Paragraph, Section, TableBlock

__all__ = ["Emitted", "emit"]


@dataclass
class Emitted:
    """The YAML file's data, its comments (by path), header and footer lines, and the lines for
    the clerk about what was left out or could not be placed."""

    kind: str
    data: dict[str, Any]
    comments: dict[Path, list[str]]
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


class _NoFit(Exception):
    """The outline does not have the shape of the kind's fixed chapters."""


def _iso(d: CnDate) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.day else f"{d.year:04d}-{d.month:02d}"


def emit(outline: Outline) -> Emitted:
    """The YAML data of an outline, in its guessed kind (or general when that does not fit)."""
    kind = outline.kind.kind
    why = "；".join(outline.kind.reasons)
    wording = load_wording()
    if kind != "general":
        try:
            return _finish(outline, _Report(outline, wording).build(kind), why)
        except _NoFit as e:
            why = f"看起来是{'整改报告' if kind == 'rectification' else '自查/自评报告'}" + (
                f"（{why}），但{e}，按通用公文导入，内容照原文"
            )
    return _finish(outline, _general(outline), why, general=True)


# ---- general ------------------------------------------------------------------------------------


def _general(outline: Outline) -> tuple[dict[str, Any], Notes]:
    notes = Notes(outline.source)
    data: dict[str, Any] = {"kind": "general"}
    if outline.title:
        data["title"] = outline.title
    else:
        data["title"] = fill_mark()
        notes.comment(("title",), "原文开头没有找到标题，请补写")
    year = year_of(outline, outline.date.date if outline.date else None)
    if year and year[1] == "标题":
        data["year"] = year[0]
    if outline.signature:
        data["issuer"] = issuer(outline, notes)
    found = date_of(outline)
    if found:
        data["date"] = _iso(found[0])
        if found[1]:
            notes.comment(("date",), found[1] + "，请核对")
    opening, moved = _opening(outline, notes)
    if opening:
        data["opening"] = opening[0] if len(opening) == 1 else opening
    if _continuous(outline.sections):
        data["numbering"] = "continuous"
        notes.comment(("numbering",), "原文第三级编号（1. 2. …）跨第二级标题连续编号")
    body = body_of(moved, ("body",), notes)
    for s in outline.sections:
        body += top_blocks(s, ("body", len(body)), notes)
    last, before = closing(outline, notes)
    for text in before:
        notes.comment(("body", len(body)), "结束语之前的一句（如“妥否，请批示。”），作为正文末段")
        body.append(text)
    if not body:
        body = [fill_mark()]
        notes.comment(("body",), "原文没有找到正文，请补写")
    data["body"] = body
    listed = attachments(outline, notes)
    if listed:
        data["attachments"] = listed
    if last:
        data["closing"] = last
    elements(outline, data, notes)
    return data, notes


def _continuous(sections: list[Section]) -> bool:
    """Third-level numbers run on across the second-level headings of a first-level one."""
    for top in sections:
        groups = [g for g in top.children if g.children]
        for a, b in pairwise(groups):
            first, last = b.children[0].number, a.children[-1].number
            if first and last and first == last + 1 and first > 1:
                return True
    return False


def _opening(outline: Outline, notes: Notes) -> tuple[list[str], list[Any]]:
    """The opening's paragraphs, and the blocks of it that are no paragraph (tables: to the
    body)."""
    texts, moved = [], []
    for b in outline.opening:
        if isinstance(b, Paragraph):
            t = paragraph_text(b)
            if t.strip():
                texts.append(t)
        else:
            moved.append(b)
    if moved:
        notes.comment(("body", 0), "原文开头部分的表格（开头只能是文字），放在正文最前面")
    return texts, moved


# ---- the report kinds ---------------------------------------------------------------------------


class _Report:
    def __init__(self, outline: Outline, wording: dict[str, Any]):
        self.o = outline
        self.w = wording
        self.notes = Notes(outline.source)
        self.ledger_attachments: tuple[int, ...] = ()  # attachments that held the ledger

    def build(self, kind: str) -> tuple[dict[str, Any], Notes]:
        o, notes = self.o, self.notes
        tops = list(o.sections)
        chapters: dict[str, Any] = {}
        if kind == "rectification":
            parts = self._rectification(tops)
        else:
            parts = self._self_assessment(tops)
        data: dict[str, Any] = {"kind": kind}
        region = region_of(o)
        if region is None:
            data["region"] = {"name": fill_mark()}
            notes.comment(("region",), "原文的标题和署名中没有找到地区名称，请补写")
        else:
            data["region"] = {"name": region.name}
            if region.level:
                data["region"]["level"] = region.level
            if region.parent:
                data["region"]["parent"] = region.parent
            notes.comment(("region",), f"地区：按{region.found}推断，请核对")
        found = date_of(o)
        year = year_of(o, found[0] if found else None)
        if year:
            data["year"] = year[0]
            if year[1] != "标题":
                notes.comment(
                    ("year",), f"年度：按{year[1]}推断，请核对（年度是被评价、被督导的年度）"
                )
        else:
            data["year"] = fill_mark()
            notes.comment(("year",), "原文没有找到年度，请补写")
        data["title"] = o.title or None
        data["issuer"] = issuer(o, notes) if o.signature else False
        if found:
            data["date"] = _iso(found[0])
            if found[1]:
                notes.comment(("date",), found[1] + "，请核对")
        else:
            data["date"] = fill_mark()
            notes.comment(("date",), "原文没有成文日期，请补写")
        basis: list[dict[str, str]] = []
        for b in o.basis:
            item = {"name": b.name}
            if b.number and re.search(r"〔\d{4}〕", b.number):
                item["number"] = b.number
            elif b.number:
                notes.comment(("basis", len(basis)), f"文号“{b.number}”缺少〔年份〕，未写入")
            basis.append(item)
        if basis:
            data["basis"] = basis
            notes.comment(("basis",), "依据文件：取自开头引用的《……》（文号）")
        opening, moved = _opening(o, notes)
        if moved:
            raise _NoFit("开头部分有表格")
        data["opening"] = (opening[0] if len(opening) == 1 else opening) or False
        chapters = parts
        if "basic" in chapters:
            data["basic"] = chapters.pop("basic")
        listed = attachments(
            o, notes, skip=(self.w["ledger"]["title"],), generated=self.ledger_attachments
        )
        if listed:
            data["attachments"] = listed
        if "next_steps" in chapters:
            data["next_steps"] = chapters.pop("next_steps")
        data.update(chapters)
        last, before = closing(o, notes)
        if before:
            self._append_closing(data, kind, before)
        if last:
            data["closing"] = last
        elements(o, data, notes)
        self._elide_generated(data)
        return _ordered(data, kind), notes

    # ---- self-assessment

    def _self_assessment(self, tops: list[Section]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        end = list(tops)
        chapters = []
        for role in ("next_steps", "problems"):
            if len(end) > 1 and end[-1].role == role:
                chapters.append((role, end.pop()))
        basic = None
        if len(end) > 1 and end[0].role == "basic" and self._basic_ok(end[0]):
            basic = end.pop(0)
        if not end:
            raise _NoFit("没有“主要做法及成效”等章节")
        if basic is not None:
            out["basic"] = self._basic(basic)
        if any(s.family == "implicit" for s in end):
            raise _NoFit("正文中有编号重新开始而没有标题的部分")
        if _continuous(end):
            out["numbering"] = "continuous"
            self.notes.comment(("numbering",), "原文第三级编号（1. 2. …）跨第二级标题连续编号")
        if "自评" in self.o.title or (
            "自评" in "".join(p.text for p in self.o.opening if isinstance(p, Paragraph))
            and "自查" not in self.o.title
        ):
            out["review"] = "自评"
        out["sections"] = [
            section_node(s, ("sections", i), 1, self.notes) for i, s in enumerate(end)
        ]
        for role, s in reversed(chapters):
            out[role] = self._chapter(s, role)
        return out

    def _basic_ok(self, s: Section) -> bool:
        return not s.children and all(
            (isinstance(b, Paragraph) and not b.points and not b.lead)
            or (isinstance(b, TableBlock) and b.kind == "figures")
            for b in s.body
        )

    def _basic(self, s: Section) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if s.title != self.w["headings"]["basic"]:
            node["title"] = s.title
        got = content(s.body, [], ("basic",), 2, self.notes, shorthand=("text", "figures"))
        if "body" in got:
            raise _NoFit("“基本情况”一章的内容不只是正文和数据表")
        node.update(got)
        if not node:
            raise _NoFit("“基本情况”一章是空的")
        return node

    def _chapter(self, s: Section, role: str) -> dict[str, Any]:
        """存在的问题 / 下一步 as a fixed chapter: its title left out when it is the default."""
        path: Path = (role,)
        node: dict[str, Any] = {}
        if s.family == "implicit":
            node["title"] = False
            self.notes.comment(path, "原文这一部分没有标题（下一级编号重新开始）")
        elif s.title != self.w["headings"][role]:
            node["title"] = s.title
            if s.run_in:
                node["run_in"] = True
        got = content(s.body, s.children, path, 2, self.notes)
        node.update(got)
        if not got:
            node["text"] = fill_mark()
            self.notes.comment(path, "原文这一章没有内容，请补写")
        return node

    # ---- rectification

    def _rectification(self, tops: list[Section]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        rest = list(tops)
        chapters = []
        if len(rest) > 1 and rest[-1].role == "next_steps":
            chapters.append(("next_steps", rest.pop()))
        if rest and rest[0].role == "basic" and not rest[0].problem:
            basic = rest.pop(0)
            if not self._basic_ok(basic):
                raise _NoFit("“基本情况”一章的内容不只是正文和数据表")
            out["basic"] = self._basic(basic)
        if len(rest) == 1 and rest[0].children and all(c.problem for c in rest[0].children):
            holder = rest[0]
            if holder.body:
                raise _NoFit("“整改情况”标题下、第一个问题之前有正文")
            if holder.title != self.w["headings"]["rectification"]:
                out["rectification_title"] = holder.title
            problems = holder.children
        elif rest and all(s.problem for s in rest):
            problems = rest
            self.notes.comment(
                ("problems",),
                "原文的各个问题是一级标题；整改报告把它们排在“整改情况”之下（编号为（一）（二）…）",
            )
        else:
            raise _NoFit("除基本情况、整改情况和下一步之外还有别的章节")
        out["problems"] = [self._problem(p, ("problems", i)) for i, p in enumerate(problems)]
        ledger = [t for t in self.o.tables() if t.kind == "ledger"]
        if ledger:
            self._ledger_rows(ledger, problems, out["problems"])
        for role, s in chapters:
            out[role] = self._chapter(s, role)
        return out

    def _problem(self, s: Section, path: Path) -> dict[str, Any]:
        core = s.problem
        printed = self.w["problem_heading"].format(
            title=core.removesuffix("问题").removesuffix("的")
        )
        node: dict[str, Any] = {"title": core if printed == s.title else s.title}
        if not s.children:
            got = content(s.body, [], (*path, "measures", 0), 3, self.notes)
            node["measures"] = [{"numbered": False, **got}] if got else []
            if not got:
                raise _NoFit(f"问题“{core}”下没有整改措施")
            self.notes.comment(
                (*path, "measures"), "原文这个问题下没有编号的措施，整段作为一条不编号的措施"
            )
            return node
        text = body_of(s.body, (*path, "text"), self.notes)
        if any(not isinstance(t, str) for t in text):
            raise _NoFit(f"问题“{core}”的说明中有分点或表格")
        if text:
            node["text"] = text[0] if len(text) == 1 else "\n".join(text)
        node["measures"] = [
            self._measure(c, (*path, "measures", i)) for i, c in enumerate(s.children)
        ]
        return node

    def _measure(self, s: Section, path: Path) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if s.title:
            node["lead"] = s.title
            if s.title[-1] not in "。！？；…":
                self.notes.comment(path, "首句不以句号结尾，排版时会在首句后加“。”")
            runs_in = s.run_in and bool(s.body) and isinstance(s.body[0], Paragraph)
            auto = s.title[-1] in "。！？"
            if runs_in != auto:
                node["run_in"] = runs_in
        got = content(s.body, s.children, path, 4, self.notes, shorthand=("text", "points"))
        node.update(got)
        if not node:
            node["numbered"] = True
        for n in s.notes:
            self.notes.comment(path, n)
        return node

    def _ledger_rows(self, tables: list[TableBlock], problems: list[Section], out: list) -> None:
        """Each measure's matched ledger row → its unit, person, deadline, status, evidence."""
        for p, node in zip(problems, out, strict=True):
            for c, m in zip(p.children, node["measures"], strict=False):
                if c.ledger:
                    self._fold(c.ledger[0], m)
        for t in tables:
            unmatched = [r for r in t.ledger if not r.matched]
            for r in unmatched:
                row = (r.number, r.problem, r.measure, r.unit, r.person, r.deadline, r.status)
                self.notes.keep(
                    f"整改台账中的“{(r.measure or r.problem)[:20]}”",
                    ["　".join(x for x in (*row, r.evidence, *r.extra.values()) if x)],
                    r.src,
                    "在正文中没有找到对应的整改措施",
                )
        held = []
        for i, a in enumerate(self.o.attachments):
            if any(isinstance(b, TableBlock) and b.kind == "ledger" for b in a.body):
                held.append(i)
                a.body = [
                    b for b in a.body if not (isinstance(b, TableBlock) and b.kind == "ledger")
                ]
        self.ledger_attachments = tuple(held)
        if any(r.matched for t in tables for r in t.ledger):
            self.notes.comment(
                ("problems",), "责任单位、责任人、整改时限、完成情况取自原文的整改台账"
            )

    def _fold(self, row: LedgerRow, m: dict[str, Any]) -> None:
        for key in ("unit", "person"):
            if getattr(row, key):
                m[key] = getattr(row, key)
        if row.deadline:
            try:
                parse_deadline(row.deadline)
                m["deadline"] = row.deadline
            except ValueError:
                m.setdefault("_notes", []).append(f"整改时限“{row.deadline}”")
        if row.status in STATUSES:
            m["status"] = row.status
        elif row.status:
            m.setdefault("_notes", []).append(f"完成情况“{row.status}”")
        if row.evidence:
            m["evidence"] = row.evidence

    def _append_closing(self, data: dict[str, Any], kind: str, texts: list[str]) -> None:
        """Closing sentences before the last one (妥否，请批示。) as the last paragraphs of the last
        part that prints."""
        if "next_steps" in data:
            path: Path = ("next_steps",)
        elif kind == "rectification":
            last = len(data["problems"]) - 1
            path = ("problems", last, "measures", len(data["problems"][last]["measures"]) - 1)
        elif "problems" in data:
            path = ("problems",)
        else:
            path = ("sections", len(data["sections"]) - 1)
        node: Any = data
        for key in path:
            node = node[key]
        append_paragraphs(node, texts)
        self.notes.comment(path, "结束语之前的一句（如“妥否，请批示。”）作为这一部分的最后一段")

    # ---- generated parts

    def _elide_generated(self, data: dict[str, Any]) -> None:
        """Leave out the title, opening and issuer where the kind generates the same words."""
        from ..model.validate import validate
        from ..read.loader import Loaded
        from ..render.context import build_context

        trial = {
            k: v
            for k, v in _plain(data, text=True).items()
            if k not in ("title", "opening", "issuer")
        }
        try:
            context = build_context(validate(Loaded("<import>", trial)), self.w)
        except Exception:  # placeholders or a mistake: keep what was written
            if data.get("title") is None:
                data.pop("title", None)
            return
        if data.get("title") is None or context["title"] == data["title"]:
            data.pop("title", None)
            if not self.o.title:
                self.notes.comment(("kind",), "原文没有标题：按类型、地区和年度生成")
        if data["opening"] and context["opening"] == _lines(data["opening"]):
            data.pop("opening")
        if isinstance(data["issuer"], str) and context["issuer"] == data["issuer"]:
            data.pop("issuer")
        if data.get("issuer") is False:
            self.notes.comment(
                ("issuer",), "原文没有署名；要署名请写出，或删去这一行用“地区名称人民政府”"
            )


def append_paragraphs(node: dict[str, Any], texts: list[str]) -> None:
    """Paragraphs after everything a heading (or chapter, or measure) holds."""
    if not set(node) & {"points", "figures", "items", "sections", "body"}:
        node["text"] = "\n".join([*_lines(node.get("text")), *texts])
        return
    if "body" not in node:
        blocks: list[Any] = _lines(node.pop("text", None))
        points = node.pop("points", None)
        if points:
            intro = blocks.pop() if blocks else None
            blocks.append({"intro": intro, "points": points} if intro else {"points": points})
        if "figures" in node:
            blocks.append({"figures": node.pop("figures")})
        blocks += node.pop("items", []) + node.pop("sections", [])
        node["body"] = blocks
    node["body"] = [*node["body"], *texts]


def _lines(text: Any) -> list[str]:
    if not text:
        return []
    return text.split("\n") if isinstance(text, str) else list(text)


def _plain(data: Any, *, text: bool = False) -> Any:
    """Data without the emitter's private keys (``_notes``); with ``text``, numbers as the loader
    gives them (text)."""
    if isinstance(data, dict):
        return {k: _plain(v, text=text) for k, v in data.items() if not str(k).startswith("_")}
    if isinstance(data, list):
        return type(data)(_plain(v, text=text) for v in data)
    if text and isinstance(data, Decimal):
        return format(data, "f")
    return data


def _ordered(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """Fields in the model's order (docs/schema.md)."""
    order = list(MODELS[kind].model_fields)
    return {k: data[k] for k in sorted(data, key=lambda k: order.index(k) if k in order else 99)}


# ---- the file -----------------------------------------------------------------------------------


def _finish(outline: Outline, built: tuple[dict[str, Any], Notes], why: str, general=False):
    data, notes = built
    _private_notes(data, (), notes)
    data = _plain(data)
    kind = data["kind"]
    notes.comment(("kind",), f"类型：{why}" if why else f"类型：{kind}")
    footer = _kept(outline, notes)
    messages = list(outline.report())
    messages += notes.unplaced
    header = [
        f"由 reportgen 从 {outline.source} 导入。",
        "带“#”的行是说明，不会印出：请核对其中“请核对”“请补写”之处，",
        f"然后运行 {command('validate')} 检查，{command('render')} 生成。",
    ]
    return Emitted(kind, data, notes.comments, header, footer, messages)


def _private_notes(data: Any, path: Path, notes: Notes) -> None:
    """A measure's ``_notes`` (ledger values the model cannot hold) → comments."""
    if isinstance(data, dict):
        for n in data.get("_notes", []):
            notes.comment(path, f"原台账的{n}不是可用的值，未写入，请改写")
        for k, v in data.items():
            _private_notes(v, (*path, k), notes)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _private_notes(v, (*path, i), notes)


def _kept(outline: Outline, notes: Notes) -> list[str]:
    """What no field holds, kept as comment lines at the end (each listed when it was kept)."""
    if outline.subtitle:
        notes.keep("副标题", [outline.subtitle], None, "文件中没有副标题这一项")
    if outline.date is not None and outline.date.date is None:
        notes.keep("成文日期", [outline.date.text], outline.date.src, "不是有效的日期")
    lines: list[str] = []
    for heading, texts in notes.kept:
        lines.append(heading)
        lines.extend(f"  {t}" for t in texts)
    return lines
