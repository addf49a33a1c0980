"""The text data downloads: the knowledge base as JSON, events as JSON Lines, and tables as
CSV, every row cited. Their columns are the codebook's (codebook.py), in its order."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter

import msgspec

from ..content.schema import EVENT_KIND_TONES
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Citation, Event
from ..knowledge.urls import citation_url
from .codebook import Codebook, Column

# A cell that starts like a formula is run by spreadsheets; a leading quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PIECE = 1 << 20  # bytes of JSON text per piece written
_BATCH = 1000  # rows encoded in one call
# Compact JSON in UTF-8, as json.dumps(ensure_ascii=False, separators=(",", ":")) writes it
# (numbers aside: msgspec writes 1e16 where Python writes 1e+16, the same value), three
# times as fast: 0.6 s for knowledge.json at 10,000 articles, where Python's encoder took
# 1.9 s. Keys as the rows give them: knowledge.json's rows are made with their keys in
# sorted order (see knowledge_sections), which costs nothing, where sorting them row by row
# cost 0.4 s at 10,000 articles.
_JSON = msgspec.json.Encoder()


def alpha3_codes(registry) -> dict[str, str]:
    """The alpha-3 code of every country by its code: ISO's, or the one a user-assigned code's
    entry gives (empty when it gives none)."""
    return {code: country.alpha_3 for code, country in registry.countries.items()}


def event_ids(events: list[Event]) -> list[str]:
    """A stable id for each event: the editors' id, or one made from what the event is (date,
    kind, title, first source), so that it stays the same from one version of the data to the
    next while the event does. Two events alike in all of that are told apart by a suffix."""
    found: list[str] = []
    taken: set[str] = set()
    for event in events:
        if event.id:
            ident = event.id
        else:
            citation = event.citation
            made = "\0".join((event.date.iso, event.kind, event.title, citation.article,
                              str(citation.paragraph), citation.quote))
            ident = "e-" + hashlib.sha256(made.encode("utf-8")).hexdigest()[:12]
        unique, number = ident, 1
        while unique in taken:
            number += 1
            unique = f"{ident}-{number}"
        taken.add(unique)
        found.append(unique)
    return found


def event_mode(kind: str) -> str:
    """Verbal or material: how CAMEO groups the kind (a change of status is verbal)."""
    return EVENT_KIND_TONES[kind][0] if kind in EVENT_KIND_TONES else "verbal"


def cameo_code(kind: str) -> str | None:
    code = EVENT_KIND_TONES[kind][1].split(" ", 1)[0] if kind in EVENT_KIND_TONES else ""
    return code if code.isdigit() else None


class _Sources:
    """Each claim's citation as the data files give it (its keys in sorted order). What
    comes from its article (slug, page address, date, publication) is looked up once per
    article, not once per claim: at 10,000 articles there are 350,000 citations."""

    def __init__(self, knowledge: KnowledgeBase):
        self.articles = knowledge.articles
        self.of_article: dict[str, tuple[str, str, str, str]] = {}

    def __call__(self, citation: Citation) -> dict:
        facts = self.of_article.get(citation.article)
        if facts is None:
            article = self.articles[citation.article]
            facts = self.of_article[citation.article] = (
                article.slug, citation_url(article.slug, ""), article.date.iso,
                article.publication)
        slug, page, published, publication = facts
        return {"article": slug, "page": page + citation.anchor, "paragraph": citation.paragraph,
                "publication": publication, "published": published, "quote": citation.quote}


def knowledge_sections(knowledge: KnowledgeBase,
                       ids: list[str]) -> dict[str, Callable[[], list]]:
    """knowledge.json's sections, by name in the file's order, each made when called (so
    that one is held at a time). Every row is written with its keys in sorted order, as the
    file has them (json_pieces does not sort them; a test compares the file with one sorted
    by json.dumps)."""
    registry = knowledge.registry
    codes = knowledge.countries_with_pages()
    alpha3 = alpha3_codes(registry)
    cite = _Sources(knowledge)
    sections = {
        "articles": lambda: [
            {"authors": list(a.authors), "date": a.date.iso, "publication": a.publication,
             "slug": a.slug,
             "sources": [{"name": str(source.get("name", "")),
                          "url": source.get("url") or ""} for source in a.sources],
             "summary": a.summary, "title": a.title, "topics": list(a.topics), "url": a.url}
            for a in knowledge.articles.values()],
        "countries": lambda: [
            {"aliases": list(c.other_names), "alpha3": alpha3[c.code] or None,
             "code": c.code, "demonyms": list(c.demonyms), "groups": list(c.groups),
             "name": c.name, "user_assigned": c.user_assigned, "wikidata": c.wikidata}
            for c in (registry.countries[k] for k in codes)],
        "organisations": lambda: [
            {"id": o.id, "members": list(o.members), "name": o.name,
             "observers": list(o.observers), "short": o.short,
             "wikidata": o.wikidata} for o in registry.organisations.values()],
        "people": lambda: [
            {"country": p.country, "id": p.id, "name": p.name, "role": p.role,
             "wikidata": p.wikidata} for p in registry.people.values()],
        "topics": lambda: [
            {"id": t.id, "name": t.name} for t in registry.topics.values()],
        "statuses": lambda: [
            {"id": s.id, "name": s.name, "score": s.score}
            for s in registry.statuses.values()],
        "relations": lambda: [
            {"actors": list(r.pair),
             "claims": [{"as_of": c.holds_from.iso, "date": c.date.iso,
                         "frameworks": list(c.frameworks), "label": c.label,
                         "quoted": c.quoted, "sectors": list(c.sectors),
                         "source": cite(c.citation), "stance": c.stance, "status": c.status}
                        for c in r.claims],
             "slug": r.slug, "stance": r.stance,
             "status": r.current.status if r.current else ""}
            for r in knowledge.relations.values()],
        # "source" is the first citation (as before); "sources" every one, for merged events.
        "events": lambda: [_event_row(ident, e, cite)
                           for ident, e in zip(ids, knowledge.events, strict=True)],
        "figures": lambda: [
            {"actors": list(f.actors), "bound": f.bound, "metric": f.metric,
             "older": f.older, "period": f.period.iso if f.period else "",
             "source": cite(f.citation), "source_type": f.source_type,
             "topics": list(f.topics), "type": f.type, "unit": f.unit, "value": f.value}
            for f in knowledge.figures],
        "assessments": lambda: [
            {"actors": list(a.actors), "period": a.period.key, "reason": a.reason,
             "source": cite(a.citation), "trend": a.trend}
            for a in knowledge.assessments],
        "quotes": lambda: [
            {"actors": list(q.actors), "person": q.person, "source": cite(q.citation),
             "speaker": q.speaker, "text": q.text}
            for q in knowledge.quotes],
    }
    return dict(sorted(sections.items()))


def _event_row(ident: str, event: Event, cite: _Sources) -> dict:
    sources = [cite(citation) for citation in event.sources]
    # The first source is the event's citation: its row is made once.
    first = sources[0] if event.sources[0] == event.citation else cite(event.citation)
    return {"actors": list(event.actors), "affected": list(event.affected),
            "class": event.event_class, "date": event.date.iso,
            "differing_dates": [date.iso for date, _ in event.differing],
            "event_id": ident, "expected": event.expected, "id": event.id,
            "kind": event.kind, "people": list(event.people), "place": event.place,
            "place_country": event.place_country, "precision": event.date.precision,
            "source": first, "source_actor": event.source, "sources": sources,
            "status_change": list(event.status_change), "target_actor": event.target,
            "title": event.title, "tone": event.tone}


def json_pieces(sections: Iterable[tuple[str, list]]) -> Iterator[bytes]:
    """The bytes json.dumps gives for {name: rows, ...} (compact, keys sorted, a line end
    after; numbers as _JSON writes them), in pieces of about a megabyte; ``sections`` come
    in their names' order, and each row's keys (and those of the objects in it) in theirs.
    Rows are encoded a thousand at a time: the whole file, 120 MB at 10,000 articles, is
    never one text."""
    pending, size = [b"{"], 0
    for number, (name, rows) in enumerate(sections):
        pending.append((b"," if number else b"") + _JSON.encode(name) + b":[")
        # Rows are encoded a batch at a time, as one list (the same text as row by row, for
        # a fraction of the calls), the brackets left out.
        for start in range(0, len(rows), _BATCH):
            text = _JSON.encode(rows[start:start + _BATCH])[1:-1]
            pending.append(b"," + text if start else text)
            size += len(text)
            if size >= PIECE:
                yield b"".join(pending)
                pending, size = [], 0
        pending.append(b"]")
    pending.append(b"}\n")
    yield b"".join(pending)


class _Actors:
    """Actors as the events file gives them: the site's id beside ISO and Wikidata ids."""

    def __init__(self, knowledge: KnowledgeBase):
        self.registry = knowledge.registry
        self.alpha3 = alpha3_codes(knowledge.registry)
        self.cache: dict[str, dict] = {}

    def __call__(self, ref: str) -> dict | None:
        if not ref:
            return None
        found = self.cache.get(ref)
        if found is None:
            actor = self.registry.actor(ref)
            country = ref in self.registry.countries
            found = self.cache[ref] = {
                "id": ref, "kind": "country" if country else "organisation",
                "name": actor.name if actor else ref,
                "alpha3": self.alpha3.get(ref) if country else None,
                "wikidata": (actor.wikidata if actor else "") or None}
        return found


def event_lines(knowledge: KnowledgeBase, ids: list[str]) -> Iterator[bytes]:
    """events.jsonl: one event per line, in pieces of about a megabyte."""
    actor = _Actors(knowledge)
    cite = _Sources(knowledge)
    people = knowledge.registry.people
    lines, size = [], 0
    for ident, event in zip(ids, knowledge.events, strict=True):
        place = None
        if event.place or event.place_country:
            place = {"name": event.place or None, "country": actor(event.place_country)}
        line = {
            "event_id": ident, "date": event.date.iso, "precision": event.date.precision,
            "kind": event.kind, "cameo": cameo_code(event.kind), "class": event.event_class,
            "mode": event_mode(event.kind), "tone": event.tone, "title": event.title,
            "expected": event.expected,
            "actors": [actor(ref) for ref in event.actors],
            "source_actor": actor(event.source), "target_actor": actor(event.target),
            "affected": [actor(ref) for ref in event.affected],
            "place": place,
            "people": [{"id": ref, "name": people[ref].name,
                        "wikidata": people[ref].wikidata or None} for ref in event.people],
            "status_change": ({"from": event.status_change[0], "to": event.status_change[1]}
                              if event.status_change else None),
            "sources": [{**cite(c), "anchor": c.anchor} for c in event.sources],
            "differing_dates": [date.iso for date, _ in event.differing],
        }
        text = _JSON.encode(line) + b"\n"
        lines.append(text)
        size += len(text)
        if size >= PIECE:
            yield b"".join(lines)
            lines, size = [], 0
    yield b"".join(lines)


def _text_cell(value):
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_column(column: Column, values) -> list:
    """One column's cells: lists space-separated, yes/no as "yes" or empty, texts guarded."""
    if column.type == "list":
        return [" ".join(value) for value in values]
    if column.type == "boolean":
        return ["yes" if value else "" for value in values]
    if column.type in ("text", "date"):
        return [_text_cell(value) if value else "" for value in values]
    return ["" if value is None else value for value in values]


def csv_bytes(columns: tuple[Column, ...], rows: list[dict],
              derived: dict[str, Callable[[dict], object]] | None = None) -> bytes:
    """A CSV file with the codebook's columns, in its order; each row a dict by column name,
    or, for a column ``derived`` names, the value its function gives for the row (so that
    no row is copied to add a column). Converted column by column: a call per cell would
    cost more than the writing."""
    derived = derived or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    if rows:
        converted = [_csv_column(column, list(map(derived[column.name], rows))
                                 if column.name in derived
                                 else list(map(itemgetter(column.name), rows)))
                     for column in columns]
        writer.writerows(zip(*converted, strict=True))
    return buffer.getvalue().encode("utf-8")


def _cited_article(row: dict) -> str:
    return row["source"]["article"]


def _cited_paragraph(row: dict) -> int:
    return row["source"]["paragraph"]


# A table row's article and paragraph: those of the first source it cites.
_CITED = {"article": _cited_article, "paragraph": _cited_paragraph}


def knowledge_files(knowledge: KnowledgeBase, book: Codebook,
                    ids: list[str]) -> Iterator[tuple[str, Iterable[bytes]]]:
    """knowledge.json, then the CSV tables, by file name inside /data/, each in pieces: the
    caller writes each before asking for the next, so only one section of the knowledge base
    is held at a time."""
    tables: dict[str, bytes] = {}

    def sections() -> Iterator[tuple[str, list]]:
        for name, make in knowledge_sections(knowledge, ids).items():
            rows = make()
            # The tables are made from the same rows, while they are at hand.
            if name == "events":
                tables["events.csv"] = csv_bytes(
                    book.resource("events-table").columns, rows,
                    {**_CITED, "sources": lambda event: len(event["sources"])})
            elif name == "figures":
                tables["figures.csv"] = csv_bytes(book.resource("figures").columns, rows, _CITED)
            elif name == "relations":
                tables["relations.csv"] = csv_bytes(book.resource("relations").columns, [
                    {**c, "actor_1": r["actors"][0], "actor_2": r["actors"][1]}
                    for r in rows for c in r["claims"]], _CITED)
            yield name, rows

    yield "knowledge.json", json_pieces(sections())
    for name in ("events.csv", "figures.csv", "relations.csv"):
        yield name, [tables.pop(name)]


def events_file(knowledge: KnowledgeBase,
                ids: list[str]) -> Iterator[tuple[str, Iterable[bytes]]]:
    """events.jsonl, in pieces."""
    yield "events.jsonl", event_lines(knowledge, ids)
