"""What keeps the page to its clerk: the token, limits on what may be sent, and safe names.

- The server answers only a browser that came through the address with the token (printed by
  ``reportgen serve`` and opened for the clerk); that visit gets a session cookie (HttpOnly,
  SameSite=Strict) and the token leaves the address bar.
- On loopback, requests naming another host are refused (a web page elsewhere cannot reach the
  server through DNS rebinding).
- Bodies are limited (:data:`MAX_BODY`, :data:`MAX_UPLOAD`), and so are a zip's members, count and
  unpacked size; a file name from a browser or a zip is reduced to a safe relative path inside the
  workspace (no ``..``, no absolute path, no drive, no device name), and files opened from the
  clerk's folder must lie inside it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

__all__ = [
    "MAX_BODY",
    "MAX_UPLOAD",
    "MAX_ZIP_FILES",
    "MAX_ZIP_UNPACKED",
    "UnsafeName",
    "inside",
    "safe_name",
    "safe_relative",
]

MAX_BODY = 4 * 1024 * 1024  # a request with a report's text (the loader's limit is 2 MiB)
MAX_UPLOAD = 64 * 1024 * 1024  # a batch: many YAMLs, a zip, a figures workbook
MAX_ZIP_FILES = 2000
MAX_ZIP_UNPACKED = 200 * 1024 * 1024

_WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)
}
_BAD = re.compile(r'[\x00-\x1f<>:"|?*\\]')


class UnsafeName(ValueError):
    """Raised for a name that cannot be made a safe path."""


def safe_name(name: str) -> str:
    """One path component as a browser sent it, made safe: the last component only, control and
    reserved characters replaced; UnsafeName for nothing left, ``.``/``..`` or a device name."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _BAD.sub("_", name).strip().strip(".")
    if not name or name.split(".")[0].lower() in _WINDOWS_DEVICES or len(name.encode()) > 200:
        raise UnsafeName(name)
    return name


def safe_relative(name: str) -> PurePosixPath:
    """A path inside a zip made a safe relative path: UnsafeName for an absolute path, a drive,
    ``..`` anywhere, or an empty one."""
    text = unicodedata.normalize("NFC", name).replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        raise UnsafeName(name)
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        raise UnsafeName(name)
    return PurePosixPath(*(safe_name(p) for p in parts))


def inside(root: Path, relative: str) -> Path:
    """``root / relative`` when it lies inside root once links are followed; UnsafeName else."""
    if not relative or Path(relative).is_absolute() or re.match(r"^[A-Za-z]:", relative):
        raise UnsafeName(relative)
    base = root.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise UnsafeName(relative)
    return target
