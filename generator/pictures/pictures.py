"""The pictures a page can show, bound to the page being written, as ``links`` is.

Templates ask for pictures by what they show (``pictures.timeline(events, subject)``); the
drawing lives in timelines.py, charts.py and networks.py, the data comes from the same
knowledge base as the text around it.
"""

from __future__ import annotations

from markupsafe import Markup

from ..engine.once import computed_once
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Citation, Relation
from ..knowledge.urls import path_of
from .charts import charts
from .networks import Edge, Node, network, stance_caption
from .svg import href
from .timelines import timeline

PARTNERS = 24  # a country's network shows its most active partners
OVERVIEW_ACTORS = 30  # the overview shows the most connected actors
OVERVIEW_EDGES = 90


class Pictures:
    def __init__(self, knowledge: KnowledgeBase, here: str):
        self.knowledge = knowledge
        self.here = here

    def timeline(self, events, subject: str) -> Markup:
        return timeline(list(events), self.here, subject)

    def charts(self, figures) -> list[Markup]:
        return charts(list(figures), self.here, self._source_label)

    def _source_label(self, citation: Citation) -> str:
        article = self.knowledge.articles[citation.article]
        return f"{article.title}, ¶{citation.paragraph}"

    def _node(self, ref: str, subject: bool = False) -> Node:
        registry = self.knowledge.registry
        actor = registry.actor(ref)
        is_country = ref in registry.countries
        has_page = not is_country or ref in self._country_pages
        url = href(self.here, path_of(actor)) if has_page else ""
        # Organisations go by their short name (EU, CSTO): long names crowd the picture; the
        # full name is the node's tooltip and accessible name.
        short = "" if is_country else getattr(actor, "short", "")
        return Node(ref, actor.name, url, "country" if is_country else "organisation", subject,
                    short)

    @computed_once
    def _country_pages(self) -> set[str]:
        return set(self.knowledge.countries_with_pages())

    def _edge(self, relation: Relation) -> Edge:
        names = " – ".join(self.knowledge.registry.actor(ref).name for ref in relation.pair)
        label = f"{names}: {relation.stance}, “{relation.latest.label}”"
        return Edge(relation.pair[0], relation.pair[1], relation.stance,
                    href(self.here, path_of(relation)), label)

    def _most_annotated_first(self, relation: Relation) -> tuple:
        return (-len(relation.claims), relation.slug)

    def partners(self, ref: str, name: str) -> Markup:
        """The actor and its most active partners, one edge each."""
        relations = sorted(self.knowledge.relations_of(ref), key=self._most_annotated_first)[:PARTNERS]
        if not relations:
            return Markup("")
        nodes = [self._node(ref, subject=True)]
        nodes += [self._node(relation.partner_of(ref)) for relation in relations]
        total = len(self.knowledge.relations_of(ref))
        shown = (f"its {len(relations)} most annotated of {total} relations"
                 if total > len(relations) else f"all {total} of its relations")
        by_stance = {}
        for relation in relations:
            by_stance.setdefault(relation.stance, []).append(
                self.knowledge.registry.actor(relation.partner_of(ref)).name)
        said = "; ".join(f"{stance}: {', '.join(names)}" for stance, names in by_stance.items())
        return network(nodes, [self._edge(relation) for relation in relations], center=ref,
                       title=f"Network: {name} and its partners",
                       description=f"{name} at the centre, linked to {shown}. By stance: {said}.",
                       caption=stance_caption(), height=460, ident="partners")

    def overview(self) -> Markup:
        """The most connected actors and the relations among them."""
        degree: dict[str, int] = {}
        for relation in self.knowledge.relations.values():
            for ref in relation.pair:
                degree[ref] = degree.get(ref, 0) + 1
        actors = sorted(degree, key=lambda ref: (-degree[ref], ref))[:OVERVIEW_ACTORS]
        chosen = set(actors)
        relations = sorted((relation for relation in self.knowledge.relations.values()
                            if set(relation.pair) <= chosen), key=self._most_annotated_first)
        relations = relations[:OVERVIEW_EDGES]
        linked = {ref for relation in relations for ref in relation.pair}
        nodes = [self._node(ref) for ref in actors if ref in linked]
        if not nodes:
            return Markup("")
        names = ", ".join(node.name for node in sorted(nodes, key=lambda n: (-degree[n.ref],
                                                                              n.ref)))
        counts = {}
        for relation in relations:
            counts[relation.stance] = counts.get(relation.stance, 0) + 1
        stances = ", ".join(f"{count} {stance}" for stance, count in counts.items())
        description = (f"{len(nodes)} actors and {len(relations)} relations among them "
                       f"({stances}). Most connected first: {names}.")
        return network(nodes, [self._edge(relation) for relation in relations],
                       title="Network of the most connected actors", description=description,
                       caption=stance_caption(), height=560, ident="overview")
