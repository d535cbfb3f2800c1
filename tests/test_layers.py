"""Layers never import upward: each stage of src/reportgen imports only its own floor and below.

The floors read in the order data moves (README's developer map): text rules at the ground, then
reading input, the document model, rendering and checking, the pipeline, the batch, the shells.
Imports are read from the source (ast), including those made inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = ROOT / "src" / "reportgen"

# Lowest first; a stage may import stages on its own floor or below. Top-level modules are named
# without .py, packages by their folder.
FLOORS = [
    {"errors", "resources", "soffice", "command", "workers"},
    {"text"},
    {"read", "gbt9704"},
    {"model", "output"},
    {"render", "check", "start"},
    {"importer", "pipeline"},
    {"rollup"},
    {"batch"},
    {"web"},
    {"cli"},
]
FLOOR = {stage: n for n, stages in enumerate(FLOORS) for stage in stages}


def _stage(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imported_stages(path: Path) -> set[tuple[str, int]]:
    """(stage, line) of every import of another part of reportgen in ``path``."""
    package = list(path.relative_to(PACKAGE).parent.parts)
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                if not target:  # from . import name, at the package's top
                    target = [alias.name for alias in node.names]
            elif node.module and node.module.split(".")[0] == "reportgen":
                target = node.module.split(".")[1:] or [a.name for a in node.names]
            else:
                continue
            found.add((target[0], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "reportgen" and len(parts) > 1:
                    found.add((parts[1], node.lineno))
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if _stage(p) in FLOOR and p.name != "__main__.py")


def test_every_stage_is_on_a_floor():
    stages = {_stage(p) for p in PACKAGE.rglob("*.py")}
    assert stages - FLOOR.keys() <= {"__init__", "__main__"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_stage_above_it(path):
    me = _stage(path)
    upward = [
        f"{path.relative_to(PACKAGE)}:{line} imports {stage}/"
        for stage, line in sorted(_imported_stages(path))
        if stage in FLOOR and FLOOR[stage] > FLOOR[me]
    ]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The walk finds relative and absolute imports, inside functions too."""
    text = tmp_path / "text"
    text.mkdir()
    module = text / "rule.py"
    module.write_text(
        "from ..errors import InputError\n"
        "def f():\n"
        "    from ..read.loader import load_yaml\n"
        "import reportgen.model.schema\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path)
    assert _imported_stages(module) == {("errors", 1), ("read", 3), ("model", 4)}
