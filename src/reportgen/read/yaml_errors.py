"""YAML syntax errors explained to clerks: what went wrong on which line, and how to fix it.

PyYAML reports where parsing stopped, in English ("mapping values are not allowed here"), often a
line after the mistake. The mistakes clerks make in Notepad and WPS (Tab indents, full-width colons
and spaces, unclosed quotes) are recognised here and located where they were made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# Problems a line indented a space or two off makes libyaml report, often on a later line: the line
# with a list item's field indented past the item's first field reads as more of that field's text.
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "expected '-' indicator",
    "did not find expected key",
    "expected <document start>",
    "block sequence entries are not allowed",
)
# How far up from where libyaml stopped a mis-indented line is looked for, in lines with content,
# and how many lines after that stop must then read cleanly for it to be the cause.
_SLIP_LINES_ABOVE = 6
_SLIP_LINES_AFTER = 20
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where libyaml starts a new line (its marks count these, not all that str.splitlines does).
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class _Slip:
    """A line whose indent, moved by a space or two, lets the text around it read cleanly."""

    line: int  # 0-based
    spaces: int  # what it has
    should: int  # what it should have

    def error(self, name: str, noticed: int) -> InputError:
        off = abs(self.spaces - self.should)
        message = f"这一行缩进{'多' if self.spaces > self.should else '少'}了 {off} 个空格"
        if noticed != self.line:
            message += f"（YAML 到第 {noticed + 1} 行才发现出错）"
        hint = (
            f"这一行前面应有 {self.should} 个空格（现在是 {self.spaces} 个），"
            "与同一层的字段或“- ”上下对齐"
        )
        return InputError.single(name, message, hint, line=self.line + 1, column=self.spaces + 1)


def _read_until(text: str, line: int) -> tuple[int | None, bool]:
    """Where libyaml stops in ``text`` (0-based line, None if it reads to the end), and whether a
    node (a field, an item or a value) starts on ``line`` rather than continuing one above it."""
    starts = False
    try:
        for event in yaml.parse(text, Loader=_SAFE):
            mark = event.start_mark
            starts = starts or (mark is not None and mark.line == line)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return (mark.line if mark else 0), starts
    except yaml.YAMLError:
        return 0, starts
    return None, starts


def _indentation_slip(text: str, lines: list[str], stop: int) -> _Slip | None:
    """The line at or above ``stop`` (where libyaml stopped) that is indented a space or two off.

    Each of the few lines with content above the stop, and the stop itself, is tried one and two
    spaces further in and out; the change is the slip if then the text reads cleanly well past the
    stop. If several do, the one that reads furthest wins, then one that moves a line standing
    where no other line starts to where others do (the file's own columns say which of two lines
    is off), then the smallest change, then the line libyaml stopped at, then the nearest to it.
    Not found: None.
    """
    end = min(len(lines), stop + 1 + _SLIP_LINES_AFTER)
    window = lines[:end]
    candidates: list[int] = []
    for i in range(min(stop, end - 1), -1, -1):
        if len(candidates) > _SLIP_LINES_ABOVE:
            break
        content = window[i].lstrip(" ")
        if content and not content.startswith("#"):
            candidates.append(i)
    columns: dict[int, set[int]] = {}  # where lines start their content: column → those lines
    for i, line in enumerate(lines):
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            spaces = len(line) - len(content)
            columns.setdefault(spaces, set()).add(i)
            if content.startswith("- "):
                columns.setdefault(spaces + 2, set()).add(i)

    def used(column: int, besides: int) -> bool:
        return bool(columns.get(column, set()) - {besides})

    best: tuple[tuple[int, ...], _Slip] | None = None
    for i in candidates:
        content = window[i].lstrip(" ")
        spaces = len(window[i]) - len(content)
        for delta in (-1, 1, -2, 2):
            should = spaces + delta
            if should < 0:
                continue
            if should and i == min(columns.get(0, {i})):
                continue  # a report starts at the left edge: its first field is not the slip
            tried = [*window[:i], " " * should + content, *window[i + 1 :]]
            reached, starts = _read_until("\n".join(tried) + "\n", i)
            reached = end if reached is None else reached
            if reached <= stop or reached < end - 1 or not starts:
                continue  # still stops too soon, or the line became more of the text above
            rank = (
                -reached,
                not used(should, i),
                used(spaces, i),
                abs(delta),
                i != stop,
                stop - i,
            )
            if best is None or rank < best[0]:
                best = (rank, _Slip(i, spaces, should))
    return best[1] if best else None


_UNDER_THE_DASH = "这一行缩进不够：它排在列表“- ”的位置上，却不是新的一项"


def _under_the_dash(problem: str, line: str) -> bool:
    """sections:\\n  - title: A\\n  text: B — text belongs to the item but stands where a dash
    goes (or it is a new item missing its dash)."""
    return (
        "expected '-' indicator" in problem
        and bool(line.strip())
        and not line.lstrip().startswith("-")
    )


def _item_column(lines: list[str], at: int) -> int | None:
    """Where the fields of the list item above line ``at`` start (after its "- "), if one does."""
    if at >= len(lines):
        return None
    spaces = len(lines[at]) - len(lines[at].lstrip(" "))
    for line in reversed(lines[:at]):
        content = line.lstrip(" ")
        if content.startswith("- ") and len(line) - len(content) <= spaces:
            dash = len(line) - len(content)
            return dash + 1 + len(content[1:]) - len(content[1:].lstrip(" "))
    return None


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
    if mark and any(words in problem for words in _INDENT_PROBLEMS):
        slip = _indentation_slip(text, _YAML_LINE_BREAK.split(text), mark.line)
        here = lines[mark.line] if mark.line < len(lines) else ""
        item = _item_column(lines, mark.line)
        if (slip is None or slip.line == mark.line) and _under_the_dash(problem, here) and item:
            spaces = len(here) - len(here.lstrip(" "))
            return InputError.single(
                name,
                _UNDER_THE_DASH,
                f"如果它属于上面那一项，前面应有 {item} 个空格（现在是 {spaces} 个），"
                "与上一行“- ”后面的字段对齐；如果是新的一项，在前面加“- ”",
                line=mark.line + 1,
                column=spaces + 1,
            )
        if slip:
            return slip.error(name, mark.line)
    if "expected ':'" in problem and e.context_mark:
        mark = e.context_mark  # the line without a colon, not the next one where YAML gave up
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    message, hint = (
        f"YAML 格式错误：{problem}",
        "检查这一行及上一行的缩进（用空格，每级两个空格）和“键: 值”之间的英文冒号加空格",
    )
    if _under_the_dash(problem, here):
        message, hint = (
            _UNDER_THE_DASH,
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
