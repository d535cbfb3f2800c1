"""One workspace per browser session: a folder under a random id, found only through the session's
own cookie, removed when the session has been idle for :data:`IDLE_SECONDS` and when the server
stops. Two clerks on one office server never see each other's previews, uploads or batches."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["IDLE_SECONDS", "Session", "Sessions"]

IDLE_SECONDS = 4 * 3600
MAX_SESSIONS = 200


@dataclass
class Session:
    id: str
    folder: Path
    used: float = field(default_factory=time.monotonic)
    jobs: dict[str, Any] = field(default_factory=dict)  # batch jobs by id
    files: dict[str, Path] = field(default_factory=dict)  # downloadable files by random id
    lock: threading.Lock = field(default_factory=threading.Lock)

    def new_id(self) -> str:
        return secrets.token_urlsafe(12)

    def keep(self, path: Path) -> str:
        """A random id under which the session may fetch this file of its workspace."""
        key = self.new_id()
        self.files[key] = path
        return key


class Sessions:
    """The live sessions, each with its folder under one temporary root."""

    def __init__(self, root: Path | None = None, idle: float = IDLE_SECONDS):
        self.root = Path(tempfile.mkdtemp(prefix="reportgen-web-", dir=root))
        self.root.chmod(0o700)
        self.idle = idle
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._swept = time.monotonic()

    def create(self) -> Session:
        self.sweep()
        sid = secrets.token_urlsafe(24)
        folder = self.root / secrets.token_hex(8)
        folder.mkdir(mode=0o700)
        session = Session(sid, folder)
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                oldest = min(self._sessions.values(), key=lambda s: s.used)
                self._drop(oldest.id)
            self._sessions[sid] = session
        return session

    def get(self, sid: str | None) -> Session | None:
        if time.monotonic() - self._swept > 60:
            self.sweep()
        if not sid:
            return None
        with self._lock:
            session = self._sessions.get(sid)
        if session is not None:
            session.used = time.monotonic()
        return session

    def sweep(self) -> None:
        """Remove the sessions idle for too long, with their folders."""
        now = self._swept = time.monotonic()
        with self._lock:
            stale = [s.id for s in self._sessions.values() if now - s.used > self.idle]
            for sid in stale:
                self._drop(sid)

    def _drop(self, sid: str) -> None:
        session = self._sessions.pop(sid, None)
        if session is not None:
            for job in session.jobs.values():
                job.stop()
            shutil.rmtree(session.folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            for sid in list(self._sessions):
                self._drop(sid)
        shutil.rmtree(self.root, ignore_errors=True)
