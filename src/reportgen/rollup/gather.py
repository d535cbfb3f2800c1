"""YAML files and folders → one :class:`~.collect.District` per input, without rendering anything.

Inputs are found as ``batch`` finds them (folders' .yaml files, ``_defaults.yaml`` under each
district, a figures sheet), and each file takes the one path from YAML to a validated report,
:func:`reportgen.pipeline.load_report`, number checks included. A file that fails becomes a failed
district, with its located messages, so the overview lists it; a bug in one file costs that file.
Work is spread over worker processes (about 2 ms a district on one core).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import DEFAULTS_NAME, collect_inputs
from ..errors import InputError, ReportgenError, internal_error
from ..pipeline import Trace, load_report
from ..read.defaults import check_defaults
from ..read.loader import Loaded, load_yaml
from ..read.sheet import FigureSheet, load_figures, region_key
from .collect import District, district_from_report, failed_district

__all__ = ["gather"]

Progress = Callable[[int, int], None]


@dataclass
class _State:
    defaults: dict[str, Loaded] = field(default_factory=dict)  # folder ("" for all) → its file
    sheet: FigureSheet | None = None


_STATE = _State()


def _init(state: _State) -> None:
    global _STATE
    _STATE = state


def read_district(source: str, state: _State | None = None) -> District:
    """One input as a district record (failed or not); never raises for the file's own faults."""
    state = state or _STATE
    trace = Trace()
    try:
        report = load_report(
            source,
            defaults=state.defaults.get("") or state.defaults.get(str(Path(source).parent)),
            figures=state.sheet,
            trace=trace,
        )
        return district_from_report(report, source, trace.warnings)
    except ReportgenError as e:
        diagnostics = e.diagnostics
    except Exception as e:  # a bug must cost one district, not the others
        diagnostics = [internal_error(e, source)]
    region = region_key(trace.loaded.data, with_parent=True) if trace.loaded else ("", "")
    text = "\n".join(map(str, diagnostics))
    return failed_district(source, diagnostics, text, region)


def _one(job: tuple[int, str]) -> tuple[int, District]:
    index, source = job
    return index, read_district(source)


def gather(
    inputs: Sequence[str | Path],
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[District]:
    """Every district of ``inputs``, in input order. Raises InputError when there is no district
    file at all, or when the defaults file or figures sheet every district depends on is broken."""
    sources = collect_inputs(inputs)
    if not sources:
        raise InputError.single(
            ", ".join(map(str, inputs)) or "(无)",
            "没有找到区县的 YAML 文件",
            "给出 .yaml 文件，或存放它们的文件夹（以 _ 开头的文件不算区县文件）",
        )
    state = _State()
    if defaults is not None:
        state.defaults[""] = check_defaults(load_yaml(defaults))
    else:
        for folder in sorted({str(p.parent) for p in sources}):
            candidate = Path(folder) / DEFAULTS_NAME
            if candidate.is_file():
                state.defaults[folder] = check_defaults(load_yaml(candidate))
    if figures is not None:
        state.sheet = load_figures(figures)
    work = [(i, str(p)) for i, p in enumerate(sources)]
    out: list[District | None] = [None] * len(work)
    for n, (i, district) in enumerate(_run(work, state, jobs), 1):
        out[i] = district
        if progress:
            progress(n, len(work))
    return [d for d in out if d is not None]


def _run(work: list[tuple[int, str]], state: _State, jobs: int | None):
    workers = max(1, min(jobs or _cpu_count(), len(work) // 16 or 1))
    if workers == 1:
        _init(state)
        yield from map(_one, work)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    chunk = max(1, min(64, len(work) // (workers * 8)))
    with ctx.Pool(workers, initializer=_init, initargs=(state,)) as pool:
        yield from pool.imap_unordered(_one, work, chunksize=chunk)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
