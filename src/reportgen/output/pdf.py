"""A .docx → PDF through LibreOffice (``soffice --headless``), the way a reader's office lays it out.

Each conversion runs with its own throw-away LibreOffice profile: two conversions sharing a profile
(two terminals, parallel tests) make the second one exit silently without writing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import ConversionError, Diagnostic
from ..gbt9704 import GBT9704
from .write import make_folders

__all__ = [
    "INSTALL_HINT",
    "NOT_INSTALLED",
    "SUBSTITUTES",
    "convert_to_pdf",
    "find_soffice",
    "missing_substitutes",
]

NOT_INSTALLED = "未找到 LibreOffice（soffice），无法转换为 PDF"
INSTALL_HINT = (
    "请安装 LibreOffice："
    "Debian/Ubuntu 用 `sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-liberation2`，"
    "macOS 用 `brew install --cask libreoffice`，Windows 从 libreoffice.org 下载；"
    "或设置环境变量 REPORTGEN_SOFFICE 为 soffice 的完整路径"
)


def _substitute(east_asian: str) -> str:
    """The free face drawn for a Chinese font: 黑体 and its kin (黑 in the name) are sans faces,
    宋, 仿宋, 楷 and 标宋 serif ones."""
    return "Noto Sans CJK SC" if "黑" in east_asian else "Noto Serif CJK SC"


# The fonts a 公文 names (every one the standard accepts) are not shipped with Linux. Without a
# hint fontconfig falls back to a sans font for all of them; these are the closest free faces (same
# em-square metrics, so the grid holds). "accept" keeps the real font first whenever it is
# installed. Liberation Serif has Times New Roman's advance widths; the usual fallback (DejaVu
# Serif) has digits a quarter wider, which pushes 2021年12月 out of its table column and numbers to
# the next line.
SUBSTITUTES = {
    **{
        name: _substitute(name)
        for name in (*GBT9704.faces.east_asian(), *GBT9704.page_number.face.fonts)
    },
    GBT9704.faces.latin: "Liberation Serif",
}

# Where each substitute comes from on Debian/Ubuntu.
_PACKAGES = {
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Liberation Serif": "fonts-liberation2",
}

# Title faces (小标宋, 标宋) drawn heavier than their substitute's regular weight.
HEAVY = tuple(name for name in SUBSTITUTES if "标宋" in name)


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
        return []  # no fontconfig (Windows, macOS without it): LibreOffice uses the system's own fonts
    missing = []
    for name, sub in SUBSTITUTES.items():
        entry = (sub, _PACKAGES[sub])
        if entry not in missing and not _installed(name) and not _installed(sub):
            missing.append(entry)
    return missing


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


def _fontconfig(workdir: Path) -> dict[str, str]:
    """Environment pointing fontconfig at the system config plus our substitutes."""
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    if not Path(system).is_file():
        return {}
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><accept><family>{sub}</family></accept></alias>'
        for name, sub in SUBSTITUTES.items()
    )
    # 小标宋 is a heavy face; the regular Noto Serif would make the title look like body text.
    heavy = "".join(
        f'<match target="pattern"><test name="family"><string>{name}</string></test>'
        f'<edit name="weight" mode="assign"><const>bold</const></edit></match>'
        for name in HEAVY
        if not _installed(name)
    )
    aliases += heavy
    conf = workdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{system}</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


def convert_to_pdf(
    docx: str | Path, pdf: str | Path | None = None, *, timeout: float = 180
) -> Path:
    """Convert ``docx`` to ``pdf`` (default: beside it, same name). Raises ConversionError."""
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError([Diagnostic(message=NOT_INSTALLED, hint=INSTALL_HINT)])
    if not docx.is_file():
        raise ConversionError.single(docx, "文件不存在，无法转换为 PDF")
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-") as tmp:
        work = Path(tmp)
        # soffice names its output after the input; a fixed ASCII name avoids surprises with
        # Chinese file names in odd locales.
        src = work / "in.docx"
        shutil.copyfile(docx, src)
        env = {**os.environ, **_fontconfig(work), "HOME": str(work)}
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        try:
            done = subprocess.run(
                cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise ConversionError.single(
                docx,
                f"LibreOffice 转换超过 {timeout:.0f} 秒未完成",
                "关闭其他 LibreOffice 窗口后重试",
            ) from None
        except OSError as e:
            raise ConversionError.single(
                docx,
                f"无法启动 LibreOffice（{soffice}）：{e.strerror}",
                f"{NOT_INSTALLED} — {INSTALL_HINT}",
            ) from None
        out = work / "out" / "in.pdf"
        if done.returncode != 0 or not out.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["没有输出"]
            raise ConversionError.single(
                docx,
                f"LibreOffice 未能转换为 PDF（{detail[0]}）",
                "用 LibreOffice 打开该文件看是否损坏",
            )
        try:
            make_folders(pdf.parent)
            shutil.move(str(out), pdf)
        except OSError as e:
            raise ConversionError.single(
                pdf.resolve(), f"无法写出 PDF：{e.strerror}", "文件是否正在打开？"
            ) from None
    return pdf
