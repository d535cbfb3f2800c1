"""A docxtpl template prepared once and rendered many times, writing only the parts that change.

``DocxTemplate.render`` re-reads the whole package, re-runs its XML preprocessing, recompiles the
Jinja template and re-compresses every part (styles.xml alone is hundreds of KB) for each document.
:class:`PreparedTemplate` does those steps once per template, then per document renders the body,
headers and footers (and core properties or footnotes only when they hold Jinja tags) and copies
every other part's compressed bytes into the new zip unchanged.

The XML it writes is the XML docxtpl writes for the same template and context: the preprocessing,
post-processing and table fixes are docxtpl's own functions, and parts are serialized the way
python-docx serializes them (tests/test_fastrender.py checks this on every shipped template).

Output is deterministic: zip entries carry a fixed timestamp and the package is never stamped
with the current time, so the same input gives byte-identical files.
"""

from __future__ import annotations

import io
import json
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import XmlPart
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import meta

from .nsfix import keep_core_prefix

keep_core_prefix()  # docxtpl imports docxcompose where installed: see nsfix

__all__ = ["ZIP_DATE_TIME", "PreparedTemplate"]

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_LEVEL = 6  # zlib's default, the level python-docx (zipfile) uses, for the parts compressed once
_FAST_LEVEL = 1  # per-document parts are small: level 1 is twice as fast for ~10% more bytes
# The core properties docxtpl runs through Jinja (DocxTemplate.render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_TAGS = re.compile(r"\{[{%#]")


def _has_tags(text: str) -> bool:
    return _TAGS.search(text) is not None


class _Ids:
    """Stands in for the DocxTemplate whose ``fix_docpr_ids`` counts drawings from 1000 per
    render."""

    def __init__(self) -> None:
        self.docx_ids_index = 1000


def _finish(dst_xml: str) -> str:
    """The tail of ``DocxTemplate.render_xml_part`` after Jinja has run."""
    dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    dst_xml = (
        dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    )
    # resolve_listing only rewrites tab, bell, newline and form feed inside text; skip the regex
    # walk over every paragraph when none is there (the usual case).
    if any(c in dst_xml for c in "\t\a\n\f"):
        dst_xml = DocxTemplate.resolve_listing(None, dst_xml)
    return dst_xml


def _source(xml: str) -> str:
    """docxtpl's preprocessing (patch_xml) and the line breaks render_xml_part adds."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", DocxTemplate.patch_xml(None, xml))


def _compile(env: jinja2.Environment, xml: str) -> jinja2.Template:
    """The part's Jinja template, compiled once."""
    return env.from_string(_source(xml))


def _values_of(names: tuple[str, ...], context: dict[str, Any]) -> str:
    """The context's values a small part reads, as one key: the part renders to the same bytes
    for the same key (a footer reading only ``duplex`` and ``imprint``)."""
    return json.dumps([context.get(n) for n in names], default=repr, ensure_ascii=False)


# Rendered headers and footers kept per template, by the values they read; a bound for a template
# whose footer reads a value that differs in every document.
_MEMO_SIZE = 64


@dataclass
class _Entry:
    """One zip member: its name and, for parts that never change, its ready compressed bytes."""

    name: str
    render: Callable[[dict[str, Any]], bytes] | None = None
    crc: int = 0
    size: int = 0
    data: bytes = b""
    # For a header or footer: the names it reads, and its compressed bytes by their values.
    reads: tuple[str, ...] | None = None
    memo: dict[str, tuple[int, int, bytes]] = field(default_factory=dict)

    def rendered(self, context: dict[str, Any]) -> tuple[int, int, bytes]:
        """Its compressed bytes for ``context``, rendered once for each set of values it reads."""
        assert self.render is not None
        if self.reads is None:
            return _deflate(self.render(context), _FAST_LEVEL)
        key = _values_of(self.reads, context)
        found = self.memo.get(key)
        if found is None:
            found = _deflate(self.render(context), _FAST_LEVEL)
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = found
        return found

    def fill(self, blob: bytes) -> None:
        self.crc, self.size, self.data = _deflate(blob)


def _deflate(blob: bytes, level: int = _LEVEL) -> tuple[int, int, bytes]:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return zlib.crc32(blob), len(blob), c.compress(blob) + c.flush()


class PreparedTemplate:
    """A .docx template parsed, preprocessed and compiled once; :meth:`render` gives .docx bytes.

    Jinja errors (syntax at preparation, undefined names or sandbox violations at render) are
    raised as they are; callers translate them. Not safe to share between threads without a lock:
    the document tree is reused between renders.
    """

    def __init__(self, path: str | Path, env: jinja2.Environment, data: bytes | None = None):
        """The template at ``path``, or given as ``data`` (a template built in memory, ``path``
        then only naming it)."""
        self.path = Path(path)
        self.env = env
        self._doc = Document(io.BytesIO(data) if data is not None else str(self.path))
        self._root = self._doc._element
        self._body_template = _compile(env, DocxTemplate.xml_to_string(None, self._root.body))
        dynamic: dict[str, Callable[[dict[str, Any]], bytes]] = {
            self._doc.part.partname[1:]: self._render_document
        }
        dynamic.update(self._prepare_headers_footers())
        core = self._prepare_properties()
        if core:
            dynamic[core[0]] = core[1]
        dynamic.update(self._prepare_footnotes())
        buf = io.BytesIO()
        self._doc.save(buf)
        self._entries: list[_Entry] = []
        with zipfile.ZipFile(buf) as z:
            for info in z.infolist():
                entry = _Entry(info.filename, dynamic.get(info.filename))
                entry.reads = getattr(entry.render, "reads", None)
                if entry.render is None:
                    entry.fill(z.read(info))
                self._entries.append(entry)
        self._lock = threading.Lock()

    # ---- preparation -------------------------------------------------------------------------

    def _prepare_headers_footers(self) -> dict[str, Callable]:
        out = {}
        for rel in self._doc.part.rels.values():
            if (
                rel.reltype not in (RT.HEADER, RT.FOOTER)
                or rel.is_external
                or not rel.target_part.blob
            ):
                continue
            part = rel.target_part
            xml = DocxTemplate.xml_to_string(None, parse_xml(part.blob))
            encoding = DocxTemplate.get_headers_footers_encoding(None, xml)
            template = _compile(self.env, xml)

            def render(context: dict[str, Any], template=template, encoding=encoding) -> bytes:
                xml = _finish(template.render(context))
                return serialize_part_xml(parse_xml(xml.encode(encoding)))

            if _has_tags(xml):
                names = tuple(sorted(meta.find_undeclared_variables(self.env.parse(_source(xml)))))
                render.reads = names  # type: ignore[attr-defined]
                out[part.partname[1:]] = render
            else:
                part._element = parse_xml(render({}))  # constant: saved once with the package
        return out

    def _prepare_properties(self) -> tuple[str, Callable] | None:
        package = self._doc.part.package
        try:
            package.part_related_by(RT.CORE_PROPERTIES)
            missing = False
        except KeyError:
            missing = True
        props = self._doc.core_properties
        if missing:
            # python-docx stamps a package without core properties with the current time; a fixed
            # time keeps reruns byte-identical (docxtpl itself would differ here on every run).
            props.created = props.modified = _FIXED_TIME
        templates = {}
        for name in _PROPERTIES:
            template = self.env.from_string(getattr(props, name))
            if _has_tags(getattr(props, name)):
                templates[name] = template
            else:
                setattr(props, name, template.render({}))
        if not templates:
            return None
        part = package._core_properties_part

        def render(context: dict[str, Any]) -> bytes:
            for name, template in templates.items():
                setattr(props, name, template.render(context))
            return serialize_part_xml(part._element)

        return part.partname[1:], render

    def _prepare_footnotes(self) -> dict[str, Callable]:
        out = {}
        times = len(self._doc.sections)  # docxtpl renders footnotes once per section
        for part in self._doc.part.package.parts:
            # docxtpl writes its result into ``part._blob``, which only a binary part saves.
            if part.content_type != _FOOTNOTES or isinstance(part, XmlPart):
                continue
            source = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            env = self.env

            def render(context: dict[str, Any], source=source, env=env) -> bytes:
                xml = source
                for _ in range(times):
                    xml = _finish(_compile(env, xml).render(context))
                return xml.encode("utf-8")

            out[part.partname[1:]] = render
        return out

    # ---- rendering ---------------------------------------------------------------------------

    def _render_document(self, context: dict[str, Any]) -> bytes:
        xml = _finish(self._body_template.render(context))
        tree = DocxTemplate.fix_tables(None, xml)
        if "docPr" in xml:  # else there is no drawing to renumber (and no XPath to compile)
            DocxTemplate.fix_docpr_ids(_Ids(), tree)
        # The body the tree holds now, not one remembered: a render stopped by the deadline's
        # signal right after a replace (where a long C call hands it over) must not leave every
        # later render of this cached template replacing a body that is gone.
        self._root.replace(self._root.body, tree)
        return serialize_part_xml(self._root)

    def render(self, context: dict[str, Any]) -> bytes:
        """The .docx bytes for one context."""
        with self._lock:
            parts = [
                (e, e.rendered(context) if e.render else (e.crc, e.size, e.data))
                for e in self._entries
            ]
        return _zip(parts)


def _zip(parts: list[tuple[_Entry, tuple[int, int, bytes]]]) -> bytes:
    """A plain deflated zip with fixed timestamps, written directly so unchanged parts need no
    recompression."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry, (crc, size, data) in parts:
        name = entry.name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0
        head = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            flags,
            8,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(data),
            size,
            len(name),
            0,
        )
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                8,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(data),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + name
        )
        out += (head, name, data)
        offset += len(head) + len(name) + len(data)
    directory = b"".join(central)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0
    )
    return b"".join(out) + directory + end
