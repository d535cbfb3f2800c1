"""Half-width punctuation typed in Chinese text, turned full-width as a 公文 prints it.

Clerks often type with the IME in English mode: 加强领导,压实责任.落实(试行)方案 — a superior
office sends such a report back. A mark is changed only where a Chinese character stands beside
it, so numbers (1,861  3.5  8:30), English text and file names keep theirs.
"""

from __future__ import annotations

import re

__all__ = ["fullwidth"]

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_ANY_MARK = re.compile(r"[,;:?!.(]")
_AFTER_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_MARK_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])([,;:?!]) ?")
# A full stop only at the end of a sentence: after a Chinese character, before the end, a space
# or another Chinese character (so 3.5 and www.gov.cn stay).
_STOP_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])\.(?: |(?=$|[{_CJK}]))")


def fullwidth(text: str) -> str:
    """Half-width , ; : ? ! . ( ) beside Chinese characters in their full-width forms."""
    if text.isascii() or not _ANY_MARK.search(text):
        return text
    while True:  # a mark made full-width may make the next one follow a Chinese mark: 。:: → 。：：
        changed = _brackets(
            _STOP_AFTER_CJK.sub("。", _MARK_AFTER_CJK.sub(lambda m: _AFTER_CJK[m.group(1)], text))
        )
        if changed == text:
            return text
        text = changed


def _brackets(text: str) -> str:
    """A pair ( … ) becomes （ … ） when a Chinese character is inside it or right outside it."""
    out = []
    last = 0
    for m in re.finditer(r"\(([^()]*)\)", text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if re.search(f"[{_CJK}]", before + m.group(1) + after):
            out.append(text[last : m.start()] + "（" + m.group(1) + "）")
            last = m.end()
    out.append(text[last:])
    return "".join(out)
