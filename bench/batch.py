"""Time `reportgen batch` end to end against a plain docxtpl loop over the same districts.

    uv run python bench/batch.py --n 3000

Generates N district files from an example, runs `reportgen batch` on them in a subprocess
(YAML on disk → .docx on disk, interpreter start-up included), then renders the same contexts
with DocxTemplate(path) / render(ctx) / save() in a process pool of the same size (the contexts
are built beforehand and not timed). Prints docs/s for both and `ratio: X`, and the CPU time
(user + sys of every process: the batch's own start-up and workers, the pool's workers) a
report costs on each side with `cpu ratio: X`.

The batch takes seconds where the docxtpl loop takes a minute, so one batch run samples whatever
the machine does in those seconds (a shared virtual CPU drifts by up to 2×). Pending writes are
flushed before every timed run, the batch is timed --repeat times (each into a fresh folder), and
the ratio uses the median run; every run is printed. The docxtpl documents are rendered in as many
slices, one after each batch run, so that both sides sample the same stretch of the machine's
load; its rate is all its documents over all its time. CPU time barely depends on what else the
machine runs, so the cpu ratio is the steadier of the two on a shared machine. One untimed
two-district batch runs first, with bytecode caching allowed, so start-up is what a clerk sees
from the second run on rather than Python compiling every module (as it does on each start where
PYTHONDONTWRITEBYTECODE is set).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rectification-yuecheng-2019.yaml"


def make_districts(example: Path, folder: Path, n: int) -> list[Path]:
    """N copies of the example, each with its own region name and slightly different figures."""
    text = example.read_text(encoding="utf-8")
    name = re.search(r"name:\s*([^,}\n]+)", text).group(1).strip()
    paths = []
    for i in range(n):
        district = f"第{i + 1}区"
        body = text.replace(name, district)
        body = re.sub(
            r"(value:\s*)(\d+)", lambda m, i=i: f"{m.group(1)}{int(m.group(2)) + i}", body
        )
        path = folder / f"district-{i + 1:05d}.yaml"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def warm_up(paths: list[Path], tmp: Path, template: Path) -> None:
    """One untimed batch of two districts: Python writes its bytecode caches, as on a first run."""
    (tmp / "warm").mkdir()
    for p in paths[:2]:
        shutil.copy(p, tmp / "warm" / p.name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen.cli",
            "batch",
            str(tmp / "warm"),
            "-o",
            str(tmp / "warm-out"),
            "-t",
            str(template),
            "-j",
            "2",
        ],
        capture_output=True,
        env=_ENV,
        check=True,
    )


def _children_cpu() -> float:
    """User + sys seconds of every finished child process (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def time_batch(folder: Path, out: Path, template: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `reportgen batch` run."""
    os.sync()  # the files just written are not flushed on our clock
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen.cli",
            "batch",
            str(folder),
            "-o",
            str(out),
            "-t",
            str(template),
            "-j",
            str(jobs),
        ],
        capture_output=True,
        text=True,
        env=_ENV,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"reportgen batch failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, _children_cpu() - cpu


_CONTEXTS: list = []
_TEMPLATES: list = []


def _docxtpl_one(i: int) -> None:
    from docxtpl import DocxTemplate

    from reportgen.render.docx import make_environment

    tpl = DocxTemplate(str(_TEMPLATES[i]))
    tpl.render(_CONTEXTS[i], make_environment(), autoescape=True)
    tpl.save(os.path.join(_OUT, f"{i}.docx"))


_OUT = ""


def prepare_docxtpl(paths: list[Path], out: Path, template: Path) -> None:
    """The contexts of the districts for the docxtpl loop, built now and not timed."""
    import docxtpl  # noqa: F401  (imported once here, as the batch's workers inherit theirs)

    from reportgen.pipeline import load_report, report_context

    global _OUT
    _OUT = str(out)
    out.mkdir(parents=True, exist_ok=True)
    for p in paths:
        _CONTEXTS.append(report_context(load_report(p)))
        _TEMPLATES.append(template)


def time_docxtpl(indices: range, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of rendering the prepared contexts ``indices`` with docxtpl in a
    pool of ``jobs`` processes."""
    ctx = multiprocessing.get_context("fork")
    os.sync()
    cpu = _children_cpu()
    start = time.perf_counter()
    with ctx.Pool(jobs) as pool:
        pool.map(_docxtpl_one, indices, chunksize=max(1, len(indices) // (jobs * 8)))
        pool.close()
        pool.join()  # its workers' CPU time is counted once they have exited
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=3000, help="number of districts (default 3000)")
    parser.add_argument("--example", type=Path, default=EXAMPLE, help="the district file to copy")
    parser.add_argument(
        "--template",
        type=Path,
        default=None,
        help="the template both sides render (default: the shipped one for the example's kind);"
        " docxtpl reads and prepares it for every document, so its size moves the ratio",
    )
    parser.add_argument(
        "--baseline-n",
        type=int,
        default=None,
        help="render only this many with docxtpl (default: all N); the rate is per document",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)), help="processes for both"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="times the batch is timed; the median counts (default 3)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        paths = make_districts(args.example, tmp / "in", args.n)
        # A private copy of the template, so both sides render the same file even if templates/
        # is rebuilt meanwhile.
        from reportgen.pipeline import load_report
        from reportgen.render.docx import template_for

        template = tmp / "template.docx"
        shutil.copyfile(args.template or template_for(load_report(paths[0]).kind), template)
        warm_up(paths, tmp, template)
        base_paths = paths[: args.baseline_n or args.n]
        prepare_docxtpl(base_paths, tmp / "docxtpl", template)
        repeat = max(1, args.repeat)
        cuts = [len(base_paths) * r // repeat for r in range(repeat + 1)]
        runs, base_runs = [], []
        for r in range(repeat):
            out = tmp / f"out{r}"
            runs.append(time_batch(tmp / "in", out, template, args.jobs))
            written = len(list(out.glob("*.docx")))
            if written != args.n:
                sys.exit(f"reportgen batch wrote {written} reports, expected {args.n}")
            shutil.rmtree(out)
            base_runs.append(time_docxtpl(range(cuts[r], cuts[r + 1]), args.jobs))
    walls = [wall for wall, _ in runs]
    batch_s = statistics.median(walls)
    batch_cpu = statistics.median(cpu for _, cpu in runs) / args.n
    base_s = sum(wall for wall, _ in base_runs)
    base_cpu = sum(cpu for _, cpu in base_runs) / len(base_paths)
    ours, theirs = args.n / batch_s, len(base_paths) / base_s
    shown = args.template or "shipped"
    print(
        f"districts: {args.n} from {args.example.name}, template: {shown}, processes: {args.jobs}"
    )
    print(
        f"reportgen batch (end to end): {args.n} docs in {batch_s:.2f} s = {ours:.0f} docs/s"
        f" (median of {len(runs)} runs: {', '.join(f'{w:.2f}' for w in walls)} s);"
        f" CPU {batch_cpu * 1000:.2f} ms a report"
    )
    print(
        f"docxtpl loop (contexts ready): {len(base_paths)} docs in {base_s:.2f} s"
        f" = {theirs:.1f} docs/s (in {len(base_runs)} slices between the batch runs);"
        f" CPU {base_cpu * 1000:.2f} ms a report"
    )
    print(f"ratio: {ours / theirs:.1f}")
    print(f"cpu ratio: {base_cpu / batch_cpu:.1f}")


if __name__ == "__main__":
    main()
