"""Errors as data: Diagnostic fields and their one formatter, RuleError from a rule to its
Diagnostic, the one internal-error wording, and the exit-status map."""

import csv
import io
import pickle

import pytest

from reportgen.batch import MANIFEST_NAME, run_batch
from reportgen.errors import (
    Diagnostic,
    InputError,
    OutputError,
    ReportgenError,
    RuleError,
    TemplateError,
    exit_code,
    internal_error,
)
from reportgen.model.validate import validate
from reportgen.read.loader import load_yaml_text
from support import GOOD

# ---- the formatter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, text",
    [
        (
            {"line": 5, "column": 7, "path": "date", "label": "成文日期", "hint": "改法"},
            "r.yaml:5:7: date (成文日期): 问题 — 改法",
        ),
        ({"line": 5, "path": "problems[0].title"}, "r.yaml:5: problems[0].title: 问题"),
        ({"column": 7, "path": "", "hint": "改法"}, "r.yaml: (文件): 问题 — 改法"),
        ({"line": 3, "path": "", "label": "列"}, "r.yaml:3: (文件) (列): 问题"),
        ({"hint": "改法"}, "r.yaml: 问题 — 改法"),  # not about a field: a template, an output
        ({"file": "", "hint": "改法"}, "问题 — 改法"),  # not about a file: LibreOffice missing
    ],
)
def test_one_formatter_shows_each_part_only_when_known(fields, text):
    assert str(Diagnostic(**{"file": "r.yaml", "message": "问题", **fields})) == text


def test_to_dict_gives_every_field_for_json():
    d = Diagnostic(file="r.yaml", line=5, column=7, path="date", label="成文日期", message="m")
    assert d.to_dict() == {
        "file": "r.yaml",
        "line": 5,
        "column": 7,
        "path": "date",
        "label": "成文日期",
        "message": "m",
        "hint": "",
        "severity": "error",
    }
    assert Diagnostic(message="m", severity="warning").to_dict()["severity"] == "warning"


def test_errors_show_their_diagnostics():
    one = Diagnostic(file="a.yaml", line=1, column=1, path="kind", message="缺少必填项", hint="h")
    two = Diagnostic(file="a.yaml", line=2, column=1, path="year", message="应为整数")
    assert str(InputError([one, two])) == (
        "发现 2 处问题，请修改后重试（found 2 problems）:\n"
        "  a.yaml:1:1: kind: 缺少必填项 — h\n"
        "  a.yaml:2:1: year: 应为整数"
    )
    assert str(InputError([one])).startswith("发现 1 处问题，请修改后重试（found 1 problem）:")
    assert str(OutputError([one, two])) == f"{one}\n{two}"
    assert TemplateError.single("t.docx", "模板文件不存在", "改法").diagnostics == [
        Diagnostic(file="t.docx", message="模板文件不存在", hint="改法")
    ]
    # An input error without a field is about the file as a whole.
    assert str(InputError.single("a.yaml", "文件不存在", "h")).endswith(
        "a.yaml: (文件): 文件不存在 — h"
    )


def test_errors_travel_between_processes_as_data():
    error = InputError([Diagnostic(file="a.yaml", line=3, path="year", message="应为整数")])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is InputError and copy.diagnostics == error.diagnostics
    assert str(copy) == str(error)


def test_an_error_takes_diagnostics_not_text():
    with pytest.raises(TypeError):
        OutputError("out.docx: 写入失败")  # type: ignore[arg-type]


# ---- a rule's message and hint stay apart from the rule to the Diagnostic --------------------


def test_rule_error_keeps_message_and_hint_apart():
    e = RuleError("“2021-13-45”中的月份 13 不存在", "月份应在 1 到 12 之间")
    assert isinstance(e, ValueError)
    assert (e.message, e.hint) == ("“2021-13-45”中的月份 13 不存在", "月份应在 1 到 12 之间")
    assert str(e) == "“2021-13-45”中的月份 13 不存在 — 月份应在 1 到 12 之间"
    assert str(RuleError("应为数字")) == "应为数字"


def test_a_validator_rule_error_becomes_a_located_diagnostic():
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(GOOD.replace("date: 2021-04-01", "date: 2021-13-45"), "r.yaml"))
    [d] = info.value.diagnostics
    assert d == Diagnostic(
        file="r.yaml",
        line=5,
        column=7,
        path="date",
        label="成文日期",
        message="“2021-13-45”中的月份 13 不存在",
        hint="月份应在 1 到 12 之间",
    )


def test_a_plain_value_error_is_not_split_on_its_dash(monkeypatch):
    """Only a RuleError carries a hint: text that merely contains " — " stays the message."""

    def plain(value, allow_month=False):
        raise ValueError("某库的话 — 不是改法")

    monkeypatch.setattr("reportgen.model.fields.parse_date", plain)
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(GOOD, "r.yaml"))
    [d] = [d for d in info.value.diagnostics if d.path == "date"]
    assert (d.message, d.hint) == ("某库的话 — 不是改法", "")


# ---- one internal-error wording, wherever a bug surfaces -------------------------------------


def test_a_bug_reads_the_same_in_render_validate_and_batch(cli, tmp_path, source, monkeypatch):

    def bug(*args, **kwargs):
        raise RuntimeError("模拟的程序缺陷")

    monkeypatch.setattr("reportgen.pipeline.validate", bug)
    line = (
        f"{source}: 内部错误（RuntimeError: 模拟的程序缺陷） — "
        "请把这一行和所用的文件发给 reportgen 的维护者"
    )
    assert str(internal_error(RuntimeError("模拟的程序缺陷"), source)) == line

    rendered = cli("render", source, "-o", tmp_path / "r.docx")
    assert rendered.exit_code == 1
    assert rendered.output == line.removeprefix(f"{source}: ") + "\n"  # the group knows no file

    validated = cli("validate", source)
    assert validated.exit_code == 1
    assert validated.output == f"✗ {source}\n{line}\n1 个文件有问题，0 个正确。\n"

    result = run_batch([source], tmp_path / "out", jobs=1)
    [outcome] = result.outcomes
    assert outcome.error == line and outcome.diagnostics == [
        internal_error(RuntimeError("模拟的程序缺陷"), source)
    ]
    raw = (tmp_path / "out" / MANIFEST_NAME).read_bytes().decode("utf-8-sig")
    assert [row["说明"] for row in csv.DictReader(io.StringIO(raw))] == [line]


# ---- exit statuses -------------------------------------------------------------------------


def test_one_map_from_exception_to_exit_status():
    assert exit_code(InputError([])) == 1
    assert exit_code(OutputError([])) == 1
    assert exit_code(ReportgenError([])) == 1
    assert exit_code(KeyboardInterrupt()) == 130
    assert exit_code(RuntimeError()) == 1
