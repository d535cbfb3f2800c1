"""Time PDFs for a whole batch (long-lived LibreOffice processes) against a per-file soffice loop.

    uv run python bench/pdf.py --n 60 --loop 8

Renders N district reports (bench/batch.py's districts: the rectification example, eight pages
with its ledger), then converts
- ``--loop`` of them one soffice start per file (output/pdf.convert_to_pdf, as ``render --pdf``
  does), for the per-report cost of a loop;
- all N with output/pdf_many.convert_many: one soffice per worker (one per core by default),
  each converting a chunk of files in one --convert-to.
Prints seconds per report for both, reports/s, and `ratio: X` (loop's seconds per report over
the pool's). Each file's PDF is checked to exist and have pages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import EXAMPLE, make_districts  # bench/batch.py
from reportgen.output.pdf import convert_to_pdf
from reportgen.output.pdf_many import convert_many, pdf_pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--loop", type=int, default=8)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-pdf-") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        make_districts(EXAMPLE, tmp / "in", args.n)
        subprocess.run(
            [sys.executable, "-m", "reportgen.cli", "batch", str(tmp / "in"), "-o", str(tmp / "d")],
            check=False,
            capture_output=True,
        )
        docs = sorted((tmp / "d").glob("*.docx"))
        assert len(docs) == args.n, f"rendered {len(docs)} of {args.n}"

        start = time.perf_counter()
        for d in docs[: args.loop]:
            convert_to_pdf(d, tmp / "loop" / (d.stem + ".pdf"))
        loop = (time.perf_counter() - start) / args.loop
        print(f"per-file loop: {args.loop} reports, {loop:.2f} s/report")

        def progress(done: int, total: int) -> None:
            print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)

        start = time.perf_counter()
        done = convert_many(
            [(d, tmp / "pool" / (d.stem + ".pdf")) for d in docs],
            workers=args.workers,
            progress=progress,
        )
        pool = (time.perf_counter() - start) / len(docs)
        print(file=sys.stderr)
        failed = [c for c in done if c.error]
        assert not failed, failed[:3]
        pages = [pdf_pages(c.pdf) for c in done]
        assert all(pages), "a PDF without pages"
        print(
            f"pool: {len(docs)} reports ({sum(pages)} pages), {pool:.3f} s/report, "
            f"{1 / pool:.1f} reports/s"
        )
        print(f"ratio: {loop / pool:.1f}")


if __name__ == "__main__":
    main()
