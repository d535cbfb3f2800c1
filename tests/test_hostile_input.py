"""Messy input from Notepad, WPS, Word and chat apps: a located message and a hint, never a
traceback.

Every case goes through the CLI (``reportgen validate`` / ``render``) and is matched on the located
form ``file:line:col: path: what — how``.
"""

import codecs
import re
import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.output.pdf import find_soffice
from support import EXAMPLE_SOURCES, GOOD

# Characters XML and Word refuse (or that Word pastes as breaks); none may reach document.xml.
_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write(tmp_path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# ---- real clerk mistakes -----------------------------------------------------------

MISTAKES = [
    pytest.param(
        replace("  - name: 浙江", "\t- name: 浙江"),
        r"r\.yaml:7:1: \(文件\): 缩进中使用了制表符（Tab） — YAML 只能用空格缩进",
        id="tab-in-list",
    ),
    pytest.param(
        replace("  by: 浙江", "\tby: 浙江"),
        r"r\.yaml:10:1: \(文件\): 缩进中使用了制表符（Tab） — ",
        id="tab-in-mapping",
    ),
    pytest.param(
        replace("year: 2019", "year：2019"),
        r"r\.yaml:\d+:\d+: \(文件\): 字段名后面用了中文冒号“：” — 字段名后面要用英文冒号加空格",
        id="fullwidth-colon",
    ),
    pytest.param(
        replace("  by: 浙江", "\u3000\u3000by: 浙江"),
        r"r\.yaml:10:1: \(文件\): 行首使用了全角空格 — 请把行首的全角空格换成普通（半角）空格",
        id="fullwidth-space-indent",
    ),
    pytest.param(
        replace("issuer: 绍兴", "issuer:\u3000绍兴"),
        r"r\.yaml:4:8: \(文件\): 冒号或“-”后面用了全角空格 — 请把全角空格换成普通（半角）空格",
        id="fullwidth-space-after-colon",
    ),
    pytest.param(
        replace("  - name: 浙江", "  -\u3000name: 浙江"),
        r"r\.yaml:7:4: \(文件\): 冒号或“-”后面用了全角空格 — ",
        id="fullwidth-space-after-dash",
    ),
    pytest.param(
        replace("  grade: A", "  grade:A"),
        r"r\.yaml:13:8: \(文件\): 字段名的冒号后面缺少空格 — 冒号后面要加一个空格，如 “year: 2019”",
        id="no-space-after-colon",
    ),
    pytest.param(
        replace("{name: 教育支出, value:", "{name: 教育支出，value:"),
        r"r\.yaml:18:\d+: \(文件\): \{ \} 中的字段之间用了中文逗号“，” — "
        r"\{ \} 中用英文逗号加空格分隔字段",
        id="fullwidth-comma",
    ),
    pytest.param(
        GOOD + "year: 2020\n",
        r"r\.yaml:33:1: year: 字段 year 重复出现（第一次在第 3 行） — 同一层中每个字段只能写一次",
        id="duplicate-key",
    ),
    pytest.param(
        replace("  start: 2020-10-23", "  start: 2020-10-23\n  start: 2020-10-25"),
        r"r\.yaml:12:3: inspection\.start: 字段 start 重复出现（第一次在第 11 行） — ",
        id="duplicate-nested-key",
    ),
    pytest.param(
        replace("value: 473813.97", 'value: "1,861"'),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “1,861”中有千分位逗号 — 请写成 1861",
        id="thousands-separator",
    ),
    pytest.param(
        replace("value: 473813.97", "value: 473,813.97"),
        r"r\.yaml:18:\d+: basic\.figures\[0\]\.813\.97: “813\.97”是数字被逗号拆开的后半段 — "
        r"在 \{ \} 中逗号用来分隔字段，数字不能写千分位逗号",
        id="thousands-separator-in-flow-mapping",
    ),
    pytest.param(
        replace("value: 473813.97", "value: 15.69亿元"),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “15\.69亿元”带了单位 — "
        r"unit（单位）是“万元”，15\.69亿元 即 156900万元：这里只写 156900",
        id="number-with-unit",
    ),
    pytest.param(
        replace("value: 473813.97", "value: .nan"),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “\.nan”不是具体的数值 — ",
        id="nan",
    ),
    pytest.param(
        replace("value: 473813.97", "value: 1e400"),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “1e400”数值过大 — ",
        id="huge-number",
    ),
    # Past the decimal context's exponent limits: abs() overflowed and normalize() rounded to 0.
    pytest.param(
        replace("value: 473813.97", "value: 1e1000000"),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “1e1000000”数值过大 — ",
        id="huger-number",
    ),
    pytest.param(
        replace("value: 473813.97", "value: 1e-999999999"),
        r"r\.yaml:18:27: basic\.figures\[0\]\.value \(数值\): “1e-999999999”小数位过多 — ",
        id="tinier-number",
    ),
    pytest.param(
        replace("previous: 462083.30", "previous: 1e-2000000"),
        r"r\.yaml:18:\d+: basic\.figures\[0\]\.previous \(上年数值\): “1e-2000000”小数位过多 — ",
        id="tinier-previous",
    ),
    pytest.param(
        replace(
            "[明确议事规则, 明确任务职责]", "[" + ", ".join(f"第{i}点" for i in range(100)) + "]"
        ),
        r"r\.yaml:24:\d+: problems\[0\]\.measures\[0\]\.points \(分点\): "
        r"有 100 项，一个标题下最多 99 项 — ",
        id="too-many-points",
    ),
    pytest.param(
        replace("previous: 462083.30", "previous: 0.0000000001"),
        r"r\.yaml:18:\d+: basic\.figures\[0\]\.previous \(上年数值\): “0\.0000000001”小数位过多 — ",
        id="tiny-number",
    ),
    pytest.param(
        "", r"r\.yaml: \(文件\): 文件是空的 — 请从 examples/ 中复制一个示例文件再修改", id="empty"
    ),
    pytest.param(
        "# 只有注释\n\n", r"r\.yaml: \(文件\): 文件中没有内容（只有注释） — ", id="only-comments"
    ),
    pytest.param(
        "- 越城区\n- 2019\n",
        r"r\.yaml:1:1: \(文件\): 文件顶层应为若干“键: 值”，现在是一个列表（2 项） — ",
        id="top-level-list",
    ),
    pytest.param(
        "绍兴市越城区整改报告\n",
        r"r\.yaml:1:1: \(文件\): 文件顶层应为若干“键: 值”，现在是一段文字“绍兴市越城区整改报告” — ",
        id="plain-text",
    ),
    pytest.param(
        "kind：rectification\n",
        r"r\.yaml:1:1: \(文件\): 文件顶层应为若干“键: 值”.* — .*不能用中文冒号“：”",
        id="plain-text-fullwidth-colon",
    ),
    pytest.param(
        replace("kind: rectification", "kind: rectificaton"),
        r"r\.yaml:1:7: kind \(报告类型\): 未知的报告类型“rectificaton” — 是否应为 rectification？",
        id="kind-typo",
    ),
    pytest.param(
        replace("kind: rectification", "kind: 通知"),
        r"r\.yaml:1:7: kind \(报告类型\): 未知的报告类型“通知” — 可选 self_assessment",
        id="kind-unknown",
    ),
    pytest.param(
        replace("kind: rectification", "kind: [rectification]"),
        r"r\.yaml:1:7: kind \(报告类型\): 报告类型应为一个词，而不是一个列表 — ",
        id="kind-list",
    ),
    pytest.param(
        replace("kind: rectification\n", ""),
        r"r\.yaml:1:1: kind \(报告类型\): 缺少必填项 — 在文件开头加上 kind:",
        id="kind-missing",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date:"),
        r"r\.yaml:5:6: date \(成文日期\): 不能为空 — 写成 2021-04-01",
        id="date-empty",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date: yes"),
        r"r\.yaml:5:7: date \(成文日期\): 应为日期，YAML 把它读成了是/否 — ",
        id="date-yes",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date: {year: 2021}"),
        r"r\.yaml:5:7: date \(成文日期\): 应为日期，而不是列表或“键: 值” — ",
        id="date-mapping",
    ),
    pytest.param(
        replace(
            "year: 2019",
            "year: 这是一段很长很长的文字，不应该整段出现在错误信息里面，否则一行会非常长",
        ),
        r"r\.yaml:3:7: year \(年度\): "
        r"应为整数，而不是“这是一段很长很长的文字，不应该整段出现[^”]{0,4}…” — ",
        id="long-value-cut",
    ),
    pytest.param(
        replace(
            "date: 2021-04-01",
            "date: 这是一段很长很长的文字，不应该整段出现在错误信息里面，否则一行会非常长",
        ),
        r"r\.yaml:5:7: date \(成文日期\): "
        r"“这是一段很长很长的文字，不应该整段出现[^”]{0,6}…”不是可识别的日期 — ",
        id="long-date-cut",
    ),
    pytest.param(
        replace("deadline: 2021-12", "deadline: [2021, 12]"),
        r"r\.yaml:26:19: problems\[0\]\.measures\[0\]\.deadline \(整改时限\): 应为日期或文字 — ",
        id="deadline-list",
    ),
    pytest.param(
        replace("kind: rectification", "kind: rectification\nkind: self_assessment"),
        r"r\.yaml:2:1: kind: 字段 kind 重复出现（第一次在第 1 行） — ",
        id="duplicate-kind",
    ),
    pytest.param(
        GOOD + "---\nkind: self_assessment\n",
        r"r\.yaml:33:1: \(文件\): 一个文件中有多份 YAML 文档（以 --- 分隔） — 一个文件只写一份报告",
        id="two-documents",
    ),
    pytest.param(
        replace("    - title: 进一步", "  - title: 进一步"),
        r"r\.yaml:32:7: \(文件\): 这一行缩进多了 2 个空格 — 这一行前面应有 4 个空格（现在是 6 个）",
        id="bad-indent",
    ),
    pytest.param(
        replace("  grade: A", '  grade: "A'),
        r"r\.yaml:13:10: \(文件\): 引号没有配对（从这里开始的引号没有结束） — ",
        id="unclosed-quote",
    ),
    pytest.param(
        replace("  grade: A", '  grade: "D:\\Users\\报告"'),
        r"r\.yaml:13:\d+: \(文件\): 双引号中的反斜杠 \\ 用法不对 — 把双引号换成单引号",
        id="windows-path-in-quotes",
    ),
    pytest.param(
        replace("year: 2019", " year: 2019"),
        r"r\.yaml:3:2: \(文件\): 这一行缩进多了 1 个空格 — 这一行前面应有 0 个空格（现在是 1 个）",
        id="top-level-indented",
    ),
    pytest.param(
        replace("  grade: A", '  grade: "A" 等'),
        r"r\.yaml:13:\d+: \(文件\): 引号或值后面多了文字 — 把整个值都放在引号里面",
        id="text-after-quote",
    ),
    pytest.param(
        replace("  grade: A", "  grade: A - B\n  - C"),
        r"r\.yaml:14:\d+: \(文件\): (列表项“- ”的位置不对|缩进没有对齐) — ",
        id="dash-misplaced",
    ),
    pytest.param(
        replace(
            "        text: 区委常委会每年至少研究一次教育工作。",
            "      text: 区委常委会每年至少研究一次教育工作。",
        ),
        r"r\.yaml:23:7: \(文件\): 这一行缩进不够：它排在列表“- ”的位置上，却不是新的一项 — "
        r"如果它属于上面那一项，前面应有 8 个空格（现在是 6 个），与上一行“- ”后面的字段对齐",
        id="item-field-under-the-dash",
    ),
    pytest.param(
        replace("  - title: 教育决策机制还不够完善", "  -title: 教育决策机制还不够完善"),
        r"r\.yaml:\d+:3: \(文件\): 列表项的“-”后面缺少空格 — 写成“- title: …”",
        id="dash-without-space",
    ),
    pytest.param(
        replace("  grade: A", "  grade A"),
        r"r\.yaml:13:3: \(文件\): 这一行缺少“: ” — ",
        id="missing-colon",
    ),
    pytest.param(
        replace("[明确议事规则, 明确任务职责]", "[明确议事规则, 明确任务职责"),
        r"r\.yaml:24:17: \(文件\): 从这里开始的 \[ 到第 25 行仍没有配对的 \] — 在这一行末尾补上 \]",
        id="unclosed-bracket",
    ),
    pytest.param(
        GOOD.replace(
            "region: {name: 越城区, level: 区, parent: 绍兴市}",
            "region: {name: 越城区, level: 区, parent: 绍兴市",
        ),
        r"r\.yaml:2:9: \(文件\): 从这里开始的 \{ 到第 \d+ 行仍没有配对的 \} — ",
        id="unclosed-brace",
    ),
    pytest.param(
        replace("[明确议事规则, 明确任务职责]", "[明确议事规则 明确任务职责 ]]"),
        r"r\.yaml:24:\d+: \(文件\): ",
        id="extra-bracket-same-line",
    ),
    pytest.param(
        replace("issuer: 绍兴市越城区人民政府", "issuer: *绍兴市越城区人民政府"),
        r"r\.yaml:4:\d+: \(文件\): 值不能以 \* 或 & 开头 — 给这个值加引号",
        id="alias-like-value",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date: !2021年4月1日"),
        r"r\.yaml:5:\d+: \(文件\): 值不能以 ! 开头 — 给这个值加引号",
        id="tag-like-value",
    ),
    pytest.param(
        replace("  grade: A", '  grade: "\\ud800"'),
        r"r\.yaml:13:\d+: \(文件\): 双引号中的 \\u 转义写法不对 — ",
        id="bad-unicode-escape",
    ),
    pytest.param(
        replace(
            "        text: 区委常委会每年至少研究一次教育工作。",
            "        text: {重点}区委常委会每年至少研究一次教育工作。",
        ),
        r"r\.yaml:23:\d+: \(文件\): 以 \{ 或 \[ 开头的文字要加引号 — 给整段文字加上引号",
        id="text-starting-with-brace",
    ),
    pytest.param(
        replace("year: 2019", "year: " + "1" * 5000),
        r"r\.yaml:3:7: year \(年度\): 数字位数太多 — ",
        id="huge-int",
    ),
    pytest.param(
        replace("{name: 越城区,", "{name: ,"),
        r"r\.yaml:2:\d+: region\.name \(地区名称\): 不能为空 — 在冒号后面写上内容",
        id="empty-name",
    ),
    pytest.param(
        replace("value: 473813.97", "value: "),
        r"r\.yaml:18:\d+: basic\.figures\[0\]\.value \(数值\): 不能为空 — 在冒号后面写出数值",
        id="empty-value",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date: 二〇二一年十三月"),
        r"r\.yaml:5:7: date \(成文日期\): “二〇二一年十三月”中的月份 13 不存在 — ",
        id="month-13-in-chinese",
    ),
    pytest.param(
        replace("date: 2021-04-01", "date: 0000-01-01"),
        r"r\.yaml:5:7: date \(成文日期\): “0000-01-01”中的年份 0 不合理 — ",
        id="year-0",
    ),
    # U+2028 is a line end to YAML but not to any editor: the next mistake keeps its own line
    # number.
    pytest.param(
        replace("issuer: 绍兴市越城区人民政府", "issuer: 绍兴市越城区\u2028人民政府").replace(
            "  grade: A", "  grade A"
        ),
        r"r\.yaml:13:3: \(文件\): 这一行缺少“: ” — ",
        id="line-separator-keeps-line-numbers",
    ),
]


@pytest.mark.parametrize("text, expected", MISTAKES)
def test_clerk_mistake_gets_located_message(cli, tmp_path, text, expected):
    source = write(tmp_path, text)
    result = cli("validate", source)
    assert result.exit_code == 1
    assert re.search(expected, result.output), result.output
    # Every message carries a hint after the dash.
    assert all(
        " — " in line for line in result.output.splitlines() if re.match(r"\s+\S*r\.yaml", line)
    )


def test_numbers_yaml_would_reinterpret_stay_as_written(tmp_path, good_sa_yaml):
    # YAML 1.1 reads 010 as octal 8 and 1:30 as sexagesimal 90.
    from reportgen.pipeline import load_report

    text = good_sa_yaml
    source = write(
        tmp_path,
        text.replace("indicator: A1", "indicator: 010").replace("indicator: A2", "indicator: 1:30"),
    )
    sections = load_report(source).sections[0].sections
    assert [s.indicator for s in sections[:2]] == ["010", "1:30"]


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_chinese_windows_encodings_are_read(cli, tmp_path, encoding, prefix):
    source = tmp_path / "r.yaml"
    source.write_bytes(prefix + GOOD.encode(encoding))
    out = tmp_path / "r.docx"
    result = cli("render", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert any(
        "关于“教育决策机制还不够完善”问题" in p.text for p in docx.Document(str(out)).paragraphs
    )


@pytest.mark.parametrize("example", EXAMPLE_SOURCES, ids=lambda p: p.stem)
def test_every_example_saved_as_gbk_validates(cli, tmp_path, example):
    source = tmp_path / example.name
    source.write_bytes(example.read_text(encoding="utf-8").encode("gb18030"))
    result = cli("validate", source)
    assert result.exit_code == 0, result.output


def test_undecodable_file_names_the_encoding_to_save_in(cli, tmp_path):
    source = tmp_path / "r.yaml"
    source.write_bytes(b"kind: rectification\nregion: \xff\xfe\x80\x81\n")
    result = cli("validate", source)
    assert result.exit_code == 1
    assert re.search(
        r"r\.yaml:2: \(文件\): 文件编码无法识别.* — 请用记事本“另存为”，编码选择 UTF-8",
        result.output,
    )


def test_a_line_pasted_from_a_gbk_file_is_pointed_at(cli, tmp_path):
    lines = GOOD.splitlines(keepends=True)
    source = tmp_path / "r.yaml"
    # Line 14 (督导报告名称) pasted from a file saved as GBK into an otherwise UTF-8 file.
    source.write_bytes(
        "".join(lines[:13]).encode() + lines[13].encode("gbk") + "".join(lines[14:]).encode()
    )
    result = cli("validate", source)
    assert result.exit_code == 1
    assert re.search(
        r"r\.yaml:14: \(文件\): 这一行的编码与文件其他部分不同.* — 重新输入这一行", result.output
    ), result.output


def test_a_word_file_given_as_input_is_named_as_such(cli, tmp_path, root_dir):
    source = tmp_path / "去年的报告.docx"
    source.write_bytes((root_dir / "templates" / "rectification.docx").read_bytes())
    result = cli("render", source, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1
    assert re.search(
        r"去年的报告\.docx: \(文件\): "
        r"这是Word（\.docx）、Excel（\.xlsx）或压缩文件，不是 YAML 文本文件 — ",
        result.output,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["去年的报告.docx"]


def test_gbk_console_gets_messages_not_an_encoding_crash(cli_process, tmp_path):
    # Chinese Windows writes a console or a redirect (reportgen validate *.yaml > 结果.txt) as GBK,
    # which has no ✓ or ✗.
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(replace("  by: 浙江", "\tby: 浙江"), encoding="utf-8")
    done = cli_process("validate", good, bad, env={"PYTHONIOENCODING": "gbk"})
    out = (done.stdout + done.stderr).decode("gbk")
    assert done.returncode == 1, out
    assert "good.yaml：格式正确" in out
    assert re.search(r"bad\.yaml:10:1: \(文件\): 缩进中使用了制表符（Tab） — ", out), out
    assert "内部错误" not in out and "Traceback" not in out


@pytest.mark.parametrize("where", ["missing.yaml", "folder"])
def test_missing_path_or_folder(cli, tmp_path, where):
    (tmp_path / "folder").mkdir()
    result = cli("render", tmp_path / where, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1
    expected = (
        "文件不存在 — 检查文件名"
        if where == "missing.yaml"
        else "这是一个文件夹，不是 YAML 文件 — "
    )
    assert re.search(rf"{where}: \(文件\): {expected}", result.output), result.output
    assert not (tmp_path / "out.docx").exists()


def test_a_device_is_not_read_forever(cli):
    result = cli("validate", "/dev/zero")
    assert result.exit_code == 1
    assert re.search(r"/dev/zero: \(文件\): 这不是普通文件 — ", result.output)


def test_oversized_file_is_refused_before_parsing(cli, tmp_path):
    source = write(tmp_path, GOOD + "# " + "长" * 1_000_000 + "\n")
    result = cli("validate", source)
    assert result.exit_code == 1
    assert re.search(r"r\.yaml: \(文件\): 文件过大（\d+ KB，上限 2048 KB） — ", result.output)


# ---- text that breaks XML ------------------------------------------------------------

HOSTILE = (
    GOOD.replace(
        "text: 区委常委会每年至少研究一次教育工作。",
        "text: 甲 & 乙 < 丙 > 丁 \"引号\" 'single' ]]> <w:p/> &amp;",
    )
    .replace(
        "text: 下一步，我区将持续抓好整改落实。",
        # Raw Word line break (\x0b), page break (\x0c) and field marks (\x13\x14\x15).
        "text: 下一步\x0b我区将持续\x13抓好\x14整改\x15落实。\x0c完毕",
    )
    .replace("issuer: 绍兴市越城区人民政府", "issuer: 绍兴市越城区人民政府<&>")
    .replace("{name: 教育支出,", "{name: '教育<支出>&\"fee\"',")
    .replace("  - title: 教育决策机制还不够完善", "  - title: 教育决策机制 & <还不够> 完善")
    .replace("unit: 区委办", 'unit: "区委\\x01办\\x07"')
    .replace(
        "points: [明确议事规则, 明确任务职责]",
        'points: ["明确\\x1f议事规则\\x7f", "明确任务职责\\x85\\u2028"]',
    )
)


@pytest.fixture(scope="module")
def hostile_docx(tmp_path_factory, cli):
    tmp = tmp_path_factory.mktemp("hostile")
    source = tmp / "hostile.yaml"
    source.write_text(HOSTILE, encoding="utf-8")
    result = cli("render", source, "-o", tmp / "hostile.docx")
    assert result.exit_code == 0, result.output
    return tmp / "hostile.docx"


def test_xml_special_characters_appear_as_written(hostile_docx, docx_lines):
    lines = docx_lines(hostile_docx)
    text = "\n".join(lines)
    # "引号" beside Chinese is printed “引号” (punctuation.py) with no space before it (spaces.py);
    # "fee" in the table stays straight.
    assert "甲 & 乙 < 丙 > 丁“引号” 'single' ]]> <w:p/> &amp;" in text, lines
    assert "（一）关于“教育决策机制 & <还不够> 完善”问题" in lines  # a heading
    assert "绍兴市越城区人民政府<&>" in [
        line.lstrip("\u3000\u2002") for line in lines
    ]  # the signature
    assert any(line.startswith('教育<支出>&"fee"\t') for line in lines), lines  # a table cell


def test_word_breaks_become_paragraphs_and_control_characters_vanish(hostile_docx):
    texts = [p.text for p in docx.Document(str(hostile_docx)).paragraphs]
    assert "下一步" in texts and "我区将持续抓好整改落实。" in texts and "完毕" in texts, texts
    every_text = "\n".join(texts) + "\n".join(
        c.text for t in docx.Document(str(hostile_docx)).tables for row in t.rows for c in row.cells
    )
    assert "明确议事规则" in every_text and "区委办" in every_text
    for name in zipfile.ZipFile(hostile_docx).namelist():
        if name.endswith(".xml"):
            xml = zipfile.ZipFile(hostile_docx).read(name).decode("utf-8")
            assert not _BAD_XML.search(xml), (name, _BAD_XML.search(xml))


@pytest.mark.libreoffice
def test_hostile_document_converts_with_libreoffice(hostile_docx, tmp_path):
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    done = subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(hostile_docx),
        ],
        capture_output=True,
        timeout=120,
    )
    text_file = tmp_path / "hostile.txt"
    assert text_file.is_file(), done.stderr.decode(errors="replace")
    text = text_file.read_text(encoding="utf-8-sig")
    assert "甲 & 乙 < 丙 > 丁" in text
    assert "我区将持续抓好整改落实。" in text


@pytest.mark.parametrize(
    "yaml_text, value",
    [
        (
            "a: 区委常委会研究教育工作。\n  明确议事规则，2021年\n  召开会议3次。\n",
            "区委常委会研究教育工作。明确议事规则，2021年召开会议3次。",
        ),
        ("a: >\n  甲。\n  乙。\n", "甲。乙。\n"),
        ("a: Times New\n  Roman\n", "Times New Roman"),
        ("a: 越城区 人民政府\n", "越城区 人民政府"),  # one line: written that way on purpose
        ("a: |\n  甲。\n  乙。\n", "甲。\n乙。\n"),
    ],
)
def test_continuation_lines_join_without_a_gap_in_chinese(yaml_text, value):
    from reportgen.read.loader import load_yaml_text

    assert load_yaml_text(yaml_text, "r.yaml").data["a"] == value


def test_invisible_marks_pasted_from_web_pages_are_dropped_and_units_stay_on_one_line(tmp_path):
    from reportgen.pipeline import load_report

    text = GOOD.replace(
        "issuer: 绍兴市越城区人民政府", "issuer: \ufeff绍兴市\u200b越城区\u200e人民政府\u2060"
    ).replace("unit: 万元", 'unit: "万\\r元"')
    report = load_report(write(tmp_path, text))
    assert report.issuer == "绍兴市越城区人民政府"
    assert report.basic.figures[0].unit == "万元"
