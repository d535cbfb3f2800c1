"""``reportgen serve`` and ``reportgen schema`` as a clerk or an editor runs them, and the page's
files: all shipped with the package, nothing fetched from elsewhere."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from reportgen.model.schema import KINDS
from reportgen.web.app import STATIC
from support import GOOD


def _serve(folder: Path, *args: str) -> subprocess.Popen:
    """``reportgen serve --no-browser ARGS`` in FOLDER; its output and errors read line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen.cli", "serve", "--no-browser", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        text=True,
    )


def test_schema_is_the_models_json_schema_for_editors(cli):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["discriminator"]["mapping"]) == set(KINDS)
    assert schema["$defs"]["Region"]["properties"]["name"]["title"] == "地区名称"
    assert "一行一段" in json.dumps(schema, ensure_ascii=False)


def test_serve_refuses_what_is_not_a_folder_or_yaml(cli, tmp_path):
    other = tmp_path / "报告.docx"
    other.write_bytes(b"PK")
    result = cli("serve", "--no-browser", other)
    assert result.exit_code == 1
    assert f"{other}: (文件): 不是文件夹，也不是 .yaml 文件" in result.output


def test_serve_prints_the_address_and_serves_the_file_given(tmp_path):
    (tmp_path / "越城区.yaml").write_text(GOOD, encoding="utf-8")
    process = _serve(tmp_path, "越城区.yaml")
    try:
        line = process.stdout.readline()
        m = re.fullmatch(
            r"reportgen 页面已启动：(http://127\.0\.0\.1:\d+/\?token=[\w-]{20,})\n", line
        )
        assert m, line
        assert process.stdout.readline() == f"工作文件夹：{tmp_path.resolve()}\n"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        deadline = time.monotonic() + 30
        while True:
            try:
                page = opener.open(m.group(1), timeout=10).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "<title>公文报告生成 · reportgen</title>" in page
        base = m.group(1).split("/?")[0]
        meta = json.loads(opener.open(f"{base}/api/meta", timeout=10).read())
        assert meta["start"] == "越城区.yaml" and meta["folder"] == str(tmp_path.resolve())
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_page_fetches_nothing_from_elsewhere():
    files = sorted(p for p in STATIC.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".html", ".css", ".js", ".svg"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not an address
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import", text), path.name
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert ref.startswith("/static/") and (STATIC / Path(ref).name).is_file(), ref


def test_an_office_server_gives_the_address_colleagues_reach(monkeypatch):
    """Bound to every address, the page is given by this machine's network address: 127.0.0.1
    opens only on the server itself. The loopback address is what its own browser opens."""
    from reportgen.web import server

    monkeypatch.setattr(server, "_lan_addresses", lambda family: ["192.168.1.20", "10.0.0.5"])
    shared, local = server.addresses("0.0.0.0", 8765, "k" * 12)
    assert shared == [
        "http://192.168.1.20:8765/?token=kkkkkkkkkkkk",
        "http://10.0.0.5:8765/?token=kkkkkkkkkkkk",
    ]
    assert local == "http://127.0.0.1:8765/?token=kkkkkkkkkkkk"
    monkeypatch.setattr(server, "_lan_addresses", lambda family: [])
    assert server.addresses("0.0.0.0", 8765, "t")[0] == ["http://127.0.0.1:8765/?token=t"]
    url = "http://192.168.1.20:80/?token=t"
    assert server.addresses("192.168.1.20", 80, "t") == ([url], url)
    assert server.addresses("fe80::1", 80, "t")[0] == ["http://[fe80::1]:80/?token=t"]


def test_the_machines_own_addresses_leave_out_loopback():
    import socket

    from reportgen.web.server import _lan_addresses

    for address in _lan_addresses(socket.AF_INET):
        assert not address.startswith("127.") and address.count(".") == 3


def test_serve_on_every_address_prints_the_network_address(tmp_path):
    import socket

    from reportgen.web.server import _lan_addresses

    lan = _lan_addresses(socket.AF_INET)
    process = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        lines = [process.stdout.readline()]
        while not lines[-1].startswith(("注意", "用完")) and len(lines) < 10:
            lines.append(process.stdout.readline())
        m = re.fullmatch(
            r"reportgen 页面已启动：http://([\d.]+):(\d+)/\?token=([\w-]{20,})\n", lines[0]
        )
        assert m, lines
        token = m.group(3)
        if lan:
            assert m.group(1) == lan[0]
            assert lines[1 : len(lan)] == [
                f"也可以用：http://{a}:{m.group(2)}/?token={token}\n" for a in lan[1:]
            ]
            assert lines[len(lan)] == (
                f"在这台电脑上打开：http://127.0.0.1:{m.group(2)}/?token={token}\n"
            )
        else:
            assert m.group(1) == "127.0.0.1"
            assert lines[1].startswith(
                "没有找到这台电脑的局域网地址：发给同事时，把网址中的 127.0.0.1"
            )
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        deadline = time.monotonic() + 30
        while True:
            try:
                page = opener.open(lines[0].split("：", 1)[1].strip(), timeout=10).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "<title>公文报告生成 · reportgen</title>" in page
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_ipv6_address_takes_ipv4_too():
    """``--host ::`` listens on IPv4 as well (the addresses printed first are IPv4 ones), also
    where the system makes IPv6 sockets v6-only by default."""
    import socket

    import pytest

    from reportgen.web.server import _socket

    try:
        sock = _socket("::", 0)
    except OSError as e:
        pytest.skip(f"no IPv6 on this machine: {e}")
    with sock:
        assert sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY) == 0
        port = sock.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
