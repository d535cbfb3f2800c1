"""Render many districts' reports in one run, each independent of the others.

``run_batch`` takes YAML files and folders of them and renders every district in worker
processes through :func:`reportgen.pipeline.render_source`, the path ``render`` takes too, adding
only its defaults (``_defaults.yaml`` in its folder, or one ``defaults`` file for all; see
:mod:`reportgen.read.defaults`), a figures spreadsheet (:mod:`reportgen.read.sheet`) and its own
write. Which files are districts is the rule of :mod:`reportgen.read.districts`. A broken district
is reported with its located messages and the rest are rendered.

What stops the whole batch before anything is written or moved: a defaults file that cannot be
read, or any problem located in a defaults file (one error, said once, not once per district); a
folder whose defaults file is misnamed (``_default.yaml``); an unusable figures sheet or template.

Output files are named after the region (``越城区.docx``; the rules are in
:mod:`reportgen.output.names`), in an order that does not depend on the order files are read.
Two files for the same report (same region, kind and year: a stray ``南湖区 - 副本.yaml``) are one
error naming both, and neither is rendered.

``OUTDIR/manifest.csv`` (UTF-8 with BOM, for Excel) lists every input and every report file in
the folder, one row each, with Chinese headers (:data:`MANIFEST_FIELDS`, statuses in
:data:`STATUS`). The folder and the manifest agree: a report of an earlier run that no longer
matches an input (its district now fails, its file was deleted or renamed, its name changed) is
moved to ``OUTDIR/_旧报告/``, never deleted, and the move is said in the output and the
manifest. Reports of districts that are not part of this run (a rerun of one corrected district)
stay, and so do their manifest rows. Reports are deterministic: a rerun on the same input gives
byte-identical files.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import (
    ConversionError,
    Diagnostic,
    OutputError,
    ReportgenError,
    internal_error,
)
from .output.names import district_names
from .output.pdf_many import convert_many
from .output.write import make_folders, os_reason
from .pipeline import Trace, render_source
from .read.districts import Inputs, prepare_inputs, stop_on_defaults
from .read.loader import Loaded
from .read.profile import load_profile
from .read.sheet import FigureSheet, region_key
from .render.docx import load_template
from .rollup.collect import District, district_from_report, failed_district
from .workers import cpu_count, run_jobs

__all__ = [
    "MANIFEST_FIELDS",
    "MANIFEST_NAME",
    "OLD_REPORTS",
    "STATUS",
    "BatchResult",
    "Outcome",
    "run_batch",
]

MANIFEST_NAME = "manifest.csv"
OLD_REPORTS = "_旧报告"  # where reports that no longer match an input are moved
_PARTIAL = ".reportgen-partial"
# 输入文件: the YAML (or the sheet, or a file not read) as given; 地区; 报告文件: the .docx in the
# output folder; 状态 (see STATUS); 旧报告: where an earlier report for this row was moved this
# run; 警告: how many warnings; 说明: every error and warning, one a line, then notes.
MANIFEST_FIELDS = ("输入文件", "地区", "报告文件", "状态", "旧报告", "警告", "说明")
STATUS = {
    "ok": "已生成",  # the report was written this run
    "error": "出错",  # no report: see 说明
    "skipped": "未读取",  # a file in the folder that looks like a district's but was not read
    "moved": "已移走",  # an earlier report whose input is gone, moved to _旧报告/
    "kept": "上次生成",  # a district not in this run: its report and row from an earlier run
    "kept-error": "上次出错",  # likewise, where the earlier run failed
    "stray": "来源不明",  # a .docx in the folder that no manifest lists; left as it is
    "stuck": "未能移走",  # an earlier report to move aside that the system kept (open in Word?)
    "sheet": "数据表",  # the figures sheet: what was read, its warnings
}
_FROM_TEXT = {text: code for code, text in STATUS.items()} | {"ok": "ok", "error": "error"}


@dataclass
class Outcome:
    """What happened to one input (or one report file, or the figures sheet): one manifest row."""

    input: str
    status: str = "error"  # a key of STATUS
    region: str = ""
    output: str = ""  # file name inside the output folder
    failure: ReportgenError | None = None  # why it has no report
    notes: list[Diagnostic] = field(default_factory=list)  # warnings, such as an old report moved
    info: list[str] = field(default_factory=list)  # what was done, not a problem
    moved: str = ""  # where an earlier report for this input went (inside the output folder)
    parent: str = field(default="", repr=False)
    identity: tuple = field(default=(), repr=False)  # (parent, region, kind, year) as written
    figures_key: tuple[str, str] | None = field(default=None, repr=False)
    figures_missing: Diagnostic | None = field(default=None, repr=False)
    carried: dict[str, str] | None = field(default=None, repr=False)  # an earlier manifest row
    district: District | None = field(default=None, repr=False)  # for the roll-up (--summary)
    ledger: bool = field(default=False, repr=False)  # its ledger .xlsx was written (--ledgers)
    pdf_failed: bool = field(default=False, repr=False)  # --pdf: the conversion failed (see notes)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Everything found about this input, as data."""
        return [*(self.failure.diagnostics if self.failure else ()), *self.notes]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity != "warning"]

    @property
    def error(self) -> str:
        """Every error and warning about this input, one a line ("" when all went well): the
        manifest's 说明 and what the batch prints."""
        return "\n".join(map(str, self.diagnostics))

    def fail(self, error: ReportgenError) -> None:
        self.status, self.output, self.failure = "error", "", error


@dataclass
class BatchResult:
    outdir: Path
    outcomes: list[Outcome]  # every manifest row, inputs first
    notes: list[str] = field(default_factory=list)  # what was read (sheet, header row …)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "error"]

    @property
    def written(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for o in self.outcomes for d in o.warnings]

    @property
    def districts(self) -> list[District]:
        """The roll-up's records of the inputs (with ``summary``), failed ones too, input order."""
        out = []
        for o in self.outcomes:
            if o.district is None:
                continue
            if o.status == "error" and o.district.ok:  # failed after rendering (two copies …)
                where = (o.district.parent, o.district.region)
                out.append(failed_district(o.input, o.errors, where))
            else:
                out.append(o.district)
        return out

    @property
    def pdf_failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.pdf_failed]

    @property
    def moved(self) -> list[str]:
        """Reports moved to _旧报告/ this run (paths inside the output folder)."""
        return [o.moved for o in self.outcomes if o.moved]

    @property
    def manifest(self) -> Path:
        return self.outdir / MANIFEST_NAME


Progress = Callable[[int, int], None]


# ---- the batch -------------------------------------------------------------------------------


def run_batch(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    defaults: str | Path | None = None,
    figures: str | Path | None = None,
    sheet: str | None = None,
    template: str | Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    profile: str | Path | None = None,
    summary: bool = False,
    ledgers: bool = False,
    pdf: bool = False,
    pdf_progress: Progress | None = None,
) -> BatchResult:
    """Render every input into outdir; see the module docstring. Each input's warnings (the
    number checks', the figures sheet's) are in its outcome's ``warnings`` (counted in the
    manifest); with ``strict`` an input with warnings fails instead. ``profile`` lays out every
    input that names no profile of its own.

    With ``summary`` each input's outcome carries its roll-up record (``result.districts``);
    with ``ledgers`` a report with measures gets its 整改台账 as .xlsx beside it (``越城区.xlsx``,
    rollup/workbook.ledger_workbook, overdue as of the report's date); with ``pdf`` every report
    written gets its PDF beside it, converted by a few long-lived LibreOffice processes
    (output/pdf_many); a conversion that fails is said in the manifest's 说明 and the others go on.

    Raises InputError before anything is written or moved when the defaults file, the figures
    sheet or the template is unusable (every district depends on them); problems of single
    districts end up in the result.
    """
    outdir = Path(outdir)
    prepared = prepare_inputs(inputs, defaults=defaults, figures=figures, sheet=sheet)
    found = prepared.found
    skipped = [Outcome(d.file, status="skipped", notes=[d]) for d in prepared.skipped]
    state = _State(
        template=str(template) if template else None,
        defaults=prepared.defaults,
        sheet=prepared.sheet,
        strict=strict,
        profile=str(profile) if profile else None,
        summary=summary,
        ledgers=ledgers,
    )
    if profile is not None:
        load_profile(profile)  # a missing or broken profile fails once, before the districts do
    if template is not None:
        load_template(template)  # a missing or broken template fails once, before the districts do
    partial = outdir / _PARTIAL
    try:
        make_folders(partial)
    except OSError as e:
        what, hint = os_reason(e, "检查路径和写入权限")
        raise OutputError.single(outdir.resolve(), f"无法创建输出文件夹：{what}", hint) from e
    try:
        previous = _read_manifest(outdir / MANIFEST_NAME)
        sources = found.sources
        jobs_list = [(i, str(p), str(partial / f"{i}.docx")) for i, p in enumerate(sources)]
        outcomes: list[Outcome | None] = [None] * len(sources)
        for n, (i, outcome) in enumerate(_run(jobs_list, state, jobs), 1):
            outcomes[i] = outcome
            if progress:
                progress(n, len(sources))
        done = [o for o in outcomes if o is not None]
        stop_on_defaults((d for o in done for d in o.errors), state.defaults)
        notes: list[str] = []
        rows = list(done)
        if state.sheet is not None:
            rows.append(_check_sheet(state.sheet, done))
            notes = rows[-1].info
        _check_twins(done)
        rows += skipped
        rows += _place(done, outdir, partial, previous, found)
        if pdf:
            _convert(done, outdir, jobs, pdf_progress)
        _retire_siblings(done, outdir, pdf)
        _write_manifest(outdir / MANIFEST_NAME, rows)
    finally:
        _remove_tree(partial)
    return BatchResult(outdir, rows, notes)


# ---- one district, in a worker -------------------------------------------------------------


@dataclass
class _State:
    template: str | None = None
    defaults: dict[str, Loaded] = field(default_factory=dict)  # folder ("" for all) → its file
    sheet: FigureSheet | None = None
    strict: bool = False
    profile: str | None = None
    summary: bool = False
    ledgers: bool = False


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
            profile=state.profile,
        )
        files: list[tuple[str | Path, bytes]] = [(partial, data)]
        if state.summary or state.ledgers:
            district = district_from_report(trace.report, source, trace.warnings)
            outcome.district = district
            if state.ledgers and district.measures:
                # openpyxl only when ledgers are asked for: it is a fifth of every batch's start-up
                from .rollup.workbook import ledger_workbook

                files.append((_sibling(partial, ".xlsx"), ledger_workbook(district)))
                outcome.ledger = True
        for path, content in files:
            try:
                with open(path, "wb") as f:
                    f.write(content)
            except OSError as e:
                raise OutputError.single(
                    path, f"写入失败：{e.strerror}", "检查磁盘空间和写入权限"
                ) from None
        outcome.status = "ok"
    except ReportgenError as e:
        outcome.failure = type(e)(e.diagnostics)  # not its traceback, which holds all the data
    except Exception as e:  # a bug must cost one district, not the other 2,800
        outcome.failure = ReportgenError([internal_error(e, source)])
    outcome.notes = list(trace.warnings)
    if trace.loaded is not None:
        data = trace.loaded.data
        outcome.parent, outcome.region = region_key(data, with_parent=True)
        if outcome.region:
            outcome.identity = (
                outcome.parent,
                outcome.region,
                str(data.get("kind")),
                str(data.get("year")),
            )
    if trace.figures_row is not None:
        outcome.figures_key = trace.figures_row.key
    outcome.figures_missing = trace.figures_missing
    if state.summary and outcome.failure is not None:
        where = (outcome.parent, outcome.region)
        outcome.district = failed_district(source, outcome.failure.diagnostics, where)
    return index, outcome


def _sibling(path: str | Path, suffix: str) -> Path:
    """The ledger or PDF beside a report: same name, another suffix."""
    return Path(path).with_suffix(suffix)


_SIBLINGS = (".xlsx", ".pdf")  # files beside a report that go where it goes


def _run(jobs_list: list, state: _State, jobs: int | None):
    workers = max(1, min(jobs or cpu_count(), len(jobs_list)))
    return run_jobs(
        _render_one, jobs_list, init=_init_worker, state=state, workers=workers, max_chunk=32
    )


# ---- after all districts: defaults, figures rows, twins -------------------------------------


def _check_sheet(sheet: FigureSheet, outcomes: list[Outcome]) -> Outcome:
    """The sheet's own row in the manifest. A row two districts matched is an error for both; a
    district without a row whose name is close to an unused row's is told "是否应为…？" (one
    error, not two); rows no district used are noted, not errors (a rerun of one district)."""
    users: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        if o.figures_key is not None:
            users.setdefault(o.figures_key, []).append(o)
    for key, matched in users.items():
        if len(matched) > 1 and len({o.identity for o in matched}) > 1:
            row = sheet.rows[key][0]
            for o in matched:
                others = "、".join(m.input for m in matched if m is not o)
                o.fail(
                    ReportgenError.single(
                        o.input,
                        f"数据表 {sheet.file} 第 {row.line} 行（地区“{''.join(key)}”）"
                        f"同时对应 {others}",
                        "在数据表中加一列“上级地区”以区分同名地区",
                        path="region.name",
                        label="地区名称",
                    )
                )
    unused = {key: rows for key, rows in sheet.rows.items() if key not in users}
    for o in outcomes:
        if o.figures_missing is None or o.failure is None:
            continue
        wanted = (o.parent if sheet.with_parent else "", o.region)
        near = _closest(wanted, unused, sheet.with_parent)
        if near is None:
            continue
        row = unused.pop(near)[0]
        joined = _misspelt(sheet, o.figures_missing, wanted[1], near[1], row.line)
        o.failure = type(o.failure)(
            [joined if d == o.figures_missing else d for d in o.failure.diagnostics]
        )
    own = Outcome(sheet.file, status="sheet", notes=list(sheet.warnings), info=list(sheet.notes))
    if unused:
        listed = [f"{''.join(k)}（第 {rows[0].line} 行）" for k, rows in unused.items()]
        shown = "、".join(listed[:8]) + (f" 等 {len(listed)} 个" if len(listed) > 8 else "")
        own.info.append(f"数据表中这些地区本次没有生成报告（不是错误）：{shown}")
    return own


def _closest(
    wanted: tuple[str, str], unused: dict[tuple[str, str], list], with_parent: bool
) -> tuple[str, str] | None:
    """The unused row's key whose name is nearly the district's (清西县 for 清溪县)."""
    parent, name = wanted
    if not name:
        return None
    best, score = None, 0.0
    for key in unused:
        if with_parent and key[0] != parent:
            continue
        ratio = difflib.SequenceMatcher(None, name, key[1]).ratio()
        if ratio > score:
            best, score = key, ratio
    return best if score >= 0.6 else None


def _misspelt(
    sheet: FigureSheet, missing: Diagnostic, name: str, written: str, line: int
) -> Diagnostic:
    cell = Diagnostic(message="", **sheet.where(line, sheet.region_column)).cell
    return Diagnostic(
        file=missing.file,
        line=missing.line,
        column=missing.column,
        path=missing.path,
        label=missing.label,
        message=f"数据表 {sheet.file} 中没有地区“{name}”的一行；{cell.strip()} 写的是“{written}”",
        hint=f"是否应为{name}？改正数据表中的名称（或 region.name），两处一致即可",
    )


def _check_twins(outcomes: list[Outcome]) -> None:
    """Two files for the same report (region, kind and year) are one error naming both: neither
    is rendered, and which name each would get never depends on the order files are read."""
    by_identity: dict[tuple, list[Outcome]] = {}
    for o in outcomes:
        if o.identity:
            by_identity.setdefault(o.identity, []).append(o)
    for identity, twins in by_identity.items():
        if len(twins) < 2:
            continue
        files = sorted(o.input for o in twins)
        copies = [f for f in files if _looks_like_copy(Path(f).stem)]
        hint = (
            "删除多余的副本" + "、".join(f"“{Path(f).name}”" for f in copies)
            if copies and len(copies) < len(files)
            else "只保留其中一个文件（同一地区同一年度的同一种报告只能有一个）"
        )
        twin = Diagnostic(
            message=f"{'、'.join(files)} 是同一份报告（{identity[0]}{identity[1]}，"
            f"{identity[3]} 年度）的 {len(files)} 个文件，都没有生成",
            hint=hint,
        )
        for o in twins:
            o.fail(ReportgenError([twin]))


_COPY = re.compile(r"副本|copy|[（(]\d+[）)]$|\s-\s|备份|拷贝|旧", re.IGNORECASE)


def _looks_like_copy(stem: str) -> bool:
    return bool(_COPY.search(stem))


# ---- names, earlier reports, manifest ------------------------------------------------------


def _naming(o: Outcome) -> tuple[str, str, str]:
    """What names a district's output: its region, or the input file's name when it has none
    (a general document need not name a region)."""
    stem = Path(o.input).stem
    return (o.region or stem, o.parent, stem)


def _place(
    outcomes: list[Outcome],
    outdir: Path,
    partial: Path,
    previous: dict[str, dict[str, str]],
    found: Inputs,
) -> list[Outcome]:
    """Name the reports, move earlier reports that no longer match an input to _旧报告/, then
    move the new ones in. Returns the manifest rows for earlier reports (moved, kept) and for
    .docx files no manifest lists."""
    index = {o.input: i for i, o in enumerate(outcomes)}
    ok = sorted((o for o in outcomes if o.ok), key=lambda o: (o.region, o.parent, o.input))
    for o, name in zip(ok, district_names([_naming(o) for o in ok]), strict=True):
        o.output = name
    current = {o.output.casefold() for o in ok}
    this_run = {_input_key(o.input) for o in outcomes}
    scanned = {_input_key(str(f)) for f in found.folders}
    extra: list[Outcome] = []
    listed = set(current)
    for o in outcomes:
        old = previous.get(_input_key(o.input), {}).get("output", "")
        if _is_report_name(old) and old.casefold() not in current:
            why = "本次出错" if not o.ok else f"报告改名为 {o.output}"
            o.moved = _move_aside(outdir, old, o, why)
            if not o.moved and (outdir / old).is_file():
                extra.append(Outcome(o.input, status="stuck", region=o.region, output=old))
                listed.add(old.casefold())
    for key, row in previous.items():
        old = row.get("output", "")
        if key in this_run or not _is_report_name(old):
            continue
        if old.casefold() in current:
            continue  # a district of this run has that name now: its report replaced this one
        if os.path.dirname(key) in scanned or not os.path.exists(key):
            # Its folder was read and the file is not a district any more (deleted, renamed,
            # now .yaml.txt), or the file is gone: its report matches no input.
            if (outdir / old).is_file():
                gone = Outcome(row.get("input", ""), status="moved", region=row.get("region", ""))
                gone.moved = _move_aside(outdir, old, gone, "它的输入文件已不在（删除或改名）")
                if not gone.moved:
                    gone.status, gone.output = "stuck", old
                    listed.add(old.casefold())
                extra.append(gone)
            continue
        if (outdir / old).is_file():
            status = "kept" if row.get("status") in ("ok", "kept") else "kept-error"
            carried = Outcome(
                row.get("input", ""), status=status, region=row.get("region", ""), output=old
            )
            carried.carried = row
            extra.append(carried)
            listed.add(old.casefold())
    for o in ok:
        source = partial / f"{index[o.input]}.docx"
        try:
            os.replace(source, outdir / o.output)
            if o.ledger:
                os.replace(_sibling(source, ".xlsx"), _sibling(outdir / o.output, ".xlsx"))
        except OSError as e:
            o.fail(
                OutputError.single(
                    outdir / o.output,
                    f"写入失败：{e.strerror}",
                    "文件是否正在 Word 中打开？关闭后重试",
                )
            )
    # Last, so that a report that could not be moved or replaced (open in Word) is listed too.
    for p in sorted(outdir.glob("*.docx")):
        if p.name.casefold() in listed or p.name.startswith("~$"):
            continue
        stray = Outcome("", status="stray", output=p.name)
        stray.notes.append(
            Diagnostic(
                file=str(p),
                message="输出文件夹中的这份报告不在清单中，不是本次生成的，保留未动",
                hint=f"不需要时删除，或移到 {OLD_REPORTS}/",
                severity="warning",
            )
        )
        extra.append(stray)
    return extra


def _retire_siblings(outcomes: list[Outcome], outdir: Path, pdf: bool) -> None:
    """A ledger or PDF beside a report written this run that this run did not make (not asked
    for, or its conversion failed) is an earlier run's and may not match the report: moved to
    _旧报告/, never deleted, and said."""
    for o in outcomes:
        if not o.ok:
            continue
        for suffix, made in ((".xlsx", o.ledger), (".pdf", pdf and not o.pdf_failed)):
            old = _sibling(o.output, suffix).name
            if not made and (outdir / old).is_file():
                why = "这次没有生成，与新报告可能不一致"
                _move_aside(outdir, old, o, why, what=f"{'台账' if suffix == '.xlsx' else 'PDF'}")


def _convert(
    outcomes: list[Outcome], outdir: Path, jobs: int | None, progress: Progress | None
) -> None:
    """Each report written this run to PDF beside it; a failure is a note on its outcome."""
    written = [o for o in outcomes if o.ok]
    pairs = [(outdir / o.output, _sibling(outdir / o.output, ".pdf")) for o in written]
    try:
        done = convert_many(pairs, workers=jobs, progress=progress)
    except ConversionError as e:  # LibreOffice is not installed: every report says so
        for o in written:
            o.notes.extend(e.diagnostics)
            o.pdf_failed = True
        return
    for o, conversion in zip(written, done, strict=True):
        if conversion.error is not None:
            o.notes.extend(
                replace(d, message=f"PDF 未生成：{d.message}") for d in conversion.error.diagnostics
            )
            o.pdf_failed = True


def _is_report_name(name: str) -> bool:
    return bool(name) and Path(name).name == name and name.lower().endswith(".docx")


def _move_aside(
    outdir: Path, name: str, outcome: Outcome, why: str, *, what: str = "这份报告"
) -> str:
    """Move outdir/name into _旧报告/ (never over an earlier one there), a report with its ledger
    and PDF; say so on the outcome. Returns the new path inside outdir, or "" when nothing was
    moved (nothing there, or the system refused: then said as a warning)."""
    source = outdir / name
    if not source.is_file():
        return ""
    folder = outdir / OLD_REPORTS
    stem, suffix, n = Path(name).stem, Path(name).suffix, 1
    target = folder / name
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    try:
        make_folders(folder)
        os.replace(source, target)
        for other in _SIBLINGS if suffix == ".docx" else ():  # its ledger and PDF go with it
            if _sibling(source, other).is_file():
                os.replace(_sibling(source, other), _sibling(target, other))
    except OSError as e:
        outcome.notes.append(
            Diagnostic(
                file=str(source),
                message=f"这份旧报告（{why}）无法移到 {OLD_REPORTS}/：{e.strerror}",
                hint="是否正在 Word 中打开？关闭后重试，或自己删除它",
                severity="warning",
            )
        )
        return ""
    moved = f"{OLD_REPORTS}/{target.name}"
    outcome.notes.append(
        Diagnostic(
            file=str(source),
            message=f"上次生成的{what}已移到 {moved}（{why}）",
            hint="需要时可从那里取回；不需要时可删除",
            severity="warning",
        )
    )
    return moved


def _input_key(text: str) -> str:
    return os.path.abspath(
        text
    )  # not resolve(): realpath costs more than the rest of the bookkeeping


# Columns of manifests written before the headers were Chinese, read when the previous run's is one.
_OLD_FIELDS = {"input": "输入文件", "region": "地区", "output": "报告文件", "status": "状态"}


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """The previous run's rows by input (input, region, output, status as codes), to find its
    reports."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    out = {}
    try:
        for raw in csv.DictReader(io.StringIO(text)):
            row = {k: (raw.get(k) or raw.get(zh) or "").strip() for k, zh in _OLD_FIELDS.items()}
            row["status"] = _FROM_TEXT.get(row["status"], row["status"])
            row["moved"] = (raw.get("旧报告") or "").strip()
            row["warnings"] = (raw.get("警告") or "").strip()
            row["note"] = raw.get("说明") or raw.get("error") or ""
            if row["input"] and row["status"] in ("ok", "error", "kept", "kept-error", "stuck"):
                out[_input_key(row["input"])] = row
    except csv.Error:
        return {}
    return out


def _write_manifest(path: Path, outcomes: list[Outcome]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(MANIFEST_FIELDS)
    for o in outcomes:
        if o.carried is not None:
            row = o.carried
            warnings, note = row.get("warnings", ""), row.get("note", "")
        else:
            warnings = str(len(o.warnings)) if o.warnings else ""
            note = "\n".join([*map(str, o.diagnostics), *o.info])
        writer.writerow(
            [o.input, o.region, o.output, STATUS[o.status], o.moved, warnings or "0", note]
        )
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
        with contextlib.suppress(OSError):
            p.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
