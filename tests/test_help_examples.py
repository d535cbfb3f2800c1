"""Every command's --help shows examples a clerk can copy and paste: each line ``uv run reportgen
…`` runs as printed, in order, in a folder holding a copy of examples/ (as the README has the
clerk run them, from the reportgen folder), and succeeds.

A few lines stand for the clerk's own file (去年的报告.docx); they are listed in ``OWN_FILES``
and the same --help must then have a line that does run. ``serve`` opens a web server, so its
lines are only checked for the files they name. Lines that need LibreOffice (--pdf, --layout,
--compile) run in the test marked ``libreoffice``.
"""

from __future__ import annotations

import glob
import shlex
import shutil
from pathlib import Path

import pytest

from support import run_cli

PREFIX = "uv run reportgen "
COMMANDS = ["render", "validate", "batch", "check", "import", "new", "rollup", "schema", "serve"]
# Files in an example that stand for the clerk's own (the line says to use one's own file).
OWN_FILES = ("去年的报告.docx", "网页复制.txt")
NEEDS_OFFICE = ("--pdf", "--layout", "--compile")


def examples(*command: str) -> list[str]:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    return [line[len(PREFIX) :] for line in lines if line.startswith(PREFIX)]


@pytest.fixture
def workdir(tmp_path: Path, root_dir: Path, monkeypatch) -> Path:
    shutil.copytree(root_dir / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_example(line: str) -> None:
    """One example line as a shell would run it: globs expanded, ``> FILE`` written."""
    words, _, redirect = line.partition(" > ")
    args: list[str] = []
    for word in shlex.split(words):
        args += sorted(glob.glob(word)) if "*" in word else [word]
    result = run_cli(*args)
    assert result.exit_code == 0, f"{PREFIX}{line}\n{result.output}"
    if redirect:
        Path(redirect.strip()).write_text(result.stdout, encoding="utf-8")


def runnable(lines: list[str], office: bool) -> list[str]:
    return [
        line
        for line in lines
        if not any(own in line for own in OWN_FILES)
        and (office or not any(flag in line.split() for flag in NEEDS_OFFICE))
    ]


def test_the_top_level_help_examples_run(workdir):
    lines = examples()
    assert lines
    for line in lines:
        run_example(line)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "serve"])
def test_every_help_example_runs(workdir, command):
    lines = examples(command)
    ours = [line for line in runnable(lines, office=True) if line.split()[0] == command]
    assert ours, "at least one example of the command itself must run as printed"
    for line in runnable(lines, office=False):
        run_example(line)
    if command == "schema":
        assert Path("reportgen.schema.json").read_text(encoding="utf-8").startswith("{")


@pytest.mark.libreoffice
@pytest.mark.parametrize("command", ["render", "check", "batch", "rollup"])
def test_every_help_example_with_libreoffice_runs(workdir, command):
    lines = runnable(examples(command), office=True)
    assert any(flag in line.split() for line in lines for flag in NEEDS_OFFICE)
    for line in lines:
        run_example(line)


def test_serve_examples_name_files_that_exist(workdir):
    lines = examples("serve")
    assert "serve" in lines
    for line in lines:
        for word in shlex.split(line)[1:]:
            if "/" in word or word.endswith(".yaml"):
                assert Path(word).exists(), line
