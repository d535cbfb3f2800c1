"""`render` and `batch` take one path from YAML to bytes (pipeline.render_source): for every example
and fixture, a batch writes the very bytes `render` writes, or fails with the very same words."""

from pathlib import Path

import pytest

from reportgen.batch import run_batch
from reportgen.errors import ReportgenError
from reportgen.output.names import district_names, report_path
from reportgen.pipeline import render_file
from reportgen.read.loader import load_yaml
from support import EXAMPLE_SOURCES, FIXTURES

SOURCES = sorted([*EXAMPLE_SOURCES, *FIXTURES.glob("*.yaml")])


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Every source through a batch, as a real batch runs (the worker pool). Sources that are the
    same report (region, kind and year: the examples and their minimal fixtures) go to separate
    batches, since one batch refuses two files for one report."""
    rounds: list[tuple[list[tuple], list[Path]]] = []
    for source in SOURCES:
        data = load_yaml(source).data
        region = data.get("region") or {}
        same = (region.get("parent"), region.get("name"), data.get("kind"), data.get("year"))
        n = next((i for i, r in enumerate(rounds) if same not in r[0]), len(rounds))
        if n == len(rounds):
            rounds.append(([], []))
        rounds[n][0].append(same)
        rounds[n][1].append(source)
    outcomes = {}
    for n, (_, sources) in enumerate(rounds):
        out = tmp_path_factory.mktemp(f"batch{n}")
        for o in run_batch(sources, out, jobs=2).outcomes:
            outcomes[Path(o.input)] = (out, o)
    return outcomes


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_batch_writes_what_render_writes(source, batch, tmp_path):
    out, outcome = batch[source]
    try:
        rendered = render_file(source, tmp_path / "r.docx").read_bytes()
    except ReportgenError as e:
        assert not outcome.ok and outcome.diagnostics == e.diagnostics
        return
    assert outcome.ok, outcome.error
    assert (out / outcome.output).read_bytes() == rendered


def test_every_example_renders(batch):
    assert all(batch[p][1].ok for p in SOURCES if p.parent.name == "examples")


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
