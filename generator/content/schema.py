"""What each content file may hold: one declaration per record, and the checks of shape and type.

Whether an id names something that exists is not checked here (that needs the registry);
this module checks that each field is present when required, known, and of the right type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine.problems import Problems, closest
from .kinds import KINDS, is_scalar_text
from .yamlfile import YList, YMap

STANCES = ("cooperative", "mixed", "tense", "hostile")
TRENDS = ("improving", "deteriorating", "unchanged")
FIGURE_TYPES = ("actual", "target", "forecast")
SOURCE_TYPES = ("official statistics", "official statement", "estimate", "press")
BOUNDS = ("exactly", "about", "more than", "at least", "less than", "at most")
# CAMEO groups event types into verbal and material acts; whether an act is cooperation or
# conflict comes from its tone (the Goldstein score), not from its kind: a statement can
# announce a freeze. Each kind's default tone is the Goldstein (1992) value of the CAMEO code
# it stands for, as GDELT publishes them (CAMEO.goldsteinscale.txt); `tone:` overrides it.
EVENT_KIND_TONES = {
    # kind: (mode, CAMEO code, default tone)
    "statement": ("verbal", "010 make public statement", 0.0),
    "meeting": ("verbal", "040 consult", 1.0),
    "visit": ("verbal", "042 make a visit", 1.9),
    "summit": ("verbal", "044 meet at a third location", 2.5),
    "declaration": ("verbal", "030 express intent to cooperate", 4.0),
    "agreement": ("material", "057 sign formal agreement", 8.0),
    "investment": ("material", "061 cooperate economically", 6.4),
    "trade": ("material", "061 cooperate economically", 6.4),
    "aid": ("material", "070 provide aid", 7.0),
    "infrastructure": ("material", "061 cooperate economically", 6.4),
    "exercise": ("material", "062 cooperate militarily", 7.4),
    "protest": ("verbal", "140 engage in political dissent", -6.5),
    "accusation": ("verbal", "112 accuse", -2.0),
    "threat": ("verbal", "130 threaten", -4.4),
    "sanction": ("material", "163 impose embargo, boycott or sanctions", -8.0),
    "attack": ("material", "180 use unconventional violence", -9.0),
    "military": ("material", "190 use conventional military force", -10.0),
    "election": ("verbal", "none", 0.0),
    "other": ("verbal", "none", 0.0),
}
# A change of a relation's status is an event the generator makes; editors do not annotate it.
STATUS_CHANGE = "status change"
EVENT_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict",
                 "material conflict", "neutral")


def event_class(kind: str, tone: float) -> str:
    """The CAMEO quad class: verbal or material by kind, cooperation or conflict by tone."""
    if tone == 0:
        return "neutral"
    mode = EVENT_KIND_TONES[kind][0] if kind in EVENT_KIND_TONES else "verbal"
    return f"{mode} {'cooperation' if tone > 0 else 'conflict'}"


EVENT_KINDS = tuple(EVENT_KIND_TONES)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of kinds.KINDS: what the value is, and how it is checked
    required: bool = False
    ref: str = ""  # for ref/refs: country, actor, organisation, person, topic, region, status
    choices: tuple[str, ...] = ()
    doc: str = ""
    record: Record | None = None  # for records and sources: what each item holds

    def element(self) -> Field:
        """The field one element of a list field is checked as."""
        return Field(self.name, KINDS[self.kind].element, ref=self.ref, record=self.record)


@dataclass(frozen=True)
class Record:
    name: str
    fields: tuple[Field, ...]
    doc: str = ""

    def field(self, name: str) -> Field:
        return next(item for item in self.fields if item.name == name)


@dataclass
class Item:
    """A checked record: clean values plus the line of each field and list item."""

    values: dict
    line: int
    where: str = ""  # e.g. "relations[2]", as messages name it
    valid: bool = True  # False when any problem was found in it (already reported)
    field_lines: dict = field(default_factory=dict)
    item_lines: dict = field(default_factory=dict)

    def line_of(self, name: str, index: int | None = None) -> int:
        if index is not None and name in self.item_lines:
            lines = self.item_lines[name]
            if 0 <= index < len(lines):
                return lines[index]
        return self.field_lines.get(name, self.line)


def _evidence(required: bool = True) -> Field:
    return Field("evidence", "text", required,
                 doc="an exact quote from the article body, found in one paragraph")


# `briefings new` marks what it guessed; a draft stays off the site until an editor confirms it.
DRAFT = Field("draft", "bool", doc="true while the item is an unconfirmed draft; delete the line "
                                   "to confirm it")


def _mention(ref: str, doc: str) -> Record:
    return Record(ref, (Field("id", "ref", True, ref=ref, doc=doc), _evidence(), DRAFT))


SOURCE = Record("source", (
    Field("name", "text", True, doc="the source, e.g. 'JAMnews, 15 June 2021'"),
    Field("url", "url", doc="its address"),
))

FRONT_MATTER = Record("front matter", (
    Field("title", "text", True, doc="the headline"),
    Field("date", "date", True, doc="publication date: YYYY, YYYY-MM or YYYY-MM-DD"),
    Field("publication", "text", True, doc="where the article was published"),
    Field("summary", "text", True, doc="one or two sentences for indexes"),
    Field("url", "url", doc="the article's original address"),
    Field("authors", "texts", doc="the authors' names"),
    Field("topics", "refs", ref="topic", doc="topic ids"),
    Field("sources", "sources", doc="where the facts come from: a list of {name, url}",
          record=SOURCE),
    Field("aliases", "texts", doc="the article's former file names, without .md: their "
                                  "addresses lead to the article"),
))

ANNOTATION_SECTIONS: dict[str, Record] = {
    "countries": _mention("country", "ISO 3166-1 alpha-2 code, e.g. KZ"),
    "organisations": _mention("organisation", "an organisation id from organisations.yml"),
    "people": _mention("person", "a person id from people.yml"),
    "topics": _mention("topic", "a topic id from topics.yml"),
    "relations": Record("relation", (
        Field("actors", "refs", True, ref="actor", doc="exactly two actors"),
        Field("status", "ref", ref="status", doc="a status id from statuses.yml; without it the "
                                                 "statement is a descriptive note"),
        Field("as_of", "date", doc="when the statement holds: YYYY, YYYY-MM or YYYY-MM-DD "
                                   "(default: the article's date)"),
        Field("label", "text", doc="the relation in the source's words (required without "
                                   "status)"),
        Field("stance", "choice", choices=STANCES,
              doc="required without status; with one it follows the status's score"),
        Field("sectors", "texts", doc="e.g. energy, transport, defence"),
        Field("frameworks", "refs", ref="organisation", doc="organisation ids"),
        _evidence(),
        DRAFT,
    )),
    "events": Record("event", (
        Field("id", "id", doc="the same id on events in several articles makes them one event"),
        Field("date", "date", True, doc="YYYY, YYYY-MM or YYYY-MM-DD"),
        Field("kind", "choice", True, choices=EVENT_KINDS),
        Field("title", "text", True, doc="what happened, in a few words"),
        Field("actors", "refs", True, ref="actor", doc="one or more actors"),
        Field("tone", "score", doc="cooperation (+) or conflict (−) on the Goldstein scale, "
                                   "−10 to +10 (default: the kind's)"),
        Field("source", "ref", ref="actor", doc="the actor who acted"),
        Field("target", "ref", ref="actor", doc="the actor acted upon"),
        Field("affected", "refs", ref="actor", doc="actors the event affects besides its actors"),
        Field("expected", "bool", doc="true for a plan or deadline the source announces"),
        Field("place", "text", doc="where it happened"),
        Field("place_country", "ref", ref="country", doc="the country of the place"),
        Field("people", "refs", ref="person", doc="person ids"),
        _evidence(),
        DRAFT,
    )),
    "figures": Record("figure", (
        Field("metric", "text", True, doc="what is measured, e.g. bilateral trade"),
        Field("actors", "refs", True, ref="actor", doc="one or more actors"),
        Field("value", "number", True, doc="a number"),
        Field("unit", "text", True, doc="e.g. billion USD"),
        Field("bound", "choice", choices=BOUNDS),
        Field("period", "date", doc="the period the value covers"),
        Field("type", "choice", choices=FIGURE_TYPES, doc="actual (default), target or forecast"),
        Field("source_type", "choice", choices=SOURCE_TYPES, doc="where the number comes from"),
        Field("topics", "refs", ref="topic", doc="topic ids: the figure shows on their pages"),
        _evidence(),
        DRAFT,
    )),
    "quotes": Record("quote", (
        Field("text", "text", True, doc="the words quoted"),
        Field("speaker", "text", True, doc="who said it, in words"),
        Field("person", "ref", ref="person", doc="a person id"),
        Field("actors", "refs", ref="actor", doc="who the quote is about"),
        _evidence(required=False),
        DRAFT,
    )),
    "assessments": Record("assessment", (
        Field("actors", "refs", True, ref="actor", doc="one actor (its page) or two (their "
                                                       "relation)"),
        Field("period", "period", True, doc="a month (YYYY-MM) or a quarter (YYYY-Qn)"),
        Field("trend", "choice", True, choices=TRENDS),
        Field("reason", "text", True, doc="one line: why"),
        _evidence(),
        DRAFT,
    )),
}

BRIEF_SENTENCE = Record("sentence", (
    Field("text", "text", True, doc="one sentence of the lede"),
    Field("article", "text", True, doc="the article it rests on: its file name without .md"),
    Field("evidence", "text", True, doc="an exact quote from that article"),
))

BRIEF = Record("brief", (
    Field("country", "ref", ref="country", doc="the country page it leads"),
    Field("relation", "refs", ref="actor", doc="the two actors of the relation page it leads"),
    Field("organisation", "ref", ref="organisation", doc="the organisation page it leads"),
    Field("topic", "ref", ref="topic", doc="the topic page it leads"),
    Field("written", "date", True, doc="when the lede was written"),
    Field("sentences", "records", True, record=BRIEF_SENTENCE,
          doc="the lede's sentences, each with its evidence"),
), doc="a short written lede for one page")
BRIEF_SUBJECTS = ("country", "relation", "organisation", "topic")

_ALIASES = Field("aliases", "texts", doc="other names and spellings")
_WIKIDATA = Field("wikidata", "wikidata", doc="a Wikidata id such as Q43")
_WIKIPEDIA = Field("wikipedia", "wikipedia",
                   doc="the address of its Wikipedia article, e.g. "
                       "https://en.wikipedia.org/wiki/Kazakhstan")
_DESCRIPTION = Field("description", "text", doc="one or two sentences")

ENTITY_FILES: dict[str, Record] = {
    "countries": Record("country", (
        Field("id", "country", True, doc="ISO 3166-1 alpha-2 code, or for a place ISO gives no "
                                         "code a user-assigned one (AA, QM–QZ, XA–XZ, ZZ), "
                                         "e.g. XK"),
        Field("name", "text", doc="the name the site shows (required for a user-assigned code)"),
        _ALIASES,
        Field("demonyms", "texts", doc="e.g. Kazakh"),
        Field("capital", "text"),
        Field("groups", "refs", ref="region", doc="region ids"),
        _WIKIDATA, _WIKIPEDIA,
        Field("alpha3", "alpha3", doc="a user-assigned code's three-letter code, e.g. XKX "
                                      "(ISO countries have theirs)"),
        _DESCRIPTION,
    )),
    "regions": Record("region", (
        Field("id", "id", True), Field("name", "text", True),
        Field("members", "refs", ref="country", doc="country codes"), _DESCRIPTION,
    )),
    "organisations": Record("organisation", (
        Field("id", "id", True), Field("name", "text", True),
        Field("short", "text", doc="the acronym, e.g. OTS"), _ALIASES,
        Field("kind", "text", doc="e.g. intergovernmental organisation, initiative"),
        Field("founded", "date"),
        Field("members", "refs", ref="country", doc="country codes"),
        Field("observers", "refs", ref="country", doc="country codes"),
        _WIKIDATA, _WIKIPEDIA, _DESCRIPTION,
    )),
    "people": Record("person", (
        Field("id", "id", True), Field("name", "text", True), Field("role", "text"),
        Field("country", "ref", ref="country"), _ALIASES, _WIKIDATA, _WIKIPEDIA,
    )),
    "topics": Record("topic", (
        Field("id", "id", True), Field("name", "text", True), _ALIASES, _DESCRIPTION,
    )),
    "statuses": Record("status", (
        Field("id", "id", True), Field("name", "text", True),
        Field("score", "score", True, doc="its place on the cooperation–conflict scale, "
                                          "−10 to +10"),
        _DESCRIPTION,
    )),
}

class Checker:
    """Checks YAML data against a Record and reports into one Problems collector."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def record(self, data, record: Record, path: Path, line: int, where: str) -> Item | None:
        """The fields that passed, as an Item (``valid`` only if all did); None if ``data`` is
        not a mapping at all."""
        if not isinstance(data, YMap):
            self.problems.add(path, line, where, f"a {record.name} must be a set of "
                              "'field: value' lines", self._example(record))
            return None
        before = len(self.problems.items)
        known = [item.name for item in record.fields]
        meant = set()  # fields a typo stands for: reported as the typo, not again as missing
        for key in data:
            if key not in known:
                suggestion = closest(key, [name for name in known if name not in data])
                meant.add(suggestion)
                hint = (f"did you mean '{suggestion}'?" if suggestion
                        else f"known fields: {', '.join(known)}")
                self.problems.add(path, data.line_of(key), self._name(where, key),
                                  f"unknown field '{key}'", hint)
        item = Item({}, data.line, where)
        for spec in record.fields:
            name = self._name(where, spec.name)
            if spec.name not in data or data[spec.name] is None or data[spec.name] == "":
                if spec.required and spec.name not in meant:
                    self.problems.add(path, data.line, name, "missing field",
                                      f"add '{spec.name}:' ({spec.doc or KINDS[spec.kind].words})")
                continue
            item.field_lines[spec.name] = data.line_of(spec.name)
            value = KINDS[spec.kind].check(self, data[spec.name], spec, path,
                                           data.line_of(spec.name), name)
            if value is not None:
                item.values[spec.name] = value
                raw = data[spec.name]
                if isinstance(raw, YList):
                    item.item_lines[spec.name] = list(raw.item_lines)
        item.valid = len(self.problems.items) == before
        return item

    def records(self, data, record: Record, path: Path, line: int, where: str) -> list[Item]:
        if data is None:
            return []
        if not isinstance(data, YList):
            self.problems.add(path, line, where, f"'{where}' must be a list of items",
                              "start each item with '- '")
            return []
        items = []
        for index, entry in enumerate(data):
            item = self.record(entry, record, path, data.line_of(index), f"{where}[{index + 1}]")
            if item is not None:
                items.append(item)
        return items

    @staticmethod
    def _name(where: str, key: str) -> str:
        return f"{where}.{key}" if where else key

    @staticmethod
    def _example(record: Record) -> str:
        required = [item.name for item in record.fields if item.required]
        return "fields: " + ", ".join(required) if required else "see docs/content-format.md"

    def wrong(self, path, line, name, spec: Field, value) -> None:
        """Report a value that is not of its field's kind, with what to write instead."""
        shown = str(value) if is_scalar_text(value) else type(value).__name__.replace(
            "YMap", "a mapping").replace("YList", "a list")
        kind = KINDS[spec.kind]
        self.problems.add(path, line, name, f"expected {kind.words}, got {shown!r}",
                          kind.hint(spec))
