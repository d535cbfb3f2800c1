"""Half-width punctuation typed in Chinese text, turned full-width as a 公文 prints it.

Clerks often type with the IME in English mode: 加强领导,压实责任.落实(试行)方案 — a superior
office sends such a report back. A mark is changed only where its context is Chinese, so numbers
(1,861  3.5  8:30), English text, addresses and file names keep theirs:

- , ; : ? ! after a Chinese character or mark (加强领导,压实 → 加强领导，压实);
- , ; : ? ! after a closing quote or bracket, %, ‰ or ℃, when Chinese follows or the line ends
  there (“双减”,落实 → “双减”，落实; 10%,落实);
- , ; : ? ! after a digit or a Latin letter, when Chinese follows (共15,其中; APP,微信), and ? !
  at the end of a line (是否安装APP?);
- a full stop after a Chinese character, a closing quote or bracket, %, ‰ or ℃, at the end of a
  line or before Chinese (never after a digit or a letter: 3.5, www.gov.cn, 第1.项);
- a pair ( ) or " " with Chinese inside or right outside it becomes （ ） or “ ”.

Spaces around a mark that became full-width go with it: a full-width mark carries its own space.
Text without any Chinese character is never changed.
"""

from __future__ import annotations

import re

from . import cjk

__all__ = ["fullwidth"]

_HAN = re.compile(f"[{cjk.HAN}]")
_ANY_MARK = re.compile(r"[,;:?!.(\"]")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_SP = f"[{cjk.SPACES}]*"
# What follows a mark in a Chinese sentence: a Chinese character or an opening mark (“《（), or
# the end of the line.
_CHINESE_NEXT = f"(?={_SP}(?:[{cjk.HAN}{cjk.OPENING}]|$))"
_CHINESE_FOLLOWS = f"(?={_SP}[{cjk.HAN}{cjk.OPENING}])"
# Left of a mark: Chinese (any mark after it is Chinese) …
_MARK_AFTER_CJK = re.compile(f"(?<=[{cjk.HAN}{cjk.MARKS}]){_SP}([,;:?!]){_SP}")
# … or what ends a word in either language (”, ), %, a digit, a letter): Chinese must follow. At
# the end of a line only after ” ) % and for ? !: 使用APP? but not &amp; or x86,
_WORD_END = "\u201d\u2019)%\u2030\u2103"
_MARK_AFTER_WORD = re.compile(
    f"(?<=[{_WORD_END}]){_SP}([,;:?!]){_CHINESE_NEXT}{_SP}"
    f"|(?<=[0-9A-Za-z]){_SP}(?:([,;:?!]){_CHINESE_FOLLOWS}|([?!])(?=$)){_SP}",
    re.MULTILINE,
)
_STOP_AFTER_CJK = re.compile(
    f"(?<=[{cjk.HAN}{cjk.MARKS}])(\\.)(?:[{cjk.SPACES}]+|(?=$|[{cjk.WIDE}]))", re.MULTILINE
)
_STOP_AFTER_WORD = re.compile(f"(?<=[{_WORD_END}])(\\.){_CHINESE_NEXT}{_SP}", re.MULTILINE)
_WIDE = re.compile(f"[{cjk.WIDE}]")


def fullwidth(text: str) -> str:
    """Half-width , ; : ? ! . ( ) " in Chinese context in their full-width forms (see above)."""
    if text.isascii() or not _ANY_MARK.search(text) or not _HAN.search(text):
        return text
    while True:  # a mark made full-width may make the next one follow a Chinese mark: 。:: → 。：：
        changed = text
        for rule in (_MARK_AFTER_CJK, _MARK_AFTER_WORD, _STOP_AFTER_CJK, _STOP_AFTER_WORD):
            changed = rule.sub(lambda m: _FULL[next(filter(None, m.groups()))], changed)
        changed = _quotes(_brackets(changed))
        if changed == text:
            return text
        text = changed


def _chinese_around(text: str, start: int, end: int) -> bool:
    """A Chinese character or mark inside text[start:end] or right outside it."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(_WIDE.search(before + text[start:end] + after))


def _brackets(text: str) -> str:
    """A pair ( … ) becomes （ … ） when a Chinese character is inside it or right outside it."""
    out = []
    last = 0
    for m in re.finditer(r"\(([^()]*)\)", text):
        if _chinese_around(text, m.start(), m.end()):
            out.append(text[last : m.start()] + "（" + m.group(1) + "）")
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _quotes(text: str) -> str:
    """Straight quotes in pairs, line by line: "双减" becomes “双减” when Chinese is inside or right
    outside. A line with an odd number of them is left alone: which one is unpaired is unknown."""
    if '"' not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        marks = [m.start() for m in re.finditer('"', line)]
        if not marks or len(marks) % 2:
            continue
        chars = list(line)
        for start, end in zip(marks[::2], marks[1::2], strict=True):
            if _chinese_around(line, start, end + 1):
                chars[start], chars[end] = "\u201c", "\u201d"
        lines[i] = "".join(chars)
    return "\n".join(lines)
