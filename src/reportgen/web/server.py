"""``reportgen serve``: the page on a free port of 127.0.0.1, opened in the default browser.

The address carries a token (security.py); ``--host`` for an office server listens on another
address and then needs ``--token`` or prints the random one it made, and never exposes the folder
it was started in. uvicorn serves the Starlette app (app.py).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from .app import Settings, create_app

__all__ = ["is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _socket(host: str, port: int) -> socket.socket:
    """A listening socket: the port asked for, or a free one the system picks (port 0)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    folder: Path | None = None,
    start_file: str | None = None,
    token: str | None = None,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the page until interrupted (Ctrl-C)."""
    loopback = is_loopback(host)
    settings = Settings(loopback=loopback, folder=folder if loopback else None)
    if token:
        settings.token = token
    if loopback:
        settings.start_file = start_file
    sock = _socket(host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    url = f"http://{shown}:{sock.getsockname()[1]}/?token={settings.token}"
    config = uvicorn.Config(
        create_app(settings), log_level="warning", access_log=False, timeout_graceful_shutdown=3
    )
    server = uvicorn.Server(config)
    say(f"reportgen 页面已启动：{url}")
    if loopback and folder is not None:
        say(f"工作文件夹：{folder}")
    if not loopback:
        say("注意：其他电脑可以访问这个地址；只有带上面口令（token）的网址才能打开页面。")
    say("用完后关闭这个窗口，或按 Ctrl+C 停止。")
    if open_browser:

        def opener() -> None:
            while not server.started:
                if server.should_exit:
                    return
                threading.Event().wait(0.05)
            webbrowser.open(url)

        threading.Thread(target=opener, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
