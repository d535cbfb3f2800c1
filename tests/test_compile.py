"""rollup --compile: the 汇编. The contents' page numbers are static text (no field to update),
and they are where LibreOffice puts each report: checked page by page in the volume's PDF, each
report starting on an odd page, numbers running through or restarting; check --layout passes;
the Open XML SDK's validator finds nothing."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ooxml_sdk
from reportgen.rollup.compile import Part, plan


def test_plan_pads_every_part_to_an_odd_start():
    parts = [Part(Path(f"{i}.docx"), str(i), pages=n) for i, n in enumerate((3, 2, 5, 1))]
    total = plan(parts, 3, "running")  # cover, its back, one page of contents: padded to 4
    assert [(p.sheet, p.start) for p in parts] == [(5, 1), (9, 5), (11, 7), (17, 13)]
    assert total == 17
    plan(parts, 3, "restart")
    assert [(p.sheet, p.start) for p in parts] == [(5, 1), (9, 1), (11, 1), (17, 1)]


def _districts(folder: Path, good_yaml: str, good_sa_yaml: str) -> None:
    folder.mkdir()
    (folder / "1.yaml").write_text(good_yaml, encoding="utf-8")
    (folder / "2.yaml").write_text(good_sa_yaml, encoding="utf-8")
    long = good_yaml.replace("越城区", "柯桥区").replace(
        "区委常委会每年至少研究一次教育工作。", "区委常委会每年至少研究一次教育工作。" * 40
    )
    (folder / "3.yaml").write_text(long, encoding="utf-8")
    (folder / "4.yaml").write_text("kind: rectification\n", encoding="utf-8")  # fails: left out


def _numbers(pdf: Path) -> list[tuple[str, int | None]]:
    """(first line of text, printed page number or None) for every page of the PDF."""
    from reportgen.check.layout import read_pdf

    out = []
    for page in read_pdf(pdf):
        texts = [r.text.replace(" ", "") for r in page.rows]
        number = next((int(m.group(1)) for t in texts if (m := re.fullmatch(r"—(\d+)—", t))), None)
        body = [t for t in texts if not re.fullmatch(r"—(\d+)—", t)]
        out.append((body[0] if body else "", number))
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("numbering", ["running", "restart"])
def test_volume(tmp_path: Path, good_yaml: str, good_sa_yaml: str, cli, numbering: str):
    _districts(tmp_path / "in", good_yaml, good_sa_yaml)
    volume = tmp_path / "汇编.docx"
    result = cli(
        "rollup",
        tmp_path / "in",
        "--compile",
        volume,
        "--pdf",
        "--page-numbers",
        numbering,
        "--issuer",
        "绍兴市教育局",
        "--as-of",
        "2026-06-30",
        "-j",
        "1",
    )
    assert result.exit_code == 1, result.output  # 4.yaml failed, and is not bound
    assert "3 份报告" in result.output
    pages = _numbers(tmp_path / "汇编.pdf")
    # The contents: static text, one line per report with its page (or its length).
    doc = Document(str(volume))
    assert not [e for e in doc.element.body.iter() if e.tag.endswith("}fldChar")]
    entries = [p.text.split("\t") for p in doc.paragraphs if "\t" in p.text]
    assert [e[0] for e in entries] == [
        "2019年度越城区履行教育职责问题整改报告",
        "2021年度楚雄州履行教育职责情况自查报告",
        "2019年度柯桥区履行教育职责问题整改报告",
    ]
    starts = [i + 1 for i, (first, _) in enumerate(pages) if first.startswith(("2019", "2021"))]
    starts = [s for s in starts if pages[s - 1][1] is not None]  # the reports' first pages
    assert len(starts) == 3 and all(s % 2 == 1 for s in starts)  # each on a recto
    for (title, page), start in zip(entries, starts, strict=True):
        assert pages[start - 1][0].startswith(title[:6])
        if numbering == "running":
            assert pages[start - 1][1] == int(page)
        else:
            assert pages[start - 1][1] == 1
            ends = [n for _, n in pages[start - 1 :] if n is not None]
            length = next((i for i in range(1, len(ends)) if ends[i] == 1), len(ends))
            assert page == f"共{length}页"
    # Cover, its back, contents and blank pages carry no number; numbered pages run on.
    assert pages[0][1] is None and pages[1][1] is None and pages[2][0].startswith("目")
    numbered = [n for _, n in pages if n is not None]
    if numbering == "running":
        assert numbered[0] == 1 and all(b > a for a, b in itertools.pairwise(numbered))

    from reportgen.check.styles import check_docx

    bad = [str(f) for f in check_docx(volume, layout=True) if not f.ok]
    assert not bad, bad
    if ooxml_sdk.platform_supported():
        assert [str(e) for e in ooxml_sdk.validate(volume)] == []


def test_compile_options_need_each_other(tmp_path: Path, good_yaml: str, cli):
    (tmp_path / "a.yaml").write_text(good_yaml, encoding="utf-8")
    result = cli("rollup", tmp_path / "a.yaml", "--pdf", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "--compile" in result.output
    result = cli("rollup", tmp_path / "a.yaml", "--compile", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "先生成 .docx" in result.output


def _faces(path: Path) -> set[str]:
    import zipfile

    styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    return set(re.findall(r'w:eastAsia="([^"]+)"', styles))


@pytest.mark.libreoffice
def test_the_volume_and_summary_take_the_batchs_template_and_profile(
    tmp_path: Path, good_yaml: str, cli
):
    """A bureau that ran ``batch --profile gbk-fonts`` (or ``--template``) binds the reports it
    issued: the volume's reports and the summary report are laid out the same way, and the
    summary's YAML keeps the profile, so that it renders again as it did."""
    from reportgen.read.profile import load_profile
    from reportgen.render.templates_build import build
    from reportgen.rollup.gather import gather, render_districts

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "越城区.yaml").write_text(good_yaml, encoding="utf-8")
    plain = {"仿宋_GB2312", "方正小标宋简体"}
    gbk = {"方正仿宋_GBK", "方正小标宋_GBK"}
    volume, report, source = (
        tmp_path / "汇编.docx",
        tmp_path / "汇总报告.docx",
        tmp_path / "汇总.yaml",
    )
    args = ["--compile", volume, "--report", report, "--report-yaml", source, "-j", "1"]
    result = cli("rollup", tmp_path / "in", *args, "--profile", "gbk-fonts")
    assert result.exit_code == 0, result.output
    for made in (volume, report):
        assert gbk <= _faces(made) and not plain & _faces(made), made.name
    assert "\nkind: general\nprofile: gbk-fonts\n" in source.read_text(encoding="utf-8")
    again = cli("render", source, "-o", tmp_path / "again.docx")
    assert again.exit_code == 0, again.output
    assert (tmp_path / "again.docx").read_bytes() == report.read_bytes()
    # a template of the batch's own: the same faces come from it, in the summary report and in
    # the reports the volume binds (rendered as the volume renders them; LibreOffice only counts
    # their pages, which the run above did)
    template = tmp_path / "我们的模板.docx"
    template.write_bytes(build("rectification", load_profile("gbk-fonts")))
    result = cli("rollup", tmp_path / "in", "--report", report, "--template", template)
    assert result.exit_code == 0, result.output
    assert gbk <= _faces(report)
    (bound,) = render_districts(gather([tmp_path / "in"], jobs=1), tmp_path, template=template)
    assert gbk <= _faces(bound[0]) and not plain & _faces(bound[0])
    # without either, GB/T 9704's own faces (the summary report: no LibreOffice needed)
    result = cli("rollup", tmp_path / "in", "--report", report)
    assert result.exit_code == 0 and plain <= _faces(report) and not gbk & _faces(report)


def test_an_unknown_profile_is_said_before_reading(tmp_path: Path, good_yaml: str, cli):
    (tmp_path / "a.yaml").write_text(good_yaml, encoding="utf-8")
    result = cli(
        "rollup", tmp_path / "a.yaml", "--compile", tmp_path / "汇编.docx", "--profile", "gbk-font"
    )
    assert result.exit_code == 1
    assert result.output.endswith(
        "  --profile: 没有名为“gbk-font”的版式方案 — 是否应为 gbk-fonts？可用的方案：national、"
        "fixed-28pt、gbk-fonts、page-number-centred（data/profiles/ 中的文件名），"
        "或写出方案文件的路径\n"
    )
    assert not (tmp_path / "汇编.docx").exists()


@pytest.mark.libreoffice
def test_control_characters_typed_in_the_titles_are_cleaned(tmp_path: Path, good_yaml: str, cli):
    """Found by tools/fuzz.py: a \\x0b pasted into --compile-title reached the cover's XML, an
    internal error (ValueError: All strings must be XML compatible)."""
    (tmp_path / "a.yaml").write_text(good_yaml, encoding="utf-8")
    volume = tmp_path / "汇编.docx"
    result = cli(
        "rollup",
        tmp_path / "a.yaml",
        "--compile",
        volume,
        "--compile-title",
        "各地区\x01整改报告\x0b汇编",
        "--issuer",
        "\x07绍兴市教育局",
        "-j",
        "1",
    )
    assert result.exit_code == 0, result.output
    cover = "\n".join(p.text for p in Document(str(volume)).paragraphs[:20])
    assert "各地区整改报告" in cover and "汇编" in cover and "绍兴市教育局" in cover
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", cover)
