"""A page as plain data: its file, its template, what it shows, and the articles it draws on
(which key it for incremental builds)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.model import Article, Event, Figure, Relation


@dataclass
class Page:
    path: str
    template: str
    context: dict = field(default_factory=dict)
    # The articles (slugs) whatever the page shows comes from, besides the registry: while
    # none of them changes, the page comes out the same. None: it draws on the whole corpus.
    sources: frozenset[str] | None = None
    # For a part of a long list: which items it holds, in order. Its articles alone do not
    # say that, as an item added earlier in the year moves the others along.
    selection: tuple = ()
    # A page not planned in this build: its key in the last one, whose Markdown stands
    # (kept_plans.py). Its context holds its title only.
    kept_key: str = ""
    # Keyed by the entries of people, organisations and topics its articles name, not by the
    # whole entity files (incremental.named_entry_keys): a page of an article, a relation or
    # an entity, or a part of the timeline, what changed or a long section index, which shows
    # no other entry of those files (an entity's page: besides those pages.shown_entries
    # gives, which its context counts).
    named_entries: bool = False


def make_page(path: str, template: str, sources=None, **context) -> Page:
    return Page(path, template, context, sources)


def make_part(path: str, template: str, items, **context) -> Page:
    """A page holding one part of a long list."""
    # A figure shows whether a newer value of its series is known, which another article can
    # tell: that counts in the part's key as well.
    selection = tuple(
        item.slug if isinstance(item, (Article, Relation)) else
        (item.citation.article, item.citation.paragraph, item.citation.quote, True)
        if isinstance(item, Figure) and item.older else
        (item.citation.article, item.citation.paragraph, item.citation.quote)
        for item in items)
    return Page(path, template, context, sources_of(items), selection)


def older_figures(figures) -> str:
    """Which of the figures are marked older (a newer value of the series is known), as a
    plain value for a page's inputs key: the article that tells the newer value may be one
    the page does not draw on."""
    return ",".join(str(number) for number, figure in enumerate(figures) if figure.older)


def sources_of(items) -> frozenset[str]:
    """The articles a list of articles, relations, claims or mentions comes from."""
    found: set[str] = set()
    add = found.add  # plain loops: a topic's page gathers tens of thousands of items
    for item in items:
        if isinstance(item, Article):
            add(item.slug)
        elif isinstance(item, Relation):
            for claim in item.claims:
                add(claim.citation.article)
        elif isinstance(item, Event):
            for citation in item.sources:
                add(citation.article)
            for citation in item.basis:
                add(citation.article)
        else:
            add(item.citation.article)
    return frozenset(found)
