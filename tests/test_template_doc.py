"""docs/templates.md tells other offices what a template can use: it must match the context, and its
minimal template must render."""

from __future__ import annotations

import re

import docx

from reportgen.pipeline import load_report, report_context
from reportgen.render.docx import render_docx


def _doc(root_dir) -> str:
    return (root_dir / "docs" / "templates.md").read_text(encoding="utf-8")


def test_every_context_variable_is_documented_and_no_other(root_dir, fixtures_dir):
    table = _doc(root_dir).split("`blocks` 中每一项")[0]
    documented = set()
    for first_cell in re.findall(r"^\| (`[^|]+) \|", table, re.M):
        documented.update(
            re.split(r"[.\[]", name)[0] for name in re.findall(r"`([^`]+)`", first_cell)
        )
    context = set()
    for source in ("minimal-rectification.yaml", "minimal-self-assessment.yaml"):
        context |= set(report_context(load_report(fixtures_dir / source)))
    assert documented == context


def test_the_minimal_template_renders(root_dir, examples_dir, tmp_path):
    lines = re.search(r"段落依次为：\n\n```\n(.*?)```", _doc(root_dir), re.S).group(1).splitlines()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    template = tmp_path / "minimal.docx"
    document.save(str(template))
    report = load_report(examples_dir / "rectification-yuecheng-2019.yaml")
    out = tmp_path / "out.docx"
    out.write_bytes(render_docx(template, report_context(report)))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[:2] == [
        "2019年度越城区履行教育职责问题整改报告",
        "根据《浙江省人民政府教育督导委员会办公室关于印发对县级人民政府的通知》"
        "（浙政教督办函〔2021〕15号）要求，现将2019年度履行教育职责评价督导报告反馈问题的"
        "整改落实情况报告如下：",
    ]
    assert "（一）关于“教育决策机制还不够完善”问题" in texts
    assert texts[-2:] == ["\u3000" * 16 + "绍兴市越城区人民政府", "\u3000" * 18 + "2021年4月1日"]
