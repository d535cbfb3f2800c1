"""Column widths of a body table (render/table.py ``column_spans``): short values stay on one line,
the columns of long text share the rest by their length and never shrink to a strip; and the
rollup report's 表2, where a 问题 column was once squeezed to two characters a line."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
import yaml

from reportgen.gbt9704 import national
from reportgen.render.table import _PADDING_CHARS, GRID, column_spans
from reportgen.text.cjk import text_width

# Characters of the table's size one grid column holds (GB/T 9704's text block, 14 pt).
UNIT = national().text_width_twips / GRID / (national().faces.table.size_pt * 20)
ROLLUP_HEADER = ["地区", "问题", "整改措施", "责任单位", "整改时限", "逾期天数"]
ROLLUP_ROWS = [
    ["东城区", "教师队伍结构性缺编", "补充紧缺学科教师", "区人社局", "2026年6月底前", "184"],
    ["东城区", "学前教育公办学位供给不足", "新建公办幼儿园", "区教育局", "2026年8月31日", "122"],
    ["南湖县", "农村学校办学条件薄弱", "配齐教学设备", "县教育局", "2026年5月31日", "214"],
    ["西城区", "义务教育大班额问题尚未完全消除", "扩容城区学校", "区教育局", "2026年9月1日", "121"],
]


def chars_per_line(span: int) -> float:
    """Characters a line of a column ``span`` grid columns wide holds."""
    return span * UNIT - _PADDING_CHARS


def one_line(rows: list[list[str]], j: int) -> float:
    return max(text_width(r[j]) for r in rows)


def test_a_long_text_column_is_not_squeezed_beside_short_ones():
    """The rollup report's 表2: the short columns (region, office, deadline, days) keep their
    values on one line, and the two columns of text share the rest, the longer text wider, none
    narrower than four characters (it was given 2.5, and wrapped a problem over seven lines)."""
    rows = [ROLLUP_HEADER, *ROLLUP_ROWS]
    spans = column_spans(rows)
    assert spans == [8, 11, 9, 9, 14, 9]
    for j in (0, 3, 4, 5):
        assert chars_per_line(spans[j]) >= one_line(rows, j), ROLLUP_HEADER[j]
    assert chars_per_line(spans[1]) >= 5 and chars_per_line(spans[2]) >= 4
    assert spans[1] > spans[2]


def test_a_table_that_fits_on_one_line_widens_in_proportion():
    rows = [["序号", "项目", "状态"], ["1", "城东幼儿园", "已完成"], ["2", "城西小学", "推进中"]]
    assert column_spans(rows) == [15, 26, 19]


def test_short_columns_whole_and_the_text_columns_share_the_rest_by_length():
    rows = [
        ["序号", "问题", "整改措施", "完成时限", "状态"],
        [
            "1",
            "学前教育公办学位供给不足，城区幼儿园入园难问题仍然突出",
            "新建公办幼儿园两所，扩容现有幼儿园，新增学位一千个",
            "2026年8月31日",
            "已完成",
        ],
    ]
    spans = column_spans(rows)
    assert spans == [6, 17, 15, 14, 8]
    for j in (0, 3, 4):
        assert chars_per_line(spans[j]) >= one_line(rows, j)
    # The longer text (27 characters against 25) gets the wider column.
    assert spans[1] > spans[2]


def test_the_widest_short_column_wraps_when_the_text_needs_room():
    """With every short column whole, the column of long text would get under four characters:
    the widest short column (eight characters of 具体措施) wraps instead, not the date."""
    rows = [
        ["序号", "存在问题", "具体措施", "完成时限", "责任单位", "责任人"],
        [
            "1",
            "校园安全管理制度落实不到位，隐患排查不彻底",
            "建立健全长效机制",
            "2026年12月31日",
            "区教育局",
            "张三丰",
        ],
    ]
    spans = column_spans(rows)
    assert spans == [6, 13, 9, 15, 9, 8]
    for j in (0, 3, 4, 5):
        assert chars_per_line(spans[j]) >= one_line(rows, j), rows[0][j]
    assert chars_per_line(spans[2]) < one_line(rows, 2)
    assert chars_per_line(spans[1]) >= 6


def test_short_columns_too_wide_for_the_page_wrap_widest_first():
    rows = [
        [f"第{i}季度完成日期" for i in range(1, 7)],
        [f"2026年{i}月{i + 20}日" for i in range(1, 7)],
    ]
    assert column_spans(rows) == [10] * 6


def test_a_crowded_table_shares_by_each_column_s_least_width():
    """Seven columns whose short values alone overfill the page: every column gets its share by
    the least it takes wrapping (four characters for text), so the 任务 column is as wide as
    the others, not a strip of two characters."""
    rows = [
        ["类别", "任务", "责任单位", "牵头领导", "配合单位", "完成时限", "进度"],
        [
            "学前教育",
            "推进城区公办幼儿园建设并扩大普惠性学位供给",
            "区教育局",
            "分管副区长",
            "区发改委、区财政局",
            "2026年12月31日",
            "持续推进",
        ],
    ]
    spans = column_spans(rows)
    assert spans == [9, 9, 9, 9, 8, 8, 8]
    assert chars_per_line(spans[1]) >= 4


def test_more_columns_than_the_grid_holds_whole():
    rows = [[f"列{i}" for i in range(30)], [f"数值{i}" for i in range(30)]]
    assert column_spans(rows) == [2] * 30


def test_any_table_fills_the_grid_and_text_keeps_four_characters_where_it_can():
    """Random tables: the spans sum to the grid, none is zero; where the short columns fit whole
    beside four characters for each column of text, they do, and the text gets that much."""
    rng = random.Random(20261127)
    words = ["已完成", "2026年5月31日", "区教育局", "12.5%", "学前教育", "推进", "184"]
    for _ in range(400):
        columns = rng.randint(1, 9)
        long_cols = set(rng.sample(range(columns), rng.randint(0, columns)))
        rows = [[f"列{j}" for j in range(columns)]]
        for _ in range(rng.randint(1, 5)):
            rows.append(
                [
                    "教育" * rng.randint(5, 30) if j in long_cols else rng.choice(words)
                    for j in range(columns)
                ]
            )
        spans = column_spans(rows)
        assert sum(spans) == GRID and min(spans) >= 1, rows
        need = [one_line(rows, j) + _PADDING_CHARS for j in range(columns)]
        whole = [math.ceil(n / UNIT) for n in need]
        text_least = math.ceil((4 + _PADDING_CHARS) / UNIT)
        if sum(whole) <= GRID or not long_cols:
            continue
        if (
            sum(whole[j] for j in range(columns) if j not in long_cols)
            + text_least * len(long_cols)
            <= GRID
        ):
            for j in range(columns):
                if j in long_cols:
                    assert chars_per_line(spans[j]) >= 4, (rows, spans)
                else:
                    assert spans[j] >= whole[j], (rows, spans)


@pytest.mark.libreoffice
def test_the_rollup_report_prints_problems_four_characters_a_line_or_more(tmp_path: Path):
    """examples/各区县/ rolled up into the 汇总报告 and printed by LibreOffice: each problem in
    表2 takes at most a line per four of its characters (it took a line per two)."""
    from reportgen.check.layout import read_pdf
    from reportgen.output.pdf import convert_to_pdf
    from support import ROOT, run_cli

    docx, source = tmp_path / "汇总报告.docx", tmp_path / "汇总报告.yaml"
    args = ("--as-of", "2026-12-31", "--report", docx, "--report-yaml", source, "-j", "1")
    result = run_cli("rollup", ROOT / "examples" / "各区县", *args)
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    table = next(
        b["table"]
        for section in doc["body"]
        if isinstance(section, dict) and "body" in section
        for b in section["body"]
        if isinstance(b, dict) and "table" in b and b["table"]["header"] == ROLLUP_HEADER
    )
    problems = [row[1] for row in table["rows"]]
    fragments: list[str] = []
    between: tuple[float, float] | None = None
    for page in read_pdf(convert_to_pdf(docx)):
        for row in page.rows:
            texts = [w.text for w in row.words]
            if texts[:3] == ROLLUP_HEADER[:3]:
                between = (row.words[0].x1, row.words[2].x0)
            elif between is not None:
                fragments += [w.text for w in row.words if between[0] < w.x0 and w.x1 < between[1]]
    assert "".join(fragments) == "".join(problems), fragments
    assert len(fragments) <= sum(math.ceil(len(p) / 4) for p in problems), fragments
