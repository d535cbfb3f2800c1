"""Every command of the real CLI under tools/fuzz.py's mutants: a seeded share of cases, run in
this process through click's CliRunner, each held to the fuzzer's oracle (exit 0/1/2, no
traceback or internal error, a failure naming its file, outputs whole or absent, a batch
rendering its good districts and listing its bad ones).

A longer run, in subprocesses: ``uv run python tools/fuzz.py --cases 400 --seed 1``. A failure
here names its seed and case; ``tools/fuzz.py --seed S --case N --only COMMAND --keep DIR``
replays it (case numbers count per command there as here).
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from support import ROOT

_spec = importlib.util.spec_from_file_location("fuzz", ROOT / "tools" / "fuzz.py")
assert _spec and _spec.loader
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz"] = fuzz  # dataclasses look their module up there
_spec.loader.exec_module(fuzz)

SEED = 9704
# Cases per command: about 15 s in all on this 2-core machine.
CASES = {
    "validate": 16,
    "render": 8,
    "batch": 4,
    "check": 12,
    "import": 10,
    "new": 10,
    "rollup": 4,
    "schema": 3,
}


def test_every_command_is_fuzzed():
    assert set(CASES) == set(fuzz.COMMANDS)


@pytest.mark.parametrize("command", list(CASES))
def test_the_cli_holds_under_fuzzing(tmp_path, command):
    counts, failures = fuzz.run_cases(
        SEED, list(range(CASES[command])), [command], tmp_path, run=fuzz.in_process
    )
    assert counts[command] == CASES[command]
    assert failures == []
