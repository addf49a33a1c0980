"""The data the site is made of: articles, their paragraphs, and the claims annotated on them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .body import Block
from .dates import PartialDate


@dataclass(frozen=True, order=True)
class Citation:
    """Where a claim comes from: a paragraph of an article, and the quote found in it."""

    article: str  # the article's slug
    paragraph: int  # 1-based paragraph number: the anchor #p-N
    quote: str

    @property
    def anchor(self) -> str:
        return f"p-{self.paragraph}"


@dataclass
class Article:
    slug: str
    path: str  # the file, relative to the project, for messages and the data download
    title: str
    date: PartialDate
    publication: str
    summary: str
    url: str = ""
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[dict, ...] = ()
    blocks: tuple[Block, ...] = ()

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "paragraph")

    @property
    def sort_key(self):
        # Newest first; the slug breaks ties so that the order never depends on the file system.
        return (-self.date.year, -self.date.month, -self.date.day, self.slug)


@dataclass(frozen=True)
class Mention:
    kind: str  # country, organisation, person, topic
    ref: str
    citation: Citation


@dataclass(frozen=True)
class RelationClaim:
    pair: tuple[str, str]  # actor ids, in the order of their page slugs
    label: str
    stance: str
    sectors: tuple[str, ...]
    frameworks: tuple[str, ...]
    date: PartialDate  # the article's date: when the source said so
    citation: Citation


@dataclass(frozen=True)
class Event:
    date: PartialDate
    kind: str
    event_class: str
    title: str
    actors: tuple[str, ...]
    citation: Citation
    place: str = ""
    place_country: str = ""
    people: tuple[str, ...] = ()

    @property
    def sort_key(self):
        return (self.date, self.title, self.citation)


@dataclass(frozen=True)
class Figure:
    metric: str
    actors: tuple[str, ...]
    value: float
    unit: str
    bound: str
    citation: Citation
    period: PartialDate | None = None

    @property
    def value_text(self) -> str:
        number = f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,}"
        prefix = "" if self.bound == "exactly" else f"{self.bound} "
        return f"{prefix}{number} {self.unit}"


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    citation: Citation
    person: str = ""
    actors: tuple[str, ...] = ()


@dataclass
class Relation:
    """Everything the sources say about one pair of actors, oldest claim first."""

    pair: tuple[str, str]
    slug: str
    claims: list[RelationClaim] = field(default_factory=list)

    @property
    def latest(self) -> RelationClaim:
        return self.claims[-1]

    @property
    def stance(self) -> str:
        return self.latest.stance

    @property
    def sectors(self) -> tuple[str, ...]:
        return tuple(sorted({sector for claim in self.claims for sector in claim.sectors}))

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(sorted({ref for claim in self.claims for ref in claim.frameworks}))

    def partner_of(self, actor: str) -> str:
        return self.pair[1] if self.pair[0] == actor else self.pair[0]
