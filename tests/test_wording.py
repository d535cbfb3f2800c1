"""data/wording.yaml is checked when loaded: located messages for what an office may get wrong."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from reportgen.errors import InputError
from reportgen.model.validate import validate
from reportgen.pipeline import load_report
from reportgen.read import wording
from reportgen.read.loader import load_yaml, load_yaml_text
from reportgen.read.wording import SHAPE, Group, Text, check_wording, load_wording
from reportgen.render.context import build_context
from support import EXAMPLE_SOURCES, GOOD_SA_PATH, ROOT

SHIPPED = ROOT / "data" / "wording.yaml"


def edited(tmp_path: Path, *changes: tuple[str, str], append: str = "") -> Path:
    """The shipped wording file with ``changes`` (old, new) made, written to tmp_path."""
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "wording.yaml"
    path.write_text(text + append, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(InputError) as e:
        load_wording(path)
    return [str(p) for p in e.value.diagnostics]


def test_the_shipped_wording_passes_its_own_check():
    assert check_wording(load_yaml(SHIPPED)) == []
    assert load_wording()["titles"]["rectification"] == "{year}年度{region}履行教育职责问题整改报告"


def test_unknown_placeholder_names_the_ones_the_entry_may_use(tmp_path):
    path = edited(tmp_path, ('issuer: "{region}人民政府"', 'issuer: "{regoin}人民政府"'))
    assert messages(path) == [
        f"{path}:6:9: issuer (默认署名): 未知的占位符“{{regoin}}” — "
        "是否应为 {region}？这一项可用的占位符：{region}"
    ]
    path = edited(
        tmp_path, ("{year}年度{region}履行教育职责情况", "{year}年度{地区}履行教育职责情况")
    )
    assert messages(path) == [
        f"{path}:4:20: titles.self_assessment (自查报告的默认标题): 未知的占位符“{{地区}}” — "
        "这一项可用的占位符：{year}、{region}、{review}"
    ]


def test_a_placeholder_in_an_entry_printed_as_written(tmp_path):
    path = edited(tmp_path, ("  basic: 基本情况", "  basic: 基本情况{year}"))
    assert messages(path) == [
        f"{path}:8:10: headings.basic (基本情况): 这一项不填入任何内容，“{{year}}”会原样印出 — "
        "删去这个占位符，只写文字；要印出花括号本身时写成 {{ 或 }}"
    ]


def test_unbalanced_brace_and_format_spec(tmp_path):
    path = edited(
        tmp_path,
        ("problem_heading: 关于“{title}”问题", "problem_heading: 关于“{title”问题"),
        ('  up: "增长{pct}%"', '  up: "增长{pct:.1f}%"'),
    )
    assert messages(path) == [
        f"{path}:13:18: problem_heading (整改问题的标题): 花括号不配对：“关于“{{title”问题” — "
        "占位符写成 {region} 这样，前后各一个花括号；要印出花括号本身时写成 {{ 或 }}",
        f"{path}:31:7: figures.up (同比增长): 占位符“{{pct:.1f}}”只能写成 {{pct}} — 改为 {{pct}}",
    ]


def test_missing_key_says_where_to_add_it(tmp_path):
    path = edited(tmp_path, ("  rectification: 整改情况\n", ""))
    assert messages(path) == [
        f"{path}:7:1: headings.rectification (整改情况): 缺少这一项 — "
        "在 headings 下加上一行 “rectification: ”，后接措辞"
    ]
    path = edited(tmp_path, ('issuer: "{region}人民政府"\n', ""))
    assert messages(path) == [
        f"{path}:3:1: issuer (默认署名): 缺少这一项 — "
        "在文件顶层加上一行 “issuer: ”，后接措辞，可用占位符 {region}"
    ]


def test_unknown_key_suggests_the_near_spelling_and_is_not_also_missing(tmp_path):
    path = edited(tmp_path, ("  next_steps: 下一步工作打算", "  next_step: 下一步工作打算"))
    assert messages(path) == [
        f"{path}:11:3: headings.next_step: 未知的项“next_step” — 是否应为 next_steps？"
    ]
    path = edited(tmp_path, append="signature: 某某\n")
    last = len(path.read_text(encoding="utf-8").splitlines())  # the appended line
    assert messages(path) == [
        f"{path}:{last}:1: signature: 未知的项“signature” — 这里可用的项：titles、issuer、"
        "headings、problem_heading、opening、inspection、figures、ledger、closing；不用的项请删除"
    ]


def test_wrong_types(tmp_path):
    path = edited(
        tmp_path,
        ('  flat: "持平"', "  flat: [持平, 不变]"),
        ("  title: 整改台账", "  title:\n    text: 整改台账"),
        ("  empty: —\n  up:", "  empty:\n  up:"),
        ("  rectification: 整改情况", "  rectification: no"),
    )
    assert messages(path) == [
        f"{path}:9:18: headings.rectification (整改情况): 应为一段文字，现在被读成了是/否"
        '（YAML 把 yes、no、on、off 等词读作是/否） — 给这段文字加上英文引号，如 "no"',
        f"{path}:30:9: figures.empty (空格处填写的内容): 没有填写 — "
        '写上措辞；要留空时写成两个英文引号 ""',
        f"{path}:33:9: figures.flat (同比持平): 应为一段文字，现在是一个列表（2 项） — "
        "这里只写一段文字，不要用 [ ] 或“- ”列出多项",
        f"{path}:39:5: ledger.title (台账标题): 应为一段文字，现在是若干“键: 值” — "
        "这里只写一段文字，不要在下面缩进写出“键: 值”",
    ]


def test_table_headers_are_lists_of_one_text_a_column(tmp_path):
    path = edited(
        tmp_path,
        ("header: [指标, 本年, 上年, 同比增减]", "header: [指标, 2021, 上年]"),
        ("header: [序号, 问题, 整改措施, 责任单位, 责任人, 整改时限, 完成情况]", "header: 序号"),
    )
    assert messages(path) == [
        f"{path}:28:11: figures.header (表头): 应有 4 项，现在有 3 项 — "
        "表格有 4 列，依次是 指标、本年、上年、同比增减，每列一项",
        f"{path}:39:11: ledger.header (表头): 应为 7 项文字的列表，现在是一段文字“序号” — "
        "写成 [序号, 问题, 整改措施, 责任单位, 责任人, 整改时限, 完成情况] 这样，"
        "依次是 序号、问题、整改措施、责任单位、责任人、整改时限、完成情况 各列的表头",
    ]
    # A year written as a header is text, as it would be in quotes.
    fixed = edited(
        tmp_path, ("header: [指标, 本年, 上年, 同比增减]", "header: [指标, 2021, 2020, 增减]")
    )
    assert load_wording(fixed)["figures"]["header"] == ["指标", "2021", "2020", "增减"]


def test_a_group_written_as_text(tmp_path):
    lines = SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)
    titles = "".join(lines[2:5])
    assert titles.startswith("titles:\n  self_assessment:")
    path = edited(tmp_path, (titles, "titles: 报告\n"))
    assert messages(path) == [
        f"{path}:3:9: titles (默认标题): 应为若干“键: 值”，现在是一段文字“报告” — "
        "在 titles: 下面缩进两格，逐行写出 self_assessment、rectification 各项"
    ]
    path = tmp_path / "flat.yaml"
    path.write_text("- 基本情况\n- 整改情况\n", encoding="utf-8")
    assert messages(path) == [
        f"{path}:1:1: (文件): 应为若干“键: 值”，现在是一个列表（2 项） — "
        "逐行写出 titles、issuer、headings、problem_heading、opening、inspection、"
        "figures、ledger、closing 各项"
    ]


def test_every_problem_at_once(tmp_path):
    path = edited(
        tmp_path,
        ('issuer: "{region}人民政府"', 'issuer: "{regoin}人民政府"'),
        ("  basic: 基本情况", "  basci: 基本情况"),
        ('  flat: "持平"', "  flat: [持平]"),
    )
    assert [m.split(": ", 1)[1].split(" ", 1)[0] for m in messages(path)] == [
        "issuer",
        "headings.basci:",
        "figures.flat",
    ]


def test_an_unreadable_wording_file_says_how_to_get_it_back(tmp_path):
    path = tmp_path / "wording.yaml"
    path.write_text("# 只有注释\n", encoding="utf-8")
    assert messages(path) == [
        f"{path}: (文件): 文件中没有内容（只有注释） — "
        "这是 reportgen 的措辞文件：从 reportgen 的安装包中恢复 data/wording.yaml"
    ]


def test_loaded_once_per_version_of_the_file(tmp_path, monkeypatch):
    path = edited(tmp_path)
    reads = []
    real = wording.load_yaml
    monkeypatch.setattr(wording, "load_yaml", lambda p: reads.append(p) or real(p))
    first = load_wording(path)
    assert load_wording(path) is first
    assert len(reads) == 1
    path.write_text(path.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    assert load_wording(path) is not first
    assert len(reads) == 2


# ---- the shape is the context's: every entry takes exactly the placeholders it is given ----------


class _Spy(str):
    """A wording text that records the names it is formatted with."""

    calls: ClassVar[dict[str, set[str]]] = {}

    def __new__(cls, value: str, path: str) -> _Spy:
        spy = super().__new__(cls, value)
        spy.path = path
        return spy

    def format(self, *args, **kwargs) -> str:
        assert not args
        _Spy.calls.setdefault(self.path, set()).update(kwargs)
        return str.format(self, **kwargs)


def _spied(value, path=()):
    if isinstance(value, dict):
        return {k: _spied(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, str):
        return _Spy(value, ".".join(path))
    return value


_VARIANTS = [
    """kind: rectification
region: {name: 越城区}
year: 2019
date: 2021-04-01
inspection: {by: 督导组, start: 2020-10-23, report: 督导报告}
basic:
  figures:
    - {name: 支出, value: 90, previous: 100, unit: 万元}
    - {name: 入学率, value: 90, previous: 80, unit: "%"}
    - {name: 巩固率, value: 70, previous: 80, unit: "%"}
    - {name: 学校数, value: 1, previous: 1, unit: 所}
problems:
  - title: 学位不足
    measures:
      - text: 新建学校。
""",
    """kind: rectification
region: {name: 越城区}
year: 2019
date: 2021-04-01
inspection: {by: 督导组, start: 2020-10-23, grade: A}
problems:
  - title: 学位不足
    measures:
      - text: 新建学校。
""",
]


def test_each_entry_takes_exactly_the_placeholders_the_context_fills_in(fixtures_dir):
    _Spy.calls = {}
    words = _spied(load_wording())
    reports = [load_report(p) for p in (*EXAMPLE_SOURCES, *fixtures_dir.glob("minimal-*.yaml"))]
    reports += [validate(load_yaml_text(text, "v.yaml")) for text in _VARIANTS]
    for report in reports:
        build_context(report, words)

    def texts(group: Group, prefix: str = ""):
        for key, spec in group.entries.items():
            if isinstance(spec, Group):
                yield from texts(spec, f"{prefix}{key}.")
            elif isinstance(spec, Text):
                yield f"{prefix}{key}", spec

    for path, spec in texts(SHAPE):
        if spec.names:
            assert _Spy.calls.get(path) == set(spec.names), path
        else:
            assert path not in _Spy.calls, f"{path} is formatted: it may take placeholders"


# ---- the command line -----------------------------------------------------------------------


def test_render_with_a_broken_wording_file_exits_1_with_the_located_message(
    cli, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    data.mkdir()
    edited(data, ('issuer: "{region}人民政府"', 'issuer: "{regoin}人民政府"'))
    monkeypatch.setattr(wording, "data_dir", lambda: data)
    out = tmp_path / "out.docx"
    result = cli("render", GOOD_SA_PATH, "-o", out)
    assert result.exit_code == 1, result.output
    assert (
        f"{data / 'wording.yaml'}:6:9: issuer (默认署名): 未知的占位符“{{regoin}}” — "
        "是否应为 {region}？这一项可用的占位符：{region}"
    ) in result.output
    assert "内部错误" not in result.output
    assert not out.exists()
