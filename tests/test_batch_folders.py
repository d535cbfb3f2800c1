"""`reportgen batch` on folders as clerks keep them: a typo in the defaults file, a stray copy, a
deleted district, a file Windows saved as .yaml.txt, a rerun of one district, a misspelt name in
the figures sheet. Each test shows the files before and after: no input makes a batch delete a
report, and what the batch moves aside it says, in its output and in the manifest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reportgen.batch import MANIFEST_NAME, run_batch

DISTRICT = """\
kind: rectification
region: {{name: {name}, level: 区, parent: 澜江市}}
year: {year}
problems:
  - title: 教育决策机制还不够完善
    measures:
      - lead: 健全“常委议教”机制
        deadline: 2027年底
basic:
  figures:
    - {{name: 专任教师, value: 1800, unit: 人}}
"""

DEFAULTS = """\
date: 2027-03-01
next_steps:
  text: 下一步，我区将持续抓好整改落实。
"""

NAMES = ["南湖区", "北湖区", "清溪县"]


def district(name: str, year: int = 2026) -> str:
    return DISTRICT.format(name=name, year=year)


def make_folder(root: Path, names=NAMES, defaults: str = DEFAULTS) -> Path:
    folder = root / "各区县"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.yaml").write_text(district(name), encoding="utf-8")
    (folder / "_defaults.yaml").write_text(defaults, encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by its path inside it, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest(out: Path) -> dict[str, dict[str, str]]:
    """The manifest's rows by 输入文件 (a report no input made: by 报告文件)."""
    raw = (out / MANIFEST_NAME).read_bytes().decode("utf-8-sig")
    return {r["输入文件"] or r["报告文件"]: r for r in csv.DictReader(io.StringIO(raw))}


def agree(out: Path) -> None:
    """The folder holds the reports the manifest lists, and the moved ones where it says."""
    rows = manifest(out).values()
    listed = {r["报告文件"] for r in rows if r["报告文件"]}
    assert {p.name for p in out.glob("*.docx")} == listed
    for r in rows:
        if r["旧报告"]:
            assert (out / r["旧报告"]).is_file(), r


@pytest.fixture
def batch_once(tmp_path, cli):
    """Three districts rendered once: (folder, out, the files of out)."""
    folder = make_folder(tmp_path)
    out = tmp_path / "输出"
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "北湖区.docx",
        "南湖区.docx",
        "清溪县.docx",
    ]
    return folder, out, files(out)


# ---- the defaults file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typo, said",
    [
        ("date: 2027-13-01", "_defaults.yaml:1:7: date (成文日期): “2027-13-01”中的月份 13 不存在"),
        ("dat: 2027-03-01", "_defaults.yaml:1:1: dat: 未知字段“dat” — 是否应为 date（成文日期）？"),
        ("date 2027-03-01", "_defaults.yaml:2:11: (文件): 这一行多了一个“: ”"),
    ],
    ids=["bad-date", "misspelt-key", "yaml-syntax"],
)
def test_a_defaults_typo_is_one_error_and_changes_nothing(batch_once, cli, typo, said):
    # One typo deleted all 12 good reports and printed the same error 12 times.
    folder, out, before = batch_once
    defaults = folder / "_defaults.yaml"
    defaults.write_text(DEFAULTS.replace("date: 2027-03-01", typo), encoding="utf-8")
    result = cli("batch", folder, "-o", out, "-j", "2")
    assert result.exit_code == 1
    assert result.output.count(said) == 1, result.output
    assert result.output.count("_defaults.yaml") == 1, result.output
    assert "已生成" not in result.output
    assert files(out) == before  # nothing written, removed or moved


def test_a_misnamed_defaults_file_stops_the_batch_and_says_the_name(tmp_path, cli):
    folder = make_folder(tmp_path)
    (folder / "_defaults.yaml").rename(folder / "_default.yaml")
    result = cli("batch", folder, "-o", tmp_path / "输出")
    assert result.exit_code == 1
    assert result.output == (
        "发现 1 处问题，请修改后重试（found 1 problem）:\n"
        f"  {folder / '_default.yaml'}: 没有当作默认值文件读取：名字不对 — "
        "默认值文件应名为 _defaults.yaml：改名后重试\n"
    )
    assert not (tmp_path / "输出").exists()


# ---- two files for one district ------------------------------------------------------------


@pytest.mark.parametrize("with_sheet", [False, True], ids=["yaml", "with-sheet"])
def test_a_stray_copy_is_one_error_naming_both_files(batch_once, cli, tmp_path, with_sheet):
    folder, out, before = batch_once
    copy = folder / "南湖区 - 副本.yaml"
    copy.write_text(district("南湖区"), encoding="utf-8")
    args = []
    if with_sheet:
        sheet = tmp_path / "数据.csv"
        sheet.write_text(
            "地区,专任教师[人]\n南湖区,1940\n北湖区,1700\n清溪县,900\n", encoding="utf-8"
        )
        args = ["--figures", sheet]
    result = cli("batch", folder, "-o", out, "-j", "2", *args)
    assert result.exit_code == 1
    twin = (
        f"{copy}、{folder / '南湖区.yaml'} 是同一份报告（澜江市南湖区，2026 年度）的 2 个文件，"
        "都没有生成 — 删除多余的副本“南湖区 - 副本.yaml”"
    )
    assert result.output.count(twin) == 1, result.output
    assert "上级地区" not in result.output  # both have the same parent: no use adding it
    after = files(out)
    assert after["_旧报告/南湖区.docx"] == before["南湖区.docx"]  # moved aside, not deleted
    assert sorted(p for p in after if p.endswith(".docx")) == [
        "_旧报告/南湖区.docx",
        "北湖区.docx",
        "清溪县.docx",
    ]
    rows = manifest(out)
    assert rows[str(copy)]["状态"] == rows[str(folder / "南湖区.yaml")]["状态"] == "出错"
    assert rows[str(folder / "南湖区.yaml")]["旧报告"] == "_旧报告/南湖区.docx"
    agree(out)


def test_names_do_not_depend_on_the_order_files_are_given(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for stem, year in (("a", 2025), ("b", 2026)):
        (folder / f"{stem}.yaml").write_text(district("南湖区", year) + DEFAULTS, encoding="utf-8")
        paths.append(folder / f"{stem}.yaml")
    first = run_batch(paths, tmp_path / "o1", jobs=1)
    second = run_batch(paths[::-1], tmp_path / "o2", jobs=1)
    names = {Path(o.input).name: o.output for o in first.written}
    assert names == {Path(o.input).name: o.output for o in second.written}
    assert names == {"a.yaml": "澜江市南湖区.docx", "b.yaml": "澜江市南湖区-b.docx"}


# ---- reports whose input is gone -------------------------------------------------------------


def test_the_report_of_a_deleted_district_is_moved_aside_and_said(batch_once, cli):
    folder, out, before = batch_once
    (folder / "清溪县.yaml").unlink()
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    said = (
        f"{out / '清溪县.docx'}: 上次生成的这份报告已移到 _旧报告/清溪县.docx"
        "（它的输入文件已不在（删除或改名））"
    )
    assert said in result.output
    after = files(out)
    assert after["_旧报告/清溪县.docx"] == before["清溪县.docx"]
    assert "清溪县.docx" not in after
    row = manifest(out)[str(folder / "清溪县.yaml")]
    assert (row["状态"], row["报告文件"], row["旧报告"], row["警告"]) == (
        "已移走",
        "",
        "_旧报告/清溪县.docx",
        "1",
    )
    agree(out)
    # Moved once: the next run finds nothing more to do, and never overwrites _旧报告/.
    again = cli("batch", folder, "-o", out, "-j", "1")
    assert again.exit_code == 0 and "_旧报告" not in again.output
    assert files(out)["_旧报告/清溪县.docx"] == before["清溪县.docx"]


def test_a_yaml_saved_as_txt_is_named_and_not_silently_skipped(batch_once, cli):
    # Windows hides extensions: 东城区.yaml.txt was skipped with "已生成 11 份", exit 0.
    folder, out, _ = batch_once
    (folder / "清溪县.yaml").rename(folder / "清溪县.yaml.txt")
    (folder / "说明.txt").write_text("这个文件夹放各区县的报告。\n", encoding="utf-8")
    (folder / "旧版北湖区.txt").write_text(district("北湖区"), encoding="utf-8")
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    txt = (
        f"{folder / '清溪县.yaml.txt'}: 没有读取：文件名以 .txt 结尾（Windows 默认隐藏扩展名，"
        "看上去像 .yaml） — 改名为 清溪县.yaml：在资源管理器的“查看”中勾选“文件扩展名”后再改名"
    )
    looks = (
        f"{folder / '旧版北湖区.txt'}: 没有读取：这是 .txt 文件，内容像是区县的 YAML — "
        "如果是区县文件，改名为 旧版北湖区.yaml"
    )
    assert txt in result.output and looks in result.output
    assert "说明.txt" not in result.output
    rows = manifest(out)
    assert rows[str(folder / "清溪县.yaml.txt")]["状态"] == "未读取"
    assert rows[str(folder / "清溪县.yaml")]["旧报告"] == "_旧报告/清溪县.docx"
    agree(out)


def test_a_rerun_of_one_district_keeps_the_others(batch_once, cli, tmp_path):
    # Rerunning one corrected district with the sheet reported the 11 other rows as errors.
    folder, out, _ = batch_once
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师[人]\n南湖区,1940\n北湖区,1700\n清溪县,900\n", encoding="utf-8")
    full = cli("batch", folder, "-o", out, "--figures", sheet, "-j", "1")
    assert full.exit_code == 0, full.output
    before = files(out)
    (folder / "南湖区.yaml").write_text(
        district("南湖区").replace("健全", "完善"), encoding="utf-8"
    )
    one = cli("batch", folder / "南湖区.yaml", "-o", out, "--figures", sheet)
    assert one.exit_code == 0, one.output
    assert "数据表中这些地区本次没有生成报告（不是错误）：北湖区（第 3 行）、清溪县（第 4 行）" in (
        one.output
    )
    after = files(out)
    assert after["北湖区.docx"] == before["北湖区.docx"]
    assert after["清溪县.docx"] == before["清溪县.docx"]
    assert after["南湖区.docx"] != before["南湖区.docx"]
    rows = manifest(out)
    assert rows[str(folder / "北湖区.yaml")]["状态"] == "上次生成"
    assert rows[str(folder / "南湖区.yaml")]["状态"] == "已生成"
    agree(out)


def test_a_report_no_manifest_lists_is_named_and_left_alone(batch_once, cli):
    folder, out, _ = batch_once
    (out / "局长批注版.docx").write_bytes(b"not ours")
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 0
    assert f"{out / '局长批注版.docx'}: 输出文件夹中的这份报告不在清单中" in result.output
    assert (out / "局长批注版.docx").read_bytes() == b"not ours"
    assert manifest(out)["局长批注版.docx"]["状态"] == "来源不明"
    agree(out)


# ---- the figures sheet in a batch -------------------------------------------------------------


def test_a_misspelt_name_in_the_sheet_is_one_error_with_the_likely_fix(tmp_path, cli):
    # 清西县 in the sheet, 清溪县 in the file: two unrelated errors before.
    folder = make_folder(tmp_path)
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师[人]\n南湖区,1940\n北湖区,1700\n清西县,900\n", encoding="utf-8")
    result = cli("batch", folder, "-o", tmp_path / "输出", "--figures", sheet, "-j", "1")
    assert result.exit_code == 1
    assert (
        f"{folder / '清溪县.yaml'}:2:16: region.name (地区名称): 数据表 {sheet} 中没有地区"
        f"“清溪县”的一行；A4 写的是“清西县” — 是否应为清溪县？"
        "改正数据表中的名称（或 region.name），两处一致即可"
    ) in result.output
    assert result.output.count("清西县") == 1, result.output
    assert "本次没有生成报告" not in result.output


def test_sheet_notes_and_warnings_are_said_once_and_counted(tmp_path, cli):
    folder = make_folder(tmp_path)
    sheet = tmp_path / "数据.csv"
    sheet.write_text(
        "地区,专任教师[人],教育支出[万元],备注\n南湖区,1940,,核对\n北湖区,1800,,\n清溪县,1800,,\n",
        encoding="utf-8",
    )
    result = cli("batch", folder, "-o", tmp_path / "输出", "--figures", sheet, "-j", "2")
    assert result.exit_code == 0, result.output
    assert result.output.count("这一列全部为空") == 1
    assert result.output.count("不读的列：备注（D 列，备注或序号）") == 1
    # 南湖区 wrote 1800, the sheet 1940: the sheet won, and said so.
    assert "“专任教师”的数值：本文件写 1800，数据表" in result.output
    assert "2 条警告" in result.output
    rows = manifest(tmp_path / "输出")
    assert rows[str(folder / "南湖区.yaml")]["警告"] == "1"
    assert rows[str(sheet)]["警告"] == "1"
    assert rows[str(folder / "北湖区.yaml")]["警告"] == "0"


# ---- render and validate use the folder's defaults, as batch does --------------------------


def test_validate_and_render_use_the_folders_defaults_and_say_so(tmp_path, cli):
    # They reported fields the defaults provide, one at a time.
    folder = make_folder(tmp_path, ["南湖区"])
    source = folder / "南湖区.yaml"
    checked = cli("validate", source)
    assert checked.exit_code == 0, checked.output
    assert checked.output == (
        f"（使用默认值文件 {folder / '_defaults.yaml'}）\n✓ {source}：格式正确\n"
    )
    rendered = cli("render", source, "-o", tmp_path / "r.docx")
    assert rendered.exit_code == 0, rendered.output
    assert rendered.output.startswith(
        f"（使用默认值文件 {folder / '_defaults.yaml'}；另用 --defaults 指定）\n"
    )
    other = tmp_path / "共用.yaml"
    other.write_text(DEFAULTS.replace("2027-03-01", "2027-13-01"), encoding="utf-8")
    failed = cli("validate", source, "--defaults", other)
    assert failed.exit_code == 1
    assert f"{other}:1:7: date (成文日期): “2027-13-01”中的月份 13 不存在" in failed.output
    whole = cli("validate", folder / "_defaults.yaml", source)
    assert f"✓ {folder / '_defaults.yaml'}：默认值文件，格式正确" in whole.output
    as_json = json.loads(cli("validate", "--json", source).stdout)
    assert as_json["files"][0]["defaults"] == str(folder / "_defaults.yaml")
    assert as_json["ok"] is True


def test_a_report_that_cannot_be_moved_stays_listed(batch_once, cli):
    folder, out, before = batch_once
    (folder / "清溪县.yaml").unlink()
    (out / "_旧报告").write_text("a file where the folder should be", encoding="utf-8")
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert (
        f"{out / '清溪县.docx'}: 这份旧报告（它的输入文件已不在（删除或改名））无法移到 _旧报告/"
        in (result.output)
    )
    assert files(out)["清溪县.docx"] == before["清溪县.docx"]
    row = manifest(out)[str(folder / "清溪县.yaml")]
    assert (row["状态"], row["报告文件"], row["警告"]) == ("未能移走", "清溪县.docx", "1")
    agree(out)
    # Once the folder can be made, the next run moves it.
    (out / "_旧报告").unlink()
    again = cli("batch", folder, "-o", out, "-j", "1")
    assert again.exit_code == 0
    assert files(out)["_旧报告/清溪县.docx"] == before["清溪县.docx"]
    assert manifest(out)[str(folder / "清溪县.yaml")]["状态"] == "已移走"
    agree(out)
