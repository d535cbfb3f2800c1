"""``reportgen serve``: the page on a free port of 127.0.0.1, opened in the default browser.

The address carries a token (security.py); ``--host`` for an office server listens on another
address and then needs ``--token`` or prints the random one it made, and never exposes the folder
it was started in. Bound to every address (``0.0.0.0``, ``::``), it prints the addresses other
computers reach it by, found from this machine's network interfaces, and opens the local browser on
the loopback one. uvicorn serves the Starlette app (app.py).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from .app import Settings, create_app

__all__ = ["addresses", "is_loopback", "serve"]

_WILDCARD = ("0.0.0.0", "::", "[::]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _lan_addresses(family: socket.AddressFamily) -> list[str]:
    """This machine's addresses that other computers may reach, best first: the one its default
    route leaves from (a UDP socket "connected" to a documentation address sends nothing), then
    those its host name resolves to; loopback and link-local ones left out."""
    found: list[str] = []
    probe = ("192.0.2.1", 9) if family == socket.AF_INET else ("2001:db8::1", 9)
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect(probe)
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    out: list[str] = []
    for address in found:
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or address in out):
            out.append(address)
    return out


def _url(host: str, port: int, token: str) -> str:
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/?token={token}"


def addresses(host: str, port: int, token: str) -> tuple[list[str], str]:
    """(the addresses to give colleagues, best first; the one this machine's browser opens). For a
    wildcard host these are the machine's own network addresses (none found: the loopback one)."""
    if host not in _WILDCARD:
        url = _url(host.strip("[]"), port, token)
        return [url], url
    v6 = host != "0.0.0.0"
    local = _url("::1" if v6 else "127.0.0.1", port, token)
    found = _lan_addresses(socket.AF_INET6 if v6 else socket.AF_INET)
    if v6:  # a socket on :: takes IPv4 too where the system allows it (the usual default)
        found = _lan_addresses(socket.AF_INET) + found
    return [_url(a, port, token) for a in found] or [local], local


def _socket(host: str, port: int) -> socket.socket:
    """A listening socket: the port asked for, or a free one the system picks (port 0)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if host in ("::", "[::]"):  # every address, IPv4 too (Windows makes IPv6 sockets v6-only)
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
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
    shared, url = addresses(host, sock.getsockname()[1], settings.token)
    config = uvicorn.Config(
        create_app(settings), log_level="warning", access_log=False, timeout_graceful_shutdown=3
    )
    server = uvicorn.Server(config)
    say(f"reportgen 页面已启动：{shared[0]}")
    if loopback and folder is not None:
        say(f"工作文件夹：{folder}")
    if not loopback:
        for other in shared[1:]:
            say(f"也可以用：{other}")
        if shared[0] == url and host in _WILDCARD:
            say(
                "没有找到这台电脑的局域网地址：发给同事时，把网址中的 127.0.0.1 换成这台电脑的"
                " IP 地址（Windows 在命令行窗口中输入 ipconfig 查看）"
            )
        elif url != shared[0]:
            say(f"在这台电脑上打开：{url}")
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
