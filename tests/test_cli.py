"""The CLI through click's CliRunner: exit codes 0 / 1 / 2, messages, no output on bad input."""

import importlib.metadata
import json
import re
import tomllib

import docx
import pytest


@pytest.fixture
def rect(tmp_path, good_yaml):
    path = tmp_path / "越城区.yaml"
    path.write_text(good_yaml, encoding="utf-8")
    return path


def test_render_writes_a_report(cli, rect, tmp_path):
    out = tmp_path / "out" / "报告.docx"
    result = cli("render", rect, "-o", out)
    assert result.exit_code == 0, result.output
    assert "已生成" in result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "（一）关于“教育决策机制还不够完善”问题" in texts
    signature = texts.index("\u3000" * 16 + "绍兴市越城区人民政府")
    assert texts[signature + 1] == "\u3000" * 18 + "2021年4月1日"


def test_render_default_output_is_beside_the_input(cli, rect):
    result = cli("render", rect)
    assert result.exit_code == 0, result.output
    assert rect.with_suffix(".docx").is_file()


def test_invalid_input_exit_1_located_messages_and_no_output(cli, rect, tmp_path):
    rect.write_text(
        rect.read_text(encoding="utf-8")
        .replace("region:", "regoin:")
        .replace("2021-04-01", "2021-13-45"),
        encoding="utf-8",
    )
    out = tmp_path / "x.docx"
    result = cli("render", rect, "-o", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [
        line.strip()
        for line in result.output.splitlines()
        if re.match(r"\s+\S+\.yaml:\d+:\d+: ", line)
    ]
    assert len(lines) == 2, result.output
    assert re.search(
        r"越城区\.yaml:2:1: regoin: 未知字段“regoin” — 是否应为 region（地区）？", lines[0]
    )
    assert re.search(
        r"越城区\.yaml:5:7: date \(成文日期\): “2021-13-45”中的月份 13 不存在 — ", lines[1]
    )
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [rect]


def test_invalid_input_keeps_previous_output(cli, rect, tmp_path):
    out = tmp_path / "x.docx"
    assert cli("render", rect, "-o", out).exit_code == 0
    before = out.read_bytes()
    rect.write_text(
        rect.read_text(encoding="utf-8").replace("year: 2019", "year: abc"), encoding="utf-8"
    )
    assert cli("render", rect, "-o", out).exit_code == 1
    assert out.read_bytes() == before


def test_validate_many_files(cli, rect, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: rectification\n", encoding="utf-8")
    result = cli("validate", rect, bad)
    assert result.exit_code == 1
    assert f"✓ {rect}" in result.output
    assert re.search(r"bad\.yaml:1:1: region \(地区\): 缺少必填项", result.output)
    assert "1 个文件有问题，1 个正确" in result.output
    assert cli("validate", rect).exit_code == 0


def test_missing_file_is_a_clear_error(cli, tmp_path):
    result = cli("render", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "nope.yaml: (文件): 文件不存在 — " in result.output


def test_usage_errors_exit_2(cli):
    assert cli("render").exit_code == 2
    assert cli("frobnicate").exit_code == 2
    assert cli("render", "a.yaml", "--bogus").exit_code == 2


def test_output_must_be_docx(cli, rect, tmp_path):
    result = cli("render", rect, "-o", tmp_path / "x.txt")
    assert result.exit_code == 1 and "应以 .docx 结尾" in result.output


@pytest.mark.parametrize("command", [[], ["render"], ["validate"], ["batch"], ["check"]])
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "示例" in result.output and "reportgen " in result.output


@pytest.mark.parametrize("given", ["existing", "new/"])
def test_output_folder_gets_a_file_named_after_the_yaml(cli, rect, tmp_path, given):
    (tmp_path / "existing").mkdir()
    result = cli("render", rect, "-o", str(tmp_path / given) + ("/" if given.endswith("/") else ""))
    assert result.exit_code == 0, result.output
    assert (tmp_path / given.rstrip("/") / "越城区.docx").is_file()


def test_pdf_as_output_says_how_to_get_one(cli, rect, tmp_path):
    result = cli("render", rect, "-o", tmp_path / "r.pdf")
    assert result.exit_code == 1
    assert f"请写 -o {tmp_path / 'r.docx'} --pdf" in result.output
    assert not list(tmp_path.glob("r.*"))


def test_version_is_the_one_in_pyproject(cli, root_dir):
    # Written once, in pyproject.toml: the package and --version read the installed metadata.
    import reportgen

    installed = importlib.metadata.version("reportgen")
    pyproject = tomllib.loads((root_dir / "pyproject.toml").read_text(encoding="utf-8"))
    assert installed == pyproject["project"]["version"]
    assert reportgen.__version__ == installed
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output == f"reportgen, version {installed}\n"
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        reportgen.no_such_name  # noqa: B018


# ---- validate --json: the same diagnostics as fields, for editors and scripts -----------------


def test_validate_json_gives_every_file_and_diagnostic_as_fields(cli, rect, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        rect.read_text(encoding="utf-8")
        .replace("region:", "regoin:")
        .replace("date: 2021-04-01", "date: 2021-13-45"),
        encoding="utf-8",
    )
    result = cli("validate", "--json", rect, bad)
    assert result.exit_code == 1
    assert result.stderr == ""
    expected = {
        "ok": False,
        "files": [
            {"file": str(rect), "ok": True, "diagnostics": []},
            {
                "file": str(bad),
                "ok": False,
                "diagnostics": [
                    {
                        "file": str(bad),
                        "line": 2,
                        "column": 1,
                        "path": "regoin",
                        "label": "",
                        "message": "未知字段“regoin”",
                        "hint": "是否应为 region（地区）？",
                        "severity": "error",
                    },
                    {
                        "file": str(bad),
                        "line": 5,
                        "column": 7,
                        "path": "date",
                        "label": "成文日期",
                        "message": "“2021-13-45”中的月份 13 不存在",
                        "hint": "月份应在 1 到 12 之间",
                        "severity": "error",
                    },
                ],
            },
        ],
    }
    assert result.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    # The plain output says the same, from the same data.
    plain = cli("validate", bad)
    assert [ln.strip() for ln in plain.stderr.splitlines()[2:4]] == [
        f"{bad}:2:1: regoin: 未知字段“regoin” — 是否应为 region（地区）？",
        f"{bad}:5:7: date (成文日期): “2021-13-45”中的月份 13 不存在 — 月份应在 1 到 12 之间",
    ]


def test_validate_json_for_good_files_and_unreadable_ones(cli, rect, tmp_path):
    good = cli("validate", "--json", rect)
    assert good.exit_code == 0
    assert json.loads(good.stdout) == {
        "ok": True,
        "files": [{"file": str(rect), "ok": True, "diagnostics": []}],
    }
    missing = cli("validate", "--json", tmp_path / "nope.yaml")
    assert missing.exit_code == 1
    [d] = json.loads(missing.stdout)["files"][0]["diagnostics"]
    assert (d["path"], d["line"], d["message"]) == ("", None, "文件不存在")


def test_validate_json_escapes_chinese_where_the_console_is_not_utf8(cli, rect):
    result = cli("validate", "--json", rect, charset="gbk")
    assert result.stdout.isascii()
    assert json.loads(result.stdout)["files"][0]["file"] == str(rect)


# ---- uv: the README's commands print only what reportgen says ------------------------------


def test_uv_run_prints_nothing_of_its_own(root_dir):
    """`uv run` must not print "Bytecode compiled … files" before every command. uv prints it when
    the project asks for bytecode at install (tool.uv compile-bytecode): since uv 0.5.5 every `uv
    run` then checks all installed files again and says so (astral-sh/uv#12202). Where Python may
    not write its caches, `uv sync --compile-bytecode` once gives the same start-up (README)."""
    import shutil
    import subprocess

    project = tomllib.loads((root_dir / "pyproject.toml").read_text(encoding="utf-8"))
    assert "compile-bytecode" not in project.get("tool", {}).get("uv", {})
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    done = subprocess.run(
        [uv, "run", "--frozen", "python", "-c", "pass"],
        cwd=root_dir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Bytecode compiled" not in done.stderr
