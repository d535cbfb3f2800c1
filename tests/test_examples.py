"""The shipped examples reproduce the seed reports they were written from (tests/fixtures/seeds/);
the general documents written for the examples (WRITTEN, no seed) keep the forms they show.

Each example is rendered once; its text must contain at least 95% of its seed's sentences (site
chrome dropped, scrape losses restored as listed in fixtures/seed-restorations.yaml), keep the
seed's structure, and match its golden text in tests/golden/ (paragraph text only, so template
styling may change freely). Rewrite the golden files after an intended change with:
  REPORTGEN_UPDATE_GOLDEN=1 uv run pytest tests/test_examples.py
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from reportgen.pipeline import load_report, render_file

EXAMPLES = [
    "rectification-yuecheng-2019",
    "self-inspection-district-2022",
    "self-evaluation-chuxiong-2022",
]
# Documents written as examples, with no published seed (general ones, and a formal 公文).
WRITTEN = [
    "work-summary-district-2025",
    "implementation-opinions-2025",
    "formal-self-assessment-2021",  # a 上行文 with every 公文 element
]
GOLDEN = Path(__file__).parent / "golden"
MIN_SHARE = 0.95
MIN_CHARS = 4  # shorter fragments (单位, 一是) say nothing about whether the text was kept

_QUOTES = str.maketrans({**{c: '"' for c in "“”„‟＂"}, **{c: "'" for c in "‘’‚‛"}})
# Numbering is generated, so the seed's own numbers (which may differ, e.g. after an added
# 基本情况) are dropped.
_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}\.(?!\d)|[一二三四五六七八九十]+是)"
)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d))")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> list[str]:
    """Split on 。；！？ and line ends (NFKC turns ；！？ into ;!?), normalise, drop numbering and
    short bits."""
    out = []
    for piece in re.split(r"[。;!?\n]", unicodedata.normalize("NFKC", text)):
        s = _PREFIX.sub("", normalise(piece))
        if len(s) >= MIN_CHARS:
            out.append(s)
    return out


@pytest.fixture(scope="module")
def seed_rules(fixtures_dir):
    return yaml.safe_load((fixtures_dir / "seed-restorations.yaml").read_text("utf-8"))


def _seed_without_chrome(fixtures_dir: Path, name: str, rules: dict) -> str:
    text = (fixtures_dir / "seeds" / f"{name}.txt").read_text("utf-8")
    return "\n".join(
        line for line in text.splitlines() if not any(c in line for c in rules["chrome"])
    )


def restored_seed(fixtures_dir: Path, name: str, rules: dict) -> str:
    text = _seed_without_chrome(fixtures_dir, name, rules)
    for r in rules["restorations"][name]:
        text = text.replace(r["was"], r["is"])
    return text


@pytest.fixture(scope="module")
def rendered(examples_dir, tmp_path_factory, docx_lines) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("examples")
    return {
        name: docx_lines(render_file(examples_dir / f"{name}.yaml", out / f"{name}.docx"))
        for name in EXAMPLES + WRITTEN
    }


# ---- sentences of the seed --------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_restorations_still_apply_to_their_seed(name, fixtures_dir, seed_rules):
    seed = _seed_without_chrome(fixtures_dir, name, seed_rules)
    stale = [r["was"] for r in seed_rules["restorations"][name] if r["was"] not in seed]
    assert not stale, f"{name}: these restorations no longer occur in the seed: {stale}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_contains_the_seed_sentences(name, rendered, fixtures_dir, seed_rules):
    wanted = sentences(restored_seed(fixtures_dir, name, seed_rules))
    # Joined without separators: a title broken over two lines is still one sentence.
    body = normalise("".join(rendered[name]))
    missing = [s for s in wanted if s not in body]
    share = 1 - len(missing) / len(wanted)
    assert len(wanted) > 40, "the seed was not read: too few sentences"
    assert share >= MIN_SHARE, (
        f"{name}: {share:.1%} of {len(wanted)} seed sentences found, need {MIN_SHARE:.0%}; "
        "missing:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_site_chrome_or_scrape_loss_in_the_report(name, rendered, seed_rules):
    body = "\n".join(rendered[name])
    assert not [c for c in seed_rules["chrome"] if c in body]
    assert not [r["was"] for r in seed_rules["restorations"][name] if r["was"] and r["was"] in body]
    assert not re.search(r"\?\?|[(),:;](?=[\u4e00-\u9fff])", body), (
        "ASCII punctuation or ?? in Chinese text"
    )


# ---- structure ----------------------------------------------------------------------------------


def _level1(lines: list[str]) -> list[str]:
    return [line for line in lines if _LEVEL1.match(line)]


def _numbers_between(lines: list[str], start: str, end: str) -> list[int]:
    i, j = lines.index(start), lines.index(end)
    return [
        int(m.group(1)) for line in lines[i + 1 : j] if (m := re.match(r"^(\d+)\.(?!\d)", line))
    ]


@pytest.mark.parametrize(
    ("name", "issuer", "date"),
    [
        ("rectification-yuecheng-2019", "绍兴市越城区人民政府", "2021年4月1日"),
        ("self-inspection-district-2022", "XX区人民政府", "2020年9月30日"),
        ("self-evaluation-chuxiong-2022", "楚雄州人民政府", "2022年5月20日"),
        ("work-summary-district-2025", "XX区教育局", "2025年12月26日"),
        ("implementation-opinions-2025", "XX区教育局", "2025年9月10日"),
    ],
)
def test_report_ends_with_issuer_and_date(name, issuer, date, rendered):
    pads = [line[: len(line) - len(line.lstrip("\u3000\u2002"))] for line in rendered[name][-2:]]
    assert [line.lstrip("\u3000\u2002") for line in rendered[name][-2:]] == [issuer, date]
    # GB/T 9704 §7.3.5.2: the date starts two characters right of the signature's first character.
    width = [pad.count("\u3000") + pad.count("\u2002") / 2 for pad in pads]
    assert width[1] - width[0] == 2, pads


def test_yuecheng_rectification_structure(rendered):
    lines = rendered["rectification-yuecheng-2019"]
    # one line: 2019 is half as wide as Chinese, so the title is 19 characters of 20 (titles.py)
    assert lines[0] == "2019年度越城区履行教育职责问题整改报告"
    assert lines[1].startswith(
        "根据《浙江省人民政府教育督导委员会办公室关于印发对县级人民政府的通知》（浙政教督办函〔2021〕15号）要求"
    )
    assert _level1(lines) == ["一、基本情况", "二、整改情况", "三、下一步工作打算"]
    first, second, third = (
        "（一）关于“教育决策机制还不够完善”问题",
        "（二）关于“教育发展还不充分不平衡”问题",
        "（三）关于“教师队伍建设还有待加强”问题",
    )
    assert _numbers_between(lines, first, second) == [1, 2, 3, 4]
    assert _numbers_between(lines, second, third) == [1, 2, 3]
    assert _numbers_between(lines, third, "三、下一步工作打算") == [1, 2]
    measure = lines[lines.index(first) + 1]
    assert measure.startswith(
        "1.健全“常委议教”机制。区委常委会、区政府常务会议"
    )  # lead runs into its text
    points = lines[lines.index(first) + 2]
    assert re.match(
        r"^2\.明确“教育履职”责任。一是明确议事规则。.*二是明确任务职责。.*三是明确考核细则。",
        points,
    )
    assert (
        "（三）进一步深化教师队伍建设。全面实施《关于加强新时代教育人才队伍建设的若干意见（2020-2022年）》"
        in "".join(lines)
    )


def test_district_indicators_are_numbered_1_to_18_across_groups(rendered, examples_dir):
    lines = rendered["self-inspection-district-2022"]
    assert lines[0] == "2019年度XX区履行教育职责情况自查报告"
    assert _level1(lines) == ["一、履行教育职责情况", "二、存在的主要问题", "三、改进措施"]
    assert _numbers_between(lines, "一、履行教育职责情况", "二、存在的主要问题") == list(
        range(1, 19)
    )
    # Each group's heading is followed by the next indicator, not by a restarted 1.
    firsts = {
        "（一）落实党的教育方针情况": 1,
        "（二）落实国家教育法律、法规、规章和政策情况": 3,
        "（三）各级各类教育发展情况": 5,
        "（四）统筹推进教育工作情况": 14,
        "（五）加强教育保障情况": 16,
        "（六）学校规范办学行为情况": 18,
    }
    for group, number in firsts.items():
        assert lines[lines.index(group) + 1].startswith(f"{number}."), group
    assert "18.建立健全中小学幼儿园安全管理长效机制" in lines
    # The indicator codes written in the example are the numbers the report prints.
    report = load_report(examples_dir / "self-inspection-district-2022.yaml")
    codes = [s.indicator for group in report.sections[0].sections for s in group.sections]
    assert codes == [str(n) for n in range(1, 19)]


def test_chuxiong_self_evaluation_structure(rendered):
    lines = rendered["self-evaluation-chuxiong-2022"]
    assert lines[0] == "楚雄州人民政府履行教育职责工作情况报告"
    assert lines[1].startswith(
        "根据《云南省人民政府教育督导委员会关于印发对州市人民政府履行教育职责的评价办法的通知》"
        "（云政教督〔2021〕2号）和《"
    )
    assert lines[1].endswith(
        "楚雄州人民政府认真组织开展自评工作，现将楚雄州人民政府履行教育职责工作情况报告如下："
    )
    # The same chapters as the seed: the figures table sits inside （二）, not in a chapter of its
    # own.
    assert _level1(lines) == ["一、主要做法及成效", "二、存在的困难和问题", "三、下步工作措施"]
    funding_at = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("（二）加大教育经费投入，强化条件保障。")
    )
    assert re.search(
        r"强化条件保障。一是依法落实教育投入。.*二是强化项目工作。.*五是加快教育信息化进程。",
        lines[funding_at],
    )
    # The table follows its section: growth computed from last year's value (the seed's 增长2.54%),
    # or stated where the seed gives only the rate.
    assert lines[funding_at + 1] == "指标\t本年\t上年\t同比增减"
    assert lines[funding_at + 2] == "一般公共预算教育支出\t473813.97万元\t462083.30万元\t增长2.54%"
    assert lines[funding_at + 3] == "幼儿园生均一般公共预算教育经费\t8079.84元\t—\t增长8.75%"
    problems = lines[lines.index("二、存在的困难和问题") + 1]
    assert (
        problems.startswith("一是基本公共教育服务均等化水平有待提高")
        and "四是教师存在结构性缺口问题" in problems
    )
    assert lines[lines.index("三、下步工作措施") + 5].startswith(
        "（五）持续加强教育管理，提升教育治理能力。一是"
    )


def test_work_summary_prints_the_forms_it_is_written_in(rendered):
    lines = rendered["work-summary-district-2025"]
    # Nothing generated: the opening is the one written, no 附件, no chapter the file lacks.
    assert lines[0] == "XX区教育局2025年工作总结"
    assert lines[1].startswith("2025年，XX区教育局坚持") and lines[1].endswith(
        "现将一年来的工作总结如下："
    )
    assert _level1(lines) == ["一、主要工作及成效", "二、存在的问题", "三、2026年工作打算"]
    assert not [line for line in lines if line.startswith("附件")]
    # headings: own_line — every heading stands alone, whatever its last character.
    assert "（一）坚持党建引领，教育系统党的建设全面加强" in lines
    # Text before and after the points: the intro runs into 一是……, the next paragraph follows.
    points = next(
        i for i, line in enumerate(lines) if line.startswith("全年重点抓了三方面工作：一是")
    )
    assert "三是抓作风建设" in lines[points]
    assert lines[points + 1].startswith("通过以上工作")
    # Unnumbered leads run in; a lead as a paragraph of its own.
    assert lines[lines.index("（二）坚持立德树人，学生全面发展水平稳步提升") + 1].startswith(
        "抓德育。深化"
    )
    assert lines[lines.index("强师德。") + 1].startswith("开展师德师风专题教育")
    # The task table: title, unit line, header, and its rows (a merged cell reads as its top cell).
    table = lines.index("表1 2025年教育民生项目完成情况")
    assert lines[table + 1 : table + 3] == [
        "单位：万元",
        "类别\t项目\t新增学位（个）\t总投资\t完成情况",
    ]
    assert lines[table + 4] == "学前教育\t城东幼儿园改扩建工程\t270\t1850\t已完成"
    assert lines[table + 8] == "特殊教育\t特殊教育学校改造提升工程\t\t980\t已完成"


def test_implementation_opinions_run_their_headings_in(rendered):
    lines = rendered["implementation-opinions-2025"]
    assert "".join(lines[:2]) == "XX区教育局关于进一步加强中小学生心理健康教育工作的实施意见"
    assert _level1(lines) == ["一、总体要求", "二、重点任务", "三、保障措施"]
    # headings: run_in — 指导思想 gets its full stop and its text; 一、总体要求 has none to take.
    assert lines[lines.index("一、总体要求") + 1].startswith("（一）指导思想。以习近平")
    monitoring = next(
        i for i, line in enumerate(lines) if line.startswith("（二）开展心理健康监测预警。")
    )
    assert [line[:2] for line in lines[monitoring + 1 : monitoring + 4]] == ["1.", "2.", "3."]
    assert (
        lines[monitoring + 1]
        == "1.每年开展一次全体学生心理健康测评。测评结果以校为单位建立档案，严格保护学生隐私。"
    )


# ---- golden text ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES + WRITTEN)
def test_rendered_text_matches_golden(name, rendered):
    path = GOLDEN / f"{name}.txt"
    text = "\n".join(rendered[name]) + "\n"
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        pytest.skip(f"rewrote {path}")
    assert path.exists(), (
        f"{path} is missing — create it with REPORTGEN_UPDATE_GOLDEN=1 uv run pytest {__file__}"
    )
    expected = path.read_text("utf-8")
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "golden", "rendered", lineterm="", n=0
        )
    )
    assert text == expected, f"{name}: rendered text differs from {path}:\n{diff}"
