"""Every shipped template, every example as rendered today and a report laid out by each other
shipped profile pass Microsoft's Open XML SDK validator with no error for Office 2010 and every
later version (tests/ooxml_sdk.py).

All documents are validated in one request of a session fixture, by the one child process that
holds the .NET runtime; this process never loads it.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

import ooxml_sdk
from reportgen.pipeline import load_report, render_report
from reportgen.read.profile import profile_names
from support import EXAMPLE_SOURCES, FIXTURES, TEMPLATES_DIR

TEMPLATES = sorted(TEMPLATES_DIR.glob("*.docx"))
# The examples and the reports the other tests render (the minimal ones have no figures or ledger).
SOURCES = [
    *EXAMPLE_SOURCES,
    *sorted(FIXTURES.glob("minimal-*.yaml")),
    *sorted(FIXTURES.glob("layout-*.yaml")),
]
# A report laid out by each of the other shipped profiles (their templates are built in memory).
PROFILES = [n for n in profile_names() if n != "national"]
DOCUMENTS = (
    [f"templates/{t.name}" for t in TEMPLATES]
    + [f"{s.parent.name}/{s.stem}.docx" for s in SOURCES]
    + [f"profile {n}" for n in PROFILES]
)

# The bundle exists for Linux x86-64 only (CI's platform); elsewhere the tests say why they cannot
# run. Where it exists, a failure to install or load it fails them.
pytestmark = pytest.mark.skipif(
    not ooxml_sdk.platform_supported(), reason=str(ooxml_sdk.unavailable_reason())
)


@pytest.fixture(scope="session")
def sdk_errors(tmp_path_factory) -> dict[str, list[ooxml_sdk.SdkError]]:
    out = tmp_path_factory.mktemp("sdk")
    files: dict[str, Path] = {f"templates/{t.name}": t for t in TEMPLATES}
    for s in SOURCES:
        docx = out / f"{s.parent.name}-{s.stem}.docx"
        docx.write_bytes(render_report(load_report(s)))
        files[f"{s.parent.name}/{s.stem}.docx"] = docx
    for n in PROFILES:
        docx = out / f"profile-{n}.docx"
        docx.write_bytes(
            render_report(load_report(FIXTURES / "layout-self-assessment.yaml"), profile=n)
        )
        files[f"profile {n}"] = docx
    found = ooxml_sdk.validate_many(list(files.values()))
    return {name: found[str(path)] for name, path in files.items()}


def test_versions_checked_reach_the_newest():
    names = ooxml_sdk.versions()
    assert names[0] == "Office2010"
    assert "Office2021" in names and len(names) >= 6, names


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_sdk_errors(sdk_errors, name):
    assert [str(e) for e in sdk_errors[name]] == []


def test_this_process_can_still_fork(sdk_errors):
    """The validator ran in its child: .NET is not loaded here, and a worker pool forked now
    works (a process that has loaded .NET dies of SIGTERM when it forks)."""
    assert sdk_errors
    assert not {"clr", "clr_loader", "pythonnet"} & set(sys.modules)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map(abs, [-1, -2]) == [1, 2]


def test_validator_reports_errors(tmp_path):
    """The harness sees what is wrong: an element the schema does not allow, in two parts."""
    import zipfile

    bad = tmp_path / "bad.docx"
    broken = {
        "word/document.xml": (b"<w:body>", b"<w:body><w:bogus/>"),
        "word/settings.xml": (b"</w:settings>", b"<w:bogus/></w:settings>"),
    }
    with (
        zipfile.ZipFile(TEMPLATES_DIR / "self_assessment.docx") as zin,
        zipfile.ZipFile(bad, "w") as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename in broken:
                data = data.replace(*broken[item.filename], 1)
            zout.writestr(item, data)
    errors = ooxml_sdk.validate(bad, ["Office2010"])
    assert {e.part for e in errors} == {"/word/document.xml", "/word/settings.xml"}, errors
    assert all(e.version == "Office2010" and e.description and e.path for e in errors), errors
