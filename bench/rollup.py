"""Time `reportgen rollup` on many districts, end to end.

    uv run python bench/rollup.py --n 3000

Writes N district files (rectification reports with 1–4 problems of 1–4 measures each, statuses
and deadlines of every kind, four figures; every 10th a self-assessment without measures; every
100th broken), then runs `reportgen rollup DIR -o 汇总.xlsx --as-of 2026-06-30` in a subprocess
(interpreter start-up, reading and checking every file, writing the workbook), --repeat times,
and prints every run and the median. ``make_districts`` is also used by the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUSES = ("已完成", "持续推进", "未开始", None)
DEADLINES = ("2021-12-31", "2022-06", "2025年底", "2026年6月底前", "2027-03-01", "长期坚持")
FIGURES = (
    ("一般公共预算教育支出", "万元", 100000, 900000),
    ("专任教师", "人", 800, 9000),
    ("义务教育巩固率", "%", 95, 100),
    ("在校学生", "人", 10000, 150000),
)


def district_yaml(i: int, rng: random.Random) -> str:
    """One district's YAML: a rectification report, every 10th a self-assessment, every 100th
    with an impossible date."""
    name = f"第{i + 1}区"
    date = "2021-13-45" if i % 100 == 99 else "2021-04-01"
    head = (
        f"region: {{name: {name}, level: 区, parent: 示例市}}\nyear: 2020\ndate: {date}\n"
        "basis:\n  - {name: 关于开展履行教育职责评价的通知, number: 示例教督〔2021〕1号}\n"
    )
    figures = ["basic:", "  figures:"]
    for fname, unit, low, high in FIGURES:
        value = round(rng.uniform(low, high), 2 if unit != "人" else 0)
        previous = round(value * rng.uniform(0.9, 1.05), 2 if unit != "人" else 0)
        if unit == "%":
            value, previous = round(rng.uniform(low, high), 2), round(rng.uniform(low, high), 2)
        value = int(value) if unit == "人" else value
        previous = int(previous) if unit == "人" else previous
        figures.append(
            f"    - {{name: {fname}, value: {value}, unit: '{unit}', previous: {previous}}}"
        )
    if i % 10 == 9:
        return (
            "kind: self_assessment\n" + head + "\n".join(figures) + "\n"
            "sections:\n  - title: 落实教育职责\n    text: 全面落实教育优先发展战略。\n"
        )
    lines = ["kind: rectification", head.rstrip("\n"), *figures, "problems:"]
    for p in range(rng.randint(1, 4)):
        lines.append(f"  - title: 第{p + 1}个问题有待解决")
        lines.append("    measures:")
        for m in range(rng.randint(1, 4)):
            lines.append(f"      - lead: 落实第{m + 1}项整改措施。")
            lines.append(f"        unit: 区教育局{m + 1}科")
            lines.append(f"        person: 负责人{m + 1}")
            lines.append(f"        deadline: {rng.choice(DEADLINES)}")
            status = rng.choice(STATUSES)
            if status:
                lines.append(f"        status: {status}")
    return "\n".join(lines) + "\n"


def make_districts(folder: Path, n: int, seed: int = 16) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"district-{i + 1:05d}.yaml"
        path.write_text(district_yaml(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-rollup-") as tmp:
        folder = Path(tmp) / "districts"
        make_districts(folder, args.n)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cmd = [
            sys.executable,
            "-m",
            "reportgen.cli",
            "rollup",
            str(folder),
            "--as-of",
            "2026-06-30",
        ]
        if args.jobs:
            cmd += ["-j", str(args.jobs)]
        subprocess.run([*cmd, "-o", str(Path(tmp) / "warm.xlsx")], capture_output=True, env=env)
        times = []
        for k in range(args.repeat):
            out = Path(tmp) / f"汇总{k}.xlsx"
            os.sync()
            start = time.perf_counter()
            done = subprocess.run([*cmd, "-o", str(out)], capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - start)
            if not out.is_file():
                sys.exit(f"rollup failed:\n{done.stderr}")
            print(f"run {k + 1}: {times[-1]:.2f} s  ({out.stat().st_size // 1024} KB)")
        print(done.stdout.strip())
        median = statistics.median(times)
        print(f"districts: {args.n}  median: {median:.2f} s  ({args.n / median:.0f} districts/s)")


if __name__ == "__main__":
    main()
