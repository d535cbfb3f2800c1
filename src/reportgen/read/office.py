"""Old and other office formats (.doc, .wps, .odt, .rtf, .html) → .docx bytes through LibreOffice.

Used by ``import`` and by ``check``: LibreOffice (soffice.py) converts with a throw-away
profile of its own; the converted .docx is then read like any other, and the original file is
never touched. What goes wrong is said for the :class:`~reportgen.read.sniff.Purpose` at hand.
"""

from __future__ import annotations

from ..errors import InputError
from ..soffice import SofficeFailure, soffice_convert
from .sniff import IMPORT, Purpose

__all__ = ["to_docx"]

_FILTER = {"html": "docx:MS Word 2007 XML"}
_SUFFIX = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf", "html": ".html"}
_READABLE = {".doc", ".wps", ".odt", ".rtf", ".htm", ".html"}


def to_docx(
    raw: bytes,
    name: str,
    fmt: str,
    suffix: str,
    *,
    purpose: Purpose = IMPORT,
    timeout: float = 120,
) -> bytes:
    """The bytes of a .docx LibreOffice made from ``raw`` (format ``fmt`` as sniffed)."""
    what = {"doc": "旧版 Word/WPS 文档（.doc/.wps）", "odt": "OpenDocument 文档（.odt）"}.get(
        fmt, f"{suffix or fmt} 文件"
    )
    in_suffix = suffix.lower() if suffix.lower() in _READABLE else _SUFFIX.get(fmt, ".doc")
    try:
        return soffice_convert(raw, in_suffix, _FILTER.get(fmt, "docx"), timeout=timeout)
    except SofficeFailure as e:
        if e.reason == "missing":
            message = f"读取{what}需要 LibreOffice，但本机未安装"
            hint = "安装 LibreOffice（或设置 REPORTGEN_SOFFICE），或" + purpose.save_as
        elif e.reason == "timeout":
            message = f"LibreOffice 转换超过 {timeout:.0f} 秒未完成（文件可能设有密码或已损坏）"
            hint = purpose.save_as
        elif e.reason == "start":
            message, hint = f"无法启动 LibreOffice（{e.soffice}）：{e.detail}", purpose.save_as
        else:
            message = f"LibreOffice 无法打开这个{what}（文件可能已损坏或设有密码）"
            hint = purpose.save_as
        raise InputError.single(name, message, hint) from None
