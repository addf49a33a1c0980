"""Who and what the site can name: every ISO 3166 country, plus the editors' entities.

Countries come from pycountry, addressed by alpha-2 code; content/entities/countries.yml
adds the names the site prefers, and the places ISO 3166 gives no code (Kosovo) under the
codes the standard leaves to its users. Organisations, people, topics and regions come only
from content/entities/.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from slugify import slugify
from text_unidecode import unidecode

from ..engine.incremental import digest
from ..engine.problems import Problems, did_you_mean
from .atlas import map_names
from .dates import PartialDate
from .kinds import KINDS
from .schema import ENTITY_FILES, Checker, Item, Record
from .sources import inside, read_yaml_file

SLUG_LENGTH = 60
# ISO 3166-1 leaves these alpha-2 codes to its users (AA, QM to QZ, XA to XZ, ZZ), and the
# matching alpha-3 codes (AAA to AAZ, QMA to QZZ, XAA to XZZ, ZZA to ZZZ): it will never give
# them to a country, so a site may name a place ISO lists under none (Kosovo: XK) with one.
USER_ASSIGNED = "AA, QM–QZ, XA–XZ, ZZ"


def _slug(name: str) -> str:
    # Bounded, so that a long preferred name still gives a file name the system accepts.
    return slugify(name, max_length=SLUG_LENGTH, word_boundary=True)


def is_user_assigned(code: str) -> bool:
    if len(code) != 2 or not ("A" <= code[0] <= "Z" and "A" <= code[1] <= "Z"):
        return False
    return code in ("AA", "ZZ") or code[0] == "X" or (code[0] == "Q" and code[1] >= "M")


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
    alpha_3: str = ""
    user_assigned: bool = False  # defined in countries.yml under a code ISO leaves to users
    description: str = ""
    wikipedia: str = ""

    kind = "country"

    @property
    def id(self) -> str:
        return self.code

    @property
    def slug(self) -> str:
        return _slug(self.name) or self.code.lower()

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
    wikipedia: str = ""

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
    wikipedia: str = ""

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
    # The entries looked up while ``consulting()`` (kind, id): what one article's check read.
    consulted: set[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    # Each entry's part of a view, made once (ten thousand articles name the same few hundred).
    _viewed: dict[tuple[str, str], bytes] = field(default_factory=dict, repr=False,
                                                  compare=False)

    def table(self, kind: str) -> dict:
        return {"country": self.countries, "region": self.regions,
                "organisation": self.organisations, "person": self.people,
                "topic": self.topics, "status": self.statuses}[kind]

    def actor(self, ref: str) -> Country | Organisation | None:
        if self.consulted is not None:
            self.consulted.add(("actor", ref))
        return self.countries.get(ref) or self.organisations.get(ref)

    def lookup(self, kind: str, ref: str):
        if kind == "actor":
            return self.actor(ref)
        if self.consulted is not None:
            self.consulted.add((kind, ref))
        return self.table(kind).get(ref)

    @contextlib.contextmanager
    def consulting(self) -> Iterator[set[tuple[str, str]]]:
        """Record every entry looked up meanwhile (an article's check looks up the ids it
        names, and nothing else unless it reports a problem)."""
        self.consulted = found = set()
        try:
            yield found
        finally:
            self.consulted = None

    def view(self, consulted: Iterable[tuple[str, str]]) -> str:
        """A digest of the given entries as they are now: equal for two registries exactly
        when each of those entries is the same in both. An id that names nothing counts with
        the kinds whose file lost entries to a problem (a lost entry is not reported)."""
        parts = []
        for kind, ref in sorted(consulted):
            part = self._viewed.get((kind, ref))
            if part is None:
                entry = self.actor(ref) if kind == "actor" else self.table(kind).get(ref)
                part = self._viewed[(kind, ref)] = (
                    f"{kind}\0{ref}\0" + (repr(entry) if entry is not None
                                           else f"missing {sorted(self.incomplete)}")
                ).encode("utf-8")
            parts.append(part)
        return digest(*parts)

    def _unresolved(self, item: Item, record: Record) -> Iterator[tuple[str, str, int, str]]:
        """Each id in ``item`` that names nothing: (field, kind, index in the field, id)."""
        for spec in record.fields:
            if spec.name not in item.values:
                continue
            for index, ref in KINDS[spec.kind].names(item.values[spec.name]):
                if self.lookup(spec.ref, ref) is None:
                    yield spec.name, spec.ref, index, ref

    def report_unknown(self, item: Item, record: Record, path: Path, problems: Problems) -> bool:
        """Report every id in ``item`` that names nothing; True when none is reported. An id
        of a kind whose file lost entries to a problem is not reported (it may be one of
        them, and the problem is reported in that file), so True does not mean that every id
        names an entry: ``resolves`` says that."""
        known = True
        for name, kind, index, ref in self._unresolved(item, record):
            if self._maybe_lost(kind):
                continue
            known = False
            noun = "country code" if kind == "country" else kind
            field_name = f"{item.where}.{name}" if item.where else name
            problems.add(path, item.line_of(name, index), field_name,
                         f"unknown {noun} '{ref}'", self.unknown_hint(kind, ref))
        return known

    def resolves(self, item: Item, record: Record) -> bool:
        """Whether every id in ``item`` names an entry: what it says can be linked."""
        return next(self._unresolved(item, record), None) is None

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
        if kind in ("country", "actor") and is_user_assigned(ref):
            # A code left to users names nothing until the editors say what; a look-alike ISO
            # code (XK: Tokelau's TK) would be a wrong guess.
            return (f"'{ref}' is a user-assigned code: define it in content/entities/countries.yml"
                    f" with '- id: {ref}' and a 'name:'")
        where = {"country": "use an ISO 3166-1 alpha-2 code such as KZ",
                 "actor": "use a country code such as KZ or an id from organisations.yml"}
        if kind == "actor" and ref.lower() in self.organisations:
            return f"did you mean '{ref.lower()}'?"
        if kind in where and ref.isupper() and len(ref) in (2, 3):
            return self._code_like(ref) or where[kind]
        return did_you_mean(ref, choices) or where.get(
            kind, f"add it to content/entities/{_FILE_OF[kind]}.yml")

    def country_hint(self, code: str, name: str = "") -> str:
        """What to write instead of a code that names no country, by the entry's name first
        (a name says what was meant; a look-alike code may be another country), then its code."""
        if code.upper() in self.countries or is_user_assigned(code.upper()):
            return f"country codes are written in capitals: '{code.upper()}'"
        found = self._code_named(name) if name else None
        if found is not None:
            found_code, found_name = found
            if found_code not in self.countries or self.countries[found_code].user_assigned:
                return (f"{found_name} has no ISO 3166 code: write the user-assigned code "
                        f"'{found_code}' (with this name)")
            return f"did you mean '{found_code}' ({found_name})?"
        return self._code_like(code) or (
            f"use an ISO 3166-1 alpha-2 code such as KZ, or for a place ISO gives no code a "
            f"user-assigned code ({USER_ASSIGNED}) with a name")

    def _code_like(self, code: str) -> str:
        """A hint from the code alone: an alpha-3 code for its alpha-2 one, or a code that a
        letter too many or swapped makes (KZZ, ZK: KZ). Two two-letter codes that share one
        letter are no evidence (XK is not Tokelau's TK), so they are not suggested."""
        upper = code.upper()
        for alpha_2, country in self.countries.items():
            if country.alpha_3 and country.alpha_3 == upper:
                return f"'{upper}' is the alpha-3 code of {country.name}: write '{alpha_2}'"
        codes = sorted(c for c, country in self.countries.items() if not country.user_assigned)
        if len(upper) == 2 and upper[::-1] in self.countries:
            return f"did you mean '{upper[::-1]}'?"
        matches = difflib.get_close_matches(upper, codes, n=1, cutoff=0.6)
        return f"did you mean '{matches[0]}'?" if matches else ""

    def _code_named(self, name: str) -> tuple[str, str] | None:
        """The code and name of the country a name most likely means: any name the registry or
        the map data gives it, with accents or without, or else the closest spelling."""
        names: dict[str, tuple[str, str]] = {}
        for code, country in self.countries.items():
            for known in (country.name, *country.iso_names, *country.aliases):
                names.setdefault(folded_name(known), (code, country.name))
        for code, known in map_names().items():
            names.setdefault(folded_name(known), (code, known))
        folded = folded_name(name)
        if folded in names:
            return names[folded]
        # Close spellings only (Kazakstan): a looser match would take Northern Cyprus for
        # Cyprus, where a user-assigned code is what is wanted.
        match = difflib.get_close_matches(folded, sorted(names), n=1, cutoff=0.8)
        return names[match[0]] if match else None


def folded_name(name: str) -> str:
    """A name as names are compared and put in order: "Électricité de France" as
    "electricite de france", among the E's."""
    return " ".join(unidecode(name).casefold().split())


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
            alpha_3=entry.alpha_3)
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
    _load_countries(registry, items_by_file["countries"], entities / "countries.yml", problems)
    for item in items_by_file["regions"]:
        values = item.values
        registry.regions[values["id"]] = Region(
            values["id"], values["name"], _texts(item, "members"), values.get("description", ""))
    for item in items_by_file["organisations"]:
        values = item.values
        registry.organisations[values["id"]] = Organisation(
            values["id"], values["name"], values.get("short", ""), _texts(item, "aliases"),
            values.get("kind", ""), values.get("founded"), _texts(item, "members"),
            _texts(item, "observers"), values.get("wikidata", ""), values.get("description", ""),
            wikipedia=values.get("wikipedia", ""))
    for item in items_by_file["people"]:
        values = item.values
        registry.people[values["id"]] = Person(
            values["id"], values["name"], values.get("role", ""), values.get("country", ""),
            _texts(item, "aliases"), values.get("wikidata", ""),
            wikipedia=values.get("wikipedia", ""))
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


def _load_countries(registry: Registry, items: list[Item], path: Path, problems: Problems) -> None:
    """countries.yml: overrides of ISO countries, and the places under user-assigned codes."""
    iso_codes = set(registry.countries)
    entries = []
    for item in items:
        code, values = item.values["id"], item.values
        country = registry.countries.get(code)
        if country is None and is_user_assigned(code):
            country = registry.countries[code] = _user_assigned(item, path, problems)
        elif country is None:
            problems.add(path, item.line_of("id"), "id",
                         f"'{code}' is not an ISO 3166-1 alpha-2 country code, nor one ISO leaves "
                         f"to users ({USER_ASSIGNED})",
                         registry.country_hint(code, values.get("name", "")))
            continue
        elif "alpha3" in values:
            problems.add(path, item.line_of("alpha3"), "alpha3",
                         f"{code} has the ISO alpha-3 code {country.alpha_3}; 'alpha3' is only for "
                         "a user-assigned code", "delete the line")
        country.name = values.get("name", country.name)
        country.aliases = _texts(item, "aliases")
        country.demonyms = _texts(item, "demonyms")
        country.capital = values.get("capital", "")
        country.groups = _texts(item, "groups")
        country.wikidata = values.get("wikidata", "")
        country.wikipedia = values.get("wikipedia", "")
        country.description = values.get("description", "")
        entries.append((item, country))
    _check_alpha_3(entries, iso_codes, registry, path, problems)
    _check_country_names(entries, registry, path, problems)


def _user_assigned(item: Item, path: Path, problems: Problems) -> Country:
    """A place under a code ISO leaves to users: the entry must say what it is called. Without
    a name the code still stands for it, so that what names it is not reported again."""
    code = item.values["id"]
    if "name" not in item.values:
        known = map_names().get(code)
        example = f"name: {known}" if known else "name: Kosovo"
        problems.add(path, item.line, f"{item.where}.name",
                     f"missing field: '{code}' is a user-assigned code, which names no country "
                     "until its entry gives a name",
                     f"add '{example}' (the name the site shows), or use the place's ISO code")
    return Country(code=code, name=item.values.get("name", code), iso_names=(),
                   alpha_3=item.values.get("alpha3", ""), user_assigned=True)


def _check_alpha_3(entries, iso_codes: set[str], registry: Registry, path: Path,
                   problems: Problems) -> None:
    """A user-assigned place's alpha-3 code may be no ISO country's and no other place's."""
    owners = {registry.countries[code].alpha_3: code for code in iso_codes}
    for item, country in entries:
        if not country.user_assigned or not country.alpha_3:
            continue
        owner = owners.get(country.alpha_3)
        if owner is not None:
            named = registry.countries[owner].name
            problems.add(path, item.line_of("alpha3"), "alpha3",
                         f"'{country.alpha_3}' is {named}'s code ({owner})",
                         "use an alpha-3 code ISO leaves to users (AAA–AAZ, QMA–QZZ, XAA–XZZ, "
                         "ZZA–ZZZ), e.g. XKX for XK, or delete the line")
            continue
        owners[country.alpha_3] = country.code


def _check_country_names(entries, registry: Registry, path: Path, problems: Problems) -> None:
    """A name in countries.yml that is already another country's would give two countries one
    page (the address comes from the name), or stand for a place that has a code of its own.
    Names ISO or the map data give a code are that code's; other names go to the first entry
    that takes them."""
    drawn = map_names()
    claimed: dict[str, str] = {}
    for code, country in registry.countries.items():
        for name in country.iso_names:
            claimed.setdefault(_slug(name), code)
    for code, name in drawn.items():
        claimed.setdefault(_slug(name), code)
    for item, country in entries:
        slug = country.slug
        own = {_slug(name) for name in (*country.iso_names, drawn.get(country.code, ""))}
        other = claimed.setdefault(slug, country.code)
        if other == country.code or slug in own or "name" not in item.values:
            continue
        known = registry.countries.get(other)
        if known is not None and not known.user_assigned:
            hint = (f"if you mean {known.name}, write id: {other}; otherwise give this entry a "
                    "name of its own")
        elif other in drawn and known is None:
            hint = (f"the map data has {country.name} as {other}, a code ISO leaves to users: "
                    f"write id: {other}")
        else:
            hint = f"give one of the two entries, {other} and {country.code}, another name"
        problems.add(path, item.line_of("name"), "name",
                     f"'{country.name}' is already the name of {other}, not of {country.code}",
                     hint)


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
