"""What the data downloads hold and mean: one description of every file, column and value.

Everything published under /data/ is made from this description: the codebook page, the
Table Schema of each CSV file, the JSON Schema of each JSON file, the Datasette metadata and
the SQLite database's tables (their columns, types and foreign keys). A column added here
appears in all of them, so the documentation cannot drift from the files.

The vocabularies come from the same constants the validator checks annotations against, and
the statuses from content/entities/statuses.yml, so a value in a file is always explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..content.kinds import TONE_RANGE
from ..content.registry import Registry
from ..content.schema import (
    BOUNDS,
    EVENT_CLASSES,
    EVENT_KIND_TONES,
    FIGURE_TYPES,
    SOURCE_TYPES,
    STANCES,
    STATUS_CHANGE,
    TRENDS,
)

# Patterns match a whole value (Table Schema's way: the schemas anchor them for JSON Schema).
# Plain groups only, which every regular-expression dialect reads alike.
DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
PERIOD_PATTERN = r"[0-9]{4}-([0-9]{2}|Q[1-4])"
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
COUNTRY_PATTERN = r"[A-Z]{2}"
ACTOR_PATTERN = r"([A-Z]{2}|[a-z0-9]+(-[a-z0-9]+)*)"
ALPHA3_PATTERN = r"[A-Z]{3}"
WIKIDATA_PATTERN = r"Q[1-9][0-9]*"
ANCHOR_PATTERN = r"p-[1-9][0-9]*"


@dataclass(frozen=True)
class Term:
    """One value a column may take, and what it means."""

    value: str
    meaning: str
    details: tuple = ()  # further columns of the vocabulary, in the order it names them


@dataclass(frozen=True)
class Vocabulary:
    name: str  # its anchor on the codebook page
    title: str
    description: str
    terms: tuple[Term, ...]
    details: tuple[str, ...] = ()  # names of the further columns each term gives
    table: str = ""  # the database table that holds it, if any

    @property
    def values(self) -> list[str]:
        return [term.value for term in self.terms]


@dataclass(frozen=True)
class Column:
    """A column of a table, or a field of a JSON object.

    type: text, integer, number, boolean, date (YYYY, YYYY-MM or YYYY-MM-DD), list (of
    texts: a JSON array; space-separated in CSV; JSON text in SQLite), object or records (a
    JSON object or a list of them, described by ``fields``)."""

    name: str
    type: str
    description: str
    required: bool = True  # never empty (null in JSON and SQLite, an empty cell in CSV)
    vocabulary: str = ""  # every value (or list item) is one of this vocabulary's values
    pattern: str = ""  # every value (or list item) matches it
    minimum: float | None = None
    maximum: float | None = None
    references: str = ""  # SQLite: the table whose primary key this column holds
    key: bool = False  # SQLite: the table's primary key
    fields: tuple[Column, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table of the SQLite database."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()  # for a key of several columns

    @property
    def key(self) -> tuple[str, ...]:
        return self.primary_key or tuple(c.name for c in self.columns if c.key)


@dataclass(frozen=True)
class Resource:
    """One published data file."""

    name: str
    path: str  # inside /data/
    format: str  # csv, json, jsonl, sqlite
    title: str
    description: str
    row: str = ""  # what one CSV row or JSON line is, e.g. "event"
    columns: tuple[Column, ...] = ()  # csv: its columns; json, jsonl: the fields of the top object
    tables: tuple[Table, ...] = ()  # sqlite

    @property
    def schema_path(self) -> str:
        """The file describing it: a Table Schema for CSV, a JSON Schema for JSON."""
        stem = self.path.rsplit(".", 1)[0]
        if self.format == "csv":
            return f"{stem}.tableschema.json"
        if self.format in ("json", "jsonl"):
            return f"{stem}.schema.json"
        return ""

    @property
    def format_label(self) -> str:
        return {"csv": "CSV", "json": "JSON", "jsonl": "JSON Lines", "sqlite": "SQLite"}[
            self.format]

    @property
    def media_type(self) -> str:
        return {"csv": "text/csv", "json": "application/json", "jsonl": "application/jsonl",
                "sqlite": "application/vnd.sqlite3"}[self.format]


@dataclass(frozen=True)
class Codebook:
    resources: tuple[Resource, ...]
    vocabularies: tuple[Vocabulary, ...]
    notes: dict = field(default_factory=dict)

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)

    def vocabulary(self, name: str) -> Vocabulary:
        return next(v for v in self.vocabularies if v.name == name)


# -- vocabularies -------------------------------------------------------------------------------

_KIND_MEANINGS = {
    "statement": "a public statement or announcement",
    "meeting": "talks or consultations between the actors",
    "visit": "one side's official visit to the other",
    "summit": "a meeting of leaders at a third place or in a multilateral setting",
    "declaration": "a joint declaration or an expressed intent to cooperate",
    "agreement": "a treaty, agreement or memorandum signed",
    "investment": "an investment made or committed",
    "trade": "trade flows, deals or trade measures",
    "aid": "humanitarian, economic or military aid given",
    "infrastructure": "a pipeline, railway, port, cable or other project built or opened",
    "exercise": "a joint military exercise",
    "protest": "a diplomatic protest or public demonstration against the other side",
    "accusation": "one side accusing the other",
    "threat": "a threat of force, sanctions or other steps",
    "sanction": "sanctions, an embargo or a boycott imposed",
    "attack": "an attack by unconventional means: drones, sabotage, terrorism",
    "military": "conventional military force used",
    "election": "an election or referendum",
    "other": "anything else",
}

_CLASS_MEANINGS = {
    "verbal cooperation": "a verbal act (statement, meeting, visit, declaration) with a "
                          "positive tone",
    "material cooperation": "a material act (agreement, investment, trade, aid, exercise) "
                            "with a positive tone",
    "verbal conflict": "a verbal act with a negative tone: protest, accusation, threat",
    "material conflict": "a material act with a negative tone: sanctions, attacks, force",
    "neutral": "an event whose tone is 0",
}

_STANCE_MEANINGS = {
    "cooperative": "the sides work together (a status's score is 3 or more)",
    "mixed": "cooperation and friction side by side (a score above −3 and below 3)",
    "tense": "friction dominates (a score from −3 down to above −7)",
    "hostile": "open hostility (a score of −7 or less)",
}


def _cameo(kind: str) -> str:
    code = EVENT_KIND_TONES[kind][1].split(" ", 1)[0]
    return code if code.isdigit() else ""


def vocabularies(registry: Registry) -> tuple[Vocabulary, ...]:
    kinds = [Term(kind, _KIND_MEANINGS.get(kind, kind),
                  (mode, _cameo(kind), EVENT_KIND_TONES[kind][1].split(" ", 1)[-1]
                   if _cameo(kind) else "", tone))
             for kind, (mode, _code, tone) in EVENT_KIND_TONES.items()]
    kinds.append(Term(STATUS_CHANGE, "a relation's status changed; made by the generator from "
                                     "two status statements, never annotated",
                      ("verbal", "", "", None)))
    low, high = (f"{value:+d}".replace("-", "−") for value in TONE_RANGE)
    return (
        Vocabulary(
            "event-kind", "Event kinds",
            "What kind of act an event is. Each kind stands for a CAMEO event code; its "
            f"default tone is that code's Goldstein score ({low} … {high}), which an "
            "annotation may override with tone:. The mode (verbal or material) and the "
            "sign of the tone give the event's class.",
            tuple(kinds), ("mode", "cameo_code", "cameo_name", "default_tone"),
            table="event_kinds"),
        Vocabulary(
            "event-class", "Event classes",
            "CAMEO's four quad classes and neutral: verbal or material by the event's kind, "
            "cooperation or conflict by the sign of its tone.",
            tuple(Term(name, _CLASS_MEANINGS[name]) for name in EVENT_CLASSES),
            table="event_classes"),
        Vocabulary(
            "status", "Statuses of a relation",
            "The editors' vocabulary of states a relation can be in "
            "(content/entities/statuses.yml). The score places a status on the "
            f"cooperation–conflict scale ({low} … {high}); the stance follows from it when a "
            "statement gives none.",
            tuple(Term(s.id, s.description or s.name, (s.name, s.score, s.stance))
                  for s in registry.statuses.values()),
            ("name", "score", "stance"), table="statuses"),
        Vocabulary("stance", "Stances", "How the two sides of a relation stand to each other.",
                   tuple(Term(name, _STANCE_MEANINGS[name]) for name in STANCES)),
        Vocabulary("precision", "Date precision",
                   "How precise a date is: as precise as its source, never more. A date "
                   "given as a year or a month covers all of it.",
                   (Term("year", "YYYY: only the year is known"),
                    Term("month", "YYYY-MM: the month is known, not the day"),
                    Term("day", "YYYY-MM-DD: the day is known"))),
        Vocabulary("figure-type", "Figure types", "Whether a number has happened or is aimed at.",
                   tuple(Term(name, meaning) for name, meaning in zip(FIGURE_TYPES, (
                       "a value measured or reported for a period that has passed",
                       "a value an actor has set as a goal",
                       "a value someone expects"), strict=True))),
        Vocabulary("source-type", "Sources of figures", "Where a number comes from, as the "
                   "article says.",
                   tuple(Term(name, meaning) for name, meaning in zip(SOURCE_TYPES, (
                       "a statistics office or another official data series",
                       "a government or organisation stating it",
                       "an estimate by analysts or the article",
                       "press reports"), strict=True))),
        Vocabulary("bound", "Bounds of figures", "How a number relates to the true value.",
                   tuple(Term(name, meaning) for name, meaning in zip(BOUNDS, (
                       "the value as given", "roughly the value", "above the value",
                       "the value or above", "below the value", "the value or below"),
                       strict=True))),
        Vocabulary("trend", "Trends", "An editor's assessment of where a relation or an "
                   "actor is heading in a period.",
                   tuple(Term(name, meaning) for name, meaning in zip(TRENDS, (
                       "moving towards cooperation", "moving towards conflict",
                       "no clear change"), strict=True))),
        Vocabulary("actor-kind", "Kinds of actor", "Relations, events and figures are between "
                   "actors: countries and organisations.",
                   (Term("country", "an ISO 3166 country, by its alpha-2 code"),
                    Term("organisation", "an organisation, by the id the editors gave it"))),
        Vocabulary("mention-kind", "Kinds of mention", "What an article is annotated as "
                   "being about.",
                   (Term("country", "a country"), Term("organisation", "an organisation"),
                    Term("person", "a person"), Term("topic", "a topic"))),
        Vocabulary("party-role", "Roles in an event", "How an actor takes part in an event.",
                   (Term("actor", "one of the event's actors"),
                    Term("affected", "affected by the event without taking part in it"))),
        Vocabulary("membership", "Membership roles", "How a country belongs to an "
                   "organisation.",
                   (Term("member", "a full member"), Term("observer", "an observer"))),
    )


# -- shared columns -----------------------------------------------------------------------------

def _date(name: str, what: str, required: bool = True) -> Column:
    return Column(name, "date", f"{what}: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the "
                  "source", required, pattern=DATE_PATTERN)


def _precision(name: str, what: str, required: bool = True) -> Column:
    return Column(name, "text", f"how precise {what} is", required, vocabulary="precision")


def _tone(name: str = "tone") -> Column:
    return Column(name, "number", "cooperation (+) or conflict (−) on the Goldstein scale, "
                  f"{TONE_RANGE[0]} to +{TONE_RANGE[1]}: the kind's default unless the "
                  "annotation or the average of several sources gives another",
                  minimum=TONE_RANGE[0], maximum=TONE_RANGE[1])


_ARTICLE = Column("article", "text", "the article's slug: its page is /articles/SLUG/",
                  pattern=ID_PATTERN, references="articles")
_PARAGRAPH = Column("paragraph", "integer", "the paragraph's number in the article; its "
                    "anchor on the site is #p-N", minimum=1)


def _source_object(name: str, what: str) -> Column:
    return Column(name, "object", what, fields=(
        Column("article", "text", "the article's slug: its page is /articles/SLUG/",
               pattern=ID_PATTERN),
        _PARAGRAPH,
        Column("page", "text", "the cited paragraph's address on the site, relative to its "
               "root: articles/SLUG/#p-N"),
        Column("quote", "text", "the evidence: the exact words of the article it rests on"),
        _date("published", "the article's date"),
        Column("publication", "text", "where the article was published"),
    ))


def _list(name: str, description: str, required: bool = False, **constraints) -> Column:
    return Column(name, "list", description, required, **constraints)


# -- the files ----------------------------------------------------------------------------------

def _knowledge_json() -> Resource:
    source = _source_object("source", "where it comes from")
    collections = (
        Column("articles", "records", "the articles, newest first", fields=(
            Column("slug", "text", "its address: /articles/SLUG/", pattern=ID_PATTERN),
            Column("title", "text", "the headline"),
            _date("date", "when it was published"),
            Column("publication", "text", "where it was published"),
            Column("url", "text", "its original address, or empty", False),
            _list("authors", "the authors' names"),
            Column("summary", "text", "one or two sentences"),
            _list("topics", "topic ids", pattern=ID_PATTERN),
            Column("sources", "records", "where its facts come from, as its front "
                   "matter lists them", False, fields=(
                       Column("name", "text", "the source"),
                       Column("url", "text", "its address", False)))),
        ),
        Column("countries", "records", "every country the site names, by page name",
               fields=(
                   Column("code", "text", "ISO 3166-1 alpha-2 code, or a user-assigned one "
                          "(AA, QM-QZ, XA-XZ, ZZ) for a place ISO gives no code, e.g. XK",
                          pattern=COUNTRY_PATTERN),
                   Column("alpha3", "text", "ISO 3166-1 alpha-3 code; for a user-assigned code "
                          "the one its entry gives, if any", False, pattern=ALPHA3_PATTERN),
                   Column("user_assigned", "boolean", "true for a user-assigned code: ISO 3166 "
                          "gives the place no code of its own"),
                   Column("name", "text", "the name the site shows"),
                   _list("aliases", "other names, ISO's names included"),
                   _list("demonyms", "e.g. Kazakh"),
                   _list("groups", "region ids", pattern=ID_PATTERN),
                   Column("wikidata", "text", "Wikidata id, or empty", False,
                          pattern=WIKIDATA_PATTERN))),
        Column("organisations", "records", "the organisations of the registry", fields=(
            Column("id", "text", "its id: its page is /organisations/ID/",
                   pattern=ID_PATTERN),
            Column("name", "text", "its name"),
            Column("short", "text", "its acronym, or empty", False),
            _list("members", "member countries' codes", pattern=COUNTRY_PATTERN),
            _list("observers", "observer countries' codes", pattern=COUNTRY_PATTERN),
            Column("wikidata", "text", "Wikidata id, or empty", False,
                   pattern=WIKIDATA_PATTERN))),
        Column("people", "records", "the people of the registry", fields=(
            Column("id", "text", "their id: the page is /people/ID/", pattern=ID_PATTERN),
            Column("name", "text", "their name"),
            Column("role", "text", "their office, or empty", False),
            Column("country", "text", "their country's code, or empty", False,
                   pattern=COUNTRY_PATTERN),
            Column("wikidata", "text", "Wikidata id, or empty", False,
                   pattern=WIKIDATA_PATTERN))),
        Column("topics", "records", "the topics of the registry", fields=(
            Column("id", "text", "its id: its page is /topics/ID/", pattern=ID_PATTERN),
            Column("name", "text", "its name"))),
        Column("statuses", "records", "the statuses a relation can be in", fields=(
            Column("id", "text", "its id", vocabulary="status"),
            Column("name", "text", "its name"),
            Column("score", "number", "its place on the cooperation–conflict scale",
                   minimum=TONE_RANGE[0], maximum=TONE_RANGE[1]))),
        Column("relations", "records", "every pair of actors something is said about",
               fields=(
                   _list("actors", "the two actors, in the order of their page's address",
                         True, pattern=ACTOR_PATTERN),
                   Column("slug", "text", "its address: /relations/SLUG/",
                          pattern=ID_PATTERN),
                   Column("stance", "text", "the stance now", vocabulary="stance"),
                   Column("status", "text", "the current status, or empty", False,
                          vocabulary="status"),
                   Column("claims", "records", "what the sources say, in the order it "
                          "holds", fields=(
                              Column("label", "text", "the relation in the source's words "
                                     "(or the status's name)"),
                              Column("quoted", "boolean", "true when the label's words "
                                     "are in the evidence"),
                              Column("stance", "text", "the stance", vocabulary="stance"),
                              Column("status", "text", "a status id, or empty for a "
                                     "descriptive note", False, vocabulary="status"),
                              _date("as_of", "when it holds"),
                              _list("sectors", "e.g. energy, transport"),
                              _list("frameworks", "organisation ids", pattern=ID_PATTERN),
                              _date("date", "the article's date"),
                              source)))),
        Column("events", "records", "every event, by date", fields=(
            Column("event_id", "text", "a stable id: the editors' id, or one made from "
                   "the event's date, kind, title and first source"),
            Column("id", "text", "the editors' id, or empty", False),
            _date("date", "when it happened or is planned"),
            Column("precision", "text", "how precise the date is", vocabulary="precision"),
            Column("kind", "text", "what kind of act", vocabulary="event-kind"),
            _tone(),
            Column("class", "text", "its CAMEO quad class", vocabulary="event-class"),
            Column("title", "text", "what happened, in a few words"),
            _list("actors", "who took part", True, pattern=ACTOR_PATTERN),
            Column("source_actor", "text", "who acted, or empty", False,
                   pattern=ACTOR_PATTERN),
            Column("target_actor", "text", "who was acted upon, or empty", False,
                   pattern=ACTOR_PATTERN),
            _list("affected", "actors affected besides its actors", pattern=ACTOR_PATTERN),
            Column("expected", "boolean", "true for a plan or deadline, not yet "
                   "something that happened"),
            _list("status_change", "for a change of a relation's status: the old and the "
                  "new status", vocabulary="status"),
            Column("place", "text", "where, or empty", False),
            Column("place_country", "text", "the place's country code, or empty", False,
                   pattern=COUNTRY_PATTERN),
            _list("people", "person ids", pattern=ID_PATTERN),
            _source_object("source", "the first source"),
            Column("sources", "records", "every source that tells it",
                   fields=_source_object("", "").fields),
            _list("differing_dates", "each source's own date, when sources disagree",
                  pattern=DATE_PATTERN))),
        Column("figures", "records", "every number, by metric and period", fields=(
            Column("metric", "text", "what is measured"),
            _list("actors", "whose number it is", True, pattern=ACTOR_PATTERN),
            Column("value", "number", "the number"),
            Column("unit", "text", "its unit, e.g. billion USD"),
            Column("bound", "text", "how the number relates to the true value",
                   vocabulary="bound"),
            Column("type", "text", "actual, target or forecast", vocabulary="figure-type"),
            Column("source_type", "text", "where the number comes from, or empty",
                   False, vocabulary="source-type"),
            _list("topics", "topic ids", pattern=ID_PATTERN),
            Column("older", "boolean", "true for an actual value a newer period of the "
                   "same series supersedes"),
            Column("period", "text", "the period it covers (YYYY, YYYY-MM or "
                   "YYYY-MM-DD), or empty", False, pattern=DATE_PATTERN),
            source)),
        Column("assessments", "records", "the editors' trend for a period", fields=(
            _list("actors", "one actor or a relation's two", True, pattern=ACTOR_PATTERN),
            Column("period", "text", "a month (YYYY-MM) or a quarter (YYYY-Qn)",
                   pattern=PERIOD_PATTERN),
            Column("trend", "text", "the trend", vocabulary="trend"),
            Column("reason", "text", "why, in one line"),
            source)),
        Column("quotes", "records", "quoted words", fields=(
            Column("text", "text", "the words quoted"),
            Column("speaker", "text", "who said them, in words"),
            Column("person", "text", "the speaker's person id, or empty", False,
                   pattern=ID_PATTERN),
            _list("actors", "who the quote is about", pattern=ACTOR_PATTERN),
            source)),
    )
    return Resource(
        "knowledge", "knowledge.json", "json", "The whole knowledge base",
        "Everything the site shows, as one JSON document: articles, the registry of actors, "
        "and every relation statement, event, figure, assessment and quote with the "
        "paragraph it comes from.", "",
        # Every list is there, and any may be empty: a site may have no quotes yet.
        tuple(replace(column, required=False) for column in collections))


def _actor_object(name: str, what: str, required: bool = True) -> Column:
    return Column(name, "object", what, required, fields=_ACTOR_FIELDS)


_ACTOR_FIELDS = (
    Column("id", "text", "the site's id: an ISO 3166-1 alpha-2 code or an organisation id",
           pattern=ACTOR_PATTERN),
    Column("kind", "text", "country or organisation", vocabulary="actor-kind"),
    Column("name", "text", "the name the site shows"),
    Column("alpha3", "text", "ISO 3166-1 alpha-3 code (countries only)", False,
           pattern=ALPHA3_PATTERN),
    Column("wikidata", "text", "Wikidata id, where the registry gives one", False,
           pattern=WIKIDATA_PATTERN),
)


def _events_jsonl() -> Resource:
    return Resource(
        "events", "events.jsonl", "jsonl", "Events with ISO 3166 and Wikidata ids",
        "Every event as a JSON object on a line of its own, in the manner of event data sets "
        "such as PLOVER: date and precision, kind and class, tone, the actors with ISO 3166 "
        "alpha-3 codes and Wikidata ids beside the site's own ids, the place, and every "
        "source with its paragraph.", "event",
        (
            Column("event_id", "text", "a stable id: the editors' id, or one made from the "
                   "event's date, kind, title and first source"),
            _date("date", "when it happened or is planned"),
            Column("precision", "text", "how precise the date is", vocabulary="precision"),
            Column("kind", "text", "what kind of act", vocabulary="event-kind"),
            Column("cameo", "text", "the CAMEO code the kind stands for", False),
            Column("class", "text", "its CAMEO quad class", vocabulary="event-class"),
            Column("mode", "text", "verbal or material"),
            _tone(),
            Column("title", "text", "what happened, in a few words"),
            Column("expected", "boolean", "true for a plan or deadline, not yet something "
                   "that happened"),
            Column("actors", "records", "who took part", fields=_ACTOR_FIELDS),
            _actor_object("source_actor", "who acted", False),
            _actor_object("target_actor", "who was acted upon", False),
            Column("affected", "records", "actors affected besides its actors", False,
                   fields=_ACTOR_FIELDS),
            Column("place", "object", "where it happened", False, fields=(
                Column("name", "text", "the place's name", False),
                _actor_object("country", "the place's country", False))),
            Column("people", "records", "people named in it", False, fields=(
                Column("id", "text", "their id: the page is /people/ID/", pattern=ID_PATTERN),
                Column("name", "text", "their name"),
                Column("wikidata", "text", "Wikidata id, where the registry gives one", False,
                       pattern=WIKIDATA_PATTERN))),
            Column("status_change", "object", "for a change of a relation's status, the old "
                   "and the new status", False, fields=(
                       Column("from", "text", "the status before", vocabulary="status"),
                       Column("to", "text", "the status after", vocabulary="status"))),
            Column("sources", "records", "every article that tells it, the first source first",
                   fields=(*_source_object("", "").fields,
                           Column("anchor", "text", "the paragraph's anchor: p-N",
                                  pattern=ANCHOR_PATTERN))),
            _list("differing_dates", "each source's own date, when sources disagree",
                  pattern=DATE_PATTERN),
        ))


def _events_csv() -> Resource:
    return Resource(
        "events-table", "events.csv", "csv", "Events",
        "One row per event, for spreadsheets. Lists are space-separated ids.", "event",
        (
            _date("date", "when it happened or is planned"),
            Column("kind", "text", "what kind of act", vocabulary="event-kind"),
            Column("class", "text", "its CAMEO quad class", vocabulary="event-class"),
            Column("title", "text", "what happened, in a few words"),
            _list("actors", "who took part: space-separated ids", True, pattern=ACTOR_PATTERN),
            Column("place", "text", "where", False),
            _ARTICLE,
            _PARAGRAPH,
            _tone(),
            Column("id", "text", "the editors' id, if any", False, pattern=ID_PATTERN),
            Column("expected", "boolean", "yes for a plan or deadline, empty otherwise", False),
            _list("affected", "actors affected besides its actors: space-separated ids",
                  pattern=ACTOR_PATTERN),
            Column("sources", "integer", "how many articles tell it", minimum=1),
            Column("event_id", "text", "the stable id the other files use"),
            Column("precision", "text", "how precise the date is", vocabulary="precision"),
        ))


def _figures_csv() -> Resource:
    return Resource(
        "figures", "figures.csv", "csv", "Figures",
        "One row per number an article gives.", "figure",
        (
            Column("metric", "text", "what is measured"),
            _list("actors", "whose number it is: space-separated ids", True,
                  pattern=ACTOR_PATTERN),
            Column("bound", "text", "how the number relates to the true value",
                   vocabulary="bound"),
            Column("value", "number", "the number"),
            Column("unit", "text", "its unit, e.g. billion USD"),
            Column("period", "text", "the period it covers: YYYY, YYYY-MM or YYYY-MM-DD", False,
                   pattern=DATE_PATTERN),
            _ARTICLE,
            _PARAGRAPH,
            Column("type", "text", "actual, target or forecast", vocabulary="figure-type"),
            Column("source_type", "text", "where the number comes from", False,
                   vocabulary="source-type"),
            Column("older", "boolean", "yes for an actual value a newer period of the same "
                   "series supersedes, empty otherwise", False),
        ))


def _relations_csv() -> Resource:
    return Resource(
        "relations", "relations.csv", "csv", "Relation statements",
        "One row per statement about a relation between two actors: a status with the date "
        "it holds from, or a descriptive note.", "statement",
        (
            Column("actor_1", "text", "the first actor, in the order of the relation page's "
                   "address", pattern=ACTOR_PATTERN),
            Column("actor_2", "text", "the second actor", pattern=ACTOR_PATTERN),
            _date("date", "the article's date"),
            Column("label", "text", "the relation in the source's words (or the status's "
                   "name)"),
            Column("stance", "text", "the stance", vocabulary="stance"),
            _list("sectors", "space-separated sectors, e.g. energy transport"),
            _list("frameworks", "space-separated organisation ids", pattern=ID_PATTERN),
            _ARTICLE,
            _PARAGRAPH,
            Column("status", "text", "a status id; empty for a descriptive note", False,
                   vocabulary="status"),
            _date("as_of", "when the statement holds"),
        ))


# -- the database -------------------------------------------------------------------------------

def _key(name: str, description: str, type_: str = "text", pattern: str = "") -> Column:
    return Column(name, type_, description, pattern=pattern, key=True)


def _ref(name: str, table: str, description: str, required: bool = True, **more) -> Column:
    return Column(name, "text", description, required, references=table, **more)


def _row_id(what: str) -> Column:
    return _key("id", f"the {what}'s number in this version of the data (it may change "
                "between versions)", "integer")


def _citation_ref() -> Column:
    return Column("citation", "integer", "the citation it rests on (the first, for an event "
                  "several articles tell)", references="citations")


def _tables() -> tuple[Table, ...]:
    return (
        Table("articles", "The articles every claim comes from.", (
            _key("slug", "its address: /articles/SLUG/", pattern=ID_PATTERN),
            Column("title", "text", "the headline"),
            _date("date", "when it was published"),
            _precision("date_precision", "the date"),
            Column("publication", "text", "where it was published"),
            Column("summary", "text", "one or two sentences"),
            Column("url", "text", "its original address", False),
            _list("authors", "the authors' names, as a JSON array"),
            Column("page", "text", "its page on the site, relative to the site's root"),
        )),
        Table("article_sources", "Where an article's facts come from, as its front matter "
              "lists them.", (
                  _ref("article", "articles", "the article"),
                  Column("position", "integer", "its place in the list, from 1", minimum=1),
                  Column("name", "text", "the source"),
                  Column("url", "text", "its address", False),
              ), ("article", "position")),
        Table("article_topics", "The topics an article's front matter names.", (
            _ref("article", "articles", "the article"),
            _ref("topic", "topics", "the topic"),
        ), ("article", "topic")),
        Table("actors", "Everyone and everything relations, events and figures are between: "
              "countries and organisations.", (
                  _key("id", "an ISO 3166-1 alpha-2 code or an organisation id",
                       pattern=ACTOR_PATTERN),
                  Column("kind", "text", "country or organisation", vocabulary="actor-kind"),
                  Column("name", "text", "the name the site shows"),
                  Column("alpha3", "text", "ISO 3166-1 alpha-3 code (countries only)", False,
                         pattern=ALPHA3_PATTERN),
                  Column("wikidata", "text", "Wikidata id, where the registry gives one",
                         False, pattern=WIKIDATA_PATTERN),
                  Column("page", "text", "its page on the site"),
              )),
        Table("countries", "Every country the site names.", (
            Column("code", "text", "ISO 3166-1 alpha-2 code", pattern=COUNTRY_PATTERN,
                   references="actors", key=True),
            Column("alpha3", "text", "ISO 3166-1 alpha-3 code", pattern=ALPHA3_PATTERN),
            Column("name", "text", "the name the site shows"),
            _list("aliases", "other names, ISO's names included, as a JSON array"),
            _list("demonyms", "e.g. Kazakh, as a JSON array"),
            Column("capital", "text", "the capital", False),
            Column("wikidata", "text", "Wikidata id", False, pattern=WIKIDATA_PATTERN),
        )),
        Table("regions", "Groups of countries the site lists them by.", (
            _key("id", "its id", pattern=ID_PATTERN),
            Column("name", "text", "its name"),
            Column("description", "text", "one or two sentences", False),
        )),
        Table("country_regions", "Which countries each region holds.", (
            _ref("country", "countries", "the country"),
            _ref("region", "regions", "the region"),
        ), ("country", "region")),
        Table("organisations", "The organisations of the registry.", (
            Column("id", "text", "its id: its page is /organisations/ID/", pattern=ID_PATTERN,
                   references="actors", key=True),
            Column("name", "text", "its name"),
            Column("short", "text", "its acronym", False),
            _list("aliases", "other names, as a JSON array"),
            Column("kind", "text", "e.g. intergovernmental organisation", False),
            _date("founded", "when it was founded", False),
            Column("wikidata", "text", "Wikidata id", False, pattern=WIKIDATA_PATTERN),
            Column("description", "text", "one or two sentences", False),
        )),
        Table("memberships", "The countries that belong to an organisation.", (
            _ref("organisation", "organisations", "the organisation"),
            _ref("country", "countries", "the country"),
            Column("role", "text", "member or observer", vocabulary="membership"),
        ), ("organisation", "country")),
        Table("people", "The people of the registry.", (
            _key("id", "their id: the page is /people/ID/", pattern=ID_PATTERN),
            Column("name", "text", "their name"),
            Column("role", "text", "their office", False),
            _ref("country", "countries", "their country", False),
            _list("aliases", "other names, as a JSON array"),
            Column("wikidata", "text", "Wikidata id", False, pattern=WIKIDATA_PATTERN),
            Column("page", "text", "their page on the site"),
        )),
        Table("topics", "The topics of the registry.", (
            _key("id", "its id: its page is /topics/ID/", pattern=ID_PATTERN),
            Column("name", "text", "its name"),
            _list("aliases", "other names, as a JSON array"),
            Column("description", "text", "one or two sentences", False),
            Column("page", "text", "its page on the site"),
        )),
        Table("statuses", "The states a relation can be in (vocabulary: statuses).", (
            _key("id", "its id"),
            Column("name", "text", "its name"),
            Column("score", "number", "its place on the cooperation–conflict scale",
                   minimum=TONE_RANGE[0], maximum=TONE_RANGE[1]),
            Column("stance", "text", "the stance it implies", vocabulary="stance"),
            Column("description", "text", "what it means", False),
        )),
        Table("event_kinds", "The kinds of event (vocabulary: event kinds).", (
            _key("id", "the kind"),
            Column("mode", "text", "verbal or material"),
            Column("cameo_code", "text", "the CAMEO code it stands for", False),
            Column("cameo_name", "text", "that code's name", False),
            Column("default_tone", "number", "its Goldstein score, the tone of an event of "
                   "this kind unless its annotation gives one", False,
                   minimum=TONE_RANGE[0], maximum=TONE_RANGE[1]),
            Column("meaning", "text", "what it covers"),
        )),
        Table("event_classes", "CAMEO's quad classes (vocabulary: event classes).", (
            _key("id", "the class"),
            Column("meaning", "text", "what it covers"),
        )),
        Table("citations", "Where every claim comes from: an article's paragraph and the "
              "exact words there. One row per claim and source.", (
                  _row_id("citation"),
                  _ref("article", "articles", "the article"),
                  _PARAGRAPH,
                  Column("anchor", "text", "the paragraph's anchor: p-N",
                         pattern=ANCHOR_PATTERN),
                  Column("quote", "text", "the evidence: the exact words it rests on"),
                  Column("claim_table", "text", "the table of the claim: mentions, "
                         "relation_statements, events, figures, quotes or assessments"),
                  Column("claim_id", "text", "the claim's id in that table"),
              )),
        Table("mentions", "What each article is annotated as being about, with evidence.", (
            _row_id("mention"),
            Column("kind", "text", "what is mentioned", vocabulary="mention-kind"),
            _ref("country", "countries", "the country (for a country)", False),
            _ref("organisation", "organisations", "the organisation", False),
            _ref("person", "people", "the person", False),
            _ref("topic", "topics", "the topic", False),
            _citation_ref(),
        )),
        Table("relations", "Every pair of actors something is said about.", (
            _key("slug", "its address: /relations/SLUG/", pattern=ID_PATTERN),
            _ref("actor_1", "actors", "the first actor, in the order of the address"),
            _ref("actor_2", "actors", "the second actor"),
            Column("stance", "text", "the stance now", vocabulary="stance"),
            _ref("status", "statuses", "the current status", False),
            _date("status_since", "when the current status began to hold", False),
            Column("page", "text", "its page on the site"),
        )),
        Table("relation_statements", "What the sources say about a relation: a status with "
              "the date it holds from, or a descriptive note.", (
                  _row_id("statement"),
                  _ref("relation", "relations", "the relation"),
                  Column("label", "text", "the relation in the source's words (or the "
                         "status's name)"),
                  Column("quoted", "boolean", "1 when the label's words are in the "
                         "evidence"),
                  Column("stance", "text", "the stance", vocabulary="stance"),
                  _ref("status", "statuses", "a status; empty for a descriptive note", False),
                  _date("as_of", "when it holds"),
                  _precision("as_of_precision", "as_of"),
                  _date("said_on", "the article's date"),
                  _list("sectors", "e.g. energy, transport, as a JSON array"),
                  _citation_ref(),
              )),
        Table("statement_frameworks", "Organisations a relation statement names as its "
              "framework.", (
                  Column("statement", "integer", "the statement",
                         references="relation_statements"),
                  _ref("organisation", "organisations", "the organisation"),
              ), ("statement", "organisation")),
        Table("events", "Every event, by date.", (
            _key("id", "a stable id: the editors' id, or one made from the event's date, "
                 "kind, title and first source"),
            Column("editor_id", "text", "the editors' id, if any", False),
            _date("date", "when it happened or is planned"),
            _precision("date_precision", "the date"),
            _ref("kind", "event_kinds", "what kind of act"),
            _ref("class", "event_classes", "its CAMEO quad class"),
            _tone(),
            Column("title", "text", "what happened, in a few words"),
            Column("expected", "boolean", "1 for a plan or deadline, not yet something that "
                   "happened"),
            _ref("source_actor", "actors", "who acted", False),
            _ref("target_actor", "actors", "who was acted upon", False),
            Column("place", "text", "where", False),
            _ref("place_country", "countries", "the place's country", False),
            _ref("status_from", "statuses", "for a change of status: the status before",
                 False),
            _ref("status_to", "statuses", "for a change of status: the status after", False),
            _list("differing_dates", "each source's own date when sources disagree, as a "
                  "JSON array"),
            _citation_ref(),
        )),
        Table("event_parties", "Who takes part in each event, or is affected by it.", (
            _ref("event", "events", "the event"),
            _ref("actor", "actors", "the actor"),
            Column("role", "text", "actor or affected", vocabulary="party-role"),
            Column("position", "integer", "its place among the event's parties, from 1",
                   minimum=1),
        ), ("event", "actor")),
        Table("event_people", "People named in each event.", (
            _ref("event", "events", "the event"),
            _ref("person", "people", "the person"),
        ), ("event", "person")),
        Table("figures", "Every number an article gives.", (
            _row_id("figure"),
            Column("metric", "text", "what is measured"),
            Column("value", "number", "the number"),
            Column("unit", "text", "its unit"),
            Column("bound", "text", "how the number relates to the true value",
                   vocabulary="bound"),
            _date("period", "the period it covers", False),
            _precision("period_precision", "the period", False),
            Column("type", "text", "actual, target or forecast", vocabulary="figure-type"),
            Column("source_type", "text", "where the number comes from", False,
                   vocabulary="source-type"),
            Column("older", "boolean", "1 for an actual value a newer period of the same "
                   "series supersedes"),
            _citation_ref(),
        )),
        Table("figure_actors", "Whose number each figure is.", (
            Column("figure", "integer", "the figure", references="figures"),
            _ref("actor", "actors", "the actor"),
            Column("position", "integer", "its place in the list, from 1", minimum=1),
        ), ("figure", "actor")),
        Table("figure_topics", "The topics a figure is shown on.", (
            Column("figure", "integer", "the figure", references="figures"),
            _ref("topic", "topics", "the topic"),
        ), ("figure", "topic")),
        Table("quotes", "Quoted words.", (
            _row_id("quote"),
            Column("text", "text", "the words quoted"),
            Column("speaker", "text", "who said them, in words"),
            _ref("person", "people", "the speaker", False),
            _citation_ref(),
        )),
        Table("quote_actors", "Who a quote is about.", (
            Column("quote", "integer", "the quote", references="quotes"),
            _ref("actor", "actors", "the actor"),
        ), ("quote", "actor")),
        Table("assessments", "The editors' trend of an actor or a relation for a month or a "
              "quarter.", (
                  _row_id("assessment"),
                  _ref("actor_1", "actors", "the actor, or the relation's first actor"),
                  _ref("actor_2", "actors", "the relation's second actor", False),
                  Column("period", "text", "a month (YYYY-MM) or a quarter (YYYY-Qn)",
                         pattern=PERIOD_PATTERN),
                  Column("trend", "text", "the trend", vocabulary="trend"),
                  Column("reason", "text", "why, in one line"),
                  _citation_ref(),
              )),
    )


def _database() -> Resource:
    return Resource(
        "database", "briefings.db", "sqlite", "The knowledge base as a SQLite database",
        "One table per kind of record, joined by foreign keys, with every claim's citation "
        "as a row. Open it with sqlite3, or browse it with Datasette.", "",
        tables=_tables())


def codebook(registry: Registry) -> Codebook:
    """The description of every data file, with the vocabularies of this site."""
    return Codebook(
        (_knowledge_json(), _events_jsonl(), _events_csv(), _relations_csv(), _figures_csv(),
         _database()),
        vocabularies(registry))
