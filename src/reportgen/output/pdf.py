"""A .docx → PDF through LibreOffice (``soffice --headless``), the way a reader's office lays it
out, with free faces of the same widths standing in for the 公文 fonts Linux does not ship.

LibreOffice itself is run by soffice.py (a throw-away profile per conversion).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..errors import ConversionError, Diagnostic, InputError
from ..gbt9704 import Standard
from ..read.profile import load_profile, profile_names
from ..soffice import INSTALL_HINT, SofficeFailure, find_soffice, soffice_convert
from .write import write_atomic

__all__ = [
    "INSTALL_HINT",
    "NOT_INSTALLED",
    "PDF_FILTER",
    "convert_to_pdf",
    "docx_to_pdf",
    "find_soffice",
    "heavy",
    "missing_substitutes",
    "substitutes",
]

NOT_INSTALLED = "未找到 LibreOffice（soffice），无法转换为 PDF"


def _substitute(east_asian: str) -> str:
    """The free face drawn for a Chinese font: 黑体 and its kin (黑 in the name) are sans faces,
    宋, 仿宋, 楷 and 标宋 serif ones."""
    return "Noto Sans CJK SC" if "黑" in east_asian else "Noto Serif CJK SC"


# The fonts a 公文 names (every one a profile accepts) are not shipped with Linux. Without a
# hint fontconfig falls back to a sans font for all of them; these are the closest free faces (same
# em-square metrics, so the grid holds). "accept" keeps the real font first whenever it is
# installed. Liberation Serif has Times New Roman's advance widths; the usual fallback (DejaVu
# Serif) has digits a quarter wider, which pushes 2021年12月 out of its table column and numbers to
# the next line.
def substitutes(standard: Standard | None = None) -> dict[str, str]:
    """The free face drawn for each font of every shipped profile and of ``standard``."""
    standards = [standard] if standard is not None else []
    for name in profile_names():
        try:
            standards.append(load_profile(name))
        except InputError:
            continue  # a broken profile is reported where it is used, not here
    out: dict[str, str] = {}
    for std in standards:
        for name in (*std.faces.east_asian(), *std.page_number.face.fonts):
            out.setdefault(name, _substitute(name))
    for std in standards:
        out.setdefault(std.faces.latin, "Liberation Serif")
    return out


# Where each substitute comes from on Debian/Ubuntu.
_PACKAGES = {
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Liberation Serif": "fonts-liberation2",
}


def heavy(names) -> tuple[str, ...]:
    """Title faces (小标宋, 标宋) drawn heavier than their substitute's regular weight."""
    return tuple(name for name in names if "标宋" in name)


def _installed(family: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        done = subprocess.run(
            [fc_list, f":family={family}", "family"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(done.stdout.strip())


def missing_substitutes() -> list[tuple[str, str]]:
    """(substitute, Debian package) for each font a 公文 names that is drawn by neither itself nor
    its same-width substitute here, so LibreOffice's lines and columns would differ from Word's."""
    if shutil.which("fc-list") is None:
        # No fontconfig (Windows, macOS without it): LibreOffice uses the system's own fonts.
        return []
    missing = []
    for name, sub in substitutes().items():
        entry = (sub, _PACKAGES.get(sub, sub))
        if entry not in missing and not _installed(name) and not _installed(sub):
            missing.append(entry)
    return missing


def _fontconfig(workdir: Path, standard: Standard | None = None) -> dict[str, str]:
    """Environment pointing fontconfig at the system config plus our substitutes."""
    subs = substitutes(standard)
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    if not Path(system).is_file():
        return {}
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family>'
        f"<accept><family>{sub}</family></accept></alias>"
        for name, sub in subs.items()
    )
    # 小标宋 is a heavy face; the regular Noto Serif would make the title look like body text.
    bold = "".join(
        f'<match target="pattern"><test name="family"><string>{name}</string></test>'
        f'<edit name="weight" mode="assign"><const>bold</const></edit></match>'
        for name in heavy(subs)
        if not _installed(name)
    )
    aliases += bold
    conf = workdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{system}</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


def convert_to_pdf(
    docx: str | Path,
    pdf: str | Path | None = None,
    *,
    timeout: float = 180,
    standard: Standard | None = None,
) -> Path:
    """Convert ``docx`` (or a .doc, .wps, .odt LibreOffice reads) to ``pdf`` (default: beside
    it, same name), the fonts of ``standard`` (a profile's) drawn by substitutes where missing.
    Raises ConversionError."""
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    if find_soffice() is None:
        raise ConversionError([Diagnostic(message=NOT_INSTALLED, hint=INSTALL_HINT)])
    if not docx.is_file():
        raise ConversionError.single(docx, "文件不存在，无法转换为 PDF")
    suffix = docx.suffix.lower() if docx.suffix.lower() in _READABLE else ".docx"
    try:
        data = soffice_convert(
            docx,
            suffix,
            PDF_FILTER,
            timeout=timeout,
            env=lambda work: _fontconfig(work, standard),
        )
    except SofficeFailure as e:
        raise _failure(docx, e, timeout) from None
    return write_atomic(pdf, data)


def docx_to_pdf(docx: bytes, *, timeout: float = 180, standard: Standard | None = None) -> bytes:
    """The PDF of .docx bytes laid out by ``standard``'s fonts, converted as
    :func:`convert_to_pdf` converts a file (the web page's preview and download). Raises
    ConversionError."""
    if find_soffice() is None:
        raise ConversionError([Diagnostic(message=NOT_INSTALLED, hint=INSTALL_HINT)])
    try:
        return soffice_convert(
            docx,
            ".docx",
            PDF_FILTER,
            timeout=timeout,
            env=lambda work: _fontconfig(work, standard),
        )
    except SofficeFailure as e:
        raise _failure(Path("报告.docx"), e, timeout) from None


# LibreOffice's PDF export leaves out the blank pages it inserts for a section that starts on an
# even page (a two-sided 公文's 版记, GB/T 9704 §7.5); printed two-sided, the PDF must keep them.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'

# What LibreOffice is told a file is, by its name; anything else goes in as a .docx.
_READABLE = {".docx", ".doc", ".wps", ".odt", ".rtf", ".docm", ".dotx"}


def _failure(docx: Path, e: SofficeFailure, timeout: float) -> ConversionError:
    if e.reason == "missing":
        return ConversionError([Diagnostic(message=NOT_INSTALLED, hint=INSTALL_HINT)])
    if e.reason == "timeout":
        return ConversionError.single(
            docx,
            f"LibreOffice 转换超过 {timeout:.0f} 秒未完成",
            "关闭其他 LibreOffice 窗口后重试",
        )
    if e.reason == "start":
        return ConversionError.single(
            docx,
            f"无法启动 LibreOffice（{e.soffice}）：{e.detail}",
            f"LibreOffice 可能没有装好，{INSTALL_HINT}",
        )
    return ConversionError.single(
        docx, f"LibreOffice 未能转换为 PDF（{e.detail}）", "用 LibreOffice 打开该文件看是否损坏"
    )
