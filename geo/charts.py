"""Counts as a small HTML table with bars: the exact figures and their shape at a glance.

Plain HTML and CSS, no charting library: a phone draws it at once and loads nothing for it
(a Vega chart cost the page about a megabyte of script and half a second of work). Every
label is escaped; colours come from the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import pandas as pd

#: Styles of the count tables (put once on the page).
CHARTS_CSS = """<style>
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
</style>"""
NEUTRAL = "#4C6A92"


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
