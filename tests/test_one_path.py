"""`render` and `batch` take one path from YAML to bytes (pipeline.render_source): for every example
and fixture, a batch writes the very bytes `render` writes, or fails with the very same words."""

from pathlib import Path

import pytest

from reportgen.batch import run_batch
from reportgen.errors import ReportgenError
from reportgen.output.names import district_names, report_path
from reportgen.pipeline import render_file
from support import EXAMPLE_SOURCES, FIXTURES

SOURCES = sorted([*EXAMPLE_SOURCES, *FIXTURES.glob("*.yaml")])


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    result = run_batch(SOURCES, out, jobs=2)  # through the worker pool, as a real batch runs
    return out, {Path(o.input): o for o in result.outcomes}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_batch_writes_what_render_writes(source, batch, tmp_path):
    out, outcomes = batch
    outcome = outcomes[source]
    try:
        rendered = render_file(source, tmp_path / "r.docx").read_bytes()
    except ReportgenError as e:
        assert not outcome.ok and outcome.error == str(e)
        return
    assert outcome.ok, outcome.error
    assert (out / outcome.output).read_bytes() == rendered


def test_every_example_renders(batch):
    _, outcomes = batch
    assert all(outcomes[p].ok for p in SOURCES if p.parent.name == "examples")


# ---- the naming rules, in their one home -----------------------------------------------------


def test_render_names_its_output_after_the_yaml_unless_told(tmp_path):
    source = tmp_path / "越城区.yaml"
    (tmp_path / "existing").mkdir()
    assert report_path(source) == tmp_path / "越城区.docx"
    assert report_path(source, tmp_path / "x.docx") == tmp_path / "x.docx"
    assert report_path(source, tmp_path / "existing") == tmp_path / "existing" / "越城区.docx"
    assert report_path(source, f"{tmp_path}/new/") == tmp_path / "new" / "越城区.docx"
    assert report_path(source, f"{tmp_path}/new") == tmp_path / "new"  # a file: check says .docx


def test_district_names_step_up_until_distinct():
    names = district_names(
        [
            ("越城区", "绍兴市", "a"),
            ("鼓楼区", "南京市", "b"),
            ("鼓楼区", "福州市", "c"),
            ("鼓楼区", "福州市", "d"),
            ("鼓楼区", "福州市", "d"),
            ("a/b", "", "e"),
        ]
    )
    assert names == [
        "越城区.docx",
        "南京市鼓楼区.docx",
        "福州市鼓楼区.docx",
        "福州市鼓楼区-d.docx",
        "福州市鼓楼区-d-2.docx",
        "a_b.docx",
    ]


def test_district_names_differ_on_a_file_system_that_ignores_case():
    assert district_names([("ABC", "", "x"), ("abc", "", "y")]) == ["ABC.docx", "abc-y.docx"]
