"""Values left for the clerk to fill in: ``待填``, or ``待填 2023-04-01`` with a value proposed.

``reportgen new`` writes them where a skeleton or next year's file needs the clerk's value (a
required field, this year's figure, the date), and ``reportgen import`` where the document did not
say (a report without a date). Validation reports each one at its place as 待填写 — before any
other message about that value — so the file cannot be rendered until every one is filled.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["TO_FILL", "fill_mark", "placeholders", "proposed"]

TO_FILL = "待填"
_MARK = re.compile(r"待填写?(?:[\s\u3000：:]+(.*))?", re.S)


def fill_mark(proposal: str = "") -> str:
    """The placeholder text, with a proposed value after it when there is one."""
    return f"{TO_FILL} {proposal}" if proposal else TO_FILL


def proposed(value: Any) -> str | None:
    """The value proposed by a placeholder ("" for none), or None when ``value`` is not one."""
    if not isinstance(value, str) or TO_FILL not in value:  # the usual value: no pattern to try
        return None
    m = _MARK.fullmatch(value.strip())
    return None if m is None else (m.group(1) or "").strip()


def placeholders(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, proposal) of every placeholder in loaded data, in file order."""
    found: list[tuple[tuple, str]] = []
    _collect(data, path, found)
    return found


def _collect(data: Any, path: tuple, found: list[tuple[tuple, str]]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _collect(value, (*path, key), found)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _collect(value, (*path, i), found)
    else:
        proposal = proposed(data)
        if proposal is not None:
            found.append((path, proposal))
