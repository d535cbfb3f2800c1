"""Report model → plain render context. Pure: no I/O beyond the wording passed in.

The body of every report is flattened into ``blocks``, one per paragraph, each already numbered,
so a template needs one loop and one paragraph style per block kind:

- ``h1`` … ``h4``: a heading; ``number`` (一、 （一） 1. （1）), ``title``, and ``text``: body text
  run in after the title in the same paragraph (empty when the heading stands alone);
- ``p``: a body paragraph, ``text``;
- ``figures``: a table, ``header`` and ``rows`` (name, value, previous, change).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..gbt9704 import GBT9704
from ..model.schema import Basic, Chapter, Figure, Item, Rectification, Section, SelfAssessment
from ..text.cjk import text_width
from ..text.dates import CnDate, format_date
from ..text.numbering import heading_number, point_prefix
from ..text.quotes import nest_quotes
from ..text.rounding import decimals, round_half_up
from ..text.titles import break_title
from ..text.wording import join_cn

__all__ = [
    "build_context",
    "figure_change",
    "figure_delta",
    "format_number",
    "percent_change",
    "signature_indents",
    "table_places",
]

_END = "。！？；…"
_RUN_IN = "。！？"
CHARS_PER_LINE = GBT9704.grid.chars_per_line  # body characters on a line of the text block
TITLE_LINE_CHARS = GBT9704.title_line_chars  # title characters on a line of the text block


def build_context(
    report: SelfAssessment | Rectification, wording: dict[str, Any]
) -> dict[str, Any]:
    region = report.region.name
    issuer = report.issuer or wording["issuer"].format(region=region)
    review = getattr(report, "review", "")
    title = nest_quotes(
        report.title
        or wording["titles"][report.kind].format(year=report.year, region=region, review=review)
    )
    out = _Blocks(wording, continuous=getattr(report, "numbering", "") == "continuous")
    if isinstance(report, SelfAssessment):
        _self_assessment(report, wording, out)
    else:
        _rectification(report, wording, out)
    if report.next_steps is not None:
        out.chapter(report.next_steps, wording["headings"]["next_steps"])
    ledger = _ledger(report, wording) if isinstance(report, Rectification) else None
    attachments = list(report.attachments)
    if ledger:
        attachments.append(ledger["title"])
    return {
        "kind": report.kind,
        "region": {
            "name": region,
            "level": report.region.level or "",
            "parent": report.region.parent or "",
        },
        "year": report.year,
        "title": title,
        "title_lines": break_title(title, TITLE_LINE_CHARS, keep=(region, issuer)),
        "opening": list(report.opening) or [_opening(report, wording, issuer)],
        "blocks": _with_keeps(_nested_quotes(out.blocks)),
        "attachments": _attachment_lines(attachments),
        "issuer": issuer,
        "date": format_date(report.date),
        "signature": signature_indents(issuer, format_date(report.date)),
        "ledger": ledger,
    }


# ---- structure --------------------------------------------------------------------------


class _Blocks:
    def __init__(self, wording: dict[str, Any], *, continuous: bool = False):
        self.wording = wording
        self.blocks: list[dict[str, Any]] = []
        self.counters = [0] * 5
        self.continuous = continuous

    def _number(self, level: int) -> str:
        self.counters[level] += 1
        for deeper in range(level + 1, 5):
            if not (self.continuous and deeper == 3 and level == 2):
                self.counters[deeper] = 0
        return heading_number(level, self.counters[level])

    def heading(self, level: int, title: str, paragraphs: list[str], points: list[str]) -> None:
        paragraphs = _with_points(paragraphs, points)
        run_in = (bool(title) and title[-1] in _RUN_IN) or not title
        first = paragraphs.pop(0) if run_in and paragraphs else ""
        self.blocks.append(
            {
                "kind": f"h{level}",
                "level": level,
                "number": self._number(level),
                "title": title,
                "text": first,
            }
        )
        self.paragraphs(paragraphs)

    def paragraphs(self, paragraphs: list[str]) -> None:
        self.blocks.extend({"kind": "p", "text": p} for p in paragraphs)

    def section(self, s: Section | Chapter, level: int, title: str) -> None:
        self.heading(level, title, list(s.text), list(s.points))
        if s.figures:
            self.figures(s.figures, self.wording)
        self.items(s.items, level + 1)
        for child in s.sections:
            self.section(child, level + 1, child.title)

    def items(self, items: list[Item], level: int) -> None:
        for item in items:
            lead = _sentence(item.lead) if item.lead else ""
            self.heading(level, lead, list(item.text), list(item.points))

    def chapter(self, c: Chapter, default_title: str) -> None:
        self.section(c, 1, c.title or default_title)

    def figures(self, figures: list[Figure], wording: dict[str, Any]) -> None:
        words = wording["figures"]
        places = table_places(figures)
        rows = [
            {
                "name": f.name,
                "value": format_number(f.value) + f.unit,
                "previous": format_number(f.previous) + f.unit
                if f.previous is not None
                else words["empty"],
                "change": figure_change(f, words, places) or words["empty"],
            }
            for f in figures
        ]
        self.blocks.append({"kind": "figures", "header": list(words["header"]), "rows": rows})


def _nested_quotes(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes inside quotes as printed: wording such as 关于“{title}”问题 wraps a value that may
    hold quotes of its own (text/quotes.py)."""
    for b in blocks:
        for key in ("title", "text"):
            if key in b:
                b[key] = nest_quotes(b[key])
    return blocks


# The last paragraph of the body goes with the signature, so that no page holds only the signature
# and date. Only a short one: LibreOffice drops every keep of a chain that does not fit on one page,
# and would then split the signature from the date.
_KEEP_LAST_CHARS = 6 * CHARS_PER_LINE


def _with_keeps(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark the paragraphs that keep with the next one: a heading standing alone, and the last one."""
    for i, b in enumerate(blocks):
        if b["kind"] == "figures":
            continue
        alone = b["kind"] != "p" and not b["text"]
        text = b.get("number", "") + b.get("title", "") + b["text"]
        b["keep"] = alone or (i == len(blocks) - 1 and len(text) <= _KEEP_LAST_CHARS)
    return blocks


def _self_assessment(report: SelfAssessment, wording: dict[str, Any], out: _Blocks) -> None:
    if report.basic is not None:
        _basic(report.basic, [], wording, out)
    for s in report.sections:
        out.section(s, 1, s.title)
    if report.problems is not None:
        out.chapter(report.problems, wording["headings"]["problems"])


def _rectification(report: Rectification, wording: dict[str, Any], out: _Blocks) -> None:
    generated = _inspection_text(report, wording) if report.inspection else []
    if report.basic is not None or generated:
        _basic(report.basic or Basic(), generated, wording, out)
    out.heading(1, report.rectification_title or wording["headings"]["rectification"], [], [])
    for p in report.problems:
        title = (
            p.title
            if p.title.startswith("关于")
            else wording["problem_heading"].format(title=_problem_core(p.title))
        )
        out.heading(2, title, list(p.text), [])
        out.items(p.measures, 3)


def _problem_core(title: str) -> str:
    """学位供给不足的问题 → 学位供给不足: the headings and the summary add 问题 themselves."""
    core = title.strip('“”"').removesuffix("问题").removesuffix("的")
    return core.strip('“”"') or title


def _basic(basic: Basic, generated: list[str], wording: dict[str, Any], out: _Blocks) -> None:
    out.heading(1, basic.title or wording["headings"]["basic"], list(basic.text) or generated, [])
    if basic.figures:
        out.figures(basic.figures, wording)


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


def _inspection_text(report: Rectification, wording: dict[str, Any]) -> list[str]:
    i, w, region = report.inspection, wording["inspection"], report.region.name
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
    measures = [(p, m) for p in report.problems for m in p.measures]
    wanted = (
        report.ledger
        if report.ledger is not None
        else any(m.unit or m.deadline for _, m in measures)
    )
    if not wanted:
        return None
    rows = []
    for n, (p, m) in enumerate(measures, 1):
        what = m.lead or (m.text[0] if m.text else m.points[0])
        deadline = m.deadline
        empty = wording["ledger"]["empty"]
        rows.append(
            {
                "number": str(n),
                "problem": p.title,
                "measure": what.rstrip(_END),
                "unit": m.unit or empty,
                "person": m.person or empty,
                "deadline": format_date(deadline)
                if isinstance(deadline, CnDate)
                else (deadline or empty),
                "status": m.status or empty,
            }
        )
    return {
        "title": wording["ledger"]["title"],
        "header": list(wording["ledger"]["header"]),
        "rows": rows,
    }


# ---- small text helpers ---------------------------------------------------------------------


def _sentence(text: str) -> str:
    return text if text[-1] in _END else text + "。"


def _with_points(paragraphs: list[str], points: list[str]) -> list[str]:
    if not points:
        return paragraphs
    joined = "".join(point_prefix(n) + _sentence(p) for n, p in enumerate(points, 1))
    if paragraphs:
        paragraphs[-1] = paragraphs[-1] + joined
        return paragraphs
    return [joined]


def _attachment_lines(names: list[str]) -> list[str]:
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    return [("附件：" if n == 1 else "") + f"{n}. {name}" for n, name in enumerate(names, 1)]


def signature_indents(issuer: str, date: str) -> dict[str, Any]:
    """Where signature and date stand, GB/T 9704 §7.3.5.2 (no seal).

    The signature stands two characters from the right; the date starts two characters right of the
    signature's first character; when the date is longer, the date keeps two characters and the
    signature moves left. ``*_right`` are right indents in hundredths of a character; ``*_pad`` the
    same places as leading full-width (and one en) spaces on the 28-character line, which the
    template prints before the text: an indent computed inside a template attribute is a file Word
    refuses to open.
    """
    s, d = text_width(issuer), text_width(date)
    issuer_right, date_right = 2.0, s - d
    if date_right < 2:
        date_right, issuer_right = 2.0, d - s + 4
    return {
        "issuer_right": round(issuer_right * 100),
        "date_right": round(date_right * 100),
        "issuer_pad": _pad(CHARS_PER_LINE - issuer_right - s),
        "date_pad": _pad(CHARS_PER_LINE - date_right - d),
    }


def _pad(width: float) -> str:
    if width <= 0:
        return ""
    return "\u3000" * int(width) + ("\u2002" if width % 1 else "")


def format_number(value: Decimal) -> str:
    """As written: 462083.30 keeps its two decimals (money), 1E+3 reads 1000."""
    return format(value, "f")


# A change is printed to hundredths at most (of a percent, or of a percentage point).
CHANGE_PLACES = 2


def percent_change(value: Decimal, previous: Decimal | None, words: dict[str, str]) -> str:
    if previous is None or previous == 0:
        return ""
    delta = round_half_up((value - previous) * 100 / abs(previous), CHANGE_PLACES)
    return _change(delta, words, places=decimals(delta))


def figure_delta(f: Figure) -> tuple[Decimal, bool] | None:
    """Year-on-year change, rounded half up to CHANGE_PLACES, and whether it is in percentage
    points (a figure whose unit is %): computed from last year's value, else the stated growth."""
    points = f.unit.strip() == "%"
    if f.previous is not None:
        if points:
            delta = f.value - f.previous
        elif f.previous == 0:
            return None
        else:
            delta = (f.value - f.previous) * 100 / abs(f.previous)
    elif f.growth is not None:
        delta = f.growth
    else:
        return None
    return round_half_up(delta, CHANGE_PLACES), points


def figure_change(f: Figure, words: dict[str, str], places: int | None = None) -> str:
    """The change as printed, with ``places`` decimals (by default as many as it needs)."""
    found = figure_delta(f)
    if found is None:
        return ""
    delta, points = found
    return _change(
        delta, words, points=points, places=decimals(delta) if places is None else places
    )


def table_places(figures: list[Figure]) -> int:
    """One precision for a table's change column, as statistics offices print a column: as many
    decimals as its most precise row needs (4 beside 1.11 prints 4.00)."""
    found = [figure_delta(f) for f in figures]
    return max((decimals(d[0]) for d in found if d is not None), default=0)


def _change(delta: Decimal, words: dict[str, str], *, points: bool = False, places: int) -> str:
    if delta == 0:
        return words["flat"]
    key = ("up" if delta > 0 else "down") + ("_points" if points else "")
    return words[key].format(pct=format(abs(delta).quantize(Decimal(1).scaleb(-places)), "f"))
