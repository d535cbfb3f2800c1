"""Warnings about valid reports (model/warnings.py): text YAML cut at " #", and characters the
GB2312 fonts lack. A warning is located, printed by validate and render; the exit status is 0."""

from __future__ import annotations

import csv
import json

import pytest

from reportgen.model.validate import validate
from reportgen.model.warnings import in_gb2312, report_warnings
from reportgen.read.defaults import merge_defaults
from reportgen.read.loader import load_yaml_text


def warnings_of(text: str, name: str = "r.yaml") -> list[str]:
    loaded = load_yaml_text(text, name)
    return [str(w) for w in report_warnings(loaded, validate(loaded))]


COMMENT_HINT = "如果是说明，把它移到单独的一行"


def test_text_cut_by_a_comment_is_located_at_the_hash(good_yaml):
    text = good_yaml.replace(
        "        text: 区委常委会每年至少研究一次教育工作。",
        "        text: 区委常委会每年至少研究一次 #重点 教育工作。",
    )
    assert warnings_of(text) == [
        "r.yaml:23:29: problems[0].measures[0].text (正文): “ #”后面的“重点 教育工作。”不会印出："
        "YAML 把一行中空格加 # 之后的文字当作注释 — 如果它是正文，给整个值加上引号，"
        '如 text: "…… #重点 教育工作。"；' + COMMENT_HINT
    ]


@pytest.mark.parametrize(
    "old, new, path",
    [
        (
            "  - title: 教育决策机制还不够完善",
            "  - title: 教育决策机制 #1 还不够完善",
            "problems[0].title",
        ),
        (
            "      - lead: 健全“常委议教”机制",
            "      - lead: 健全“常委议教” # 机制",
            "problems[0].measures[0].lead",
        ),
        (
            "[明确议事规则, 明确任务职责]",
            "\n          - 明确议事规则 # 一\n          - 明确任务职责",
            "problems[0].measures[0].points[0]",
        ),
        ("issuer: 绍兴市越城区人民政府", "issuer: 绍兴市越城区人民政府 # 署名", "issuer"),
        (
            "region: {name: 越城区, level: 区, parent: 绍兴市}",
            "region:\n  name: 越城区 # 地区",
            "region.name",
        ),
        (
            "  text: 下一步，我区将持续抓好整改落实。",
            "  text: 下一步，我区将\n    持续抓好整改落实。 # 以后",
            "next_steps.text",
        ),
        ("  grade: A", "  grade: A # 优秀", "inspection.grade"),
    ],
)
def test_a_comment_after_free_text_warns(good_yaml, old, new, path):
    assert old in good_yaml
    [warning] = warnings_of(good_yaml.replace(old, new))
    assert warning.split(": ")[1].split(" (")[0] == path, warning
    assert "不会印出：YAML 把一行中空格加 # 之后的文字当作注释" in warning


@pytest.mark.parametrize(
    "old, new",
    [
        ("kind: rectification", "kind: rectification # 整改报告"),
        ("year: 2019", "year: 2019 # 年度"),
        ("date: 2021-04-01", "date: 2021-04-01 # 成文日期"),
        ("        status: 已完成", "        status: 已完成 # 已完成/持续推进/未开始"),
        ("        deadline: 2021-12", "        deadline: 2021-12 # 月底"),
        ("  start: 2020-10-23", "  start: 2020-10-23 # 开始"),
        # quoted or block text keeps its #; a comment on its own line is a comment
        ("  - title: 教育决策机制还不够完善", '  - title: "教育决策机制 #1 还不够完善" # 说明'),
        ("  - title: 教育决策机制还不够完善", "  - title: 教育决策机制还不够完善#1"),
        ("  - title: 教育决策机制还不够完善", "  # 说明\n  - title: 教育决策机制还不够完善"),
        (
            "  text: 下一步，我区将持续抓好整改落实。",
            "  text: |\n    下一步，我区将持续 #1 抓好整改落实。",
        ),
    ],
)
def test_no_warning_for_codes_choices_dates_or_quoted_text(good_yaml, old, new):
    assert old in good_yaml
    assert warnings_of(good_yaml.replace(old, new)) == []


def test_a_comment_in_the_defaults_file_is_located_there(good_yaml):
    district = load_yaml_text(good_yaml.replace("issuer: 绍兴市越城区人民政府\n", ""), "/x/yc.yaml")
    defaults = load_yaml_text("issuer: 绍兴市越城区人民政府 # 署名\n", "/x/_defaults.yaml")
    merged = merge_defaults(district, defaults)
    [warning] = report_warnings(merged, validate(merged))
    assert (warning.file, warning.line, warning.column, warning.path) == (
        "/x/_defaults.yaml",
        1,
        20,
        "issuer",
    )


# ---- characters outside GB2312 ------------------------------------------------------------


@pytest.mark.parametrize(
    "char, inside",
    [
        ("教", True),
        ("，", True),
        ("“", True),
        ("·", True),  # Python's gb2312 codec maps this cell to ・; the fonts have ·
        ("—", True),  # and this one to ―; the fonts have —
        ("…", True),
        ("〔", True),
        ("①", True),
        ("℃", True),
        ("A", True),
        ("珺", False),
        ("堃", False),
        ("喆", False),
        ("镕", False),
        ("𠀀", False),
        ("﹏", False),
    ],
)
def test_gb2312_coverage(char, inside):
    assert in_gb2312(char) is inside


def test_a_rare_character_names_the_fonts_that_lack_it(good_yaml):
    text = good_yaml.replace("      - lead: 健全“常委议教”机制", "      - lead: 张珺、王堃同志牵头")
    assert warnings_of(text) == [
        "r.yaml:22:15: problems[0].measures[0].lead (首句): “珺”“堃”不在 GB2312 字符集中，"
        "仿宋_GB2312、楷体_GB2312没有这些字，Word、WPS 会换用别的字体显示，与前后的字不一样 — "
        "在文件顶层加一行 profile: gbk-fonts，仿宋_GB2312 改为 方正仿宋_GBK，"
        "楷体_GB2312 改为 方正楷体_GBK（生成和阅读的电脑都要装有这些字体）"
    ]


def test_a_rare_character_is_no_warning_in_the_gbk_profile(good_yaml):
    text = good_yaml.replace("      - lead: 健全“常委议教”机制", "      - lead: 张珺、王堃同志牵头")
    assert warnings_of("profile: gbk-fonts\n" + text) == []


def test_a_rare_character_in_the_title_names_the_title_font(good_yaml):
    text = good_yaml.replace("issuer: 绍兴", "title: 喆区整改报告\nissuer: 绍兴")
    [warning] = warnings_of(text)
    assert warning.startswith(
        "r.yaml:4:8: title (标题): “喆”不在 GB2312 字符集中，方正小标宋简体没有这个字，"
    )
    assert warning.endswith(
        "在文件顶层加一行 profile: gbk-fonts，方正小标宋简体 改为 方正小标宋_GBK"
        "（生成和阅读的电脑都要装有这些字体）"
    )


def test_a_character_outside_gbk_has_no_common_font(good_yaml):
    text = good_yaml.replace("      - lead: 健全“常委议教”机制", "      - lead: 𠀀村小学")
    [warning] = warnings_of(text)
    assert "“𠀀”不在 GB2312 字符集中，仿宋_GB2312、黑体、楷体_GB2312没有这个字" in warning
    assert warning.endswith(
        "仿宋_GB2312、黑体、楷体_GB2312的同类字体也没有：请确认是否必须用这个字，"
        "或在 Word 中单独给它设置一种有它的字体"
    )


def test_common_text_has_no_warning(good_yaml, good_sa_yaml, examples_dir):
    assert warnings_of(good_yaml) == []
    marks = good_yaml.replace("区委常委会每年", "区委常委会——买买提·艾力等——每年")
    assert warnings_of(marks) == []
    assert warnings_of(good_sa_yaml) == []
    for example in sorted(examples_dir.glob("*.yaml")):
        assert warnings_of(example.read_text(encoding="utf-8")) == [], example


# ---- through the command line -----------------------------------------------------------------


@pytest.fixture
def warned(tmp_path, good_yaml):
    path = tmp_path / "r.yaml"
    path.write_text(
        good_yaml.replace(
            "issuer: 绍兴市越城区人民政府", "issuer: 绍兴市越城区人民政府 # 署名"
        ).replace("      - lead: 健全“常委议教”机制", "      - lead: 张珺同志牵头"),
        encoding="utf-8",
    )
    return path


def test_validate_prints_warnings_and_succeeds(cli, warned):
    result = cli("validate", warned)
    assert result.exit_code == 0, result.output
    assert f"✓ {warned}：格式正确" in result.stdout
    assert "提示 2 处，请核对（2 warnings）:" in result.stderr
    assert f"{warned}:4:20: issuer (署名): “ #”后面的“署名”不会印出" in result.stderr
    assert f"{warned}:22:15: problems[0].measures[0].lead (首句): “珺”不在 GB2312" in result.stderr


def test_validate_json_lists_warnings_with_their_severity(cli, warned):
    result = cli("validate", "--json", warned)
    assert result.exit_code == 0
    [file] = json.loads(result.stdout)["files"]
    assert file["ok"] is True
    assert [(d["path"], d["severity"]) for d in file["diagnostics"]] == [
        ("issuer", "warning"),
        ("problems[0].measures[0].lead", "warning"),
    ]


def test_render_writes_the_report_and_prints_warnings(cli, warned, tmp_path):
    out = tmp_path / "out.docx"
    result = cli("render", warned, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert "“珺”不在 GB2312 字符集中" in result.stderr


def test_batch_counts_warnings_in_the_manifest(cli, warned, tmp_path):
    outdir = tmp_path / "out"
    result = cli("batch", warned, "-o", outdir)
    assert result.exit_code == 0, result.output
    with open(outdir / "manifest.csv", encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert (row["状态"], row["警告"]) == ("已生成", "2")
    assert "“ #”后面的“署名”不会印出" in row["说明"] and "“珺”不在 GB2312" in row["说明"]


def test_strict_makes_warnings_errors(cli, warned, tmp_path):
    out = tmp_path / "out.docx"
    result = cli("render", "--strict", warned, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert "“珺”不在 GB2312 字符集中" in result.stderr
