"""Render many districts' reports in one run, each independent of the others.

``run_batch`` takes YAML files and folders of them and renders every district in worker
processes through :func:`reportgen.pipeline.render_source`, the path ``render`` takes too, adding
only its defaults (``_defaults.yaml`` in its folder, or one ``defaults`` file for all; see
:mod:`reportgen.read.defaults`), a figures spreadsheet (:mod:`reportgen.read.sheet`) and its own
write. A broken district is reported with its located messages and the rest are rendered.

Output files are named after the region (``越城区.docx``; the rules are in
:mod:`reportgen.output.names`). ``OUTDIR/manifest.csv`` (UTF-8 with BOM, for Excel) lists every
input, its output, status, error, and the number of warnings from the number checks.

An input that fails leaves no report behind: a report an earlier run wrote for it (found through
the previous manifest) is deleted, so the folder never holds a report that no longer matches
its YAML. Reports are deterministic: a rerun on the same input gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, InputError, OutputError, ReportgenError, internal_error
from .output.names import district_names
from .output.write import make_folders
from .pipeline import Trace, render_source
from .read.defaults import check_defaults
from .read.loader import Loaded, load_yaml
from .read.sheet import FigureSheet, load_figures, region_key
from .render.docx import load_template

__all__ = [
    "DEFAULTS_NAME",
    "MANIFEST_NAME",
    "BatchResult",
    "Outcome",
    "collect_inputs",
    "run_batch",
]

DEFAULTS_NAME = "_defaults.yaml"
MANIFEST_NAME = "manifest.csv"
_PARTIAL = ".reportgen-partial"
_MANIFEST_FIELDS = ("input", "region", "output", "status", "error", "warnings")


@dataclass
class Outcome:
    """What happened to one input."""

    input: str
    status: str = "error"  # "ok" or "error"
    region: str = ""
    output: str = ""  # file name inside the output folder
    failure: ReportgenError | None = None  # why it has no report
    notes: list[Diagnostic] = field(default_factory=list)  # warnings, such as an old report kept
    warnings: list[Diagnostic] = field(default_factory=list)  # the number checks' findings
    parent: str = field(default="", repr=False)
    figures_key: tuple[str, str] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Everything found about this input, as data."""
        return [*(self.failure.diagnostics if self.failure else ()), *self.notes, *self.warnings]

    @property
    def error(self) -> str:
        """The text shown for this input and written to the manifest ("" when all went well)."""
        return "\n".join([str(self.failure or ""), *map(str, self.notes)])

    def fail(self, error: ReportgenError) -> None:
        self.status, self.output, self.failure = "error", "", error


@dataclass
class BatchResult:
    outdir: Path
    outcomes: list[Outcome]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def manifest(self) -> Path:
        return self.outdir / MANIFEST_NAME


Progress = Callable[[int, int], None]


def collect_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the .yaml/.yml files of each folder (not its subfolders), in name order.

    Files whose name starts with ``_`` or ``.`` in a folder (such as ``_defaults.yaml``) are not
    districts. A path given twice is rendered once.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        found = [path]
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in (".yaml", ".yml")
                and not p.name.startswith(("_", "."))
                and p.is_file()
            )
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def run_batch(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    template: str | Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> BatchResult:
    """Render every input into outdir; see the module docstring. The number checks' warnings of
    each input are in its outcome's ``warnings`` (counted in the manifest); with ``strict`` an
    input with warnings fails instead.

    Raises InputError before rendering anything when the defaults file or the figures sheet is
    unusable (every district depends on them); problems of single districts end up in the result.
    """
    outdir = Path(outdir)
    sources = collect_inputs(inputs)
    if not sources:
        raise InputError.single(
            ", ".join(map(str, inputs)) or "(无)",
            "没有找到区县的 YAML 文件",
            "给出 .yaml 文件，或存放它们的文件夹（以 _ 开头的文件不算区县文件）",
        )
    state = _State(template=str(template) if template else None, strict=strict)
    if defaults is not None:
        state.defaults[""] = check_defaults(load_yaml(defaults))
    else:
        for folder in sorted({str(p.parent) for p in sources}):
            candidate = Path(folder) / DEFAULTS_NAME
            if candidate.is_file():
                state.defaults[folder] = check_defaults(load_yaml(candidate))
    if figures is not None:
        state.sheet = load_figures(figures)
    if template is not None:
        load_template(template)  # a missing or broken template fails once, before the districts do
    partial = outdir / _PARTIAL
    try:
        make_folders(partial)
    except OSError as e:
        raise OutputError.single(
            outdir.resolve(), f"无法创建输出文件夹：{e.strerror}", "检查路径和写入权限"
        ) from e
    previous = _read_manifest(outdir / MANIFEST_NAME)
    jobs_list = [(i, str(p), str(partial / f"{i}.docx")) for i, p in enumerate(sources)]
    outcomes: list[Outcome | None] = [None] * len(sources)
    try:
        for n, (i, outcome) in enumerate(_run(jobs_list, state, jobs), 1):
            outcomes[i] = outcome
            if progress:
                progress(n, len(sources))
        done = [o for o in outcomes if o is not None]
        if state.sheet is not None:
            done.extend(_check_sheet(state.sheet, done))
        _place(done, outdir, partial, previous)
        _write_manifest(outdir / MANIFEST_NAME, done)
    finally:
        _remove_tree(partial)
    return BatchResult(outdir, done)


# ---- one district, in a worker -------------------------------------------------------------


@dataclass
class _State:
    template: str | None = None
    defaults: dict[str, Loaded] = field(default_factory=dict)  # folder ("" for all) → its file
    sheet: FigureSheet | None = None
    strict: bool = False


_WORKER_STATE = _State()


def _init_worker(state: _State) -> None:
    global _WORKER_STATE
    _WORKER_STATE = state


def _render_one(job: tuple[int, str, str]) -> tuple[int, Outcome]:
    index, source, partial = job
    state = _WORKER_STATE
    outcome = Outcome(source)
    trace = Trace()
    try:
        data = render_source(
            source,
            template=state.template,
            defaults=state.defaults.get("") or state.defaults.get(str(Path(source).parent)),
            figures=state.sheet,
            trace=trace,
            strict=state.strict,
        )
        try:
            with open(partial, "wb") as f:
                f.write(data)
        except OSError as e:
            raise OutputError.single(
                partial, f"写入失败：{e.strerror}", "检查磁盘空间和写入权限"
            ) from None
        outcome.status = "ok"
    except ReportgenError as e:
        outcome.failure = type(e)(e.diagnostics)  # not its traceback, which holds all the data
    except Exception as e:  # a bug must cost one district, not the other 2,800
        outcome.failure = ReportgenError([internal_error(e, source)])
    if trace.loaded is not None:
        outcome.parent, outcome.region = region_key(trace.loaded.data, with_parent=True)
    if trace.figures_row is not None:
        outcome.figures_key = trace.figures_row.key
    outcome.warnings = trace.warnings
    return index, outcome


def _run(jobs_list: list, state: _State, jobs: int | None):
    workers = max(1, min(jobs or _cpu_count(), len(jobs_list)))
    if workers == 1:
        _init_worker(state)
        yield from map(_render_one, jobs_list)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    chunk = max(1, min(32, len(jobs_list) // (workers * 8)))
    with ctx.Pool(workers, initializer=_init_worker, initargs=(state,)) as pool:
        yield from pool.imap_unordered(_render_one, jobs_list, chunksize=chunk)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ---- after all districts: figures rows, names, stale files, manifest ----------------------


def _check_sheet(sheet: FigureSheet, outcomes: list[Outcome]) -> list[Outcome]:
    """Rows no district used are errors; so is a row two districts matched (name it by parent
    too)."""
    users: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        if o.figures_key is not None:
            users.setdefault(o.figures_key, []).append(o)
    for key, matched in users.items():
        if len(matched) > 1:
            for o in matched:
                others = "、".join(m.input for m in matched if m is not o)
                o.fail(
                    ReportgenError.single(
                        o.input,
                        f"数据表 {sheet.file} 中地区“{''.join(key)}”的一行同时对应 {others}",
                        "在数据表中加一列“上级地区”以区分同名地区",
                        path="region.name",
                        label="地区名称",
                    )
                )
    extra = []
    for key, rows in sheet.rows.items():
        if key not in users:
            shown = "、".join(f"第 {r.line} 行" for r in rows)
            unused = Diagnostic(
                file=sheet.file,
                line=rows[0].line,
                message=f"地区“{''.join(key)}”（{shown}）没有对应的区县文件"
                "（或该区县的文件未能读取，见上）",
                hint="检查地区名称是否与 region.name 一致，或删除这一行",
            )
            extra.append(Outcome(sheet.file, region="".join(key), failure=ReportgenError([unused])))
    return extra


def _place(outcomes: list[Outcome], outdir: Path, partial: Path, previous: dict[str, str]) -> None:
    index = {o.input: i for i, o in enumerate(outcomes)}
    ok = [o for o in outcomes if o.ok]
    for o, name in zip(
        ok, district_names([(o.region, o.parent, Path(o.input).stem) for o in ok]), strict=True
    ):
        o.output = name
    current = {o.output.casefold() for o in outcomes if o.ok}
    for o in outcomes:
        old = previous.get(_input_key(o.input))
        if (
            old
            and old.casefold() not in current
            and Path(old).name == old
            and old.lower().endswith(".docx")
        ):
            try:
                (outdir / old).unlink()
            except FileNotFoundError:
                pass
            except OSError as e:
                o.notes.append(
                    Diagnostic(
                        message=f"无法删除旧的报告 {outdir / old}：{e.strerror}"
                        "（可能正在 Word 中打开）",
                        severity="warning",
                    )
                )
        if o.ok:
            source = partial / f"{index[o.input]}.docx"
            try:
                os.replace(source, outdir / o.output)
            except OSError as e:
                o.fail(
                    OutputError.single(
                        outdir / o.output,
                        f"写入失败：{e.strerror}",
                        "文件是否正在 Word 中打开？关闭后重试",
                    )
                )


def _input_key(text: str) -> str:
    return os.path.abspath(
        text
    )  # not resolve(): realpath costs more than the rest of the bookkeeping


def _read_manifest(path: Path) -> dict[str, str]:
    """Input → output file of the previous run, to remove reports whose input now fails."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("input") and row.get("output"):
            out[_input_key(row["input"])] = row["output"]
    return out


def _write_manifest(path: Path, outcomes: list[Outcome]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_MANIFEST_FIELDS)
    for o in outcomes:
        writer.writerow([o.input, o.region, o.output, o.status, o.error, len(o.warnings)])
    try:
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    except OSError as e:
        raise OutputError.single(
            path.resolve(),
            f"无法写入清单：{e.strerror}",
            "文件是否正在 Excel 中打开？关闭后重试",
        ) from e


def _remove_tree(folder: Path) -> None:
    for p in folder.glob("*"):
        try:
            p.unlink()
        except OSError:
            pass
    try:
        folder.rmdir()
    except OSError:
        pass
