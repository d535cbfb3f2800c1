"""Read any input a clerk may give — a file path or standard input — into a :class:`Source`.

The format is told from the bytes (sniff): .docx is read directly, .doc/.wps/.odt/.rtf/.html go
through LibreOffice first, anything else must be text (.txt, .md, pasted text) in an encoding the
YAML loader also reads. Every refusal is an InputError naming the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..read.office import to_docx
from ..read.sniff import MAX_BYTES, sniff
from .blocks import Source
from .docx_reader import read_docx
from .text_reader import read_text

__all__ = ["STDIN_NAME", "read_bytes", "read_path", "read_stdin"]

STDIN_NAME = "<标准输入>"


def read_path(path: str | Path, *, on_convert: Callable[[str], None] | None = None) -> Source:
    """Read a file given by path; ``on_convert`` is told the format before a (slow) LibreOffice
    conversion."""
    p = Path(path)
    name = str(p)
    if not p.exists():
        raise InputError.single(name, "文件不存在", "检查文件名和所在文件夹是否写对")
    if p.is_dir():
        raise InputError.single(name, "这是一个文件夹，不是报告文件", "请给出报告文件的路径")
    if not p.is_file():
        raise InputError.single(name, "这不是普通文件", "请给出报告文件的路径")
    try:
        if p.stat().st_size > MAX_BYTES:
            raise InputError.single(
                name,
                f"文件过大（{p.stat().st_size // (1024 * 1024)} MB）",
                "请检查是否选错了文件；报告中的大图片可先删除",
            )
        raw = p.read_bytes()
    except OSError as e:
        raise InputError.single(
            name, f"无法读取文件：{e.strerror}", "检查文件权限，或关闭正在打开它的程序"
        ) from e
    return read_bytes(raw, name, p.suffix, on_convert=on_convert)


def read_stdin(stream: BinaryIO | None = None) -> Source:
    """Read pasted text (or a piped file) from standard input."""
    stream = stream if stream is not None else sys.stdin.buffer
    raw = stream.read(MAX_BYTES + 1)
    return read_bytes(raw, STDIN_NAME, "")


def read_bytes(
    raw: bytes, name: str, suffix: str = "", *, on_convert: Callable[[str], None] | None = None
) -> Source:
    """Read bytes whose file name (for messages) and suffix are given."""
    fmt = sniff(raw, name, suffix)
    if fmt == "docx":
        return read_docx(raw, name)
    if fmt in {"doc", "odt", "rtf", "html"}:
        if on_convert is not None:
            on_convert(fmt)
        source = read_docx(to_docx(raw, name, fmt, suffix), name)
        source.format = suffix.lower().lstrip(".") or fmt
        return source
    markdown = True if suffix.lower() in {".md", ".markdown"} else None
    if suffix.lower() in {".txt", ".text"}:
        markdown = False
    source = read_text(raw, name, markdown=markdown)
    if not any(b for b in source.blocks):
        raise InputError.single(name, "文件中没有文字", "请选择上一年的报告，或把报告文字粘贴进来")
    return source
