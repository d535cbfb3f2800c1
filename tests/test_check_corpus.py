"""`reportgen check` on documents other tools wrote, and on damaged ones: findings or a located
Chinese message, never an internal error; exit status 1 for a problem.

tests/fixtures/corpus/ holds documents written by LibreOffice, pandoc, two GB/T 9704 generators
from PyPI and an encryption tool (make-corpus.sh says how). The damaged packages are made here,
each from a report we render, with its damage spelt out.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.check.styles import check_docx
from reportgen.errors import InputError
from reportgen.pipeline import load_report, render_report
from support import FIXTURES, GOOD_PATH, zip_recoded

CORPUS = FIXTURES / "corpus"
INTERNAL = re.compile(r"内部错误|Traceback")


def _findings(path: Path) -> dict[str, object]:
    return {f.rule: f for f in check_docx(path)}


def _run(cli, *args) -> str:
    result = cli("check", *args)
    assert not INTERNAL.search(result.output), result.output
    assert result.exit_code == 1, result.output
    return result.output


# ---- documents other tools wrote -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["gongwen-skill-2.15.0.docx", "cn-gov-docx-0.2.1.docx", "pandoc-2.17.docx"],
)
def test_documents_from_other_generators_are_checked(cli, name):
    output = _run(cli, CORPUS / name)
    assert output.startswith(f"✗ {CORPUS / name}：")
    assert "  ✓ 纸张" in output or "  ✗ 纸张" in output


def test_a_footer_without_a_content_type_is_read_as_a_footer_and_named():
    """gongwen-skill adds its even-page footer (word/footer2.xml) without declaring it in
    [Content_Types].xml: python-docx then handed back a bare Part and check ended in
    "内部错误 … 'Part' object has no attribute 'element'"."""
    found = _findings(CORPUS / "gongwen-skill-2.15.0.docx")
    structure = found["文件结构"]
    assert not structure.ok
    assert structure.measured == (
        "页脚 word/footer2.xml 在 [Content_Types].xml 中未声明为页脚（现为 application/xml），"
        "已按页脚读取"
    )
    # The footers were read: its page number is there, in its own form (- 1 -, not — 1 —).
    assert found["页码字体字号"].measured == "宋体 14.0 pt"
    assert found["页码页脚"].measured == "单页页脚无“— PAGE —”，双页页脚无"


def test_pandoc_without_page_size_is_measured_as_unset():
    found = _findings(CORPUS / "pandoc-2.17.docx")
    assert found["纸张"].measured == "未设置纸张大小（w:pgSz）"
    assert found["上边距"].measured == "未设置"
    assert "文件结构" not in found


def test_python_docx_default_document(cli, tmp_path):
    path = tmp_path / "default.docx"
    docx.Document().save(path)
    output = _run(cli, path)
    assert "✗ 纸张：216×279 mm（应为 A4 210×297 mm）" in output
    assert "✗ 正文字体字号：文中没有" in output


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("libreoffice-7.4.odt", "OpenDocument 文档（.odt）"),
        ("libreoffice-7.4.doc", "旧版 Word/WPS 文档（.doc/.wps）"),
        ("libreoffice-7.4.wps", "旧版 Word/WPS 文档（.doc/.wps）"),  # a .doc under WPS's name
        ("word97-named.docx", "旧版 Word/WPS 文档（.doc/.wps）"),  # a .doc named .docx
        ("libreoffice-7.4.docx", None),
    ],
)
def test_other_formats_are_converted_by_libreoffice(cli, tmp_path, name, what):
    src = CORPUS / name
    if not src.exists():  # the .wps and the misnamed .docx are the .doc under other names
        src = tmp_path / name
        shutil.copyfile(CORPUS / "libreoffice-7.4.doc", src)
    found = _findings(src)
    if what:
        assert str(found["文件格式"]) == (
            f"✓ 文件格式：{what}，经 LibreOffice 转换为 .docx 后检查"
            "（应为 .docx（其他格式转换后检查））"
        )
    else:
        assert "文件格式" not in found
    assert found["上边距"].measured == "10.0 mm"  # Writer's page style, as it wrote it
    assert _run(cli, src).startswith(f"✗ {src}：")


def test_an_encrypted_document_is_named(cli):
    path = CORPUS / "encrypted-msoffcrypto-6.1.docx"
    with pytest.raises(InputError) as e:
        check_docx(path)
    assert [str(d) for d in e.value.diagnostics] == [
        f"{path}: (文件): 文件设有打开密码（已加密），无法读取 — "
        "请在 Word 或 WPS 中输入密码打开，取消“用密码进行加密”后另存为 .docx 再检查"
    ]
    output = _run(cli, path)
    assert f"✗ {path}：无法检查" in output


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "name",
    [
        "gongwen-skill-2.15.0.docx",
        "cn-gov-docx-0.2.1.docx",
        "pandoc-2.17.docx",
        "libreoffice-7.4.odt",
        "libreoffice-7.4.doc",
    ],
)
def test_layout_of_documents_from_other_tools(cli, name):
    output = _run(cli, "--layout", CORPUS / name)
    for rule in ("行距", "每页行数", "每行字数", "页码（PDF）"):
        assert re.search(f"^  [✓✗] {re.escape(rule)}：", output, re.M), (rule, output)


# ---- damaged packages ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_report(load_report(GOOD_PATH))


def _damaged(tmp_path: Path, data: bytes, change) -> Path:
    """A copy of the package ``data`` with ``change(name, bytes)`` applied to every member: it
    returns the member's new bytes, or None to leave it out; extra members come from
    ``change("+", b"")`` as a dict."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            new = change(item.filename, src.read(item))
            if new is not None:
                dst.writestr(item.filename, new)
        for name, extra in (change("+", b"") or {}).items():
            dst.writestr(name, extra)
    path = tmp_path / "damaged.docx"
    path.write_bytes(out.getvalue())
    return path


def _edit(member: str, edit):
    def change(name: str, data: bytes):
        if name == "+":
            return None
        return edit(data) if name == member else data

    return change


def _without(member: str):
    def change(name: str, data: bytes):
        if name == "+":
            return None
        return None if name == member else data

    return change


DAMAGE = {
    "no styles.xml": (
        _without("word/styles.xml"),
        "样式 word/styles.xml 不存在，按空的读取",
    ),
    "no settings.xml": (
        _without("word/settings.xml"),
        "设置 word/settings.xml 不存在，按空的读取",
    ),
    "bad XML in a footer": (
        _edit("word/footer1.xml", lambda d: d.replace(b"</w:ftr>", b"<w:p></w:ftr>")),
        "页脚 word/footer1.xml 第2行第",
    ),
    "bad XML in styles.xml": (
        _edit("word/styles.xml", lambda d: d[: len(d) // 2]),
        "样式 word/styles.xml 第",
    ),
    "relationship to a missing footer": (
        _without("word/footer2.xml"),
        "页脚 word/footer2.xml 不存在，按空的读取",
    ),
    "relationship to a missing picture": (
        _edit(
            "word/_rels/document.xml.rels",
            lambda d: d.replace(
                b"</Relationships>",
                b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/image" Target="media/image1.png"/>'
                b"</Relationships>",
            ),
        ),
        "word/document.xml引用的 word/media/image1.png 不存在",
    ),
    "no [Content_Types].xml": (
        _without("[Content_Types].xml"),
        "缺少 [Content_Types].xml（各部件的内容类型）已按各部件的用途重建",
    ),
    "bad package relationships": (
        _edit("_rels/.rels", lambda d: b"<Relationships"),
        "损坏的包关系文件 _rels/.rels 已重建，正文为 word/document.xml",
    ),
    "bad document relationships": (
        _edit("word/_rels/document.xml.rels", lambda d: d[:40]),
        "word/document.xml 的关系文件 word/_rels/document.xml.rels 损坏，已忽略其中的关系",
    ),
    "footer declared as a picture": (
        _edit(
            "[Content_Types].xml",
            lambda d: d.replace(
                b'PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.wordprocessingml.footer+xml"',
                b'PartName="/word/footer1.xml" ContentType="image/png"',
            ),
        ),
        "页脚 word/footer1.xml 的内容类型是 image/png，不是页脚，已忽略",
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_package_is_mended_and_named(cli, tmp_path, report, damage):
    change, named = DAMAGE[damage]
    path = _damaged(tmp_path, report, change)
    found = _findings(path)
    assert not found["文件结构"].ok
    assert named in found["文件结构"].measured
    output = _run(cli, path)
    assert "✗ 文件结构：" in output


def test_a_package_without_styles_is_measured_without_them(tmp_path, report):
    """No styles part at all, and no relationship to one, is a sound package (styles are
    optional): nothing is named, and the fonts are measured as unset rather than python-docx's
    own Calibri."""

    def change(name: str, data: bytes):
        if name == "+":
            return None
        if name == "word/_rels/document.xml.rels":
            return re.sub(rb"<Relationship [^>]*relationships/styles\"[^>]*/>", b"", data)
        return None if name == "word/styles.xml" else data

    found = _findings(_damaged(tmp_path, report, change))
    assert "文件结构" not in found
    assert found["正文字体字号"].measured == "未设置东亚字体 ? pt"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda data: data[: len(data) // 2],
            "文件已损坏，无法作为 Word 文档打开（文件不完整，可能没有下载或复制完） — "
            "用 Word 或 WPS 打开后“另存为” .docx 再检查",
        ),
        (
            lambda data: b"",
            "文件是空的 — 请选择要检查的公文（.docx、.doc、.wps 或 .odt）",
        ),
        (  # found by tools/fuzz.py: zipfile's RuntimeError was an internal error
            lambda data: zip_recoded(data, encrypted=True),
            "文件中的 [Content_Types].xml 设有密码（已加密），无法读取 — "
            "用 Word 或 WPS 打开后“另存为” .docx 再检查",
        ),
        (
            lambda data: zip_recoded(data, method=9),
            "文件中的 [Content_Types].xml 用了无法解压的压缩方式（编号 9） — "
            "用 Word 或 WPS 打开后“另存为” .docx 再检查",
        ),
    ],
    ids=["truncated zip", "empty file", "zip password", "Deflate64"],
)
def test_an_unreadable_file_is_a_message(cli, tmp_path, report, damage, message):
    path = tmp_path / "x.docx"
    path.write_bytes(damage(report))
    with pytest.raises(InputError) as e:
        check_docx(path)
    assert str(e.value.diagnostics[0]) == f"{path}: (文件): {message}"
    assert "无法检查" in _run(cli, path)


def test_broken_body_xml_is_located(tmp_path, report):
    path = _damaged(
        tmp_path,
        report,
        _edit("word/document.xml", lambda d: d.replace(b"</w:body>", b"<w:p></w:body>")),
    )
    with pytest.raises(InputError) as e:
        check_docx(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: \(文件\): 文件已损坏：正文 word/document\.xml 第2行第\d+列的 "
        r"XML 有错误（.+） — 用 Word 打开（按提示修复）后另存为 \.docx，再检查",
        str(e.value.diagnostics[0]),
    )


def test_no_section_properties(tmp_path, report):
    path = _damaged(
        tmp_path,
        report,
        _edit("word/document.xml", lambda d: re.sub(rb"<w:sectPr\b.*?</w:sectPr>", b"", d)),
    )
    found = _findings(path)
    for rule in ("纸张", "上边距", "页码页脚"):
        assert found[rule].measured == "文档没有页面设置（正文末尾缺少 w:sectPr）"
    assert found["页码字体字号"].measured == "页脚中没有页码数字"


def test_a_footer_reference_to_no_relationship(tmp_path, report):
    path = _damaged(
        tmp_path,
        report,
        _edit(
            "word/document.xml",
            lambda d: re.sub(
                rb'(<w:footerReference w:type="default" r:id=")[^"]*', rb"\1rId404", d
            ),
        ),
    )
    found = _findings(path)
    assert found["页码页脚"].measured.endswith("；单页页脚引用的部件不存在")


def test_values_no_renderer_could_read(tmp_path, report):
    """A size of "abc", a page width of "wide", a style id with a quote: measured as unset."""

    def edit_styles(d: bytes) -> bytes:
        d = re.sub(rb'<w:sz w:val="\d+"/>', b'<w:sz w:val="abc"/>', d, count=3)
        return d.replace(b'w:styleId="Normal"', b'w:styleId="No\'rmal"')

    def change(name: str, data: bytes):
        if name == "+":
            return None
        if name == "word/styles.xml":
            return edit_styles(data)
        if name == "word/document.xml":
            return re.sub(rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="wide"', data)
        return data

    found = _findings(_damaged(tmp_path, report, change))
    assert found["纸张"].measured == "未设置纸张大小（w:pgSz）"


def test_a_macro_enabled_document_is_checked_as_a_document(tmp_path, report):
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    path = _damaged(
        tmp_path,
        report,
        _edit(
            "[Content_Types].xml",
            lambda d: d.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml"),
        ),
    )
    found = _findings(path)
    assert "文件结构" not in found
    assert found["正文字体字号"].ok


def test_a_spreadsheet_is_named(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "data.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as e:
        check_docx(path)
    assert str(e.value.diagnostics[0]) == (
        f"{path}: (文件): 这是 Excel 表格，不是Word/WPS 文档 — "
        "用 Word 或 WPS 打开后“另存为” .docx 再检查"
    )


def test_random_damage_never_ends_in_an_internal_error(tmp_path, report):
    """Bytes of the XML parts cut, swapped or dropped at random (seeded): every result is
    findings or an InputError."""
    rng = random.Random(9704)
    members = ["word/document.xml", "word/styles.xml", "word/settings.xml", "word/footer1.xml"]
    members += ["word/_rels/document.xml.rels", "[Content_Types].xml", "_rels/.rels"]
    for n in range(60):
        member = rng.choice(members)

        def spoil(data: bytes) -> bytes:
            at = rng.randrange(len(data))
            how = rng.randrange(3)
            if how == 0:
                return data[:at]
            if how == 1:
                span = rng.randrange(1, 40)
                return data[:at] + data[at + span :]
            return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]

        path = _damaged(tmp_path, report, _edit(member, spoil))
        try:
            findings = check_docx(path)
        except InputError:
            continue
        assert findings, (n, member)
