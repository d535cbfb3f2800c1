"""Control characters in pasted text: one cleaner for the loader and the schema.

Word and chat apps paste characters a report cannot carry. Every kind of line break (CR LF, CR,
Word's line and page breaks \\x0b \\x0c, NEL, U+2028, U+2029) becomes ``\\n``; the characters that
carry no text and that Word cannot store or shows as nothing (C0 and C1 controls, Word's field
marks, zero-width, direction and BOM marks, surrogates, U+FFFE and U+FFFF) are dropped.
"""

from __future__ import annotations

import re

__all__ = ["BREAKS", "UNPRINTABLE", "clean_control", "drop_unprintable"]

# Line breaks other than \n and \r, as the body of a regex character class.
BREAKS = "\x0b\x0c\x85\u2028\u2029"
# Characters that carry no text, as the body of a regex character class.
UNPRINTABLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff"
)

# Regexes, not str.translate: translate looks every character up in a dict, 10× slower per value.
_BREAK = re.compile(f"\r\n?|[{BREAKS}]")
_UNPRINTABLE = re.compile(f"[{UNPRINTABLE}]")


def drop_unprintable(text: str) -> str:
    """text without the characters that carry no text (line breaks are kept as they are)."""
    return _UNPRINTABLE.sub("", text)


def clean_control(text: str) -> str:
    """text with every line break as \\n and the characters that carry no text dropped."""
    if text.isprintable():  # the usual value: every character either pattern changes is not
        return text
    return _UNPRINTABLE.sub("", _BREAK.sub("\n", text))
