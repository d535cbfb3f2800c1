"""Where a report is written: the one home of the output-naming rules.

``render`` writes where ``-o`` says: a .docx file, or a folder (an existing one, or any path ending
in ``/``) that gets a file named after the YAML; without ``-o``, beside the YAML. ``batch`` names
each district's file after its region (``越城区.docx``); when two districts share a name the parent
goes in front (``绍兴市越城区.docx``), then the input file's name, then a number. Every name is one
path component that Windows accepts too.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputError

__all__ = ["MAX_NAME_BYTES", "check_report_path", "district_names", "report_path", "safe_name"]

SUFFIX = ".docx"


def report_path(source: str | Path, output: str | Path | None = None) -> Path:
    """The .docx that ``render SOURCE [-o OUTPUT]`` writes (not yet checked: see below)."""
    source = Path(source)
    if output is None:
        return source.with_suffix(SUFFIX)
    target = Path(output)
    # Text, not only Path: Path("out/") drops the / that says "a folder".
    if str(output).endswith(("/", "\\")) or (_is_dir(target) and target.suffix.lower() != SUFFIX):
        return target / f"{source.stem}{SUFFIX}"
    return target


def check_report_path(output: Path, *inputs: str | Path | None) -> None:
    """Refuse an output that is one of the inputs, or not a .docx: OutputError says what to
    write instead."""
    for given in inputs:
        if given is not None and _same_file(output, Path(given)):
            raise OutputError.single(
                output.resolve(), "输出文件与输入文件相同", "请换一个输出文件名，如 out/报告.docx"
            )
    if output.suffix.lower() == ".pdf":
        raise OutputError.single(
            output,
            "先生成 .docx",
            f"要同时得到 PDF，请写 -o {output.with_suffix(SUFFIX)} --pdf",
        )
    if output.suffix.lower() != SUFFIX:
        raise OutputError.single(output, "输出文件应以 .docx 结尾", "如 out/报告.docx")


def district_names(districts: Sequence[tuple[str, str, str]]) -> list[str]:
    """File names (with .docx) for districts given as (region, parent, input file stem), distinct
    even on a file system that ignores case; the first that is free of: region, parent + region,
    parent + region + stem, then that with -2, -3 …"""
    taken: set[str] = set()
    counts: dict[str, int] = {}
    plains = [safe_name(region) for region, _, _ in districts]
    for plain in plains:
        key = plain.casefold()
        counts[key] = counts.get(key, 0) + 1
    names = []
    for plain, (region, parent, stem) in zip(plains, districts, strict=True):
        if counts[plain.casefold()] == 1 and plain.casefold() not in taken:
            name = plain  # the usual case: the longer names are not needed
        else:
            candidates = [safe_name(parent + region), safe_name(f"{parent}{region}-{stem}")]
            free = next((c for c in candidates if c.casefold() not in taken), None)
            if free is not None:
                name = free
            else:
                base, n = candidates[-1], 2
                while f"{base}-{n}".casefold() in taken:
                    n += 1
                name = f"{base}-{n}"
        taken.add(name.casefold())
        names.append(name + SUFFIX)
    return names


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
# File systems limit a name to 255 bytes (not characters: 𠀀 takes four in UTF-8); this leaves room
# for a "-12" that tells two districts apart and for ".docx".
MAX_NAME_BYTES = 240


def safe_name(text: str) -> str:
    """A file name stem from a region name: one path component, no ``..``, valid on Windows too."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", "_", name)
    name = re.sub(r"_+", "_", re.sub(r"\s+", " ", name)).strip(" ._")
    name = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(" ._")
    if not name:
        return "未命名"
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name


def _is_dir(path: Path) -> bool:
    """Path.is_dir(), False for a name the system refuses (too long): writing it says why."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    """samefile, which also catches a symlink or hard link; False for a path the system refuses
    (a name too long): writing it then says why."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
