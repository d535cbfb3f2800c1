"""Import of edited and generated documents: a rendered report edited as a clerk would (in
python-docx, with tracked changes, and after a LibreOffice round trip) keeps the edits; generated
documents of any shape (hypothesis) read back as the tree they were written from."""

from __future__ import annotations

import importlib.util
import time

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docxbuild as B
from reportgen.importer.outline import Paragraph, Section
from reportgen.importer.recognize import recognise
from reportgen.importer.source import read_bytes, read_path
from reportgen.pipeline import load_report, render_file, report_context
from reportgen.text.numbering import heading_number, point_prefix
from support import resave_with_libreoffice
from test_import_outline import expected, flatten

EXAMPLE = "examples/rectification-yuecheng-2019.yaml"


@pytest.fixture(scope="module")
def rendered(root_dir, tmp_path_factory):
    path = root_dir / EXAMPLE
    out = tmp_path_factory.mktemp("edited") / "report.docx"
    render_file(path, out)
    return out, report_context(load_report(path))


def _find(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_clerk_edits_in_word_are_kept(rendered, tmp_path):
    path, _ = rendered
    d = docx.Document(str(path))
    # retype a body sentence, add a measure by hand, accept-pending tracked insertion
    body = _find(d, "2020年10月23-24日")
    body.runs[0].text = "2020年10月，督查组对我区进行了实地检查。"
    for run in body.runs[1:]:
        run.text = ""
    measure = _find(d, "4.强化")
    new = measure.insert_paragraph_before("5.新增“家校共育”举措。全区建立家长学校。")
    new.style = measure.style
    measure._p.addnext(new._p)  # after measure 4, as a clerk would type it
    tracked = _find(d, "（一）进一步突出")
    tracked._p.append(
        parse_xml(
            f'<w:ins {B.W} w:id="7" w:author="clerk" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>（修订时补充）</w:t></w:r></w:ins>"
        )
    )
    edited = tmp_path / "edited.docx"
    d.save(edited)
    o = recognise(read_path(edited))
    assert o.sections[0].body[0].text == "2020年10月，督查组对我区进行了实地检查。"
    first_problem = o.sections[1].children[0]
    assert [c.number for c in first_problem.children] == [1, 2, 3, 4, 5]
    added = first_problem.children[4]
    assert (added.title, added.body[0].text) == ("新增“家校共育”举措。", "全区建立家长学校。")
    assert o.sections[2].children[0].body[0].text.endswith("（修订时补充）")
    assert not o.reader_notes and not o.unplaced


@pytest.mark.libreoffice
def test_report_saved_again_by_libreoffice_reads_the_same(rendered, tmp_path):
    path, context = rendered
    src = tmp_path / "in.docx"
    src.write_bytes(path.read_bytes())
    o = recognise(read_path(resave_with_libreoffice(src, tmp_path)))
    assert o.title == context["title"]
    assert flatten(o.sections) == expected(context)
    assert o.signature == [context["issuer"]] and str(o.date.date) == context["date"]


# ---- generated documents ---------------------------------------------------------------------

_WORD = st.text(alphabet="教育经费学校教师投入改革督导保障发展质量", min_size=2, max_size=8)
_SENTENCE = st.builds(lambda a, b: f"{a}，{b}。", _WORD, _WORD)


@st.composite
def _node(draw, level: int):
    title = draw(_WORD)
    run_in = draw(st.booleans())
    if run_in:
        title += "。"
    text = draw(st.lists(_SENTENCE, max_size=2))
    points = draw(st.lists(_SENTENCE, min_size=2, max_size=4)) if draw(st.booleans()) else []
    children = draw(st.lists(_node(level + 1), max_size=3)) if level < 4 else []
    return {"title": title, "run_in": run_in, "text": text, "points": points, "children": children}


def _write(nodes, level: int, lines: list[str]) -> None:
    for n, node in enumerate(nodes, 1):
        paragraphs = list(node["text"])
        if node["points"]:
            joined = "".join(point_prefix(k) + p for k, p in enumerate(node["points"], 1))
            paragraphs.append(joined)
        head = heading_number(level, n) + node["title"]
        if node["run_in"] and paragraphs:
            head += paragraphs.pop(0)
        lines.append(head)
        lines.extend(paragraphs)
        _write(node["children"], level + 1, lines)


def _shape(nodes) -> list:
    return [(n["title"], _shape(n["children"])) for n in nodes]


def _read_shape(sections: list[Section]) -> list:
    return [(s.title, _read_shape(s.children)) for s in sections]


def _texts(nodes) -> list[str]:
    out = []
    for n in nodes:
        out += n["text"] + n["points"]
        out += _texts(n["children"])
    return out


def _read_texts(sections: list[Section]) -> list[str]:
    out = []
    for s in sections:
        for b in s.body:
            if isinstance(b, Paragraph):
                out += ([b.text] if b.text else []) + b.points
        out += _read_texts(s.children)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_node(1), min_size=1, max_size=3))
def test_generated_text_reads_back_as_its_tree(nodes):
    lines = ["关于教育工作情况的报告"]
    _write(nodes, 1, lines)
    o = recognise(read_bytes("\n".join(lines).encode("utf-8"), "g.txt", ".txt"))
    assert o.title == "关于教育工作情况的报告"
    assert _read_shape(o.sections) == _shape(nodes)
    assert _read_texts(o.sections) == _texts(nodes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_node(1), min_size=1, max_size=3))
def test_generated_docx_with_auto_numbering_reads_back_as_its_tree(nodes):
    d = B.new()
    B.add_numbering(d, 10, [20])
    d.add_paragraph("关于教育工作情况的报告")

    def write(items, level):
        for node in items:
            paragraphs = list(node["text"])
            if node["points"]:
                paragraphs.append(
                    "".join(point_prefix(k) + p for k, p in enumerate(node["points"], 1))
                )
            head = node["title"]
            if node["run_in"] and paragraphs:
                head += paragraphs.pop(0)
            B.number(d.add_paragraph(head), 20, level - 1)
            for p in paragraphs:
                d.add_paragraph(p)
            write(node["children"], level + 1)

    write(nodes, 1)
    o = recognise(read_bytes(B.to_bytes(d), "g.docx", ".docx"))
    assert _read_shape(o.sections) == _shape(nodes)
    assert _read_texts(o.sections) == _texts(nodes)


def test_a_ten_page_report_imports_well_under_a_second(tmp_path, root_dir):
    """bench/import.py measures it properly (about 40 ms); this guards against a slow path."""
    spec = importlib.util.spec_from_file_location("bench_import", root_dir / "bench" / "import.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    docx_path = bench.long_report(tmp_path, 10)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        outline = recognise(read_path(docx_path))
        runs.append(time.perf_counter() - start)
    assert sum(1 for _ in outline.walk()) > 15
    assert min(runs) < 0.5
