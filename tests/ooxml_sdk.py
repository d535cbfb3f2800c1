"""Microsoft's Open XML SDK validator, run from Python: what Word's schema checks say of a .docx.

The SDK (DocumentFormat.OpenXml.dll) and a self-contained .NET runtime ship inside the PyPI wheel
``python-redlines-docxodus`` (a dev dependency, Linux x86-64 only) as
``_binaries/linux-x64.tar.gz``.
The archive (about 110 MB unpacked) is unpacked once into ~/.cache/reportgen/ooxml-sdk; the runtime
is started once per process through pythonnet and clr_loader (CoreCLR, hostfxr's command-line
entry, which accepts a self-contained runtime). Globalization is invariant, so no ICU library is
needed; the runtime's native libraries need only libc, libstdc++ and libgcc_s.

    uv run python tests/ooxml_sdk.py out/report.docx ...   # errors for Office 2010 and later
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "SdkError",
    "available",
    "platform_supported",
    "unavailable_reason",
    "validate",
    "versions",
]

_ARCHIVE = Path("_binaries") / "linux-x64.tar.gz"
_ENTRY = "redline.dll"  # the bundle's own app: hostfxr starts a self-contained runtime from it
_SDK = "DocumentFormat.OpenXml.dll"


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
    """The SDK's namespaces, the runtime started once for the process."""
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


def versions(oldest: str = "Office2010") -> list[str]:
    """The file format versions the SDK knows, from ``oldest`` to the newest."""
    formats = _sdk()[0]
    first = int(getattr(formats, oldest))
    return [
        str(v)
        for v in formats.GetValues(formats)
        if int(v) >= first and str(v) != "None"  # None is 0, so below any oldest
    ]


def validate(docx: str | Path, versions_: list[str] | None = None) -> list[SdkError]:
    """Every error the SDK's validator finds in ``docx``, for each of ``versions_`` (default:
    Office 2010 and every later version)."""
    formats, document, validator = _sdk()
    errors = []
    doc = document.Open(str(Path(docx).resolve()), False)
    try:
        for name in versions_ or versions():
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


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    if reason := unavailable_reason():
        print(reason)
        return 2
    bad = 0
    for name in argv:
        errors = validate(name)
        print(f"{name}: {len(errors)} errors ({', '.join(versions())})")
        for e in errors:
            print(f"  {e}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
