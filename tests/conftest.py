"""Fixtures shared by test modules: where things are, the known-good inputs, running the CLI,
reading a rendered .docx back as text, and the ``libreoffice`` marker.

The values behind them live in support.py, which a module imports only for what it needs at
import time (parametrize lists).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import support
from reportgen.output.pdf import find_soffice

_NO_SOFFICE = (
    "LibreOffice (soffice) is not installed: install libreoffice-writer-nogui (.ci/run does), "
    "or set REPORTGEN_SOFFICE to the soffice executable"
)


_NO_CHROMIUM = (
    "Chromium is not installed: install Debian's chromium package (.ci/run does), or set "
    "REPORTGEN_CHROMIUM to the browser's executable"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``libreoffice`` or ``browser`` are skipped, with the reason, where soffice or
    Chromium cannot be found (except in CI: see pytest_runtest_setup)."""
    if os.environ.get("CI"):
        return
    missing = {"libreoffice": find_soffice() is None and _NO_SOFFICE}
    missing["browser"] = support.chromium() is None and _NO_CHROMIUM
    for item in items:
        for marker, reason in missing.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """In CI (CI set) a test marked ``libreoffice`` or ``browser`` fails without soffice or
    Chromium, before its fixtures run: a broken install must not pass as a green run of skips."""
    if os.environ.get("CI") and item.get_closest_marker("libreoffice") and not find_soffice():
        pytest.fail(_NO_SOFFICE, pytrace=False)
    if os.environ.get("CI") and item.get_closest_marker("browser") and not support.chromium():
        pytest.fail(_NO_CHROMIUM, pytrace=False)


# ---- where things are ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return support.ROOT


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return support.EXAMPLES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return support.FIXTURES


# ---- known-good input ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def good_yaml() -> str:
    """tests/fixtures/minimal-rectification.yaml, a valid rectification report, as text."""
    return support.GOOD


@pytest.fixture(scope="session")
def good_sa_yaml() -> str:
    """tests/fixtures/minimal-self-assessment.yaml, a valid self-assessment report, as text."""
    return support.GOOD_SA


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the known-good rectification report at tmp_path/r.yaml, to render or spoil."""
    path = tmp_path / "r.yaml"
    path.write_text(support.GOOD, encoding="utf-8")
    return path


# ---- running reportgen -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def cli():
    """``cli("render", path, "-o", out)``: reportgen in this process; see support.run_cli."""
    return support.run_cli


@pytest.fixture(scope="session")
def cli_process():
    """``cli_process("validate", path)``: reportgen as a real process; see support.run_process."""
    return support.run_process


# ---- reading a .docx back ------------------------------------------------------------------


@pytest.fixture(scope="session")
def docx_lines():
    """support.read_docx_lines: a rendered .docx as lines of text."""
    return support.read_docx_lines
