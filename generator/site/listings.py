"""The Markdown of the two longest lists on the site: events and figures.

An event line appears on its article, its parties' pages, the timeline, its class page and its
month page: hundreds of thousands of lines at 10,000 articles. Written as Jinja macros, each line
cost a dozen macro calls and as many finalize passes, and rendering them was a third of
generating the site. Here they are plain Python with the same escaping rule as every
``{{ value }}`` in a template: text goes through ``md_escape``, links are ``Markup`` already.
The templates call these through the ``blocks`` macros, whose names they keep.
"""

from __future__ import annotations

from markupsafe import Markup

from .render import markup, md_escape

FIGURES_HEADER = ("| Metric | Actors | Value | Period | Kind | Source |\n"
                  "|---|---|---|---|---|---|\n")
_OLDER = ' <span class="older" title="a newer period of this series is known">older</span>'


def tone(event) -> Markup:
    kind = md_escape(event.event_class)
    score = md_escape(event.tone_text)
    return markup(f'<span class="tone tone-{md_escape(event.event_class.replace(" ", "-"))}" '
            f'title="Goldstein score {score}">{kind}, {score}</span>')


def event_sources(links, event) -> Markup:
    return markup(" ".join(links.cite(citation) for citation in event.sources))


def event_line(links, event) -> Markup:
    """One event on one line: date, what, where, tone, who, and the paragraphs it comes from."""
    parts = [f"**{md_escape(event.date.label)}** · "]
    if event.expected:
        parts.append("**Planned:** ")
    parts.append(f"{md_escape(event.title)} ({md_escape(event.kind)}")
    if event.place:
        parts.append(f", {md_escape(event.place)}")
    if event.place_country:
        parts.append(f", {links.actor_link(event.place_country)}")
    parts.append(f"; {tone(event)}). ")
    if event.source and event.target:
        parts.append(f"{links.actor_link(event.source)} → {links.actor_link(event.target)}. ")
    parts.append(f"Actors: {links.actors(event.actors)}")
    if event.affected:
        parts.append(f"; affects: {links.actors(event.affected)}")
    if event.people:
        parts.append("; people: " + ", ".join(links.person_link(ref) for ref in event.people))
    parts.append(".")
    if event.differing:
        differing = "; ".join(f"{md_escape(date.label)} {links.cite(citation)}"
                              for date, citation in event.differing)
        parts.append(f" Sources differ on the date: {differing}.")
    else:
        parts.append(f" {event_sources(links, event)}")
    return markup("".join(parts))


def events_list(links, events) -> Markup:
    return markup("".join(f"- {event_line(links, event)}\n" for event in events))


def figure_row(links, figure) -> str:
    older = _OLDER if figure.older else ""
    kind = md_escape(figure.type)
    if figure.source_type:
        kind = f"{kind} · {md_escape(figure.source_type)}"
    return (f"| {md_escape(figure.metric)} | {links.actors(figure.actors)} | "
            f"{md_escape(figure.value_text)}{older} | {md_escape(links.date(figure.period))} | "
            f"{kind} | {links.cite(figure.citation)} |\n")


def figures_table(links, figures) -> Markup:
    return markup(FIGURES_HEADER + "".join(figure_row(links, figure) for figure in figures))
