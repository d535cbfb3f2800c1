"""Running LibreOffice (``soffice --headless --convert-to``): finding it, and one conversion.

Below the stages that use it: reading converts .doc, .wps and .odt to .docx with it (read/office.py)
and output converts .docx to PDF (output/pdf.py); it imports nothing of reportgen.

Every conversion runs in a throw-away folder with a LibreOffice profile of its own: two
conversions sharing a profile (two terminals, parallel tests) make the second one exit silently
without writing anything. What goes wrong is raised as :class:`SofficeFailure` with its reason;
each caller says it in its own words (output/pdf.py for PDFs, read/office.py for documents read).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["INSTALL_HINT", "SofficeFailure", "find_soffice", "soffice_convert"]

INSTALL_HINT = (
    "请安装 LibreOffice："
    "Debian/Ubuntu 用 `sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk "
    "fonts-liberation2`，"
    "macOS 用 `brew install --cask libreoffice`，Windows 从 libreoffice.org 下载；"
    "或设置环境变量 REPORTGEN_SOFFICE 为 soffice 的完整路径"
)

_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def find_soffice() -> str | None:
    """Path of the soffice executable, or None when LibreOffice is not installed."""
    explicit = os.environ.get("REPORTGEN_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "darwin" and Path(_MAC_SOFFICE).is_file():
        return _MAC_SOFFICE
    return None


@dataclass
class SofficeFailure(Exception):
    """Why a conversion gave nothing: LibreOffice is ``missing``, could not ``start``, ran past
    its ``timeout``, or ``failed`` (exited with an error or wrote no output); ``detail`` is its
    own last word, for the message."""

    reason: Literal["missing", "start", "timeout", "failed"]
    detail: str = ""
    soffice: str = ""

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def soffice_convert(
    source: Path | bytes,
    suffix: str,
    target: str,
    *,
    timeout: float,
    env: Callable[[Path], dict[str, str]] | None = None,
) -> bytes:
    """The bytes LibreOffice writes converting ``source`` (a file, or its bytes) with
    ``--convert-to target`` (``pdf:writer_pdf_Export``, ``docx`` …). ``suffix`` is the input's
    file type (``.doc``, ``.odt`` …): the input is copied under a fixed ASCII name, which avoids
    surprises with Chinese file names in odd locales. ``env`` gives extra environment variables
    for the work folder (the fonts to substitute). Raises :class:`SofficeFailure`."""
    soffice = find_soffice()
    if soffice is None:
        raise SofficeFailure("missing")
    out_ext = target.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-") as tmp:
        work = Path(tmp)
        src = work / f"in{suffix}"
        if isinstance(source, bytes):
            src.write_bytes(source)
        else:
            shutil.copyfile(source, src)
        extra = env(work) if env else {}
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        try:
            done = subprocess.run(
                cmd,
                env={**os.environ, **extra, "HOME": str(work)},
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SofficeFailure("timeout", f"{timeout:.0f}", soffice) from None
        except OSError as e:
            raise SofficeFailure("start", e.strerror or str(e), soffice) from None
        out = work / "out" / f"in.{out_ext}"
        if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["没有输出"]
            raise SofficeFailure("failed", detail[0], soffice)
        return out.read_bytes()
