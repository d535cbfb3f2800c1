"""Every error reportgen raises on purpose.

The CLI catches :class:`ReportgenError` (the base class) and prints its message; anything else is a
bug. Messages are written for clerks: where, what is wrong, how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ConversionError",
    "InputError",
    "OutputError",
    "Problem",
    "ReportgenError",
    "TemplateError",
]


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int | None
    column: int | None
    path: str
    label: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = self.path or "(文件)"
        if self.label:
            field += f" ({self.label})"
        text = f"{where}: {field}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class ReportgenError(Exception):
    """Base class: an error whose message is meant for the user, not a bug."""

    exit_code = 1


class InputError(ReportgenError):
    """Raised when an input file cannot be read or does not follow the schema.

    Carries every problem found, so a clerk can fix them all in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"发现 {n} 处问题，请修改后重试（found {n} problem{'s' if n != 1 else ''}）:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))

    @classmethod
    def single(
        cls,
        file: str | Path,
        message: str,
        hint: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
        label: str = "",
    ) -> InputError:
        return cls([Problem(str(file), line, column, path, label, message, hint)])


class TemplateError(ReportgenError):
    """Raised when a template is missing, malformed, or fails while rendering."""


class OutputError(ReportgenError):
    """Raised when an output file cannot be written where asked."""


class ConversionError(ReportgenError):
    """Raised when LibreOffice is missing or fails to convert a document."""
