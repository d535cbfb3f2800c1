"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path.resolve()}: 这是一个文件夹 — 请给出输出文件名，如 out/报告.docx")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path.resolve()}: 无法创建输出文件：{e.strerror} — 检查文件夹是否存在且有写入权限") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"{path.resolve()}: 写入失败：{e.strerror} — 文件是否正在 Word 中打开？关闭后重试") from e
        raise
    return path
