"""What the tests share: where things are, the known-good inputs, the two ways to run the CLI,
reading a .docx back, and rendering through plain docxtpl to compare with.

Test modules take these as fixtures from conftest.py (``cli``, ``cli_process``, ``good_yaml``,
``source`` …). The names here are for what a module needs while it is imported, such as the lists
given to ``pytest.mark.parametrize``: ``from support import EXAMPLE_SOURCES, GOOD``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner, Result
from docxtpl import DocxTemplate

from reportgen.cli import cli as _cli
from reportgen.render.sandbox import make_environment

__all__ = [
    "EXAMPLES",
    "EXAMPLE_SOURCES",
    "FIXTURES",
    "GOOD",
    "GOOD_PATH",
    "GOOD_SA",
    "GOOD_SA_PATH",
    "ROOT",
    "TEMPLATES_DIR",
    "docxtpl_render",
    "read_docx_lines",
    "run_cli",
    "run_process",
    "zip_members",
    "zip_recoded",
]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATES_DIR = ROOT / "templates"  # the shipped templates, as tools/build_templates.py writes them
EXAMPLE_SOURCES = sorted(EXAMPLES.glob("*.yaml"))

# Known-good reports, one of each kind; tests make a mistake by replacing a line in a copy.
GOOD_PATH = FIXTURES / "minimal-rectification.yaml"
GOOD_SA_PATH = FIXTURES / "minimal-self-assessment.yaml"
GOOD = GOOD_PATH.read_text(encoding="utf-8")
GOOD_SA = GOOD_SA_PATH.read_text(encoding="utf-8")


def run_cli(
    *args: object,
    env: dict[str, str] | None = None,
    charset: str = "utf-8",
    input: str | bytes | None = None,
) -> Result:
    """``reportgen ARGS`` in this process, through click's CliRunner: ``result.output`` has
    stdout and stderr together, ``result.stdout`` and ``result.stderr`` each; ``charset`` is the
    console's encoding, ``input`` what is typed or pasted on standard input. A traceback, or an
    exception other than SystemExit, fails the test: whatever a clerk types, reportgen answers
    with a message."""
    result = CliRunner(charset=charset).invoke(_cli, [str(a) for a in args], env=env, input=input)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def run_process(
    *args: object, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """``reportgen ARGS`` as a real process (``python -m reportgen.cli``), bytes out, for what
    only a real process shows: a crash of the interpreter itself, the console's own encoding.
    ``env`` is added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "reportgen.cli", *(str(a) for a in args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def resave_with_libreoffice(source: Path, tmp: Path) -> Path:
    """SOURCE opened and saved again as .docx by LibreOffice (as a clerk's office suite would),
    in TMP/out/ under the same name; a throw-away profile in TMP keeps runs apart."""
    from reportgen.output.pdf import find_soffice

    out = tmp / "out"
    subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"},
    )
    return out / source.name


def read_docx_lines(path: str | Path) -> list[str]:
    """The body of a .docx in reading order: one line per non-empty paragraph, one per table row
    (cells joined by a tab). Empty paragraphs are spacing, which templates may change, so they
    are left out."""
    lines: list[str] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans.
                    if not cells or cell._tc is not getattr(cells[-1], "_tc", None):
                        cells.append(cell)
                lines.append("\t".join(c.text for c in cells))
        elif block.text.strip():
            lines.append(block.text)
    return lines


# ---- the renderer against docxtpl ----------------------------------------------------------


def docxtpl_render(template: str | Path, context: dict[str, Any]) -> bytes:
    """The .docx plain docxtpl writes for ``template`` and ``context``, in our Jinja sandbox: what
    reportgen.render.prepared must reproduce."""
    tpl = DocxTemplate(str(template))
    tpl.render(context, make_environment(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    """(name, uncompressed bytes) of every member of a .docx, in zip order; CRCs checked."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return [(i.filename, z.read(i)) for i in z.infolist()]


def chromium() -> str | None:
    """Debian's Chromium (or REPORTGEN_CHROMIUM), which the browser tests drive; None if absent."""
    import shutil

    explicit = os.environ.get("REPORTGEN_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def zip_recoded(data: bytes, *, encrypted: bool = False, method: int | None = None) -> bytes:
    """The zip ``data`` with every member's headers saying "encrypted" (general purpose flag bit
    0: another zip tool's password) or compression ``method`` (9: Deflate64, which zipfile
    lacks), the bytes left as they were."""
    raw = bytearray(data)
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central headers
        at = raw.find(signature)
        while at >= 0:
            if encrypted:
                raw[at + flags] |= 1
            if method is not None:
                raw[at + flags + 2 : at + flags + 4] = method.to_bytes(2, "little")
            at = raw.find(signature, at + 4)
    return bytes(raw)
