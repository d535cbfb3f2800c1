"""Where the shipped templates and data live: beside the package when installed, else the repo."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_dir", "templates_dir"]

_HERE = Path(__file__).resolve().parent


@cache  # the installation does not move while running; asked once per render
def _find(name: str) -> Path:
    for candidate in (_HERE / name, _HERE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reportgen's {name}/ folder is missing from the installation")


def templates_dir() -> Path:
    return _find("templates")


def data_dir() -> Path:
    return _find("data")
