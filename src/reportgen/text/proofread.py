"""What a proofreader fixes in every text value before it is printed, in one call.

The steps, in order (each module says what it does and what it leaves alone):
compatibility characters (compat.py: ﹪ → %, ０ → 0), half-width punctuation in Chinese context
(punctuation.py: “双减”,落实 → “双减”，落实), stray spaces (spaces.py: 15 人 → 15人), and quotes
inside quotes (quotes.py: “…“…”…” → “…‘…’…”).
"""

from __future__ import annotations

from .compat import compat
from .punctuation import fullwidth
from .quotes import nest_quotes
from .spaces import tidy_name_spaces, tidy_spaces

__all__ = ["proofread", "proofread_name"]


def proofread(text: str) -> str:
    """Running text as a proofreader would leave it."""
    return nest_quotes(tidy_spaces(fullwidth(compat(text))))


def proofread_name(text: str) -> str:
    """A name (a region, an issuer, a title): as :func:`proofread`, and no space between two
    Chinese characters (东城 区 → 东城区)."""
    return nest_quotes(tidy_name_spaces(fullwidth(compat(text))))
