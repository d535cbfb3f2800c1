"""A message or generated header that names a command spells it as the clerk types it.

Clerks run reportgen from its folder as ``uv run reportgen …`` (README); a hint copied from a
message that said ``reportgen validate …`` got "command not found". Every such text is built by
reportgen/command.py; this reads the source for any that is not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.command import command
from support import ROOT

PACKAGE = ROOT / "src" / "reportgen"
COMMANDS = "validate|render|new|check|batch|rollup|import|serve|schema"
BARE = re.compile(rf"(?<!uv run )\breportgen ({COMMANDS})\b")


def _said(path: Path) -> list[tuple[int, str]]:
    """String literals a clerk may read: all but docstrings, except a CLI command's docstring
    (its --help)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            help_text = path.name == "cli.py" and bool(getattr(node, "decorator_list", None))
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and not help_text
            ):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_message_names_a_command_the_clerk_cannot_type():
    bare = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _said(path)
        if BARE.search(text)
    ]
    assert bare == []


def test_the_hint_after_new_can_be_copied_into_the_terminal(tmp_path):
    target = tmp_path / "我的文件.yaml"
    result = CliRunner().invoke(cli, ["new", "general", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"已生成 {target}：把“待填”换成实际内容，再运行 uv run reportgen validate {target}\n"
    )
    head = target.read_text(encoding="utf-8").splitlines()[:2]
    assert head[1] == "# “待填”处是必填项：换成实际内容（uv run reportgen validate 会逐个指出）。"
    assert command("validate a.yaml") == "uv run reportgen validate a.yaml"
