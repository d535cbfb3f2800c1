"""A readable dump of an outline, for developers and tests (``python -m reportgen.importer FILE``).

Not the clerk-facing output: the YAML emitter will be that. One line per node, indented by depth,
with the source location, so a recognition mistake can be traced to the paragraph that caused it.
"""

from __future__ import annotations

from .outline import BodyBlock, Outline, Paragraph, Section

__all__ = ["dump"]


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _block(b: BodyBlock, pad: str, n: int) -> list[str]:
    if isinstance(b, Paragraph):
        lines = []
        if b.lead:
            lines.append(f"{pad}lead{'(own line)' if b.lead_own_line else ''}: {_cut(b.lead, n)}")
        if b.text:
            lines.append(f"{pad}text: {_cut(b.text, n)}")
        for k, p in enumerate(b.points, 1):
            lines.append(f"{pad}point {k}: {_cut(p, n)}")
        if b.after:
            lines.append(f"{pad}after: {_cut(b.after, n)}")
        return lines
    lines = [f"{pad}table[{b.kind}] {b.src} caption={b.caption!r} unit={b.unit!r}"]
    for f in b.figures:
        lines.append(
            f"{pad}  figure: {f.name} = {f.value} {f.unit} prev={f.previous} growth={f.growth}"
        )
    for r in b.ledger:
        lines.append(
            f"{pad}  ledger: {_cut(r.problem, 12)} | {_cut(r.measure, 16)} | {r.unit} | "
            f"{r.person} | "
            f"{r.deadline} | {r.status}{' (matched)' if r.matched else ''}"
        )
    if b.kind == "other":
        lines += [f"{pad}  row: {' | '.join(_cut(c, 10) for c in row)}" for row in b.grid]
    return lines


def _section(s: Section, depth: int, n: int) -> list[str]:
    pad = "  " * depth
    extra = "".join(f" {k}={v!r}" for k, v in (("role", s.role), ("problem", s.problem)) if v)
    head = f"{pad}[{s.level} {s.family} {s.marker or '-'}] {_cut(s.title, n)}"
    lines = [head + (" (run-in)" if s.run_in else "") + extra + f"  @{s.src}"]
    for b in s.body:
        lines += _block(b, pad + "  ", n)
    for c in s.children:
        lines += _section(c, depth + 1, n)
    return lines


def dump(o: Outline, width: int = 40) -> str:
    """The outline as indented text."""
    lines = [
        f"source: {o.source} ({o.format})",
        f"kind: {o.kind.kind} ({'；'.join(o.kind.reasons)})",
    ]
    for key in ("copy_no", "secrecy", "urgency", "doc_number"):
        if getattr(o.head, key):
            lines.append(f"head.{key}: {getattr(o.head, key)}")
    if o.head.issuer_mark:
        lines.append(f"head.issuer_mark: {o.head.issuer_mark}")
    if o.head.signers:
        lines.append(f"head.signers: {o.head.signers}")
    lines.append(f"title: {o.title_lines}")
    if o.subtitle:
        lines.append(f"subtitle: {o.subtitle}")
    if o.addressees:
        lines.append(f"addressees: {o.addressees}")
    lines.append("opening:")
    for b in o.opening:
        lines += _block(b, "  ", width)
    for basis in o.basis:
        lines.append(f"basis: {basis.name} | {basis.number}")
    for s in o.sections:
        lines += _section(s, 0, width)
    for c in o.closing:
        lines.append(f"closing: {c.text}")
    for note in o.attachment_notes:
        lines.append(f"attachment note: {note.number} {note.name}")
    lines.append(f"signature: {o.signature}")
    if o.signature and o.date:
        lines.append(f"sealed: {o.sealed} {o.sealed_why}".rstrip())
    if o.date:
        lines.append(f"date: {o.date.text} → {o.date.date}")
    if o.web_date:
        lines.append(f"web date: {o.web_date}")
    if o.annotation:
        lines.append(f"annotation: {o.annotation}")
    for a in o.attachments:
        lines.append(f"{a.label}: {a.title}  @{a.src}")
        for b in a.body:
            lines += _block(b, "  ", width)
        for s in a.sections:
            lines += _section(s, 1, width)
    r = o.record
    if r.cc or r.printer or r.other:
        lines.append(
            f"record: cc={r.cc} printer={r.printer!r} date={r.print_date!r} other={r.other}"
        )
    lines += [f"note: {n}" for n in o.notes]
    lines += o.report()
    return "\n".join(lines)
