"""The data the site is made of: articles, their paragraphs, and the claims annotated on them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.body import Block
from ..content.dates import PartialDate, Period


# Slots: 350,000 citations at 10,000 articles, read back from the article cache (see
# plaindata), which gives a record without them an attribute dictionary of its own.
@dataclass(frozen=True, order=True, slots=True)
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
    sources: tuple[dict[str, str], ...] = ()  # {name, url}
    blocks: tuple[Block, ...] = ()
    aliases: tuple[str, ...] = ()  # former file names: their addresses redirect here
    # The digest of its text as a reader sees it (duplicate_articles.text_digest), made when
    # the article is checked: copies are then found without reading every text again.
    text_digest: str = ""

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "paragraph")

    @property
    def sort_key(self):
        # Newest first (a date given as a year counts as its end, as everywhere); the slug
        # breaks ties so that the order never depends on the file system.
        year, month, day = self.date.order_key
        return (-year, -month, -day, self.slug)


@dataclass(frozen=True, slots=True)
class Mention:
    kind: str  # country, organisation, person, topic
    ref: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class RelationClaim:
    pair: tuple[str, str]  # actor ids, in the order of their page slugs
    label: str
    stance: str
    sectors: tuple[str, ...]
    frameworks: tuple[str, ...]
    date: PartialDate  # the article's date: when the source said so
    citation: Citation
    status: str = ""  # a status id: a status statement; "" for a descriptive note
    as_of: PartialDate | None = None  # when it holds; None: the article's date
    quoted: bool = False  # the label's words are in the evidence, so it may be shown as a quote

    @property
    def holds_from(self) -> PartialDate:
        return self.as_of or self.date

    @property
    def order_key(self):
        # By when it holds; ties go to the newest article, then to the paragraph order.
        return (self.holds_from, self.date, self.citation)


class _DerivedSlots:
    """A record in slots whose other values, worked out from its fields as it is made (in
    ``__post_init__``, which msgspec calls too when it reads the record back), live in slots of
    this base. Copied or pickled, it is made again from its fields, so that they are there."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__)


class _EventDerived(_DerivedSlots):
    __slots__ = ("sources", "parties", "sort_key")


# Slots (see _DerivedSlots): 70,000 events at 10,000 articles, each with a dictionary of its
# own as msgspec made it (with figures and dates, 87 MB of a cold build's peak).
@dataclass(frozen=True, slots=True)
class Event(_EventDerived):
    date: PartialDate
    kind: str
    event_class: str  # CAMEO quad class from kind and tone: see schema.event_class
    title: str
    actors: tuple[str, ...]
    citation: Citation  # the first source; ``citations`` holds every one
    place: str = ""
    place_country: str = ""
    people: tuple[str, ...] = ()
    tone: int | float = 0.0  # Goldstein score, −10 (conflict) … +10 (cooperation)
    id: str = ""  # an editor's id: the same id in several articles is one event
    source: str = ""  # who acted
    target: str = ""  # who was acted upon
    affected: tuple[str, ...] = ()
    expected: bool = False  # a plan or deadline announced, not (yet) something that happened
    citations: tuple[Citation, ...] = ()
    # Each source's own date, when sources disagree on it (shown as differing).
    differing: tuple[tuple[PartialDate, Citation], ...] = ()
    # Where it was annotated (file, line), for messages; not part of what the event is.
    origin: tuple[str, int] = field(default=("", 0), compare=False, hash=False)
    status_change: tuple[str, ...] = ()  # (old, new) status ids for a change of status
    # What a derived event says besides its citations: a change of status names the status
    # before it, which another article may give. That article is not a source telling the
    # event, but every page listing the event draws on it (page_plan.sources_of), so that the
    # page is written again when it changes.
    basis: tuple[Citation, ...] = field(default=(), compare=False)

    def __post_init__(self):
        # The key events sort by, ordered as (date, title, citation) order in plain tuples:
        # pages sort tens of thousands of events, and dataclass comparisons run in Python.
        citation = self.citation
        object.__setattr__(self, "sort_key", (
            self.date.order_key, self.title,
            (citation.article, citation.paragraph, citation.quote)))
        # Every citation, the first one included: asked for hundreds of thousands of times
        # while pages are planned.
        object.__setattr__(self, "sources", self.citations or (self.citation,))
        # Everyone whose pages show the event: its actors, its place's country, and the
        # parties it affects. Asked for hundreds of thousands of times while the knowledge
        # base is indexed and pages are planned; most events have their actors alone.
        extra = (self.place_country, *self.affected)
        if len(set(self.actors)) < len(self.actors) or any(
                ref and ref not in self.actors for ref in extra):
            found = dict.fromkeys(self.actors)
            for ref in extra:
                if ref:
                    found.setdefault(ref)
            object.__setattr__(self, "parties", tuple(found))
        else:
            object.__setattr__(self, "parties", self.actors)

    def involves(self, ref: str) -> bool:
        """Whether ``ref`` acts in the event or is affected by it, not merely its place's
        country: that country's page lists the event, but its trend and its people do not
        count it (an agreement signed in Brussels says nothing of Belgium's course)."""
        return ref in self.actors or ref in self.affected

    def __hash__(self) -> int:
        # Sets of events hash each one again and again (a topic's page gathers thousands):
        # the sort key is worked out once and holds date, title and citation, so equal
        # events hash alike.
        return hash(self.sort_key)

    @property
    def tone_text(self) -> str:
        return f"{self.tone:+.1f}".replace("-", "−") if self.tone else "0"


@dataclass(frozen=True, slots=True)
class Assessment:
    """An editor's trend for a subject and period, which takes the place of the computed one."""

    actors: tuple[str, ...]  # one actor or a relation's pair (in page order)
    period: Period
    trend: str
    reason: str
    citation: Citation


def number_text(value: float) -> str:
    """A number as every page and chart writes it: thousands separated, no needless ".0"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


class _FigureDerived(_DerivedSlots):
    __slots__ = ("series",)


@dataclass(frozen=True, slots=True)  # slots: see Event
class Figure(_FigureDerived):
    metric: str
    actors: tuple[str, ...]
    value: int | float  # as written: the data downloads give 12 as 12, not 12.0
    unit: str
    bound: str
    citation: Citation
    period: PartialDate | None = None
    type: str = "actual"  # actual, target or forecast
    source_type: str = ""  # official statistics, official statement, estimate, press
    topics: tuple[str, ...] = ()
    older: bool = False  # an actual value that a newer period of the same series supersedes

    def __post_init__(self):
        # Values of one series can be compared: same metric, actors and unit.
        object.__setattr__(self, "series", (self.metric, tuple(sorted(self.actors)), self.unit))

    @property
    def value_text(self) -> str:
        prefix = "" if self.bound == "exactly" else f"{self.bound} "
        return f"{prefix}{number_text(self.value)} {self.unit}"


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str
    citation: Citation
    person: str = ""
    actors: tuple[str, ...] = ()


@dataclass
class Relation:
    """Everything the sources say about one pair of actors, in the order the statements hold
    (``as_of``; ties go to the newest article)."""

    pair: tuple[str, str]
    slug: str
    claims: list[RelationClaim] = field(default_factory=list)

    @property
    def status_claims(self) -> list[RelationClaim]:
        return [claim for claim in self.claims if claim.status]

    @property
    def notes(self) -> list[RelationClaim]:
        return [claim for claim in self.claims if not claim.status]

    @property
    def current(self) -> RelationClaim | None:
        """The status statement that holds latest, or None without any."""
        statuses = self.status_claims
        return statuses[-1] if statuses else None

    @property
    def since(self) -> RelationClaim | None:
        """The first statement of the current status's unbroken run: when it began to hold."""
        statuses = self.status_claims
        if not statuses:
            return None
        first = statuses[-1]
        for claim in reversed(statuses):
            if claim.status != first.status:
                break
            first = claim
        return first

    @property
    def latest(self) -> RelationClaim:
        """What the relation is now: its current status, else the latest note."""
        return self.current or self.claims[-1]

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
