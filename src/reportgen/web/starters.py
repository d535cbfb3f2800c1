"""The ways a report starts on the page, as ``reportgen new`` and ``reportgen import`` start one:
a kind's commented skeleton (:func:`~reportgen.start.skeleton.skeleton`), next year's file from
last year's (:func:`~reportgen.start.rollover.roll_forward_text`, as ``new --from``), or a Word or
text document read and recognised (:func:`~reportgen.importer.to_yaml.import_source`). Each gives
YAML text for the editor and what the clerk must be told."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from ..importer.source import read_path
from ..importer.to_yaml import import_source
from ..model.schema import KINDS
from ..start.rollover import roll_forward_text
from ..start.skeleton import skeleton

__all__ = ["import_document", "new_report", "next_year"]


def new_report(kind: str) -> dict[str, Any]:
    """A blank report of ``kind``: its skeleton, named for the kind."""
    return {"text": skeleton(kind), "name": f"新{KINDS[kind].split('/')[0]}.yaml", "notes": []}


def next_year(text: str, name: str, year: int | None) -> dict[str, Any]:
    """Next year's file from last year's text ``name`` (a path in the folder, or an uploaded
    file's name), named as the clerk would name it: the old year in the name replaced by the new
    (越城区2022.yaml → 越城区2023.yaml), else the new year added, in the same folder."""
    rolled = roll_forward_text(text, name, year, how="网页上“由上一年的文件生成”")
    path = PurePosixPath(name)
    stem, old = path.stem, rolled.previous_year
    if old is not None and str(old) in stem:
        stem = stem.replace(str(old), str(rolled.year))
    else:
        stem = f"{stem}{rolled.year}"
    notes = [*rolled.todo, "新文件还没有保存：点“保存到文件夹…”或“下载 YAML”"]
    return {
        "text": rolled.text,
        "name": str(path.with_name(f"{stem}{path.suffix or '.yaml'}")),
        "notes": notes,
        "notes_title": f"生成 {rolled.year} 年的文件：需要更新",
    }


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
