"""reportgen new: a skeleton of each kind from the schema, and next year's file from this year's."""

from __future__ import annotations

import re

import pytest
import yaml

from reportgen.model.schema import MODELS
from reportgen.start.rollover import roll_forward
from reportgen.start.skeleton import skeleton
from support import EXAMPLES, read_docx_lines, run_cli


@pytest.mark.parametrize("kind", list(MODELS))
def test_skeleton_names_every_field_and_only_its_placeholders_fail(kind, tmp_path):
    text = skeleton(kind)
    for name, field in MODELS[kind].model_fields.items():
        assert re.search(rf"^#? ?{name}:", text, re.M), name
        assert f"# {field.title}" in text, field.title
    path = tmp_path / f"{kind}.yaml"
    result = run_cli("new", kind, "-o", path)
    assert result.exit_code == 0 and path.read_text("utf-8") == text
    check = run_cli("validate", path)
    problems = [line for line in check.output.splitlines() if line.startswith("  ")]
    assert problems and all("待填写" in line for line in problems), check.output


def test_skeleton_filled_in_renders(tmp_path):
    text = skeleton("general").replace("title: 待填", "title: 关于教育工作的报告", 1)
    text = text.replace("  - title: 待填", "  - title: 主要工作")
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    assert run_cli("validate", path).exit_code == 0
    run_cli("render", path, "-o", tmp_path / "g.docx")
    assert read_docx_lines(tmp_path / "g.docx")[:2] == ["关于教育工作的报告", "一、主要工作"]


def test_new_refuses_an_existing_file_and_needs_a_kind_or_from(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("kind: general\n", encoding="utf-8")
    result = run_cli("new", "general", "-o", path)
    assert (
        result.exit_code == 1
        and "文件已存在，没有覆盖 — 换一个文件名，或加 --force 覆盖" in result.stderr
    )
    assert path.read_text("utf-8") == "kind: general\n"
    assert run_cli("new", "-o", tmp_path / "y.yaml").exit_code == 2


def test_a_name_too_long_for_the_file_system(tmp_path):
    """Found by tools/fuzz.py: the exists() check before writing raised ENAMETOOLONG, an
    internal error."""
    path = tmp_path / ("长" * 200 + ".yaml")
    result = run_cli("new", "general", "-o", path)
    assert result.exit_code == 1
    assert result.stderr == f"{path}: 无法创建输出文件：文件名太长 — 缩短输出文件名或文件夹名\n"
    assert list(tmp_path.iterdir()) == []


def test_next_year_from_an_example(tmp_path):
    source = EXAMPLES / "self-evaluation-chuxiong-2022.yaml"
    out = tmp_path / "2022.yaml"
    result = run_cli("new", "--from", source, "--year", "2022", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    old, new = yaml.safe_load(source.read_text("utf-8")), yaml.safe_load(text)
    assert new["year"] == 2022 and new["date"] == "待填 2023-05-20"
    figures = new["sections"][0]["sections"][1]["figures"]
    before = old["sections"][0]["sections"][1]["figures"]
    assert [f["previous"] for f in figures] == [f["value"] for f in before]
    assert all(f["value"] == "待填" and "growth" not in f for f in figures)
    assert (
        new["sections"][0]["sections"][0]["points"] == old["sections"][0]["sections"][0]["points"]
    )
    # the clerk's comments stay, and the first lines say what to update
    assert "# 地区：州政府的简称写“楚雄州”" in text
    head = text.split("\n\n", 1)[0]
    assert "成文日期" in head and "数据表 6 项的本年数值" in head
    lines = text.splitlines()
    where = re.search(r"“待填”在第 ([\d、]+) 行", head).group(1).split("、")
    assert all("待填" in lines[int(n) - 1] for n in where)
    check = run_cli("validate", out)
    assert check.exit_code == 1
    assert re.search(
        r"date \(成文日期\): 待填写（预填“2023-05-20”） — 核对预填的值，删去前面的“待填”",
        check.output,
    )
    # filled in, it validates and renders with last year's values as previous
    filled = re.sub(r"value: 待填", "value: 500000", text).replace("date: 待填 ", "date: ")
    out.write_text(filled, encoding="utf-8")
    assert run_cli("validate", out).exit_code == 0


def test_next_year_keeps_unfinished_measures_with_their_status(tmp_path, good_yaml):
    text = good_yaml.replace(
        "        status: 已完成\n",
        "        status: 已完成\n"
        "      - lead: 落实“领导联校”制度。\n        text: 区领导每学年到学校调研。\n"
        "        status: 持续推进\n",
    )
    source = tmp_path / "2019.yaml"
    source.write_text(text, encoding="utf-8")
    rolled = roll_forward(source)
    data = yaml.safe_load(rolled.text)
    assert data["year"] == 2020
    measures = data["problems"][0]["measures"]
    assert [(m["lead"], m["status"]) for m in measures] == [("落实“领导联校”制度。", "持续推进")]
    assert any("已完成的 1 项已删去，未完成的 1 项" in t for t in rolled.todo)


def test_rolling_a_broken_file_says_where(tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text("kind: general\ntitle: [a\n", encoding="utf-8")
    result = run_cli("new", "--from", source, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 1 and f"{source}:" in result.stderr
    assert not (tmp_path / "next.yaml").exists()
