"""The prepared renderer's rarer branches against plain docxtpl: a template with footnotes, one
without core properties, and one with pictures in its body (docxtpl renumbers their drawing ids).
No shipped template has any of these; another office's template may.

These parts are where reportgen.render.prepared leans on docxtpl's and python-docx's private API
(docxtpl writes footnotes into ``part._blob``; python-docx makes missing core properties up), so a
new release of either that changes them shows here first.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from lxml import etree

from reportgen.pipeline import load_report, report_context
from reportgen.render.docx import make_environment
from reportgen.render.prepared import PreparedTemplate
from support import GOOD, TEMPLATES_DIR, docxtpl_render, zip_members

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The separators Word writes, then one footnote whose text is rendered per document.
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>\
</w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> \
{{{{ issuer }}}}：{{% for line in title_lines %}}{{{{ line }}}}{{% endfor %}}</w:t></w:r></w:p>\
</w:footnote>
</w:footnotes>"""


def with_footnotes(template: Path, out: Path) -> Path:
    """The template with a footnotes part whose footnote holds Jinja tags, referenced from a
    paragraph that also starts a second section (docxtpl renders footnotes once per section)."""
    document = docx.Document(str(template))
    document.add_section()
    document.paragraphs[-1]._p.append(
        parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>')
    )
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, FOOTNOTES.encode("utf-8"), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(out))
    return out


def without_core_properties(template: Path, out: Path) -> Path:
    """The template with docProps/core.xml removed, with its relationship and content type, as
    some tools write a .docx."""
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/core.xml":
                continue
            if info.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/docProps/core.xml"[^>]*/>', b"", data)
            zout.writestr(info, data)
    return out


def _png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def with_pictures(template: Path, out: Path) -> Path:
    """The template with two pictures after its body, each an inline drawing (wp:docPr)."""
    document = docx.Document(str(template))
    for _ in range(2):
        document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    document.save(str(out))
    return out


@pytest.fixture(scope="module")
def contexts(tmp_path_factory) -> list[dict]:
    """The known-good report, and the same with text XML and Jinja treat specially."""
    folder = tmp_path_factory.mktemp("contexts")
    plain, odd = folder / "plain.yaml", folder / "odd.yaml"
    plain.write_text(GOOD, encoding="utf-8")
    odd.write_text(
        GOOD.replace("issuer: 绍兴市越城区人民政府", "issuer: 绍兴市越城区人民政府<&>\"'"),
        encoding="utf-8",
    )
    return [report_context(load_report(p)) for p in (plain, odd)]


@pytest.fixture(scope="module")
def footnoted(tmp_path_factory) -> Path:
    return with_footnotes(
        TEMPLATES_DIR / "rectification.docx", tmp_path_factory.mktemp("fn") / "fn.docx"
    )


@pytest.fixture(scope="module")
def coreless(tmp_path_factory) -> Path:
    return without_core_properties(
        TEMPLATES_DIR / "rectification.docx", tmp_path_factory.mktemp("core") / "core.docx"
    )


@pytest.fixture(scope="module")
def pictured(tmp_path_factory) -> Path:
    return with_pictures(
        TEMPLATES_DIR / "rectification.docx", tmp_path_factory.mktemp("pic") / "pic.docx"
    )


def test_drawings_are_renumbered_as_docxtpl_renumbers_them(pictured, contexts):
    prepared = PreparedTemplate(pictured, make_environment())
    for context in contexts:
        ours = zip_members(prepared.render(context))
        assert ours == zip_members(docxtpl_render(pictured, context))
        body = etree.fromstring(dict(ours)["word/document.xml"])
        ids = [e.get("id") for e in body.iter() if etree.QName(e).localname == "docPr"]
        assert ids == ["1001", "1002"]  # docxtpl counts every render's drawings from 1000


def test_the_built_templates_have_what_they_are_for(footnoted, coreless):
    document = docx.Document(str(footnoted))
    base = docx.Document(str(TEMPLATES_DIR / "rectification.docx"))
    assert len(document.sections) == len(base.sections) + 1
    [footnotes] = [p for p in document.part.package.parts if p.content_type == FOOTNOTES_TYPE]
    assert b"{{ issuer }}" in footnotes.blob
    with zipfile.ZipFile(coreless) as z:
        assert "docProps/core.xml" not in z.namelist()
        assert b"core-properties" not in z.read("_rels/.rels")
    package = docx.Document(str(coreless)).part.package
    with pytest.raises(KeyError):
        package.part_related_by(RT.CORE_PROPERTIES)


def test_footnotes_are_rendered_as_docxtpl_renders_them(footnoted, contexts):
    prepared = PreparedTemplate(footnoted, make_environment())
    for context in contexts:
        ours = zip_members(prepared.render(context))
        assert ours == zip_members(docxtpl_render(footnoted, context))
        footnotes = dict(ours)["word/footnotes.xml"]
        text = "".join(etree.fromstring(footnotes).itertext())
        assert f"{context['issuer']}：{context['title']}" in text
        assert b"{{" not in footnotes and b"{%" not in footnotes


def test_footnotes_render_to_the_same_bytes_every_time(footnoted, contexts):
    first = PreparedTemplate(footnoted, make_environment())
    again = PreparedTemplate(footnoted, make_environment())
    for context in contexts:
        assert first.render(context) == first.render(context) == again.render(context)


def _without_times(core: bytes) -> bytes:
    root = etree.fromstring(core)
    for element in root.findall("{http://purl.org/dc/terms/}*"):
        if etree.QName(element).localname in ("created", "modified"):
            root.remove(element)
    return etree.tostring(root)


def test_missing_core_properties_are_made_as_docxtpl_makes_them(coreless, contexts):
    prepared = PreparedTemplate(coreless, make_environment())
    for context in contexts:
        ours = zip_members(prepared.render(context))
        theirs = zip_members(docxtpl_render(coreless, context))
        assert [n for n, _ in ours] == [n for n, _ in theirs]
        assert "docProps/core.xml" in dict(ours)
        for (name, a), (_, b) in zip(ours, theirs, strict=True):
            if name == "docProps/core.xml":
                # python-docx stamps made-up core properties with the time of the render: docxtpl's
                # differ on every run, ours carry a fixed time.
                assert _without_times(a) == _without_times(b)
            else:
                assert a == b, name


def test_missing_core_properties_get_a_fixed_time_not_the_clock(coreless, contexts):
    first = PreparedTemplate(coreless, make_environment()).render(contexts[0])
    again = PreparedTemplate(coreless, make_environment()).render(contexts[0])
    assert first == again
    core = etree.fromstring(dict(zip_members(first))["docProps/core.xml"])
    times = {etree.QName(e).localname: e.text for e in core.findall("{http://purl.org/dc/terms/}*")}
    assert times == {"created": "2000-01-01T00:00:00Z", "modified": "2000-01-01T00:00:00Z"}
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_render_stopped_after_the_body_was_replaced_leaves_the_template_usable(contexts):
    """Found by tools/fuzz.py: the render deadline's signal, handled right after the C call that
    put the new body in the tree, left the cached template replacing a body that was gone, so
    every later render in that process failed ("Element is not a child of this node")."""
    prepared = PreparedTemplate(TEMPLATES_DIR / "rectification.docx", make_environment())
    first = prepared.render(contexts[0])
    root = prepared._root
    root.replace(root.body, parse_xml(etree.tostring(root.body)))  # as the stopped render left it
    assert prepared.render(contexts[0]) == first
