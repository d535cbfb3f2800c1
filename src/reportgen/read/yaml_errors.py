"""YAML syntax errors explained to clerks: what went wrong on which line, and how to fix it.

PyYAML reports where parsing stopped, in English ("mapping values are not allowed here"), often a
line after the mistake. The mistakes clerks make in Notepad and WPS (Tab indents, full-width colons
and spaces, unclosed quotes) are recognised here and located where they were made.
"""

from __future__ import annotations

import re

import yaml

from ..errors import InputError
from ..text.cjk import CHINESE

__all__ = ["explain_syntax_error"]

# Mistakes clerks make in Notepad and WPS, each matched up to the offending character. YAML often
# notices them a line late, so the line reported and the two above it are checked.
_MISTAKES = [
    (
        re.compile(r"^ *\t|:\t"),
        "缩进中使用了制表符（Tab）",
        "YAML 只能用空格缩进，请把 Tab 换成两个空格",
    ),
    (re.compile(r"^ *\u3000"), "行首使用了全角空格", "请把行首的全角空格换成普通（半角）空格"),
    (
        re.compile(r"^\s*-\u3000|^[ -]*[^\s:#]+:\u3000"),
        "冒号或“-”后面用了全角空格",
        "请把全角空格换成普通（半角）空格，如 “name: 越城区”",
    ),
    (
        re.compile(r"^[ -]*[A-Za-z_]\w*\s*："),
        "字段名后面用了中文冒号“：”",
        "字段名后面要用英文冒号加空格，如 “name: 越城区”",
    ),
    (
        re.compile(r"^[ -]*[A-Za-z_]\w*:(?=[^\s/])"),
        "字段名的冒号后面缺少空格",
        "冒号后面要加一个空格，如 “year: 2019”",
    ),
    (
        re.compile(f"^ *-(?=[A-Za-z_{CHINESE}])"),
        "列表项的“-”后面缺少空格",
        "写成“- title: …”，“-”后面加一个空格",
    ),
    (
        re.compile(r"\{[^}]*，(?=\s*[A-Za-z_]\w*\s*:)"),
        "{ } 中的字段之间用了中文逗号“，”",
        "{ } 中用英文逗号加空格分隔字段，如 {name: 教育支出, value: 1861}",
    ),
    # text: {重点}工作 — YAML reads {重点} as a { } mapping and stumbles on what follows.
    (
        re.compile(r"^[ -]*[^\s:#]+:\s+[\[{][^\]}]*[\]}][ \t]*(?=[^\s#,\]}])"),
        "以 { 或 [ 开头的文字要加引号",
        '给整段文字加上引号，如 text: "{重点}工作"',
    ),
]


# What PyYAML's problems mean for a clerk: (words in the problem, message, hint).
_PROBLEMS = [
    (
        "another document",
        "一个文件中有多份 YAML 文档（以 --- 分隔）",
        "一个文件只写一份报告：删除这一行的 --- 及其后的内容，或拆成多个文件",
    ),
    (
        "mapping values are not allowed",
        "这一行多了一个“: ”，或缩进多了空格",
        '值里含有“: ”时给整个值加引号，如 title: "关于: 问题"；否则检查缩进',
    ),
    ("could not find expected ':'", "这一行缺少“: ”", "每行写成“键: 值”，用英文冒号，冒号后加空格"),
    ("expected '-' indicator", "列表各项的“- ”没有对齐", "同一列表的各项“- ”要上下对齐"),
    ("did not find expected key", "缩进没有对齐", "同一层的字段要上下对齐，每级缩进两个空格"),
    (
        "expected <document start>",
        "缩进没有对齐",
        "顶层的字段（kind、region、year…）都要顶格写，前面不留空格",
    ),
    (
        "block sequence entries are not allowed",
        "列表项“- ”的位置不对",
        "“- ”要另起一行，并比上一级字段多缩进两个空格",
    ),
    (
        "expected comment or line break",
        "引号或值后面多了文字",
        '把整个值都放在引号里面，如 title: "“双减”工作"',
    ),
    (
        "expected ',' or '}'",
        "花括号 { } 没有配对，或字段之间缺少逗号",
        "检查 { } 是否成对，字段之间用英文逗号加空格分隔",
    ),
    (
        "expected ',' or ']'",
        "方括号 [ ] 没有配对，或各项之间缺少逗号",
        "检查 [ ] 是否成对，各项之间用英文逗号加空格分隔",
    ),
    # "found character that cannot start any token": {found} is that character
    ("cannot start any token", "值不能以 {found} 开头", '给这个值加引号，如 "{found}某某"'),
    ("undefined alias", "用了没有定义的别名 *", "删除 *，或给这个值加引号"),
    ("hexdecimal number", "双引号中的反斜杠 \\ 用法不对", "把双引号换成单引号，或把 \\ 写成 \\\\"),
    (
        "unknown escape character",
        "双引号中的反斜杠 \\ 用法不对",
        "把双引号换成单引号，或把 \\ 写成 \\\\",
    ),
    (
        "special characters are not allowed",
        "文件中含有不可见的控制字符",
        "这通常来自从 Word 或聊天软件粘贴的文字，请删除该处重新输入",
    ),
    (
        "invalid Unicode character escape",
        "双引号中的 \\u 转义写法不对",
        "直接写出这个字符，或把双引号换成单引号",
    ),
    (
        "expected alphabetic or numeric character",
        "值不能以 * 或 & 开头",
        '给这个值加引号，如 "*重点*工作"',
    ),
    ("expected whitespace or line break", "值不能以 ! 开头", '给这个值加引号，如 "!重要"'),
    ("expected URI", "值不能以 ! 开头", '给这个值加引号，如 "!重要"'),
    ("non-alphabetical character", "行首不能是 %", "给这个值加引号，或删除行首的 %"),
    ("incompatible YAML document", "行首不能是 %", "给这个值加引号，或删除行首的 %"),
    (
        "mapping keys are not allowed",
        "引号或值后面多了文字",
        '把整个值都放在引号里面，如 indicator: "A1?"',
    ),
    (
        "expected node content",
        "“- ”或“: ”后面缺少内容，或多了一个符号",
        "删除多余的“- ”，或在它后面写上内容",
    ),
]


# A key written with a full-width colon (年度：2019): the first ： comes before any ASCII colon, and
# the line does not start with a value YAML reads as syntax (title: *重点：内容 and - *重点：内容
# are * problems). The indent and list dashes are taken whole (*+), so a dash is never the key.
_KEY_WITH_FULL_WIDTH_COLON = re.compile(r"^[ -]*+[^\s:：#\"'*&!%@`|>{\[][^:：#]*：")


def explain_syntax_error(e: yaml.MarkedYAMLError, text: str, name: str) -> InputError:
    """The located message and hint for a YAML syntax error, in the words a clerk would use."""
    mark = e.problem_mark or e.context_mark
    lines = text.splitlines()
    problem = (e.problem or "").strip()
    if mark:
        for i in (mark.line, mark.line - 1, mark.line - 2):
            if 0 <= i < len(lines):
                for pattern, message, hint in _MISTAKES:
                    m = pattern.search(lines[i])
                    if m:
                        return InputError.single(name, message, hint, line=i + 1, column=m.end())
    if "quoted scalar" in (e.context or "") and "end of stream" in problem and e.context_mark:
        # Reported at the end of the file; the quote that was never closed is where it starts.
        start = e.context_mark
        return InputError.single(
            name,
            "引号没有配对（从这里开始的引号没有结束）",
            "在这个值的末尾补上同样的引号，或去掉开头的引号",
            line=start.line + 1,
            column=start.column + 1,
        )
    flow = "flow mapping" in (e.context or "") or "flow sequence" in (e.context or "")
    if flow and e.context_mark and mark and mark.line > e.context_mark.line:
        # YAML gives up lines later, often at the end of the file; the bracket that was never
        # closed is where the clerk has to look.
        start = e.context_mark
        bracket = "{" if "mapping" in (e.context or "") else "["
        closing = "}" if bracket == "{" else "]"
        return InputError.single(
            name,
            f"从这里开始的 {bracket} 到第 {mark.line + 1} 行仍没有配对的 {closing}",
            f"在这一行末尾补上 {closing}（如果 {bracket} {closing} 跨了几行，"
            "检查各项之间是否都有英文逗号）；"
            f"如果文字本身含有 {bracket}，请给整段文字加上引号",
            line=start.line + 1,
            column=start.column + 1,
        )
    if "expected ':'" in problem and e.context_mark:
        mark = e.context_mark  # the line without a colon, not the next one where YAML gave up
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    message, hint = (
        f"YAML 格式错误：{problem}",
        "检查这一行及上一行的缩进（用空格，每级两个空格）和“键: 值”之间的英文冒号加空格",
    )
    if "expected '-' indicator" in problem and here.strip() and not here.lstrip().startswith("-"):
        # sections:\n  - title: A\n  text: B — text belongs to the item but stands where a dash
        # goes.
        message, hint = (
            "这一行缩进不够：它排在列表“- ”的位置上，却不是新的一项",
            "如果它属于上面那一项，再缩进两个空格，与上一行“- ”后面的字段对齐；"
            "如果是新的一项，在前面加“- ”",
        )
    elif "'\\t'" in problem:
        message, hint = _MISTAKES[0][1:]
    elif _KEY_WITH_FULL_WIDTH_COLON.match(here):
        message, hint = _MISTAKES[3][1:]
    elif (
        mark
        and "expected key" in problem
        and re.search(r":\s+(\"[^\"]*\"|'[^']*')\s*$", here[: mark.column])
    ):
        # title: "A" 等 — text after the closing quote
        message, hint = next(p[1:] for p in _PROBLEMS if p[0] == "expected comment or line break")
    else:
        for words, cn_message, cn_hint in _PROBLEMS:
            if words in problem:
                # libyaml does not name the character; it is the one at the mark
                found = here[mark.column] if mark and mark.column < len(here) else ""
                char = found if found.strip() else "这个符号"
                message = cn_message.replace("{found}", char)
                hint = cn_hint.replace("{found}", char)
                break
    return InputError.single(
        name,
        message,
        hint,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )
