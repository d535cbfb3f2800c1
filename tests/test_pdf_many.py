"""output/pdf_many.convert_many: many files through a few LibreOffice processes; a file that fails
is reported and the rest converted; a hung LibreOffice is killed and replaced; progress shown.

The failure paths run against a stand-in soffice (a script converting in order, as soffice does,
that hangs on a file holding HANG and skips one holding BAD), so they are fast and certain; one
test runs the real LibreOffice with a broken file among good ones."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from reportgen.output.pdf_many import convert_many, pdf_pages

FAKE = f"""#!{sys.executable}
import os, sys, time
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
files = [a for a in args if a.endswith(".docx")]
if os.environ.get("FAKE_LOG"):
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(str(len(files)) + "\\n")
for f in files:
    data = open(f, "rb").read()
    if b"HANG" in data:
        time.sleep(3600)
    if b"BAD" in data:
        print("Error: source file could not be loaded", file=sys.stderr)
        continue
    name = os.path.splitext(os.path.basename(f))[0] + ".pdf"
    open(os.path.join(out, name), "wb").write(b"%PDF-1.4 /Type /Page /Type /Pages " + data)
"""


@pytest.fixture
def fake_soffice(tmp_path: Path) -> str:
    path = tmp_path / "soffice"
    path.write_text(FAKE, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def _files(tmp_path: Path, contents: list[bytes]) -> list[tuple[Path, Path]]:
    (tmp_path / "in").mkdir()
    pairs = []
    for i, data in enumerate(contents):
        src = tmp_path / "in" / f"报告{i}.docx"
        src.write_bytes(data)
        pairs.append((src, tmp_path / "out" / f"报告{i}.pdf"))
    return pairs


def test_one_start_per_chunk_and_progress(tmp_path: Path, fake_soffice: str, monkeypatch):
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "starts.log"))
    pairs = _files(tmp_path, [f"ok {i}".encode() for i in range(10)])
    seen = []
    done = convert_many(
        pairs, workers=2, chunk=5, soffice=fake_soffice, progress=lambda n, t: seen.append((n, t))
    )
    assert [c.error for c in done] == [None] * 10
    assert [c.pdf.read_bytes().endswith(f"ok {i}".encode()) for i, c in enumerate(done)] == [
        True
    ] * 10
    assert seen[-1] == (10, 10) and [n for n, _ in seen] == list(range(1, 11))
    assert pdf_pages(done[0].pdf) == 1  # /Type /Page counted, /Type /Pages not
    # Two processes of five files each, not ten starts.
    assert sorted((tmp_path / "starts.log").read_text().split()) == ["5", "5"]


def test_a_file_that_fails_does_not_stop_the_others(tmp_path: Path, fake_soffice: str):
    pairs = _files(tmp_path, [b"ok", b"BAD", b"ok", b"ok"])
    done = convert_many(pairs, workers=1, soffice=fake_soffice)
    assert [c.error is None for c in done] == [True, False, True, True]
    assert "LibreOffice 未能转换为 PDF" in str(done[1].error)
    assert str(pairs[1][0]) in str(done[1].error)
    assert not done[1].pdf.exists() and done[2].pdf.is_file()


def test_a_hung_libreoffice_is_killed_and_replaced(tmp_path: Path, fake_soffice: str):
    pairs = _files(tmp_path, [b"ok", b"ok", b"HANG", b"ok", b"ok"])
    start = time.monotonic()
    done = convert_many(pairs, workers=1, timeout=1.5, startup=0.5, soffice=fake_soffice)
    assert time.monotonic() - start < 30
    assert [c.error is None for c in done] == [True, True, False, True, True]
    assert "转换超过 2 秒未完成" in str(done[2].error)
    # Killed processes are gone (their process group), not left running.
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    for pid in pids:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        assert fake_soffice.encode() not in cmd


def test_no_libreoffice_is_one_message(tmp_path: Path, monkeypatch):
    from reportgen.errors import ConversionError

    pairs = _files(tmp_path, [b"ok"])
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "missing"))
    with pytest.raises(ConversionError, match="未找到 LibreOffice"):
        convert_many(pairs)


@pytest.mark.libreoffice
def test_real_libreoffice_converts_many_with_a_broken_one(tmp_path: Path, good_yaml: str):
    from reportgen.pipeline import render_file

    (tmp_path / "out").mkdir()
    docs = []
    for name in ("甲区", "乙区", "丙区"):
        source = tmp_path / f"{name}.yaml"
        source.write_text(good_yaml.replace("越城区", name), encoding="utf-8")
        docs.append(render_file(source, tmp_path / "out" / f"{name}.docx"))
    broken = tmp_path / "out" / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    pairs = [(d, d.with_suffix(".pdf")) for d in [docs[0], broken, *docs[1:]]]
    done = convert_many(pairs, workers=1)
    assert [c.error is None for c in done] == [True, False, True, True]
    assert all(pdf_pages(c.pdf) >= 1 for c in done if c.error is None)
