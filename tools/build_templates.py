"""Write the shipped templates (templates/*.docx): the national profile's, built by
reportgen.render.templates_build. Run it after changing the layout or the builder:

    uv run python tools/build_templates.py

A test (tests/test_templates_fresh.py) checks that the shipped files are what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportgen.render.templates_build import KINDS, build

__all__ = ["build", "main"]

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    for kind in KINDS:
        (out / f"{kind}.docx").write_bytes(build(kind))
        print(f"wrote templates/{kind}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
