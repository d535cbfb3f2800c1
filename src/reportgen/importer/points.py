"""Sentence-level splitting: a run-in heading's title from its body, and 一是/二是 points.

A 公文 heading may stand on its own line ("一、基本情况") or run into its text: "（一）加强组织
领导。一是……" — the heading is the first sentence, ended by 。 outside quotes and brackets.
Inside a paragraph, enumerations read 一是……二是……三是……; they are split out when at least two
follow in order, each at the start of a clause.
"""

from __future__ import annotations

import re

from .markers import cn_number

__all__ = ["MAX_TITLE", "first_sentence_end", "last_point", "split_points", "split_title"]

MAX_TITLE = 60  # a first sentence longer than this is text, not a heading's title
_OPEN = "“‘「『《〈（(【[〔"
_CLOSE = "”’」』》〉）)】]〕"
_POINT = re.compile(r"(?:^|(?<=[。；;：:，,！？!?\n”]))\s*([一二三四五六七八九十]{1,3})是")


def first_sentence_end(text: str) -> int:
    """Index just past the first 。！？ outside quotes and brackets, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "。！？!?" and depth == 0:
            j = i + 1
            while j < len(text) and text[j] in "”’」』）)":
                j += 1
            return j
    return -1


def split_title(rest: str, bold_lead: str = "") -> tuple[str, str]:
    """(title, body) of the text after a heading number.

    A bold lead (from the .docx) is the title; otherwise the first sentence when more text
    follows it, or the whole text when it is one short sentence or has no end mark. A long text
    without a short first sentence is a numbered paragraph: no title, all body.
    """
    rest = rest.strip()
    if bold_lead and rest.startswith(bold_lead) and len(bold_lead) < len(rest):
        return bold_lead.strip(), rest[len(bold_lead) :].strip()
    end = first_sentence_end(rest)
    if end == -1:
        return (rest, "") if len(rest) <= MAX_TITLE else ("", rest)
    if end <= MAX_TITLE:
        return rest[:end], rest[end:].strip()
    return "", rest


def split_points(text: str, first: int = 1) -> tuple[str, list[str], str]:
    """(before, points, after) for a text with 一是…二是…; (text, [], "") when there are none.

    With ``first`` > 1 the text continues points begun in an earlier paragraph: it must start
    with that point (二是…) and one point is enough. After the last point comes more text only
    where the points are separated by ；: the last point then ends at its first 。 and what
    follows is ``after``.
    """
    found = [(m.start(1), m.end(), cn_number(m.group(1)) or 0) for m in _POINT.finditer(text)]
    best: list[tuple[int, int, int]] = []
    for i, (start, _end, n) in enumerate(found):
        if n != first or (first > 1 and text[:start].strip()):
            continue
        seq = [found[i]]
        for cand in found[i + 1 :]:
            if cand[2] == seq[-1][2] + 1:
                seq.append(cand)
        if len(seq) > len(best):
            best = seq
    if len(best) < (2 if first == 1 else 1):
        return text, [], ""
    before = text[: best[0][0]].strip()
    points = []
    for k, (_s, e, _n) in enumerate(best):
        stop = best[k + 1][0] if k + 1 < len(best) else len(text)
        points.append(text[e:stop].strip())
    after = ""
    if len(points) > 1 and all(p.endswith(("；", ";")) for p in points[:-1]):
        end = first_sentence_end(points[-1])
        if 0 < end < len(points[-1]):
            points[-1], after = points[-1][:end], points[-1][end:].strip()
    return before, points, after


def last_point(text: str) -> int:
    """Number of the last point marker at a clause start in text (一是 → 1), 0 if none."""
    found = [cn_number(m.group(1)) or 0 for m in _POINT.finditer(text)]
    return found[-1] if found else 0
