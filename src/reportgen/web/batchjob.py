"""A batch from the web page: uploaded YAMLs (or a zip of them), a defaults file and a figures
sheet → one zip of the reports, ``manifest.csv`` and the roll-up workbook ``汇总.xlsx``.

The upload is unpacked into the session's workspace (names made safe, a zip's members checked for
``..`` and absolute paths, their count and unpacked size limited: security.py), then the batch
runs in a process of its own (``spawn``), which is the leader of its own process group, so a batch
running past :data:`BATCH_SECONDS` is stopped with all the workers ``batch`` started. The process
writes its progress to ``progress.json`` in the job's folder, which the page polls.

The same library calls as ``reportgen batch --summary`` (with ``--ledgers`` and ``--pdf`` when
asked): :func:`run_batch`, then ``Rollup.of`` and ``rollup_workbook`` on the districts it read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import multiprocessing
import os
import signal
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import Diagnostic, ReportgenError, internal_error
from .security import MAX_ZIP_FILES, MAX_ZIP_UNPACKED, UnsafeName, safe_name, safe_relative

__all__ = ["BATCH_SECONDS", "BatchJob", "UploadError", "unpack_upload"]

BATCH_SECONDS = 15 * 60
ROLLUP_NAME = "汇总.xlsx"
RESULT_NAME = "reports.zip"
_YAML = (".yaml", ".yml")


class UploadError(ValueError):
    """Raised for an upload that cannot be used, with the clerk's words."""


def unpack_upload(files: list[tuple[str, bytes]], folder: Path) -> list[str]:
    """Write uploaded YAML files and the YAMLs inside uploaded zips under ``folder``; returns what
    was left out, said for the clerk. A zip keeps its folders (each folder's ``_defaults.yaml``
    applies to its own districts, as in ``reportgen batch``)."""
    left_out: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        try:
            clean = safe_name(name)
        except UnsafeName:
            left_out.append(f"{name}：文件名不能用")
            continue
        if clean.lower().endswith(".zip"):
            left_out += _unzip(data, folder, clean)
        elif clean.lower().endswith(_YAML):
            (folder / clean).write_bytes(data)
        else:
            left_out.append(f"{clean}：不是 .yaml 文件或 .zip 压缩包，没有读取")
    return left_out


def _unzip(data: bytes, folder: Path, name: str) -> list[str]:
    import io

    left_out: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadError(f"{name} 不是有效的 zip 压缩包") from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ZIP_FILES:
        raise UploadError(f"{name} 中的文件过多（{len(members)} 个，上限 {MAX_ZIP_FILES} 个）")
    if sum(m.file_size for m in members) > MAX_ZIP_UNPACKED:
        raise UploadError(f"{name} 解压后过大（上限 {MAX_ZIP_UNPACKED // 1024 // 1024} MB）")
    for member in members:
        raw = member.filename
        if not (member.flag_bits & 0x800):  # not marked UTF-8: Chinese Windows zips use GBK
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                raw = raw.encode("cp437").decode("gbk")
        try:
            relative = safe_relative(raw)
        except UnsafeName:
            left_out.append(f"{name} 中的 {raw}：路径不安全（含 .. 或绝对路径），没有读取")
            continue
        if relative.parts[0] == "__MACOSX" or relative.name.startswith("."):
            continue
        if not relative.name.lower().endswith(_YAML):
            left_out.append(f"{name} 中的 {relative}：不是 .yaml 文件，没有读取")
            continue
        if (member.external_attr >> 16) & 0o170000 == 0o120000:
            left_out.append(f"{name} 中的 {relative}：是符号链接，没有读取")
            continue
        target = folder / PurePosixPath(name).stem / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as src:
            content = src.read(MAX_ZIP_UNPACKED + 1)
        if len(content) != member.file_size:
            raise UploadError(f"{name} 已损坏（{relative} 的大小与记录不符）")
        target.write_bytes(content)
    return left_out


def _inputs(folder: Path) -> list[Path]:
    """The folders holding YAML files: each is read as ``reportgen batch`` reads a folder."""
    found = {p.parent for p in folder.rglob("*") if p.suffix.lower() in _YAML and p.is_file()}
    return sorted(found)


@dataclass
class BatchJob:
    """One batch of one session, run in its own process."""

    folder: Path
    defaults: Path | None = None
    figures: Path | None = None
    sheet: str | None = None
    ledgers: bool = False
    pdf: bool = False
    left_out: list[str] = field(default_factory=list)
    process: Any = None
    started: float = 0.0

    @property
    def result_zip(self) -> Path:
        return self.folder / RESULT_NAME

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._write({"stage": "准备", "done": 0, "total": 0})
        self.process = context.Process(target=_run, args=(self._options(),), daemon=False)
        self.process.start()
        self.started = time.monotonic()

    def _options(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "inputs": [str(p) for p in _inputs(self.folder / "in")],
            "defaults": str(self.defaults) if self.defaults else None,
            "figures": str(self.figures) if self.figures else None,
            "sheet": self.sheet or None,
            "ledgers": self.ledgers,
            "pdf": self.pdf,
        }

    def _write(self, state: dict[str, Any]) -> None:
        _write_state(self.folder, state)

    def state(self) -> dict[str, Any]:
        """Where the batch is: stage, done/total, and when finished its result."""
        try:
            state = json.loads((self.folder / "progress.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {"stage": "准备", "done": 0, "total": 0}
        finished = state.get("finished")
        if not finished and self.process is not None and not self.process.is_alive():
            state = {
                "finished": True,
                "ok": False,
                "problems": ["批量生成的进程意外退出 — 请重试；再次出现时请把所用文件发给维护者"],
            }
        elif not finished and time.monotonic() - self.started > BATCH_SECONDS:
            self.stop()
            state = {
                "finished": True,
                "ok": False,
                "problems": [f"批量生成超过 {BATCH_SECONDS // 60} 分钟仍未完成，已停止"],
            }
        if state.get("finished"):
            self._write(state)
        state["left_out"] = self.left_out
        return state

    def stop(self) -> None:
        """Stop the batch and every worker it started."""
        p = self.process
        if p is None or not p.is_alive():
            return
        with contextlib.suppress(OSError):
            if hasattr(os, "killpg"):
                os.killpg(p.pid, signal.SIGKILL)
            else:
                p.kill()
        p.join(timeout=5)


def _write_state(folder: Path, state: dict[str, Any]) -> None:
    tmp = folder / "progress.json.tmp"
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / "progress.json")


def _run(options: dict[str, Any]) -> None:
    """The batch process: render, roll up, zip; its state in progress.json throughout."""
    if hasattr(os, "setsid"):
        os.setsid()  # its own process group: stop() ends the batch's workers with it
    folder = Path(options["folder"])
    try:
        state = _batch(folder, options)
    except ReportgenError as e:
        state = {"finished": True, "ok": False, "problems": [str(d) for d in e.diagnostics]}
    except Exception as e:
        state = {"finished": True, "ok": False, "problems": [str(internal_error(e))]}
    _write_state(folder, state)


def _batch(folder: Path, options: dict[str, Any]) -> dict[str, Any]:
    from ..batch import MANIFEST_NAME, run_batch
    from ..rollup.summary import Rollup
    from ..rollup.workbook import rollup_workbook

    inputs = options["inputs"]
    if not inputs:
        raise ReportgenError(
            [
                Diagnostic(
                    message="没有收到 .yaml 文件", hint="选择各区县的 .yaml 文件，或它们的 zip"
                )
            ]
        )
    out = folder / "out"

    def progress(stage: str):
        def say(done: int, total: int) -> None:
            _write_state(folder, {"stage": stage, "done": done, "total": total})

        return say

    kwargs = {k: options[k] for k in ("defaults", "figures", "sheet", "ledgers", "pdf")}
    result = run_batch(
        inputs,
        out,
        jobs=min(2, os.cpu_count() or 1),
        progress=progress("生成报告"),
        pdf_progress=progress("转换 PDF"),
        summary=True,
        **kwargs,
    )
    _write_state(folder, {"stage": "汇总", "done": 0, "total": 0})
    rollup_note = ""
    try:
        summary = Rollup.of(result.districts, dt.date.today())
        (out / ROLLUP_NAME).write_bytes(rollup_workbook(summary))
    except ReportgenError as e:
        rollup_note = "汇总表未生成：" + "；".join(str(d) for d in e.diagnostics)
    with zipfile.ZipFile(folder / RESULT_NAME, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(out).as_posix())
    failed = [
        {"file": Path(o.input).name if o.input else o.output, "problems": o.error.splitlines()}
        for o in result.failed
    ] + [{"file": o.output, "problems": [str(d) for d in o.errors]} for o in result.pdf_failed]
    return {
        "finished": True,
        "ok": not failed,
        "written": [o.output for o in result.written],
        "failed": failed,
        "warnings": len(result.warnings),
        "notes": result.notes + ([rollup_note] if rollup_note else []),
        "manifest": MANIFEST_NAME,
        "rollup": ROLLUP_NAME if (out / ROLLUP_NAME).exists() else "",
        "problems": [],
    }
