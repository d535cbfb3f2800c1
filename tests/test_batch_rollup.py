"""batch --ledgers, --summary and --pdf: each district's ledger as .xlsx beside its report, the
roll-up workbook of the batch, PDFs through a few LibreOffice processes (a failed conversion
listed in the manifest, the others converted). In-process batches take -j 1 (see test_rollup)."""

from __future__ import annotations

import csv
import io
import stat
import sys
from pathlib import Path

import openpyxl
import pytest

from reportgen.batch import MANIFEST_NAME

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_rollup import AS_OF, DISTRICTS, _rows  # the four hand-counted districts


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name, text in DISTRICTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def _manifest(out: Path) -> dict[str, dict[str, str]]:
    raw = (out / MANIFEST_NAME).read_bytes().decode("utf-8-sig")
    return {r["地区"]: r for r in csv.DictReader(io.StringIO(raw))}


def test_ledgers_beside_reports(folder: Path, tmp_path: Path, cli):
    out = tmp_path / "out"
    result = cli("batch", folder, "-o", out, "--ledgers", "-j", "1")
    assert result.exit_code == 1  # 丁区
    assert sorted(p.name for p in out.glob("*.xlsx")) == ["乙区.xlsx", "甲区.xlsx"]  # 丙区: none
    rows = _rows(openpyxl.load_workbook(out / "甲区.xlsx")["整改台账"])
    assert [r["整改措施"] for r in rows] == [
        "新建学校",
        "扩建校舍",
        "规划布局",
        "加强师德师风建设",
        "补充教师",
        "提高待遇",
    ]
    assert [r["完成情况"] for r in rows][:2] == ["已完成", "持续推进"]
    # A run without --ledgers moves the earlier ledgers aside: they may not match the reports.
    cli("batch", folder, "-o", out, "-j", "1")
    assert not list(out.glob("*.xlsx"))
    assert sorted(p.name for p in (out / "_旧报告").glob("*.xlsx")) == ["乙区.xlsx", "甲区.xlsx"]
    rows = _manifest(out)
    assert "上次生成的台账已移到 _旧报告/甲区.xlsx" in rows["甲区"]["说明"]
    for p in (out / "_旧报告").iterdir():
        p.unlink()
    cli("batch", folder, "-o", out, "--ledgers", "-j", "1")
    # A district that fails on the next run takes its ledger with its report to _旧报告/.
    (folder / "b.yaml").write_text("kind: rectification\n", encoding="utf-8")
    cli("batch", folder, "-o", out, "--ledgers", "-j", "1")
    assert not (out / "乙区.xlsx").exists() and not (out / "乙区.docx").exists()
    assert (out / "_旧报告" / "乙区.xlsx").is_file() and (out / "_旧报告" / "乙区.docx").is_file()


def test_summary_is_the_rollup(folder: Path, tmp_path: Path, cli):
    result = cli("batch", folder, "-o", tmp_path / "out", "--summary", "--as-of", AS_OF, "-j", "1")
    assert result.exit_code == 1 and "已生成汇总表" in result.output
    alone = tmp_path / "alone.xlsx"
    cli("rollup", folder, "-o", alone, "--as-of", AS_OF, "-j", "1")
    assert (tmp_path / "out" / "汇总.xlsx").read_bytes() == alone.read_bytes()
    rows = {r["地区"]: r for r in _rows(openpyxl.load_workbook(alone)["总览"])}
    assert rows["丁区"]["状态"] == "出错"


def test_summary_lists_a_district_failed_after_rendering(folder: Path, tmp_path: Path, cli):
    # Two files for one report: both rendered, then both failed as twins.
    (folder / "a - 副本.yaml").write_text(DISTRICTS["a.yaml"], encoding="utf-8")
    cli("batch", folder, "-o", tmp_path / "out", "--summary", "--as-of", AS_OF, "-j", "1")
    rows = _rows(openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")["总览"])
    twins = [r for r in rows if r["输入文件"] and "a" in Path(r["输入文件"]).stem]
    assert len(twins) == 2 and {r["状态"] for r in twins} == {"出错"}
    assert all("同一份报告" in r["说明"] for r in twins)


FAKE = f"""#!{sys.executable}
import os, sys
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
for f in [a for a in args if a.endswith(".docx")]:
    name = os.path.splitext(os.path.basename(f))[0]
    if name == os.environ.get("FAKE_FAIL", ""):
        continue
    open(os.path.join(out, name + ".pdf"), "wb").write(b"%PDF-1.4 /Type /Page")
"""


def test_pdf_failure_is_in_the_manifest_and_the_others_go_on(
    folder: Path, tmp_path: Path, cli, monkeypatch
):
    fake = tmp_path / "soffice"
    fake.write_text(FAKE, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake))
    (folder / "d.yaml").unlink()
    out = tmp_path / "out"
    assert cli("batch", folder, "-o", out, "--pdf", "-j", "1").exit_code == 0
    assert len(list(out.glob("*.pdf"))) == 3
    monkeypatch.setenv("FAKE_FAIL", "1")  # the second report converted
    result = cli("batch", folder, "-o", out, "--pdf", "-j", "1")
    assert result.exit_code == 1
    assert "1 份报告的 PDF 未能生成" in result.output
    rows = _manifest(out)
    failed = [r for r in rows.values() if "PDF 未生成" in r["说明"]]
    assert len(failed) == 1 and failed[0]["状态"] == "已生成"
    name = failed[0]["报告文件"]
    assert (out / name).is_file() and not (out / name).with_suffix(".pdf").exists()
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert len(pdfs) == 2 and name.replace(".docx", ".pdf") not in pdfs
    # The earlier run's PDF of that report no longer matches it: moved aside, and said.
    assert (out / "_旧报告" / name.replace(".docx", ".pdf")).is_file()
    assert "上次生成的PDF已移到 _旧报告/" in failed[0]["说明"]


@pytest.mark.libreoffice
def test_pdf_with_libreoffice(tmp_path: Path, good_yaml: str, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("甲区", "乙区"):
        (folder / f"{name}.yaml").write_text(good_yaml.replace("越城区", name), encoding="utf-8")
    result = cli("batch", folder, "-o", tmp_path / "out", "--pdf", "-j", "1")
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert pdfs == ["乙区.pdf", "甲区.pdf"]
    assert (tmp_path / "out" / "甲区.pdf").read_bytes().startswith(b"%PDF")
