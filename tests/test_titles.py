"""Titles broken into lines by meaning (GB/T 9704 §7.3.3): between words found by a segmenter,
lines as few and even as possible, no closing mark at a line's start, no hourglass."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
import rjieba

from reportgen.gbt9704 import GBT9704
from reportgen.model.validate import validate
from reportgen.pipeline import report_context
from reportgen.read.loader import load_yaml_text
from reportgen.text import cjk
from reportgen.text.titles import break_title

WIDTH = GBT9704.title_line_chars  # 20 characters of 2号 (22 pt) on the 156 mm line

# Real titles of the kinds a district or a city writes (the shipped examples' titles, and typical
# 关于……的通知 / 意见 / 报告 / 工作总结 titles), each with the lines it is set in.
TITLES = [
    # fit on one line: Latin letters and digits are half as wide as Chinese characters
    ("2019年度越城区履行教育职责问题整改报告", ["2019年度越城区履行教育职责问题整改报告"]),
    ("2019年度XX区履行教育职责情况自查报告", ["2019年度XX区履行教育职责情况自查报告"]),
    ("楚雄州人民政府履行教育职责工作情况报告", ["楚雄州人民政府履行教育职责工作情况报告"]),
    ("东城区教育委员会2023年工作总结", ["东城区教育委员会2023年工作总结"]),
    ("XX市教育局2023年工作总结和2024年工作打算", ["XX市教育局2023年工作总结和2024年工作打算"]),
    # two lines
    (
        "关于进一步加强全区教育事业高质量发展的实施意见",
        ["关于进一步加强全区教育", "事业高质量发展的实施意见"],
    ),
    (
        "国务院关于印发2030年前碳达峰行动方案的通知",
        ["国务院关于印发2030年前", "碳达峰行动方案的通知"],
    ),
    (
        "关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见",
        ["关于进一步减轻义务教育阶段学生", "作业负担和校外培训负担的意见"],
    ),
    (
        "关于印发《XX区深化新时代教育评价改革实施方案》的通知",
        ["关于印发《XX区深化新时代", "教育评价改革实施方案》的通知"],
    ),
    (
        "东城区教育委员会关于2023年度全区中小学校园安全专项整治工作情况的报告",
        ["东城区教育委员会关于2023年度全区", "中小学校园安全专项整治工作情况的报告"],
    ),
    (
        "关于“教育经费‘两个只增不减’落实不到位”问题的整改报告",
        ["关于“教育经费‘两个只增不减’", "落实不到位”问题的整改报告"],
    ),
    (
        "绍兴市越城区人民政府关于2019年度履行教育职责评价督导反馈问题整改情况的报告",
        ["绍兴市越城区人民政府关于2019年度履行", "教育职责评价督导反馈问题整改情况的报告"],
    ),
    (
        "中共XX区委 XX区人民政府关于全面加强新时代中小学劳动教育的实施意见",
        ["中共XX区委 XX区人民政府关于全面", "加强新时代中小学劳动教育的实施意见"],
    ),
    (
        "关于2022年度县级人民政府履行教育职责自评情况的报告",
        ["关于2022年度县级人民政府", "履行教育职责自评情况的报告"],
    ),
    (
        "关于进一步加强中小学生心理健康教育工作的通知",
        ["关于进一步加强中小学生", "心理健康教育工作的通知"],
    ),
    (
        "XX区2023年度推进义务教育优质均衡发展工作情况汇报",
        ["XX区2023年度推进义务教育", "优质均衡发展工作情况汇报"],
    ),
    (
        "XX区教育体育局关于印发《XX区中小学校课后服务工作实施办法（试行）》的通知",
        ["XX区教育体育局关于印发《XX区中小学校", "课后服务工作实施办法（试行）》的通知"],
    ),
    # three lines: a diamond or a trapezoid, never an hourglass
    (
        "中共中央办公厅国务院办公厅关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见",
        [
            "中共中央办公厅国务院办公厅",
            "关于进一步减轻义务教育阶段学生",
            "作业负担和校外培训负担的意见",
        ],
    ),
    # two lines of 20 would break 全|区: three lines keep every word whole
    (
        "XX区人民政府教育督导委员会办公室关于对全区中小学校开展责任督学挂牌督导工作的通知",
        [
            "XX区人民政府教育督导委员会",
            "办公室关于对全区中小学校开展",
            "责任督学挂牌督导工作的通知",
        ],
    ),
]

MORE_TITLES = [
    "国务院办公厅关于进一步调整优化结构提高教育经费使用效益的意见",
    "关于全面推进中小学校长职级制改革工作的实施方案",
    "XX县人民政府关于推进学前教育普及普惠安全优质发展的实施意见",
    "关于做好2024年普通高校毕业生就业创业工作的通知",
    "国务院关于全面加强和改进新时代学校卫生与健康教育工作的意见",
    "XX市人民政府关于支持民办教育健康发展的若干意见",
    "关于2021年度XX区履行教育职责评价反馈问题整改落实情况的报告",
    "XX省人民政府教育督导委员会关于印发对市县人民政府履行教育职责评价办法的通知",
    "XX区教育局关于开展2024年义务教育阶段学校招生入学工作的通知",
    "关于对《XX区“十四五”教育发展规划（征求意见稿）》征求意见的函",
    "XX区教育局关于报送2023年度教育统计数据及第3季度教育经费执行情况的报告",
    "关于表彰2023年度全区教育系统先进集体和先进个人的决定",
    "XX区人民政府关于2022年度履行教育职责情况的自查报告",
    "关于印发《XX区加快推进教育现代化实施方案（2023—2025年）》的通知",
]


@pytest.mark.parametrize("title, lines", TITLES)
def test_real_titles(title, lines):
    assert break_title(title, WIDTH) == lines


@pytest.mark.parametrize("title", [t for t, _ in TITLES] + MORE_TITLES)
def test_every_line_is_whole_words_and_fits(title):
    lines = break_title(title, WIDTH)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # a space at a break goes
    assert all(cjk.text_width(line) <= WIDTH for line in lines)
    # as few lines as the words allow: never more than one beyond the least possible
    assert len(lines) <= -(-cjk.text_width(title) // WIDTH) + 1
    ends = set()
    at = 0
    for word in rjieba.cut(title, hmm=True):
        at += len(word)
        ends.add(at)
    at = 0
    for line, following in pairwise(lines):
        at = title.index(following, at + len(line))
        assert at in ends, f"{line}|{following}: broken inside a word"
        assert following[0] not in cjk.CLOSING and line[-1] not in cjk.OPENING
        assert not (line[-1].isdigit() and not following[0].isspace())
    widths = [cjk.text_width(line) for line in lines]
    for a, b, c in zip(widths, widths[1:], widths[2:], strict=False):
        assert not (b < a and b < c), f"hourglass: {lines}"


def test_a_name_the_document_gives_is_never_broken():
    title = "XX区人民政府教育督导委员会办公室关于对全区中小学校开展责任督学挂牌督导工作的通知"
    kept = break_title(title, WIDTH, keep=["XX区人民政府教育督导委员会办公室"])
    assert kept[0].startswith("XX区人民政府教育督导委员会办公室")


@pytest.mark.parametrize(
    "title",
    [
        "关于“双减”工作的通知关于“双减”工作的通知关于“双减”工作的通知",
        "关于（试行）办法的通知关于（试行）办法的通知关于（试行）办法的通知",
        "第3季度第3季度第3季度第3季度第3季度第3季度第3季度第3季度第3季度",
        "2019年度2019年度2019年度2019年度2019年度2019年度2019年度2019年度",
    ],
)
def test_marks_and_numbers_stay_with_their_words(title):
    lines = break_title(title, WIDTH)
    for line, following in pairwise(lines):
        assert following[0] not in cjk.CLOSING and line[-1] not in cjk.OPENING
        assert line[-1] != "第" and not line[-1].isdigit()


def test_a_title_without_word_breaks_is_cut_where_the_marks_allow():
    title = "一二三四五六七八九十" * 5
    lines = break_title(title, WIDTH)
    assert "".join(lines) == title and all(len(line) <= WIDTH for line in lines)


def test_a_paragraph_pasted_in_as_the_title_is_filled_line_by_line():
    for title in ("甲" * 20_000, "教育工作" * 5_000):
        lines = break_title(title, WIDTH)
        assert "".join(lines) == title and max(map(len, lines)) <= WIDTH
        assert len(lines) <= len(title) // (WIDTH - 2)


def test_the_report_title_keeps_the_region_whole(good_yaml):
    text = good_yaml.replace("region: {name: 越城区,", "region: {name: 越城教育发展示范区,")
    ctx = report_context(validate(load_yaml_text(text, "r.yaml")))
    assert ctx["title"] == "2019年度越城教育发展示范区履行教育职责问题整改报告"
    assert any("越城教育发展示范区" in line for line in ctx["title_lines"]), ctx["title_lines"]


def test_the_segmenter_is_loaded_only_for_a_title_longer_than_a_line():
    code = (
        "import sys\n"
        "import reportgen.cli\n"
        "from reportgen.text.titles import break_title\n"
        "assert 'rjieba' not in sys.modules\n"
        "break_title('短标题', 20)\n"
        "assert 'rjieba' not in sys.modules\n"
        "break_title('关于进一步加强全区教育事业高质量发展的实施意见', 20)\n"
        "assert 'rjieba' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
