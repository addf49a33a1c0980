"""The /data/ section: every data file, the schemas beside them, the data package, and the two
pages that explain them (the downloads and the codebook).

All of it depends on the knowledge base and nothing else, so it shares one inputs key: the
code, templates and entities, every article's digest, and the owner's data settings. While
that key is unchanged, none of it is built again (the SQLite file is the costliest part).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..content.dates import parse_date
from ..engine.cores import JobsAside, usable_cores
from ..engine.incremental import digest
from ..engine.rendered_files import RenderedFiles
from ..knowledge.knowledge import KnowledgeBase
from .codebook import Codebook, Column, Vocabulary, codebook
from .database import write_database
from .dataschemas import (
    content_hash,
    data_package,
    datasette_metadata,
    schema_of,
    version,
)
from .datasettings import DataSettings
from .downloads import event_ids, events_file, knowledge_files
from .page_plan import Page

FOLDER = "data"
DATABASE = "briefings.db"
DATASETTE_METADATA = "datasette-metadata.json"
PACKAGE = "datapackage.json"
ASIDE_FROM = 200  # articles: below that, starting a process costs more than it saves
PAGES = {"index.md": "data.md.j2", "codebook.md": "codebook.md.j2"}


@dataclass
class Release:
    """One version of the data: the size of each of its files (by name inside /data/; the
    files themselves wait on disk to be put in place) and what the pages say."""

    sizes: dict[str, int]
    book: Codebook
    settings: DataSettings
    newest: str  # the date of the newest article, as precise as it is given
    digest: str  # SHA-256 over every file but datapackage.json
    meanwhile: list = field(default_factory=list)  # the results of the jobs run meanwhile

    @property
    def version(self) -> str:
        return version(self.newest, self.digest)


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _written(files: RenderedFiles,
             made: Iterable[tuple[str, Iterable[bytes]]]) -> dict[str, tuple[int, str]]:
    """Write each file of ``made`` (its name inside /data/ and its bytes in pieces) into
    ``files``, in whichever process made it (only this summary crosses back, not the
    files); each one's size and SHA-256."""
    summary = {}
    for name, pieces in made:
        hashed, size = hashlib.sha256(), 0
        with files.open(f"{FOLDER}/{name}") as stream:
            for piece in pieces:
                stream.write(piece)
                hashed.update(piece)
                size += len(piece)
        summary[name] = (size, hashed.hexdigest())
    return summary


def _database(files: RenderedFiles, knowledge: KnowledgeBase, book: Codebook,
              ids: list[str]) -> dict[str, tuple[int, str]]:
    """The SQLite file, made where it waits to be put in place; its size and SHA-256."""
    path = files.path(f"{FOLDER}/{DATABASE}")
    write_database(knowledge, book, ids, path)
    hashed = hashlib.sha256()
    with open(path, "rb") as stream:
        while piece := stream.read(1 << 20):
            hashed.update(piece)
    return {DATABASE: (path.stat().st_size, hashed.hexdigest())}


class ReleaseUnderway:
    """A release being made on the other cores while the caller goes on (planning the pages,
    in a build), in three jobs: knowledge.json with the CSV tables, the database, and
    events.jsonl. With three or more cores the database has a core of its own; with two,
    all three run one after another on the one other core, and ``result()`` makes here
    those it has not started yet (events.jsonl, usually) while it finishes the one it is
    on. Small sites, or machines with one core, make it all here. The files go into
    ``files``, under /data/.

    ``meanwhile``: other jobs for the other core, short ones, run after the files (so that
    this one, claiming jobs from the back, takes them over first and leaves the other core
    the longer), their results in ``Release.meanwhile``."""

    def __init__(self, knowledge: KnowledgeBase, settings: DataSettings, files: RenderedFiles,
                 meanwhile: Sequence[Callable[[], object]] = ()):
        self.knowledge, self.settings, self.files = knowledge, settings, files
        self.book = book = codebook(knowledge.registry)
        # Worked out once, here, rather than in each process (the pages need them too).
        knowledge.countries_with_pages()
        worth_it = len(knowledge.articles) >= ASIDE_FROM

        # The events' ids are worked out where the files are made, once in each process
        # that makes any (the pages need none).
        @functools.cache
        def ids() -> list[str]:
            return event_ids(knowledge.events)

        def knowledge_texts() -> dict[str, tuple[int, str]]:
            return _written(files, knowledge_files(knowledge, book, ids()))

        def database() -> dict[str, tuple[int, str]]:
            return _database(files, knowledge, book, ids())

        def event_texts() -> dict[str, tuple[int, str]]:
            return _written(files, events_file(knowledge, ids()))

        self.meanwhile = len(meanwhile)
        if usable_cores() >= 3:
            self.jobs = [JobsAside([knowledge_texts, event_texts, *meanwhile],
                                   worth_it=worth_it),
                         JobsAside([database], worth_it=worth_it)]
        else:
            # Two processes for two cores: a third would take turns with this one, which
            # plans and renders the pages meanwhile (measured: +1 article at 10,000, ~1 s).
            # The longest jobs first: what this one may take over at the end is the shortest.
            self.jobs = [JobsAside([knowledge_texts, database, event_texts, *meanwhile],
                                   worth_it=worth_it)]

    def result(self) -> Release:
        try:
            results = [job.results() for job in self.jobs]
        finally:
            self.stop()
        # The first process's last jobs are those run meanwhile; every other result is a
        # summary of files written.
        first, *others = results
        cut = len(first) - self.meanwhile
        meanwhile = first[cut:]
        written = [*first[:cut], *(result for job in others for result in job)]
        summary = {name: made for files in written for name, made in files.items()}
        book, settings, knowledge = self.book, self.settings, self.knowledge
        described = {resource.schema_path: _json(schema_of(book, resource))
                     for resource in book.resources if resource.schema_path}
        described[DATASETTE_METADATA] = _json(datasette_metadata(book, settings,
                                                                 DATABASE.rsplit(".", 1)[0]))
        summary.update(_written(self.files, ((name, [data]) for name, data in described.items())))
        newest = next(iter(knowledge.articles.values())).date.iso if knowledge.articles else ""
        sizes = {name: size for name, (size, _) in summary.items()}
        hashes = {name: sha for name, (_, sha) in summary.items()}
        whole = content_hash(hashes)
        package = _json(data_package(book, sizes, hashes, settings, newest, whole))
        summary.update(_written(self.files, [(PACKAGE, [package])]))
        sizes[PACKAGE] = len(package)
        for name in summary:
            self.files.add(f"{FOLDER}/{name}")
        return Release(sizes, book, settings, newest, whole, meanwhile)

    def stop(self) -> None:
        """End whatever still runs (the caller failed and no longer needs it)."""
        for job in self.jobs:
            job.stop()


def make_release(knowledge: KnowledgeBase, settings: DataSettings,
                 files: RenderedFiles) -> Release:
    return ReleaseUnderway(knowledge, settings, files).result()


def data_key(environment: str, settings: DataSettings, source_keys: dict[str, str]) -> str:
    """The inputs key every file and page of /data/ shares."""
    return digest(b"data", environment.encode(), settings.key,
                  *(f"{slug}:{key}".encode() for slug, key in sorted(source_keys.items())))


_TYPE_LABELS = {"text": "text", "integer": "integer", "number": "number", "boolean": "yes/no",
                "date": "date", "list": "list", "object": "object", "records": "list of objects"}


@dataclass(frozen=True)
class FieldRow:
    """One line of the codebook's table for a file: a column, or a field inside a JSON file
    named by its path (``events[].source.article``)."""

    name: str
    type: str
    required: bool
    description: str
    vocabulary: Vocabulary | None
    rule: str  # the range or the pattern its values follow
    references: str  # the database table its values are the keys of


def field_rows(book: Codebook, columns: tuple[Column, ...], prefix: str = "") -> list[FieldRow]:
    """The codebook's lines for these columns, with the fields inside each object after it."""
    found = []
    for column in columns:
        name = prefix + column.name
        rule = ""
        if column.minimum is not None or column.maximum is not None:
            low = "" if column.minimum is None else f"{column.minimum:g}"
            high = "" if column.maximum is None else f"{column.maximum:g}"
            rule = f"{low} … {high}".replace("-", "−").strip()
        elif column.pattern and column.type != "date":  # a date's type says its form
            rule = column.pattern
        found.append(FieldRow(name, _TYPE_LABELS[column.type], column.required,
                              column.description,
                              book.vocabulary(column.vocabulary) if column.vocabulary else None,
                              rule, column.references))
        if column.fields:
            inner = f"{name}[]." if column.type == "records" else f"{name}."
            found += field_rows(book, column.fields, inner)
    return found


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MB"
    return f"{max(1, round(count / 1024))} KB"


def pages(knowledge: KnowledgeBase, release: Release) -> list[Page]:
    counts = {"articles": len(knowledge.articles),
              "countries": len(knowledge.countries_with_pages()),
              "relations": len(knowledge.relations), "events": len(knowledge.events),
              "figures": len(knowledge.figures), "quotes": len(knowledge.quotes)}
    sizes = {name: _size(size) for name, size in release.sizes.items()}
    context = {"book": release.book, "licence": release.settings.licence,
               "version": release.version, "newest": release.newest,
               "newest_label": parse_date(release.newest).label if release.newest else "",
               "digest": release.digest, "counts": counts, "sizes": sizes,
               "database": DATABASE, "datasette_metadata": DATASETTE_METADATA,
               "package": PACKAGE,
               "fields": {r.name: field_rows(release.book, r.columns)
                          for r in release.book.resources},
               "tables": {t.name: field_rows(release.book, t.columns)
                          for t in release.book.resource("database").tables}}
    return [Page(f"{FOLDER}/index.md", PAGES["index.md"], {"title": "Data", **context}),
            Page(f"{FOLDER}/codebook.md", PAGES["codebook.md"],
                 {"title": "Codebook", **context})]
