"""Every error reportgen raises on purpose, carried as data and formatted in one place.

A rule that fails says *what* is wrong and *how* to fix it as two fields: a pydantic validator or a
parser raises :class:`RuleError` (message, hint); code that knows where the value sits in its file
builds a :class:`Diagnostic` (file, line, column, field path and Chinese label, message, hint,
severity). Errors meant for the user are :class:`ReportgenError` subclasses carrying their
diagnostics in ``.diagnostics``; library callers read those fields (``Diagnostic.to_dict()`` for
JSON), and only the edge (the CLI, the batch manifest) turns them into text, through
``str(diagnostic)`` and ``str(error)``. Anything else raised is a bug: :func:`internal_error` is its
one wording, and :func:`exit_code` maps every exception to the process's exit status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Self

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "ConversionError",
    "Diagnostic",
    "InputError",
    "OutputError",
    "ReportgenError",
    "RuleError",
    "Severity",
    "TemplateError",
    "column_letter",
    "exit_code",
    "internal_error",
]

Severity = Literal["error", "warning"]

# Exit statuses: 2 (bad usage) is click's own; the rest are decided by exit_code() below.
EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _join(message: str, hint: str) -> str:
    """What is wrong, then how to fix it: the one way the two are put together in a line."""
    return f"{message} — {hint}" if hint else message


class RuleError(ValueError):
    """A rule failed: what is wrong and how to fix it, for a clerk, kept apart.

    Raised by pydantic validators (pydantic then places it: ``validate`` reads it back from the
    error's context) and by parsers such as ``parse_date``. It is a ValueError so that pydantic
    treats it as a validation failure.
    """

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message, hint)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return _join(self.message, self.hint)


@dataclass(frozen=True, kw_only=True)
class Diagnostic:
    """One finding about a file, as data: where, which field, what is wrong, how to fix it.

    ``path`` is the field's dotted path in the file's data (``problems[0].measures[1].deadline``);
    ``""`` is the file as a whole (shown as ``(文件)``), and ``None`` means the finding is not about
    a field at all (a template, an output file). ``file`` is ``""`` when no file is concerned (say,
    LibreOffice is missing).

    ``sheet`` is set for a place in a spreadsheet (the figures sheet): the worksheet's name, or
    ``""`` for a .csv. ``line`` and ``column`` are then the cell's row and column (1-based), shown
    as Excel names the cell: ``数据.xlsx 工作表“区县” D6``, ``数据.csv D6``, ``… 第 6 行``.
    """

    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str | None = None
    label: str = ""
    message: str
    hint: str = ""
    severity: Severity = "error"
    sheet: str | None = None

    def __str__(self) -> str:
        """``file:line:col: path (label): message — hint``, each part only when known."""
        where = self.file
        if self.sheet is not None:
            where += self.cell
        elif self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = _join(self.message, self.hint)
        if self.path is not None:
            field = self.path or "(文件)"
            if self.label:
                field += f" ({self.label})"
            text = f"{field}: {text}"
        return f"{where}: {text}" if where else text

    @property
    def cell(self) -> str:
        """Where in a spreadsheet, as a clerk finds it in Excel: `` 工作表“区县” D6`` (a cell),
        `` 第 6 行`` (a row), `` D 列`` (a column); ``""`` outside spreadsheets."""
        if self.sheet is None:
            return ""
        where = f" 工作表“{self.sheet}”" if self.sheet else ""
        if self.line is not None and self.column is not None:
            return f"{where} {column_letter(self.column)}{self.line}"
        if self.line is not None:
            return f"{where} 第 {self.line} 行"
        if self.column is not None:
            return f"{where} {column_letter(self.column)} 列"
        return where

    def to_dict(self) -> dict[str, Any]:
        """The fields for JSON (``reportgen validate --json``, the web page); ``sheet`` only for
        a place in a spreadsheet."""
        fields = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "label": self.label,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }
        if self.sheet is not None:
            fields["sheet"] = self.sheet
        return fields


def column_letter(column: int) -> str:
    """Excel's name of a column: 1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class ReportgenError(Exception):
    """Base class: an error meant for the user, not a bug. Carries one or more diagnostics.

    ``str(error)`` is the text a clerk sees; ``error.diagnostics`` the same as data.
    """

    exit_code = EXIT_PROBLEM

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        if isinstance(diagnostics, (str, Diagnostic)):
            raise TypeError(f"{type(self).__name__} takes a list of Diagnostic")
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__(self.diagnostics)

    @classmethod
    def single(
        cls,
        file: str | Path,
        message: str,
        hint: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        label: str = "",
    ) -> Self:
        """The error of one diagnostic; see :class:`Diagnostic` for the fields."""
        diagnostic = Diagnostic(
            file=str(file),
            line=line,
            column=column,
            path=path,
            label=label,
            message=message,
            hint=hint,
        )
        return cls([diagnostic])

    def __str__(self) -> str:
        return "\n".join(map(str, self.diagnostics))

    def __reduce__(self):
        # Batch workers send errors back to the parent process; rebuild from the diagnostics.
        return (type(self), (self.diagnostics,))


class InputError(ReportgenError):
    """Raised when an input file cannot be read or does not follow the schema.

    Carries every problem found, so a clerk can fix them all in one pass.
    """

    @classmethod
    def single(
        cls,
        file: str | Path,
        message: str,
        hint: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        path: str | None = "",
        label: str = "",
    ) -> Self:
        """As :meth:`ReportgenError.single`; by default about the file as a whole (``(文件)``)."""
        return super().single(file, message, hint, line=line, column=column, path=path, label=label)

    def __str__(self) -> str:
        n = len(self.diagnostics)
        head = f"发现 {n} 处问题，请修改后重试（found {n} problem{'s' if n != 1 else ''}）:"
        return "\n".join([head, *(f"  {d}" for d in self.diagnostics)])


class TemplateError(ReportgenError):
    """Raised when a template is missing, malformed, or fails while rendering."""


class OutputError(ReportgenError):
    """Raised when an output file cannot be written where asked."""


class ConversionError(ReportgenError):
    """Raised when LibreOffice is missing or fails to convert a document."""


def internal_error(error: BaseException, file: str | Path = "") -> Diagnostic:
    """The line for a bug (an exception no rule raised on purpose): the one wording, located at
    the file being worked on when there is one."""
    return Diagnostic(
        file=str(file),
        message=f"内部错误（{type(error).__name__}: {error}）",
        hint="请把这一行和所用的文件发给 reportgen 的维护者",
    )


def exit_code(error: BaseException) -> int:
    """The exit status for an exception that ends a command."""
    if isinstance(error, ReportgenError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_PROBLEM  # a bug: internal_error() says so
