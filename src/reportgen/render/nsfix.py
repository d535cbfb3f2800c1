"""python-docx's ``cp`` prefix kept on its own namespace (core properties).

docxcompose, which rollup/compile.py uses and docxtpl imports whenever it is installed, adds its
prefixes to python-docx's shared prefix map when it is imported, mapping ``cp`` to the
custom-properties namespace. python-docx would then write docProps/core.xml with stray elements
(``<cp:keywords xmlns:cp="…custom-properties">``) beside the real ones. Call
:func:`keep_core_prefix` after importing either; docxcompose is only asked to do what needs no
custom properties.
"""

from __future__ import annotations

from docx.oxml.ns import nsmap

__all__ = ["CORE_PROPERTIES", "keep_core_prefix"]

CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def keep_core_prefix() -> None:
    nsmap["cp"] = CORE_PROPERTIES
