"""Shared values from a defaults file, merged under one district's file before validation.

Rules, applied from the top of both files down:

- a mapping (``键: 值`` block) present in both is merged key by key, by these same rules;
- anything else the district's file gives replaces the default whole: a list (basis documents,
  next-step sections), a text, a number, a date;
- a key the district's file gives as empty (``issuer:`` or ``issuer: null``) removes the default,
  so the built-in behaviour applies again (for ``issuer``: the generated “地区人民政府”).

Every merged value keeps its origin: a problem in a value that came from the defaults file is
reported with the defaults file's path and line.

Which file: ``_defaults.yaml`` (or ``_defaults.yml``) in the district file's folder
(:func:`folder_defaults`), unless one file is named for all (``--defaults``). ``batch``, ``render``
and ``validate`` all take it from here. A file whose name is close to it (``_default.yaml``,
``defaults.yaml``, ``_defaults.yaml.txt``) is not read: :func:`misnamed_defaults` finds it, so the
caller can say so.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..errors import InputError
from .loader import Loaded, Path_, load_yaml

__all__ = [
    "DEFAULTS_NAME",
    "check_defaults",
    "defaults_in",
    "folder_defaults",
    "is_defaults_name",
    "load_defaults",
    "merge_defaults",
    "misnamed_defaults",
]

DEFAULTS_NAME = "_defaults.yaml"
_NAMES = (DEFAULTS_NAME, "_defaults.yml")


def is_defaults_name(name: str) -> bool:
    """The defaults file's name (any case: Windows does not tell them apart)."""
    return name.casefold() in _NAMES


def folder_defaults(source: str | Path) -> Path | None:
    """The defaults file beside a district's file, or None."""
    return defaults_in(Path(source).parent)


def defaults_in(folder: Path) -> Path | None:
    """The defaults file in a folder, or None."""
    for name in _NAMES:
        if (folder / name).is_file():
            return folder / name
    try:
        # Case-insensitive file systems find _Defaults.yaml above; elsewhere look for it.
        return next(p for p in folder.iterdir() if is_defaults_name(p.name) and p.is_file())
    except (StopIteration, OSError):
        return None


def misnamed_defaults(name: str) -> bool:
    """A file name that is nearly the defaults file's: _default.yaml, defaults.yaml,
    _defualts.yaml, _defaults.yaml.txt, 默认值.yaml (the defaults file itself is not)."""
    if is_defaults_name(name):
        return False
    stem = name.casefold()
    if stem.endswith(".txt"):
        stem = stem[:-4]
    for suffix in (".yaml", ".yml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        return False
    stem = stem.lstrip("_").strip()
    return stem in ("默认值", "默认", "共用") or (
        difflib.SequenceMatcher(None, stem, "defaults").ratio() >= 0.8
    )


def load_defaults(path: str | Path) -> Loaded:
    """Read a defaults file; InputError when it cannot be read or is not ``键: 值`` at its top."""
    return check_defaults(load_yaml(path))


def check_defaults(defaults: Loaded) -> Loaded:
    """A defaults file must be a mapping at its top level."""
    if not isinstance(defaults.data, dict):
        raise InputError.single(
            defaults.file,
            "默认值文件顶层应为若干“键: 值”",
            "按报告文件的写法写出各区县共用的字段，如 basis:、date:、next_steps:",
            line=1,
        )
    return defaults


def merge_defaults(district: Loaded, defaults: Loaded) -> Loaded:
    """The district's data with the defaults under it; marks and files follow each value's
    origin."""
    if not isinstance(district.data, dict) or not isinstance(defaults.data, dict):
        return district  # validation reports a file that is not a mapping
    merged = Loaded(
        district.file,
        None,
        dict(district.marks),
        dict(district.key_marks),
        dict(district.files),
        dict(district.sheets),
        dict(district.comments),
    )
    taken: list[Path_] = []
    merged.data = _merge(district.data, defaults.data, (), taken)
    if taken:
        _copy_origin(merged, defaults, taken)
    return merged


def _merge(mine: dict, theirs: dict, path: Path_, taken: list[Path_]) -> dict:
    out: dict[str, Any] = {}
    for key, value in mine.items():
        other = theirs.get(key)
        if isinstance(value, dict) and isinstance(other, dict):
            out[key] = _merge(value, other, (*path, key), taken)
        elif value is None and key in theirs:
            continue  # an empty value cancels the default
        else:
            out[key] = value
    for key, value in theirs.items():
        if key not in mine:
            out[key] = value
            taken.append((*path, key))
    return out


def _copy_origin(merged: Loaded, defaults: Loaded, taken: list[Path_]) -> None:
    roots = set(taken)

    def from_defaults(path: Path_) -> bool:
        return any(path[:n] in roots for n in range(1, len(path) + 1))

    for source, target in ((defaults.marks, merged.marks), (defaults.key_marks, merged.key_marks)):
        for path, mark in source.items():
            if from_defaults(path):
                target[path] = mark
    for path, name in defaults.files.items():
        if from_defaults(path):
            merged.files[path] = name
    for path, comment in defaults.comments.items():
        if from_defaults(path):
            merged.comments[path] = comment
    for root in taken:
        merged.files.setdefault(root, defaults.file_at(root))
