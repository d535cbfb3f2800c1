"""Word refuses ("unreadable content") property elements whose children break the schema's order,
which LibreOffice and python-docx accept silently: check every part we ship and render."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from reportgen.pipeline import load_report, render_report
from reportgen.render.ooxml_order import W, misordered, reorder
from support import EXAMPLE_SOURCES, GOOD_PATH


def _problems(data: bytes) -> dict[str, list[str]]:
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                bad = misordered(etree.fromstring(z.read(name)))
                if bad:
                    found[name] = bad
    return found


@pytest.mark.parametrize("kind", ["self_assessment", "rectification"])
def test_shipped_templates_keep_the_schema_order(root_dir, kind):
    assert _problems((root_dir / "templates" / f"{kind}.docx").read_bytes()) == {}


def test_rendered_reports_keep_the_schema_order():
    for source in [*EXAMPLE_SOURCES, GOOD_PATH]:
        assert _problems(render_report(load_report(source))) == {}, source.name


def test_misordered_children_are_found_and_reordered():
    root = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:jc w:val="left"/><w:custom/><w:ind w:left="0"/>'
        '<w:keepNext/><w:spacing w:line="580"/></w:pPr></w:p>'
    )
    assert misordered(root) == [
        "pPr: jc before ind",
        "pPr: jc before keepNext",
        "pPr: jc before spacing",
    ]
    reorder(root)
    assert [c.tag.removeprefix(W) for c in root[0]] == [
        "keepNext",
        "spacing",
        "ind",
        "jc",
        "custom",
    ]
    assert misordered(root) == []


@pytest.mark.parametrize("kind", ["self_assessment", "rectification"])
def test_templates_have_no_jinja_in_attribute_values(root_dir, kind):
    # Word checks attribute types (a keepNext value, an indent) before anything renders: a tag there
    # makes the template itself a file Word calls damaged, so no office could restyle it in Word.
    with zipfile.ZipFile(root_dir / "templates" / f"{kind}.docx") as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                for el in etree.fromstring(z.read(name)).iter():
                    tagged = {k: v for k, v in el.attrib.items() if "{{" in v or "{%" in v}
                    assert not tagged, (name, el.tag, tagged)
