"""Who and what the site can name: every ISO 3166 country, plus the editors' entities.

Countries come from pycountry, addressed by alpha-2 code; content/entities/countries.yml
adds the names the site prefers. Organisations, people, topics and regions come only from
content/entities/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from slugify import slugify

from .dates import PartialDate
from .problems import Problems, did_you_mean
from .schema import ENTITY_FILES, Checker, Item, Record
from .sources import inside, read_yaml_file

SLUG_LENGTH = 60


@dataclass
class Country:
    code: str
    name: str
    iso_names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    groups: tuple[str, ...] = ()
    wikidata: str = ""
    flag: str = ""

    kind = "country"

    @property
    def id(self) -> str:
        return self.code

    @property
    def slug(self) -> str:
        # Bounded, so that a long preferred name still gives a file name the system accepts.
        return slugify(self.name, max_length=SLUG_LENGTH, word_boundary=True) or self.code.lower()

    @property
    def other_names(self) -> tuple[str, ...]:
        names = [*self.aliases, *self.iso_names]
        return tuple(dict.fromkeys(name for name in names if name != self.name))


@dataclass
class NamedEntity:
    """An entity editors define by id in content/entities/; its page lives at its id."""

    id: str
    name: str

    @property
    def slug(self) -> str:
        return self.id

    @property
    def other_names(self) -> tuple[str, ...]:
        return tuple(getattr(self, "aliases", ()))


@dataclass
class Region(NamedEntity):
    members: tuple[str, ...] = ()
    description: str = ""

    kind = "region"


@dataclass
class Organisation(NamedEntity):
    short: str = ""
    aliases: tuple[str, ...] = ()
    kind_label: str = ""
    founded: PartialDate | None = None
    members: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    wikidata: str = ""
    description: str = ""

    kind = "organisation"

    @property
    def other_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.short, *self.aliases) if n and n != self.name))


@dataclass
class Person(NamedEntity):
    role: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()
    wikidata: str = ""

    kind = "person"


@dataclass
class Topic(NamedEntity):
    aliases: tuple[str, ...] = ()
    description: str = ""

    kind = "topic"


@dataclass
class Status(NamedEntity):
    """A state a relation can be in, from the editors' vocabulary (statuses.yml)."""

    score: float = 0.0  # its place on the cooperation–conflict scale, −10 … +10
    description: str = ""

    kind = "status"

    @property
    def stance(self) -> str:
        """The stance a relation in this status takes, when its statement gives none."""
        if self.score >= 3:
            return "cooperative"
        if self.score > -3:
            return "mixed"
        if self.score > -7:
            return "tense"
        return "hostile"


@dataclass
class Registry:
    countries: dict[str, Country] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    statuses: dict[str, Status] = field(default_factory=dict)
    # Kinds whose file lost entries to a reported problem: an id of that kind that is not found
    # may be one of the lost entries, so it is not reported again as unknown.
    incomplete: set[str] = field(default_factory=set)
    # Where each entry is written, by (entity file stem, id): a page's edit link points there.
    lines: dict[tuple[str, str], int] = field(default_factory=dict)

    def table(self, kind: str) -> dict:
        return {"country": self.countries, "region": self.regions,
                "organisation": self.organisations, "person": self.people,
                "topic": self.topics, "status": self.statuses}[kind]

    def actor(self, ref: str) -> Country | Organisation | None:
        return self.countries.get(ref) or self.organisations.get(ref)

    def lookup(self, kind: str, ref: str):
        return self.actor(ref) if kind == "actor" else self.table(kind).get(ref)

    def report_unknown(self, item: Item, record: Record, path: Path, problems: Problems) -> bool:
        """Report every id in ``item`` that names nothing; True when all are known."""
        known = True
        for spec in record.fields:
            if spec.kind not in ("ref", "refs") or spec.name not in item.values:
                continue
            value = item.values[spec.name]
            for index, ref in enumerate(value if spec.kind == "refs" else [value]):
                if self.lookup(spec.ref, ref) is None and not self._maybe_lost(spec.ref):
                    known = False
                    noun = "country code" if spec.ref == "country" else spec.ref
                    field_name = f"{item.where}.{spec.name}" if item.where else spec.name
                    problems.add(path, item.line_of(spec.name, index if spec.kind == "refs" else None),
                                 field_name, f"unknown {noun} '{ref}'", self.unknown_hint(spec.ref, ref))
        return known

    def _maybe_lost(self, kind: str) -> bool:
        if kind == "actor":
            return "organisation" in self.incomplete
        return kind in self.incomplete

    def unknown_hint(self, kind: str, ref: str) -> str:
        if kind == "actor":
            choices = [*self.countries, *self.organisations]
        else:
            choices = list(self.table(kind))
        if kind in ("country", "actor") and ref.upper() in self.countries:
            return f"country codes are written in capitals: '{ref.upper()}'"
        hint = did_you_mean(ref, choices)
        if hint:
            return hint
        where = {"country": "use an ISO 3166-1 alpha-2 code such as KZ",
                 "actor": "use a country code such as KZ or an id from organisations.yml"}
        return where.get(kind, f"add it to content/entities/{_FILE_OF[kind]}.yml")


_FILE_OF = {"organisation": "organisations", "person": "people", "topic": "topics",
            "region": "regions", "country": "countries", "status": "statuses"}


def _iso_countries() -> dict[str, Country]:
    countries = {}
    for entry in pycountry.countries:
        common = getattr(entry, "common_name", None)
        names = [name for name in (common, entry.name, getattr(entry, "official_name", None))
                 if name]
        countries[entry.alpha_2] = Country(
            code=entry.alpha_2, name=names[0], iso_names=tuple(dict.fromkeys(names)),
            flag=getattr(entry, "flag", ""))
    return countries


def _texts(item: Item, name: str) -> tuple[str, ...]:
    return tuple(item.values.get(name, ()))


def load_registry(content: Path, checker: Checker) -> tuple[Registry, dict[str, list[Item]]]:
    """The registry and, for later reference checks, the checked items of each entity file."""
    problems: Problems = checker.problems
    registry = Registry(countries=_iso_countries())
    items_by_file: dict[str, list[Item]] = {}
    entities = content / "entities"
    for stem, record in ENTITY_FILES.items():
        path = entities / f"{stem}.yml"
        items_by_file[stem] = []
        if not path.exists():
            continue
        if path.is_symlink() and not inside(path, content):
            problems.add(path, 1, "file", "this link points outside content/",
                         "replace the link with the file itself")
            continue
        before = len(problems.items)
        data = read_yaml_file(path, problems)
        items = checker.records(data, record, path, 1, stem)
        if len(problems.items) > before:
            registry.incomplete.add(record.name)
        seen: dict[str, int] = {}
        for item in items:
            # An entry with a problem elsewhere still defines its id, so that articles naming
            # it do not repeat the problem as "unknown id".
            if "id" not in item.values or ("name" not in item.values and stem != "countries"):
                continue
            ident = item.values["id"]
            if ident in seen:
                problems.add(path, item.line_of("id"), "id", f"duplicate id '{ident}' (first on "
                             f"line {seen[ident]})", "give each entry its own id")
                continue
            seen[ident] = registry.lines[(stem, ident)] = item.line_of("id")
            items_by_file[stem].append(item)
    for item in items_by_file["countries"]:
        code = item.values["id"]
        country = registry.countries.get(code)
        if country is None:
            problems.add(entities / "countries.yml", item.line_of("id"), "id",
                         f"'{code}' is not an ISO 3166-1 alpha-2 country code",
                         registry.unknown_hint("country", code))
            continue
        country.name = item.values.get("name", country.name)
        country.aliases = _texts(item, "aliases")
        country.demonyms = _texts(item, "demonyms")
        country.capital = item.values.get("capital", "")
        country.groups = _texts(item, "groups")
        country.wikidata = item.values.get("wikidata", "")
    for item in items_by_file["regions"]:
        values = item.values
        registry.regions[values["id"]] = Region(
            values["id"], values["name"], _texts(item, "members"), values.get("description", ""))
    for item in items_by_file["organisations"]:
        values = item.values
        registry.organisations[values["id"]] = Organisation(
            values["id"], values["name"], values.get("short", ""), _texts(item, "aliases"),
            values.get("kind", ""), values.get("founded"), _texts(item, "members"),
            _texts(item, "observers"), values.get("wikidata", ""), values.get("description", ""))
    for item in items_by_file["people"]:
        values = item.values
        registry.people[values["id"]] = Person(
            values["id"], values["name"], values.get("role", ""), values.get("country", ""),
            _texts(item, "aliases"), values.get("wikidata", ""))
    for item in items_by_file["topics"]:
        values = item.values
        registry.topics[values["id"]] = Topic(
            values["id"], values["name"], _texts(item, "aliases"), values.get("description", ""))
    for item in items_by_file["statuses"]:
        values = item.values
        if "score" not in values:
            continue  # reported already; the id stays known so articles are not blamed
        registry.statuses[values["id"]] = Status(
            values["id"], values["name"], values["score"], values.get("description", ""))
    _check_references(registry, items_by_file, entities, problems)
    _merge_region_groups(registry)
    return registry, items_by_file


def _check_references(registry: Registry, items_by_file, entities: Path, problems: Problems):
    for stem, record in ENTITY_FILES.items():
        for item in items_by_file[stem]:
            registry.report_unknown(item, record, entities / f"{stem}.yml", problems)


def _merge_region_groups(registry: Registry) -> None:
    """A country's groups: those its override names plus every region that lists it."""
    for region in registry.regions.values():
        for code in region.members:
            country = registry.countries.get(code)
            if country and region.id not in country.groups:
                country.groups = (*country.groups, region.id)
    for country in registry.countries.values():
        known = [group for group in country.groups if group in registry.regions]
        country.groups = tuple(sorted(dict.fromkeys(known)))
