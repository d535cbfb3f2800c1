"""Developer aid: print the outline recognised in a file (or standard input with "-").

    uv run python -m reportgen.importer last-year.docx

Not a clerk's command: clerks use ``uv run reportgen import``, which writes the YAML.
"""

from __future__ import annotations

import sys

from ..errors import ReportgenError
from .recognize import recognise
from .show import dump
from .source import read_path, read_stdin


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        source = read_stdin() if argv[0] == "-" else read_path(argv[0])
        print(dump(recognise(source)))
    except ReportgenError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
