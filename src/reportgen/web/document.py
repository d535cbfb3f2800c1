"""One report as the web page holds it: YAML text and a name, checked as ``reportgen validate``
checks a file.

The text is loaded as a file would be (:func:`~reportgen.read.loader.load_yaml_text`), put over
its folder's defaults file when it came from a folder that has one, and goes through the one
path to a report, :func:`~reportgen.pipeline.load_report`: the same problems and warnings, in the
same words, as the command line. A defaults file (``_defaults.yaml``) is checked as ``validate``
checks one: its form only, since its values are checked with each district's file.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, ReportgenError, internal_error
from ..pipeline import Report, Trace, load_report
from ..read.defaults import check_defaults, is_defaults_name, load_defaults
from ..read.loader import Loaded, load_yaml_text

__all__ = ["check_text", "load_text"]


def _defaults(path: str | None) -> Loaded | None:
    if not path:
        return None
    stat = os.stat(path)
    return _read_defaults(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_defaults(path: str, mtime_ns: int, size: int) -> Loaded:
    return load_defaults(path)


def load_text(text: str, name: str, defaults: str | None = None) -> tuple[Report, Trace]:
    """The validated report of a YAML text and what the stages found; raises ReportgenError as
    ``render`` does."""
    trace = Trace()
    report = load_report(load_yaml_text(text, name), defaults=_defaults(defaults), trace=trace)
    return report, trace


def check_text(text: str, name: str, defaults: str | None = None) -> dict[str, Any]:
    """What the page shows for a text: the file's own data (for the form: without its defaults;
    None when the text is not readable YAML), every problem and warning as data and as the CLI
    prints it, and how long the check took."""
    start = time.perf_counter()
    data: Any = None
    found: list[Diagnostic] = []
    try:
        loaded = load_yaml_text(text, name)
        data = loaded.data  # merging the defaults under it builds new mappings
        if is_defaults_name(Path(name).name):
            check_defaults(loaded)  # as validate checks one: its values go with each district
        else:
            trace = Trace()
            load_report(loaded, defaults=_defaults(defaults), trace=trace)
            found = trace.warnings
    except ReportgenError as e:
        found = e.diagnostics
    except Exception as e:  # a bug: said as the CLI says it, never a traceback
        found = [internal_error(e, name)]
    errors = sum(d.severity == "error" for d in found)
    return {
        "ok": errors == 0,
        "data": data,
        "errors": errors,
        "warnings": len(found) - errors,
        "diagnostics": [{**d.to_dict(), "text": str(d)} for d in found],
        "server_ms": round((time.perf_counter() - start) * 1000, 1),
    }
