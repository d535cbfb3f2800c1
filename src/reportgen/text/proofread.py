"""What a proofreader fixes in every text value before it is printed, in one call.

The steps, in order (each module says what it does and what it leaves alone):
compatibility characters (compat.py: ﹪ → %, ０ → 0), half-width punctuation in Chinese context
(punctuation.py: “双减”,落实 → “双减”，落实), stray spaces (spaces.py: 15 人 → 15人), and quotes
inside quotes (quotes.py: “…“…”…” → “…‘…’…”).
"""

from __future__ import annotations

from collections.abc import Callable

from .compat import compat
from .punctuation import fullwidth
from .quotes import nest_quotes
from .spaces import tidy_name_spaces, tidy_spaces

__all__ = ["proofread", "proofread_name"]


def proofread(text: str) -> str:
    """Running text as a proofreader would leave it."""
    return _until_stable(text, tidy_spaces)


def proofread_name(text: str) -> str:
    """A name (a region, an issuer, a title): as :func:`proofread`, and no space between two
    Chinese characters (东城 区 → 东城区)."""
    return _until_stable(text, tidy_name_spaces)


def _until_stable(text: str, spaces: Callable[[str], str]) -> str:
    # One step can give another something to do: a space dropped puts a mark beside Chinese
    # (乙（ . → 乙（. → 乙（。). Each pass only drops spaces or replaces marks, so this ends.
    text = compat(text)
    while True:
        done = nest_quotes(spaces(fullwidth(text)))
        if done == text:
            return done
        text = done
