"""Fuzz the real ``reportgen`` CLI, every command, and hold each run to the house's bar.

    uv run python tools/fuzz.py --cases 400 --seed 1           # 15-20 minutes on 2 busy cores
    uv run python tools/fuzz.py --cases 60 --seed 5 --only check,import --keep /tmp/fuzz
    uv run python tools/fuzz.py --seed 5 --case 17 --keep /tmp/fuzz    # replay one case
    uv run python tools/fuzz.py --cases 1000 --seed 7 --in-process     # about 4 cases a second

A case is made from (seed, number) alone: its input files, written to a fresh folder, are mutants
of examples/ and tests/fixtures (YAML with values swapped for other types, deleted, huge, nested,
alias bombs, odd Unicode: control characters, lone surrogates, RTL and zero-width marks; the text
truncated, re-encoded as GBK or UTF-16 with its BOM, emptied), of .docx packages (truncated, bits
flipped, members dropped or damaged, zip bombs, "encrypted" members, not a zip at all), of seed
texts, figures sheets (.xlsx/.csv), _defaults.yaml and old manifests; plus folders where files are
expected, odd text in options, and outputs that cannot be written. The command (validate [--json],
render, batch, check, import, new [--from], rollup, schema) runs in a subprocess from that folder
(``--in-process``: through click's CliRunner, as tests/test_fuzz.py runs a seeded share of the
cases on every test run).

The oracle, for every case: exit code 0, 1 or 2, within the timeout; no "Traceback" and no
"内部错误" (the CLI's word for a bug) in what it prints; a failure says something and names the
file it is about; an output named on the command line is, after success, a whole file (a
.docx/.xlsx opens as a zip, a .yaml parses), and after failure absent or the old bytes; no
temporary file is left. Per command: ``validate --json`` prints JSON whose errors each name a
file; ``check`` names every file it was given; a batch whose only bad inputs are district files
renders every good district and lists every bad one as 出错 in manifest.csv with a reason.

Failing cases are copied under --keep with repro.sh; the summary counts cases and failures.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import io
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) or sorted(FIXTURES.glob("minimal-*.yaml"))
DATA = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES}
DOCX_SOURCES = [  # zips (the corpus's encrypted .docx is an OLE file: taken as it is below)
    p
    for p in [*(ROOT / "templates").glob("*.docx"), *(FIXTURES / "corpus").glob("*.docx")]
    if zipfile.is_zipfile(p)
]
OTHER_DOCS = sorted(
    p
    for p in (FIXTURES / "corpus").glob("*.*")
    if p.suffix in (".doc", ".odt", ".docx") and not zipfile.is_zipfile(p)
)
TEXTS = [*sorted((FIXTURES / "seeds").glob("*.txt")), *sorted((FIXTURES / "corpus").glob("*.md"))]
COMMANDS = ["validate", "render", "batch", "check", "import", "new", "rollup", "schema"]
CODES = (0, 1, 2)

# ---- odd material ------------------------------------------------------------------------------

ODD_CHARS = [
    "\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\u200b", "\u200d", "\u202e",
    "\u061c", "\ufeff", "\ufffd", "\uffff", "\ud800", "\udfff", "\U000e0001", "e\u0301" * 200,
    "𠀀", "😀", "\u3000", "：", "{{", "}}", "{%", "]]>", "&", "<", "\t", "\r", "\n", ": ", "- ",
    " #", "'", '"', "\\", "*a", "&a", "!!python/name:os.system", "|", "一、", "（一）", "附件",
]  # fmt: skip
# YAML text put where a value goes (through a placeholder: a dumper would quote it).
RAW = [
    "1e1000000", ".nan", "-.inf", "0x1F", "0o777", "99999999999999999999999999", "2021-02-30",
    "9999-12-31", "~", "yes", "!!binary aGVsbG8=", "!!python/object/apply:os.system ['echo']",
    "!!set {a, b}", "'", '"unterminated', "&anchor x", "*nope", "<<: {a: 1}", '"\\ud800"',
    "[a, [b]]", "{? [a, b]: c}", "{null: x}", "- - - a", "x\n  y: z", "!local x",
]  # fmt: skip
ODD_VALUES: list[Any] = [
    None, "", [], {}, [[]], [{}], {"k": "v"}, True, 0, -1, 2**64, 1e308, float("nan"),
    "待填", "x" * 5000, "文" * 100_000, ["x"] * 500, "a: b", "\x0b\x0c\x01",
]  # fmt: skip


def pick(rng: random.Random, words: str) -> str:
    return rng.choice(words.split())


def odd_text(rng: random.Random) -> str:
    return "".join(rng.choice(ODD_CHARS) for _ in range(rng.randint(1, 4)))


def arg_text(rng: random.Random) -> str:
    """Odd text a command line can carry (no NUL, no lone surrogate)."""
    return re.sub("[\x00\ud800-\udfff]", "", odd_text(rng))


def laughs(depth: int = 9) -> list[Any]:
    """A billion laughs: shared lists, which yaml.dump writes as anchors and aliases."""
    node: list[Any] = ["笑"] * 9
    for _ in range(depth - 1):
        node = [node] * 9
    return node


def deep(rng: random.Random) -> str:
    n = rng.choice([64, 1000, 50_000])
    return "[" * n + "]" * n if rng.random() < 0.5 else "{a: " * n + "1" + "}" * n


# ---- YAML mutants -------------------------------------------------------------------------------


def _paths(data: Any, prefix: tuple = (), seen: set[int] | None = None) -> list[tuple[tuple, Any]]:
    """Every (path, value) of the data, each shared list or mapping (a bomb's) once."""
    seen = set() if seen is None else seen
    out: list[tuple[tuple, Any]] = [(prefix, data)]
    if isinstance(data, (dict, list)) and id(data) not in seen:
        seen.add(id(data))
        for k, v in data.items() if isinstance(data, dict) else enumerate(data):
            out += _paths(v, (*prefix, k), seen)
    return out


def _set(data: Any, path: tuple, value: Any, delete: bool = False) -> Any:
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


def mutate_data(rng: random.Random, data: Any, raws: dict[str, str], notes: list[str]) -> Any:
    """One change at a random place: deleted, emptied, another type, huge, odd Unicode, raw YAML."""
    path, value = rng.choice(_paths(data))
    op = pick(rng, "delete odd odd unicode unicode raw huge wrap swap bomb rename")
    notes.append(f"{op} at {'/'.join(map(str, path)) or '(root)'}")
    if op == "delete" and path:
        return _set(data, path, None, delete=True)
    if op == "unicode":
        new = odd_text(rng)
        if isinstance(value, str):
            at = rng.randint(0, len(value))
            new = value[:at] + new + value[at:]
        return _set(data, path, new)
    if op == "raw":
        key = f"ZQXRAW{len(raws)}ZQX"
        raws[key] = deep(rng) if rng.random() < 0.2 else rng.choice(RAW)
        return _set(data, path, key)
    if op == "huge":
        big = [copy.deepcopy(value)] * rng.choice([300, 5000]) if rng.random() < 0.3 else None
        return _set(data, path, big or rng.choice(["字", "a。"]) * rng.choice([3000, 300_000]))
    if op == "wrap":
        return _set(data, path, [value] if rng.random() < 0.5 else {"x": value})
    if op == "swap":
        return _set(data, path, copy.deepcopy(rng.choice(_paths(data))[1]))
    if op == "bomb":
        return _set(data, path, laughs(rng.choice([3, 9])))
    if op == "rename" and path and isinstance(path[-1], str):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[rng.choice([path[-1].upper(), path[-1] + "：", "", "标题"])] = parent.pop(path[-1])
        return data
    return _set(data, path, copy.deepcopy(rng.choice(ODD_VALUES)))


def mutate_text(rng: random.Random, text: str, notes: list[str]) -> bytes:
    """The text itself bent: truncated, odd bytes inserted, lines moved, re-encoded, emptied."""
    op = pick(rng, "truncate insert lines encoding bytes endings empty docs tabs dupkey")
    notes.append(f"text {op}")
    if op == "truncate":
        raw = text.encode("utf-8", "surrogatepass")
        return raw[: rng.randint(0, len(raw))]
    if op == "insert":
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice([odd_text(rng), rng.choice(RAW), deep(rng)]) + text[at:]
    elif op == "lines":
        lines = text.splitlines(keepends=True) or [""]
        lines.insert(rng.randrange(len(lines)), lines.pop(rng.randrange(len(lines))))
        text = "".join(lines)
    elif op == "encoding":
        enc = rng.choice(["gbk", "gb18030", "utf-16", "utf-16-le", "utf-32", "big5", "latin-1"])
        notes.append(enc)
        return text.encode(enc, "replace")
    elif op == "bytes":
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(rng.randint(1, 8)):
            at = rng.randint(0, len(raw))
            raw[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        return bytes(raw)
    elif op == "endings":
        text = text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\x85"]))
    elif op == "empty":
        return rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"   \n\n", b"---\n", b"~\n", b"[]"])
    elif op == "dupkey":
        tops = re.findall(r"(?m)^\w+:.*\n", text) or ["kind: x\n"]
        text += rng.choice(tops)
    elif op == "docs":
        text += rng.choice(["---\nkind: general\n", "...\n", "--- |\n  x\n", "%YAML 1.1\n"])
    else:
        text = re.sub(r"(?m)^( +)", lambda m: "\t" * (len(m.group(1)) // 2), text)
    return text.encode("utf-8", "surrogatepass")


def yaml_mutant(rng: random.Random, notes: list[str], name: str | None = None) -> bytes:
    name = name or rng.choice(sorted(DATA))
    notes.append(name)
    data, raws = copy.deepcopy(DATA[name]), {}
    for _ in range(rng.choice([1, 1, 2, 3])):
        data = mutate_data(rng, data, raws, notes)
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    except (yaml.YAMLError, RecursionError, ValueError):
        text = str(data)
    for key, raw in raws.items():
        text = text.replace(key, raw)
    if rng.random() < 0.3:
        return mutate_text(rng, text, notes)
    return text.encode("utf-8", "surrogatepass")


def defaults_mutant(rng: random.Random, notes: list[str]) -> bytes:
    """A _defaults.yaml: some top-level values of an example (the shared ones), bent."""
    name = rng.choice(sorted(DATA))
    shared = {k: v for k, v in DATA[name].items() if k in ("issuer", "date", "year", "kind")}
    notes.append(f"defaults from {name}")
    data, raws = copy.deepcopy(shared), {}
    for _ in range(rng.choice([0, 1, 2])):
        data = mutate_data(rng, data, raws, notes)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for key, raw in raws.items():
        text = text.replace(key, raw)
    return mutate_text(rng, text, notes) if rng.random() < 0.3 else text.encode("utf-8", "replace")


def good_yaml(name: str, region: str) -> bytes:
    data = copy.deepcopy(DATA[name])
    data["region"] = {**(data.get("region") or {}), "name": region}
    data["region"].pop("parent", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


# ---- .docx mutants ------------------------------------------------------------------------------


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


def _bomb_zip(name: str, megabytes: int, declared: int) -> bytes:
    """A zip whose member ``name`` inflates to ``megabytes`` of zeros, declaring ``declared``
    bytes: 1 MB blocks deflated once and repeated (a full flush makes each stand alone)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    data = block * megabytes + b"\x03\x00"  # an empty final block ends the stream
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(info, b"")  # a placeholder, patched below to the raw deflate stream
    raw = out.getvalue()
    head = raw.index(b"PK\x03\x04")
    local = bytearray(raw[head : head + 30 + len(name)])
    local[18:26] = len(data).to_bytes(4, "little") + declared.to_bytes(4, "little")
    cen = bytearray(raw[raw.index(b"PK\x01\x02") : raw.index(b"PK\x05\x06")])
    cen[20:28] = len(data).to_bytes(4, "little") + declared.to_bytes(4, "little")
    end = bytearray(raw[raw.index(b"PK\x05\x06") :])
    end[12:20] = len(cen).to_bytes(4, "little") + (len(local) + len(data)).to_bytes(4, "little")
    return bytes(local) + data + bytes(cen) + bytes(end)


def mutate_docx(rng: random.Random, data: bytes, notes: list[str]) -> bytes:
    """A .docx damaged one way."""
    op = pick(rng, "truncate flip drop damage damage xml bomb encrypted method notzip garbage")
    notes.append(f"docx {op}")
    if op == "truncate":
        return data[: rng.randint(0, len(data))]
    if op == "flip":
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if op == "notzip":
        junk = [b"", b"PK", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0" + bytes(600)]
        return rng.choice([*junk, "一、标题\n正文".encode(), _zip([("foo.txt", b"x")]), _zip([])])
    if op == "garbage":
        return bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
    if op == "bomb":
        name = rng.choice(["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
        size = rng.choice([300, 50])
        notes.append(f"{name} {size} MB, declared {'truly' if size == 300 else 'small'}")
        return _bomb_zip(name, size, (size << 20) if size == 300 else 1000)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    names = [n for n, _ in members]
    main = [i for i, n in enumerate(names) if n in ("word/document.xml", "xl/workbook.xml")]
    i = rng.choice(main * 3 + list(range(len(names))))
    name, content = members[i]
    if op == "drop":
        notes.append(f"drop {name}")
        del members[i]
    elif op == "damage":
        how = pick(rng, "empty cut inject binary")
        notes.append(f"{how} {name}")
        at = rng.randint(0, len(content))
        odd = odd_text(rng).encode("utf-8", "surrogatepass")
        new = {"empty": b"", "cut": content[:at], "binary": os.urandom(300)}
        members[i] = (name, new.get(how, content[:at] + odd + content[at:]))
    elif op == "xml":
        tail = rng.choice(
            [
                '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
                '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
            ]
        )
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", content)
        nest = b"<w:p>" * 5000 + b"</w:p>" * 5000 if rng.random() < 0.3 else b"&d;&x;"
        body = re.sub(rb"(<w:body>)", lambda m: m.group(1) + nest, body, count=1)
        members[i] = (name, tail.encode() + body)
        notes.append(f"dtd/nesting in {name}")
    zipped = bytearray(_zip(members))
    if op in ("encrypted", "method"):  # flag bit 0 ("encrypted"), or a method nobody reads
        for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(zipped)):
            local = zipped[m.start() + 2] == 3
            if op == "encrypted":
                zipped[m.start() + (6 if local else 8)] |= 1
            elif rng.random() < 0.5:
                at = m.start() + (8 if local else 10)
                zipped[at : at + 2] = rng.choice([9, 12, 99]).to_bytes(2, "little")
    return bytes(zipped)


def docx_mutant(rng: random.Random, notes: list[str]) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.1 and OTHER_DOCS:
        source = rng.choice(OTHER_DOCS)
        notes.append(f"{source.name} cut")
        data = source.read_bytes()
        return data[: rng.randint(0, len(data))], source.suffix
    source = rng.choice(DOCX_SOURCES)
    notes.append(source.name)
    data = source.read_bytes()
    return (mutate_docx(rng, data, notes) if roll < 0.9 else data), ".docx"


# ---- figures sheets ---------------------------------------------------------------------------

ODD_CELLS: list[Any] = [
    0, -1, 1e308, 12345678901234567890, 0.878, "9.27亿", "1,234", "87.8%", "—", "", " ", "abc",
    "=1/0", "#N/A", True, "１２３", "1e1000000", "x" * 5000, None, "\u202e123", "（上年）",
]  # fmt: skip
FIGURES = sorted(
    {
        f["name"]
        for d in DATA.values()
        for f in (d.get("basic") or {}).get("figures") or []
        if isinstance(f, dict) and "name" in f
    }
) or ["专任教师"]


def figures_sheet(rng: random.Random, regions: list[str], notes: list[str]) -> tuple[bytes, str]:
    header: list[Any] = [rng.choice(["地区", "地区", "地区", "区县", "", None])]
    header += [
        rng.choice([*FIGURES, "", None, "地区", "x" * 300]) for _ in range(rng.randint(1, 5))
    ]
    cell = lambda: rng.choice(ODD_CELLS) if rng.random() < 0.4 else rng.randint(0, 10**6)  # noqa: E731
    regions = [*regions, rng.choice(["不存在区", "", regions[0]])]
    rows = [[r, *(cell() for _ in header[1:])] for r in regions]
    kind = pick(rng, "xlsx xlsx csv garbage")
    notes.append(f"figures {kind} {header}")
    if kind == "garbage":
        suffix = rng.choice([".xlsx", ".csv"])
        return rng.choice([b"", os.urandom(2000), _zip([("a", b"b")])]), suffix
    if kind == "csv":
        out = io.StringIO()
        text = [["" if c is None else str(c) for c in r] for r in [header, *rows]]
        csv.writer(out).writerows(text)
        enc = rng.choice(["utf-8", "utf-8-sig", "gbk", "utf-16", "latin-1"])
        return out.getvalue().encode(enc, "replace"), ".csv"
    import openpyxl

    wb = openpyxl.Workbook()
    clean = lambda c: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", c) if isinstance(c, str) else c  # noqa: E731
    for r in [header, *rows]:
        wb.active.append([clean(c) for c in r])
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    return (mutate_docx(rng, data, notes) if rng.random() < 0.15 else data), ".xlsx"


# ---- cases --------------------------------------------------------------------------------------


@dataclass
class Result:
    code: int | None
    out: str
    err: str
    crash: str = ""  # an exception that escaped (in process only)
    timed_out: bool = False


@dataclass
class Case:
    command: str
    folder: Path
    argv: list[str] = field(default_factory=list)
    stdin: bytes | None = None
    notes: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # a failure names one of these
    outputs: dict[str, bytes | None] = field(default_factory=dict)  # output → its old bytes
    only_output: bool = True  # a failure leaves no output at all (else: whole ones only)
    checks: list[Callable[[Result], list[str]]] = field(default_factory=list)

    def write(self, name: str, data: bytes) -> str:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return name


def odd_input(rng: random.Random, case: Case, suffix: str = ".yaml") -> str:
    """A path that is not a readable file of the kind: missing, a folder, empty, a device."""
    kind = pick(rng, "missing folder empty devnull")
    case.notes.append(f"odd input {kind}")
    if kind == "folder":
        (case.folder / f"folder{suffix}").mkdir(exist_ok=True)
        return f"folder{suffix}"
    if kind == "empty":
        return case.write(f"empty{suffix}", b"")
    return "/dev/null" if kind == "devnull" else f"missing{suffix}"


def odd_output(rng: random.Random, case: Case, name: str) -> str:
    """Usually ``name``; else an output that cannot be written, or one that exists already."""
    kind = rng.choice(["plain"] * 6 + ["old", "under-a-file", "is-a-folder", "too-long"])
    if kind == "old":
        case.write(name, b"old bytes")
        case.outputs[name] = b"old bytes"
        return name
    case.notes.append(f"output {kind}")
    if kind == "under-a-file":
        case.write("file.txt", b"x")
        name = f"file.txt/{name}"
    elif kind == "is-a-folder":
        (case.folder / name).mkdir(parents=True)
        case.named.append(name)
        return name
    elif kind == "too-long":
        name = "长" * 200 + Path(name).suffix
    case.outputs[name] = None
    return name


def build_validate(rng: random.Random, case: Case) -> None:
    names = []
    for i in range(rng.choice([1, 1, 2, 3])):
        if rng.random() < 0.1:
            names.append(odd_input(rng, case))
        else:
            names.append(case.write(f"r{i}.yaml", yaml_mutant(rng, case.notes)))
    if rng.random() < 0.15:
        names.append(case.write("_defaults.yaml", defaults_mutant(rng, case.notes)))
    as_json = rng.random() < 0.4
    case.argv = ["validate", *names, *(["--json"] if as_json else [])]
    case.argv += ["--strict"] if rng.random() < 0.3 else []
    case.named = names

    def json_rule(r: Result) -> list[str]:
        if not as_json or r.code == 2:
            return []
        try:
            doc = json.loads(r.out)
        except ValueError:
            return [f"--json printed no JSON: {r.out[:200]!r}"]
        found = [
            f"error not located: {d.get('message')!r:.100}"
            for f in doc.get("files", [])
            for d in f.get("diagnostics", [])
            if d.get("severity") == "error" and not d.get("file")
        ]
        return found + (
            [f"ok={doc.get('ok')} but exit {r.code}"] if doc.get("ok") != (r.code == 0) else []
        )

    case.checks.append(json_rule)
    if as_json:
        case.named = []  # the names are in the JSON


def build_render(rng: random.Random, case: Case) -> None:
    source = case.write("r.yaml", yaml_mutant(rng, case.notes))
    if rng.random() < 0.1:
        source = odd_input(rng, case)
    case.argv = ["render", source, "-o", odd_output(rng, case, "out/r.docx")]
    if rng.random() < 0.15:
        case.named.append(case.write("_defaults.yaml", defaults_mutant(rng, case.notes)))
    if rng.random() < 0.1:
        data, _ = docx_mutant(rng, case.notes)
        case.argv += ["-t", case.write("t.docx", data)]
    if rng.random() < 0.1:
        case.argv += ["--profile", rng.choice(["gbk-fonts", "nope", "../x", "/dev/zero", ""])]
    case.named += [source, *case.outputs, *case.argv[4:]]


def _manifest(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)  # a 说明 may quote a huge value
    text = path.read_bytes().decode("utf-8-sig", "replace")  # an old one may be anything
    return list(csv.DictReader(io.StringIO(text, newline="")))


def districts(rng: random.Random, case: Case, bad: int) -> tuple[list[str], list[str]]:
    clean = sorted(n for n in DATA if not n.startswith("implementation"))
    good = [
        case.write(f"d/good{i}.yaml", good_yaml(rng.choice(clean), f"良好{'甲乙丙'[i]}区"))
        for i in range(rng.randint(1, 2))
    ]
    bad_ones = [case.write(f"d/bad{i}.yaml", yaml_mutant(rng, case.notes)) for i in range(bad)]
    if rng.random() < 0.3:
        extra = pick(rng, "sub.yaml/ dead.yaml loop.yaml empty.yaml 名.YAML long")
        case.notes.append(f"district {extra}")
        if extra == "sub.yaml/":
            (case.folder / "d" / extra).mkdir()
        elif extra in ("dead.yaml", "loop.yaml"):
            (case.folder / "d" / extra).symlink_to("nowhere.yaml" if extra[0] == "d" else extra)
        elif extra == "empty.yaml":
            bad_ones.append(case.write(f"d/{extra}", b""))
        else:  # an odd name: upper-case suffix, or as long as the file system allows
            name = "名.YAML" if extra != "long" else "长" * 80 + ".yaml"
            bad_ones.append(case.write(f"d/{name}", yaml_mutant(rng, case.notes)))
    case.named += ["d", *good, *bad_ones, "d/dead.yaml", "d/sub.yaml", "d/loop.yaml"]
    return good, bad_ones


def build_batch(rng: random.Random, case: Case) -> None:
    good, bad = districts(rng, case, rng.randint(1, 3))
    case.argv = ["batch", "d", "-o", "out", "-j", "1"]
    plain = True  # only district files are bad: every good one is rendered
    roll = rng.random()
    if roll < 0.15:
        case.named.append(case.write("d/_defaults.yaml", defaults_mutant(rng, case.notes)))
        plain = False
    elif roll < 0.2:
        case.write("out", b"a file")
        case.notes.append("out is a file")
        plain = False
    elif roll < 0.3:
        old = "\ufeff输入文件,地区,报告文件,状态\r\nd/gone.yaml,消失区,消失区.docx,已生成\r\n"
        case.write("out/manifest.csv", mutate_text(rng, old, case.notes))
        case.write("out/消失区.docx", b"old")
    if rng.random() < 0.25:
        sheet, suffix = figures_sheet(rng, ["良好甲区", "良好乙区"], case.notes)
        case.argv += ["--figures", case.write(f"figures{suffix}", sheet)]
        plain = False
        if rng.random() < 0.3:
            case.argv += ["--sheet", rng.choice(["Sheet", "没有", "", arg_text(rng)])]
    for flag in ("--summary", "--ledgers"):
        if rng.random() < 0.2:
            case.argv.append(flag)
    case.named += ["out", *[a for a in case.argv if a.startswith(("figures.", "--"))]]
    case.only_output = False

    def reported(r: Result) -> list[str]:
        manifest = case.folder / "out" / "manifest.csv"
        if r.code == 2 or not manifest.is_file():
            return ["no manifest.csv"] if plain and r.code != 2 else []
        rows = {Path(row.get("输入文件") or "").name: row for row in _manifest(manifest)}
        found = []
        for name in good + bad:
            row = rows.get(Path(name).name)
            if row is None:
                found += [f"{name} not in manifest.csv"] if plain else []
            elif row.get("状态") == "出错" and not row.get("说明"):
                found.append(f"{name} 出错 without a reason")
            elif row.get("状态") == "已生成" and whole(case.folder / "out" / row["报告文件"]):
                found.append(f"{name}: {whole(case.folder / 'out' / row['报告文件'])}")
            elif plain and name in good and row.get("状态") != "已生成":
                found.append(f"good {name} not rendered: {row.get('说明', '')[:150]}")
        return found

    case.checks.append(reported)


def build_check(rng: random.Random, case: Case) -> None:
    files = []
    for i in range(rng.choice([1, 1, 2])):
        if rng.random() < 0.1:
            files.append(odd_input(rng, case, ".docx"))
        else:
            data, suffix = docx_mutant(rng, case.notes)
            files.append(case.write(f"c{i}{suffix}", data))
    case.argv = ["check", *files]
    case.named = files

    def each(r: Result) -> list[str]:
        text = r.out + r.err
        return [] if r.code == 2 else [f"{n} not named" for n in files if n not in text]

    case.checks.append(each)


def build_import(rng: random.Random, case: Case) -> None:
    roll = rng.random()
    if roll < 0.45:
        data, suffix = docx_mutant(rng, case.notes)
        source = case.write(f"old{suffix}", data)
    elif roll < 0.8:
        text = rng.choice(TEXTS).read_text(encoding="utf-8")
        source = case.write(rng.choice(["old.txt", "old.md"]), mutate_text(rng, text, case.notes))
    elif roll < 0.9:
        source, case.stdin = "-", mutate_text(rng, rng.choice(TEXTS).read_text("utf-8"), case.notes)
        case.named.append("<标准输入>")
    else:
        source = odd_input(rng, case, ".txt")
    case.argv = ["import", source, "-o", odd_output(rng, case, "new.yaml")]
    case.named += [source, *case.outputs]
    case.checks.append(
        lambda r: (
            ["import says its YAML fails its check: an importer bug"]
            if "导入程序的缺陷" in r.err
            else []
        )
    )


def build_new(rng: random.Random, case: Case) -> None:
    source = case.write("r.yaml", yaml_mutant(rng, case.notes))
    if rng.random() < 0.1:
        source = odd_input(rng, case)
    case.argv = ["new", "--from", source, "-o", odd_output(rng, case, "n.yaml")]
    if rng.random() < 0.3:
        case.argv += ["--year", rng.choice(["2023", "1990", "2100", "1989", "x"])]
    case.named += [source, *case.outputs]


def build_rollup(rng: random.Random, case: Case) -> None:
    districts(rng, case, rng.randint(0, 2))
    case.argv = ["rollup", "d", "-o", odd_output(rng, case, "sum.xlsx"), "-j", "1"]
    if rng.random() < 0.3:
        case.argv += ["--report", "rep.docx", "--report-yaml", "rep.yaml"]
        case.outputs.update({"rep.docx": None, "rep.yaml": None})
    if rng.random() < 0.2:
        case.argv += ["--as-of", rng.choice(["2026-02-30", "x", "9999-12-31", ""])]
    if rng.random() < 0.2:
        words = ["", "x" * 3000, "{{ x }}", arg_text(rng)]
        case.argv += [pick(rng, "--title --issuer --chart-figure --sheet"), rng.choice(words)]
    if rng.random() < 0.2:
        sheet, suffix = figures_sheet(rng, ["良好甲区"], case.notes)
        case.argv += ["--figures", case.write(f"figures{suffix}", sheet)]
    case.named += [*case.outputs, *[a for a in case.argv if a.startswith(("figures.", "--"))]]
    case.only_output = False


def build_schema(rng: random.Random, case: Case) -> None:
    case.argv = ["schema", *rng.choice([[], [], ["--bogus"], ["x"]])]

    def is_json(r: Result) -> list[str]:
        try:
            return [] if r.code else (json.loads(r.out) and [])
        except ValueError:
            return ["schema printed no JSON"]

    case.checks.append(is_json)


BUILDERS: dict[str, Callable[[random.Random, Case], None]] = {
    "validate": build_validate, "render": build_render, "batch": build_batch,
    "check": build_check, "import": build_import, "new": build_new, "rollup": build_rollup,
    "schema": build_schema,
}  # fmt: skip


# ---- the oracle ---------------------------------------------------------------------------------


def whole(path: Path) -> str:
    """What is wrong with an output that should be a whole file ('' when nothing)."""
    try:
        data = path.read_bytes()
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                bad = z.testzip()
                return f"{path.name}: member {bad} damaged" if bad else ""
        if path.suffix == ".yaml":
            yaml.safe_load(data.decode("utf-8"))
    except Exception as e:
        return f"{path.name} not whole: {type(e).__name__}: {str(e)[:150]}"
    return ""


def located(name: str, said: str) -> bool:
    """``name`` is in what was said as a message's place (``name:``, ``name:12:5:``, quoted,
    ``（--option）``, ``name 工作表“…” D1:``), or some other file is (a template, a profile)."""
    if re.search(rf"{re.escape(name)}(:\d+(:\d+)?)?[:：”'\" ）]", said):
        return True
    return bool(re.search(r"\.(yaml|yml|docx|xlsx|csv|txt|md|doc|odt)(:\d+)*: ", said))


def judge(case: Case, r: Result) -> list[str]:
    found = [r.crash] if r.crash else []
    if r.timed_out:
        return ["hang: over the timeout"]
    if r.code not in CODES:
        found.append(f"exit code {r.code}")
    for text in (r.out, r.err):
        if "Traceback" in text:
            found.append("Traceback: " + text.strip().splitlines()[-1][:200])
        found += [m.group(0) for m in re.finditer(r"内部错误（[^\n]{0,200}", text)]
    said = r.out + r.err
    named = case.named + [a for a in case.argv if a.startswith("--")]  # click names options
    if r.code and not said.strip():
        found.append(f"exit {r.code} without a word")
    elif r.code and case.named and not any(n and located(n, said) for n in named):
        found.append(f"exit {r.code}, no file named: {said.strip()[:200]!r}")
    for name, old in case.outputs.items():
        path = case.folder / name
        with contextlib.suppress(OSError):
            if not path.is_file():
                if r.code == 0 and old is None:
                    found.append(f"exit 0 but {name} not written")
            elif path.read_bytes() == old:
                found += [f"exit 0 but {name} not replaced"] if r.code == 0 and old else []
            elif r.code and case.only_output:
                found.append(f"exit {r.code} but {name} written")
            elif whole(path):
                found.append(whole(path))
    left = [str(p.relative_to(case.folder)) for p in case.folder.rglob("*.tmp")]
    found += [f"temporary files left: {left[:3]}"] if left else []
    for check in case.checks:
        found += check(r)
    return found


# ---- running ------------------------------------------------------------------------------------


def in_subprocess(case: Case, timeout: float = 120) -> Result:
    exe = Path(sys.executable).with_name("reportgen")
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "reportgen.cli"]
    try:
        p = subprocess.run(
            [*argv, *case.argv],
            cwd=case.folder,
            input=case.stdin or b"",
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        return Result(None, "", "", timed_out=True)
    return Result(
        p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    )


def in_process(case: Case) -> Result:
    """Through click's CliRunner, in this process, from the case's folder."""
    from click.testing import CliRunner

    from reportgen.cli import cli

    here = Path.cwd()
    os.chdir(case.folder)
    try:
        r = CliRunner().invoke(cli, case.argv, input=case.stdin)
    finally:
        os.chdir(here)
    crash = ""
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        crash = f"exception: {type(r.exception).__name__}: {str(r.exception)[:200]}"
    return Result(r.exit_code, r.stdout, r.stderr, crash)


def make_case(seed: int, number: int, command: str, work: Path) -> Case:
    folder = work / f"{number:05d}-{command}"
    folder.mkdir(parents=True)
    case = Case(command, folder)
    BUILDERS[command](random.Random(f"{seed}-{number}-{command}"), case)
    return case


def run_cases(
    seed: int,
    numbers: list[int],
    commands: list[str],
    work: Path,
    run: Callable[[Case], Result] = in_subprocess,
    keep: Path | None = None,
    say: Callable[[str], None] = lambda s: None,
) -> tuple[Counter[str], list[str]]:
    """Case ``n`` runs ``commands[n % len(commands)]``; returns cases per command and failures."""
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for n in numbers:
        command = commands[n % len(commands)]
        case = make_case(seed, n, command, work)
        result = run(case)
        counts[command] += 1
        for problem in judge(case, result):
            failures.append(f"seed {seed} case {n} ({shlex.join(case.argv)[:150]}): {problem}")
            say(f"✗ {failures[-1]}\n  notes: {'; '.join(case.notes)[:300]}")
        if keep and failures and failures[-1].startswith(f"seed {seed} case {n} "):
            target = keep / case.folder.name
            shutil.copytree(case.folder, target, symlinks=True, dirs_exist_ok=True)
            (target / "repro.sh").write_text(
                f'# {"; ".join(case.notes)[:2000]}\ncd "$(dirname "$0")"\nreportgen '
                f"{shlex.join(case.argv)}{' < stdin.bin' if case.stdin else ''}\n"
            )
            if case.stdin:
                (target / "stdin.bin").write_bytes(case.stdin)
        shutil.rmtree(case.folder, ignore_errors=True)
    return counts, failures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=100, help="how many cases (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--only", default="", help="commands, comma-separated: " + ",".join(COMMANDS)
    )
    parser.add_argument("--case", type=int, action="append", help="run only these case numbers")
    parser.add_argument("--keep", type=Path, help="copy failing cases here, with repro.sh")
    parser.add_argument(
        "--in-process", action="store_true", help="through CliRunner: faster, no hang timeout"
    )
    args = parser.parse_args()
    commands = [c for c in args.only.split(",") if c] or COMMANDS
    if set(commands) - set(COMMANDS):
        parser.error(f"unknown command: {', '.join(sorted(set(commands) - set(COMMANDS)))}")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="reportgen-fuzz-") as work:
        counts, failures = run_cases(
            args.seed,
            args.case or list(range(args.cases)),
            commands,
            Path(work),
            keep=args.keep,
            run=in_process if args.in_process else in_subprocess,
            say=lambda s: print(s, flush=True),
        )
    print(
        f"\n{sum(counts.values())} cases in {time.monotonic() - start:.0f} s (seed {args.seed}): "
        + ", ".join(f"{c} {n}" for c, n in counts.items())
        + f"; {len(failures)} failures"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
