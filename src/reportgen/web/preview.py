"""What a report looks like, for the page's preview tab: the rendered document's pages, or a
faithful HTML approximation where LibreOffice is not installed.

Pages: the .docx the renderer wrote (the one a clerk downloads) → PDF through LibreOffice
(output/pdf.py, fonts substituted as for ``render --pdf``) → one PNG a page through pdftoppm, or
the PDF itself, shown by the browser, where pdftoppm is missing.

HTML: built from the render context (render/context.py), the data the templates print: the title
as broken into lines, headings with their numbers, leads, paragraphs, tables with merged cells,
the figures table, attachments, signature and date, and the ledger; on a sheet of the text
block's width, in the standard's faces (仿宋, 黑体, 楷体, 小标宋) with the fonts clerks' machines
have as fallbacks. Page breaks and exact line breaks are not shown.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from ..gbt9704 import GBT9704, Standard
from ..output.pdf import docx_to_pdf

__all__ = ["MAX_PAGES", "pdf_pages", "preview_html"]

MAX_PAGES = 60
_FALLBACK = {
    "fangsong": "'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Noto Serif SC', serif",
    "heiti": "'SimHei', 'STHeiti', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
    "kaiti": "'KaiTi', 'STKaiti', 'Noto Serif CJK SC', serif",
    "song": "'SimSun', 'STSong', 'Noto Serif CJK SC', serif",
}


def _family(fonts: tuple[str, ...], fallback: str) -> str:
    return ", ".join(f"'{f}'" for f in fonts) + ", " + _FALLBACK[fallback]


def preview_css(standard: Standard = GBT9704) -> str:
    """The sheet's styles, from the numbers of the report's layout profile."""
    f, g, m = standard.faces, standard.grid, standard.margins
    pitch = standard.text_height_mm / g.lines_per_page
    return f"""
.sheet {{ width: {standard.text_width_mm:.1f}mm;
  padding: {m.top_mm:.0f}mm {m.right_mm:.0f}mm {m.bottom_mm:.0f}mm {m.left_mm:.0f}mm;
  font-family: 'Times New Roman', {_family(f.body.fonts, "fangsong")};
  font-size: {f.body.size_pt:g}pt; line-height: {pitch:.2f}mm; color: #000; background: #fff; }}
.sheet p {{ margin: 0; text-indent: {g.indent_chars}em; text-align: justify; }}
.sheet .title {{ font-family: {_family(f.title.fonts, "song")}; font-size: {f.title.size_pt:g}pt;
  font-weight: bold; text-align: center; text-indent: 0; line-height: 1.45;
  margin-bottom: {pitch:.2f}mm; }}
.sheet .h1 {{ font-family: {_family(f.h1.fonts, "heiti")}; }}
.sheet .h2 {{ font-family: {_family(f.h2.fonts, "kaiti")}; }}
.sheet .h3 .t, .sheet .lead {{ font-weight: bold; }}
.sheet .h1 .x, .sheet .h2 .x {{ font-family: {_family(f.body.fonts, "fangsong")}; }}
.sheet table {{ border-collapse: collapse; width: 100%; margin: 0.3em 0;
  font-size: {f.table.size_pt:g}pt; line-height: 1.5; }}
.sheet .ledger table {{ font-size: {f.ledger.size_pt:g}pt; }}
.sheet td, .sheet th {{ border: 1px solid #000; padding: 0.1em 0.3em; text-align: center; }}
.sheet th {{ font-family: {_family(f.h1.fonts, "heiti")}; font-weight: normal; }}
.sheet td.left {{ text-align: left; }}
.sheet .caption {{ text-align: center; text-indent: 0; font-family: {_family(f.h1.fonts, "heiti")};
  font-size: {f.table.size_pt:g}pt; }}
.sheet .unit {{ text-align: right; text-indent: 0; font-size: {f.table.size_pt:g}pt; }}
.sheet .signature {{ text-align: right; text-indent: 0; white-space: pre; }}
.sheet .attachments {{ margin-top: {pitch:.2f}mm; }}
.sheet .gap {{ height: {pitch:.2f}mm; }}
.sheet .ledger {{ margin-top: {2 * pitch:.2f}mm; border-top: 1px dashed #888; }}
.sheet .ledger .lt {{ font-family: {_family(f.title.fonts, "song")};
  font-size: {f.title.size_pt:g}pt; text-align: center; text-indent: 0; margin: {pitch:.2f}mm 0; }}
"""


def preview_html(context: dict[str, Any]) -> str:
    """The document as one HTML sheet (a fragment: a ``<div class="sheet">``)."""
    out = ['<div class="sheet">']
    out += [f'<p class="title">{"<br>".join(map(escape, context["title_lines"]))}</p>']
    out += [f"<p>{escape(p)}</p>" for p in context["opening"]]
    for block in context["blocks"]:
        out.append(_block(block))
    if context["attachments"]:
        out.append('<div class="attachments">')
        out += [f"<p>{escape(line)}</p>" for line in context["attachments"]]
        out.append("</div>")
    if context["issuer"] or context["date"]:
        sig = context["signature"]
        out.append('<div class="gap"></div><div class="gap"></div>')
        if context["issuer"]:
            right = sig["issuer_right"] / 100
            out.append(
                f'<p class="signature" style="padding-right:{right:g}em">'
                f"{escape(context['issuer'])}</p>"
            )
        if context["date"]:
            right = sig["date_right"] / 100
            out.append(
                f'<p class="signature" style="padding-right:{right:g}em">'
                f"{escape(context['date'])}</p>"
            )
    if context.get("ledger"):
        out.append(_ledger(context["ledger"]))
    out.append("</div>")
    return "\n".join(out)


def _block(b: dict[str, Any]) -> str:
    kind = b["kind"]
    text = escape(b.get("text") or "")
    if kind in ("h1", "h2", "h3", "h4"):
        head = f'<span class="t">{escape(b["number"])}{escape(b["title"])}</span>'
        body = f'<span class="x">{text}</span>' if text else ""
        return f'<p class="{kind}">{head}{body}</p>'
    if kind == "lead":
        return f'<p><span class="lead">{escape(b["lead"])}</span>{text}</p>'
    if kind == "p":
        return f"<p>{text}</p>"
    if kind == "table":
        return _table(b)
    if kind == "figures":
        head = "".join(f"<th>{escape(h)}</th>" for h in b["header"])
        rows = "".join(
            f'<tr><td class="left">{escape(r["name"])}</td><td>{escape(r["value"])}</td>'
            f"<td>{escape(r['previous'])}</td><td>{escape(r['change'])}</td></tr>"
            for r in b["rows"]
        )
        return f"<table><tr>{head}</tr>{rows}</table>"
    return f"<p>{text}</p>"


def _table(b: dict[str, Any]) -> str:
    out = []
    if b.get("title"):
        out.append(f'<p class="caption">{escape(b["title"])}</p>')
    if b.get("unit"):
        out.append(f'<p class="unit">{escape(b["unit"])}</p>')
    cols = "".join(f'<col style="width:{h["span"] / 0.6:.1f}%">' for h in b["header"])
    out.append(f"<table><colgroup>{cols}</colgroup><tr>")
    out += [f"<th>{escape(h['text'])}</th>" for h in b["header"]]
    out.append("</tr>")
    rows = b["rows"]
    for i, row in enumerate(rows):
        out.append("<tr>")
        for j, cell in enumerate(row):
            if cell.get("merge") == "continue":
                continue
            span = 1
            if cell.get("merge") == "restart":
                while i + span < len(rows) and rows[i + span][j].get("merge") == "continue":
                    span += 1
            attrs = ' class="left"' if cell.get("align") == "left" else ""
            attrs += f' rowspan="{span}"' if span > 1 else ""
            lines = "<br>".join(escape(t) for t in cell["text"].split("\n"))
            out.append(f"<td{attrs}>{lines}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _ledger(ledger: dict[str, Any]) -> str:
    keys = ["number", "problem", "measure", "unit", "person", "deadline", "status"]
    if ledger.get("evidence"):
        keys.append("evidence")
    head = "".join(f"<th>{escape(h)}</th>" for h in ledger["header"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(r.get(k, '')))}</td>" for k in keys) + "</tr>"
        for r in ledger["rows"]
    )
    return (
        f'<div class="ledger"><p class="lt">{escape(ledger["title"])}</p>'
        f"<table><tr>{head}</tr>{rows}</table></div>"
    )


def pdf_pages(
    docx: bytes, folder: Path, *, resolution: int = 110, standard: Standard | None = None
) -> tuple[Path, list[Path]]:
    """The document's PDF (written in ``folder``) and its pages as PNGs (none where pdftoppm is
    missing: the page then shows the PDF itself). Raises ConversionError."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "report.pdf"
    pdf.write_bytes(docx_to_pdf(docx, standard=standard))
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return pdf, []
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        subprocess.run(
            [pdftoppm, "-png", "-r", str(resolution), "-l", str(MAX_PAGES), str(pdf), f"{tmp}/p"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        out = []
        for n, page in enumerate(pages, 1):
            target = folder / f"page-{n}.png"
            page.replace(target)
            out.append(target)
    return pdf, out
