"""Old and other office formats (.doc, .wps, .odt, .rtf, .html) → .docx bytes through LibreOffice.

Runs ``soffice --headless --convert-to docx`` with a throw-away profile of its own, as
output/pdf.py does for PDFs (two conversions sharing a profile make the second exit silently).
The converted .docx is then read like any other; the original file is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..output.pdf import find_soffice
from .sniff import SAVE_AS_HINT

__all__ = ["to_docx"]

_FILTER = {"html": "docx:MS Word 2007 XML"}
_SUFFIX = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf", "html": ".html"}


def to_docx(raw: bytes, name: str, fmt: str, suffix: str, *, timeout: float = 120) -> bytes:
    """The bytes of a .docx LibreOffice made from ``raw`` (format ``fmt`` as sniffed)."""
    soffice = find_soffice()
    what = {"doc": "旧版 Word/WPS 文档（.doc/.wps）", "odt": "OpenDocument 文档（.odt）"}.get(
        fmt, f"{suffix or fmt} 文件"
    )
    if soffice is None:
        raise InputError.single(
            name,
            f"读取{what}需要 LibreOffice，但本机未安装",
            "安装 LibreOffice（或设置 REPORTGEN_SOFFICE），或" + SAVE_AS_HINT,
        )
    in_suffix = (
        suffix.lower()
        if suffix.lower() in {".doc", ".wps", ".odt", ".rtf", ".htm", ".html"}
        else _SUFFIX.get(fmt, ".doc")
    )
    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as tmp:
        work = Path(tmp)
        src = work / f"in{in_suffix}"
        src.write_bytes(raw)
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _FILTER.get(fmt, "docx"),
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        env = {**os.environ, "HOME": str(work)}
        try:
            done = subprocess.run(
                cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise InputError.single(
                name,
                f"LibreOffice 转换超过 {timeout:.0f} 秒未完成（文件可能设有密码或已损坏）",
                SAVE_AS_HINT,
            ) from None
        except OSError as e:
            raise InputError.single(
                name, f"无法启动 LibreOffice（{soffice}）：{e.strerror}", SAVE_AS_HINT
            ) from None
        out = work / "out" / "in.docx"
        if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            raise InputError.single(
                name,
                f"LibreOffice 无法打开这个{what}（文件可能已损坏或设有密码）",
                SAVE_AS_HINT,
            )
        data = out.read_bytes()
        shutil.rmtree(work / "profile", ignore_errors=True)
        return data
