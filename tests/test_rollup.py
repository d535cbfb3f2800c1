"""reportgen rollup: the workbook read back with openpyxl, every count and figure checked against
the inputs (hand-counted for a small set, recounted from the YAML for a generated one), overdue
as of a fixed date; failed districts and districts without measures listed; sheet conventions.

In-process runs take -j 1, and the worker pool is run in a real process
(test_workers_give_the_same). (The .NET runtime that once made a forking test process die is no
longer loaded into it: tests/ooxml_sdk.py validates in a child.)
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from rollup import DEADLINES, make_districts

AS_OF = "2026-06-30"

HEAD = """\
region: {{name: {name}, level: 区, parent: 示例市}}
year: 2020
date: {date}
"""

DISTRICTS = {
    "a.yaml": "kind: rectification\n"
    + HEAD.format(name="甲区", date="2021-04-01")
    + """\
basic:
  figures:
    - {name: 教育支出, value: 500, unit: 万元, previous: 400}
    - {name: 入学率, value: 98.5, unit: '%', previous: 97.0}
    - {name: 专任教师, value: 1200, unit: 人}
problems:
  - title: 学位供给不足
    measures:
      - {lead: 新建学校。, unit: 区教育局, person: 张三, deadline: 2021-12-31, status: 已完成}
      - {lead: 扩建校舍。, unit: 区发改局, deadline: 2022-06, status: 持续推进}
      - {lead: 规划布局。, unit: 区自然资源局, deadline: 2026年底, status: 未开始}
  - title: 教师队伍有待加强
    measures:
      - {lead: 加强师德师风建设。, deadline: 长期坚持}
      - {lead: 补充教师。, unit: 区人社局, deadline: 2026年6月底前, status: 持续推进}
      - {lead: 提高待遇。, unit: 区财政局, deadline: 2026-06-29, status: 未开始}
""",
    "b.yaml": "kind: rectification\n"
    + HEAD.format(name="乙区", date="2021-10-01")
    + """\
basic:
  figures:
    - {name: 教育支出, value: 800, unit: 万元, previous: 1000}
    - {name: 入学率, value: 97.0, unit: '%', previous: 98.0}
problems:
  - title: 经费保障不足
    measures:
      - {lead: 足额预算。, unit: 区财政局, deadline: 2021-06-30, status: 已完成}
      - lead: 落实生均公用经费。
        text: 目前正在推进。
        unit: 区财政局
        deadline: 2021-09
        status: 已完成
""",
    "c.yaml": "kind: self_assessment\n"
    + HEAD.format(name="丙区", date="2021-04-01")
    + """\
basic:
  figures:
    - {name: 教育支出, value: 500, unit: 万元, previous: 500}
sections:
  - title: 落实教育职责
    text: 全面落实教育优先发展战略。
""",
    "d.yaml": "kind: rectification\n"
    + HEAD.format(name="丁区", date="2021-13-45")
    + """\
problems:
  - title: 问题
    measures:
      - {lead: 措施。, status: 已完成}
""",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("districts")
    for name, text in DISTRICTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small_book(small: Path, tmp_path_factory):
    from support import run_cli

    out = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    result = run_cli(
        "rollup", small, "-o", out, "--as-of", AS_OF, "--chart-figure", "入学率", "-j", "1"
    )
    assert result.exit_code == 1, result.output  # 丁区 failed
    assert "丁区" in result.output or "d.yaml" in result.output
    return openpyxl.load_workbook(out), out


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[2]]
    return [dict(zip(header, [c.value for c in row], strict=True)) for row in ws.iter_rows(3)]


def test_overview_counts_by_hand(small_book):
    wb, _ = small_book
    rows = {r["地区"]: r for r in _rows(wb["总览"])}
    a, b, c, d = rows["甲区"], rows["乙区"], rows["丙区"], rows["丁区"]
    # 甲区: six measures, one without a status; 2022-06 and 2026-06-29 are past on 2026-06-30 and
    # not done; 2026年6月底前 ends on 2026-06-30 itself, so it is not overdue yet.
    assert [a[k] for k in ("问题数", "整改措施数", "已完成", "持续推进", "未开始", "未填写")] == [
        2,
        6,
        1,
        2,
        2,
        1,
    ]
    assert a["完成率"] == pytest.approx(1 / 6)
    assert a["逾期未完成"] == 2
    assert a["状态"] == "已汇总" and a["报告类型"] == "整改报告" and a["年度"] == 2020
    assert b["整改措施数"] == 2 and b["已完成"] == 2 and b["完成率"] == 1 and b["逾期未完成"] == 0
    assert b["提示数"] == 1  # 已完成 beside 正在推进
    # A district without measures: zero measures, no rate (not 0%).
    assert c["整改措施数"] == 0 and c["完成率"] is None and c["逾期未完成"] == 0
    assert c["报告类型"] == "自查/自评报告" and "没有整改措施" in c["说明"]
    # A failed district is listed, with why.
    assert d["状态"] == "出错" and "13" in d["说明"] and d["整改措施数"] is None
    total = rows["合计"]
    assert total["整改措施数"] == 8 and total["已完成"] == 3 and total["逾期未完成"] == 2
    assert total["完成率"] == pytest.approx(3 / 8)
    assert total["问题数"] == 3 and total["提示数"] == 1 and total["状态"] == "3/4"


def test_ledger_by_hand(small_book):
    wb, _ = small_book
    rows = _rows(wb["整改台账"])
    assert len(rows) == 8
    late = [(r["地区"], r["整改措施"], r["逾期天数"]) for r in rows if r["是否逾期"] == "是"]
    assert late == [("甲区", "扩建校舍", 1461), ("甲区", "提高待遇", 1)]
    first = rows[0]
    assert (first["问题"], first["责任单位"], first["责任人"], first["整改时限"]) == (
        "学位供给不足",
        "区教育局",
        "张三",
        "2021年12月31日",
    )
    words = {r["整改措施"]: r for r in rows}
    assert words["规划布局"]["最后期限"].date() == dt.date(2026, 12, 31)
    assert words["规划布局"]["整改时限"] == "2026年底"
    assert words["加强师德师风建设"]["最后期限"] is None
    assert words["加强师德师风建设"]["完成情况"] == "未填写"
    assert words["补充教师"]["是否逾期"] == "否"


def test_figures_by_hand(small_book):
    wb, _ = small_book
    rows = {(r["地区"], r["指标"]): r for r in _rows(wb["主要数据"])}
    spend = [rows[(d, "教育支出")] for d in ("甲区", "乙区", "丙区")]
    assert [r["本年"] for r in spend] == [500, 800, 500]
    assert [r["上年"] for r in spend] == [400, 1000, 500]
    assert [r["同比增减"] for r in spend] == [25, -20, 0]
    assert [r["排名（由大到小）"] for r in spend] == [2, 1, 2]  # tied values share a rank
    assert {r["参与排名的地区数"] for r in spend} == {3}
    rate = rows[("甲区", "入学率")]
    assert rate["同比增减"] == pytest.approx(1.5) and rate["单位"] == "%"
    cell = next(c for c in wb["主要数据"]["G"] if c.value == pytest.approx(1.5))
    assert "个百分点" in cell.number_format
    assert rows[("甲区", "专任教师")]["同比增减"] is None
    side = {r["地区"]: r for r in _rows(wb["数据对比"])}
    assert side["乙区"]["教育支出（万元）"] == 800 and side["丙区"]["入学率（%）"] is None
    assert "丁区" not in side


def test_warnings_sheet(small_book):
    wb, _ = small_book
    rows = _rows(wb["提示"])
    assert [r["地区"] for r in rows] == ["乙区"]
    assert "正在推进" in rows[0]["提示"] and rows[0]["文件"].endswith("b.yaml")
    assert rows[0]["行"] is not None


def test_every_sheet_prints_and_filters(small_book):
    wb, _ = small_book
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A3", ws.title
        assert ws.auto_filter.ref.startswith("A2:"), ws.title
        assert ws.print_title_rows == "$1:$2", ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws["A1"].value and ws["A1"].font.b
        widths = [ws.column_dimensions[c].width for c in "AB"]
        assert all(6 <= w <= 60 for w in widths), (ws.title, widths)
    note = wb["总览"].cell(3, 16)
    assert note.alignment.wrap_text


def test_a_formatted_number_fits_its_column(small_book):
    """A change printed as 1.5个百分点 is wider than the number: the column holds what the cell
    shows (LibreOffice and Excel print ### where a number does not fit)."""
    from reportgen.rollup.xlsx import display_width, formatted

    assert formatted(Decimal("1.5"), '0.0"个百分点"') == "1.5个百分点"
    assert formatted(-20, '0"%"') == "-20%"
    wb, _ = small_book
    ws = wb["主要数据"]
    shown = [
        formatted(c.value, c.number_format)
        for c in ws["G"][2:]
        if c.value is not None and '"' in c.number_format
    ]
    assert "1.5个百分点" in shown
    assert ws.column_dimensions["G"].width >= max(map(display_width, shown))


def test_the_page_number_has_room_in_the_bottom_margin(small_book):
    """The footer (第 N 页，共 M 页) is printed between the page's edge and the bottom margin;
    LibreOffice cuts it off where that leaves less than a line."""
    wb, _ = small_book
    for ws in wb.worksheets:
        margins = ws.page_margins
        assert margins.bottom - margins.footer >= 0.4, ws.title  # inches; a line is 0.15


def test_native_charts(small_book):
    _, path = small_book
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 2
    assert "'完成率图'!$B$3:$B$4" in xml[0] and '<barDir val="bar"/>' in xml[0]
    assert "<strRef><f>'完成率图'!$A$3:$A$4</f></strRef>" in xml[0]
    assert "'指标图'!$B$3:$B$4" in xml[1]
    wb, _ = small_book
    assert [r["完成率"] for r in _rows(wb["完成率图"])] == [1, pytest.approx(1 / 6)]
    assert [(r["地区"], r["入学率（%）"]) for r in _rows(wb["指标图"])] == [
        ("甲区", 98.5),
        ("乙区", 97.0),
    ]


def test_same_input_same_bytes(small: Path, tmp_path: Path, cli):
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    cli("rollup", small, "-o", one, "--as-of", AS_OF, "-j", "1")
    cli("rollup", small, "-o", two, "--as-of", AS_OF, "-j", "1")
    assert one.read_bytes() == two.read_bytes()


def test_workers_give_the_same(tmp_path: Path, cli, cli_process):
    make_districts(tmp_path / "d", 40)
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    cli("rollup", tmp_path / "d", "-o", one, "--as-of", AS_OF, "-j", "1")
    done = cli_process("rollup", tmp_path / "d", "-o", two, "--as-of", AS_OF, "-j", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert one.read_bytes() == two.read_bytes()


def test_as_of_defaults_to_today(small: Path, tmp_path: Path, cli):
    out = tmp_path / "t.xlsx"
    cli("rollup", small / "a.yaml", "-o", out, "-j", "1")
    today = dt.date.today()
    assert (
        f"{today.year}年{today.month}月{today.day}日"
        in openpyxl.load_workbook(out)["总览"]["A1"].value
    )


def test_unknown_chart_figure_is_named(small: Path, tmp_path: Path, cli):
    result = cli("rollup", small, "-o", tmp_path / "x.xlsx", "--chart-figure", "教育经费支出")
    assert result.exit_code == 1
    assert "没有地区填报名为“教育经费支出”的指标" in result.output
    assert "是否应为“教育支出”" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_bad_as_of_and_output(small: Path, tmp_path: Path, cli):
    result = cli("rollup", small, "-o", tmp_path / "x.xlsx", "--as-of", "2026-13-01")
    assert result.exit_code == 2 and "月份 13 不存在" in result.output
    result = cli("rollup", small, "-o", tmp_path / "x.docx")
    assert result.exit_code == 1 and "应以 .xlsx 结尾" in result.output


def test_district_ledger_workbook(small: Path):
    from reportgen.rollup.gather import read_district
    from reportgen.rollup.workbook import ledger_workbook

    district = read_district(str(small / "a.yaml"))
    data = ledger_workbook(district)
    assert data == ledger_workbook(district)
    ws = openpyxl.load_workbook(io.BytesIO(data))["整改台账"]
    rows = _rows(ws)
    assert [r["整改措施"] for r in rows][:2] == ["新建学校", "扩建校舍"]
    assert "地区" not in rows[0]
    # As of the report's own date (2021-04-01) nothing is overdue yet.
    assert {r["是否逾期"] for r in rows} == {"否"}
    assert "2021年4月1日" in ws["A1"].value


# ---- a generated set, recounted from the YAML -------------------------------------------------

_DUE = dict(
    zip(
        DEADLINES,
        [
            dt.date(2021, 12, 31),
            dt.date(2022, 6, 30),
            dt.date(2025, 12, 31),
            dt.date(2026, 6, 30),
            dt.date(2027, 3, 1),
            None,
        ],
        strict=True,
    )
)


def _half_up(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_generated_districts_recounted(tmp_path: Path, cli):
    paths = make_districts(tmp_path / "d", 120)
    out = tmp_path / "汇总.xlsx"
    result = cli("rollup", tmp_path / "d", "-o", out, "--as-of", AS_OF, "-j", "1")
    assert result.exit_code == 1  # district 100 has an impossible date
    wb = openpyxl.load_workbook(out)
    overview = {r["输入文件"]: r for r in _rows(wb["总览"]) if r["输入文件"]}
    figures = {(r["地区"], r["指标"]): r for r in _rows(wb["主要数据"])}
    as_of = dt.date.fromisoformat(AS_OF)
    values: dict[str, list[tuple[Decimal, str]]] = {}
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        row = overview[str(path)]
        if str(data["date"]).startswith("2021-13"):
            assert row["状态"] == "出错"
            continue
        measures = [m for p in data.get("problems", []) for m in p["measures"]]
        status = [m.get("status") for m in measures]
        late = [
            m
            for m in measures
            if _DUE[str(m["deadline"])] is not None
            and _DUE[str(m["deadline"])] < as_of
            and m.get("status") != "已完成"
        ]
        assert row["整改措施数"] == len(measures)
        assert row["问题数"] == (len(data["problems"]) if "problems" in data else None)
        for s in ("已完成", "持续推进", "未开始"):
            assert row[s] == status.count(s)
        assert row["未填写"] == status.count(None)
        assert row["逾期未完成"] == len(late)
        done = status.count("已完成")
        assert row["完成率"] == (pytest.approx(done / len(measures)) if measures else None)
        name = data["region"]["name"]
        for f in data["basic"]["figures"]:
            got = figures[(name, f["name"])]
            v, p = Decimal(str(f["value"])), Decimal(str(f["previous"]))
            change = v - p if f["unit"] == "%" else (v - p) * 100 / abs(p)
            assert Decimal(str(got["本年"])) == v and Decimal(str(got["上年"])) == p
            assert Decimal(str(got["同比增减"])) == _half_up(change)
            values.setdefault(f["name"], []).append((v, name))
    for fname, pairs in values.items():
        for v, name in pairs:
            assert figures[(name, fname)]["排名（由大到小）"] == 1 + sum(w > v for w, _ in pairs)


def test_a_problem_in_the_defaults_is_said_once(tmp_path: Path, cli):
    folder = tmp_path / "d"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        text = DISTRICTS[name].replace("date: 2021-04-01\n", "").replace("date: 2021-10-01\n", "")
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "_defaults.yaml").write_text("date: 2021-13-01\n", encoding="utf-8")
    out = tmp_path / "x.xlsx"
    result = cli("rollup", folder, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert result.output.count("月份 13 不存在") == 1 and "_defaults.yaml:1" in result.output
    assert not out.exists()
    (folder / "_defaults.yaml").write_text("date: 2021-04-01\n", encoding="utf-8")
    assert cli("rollup", folder, "-o", out, "-j", "1").exit_code == 0
    rows = {r["地区"]: r for r in _rows(openpyxl.load_workbook(out)["总览"])}
    assert rows["甲区"]["整改措施数"] == 6 and rows["乙区"]["状态"] == "已汇总"


def test_a_change_shows_in_the_workbook_as_the_report_prints_it(tmp_path: Path, cli):
    """One precision per figures table in the report (3.70个百分点 beside 增长1.25%): the workbook
    cell shows the same digits, and stays a number to sort and add."""
    from reportgen.rollup.xlsx import formatted

    folder = tmp_path / "各区"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "kind: self_assessment\n"
        + HEAD.format(name="甲区", date="2021-04-01")
        + """\
basic:
  figures:
    - {name: 教育支出, value: 405, unit: 万元, previous: 400}
    - {name: 入学率, value: 100.7, unit: '%', previous: 97.0}
    - {name: 专任教师, value: 1200, unit: 人, previous: 1000}
sections:
  - title: 落实教育职责
    text: 全面落实教育优先发展战略。
""",
        encoding="utf-8",
    )
    book = tmp_path / "汇总.xlsx"
    assert cli("rollup", folder, "-o", book, "--as-of", AS_OF).exit_code == 0
    docx = tmp_path / "甲区.docx"
    assert cli("render", folder / "a.yaml", "-o", docx).exit_code == 0
    with zipfile.ZipFile(docx) as z:
        report = z.read("word/document.xml").decode("utf-8")
    ws = openpyxl.load_workbook(book)["主要数据"]
    shown = {
        ws.cell(r, 3).value: (ws.cell(r, 7).value, formatted(ws.cell(r, 7).value, c.number_format))
        for r in range(3, ws.max_row + 1)
        if (c := ws.cell(r, 7)).value is not None
    }
    assert shown == {
        "教育支出": (pytest.approx(1.25), "1.25%"),
        "入学率": (pytest.approx(3.7), "3.70个百分点"),
        "专任教师": (pytest.approx(20), "20.00%"),
    }
    for printed in ("增长1.25%", "上升3.70个百分点", "增长20.00%"):
        assert printed in report
