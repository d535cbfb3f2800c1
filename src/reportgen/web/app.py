"""The page's routes (Starlette): each parses what the browser sent and calls the library.

Everything under ``/api`` answers JSON, or a file to download; a problem with the clerk's input
is an answer with the diagnostics as data (``Diagnostic.to_dict()`` plus ``text``: the line the
CLI prints), never a traceback. Requests need the session cookie that the address with the token
gave (security.py); each session has its own workspace (sessions.py).

Files in the clerk's folder (``reportgen serve FOLDER``, by default the current one) can be
listed, opened and saved back atomically only when the server listens on loopback: on an office
server the page works on uploaded files and downloads only, so that no user reaches another's
files.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import shutil
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import Diagnostic, ReportgenError, internal_error
from ..gbt9704 import Standard
from ..model.schema import KINDS, document_json_schema
from ..output.write import write_atomic
from ..pipeline import report_context, report_standard
from ..read.defaults import folder_defaults, is_defaults_name
from ..read.loader import MAX_FILE_BYTES, decode_text
from ..soffice import find_soffice
from . import starters
from .batchjob import BatchJob, UploadError, unpack_upload
from .document import check_text, load_text
from .preview import pdf_pages, preview_css, preview_html
from .security import MAX_BODY, MAX_UPLOAD, UnsafeName, inside, safe_name, safe_relative
from .sessions import Session, Sessions
from .worker import RenderPool
from .yamledit import EditError, apply_edits

__all__ = ["COOKIE", "Settings", "create_app"]

_log = logging.getLogger("reportgen.web")
COOKIE = "reportgen_session"
STATIC = Path(__file__).parent / "static"
_YAML = (".yaml", ".yml")
_MAX_LISTED = 500


@dataclass
class Settings:
    """How the server was started."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    folder: Path | None = None  # the clerk's folder; None on an office server
    loopback: bool = True
    start_file: str | None = None  # relative to folder: opened when the page loads
    pdf_preview: bool = True  # pages through LibreOffice where it is installed
    render_workers: int = 1


class _Problem(Exception):
    """An answer with diagnostics and an HTTP status."""

    def __init__(self, status: int, diagnostics: list[Diagnostic]):
        self.status = status
        self.diagnostics = diagnostics


def _say(message: str, hint: str = "", status: int = 400, file: str = "") -> _Problem:
    return _Problem(status, [Diagnostic(file=file, message=message, hint=hint)])


def _problems(diagnostics: list[Diagnostic], status: int = 400) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "diagnostics": [{**d.to_dict(), "text": str(d)} for d in diagnostics]},
        status_code=status,
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    sessions = Sessions()
    pool = RenderPool(size=settings.render_workers)
    soffice_gate = threading.Semaphore(1)
    state: dict[str, Any] = {}

    # ---- helpers ----------------------------------------------------------------------------

    def session_of(request: Request) -> Session:
        session = sessions.get(request.cookies.get(COOKIE))
        if session is None:
            raise _say("页面已过期，请从命令行窗口显示的网址重新打开", status=401)
        return session

    async def read_json(request: Request) -> dict[str, Any]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise _say(f"内容过大（上限 {MAX_BODY // 1024 // 1024} MB）", status=413)
        try:
            value = json.loads(body or b"{}")
        except ValueError:
            raise _say("请求的格式不对") from None
        if not isinstance(value, dict):
            raise _say("请求的格式不对")
        return value

    def text_of(body: dict[str, Any]) -> tuple[str, str, str | None]:
        """(YAML text, the name messages give it, its defaults file) of a request."""
        text = body.get("text")
        if not isinstance(text, str):
            raise _say("请求中没有 YAML 文本")
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise _say(f"文件过大（上限 {MAX_FILE_BYTES // 1024} KB）")
        path = body.get("path") or body.get("planned")  # a file of the folder, or one to be
        defaults = None  # saved there (checked with that folder's defaults meanwhile)
        if path and settings.folder is not None:
            target = folder_file(path)
            found = folder_defaults(target)
            defaults = str(found) if found and found != target else None
            name = path
        else:
            name = safe_name(str(body.get("name") or "新报告.yaml"))
        return text, name, defaults

    def folder_file(relative: str) -> Path:
        if settings.folder is None:
            raise _say("这台服务器不能打开或保存服务器上的文件", "请上传文件，改完后下载", 403)
        try:
            target = inside(settings.folder, relative)
        except UnsafeName:
            raise _say(f"不能使用这个路径：{relative}", "只能打开工作文件夹中的文件", 403) from None
        if target.suffix.lower() not in _YAML:
            raise _say(f"{relative} 不是 .yaml 文件", "只能打开和保存 .yaml 文件", 403)
        return target

    def relative_name(path: Path) -> str:
        assert settings.folder is not None
        return path.relative_to(settings.folder.resolve()).as_posix()

    def attachment(data: bytes, filename: str, media: str) -> Response:
        return Response(
            data,
            media_type=media,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
                "Cache-Control": "no-store",
            },
        )

    async def render(body: dict[str, Any]) -> tuple[bytes, str]:
        text, name, defaults = text_of(body)
        data = await run_in_threadpool(pool.render, text, name, defaults)
        return data, Path(name).stem or "报告"

    def standard_of(body: dict[str, Any]) -> Standard:
        """The layout numbers of the report in a request (its profile's, else GB/T 9704's)."""
        report, _ = load_text(*text_of(body))
        return report_standard(report)

    # ---- the page -----------------------------------------------------------------------------

    async def page(request: Request) -> Response:
        token = request.query_params.get("token")
        if token is not None:
            if not secrets.compare_digest(token, settings.token):
                return HTMLResponse(_REFUSED, status_code=403)
            session = sessions.create()
            response = RedirectResponse("/", status_code=303)
            response.set_cookie(
                COOKIE, session.id, httponly=True, samesite="strict", secure=False, path="/"
            )
            return response
        if sessions.get(request.cookies.get(COOKIE)) is None:
            return HTMLResponse(_REFUSED, status_code=403)
        html = (STATIC / "index.html").read_text(encoding="utf-8")
        html = html.replace("{{version}}", __version__)
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    async def meta(request: Request) -> Response:
        session_of(request)
        return JSONResponse(
            {
                "version": __version__,
                "kinds": KINDS,
                "folder": str(settings.folder) if settings.folder else None,
                "start": settings.start_file,
                "pdf": bool(settings.pdf_preview and find_soffice()),
            }
        )

    async def schema(request: Request) -> Response:
        session_of(request)
        if "schema" not in state:
            state["schema"] = document_json_schema()
        return JSONResponse(state["schema"])

    # ---- checking and editing -------------------------------------------------------------------

    async def check(request: Request) -> Response:
        session_of(request)
        text, name, defaults = text_of(await read_json(request))
        return JSONResponse(await run_in_threadpool(check_text, text, name, defaults))

    async def edit(request: Request) -> Response:
        session_of(request)
        body = await read_json(request)
        text, name, defaults = text_of(body)
        edits = body.get("edits")
        if not isinstance(edits, list):
            raise _say("请求中没有修改")

        def run() -> dict[str, Any]:
            try:
                new = apply_edits(text, edits, name=name)
            except (EditError, KeyError, TypeError) as e:
                return {"stale": True, "reason": str(e), **check_text(text, name, defaults)}
            return {"text": new, **check_text(new, name, defaults)}

        return JSONResponse(await run_in_threadpool(run))

    # ---- files ------------------------------------------------------------------------------

    async def files(request: Request) -> Response:
        session_of(request)
        if settings.folder is None:
            return JSONResponse({"folder": None, "files": []})
        return JSONResponse(
            {"folder": str(settings.folder), "files": await run_in_threadpool(_list_yaml)}
        )

    def _list_yaml() -> list[dict[str, Any]]:
        assert settings.folder is not None
        root = settings.folder.resolve()
        out: list[dict[str, Any]] = []
        for dirpath, dirnames, filenames in os.walk(root):
            depth = len(Path(dirpath).relative_to(root).parts)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith((".", "_")) and d != "node_modules"
            )
            if depth >= 3:
                dirnames[:] = []
            for f in sorted(filenames):
                if f.lower().endswith(_YAML) and not f.startswith("."):
                    path = Path(dirpath) / f
                    out.append({"path": relative_name(path), "defaults": is_defaults_name(f)})
                    if len(out) >= _MAX_LISTED:
                        return out
        return out

    async def open_file(request: Request) -> Response:
        session_of(request)
        body = await read_json(request)
        relative = str(body.get("path") or "")
        target = folder_file(relative)
        if not target.is_file():
            raise _say(f"{relative}：文件不存在", "刷新文件列表后重试", 404)
        raw = target.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            raise _say(f"{relative}：文件过大", file=relative)
        try:
            text = decode_text(raw, relative)
        except ReportgenError as e:
            raise _Problem(400, e.diagnostics) from None
        return JSONResponse(
            {
                "text": text,
                "path": relative_name(target),
                "name": target.name,
                "mtime": str(target.stat().st_mtime_ns),  # as text: JSON numbers lose digits
            }
        )

    async def save(request: Request) -> Response:
        session_of(request)
        body = await read_json(request)
        text, _, _ = text_of({**body, "path": None, "planned": None})
        relative = str(body.get("path") or "")
        target = folder_file(relative)
        known = body.get("mtime")
        if body.get("new") and target.exists():
            raise _say(f"{relative} 已存在", "换一个文件名，或打开那个文件", 409)
        if known is not None and target.exists() and str(target.stat().st_mtime_ns) != known:
            raise _say(
                f"{relative} 在打开之后被别的程序改过",
                "为免覆盖别人的修改，请先下载 YAML 保存一份，再重新打开这个文件",
                409,
            )
        try:
            await run_in_threadpool(write_atomic, target, text.encode("utf-8"))
        except ReportgenError as e:
            raise _Problem(400, e.diagnostics) from None
        return JSONResponse(
            {"ok": True, "path": relative_name(target), "mtime": str(target.stat().st_mtime_ns)}
        )

    async def upload_yaml(request: Request) -> Response:
        session_of(request)
        async with _form(request) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise _say("没有收到文件")
            raw = await upload.read(MAX_FILE_BYTES + 1)
            name = safe_name(upload.filename or "上传.yaml")
        if len(raw) > MAX_FILE_BYTES:
            raise _say(f"{name}：文件过大（上限 {MAX_FILE_BYTES // 1024} KB）", file=name)
        try:
            text = decode_text(raw, name)
        except ReportgenError as e:
            raise _Problem(400, e.diagnostics) from None
        return JSONResponse({"text": text, "name": name})

    # ---- starting a report ----------------------------------------------------------------------

    async def new(request: Request) -> Response:
        session_of(request)
        body = await read_json(request)
        kind = str(body.get("kind") or "")
        if kind not in KINDS:
            raise _say(f"没有“{kind}”这种文件类型", f"可选：{'、'.join(KINDS)}")
        return JSONResponse(await run_in_threadpool(starters.new_report, kind))

    async def rollover(request: Request) -> Response:
        """Next year's file from last year's: a file of the folder (``path``), or the text of one
        the page has open or was given (``text``, ``name``); ``year`` the new year (default +1)."""
        session_of(request)
        body = await read_json(request)
        year = body.get("year")
        if year in (None, ""):
            year = None
        elif not (str(year).isdigit() and 1990 <= int(year) <= 2100):
            raise _say(f"新文件的年度“{year}”不对", "写 1990 到 2100 之间的年份，如 2023")
        path = body.get("path")
        if isinstance(body.get("text"), str):  # the text the page has open, maybe edited
            text, _, _ = text_of({"text": body["text"]})
            name = str(safe_relative(str(body.get("name") or "报告.yaml")))
        elif path:
            target = folder_file(str(path))
            if not target.is_file():
                raise _say(f"{path}：文件不存在", "刷新文件列表后重试", 404)
            raw = target.read_bytes()
            if len(raw) > MAX_FILE_BYTES:
                raise _say(f"{path}：文件过大", file=str(path))
            name = relative_name(target)
            text = decode_text(raw, name)
        else:
            raise _say("请求中没有上一年的文件")
        answer = await run_in_threadpool(
            starters.next_year, text, name, None if year is None else int(year)
        )
        # from a file of the folder: to be saved beside it, and checked with its defaults
        answer["planned"] = settings.folder is not None and bool(path or body.get("in_folder"))
        return JSONResponse(answer)

    async def import_file(request: Request) -> Response:
        session = session_of(request)
        async with _form(request) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise _say("没有收到文件")
            name = safe_name(upload.filename or "导入.docx")
            raw = await upload.read(MAX_UPLOAD + 1)
        folder = session.folder / "import" / session.new_id()
        folder.mkdir(parents=True)
        source = folder / name
        source.write_bytes(raw)
        try:
            return JSONResponse(await run_in_threadpool(starters.import_document, source))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # ---- output -----------------------------------------------------------------------------

    async def docx(request: Request) -> Response:
        session_of(request)
        data, stem = await render(await read_json(request))
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return attachment(data, f"{stem}.docx", media)

    async def pdf(request: Request) -> Response:
        session_of(request)
        body = await read_json(request)
        data, stem = await render(body)
        from ..output.pdf import docx_to_pdf

        def convert() -> bytes:
            standard = standard_of(body)
            with soffice_gate:
                return docx_to_pdf(data, standard=standard)

        return attachment(await run_in_threadpool(convert), f"{stem}.pdf", "application/pdf")

    async def preview(request: Request) -> Response:
        session = session_of(request)
        body = await read_json(request)
        text, name, defaults = text_of(body)
        if body.get("mode") == "pdf" and settings.pdf_preview and find_soffice():
            data, _ = await render(body)
            folder = session.folder / "preview" / session.new_id()

            def convert() -> tuple[Path, list[Path]]:
                standard = standard_of(body)
                with soffice_gate:
                    return pdf_pages(data, folder, standard=standard)

            pdf_file, pages = await run_in_threadpool(convert)
            _forget_old_previews(session, folder)
            return JSONResponse(
                {
                    "mode": "pdf",
                    "pdf": f"/api/file/{session.keep(pdf_file)}",
                    "pages": [f"/api/file/{session.keep(p)}" for p in pages],
                }
            )

        def html() -> dict[str, Any]:
            report, _ = load_text(text, name, defaults)
            standard = report_standard(report)
            return {
                "mode": "html",
                "html": preview_html(report_context(report, standard=standard)),
                "css": preview_css(standard),
            }

        return JSONResponse(await run_in_threadpool(html))

    async def file(request: Request) -> Response:
        session = session_of(request)
        path = session.files.get(request.path_params["key"])
        if path is None or not path.is_file():
            raise _say("文件已过期", "请重新生成", 404)
        return FileResponse(path, headers={"Cache-Control": "no-store"})

    # ---- batch ------------------------------------------------------------------------------

    async def batch(request: Request) -> Response:
        session = session_of(request)
        job_id = session.new_id()
        folder = session.folder / "batch" / job_id
        job = BatchJob(folder)
        async with _form(request) as form:
            uploads = [
                (u.filename or "", await u.read())
                for u in form.getlist("files")
                if isinstance(u, UploadFile)
            ]
            for key in ("defaults", "figures"):
                upload = form.get(key)
                if isinstance(upload, UploadFile) and upload.filename:
                    name = safe_name(upload.filename)
                    folder.mkdir(parents=True, exist_ok=True)
                    target = folder / f"{key}-{name}"
                    target.write_bytes(await upload.read())
                    setattr(job, key, target)
            sheet = form.get("sheet")
            job.sheet = sheet.strip() if isinstance(sheet, str) and sheet.strip() else None
            job.ledgers = form.get("ledgers") == "on"
            job.pdf = form.get("pdf") == "on" and bool(find_soffice())
        if not uploads:
            raise _say("没有选择文件", "选择各区县的 .yaml 文件，或它们的 zip 压缩包")
        try:
            job.left_out = await run_in_threadpool(unpack_upload, uploads, folder / "in")
        except (UploadError, UnsafeName) as e:
            raise _say(str(e)) from None
        await run_in_threadpool(job.start)
        session.jobs[job_id] = job
        return JSONResponse({"job": job_id})

    async def batch_state(request: Request) -> Response:
        session = session_of(request)
        job = session.jobs.get(request.path_params["job"])
        if job is None:
            raise _say("没有这个批量任务", status=404)
        return JSONResponse(await run_in_threadpool(job.state))

    async def batch_zip(request: Request) -> Response:
        session = session_of(request)
        job = session.jobs.get(request.path_params["job"])
        if job is None or not job.result_zip.is_file():
            raise _say("结果还没有生成", status=404)
        return FileResponse(
            job.result_zip,
            media_type="application/zip",
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote('批量生成结果.zip')}"
            },
        )

    # ---- the app ----------------------------------------------------------------------------

    def guarded(endpoint):
        async def run(request: Request) -> Response:
            try:
                return await endpoint(request)
            except _Problem as p:
                return _problems(p.diagnostics, p.status)
            except UnsafeName as e:
                return _problems([Diagnostic(message=f"文件名不能用：{e}")], 400)
            except ReportgenError as e:
                return _problems(e.diagnostics, 400)
            except Exception as e:  # a bug: worded as the CLI words one; the trace in the log
                _log.exception("internal error in %s", request.url.path)
                return _problems([internal_error(e)], 500)

        return run

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        warm = asyncio.get_running_loop().run_in_executor(None, pool.warm)
        try:
            yield
        finally:
            await asyncio.wait([warm], timeout=10)
            pool.close()
            sessions.close()

    api = [
        ("/api/meta", meta, ["GET"]),
        ("/api/schema", schema, ["GET"]),
        ("/api/check", check, ["POST"]),
        ("/api/edit", edit, ["POST"]),
        ("/api/files", files, ["GET"]),
        ("/api/open", open_file, ["POST"]),
        ("/api/save", save, ["POST"]),
        ("/api/upload", upload_yaml, ["POST"]),
        ("/api/new", new, ["POST"]),
        ("/api/rollover", rollover, ["POST"]),
        ("/api/import", import_file, ["POST"]),
        ("/api/docx", docx, ["POST"]),
        ("/api/pdf", pdf, ["POST"]),
        ("/api/preview", preview, ["POST"]),
        ("/api/file/{key}", file, ["GET"]),
        ("/api/batch", batch, ["POST"]),
        ("/api/batch/{job}", batch_state, ["GET"]),
        ("/api/batch/{job}/zip", batch_zip, ["GET"]),
    ]
    routes: list[BaseRoute] = [Route("/", page)]
    routes += [Route(path, guarded(fn), methods=methods) for path, fn, methods in api]
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"] if settings.loopback else ["*"]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(_LimitBody),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.sessions = sessions
    return app


def _forget_old_previews(session: Session, keep: Path) -> None:
    """Only the latest preview's files stay in the workspace."""
    for folder in (session.folder / "preview").iterdir():
        if folder != keep:
            shutil.rmtree(folder, ignore_errors=True)
    session.files = {k: p for k, p in session.files.items() if p.exists()}


@contextlib.asynccontextmanager
async def _form(request: Request):
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=50, max_part_size=MAX_UPLOAD)
    except Exception as e:  # starlette's MultiPartException and the parser's own
        raise _say(f"上传的内容无法读取（{e}）", "文件可能过大或过多，请分几次上传") from None
    try:
        yield form
    finally:
        await form.close()


MAX_FILES = 2000


class _LimitBody:
    """Refuse a request body larger than the route allows, counted as it arrives."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = MAX_UPLOAD if path in ("/api/batch", "/api/import", "/api/upload") else MAX_BODY
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = _problems(
                [Diagnostic(message=f"上传的内容过大（上限 {limit // 1024 // 1024} MB）")], 413
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _say(f"上传的内容过大（上限 {limit // 1024 // 1024} MB）", status=413)
            return message

        await self.app(scope, counted, send)


_REFUSED = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>reportgen</title>
<body style="font: 20px/1.6 sans-serif; margin: 3em">
<h1>请从命令行窗口显示的网址打开</h1>
<p>为了安全，这个页面只对带有口令（token）的网址开放。请回到运行 <code>uv run reportgen serve</code>
的窗口，复制其中显示的完整网址（以 <code>?token=</code> 结尾的那一行）到浏览器中打开。</p>
</body></html>"""
