"""What a number check finds: a warning about one place in the report, as data.

A ``Finding`` points into the validated report by path (``loc``, the same path the loaded YAML
uses, so it has a line and column), names the field in Chinese, and says what is wrong with the
numbers quoted and the arithmetic shown, and how to fix it. ``refs`` are other places the message
mentions (the first time a quantity was given); :func:`locate` writes them as line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...read.loader import dotted_path

__all__ = ["REF", "Finding"]

# Stands in a message for the place of refs[i] until it is located (control characters never
# reach a report's text: the loader drops them).
REF = "\x00"

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    loc: Loc
    label: str  # the field's Chinese name: 正文, 分点, 数值 …
    message: str  # what is wrong, numbers quoted and arithmetic shown
    hint: str = ""  # how to fix it
    check: str = ""  # which check: sum, growth, rate, direction, points, same, relation, …
    refs: tuple[Loc, ...] = field(default=())
    severity: str = "warning"

    def text(self, where: list[str] | None = None) -> str:
        """The message with each reference written as ``where`` gives it (default: its path)."""
        out = self.message
        for w in where if where is not None else [dotted_path(r) for r in self.refs]:
            out = out.replace(REF, w, 1)
        return out
