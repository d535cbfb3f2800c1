"""Many .docx → PDF through a few long-lived LibreOffice processes, not one start per file.

Starting soffice costs about a second; converting a report once it runs, about a tenth. So each
worker (one per CPU core by default) runs one ``soffice --convert-to pdf`` over a chunk of files
(up to ``chunk`` at a time; a worker takes the next chunk when it is done), with its own profile
kept for the whole run and the 公文 fonts' substitutes (:mod:`.pdf`).

- A file LibreOffice cannot load is skipped by soffice, which goes on with the next: it has no PDF
  afterwards and is reported as failed; the others are converted.
- A LibreOffice that hangs (no new PDF for ``timeout`` seconds) is killed with its process group;
  the file it was on is tried once more on its own, then reported as failed, and the rest of its
  chunk goes to a fresh process.
- ``progress(done, total)`` is called as PDFs appear (the folder is watched, since soffice says
  nothing until a file is done).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConversionError, Diagnostic
from ..workers import cpu_count
from .pdf import INSTALL_HINT, NOT_INSTALLED, PDF_FILTER, _fontconfig, find_soffice
from .write import make_folders

__all__ = ["Conversion", "convert_many", "pdf_pages"]

Progress = Callable[[int, int], None]


@dataclass
class Conversion:
    """One file to convert and how it went: ``error`` is None once ``pdf`` is written."""

    docx: Path
    pdf: Path
    error: ConversionError | None = None
    done: bool = field(default=False, repr=False)  # finished (converted or failed), for progress


def convert_many(
    files: Sequence[tuple[str | Path, str | Path]],
    *,
    workers: int | None = None,
    chunk: int = 40,
    timeout: float = 60,
    startup: float = 30,
    progress: Progress | None = None,
    soffice: str | None = None,
) -> list[Conversion]:
    """Convert each (docx, pdf) pair; returns one :class:`Conversion` per pair, in order.
    ``timeout`` is how long a file may take, ``startup`` what LibreOffice may take on top of it
    to start (with a new profile; a third of it later). Raises ConversionError only when
    LibreOffice is not installed at all."""
    soffice = soffice or find_soffice()
    if soffice is None:
        raise ConversionError([Diagnostic(message=NOT_INSTALLED, hint=INSTALL_HINT)])
    jobs = [Conversion(Path(d), Path(p)) for d, p in files]
    if not jobs:
        return jobs
    n_workers = max(1, min(workers or cpu_count(), len(jobs)))
    size = max(1, min(chunk, -(-len(jobs) // n_workers)))
    queue = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    lock = threading.Lock()
    counter = [0]

    def tick() -> None:
        with lock:
            counter[0] += 1
            if progress:
                progress(counter[0], len(jobs))

    def take() -> list[Conversion] | None:
        with lock:
            return queue.pop(0) if queue else None

    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        threads = [
            threading.Thread(
                target=_Worker(soffice, Path(tmp) / f"w{i}", timeout, startup, tick).run,
                args=(take,),
                daemon=True,
            )
            for i in range(n_workers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return jobs


class _Worker:
    """One LibreOffice at a time, converting chunk after chunk with one profile."""

    def __init__(
        self, soffice: str, home: Path, timeout: float, startup: float, tick: Callable[[], None]
    ):
        self.soffice, self.home, self.tick = soffice, home, tick
        self.timeout, self.startup = timeout, startup
        make_folders(home)
        self.env = {**os.environ, **_fontconfig(home), "HOME": str(home)}
        self.runs = 0

    def run(self, take: Callable[[], list[Conversion] | None]) -> None:
        while (batch := take()) is not None:
            self.convert(batch, retry=True)

    def convert(self, batch: list[Conversion], *, retry: bool) -> None:
        """Convert ``batch`` in one soffice; what a hang left undone goes to the next one."""
        while batch:
            self.runs += 1
            work = self.home / f"run{self.runs}"
            indir, outdir = work / "in", work / "out"
            make_folders(indir)
            make_folders(outdir)
            names: list[Conversion] = []  # the jobs, in the order of their files' names
            for job in batch:
                src = indir / f"{len(names)}.docx"  # ASCII: soffice names its output after it
                try:
                    shutil.copyfile(job.docx, src)
                except OSError as e:
                    self.fail(job, f"无法读取：{e.strerror}", "检查文件是否存在、能否打开")
                    continue
                names.append(job)
            hung = self.soffice_run(names, indir, outdir)
            rest: list[Conversion] = []
            for k, job in enumerate(names):
                pdf = outdir / f"{k}.pdf"
                if hung is None or k < hung:
                    if pdf.is_file():
                        self.place(job, pdf)
                    else:
                        self.fail(
                            job, "LibreOffice 未能转换为 PDF", "用 LibreOffice 打开该文件看是否损坏"
                        )
                elif k == hung and retry and len(names) > 1:
                    self.convert([job], retry=False)
                elif k == hung:
                    self.fail(
                        job,
                        f"LibreOffice 转换超过 {self.timeout:.0f} 秒未完成，已停止",
                        "用 LibreOffice 打开该文件看是否损坏或过大",
                    )
                else:
                    rest.append(job)
            shutil.rmtree(work, ignore_errors=True)
            batch = rest

    def soffice_run(self, jobs: list[Conversion], indir: Path, outdir: Path) -> int | None:
        """Run soffice over ``indir``'s files 0.docx … in order; None when it ended by itself,
        else (it was killed) the index of the file it may have hung on: the last one with a PDF,
        which may be partial, or the first when none has one."""
        if not jobs:
            return None
        sources = [str(indir / f"{k}.docx") for k in range(len(jobs))]
        cmd = [
            self.soffice,
            f"-env:UserInstallation={(self.home / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(outdir),
            *sources,
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, to kill oosplash and soffice.bin
            )
        except OSError:
            return None  # nothing converted: every file is reported as failed
        newest, last = -1, time.monotonic()
        # The first file also waits for LibreOffice to start (a new profile takes seconds).
        grace = self.timeout + (self.startup if self.runs == 1 else self.startup / 3)
        while True:
            try:
                proc.wait(timeout=0.2)
                ended = True
            except subprocess.TimeoutExpired:
                ended = False
            present = [int(p.stem) for p in outdir.glob("*.pdf") if p.stem.isdigit()]
            top = max(present, default=-1)
            if top > newest:
                # Files before the newest PDF are finished, converted or not: progress.
                for job in jobs[max(newest, 0) : top]:
                    self.report(job)
                newest, last, grace = top, time.monotonic(), self.timeout
            if ended:
                return None
            if time.monotonic() - last > grace:
                _kill(proc)
                return max(newest, 0)

    def report(self, job: Conversion) -> None:
        if not job.done:
            job.done = True
            self.tick()

    def place(self, job: Conversion, pdf: Path) -> None:
        try:
            make_folders(job.pdf.parent)
            shutil.move(str(pdf), job.pdf)
        except OSError as e:
            self.fail(job, f"无法写出 PDF：{e.strerror}", "文件是否正在打开？", at=job.pdf)
            return
        job.error = None
        self.report(job)

    def fail(self, job: Conversion, message: str, hint: str, at: Path | None = None) -> None:
        job.error = ConversionError.single(at or job.docx, message, hint)
        self.report(job)


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def pdf_pages(pdf: str | Path) -> int:
    """The number of pages of a PDF LibreOffice wrote (its page objects; no parser needed)."""
    import re

    data = Path(pdf).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
