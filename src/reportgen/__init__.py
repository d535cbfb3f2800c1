"""reportgen: structured YAML about a region's education work → GB/T 9704-2012 reports (.docx)."""

from .errors import (
    ConversionError,
    Diagnostic,
    InputError,
    OutputError,
    ReportgenError,
    RuleError,
    TemplateError,
)
from .pipeline import load_report, render_file, render_report, render_source, report_context

__all__ = [
    "ConversionError",
    "Diagnostic",
    "InputError",
    "OutputError",
    "ReportgenError",
    "RuleError",
    "TemplateError",
    "load_report",
    "render_file",
    "render_report",
    "render_source",
    "report_context",
]


def __getattr__(name: str) -> str:
    # The version is written once, in pyproject.toml; the installed metadata is read only when
    # asked for, because importlib.metadata costs every start of the CLI about 25 ms.
    if name == "__version__":
        from importlib.metadata import version

        return version("reportgen")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
