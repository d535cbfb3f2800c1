"""read/yaml_errors.py on its own: for each YAML syntax error it explains, the exact message, hint,
line and column a clerk is given, from libyaml's error as the loader receives it.

test_hostile_input.py checks the same mistakes inside a whole report through the CLI; here each
is the smallest text that makes it, so a change in one explanation shows as that one case.
"""

from __future__ import annotations

import pytest
import yaml

from reportgen.read.yaml_errors import explain_syntax_error

# The explanations are written against libyaml's wording, which the loader uses wherever PyYAML
# has it (every PyYAML wheel does); the pure-Python parser words several problems differently.
pytestmark = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML without libyaml: the loader's messages differ"
)

TAB = ("缩进中使用了制表符（Tab）", "YAML 只能用空格缩进，请把 Tab 换成两个空格")
FULL_WIDTH_SPACE = (
    "冒号或“-”后面用了全角空格",
    "请把全角空格换成普通（半角）空格，如 “name: 越城区”",
)
FULL_WIDTH_COLON = ("字段名后面用了中文冒号“：”", "字段名后面要用英文冒号加空格，如 “name: 越城区”")
UNCLOSED_QUOTE = (
    "引号没有配对（从这里开始的引号没有结束）",
    "在这个值的末尾补上同样的引号，或去掉开头的引号",
)
TEXT_AFTER_QUOTE = ("引号或值后面多了文字", '把整个值都放在引号里面，如 title: "“双减”工作"')
NOT_ALIGNED = ("缩进没有对齐", "同一层的字段要上下对齐，每级缩进两个空格")
EXTRA_COLON = (
    "这一行多了一个“: ”，或缩进多了空格",
    '值里含有“: ”时给整个值加引号，如 title: "关于: 问题"；否则检查缩进',
)
BACKSLASH = ("双引号中的反斜杠 \\ 用法不对", "把双引号换成单引号，或把 \\ 写成 \\\\")


def starts_with(mark: str) -> tuple[str, str]:
    """A value YAML cannot read because of its first character: that character is named."""
    return (f"值不能以 {mark} 开头", f'给这个值加引号，如 "{mark}某某"')


STAR = ("值不能以 * 或 & 开头", '给这个值加引号，如 "*重点*工作"')
MISSING_CONTENT = ("“- ”或“: ”后面缺少内容，或多了一个符号", "删除多余的“- ”，或在它后面写上内容")


def indent(should: int, has: int, noticed: int | None = None) -> tuple[str, str]:
    """A line indented ``has`` spaces that should have ``should``; YAML may notice it later."""
    off = f"{'多' if has > should else '少'}了 {abs(has - should)} 个空格"
    late = f"（YAML 到第 {noticed} 行才发现出错）" if noticed else ""
    return (
        f"这一行缩进{off}{late}",
        f"这一行前面应有 {should} 个空格（现在是 {has} 个），与同一层的字段或“- ”上下对齐",
    )


def under_the_dash(should: int, has: int) -> tuple[str, str]:
    """A list item's field short enough to stand where the item's "- " does."""
    return (
        "这一行缩进不够：它排在列表“- ”的位置上，却不是新的一项",
        f"如果它属于上面那一项，前面应有 {should} 个空格（现在是 {has} 个），"
        "与上一行“- ”后面的字段对齐；如果是新的一项，在前面加“- ”",
    )


GENERIC_HINT = "检查这一行及上一行的缩进（用空格，每级两个空格）和“键: 值”之间的英文冒号加空格"


def unclosed(bracket: str, closing: str, line: int) -> tuple[str, str]:
    return (
        f"从这里开始的 {bracket} 到第 {line} 行仍没有配对的 {closing}",
        f"在这一行末尾补上 {closing}（如果 {bracket} {closing} 跨了几行，"
        f"检查各项之间是否都有英文逗号）；如果文字本身含有 {bracket}，请给整段文字加上引号",
    )


# (YAML text, line, column, (message, hint)). Lines and columns count from 1; the column is the
# character to look at. Where libyaml notices a mistake a line late (the full-width space cases),
# the line given is still the one with the mistake.
CASES = [
    # -- the mistakes clerks make in Notepad and WPS, found on the line or the two above
    pytest.param("a:\n\tb: 1\n", 2, 1, TAB, id="tab-indent"),
    pytest.param("a:\n  b:\tc: d\n", 2, 5, TAB, id="tab-after-colon"),
    pytest.param(
        "a:\n\u3000\u3000b: 1\n  c: 2\n",
        2,
        1,
        ("行首使用了全角空格", "请把行首的全角空格换成普通（半角）空格"),
        id="full-width-space-indent",
    ),
    pytest.param(
        "kind: x\nissuer:\u3000绍兴\n", 2, 8, FULL_WIDTH_SPACE, id="full-width-space-after-colon"
    ),
    pytest.param(
        "a:\n  -\u3000b: 1\n  - c: 2\n", 2, 4, FULL_WIDTH_SPACE, id="full-width-space-after-dash"
    ),
    pytest.param("kind: x\nyear：2019\nb: 1\n", 2, 5, FULL_WIDTH_COLON, id="full-width-colon"),
    pytest.param(
        "kind: x\n年度：2019\nb: 1\n", 2, 1, FULL_WIDTH_COLON, id="full-width-colon-chinese-key"
    ),
    pytest.param(
        "kind: x\ngrade:A\nb: 1\n",
        2,
        6,
        ("字段名的冒号后面缺少空格", "冒号后面要加一个空格，如 “year: 2019”"),
        id="no-space-after-colon",
    ),
    pytest.param(
        "a:\n  -title: x\n  - b: 1\n",
        2,
        3,
        ("列表项的“-”后面缺少空格", "写成“- title: …”，“-”后面加一个空格"),
        id="dash-without-space",
    ),
    pytest.param(
        "a: {name: 教育支出，value: 1}\n",
        1,
        15,
        (
            "{ } 中的字段之间用了中文逗号“，”",
            "{ } 中用英文逗号加空格分隔字段，如 {name: 教育支出, value: 1861}",
        ),
        id="full-width-comma-in-braces",
    ),
    pytest.param(
        "text: {重点}工作\n",
        1,
        10,
        ("以 { 或 [ 开头的文字要加引号", '给整段文字加上引号，如 text: "{重点}工作"'),
        id="text-starting-with-a-brace",
    ),
    # -- unbalanced quotes and brackets: located where they open, not where YAML gave up
    pytest.param('a: "abc\nb: 1\n', 1, 4, UNCLOSED_QUOTE, id="unclosed-double-quote"),
    pytest.param("a: 'abc\nb: 1\n", 1, 4, UNCLOSED_QUOTE, id="unclosed-single-quote"),
    pytest.param("a: [1, 2\nb: 3\n", 1, 4, unclosed("[", "]", 2), id="unclosed-bracket"),
    pytest.param("a: {x: 1\nb: 3\n", 1, 4, unclosed("{", "}", 2), id="unclosed-brace"),
    pytest.param(
        "a: {x: 1 y: 2}\n",
        1,
        11,
        (
            "花括号 { } 没有配对，或字段之间缺少逗号",
            "检查 { } 是否成对，字段之间用英文逗号加空格分隔",
        ),
        id="braces-missing-comma",
    ),
    pytest.param(
        "a: [1 2}\n",
        1,
        8,
        (
            "方括号 [ ] 没有配对，或各项之间缺少逗号",
            "检查 [ ] 是否成对，各项之间用英文逗号加空格分隔",
        ),
        id="brackets-mismatched",
    ),
    pytest.param('title: "A" 等\n', 1, 12, TEXT_AFTER_QUOTE, id="text-after-closing-quote"),
    pytest.param("a: |x\n  b\n", 1, 5, TEXT_AFTER_QUOTE, id="text-after-block-indicator"),
    # -- colons and indentation
    pytest.param(
        "a: 1\ngrade A\nb: 2\n",
        2,
        1,
        ("这一行缺少“: ”", "每行写成“键: 值”，用英文冒号，冒号后加空格"),
        id="missing-colon",
    ),
    pytest.param("a: b: c\n", 1, 5, EXTRA_COLON, id="second-colon-in-a-value"),
    pytest.param("a: 1\n b: 2\n", 2, 2, indent(0, 1), id="indented-too-far"),
    pytest.param("a: b\n- c\n", 2, 1, NOT_ALIGNED, id="list-under-a-plain-value"),
    # the first field is the one off, though YAML notices on the second
    pytest.param(" a: 1\nb: 2\n", 1, 2, indent(0, 1, noticed=2), id="top-level-key-indented"),
    pytest.param(
        "s:\n  - t: A\n  u: B\n", 3, 3, under_the_dash(4, 2), id="item-field-under-the-dash"
    ),
    pytest.param(
        "a: - \n",
        1,
        4,
        ("列表项“- ”的位置不对", "“- ”要另起一行，并比上一级字段多缩进两个空格"),
        id="dash-after-a-colon",
    ),
    pytest.param("a: [1, , 2]\n", 1, 8, MISSING_CONTENT, id="empty-item-in-brackets"),
    pytest.param(
        "a: ? b\n",
        1,
        4,
        ("引号或值后面多了文字", '把整个值都放在引号里面，如 indicator: "A1?"'),
        id="question-mark-key",
    ),
    pytest.param(
        "a: 1\n---\nb: 2\n",
        2,
        1,
        (
            "一个文件中有多份 YAML 文档（以 --- 分隔）",
            "一个文件只写一份报告：删除这一行的 --- 及其后的内容，或拆成多个文件",
        ),
        id="two-documents",
    ),
    # -- values YAML reads as syntax
    pytest.param("a: @x\n", 1, 4, starts_with("@"), id="at-sign"),
    pytest.param("a: `x\n", 1, 4, starts_with("`"), id="backtick"),
    # a value starting with % was said to start with "@ or `"
    pytest.param("a: %x\n", 1, 4, starts_with("%"), id="percent-sign"),
    pytest.param("a: %重点：内容\n", 1, 4, starts_with("%"), id="percent-sign-and-colon"),
    pytest.param("a: [%x]\n", 1, 5, starts_with("%"), id="percent-sign-in-brackets"),
    # a value starting with * that holds a full-width colon was said to use one after a key
    pytest.param("a: *重点：内容\n", 1, 5, STAR, id="star-and-colon"),
    pytest.param("a: &重点：内容\n", 1, 5, STAR, id="ampersand-and-colon"),
    # the same as a list item: the dash was taken for the start of a key
    pytest.param("a:\n  - *重点：内容\n", 2, 6, STAR, id="star-and-colon-in-a-list"),
    pytest.param("- &重点：内容\n", 1, 4, STAR, id="ampersand-and-colon-in-a-list"),
    pytest.param("- %重点：内容\n", 1, 3, starts_with("%"), id="percent-and-colon-in-a-list"),
    pytest.param(
        "- !重点：内容\n",
        1,
        4,
        ("值不能以 ! 开头", '给这个值加引号，如 "!重要"'),
        id="exclamation-mark-and-colon-in-a-list",
    ),
    pytest.param(
        "a: !重点：内容\n",
        1,
        5,
        ("值不能以 ! 开头", '给这个值加引号，如 "!重要"'),
        id="exclamation-mark-and-colon",
    ),
    pytest.param(
        "a: *x\n", 1, 4, ("用了没有定义的别名 *", "删除 *，或给这个值加引号"), id="undefined-alias"
    ),
    pytest.param("a: *\n", 1, 5, STAR, id="lone-star"),
    pytest.param("a: &\n", 1, 5, STAR, id="lone-ampersand"),
    pytest.param(
        "a: !2021年\n",
        1,
        9,
        ("值不能以 ! 开头", '给这个值加引号，如 "!重要"'),
        id="exclamation-mark",
    ),
    pytest.param(
        "%YAML 2.0\n---\na: 1\n",
        1,
        1,
        ("行首不能是 %", "给这个值加引号，或删除行首的 %"),
        id="percent-directive",
    ),
    pytest.param('a: "\\x4"\n', 1, 7, BACKSLASH, id="short-hex-escape"),
    pytest.param('a: "D:\\Users"\n', 1, 9, BACKSLASH, id="windows-path-in-double-quotes"),
    pytest.param('a: "\\q"\n', 1, 5, BACKSLASH, id="unknown-escape"),
    pytest.param(
        'a: "\\ud800"\n',
        1,
        7,
        ("双引号中的 \\u 转义写法不对", "直接写出这个字符，或把双引号换成单引号"),
        id="surrogate-escape",
    ),
    # -- anything else: YAML's own words, located, with the general hint
    pytest.param(
        "%1x\n",
        1,
        4,
        ("YAML 格式错误：found unknown directive name", GENERIC_HINT),
        id="unrecognised-problem",
    ),
]


def explain(text: str):
    """The diagnostic reportgen gives for the syntax error libyaml raises on ``text``."""
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    error = explain_syntax_error(raised.value, text, "r.yaml")
    [diagnostic] = error.diagnostics
    return diagnostic


@pytest.mark.parametrize("text, line, column, words", CASES)
def test_each_syntax_error_is_explained_where_it_was_made(text, line, column, words):
    d = explain(text)
    assert (d.line, d.column, (d.message, d.hint)) == (line, column, words)
    assert (d.file, d.path) == ("r.yaml", "")  # about the file as a whole: no field yet


def test_a_clerk_reads_file_line_column_what_and_how():
    assert str(explain("a:\n\tb: 1\n")) == (
        "r.yaml:2:1: (文件): 缩进中使用了制表符（Tab） — YAML 只能用空格缩进，请把 Tab 换成两个空格"
    )


def test_the_reported_line_and_the_two_above_are_searched_for_a_mistake_and_no_further():
    # "x:<Tab>1" is valid YAML, but a Tab after a colon is what a clerk's editor slips in: within
    # two lines of where YAML stopped, it is taken for the cause; further up, it is left alone.
    near = explain("b: 1\nx:\t1\ngrade A\n")
    assert (near.line, near.column, near.message) == (2, 3, TAB[0])
    far = explain("x:\t1\nb: 1\nc: 2\ngrade A\n")
    assert (far.line, far.column, far.message) == (4, 1, "这一行缺少“: ”")


# A report's sections, each with a list of lead paragraphs, indented two spaces a level.
NESTED = """\
kind: general
body:
  - title: 主要工作
    body:
      - lead: 抓德育。
        numbered: false
        text: 深化思政课建设。
      - lead: 强体育。
        numbered: false
        text: 体质健康合格率93.6%。
  - title: 存在问题
    body:
      - lead: 学位偏紧。
        text: 城区学位供给仍然偏紧。
"""


def slip(line: int, spaces: int) -> str:
    """NESTED with its ``line`` (counting from 1) indented ``spaces`` spaces instead."""
    lines = NESTED.splitlines()
    lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        # The walkthrough's case: a "- lead:" item one space short read its next line as more of
        # the lead's text, and the clerk was told that next line had an extra ": ".
        pytest.param(slip(5, 5), 5, 6, indent(6, 5, noticed=6), id="item-one-short"),
        pytest.param(slip(5, 7), 5, 8, indent(6, 7, noticed=6), id="item-one-more"),
        pytest.param(slip(8, 5), 8, 6, indent(6, 5), id="second-item-one-short"),
        pytest.param(slip(8, 7), 8, 8, indent(6, 7), id="second-item-one-more"),
        # a field under a list item, one space off either way
        pytest.param(slip(6, 7), 6, 8, under_the_dash(8, 7), id="item-field-one-short"),
        pytest.param(slip(6, 9), 6, 10, indent(8, 9), id="item-field-one-more"),
        pytest.param(slip(4, 3), 4, 4, under_the_dash(4, 3), id="section-field-one-short"),
        pytest.param(slip(3, 1), 3, 2, indent(2, 1, noticed=4), id="section-item-one-short"),
        pytest.param(slip(3, 3), 3, 4, indent(2, 3, noticed=4), id="section-item-one-more"),
        pytest.param(slip(2, 1), 2, 2, indent(0, 1), id="top-level-field-one-more"),
        # a Tab is named as a Tab, on its own line
        pytest.param(
            NESTED.replace("      - lead: 强体育", "\t- lead: 强体育"), 8, 1, TAB, id="tab"
        ),
    ],
)
def test_an_indentation_slip_is_told_on_the_line_that_slipped(text, line, column, words):
    d = explain(text)
    assert (d.line, d.column, (d.message, d.hint)) == (line, column, words)


def test_a_clerk_reads_which_line_is_short_and_where_yaml_noticed():
    assert str(explain(slip(5, 5))).splitlines()[-1] == (
        "r.yaml:5:6: (文件): 这一行缩进少了 1 个空格（YAML 到第 6 行才发现出错） — "
        "这一行前面应有 6 个空格（现在是 5 个），与同一层的字段或“- ”上下对齐"
    )


def test_a_line_that_would_only_become_more_text_above_is_not_taken_for_the_slip():
    # "- c" one space in would read as more of "b"'s text: no field is mis-indented there
    d = explain("a: b\n- c\n")
    assert (d.line, d.message) == (2, NOT_ALIGNED[0])
