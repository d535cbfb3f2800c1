"""The web page's server, through HTTP as the page uses it: the token and sessions, checking and
editing (the CLI's own messages), files in the clerk's folder (no way out of it), downloads,
preview, limits, the render time limit, and batch."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from reportgen.web.app import Settings
from reportgen.web.worker import RenderPool
from support import EXAMPLES, GOOD, GOOD_PATH
from webserver import Client, running

TOKEN = "test-token-123456"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clerk")
    (root / "越城区.yaml").write_text(GOOD, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "bad.yaml").write_text("kind: rectification\nregoin: x\n", encoding="utf-8")
    (root / "notes.txt").write_text("x", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base(folder) -> str:
    with running(Settings(token=TOKEN, folder=folder, pdf_preview=False)) as url:
        yield url


@pytest.fixture
def client(base) -> Client:
    return Client(base, TOKEN)


# ---- the token and sessions -------------------------------------------------------------------


def test_the_page_needs_the_token(base):
    stranger = Client(base)
    status, _, body = stranger.get("/")
    assert status == 403 and "请从命令行窗口显示的网址打开" in body.decode()
    assert stranger.get("/?token=wrong")[0] == 403
    status, answer = stranger.post("/api/check", {"text": GOOD})
    assert status == 401 and "页面已过期" in answer["diagnostics"][0]["text"]


def test_the_token_gives_a_session_and_leaves_the_address(base):
    c = Client(base)
    req_status, _, _ = c.request("GET", f"/?token={TOKEN}")
    assert req_status == 200  # followed the redirect to /
    cookie = next(iter(c.jar))
    assert cookie.name == "reportgen_session" and cookie.has_nonstandard_attr("HttpOnly")
    assert c.get("/")[0] == 200


def test_another_host_name_is_refused_on_loopback(base, client):
    status, _, _ = client.request("GET", "/api/meta", headers={"Host": "evil.example:80"})
    assert status == 400


# ---- checking and editing -------------------------------------------------------------------


def test_check_says_what_validate_says(client, folder, cli):
    status, answer = client.post(
        "/api/check", {"text": (folder / "sub/bad.yaml").read_text(), "path": "sub/bad.yaml"}
    )
    assert status == 200 and not answer["ok"]
    os.chdir(folder)
    try:
        result = cli("validate", "--json", "sub/bad.yaml")
    finally:
        os.chdir(Path(__file__).parent)
    expected = json.loads(result.stdout)["files"][0]["diagnostics"]
    got = [{k: v for k, v in d.items() if k != "text"} for d in answer["diagnostics"]]
    assert got == expected
    shown = [d["text"] for d in answer["diagnostics"]]
    assert "sub/bad.yaml:2:1: regoin: 未知字段“regoin” — 是否应为 region（地区）？" in shown
    assert answer["data"] == {"kind": "rectification", "regoin": "x"}


def test_check_is_quick(client):
    text = (EXAMPLES / "self-inspection-district-2022.yaml").read_text(encoding="utf-8")
    client.post("/api/check", {"text": text})
    # CPU time of this process, which runs the server's thread too: about 10 ms here. Wall time
    # failed under a load of 6-8 from other test runs (0.3-1.7 s) without the check being slower.
    start = time.process_time()
    status, answer = client.post("/api/check", {"text": text})
    elapsed = time.process_time() - start
    assert status == 200 and answer["errors"] == 0
    assert elapsed < 0.2, elapsed


def test_an_edit_keeps_the_comments_and_is_checked(client):
    text = "# 我的说明\nkind: general\ntitle: 旧标题  # 行尾说明\nbody:\n  - 一段。\n"
    status, answer = client.post(
        "/api/edit",
        {"text": text, "edits": [{"op": "set", "path": ["title"], "value": "新标题"}]},
    )
    assert status == 200 and answer["ok"]
    assert (
        answer["text"]
        == "# 我的说明\nkind: general\ntitle: 新标题  # 行尾说明\nbody:\n  - 一段。\n"
    )
    status, answer = client.post(
        "/api/edit", {"text": text, "edits": [{"op": "set", "path": ["date"], "raw": "2021-13-45"}]}
    )
    assert "date: 2021-13-45" in answer["text"]
    assert [d["text"] for d in answer["diagnostics"]] == [
        "新报告.yaml:6:7: date (成文日期): “2021-13-45”中的月份 13 不存在 — 月份应在 1 到 12 之间"
    ]


def test_an_edit_that_no_longer_fits_reloads_the_form(client):
    status, answer = client.post(
        "/api/edit", {"text": GOOD, "edits": [{"op": "delete", "path": ["problems", 9]}]}
    )
    assert status == 200 and answer["stale"] and answer["ok"]


# ---- the clerk's folder ---------------------------------------------------------------------


def test_the_folder_lists_yaml_files_only(client):
    status, _, raw = client.get("/api/files")
    paths = [f["path"] for f in json.loads(raw)["files"]]
    assert status == 200 and paths == ["越城区.yaml", "sub/bad.yaml"]


@pytest.mark.parametrize(
    "path",
    ["../outside.yaml", "/etc/passwd", "sub/../../outside.yaml", "notes.txt", "C:/x.yaml", ""],
)
def test_no_way_out_of_the_folder(client, folder, path):
    (folder.parent / "outside.yaml").write_text("kind: general\n", encoding="utf-8")
    for route, body in (
        ("/api/open", {"path": path}),
        ("/api/save", {"path": path, "text": "x: 1"}),
    ):
        status, answer = client.post(route, body)
        assert status == 403, (route, path, answer)
    assert (folder.parent / "outside.yaml").read_text(encoding="utf-8") == "kind: general\n"


def test_a_link_out_of_the_folder_is_not_followed(client, folder, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: general\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    try:
        assert client.post("/api/open", {"path": "link.yaml"})[0] == 403
    finally:
        (folder / "link.yaml").unlink()


def test_save_writes_back_and_refuses_to_overwrite_a_newer_file(client, folder):
    target = folder / "保存.yaml"
    target.write_text(GOOD, encoding="utf-8")
    status, opened = client.post("/api/open", {"path": "保存.yaml"})
    assert status == 200 and opened["text"] == GOOD
    new = GOOD.replace("越城区", "上城区")
    status, saved = client.post(
        "/api/save", {"path": "保存.yaml", "text": new, "mtime": opened["mtime"]}
    )
    assert status == 200 and target.read_text(encoding="utf-8") == new
    time.sleep(0.01)
    target.write_text(GOOD, encoding="utf-8")  # changed elsewhere since
    status, answer = client.post(
        "/api/save", {"path": "保存.yaml", "text": new, "mtime": saved["mtime"]}
    )
    assert status == 409 and "被别的程序改过" in answer["diagnostics"][0]["text"]
    assert target.read_text(encoding="utf-8") == GOOD
    status, answer = client.post("/api/save", {"path": "保存.yaml", "text": new, "new": True})
    assert status == 409 and "已存在" in answer["diagnostics"][0]["text"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_an_office_server_has_no_folder(folder):
    with running(Settings(token=TOKEN, folder=None, loopback=False)) as url:
        c = Client(url, TOKEN)
        assert json.loads(c.get("/api/files")[2]) == {"folder": None, "files": []}
        status, answer = c.post("/api/open", {"path": "越城区.yaml"})
        assert status == 403 and "不能打开或保存服务器上的文件" in answer["diagnostics"][0]["text"]


# ---- limits -----------------------------------------------------------------------------------


def _declared(client: Client, path: str, length: int) -> tuple[int, dict]:
    """A request that declares a body of ``length`` bytes, answered before the body is sent."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(client.base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("POST", path)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(length))
    conn.putheader("Cookie", "; ".join(f"{c.name}={c.value}" for c in client.jar))
    conn.endheaders()
    response = conn.getresponse()
    try:
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_bodies_are_limited(client):
    status, answer = _declared(client, "/api/check", 5 * 1024 * 1024)
    assert status == 413 and "过大" in answer["diagnostics"][0]["text"]
    status, answer = _declared(client, "/api/batch", 65 * 1024 * 1024)
    assert status == 413 and "上限 64 MB" in answer["diagnostics"][0]["text"]
    status, answer = client.upload("/api/upload", [("file", "big.yaml", b"a: 1\n" * 500_000)])
    assert status == 400 and "文件过大" in answer["diagnostics"][0]["text"]
    status, answer = client.upload("/api/upload", [("file", "../../上传.yaml", GOOD.encode())])
    assert status == 200 and answer["name"] == "上传.yaml"


# ---- output -----------------------------------------------------------------------------------


def test_docx_download_is_the_rendered_report(client, tmp_path, cli):
    status, data = client.post("/api/docx", {"text": GOOD, "name": "越城区.yaml"})
    assert status == 200 and data[:2] == b"PK"
    out = tmp_path / "越城区.docx"
    out.write_bytes(data)
    result = cli("check", out)
    assert result.exit_code == 0, result.output
    from reportgen.pipeline import render_file

    assert data == render_file(GOOD_PATH, tmp_path / "cli.docx").read_bytes()


def test_a_report_with_problems_is_not_rendered(client):
    status, answer = client.post("/api/docx", {"text": "kind: general\n", "name": "a.yaml"})
    assert status == 400
    shown = [d["text"] for d in answer["diagnostics"]]
    assert "a.yaml:1:1: title (标题): 缺少必填项 — 请在文件顶层下添加 title: …" in shown


def test_html_preview_shows_the_numbered_body(client):
    status, answer = client.post("/api/preview", {"text": GOOD, "mode": "html"})
    assert status == 200 and answer["mode"] == "html"
    html = answer["html"]
    assert html.startswith('<div class="sheet">') and "一、</span>" not in html
    assert '<span class="t">一、基本情况</span>' in html


# ---- sessions ---------------------------------------------------------------------------------


def test_sessions_do_not_share_files(base):
    a, b = Client(base, TOKEN), Client(base, TOKEN)
    status, answer = a.upload("/api/batch", [("files", "越城区.yaml", GOOD.encode())])
    job = answer["job"]
    assert status == 200
    assert a.get(f"/api/batch/{job}")[0] == 200
    assert b.get(f"/api/batch/{job}")[0] == 404
    assert b.get(f"/api/batch/{job}/zip")[0] == 404


# ---- batch ------------------------------------------------------------------------------------


def _finished(client: Client, job: str) -> dict:
    for _ in range(600):
        state = json.loads(client.get(f"/api/batch/{job}")[2])
        if state.get("finished"):
            return state
        time.sleep(0.2)
    raise AssertionError("batch did not finish")


def test_batch_of_a_zip_gives_reports_manifest_and_rollup(client, tmp_path):
    other = GOOD.replace("越城区", "上城区")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("各区县/越城区.yaml", GOOD)
        z.writestr("各区县/上城区.yaml", other)
        z.writestr("../../逃出.yaml", GOOD)
        z.writestr("/abs.yaml", GOOD)
    status, answer = client.upload(
        "/api/batch", [("files", "各区县.zip", archive.getvalue())], {"ledgers": "on"}
    )
    assert status == 200
    state = _finished(client, answer["job"])
    assert state["ok"], state
    assert sorted(state["written"]) == ["上城区.docx", "越城区.docx"]
    assert any("../../逃出.yaml" in note and "路径不安全" in note for note in state["left_out"])
    status, _, data = client.get(f"/api/batch/{answer['job']}/zip")
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    expected = [
        "manifest.csv",
        "上城区.docx",
        "上城区.xlsx",
        "汇总.xlsx",
        "越城区.docx",
        "越城区.xlsx",
    ]
    assert names == sorted(expected)  # the reports, their ledgers, the manifest, the roll-up
    assert not list(tmp_path.parent.rglob("逃出.yaml"))


def test_batch_reports_a_bad_district_and_renders_the_rest(client):
    _, answer = client.upload(
        "/api/batch",
        [
            ("files", "越城区.yaml", GOOD.encode()),
            ("files", "坏.yaml", b"kind: rectification\nregoin: x\n"),
            ("files", "说明.docx", b"PK"),
        ],
    )
    state = _finished(client, answer["job"])
    assert not state["ok"] and state["written"] == ["越城区.docx"]
    assert state["failed"][0]["file"] == "坏.yaml"
    assert any("regoin" in line for line in state["failed"][0]["problems"])
    assert state["left_out"] == ["说明.docx：不是 .yaml 文件或 .zip 压缩包，没有读取"]


# ---- the render time limit --------------------------------------------------------------------


def slow_worker(conn) -> None:
    """A worker whose render never ends (a template stuck where SIGALRM cannot reach)."""
    conn.recv()
    time.sleep(3600)


def test_a_render_over_time_is_stopped_and_the_worker_replaced():
    pool = RenderPool(size=1, timeout=1.0, target=slow_worker)
    try:
        pool.warm()
        first = pool._all[0].process
        from reportgen.errors import TemplateError

        with pytest.raises(TemplateError, match="生成超过 1 秒仍未完成，已停止"):
            pool.render(GOOD, "a.yaml")
        first.join(timeout=5)
        assert not first.is_alive()
        assert len(pool._all) == 1 and pool._all[0].process is not first
    finally:
        pool.close()


# ---- starting a report ----------------------------------------------------------------------


def test_new_gives_the_skeleton_of_new(client, cli):
    status, answer = client.post("/api/new", {"kind": "general"})
    assert status == 200 and answer["name"] == "新通用公文.yaml"
    assert answer["text"] == cli("new", "general", "-o", "-").stdout
    status, answer = client.post("/api/new", {"kind": "整改"})
    assert status == 400
    assert answer["diagnostics"][0]["text"] == (
        "没有“整改”这种文件类型 — 可选：self_assessment、rectification、general"
    )


def test_import_reads_a_text_and_says_what_it_could_not(client):
    text = "关于某某区教育工作的情况报告\n\n一、基本情况\n全区有学校58所。\n".encode()
    status, answer = client.upload("/api/import", [("file", "情况报告.txt", text)])
    assert status == 200 and answer["name"] == "情况报告.yaml" and answer["kind"] == "general"
    assert "title: 关于某某区教育工作的情况报告" in answer["text"]
    status, answer = client.upload("/api/import", [("file", "图片.png", b"\x89PNG\r\n\x1a\n....")])
    assert status == 400 and "图片.png" in answer["diagnostics"][0]["text"]


def test_an_idle_session_is_removed_with_its_folder():
    from reportgen.web.sessions import Sessions

    sessions = Sessions(idle=0.05)
    try:
        session = sessions.create()
        (session.folder / "预览.png").write_bytes(b"x")
        assert sessions.get(session.id) is session
        time.sleep(0.1)
        sessions.sweep()
        assert sessions.get(session.id) is None and not session.folder.exists()
    finally:
        sessions.close()
    assert not sessions.root.exists()


def test_a_defaults_file_is_checked_as_one_and_goes_under_its_folder(client, folder):
    (folder / "区县").mkdir(exist_ok=True)
    (folder / "区县" / "_defaults.yaml").write_text("issuer: false\nyear: 2019\n", "utf-8")
    status, answer = client.post(
        "/api/check", {"text": "issuer: false\nyear: 2019\n", "path": "区县/_defaults.yaml"}
    )
    assert status == 200 and answer["ok"] and answer["diagnostics"] == []
    district = GOOD.replace("year: 2019\n", "")
    status, answer = client.post("/api/check", {"text": district, "path": "区县/越城区.yaml"})
    assert answer["ok"], answer["diagnostics"]  # the year comes from the folder's defaults
    status, answer = client.post("/api/check", {"text": district, "name": "越城区.yaml"})
    assert not answer["ok"]


@pytest.mark.libreoffice
def test_batch_with_pdfs(client):
    _, answer = client.upload(
        "/api/batch", [("files", "越城区.yaml", GOOD.encode())], {"pdf": "on"}
    )
    state = _finished(client, answer["job"])
    assert state["ok"], state
    data = client.get(f"/api/batch/{answer['job']}/zip")[2]
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == ["manifest.csv", "汇总.xlsx", "越城区.docx", "越城区.pdf"]


# ---- next year's file from last year's --------------------------------------------------------


def test_next_year_from_a_folder_file_is_new_from(client, folder, cli):
    """The page's "由上一年的文件生成" is ``reportgen new --from``: the same file but for the first
    line's word of what made it; named for the new year beside the old, checked with the defaults
    of the folder it will be saved in, and not saved until the clerk saves it."""
    (folder / "各区").mkdir(exist_ok=True)
    (folder / "各区" / "_defaults.yaml").write_text("issuer: 绍兴市越城区人民政府\n", "utf-8")
    last = GOOD.replace("issuer: 绍兴市越城区人民政府\n", "")
    assert last != GOOD
    (folder / "各区" / "越城区2019.yaml").write_text(last, encoding="utf-8")
    status, answer = client.post("/api/rollover", {"path": "各区/越城区2019.yaml", "year": "2021"})
    assert status == 200 and answer["name"] == "各区/越城区2021.yaml" and answer["planned"]
    made = cli("new", "--from", folder / "各区" / "越城区2019.yaml", "--year", "2021", "-o", "-")
    head, body = answer["text"].split("\n\n", 1)
    assert body == made.stdout.split("\n\n", 1)[1]
    assert head.startswith(
        "# 由 各区/越城区2019.yaml 生成的 2021 年文件（网页上“由上一年的文件生成”）"
    )
    assert head.endswith("# “待填”处在检查结果中逐个列出，填好后即可生成。")
    assert answer["notes_title"] == "生成 2021 年的文件：需要更新"
    assert answer["notes"][-1] == "新文件还没有保存：点“保存到文件夹…”或“下载 YAML”"
    assert any("成文日期" in n for n in answer["notes"]), answer["notes"]
    assert not (folder / "各区" / "越城区2021.yaml").exists()
    status, checked = client.post("/api/check", {"text": answer["text"], "planned": answer["name"]})
    texts = [d["text"] for d in checked["diagnostics"]]
    assert texts and all(t.startswith("各区/越城区2021.yaml:") for t in texts)
    assert not any("issuer" in t for t in texts)  # the folder's defaults give it
    assert any("date (成文日期): 待填写" in t for t in texts), texts


def test_next_year_from_the_open_text_and_its_mistakes(client):
    text = GOOD.replace("year: 2019\n", "year: 2019\ntitle: 越城区2019年度整改报告\n")
    status, answer = client.post("/api/rollover", {"text": text, "name": "越城区.yaml"})
    assert status == 200 and answer["name"] == "越城区2020.yaml" and not answer["planned"]
    assert "year: 2020\ntitle: 越城区2020年度整改报告\n" in answer["text"]
    status, answer = client.post("/api/rollover", {"text": text, "name": "x.yaml", "year": "20x3"})
    assert status == 400
    assert answer["diagnostics"][0]["text"] == (
        "新文件的年度“20x3”不对 — 写 1990 到 2100 之间的年份，如 2023"
    )
    no_year = GOOD.replace("year: 2019\n", "")
    status, answer = client.post("/api/rollover", {"text": no_year, "name": "越城区.yaml"})
    assert status == 400
    assert answer["diagnostics"][0]["text"] == (
        "越城区.yaml: (文件): 文件中没有年度（year），不知道下一年是哪一年"
        " — 在“新文件的年度”中填写，如 2023"
    )
    status, answer = client.post("/api/rollover", {"path": "../outside.yaml"})
    assert status == 403


def test_batch_of_several_files_with_a_defaults_file_and_a_figures_sheet(client):
    """Many YAMLs picked at once, the shared values in a defaults file, the figures from the
    finance office's sheet: each report carries both, and the manifest says where they came from."""
    import docx

    shared = "issuer: 绍兴市越城区人民政府\n"
    mine = GOOD.replace(shared, "")
    assert mine != GOOD
    other = mine.replace("越城区", "上城区")
    sheet = "地区,教育支出\n越城区,480000\n上城区,300000\n".encode()
    status, answer = client.upload(
        "/api/batch",
        [
            ("files", "越城区.yaml", mine.encode()),
            ("files", "上城区.yaml", other.encode()),
            ("defaults", "_defaults.yaml", shared.encode()),
            ("figures", "数据.csv", sheet),
        ],
    )
    assert status == 200, answer
    state = _finished(client, answer["job"])
    assert state["ok"] and sorted(state["written"]) == ["上城区.docx", "越城区.docx"], state
    _, _, data = client.get(f"/api/batch/{answer['job']}/zip")
    box = zipfile.ZipFile(io.BytesIO(data))
    for region, value in (("越城区", "480000万元"), ("上城区", "300000万元")):
        report = docx.Document(io.BytesIO(box.read(f"{region}.docx")))
        cells = [c.text for t in report.tables for row in t.rows for c in row.cells]
        assert value in cells, (region, cells)
        text = "\n".join(p.text for p in report.paragraphs)
        assert "绍兴市越城区人民政府" in text  # the signature, from the defaults file
    manifest = box.read("manifest.csv").decode("utf-8-sig")
    assert ",数据表," in manifest and "采用数据表的 480000" in manifest


@pytest.mark.libreoffice
def test_pdf_download_is_the_rendered_report(client):
    status, headers, data = client.request(
        "POST",
        "/api/pdf",
        json.dumps({"text": GOOD, "name": "越城区.yaml"}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 200 and data.startswith(b"%PDF")
    said = {k.lower(): v for k, v in headers.items()}["content-disposition"]
    assert said == "attachment; filename*=UTF-8''%E8%B6%8A%E5%9F%8E%E5%8C%BA.pdf"
