"""Nothing runs from data or templates, and hostile files fail fast with a message."""

import re
import signal
import time
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.read.loader import _nesting_bound
from support import GOOD, zip_recoded

# ---- YAML: only plain data -----------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:builtins.dict {{}}",
        "!include other.yaml",
        "!!binary dG91Y2g=",
        "!!set {{a, b}}",
    ],
)
def test_tags_are_located_errors_and_never_run(cli, tmp_path, tag):
    marker = tmp_path / "pwned"
    source = tmp_path / "r.yaml"
    # Line 4: issuer's value carries the tag.
    source.write_text(
        GOOD.replace("issuer: 绍兴市越城区人民政府", "issuer: " + tag.format(marker=marker)),
        encoding="utf-8",
    )
    for command in (["validate", source], ["render", source, "-o", tmp_path / "r.docx"]):
        result = cli(*command)
        assert result.exit_code == 1
        assert re.search(
            r"r\.yaml:4:9: issuer: 不允许的 YAML 标签 .+ — .*请删除以 ! 开头的标签", result.output
        ), result.output
    assert not marker.exists()
    assert not (tmp_path / "r.docx").exists()


def test_tag_at_top_level_is_an_error(cli, tmp_path):
    source = tmp_path / "r.yaml"
    source.write_text('!!python/object/apply:os.system ["echo pwned"]\n', encoding="utf-8")
    result = cli("validate", source)
    assert result.exit_code == 1
    assert re.search(
        r"r\.yaml:1:1: \(文件\): 不允许的 YAML 标签 "
        r"tag:yaml\.org,2002:python/object/apply:os\.system — ",
        result.output,
    )
    assert "pwned" not in result.output.replace("echo pwned", "")


BILLION_LAUGHS = (
    "\n".join(
        ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    + "\n"
)


def test_billion_laughs_fails_within_a_second(cli, tmp_path):
    source = tmp_path / "lol.yaml"
    source.write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.perf_counter()
    result = cli("validate", source)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    assert re.search(
        r"lol\.yaml:\d+:\d+: \(文件\): 文件内容过多（可能是别名 & / \* 反复展开），已停止读取 — ",
        result.output,
    )
    assert elapsed < 1.0, elapsed


def test_too_many_values_fail_fast_without_blaming_aliases(cli, tmp_path):
    source = tmp_path / "many.yaml"
    source.write_text("a: [" + ", ".join(["1"] * 210_000) + "]\n", encoding="utf-8")
    start = time.perf_counter()
    result = cli("validate", source)
    assert time.perf_counter() - start < 2.0
    assert result.exit_code == 1
    assert re.search(
        r"many\.yaml:1:\d+: \(文件\): 文件内容过多（超过 200000 项），已停止读取 — ", result.output
    )


def test_a_few_aliases_are_still_fine(cli, tmp_path):
    source = tmp_path / "r.yaml"
    source.write_text(
        GOOD.replace(
            "issuer: 绍兴市越城区人民政府",
            "issuer: &who 绍兴市越城区人民政府\nrectification_title: *who",
        ),
        encoding="utf-8",
    )
    assert cli("validate", source).exit_code == 0


def test_machine_written_yaml_with_many_aliases_loads(cli, tmp_path):
    # PyYAML writes a shared object once and refers to it by alias: 3,000 aliases of a 9-node
    # measure.
    data = yaml.safe_load(GOOD)
    data["problems"][0]["measures"] = [data["problems"][0]["measures"][0]] * 3000
    text = yaml.safe_dump(data, allow_unicode=True)
    assert text.count("*id001") == 2999
    source = tmp_path / "r.yaml"
    source.write_text(text, encoding="utf-8")
    result = cli("validate", source)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(1000)),
        "".join(" " * i + f"k{i}:\n" for i in range(70)),
        "- " * 10_000 + "x\n",
    ],
    ids=[
        "flow-sequences",
        "flow-mappings",
        "block-mappings",
        "shallow-indent-past-limit",
        "compact-lists",
    ],
)
def test_deep_nesting_is_refused_without_crashing(cli_process, tmp_path, text):
    # In a child process: the failure this guards against is libyaml's composer overflowing the C
    # stack, which would kill the test run rather than fail one test.
    source = tmp_path / "deep.yaml"
    source.write_text(text, encoding="utf-8")
    done = cli_process("validate", source)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, (done.returncode, stderr[-2000:])
    assert re.search(r"deep\.yaml:\d+:\d+: \(文件\): 文件层级过深，已停止读取 — ", stderr), stderr[
        -2000:
    ]
    assert "Traceback" not in stderr


# ---- templates: a Jinja sandbox --------------------------------------------------------------


def make_template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "expression, message",
    [
        (
            "{{ ''.__class__.__mro__ }}",
            r"模板中有不允许的操作（access to attribute '__class__' of 'str' object is unsafe\.?）",
        ),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", r"模板中有不允许的操作（.*__class__"),
        (
            "{{ title.__class__.__init__.__globals__ }}",
            r"模板中有不允许的操作（access to attribute '__\w+__'",
        ),
        ("{{ title|attr('__class__') }}", r"模板中有不允许的操作（.*__class__"),
        ("{{ '{0.__class__}'.format(title) }}", r"模板中有不允许的操作（.*__class__"),
        ("{{ 'a' * 10**10 }}", r"模板中有不允许的操作（repetition too large）"),
        ("{{ 2 ** 100000000 }}", r"模板中有不允许的操作（power too large）"),
        ("{{ range(10**9)|list }}", r"模板中的循环过大（.*） — "),
        ("{{ 'x'|center(10**9) }}", r"模板中有不允许的操作（width too large）"),
        ("{{ 'x'.ljust(10**9) }}", r"模板中有不允许的操作（width too large）"),
        ("{{ '%999999999d' % 1 }}", r"模板中有不允许的操作（format width too large）"),
        ("{{ '%999999999d'|format(1) }}", r"模板中有不允许的操作（format width too large）"),
        ("{{ '{:>999999999}'.format(1) }}", r"模板中有不允许的操作（format width too large）"),
        (
            "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}",
            r"模板中有不允许的操作（replace too large）",
        ),
        (
            "{{ ('x' * 100000).replace('x', 'y' * 100000) }}",
            r"模板中有不允许的操作（replace too large）",
        ),
        ("{{ ('x' * 100000).join(['a'] * 100000) }}", r"模板中有不允许的操作（join too large）"),
        ("{{ ('x' * 100000)|join('y' * 100000) }}", r"模板中有不允许的操作（join too large）"),
        ("{{ title|indent(10**9) }}", r"模板中有不允许的操作（indent too large）"),
        ("{{ no_such_name }}", r"模板使用了未定义的变量：'no_such_name' is undefined — "),
        ("{% for x in blocks %}", r"模板语法错误：.* — 检查模板中的 \{% … %\} 标签是否成对"),
    ],
)
def test_hostile_template_fails_clearly_and_writes_nothing(
    cli, tmp_path, source, expression, message
):
    template = make_template(tmp_path / "tpl.docx", expression)
    out = tmp_path / "out" / "r.docx"
    start = time.perf_counter()
    result = cli("render", source, "--template", template, "-o", out)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 1
    assert re.search(r"tpl\.docx: " + message, result.output), result.output
    assert " — " in result.output
    assert not out.exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.skipif(
    not hasattr(__import__("signal"), "setitimer"), reason="no interval timer on this platform"
)
def test_a_template_that_loops_too_long_is_stopped(cli, tmp_path, source, monkeypatch):
    monkeypatch.setattr("reportgen.render.docx.RENDER_SECONDS", 0.5)
    handler = signal.getsignal(signal.SIGALRM)
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    template = make_template(tmp_path / "tpl.docx", loops)
    out = tmp_path / "r.docx"
    start = time.perf_counter()
    result = cli("render", source, "--template", template, "-o", out)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 1
    assert re.search(
        r"tpl\.docx: 模板运行超过 0\.5 秒仍未完成，已停止 — 检查模板中的循环", result.output
    ), result.output
    assert not out.exists()
    # The timer is off again and the alarm handler put back, after a stopped render and after a
    # finished one: a slow step after rendering (writing, converting) is never interrupted.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler
    assert cli("render", source, "-o", out).exit_code == 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_hostile_template_keeps_the_previous_output(cli, tmp_path, source):
    out = tmp_path / "r.docx"
    assert cli("render", source, "-o", out).exit_code == 0
    before = out.read_bytes()
    template = make_template(tmp_path / "tpl.docx", "{{ ''.__class__.__mro__ }}")
    assert cli("render", source, "--template", template, "-o", out).exit_code == 1
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    "expression, message",
    [
        ("{{ 1/0 }}", r"模板中的表达式出错（ZeroDivisionError: division by zero） — 检查模板中的"),
        ("{{ '%s %s' % title }}", r"模板中的表达式出错（TypeError: .*） — "),
        ("{{ '{:d}'.format(title) }}", r"模板中的表达式出错（ValueError: .*） — "),
    ],
)
def test_template_expression_errors_are_template_errors(cli, tmp_path, source, expression, message):
    template = make_template(tmp_path / "tpl.docx", expression)
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(r"tpl\.docx: " + message, result.output), result.output
    assert not (tmp_path / "r.docx").exists()


def rewrite_zip(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
    return target


def test_template_with_broken_xml_is_a_template_error(cli, tmp_path, source, root_dir):
    # A bare & in the body, as a hand-edited template might have.
    template = rewrite_zip(
        root_dir / "templates" / "rectification.docx",
        tmp_path / "tpl.docx",
        lambda name, data: (
            data.replace(b"<w:body>", b"<w:body>&", 1) if name == "word/document.xml" else data
        ),
    )
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(
        r"tpl\.docx: (模板渲染后不是有效的 Word 文档|不是有效的 \.docx 模板)（.*） — ",
        result.output,
    ), result.output


def test_template_with_damaged_compressed_data_is_a_template_error(cli, tmp_path, source, root_dir):
    raw = bytearray((root_dir / "templates" / "rectification.docx").read_bytes())
    with zipfile.ZipFile(root_dir / "templates" / "rectification.docx") as z:
        info = z.getinfo("word/document.xml")
    # Overwrite the middle of document.xml's compressed bytes, leaving the zip directory intact.
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    raw[start : start + 16] = bytes(range(16))
    template = tmp_path / "tpl.docx"
    template.write_bytes(bytes(raw))
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(
        r"tpl\.docx: 不是有效的 \.docx 模板（.*） — 请用 Word 另存为 \.docx", result.output
    ), result.output


def test_template_with_unsupported_compression_is_a_template_error(cli, tmp_path, source, root_dir):
    # Deflate64 (method 9), which some Windows zip tools use and Python's zipfile cannot read.
    raw = bytearray((root_dir / "templates" / "rectification.docx").read_bytes())
    at = raw.find(b"PK\x01\x02")
    while (
        raw[at + 46 : at + 46 + int.from_bytes(raw[at + 28 : at + 30], "little")]
        != b"word/document.xml"
    ):
        at = raw.find(b"PK\x01\x02", at + 4)
    raw[at + 10 : at + 12] = (9).to_bytes(2, "little")
    template = tmp_path / "tpl.docx"
    template.write_bytes(bytes(raw))
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(
        r"tpl\.docx: 不是有效的 \.docx 模板（.*） — 请用 Word 另存为 \.docx", result.output
    ), result.output


def test_template_with_a_zip_password(cli, tmp_path, source, root_dir):
    """Found by tools/fuzz.py: an "encrypted" member was zipfile's RuntimeError, an internal
    error."""
    template = tmp_path / "tpl.docx"
    raw = (root_dir / "templates" / "rectification.docx").read_bytes()
    template.write_bytes(zip_recoded(raw, encrypted=True))
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert result.output == (
        f"{template}: 不是有效的 .docx 模板（文件中的 [Content_Types].xml 设有密码（已加密），"
        "无法读取） — 请用 Word 另存为 .docx\n"
    )
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a zip at all", r"不是有效的 \.docx 模板（.*） — 请用 Word 另存为 \.docx"),
        (None, r"模板文件不存在 — 检查 --template 的路径"),
    ],
)
def test_broken_or_missing_template(cli, tmp_path, source, content, message):
    template = tmp_path / "tpl.docx"
    if content is not None:
        template.write_bytes(content)
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(r"tpl\.docx: " + message, result.output), result.output
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ],
    ids=["dotx", "docm"],
)
def test_word_template_or_macro_document_is_named(cli, tmp_path, source, root_dir, content_type):
    template = tmp_path / "tpl.docx"
    shipped = zipfile.ZipFile(root_dir / "templates" / "rectification.docx")
    with zipfile.ZipFile(template, "w") as out:
        for info in shipped.infolist():
            data = shipped.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    content_type.encode(),
                )
            out.writestr(info, data)
    result = cli("render", source, "--template", template, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert re.search(
        r"tpl\.docx: 模板是 Word 模板（\.dotx）或启用宏的文档（\.docm），不是 \.docx — "
        r"请在 Word 中打开后“另存为”",
        result.output,
    ), result.output
    assert not (tmp_path / "r.docx").exists()


def test_template_syntax_in_data_is_printed_not_run(cli, tmp_path):
    source = tmp_path / "r.yaml"
    source.write_text(
        GOOD.replace(
            "text: 区委常委会每年至少研究一次教育工作。",
            "text: \"{{ 7*7 }} {% if true %}是{% endif %} {{ ''.__class__ }}\"",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "r.docx"
    assert cli("render", source, "-o", out).exit_code == 0
    texts = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "{{ 7*7 }} {% if true %}是{% endif %} {{ ''.__class__ }}" in texts
    assert "49" not in texts


# ---- last resort: a bug is reported, not dumped ---------------------------------------------


def test_unexpected_exception_is_an_internal_error_line(cli, tmp_path, source, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("模拟的程序缺陷")

    monkeypatch.setattr("reportgen.cli.render_file", boom)
    result = cli("render", source, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    # The one wording of errors.internal_error (validate and batch add the file in front).
    assert result.output == (
        "内部错误（RuntimeError: 模拟的程序缺陷） — 请把这一行和所用的文件发给 reportgen 的维护者\n"
    )


def test_a_bug_on_one_file_does_not_hide_the_others_in_validate(cli, tmp_path, source, monkeypatch):
    from reportgen import cli as cli_module

    real = cli_module.load_report

    def flaky(path, **options):
        if Path(path).name == "first.yaml":
            raise RuntimeError("模拟的程序缺陷")
        return real(path, **options)

    monkeypatch.setattr("reportgen.cli.load_report", flaky)
    first = tmp_path / "first.yaml"
    first.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("validate", first, source)
    assert result.exit_code == 1
    assert f"{first}: 内部错误（RuntimeError: 模拟的程序缺陷）" in result.output
    assert f"✓ {source}" in result.output
    assert "1 个文件有问题，1 个正确。" in result.output


# ---- the nesting bound that lets ordinary files skip the pre-parse ---------------------------


_leaves = st.one_of(st.none(), st.integers(), st.text(max_size=3))
_trees = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=40,
)


def _depth(node) -> int:
    if isinstance(node, dict):
        return 1 + max(map(_depth, node.values()), default=0)
    if isinstance(node, list):
        return 1 + max(map(_depth, node), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(_trees, st.sampled_from([None, True, False]), st.integers(1, 8))
def test_nesting_bound_is_never_below_the_real_depth(tree, flow, indent):
    text = yaml.safe_dump(
        tree, default_flow_style=flow, indent=max(indent, 2), allow_unicode=True, width=10**6
    )
    events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    depth = deepest = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    assert deepest == _depth(tree)
    assert _nesting_bound(text) >= deepest
