"""Microsoft's Open XML SDK validator, run from Python: what Word's schema checks say of a .docx.

The SDK (DocumentFormat.OpenXml.dll) and a self-contained .NET runtime ship inside the PyPI wheel
``python-redlines-docxodus`` (a dev dependency, Linux x86-64 only) as
``_binaries/linux-x64.tar.gz``.
The archive (about 110 MB unpacked) is unpacked once into ~/.cache/reportgen/ooxml-sdk; the runtime
is started through pythonnet and clr_loader (CoreCLR, hostfxr's command-line entry, which accepts
a self-contained runtime). Globalization is invariant, so no ICU library is needed; the runtime's
native libraries need only libc, libstdc++ and libgcc_s.

:func:`validate` and :func:`versions` never load .NET into the calling process: a process that has
loaded it dies of SIGTERM when it later forks (a worker pool in a test). They ask one long-lived
child (this file run with ``--serve``, started on first use and ended when the caller exits),
which validates the files it is sent and answers in JSON, one line per request.

    uv run python tests/ooxml_sdk.py out/report.docx ...   # errors for Office 2010 and later
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import traceback
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "SdkError",
    "available",
    "platform_supported",
    "unavailable_reason",
    "validate",
    "validate_many",
    "versions",
]

_ARCHIVE = Path("_binaries") / "linux-x64.tar.gz"
_ENTRY = "redline.dll"  # the bundle's own app: hostfxr starts a self-contained runtime from it
_SDK = "DocumentFormat.OpenXml.dll"
# A request's answer, the first one included (unpacking the archive, starting the runtime), is
# awaited this long; the child is then killed and the request fails with what it printed.
TIMEOUT = 300


@dataclass(frozen=True)
class SdkError:
    """One validation error as the SDK reports it."""

    version: str  # the FileFormatVersions name checked against, e.g. Office2010
    part: str  # the part's URI, e.g. /word/styles.xml
    path: str  # XPath of the offending element inside the part
    id: str  # the SDK's error id, e.g. Sch_UnexpectedElementContentExpectingComplex
    description: str

    def __str__(self) -> str:
        return f"[{self.version}] {self.part} {self.path}: {self.description} ({self.id})"


def platform_supported() -> bool:
    """Whether the wheel carries a runtime for this machine (it has Linux x86-64 only)."""
    return sys.platform == "linux" and platform.machine() == "x86_64"


def unavailable_reason() -> str | None:
    """Why the validator cannot run on this machine, or None when it can."""
    if not platform_supported():
        return (
            f"the Open XML SDK bundle ships for Linux x86-64 only (this is {sys.platform} "
            f"{platform.machine()})"
        )
    try:
        _archive()
    except ImportError as e:
        return f"python-redlines-docxodus is not installed ({e}): run `uv sync`"
    return None


def available() -> bool:
    return unavailable_reason() is None


def _archive() -> Path:
    import python_redlines_docxodus

    return Path(python_redlines_docxodus.__file__).parent / _ARCHIVE


def _cache_root() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    try:
        (base / "reportgen").mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable home (some CI containers)
        base = Path(tempfile.gettempdir())
    return base / "reportgen" / "ooxml-sdk"


def runtime_dir() -> Path:
    """The unpacked runtime, unpacked on first use into a folder named after the archive's
    contents (a newer wheel gets a new folder); concurrent first uses do not see a half copy."""
    archive = _archive()
    digest = hashlib.sha256()
    with archive.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    target = _cache_root() / digest.hexdigest()[:16]
    if (target / _SDK).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
        try:
            scratch.rename(target)
        except OSError:  # another process got there first
            if not (target / _SDK).is_file():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


@cache
def _sdk():
    """The SDK's namespaces, the runtime started once for the process (the child's only)."""
    from clr_loader import get_coreclr
    from pythonnet import load

    root = runtime_dir()
    load(
        get_coreclr(
            entry_dll=root / _ENTRY,
            dotnet_root=root,
            # No ICU on a bare Debian: the validator needs no culture data.
            properties={"System.Globalization.Invariant": "true"},
        )
    )
    import clr

    clr.AddReference(str(root / _SDK))
    from DocumentFormat.OpenXml import FileFormatVersions
    from DocumentFormat.OpenXml.Packaging import WordprocessingDocument
    from DocumentFormat.OpenXml.Validation import OpenXmlValidator

    return FileFormatVersions, WordprocessingDocument, OpenXmlValidator


def _versions_here(oldest: str) -> list[str]:
    formats = _sdk()[0]
    first = int(getattr(formats, oldest))
    return [
        str(v)
        for v in formats.GetValues(formats)
        if int(v) >= first and str(v) != "None"  # None is 0, so below any oldest
    ]


def _validate_here(docx: str | Path, versions_: list[str] | None) -> list[SdkError]:
    formats, document, validator = _sdk()
    errors = []
    doc = document.Open(str(Path(docx).resolve()), False)
    try:
        for name in versions_ or _versions_here("Office2010"):
            for e in validator(getattr(formats, name)).Validate(doc):
                errors.append(
                    SdkError(
                        name,
                        str(e.Part.Uri) if e.Part is not None else "",
                        str(e.Path.XPath) if e.Path is not None else "",
                        str(e.Id),
                        str(e.Description),
                    )
                )
    finally:
        doc.Dispose()
    return errors


# ---- the child: requests on stdin, answers on stdout, one JSON line each -------------------


def _answer(request: dict) -> dict:
    if request["op"] == "versions":
        return {"versions": _versions_here(request["oldest"])}
    if request["op"] == "validate":
        found = {f: _validate_here(f, request["versions"]) for f in request["files"]}
        return {"errors": {f: [asdict(e) for e in errors] for f, errors in found.items()}}
    raise ValueError(f"unknown request {request!r}")


def _serve() -> int:
    """Answer requests until stdin closes. Whatever else writes to stdout (the runtime, a
    library) goes to stderr, so that stdout carries only the answers."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while line := sys.stdin.readline():
        try:
            answer = _answer(json.loads(line))
        except Exception:
            answer = {"failed": traceback.format_exc()}
        answers.write(json.dumps(answer, ensure_ascii=False) + "\n")
        answers.flush()
    return 0


class _Child:
    """The validating process, as the caller sees it."""

    def __init__(self) -> None:
        # The child's stderr, shown when a request fails; closed with the child.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            encoding="utf-8",
        )

    def ask(self, request: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        timer = threading.Timer(TIMEOUT, self.process.kill)
        timer.start()
        try:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except BrokenPipeError:
            line = ""
        finally:
            timer.cancel()
        if not line:
            code = self.process.wait()
            raise RuntimeError(
                f"the Open XML SDK process ended (exit {code}"
                f"{f', killed after {TIMEOUT} s' if code == -9 else ''}):\n{self.stderr()}"
            )
        answer = json.loads(line)
        if "failed" in answer:
            raise RuntimeError(f"the Open XML SDK process failed:\n{answer['failed']}")
        return answer

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


_CHILD: _Child | None = None
_LOCK = threading.Lock()


def _ask(request: dict) -> dict:
    """The child's answer to ``request``; the child is started on first use (or again after
    one that ended)."""
    global _CHILD
    with _LOCK:
        if _CHILD is None or _CHILD.process.poll() is not None:
            if _CHILD is None:
                atexit.register(_stop)
            _CHILD = _Child()
        return _CHILD.ask(request)


def _stop() -> None:
    global _CHILD
    with _LOCK:
        if _CHILD is not None:
            _CHILD.close()
            _CHILD = None


# ---- what tests call ----------------------------------------------------------------------


def versions(oldest: str = "Office2010") -> list[str]:
    """The file format versions the SDK knows, from ``oldest`` to the newest."""
    return _ask({"op": "versions", "oldest": oldest})["versions"]


def validate_many(
    docx: list[str | Path], versions_: list[str] | None = None
) -> dict[str, list[SdkError]]:
    """Every error the SDK's validator finds in each of ``docx`` (keyed by the path as given,
    as a string), for each of ``versions_`` (default: Office 2010 and every later version); one
    request for them all."""
    names = [str(d) for d in docx]
    found = _ask({"op": "validate", "files": names, "versions": versions_})["errors"]
    return {n: [SdkError(**e) for e in found[n]] for n in names}


def validate(docx: str | Path, versions_: list[str] | None = None) -> list[SdkError]:
    """Every error the SDK's validator finds in ``docx``, for each of ``versions_`` (default:
    Office 2010 and every later version)."""
    return validate_many([docx], versions_)[str(docx)]


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        return _serve()
    if not argv:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    if reason := unavailable_reason():
        print(reason)
        return 2
    bad = 0
    # A process of its own: validated here, without a child.
    names = _versions_here("Office2010")
    for name in argv:
        errors = _validate_here(name, None)
        print(f"{name}: {len(errors)} errors ({', '.join(names)})")
        for e in errors:
            print(f"  {e}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
