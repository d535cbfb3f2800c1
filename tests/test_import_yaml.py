"""reportgen import: documents become checked YAML files.

Round trip: every example and fixture rendered, imported and rendered again gives the same text
paragraph by paragraph and the same paragraph styles (also for generated reports, hypothesis, and
for a rendered report edited as a clerk would: python-docx, LibreOffice). The shared seeds,
imported and rendered, keep at least 98% of their sentences. Malformed input is refused with a
located message and no file; the command's messages are pinned.
"""

from __future__ import annotations

import datetime
import difflib
import importlib.util
import re
import time
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docxbuild as B
from reportgen.importer.source import read_bytes, read_path
from reportgen.importer.to_yaml import import_source
from reportgen.output.yaml_text import Flow, dump_yaml
from reportgen.pipeline import load_report, render_file
from support import EXAMPLES, FIXTURES, ROOT, read_docx_lines, resave_with_libreoffice, run_cli
from test_examples import _seed_without_chrome, normalise, sentences

ROUND_TRIP = sorted(
    [p.relative_to(ROOT) for p in EXAMPLES.glob("*.yaml")]
    + [
        Path("tests/fixtures/minimal-rectification.yaml"),
        Path("tests/fixtures/minimal-self-assessment.yaml"),
        Path("tests/fixtures/layout-self-assessment.yaml"),
        Path("tests/fixtures/formal-joint-notice.yaml"),
        Path("tests/fixtures/formal-rectification-upward.yaml"),
    ]
)
# The 公文's elements each come back in their own field (not in the body, not as comments).
ELEMENTS = (
    "letterhead",
    "recipients",
    "closing",
    "sealed",
    "note",
    "imprint",
    "duplex",
    "attachments",
)
SEEDS = [
    "rectification-yuecheng-2019",
    "self-inspection-district-2022",
    "self-evaluation-chuxiong-2022",
]
MIN_RECALL = 0.98
NEAR = 0.9  # a seed sentence counts as kept when a rendered one is this similar (difflib ratio)


def _styles(path: Path) -> list[tuple[str, str]]:
    """The structure of a rendered report: each non-empty paragraph's style, tables as rows."""
    out = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            out.append(("table", str(len(block.rows))))
        elif block.text.strip():
            out.append(("p", block.style.name if block.style is not None else ""))
    return out


def _round_trip(yaml_path: Path, tmp: Path, stem: str = "r") -> tuple[Path, Path, object]:
    first = render_file(yaml_path, tmp / f"{stem}.a.docx")
    imported = tmp / f"{stem}.yaml"
    result = import_source(read_path(first), str(imported))
    imported.write_text(result.text, encoding="utf-8")
    assert not result.problems, "\n".join(map(str, result.problems))
    assert not result.to_fill, "\n".join(map(str, result.to_fill))
    return first, render_file(imported, tmp / f"{stem}.b.docx"), result


def _same_lines(a: Path, b: Path) -> None:
    la, lb = read_docx_lines(a), read_docx_lines(b)
    assert la == lb, "\n".join(difflib.unified_diff(la, lb, lineterm="", n=1))


@pytest.mark.parametrize("rel", ROUND_TRIP, ids=str)
def test_render_import_render_gives_the_same_report(rel, tmp_path):
    source = ROOT / rel
    first, second, result = _round_trip(source, tmp_path)
    _same_lines(first, second)
    assert _styles(first) == _styles(second)
    original = yaml.safe_load(source.read_text("utf-8"))
    imported = yaml.safe_load(result.text)
    assert result.kind == original["kind"]
    for key in ELEMENTS:
        assert (key in imported) == (key in original), key
    assert not result.messages, result.messages
    assert "未能放入" not in result.text


_NOTICE = FIXTURES / "formal-joint-notice.yaml"
_ELEMENT_VARIANTS = {
    "unsealed, two-sided": {"sealed": False, "duplex": True},
    "one issuer, 签发人, one recipient": {
        "issuer": "某某区人民政府",
        "letterhead": {
            "mark": "某某区人民政府",
            "number": "某政报〔2025〕3号",
            "signers": ["张三", "李四", "王五"],
        },
        "recipients": "市人民政府",
    },
    "no 抄送, no 附注, attachments by name": {
        "imprint": {"by": "某某区教育局办公室", "date": "2025-08-21"},
        "note": None,
        "attachments": ["甲表", "乙名单"],
    },
    "sealed, an issuer longer than the date, a mark without 文件 or 发文字号": {
        "issuer": "某某区人民政府办公室",
        "date": "2025-12-20",
        "letterhead": {"mark": "某某区人民政府办公室", "suffix": False},
        "sealed": True,
        "note": None,
    },
    "one attachment, 密级 and 紧急程度 only, another closing": {
        "attachments": [{"title": "开学工作检查表", "body": ["检查校舍安全。"]}],
        "letterhead": {"secrecy": "机密★5年", "urgency": "加急", "mark": "某某区教育局"},
        "issuer": "某某区教育局",
        "closing": "特此函告。",
    },
}


@pytest.mark.parametrize("name", list(_ELEMENT_VARIANTS), ids=str)
def test_each_element_comes_back_with_its_value(name, tmp_path):
    """Variants of the formal notice: render → import gives the same values in every element's
    field (as the model reads them), not only the same printed lines."""
    data = yaml.safe_load(_NOTICE.read_text("utf-8"))
    for key, value in _ELEMENT_VARIANTS[name].items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    source = tmp_path / "variant.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first, second, result = _round_trip(source, tmp_path)
    _same_lines(first, second)
    assert not result.messages, result.messages
    original, imported = load_report(source), load_report(tmp_path / "r.yaml")
    for key in (*ELEMENTS, "issuer"):
        assert _dumped(getattr(imported, key)) == _dumped(getattr(original, key)), key


def _dumped(value):
    if hasattr(value, "model_dump"):
        value = value.model_dump()
        if value.get("copy_number"):  # printed with six digits either way
            value["copy_number"] = value["copy_number"].zfill(6)
        return value
    return [_dumped(v) for v in value] if isinstance(value, list) else value


def test_generated_parts_are_left_out_so_next_year_moves_on(tmp_path):
    _, _, result = _round_trip(FIXTURES / "minimal-rectification.yaml", tmp_path)
    data = yaml.safe_load(result.text)
    # the title and opening are the ones the kind generates: not written, so they follow the year
    assert "title" not in data and "opening" not in data
    assert data["issuer"] == "绍兴市越城区人民政府"  # not the default 越城区人民政府: written
    assert data["region"] == {"name": "越城区", "level": "区", "parent": "绍兴市"}
    measure = data["problems"][0]["measures"][0]
    # the ledger's row folded back into the measure
    assert {k: measure[k] for k in ("unit", "deadline", "status")} == {
        "unit": "区委办",
        "deadline": "2021年12月",
        "status": "已完成",
    }
    assert "attachments" not in data  # the ledger attachment is generated


def test_imported_yaml_is_in_the_schema_order_with_comments(tmp_path):
    _, _, result = _round_trip(EXAMPLES / "self-evaluation-chuxiong-2022.yaml", tmp_path)
    keys = [line.split(":")[0] for line in result.text.splitlines() if re.match(r"^[a-z_]+:", line)]
    from reportgen.model.schema import SelfAssessment

    order = list(SelfAssessment.model_fields)
    assert keys == sorted(keys, key=order.index)
    assert "# 按“一是”拆分为分点" in result.text
    assert result.text.startswith("# 由 reportgen 从 ")


# ---- generated reports ------------------------------------------------------------------------

_WORD = st.text(alphabet="教育经费学校教师投入改革督导保障发展质量", min_size=2, max_size=8)
_SENTENCE = st.builds(lambda a, b: f"{a}，{b}。", _WORD, _WORD)


@st.composite
def _heading(draw, level: int):
    title = draw(_WORD) + draw(st.sampled_from(["", "。"]))
    node: dict = {"title": title}
    text = draw(st.lists(_SENTENCE, max_size=2))
    if text:
        node["text"] = text
    if draw(st.booleans()):
        node["points"] = draw(st.lists(_SENTENCE, min_size=2, max_size=3))
    if level < 4:
        children = draw(st.lists(_heading(level + 1), max_size=2))
        if children:
            node["sections"] = children
    if len(node) == 1:
        node["text"] = [draw(_SENTENCE)]
    return node


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(_heading(1), min_size=1, max_size=3),
    opening=st.lists(_SENTENCE, max_size=2),
    headings=st.sampled_from(["auto", "own_line", "run_in"]),
)
def test_generated_general_documents_round_trip(body, opening, headings, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gen")
    data = {
        "kind": "general",
        "title": "关于教育工作情况的报告",
        "issuer": "某某区教育局",
        "date": "2025-12-20",
        "headings": headings,
        "body": body,
    }
    if opening:
        data["opening"] = opening
    source = tmp / "g.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first, second, _ = _round_trip(source, tmp)
    _same_lines(first, second)


_PLACE = st.sampled_from(["某某区", "某某县", "某某市", "甲乙区"])
_OFFICE = st.sampled_from(
    ["教育局", "财政局", "人民政府", "卫生健康局", "人民政府办公室", "教育体育局", "委员会办公室"]
)
_ORGAN = st.builds(lambda p, o: p + o, _PLACE, _OFFICE)
_RECIPIENT = st.one_of(
    _ORGAN, st.sampled_from(["各县（市、区）教育局", "各镇（街道）中心学校", "区属各学校"])
)
_PERSON = st.sampled_from(["张三", "李四", "王五", "赵六", "欧阳明"])


@st.composite
def _elements(draw) -> dict:
    """The 公文's elements, each present or not, in the forms the model takes."""
    issuers = draw(st.lists(_ORGAN, min_size=1, max_size=3, unique=True))
    out: dict = {"issuer": issuers[0] if len(issuers) == 1 else issuers}
    head: dict = {}
    if draw(st.booleans()):
        head["copy_number"] = draw(st.integers(1, 999999))
    if draw(st.booleans()):
        head["secrecy"] = draw(st.sampled_from(["秘密", "机密★5年", "秘密★1年"]))
    if draw(st.booleans()):
        head["urgency"] = draw(st.sampled_from(["特急", "加急"]))
    if draw(st.booleans()):
        head["mark"] = issuers[0] if len(issuers) == 1 else issuers
        if draw(st.booleans()):
            head["suffix"] = False
    if draw(st.booleans()):
        seq = draw(st.integers(1, 120))
        head["number"] = f"某{draw(st.sampled_from(['教发', '政报', '教函']))}〔2025〕{seq}号"
        if draw(st.booleans()):
            head["signers"] = draw(st.lists(_PERSON, min_size=1, max_size=3, unique=True))
    if head:
        out["letterhead"] = head
    recipients = draw(st.lists(_RECIPIENT, max_size=3, unique=True))
    if recipients:
        out["recipients"] = recipients[0] if len(recipients) == 1 else recipients
    closing = draw(st.sampled_from([None, "特此报告。", "特此通知。", "妥否，请批示。"]))
    if closing:
        out["closing"] = closing
    out["sealed"] = draw(st.booleans())
    if draw(st.booleans()):
        out["note"] = draw(st.sampled_from(["联系人：张三，电话：12345678", "此件公开发布"]))
    attachments = draw(
        st.lists(
            st.one_of(
                _WORD.map(lambda w: w + "一览表"),
                st.builds(
                    lambda t, b: {"title": t + "情况表", "body": b},
                    _WORD,
                    st.lists(_SENTENCE, min_size=1, max_size=2),
                ),
            ),
            max_size=3,
            unique_by=lambda a: a if isinstance(a, str) else a["title"],
        )
    )
    if attachments:
        out["attachments"] = attachments
    if draw(st.booleans()):
        imprint: dict = {"by": draw(_ORGAN), "date": "2025-12-21"}
        cc = draw(st.lists(_RECIPIENT, max_size=8, unique=True))
        if cc:
            imprint["cc"] = cc
        out["imprint"] = imprint
        out["duplex"] = draw(st.booleans())
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elements=_elements(), body=st.lists(_heading(1), min_size=1, max_size=2))
def test_generated_elements_round_trip(elements, body, tmp_path_factory):
    """Any mix of the elements: render → import gives the same values in every field."""
    tmp = tmp_path_factory.mktemp("elements")
    data = {"kind": "general", "title": "关于教育工作情况的报告", "date": "2025-12-20"}
    data.update(elements)
    data["body"] = body
    source = tmp / "g.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first, second, result = _round_trip(source, tmp)
    _same_lines(first, second)
    assert not result.messages, result.messages
    original, imported = load_report(source), load_report(tmp / "r.yaml")
    expected = {key: _dumped(getattr(original, key)) for key in (*ELEMENTS, "issuer")}
    if expected["letterhead"] and not expected["letterhead"]["mark"]:
        # a 版头 without its mark prints the issuers' names there: they are read back as the mark
        names = expected["issuer"]
        expected["letterhead"]["mark"] = [names] if isinstance(names, str) else names
    for key, value in expected.items():
        assert _dumped(getattr(imported, key)) == value, key


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "text", "name", "a", "b"]),
        st.one_of(
            st.text(min_size=1, max_size=30),
            st.lists(st.text(min_size=1, max_size=10), max_size=3).map(Flow),
        ),
        min_size=1,
    )
)
def test_written_yaml_reads_back_as_its_data(data):
    # control characters are not text a report holds (the loader drops them)
    clean = {
        k: (type(v)(x for x in v if x.isprintable()) if isinstance(v, list) else v)
        for k, v in data.items()
        if (v if isinstance(v, list) else v.isprintable())
    }
    clean = {k: v for k, v in clean.items() if isinstance(v, list) or v.strip() == v}
    text = dump_yaml(clean, {("a",): ["说明：带 # 和 : 的说明"]})
    back = yaml.safe_load(text) or {}
    assert {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in back.items()} == {
        k: list(v) if isinstance(v, list) else v for k, v in clean.items()
    }


# ---- a clerk's edits --------------------------------------------------------------------------


def test_a_report_edited_in_word_imports_with_the_edits(tmp_path):
    first = render_file(EXAMPLES / "rectification-yuecheng-2019.yaml", tmp_path / "a.docx")
    d = docx.Document(str(first))
    body = next(p for p in d.paragraphs if p.text.startswith("2020年10月23-24日"))
    body.runs[0].text = "2020年10月，督查组对我区进行了实地检查。"
    for run in body.runs[1:]:
        run.text = ""
    measure = next(p for p in d.paragraphs if p.text.startswith("4.强化"))
    new = measure.insert_paragraph_before("5.新增“家校共育”举措。全区建立家长学校。")
    new.style = measure.style
    measure._p.addnext(new._p)
    d.save(tmp_path / "edited.docx")
    result = import_source(read_path(tmp_path / "edited.docx"), "edited.yaml")
    assert not result.problems and not result.to_fill
    data = yaml.safe_load(result.text)
    assert data["basic"]["text"] == "2020年10月，督查组对我区进行了实地检查。"
    added = data["problems"][0]["measures"][4]
    assert (added["lead"], added["text"]) == ("新增“家校共育”举措。", "全区建立家长学校。")
    (tmp_path / "edited.yaml").write_text(result.text, encoding="utf-8")
    again = read_docx_lines(render_file(tmp_path / "edited.yaml", tmp_path / "again.docx"))
    assert "5.新增“家校共育”举措。全区建立家长学校。" in again
    assert read_docx_lines(tmp_path / "edited.docx") == again


@pytest.mark.libreoffice
def test_a_report_saved_again_by_libreoffice_round_trips(tmp_path):
    first = render_file(EXAMPLES / "self-evaluation-chuxiong-2022.yaml", tmp_path / "in.docx")
    saved = resave_with_libreoffice(first, tmp_path)
    result = import_source(read_path(saved), "lo.yaml")
    assert not result.problems and not result.to_fill
    (tmp_path / "lo.yaml").write_text(result.text, encoding="utf-8")
    second = render_file(tmp_path / "lo.yaml", tmp_path / "lo.docx")
    _same_lines(first, second)


# ---- the shared seeds -------------------------------------------------------------------------


def seed_recall(name: str, tmp: Path) -> tuple[float, list[str], object]:
    """Import a seed, fill what import asked for (the date, a region it could not find) as a clerk
    would, render, and measure the share of the seed's sentences near-matched in the report."""
    rules = yaml.safe_load((FIXTURES / "seed-restorations.yaml").read_text("utf-8"))
    result = import_source(read_path(FIXTURES / "seeds" / f"{name}.txt"), f"{name}.yaml")
    text = re.sub(r"^(\s*date:) 待填.*$", r"\1 2022-06-30", result.text, flags=re.M)
    text = re.sub(r"^(\s*name:) 待填.*$", r"\1 某某区", text, flags=re.M)
    (tmp / f"{name}.yaml").write_text(text, encoding="utf-8")
    lines = read_docx_lines(render_file(tmp / f"{name}.yaml", tmp / f"{name}.docx"))
    body = normalise("".join(lines))
    printed = sentences("\n".join(lines))
    wanted = sentences(_seed_without_chrome(FIXTURES, name, rules))
    missing = [
        s
        for s in wanted
        if s not in body
        and max((difflib.SequenceMatcher(None, s, t).ratio() for t in printed), default=0) < NEAR
    ]
    return 1 - len(missing) / len(wanted), missing, result


@pytest.mark.parametrize("name", SEEDS)
def test_seed_imported_and_rendered_keeps_its_sentences(name, tmp_path):
    recall, missing, result = seed_recall(name, tmp_path)
    print(f"{name}: recall {recall:.1%}")
    assert not result.problems, "\n".join(map(str, result.problems))
    assert recall >= MIN_RECALL, f"{name}: {recall:.1%}; missing:\n" + "\n".join(missing)


def test_seed_kinds_and_what_import_says(tmp_path):
    kinds = {
        n: import_source(read_path(FIXTURES / "seeds" / f"{n}.txt"), "x.yaml").kind for n in SEEDS
    }
    assert kinds == {
        "rectification-yuecheng-2019": "rectification",
        "self-inspection-district-2022": "self_assessment",
        "self-evaluation-chuxiong-2022": "self_assessment",
    }
    result = import_source(read_path(FIXTURES / "seeds" / f"{SEEDS[0]}.txt"), "x.yaml")
    data = yaml.safe_load(result.text)
    assert str(data["date"]) == "2021-04-01"  # the web page's 发布日期, said in a comment
    assert "# 原文没有成文日期，按网页的发布日期，请核对" in result.text
    assert [m.split(": ", 1)[1] for m in result.messages][:2] == [
        "已略去网页内容“金沙网址【官网直营】”（网页顶部的站点名称或广告）",
        "已略去网页内容“>政务公开>政策文件>部门文件”（网页的栏目导航）",
    ]


# ---- the command ------------------------------------------------------------------------------


def test_import_command_writes_a_file_that_validates(tmp_path):
    seed = tmp_path / "越城区.txt"
    seed.write_bytes((FIXTURES / "seeds" / f"{SEEDS[0]}.txt").read_bytes())
    result = run_cli("import", seed)
    assert result.exit_code == 0, result.output
    target = tmp_path / "越城区.yaml"
    assert f"已导入 {target}（类型：rectification）" in result.stdout
    assert "已略去网页内容“打印 关闭”（网页上的工具按钮）" in result.stderr
    assert run_cli("validate", target).exit_code == 0
    again = run_cli("import", seed)  # never over a file the clerk did not name
    assert again.exit_code == 1
    assert f"{target}: (文件): 已有同名的 YAML 文件，没有覆盖 — 用 -o 指定输出文件" in again.stderr


def test_import_lists_what_the_document_lacks(tmp_path):
    seed = FIXTURES / "seeds" / f"{SEEDS[2]}.txt"
    out = tmp_path / "楚雄.yaml"
    result = run_cli("import", seed, "-o", out)
    assert result.exit_code == 0, result.output
    assert "原文缺少 1 项，已写成“待填”，补写后才能生成（to fill）:" in result.stderr
    assert re.search(
        r"楚雄\.yaml:\d+:7: date \(成文日期\): 待填写 — 把“待填”换成成文日期", result.stderr
    )
    check = run_cli("validate", out)
    assert check.exit_code == 1 and "待填写" in check.output


def test_a_table_too_wide_without_a_caption_is_its_rows_and_nothing_empty(tmp_path):
    """Found by tools/fuzz.py: the missing caption became an empty paragraph (""), which the
    imported file's own check refused (“这是导入程序的缺陷”)."""
    document = docx.Document()
    document.add_paragraph("关于2025年教育工作的总结")
    table = document.add_table(rows=2, cols=12)
    for i, cell in enumerate(table.rows[0].cells):
        cell.text = f"列{i + 1}"
    table.rows[1].cells[0].text = "甲"
    document.add_paragraph("一、主要工作")
    document.add_paragraph("全年新建幼儿园3所。")
    source = tmp_path / "wide.docx"
    document.save(str(source))
    result = run_cli("import", source, "-o", tmp_path / "wide.yaml")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "wide.yaml").read_text("utf-8"))
    assert data["body"][:2] == ["　".join(f"列{i}" for i in range(1, 13)), "甲"]
    assert "导入程序的缺陷" not in result.stderr


def test_import_from_standard_input(tmp_path):
    text = (
        "关于2025年教育工作的总结\n一、主要工作\n全年新建幼儿园3所。\n二、下一步打算\n继续推进。\n"
    )
    result = run_cli("import", "-", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["kind"] == "general" and data["title"] == "关于2025年教育工作的总结"
    assert [b["title"] for b in data["body"]] == ["主要工作", "下一步打算"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.docx", b"", "文件是空的"),
        ("cut.docx", None, "不完整"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(200), "图片"),
        ("enc.docx", "corpus", "加密"),
    ],
)
def test_malformed_input_gives_a_located_message_and_no_file(name, content, message, tmp_path):
    path = tmp_path / name
    if content is None:
        good = render_file(FIXTURES / "minimal-rectification.yaml", tmp_path / "good.docx")
        path.write_bytes(good.read_bytes()[:3000])
    elif content == "corpus":
        path.write_bytes((FIXTURES / "corpus" / "encrypted-msoffcrypto-6.1.docx").read_bytes())
    else:
        path.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = run_cli("import", path, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1].strip().startswith(f"{path}"), result.stderr
    assert message in result.stderr, result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".yaml"] == []


def _import_text(text: str):
    result = import_source(read_bytes(text.encode("utf-8"), "r.txt", ".txt"), "r.yaml")
    assert not result.problems, result.problems
    return result, yaml.safe_load(result.text)


def test_the_formal_elements_go_into_their_fields():
    result, data = _import_text(
        "XX区教育局文件\nX教〔2025〕3号\n关于2025年教育工作情况的报告\n区人民政府：\n"
        "现将有关情况报告如下：\n一、主要工作\n全年新建幼儿园3所。\n特此报告。\n"
        "XX区教育局\n2025年12月20日\n（联系人：张三，电话：12345678）\n"
        "抄送：区委办，区人大办，\n区政协办，各县（市、区）教育局。\n"
        "XX区教育局办公室　2025年12月21日印发\n"
    )
    assert data["letterhead"] == {"mark": "XX区教育局", "number": "X教〔2025〕3号"}
    assert data["recipients"] == "区人民政府"
    assert data["body"] == [{"title": "主要工作", "text": "全年新建幼儿园3所。"}]
    assert data["closing"] == "特此报告。"  # its own field, no longer the body's last paragraph
    assert data["note"] == "联系人：张三，电话：12345678"
    assert data["imprint"] == {
        "cc": ["区委办", "区人大办", "区政协办", "各县（市、区）教育局"],  # run on over two lines
        "by": "XX区教育局办公室",
        "date": datetime.date(2025, 12, 21),
    }
    assert data["issuer"] == "XX区教育局" and str(data["date"]) == "2025-12-20"
    assert "sealed" not in data  # a text file without spaces before the signature cannot tell
    assert (
        "# 原文看不出署名和成文日期排在什么位置：按不加盖印章的格式排（署名右空二字）；"
        "加盖印章的请加一行 sealed: true\ndate: 2025-12-20" in result.text
    )
    assert result.messages == [] and "未能放入" not in result.text


def test_a_doc_number_only_a_web_page_gave_is_kept_as_a_comment():
    result, data = _import_text(
        "索引号：113306/2021-00012\n发文字号：越政报〔2021〕3号\n关于2021年教育工作情况的报告\n"
        "一、主要工作\n全年新建幼儿园3所。\n某某区人民政府\n2021年4月1日\n"
    )
    assert "letterhead" not in data
    why = "原文正文没有版头；要印版头时写在 letterhead 的 number 中"
    assert f"# 网页上的发文字号（{why}，未能放入对应字段，原文如下）：\n#   越政报〔2021〕3号" in (
        result.text
    )
    assert result.messages[-1] == (
        f"r.txt: 网页上的发文字号：{why}，未能放入对应字段，已作为说明保留在 YAML 文件末尾"
    )
    assert (
        "r.txt:2: 已略去网页内容“发文字号：越政报〔2021〕3号”（网页上的发布信息）"
        in result.messages
    )


@pytest.mark.parametrize(
    ("mark", "expected"),
    [
        ("某 某 区 人 民 政 府 文 件", "某某区人民政府"),  # letter-spaced, as copied from a PDF
        ("中共某某区委　　某某区人民政府　　文件", ["中共某某区委", "某某区人民政府"]),
    ],
)
def test_a_mark_letter_spaced_or_joint_issuers_side_by_side(mark, expected):
    _, data = _import_text(
        f"{mark}\n某政发〔2025〕3号\n关于2025年教育工作情况的报告\n一、主要工作\n"
        "全年新建幼儿园3所。\n某某区人民政府\n2025年12月20日\n"
    )
    assert data["letterhead"] == {"mark": expected, "number": "某政发〔2025〕3号"}
    assert data["title"] == "关于2025年教育工作情况的报告"


def test_an_older_records_other_lists_join_the_cc_with_a_comment():
    result, data = _import_text(
        "关于2025年教育工作情况的报告\n一、主要工作\n全年新建幼儿园3所。\n某某区人民政府\n"
        "2025年12月20日\n抄报：市人民政府。\n抄送：区委办公室。\n"
        "某某区人民政府办公室　2025年12月21日印发\n"
    )
    assert data["imprint"]["cc"] == ["市人民政府", "区委办公室"]
    assert (
        "  # 原文“抄报：市人民政府。”并入抄送（GB/T 9704-2012 的版记只有抄送），请核对\n  cc:"
        in result.text
    )


def test_values_no_field_can_hold_are_kept_as_comments_and_listed():
    result, data = _import_text(
        "特提\nX教〔2025〕3号\n关于2025年教育工作情况的报告\n（2025年12月）\n"
        "现将有关情况报告如下：\n一、主要工作\n全年新建幼儿园3所。\n"
        "XX区教育局\n2025年12月20日\n抄送：区委办。\n2025年12月21日印发\n"
    )
    assert data["letterhead"] == {"number": "X教〔2025〕3号"}
    assert "imprint" not in data
    for what, why, original in (
        ("紧急程度", "不是版头这一项可用的写法", "特提"),
        ("版记", "没有找到可用的印发机关和印发日期", "抄送：区委办。\n#   2025年12月21日印发"),
        ("副标题", "文件中没有副标题这一项", "（2025年12月）"),
    ):
        assert f"# {what}（{why}，未能放入对应字段，原文如下）：" in result.text
        assert f"#   {original}" in result.text
        assert f"r.txt: {what}：{why}，未能放入对应字段，已作为说明保留在 YAML 文件末尾" in (
            result.messages
        )
    # a 版头 without a 发文机关标志: the renderer would print the issuer's, which the clerk is told
    assert "# 原文版头没有发文机关标志：排版时用署名作发文机关标志" in result.text


def test_doc_numbers_written_as_printed_and_one_without_its_year_kept():
    result, data = _import_text(
        "某某区人民政府\n某政报〔2025〕第012号\n关于2025年教育工作情况的报告\n"
        "市人民政府，\n市教育局：\n一、主要工作\n全年新建幼儿园3所。\n"
        "附件：1. 某某区2025年度义务教育优质均衡发展\n督导评估自查指标得分表\n2. 乙表\n"
        "某某区人民政府\n2025年12月20日\n某某区人民政府办公室\n2025年12月21日印发\n"
    )
    assert data["letterhead"] == {
        "mark": "某某区人民政府",
        "suffix": False,
        "number": "某政报〔2025〕12号",
    }
    assert (
        "  # 原文发文字号为“某政报〔2025〕第012号”，按规范写法（年份用〔〕，序号不加“第”、"
        "不编虚位）\n  number: 某政报〔2025〕12号" in result.text
    )
    assert data["recipients"] == ["市人民政府", "市教育局"]  # over two lines
    assert data["attachments"] == [
        "某某区2025年度义务教育优质均衡发展督导评估自查指标得分表",
        "乙表",
    ]
    assert "  # 原文附件说明中这一名称跨行，已连成一行，请核对\n  - 某某区2025" in result.text
    assert data["imprint"] == {"by": "某某区人民政府办公室", "date": datetime.date(2025, 12, 21)}
    assert result.messages == []
    result, data = _import_text(
        "某某区教育局文件\n某教发12号\n关于2025年教育工作情况的报告\n一、主要工作\n全年新建幼儿园3所。\n"
        "某某区教育局\n2025年12月20日\n"
    )
    assert data["letterhead"] == {"mark": "某某区教育局"}
    assert (
        "# 发文字号（不是“机关代字〔年份〕序号号”的写法，未能放入对应字段，原文如下）：\n"
        "#   某教发12号" in result.text
    )
    assert result.messages == [
        "r.txt: 发文字号：不是“机关代字〔年份〕序号号”的写法，未能放入对应字段，"
        "已作为说明保留在 YAML 文件末尾"
    ]
    assert data["title"] == "关于2025年教育工作情况的报告"


@pytest.mark.parametrize(
    ("issuer_pad", "date_pad", "sealed"),
    [
        ("\u3000" * 17 + " ", "\u3000" * 17, True),  # the issuer centred over the date
        ("\u3000" * 17, "\u3000" * 19, False),  # the date two characters right of the issuer
    ],
)
def test_sealed_is_told_by_where_a_text_file_puts_the_signature(issuer_pad, date_pad, sealed):
    result, data = _import_text(
        "关于2024年教育工作情况的报告\n一、主要工作\n全年新建幼儿园3所。\n"
        f"{issuer_pad}某某市教育局\n{date_pad}2024年12月20日\n"
    )
    assert data.get("sealed", False) is sealed
    if sealed:
        assert "# 署名居中于成文日期之上：按加盖印章的格式排，请核对\nsealed: true" in result.text
    assert "排在什么位置" not in result.text


def _formal_word_document(tmp_path: Path) -> Path:
    """A .docx built by hand as a clerk lays one out in Word: 版头 lines, a centred title, 主送 with
    a comma between offices, the signature right-aligned so that the issuer stands centred over a
    date four characters from the right (a sealed layout), 附注, an attachment page with a table,
    and a 版记 whose 抄送 runs on to a second line."""
    d = B.new()
    section = d.sections[0]
    section.page_width, section.left_margin, section.right_margin = Mm(210), Mm(28), Mm(26)
    d.styles["Normal"].font.size = Pt(16)

    def add(text: str, align=None, **fmt):
        p = d.add_paragraph(text)
        if align is not None:
            p.alignment = align
        for key, value in fmt.items():
            setattr(p.paragraph_format, key, value)
        return p

    for line in ("000058", "机密★2年", "加急"):
        add(line)
    add("某某市教育局文件", WD_ALIGN_PARAGRAPH.CENTER)
    add("某市教发〔2024〕9号", WD_ALIGN_PARAGRAPH.CENTER)
    add("关于2024年教育工作情况的报告", WD_ALIGN_PARAGRAPH.CENTER)
    add("市人民政府，市政府办公室：")
    add("现将有关情况报告如下：")
    add("一、主要工作")
    add("全年新建幼儿园3所。")
    add("特此报告")
    add("附件：1. 2024年新建学校一览表")
    add("2. 工作照片")
    # 4.5 characters of 16 pt from the right, in twips; the date's indent in characters
    add("某某市教育局", WD_ALIGN_PARAGRAPH.RIGHT, right_indent=Pt(72))
    date = add("2024年12月20日", WD_ALIGN_PARAGRAPH.RIGHT)
    B.indent(date, rightChars=400)
    add("（联系人：张三，电话：12345678）")
    add("附件1", page_break_before=True)
    add("2024年新建学校一览表", WD_ALIGN_PARAGRAPH.CENTER)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["类别", "新建", "说明"], ["幼儿园", "3所", "公办"], ["小学", "2所", ""]]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    add("抄送：市委办公室，市人大常委会办公室，", page_break_before=True)
    add("市政协办公室。")
    add("某某市教育局办公室　　2024年12月21日印发")
    path = tmp_path / "formal.docx"
    d.save(str(path))
    return path


def test_where_both_layouts_put_the_lines_alike_sealed_is_left_to_the_clerk(tmp_path):
    """An issuer four characters wider than its date: sealed (the date 4 characters from the
    right, the issuer centred over it) and unsealed (the issuer 2 from the right, the date 2 right
    of its start) put both lines at the same places; the importer says so, keeps the default."""
    data = yaml.safe_load(_NOTICE.read_text("utf-8"))
    data.update(issuer="某某区教育体育局办公室", date="2025-12-20", sealed=True)
    del data["letterhead"]
    source = tmp_path / "s.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first, second, result = _round_trip(source, tmp_path)
    _same_lines(first, second)  # printed alike, but for the seal
    assert "sealed" not in yaml.safe_load(result.text)
    assert (
        "# 署名和成文日期的位置两种格式都符合：按不加盖印章的格式排（署名右空二字）；"
        "加盖印章的请加一行 sealed: true\ndate: 2025-12-20" in result.text
    )


def test_a_mark_without_its_suffix_is_told_by_its_size_in_a_word_document():
    d = B.new()
    for text, size in (("某某区教育局", 36), ("关于2024年教育工作情况的报告", 22)):
        p = d.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].font.size = Pt(size)
    for line in ("一、主要工作", "全年新建幼儿园3所。", "某某区教育局", "2024年12月20日"):
        d.add_paragraph(line)
    result = import_source(read_bytes(B.to_bytes(d), "t.docx", ".docx"), "t.yaml")
    data = yaml.safe_load(result.text)
    assert data["letterhead"] == {"mark": "某某区教育局", "suffix": False}
    assert data["title"] == "关于2024年教育工作情况的报告"
    # the same lines in one size: the first is (part of) the title
    d = B.new()
    for line in ("某某区教育局", "关于2024年教育工作情况的报告", "一、主要工作", "正文。"):
        d.add_paragraph(line)
    data = yaml.safe_load(
        import_source(read_bytes(B.to_bytes(d), "t.docx", ".docx"), "t.yaml").text
    )
    assert "letterhead" not in data


def test_a_word_document_with_the_formal_elements_imports_into_fields(tmp_path):
    result = import_source(read_path(_formal_word_document(tmp_path)), "formal.yaml")
    assert not result.problems and not result.to_fill
    data = yaml.safe_load(result.text)
    assert data["letterhead"] == {
        "copy_number": "000058",
        "secrecy": "机密★2年",
        "urgency": "加急",
        "mark": "某某市教育局",
        "number": "某市教发〔2024〕9号",
    }
    assert data["recipients"] == ["市人民政府", "市政府办公室"]
    assert "# 原文主送机关之间有“，”或“；”，排版时统一用“、”隔开" in result.text
    assert data["closing"] == "特此报告"
    assert "# 原文结束语为“特此报告”，排版时末尾加“。”" in result.text
    assert data["sealed"] is True
    assert data["note"] == "联系人：张三，电话：12345678"
    assert data["attachments"] == [
        {
            "title": "2024年新建学校一览表",
            "body": [
                {
                    "table": {
                        "header": ["类别", "新建", "说明"],
                        "rows": [["幼儿园", "3所", "公办"], ["小学", "2所", ""]],
                    }
                }
            ],
        },
        "工作照片",
    ]
    assert data["imprint"] == {
        "cc": ["市委办公室", "市人大常委会办公室", "市政协办公室"],
        "by": "某某市教育局办公室",
        "date": datetime.date(2024, 12, 21),
    }
    assert result.messages == []
    # and it renders: each element where GB/T 9704 puts it
    out = tmp_path / "formal.yaml"
    out.write_text(result.text, encoding="utf-8")
    lines = read_docx_lines(render_file(out, tmp_path / "again.docx"))
    for printed in (
        "000058",
        "某某市教育局文件",
        "市人民政府、市政府办公室：",
        "特此报告。",
        "附件：1. 2024年新建学校一览表",
        "（联系人：张三，电话：12345678）",
        "附件1",
        "抄送：市委办公室，市人大常委会办公室，市政协办公室。",
    ):
        assert any(line.strip() == printed for line in lines), printed


@pytest.mark.parametrize("even", [True, False])
def test_a_record_after_a_section_break_to_an_even_page_is_printed_on_both_sides(even, tmp_path):
    d = B.new()
    for line in (
        "关于2024年教育工作情况的报告",
        "一、主要工作",
        "全年新建幼儿园3所。",
        "某某市教育局",
    ):
        d.add_paragraph(line)
    d.add_paragraph("2024年12月20日")
    d.add_section(WD_SECTION.EVEN_PAGE if even else WD_SECTION.NEW_PAGE)
    d.add_paragraph("抄送：市委办公室。")
    d.add_paragraph("某某市教育局办公室　2024年12月21日印发")
    path = tmp_path / "two-sided.docx"
    d.save(str(path))
    result = import_source(read_path(path), "two-sided.yaml")
    assert not result.problems and result.messages == []
    data = yaml.safe_load(result.text)
    assert data["imprint"]["by"] == "某某市教育局办公室"
    if even:
        assert data["duplex"] is True
        assert (
            "# 原文版记前是“偶数页”分节符：按双面印刷排，版记在偶数页\nduplex: true" in result.text
        )
    else:
        assert "duplex" not in data


def test_a_one_row_table_becomes_one_paragraph_with_its_note():
    d = B.new()
    for line in ("关于2024年教育工作情况的报告", "一、主要工作", "全年新建幼儿园3所。"):
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=3)
    for c, text in enumerate(("幼儿园", "3所", "公办")):
        table.cell(0, c).text = text
    for line in ("注：含改扩建。", "某某市教育局", "2024年12月20日"):
        d.add_paragraph(line)
    result = import_source(read_bytes(B.to_bytes(d), "t.docx", ".docx"), "t.yaml")
    assert not result.problems  # was: an empty paragraph for the missing caption, the note lost
    assert yaml.safe_load(result.text)["body"] == [
        {"title": "主要工作", "text": "全年新建幼儿园3所。\n幼儿园　3所　公办\n注：含改扩建。"}
    ]
    assert "# 原文的表格（表格只有一行或行数过多），每行一段，格与格之间用“　”隔开" in result.text


def test_help_has_an_example():
    for command in ("import", "new"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0 and "示例" in result.output


# ---- speed ------------------------------------------------------------------------------------


def test_a_ten_page_report_imports_to_yaml_well_under_a_second(tmp_path):
    """bench/import.py measures it properly; this guards against a slow path."""
    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = bench.long_report(tmp_path, 10)
    import_source(read_path(path))  # warm
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        result = import_source(read_path(path))
        runs.append(time.perf_counter() - start)
    assert not result.problems
    assert min(runs) < 0.5
