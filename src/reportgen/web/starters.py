"""The ways a report starts on the page, as ``reportgen new`` and ``reportgen import`` start one:
a kind's commented skeleton (:func:`~reportgen.start.skeleton.skeleton`), or a Word or text
document read and recognised (:func:`~reportgen.importer.to_yaml.import_source`). Each gives YAML
text for the editor and what the clerk must be told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..importer.source import read_path
from ..importer.to_yaml import import_source
from ..model.schema import KINDS
from ..start.skeleton import skeleton

__all__ = ["import_document", "new_report"]


def new_report(kind: str) -> dict[str, Any]:
    """A blank report of ``kind``: its skeleton, named for the kind."""
    return {"text": skeleton(kind), "name": f"新{KINDS[kind].split('/')[0]}.yaml", "notes": []}


def import_document(path: Path) -> dict[str, Any]:
    """An uploaded document as YAML text, named after it, with the importer's notes (what was
    left out or guessed; its own mistakes, which the check lists too)."""
    name = f"{path.stem}.yaml"
    result = import_source(read_path(path), name)
    notes = list(result.messages)
    if result.to_fill:
        notes.append(
            f"原文缺少 {len(result.to_fill)} 项，已写成“待填”，补写后才能生成（右侧逐项列出）"
        )
    if result.problems:
        notes.append(
            f"导入的文件未通过检查（{len(result.problems)} 处），这是导入程序的缺陷，"
            "请把原文件发给维护者；可先按右侧的提示修改"
        )
    return {"text": result.text, "name": name, "kind": result.kind, "notes": notes}
