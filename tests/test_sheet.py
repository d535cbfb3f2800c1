"""The figures sheet as finance offices send it: percent cells, last year's columns in their
several spellings, title rows, second sheets, float tails, remarks columns, magnitudes in cells.
Each wrong-number case pins the exact cells that misled a trial batch."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import InputError
from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.figures import apply_figures
from reportgen.read.loader import load_yaml_text
from reportgen.read.sheet import load_figures
from support import zip_recoded

DISTRICT = """\
kind: rectification
region: {{name: {name}, level: 区, parent: 澜江市}}
year: {year}
date: 2027-03-01
problems:
  - title: 教育决策机制还不够完善
    measures:
      - lead: 健全“常委议教”机制
        deadline: 2027年底
{figures}"""


def district(name: str = "南湖区", *, year: int = 2026, figures: str = "") -> str:
    return DISTRICT.format(name=name, year=year, figures=figures)


def xlsx(path: Path, *sheets: tuple[str, list[list]], formats: dict[str, str] | None = None):
    """A workbook: (title, rows) per worksheet; formats by cell (in the first sheet)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    for ref, number_format in (formats or {}).items():
        book.worksheets[0][ref].number_format = number_format
    book.save(path)
    return path


def fill(sheet_path: Path, text: str, name: str = "r.yaml", sheet: str | None = None):
    """The district's file filled from the sheet: (findings, loaded)."""
    loaded = load_yaml_text(text, name)
    figures = load_figures(sheet_path, sheet)
    return apply_figures(loaded, figures.row_for(loaded)), loaded


def figures_of(loaded) -> dict[str, tuple[str, str | None, str]]:
    return {
        f.name: (str(f.value), None if f.previous is None else str(f.previous), f.unit)
        for f in validate(loaded).basic.figures
    }


def table_rows(loaded) -> list[dict[str, str]]:
    blocks = report_context(validate(loaded))["blocks"]
    return next(b for b in blocks if b.get("kind") == "figures")["rows"]


# ---- wrong numbers with exit 0 ---------------------------------------------------------------


def test_percent_formatted_cells_are_read_as_shown(tmp_path):
    # Excel stores 87.8% as 0.878; the trial printed "0.878%" and "下降0.01个百分点".
    sheet = xlsx(
        tmp_path / "数据.xlsx",
        ("区县数据", [["地区", "入学率", "入学率（上年）"], ["南湖区", 0.878, 0.888]]),
        formats={"B2": "0.0%", "C2": "0.0%"},
    )
    found, loaded = fill(sheet, district())
    assert found == []
    assert figures_of(loaded) == {"入学率": ("87.8", "88.8", "%")}
    [row] = table_rows(loaded)
    assert (row["value"], row["previous"], row["change"]) == ("87.8%", "88.8%", "下降1个百分点")


def test_a_percent_cell_in_a_figure_of_another_unit_is_an_error(tmp_path):
    sheet = xlsx(
        tmp_path / "数据.xlsx",
        ("区县数据", [["地区", "教育支出"], ["南湖区", 0.5]]),
        formats={"B2": "0%"},
    )
    text = district(figures="basic:\n  figures:\n    - {name: 教育支出, value: 1, unit: 万元}\n")
    [problem], _ = fill(sheet, text)
    assert str(problem) == (
        f"{sheet} 工作表“区县数据” B2: 教育支出 (列): 单元格是百分比“50%”，而“教育支出”的单位是万元"
        " — 核对这一格的数和格式，或把单位改为 %"
    )


def test_percent_written_as_text_in_a_csv_is_a_percentage(tmp_path):
    # Excel's "Save as CSV" writes what the cell shows: 87.8%.
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,入学率\n南湖区,87.8%\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {"入学率": ("87.8", None, "%")}


def test_a_percent_figure_given_as_a_fraction_is_a_warning(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,入学率[%]\n南湖区,0.878\n", encoding="utf-8")
    [warning], loaded = fill(sheet, district())
    assert warning.severity == "warning"
    assert str(warning) == (
        f"{sheet} B2: 入学率[%] (列): “入学率”的单位是 %，这一格是 0.878，报告中将印作 0.878% — "
        "如果是 87.8%，请写 87.8（或把单元格设为百分比格式）"
    )
    assert figures_of(loaded) == {"入学率": ("0.878", None, "%")}


@pytest.mark.parametrize(
    "previous_header",
    ["专任教师（上年）", "专任教师(上年)", "上年专任教师", "专任教师上年", "上年度专任教师"],
)
def test_last_years_column_in_the_forms_offices_write(tmp_path, previous_header):
    # "上年专任教师" became an extra figure: 上年专任教师 | 2000 | — | —.
    sheet = tmp_path / "数据.csv"
    sheet.write_text(f"地区,专任教师[人],{previous_header}\n南湖区,1940,2000\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == []
    assert figures_of(loaded) == {"专任教师": ("1940", "2000", "人")}


def test_last_year_word_before_a_figure_the_district_lists(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,上年专任教师\n南湖区,2000\n", encoding="utf-8")
    text = district(figures="basic:\n  figures:\n    - {name: 专任教师, value: 1940, unit: 人}\n")
    found, loaded = fill(sheet, text)
    assert found == [] and figures_of(loaded) == {"专任教师": ("1940", "2000", "人")}


def test_a_figure_whose_name_starts_with_last_year_stays_one(tmp_path):
    # 上年结转资金 is a budget line, not last year's 结转资金: no 结转资金 anywhere.
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,上年结转资金[万元]\n南湖区,320\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {"上年结转资金": ("320", None, "万元")}


@pytest.mark.parametrize("year", [2026, 2025])
def test_two_years_side_by_side_follow_the_reports_year(tmp_path, year):
    sheet = tmp_path / "数据.csv"
    sheet.write_text(
        "地区,2024年专任教师[人],2025年专任教师[人],2026年专任教师[人]\n南湖区,1900,1950,2010\n",
        encoding="utf-8",
    )
    found, loaded = fill(sheet, district(year=year))
    value, previous = {2026: ("2010", "1950"), 2025: ("1950", "1900")}[year]
    assert figures_of(loaded) == {"专任教师": (value, previous, "人")}
    unused = {2026: "B2", 2025: "D2"}[year]
    assert [(d.severity, d.cell) for d in found] == [("warning", f" {unused}")]
    assert found[0].message == (
        f"没有用到：报告年度是 {year} 年，只读 {year} 年和上年（{year - 1} 年）的列"
    )


def test_year_columns_that_are_not_the_reports_year_are_an_error(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,2025年专任教师,2026年专任教师\n南湖区,1950,2010\n", encoding="utf-8")
    [problem], _ = fill(sheet, district(year=2019))
    assert str(problem) == (
        f"{sheet} B 列: 2025年专任教师 (列): “2025年专任教师”、“2026年专任教师”都不是报告年度 "
        "2019 年的数 — 检查报告的 year，或把列名改为 2019年专任教师 和 2018年专任教师"
    )


def test_one_year_column_alone_is_a_figure_of_that_name(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,2025年新增学位[个]\n南湖区,1200\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {"2025年新增学位": ("1200", None, "个")}


def test_an_empty_cell_of_a_figure_the_district_lacks_is_said(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师[人]\n南湖区,\n北湖区,1800\n", encoding="utf-8")
    [warning], loaded = fill(sheet, district())
    assert str(warning) == (
        f"{sheet} B2: 专任教师[人] (列): 这一格为空，区县文件中也没有“专任教师”，"
        "报告的数据表中不列这一项 — 填上数据，或在区县文件中写出这个数"
    )
    assert validate(loaded).basic is None


def test_a_column_empty_throughout_is_said_once_for_the_sheet(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师[人],教育支出\n南湖区,,5\n北湖区,,6\n", encoding="utf-8")
    figures = load_figures(sheet)
    assert [str(w) for w in figures.warnings] == [
        f"{sheet} B1: 专任教师[人] (列): 这一列全部为空，没有数据填入报告 — "
        "填上数据，或删除这一列（区县文件中已写的数不受影响）"
    ]
    found, _ = fill(sheet, district())  # and not again for each district
    assert found == []


# ---- cells that misled ---------------------------------------------------------------------


def test_cells_are_named_as_excel_names_them_and_magnitudes_converted(tmp_path):
    # "9.27亿" was answered "只写数字 9.27…" at "6:4", losing the magnitude.
    rows = [["2026年教育经费统计表"], ["地区", "专任教师[人]", "教育支出[万元]"]]
    rows += [["南湖区", 1940, "9.27亿"]]
    sheet = xlsx(tmp_path / "数据.xlsx", ("区县数据", rows))
    [problem], _ = fill(sheet, district())
    assert str(problem) == (
        f"{sheet} 工作表“区县数据” C3: 教育支出[万元] (列): “9.27亿”带了单位 — "
        "这一列的单位是万元，9.27亿 即 92700万元：单元格只写 92700"
    )


@pytest.mark.parametrize(
    "header, cell, said",
    [
        ("入学率[%]", "87.8个百分点", "单元格只写数字 87.8，单位写在列名中，如 入学率[%]"),
        ("入学率", "87.8个百分点", "单元格只写数字 87.8，单位写在列名中，如 入学率[个百分点]"),
        ("教育支出[万元]", "3.5万元", "单元格只写数字 3.5，单位写在列名中，如 教育支出[万元]"),
        ("教育支出[万元]", "2000元", "这一列的单位是万元，2000元 即 0.2万元：单元格只写 0.2"),
    ],
)
def test_a_unit_in_a_cell_gets_the_columns_own_unit_as_example(tmp_path, header, cell, said):
    # The % column's example unit read 万元.
    sheet = tmp_path / "数据.csv"
    sheet.write_text(f"地区,{header}\n南湖区,{cell}\n", encoding="utf-8")
    [problem], _ = fill(sheet, district())
    assert problem.hint == said and problem.message == f"“{cell}”带了单位"


def test_a_float_tail_excel_hides_is_rounded_as_the_cell_shows(tmp_path):
    # 76800.00000000001 was refused as too many decimals.
    sheet = xlsx(
        tmp_path / "数据.xlsx",
        (
            "Sheet1",
            [["地区", "教育支出[万元]", "生均经费[元]"], ["南湖区", 76800.00000000001, 15.6789]],
        ),
        formats={"C2": "0.00"},
    )
    found, loaded = fill(sheet, district())
    assert found == []
    assert figures_of(loaded) == {
        "教育支出": ("76800", None, "万元"),
        "生均经费": ("15.68", None, "元"),
    }


def test_a_title_row_and_data_on_a_second_sheet_are_found_and_said(tmp_path):
    rows = [
        ["2026年各区县教育数据", None],
        [None, None],
        ["地区", "专任教师[人]"],
        ["南湖区", 1940],
    ]
    sheet = xlsx(tmp_path / "数据.xlsx", ("填表说明", [["请按区县填写"]]), ("区县数据", rows))
    figures = load_figures(sheet)
    assert (figures.sheet, figures.header_line) == ("区县数据", 3)
    assert figures.notes == [f"读取数据表 {sheet}：工作表“区县数据”，列名在第 3 行"]
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {"专任教师": ("1940", None, "人")}


def test_the_sheet_is_chosen_by_name(tmp_path):
    sheet = xlsx(
        tmp_path / "数据.xlsx",
        ("2025年", [["地区", "专任教师[人]"], ["南湖区", 1900]]),
        ("2026年", [["地区", "专任教师[人]"], ["南湖区", 1940]]),
    )
    assert load_figures(sheet).notes[-1] == (
        "工作表 “2026年” 也有地区列，没有读取；要读它，用 --sheet 工作表名"
    )
    found, loaded = fill(sheet, district(), sheet="2026年")
    assert found == []
    assert figures_of(loaded) == {"专任教师": ("1940", None, "人")}
    with pytest.raises(InputError) as e:
        load_figures(sheet, "2026")
    assert str(e.value.diagnostics[0]) == (
        f"{sheet}: (文件): 没有名为“2026”的工作表 — 是否应为“2026年”？"
        "这个文件中的工作表：“2025年”、“2026年”"
    )


def test_a_workbook_with_a_zip_password_is_said_as_such(tmp_path):
    """Found by tools/fuzz.py: the message named only openpyxl's exception (RuntimeError)."""
    sheet = xlsx(tmp_path / "数据.xlsx", ("甲", [["地区", "专任教师"], ["南湖区", 3]]))
    sheet.write_bytes(zip_recoded(sheet.read_bytes(), encrypted=True))
    with pytest.raises(InputError) as e:
        load_figures(sheet)
    assert str(e.value.diagnostics[0]) == (
        f"{sheet}: (文件): 无法读取 Excel 文件：文件中的 docProps/app.xml 设有密码（已加密），"
        "无法读取 — 请用 Excel 打开后另存为 .xlsx"
    )


def test_no_region_column_names_the_sheets_looked_at(tmp_path):
    sheet = xlsx(tmp_path / "数据.xlsx", ("甲", [["区", "专任教师"]]), ("乙", [["x"]]))
    with pytest.raises(InputError) as e:
        load_figures(sheet)
    assert str(e.value.diagnostics[0]) == (
        f"{sheet}: (文件): “甲”、“乙” 工作表的前 20 行中没有地区列 — "
        "把地区名称所在列的列名写成“地区”；数据在别的工作表时用 --sheet 工作表名"
    )


def test_remarks_numbering_hash_and_text_columns_are_not_read(tmp_path):
    # A 备注 column failed all 12 districts.
    sheet = tmp_path / "数据.csv"
    sheet.write_text(
        "序号,地区,专任教师[人],备注,#核对人,联系人\n1,南湖区,1940,含民办学校,张三,李四\n",
        encoding="utf-8",
    )
    figures = load_figures(sheet)
    assert figures.notes == [
        f"读取数据表 {sheet}：列名在第 1 行",
        "不读的列：序号（A 列，备注或序号）、备注（D 列，备注或序号）、"
        "#核对人（E 列，以 # 开头）、联系人（F 列，没有数字）",
    ]
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {"专任教师": ("1940", None, "人")}


def test_a_text_column_named_as_a_listed_figure_is_read_and_its_words_refused(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师\n南湖区,约两千\n", encoding="utf-8")
    text = district(figures="basic:\n  figures:\n    - {name: 专任教师, value: 1940, unit: 人}\n")
    [problem], _ = fill(sheet, text)
    assert problem.message == "“约两千”不是数字"


def test_the_same_figure_twice_is_one_error_for_the_sheet(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师,专任教师[人]\n南湖区,1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_figures(sheet)
    assert str(e.value.diagnostics[0]) == (
        f"{sheet} C1: 专任教师[人] (列): 与 B 列“专任教师”是同一个数 — 只保留其中一列"
    )


def test_a_value_from_the_sheet_refused_by_the_schema_is_located_at_its_cell(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,教育支出[万元]\n南湖区,1.1234567\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == []
    with pytest.raises(InputError) as e:
        validate(loaded)
    assert [str(d) for d in e.value.diagnostics] == [
        f"{sheet} B2: basic.figures[0].value (数值): “1.1234567”小数位过多 — 最多保留 6 位小数"
    ]


def test_full_width_digits_are_numbers_and_other_scripts_are_not(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,专任教师[人],入学率\n南湖区,１９４０,８７．８％\n", encoding="utf-8")
    found, loaded = fill(sheet, district())
    assert found == [] and figures_of(loaded) == {
        "专任教师": ("1940", None, "人"),
        "入学率": ("87.8", None, "%"),
    }
    sheet.write_text("地区,专任教师[人]\n南湖区,١٩٤٠\n", encoding="utf-8")
    [problem], _ = fill(sheet, district())
    assert problem.message == "“١٩٤٠”不是数字"


def test_a_column_without_a_name_is_said_not_read(tmp_path):
    sheet = tmp_path / "数据.csv"
    sheet.write_text("地区,,专任教师[人]\n南湖区,3,1940\n", encoding="utf-8")
    assert load_figures(sheet).notes[-1] == "不读的列：（无列名）（B 列，没有列名）"
