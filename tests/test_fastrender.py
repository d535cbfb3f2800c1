"""The prepared-template renderer writes the same document docxtpl writes, deterministically."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import TemplateError
from reportgen.pipeline import load_report, report_context
from reportgen.render.docx import make_environment, render_docx
from reportgen.render.prepared import ZIP_DATE_TIME, PreparedTemplate
from reportgen.resources import templates_dir
from support import EXAMPLE_SOURCES, docxtpl_render, zip_members

TEMPLATES = sorted(templates_dir().glob("*.docx"))
TRICKY = """\
kind: rectification
region: {name: 越城区, level: 区, parent: 绍兴市}
year: 2019
date: 2021-04-01
basis:
  - name: 关于印发《A & B》的通知
    number: 浙政教督办函〔2021〕15号
basic:
  figures:
    - {name: 教育支出, value: 473813.97, unit: 万元, previous: 462083.30}
problems:
  - title: 决策机制 <还> 不够 "完善" {{ x }} {% y %}
    measures:
      - lead: 健全“常委议教”机制
        text: A & B < C > D "q" 'x'
        points: [明确议事规则, 明确任务职责]
        unit: 区委办
        deadline: 2021-12
        status: 已完成
"""


def _contexts(tmp_path_factory) -> list[dict]:
    sources = EXAMPLE_SOURCES
    tricky = tmp_path_factory.mktemp("ctx") / "tricky.yaml"
    tricky.write_text(TRICKY, encoding="utf-8")
    contexts = [report_context(load_report(p)) for p in [*sources, tricky]]
    # Tabs and line breaks in text take docxtpl's resolve_listing path.
    listing = [
        {**c, "blocks": [*c["blocks"], {"kind": "p", "text": "甲\t乙\n丙\a丁\f戊", "keep": True}]}
        for c in contexts
    ]
    return [*contexts, *listing]


def _for(template: Path, contexts: list[dict]) -> list[dict]:
    """The contexts of the template's report kind (a custom template gets them all)."""
    return [c for c in contexts if c["kind"] == template.stem] or contexts


def _with_tags(template: Path, out: Path) -> Path:
    """The template with Jinja tags in its footers and core properties, which are then rendered
    per document."""
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if re.fullmatch(r"word/(footer|header)\d*\.xml", info.filename):
                data = re.sub(
                    rb"(<w:p>|<w:p [^>]*>)", rb"\1<w:r><w:t>{{ issuer }}</w:t></w:r>", data, count=1
                )
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dc:title>[^<]*</dc:title>|<dc:title/>",
                    b"<dc:title>{{ title }}</dc:title>",
                    data,
                )
            zout.writestr(info, data)
    return out


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    return _contexts(tmp_path_factory)


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tagged")
    return [_with_tags(t, folder / t.name) for t in TEMPLATES]


def test_there_are_templates_with_footers():
    assert TEMPLATES
    for template in TEMPLATES:
        with zipfile.ZipFile(template) as z:
            assert any(re.fullmatch(r"word/footer\d*\.xml", n) for n in z.namelist()), template


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_same_document_as_docxtpl(template, contexts):
    prepared = PreparedTemplate(template, make_environment())
    for context in _for(template, contexts):
        ours, theirs = (
            zip_members(prepared.render(context)),
            zip_members(docxtpl_render(template, context)),
        )
        assert [n for n, _ in ours] == [n for n, _ in theirs]
        for (name, a), (_, b) in zip(ours, theirs, strict=True):
            assert a == b, f"{template.name}: {name} differs"


def test_tagged_footers_and_properties_match_docxtpl(tagged, contexts):
    for template in tagged:
        prepared = PreparedTemplate(template, make_environment())
        context = _for(template, contexts)[-1]
        ours = dict(zip_members(prepared.render(context)))
        assert ours == dict(zip_members(docxtpl_render(template, context)))
        footers = [n for n in ours if n.startswith("word/footer")]
        assert footers and all(context["issuer"].encode() in ours[n] for n in footers)
        assert f"<dc:title>{context['title']}</dc:title>".encode() in ours["docProps/core.xml"]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
    )
)
def test_any_text_matches_docxtpl(text, contexts):
    template = templates_dir() / "rectification.docx"
    context = dict(_for(template, contexts)[-1])
    context["blocks"] = [{"kind": "p", "text": text, "keep": False}, *context["blocks"]]
    context["issuer"] = text
    assert dict(zip_members(_prepared(template).render(context))) == dict(
        zip_members(docxtpl_render(template, context))
    )


_cache: dict[Path, PreparedTemplate] = {}


def _prepared(template: Path) -> PreparedTemplate:
    if template not in _cache:
        _cache[template] = PreparedTemplate(template, make_environment())
    return _cache[template]


def test_deterministic_bytes_and_fixed_timestamps(contexts):
    template = templates_dir() / "rectification.docx"
    one, other = _for(template, contexts)[:2]
    first = render_docx(template, one)
    again = PreparedTemplate(template, make_environment()).render(one)
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_DATE_TIME}
    assert render_docx(template, other) != first


def test_undefined_variable_is_a_template_error(tmp_path, contexts):
    template = templates_dir() / "rectification.docx"
    context = {k: v for k, v in _for(template, contexts)[0].items() if k != "blocks"}
    with pytest.raises(TemplateError, match="未定义的变量"):
        render_docx(template, context)


def test_not_a_docx_is_a_template_error(tmp_path, contexts):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match=r"不是有效的 \.docx 模板"):
        render_docx(bad, contexts[0])


def test_the_sandbox_looks_up_dict_keys_as_jinja_does():
    """The sandbox goes straight to a plain dict's keys where the dict has no such attribute:
    the same values and the same undefined errors as Jinja's own lookup."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    ours = make_environment()
    theirs = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)

    class Sub(dict):
        pass

    for data in ({"text": "甲<乙>", "items": "键", "n": 0}, Sub(text="甲", items="键", n=0)):
        for source in (
            "{{ d.text }}",
            "{{ d.n }}",
            "{{ d.items is callable }}",
            "{{ d['items'] }}",
        ):
            assert ours.from_string(source).render(d=data) == theirs.from_string(source).render(
                d=data
            )
        for env in (ours, theirs):
            with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
                env.from_string("{{ d.missing }}").render(d=data)
