"""Counts and lists of places as small HTML tables: counts with bars (the exact figures and
their shape at a glance), places in a scrolling box with a fixed header.

Plain HTML and CSS, no charting or grid library: a phone draws them at once and loads
nothing for them (Vega and the interactive data grid cost the page 1.5 MB of script and most
of a second of work before the map could appear). Every text is escaped; colours come from
the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

#: Styles of the tables (put once on the page).
TABLES_CSS = """<style>
.mm-scroll { overflow-x: auto; max-width: 100%; }
.mm-counts { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.mm-counts th, .mm-counts td { padding: 3px 6px; border-bottom: 1px solid rgba(49,51,63,.1);
  text-align: right; }
.mm-counts th:first-child, .mm-counts td:first-child { text-align: left; min-width: 7em; }
.mm-counts th { font-weight: 600; color: rgba(49,51,63,.75); vertical-align: bottom;
  font-size: 0.8rem; }
.mm-counts td.mm-bar { width: 30%; min-width: 60px; }
.mm-bar-track { display: flex; height: 12px; border-radius: 3px; overflow: hidden; }
.mm-bar-track span { display: block; height: 100%; }
.mm-key { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 4px; vertical-align: baseline; }
.mm-places-box { max-height: 420px; overflow: auto; border: 1px solid rgba(49,51,63,.15);
  border-radius: .5rem; }
.mm-places { border-collapse: collapse; width: 100%; font-size: .875rem; }
.mm-places th { position: sticky; top: 0; background: #f6f7f9; text-align: left;
  font-weight: 600; padding: 6px 8px; border-bottom: 1px solid rgba(49,51,63,.2); }
.mm-places td { padding: 5px 8px; border-bottom: 1px solid rgba(49,51,63,.08);
  vertical-align: top; }
.mm-places tbody tr:nth-child(even) { background: rgba(49,51,63,.025); }
.mm-places tr[data-mm-id] { cursor: pointer; }
.mm-places tr[data-mm-id]:hover, .mm-places tr[data-mm-id]:focus { background: #e8f1f8; }
.mm-pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 3rem; }
@media (max-width: 720px) { .mm-pair { grid-template-columns: minmax(0, 1fr); } }
.mm-section h3 { font-size: 1.5rem; font-weight: 600; line-height: 1.2; margin: 0;
  padding: 1.25rem 0 1rem; }
.mm-section .mm-note, .mm-after { font-size: .875rem; color: rgba(49,51,63,.6); }
.mm-section .mm-note { margin: 0 0 .5rem; }
.mm-after { margin: .5rem 0 0; }
</style>"""
NEUTRAL = "#4C6A92"


def section(title: str, body: str, note: str = "") -> str:
    """``body`` (HTML) under the heading ``title``, with an optional ``note`` below the
    heading: one element of the page instead of three (each element costs the server and the
    phone's browser, which draws them all before the map). ``title`` and ``note`` are text."""
    remark = f'<p class="mm-note">{escape(note)}</p>' if note else ""
    return f'<section class="mm-section"><h3>{escape(title)}</h3>{remark}{body}</section>'


def count_table(
    counts: pd.DataFrame,
    *,
    label: str,
    total: str,
    colors: Mapping[str, str] | None = None,
    caption: str = "",
) -> str:
    """An HTML table of ``counts`` (rows: labelled groups; columns: counts and ``total``),
    with a bar per row as long as its total, split by column when ``colors`` gives each
    column a colour (a place counted in several columns splits its bar proportionally)."""
    parts = [c for c in counts.columns if c != total]
    keyed = colors or {}
    head = "".join(
        f"<th>{_key(keyed.get(c))}{escape(str(c))}</th>" for c in parts if len(parts) > 1
    )
    top = max(int(counts[total].max()), 1) if len(counts) else 1
    rows = []
    for name, row in counts.iterrows():
        cells = "".join(f"<td>{int(row[c])}</td>" for c in parts) if len(parts) > 1 else ""
        rows.append(
            f"<tr><td>{escape(str(name))}</td>{cells}<td><b>{int(row[total])}</b></td>"
            f'<td class="mm-bar">{_bar(row, parts, keyed, top, total)}</td></tr>'
        )
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="mm-scroll"><table class="mm-counts">{caption_html}<thead><tr>'
        f"<th>{escape(label)}</th>{head}<th>{escape(total)}</th><th></th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _key(color: str | None) -> str:
    return f'<span class="mm-key" style="background:{color}"></span>' if color else ""


def _bar(row: pd.Series, parts: list[str], colors: Mapping[str, str], top: int, total: str) -> str:
    """Segments whose widths add up to the row's total, relative to the longest row."""
    width = 100 * int(row[total]) / top
    if not colors:
        segments = [(width, NEUTRAL)]
    else:
        summed = sum(int(row[c]) for c in parts) or 1
        segments = [(width * int(row[c]) / summed, colors.get(c, NEUTRAL)) for c in parts]
    spans = "".join(
        f'<span style="width:{w:.2f}%;background:{c}"></span>' for w, c in segments if w > 0
    )
    return f'<div class="mm-bar-track">{spans}</div>'


def places_table(rows: pd.DataFrame, ids: Sequence[str] | None = None) -> str:
    """An HTML table of ``rows`` (already in words: column headers and cells are text) in a
    scrolling box whose header stays in view. With the places' ``ids``, a row can be chosen
    (click, or Tab and Enter) to show its place on the map (see ``ui.numbers``)."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in rows.columns)
    opens = (
        [f' data-mm-id="{escape(str(i))}" tabindex="0"' for i in ids]
        if ids is not None
        else [""] * len(rows)
    )
    body = "".join(
        f"<tr{opening}>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for opening, row in zip(opens, rows.itertuples(index=False), strict=True)
    )
    return (
        f'<div class="mm-places-box"><table class="mm-places"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
