"""rollup --report: the city-level summary report, a general document built from the roll-up,
its numbers checked against the hand-counted districts of test_rollup; its YAML re-renders to
the same file; it passes check --layout and the Open XML SDK's validator."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ooxml_sdk
from reportgen.model.blocks import MAX_ROWS
from reportgen.rollup.collect import District, MeasureRow
from reportgen.rollup.report import report_document
from reportgen.rollup.summary import Rollup
from test_rollup import AS_OF, DISTRICTS


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path, dict]:
    from support import run_cli

    root = tmp_path_factory.mktemp("report")
    (root / "in").mkdir()
    for name, text in DISTRICTS.items():
        (root / "in" / name).write_text(text, encoding="utf-8")
    docx, source = root / "汇总报告.docx", root / "汇总报告.yaml"
    result = run_cli(
        "rollup",
        root / "in",
        "--as-of",
        AS_OF,
        "--report",
        docx,
        "--report-yaml",
        source,
        "--issuer",
        "示例市教育局",
        "-j",
        "1",
    )
    assert result.exit_code == 1, result.output  # 丁区 failed, and is listed
    assert docx.is_file() and source.is_file()
    return docx, source, yaml.safe_load(source.read_text(encoding="utf-8"))


def _section(doc: dict, title: str) -> list:
    return next(b["body"] for b in doc["body"] if isinstance(b, dict) and b.get("title") == title)


def test_numbers_from_the_districts(made):
    _, _, doc = made
    assert doc["kind"] == "general" and doc["issuer"] == "示例市教育局"
    assert doc["date"] == AS_OF
    assert "截至2026年6月30日，共收到4个地区" in doc["opening"]
    overall = _section(doc, "总体情况")
    assert overall[0] == (
        "已汇总3个地区的报告（另有1个地区的文件未能汇总，见后文）。各地区共反馈问题3个，"
        "制定整改措施8项，其中已完成3项、持续推进2项、未开始2项、未填写完成情况的1项，"
        "整改措施完成率为37.5%。"
    )
    assert overall[1] == "各地区中，整改措施完成率最高的是乙区（100%），最低的是甲区（16.7%）。"
    assert "1个地区有2项整改措施超过整改时限仍未完成，占整改措施总数的25%" in overall[2]
    progress = _section(doc, "各地区整改进展")
    table = progress[0]["table"]
    assert table["rows"] == [
        ["甲区", 2, 6, 1, 2, 2, "16.7%", 2],
        ["乙区", 1, 2, 2, 0, 0, "100%", 0],
    ]
    assert progress[1] == "丙区的报告中没有整改措施，未列入上表。"
    late = _section(doc, "逾期未完成的整改措施")[1]["table"]
    assert late["rows"] == [
        ["甲区", "学位供给不足", "扩建校舍", "区发改局", "2022年6月", 1461],
        ["甲区", "教师队伍有待加强", "提高待遇", "区财政局", "2026年6月29日", 1],
    ]
    assert late["merge"] == ["地区"]
    failed = _section(doc, "未能汇总的地区")
    assert failed[0].startswith("以下1个地区的文件有问题")
    assert failed[1] == "丁区：“2021-13-45”中的月份 13 不存在。"
    steps = _section(doc, "下一步工作")
    assert any("逾期未完成" in s for s in steps) and any("没有填写完成情况" in s for s in steps)


def test_the_yaml_renders_to_the_same_report(made, tmp_path: Path, cli):
    docx, source, _ = made
    again = tmp_path / "again.docx"
    result = cli("render", source, "-o", again)
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == docx.read_bytes()
    assert "提示" not in result.output  # the number checks find nothing to query


def test_an_edited_yaml_is_what_prints(made, tmp_path: Path, cli, docx_lines):
    _, source, _ = made
    edited = tmp_path / "edited.yaml"
    text = source.read_text(encoding="utf-8").replace("建议督促有关地区", "已督促有关地区")
    edited.write_text(text, encoding="utf-8")
    cli("render", edited, "-o", tmp_path / "e.docx")
    assert any("已督促有关地区说明原因" in line for line in docx_lines(tmp_path / "e.docx"))


def test_many_districts_split_tables():
    districts = [
        District(
            input=f"{i}.yaml",
            region=f"第{i}区",
            kind="rectification",
            year=2025,
            problems=1,
            measures=(MeasureRow("问题", "措施", due=dt.date(2026, 1, 1), status="持续推进"),),
        )
        for i in range(MAX_ROWS + 3)
    ]
    doc = report_document(Rollup.of(districts, dt.date(2026, 6, 30)))
    tables = [b["table"] for b in _section(doc, "各地区整改进展") if isinstance(b, dict)]
    assert [len(t["rows"]) for t in tables] == [MAX_ROWS, 3]
    assert tables[1]["title"] == "表1 各地区整改进展（续）"
    assert doc["title"] == "关于2025年度各地区履行教育职责问题整改情况的报告"


@pytest.mark.libreoffice
def test_passes_check_layout(made):
    from reportgen.check.styles import check_docx

    docx, _, _ = made
    bad = [str(f) for f in check_docx(docx, layout=True) if not f.ok]
    assert not bad, bad


@pytest.mark.skipif(not ooxml_sdk.platform_supported(), reason=str(ooxml_sdk.unavailable_reason()))
def test_valid_for_word(made):
    docx, _, _ = made
    assert [str(e) for e in ooxml_sdk.validate(docx)] == []
