"""The library API: load → validate → build context → render → write, for one report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import OutputError
from .model.schema import Rectification, SelfAssessment
from .model.validate import validate
from .output.write import write_atomic
from .read.loader import load_yaml
from .render.context import build_context
from .render.docx import render_docx, template_for
from .text.wording import load_wording

__all__ = ["load_report", "render_file", "render_report", "report_context"]

Report = SelfAssessment | Rectification


def load_report(path: str | Path) -> Report:
    """Read and validate one YAML file. Raises InputError listing every problem."""
    return validate(load_yaml(path))


def report_context(report: Report, *, wording: dict[str, Any] | None = None) -> dict[str, Any]:
    return build_context(report, wording or load_wording())


def render_report(report: Report, *, template: str | Path | None = None) -> bytes:
    """The .docx bytes of a validated report."""
    return render_docx(template_for(report.kind, template), report_context(report))


def render_file(
    source: str | Path, output: str | Path, *, template: str | Path | None = None
) -> Path:
    """Render one YAML file to a .docx. Nothing is written unless the whole render succeeds."""
    source, output = Path(source), Path(output)
    for given in (source, template):
        if given is not None and _same_file(output, Path(given)):
            raise OutputError(
                f"{output.resolve()}: 输出文件与输入文件相同 — 请换一个输出文件名，如 out/报告.docx"
            )
    if output.suffix.lower() == ".pdf":
        raise OutputError(
            f"{output}: 先生成 .docx — 要同时得到 PDF，请写 -o {output.with_suffix('.docx')} --pdf"
        )
    if output.suffix.lower() != ".docx":
        raise OutputError(f"{output}: 输出文件应以 .docx 结尾 — 如 out/报告.docx")
    data = render_report(load_report(source), template=template)
    return write_atomic(output, data)


def _same_file(a: Path, b: Path) -> bool:
    """samefile, which also catches a symlink or hard link; False for a path the system refuses
    (a name too long): writing it then says why."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
