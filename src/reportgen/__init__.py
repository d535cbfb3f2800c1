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
__version__ = "0.1.0"
