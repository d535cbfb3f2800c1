"""Checks of a validated report's numbers, dates and indicators; their findings are warnings.

The stage between validate and context: ``check_report(report)`` returns a list of
:class:`Finding`, each a place in the report, what is wrong (numbers quoted, arithmetic shown)
and how to fix it; ``check_loaded(loaded, report)`` gives the same as located warnings
(:class:`~reportgen.errors.Diagnostic`, severity ``warning``), in file order. Neither raises for
what it finds, nor changes the report.

- prose.py: totals and parts, shares, growth, direction and rates within a sentence;
- figures.py: relations declared among the figures (parts, part_of, share_of, 其中 rows);
- same.py: one named quantity, one value, across the text and the figures;
- deadlines.py: rectification deadlines and statuses;
- indicators.py: a self-assessment against the indicator framework it names.

See docs/numbers.md for each check with an example.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from ...errors import Diagnostic
from ...read.loader import Loaded, dotted_path
from .deadlines import check_deadlines
from .figures import check_figures
from .finding import Finding, Loc
from .indicators import check_indicators
from .prose import analyse
from .same import check_same
from .walk import figures, texts

__all__ = ["Finding", "check_loaded", "check_report", "check_text"]


def check_text(text: str) -> list[tuple[str, str, str]]:
    """(check, message, hint) for each issue in one paragraph: the checks of prose.py alone."""
    return [(i.check, i.message, i.hint) for i in analyse(text)[0]]


def check_report(report: BaseModel, *, order: Callable[[Loc], Any] | None = None) -> list[Finding]:
    """Every finding in a report. ``order`` gives a path's place in the file (its line and
    column), so that "the first time" means first in the file and findings come in file order;
    without it, the order of the model's fields."""
    findings: list[Finding] = []
    statements = []
    for loc, label, text in texts(report):
        issues, found = analyse(text)
        findings += [Finding(loc, label, i.message, i.hint, check=i.check) for i in issues]
        statements += [(loc, label, s) for s in found]
    if order is not None:
        statements.sort(key=lambda item: order(item[0]))
    tables = list(figures(report))
    findings += check_figures(report, tables)
    findings += check_same(report, statements, tables)
    findings += check_deadlines(report)
    findings += check_indicators(report)
    if order is not None:
        findings.sort(key=lambda f: order(f.loc))
    return findings


def check_loaded(loaded: Loaded, report: BaseModel) -> list[Diagnostic]:
    """The findings of a report validated from ``loaded``, each located in its file (the line of
    another place a message mentions written as 第 N 行)."""

    def order(loc: Loc) -> tuple[int, int]:
        return loaded.mark(loc) or (0, 0)

    out = []
    for f in check_report(report, order=order):
        file = loaded.file_at(f.loc)
        message = f.text([_where(loaded, ref, file) for ref in f.refs])
        found = loaded.diagnostic(f.loc, f.label, message, f.hint)
        out.append(replace(found, severity="warning"))
    return out


def _where(loaded: Loaded, loc: Loc, file: str) -> str:
    mark = loaded.mark(loc)
    if mark is None:
        return dotted_path(loc)
    other = loaded.file_at(loc)
    return f"第 {mark[0]} 行" if other == file else f"{other} 第 {mark[0]} 行"
