"""The shipped templates are what tools/build_templates.py builds, so a change to either shows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def _builder(root: Path):
    spec = importlib.util.spec_from_file_location(
        "build_templates", root / "tools" / "build_templates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["general", "self_assessment", "rectification"])
def test_shipped_template_is_the_built_one(root_dir, kind):
    built = _builder(root_dir).build(kind)
    shipped = (root_dir / "templates" / f"{kind}.docx").read_bytes()
    assert built == shipped, (
        f"templates/{kind}.docx is stale: run `uv run python tools/build_templates.py`"
    )
