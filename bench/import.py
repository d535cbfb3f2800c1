"""Time importing a report: reading and recognising it (.docx → outline), and the whole import
(→ checked YAML text, as ``reportgen import`` does it).

    uv run python bench/import.py [--pages 10] [--repeat 15]

Builds a report of at least --pages pages (a GB/T 9704 page holds 22 lines × 28 characters, so
616 body characters) by repeating the sections of the Chuxiong example, renders it with the
pipeline, and times read_path + recognise, and read_path + import_source (recognise, emit,
write the YAML, validate it), on it --repeat times in this process (imports warmed by one untimed
run); prints every example's and seed's times too. The median is reported, since a shared
virtual CPU drifts.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportgen.importer.recognize import recognise  # noqa: E402
from reportgen.importer.source import read_path  # noqa: E402
from reportgen.importer.to_yaml import import_source  # noqa: E402
from reportgen.pipeline import render_file  # noqa: E402

CHARS_PER_PAGE = 22 * 28
BASE = ROOT / "examples" / "self-evaluation-chuxiong-2022.yaml"


def _chars(node) -> int:
    if isinstance(node, str):
        return len(node)
    if isinstance(node, dict):
        return sum(_chars(v) for v in node.values())
    if isinstance(node, list):
        return sum(_chars(v) for v in node)
    return 0


def long_report(folder: Path, pages: int) -> Path:
    data = yaml.safe_load(BASE.read_text("utf-8"))
    groups = data["sections"][0]["sections"]
    original = copy.deepcopy(groups)
    while _chars(data) < pages * CHARS_PER_PAGE:
        groups.extend(copy.deepcopy(original))
    src = folder / "long.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return render_file(src, folder / "long.docx")


def timed(path: Path, repeat: int, *, full: bool = False) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        if full:
            import_source(read_path(path))
        else:
            recognise(read_path(path))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = long_report(folder, args.pages)
        recognise(read_path(docx))  # warm-up: imports, regex compilation
        outline = recognise(read_path(docx))
        sections = sum(1 for _ in outline.walk())
        import_source(read_path(docx))
        for full, what in ((False, "read + recognise"), (True, "whole import to checked YAML")):
            median, runs = timed(docx, args.repeat, full=full)
            print(
                f"{args.pages}-page report ({docx.stat().st_size // 1024} KB, {sections} sections),"
                f" {what}: median {median * 1000:.1f} ms over {args.repeat} runs "
                f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})"
            )
        print("whole import (read + recognise):")
        for example in sorted((ROOT / "examples").glob("*.yaml")):
            path = render_file(example, folder / f"{example.stem}.docx")
            full, _ = timed(path, args.repeat, full=True)
            part, _ = timed(path, args.repeat)
            print(f"  {example.stem} (.docx): {full * 1000:.1f} ms ({part * 1000:.1f} ms)")
        for seed in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")):
            full, _ = timed(seed, args.repeat, full=True)
            part, _ = timed(seed, args.repeat)
            print(f"  seed {seed.stem} (.txt): {full * 1000:.1f} ms ({part * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
