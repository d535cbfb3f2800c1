"""The one path from a YAML file to .docx bytes, shared by the CLI, ``batch`` and library callers.

load → merge defaults → fill figures → validate → check numbers → context → render, in
:func:`render_source`;
:func:`render_file` adds the output's name and an atomic write (``reportgen render``), and
``batch`` adds its defaults, figures sheet and its own write. Errors meant for the user are
:class:`~reportgen.errors.ReportgenError` with ``.diagnostics``; nothing is written on any error.

The number checks (:mod:`reportgen.model.checks`) and the proofreader's findings
(:mod:`reportgen.model.warnings`: text cut at " #", characters the GB2312 fonts lack) are
warnings, not errors: they are kept in ``Trace.warnings`` and the report is rendered. With
``strict=True`` they are errors (InputError, severity ``error``) and nothing is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import Diagnostic, InputError
from .gbt9704 import Standard
from .model.checks import check_loaded
from .model.schema import General, Rectification, SelfAssessment
from .model.validate import validate
from .model.warnings import report_warnings
from .output.names import check_report_path, report_path
from .output.write import write_atomic
from .read.defaults import merge_defaults
from .read.figures import apply_figures
from .read.loader import Loaded, load_yaml
from .read.profile import load_profile
from .read.sheet import FigureRow, FigureSheet
from .read.wording import load_wording
from .render.context import build_context
from .render.docx import render_docx, template_for

__all__ = [
    "Report",
    "Trace",
    "load_report",
    "render_file",
    "render_report",
    "render_source",
    "report_context",
    "report_standard",
]

Report = General | SelfAssessment | Rectification


@dataclass
class Trace:
    """What the stages found for one report, filled in as they run, so that a caller catching a
    later stage's error can still read the earlier findings (``batch`` names a district and
    matches its figures row from them)."""

    loaded: Loaded | None = None  # the file's data, after the defaults merge
    figures_row: FigureRow | None = None
    figures_missing: Diagnostic | None = None  # the sheet has no row for this region
    report: Report | None = None
    warnings: list[Diagnostic] = field(default_factory=list)  # checks, sheet, proofreading
    standard: Standard | None = None  # the layout numbers of the report's profile, once read


def load_report(
    source: str | Path | Loaded,
    *,
    defaults: Loaded | None = None,
    figures: FigureSheet | None = None,
    trace: Trace | None = None,
    strict: bool = False,
    profile: str | Path | None = None,
) -> Report:
    """Read and validate one YAML file, merged over ``defaults`` and filled from its row of the
    ``figures`` sheet when given, and check its numbers. Raises InputError listing every problem;
    warnings (the number checks', the proofreader's, a value of the file replaced by the
    sheet's) go to ``trace.warnings``, or with ``strict`` raise as errors. The report's layout
    profile (its own, else ``profile``) is read too, so that a broken one is named here.
    ``source`` may also be text already loaded (:func:`~reportgen.read.loader.load_yaml_text`:
    the web page's editor)."""
    trace = trace if trace is not None else Trace()
    loaded = source if isinstance(source, Loaded) else load_yaml(source)
    if defaults is not None:
        loaded = merge_defaults(loaded, defaults)
    trace.loaded = loaded
    problems: list[Diagnostic] = []
    if figures is not None:
        trace.figures_row, problems = figures.lookup(loaded)
        if trace.figures_row is None:
            if problems and problems[0].path == "region.name":
                trace.figures_missing = problems[0]
        else:
            found = apply_figures(loaded, trace.figures_row)
            problems = [d for d in found if d.severity == "error"]
            trace.warnings += [d for d in found if d.severity != "error"]
    try:
        report = validate(loaded)
    except InputError as e:
        raise InputError(problems + e.diagnostics) from None
    if problems:
        raise InputError(problems)
    trace.report = report
    # A broken profile file is named now; render_source lays the report out by the same numbers.
    standard = trace.standard = report_standard(report, profile)
    trace.warnings += sorted(
        check_loaded(loaded, report) + report_warnings(loaded, report, standard),
        key=lambda d: (d.file, d.line or 0, d.column or 0),
    )
    if strict and trace.warnings:
        raise InputError([replace(w, severity="error") for w in trace.warnings])
    return report


def report_standard(report: Report, profile: str | Path | None = None) -> Standard:
    """The layout numbers ``report`` is built to: its own ``profile``, else ``profile`` (a batch's
    or the command line's), else GB/T 9704's."""
    return load_profile(getattr(report, "profile", None) or profile)


def report_context(
    report: Report,
    *,
    wording: dict[str, Any] | None = None,
    standard: Standard | None = None,
) -> dict[str, Any]:
    return build_context(report, wording or load_wording(), standard or report_standard(report))


def render_report(
    report: Report,
    *,
    template: str | Path | None = None,
    profile: str | Path | None = None,
    standard: Standard | None = None,
) -> bytes:
    """The .docx bytes of a validated report, laid out by its profile (or ``profile``), or by
    ``standard`` when the caller has read it already."""
    standard = standard if standard is not None else report_standard(report, profile)
    return render_docx(
        template_for(report.kind, template, standard),
        report_context(report, standard=standard),
    )


def render_source(
    source: str | Path | Loaded,
    *,
    template: str | Path | None = None,
    defaults: Loaded | None = None,
    figures: FigureSheet | None = None,
    trace: Trace | None = None,
    strict: bool = False,
    profile: str | Path | None = None,
) -> bytes:
    """The .docx bytes of one YAML file: :func:`load_report`, then :func:`render_report`."""
    trace = trace if trace is not None else Trace()
    report = load_report(
        source, defaults=defaults, figures=figures, trace=trace, strict=strict, profile=profile
    )
    return render_report(report, template=template, standard=trace.standard)


def render_file(
    source: str | Path,
    output: str | Path | None = None,
    *,
    template: str | Path | None = None,
    trace: Trace | None = None,
    strict: bool = False,
    defaults: Loaded | None = None,
    profile: str | Path | None = None,
) -> Path:
    """Render one YAML file to a .docx and return its path: ``output`` is a file, or a folder that
    gets one named after the YAML (see :mod:`reportgen.output.names`); by default beside the YAML.
    Nothing is written unless the whole render succeeds (with ``strict``, no number warnings)."""
    target = report_path(source, output)
    check_report_path(target, source, template)
    data = render_source(
        source, template=template, defaults=defaults, trace=trace, strict=strict, profile=profile
    )
    return write_atomic(target, data)
