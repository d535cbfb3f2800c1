"""The Jinja environment templates run in: sandboxed, strict, and bounded.

A template may come from another office. The sandbox keeps it away from Python internals
(``__class__``, ``__globals__``); the limits here keep it from building text so large that
rendering would exhaust memory: ``'a' * 10**10``, ``2 ** 10**8``, ``'x'|center(10**9)``,
``'%999999999d' % 1``, a ``replace`` or ``join`` that multiplies a long text. Loops that simply
run too long are stopped by the render deadline (:mod:`reportgen.render`).
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2 import filters as _filters
from jinja2.sandbox import SandboxedEnvironment, SecurityError

__all__ = ["MAX_TEXT", "make_environment"]

MAX_TEXT = 1_000_000  # characters one expression may produce; a whole report is about 30,000
MAX_REPEAT = 100_000  # items or characters from one repetition (*)

# A width or precision of seven digits or more in a %-format or a {:…} format spec.
_WIDE_FORMAT = re.compile(r"%[-#0 +]*\d{7,}|%[-#0 +]*\d*\.\d{7,}|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")
_WIDENING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _check_text_size(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise SecurityError(f"{what} too large")


def _check_replace(text: str, old: str, new: str) -> None:
    # An empty old matches between every two characters.
    _check_text_size(len(text) + (text.count(old) if old else len(text) + 1) * len(new), "replace")


def _check_format(fmt: Any) -> None:
    if isinstance(fmt, str) and _WIDE_FORMAT.search(fmt):
        raise SecurityError("format width too large")


# What a plain dict has as attributes (items, keys, get …): ``b.items`` is the method, not a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "%"])

    def getattr(self, obj, attribute):
        # The context is plain dicts: b.text looks for an attribute first, and the AttributeError
        # raised and caught for each of a report's ~150 lookups took 60% of the Jinja render.
        # Where a dict has no such attribute that lookup can only fail, so go to its keys, as
        # SandboxedEnvironment.getattr then does (same value, same undefined).
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except LookupError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and not (isinstance(right, (int, float)) and abs(right) <= 100):
            raise SecurityError("power too large")
        if operator == "*":
            n, seq = (left, right) if isinstance(left, int) else (right, left)
            if isinstance(n, int) and hasattr(seq, "__len__") and n * len(seq) > MAX_REPEAT:
                raise SecurityError("repetition too large")
        if operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value):
        # str.format and format_map are wrapped here when a template reads them off a string.
        if getattr(value, "__name__", "") in ("format", "format_map"):
            _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def call(__self, __context, __obj, *args, **kwargs):
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in _WIDENING_METHODS:
                _check_text_size(max([a for a in args if isinstance(a, int)] or [0]), "width")
            elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
                _check_replace(owner, args[0], args[1])
            elif name == "join":
                items = args[0] if args else ()
                if hasattr(items, "__len__"):
                    _check_text_size(len(owner) * len(items), "join")
        return super().call(__context, __obj, *args, **kwargs)


def _center(value: str, width: int = 80) -> str:
    _check_text_size(width if isinstance(width, int) else 0, "width")
    return _filters.do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    step = width if isinstance(width, int) else len(str(width))
    _check_text_size(step * (str(s).count("\n") + 1), "indent")
    return _filters.do_indent(s, width, first, blank)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_format(value)
    return _filters.do_format(value, *args, **kwargs)


def _replace(eval_ctx, s: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(s), str(old), str(new))
    return _filters.do_replace(eval_ctx, s, old, new, count)


_replace = jinja2.pass_eval_context(_replace)


def _join(eval_ctx, value: Any, d: str = "", attribute: Any = None) -> str:
    # The separator repeats between every two items: ('x' * 99999)|join('y' * 99999) is 10¹⁰.
    if hasattr(value, "__len__"):
        _check_text_size(len(str(d)) * len(value), "join")
    return _filters.do_join(eval_ctx, value, d, attribute)


_join = jinja2.pass_eval_context(_join)


def make_environment() -> jinja2.Environment:
    # Sandboxed so a template from another office cannot reach Python internals; strict so a
    # misspelt variable fails instead of silently printing nothing into a government report.
    env = _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(center=_center, indent=_indent, format=_format, replace=_replace, join=_join)
    return env
