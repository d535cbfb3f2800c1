"""Mutated copies of the shipped examples and templates: never a traceback, never a broken or
stray file.

Hypothesis deletes keys, swaps value types, truncates the text, and injects unusual Unicode (control
characters, full-width punctuation, right-to-left marks, astral characters, invalid bytes) into
every example in examples/. Each mutant goes through ``reportgen validate`` and, when valid,
``reportgen render``; the exit code must be 0, 1 or 2, and on 0 the .docx must open.
"""

import datetime
import io
import uuid
import zipfile

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import EXAMPLE_SOURCES, FIXTURES, GOOD_PATH, TEMPLATES_DIR

SOURCES = EXAMPLE_SOURCES or sorted(FIXTURES.glob("minimal-*.yaml"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in SOURCES}
DATA = {name: yaml.safe_load(text) for name, text in TEXTS.items()}

ODD_TEXT = [
    "\x0b",
    "\x0c",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "\uffff",
    "：",
    "\u3000",
    "，",
    "𠀀",
    "😀",
    "e\u0301",
    "&",
    "<",
    ">",
    '"',
    "'",
    "]]>",
    "{{",
    "}}",
    "{%",
    "%}",
    "\t",
    "\r",
    "\n",
    ": ",
    "- ",
    "#",
    "*a",
    "&a",
    "!!python/name:os.system",
    "'",
    "|",
    "> ",
]
ODD_VALUES = [
    None,
    0,
    -1,
    10**30,
    1.5,
    float("nan"),
    True,
    "",
    "文字",
    [],
    {},
    ["甲", "乙"],
    {"k": "v"},
    "2021-13-45",
    "2021年3月",
    "1,861",
    "15.69亿元",
    "１８６１",
    datetime.date(2021, 4, 1),
    "\x0b\x0c\x01",
    "x" * 5000,
]


def _paths(data, prefix=()):
    """Every (path, value) in a nested structure, parents before children."""
    out = [(prefix, data)]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _copy(data):
    return yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))


def _set(data, path, value, *, delete=False):
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


@st.composite
def mutants(draw) -> bytes:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    how = draw(
        st.sampled_from(
            ["delete", "swap", "inject-value", "truncate", "inject-text", "lines", "bytes"]
        )
    )
    if how in ("delete", "swap", "inject-value"):
        data = _copy(DATA[name])
        paths = _paths(data)
        path, value = draw(st.sampled_from(paths))
        if how == "delete" and path:
            data = _set(data, path, None, delete=True)
        elif how == "inject-value" and isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            odd = draw(st.sampled_from(ODD_TEXT) | st.text(max_size=8))
            data = _set(data, path, value[:at] + odd + value[at:])
        else:
            data = _set(data, path, draw(st.sampled_from(ODD_VALUES)))
        try:
            return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(
                "utf-8", "surrogatepass"
            )
        except (yaml.YAMLError, ValueError):
            return text.encode("utf-8")
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))].encode("utf-8")
    if how == "inject-text":
        at = draw(st.integers(0, len(text)))
        odd = draw(
            st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=4), min_size=1, max_size=4)
        )
        return (text[:at] + "".join(odd) + text[at:]).encode("utf-8", "surrogatepass")
    if how == "lines":
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        lines.insert(j, lines.pop(i)) if draw(st.booleans()) else lines.insert(j, lines[i])
        return "".join(lines).encode("utf-8")
    raw = bytearray(text.encode("utf-8"))
    at = draw(st.integers(0, len(raw)))
    raw[at:at] = draw(st.binary(min_size=1, max_size=4))
    return bytes(raw)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("property")


def check(result, allowed=(0, 1, 2)):
    """The exit code is one of ``allowed`` and no bug was reported (the cli fixture has already
    failed the test on a traceback)."""
    assert result.exit_code in allowed, (result.exit_code, result.output)
    assert "内部错误" not in result.output, result.output


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutants())
def test_mutated_examples_never_crash(cli, workdir, raw):
    folder = workdir / uuid.uuid4().hex
    folder.mkdir()
    source = folder / "r.yaml"
    source.write_bytes(raw)
    validated = cli("validate", source)
    check(validated)
    out = folder / "out" / "r.docx"
    rendered = cli("render", source, "-o", out)
    # What validates must render; what does not must leave nothing behind.
    check(rendered, allowed=(0,) if validated.exit_code == 0 else (1, 2))
    if rendered.exit_code == 0:
        assert docx.Document(str(out)).paragraphs
        assert sorted(p.name for p in out.parent.iterdir()) == ["r.docx"]
    else:
        assert not out.parent.exists() or not any(out.parent.iterdir())


def test_examples_are_there_to_mutate():
    assert SOURCES, "no examples/*.yaml or fixtures to mutate"
    for name, data in DATA.items():
        assert isinstance(data, dict) and data.get("kind"), name


TEMPLATE = (TEMPLATES_DIR / "rectification.docx").read_bytes()
SNIPPETS = [
    "{{",
    "}}",
    "{%",
    "%}",
    "{% endfor %}",
    "{{ blocks[999] }}",
    "{{ 1/0 }}",
    "{{ none.x }}",
    "{%p if x %}",
    "<w:p>",
    "</w:t>",
    "&",
    "{{ ledger.rows[0] }}",
    "{{ '%s %s' % title }}",
    "{{ date|round }}",
    "{{ title.__class__ }}",
    "{{ range(10**6)|list }}",
    "{{ 'x' * 10**7 }}",
    "{{ lipsum(10) }}",
]


@st.composite
def broken_templates(draw) -> bytes:
    how = draw(st.sampled_from(["snippet", "truncate", "bytes", "drop"]))
    if how == "truncate":
        return TEMPLATE[: draw(st.integers(0, len(TEMPLATE)))]
    if how == "bytes":
        at = draw(st.integers(0, len(TEMPLATE) - 4))
        return TEMPLATE[:at] + draw(st.binary(min_size=4, max_size=4)) + TEMPLATE[at + 4 :]
    source = zipfile.ZipFile(io.BytesIO(TEMPLATE))
    names = source.namelist()
    dropped = draw(st.sampled_from(names)) if how == "drop" else None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            data = source.read(name)
            if name == "word/document.xml" and how == "snippet":
                xml = data.decode("utf-8")
                runs = [i for i in range(len(xml)) if xml.startswith("<w:t", i)]
                at = xml.index(">", draw(st.sampled_from(runs))) + 1
                data = (xml[:at] + draw(st.sampled_from(SNIPPETS)) + xml[at:]).encode("utf-8")
            if name != dropped:
                z.writestr(name, data)
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(template=broken_templates())
def test_mutated_templates_never_crash(cli, docx_lines, workdir, template):
    folder = workdir / uuid.uuid4().hex
    folder.mkdir()
    (folder / "tpl.docx").write_bytes(template)
    out = folder / "out" / "r.docx"
    rendered = cli("render", GOOD_PATH, "--template", folder / "tpl.docx", "-o", out)
    check(rendered, allowed=(0, 1))
    if rendered.exit_code == 0:
        # What a damaged template still renders is the report: its problem and its issuer.
        text = "\n".join(docx_lines(out))
        assert "教育决策机制还不够完善" in text and "绍兴市越城区人民政府" in text, text
    else:
        assert "tpl.docx: " in rendered.output and " — " in rendered.output, rendered.output
        assert not out.parent.exists() or not any(out.parent.iterdir())
