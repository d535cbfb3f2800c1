"""The model's blocks → the flat, numbered blocks a template loops over, one per paragraph or table.

Every kind's body goes through :class:`Body`: a general document's ``body`` as written, a report's
chapters as its preset builds them (render/context.py). Each block is a dict with ``kind``:

- ``h1`` … ``h4``: a numbered heading or numbered lead; ``number`` (一、 （一） 1. （1）),
  ``title``, and ``text``: the body text run in after the title in the same paragraph (empty
  when the heading stands alone);
- ``lead``: an unnumbered lead; ``lead`` (set bold) and ``text`` run in after it (empty when the
  lead is a paragraph of its own);
- ``p``: a body paragraph, ``text`` (points already joined as 一是……二是……);
- ``table``: a table, see :func:`reportgen.render.table.table_block`;
- ``figures``: the figures table, ``header`` and ``rows`` (name, value, previous, change).

Paragraph blocks carry ``keep``: the paragraph keeps with the next one on its page.
"""

from __future__ import annotations

from typing import Any

from ..gbt9704 import Standard, national
from ..model.blocks import (
    Figure,
    FiguresBlock,
    Heading,
    Lead,
    PointsBlock,
    TableBlock,
)
from ..text.numbering import heading_number, point_prefix
from .figures import figures_block
from .table import table_block

__all__ = ["END", "Body", "points_text", "sentence"]

END = "。！？；…"
_RUN_IN = "。！？"
# A title run in before text gets a full stop unless it already ends in a mark that leads on.
_LEADS_ON = END + "：:，,"


class Body:
    """Collects the blocks of one document in order, numbering headings by level as they come.

    ``headings`` is the document's rule for a heading without ``run_in``: ``auto`` (one ending in
    。！？ runs in), ``run_in`` or ``own_line``. ``continuous``: level-3 numbers run on across the
    level-2 headings of one level-1 heading. ``standard`` (GB/T 9704's by default) gives the
    text block tables and keeps are measured in."""

    def __init__(
        self,
        wording: dict[str, Any],
        *,
        continuous: bool = False,
        headings: str = "auto",
        standard: Standard | None = None,
    ):
        self.wording = wording
        self.standard = standard or national()
        self.blocks: list[dict[str, Any]] = []
        self.counters = [0] * 5
        self.continuous = continuous
        self.headings = headings

    def _number(self, level: int) -> str:
        self.counters[level] += 1
        self.restart(level)
        return heading_number(level, self.counters[level])

    def restart(self, level: int) -> None:
        """Numbering below ``level`` starts again (a new heading at ``level``, or a chapter that
        prints no heading of its own)."""
        for deeper in range(level + 1, 5):
            if not (self.continuous and deeper == 3 and level == 2):
                self.counters[deeper] = 0

    # ---- blocks -----------------------------------------------------------------------------

    def walk(self, blocks: list[Any], level: int) -> None:
        """``blocks`` in order; a numbered heading or lead among them takes ``level``."""
        for b in blocks:
            if isinstance(b, str):
                self.paragraph(b)
            elif isinstance(b, PointsBlock):
                self.paragraph(points_text(b))
            elif isinstance(b, Heading):
                self.heading(level, b.title, b.blocks(), run_in=b.run_in)
            elif isinstance(b, Lead):
                self.lead(b, level)
            elif isinstance(b, TableBlock):
                self.blocks.append(table_block(b.table, self.standard))
            elif isinstance(b, FiguresBlock):
                self.figures(b.figures)

    def heading(
        self,
        level: int,
        title: str,
        blocks: list[Any],
        *,
        run_in: bool | None = None,
        lead: bool = False,
    ) -> None:
        """A numbered heading (or numbered lead, ``lead``) and what stands under it."""
        if run_in is None:
            run_in = self._runs_in(title, lead=lead)
        first, rest = _first_text(blocks) if run_in else ("", blocks)
        if first and title and title[-1] not in _LEADS_ON:
            title += "。"
        self.blocks.append(
            {
                "kind": f"h{level}",
                "level": level,
                "number": self._number(level),
                "title": title,
                "text": first,
            }
        )
        self.walk(rest, level + 1)

    def _runs_in(self, title: str, *, lead: bool) -> bool:
        if not title:
            return True  # a number alone: its text follows it
        if not lead and self.headings != "auto":
            return self.headings == "run_in"
        return title[-1] in _RUN_IN

    def lead(self, lead: Lead, level: int) -> None:
        text = sentence(lead.lead) if lead.lead else ""
        if lead.numbered:
            self.heading(level, text, lead.blocks(), run_in=lead.run_in, lead=True)
            return
        blocks = lead.blocks()
        if not text:
            self.walk(blocks, level)
            return
        run_in = lead.run_in if lead.run_in is not None else text[-1] in _RUN_IN
        first, rest = _first_text(blocks) if run_in else ("", blocks)
        self.blocks.append({"kind": "lead", "lead": text, "text": first})
        self.walk(rest, level)

    def paragraph(self, text: str) -> None:
        self.blocks.append({"kind": "p", "text": text})

    def figures(self, figures: list[Figure]) -> None:
        self.blocks.append(figures_block(figures, self.wording))

    # ---- keeping together -------------------------------------------------------------------

    def finished(self) -> list[dict[str, Any]]:
        """The blocks, each paragraph marked ``keep`` when it must stay on the page of the next."""
        return _with_keeps(self.blocks, self.standard.grid.chars_per_line)


# The last paragraph of the body goes with the signature, so that no page holds only the signature
# and date. Only a short one: LibreOffice drops every keep of a chain that does not fit on one page,
# and would then split the signature from the date: six lines of ``per_line`` characters at most.
def _with_keeps(blocks: list[dict[str, Any]], per_line: int) -> list[dict[str, Any]]:
    """Mark the paragraphs that keep with the next one, and only those: a heading or lead standing
    alone keeps with what stands under it (not with the next heading when it has nothing under it:
    a run of lead-only measures chained into one block moved half a page), and the short last one
    keeps with the signature."""
    for i, b in enumerate(blocks):
        if b["kind"] in ("figures", "table"):
            continue
        alone = b["kind"] != "p" and not b["text"]
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        text = b.get("number", "") + b.get("title", "") + b.get("lead", "") + b["text"]
        if following is None:
            b["keep"] = alone or len(text) <= 6 * per_line
        else:
            b["keep"] = alone and _under(following, b)
    return blocks


def _under(block: dict[str, Any], heading: dict[str, Any]) -> bool:
    """Whether ``block`` stands under ``heading`` (a heading or a lead): body text, a table, a
    lead under a heading, or a deeper heading; not the heading's next sibling."""
    if block["kind"] in ("p", "table", "figures"):
        return True
    if heading["kind"] == "lead":
        return False  # the next lead or heading is a sibling, not the lead's text
    return block["kind"] == "lead" or block["level"] > heading["level"]


# ---- text ----------------------------------------------------------------------------------


def _first_text(blocks: list[Any]) -> tuple[str, list[Any]]:
    """The text that runs in after a heading (its first paragraph or points) and the rest."""
    if blocks and isinstance(blocks[0], str):
        return blocks[0], blocks[1:]
    if blocks and isinstance(blocks[0], PointsBlock):
        return points_text(blocks[0]), blocks[1:]
    return "", blocks


def points_text(block: PointsBlock) -> str:
    """一是……二是……, after the intro, in one paragraph."""
    joined = "".join(point_prefix(n) + sentence(p) for n, p in enumerate(block.points, 1))
    return (block.intro or "") + joined


def sentence(text: str) -> str:
    return text if text[-1] in END else text + "。"
