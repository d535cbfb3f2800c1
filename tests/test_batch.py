"""`reportgen batch`: defaults, figures, broken districts, manifest, names, reruns."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.batch import MANIFEST_NAME, run_batch
from reportgen.errors import InputError
from reportgen.model.validate import validate
from reportgen.output.names import safe_name
from reportgen.read.defaults import merge_defaults
from reportgen.read.figures import apply_figures
from reportgen.read.loader import load_yaml_text
from reportgen.read.sheet import load_figures

DISTRICT = """\
kind: rectification
region: {{name: {name}, level: 区, parent: {parent}}}
year: 2019
problems:
  - title: 教育决策机制还不够完善
    measures:
      - lead: 健全“常委议教”机制
        text: 明确议事规则。
        unit: 区委办
        deadline: 2021-12
basic:
  figures:
    - {{name: 教育支出, value: 100, unit: 万元, previous: 90}}
"""

DEFAULTS = """\
date: 2021-04-01
basis:
  - name: 关于印发对县级人民政府履行教育职责评价办法的通知
    number: 浙政教督办函〔2021〕15号
inspection:
  by: 浙江省人民政府教育督导委员会办公室
  start: 2020-10-23
  grade: A
next_steps:
  text: 下一步，我区将持续抓好整改落实。
"""


def district(name: str, parent: str = "绍兴市") -> str:
    return DISTRICT.format(name=name, parent=parent)


def dated(name: str) -> str:
    return district(name) + "date: 2021-04-01\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def manifest(outdir: Path) -> list[dict[str, str]]:
    raw = (outdir / MANIFEST_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read Chinese"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode())


# ---- defaults merge ------------------------------------------------------------------------


def test_defaults_merge_mappings_and_replace_lists():
    mine = load_yaml_text(
        district("越城区") + "basis:\n  - name: 本区自己的依据文件\ninspection: {grade: B}\n"
        "next_steps:\n",
        "d.yaml",
    )
    merged = merge_defaults(mine, load_yaml_text(DEFAULTS, "_defaults.yaml"))
    data = merged.data
    assert data["basis"] == [{"name": "本区自己的依据文件"}]  # lists replace
    assert data["inspection"]["grade"] == "B" and data["inspection"]["by"].startswith(
        "浙江省"
    )  # mappings merge
    assert "next_steps" not in data  # an empty value cancels the default
    assert data["date"] == "2021-04-01"
    report = validate(merged)
    assert report.inspection.grade == "B" and report.next_steps is None


def test_problem_in_a_default_is_located_in_the_defaults_file():
    defaults = load_yaml_text(
        DEFAULTS.replace("start: 2020-10-23", "start: 2020-13-45"), "/x/_defaults.yaml"
    )
    merged = merge_defaults(load_yaml_text(district("越城区"), "/x/yc.yaml"), defaults)
    with pytest.raises(InputError) as e:
        validate(merged)
    [problem] = e.value.diagnostics
    assert (problem.file, problem.line, problem.path) == (
        "/x/_defaults.yaml",
        7,
        "inspection.start",
    )


def test_problem_in_a_district_value_stays_in_the_district_file():
    merged = merge_defaults(
        load_yaml_text(district("越城区").replace("year: 2019", "year: 20x9"), "/x/yc.yaml"),
        load_yaml_text(DEFAULTS, "/x/_defaults.yaml"),
    )
    with pytest.raises(InputError) as e:
        validate(merged)
    assert [(p.file, p.line, p.path) for p in e.value.diagnostics] == [("/x/yc.yaml", 3, "year")]


# ---- figures join --------------------------------------------------------------------------


def test_figures_fill_existing_and_add_new(tmp_path):
    sheet = tmp_path / "figures.csv"
    sheet.write_text("地区,教育支出,专任教师[人]\n越城区,473813.97,1861\n", encoding="utf-8")
    loaded = load_yaml_text(dated("越城区"), "yc.yaml")
    # The sheet wins over the district's file, and says so where the two differ.
    [warning] = apply_figures(loaded, load_figures(sheet).row_for(loaded))
    assert str(warning) == (
        "yc.yaml:13:27: basic.figures[0].value (数值): “教育支出”的数值：本文件写 100，"
        f"数据表 {sheet} B2 为 473813.97，采用数据表的 473813.97 — "
        "数据表优先；若本文件的数对，请改数据表，并删去本文件中的这个数"
    )
    assert warning.severity == "warning"
    figures = {f.name: (str(f.value), f.unit) for f in validate(loaded).basic.figures}
    assert figures == {"教育支出": ("473813.97", "万元"), "专任教师": ("1861", "人")}


@pytest.mark.parametrize("in_sheet, in_file", [("越城区", "越城 区"), ("越城 区", "越城区")])
def test_a_sheet_row_matches_the_region_as_printed(tmp_path, in_sheet, in_file):
    sheet = tmp_path / "figures.csv"
    sheet.write_text(f"地区,教育支出\n{in_sheet},120\n", encoding="utf-8")
    loaded = load_yaml_text(dated(in_file), "yc.yaml")
    assert load_figures(sheet).row_for(loaded).key == ("", "越城区")  # InputError if no row


def test_previous_year_columns_fill_previous(tmp_path):
    sheet = tmp_path / "figures.csv"
    sheet.write_text(
        "地区,教育支出,教育支出（上年）,专任教师(上年)[人],专任教师[人]\n越城区,120,100,1800,1861\n",
        encoding="utf-8",
    )
    loaded = load_yaml_text(dated("越城区").replace("value: 100", "value: 120"), "yc.yaml")
    assert [d.message for d in apply_figures(loaded, load_figures(sheet).row_for(loaded))] == [
        f"“教育支出”的上年数值：本文件写 90，数据表 {sheet} C2 为 100，采用数据表的 100"
    ]
    figures = {
        f.name: (str(f.value), str(f.previous), f.unit) for f in validate(loaded).basic.figures
    }
    assert figures == {"教育支出": ("120", "100", "万元"), "专任教师": ("1861", "1800", "人")}


def test_figures_from_xlsx_with_parent_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["上级地区", "地区", "教育支出"])
    book.active.append(["宁波市", "鼓楼区", 1])
    book.active.append(["绍兴市", "鼓楼区", 2.5])
    book.save(tmp_path / "figures.xlsx")
    sheet = load_figures(tmp_path / "figures.xlsx")
    loaded = load_yaml_text(dated("鼓楼区"), "gl.yaml")
    apply_figures(loaded, sheet.row_for(loaded))
    assert str(validate(loaded).basic.figures[0].value) == "2.5"


@pytest.mark.parametrize(
    "header, cell, expected",
    [
        ("教育支出", '"1,234"', r"教育支出 \(列\): “1,234”中有千分位逗号 — 请写成 1234"),
        (
            "教育支出（上年）",
            "九十",
            r"教育支出（上年） \(列\): “九十”不是数字 — "
            r"请只写阿拉伯数字，如 1861 或 15\.69；没有数据就留空",
        ),
        ("教育支出", '"-1,234.5"', r"教育支出 \(列\): “-1,234\.5”中有千分位逗号 — 请写成 -1234\.5"),
        (  # 99.5% is a percentage (test_sheet); another unit gets the column's as example
            "入学率[%]",
            "99.5个百分点",
            r"入学率\[%\] \(列\): “99\.5个百分点”带了单位 — "
            r"单元格只写数字 99\.5，单位写在列名中，如 入学率\[%\]",
        ),
        (
            "教育支出（上年）",
            "90万元",
            r"教育支出（上年） \(列\): “90万元”带了单位 — "
            r"单元格只写数字 90，单位写在列名中，如 教育支出（上年）\[万元\]",
        ),
    ],
)
def test_bad_figure_cell_is_located_in_the_sheet(tmp_path, header, cell, expected):
    sheet = tmp_path / "figures.csv"
    sheet.write_text(f"地区,{header}\n越城区,{cell}\n", encoding="utf-8")
    loaded = load_yaml_text(district("越城区"), "yc.yaml")
    [problem] = apply_figures(loaded, load_figures(sheet).row_for(loaded))
    assert re.fullmatch(r".*figures\.csv B2: " + expected, str(problem))


def test_a_bad_cell_of_a_new_figure_is_the_only_error(tmp_path):
    sheet = tmp_path / "figures.csv"
    sheet.write_text('地区,教育支出[万元],教育支出（上年）\n越城区,"1,002",902\n', encoding="utf-8")
    loaded = load_yaml_text(dated("越城区").replace("教育支出", "一般公共预算教育支出"), "yc.yaml")
    [problem] = apply_figures(loaded, load_figures(sheet).row_for(loaded))
    assert "中有千分位逗号" in str(problem)
    assert [f.name for f in validate(loaded).basic.figures] == [
        "一般公共预算教育支出"
    ]  # nothing half-added


def test_a_district_without_a_row_is_an_error_and_a_row_without_a_district_a_note(tmp_path):
    folder = write(tmp_path / "in", {"a.yaml": dated("越城区"), "b.yaml": dated("柯桥区")})
    sheet = tmp_path / "figures.csv"
    sheet.write_text("地区,教育支出\n越城区,5\n上虞区,7\n", encoding="utf-8")
    result = run_batch([folder], tmp_path / "out", figures=sheet, jobs=1)
    rows = {r["输入文件"]: r for r in manifest(tmp_path / "out")}
    assert rows[str(folder / "a.yaml")]["状态"] == "已生成"
    assert rows[str(folder / "b.yaml")]["说明"] == (
        f"{folder / 'b.yaml'}:2:16: region.name (地区名称): 数据表 {sheet} 中没有地区“柯桥区”的一行"
        " — 在数据表中补上这一行（地区名称与 region.name 一致），或不用 --figures"
    )
    # 上虞区's row is not an error: a rerun of some districts leaves the others' rows unused.
    assert rows[str(sheet)]["状态"] == "数据表"
    assert rows[str(sheet)]["说明"].splitlines() == [
        f"读取数据表 {sheet}：列名在第 1 行",
        "数据表中这些地区本次没有生成报告（不是错误）：上虞区（第 3 行）",
    ]
    assert [o.input for o in result.failed] == [str(folder / "b.yaml")]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == ["越城区.docx"]


# ---- the batch as a whole ----------------------------------------------------------------

BROKEN = {
    "broken-year.yaml": district("坏甲区").replace("year: 2019", "year: 20x9"),
    "broken-yaml.yaml": district("坏乙区").replace("problems:\n", "problems\n"),
    "broken-status.yaml": district("坏丙区").replace(
        "deadline: 2021-12", "deadline: 2021-12\n        status: 完成了"
    ),
}


@pytest.fixture(scope="module")
def fifty(tmp_path_factory, cli):
    """50 good districts and 3 broken ones, rendered twice into the same folder by the CLI."""
    root = tmp_path_factory.mktemp("fifty")
    files = {f"d{i:02d}.yaml": district(f"测试{i}区") for i in range(50)}
    folder = write(root / "in", {**files, **BROKEN, "_defaults.yaml": DEFAULTS})
    runs = []
    for _ in range(2):
        result = cli("batch", folder, "-o", root / "out", "-j", "2")
        runs.append((result, {p.name: p.read_bytes() for p in (root / "out").iterdir()}))
    return folder, root / "out", runs


def test_broken_districts_do_not_stop_the_others(fifty):
    folder, _, [(result, files), _] = fifty
    assert result.exit_code == 1
    assert len([n for n in files if n.endswith(".docx")]) == 50
    for name, (line, what) in {
        "broken-year.yaml": (3, "year"),
        "broken-yaml.yaml": (None, "YAML"),
        "broken-status.yaml": (11, "status"),
    }.items():
        pattern = rf"{re.escape(str(folder / name))}:\d+(:\d+)?: .*"
        if line:
            pattern = rf"{re.escape(str(folder / name))}:{line}:\d+: .*{what}"
        assert re.search(pattern, result.output), (name, result.output)
    assert not any(n.startswith("坏") for n in files)


def test_defaults_reach_every_district(fifty):
    _, out, _ = fifty
    text = docx_text(out / "测试7区.docx")
    assert "关于印发对县级人民政府履行教育职责评价办法的通知" in text and "2021年4月1日" in text


def test_manifest_lists_every_input(fifty):
    folder, out, _ = fifty
    rows = manifest(out)
    assert len(rows) == 53
    assert list(rows[0]) == ["输入文件", "地区", "报告文件", "状态", "旧报告", "警告", "说明"]
    by_input = {Path(r["输入文件"]).name: r for r in rows}
    assert by_input["d07.yaml"] == {
        "输入文件": str(folder / "d07.yaml"),
        "地区": "测试7区",
        "报告文件": "测试7区.docx",
        "状态": "已生成",
        "旧报告": "",
        "警告": "0",
        "说明": "",
    }
    broken = by_input["broken-year.yaml"]
    assert (broken["状态"], broken["报告文件"], broken["警告"]) == ("出错", "", "0")
    # The located lines only: no "发现 1 处问题" head in a cell.
    assert broken["说明"] == (
        f"{folder / 'broken-year.yaml'}:3:7: year (年度): 应为整数，而不是“20x9” — "
        "只写阿拉伯数字，如 2021"
    )


def test_number_warnings_are_counted_and_strict_makes_them_errors(tmp_path):
    overdue = dated("柯桥区").replace(
        "deadline: 2021-12", "deadline: 2021-03\n        status: 未开始"
    )
    wrong_sum = dated("越城区") + "opening: 在校学生20000人，其中小学15000人，初中5200人。\n"
    folder = write(
        tmp_path / "in", {"a.yaml": wrong_sum, "b.yaml": overdue, "c.yaml": dated("上虞区")}
    )
    result = run_batch([folder], tmp_path / "out", jobs=1)
    assert not result.failed
    rows = {Path(r["输入文件"]).name: r for r in manifest(tmp_path / "out")}
    assert [rows[n]["警告"] for n in ("a.yaml", "b.yaml", "c.yaml")] == ["1", "1", "0"]
    (warning,) = next(o for o in result.outcomes if o.input.endswith("a.yaml")).warnings
    assert warning.severity == "warning" and warning.path == "opening[0]"
    assert warning.message == "15000 + 5200 = 20200，与总数 20000 不符"
    strict = run_batch([folder], tmp_path / "strict", jobs=1, strict=True)
    assert sorted(Path(o.input).name for o in strict.failed) == ["a.yaml", "b.yaml"]
    assert "已逾期 1 天" in next(o.error for o in strict.failed if o.input.endswith("b.yaml"))


def test_rerun_gives_byte_identical_files(fifty):
    _, _, [(_, first), (second_result, second)] = fifty
    assert second_result.exit_code == 1
    assert first == second


def test_the_report_of_a_now_broken_district_is_moved_aside_and_said(tmp_path, cli):
    folder = write(tmp_path / "in", {"a.yaml": dated("越城区"), "b.yaml": dated("柯桥区")})
    out = tmp_path / "out"
    assert not run_batch([folder], out, jobs=1).failed
    before = (out / "柯桥区.docx").read_bytes()
    (folder / "b.yaml").write_text("kind: rectification\n", encoding="utf-8")
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["_旧报告", "manifest.csv", "越城区.docx"]
    assert (out / "_旧报告" / "柯桥区.docx").read_bytes() == before  # kept, out of the way
    said = f"{out / '柯桥区.docx'}: 上次生成的这份报告已移到 _旧报告/柯桥区.docx（本次出错）"
    assert said in result.output
    assert f"旧报告已移到 {out / '_旧报告'}：_旧报告/柯桥区.docx（原因见上）" in result.output
    row = {r["输入文件"]: r for r in manifest(out)}[str(folder / "b.yaml")]
    assert (row["状态"], row["报告文件"], row["旧报告"], row["警告"]) == (
        "出错",
        "",
        "_旧报告/柯桥区.docx",
        "1",
    )
    assert said in row["说明"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("越城区", "越城区"),
        ("../../etc/passwd", "etc_passwd"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("..", "未命名"),
        ("CON", "_CON"),
        ("区\x00名", "区_名"),
        (" .越城区. ", "越城区"),
        ("长" * 200, "长" * 80),
        ("𠀀" * 70 + "区", "𠀀" * 60),  # four bytes each: the limit is 255 bytes, not characters
    ],
)
def test_safe_name(raw, expected):
    assert safe_name(raw) == expected


@given(st.text(min_size=1, max_size=300))
def test_safe_name_is_one_short_path_component(raw):
    name = safe_name(raw)
    assert name and len(name.encode("utf-8")) <= 240
    assert name not in (".", "..") and not set(name) & set('/\\:*?"<>|\x00')


def test_a_report_is_named_after_the_region_as_printed(tmp_path):
    # a space typed inside the name is not printed (text/spaces.py), nor in the file's name
    folder = write(tmp_path / "in", {"1.yaml": dated("东城 区"), "2.yaml": dated("越城\u3000区")})
    result = run_batch([folder], tmp_path / "out", jobs=1)
    assert [(o.region, o.output) for o in result.outcomes] == [
        ("东城区", "东城区.docx"),
        ("越城区", "越城区.docx"),
    ]


def test_an_output_folder_name_too_long_is_said_in_chinese(tmp_path, cli):
    """Found by tools/fuzz.py: the file system's English words (File name too long)."""
    folder = write(tmp_path / "in", {"1.yaml": district("鼓楼区", "南京市")})
    out = tmp_path / ("长" * 200)
    result = cli("batch", folder, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{out}: 无法创建输出文件夹：文件名太长 — 缩短输出文件名或文件夹名\n"
    ), result.stderr


def test_unsafe_and_colliding_region_names_stay_in_outdir(tmp_path):
    folder = write(
        tmp_path / "in",
        {
            "1.yaml": district("鼓楼区", "南京市"),
            "2.yaml": district("鼓楼区", "福州市"),
            "3.yaml": district("鼓楼区", "福州市").replace("year: 2019", "year: 2020"),
            "4.yaml": district('"../../逃逸区"'),
            "_defaults.yaml": "date: 2021-04-01\n",
        },
    )
    out = tmp_path / "out"
    calls = []
    result = run_batch(
        [folder], out, jobs=2, progress=lambda done, total: calls.append((done, total))
    )
    assert not result.failed and calls[-1] == (4, 4) and len(calls) == 4
    assert [o.output for o in result.outcomes] == [
        "南京市鼓楼区.docx",
        "福州市鼓楼区.docx",
        "福州市鼓楼区-3.docx",
        "逃逸区.docx",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(o.output for o in result.outcomes), "manifest.csv"]
    )
    assert not [p for p in tmp_path.rglob("*.docx") if p.parent != out]


def test_no_districts_is_an_error(cli, tmp_path):
    folder = write(tmp_path / "in", {"_defaults.yaml": DEFAULTS})
    result = cli("batch", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "没有找到区县的 YAML 文件" in result.output


def test_progress_bar_only_on_a_terminal(cli, tmp_path):
    folder = write(tmp_path / "in", {"a.yaml": dated("越城区")})
    result = cli("batch", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "生成中" not in result.output and "已生成 1 份报告" in result.output


def test_render_is_deterministic(cli, tmp_path):
    source = write(tmp_path, {"a.yaml": dated("越城区")}) / "a.yaml"
    outputs = []
    for name in ("x.docx", "y.docx"):
        result = cli("render", source, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "content, says",
    [
        (b"not a zip", "不是有效的 .docx 模板"),
        (None, "模板文件不存在"),
    ],
    ids=["damaged", "missing"],
)
def test_broken_template_is_reported_once_before_any_district(cli, tmp_path, content, says):
    folder = write(tmp_path / "in", {f"d{i}.yaml": dated(f"第{i}区") for i in range(5)})
    template = tmp_path / "mine.docx"
    if content is not None:
        template.write_bytes(content)
    result = cli("batch", folder, "-o", tmp_path / "out", "-t", template, "-j", "1")
    assert result.exit_code == 1, result.output
    assert result.output.count(says) == 1, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))


def test_the_same_template_error_for_every_district_is_printed_once(cli, tmp_path):
    import docx

    folder = write(tmp_path / "in", {f"d{i}.yaml": dated(f"第{i}区") for i in range(5)})
    document = docx.Document()
    document.add_paragraph("{{ regoin.name }}")
    template = tmp_path / "mine.docx"
    document.save(str(template))
    result = cli("batch", folder, "-o", tmp_path / "out", "-t", template, "-j", "1")
    assert result.exit_code == 1, result.output
    assert result.output.count("模板使用了未定义的变量") == 1, result.output
    assert "等 5 个文件" in result.output
    assert len(manifest(tmp_path / "out")) == 5
