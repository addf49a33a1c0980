"""The data downloads under /data/: every file valid against its published schema, the
database queryable and joined by foreign keys, the data package naming every file with its
licence and version, the codebook documenting every column and value, and the same bytes on
every build."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from frictionless import Package
from jsonschema import Draft202012Validator

from generator.build import check, load_project
from generator.build import generate as build_generate
from generator.content.evidence import normalise
from generator.engine.rendered_files import RenderedFiles
from generator.site import opendata
from generator.site.codebook import codebook
from generator.site.datasettings import DataSettings, known_licence

from .conftest import copy_project, dedent, write_small_project

DATA = ("build", "docs", "data")


def generate(project: Path) -> Path:
    from generator.cli import main

    assert main(["--project", str(project), "--quiet", "generate"]) == 0
    return project.joinpath(*DATA)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, Path]:
    """The sample project generated once: (project, its data folder)."""
    project = copy_project(tmp_path_factory.mktemp("open-data") / "project", with_content=True)
    return project, generate(project)


@pytest.fixture(scope="module")
def knowledge(sample):
    found, problems = check(load_project(sample[0]))
    assert not problems
    return found


@pytest.fixture(scope="module")
def database(sample):
    connection = sqlite3.connect(f"file:{sample[1] / 'briefings.db'}?mode=ro", uri=True)
    yield connection
    connection.close()


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


# -- the files against their schemas ------------------------------------------------------------

def test_the_data_package_validates_with_frictionless(sample):
    """Frictionless checks every CSV file against its Table Schema and every file against the
    size and SHA-256 the package gives."""
    report = Package(str(sample[1] / "datapackage.json")).validate()
    assert report.valid, [(task.name, error.message) for task in report.tasks
                          for error in task.errors]
    assert {task.name for task in report.tasks} == {
        "knowledge", "events", "events-table", "relations", "figures", "database"}


def test_frictionless_finds_a_value_the_table_schema_forbids(sample, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(sample[1], copy)
    events = (copy / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(events)))
    kind = rows[0].index("kind")
    rows[1][kind] = "picnic"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (copy / "events.csv").write_text(buffer.getvalue(), encoding="utf-8")
    package = read_json(copy / "datapackage.json")
    for resource in package["resources"]:  # so that only the schema can object
        resource.pop("hash"), resource.pop("bytes")
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = Package(str(copy / "datapackage.json")).validate()
    errors = [(task.name, error.type, getattr(error, "field_name", None))
              for task in report.tasks for error in task.errors]
    assert errors == [("events-table", "constraint-error", "kind")]


def test_frictionless_finds_a_file_changed_after_publishing(sample, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(sample[1], copy)
    database = bytearray((copy / "briefings.db").read_bytes())
    database[-1] ^= 1
    (copy / "briefings.db").write_bytes(bytes(database))
    report = Package(str(copy / "datapackage.json")).validate()
    errors = [(task.name, error.type) for task in report.tasks for error in task.errors]
    assert errors == [("database", "hash-count")]


def test_json_files_follow_their_json_schemas(sample):
    data = sample[1]
    schema = read_json(data / "knowledge.schema.json")
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(read_json(data / "knowledge.json")))
    assert not errors, [(e.json_path, e.message) for e in errors[:5]]
    schema = read_json(data / "events.schema.json")
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    lines = (data / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 50
    for line in lines:
        errors = list(validator.iter_errors(json.loads(line)))
        assert not errors, [(e.json_path, e.message) for e in errors[:5]]


def test_the_json_schemas_reject_what_the_codebook_forbids(sample):
    data = sample[1]
    validator = Draft202012Validator(read_json(data / "events.schema.json"))
    event = json.loads((data / "events.jsonl").read_text(encoding="utf-8").splitlines()[0])
    for change in ({"tone": 11}, {"kind": "picnic"}, {"date": "2025-5-1"},
                   {"precision": "week"}, {"actors": []}, {"unknown": 1}):
        assert not validator.is_valid({**event, **change}), change
    assert validator.is_valid({**event, "source_actor": None})


def test_csv_headers_are_the_codebook_columns(sample, knowledge):
    data = sample[1]
    for resource in codebook(knowledge.registry).resources:
        if resource.format != "csv":
            continue
        header = next(csv.reader(io.StringIO((data / resource.path).read_text("utf-8"))))
        assert header == [column.name for column in resource.columns]
        schema = read_json(data / resource.schema_path)
        assert [field["name"] for field in schema["fields"]] == header


# -- the data package ---------------------------------------------------------------------------

def test_the_package_names_every_file_its_licence_and_version(sample, knowledge):
    data = sample[1]
    package = read_json(data / "datapackage.json")
    named = {resource["path"] for resource in package["resources"]}
    schemas = {resource.get("schema") or resource.get("jsonSchema")
               for resource in package["resources"]} - {None}
    written = {path.name for path in data.iterdir()} - {"index.md", "codebook.md"}
    assert written == named | schemas | {"datapackage.json", "datasette-metadata.json"}
    assert package["licenses"] == [{
        "name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/"}]
    newest = max(article.date for article in knowledge.articles.values()).iso
    assert package["newest_source"] == newest
    # The hash is of the files as published, so anyone can recompute it.
    listing = "".join(f"{name}\0{hashlib.sha256((data / name).read_bytes()).hexdigest()}\n"
                      for name in sorted(written - {"datapackage.json"}))
    digest = hashlib.sha256(listing.encode()).hexdigest()
    assert package["content_hash"] == f"sha256:{digest}"
    assert package["version"] == f"{newest}+{digest[:12]}"
    assert package["homepage"] == "https://briefings.example.org/data/"


def test_the_data_page_gives_the_licence_the_version_and_the_datasette_line(sample):
    page = (sample[1] / "index.md").read_text(encoding="utf-8")
    package = read_json(sample[1] / "datapackage.json")
    assert package["version"] in page
    assert "(https://creativecommons.org/licenses/by/4.0/)" in page
    assert "datasette briefings.db --metadata datasette-metadata.json" in page
    for resource in package["resources"]:
        assert f"]({resource['path']})" in page
    # The example query the page gives runs on the database.
    query = page.split("```sql\n", 1)[1].split("```", 1)[0]
    connection = sqlite3.connect(f"file:{sample[1] / 'briefings.db'}?mode=ro", uri=True)
    rows = connection.execute(query).fetchall()
    connection.close()
    assert len(rows) == len(read_json(sample[1] / "knowledge.json")["events"])


# -- the database -------------------------------------------------------------------------------

def test_database_counts_match_the_knowledge_base(database, knowledge):
    def count(table: str) -> int:
        return database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    claims = [claim for relation in knowledge.relations.values() for claim in relation.claims]
    assert count("articles") == len(knowledge.articles)
    assert count("relations") == len(knowledge.relations)
    assert count("relation_statements") == len(claims)
    assert count("events") == len(knowledge.events)
    assert count("figures") == len(knowledge.figures)
    assert count("quotes") == len(knowledge.quotes)
    assert count("assessments") == len(knowledge.assessments)
    assert count("mentions") == len(knowledge.mentions)
    assert count("countries") == len(knowledge.countries_with_pages())
    assert count("organisations") == len(knowledge.registry.organisations)
    assert count("statuses") == len(knowledge.registry.statuses)
    sources = sum(len(event.sources) for event in knowledge.events)
    assert count("citations") == (len(claims) + sources + len(knowledge.figures)
                                  + len(knowledge.quotes) + len(knowledge.assessments)
                                  + len(knowledge.mentions))
    merged = [event for event in knowledge.events if len(event.sources) > 1]
    assert merged, "the sample has an event told by two articles"
    assert count("events WHERE date_precision != 'day'") == sum(
        1 for event in knowledge.events if event.date.precision != "day")


def test_database_foreign_keys_hold(database):
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    declared = {row[2] for table in ("events", "event_parties", "citations", "figures",
                                      "relation_statements", "quotes", "assessments")
                for row in database.execute(f"PRAGMA foreign_key_list({table})")}
    assert {"articles", "actors", "citations", "events", "relations", "statuses",
            "event_kinds", "event_classes"} <= declared
    # Every claim has its citation, and every citation points back at its claim.
    for table in ("relation_statements", "events", "figures", "quotes", "assessments",
                  "mentions"):
        orphans = database.execute(
            f"SELECT count(*) FROM {table} c LEFT JOIN citations ON citations.id = c.citation "
            f"WHERE citations.claim_table != '{table}' OR citations.claim_id != CAST(c.id AS "
            "TEXT)").fetchone()[0]
        assert orphans == 0, table


def test_database_refuses_a_value_outside_its_vocabulary(database):
    """Each vocabulary column and yes/no column takes its values only; NULL stays allowed
    where the column may be empty."""
    copy = sqlite3.connect(":memory:")
    database.backup(copy)
    row = copy.execute("SELECT * FROM figures LIMIT 1").fetchone()
    names = [column[1] for column in copy.execute("PRAGMA table_info(figures)")]

    def insert(**changes) -> None:
        values = dict(zip(names, row, strict=True), id=10**9, **changes)
        copy.execute(f"INSERT INTO figures VALUES ({', '.join('?' for _ in names)})",
                     list(values.values()))

    try:
        for changes in ({"bound": "roughly"}, {"type": "Actual"}, {"older": 2},
                        {"period_precision": "week"}, {"source_type": ""}):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                insert(**changes)
        insert(bound="at most", type="forecast", older=1, period_precision=None,
               source_type=None)
    finally:
        copy.close()


def test_a_citation_joins_to_its_article_and_paragraph(database, knowledge):
    rows = database.execute(
        "SELECT articles.slug, articles.title, citations.paragraph, citations.anchor, "
        "citations.quote FROM citations JOIN articles ON articles.slug = citations.article"
    ).fetchall()
    assert len(rows) == database.execute("SELECT count(*) FROM citations").fetchone()[0]
    for slug, title, paragraph, anchor, quote in rows:
        article = knowledge.articles[slug]
        assert title == article.title and anchor == f"p-{paragraph}"
        text = next(block.text for block in article.paragraphs if block.number == paragraph)
        assert normalise(quote) in normalise(text)
    # The statement that Kazakhstan and Türkiye are strategic partners, with its evidence.
    found = database.execute(
        "SELECT statuses.name, articles.title, citations.anchor, citations.quote "
        "FROM relation_statements s JOIN relations ON relations.slug = s.relation "
        "JOIN statuses ON statuses.id = s.status JOIN citations ON citations.id = s.citation "
        "JOIN articles ON articles.slug = citations.article "
        "WHERE relations.slug = 'kazakhstan-turkiye'").fetchall()
    assert found and all(anchor.startswith("p-") and quote for _, _, anchor, quote in found)


def test_database_tables_are_the_codebook_tables(database, knowledge):
    tables = codebook(knowledge.registry).resource("database").tables
    names = [row[0] for row in database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert names == [table.name for table in tables]
    for table in tables:
        columns = [row[1] for row in database.execute(f"PRAGMA table_info({table.name})")]
        assert columns == [column.name for column in table.columns]
        for column in table.columns:  # a missing value is NULL, never an empty text
            if column.type in ("text", "date") and not column.required:
                empty = database.execute(f'SELECT count(*) FROM {table.name} '
                                         f'WHERE "{column.name}" = \'\'').fetchone()[0]
                assert empty == 0, f"{table.name}.{column.name}"


def test_database_opens_in_datasette(sample, database):
    from datasette.app import Datasette

    async def fetch():
        datasette = Datasette([str(sample[1] / "briefings.db")],
                              metadata=read_json(sample[1] / "datasette-metadata.json"))
        await datasette.invoke_startup()
        events = await datasette.client.get("/briefings/events.json?_shape=array&_size=max"
                                            "&_labels=on")
        table = await datasette.client.get("/briefings/citations")
        return events, table

    # In a thread of its own: Playwright's browser tests leave an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        events, table = pool.submit(asyncio.run, fetch()).result()
    assert events.status_code == 200 and table.status_code == 200
    rows = events.json()
    assert len(rows) == database.execute("SELECT count(*) FROM events").fetchone()[0]
    labelled = next(row for row in rows if row["source_actor"])
    assert set(labelled["source_actor"]) == {"value", "label"}  # a foreign key, with its name
    assert "the exact words it rests on" in table.text  # the codebook's column description


def test_events_carry_iso_alpha3_and_wikidata_beside_the_site_ids(sample, database):
    lines = [json.loads(line) for line in
             (sample[1] / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    kazakhstan = [actor for line in lines for actor in line["actors"] if actor["id"] == "KZ"]
    assert kazakhstan and all(actor == {"id": "KZ", "kind": "country", "name": "Kazakhstan",
                                        "alpha3": "KAZ", "wikidata": "Q232"}
                              for actor in kazakhstan)
    organisations = [actor for line in lines for actor in line["actors"]
                     if actor["kind"] == "organisation"]
    assert organisations and all(actor["alpha3"] is None for actor in organisations)
    for line in lines:
        for source in line["sources"]:
            assert source["page"] == f"articles/{source['article']}/#{source['anchor']}"
    ids = [line["event_id"] for line in lines]
    assert len(set(ids)) == len(ids)
    assert ids == [row[0] for row in database.execute("SELECT id FROM events ORDER BY rowid")]
    assert database.execute("SELECT alpha3, wikidata FROM actors WHERE id = 'KZ'"
                            ).fetchone() == ("KAZ", "Q232")


# -- the codebook -------------------------------------------------------------------------------

def test_the_codebook_page_documents_every_column_and_value(sample, knowledge):
    page = (sample[1] / "codebook.md").read_text(encoding="utf-8")
    book = codebook(knowledge.registry)

    def shown(text: str) -> str:  # as the page escapes it
        return text.replace("[", "&#91;").replace("]", "&#93;").replace("_", "&#95;")

    for resource in book.resources:
        assert f'id="file-{resource.name}"' in page
        for row in opendata.field_rows(book, resource.columns):
            assert f"<code>{shown(row.name)}</code>" in page, row.name
        for table in resource.tables:
            assert f'id="table-{table.name.replace("_", "-")}"' in page
    for vocabulary in book.vocabularies:
        assert f'id="values-{vocabulary.name}"' in page
        for value in vocabulary.values:
            assert f"<code>{shown(value)}</code>" in page, value
    assert "strategic&#45;partnership" in page or "<code>strategic-partnership</code>" in page
    assert "Goldstein" in page and "057" in page  # agreement: CAMEO 057, tone +8


# -- determinism and the incremental build ------------------------------------------------------

def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_two_generates_give_the_same_data_bytes(sample, tmp_path):
    again = copy_project(tmp_path / "again", with_content=True)
    assert files_of(generate(again)) == files_of(sample[1])


@pytest.mark.parametrize("cores", [2, 3], ids=["one process aside", "two processes aside"])
def test_the_database_is_the_same_built_aside_or_here(sample, knowledge, monkeypatch,
                                                       tmp_path, cores):
    settings = DataSettings(known_licence("CC-BY-4.0"))
    monkeypatch.setattr(opendata, "ASIDE_FROM", 0)
    monkeypatch.setenv("BRIEFINGS_WORKERS", str(cores))
    aside = RenderedFiles(tmp_path / "aside")
    underway = opendata.ReleaseUnderway(knowledge, settings, aside)
    # Two cores: the files on the other one; three or more: text files and database apart.
    assert [job.process is not None for job in underway.jobs] == [True] * (cores - 1)
    made_aside = underway.result()
    monkeypatch.setattr(opendata, "ASIDE_FROM", 10**9)
    here = RenderedFiles(tmp_path / "here")
    made_here = opendata.make_release(knowledge, settings, here)
    assert dict(aside) == dict(here) and made_aside.sizes == made_here.sizes
    assert aside["data/briefings.db"] == (sample[1] / "briefings.db").read_bytes()
    assert made_aside.sizes["briefings.db"] == len(aside["data/briefings.db"])


@pytest.mark.parametrize("cores", [1, 2, 3])
def test_jobs_given_to_run_meanwhile_give_their_results_and_change_no_file(
        sample, knowledge, monkeypatch, tmp_path, cores):
    """generate saves the article cache on the core that makes the data downloads: the jobs
    run meanwhile come back in their order, and the release is what it is without them."""
    settings = DataSettings(known_licence("CC-BY-4.0"))
    monkeypatch.setattr(opendata, "ASIDE_FROM", 0)
    monkeypatch.setenv("BRIEFINGS_WORKERS", str(cores))
    aside = RenderedFiles(tmp_path / "aside")
    made = opendata.ReleaseUnderway(knowledge, settings, aside,
                                    [lambda: ("first", 1), lambda: ("second", 2)]).result()
    assert made.meanwhile == [("first", 1), ("second", 2)]
    here = RenderedFiles(tmp_path / "here")
    alone = opendata.ReleaseUnderway(knowledge, settings, here).result()
    assert alone.meanwhile == [] and dict(aside) == dict(here) and made.sizes == alone.sizes
    assert made.version == alone.version


def test_data_is_built_again_only_when_its_inputs_change(tmp_path, monkeypatch):
    project = write_small_project(tmp_path / "site")
    data = generate(project)
    before = files_of(data)
    made = []
    real = opendata.ReleaseUnderway

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("generator.build.ReleaseUnderway", counted)
    assert files_of(generate(project)) == before
    assert made == []  # nothing changed: nothing built
    annotation = project / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text(encoding="utf-8") + dedent("""\
        events:
          - date: 2025-05-07
            kind: visit
            title: Tokayev visits Ankara
            actors: [KZ, TR]
            evidence: Tokayev went to Ankara
        """), encoding="utf-8")
    after = files_of(generate(project))
    assert made == [1]
    assert after["events.jsonl"].count(b"\n") == before["events.jsonl"].count(b"\n") + 1
    assert read_json(data / "datapackage.json")["version"] != json.loads(
        before["datapackage.json"])["version"]
    assert after["relations.csv"] == before["relations.csv"]


def test_a_preview_keeps_the_data_until_the_next_generate(tmp_path):
    """serve's regenerations keep the data section; the next generate updates it."""
    project = write_small_project(tmp_path / "site")
    data = generate(project)
    before = files_of(data)
    article = project / "content" / "articles" / "2025-test.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Test Desk", "Other Desk"), encoding="utf-8")
    config = load_project(project)
    knowledge, _ = check(config)
    build_generate(config, knowledge, data=False)
    assert files_of(data) == before
    assert b"Other Desk" in (project / "build" / "docs" / "articles" / "2025-test.md"
                             ).read_bytes()
    assert b"Other Desk" in files_of(generate(project))["knowledge.json"]


def test_a_deleted_data_file_is_made_again(tmp_path):
    project = write_small_project(tmp_path / "site")
    data = generate(project)
    database = (data / "briefings.db").read_bytes()
    (data / "briefings.db").unlink()
    generate(project)
    assert (data / "briefings.db").read_bytes() == database


# -- the licence setting ------------------------------------------------------------------------

def set_extra(project: Path, extra: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("extra:\n")
    end = text.index("\n\n", start)
    config.write_text(text[:start] + dedent(extra).rstrip("\n") + text[end:], encoding="utf-8")


def test_another_licence_can_be_named(tmp_path):
    project = write_small_project(tmp_path / "site")
    set_extra(project, """\
        extra:
          data_licence:
            title: Our own terms
            path: https://example.org/terms
        """)
    data = generate(project)
    assert read_json(data / "datapackage.json")["licenses"] == [
        {"title": "Our own terms", "path": "https://example.org/terms"}]
    assert "[Our own terms](https://example.org/terms)" in (data / "index.md").read_text()
    set_extra(project, "extra:\n  data_licence: odbl-1.0\n")
    assert read_json(generate(project) / "datapackage.json")["licenses"][0]["name"] == \
        "ODbL-1.0"


def test_without_the_setting_the_data_is_cc_by(tmp_path):
    project = write_small_project(tmp_path / "site")
    set_extra(project, "extra:\n  generator: false\n")
    assert read_json(generate(project) / "datapackage.json")["licenses"][0]["name"] == \
        "CC-BY-4.0"


@pytest.mark.parametrize("setting, message", [
    ("data_licence: CC-BY", "extra.data_licence: unknown licence 'CC-BY'"),
    ("data_licence: [CC-BY-4.0]", "extra.data_licence: must be a licence id or a mapping"),
    ("data_licence: {title: Ours}", "extra.data_licence.path: missing field"),
    ("data_licence: {title: Ours, path: 'javascript:alert(1)'}",
     "extra.data_licence.path: not a web address"),
    ("data_licence: {title: Ours, path: https://example.org, owner: us}",
     "extra.data_licence: unknown field 'owner'"),
])
def test_a_wrong_licence_setting_is_reported_with_its_line(tmp_path, run, setting, message):
    project = write_small_project(tmp_path / "site")
    set_extra(project, f"extra:\n  {setting}\n")
    line = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(
        f"  {setting}") + 1
    result = run(project, "generate")
    assert result.code == 1
    assert f"mkdocs.yml:{line}: {message}" in result.err
    assert "Traceback" not in result.err
    assert not (project / "build" / "docs").exists()


def test_python_tags_in_mkdocs_yml_do_not_stop_the_data(tmp_path):
    project = write_small_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + dedent("""\
        tagged_setting: !!python/name:os.getcwd
        """), encoding="utf-8")
    assert read_json(generate(project) / "datapackage.json")["licenses"][0]["name"] == \
        "CC-BY-4.0"


def test_knowledge_json_written_in_pieces_is_what_one_dump_gives(knowledge, monkeypatch):
    """knowledge.json goes out a piece at a time, its rows encoded a few at a time: the bytes
    are those of the whole knowledge base encoded at once, and events.jsonl a line per event."""
    from generator.site import downloads
    monkeypatch.setattr(downloads, "PIECE", 64)
    monkeypatch.setattr(downloads, "_BATCH", 3)  # batches joined within and across pieces
    ids = downloads.event_ids(knowledge.events)
    sections = downloads.knowledge_sections(knowledge, ids)
    whole = {name: make() for name, make in sections.items()}
    pieces = list(downloads.json_pieces((name, make()) for name, make in sections.items()))
    assert len(pieces) > 10
    assert json.loads(b"".join(pieces)) == whole
    # The sample's numbers are written as Python writes them too (msgspec writes a large or
    # tiny float with no "+" or leading zeros in its exponent: 1e16, not 1e+16).
    assert b"".join(pieces) == (json.dumps(whole, ensure_ascii=False, separators=(",", ":"),
                                           sort_keys=True) + "\n").encode("utf-8")
    lines = b"".join(downloads.event_lines(knowledge, ids)).decode("utf-8").splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ids


def test_database_rows_are_named_once_and_land_in_the_codebooks_column_order(knowledge):
    from generator.site.database import _Rows

    rows = _Rows(knowledge, codebook(knowledge.registry), [])
    add = rows.adder("quote_actors", "actor", "quote")  # the codebook's order is quote, actor
    add("KZ", 7)
    assert rows.tables["quote_actors"] == [(7, "KZ")]
    add_figure_topic = rows.adder("figure_topics", "figure", "topic")
    add_figure_topic(1, "energy")
    assert rows.tables["figure_topics"] == [(1, "energy")]
    with pytest.raises(ValueError, match="quote_actors"):
        rows.adder("quote_actors", "quote")  # a column missing
    with pytest.raises(ValueError, match="quote_actors"):
        rows.adder("quote_actors", "quote", "speaker")  # a column the table does not have
    with pytest.raises(ValueError, match="quotes"):
        rows.add("quotes", id=1, text="t", speaker="s", person=None)  # no citation
