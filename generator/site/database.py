"""The knowledge base as a SQLite database: one table per kind of record, foreign keys between
them, and every claim's citation as a row. Its tables and columns are the codebook's.

The file is built afresh each time into a temporary folder, rows inserted in the knowledge
base's own order and the indexes made once they are in: the same knowledge base and the same
SQLite library give the same bytes (a test builds it twice and compares). It is not compacted
with VACUUM: a fresh file filled in one transaction has next to nothing to give back (1 % at
10,000 articles), and rewriting it took 0.6 s.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path

from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Citation
from .codebook import Codebook, Column, Table
from .downloads import alpha3_codes

FORMAT_VERSION = 1  # PRAGMA user_version: raised when tables change incompatibly

_SQL_TYPES = {"text": "TEXT", "date": "TEXT", "list": "TEXT", "integer": "INTEGER",
              "boolean": "INTEGER", "number": "REAL"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_statements(book: Codebook, table: Table) -> list[str]:
    """CREATE TABLE (and CREATE INDEX for each foreign key not led by the primary key)."""
    tables = {t.name: t for t in book.resource("database").tables}
    lines = []
    for column in table.columns:
        line = f"{_quote(column.name)} {_SQL_TYPES[column.type]}"
        if column.required or column.type == "list" or column.key:
            line += " NOT NULL"
        check = _check(book, column)
        if check:
            line += f" CHECK ({check})"
        lines.append(line)
    lines.append(f"PRIMARY KEY ({', '.join(_quote(name) for name in table.key)})")
    for column in table.columns:
        if column.references:
            target = tables[column.references]
            lines.append(f"FOREIGN KEY ({_quote(column.name)}) REFERENCES "
                         f"{_quote(target.name)} ({_quote(target.key[0])})")
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"]
    for column in table.columns:
        if column.references and column.name != table.key[0]:
            statements.append(f"CREATE INDEX {_quote(f'{table.name}_{column.name}')} ON "
                              f"{_quote(table.name)} ({_quote(column.name)})")
    return statements


def _check(book: Codebook, column: Column) -> str:
    """The column's CHECK: one of its values (a NULL passes, as with IN). Written as
    comparisons joined by OR, not as IN: SQLite builds an IN list's lookup table again for
    every row inserted (measured: the figures table at 10,000 articles took 1.3 s to fill
    instead of 0.3 s)."""
    if column.type == "boolean":
        values = ["0", "1"]
    elif column.vocabulary and not column.references:
        values = [_literal(v) for v in book.vocabulary(column.vocabulary).values]
    else:
        return ""
    name = _quote(column.name)
    return " OR ".join(f"{name} = {value}" for value in values)


class _Rows:
    """The rows of every table as tuples in the codebook's column order, with the citations
    numbered as they come. Columns are named where rows are added (by keyword with ``add``,
    or once before a loop with ``adder``, its values then in the order of those names), so
    that they cannot drift from the codebook; a missing or unknown name is a mistake in this
    module and raises."""

    def __init__(self, knowledge: KnowledgeBase, book: Codebook, event_ids: list[str]):
        self.knowledge = knowledge
        self.book = book
        self.event_ids = event_ids
        self.tables: dict[str, list[tuple]] = {}
        self._shapes: dict[str, tuple[int, list[int], list[int]]] = {}
        self._names: dict[str, list[str]] = {}
        for table in book.resource("database").tables:
            names = [column.name for column in table.columns]
            self.tables[table.name] = []
            self._names[table.name] = names
            self._shapes[table.name] = (
                len(names),
                [i for i, column in enumerate(table.columns) if column.type == "list"],
                [i for i, column in enumerate(table.columns) if column.type == "boolean"])
        self._add_citation = self.adder("citations", "id", "article", "paragraph", "anchor",
                                        "quote", "claim_table", "claim_id")

    def add(self, table: str, **row) -> None:
        self.adder(table, *row)(*row.values())

    def adder(self, table: str, *names: str) -> Callable[..., None]:
        """A function that adds a row to ``table`` from its values given in the order of
        ``names`` (checked against the codebook here, once, rather than row by row)."""
        width, lists, flags = self._shapes[table]
        if len(names) != width or set(names) != set(self._names[table]):
            raise ValueError(f"{table}: a row with {sorted(names)}")
        order = [names.index(name) for name in self._names[table]]
        reorder = itemgetter(*order) if width > 1 else lambda values: tuple(values)
        append = self.tables[table].append
        if not (lists or flags):
            return lambda *values: append(reorder(values))

        def add(*values) -> None:
            ordered = list(reorder(values))
            for index in lists:
                ordered[index] = _json_list(ordered[index])
            for index in flags:
                ordered[index] = 1 if ordered[index] else 0
            append(tuple(ordered))
        return add

    def cite(self, citation: Citation, claim_table: str, claim_id) -> int:
        number = len(self.tables["citations"]) + 1
        self._add_citation(number, citation.article, citation.paragraph,
                           f"p-{citation.paragraph}", citation.quote, claim_table, str(claim_id))
        return number


def _json_list(items) -> str:
    return json.dumps(list(items), ensure_ascii=False, separators=(",", ":")) if items else "[]"


def _country_codes(knowledge: KnowledgeBase) -> list[str]:
    """Every country any row names: those with a page, and any an assessment alone names."""
    countries = knowledge.registry.countries
    codes = dict.fromkeys(knowledge.countries_with_pages())
    extra = {ref for a in knowledge.assessments for ref in a.actors
             if ref in countries and ref not in codes}
    return [*codes, *sorted(extra, key=lambda code: countries[code].slug)]


def _registry_rows(rows: _Rows) -> None:
    knowledge = rows.knowledge
    registry = knowledge.registry
    alpha3 = alpha3_codes(registry)
    codes = _country_codes(knowledge)
    for code in codes:
        country = registry.countries[code]
        rows.add("actors", id=code, kind="country", name=country.name, alpha3=alpha3[code],
                 wikidata=country.wikidata or None, page=f"countries/{country.slug}/")
    for organisation in registry.organisations.values():
        rows.add("actors", id=organisation.id, kind="organisation", name=organisation.name,
                 alpha3=None, wikidata=organisation.wikidata or None,
                 page=f"organisations/{organisation.slug}/")
    for code in codes:
        country = registry.countries[code]
        rows.add("countries", code=code, alpha3=alpha3[code], name=country.name,
                 aliases=list(country.other_names), demonyms=list(country.demonyms),
                 capital=country.capital or None, wikidata=country.wikidata or None)
    for region in registry.regions.values():
        rows.add("regions", id=region.id, name=region.name,
                 description=region.description or None)
    for code in codes:
        for region in registry.countries[code].groups:
            rows.add("country_regions", country=code, region=region)
    for organisation in registry.organisations.values():
        rows.add("organisations", id=organisation.id, name=organisation.name,
                 short=organisation.short or None, aliases=list(organisation.aliases),
                 kind=organisation.kind_label or None,
                 founded=organisation.founded.iso if organisation.founded else None,
                 wikidata=organisation.wikidata or None,
                 description=organisation.description or None)
        roles = dict.fromkeys(organisation.members, "member")
        for code in organisation.observers:
            roles.setdefault(code, "observer")
        for code, role in roles.items():
            rows.add("memberships", organisation=organisation.id, country=code, role=role)
    for person in registry.people.values():
        rows.add("people", id=person.id, name=person.name, role=person.role or None,
                 country=person.country or None, aliases=list(person.aliases),
                 wikidata=person.wikidata or None, page=f"people/{person.slug}/")
    for topic in registry.topics.values():
        rows.add("topics", id=topic.id, name=topic.name, aliases=list(topic.aliases),
                 description=topic.description or None, page=f"topics/{topic.slug}/")
    for status in registry.statuses.values():
        rows.add("statuses", id=status.id, name=status.name, score=status.score,
                 stance=status.stance, description=status.description or None)
    kinds = rows.book.vocabulary("event-kind")
    for term in kinds.terms:
        mode, code, name, tone = term.details
        rows.add("event_kinds", id=term.value, mode=mode, cameo_code=code or None,
                 cameo_name=name or None, default_tone=tone, meaning=term.meaning)
    for term in rows.book.vocabulary("event-class").terms:
        rows.add("event_classes", id=term.value, meaning=term.meaning)


def _article_rows(rows: _Rows) -> None:
    for article in rows.knowledge.articles.values():
        rows.add("articles", slug=article.slug, title=article.title, date=article.date.iso,
                 date_precision=article.date.precision, publication=article.publication,
                 summary=article.summary, url=article.url or None, authors=list(article.authors),
                 page=f"articles/{article.slug}/")
        for number, source in enumerate(article.sources, start=1):
            rows.add("article_sources", article=article.slug, position=number,
                     name=str(source.get("name", "")), url=source.get("url") or None)
        for topic in dict.fromkeys(article.topics):
            rows.add("article_topics", article=article.slug, topic=topic)


def _claim_rows(rows: _Rows) -> None:
    # Hundreds of thousands of rows: each table's adder is made once (see _Rows.adder).
    knowledge = rows.knowledge
    cite = rows.cite
    add_mention = rows.adder("mentions", "id", "kind", "country", "organisation", "person",
                             "topic", "citation")
    for number, mention in enumerate(knowledge.mentions, start=1):
        refs = [(mention.ref if mention.kind == kind else None)
                for kind in ("country", "organisation", "person", "topic")]
        add_mention(number, mention.kind, *refs, cite(mention.citation, "mentions", number))
    statement = 0
    add_statement = rows.adder("relation_statements", "id", "relation", "label", "quoted",
                               "stance", "status", "as_of", "as_of_precision", "said_on",
                               "sectors", "citation")
    add_framework = rows.adder("statement_frameworks", "statement", "organisation")
    for relation in knowledge.relations.values():
        current, since = relation.current, relation.since
        rows.add("relations", slug=relation.slug, actor_1=relation.pair[0],
                 actor_2=relation.pair[1], stance=relation.stance,
                 status=current.status if current else None,
                 status_since=since.holds_from.iso if since else None,
                 page=f"relations/{relation.slug}/")
        for claim in relation.claims:
            statement += 1
            add_statement(statement, relation.slug, claim.label, claim.quoted, claim.stance,
                          claim.status or None, claim.holds_from.iso,
                          claim.holds_from.precision, claim.date.iso, list(claim.sectors),
                          cite(claim.citation, "relation_statements", statement))
            for organisation in dict.fromkeys(claim.frameworks):
                add_framework(statement, organisation)
    _event_rows(rows)
    _figure_rows(rows)
    add_quote = rows.adder("quotes", "id", "text", "speaker", "person", "citation")
    add_quote_actor = rows.adder("quote_actors", "quote", "actor")
    for number, quote in enumerate(knowledge.quotes, start=1):
        add_quote(number, quote.text, quote.speaker, quote.person or None,
                  cite(quote.citation, "quotes", number))
        for ref in dict.fromkeys(quote.actors):
            add_quote_actor(number, ref)
    for number, assessment in enumerate(knowledge.assessments, start=1):
        actors = assessment.actors
        rows.add("assessments", id=number, actor_1=actors[0],
                 actor_2=actors[1] if len(actors) > 1 else None, period=assessment.period.key,
                 trend=assessment.trend, reason=assessment.reason,
                 citation=cite(assessment.citation, "assessments", number))


def _event_rows(rows: _Rows) -> None:
    add_event = rows.adder("events", "id", "editor_id", "date", "date_precision", "kind",
                           "class", "tone", "title", "expected", "source_actor",
                           "target_actor", "place", "place_country", "status_from",
                           "status_to", "differing_dates", "citation")
    add_party = rows.adder("event_parties", "event", "actor", "role", "position")
    add_person = rows.adder("event_people", "event", "person")
    for ident, event in zip(rows.event_ids, rows.knowledge.events, strict=True):
        citations = [rows.cite(citation, "events", ident) for citation in event.sources]
        old, new = event.status_change or (None, None)
        add_event(ident, event.id or None, event.date.iso, event.date.precision, event.kind,
                  event.event_class, event.tone, event.title, event.expected,
                  event.source or None, event.target or None, event.place or None,
                  event.place_country or None, old, new,
                  [date.iso for date, _ in event.differing], citations[0])
        parties = dict.fromkeys(event.actors, "actor")
        for ref in event.affected:
            parties.setdefault(ref, "affected")
        for position, (ref, role) in enumerate(parties.items(), start=1):
            add_party(ident, ref, role, position)
        for person in dict.fromkeys(event.people):
            add_person(ident, person)


def _figure_rows(rows: _Rows) -> None:
    add_figure = rows.adder("figures", "id", "metric", "value", "unit", "bound", "period",
                            "period_precision", "type", "source_type", "older", "citation")
    add_actor = rows.adder("figure_actors", "figure", "actor", "position")
    add_topic = rows.adder("figure_topics", "figure", "topic")
    for number, figure in enumerate(rows.knowledge.figures, start=1):
        period = figure.period
        add_figure(number, figure.metric, figure.value, figure.unit, figure.bound,
                   period.iso if period else None, period.precision if period else None,
                   figure.type, figure.source_type or None, figure.older,
                   rows.cite(figure.citation, "figures", number))
        for position, ref in enumerate(dict.fromkeys(figure.actors), start=1):
            add_actor(number, ref, position)
        for topic in dict.fromkeys(figure.topics):
            add_topic(number, topic)


def table_rows(knowledge: KnowledgeBase, book: Codebook, event_ids: list[str]
               ) -> dict[str, list[tuple]]:
    """Every table's rows as tuples in the codebook's column order."""
    rows = _Rows(knowledge, book, event_ids)
    _registry_rows(rows)
    _article_rows(rows)
    _claim_rows(rows)
    return rows.tables


def write_database(knowledge: KnowledgeBase, book: Codebook, event_ids: list[str],
                   path: Path) -> None:
    """The SQLite file, written at ``path`` (replacing whatever is there)."""
    tables = book.resource("database").tables
    rows = table_rows(knowledge, book, event_ids)
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # Nothing to recover from: a failed build throws the file away.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
        connection.execute("BEGIN")
        indexes = []
        for table in tables:
            create, *more = create_statements(book, table)
            connection.execute(create)
            indexes += more  # made once the rows are in: faster than kept up row by row
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
                                   rows[table.name])
        for statement in indexes:
            connection.execute(statement)
        connection.execute("COMMIT")
    finally:
        connection.close()
