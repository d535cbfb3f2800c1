"""Running the CLI in tests: through click's CliRunner, never with a traceback."""

from __future__ import annotations

from click.testing import CliRunner, Result

from reportgen.cli import cli


def run(runner: CliRunner, *args) -> Result:
    """Invoke ``reportgen ARGS``; a traceback or an exception other than SystemExit fails the test."""
    result = runner.invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result
