"""Chinese lists: how several names read in one sentence (A、B和C)."""

from __future__ import annotations

__all__ = ["join_cn"]


def join_cn(parts: list[str]) -> str:
    """A、B和C — the way Chinese lists read."""
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]
