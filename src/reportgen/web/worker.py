"""Renders for the web page in worker processes, each stopped when it runs over time.

A template's own limit (render/docx.py, 20 s) uses SIGALRM, which works only in a process's main
thread; a server handles requests in other threads. So the server renders in a few long-lived
worker processes (started with ``spawn``: no state of the server is copied into them) whose main
thread runs the render, with that limit in force; and the server waits for each answer at most
:data:`HARD_SECONDS`, then kills the worker and starts a fresh one. A worker that is busy is never
given a second job.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..errors import Diagnostic, ReportgenError, TemplateError, internal_error
from ..render.docx import RENDER_SECONDS

__all__ = ["HARD_SECONDS", "RenderPool"]

# The template's own limit, then some time for loading and writing the document.
HARD_SECONDS = RENDER_SECONDS + 10


@dataclass
class _Worker:
    process: Any
    conn: Connection


def _work(conn: Connection) -> None:
    """A worker's loop: (text, name, defaults file or None) → ("ok", .docx bytes) or
    ("error", ReportgenError)."""
    from ..pipeline import render_report
    from .document import load_text

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        text, name, defaults = job
        try:
            report, _ = load_text(text, name, defaults)
            conn.send(("ok", render_report(report)))
        except ReportgenError as e:
            conn.send(("error", e))
        except Exception as e:
            conn.send(("error", ReportgenError([internal_error(e, name)])))


class RenderPool:
    """``size`` worker processes, started on first use; :meth:`render` blocks until one is free."""

    def __init__(self, size: int = 1, timeout: float = HARD_SECONDS, target=None):
        self.size = size
        self._target = target or _work  # the worker's loop (a test gives a slow one)
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._all: list[_Worker] = []
        self._closed = False

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=self._target, args=(child,), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def warm(self) -> None:
        """Start the workers now (their imports take a second), so the first render is quick."""
        with self._lock:
            missing = self.size - self._started
            self._started = self.size
        for _ in range(missing):
            self._idle.put(self._start())

    def _take(self) -> _Worker:
        with self._lock:
            start = self._started < self.size
            if start:
                self._started += 1
        if start:
            return self._start()
        try:
            return self._idle.get(timeout=self.timeout * 2)
        except queue.Empty:
            raise TemplateError(
                [Diagnostic(message="生成服务繁忙", hint="请稍候再试", severity="error")]
            ) from None

    def render(self, text: str, name: str, defaults: str | None = None) -> bytes:
        """The .docx bytes of the YAML text; ReportgenError as ``render`` raises it."""
        if self._closed:
            raise RuntimeError("the render pool is closed")
        worker: _Worker | None  # None once replaced: nothing to give back
        worker = self._take()
        try:
            worker.conn.send((text, name, defaults))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                worker = None
                raise TemplateError.single(
                    name,
                    f"生成超过 {self.timeout:g} 秒仍未完成，已停止",
                    "检查模板中的循环，或联系模板提供者；报告本身通常一秒内生成完",
                )
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise ReportgenError([internal_error(RuntimeError("生成进程意外退出"), name)]) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return value
        raise value

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker that overran or died, and put a fresh one in its place."""
        _stop(worker)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        if not self._closed:
            self._idle.put(self._start())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            _stop(worker)


def _stop(worker: _Worker) -> None:
    with contextlib.suppress(OSError):
        worker.conn.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)
