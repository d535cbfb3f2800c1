"""Fixtures shared by test modules: where things are, and reading a rendered .docx back as text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return Path(__file__).parent / "fixtures"


def read_docx_lines(path: str | Path) -> list[str]:
    """The body of a .docx in reading order: one line per non-empty paragraph, one per table row
    (cells joined by a tab). Empty paragraphs are spacing, which templates may change, so they are left out."""
    lines: list[str] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans.
                    if not cells or cell._tc is not getattr(cells[-1], "_tc", None):
                        cells.append(cell)
                lines.append("\t".join(c.text for c in cells))
        elif block.text.strip():
            lines.append(block.text)
    return lines


@pytest.fixture(scope="session")
def docx_lines():
    """read_docx_lines as a fixture, so test modules need not import conftest."""
    return read_docx_lines
