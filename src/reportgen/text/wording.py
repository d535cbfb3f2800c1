"""The house wording (data/wording.yaml): default titles, headings and generated sentences."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..resources import data_dir

__all__ = ["join_cn", "load_wording"]


@lru_cache(maxsize=8)
def load_wording(path: Path | None = None) -> dict[str, Any]:
    path = path or data_dir() / "wording.yaml"
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as e:
        raise InputError.single(
            path, f"无法读取措辞文件：{e}", "恢复 data/wording.yaml 或检查其格式"
        ) from e


def join_cn(parts: list[str]) -> str:
    """A、B和C — the way Chinese lists read."""
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]
