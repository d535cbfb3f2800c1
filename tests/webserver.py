"""The web page's server in a thread of the test process, and a small client that keeps the
session cookie (the tests of tests/test_web_*.py)."""

from __future__ import annotations

import http.cookiejar
import json
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from reportgen.web.app import Settings, create_app

# A report whose total its parts do not add up to: the number checks' warning stands beside the
# figure (the browser tests look for it; tools/screenshots.py shows it).
NUMBERS = """\
kind: general
title: 某区教育局2025年工作总结
body:
  - title: 基本情况
    body:
      - 全区共有在校学生15000人，其中小学生12000人，初中生5000人。
      - figures:
          - {name: 在校学生, value: 15000, unit: 人, parts: [小学生, 初中生]}
          - {name: 小学生, value: 12000, unit: 人}
          - {name: 初中生, value: 5000, unit: 人}
"""


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve the app on a free port of 127.0.0.1 until the block ends; yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


class Client:
    """Requests with the session cookie of a visit to the address with the token."""

    def __init__(self, base: str, token: str | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if token is not None:
            self.get(f"/?token={token}")

    def request(
        self, method: str, path: str, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        req = urllib.request.Request(self.base + path, data=data, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path)

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        status, headers, raw = self.request(
            "POST", path, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        if headers.get("content-type", "").startswith("application/json"):
            return status, json.loads(raw)
        return status, raw

    def upload(self, path: str, files: list[tuple[str, str, bytes]], fields: dict | None = None):
        """multipart/form-data: (field, file name, bytes) each, and plain fields."""
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in (fields or {}).items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            parts.append(f"{head}{value}\r\n".encode())
        for key, name, content in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
                f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        status, _, raw = self.request(
            "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw


# Flags that work for Debian's Chromium in a container without a display, a sandbox or a network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright, executable: str):
    """Chromium through playwright's driver, never a browser playwright downloads; playwright
    gives it a fresh --user-data-dir."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
