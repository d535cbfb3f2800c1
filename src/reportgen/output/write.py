"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The bytes go to a hidden temporary file beside the target, which is then renamed over it; an error
or Ctrl-C at any point removes the temporary file and leaves the old target untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from ..errors import OutputError

__all__ = ["make_folders", "os_reason", "write_atomic"]


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write data to path atomically, creating missing folders; raise OutputError on failure."""
    path = Path(path)
    try:
        if path.is_dir():
            raise OutputError.single(
                _shown(path), "这是一个文件夹", "请给出输出文件名，如 out/报告.docx"
            )
        _check_parents(path)
        make_folders(path.parent)
        # A short prefix: the temporary name must not exceed the file system's limit where the
        # final name does not.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".tmp", dir=path.parent)
    except (OSError, ValueError) as e:
        what, hint = os_reason(e, "检查路径是否写对、文件夹是否有写入权限")
        raise OutputError.single(_shown(path), f"无法创建输出文件：{what}", hint) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp creates the file readable by its owner only; keep the mode of the file replaced.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            what, hint = os_reason(e, "文件是否正在 Word 中打开？关闭后重试")
            raise OutputError.single(_shown(path), f"写入失败：{what}", hint) from e
        raise
    return path


def make_folders(folder: Path) -> None:
    """mkdir -p, top down in a loop: Path.mkdir(parents=True) recurses once per missing level
    (a thousand-level path is a RecursionError, not an OSError)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        f.mkdir(exist_ok=True)


def _check_parents(path: Path) -> None:
    """A clerk who types out/报告.docx, out being a file, deserves better than 'Not a directory'."""
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError.single(
                    _shown(path),
                    f"无法创建输出文件：{parent} 是一个文件，不是文件夹",
                    "请换一个输出文件夹，或给这个文件改名",
                )
            return


def _shown(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, ValueError):
        return str(path)


_REASONS = {
    errno.EACCES: (
        "没有写入权限",
        "文件是否正在 Word 或 WPS 中打开？关闭后重试，或换一个有写入权限的文件夹",
    ),
    errno.EPERM: (
        "没有写入权限",
        "文件是否正在 Word 或 WPS 中打开？关闭后重试，或换一个有写入权限的文件夹",
    ),
    errno.ENOSPC: ("磁盘空间不足", "清理磁盘或换一个位置保存"),
    errno.ENAMETOOLONG: ("文件名太长", "缩短输出文件名或文件夹名"),
    errno.EROFS: ("磁盘是只读的", "换一个可以写入的位置保存"),
}


def os_reason(e: BaseException, fallback: str) -> tuple[str, str]:
    """What went wrong and what to do, in Chinese where the error is a common one."""
    if isinstance(e, OSError) and e.errno in _REASONS:
        return _REASONS[e.errno]
    return str(getattr(e, "strerror", None) or e), fallback
