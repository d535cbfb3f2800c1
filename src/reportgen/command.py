"""How a message or a generated file's header spells a reportgen command: as the clerk types it.

Clerks run reportgen from its folder as ``uv run reportgen …`` (README); a hint that says only
``reportgen validate 文件.yaml`` gets "command not found" when copied into the terminal. Every
message that names a command builds it here.
"""

from __future__ import annotations

__all__ = ["RUN", "command"]

RUN = "uv run reportgen"


def command(words: str) -> str:
    """``validate 我的文件.yaml`` → ``uv run reportgen validate 我的文件.yaml``."""
    return f"{RUN} {words}"
