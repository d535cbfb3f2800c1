"""Any document given to ``check``, opened as python-docx reads it, leniently.

The kind of file is told from its bytes (read/sniff.py): a .doc, .wps, .odt or .rtf is converted
to .docx by LibreOffice first (read/office.py); an encrypted file, a spreadsheet, a truncated zip
and the like are refused with a message naming the file. A .docx written by another tool is read
as Word would recover it: its package (the parts in the zip, their content types in
[Content_Types].xml, the relationships between them) is mended in memory before python-docx sees
it, and every mend is listed for the clerk, since Word reports such a file as damaged:

- a part a relationship names as a header, footer, styles … that is not declared as one (another
  generator's second footer, added without a content-type override) is declared as what it is;
- a relationship to a part the zip does not hold, and a part whose XML is broken, leave an empty
  part of that kind in its place (an empty footer, no styles), so the rest can still be checked;
- missing or broken package files ([Content_Types].xml, _rels/.rels) are rebuilt.

Only a body (word/document.xml) that cannot be read stops the check, with the part, line and
column. A document without styles or settings gets empty ones, so that what is measured is what
the document says, never python-docx's own defaults.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..errors import InputError
from ..read.office import to_docx
from ..read.sniff import CHECK, MAX_BYTES, sniff

__all__ = ["Opened", "open_document"]

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MAX_PART = 256 * 1024 * 1024  # an uncompressed part beyond this is a zip bomb, not a document
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# What a relationship of each type must point at: its content type, what a clerk calls it, and
# (for the parts python-docx parses) the empty part that stands in for a missing or broken one.
_KINDS: dict[str, tuple[str, str, str | None]] = {
    RT.OFFICE_DOCUMENT: (CT.WML_DOCUMENT_MAIN, "正文", None),
    RT.STYLES: (CT.WML_STYLES, "样式", "styles"),
    RT.SETTINGS: (CT.WML_SETTINGS, "设置", "settings"),
    RT.NUMBERING: (CT.WML_NUMBERING, "编号", "numbering"),
    RT.HEADER: (CT.WML_HEADER, "页眉", "hdr"),
    RT.FOOTER: (CT.WML_FOOTER, "页脚", "ftr"),
    RT.FOOTNOTES: (CT.WML_FOOTNOTES, "脚注", None),
    RT.ENDNOTES: (CT.WML_ENDNOTES, "尾注", None),
    RT.COMMENTS: (CT.WML_COMMENTS, "批注", "comments"),
    RT.FONT_TABLE: (CT.WML_FONT_TABLE, "字体表", None),
    RT.WEB_SETTINGS: (CT.WML_WEB_SETTINGS, "网页设置", None),
    RT.THEME: (CT.OFC_THEME, "主题", None),
    RT.CORE_PROPERTIES: (CT.OPC_CORE_PROPERTIES, "文档属性", "coreProperties"),
    RT.EXTENDED_PROPERTIES: (CT.OFC_EXTENDED_PROPERTIES, "应用程序属性", None),
}
# Word documents python-docx would refuse by their main part's type: read them as documents.
_MAIN_ALIASES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
# Content types that say nothing about what a part is.
_GENERIC = {"application/xml", "text/xml", "application/octet-stream", ""}
# The content types python-docx parses as XML when it opens a package.
_PARSED = {
    CT.WML_DOCUMENT_MAIN,
    CT.WML_STYLES,
    CT.WML_SETTINGS,
    CT.WML_NUMBERING,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.WML_COMMENTS,
    CT.OPC_CORE_PROPERTIES,
}
_EMPTY_NS = {
    "coreProperties": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
}
_FORMATS = {
    "doc": "旧版 Word/WPS 文档（.doc/.wps）",
    "odt": "OpenDocument 文档（.odt）",
    "rtf": "RTF 文档",
}
_REPAIR_HINT = "用 Word 打开（按提示修复）后另存为 .docx，再检查"


@dataclass
class Opened:
    """A document ready to check: ``doc`` as python-docx reads it; ``docx`` its bytes (mended);
    ``converted`` what it was before LibreOffice made a .docx of it (None for a .docx), and
    ``suffix`` the type LibreOffice is told the original is; ``repairs`` what was mended."""

    doc: DocumentObject
    docx: bytes
    original: bytes
    suffix: str
    converted: str | None = None
    repairs: list[str] = field(default_factory=list)


def open_document(path: str | Path) -> Opened:
    """Read ``path`` for checking, whatever kind of document it is. Raises InputError."""
    path = Path(path)
    name = str(path)
    raw = _read(path, name)
    fmt = sniff(raw, name, path.suffix, CHECK)
    if fmt == "html":
        raise InputError.single(name, "这是网页文件（HTML），不是 Word/WPS 文档", CHECK.save_as)
    if fmt == "docx":
        mended, repairs = _mend(raw, name)
        return Opened(_load(mended, name), mended, raw, ".docx", repairs=repairs)
    suffix = path.suffix.lower() if fmt == "doc" and path.suffix.lower() == ".wps" else f".{fmt}"
    converted = to_docx(raw, name, fmt, suffix, purpose=CHECK)
    mended, repairs = _mend(converted, name)
    return Opened(_load(mended, name), mended, raw, suffix, _FORMATS[fmt], repairs)


def _read(path: Path, name: str) -> bytes:
    if not path.exists():
        raise InputError.single(name, "文件不存在", "检查文件名和所在文件夹是否写对")
    if path.is_dir():
        raise InputError.single(name, "这是一个文件夹，不是文档", "请给出 .docx 文件的路径")
    if not path.is_file():
        raise InputError.single(name, "这不是普通文件", "请给出 .docx 文件的路径")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError.single(
                name,
                f"文件过大（{path.stat().st_size // (1024 * 1024)} MB，"
                f"上限 {MAX_BYTES // (1024 * 1024)} MB）",
                "请检查是否选错了文件",
            )
        return path.read_bytes()
    except OSError as e:
        raise InputError.single(
            name, f"无法读取文件：{e.strerror}", "检查文件权限，或关闭正在打开它的程序"
        ) from None


def _load(data: bytes, name: str):
    try:
        return Document(io.BytesIO(data))
    except Exception as e:  # what mending left for python-docx to refuse: say it, located
        raise InputError.single(
            name, f"文件已损坏，无法读取（{type(e).__name__}: {e}）", _REPAIR_HINT
        ) from None


# ---- mending the package --------------------------------------------------------------------


class _Package:
    """The zip's members, their content types and the relationships walked from the package."""

    def __init__(self, z: zipfile.ZipFile, name: str):
        self.z, self.name = z, name
        self.members = {i.filename: i for i in z.infolist()}
        self.out: dict[str, bytes | None] = {}  # member → new bytes (None: left out)
        self.repairs: list[str] = []
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        self.types_ok = True  # [Content_Types].xml as read still holds
        self.types_read = True  # it could be read at all
        self.main = "/word/document.xml"
        self._types()

    def read(self, member: str) -> bytes:
        if member in self.out and self.out[member] is not None:
            return self.out[member]  # type: ignore[return-value]
        info = self.members[member]
        if info.file_size > _MAX_PART:
            raise InputError.single(
                self.name, f"文件中的 {member} 过大，无法读取", "请检查是否选错了文件"
            )
        try:
            return self.z.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as e:
            raise InputError.single(
                self.name,
                f"文件已损坏：{member} 无法解压（{type(e).__name__}）",
                _REPAIR_HINT,
            ) from None

    def _types(self) -> None:
        member = "[Content_Types].xml"
        root = self.xml(member) if member in self.members else None
        if root is None or root.tag != f"{{{_CT_NS}}}Types":
            what = "缺少" if member not in self.members else "损坏的"
            self.repairs.append(f"{what} {member}（各部件的内容类型）已按各部件的用途重建")
            self.types_ok = self.types_read = False
            self.defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": "application/xml"}
            return
        for el in root:
            if el.tag == f"{{{_CT_NS}}}Default" and el.get("Extension") is not None:
                self.defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
            elif el.tag == f"{{{_CT_NS}}}Override" and el.get("PartName"):
                self.overrides[el.get("PartName", "").lower()] = el.get("ContentType", "")

    def xml(self, member: str) -> etree._Element | None:
        try:
            return etree.fromstring(self.read(member), _PARSER)
        except etree.XMLSyntaxError:
            return None

    def content_type(self, partname: str) -> str | None:
        found = self.overrides.get(partname.lower())
        if found is not None:
            return found
        ext = partname.rsplit(".", 1)[-1].lower() if "." in partname.rsplit("/", 1)[-1] else ""
        return self.defaults.get(ext)

    def declare(self, partname: str, content_type: str) -> None:
        self.overrides[partname.lower()] = content_type
        self.types_ok = False

    def types_xml(self) -> bytes:
        root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
        for ext, ctype in self.defaults.items():
            etree.SubElement(root, f"{{{_CT_NS}}}Default", Extension=ext, ContentType=ctype)
        for partname, ctype in self.overrides.items():
            etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName=partname, ContentType=ctype)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_member(partname: str) -> str:
    """word/document.xml → word/_rels/document.xml.rels; the package's own: _rels/.rels."""
    if partname == "/":
        return "_rels/.rels"
    folder, file = posixpath.split(partname.lstrip("/"))
    return posixpath.join(folder, "_rels", f"{file}.rels")


def _root_tag(kind: str) -> str:
    return f"{{{_EMPTY_NS.get(kind, _W)}}}{kind}"


def _shown_tag(tag: object) -> str:
    """``{namespace}name`` as ``w:name`` where the namespace is WordprocessingML's."""
    text = str(tag)
    return "w:" + text[len(_W) + 2 :] if text.startswith(f"{{{_W}}}") else text[:60]


def _empty(kind: str) -> bytes:
    ns = _EMPTY_NS.get(kind, _W)
    prefix = "cp" if kind in _EMPTY_NS else "w"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{prefix}:{kind} xmlns:{prefix}="{ns}"/>'
    ).encode()


def _mend(raw: bytes, name: str) -> tuple[bytes, list[str]]:
    """The package's bytes mended as the module says, and what was mended ([] and the bytes as
    they were for a sound package)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError.single(
            name, f"文件已损坏，无法作为 Word 文档打开（{e}）", _REPAIR_HINT
        ) from None
    with z:
        pkg = _Package(z, name)
        _walk(pkg)
        if not pkg.repairs and pkg.types_ok and not pkg.out:
            return raw, []
        pkg.out["[Content_Types].xml"] = pkg.types_xml()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for member in pkg.members:
                if member not in pkg.out:
                    dst.writestr(member, pkg.read(member))
            for member, data in pkg.out.items():
                if data is not None:
                    dst.writestr(member, data)
        return buf.getvalue(), pkg.repairs


def _walk(pkg: _Package) -> None:
    """Every relationship from the package down: targets that are there, of the declared type,
    with XML that parses; the document's styles and settings there."""
    _package_rels(pkg)
    seen: set[str] = {"/"}
    todo = ["/"]
    while todo:
        source = todo.pop()
        member = _rels_member(source)
        root = pkg.xml(member) if member in pkg.members or member in pkg.out else None
        if root is None and member in pkg.members:
            pkg.repairs.append(f"{source.lstrip('/')} 的关系文件 {member} 损坏，已忽略其中的关系")
            pkg.out[member] = None
        if root is None and source != pkg.main:
            continue
        if root is None:
            root = etree.Element(f"{{{_PKG_REL}}}Relationships", nsmap={None: _PKG_REL})
        kinds = set()
        for rel in root:
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            rtype = rel.get("Type", "")
            base = posixpath.dirname(source) if source != "/" else "/"
            target = "/" + posixpath.normpath(posixpath.join(base, rel.get("Target", ""))).lstrip(
                "/"
            )
            kinds.add(rtype)
            if target != pkg.main:
                _check_target(pkg, source, rtype, target)
            if target not in seen:
                seen.add(target)
                todo.append(target)
        if source == pkg.main:
            _add_missing(pkg, root, source, kinds, member)


def _package_rels(pkg: _Package) -> None:
    """The package's relationships, rebuilt to point at word/document.xml when they are missing,
    broken or point elsewhere; the body there, of the right type, with XML that parses."""
    member = "_rels/.rels"
    root = pkg.xml(member) if member in pkg.members else None
    main = None
    if root is not None:
        for rel in root:
            if rel.get("Type") == RT.OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                main = "/" + posixpath.normpath(rel.get("Target", "").lstrip("/"))
    if main is None or main.lstrip("/") not in pkg.members:
        what = "缺少" if member not in pkg.members else "损坏的" if root is None else "指向别处的"
        pkg.repairs.append(f"{what}包关系文件 {member} 已重建，正文为 word/document.xml")
        main = "/word/document.xml"
        rels = etree.Element(f"{{{_PKG_REL}}}Relationships", nsmap={None: _PKG_REL})
        etree.SubElement(
            rels,
            f"{{{_PKG_REL}}}Relationship",
            Id="rId1",
            Type=RT.OFFICE_DOCUMENT,
            Target="word/document.xml",
        )
        pkg.out[member] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    pkg.main = main
    if pkg.content_type(main) != CT.WML_DOCUMENT_MAIN:
        pkg.declare(main, CT.WML_DOCUMENT_MAIN)  # a .docm or a template read as a document
    member = main.lstrip("/")
    try:
        root = etree.fromstring(pkg.read(member), _PARSER)
    except etree.XMLSyntaxError as e:
        raise InputError.single(
            pkg.name,
            f"文件已损坏：正文 {member} {_where(e)}的 XML 有错误（{e.msg}）",
            _REPAIR_HINT,
        ) from None
    if root.tag != f"{{{_W}}}document" or root.find(f"{{{_W}}}body") is None:
        found = (
            _shown_tag(root.tag) if root.tag != f"{{{_W}}}document" else "w:document 中没有 w:body"
        )
        raise InputError.single(
            pkg.name, f"文件已损坏：正文 {member} 不是 Word 正文（{found}）", _REPAIR_HINT
        )


def _where(e: etree.XMLSyntaxError) -> str:
    line, column = e.position if e.position else (None, None)
    if not line:
        return ""
    return f"第{line}行第{column}列" if column else f"第{line}行"


def _check_target(pkg: _Package, source: str, rtype: str, target: str) -> None:
    """Mend what a relationship of ``rtype`` from ``source`` points at: a missing part, or one
    whose type or XML is wrong, is replaced by an empty one of its kind."""
    member = target.lstrip("/")
    kind = _KINDS.get(rtype)
    have = pkg.content_type(target)
    if kind is None:
        if member not in pkg.members:
            pkg.out[member] = b""
            pkg.declare(target, "application/octet-stream")
            pkg.repairs.append(f"{source.lstrip('/') or '文件'}引用的 {member} 不存在")
        elif have is None:
            pkg.declare(target, "application/octet-stream")
            if pkg.types_read:
                pkg.repairs.append(f"{member} 在 [Content_Types].xml 中没有声明内容类型")
        return
    want, what, empty = kind
    if member not in pkg.members:
        pkg.out[member] = _empty(empty) if empty else b""
        pkg.declare(target, want if empty else "application/octet-stream")
        pkg.repairs.append(f"{what} {member} 不存在" + ("，按空的读取" if empty else ""))
        return
    if have != want:
        if have is None or have in _GENERIC:
            if pkg.types_read:
                pkg.repairs.append(
                    f"{what} {member} 在 [Content_Types].xml 中未声明为{what}"
                    f"（现为 {have or '未声明'}），已按{what}读取"
                )
            pkg.declare(target, want)
        else:
            pkg.repairs.append(f"{what} {member} 的内容类型是 {have}，不是{what}，已忽略")
            pkg.out[member] = _empty(empty) if empty else b""
            pkg.declare(target, want if empty else "application/octet-stream")
            return
    if want in _PARSED and empty:
        try:
            root = etree.fromstring(pkg.read(member), _PARSER)
        except etree.XMLSyntaxError as e:
            pkg.repairs.append(
                f"{what} {member} {_where(e)}的 XML 有错误（{e.msg}），已按空的{what}读取"
            )
            pkg.out[member] = _empty(empty)
            return
        if root.tag != _root_tag(empty):
            pkg.repairs.append(
                f"{what} {member} 的内容不是{what}（根元素为 {_shown_tag(root.tag)}），"
                f"已按空的{what}读取"
            )
            pkg.out[member] = _empty(empty)


def _add_missing(pkg: _Package, root, source: str, kinds: set[str], member: str) -> None:
    """Empty styles and settings for a document without them: python-docx would otherwise make
    up its own (Calibri, Letter). Neither is required, so neither is named as a repair."""
    added = False
    for rtype, partname in ((RT.STYLES, "/word/styles.xml"), (RT.SETTINGS, "/word/settings.xml")):
        if rtype in kinds:
            continue
        want, _, empty = _KINDS[rtype]
        while partname.lstrip("/") in pkg.members or partname.lstrip("/") in pkg.out:
            partname = partname.replace(".xml", "1.xml")
        pkg.out[partname.lstrip("/")] = _empty(empty or "")
        pkg.declare(partname, want)
        ids = {rel.get("Id") for rel in root}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(
            root,
            f"{{{_PKG_REL}}}Relationship",
            Id=f"rId{n}",
            Type=rtype,
            Target=posixpath.relpath(partname, posixpath.dirname(source)),
        )
        added = True
    if added:
        pkg.out[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
