"""Document model → plain render context. Pure: no I/O beyond the wording passed in.

The body of every kind is flattened into ``blocks`` by :class:`~reportgen.render.body.Body`, one
per paragraph or table, each already numbered, so a template needs one loop and one paragraph
style per block kind (see body.py). A general document's body is walked as written; each report
kind is a preset that builds its fixed chapters from its own fields (基本情况 from ``basic`` or the
inspection, 整改情况 from the problems and their measures, 存在的问题, 下一步工作) and generates the
title, opening and issuer it leaves out. The rest of the context is the same for every kind.
"""

from __future__ import annotations

from typing import Any

from ..gbt9704 import Standard, national
from ..model.blocks import FiguresBlock, PointsBlock
from ..model.schema import Basic, Chapter, General, Inspection, Rectification, SelfAssessment
from ..text.cjk import text_width
from ..text.dates import CnDate, format_date
from ..text.lists import join_cn
from ..text.quotes import nest_quotes
from ..text.titles import break_title
from .body import END, Body
from .elements import (
    appendix_title_lines,
    imprint_context,
    letterhead_context,
    signature_lines,
)
from .figures import figure_change, figure_delta, format_number, percent_change, table_places

__all__ = [
    "build_context",
    "figure_change",
    "figure_delta",
    "format_number",
    "percent_change",
    "signature_indents",
    "table_places",
]


Document = General | SelfAssessment | Rectification


def build_context(
    report: Document, wording: dict[str, Any], standard: Standard | None = None
) -> dict[str, Any]:
    """The render context of ``report``, its lines broken for ``standard``'s text block (GB/T
    9704's by default)."""
    std = standard or national()
    region = report.region.name if report.region else ""
    issuers = _issuers(report, wording, region)
    issuer = "、".join(issuers)
    if isinstance(report, General):
        title = nest_quotes(report.title)
    else:
        review = getattr(report, "review", "")
        title = nest_quotes(
            report.title
            or wording["titles"][report.kind].format(year=report.year, region=region, review=review)
        )
    continuous = getattr(report, "numbering", "") == "continuous"
    out = Body(wording, continuous=continuous, headings=report.headings, standard=std)
    if isinstance(report, General):
        out.walk(report.body, 1)
    elif isinstance(report, SelfAssessment):
        _self_assessment(report, wording, out)
    else:
        _rectification(report, wording, out)
    next_steps = getattr(report, "next_steps", None)
    if next_steps is not None:
        _chapter(out, next_steps, wording["headings"]["next_steps"])
    closing = _closing(report, wording)
    if closing:
        out.paragraph(closing)
    ledger = _ledger(report, wording) if isinstance(report, Rectification) else None
    names = [a if isinstance(a, str) else a.title for a in report.attachments]
    if ledger:
        names.append(ledger["title"])
    date = format_date(report.date) if report.date else ""
    signature = signature_indents(issuers[-1] if issuers else "", date, std.grid.chars_per_line)
    signature.update(signature_lines(issuers, date, std, sealed=report.sealed))
    return {
        "kind": report.kind,
        "region": {
            "name": region,
            "level": (report.region.level if report.region else None) or "",
            "parent": (report.region.parent if report.region else None) or "",
        },
        "year": report.year if report.year is not None else "",
        "title": title,
        "title_lines": break_title(title, std.title_line_chars, keep=(region, *issuers)),
        "letterhead": letterhead_context(report.letterhead, issuers, std),
        "recipients": "、".join(report.recipients) + "：" if report.recipients else "",
        "opening": _opening_paragraphs(report, wording, issuer),
        "blocks": _nested_quotes(out.finished()),
        "closing": closing,
        "attachments": _attachment_lines(names),
        "issuer": issuer,
        "issuers": issuers,
        "date": date,
        "sealed": report.sealed,
        "signature": signature,
        "note": report.note or "",
        "ledger": ledger,
        "appendices": _appendices(report, wording, ledger, len(names), std),
        "imprint": imprint_context(report.imprint, std),
        "duplex": report.duplex,
    }


def _issuers(report: Document, wording: dict[str, Any], region: str) -> list[str]:
    """Who signs, the leading office first: as written, none (false, or a general document that
    names none), or the report's default 地区人民政府."""
    if report.issuer is False:
        return []
    if isinstance(report.issuer, list):
        return list(report.issuer)
    if report.issuer or isinstance(report, General):
        return [report.issuer] if report.issuer else []
    return [wording["issuer"].format(region=region)]


def _closing(report: Document, wording: dict[str, Any]) -> str:
    """The closing sentence: as written, the wording's (closing: true), or none."""
    if report.closing is True:
        return wording["closing"]
    return report.closing or ""


def _appendices(
    report: Document,
    wording: dict[str, Any],
    ledger: dict[str, Any] | None,
    count: int,
    std: Standard,
) -> list[dict[str, Any]]:
    """The attachments printed with the document, each on pages of its own (GB/T 9704 §8):
    ``label`` 附件 (附件N when there are several, N as in the 附件说明), ``title_lines``, the
    ``blocks`` of its body numbered afresh, or the ``ledger``; ``gap``: a blank line between the
    title and a body that starts with text."""
    out: list[dict[str, Any]] = []

    def label(n: int) -> str:
        return "附件" if count == 1 else f"附件{n}"

    for n, a in enumerate(report.attachments, 1):
        if isinstance(a, str):
            continue  # sent separately: named in the 附件说明 only
        body = Body(wording, headings=report.headings, standard=std)
        body.walk(a.body, 1)
        blocks = _nested_quotes(body.finished())
        out.append(
            {
                "label": label(n),
                "title": a.title,
                "title_lines": appendix_title_lines(a.title, std),
                "blocks": blocks,
                "ledger": None,
                "gap": blocks[0]["kind"] not in ("table", "figures"),
            }
        )
    if ledger:
        out.append(
            {
                "label": label(count),
                "title": ledger["title"],
                "title_lines": [ledger["title"]],
                "blocks": [],
                "ledger": ledger,
                "gap": False,
            }
        )
    return out


def _opening_paragraphs(report: Document, wording: dict[str, Any], issuer: str) -> list[str]:
    if report.opening is False:
        return []
    if report.opening:
        return list(report.opening)
    if isinstance(report, General):
        return []
    return [_opening(report, wording, issuer)]


def _nested_quotes(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes inside quotes as printed: wording such as 关于“{title}”问题 wraps a value that may
    hold quotes of its own (text/quotes.py)."""
    for b in blocks:
        for key in ("title", "lead", "text"):
            if key in b:
                b[key] = nest_quotes(b[key])
    return blocks


# ---- the report presets: their fixed chapters as blocks ---------------------------------------


def _chapter(out: Body, chapter: Chapter, default_title: str) -> None:
    """A level-1 chapter with a default title; ``title: false`` prints its content without one."""
    if chapter.title is False:
        out.restart(1)
        out.walk(chapter.blocks(), 2)
        return
    out.heading(1, chapter.title or default_title, chapter.blocks(), run_in=chapter.run_in)


def _self_assessment(report: SelfAssessment, wording: dict[str, Any], out: Body) -> None:
    if report.basic is not None:
        _basic(report.basic, [], wording, out)
    out.walk(report.sections, 1)
    if report.problems is not None:
        _chapter(out, report.problems, wording["headings"]["problems"])


def _rectification(report: Rectification, wording: dict[str, Any], out: Body) -> None:
    generated = _inspection_text(report, report.inspection, wording) if report.inspection else []
    if report.basic is not False and (report.basic is not None or generated):
        _basic(report.basic or Basic(), generated, wording, out)
    out.heading(1, report.rectification_title or wording["headings"]["rectification"], [])
    for p in report.problems:
        title = (
            p.title
            if p.title.startswith("关于")
            else wording["problem_heading"].format(title=_problem_core(p.title))
        )
        out.heading(2, title, [*p.text, *p.measures])


def _problem_core(title: str) -> str:
    """学位供给不足的问题 → 学位供给不足: the headings and the summary add 问题 themselves."""
    core = title.strip('“”"').removesuffix("问题").removesuffix("的")
    return core.strip('“”"') or title


def _basic(basic: Basic, generated: list[str], wording: dict[str, Any], out: Body) -> None:
    blocks: list[Any] = list(basic.text) or list(generated)
    if basic.figures:
        blocks.append(FiguresBlock.model_construct(figures=list(basic.figures)))
    if basic.title is False:
        out.restart(1)
        out.walk(blocks, 2)
        return
    out.heading(1, basic.title or wording["headings"]["basic"], blocks)


# ---- generated wording --------------------------------------------------------------------


def _basis(report) -> str:
    cited = [f"《{b.name}》" + (f"（{b.number}）" if b.number else "") for b in report.basis]
    return join_cn(cited)


def _opening(report, wording: dict[str, Any], issuer: str) -> str:
    key = report.kind if report.basis else f"{report.kind}_no_basis"
    return wording["opening"][key].format(
        basis=_basis(report),
        issuer=issuer,
        year=report.year,
        region=report.region.name,
        review=getattr(report, "review", ""),
    )


def _date_range(start: CnDate, end: CnDate | None) -> str:
    if end is None or end == start:
        return format_date(start)
    if (end.year, end.month) == (start.year, start.month) and end.day is not None:
        return f"{format_date(start)}至{end.day}日"
    if end.year == start.year:
        return f"{format_date(start)}至{format_date(end)[len(str(end.year)) + 1 :]}"
    return f"{format_date(start)}至{format_date(end)}"


def _inspection_text(report: Rectification, i: Inspection, wording: dict[str, Any]) -> list[str]:
    w, region = wording["inspection"], report.region.name
    text = w["visit"].format(
        dates=_date_range(i.start, i.end), by=i.by, region=region, year=report.year
    )
    if i.report:
        key = "report" if i.report_date else "report_no_date"
        text += w[key].format(
            report=i.report.strip("《》"),
            report_date=format_date(i.report_date) if i.report_date else "",
        )
        if i.grade:
            text += w["grade"].format(region=region, grade=i.grade)
        text += "。"
    elif i.grade:
        text += w["grade"].format(region=region, grade=i.grade).lstrip("，") + "。"
    titles = [_problem_core(p.title.removeprefix("关于").strip('“”"')) for p in report.problems]
    text += w["problems"].format(region=region, problems=join_cn(titles))
    text += w["response"].format(region=region)
    return [text]


def _ledger(report: Rectification, wording: dict[str, Any]) -> dict[str, Any] | None:
    """The 整改台账: one row per measure; a 佐证材料 column when any measure names its evidence."""
    measures = [(p, m) for p in report.problems for m in p.measures]
    wanted = (
        report.ledger
        if report.ledger is not None
        else any(m.unit or m.deadline for _, m in measures)
    )
    if not wanted:
        return None
    words = wording["ledger"]
    empty = words["empty"]
    evidence = any(m.evidence for _, m in measures)
    rows = []
    for n, (p, m) in enumerate(measures, 1):
        deadline = m.deadline
        row = {
            "number": str(n),
            "problem": p.title,
            "measure": _measure_words(m).rstrip(END),
            "unit": m.unit or empty,
            "person": m.person or empty,
            "deadline": format_date(deadline)
            if isinstance(deadline, CnDate)
            else (deadline or empty),
            "status": m.status or empty,
        }
        if evidence:
            row["evidence"] = m.evidence or empty
        rows.append(row)
    return {
        "title": words["title"],
        "header": [*words["header"], *([words["evidence"]] if evidence else [])],
        "evidence": evidence,
        "rows": rows,
    }


def _measure_words(m: Any) -> str:
    """What a measure's ledger row calls it: its lead, else the start of what it says."""
    if m.lead:
        return m.lead
    first = next((b for b in m.blocks() if isinstance(b, (str, PointsBlock))), "")
    if isinstance(first, PointsBlock):
        return first.intro or first.points[0]
    return first


# ---- small text helpers ---------------------------------------------------------------------


def _attachment_lines(names: list[str]) -> list[str]:
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    return [("附件：" if n == 1 else "") + f"{n}. {name}" for n, name in enumerate(names, 1)]


def signature_indents(issuer: str, date: str, per_line: int | None = None) -> dict[str, Any]:
    """Where signature and date stand, GB/T 9704 §7.3.5.2 (no seal).

    The signature stands two characters from the right; the date starts two characters right of the
    signature's first character; when the date is longer, the date keeps two characters and the
    signature moves left. ``*_right`` are right indents in hundredths of a character; ``*_pad`` the
    same places as leading full-width (and one en) spaces on the 28-character line, which the
    template prints before the text: an indent computed inside a template attribute is a file Word
    refuses to open. The line holds ``per_line`` characters (GB/T 9704's 28 by default).
    """
    per_line = per_line or national().grid.chars_per_line
    s, d = text_width(issuer), text_width(date)
    issuer_right, date_right = 2.0, s - d
    if date_right < 2 or not issuer:  # a date alone also stands two characters from the right
        date_right, issuer_right = 2.0, d - s + 4
    return {
        "issuer_right": round(issuer_right * 100),
        "date_right": round(date_right * 100),
        "issuer_pad": _pad(per_line - issuer_right - s),
        "date_pad": _pad(per_line - date_right - d),
    }


def _pad(width: float) -> str:
    if width <= 0:
        return ""
    return "\u3000" * int(width) + ("\u2002" if width % 1 else "")
