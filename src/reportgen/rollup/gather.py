"""YAML files and folders → one :class:`~.collect.District` per input, without rendering anything.

Inputs, defaults and the figures sheet are read as ``batch`` reads them
(:func:`reportgen.read.districts.prepare_inputs`), and each file takes the one path from YAML to a
validated report, :func:`reportgen.pipeline.load_report`, number checks included. A file that
fails becomes a failed district, with its located messages, so the overview lists it; a bug in
one file costs that file. Work is spread over worker processes (about 2 ms a district on one core).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportgenError, internal_error
from ..pipeline import Trace, load_report, render_source
from ..read.districts import prepare_inputs, stop_on_defaults
from ..read.loader import Loaded
from ..read.sheet import FigureSheet, region_key
from ..workers import cpu_count, run_jobs
from .collect import District, district_from_report, failed_district

__all__ = ["gather", "read_district", "render_districts"]

Progress = Callable[[int, int], None]


@dataclass
class _State:
    defaults: dict[str, Loaded] = field(default_factory=dict)  # folder ("" for all) → its file
    sheet: FigureSheet | None = None
    profile: str | Path | None = None  # the layout profile of files that name none


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
            profile=state.profile,
        )
        return district_from_report(report, source, trace.warnings)
    except ReportgenError as e:
        diagnostics = e.diagnostics
    except Exception as e:  # a bug must cost one district, not the others
        diagnostics = [internal_error(e, source)]
    region = region_key(trace.loaded.data, with_parent=True) if trace.loaded else ("", "")
    return failed_district(source, diagnostics, region)


def _one(job: tuple[int, str]) -> tuple[int, District]:
    index, source = job
    return index, read_district(source)


def gather(
    inputs: Sequence[str | Path],
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    sheet: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    profile: str | Path | None = None,
) -> list[District]:
    """Every district of ``inputs``, in input order. Raises InputError as ``batch`` does before
    any district (no district file; a broken defaults file or figures sheet) and when a problem
    lies in a defaults file (every district's problem, said once). ``profile`` is the layout
    profile of the files that name none, as ``batch --profile``."""
    prepared = prepare_inputs(inputs, defaults=defaults, figures=figures, sheet=sheet)
    state = _State(prepared.defaults, prepared.sheet, profile)
    work = [(i, str(p)) for i, p in enumerate(prepared.found.sources)]
    out: list[District | None] = [None] * len(work)
    for n, (i, district) in enumerate(_run(work, state, jobs), 1):
        out[i] = district
        if progress:
            progress(n, len(work))
    districts = [d for d in out if d is not None]
    stop_on_defaults((f for d in districts for f in d.failures), state.defaults)
    return districts


def _run(work: list[tuple[int, str]], state: _State, jobs: int | None):
    workers = max(1, min(jobs or cpu_count(), len(work) // 16 or 1))
    return run_jobs(_one, work, init=_init, state=state, workers=workers, max_chunk=64)


def render_districts(
    districts: Sequence[District],
    folder: Path,
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    sheet: str | None = None,
    template: str | Path | None = None,
    profile: str | Path | None = None,
) -> list[tuple[Path, str]]:
    """The .docx of every district that did not fail, rendered into ``folder`` (0.docx …) as
    ``batch`` renders it (with the same ``template`` and ``profile``), with its title: what the
    汇编 binds."""
    ok = [d for d in districts if d.ok]
    if not ok:
        return []
    prepared = prepare_inputs(
        [d.input for d in ok], defaults=defaults, figures=figures, sheet=sheet
    )
    out = []
    for i, d in enumerate(ok):
        data = render_source(
            d.input,
            defaults=prepared.defaults_for(d.input),
            figures=prepared.sheet,
            template=template,
            profile=profile,
        )
        path = folder / f"{i}.docx"
        path.write_bytes(data)
        out.append((path, d.title))
    return out
