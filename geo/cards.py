"""Cards of facts, as escaped HTML: the project panel (one project of the catalogue as its
sources state it: full name, programme and period, lead, partners, budget, themes, economy
focus, its places on the map and the sources), and the eligibility of a town searched for.
The catalogue's facts are written as the sources give them, conflicts and hedges included,
so they are shown as they are, never summarised."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import urlsplit

from geo.i18n import Translator
from geo.schema import Project

CARD_CSS = """<style>
.mm-card h3 { margin: 0 0 .5rem; font-size: 1.1rem; padding: 0; }
.mm-card dl { display: grid; grid-template-columns: 11em 1fr; gap: .3rem .75rem;
  margin: 0; padding: 0; font-size: .9rem; }
.mm-card dt { font-weight: 600; color: rgba(49,51,63,.75); }
.mm-card dd { margin: 0; overflow-wrap: anywhere; }
.mm-card blockquote { margin: .25rem 0 0; padding-left: .5rem; border-left: 3px solid #ccd;
  font-style: italic; }
@media (max-width: 640px) {  /* a phone: each label above its fact */
  .mm-card dl { grid-template-columns: 1fr; gap: 0; }
  .mm-card dd { margin-bottom: .5rem; }
}
</style>"""


def _source_links(urls: list[str]) -> str:
    """Each source by its site's name (the whole address is the link and its title): long
    addresses would fill a phone's screen."""
    return "<br>".join(
        f'<a href="{escape(u)}" title="{escape(u)}" target="_blank" rel="noopener noreferrer">'
        f"{escape(urlsplit(u).netloc.removeprefix('www.') or u)}</a>"
        for u in urls
    )


def project_card(
    project: Project,
    economy: Mapping[str, str],
    places: tuple[int, int],
    _: Translator,
) -> str:
    """The panel of ``project``: ``economy`` names the economy types in the page's language,
    ``places`` is its places on the map (formal partners, others). A fact no source states
    is said to be not stated."""
    none = escape(_("not stated"))
    focus = ", ".join(economy.get(e, e) for e in project.economy)
    quote = f"<blockquote>{escape(project.economy_quote)}</blockquote>" if focus else ""
    formal, others = places
    rows = [
        (_("Programme"), escape(project.programme) or none),
        (_("Period"), escape(project.period or project.programme_period or "") or none),
        (_("Lead partner"), escape(project.lead) or none),
        (_("Partners, as stated"), escape(project.partners_stated) or none),
        (_("Budget, as stated"), escape(project.budget) or none),
        (_("Themes"), escape(project.themes) or none),
        (_("Economy focus"), (escape(focus) + quote) if focus else none),
        (
            _("On the map"),
            escape(
                _("formal partners: {formal} · others: {others}").format(
                    formal=formal, others=others
                )
            ),
        ),
        (_("Sources"), _source_links([str(u) for u in project.sources])),
    ]
    body = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    title = f"{escape(project.short_name)} – {escape(project.full_name)}"
    return f'<section class="mm-card"><h3>{title}</h3><dl>{body}</dl></section>'


VERDICT_CSS = """<style>
.mm-verdict { border-radius: .5rem; padding: .5rem .75rem; font-size: .9rem; }
.mm-verdict.mm-in { background: #e6f4ea; border-left: 4px solid #009E73; }
.mm-verdict.mm-out { background: #fdf1e6; border-left: 4px solid #D55E00; }
</style>"""


def town_verdict(town: str, region: str | None, eligible: bool, _: Translator) -> str:
    """Whether a town lies in the programme's eligible area (and in which cooperation
    region), in one sentence, as escaped HTML: what a planner asks of a place."""
    if eligible and region:
        text = _("{town}: in the programme's eligible area ({region}).")
    elif eligible:
        text = _("{town}: in the programme's eligible area, outside the five regions of the map.")
    elif region:
        text = _("{town}: {region}, but outside the programme's eligible area.")
    else:
        text = _("{town}: outside the programme's eligible area.")
    sentence = escape(text.format(town=town, region=region or ""))
    return f'<div class="mm-verdict {"mm-in" if eligible else "mm-out"}">{sentence}</div>'
