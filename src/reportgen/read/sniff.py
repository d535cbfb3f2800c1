"""What kind of file a clerk gave us, told from its bytes (not its name), and the refusals.

An empty file, a password-protected Office file, a PDF or picture, a damaged .docx, or any other
binary file stops here with a located Chinese message; nothing is read further and nothing is
written. A file that passes gets a format name the readers dispatch on. ``import`` takes text as
well as documents, ``check`` documents only: the :class:`Purpose` says which, and what the
messages tell a clerk to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["CHECK", "IMPORT", "MAX_BYTES", "SAVE_AS_HINT", "Purpose", "sniff", "zip_refusal"]

MAX_BYTES = 64 * 1024 * 1024  # a 10-page report with pictures is a few MB
SAVE_AS_HINT = "用 Word 或 WPS 打开后“另存为” .docx 再导入，或把文字复制到记事本保存为 .txt"


@dataclass(frozen=True)
class Purpose:
    """What a file is read for, as its messages say it: ``verb`` (导入, 检查), what to ``choose``
    instead of an empty file, how to ``save_as`` a file that cannot be taken, what a wrong file
    is ``not`` (报告文档), and whether plain ``text`` is taken."""

    verb: str
    choose: str
    save_as: str
    not_: str
    text: bool


IMPORT = Purpose(
    "导入",
    "请选择上一年的报告（.docx、.doc、.wps、.odt、.txt 或 .md）",
    SAVE_AS_HINT,
    "报告文档",
    text=True,
)
CHECK = Purpose(
    "检查",
    "请选择要检查的公文（.docx、.doc、.wps 或 .odt）",
    "用 Word 或 WPS 打开后“另存为” .docx 再检查",
    "Word/WPS 文档",
    text=False,
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER = {
    b"%PDF": "PDF 文件",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf": "7z 压缩包",
    b"\x1f\x8b": "gzip 压缩包",
    b"MZ": "程序文件",
    b"\x7fELF": "程序文件",
}
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(raw: bytes, name: str, suffix: str, purpose: Purpose = IMPORT) -> str:
    """The format of ``raw``: "docx", "odt", "doc", "rtf", "html" or (for a purpose that
    takes it) "text".

    Raises InputError for input that cannot be read for ``purpose``.
    """
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError.single(name, "文件是空的", purpose.choose)
    if len(raw) > MAX_BYTES:
        raise InputError.single(
            name,
            f"文件过大（{len(raw) // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）",
            "请检查是否选错了文件；报告中的大图片可先删除",
        )
    if raw.startswith(_OLE):
        return _ole(raw, name, purpose)
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _zip(raw, name, purpose)
    taken = "Word/WPS 文档或文本文件" if purpose.text else "Word/WPS 文档"
    for magic, what in _OTHER.items():
        if raw.startswith(magic):
            raise InputError.single(name, f"这是{what}，不是 {taken}", purpose.save_as)
    head = raw[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if suffix.lower() in {".htm", ".html"} or head[:200].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if _binary(raw):
        what = "这不是文本文件，也不是 Word/WPS 文档" if purpose.text else "这不是 Word/WPS 文档"
        raise InputError.single(name, f"{what}（内容是二进制数据）", purpose.save_as)
    if not purpose.text:
        raise InputError.single(name, "这是文本文件，不是 Word/WPS 文档", purpose.save_as)
    return "text"


def _binary(raw: bytes) -> bool:
    """NUL bytes outside UTF-16 text, or many control characters: not something typed."""
    sample = raw[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 11))
    return b"\x00" in sample or controls > len(sample) // 50


def _ole(raw: bytes, name: str, purpose: Purpose) -> str:
    """An OLE2 compound file: a .doc/.wps, or an encrypted .docx (EncryptedPackage stream)."""
    if _utf16("EncryptedPackage") in raw or _utf16("EncryptionInfo") in raw:
        raise InputError.single(
            name,
            "文件设有打开密码（已加密），无法读取",
            "请在 Word 或 WPS 中输入密码打开，取消“用密码进行加密”后另存为 .docx 再" + purpose.verb,
        )
    if _utf16("WordDocument") in raw:
        return "doc"
    if _utf16("Workbook") in raw or _utf16("Book") in raw:
        raise InputError.single(
            name, f"这是 Excel 表格（.xls），不是{purpose.not_}", purpose.save_as
        )
    if _utf16("PowerPoint Document") in raw:
        raise InputError.single(
            name, f"这是 PowerPoint 演示文稿，不是{purpose.not_}", purpose.save_as
        )
    return "doc"  # other OLE word processors (older WPS): LibreOffice decides


# Compression methods Python's zipfile reads: stored, deflate, bzip2, lzma.
_READABLE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def zip_refusal(z: zipfile.ZipFile) -> str | None:
    """Why a zip (an Office package) cannot be read at all, or None:
    a member with a password (the zip's own encryption, which Office never writes but other zip
    tools do), or one compressed a way zipfile lacks (Deflate64 from some Windows tools)."""
    for info in z.infolist():
        if info.flag_bits & 0x1:
            return f"文件中的 {info.filename} 设有密码（已加密），无法读取"
        if info.compress_type not in _READABLE:
            return f"文件中的 {info.filename} 用了无法解压的压缩方式（编号 {info.compress_type}）"
    return None


def _zip(raw: bytes, name: str, purpose: Purpose) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            refusal = zip_refusal(z)
            if refusal:
                raise InputError.single(name, refusal, purpose.save_as)
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError) as e:
        raise InputError.single(
            name, f"文件已损坏，无法作为 Word 文档打开（{_zip_reason(e)}）", purpose.save_as
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if b"opendocument.text" in mimetype:
        return "odt"
    if "xl/workbook.xml" in names or b"spreadsheet" in mimetype:
        raise InputError.single(name, f"这是 Excel 表格，不是{purpose.not_}", purpose.save_as)
    if "ppt/presentation.xml" in names or b"presentation" in mimetype:
        raise InputError.single(name, f"这是演示文稿，不是{purpose.not_}", purpose.save_as)
    if "[Content_Types].xml" in names:
        raise InputError.single(
            name, "文件已损坏：缺少正文部分（word/document.xml）", purpose.save_as
        )
    inside = "报告文件" if purpose.text else "文档"
    raise InputError.single(
        name, "这是压缩包，不是 Word/WPS 文档", f"请先解压，再{purpose.verb}其中的{inside}"
    )


def _zip_reason(e: BaseException) -> str:
    text = str(e)
    if "not a zip file" in text.lower() or "end-of-central-directory" in text.lower():
        return "文件不完整，可能没有下载或复制完"
    return "压缩结构错误"
