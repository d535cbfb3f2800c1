"""Layout profiles (data/profiles/): the national numbers and an office's variations, read and
checked with located messages, chosen by a document, a batch or ``check``, and built into the
templates."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from reportgen.check.styles import check_docx
from reportgen.errors import InputError
from reportgen.gbt9704 import GBT9704, national
from reportgen.pipeline import load_report, render_report
from reportgen.read.profile import load_profile, profile_names, profiles_dir
from reportgen.render.templates_build import build
from support import FIXTURES, GOOD_PATH

LONG = FIXTURES / "layout-self-assessment.yaml"


def _messages(path: Path) -> list[str]:
    with pytest.raises(InputError) as e:
        load_profile(path)
    return [str(d) for d in e.value.diagnostics]


def _profile(tmp_path: Path, text: str, name: str = "my.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read(name).decode("utf-8")


# ---- the shipped profiles -------------------------------------------------------------------


def test_the_shipped_profiles():
    assert profile_names() == ["national", "fixed-28pt", "gbk-fonts", "page-number-centred"]
    assert GBT9704 is national() is load_profile() is load_profile("national")
    assert GBT9704.name == "GB/T 9704-2012"


def test_a_variation_overrides_only_what_it_writes():
    gbk = load_profile("gbk-fonts")
    assert gbk.faces.body.fonts == ("方正仿宋_GBK", "仿宋")
    assert gbk.faces.body.size_pt == 16.0  # from its base
    assert gbk.faces.table == dataclasses.replace(GBT9704.faces.table, fonts=gbk.faces.body.fonts)
    assert gbk.faces.title.fonts[0] == "方正小标宋_GBK"
    assert (gbk.faces.h1, gbk.margins, gbk.grid) == (
        GBT9704.faces.h1,
        GBT9704.margins,
        GBT9704.grid,
    )
    fixed = load_profile("fixed-28pt")
    assert (fixed.line_pitch_pt, fixed.line_pitch_twips) == (28.0, 560)
    assert dataclasses.replace(fixed, name=GBT9704.name, grid=GBT9704.grid) == GBT9704
    centred = load_profile("page-number-centred")
    assert (centred.page_number.position, centred.page_number.before) == ("centre", "- ")


def test_a_profile_given_by_its_path_and_its_base_beside_it(tmp_path):
    shutil.copy(profiles_dir() / "national.yaml", tmp_path / "national.yaml")
    path = _profile(
        tmp_path,
        "base: national\nname: 某市教育局\nmargins:\n  left_mm: 28.5\n",
    )
    std = load_profile(path)
    assert (std.name, std.margins.left_mm, std.margins.right_mm) == ("某市教育局", 28.5, 26.0)
    assert load_profile(str(path)) is std  # read once per version of the files


def test_a_changed_profile_is_read_again(tmp_path):
    path = _profile(tmp_path, "base: national\ngrid:\n  indent_chars: 2\n")
    first = load_profile(path)
    path.write_text("base: national\ngrid:\n  indent_chars: 0\n", encoding="utf-8")
    assert load_profile(path).grid.indent_chars == 0 != first.grid.indent_chars


# ---- a profile's problems, located ----------------------------------------------------------


def test_unknown_keys_and_wrong_values_are_located(tmp_path):
    path = _profile(
        tmp_path,
        "base: national\n"
        "margins:\n"
        "  top: 37\n"
        "  left_mm: 二十八\n"
        "grid:\n"
        "  lines_per_page: 22.5\n"
        "faces:\n"
        "  body: {fonts: [], size_pt: 200}\n"
        "page_number:\n"
        "  position: center\n",
    )
    f = str(path)
    assert _messages(path) == [
        f"{f}:3:3: margins.top: 未知的项“top” — 是否应为 top_mm？",
        f"{f}:4:12: margins.left_mm (左边距（订口，毫米）): 应为数值，现在是一段文字“二十八” — "
        "只写数字，不写单位",
        f"{f}:6:19: grid.lines_per_page (每页行数): 应为整数，现在是 22.5 — 改为 22",
        f"{f}:8:17: faces.body.fonts (字体（第一个写入模板，其余检查时也认可）): "
        "应为字体名称的列表，现在是一个列表（0 项） — 写成 [仿宋_GB2312, 仿宋] 这样",
        f"{f}:8:30: faces.body.size_pt (字号（磅）): 200 超出范围 — 应不小于 5、不大于 72",
        f"{f}:10:13: page_number.position "
        "(页码位置（outside：单页右、双页左；centre：居中）): “center”不是可选的值 — "
        "是否应为 centre？",
    ]


def test_an_integer_too_long_for_a_float_is_said_by_its_length(tmp_path):
    """Found by tools/fuzz.py: 400 zeros (a key held down) overflowed a float conversion."""
    path = _profile(
        tmp_path,
        f"base: national\ngrid:\n  lines_per_page: 1{'0' * 400}\nmargins: 1{'0' * 30}\n",
    )
    f = str(path)
    assert _messages(path) == [
        f"{f}:3:19: grid.lines_per_page (每页行数): 一个 401 位的整数 超出范围 — "
        "应不小于 1、不大于 100",
        f"{f}:4:10: margins (页边距): 应为若干“键: 值”，现在是数值 一个 31 位的整数 — "
        "在 margins: 下面缩进两格，逐行写出 top_mm、bottom_mm、left_mm、right_mm、"
        "tolerance_mm 中要写的项",
    ]


def test_a_profile_without_a_base_must_say_everything(tmp_path):
    path = _profile(tmp_path, "name: 不完整\npage: {name: A4, width_mm: 210, height_mm: 297}\n")
    messages = _messages(path)
    assert (
        f"{path}:2:7: page.header_mm (页眉距纸张上边（毫米）): 缺少这一项 — "
        "在 page 下加上 “header_mm: ”；或第一行写 base: national，只写与它不同的项"
    ) in messages
    assert (
        f"{path}:1:1: margins (页边距): 缺少这一项 — "
        "在文件顶层加上 “margins: ”；或第一行写 base: national，只写与它不同的项"
    ) in messages


def test_the_numbers_must_fit_together(tmp_path):
    path = _profile(
        tmp_path,
        "base: national\ngrid:\n  line_pitch_pt: 30\n  chars_per_line: 40\n"
        "page_number:\n  footer_mm: 40\n",
    )
    f = str(path)
    assert _messages(path) == [
        f"{f}:3:18: grid.line_pitch_pt (固定行距（磅）): 行距 30 磅时，225 mm 高的版心排 21 行，"
        "不是 22 行 — 把 lines_per_page 改为 21，或改行距",
        f"{f}:4:19: grid.chars_per_line (每行字数): 156 mm 宽的版心每行排 40 个 16 磅的字，"
        "每字只有 11.1 磅宽 — 每行约排 27 字；或改正文字号 faces.body.size_pt",
        f"{f}:6:14: page_number.footer_mm (页脚距纸张下边（毫米）): 页脚距纸张下边 40 mm，"
        "进入了版心 — 应小于下边距 35 mm",
    ]


def test_a_value_from_the_base_is_located_in_the_base(tmp_path):
    (tmp_path / "office.yaml").write_text(
        "base: national\nmargins:\n  top_mm: 二十\n", encoding="utf-8"
    )
    path = _profile(tmp_path, "base: office\nname: 某科室\n")
    assert _messages(path) == [
        f"{tmp_path / 'office.yaml'}:3:11: margins.top_mm (上边距（天头，毫米）): "
        "应为数值，现在是一段文字“二十” — 只写数字，不写单位"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "base: nationl\n",
            "base (基于的方案): 没有名为“nationl”的版式方案 — 是否应为 national？可用的方案：",
        ),
        ("base: [national]\n", "base (基于的方案): 应为另一个方案的名称 — 写成 base: national"),
        (
            "base: my\n",
            "base (基于的方案): 方案“my”又以本方案为基础，形成循环 — "
            "base 应指向 national 这样的完整方案",
        ),
        ("- a\n- b\n", "(文件): 版式方案的顶层应为若干“键: 值”"),
    ],
    ids=["unknown base", "base not a name", "base cycle", "not a mapping"],
)
def test_base_problems(tmp_path, text, message):
    path = _profile(tmp_path, text)
    [found] = _messages(path)
    assert message in found, found


def test_an_unknown_profile_name():
    with pytest.raises(InputError) as e:
        load_profile("gbk-font")
    assert str(e.value.diagnostics[0]).startswith(
        "gbk-font: 没有名为“gbk-font”的版式方案 — 是否应为 gbk-fonts？可用的方案：national、"
    )


# ---- a document names its profile -----------------------------------------------------------


def test_a_report_names_its_profile_and_is_built_with_its_fonts(tmp_path, good_yaml):
    path = tmp_path / "r.yaml"
    path.write_text("profile: gbk-fonts\n" + good_yaml, encoding="utf-8")
    report = load_report(path)
    docx = render_report(report)
    styles = _part(docx, "word/styles.xml")
    assert 'w:eastAsia="方正仿宋_GBK"' in styles and "仿宋_GB2312" not in styles
    out = tmp_path / "r.docx"
    out.write_bytes(docx)
    assert [str(f) for f in check_docx(out, standard=load_profile("gbk-fonts")) if not f.ok] == []
    failed = {f.rule for f in check_docx(out) if not f.ok}  # against the national numbers
    assert failed == {"正文字体字号", "二级标题字体字号", "三级标题字体字号"}


def test_the_reports_own_profile_wins_over_the_batchs(tmp_path, good_yaml):
    path = tmp_path / "r.yaml"
    path.write_text("profile: fixed-28pt\n" + good_yaml, encoding="utf-8")
    docx = render_report(load_report(path), profile="gbk-fonts")
    assert 'w:linePitch="560"' in _part(docx, "word/document.xml")
    assert "方正仿宋_GBK" not in _part(docx, "word/styles.xml")


def test_an_unknown_profile_in_a_report_is_located(tmp_path, good_yaml):
    path = tmp_path / "r.yaml"
    path.write_text("profile: gbk-font\n" + good_yaml, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_report(path)
    assert str(e.value.diagnostics[0]) == (
        f"{path}:1:10: profile (版式方案): 没有名为“gbk-font”的版式方案 — 是否应为 gbk-fonts？"
        "可用的方案：national、fixed-28pt、gbk-fonts、page-number-centred"
        "（data/profiles/ 中的文件名），或写出方案文件的路径"
    )


def test_national_by_name_is_the_shipped_templates_output():
    report = load_report(GOOD_PATH)
    assert render_report(report, profile="national") == render_report(report)


@pytest.mark.parametrize("name", ["fixed-28pt", "gbk-fonts", "page-number-centred"])
def test_each_profile_builds_its_own_templates_the_same_way_twice(name):
    std = load_profile(name)
    built = build("rectification", std)
    assert built == build("rectification", std)
    assert built != build("rectification")
    document = _part(built, "word/document.xml")
    assert f'w:linePitch="{std.line_pitch_twips}"' in document
    footer = _part(built, "word/footer1.xml")
    if std.page_number.position == "centre":
        assert '<w:jc w:val="center"/>' in footer and "w:ind" not in footer


# ---- the command line -----------------------------------------------------------------------


def test_render_batch_and_check_take_a_profile(cli, tmp_path, source):
    out = tmp_path / "r.docx"
    assert cli("render", source, "-o", out, "--profile", "gbk-fonts").exit_code == 0
    good = cli("check", "--profile", "gbk-fonts", out)
    assert good.exit_code == 0, good.output
    assert good.output.startswith("版式方案：gbk-fonts（GB/T 9704-2012（GBK 字体））\n✓ ")
    assert cli("check", out).exit_code == 1
    batch = cli("batch", source, "-o", tmp_path / "batch", "--profile", "page-number-centred")
    assert batch.exit_code == 0, batch.output
    [made] = (tmp_path / "batch").glob("*.docx")
    assert '<w:jc w:val="center"/>' in _part(made.read_bytes(), "word/footer1.xml")


def test_an_unknown_profile_on_the_command_line(cli, tmp_path, source):
    for args in (
        ("render", source, "--profile", "gbk"),
        ("check", "--profile", "gbk", source),
        ("batch", source, "-o", tmp_path / "out", "--profile", "gbk"),
    ):
        result = cli(*args)
        assert result.exit_code == 1
        assert "--profile: 没有名为“gbk”的版式方案 — " in result.output, result.output
    assert not (tmp_path / "out").exists()


# ---- laid out by LibreOffice ----------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["fixed-28pt", "page-number-centred"])
def test_a_profiles_layout_is_measured_against_it(tmp_path, name):
    std = load_profile(name)
    out = tmp_path / "long.docx"
    out.write_bytes(render_report(load_report(LONG), profile=name))
    findings = {f.rule: f for f in check_docx(out, layout=True, standard=std)}
    assert [str(f) for f in findings.values() if not f.ok] == []
    if std.grid.line_pitch_pt:
        assert findings["行距"].measured == f"{std.line_pitch_pt:.2f} pt"
    assert re.search(r"各 22 行", findings["每页行数"].measured)
    if std.page_number.position == "centre":
        assert "“- N -”，居中" in findings["页码（PDF）"].measured
    against_national = {f.rule for f in check_docx(out, layout=True) if not f.ok}
    assert against_national == ({"行距"} if name == "fixed-28pt" else {"页码页脚", "页码（PDF）"})
