"""Typography settings Word and WPS read from every rendered report: Chinese quotes and dashes in
the Chinese font, and closing marks allowed to hang (which LibreOffice needs said explicitly)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from reportgen.pipeline import load_report, render_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(
    scope="module", params=["rectification-yuecheng-2019", "self-evaluation-chuxiong-2022"]
)
def parts(request, examples_dir):
    data = render_report(load_report(examples_dir / f"{request.param}.yaml"))
    z = zipfile.ZipFile(io.BytesIO(data))
    return {name: etree.fromstring(z.read(f"word/{name}.xml")) for name in ("document", "styles")}


def test_every_text_run_sets_ambiguous_characters_in_the_chinese_font(parts):
    runs = [
        r for r in parts["document"].iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t"))
    ]
    assert runs
    unhinted = [
        "".join(t.text or "" for t in r.iter(f"{W}t"))[:20]
        for r in runs
        if r.find(f"{W}rPr/{W}rFonts") is None
        or r.find(f"{W}rPr/{W}rFonts").get(f"{W}hint") != "eastAsia"
    ]
    assert unhinted == []
    style_fonts = list(parts["styles"].iter(f"{W}rFonts"))
    assert all(f.get(f"{W}hint") == "eastAsia" for f in style_fonts if f.get(f"{W}eastAsia"))


def test_every_paragraph_style_says_closing_marks_may_hang(parts):
    ours = [
        s
        for s in parts["styles"].iter(f"{W}style")
        if s.get(f"{W}type") == "paragraph" and s.find(f"{W}pPr") is not None
    ]
    missing = [
        s.get(f"{W}styleId")
        for s in ours
        if s.find(f"{W}pPr/{W}overflowPunct") is None
        or s.find(f"{W}pPr/{W}overflowPunct").get(f"{W}val") != "1"
    ]
    used = {p.get(f"{W}val") for p in parts["document"].iter(f"{W}pStyle")} | {"Normal"}
    assert not used & set(missing), sorted(used & set(missing))
