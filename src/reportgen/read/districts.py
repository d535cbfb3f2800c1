"""Which files are districts, and what every district of a run depends on: its folder's
defaults file (or one for all) and the figures sheet. What ``batch`` and the roll-up read before
any district (:func:`prepare_inputs`), and the rule that a problem located in a defaults file stops
them once (:func:`stop_on_defaults`).

A folder's districts are its .yaml/.yml files, not its subfolders'; files starting with ``_`` or
``.`` are not districts. A file that looks like a district's but is not read (``东城区.yaml.txt``,
a .txt holding YAML, a misnamed defaults file) is a warning naming why and how to have it read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, InputError
from .defaults import DEFAULTS_NAME, defaults_in, is_defaults_name, load_defaults, misnamed_defaults
from .loader import Loaded
from .sheet import FigureSheet, load_figures

__all__ = [
    "Inputs",
    "Prepared",
    "collect_inputs",
    "prepare_inputs",
    "scan_inputs",
    "stop_on_defaults",
]


@dataclass
class Inputs:
    sources: list[Path] = field(default_factory=list)
    skipped: list[Diagnostic] = field(default_factory=list)  # files that look like districts
    folders: list[Path] = field(default_factory=list)  # folders given (their files are all read)
    misnamed: dict[Path, list[Path]] = field(default_factory=dict)  # folder → _default.yaml …


def collect_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The district files among inputs: see :func:`scan_inputs`."""
    return scan_inputs(inputs).sources


def scan_inputs(inputs: Iterable[str | Path]) -> Inputs:
    """Files as given, and the .yaml/.yml files of each folder (not its subfolders), in name order.

    In a folder, files whose name starts with ``_`` or ``.`` (such as ``_defaults.yaml``) are not
    districts; a defaults file given by name (``各区县/*.yaml``) is not one either. A path given
    twice is rendered once. A file in a folder that looks like a district's but is not read
    (``东城区.yaml.txt``, a .txt holding YAML, a misnamed defaults file) is listed in ``skipped``
    with why.
    """
    found = Inputs()
    seen: set[str] = set()
    for raw in inputs:
        path = Path(raw)
        listed = [(path, "")]  # (file, its real path where already known)
        if path.is_dir():
            found.folders.append(path)
            listed = []
            for p, real in _folder_files(path):
                if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(("_", ".")):
                    if misnamed_defaults(p.name):
                        found.misnamed.setdefault(path, []).append(p)
                    else:
                        listed.append((p, real))
                elif misnamed_defaults(p.name):
                    found.misnamed.setdefault(path, []).append(p)
                elif why := _not_read(p):
                    found.skipped.append(_skipped(p, *why))
        elif is_defaults_name(path.name):
            continue  # its folder's defaults: read as such
        for p, real in listed:
            key = real or os.path.realpath(p)  # Path.resolve() adds a stat and pathlib's overhead
            if key not in seen:
                seen.add(key)
                found.sources.append(p)
    return found


def _folder_files(folder: Path) -> list[tuple[Path, str]]:
    """The files in folder (symbolic links to files too), in name order, each with its real path.
    Listed with os.scandir, which knows without a stat which entries are plain files; the real
    path of one that is not a link is the folder's with its name (no lstat of every component)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return []
    real_folder = os.path.realpath(folder)
    out = []
    for e in entries:
        p = folder / e.name
        try:
            is_file, link = e.is_file(), e.is_symlink()
        except OSError:  # a link that loops, say: as Path.is_file says
            is_file, link = p.is_file(), True
        if is_file:
            out.append((p, os.path.realpath(p) if link else os.path.join(real_folder, e.name)))
    return out


def _not_read(p: Path) -> tuple[str, str] | None:
    """Why a file that looks like a district's is not read, and how to have it read."""
    name = p.name
    if name.startswith(("_", ".", "~$")):
        return None
    lower = name.casefold()
    stem = name[: -len(".txt")] if lower.endswith(".txt") else ""
    if lower.endswith((".yaml.txt", ".yml.txt")):
        return (
            "文件名以 .txt 结尾（Windows 默认隐藏扩展名，看上去像 .yaml）",
            f"改名为 {stem}：在资源管理器的“查看”中勾选“文件扩展名”后再改名",
        )
    if lower.endswith(".txt") and _holds_yaml(p):
        return (
            "这是 .txt 文件，内容像是区县的 YAML",
            f"如果是区县文件，改名为 {stem}.yaml",
        )
    return None


_YAML_KEYS = re.compile(r"^(kind|region|year|problems|sections|basic)\s*:", re.MULTILINE)


def _holds_yaml(p: Path) -> bool:
    try:
        with open(p, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return bool(_YAML_KEYS.search(head.decode(encoding, errors="ignore")))
        except LookupError:
            continue
    return False


def _skipped(p: Path, message: str, hint: str) -> Diagnostic:
    """The warning for a file not read: its manifest row's note."""
    return Diagnostic(file=str(p), message=f"没有读取：{message}", hint=hint, severity="warning")


@dataclass
class Prepared:
    """The districts of a run and what every one of them depends on."""

    found: Inputs
    defaults: dict[str, Loaded]  # folder ("" for all, from --defaults) → its defaults file
    sheet: FigureSheet | None
    skipped: list[Diagnostic]  # files not read, with why (a warning each)

    def defaults_for(self, source: str | Path) -> Loaded | None:
        return self.defaults.get("") or self.defaults.get(str(Path(source).parent))


def prepare_inputs(
    inputs: Sequence[str | Path],
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    sheet: str | None = None,
) -> Prepared:
    """The district files among ``inputs`` (:func:`scan_inputs`), the defaults each folder's
    districts take (or ``defaults`` for all), and the figures sheet: what ``batch`` and ``rollup``
    read before any district. Raises InputError when there is no district file, or a defaults
    file or the sheet is unusable, or a folder's defaults file is misnamed."""
    found = scan_inputs(inputs)
    if not found.sources:
        skipped = "；".join(d.file for d in found.skipped)
        raise InputError.single(
            ", ".join(map(str, inputs)) or "(无)",
            "没有找到区县的 YAML 文件" + (f"（没有读取：{skipped}）" if skipped else ""),
            "给出 .yaml 文件，或存放它们的文件夹（以 _ 开头的文件不算区县文件）",
        )
    prepared = Prepared(found, {}, None, list(found.skipped))
    if defaults is not None:
        prepared.defaults[""] = load_defaults(defaults)
        prepared.skipped += [
            _skipped(p, f"用的是 --defaults 指定的 {defaults}", "不需要时删除这个文件")
            for files in found.misnamed.values()
            for p in files
        ]
    else:
        for folder in sorted({p.parent for p in found.sources} | set(found.folders)):
            own = defaults_in(folder)
            misnamed = found.misnamed.get(folder, [])
            if misnamed and own is None:
                raise InputError(
                    [
                        Diagnostic(
                            file=str(p),
                            message="没有当作默认值文件读取：名字不对",
                            hint=f"默认值文件应名为 {DEFAULTS_NAME}：改名后重试",
                        )
                        for p in misnamed
                    ]
                )
            if own is not None:
                prepared.skipped += [
                    _skipped(p, f"文件夹中已有默认值文件 {own.name}", "不需要时删除这个文件")
                    for p in misnamed
                ]
                prepared.defaults[str(folder)] = load_defaults(own)
    if figures is not None:
        prepared.sheet = load_figures(figures, sheet)
    elif sheet is not None:
        raise InputError.single("--sheet", "只有给出 --figures 数据表时才能选工作表", "")
    return prepared


def stop_on_defaults(errors: Iterable[Diagnostic], defaults: dict[str, Loaded]) -> None:
    """A problem in a defaults file is every district's: one error, said once, and the batch
    stops before anything is written or moved."""
    files = {d.file for d in defaults.values()}
    found: dict[str, Diagnostic] = {}
    for d in errors:
        if d.file in files:
            found.setdefault(str(d), d)
    if found:
        raise InputError(sorted(found.values(), key=lambda d: (d.file, d.line or 0, d.column or 0)))
