"""A document read by the importer → the text of a checked YAML file (``reportgen import``).

recognise (recognize.py) → emit (emit.py) → YAML text (output/yaml_text.py) → the validator, run on
the very text that will be written, under the name it will have. Values left for the clerk
(``待填``: a report without a date …) are expected and listed as such; any other problem the
validator finds is the importer's mistake and is returned as one, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Diagnostic, InputError
from ..model.placeholders import TO_FILL
from ..model.validate import validate
from ..output.yaml_text import dump_yaml
from ..read.loader import load_yaml_text
from .blocks import Source
from .emit import emit
from .recognize import recognise

__all__ = ["Imported", "import_source"]


@dataclass
class Imported:
    """The YAML text and what the clerk must be told: ``messages`` (web chrome left out, text
    that could not be placed, reader notes), ``to_fill`` (values the document did not give) and
    ``problems`` (validation errors: an importer bug)."""

    text: str
    kind: str
    messages: list[str] = field(default_factory=list)
    to_fill: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def import_source(source: Source, yaml_name: str = "<导入结果>") -> Imported:
    """The YAML of a document, checked; ``yaml_name`` names it in the validator's messages."""
    emitted = emit(recognise(source))
    text = dump_yaml(emitted.data, emitted.comments, header=emitted.header, footer=emitted.footer)
    result = Imported(text, emitted.kind, messages=emitted.messages)
    try:
        validate(load_yaml_text(text, yaml_name))
    except InputError as e:
        for d in e.diagnostics:
            (result.to_fill if d.message.startswith(TO_FILL) else result.problems).append(d)
    return result
