"""Links written into generated Markdown: relative, escaped, and checked by
``mkdocs build --strict``; citations lead to the paragraph a statement comes from."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from ..content.registry import Region
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Article, Citation, Relation
from ..knowledge.urls import path_of, relative_url
from .render import markup, md_escape


class Links:
    """Link helpers bound to the page being written, so that every link is relative and checked
    by ``mkdocs build --strict``."""

    def __init__(self, knowledge: KnowledgeBase, here: str, cache: dict | None = None):
        self.knowledge = knowledge
        self.here = here
        # Links depend only on the folder a page is in: pages of one section share them.
        self.cache = cache if cache is not None else {}
        self.folder = posixpath.dirname(here)

    def url(self, thing, anchor: str = "") -> str:
        if isinstance(thing, Region):
            anchor = anchor or f"region-{thing.id}"
        return relative_url(self.here, path_of(thing), anchor)

    def anchor_url(self, thing, anchor: str) -> Markup:
        """A link target to a heading of another page; slugs and anchors need no escaping."""
        return Markup(self.url(thing, anchor))

    def link(self, thing, text=None) -> Markup:
        key = ("link", id(thing), text, self.folder)
        found = self.cache.get(key)
        if found is None:
            label = md_escape(text if text is not None else self.name(thing))
            found = self.cache[key] = markup(f"[{label}]({self.url(thing)})")
        return found

    def actor(self, ref: str):
        return self.knowledge.registry.actor(ref)

    def actor_link(self, ref: str) -> Markup:
        return self.link(self.actor(ref))

    def actors(self, refs) -> Markup:
        # Joined as text: every link is Markup already, and Markup.join would escape each
        # again (a fifth of the time pages take to render, at 10,000 articles).
        return markup(", ".join(self.actor_link(ref) for ref in refs))

    def names(self, refs) -> str:
        return ", ".join(self.actor(ref).name for ref in refs)

    def person_link(self, ref: str) -> Markup:
        return self.link(self.knowledge.registry.people[ref])

    def status_name(self, ref: str) -> str:
        """A relation status's name as statuses.yml gives it ("enhanced strategic
        partnership"), whatever words the statement that gave it quotes."""
        return self.knowledge.registry.statuses[ref].name

    def speaker(self, speaker: str, person: str = "") -> Markup:
        """Who said a quote, as the annotation words it, the person's name as a link to their
        page: "Dmitry Peskov, Kremlin spokesman" with the name linked, not the name again
        after the link."""
        if not person:
            return md_escape(speaker)
        link = self.person_link(person)
        name = self.knowledge.registry.people[person].name
        if speaker.casefold() == name.casefold():
            return link
        if speaker.casefold().startswith(name.casefold() + ","):
            return markup(link + md_escape(speaker[len(name):]))
        return markup(f"{link}, {md_escape(speaker)}")

    def name(self, thing) -> str:
        if isinstance(thing, Relation):
            first, second = (self.actor(ref) for ref in thing.pair)
            return f"{first.name} – {second.name}"
        if isinstance(thing, Article):
            return thing.title
        return thing.name

    def cite(self, citation: Citation) -> Markup:
        """A link to the exact paragraph a statement comes from."""
        key = ("cite", citation.article, citation.paragraph, self.folder)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._cite(citation)
        return found

    def _cite(self, citation: Citation) -> Markup:
        # What an article's citations share is made once per article and folder: a page of
        # a relation cites a few articles hundreds of times, by paragraph.
        key = ("cited", citation.article, self.folder)
        shared = self.cache.get(key)
        if shared is None:
            article = self.knowledge.articles[citation.article]
            shared = self.cache[key] = (
                md_escape(article.title), self.url(article),
                md_escape(f"Source: {article.publication}, {article.date.label}"))
        label, url, title = shared
        # The paragraph's number needs no escaping, and ", ¶" after the title changes none of
        # md_escape's: md_escape(f"{title}, ¶{n}") is md_escape(title) followed by it.
        return markup(f'<span class="cite" data-search-exclude data-pagefind-ignore="all">'
                      f'[{label}, ¶{citation.paragraph}]({url}#{citation.anchor} "{title}")'
                      '</span>')

    def path_url(self, path: str, anchor: str = "") -> Markup:
        """A link to a generated page given by its path, such as an archive part. Paths are
        made of slugs, so the link target needs no escaping."""
        return Markup(relative_url(self.here, path, anchor))

    def date(self, value) -> str:
        return value.label if value else ""

    def cite_short(self, citation: Citation, text: str = "") -> Markup:
        """A compact link to a paragraph, for the first screen: '¶4', or the given text (a
        number) as the link."""
        article = self.knowledge.articles[citation.article]
        label = md_escape(text or f"¶{citation.paragraph}")
        title = md_escape(f"{article.title}, ¶{citation.paragraph} ({article.publication}, "
                          f"{article.date.label})")
        return markup(f'[{label}]({self.url(article, citation.anchor)} "{title}")')
