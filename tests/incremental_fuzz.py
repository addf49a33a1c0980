"""Random edits to the sample content, each regenerated in place and compared with a cold build.

tests/test_incremental.py applies a fixed list of edits; this draws them at random (from a
seed, so that a failure can be replayed): articles added, removed, renamed (with an alias or
not), redated, retitled, their front matter rewritten, saved with CRLF and a byte-order mark;
statements, events, figures and quotes changed, added or dropped, events made one or split,
countries newly named or no longer, renamed, assessments added, entities renamed, added,
removed or rescored, organisations' members and people's roles changed, statuses added or
removed, topics added, capitals changed, places with codes ISO leaves to its users declared
and named, regions changed, briefs and editors' pages edited, added or removed, the site's
name, description or address changed in mkdocs.yml, a template's wording changed, two or
three at a time. After each step the project is regenerated the way an editor's next run
does (the article cache, the kept plans and page keys of the last build), and every file of
the docs folder must be the one a cold generate of the same content in a fresh folder
writes. An edit that leaves the content with a problem must fail both builds alike and
leave the last output as it was; a mistake made on purpose (break_article) is then fixed,
the step's other edits kept, built again and compared; any other problem is undone.

    python tests/incremental_fuzz.py --seeds 1-20 --steps 12   # a longer run than the tests'
    python tests/incremental_fuzz.py --mode serve --seeds 1-20  # previewed and regenerated
                                                                # as serve does
    python tests/incremental_fuzz.py --mode site --seeds 1-5    # the site, build --incremental

Long lists are cut short (as in tests/test_incremental.py), so that their archive parts,
which shift as items come and go, are exercised on the sample's fifteen articles.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from make_corpus import country_names, make_article  # noqa: E402

from generator.cli import main  # noqa: E402
from generator.content.schema import EVENT_KIND_TONES, STANCES  # noqa: E402
from generator.engine.output import MANIFEST  # noqa: E402
from generator.site import archives  # noqa: E402

Edit = Callable[[Path, random.Random], "str | None"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _articles(root: Path) -> list[Path]:
    return sorted((root / "content" / "articles").glob("*.yml"))


def _quoted_by_briefs(root: Path) -> set[str]:
    """Articles a brief quotes: removing or renaming one is an error, not an edit."""
    found = set()
    for path in (root / "content" / "briefs").glob("*.yml"):
        for sentence in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(
                "sentences") or ():
            found.add(str(sentence.get("article", "")))
    return found


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    """Writes a list that appears twice (an event copied) out in full: the annotations
    accept no YAML anchors."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=1000), encoding="utf-8")


def _annotation_list(root: Path, rng: random.Random, section: str):
    """A random annotation with entries under ``section``: its path, data and that list."""
    candidates = []
    for path in _articles(root):
        data = _load(path) or {}
        if data.get(section):
            candidates.append((path, data))
    if not candidates:
        return None
    path, data = rng.choice(candidates)
    return path, data, data[section]


def _front_matter_line(path: Path, key: str, make: Callable[[str], str]) -> bool:
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line == "---":
            return False
        if line.startswith(f"{key}: "):
            lines[number] = f"{key}: {make(line[len(key) + 2:])}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return True
    return False


def _random_date(rng: random.Random) -> str:
    year = rng.randint(2019, 2026)
    precision = rng.random()
    if precision < 0.1:
        return str(year)
    month = rng.randint(1, 12)
    if precision < 0.3:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def add_article(root: Path, rng: random.Random) -> str:
    number = rng.randint(500, 9999)
    slug, article, annotation = make_article(number, random.Random(number), country_names())
    folder = root / "content" / "articles"
    (folder / f"{slug}.md").write_text(article, encoding="utf-8")
    (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")
    return f"add article {slug}"


def remove_article(root: Path, rng: random.Random) -> str | None:
    quoted = _quoted_by_briefs(root)
    free = [path for path in _articles(root) if path.stem not in quoted]
    if len(free) < 4:
        return None
    path = rng.choice(free)
    path.unlink()
    path.with_suffix(".md").unlink(missing_ok=True)
    return f"remove article {path.stem}"


def rename_article(root: Path, rng: random.Random) -> str | None:
    quoted = _quoted_by_briefs(root)
    free = [path for path in _articles(root) if path.stem not in quoted]
    if not free:
        return None
    path = rng.choice(free)
    new = f"{path.stem[:4]}-renamed-{rng.randint(1, 999)}-{path.stem[5:]}"[:80]
    path.rename(path.with_name(f"{new}.yml"))
    path.with_suffix(".md").rename(path.with_name(f"{new}.md"))
    return f"rename article {path.stem} to {new}"


def redate_article(root: Path, rng: random.Random) -> str | None:
    path = rng.choice(_articles(root)).with_suffix(".md")
    date = _random_date(rng)
    return f"date {path.stem} {date}" if _front_matter_line(path, "date", lambda _: date) else None


def retitle_article(root: Path, rng: random.Random) -> str | None:
    path = rng.choice(_articles(root)).with_suffix(".md")
    # Mostly as an editor writes one; now and then with a colon YAML cannot read unquoted.
    word = rng.choice(("Again —", "Update —", "Analysis —", "Update:"))
    return (f"retitle {path.stem}"
            if _front_matter_line(path, "title", lambda title: f"{word} {title}") else None)


def extend_paragraph(root: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(root)).with_suffix(".md")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f" A sentence added in edit {rng.randint(1, 999)}.\n", encoding="utf-8")
    return f"extend the last paragraph of {path.stem}"


def change_relation(root: Path, rng: random.Random) -> str | None:
    found = _annotation_list(root, rng, "relations")
    if found is None:
        return None
    path, data, relations = found
    relation = rng.choice(relations)
    what = rng.choice(("stance", "label", "drop", "status", "as_of"))
    if what == "as_of":  # when a statement holds orders a relation's history
        relation["as_of"] = _random_date(rng)
    elif what == "stance":
        relation["stance"] = rng.choice([s for s in STANCES if s != relation.get("stance")])
    elif what == "label":
        relation["label"] = f"{relation.get('label', 'ties')} (revised)"
    elif what == "status":
        statuses = [entry["id"] for entry in _load(root / "content" / "entities" /
                                                   "statuses.yml")]
        relation["status"] = rng.choice(statuses)
    else:
        relations.remove(relation)
    _dump(path, data)
    return f"relation {relation.get('actors')} in {path.stem}: {what}"


def change_event(root: Path, rng: random.Random) -> str | None:
    found = _annotation_list(root, rng, "events")
    if found is None:
        return None
    path, data, events = found
    event = rng.choice(events)
    what = rng.choice(("date", "kind", "title", "drop", "copy"))
    if what == "date":
        event["date"] = _random_date(rng)
    elif what == "kind":
        event["kind"] = rng.choice(sorted(EVENT_KIND_TONES))
        event.pop("status_change", None)
    elif what == "title":
        event["title"] = f"{event.get('title', 'An event')}, as reported"
    elif what == "copy":
        copy = {key: value for key, value in event.items() if key != "id"}
        copy["title"] = f"{event.get('title', 'An event')} (follow-up)"
        copy["date"] = _random_date(rng)
        events.append(copy)
    else:
        events.remove(event)
    _dump(path, data)
    return f"event {event.get('title')!r} in {path.stem}: {what}"


def share_event_id(root: Path, rng: random.Random) -> str | None:
    """Two events of different articles made one (the same id), as editors mark an event
    several articles report; or an event's id taken away, which may split one."""
    found = [(path, data, event) for path in _articles(root)
             for data in [_load(path) or {}] for event in data.get("events") or ()]
    if len(found) < 2:
        return None
    (path, data, event), (other_path, other_data, other) = rng.sample(found, 2)
    alike = [entry for entry in found if entry[2].get("kind") == event.get("kind")
             and entry[0] != path]
    if alike and rng.random() < 0.8:  # mostly one kind, as one event is; else a problem
        other_path, other_data, other = rng.choice(alike)
    if "id" in event and rng.random() < 0.3:
        del event["id"]
        _dump(path, data)
        return f"take the id from {event.get('title')!r} in {path.stem}"
    if path == other_path:
        return None
    ident = other.get("id") or f"shared-{rng.randint(1, 999)}"
    other["id"] = event["id"] = ident
    _dump(other_path, other_data)
    _dump(path, data)
    return f"one event {ident} in {path.stem} and {other_path.stem}"


def change_figure(root: Path, rng: random.Random) -> str | None:
    found = _annotation_list(root, rng, "figures")
    if found is None:
        return None
    path, data, figures = found
    figure = rng.choice(figures)
    what = rng.choice(("value", "period", "drop"))
    if what == "value":
        figure["value"] = round(rng.uniform(0.5, 500), 1)
    elif what == "period":
        figure["period"] = rng.choice((str(rng.randint(2015, 2026)), _random_date(rng)[:7]))
    else:
        figures.remove(figure)
    _dump(path, data)
    return f"figure {figure.get('metric')!r} in {path.stem}: {what}"


def _drop_entry(root: Path, rng: random.Random, section: str) -> tuple[Path, dict] | None:
    """A random entry of ``section`` taken out of a random annotation: its path and the entry."""
    found = _annotation_list(root, rng, section)
    if found is None:
        return None
    path, data, entries = found
    entry = rng.choice(entries)
    entries.remove(entry)
    _dump(path, data)
    return path, entry


def drop_quote(root: Path, rng: random.Random) -> str | None:
    dropped = _drop_entry(root, rng, "quotes")
    return dropped and f"drop quote {dropped[1].get('text')!r} from {dropped[0].stem}"


def rename_entity(root: Path, rng: random.Random) -> str:
    path = root / "content" / "entities" / rng.choice(
        ("people.yml", "organisations.yml", "topics.yml"))
    entries = _load(path)
    entry = rng.choice(entries)
    entry["name"] = f"{entry['name']} {rng.choice(('II', 'Jr', 'Group', 'Affairs'))}"
    _dump(path, entries)
    return f"rename {entry['id']} in {path.name}"


def add_person(root: Path, rng: random.Random) -> str:
    number = rng.randint(1, 999)
    with (root / "content" / "entities" / "people.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: newcomer-{number}\n  name: Ada Newcomer {number}\n"
                     "  role: Minister\n  country: KZ\n")
    return f"add person newcomer-{number}"


def rescore_status(root: Path, rng: random.Random) -> str:
    path = root / "content" / "entities" / "statuses.yml"
    entries = _load(path)
    entry = rng.choice(entries)
    entry["score"] = rng.randint(-10, 10)
    _dump(path, entries)
    return f"score status {entry['id']} {entry['score']}"


def edit_brief(root: Path, rng: random.Random) -> str | None:
    briefs = sorted((root / "content" / "briefs").glob("*.yml"))
    if not briefs:
        return None
    path = rng.choice(briefs)
    brief = _load(path)
    sentence = rng.choice(brief["sentences"])
    if rng.random() < 0.5 and len(brief["sentences"]) > 1:
        brief["sentences"].remove(sentence)
    else:
        sentence["text"] = f"{sentence['text']} (Revised.)"
    _dump(path, brief)
    return f"edit brief {path.stem}"


def edit_page(root: Path, rng: random.Random) -> str | None:
    pages = sorted((root / "content" / "pages").glob("*.md"))
    if not pages:
        return None
    path = rng.choice(pages)
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f"\n\nA note added in edit {rng.randint(1, 999)}.\n",
                    encoding="utf-8")
    return f"edit page {path.stem}"


def alias_country(root: Path, rng: random.Random) -> str:
    path = root / "content" / "entities" / "countries.yml"
    entries = _load(path)
    entry = rng.choice(entries)
    entry["aliases"] = [*(entry.get("aliases") or ()), f"Land {rng.randint(1, 999)}"]
    _dump(path, entries)
    return f"alias for {entry['id']}"


def _new_paragraph(path: Path, rng: random.Random, words: str) -> str:
    """A paragraph added at the end of an article (its .md beside ``path``): the evidence
    for what an edit adds."""
    sentence = f"{words} (edit {rng.randint(1, 99999)})."
    article = path.with_suffix(".md")
    article.write_text(article.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n",
                       encoding="utf-8")
    return sentence


# Countries the sample names rarely or not at all: naming one may give it its first page.
NEWCOMERS = ("MN", "AM", "GE", "MD", "BY", "TM", "TJ", "KG", "AF", "IR", "PK", "IN")


def name_country(root: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(root))
    code = rng.choice(NEWCOMERS)
    data = _load(path) or {}
    evidence = _new_paragraph(path, rng, f"A delegation from country {code} attended")
    data.setdefault("countries", []).append({"id": code, "evidence": evidence})
    _dump(path, data)
    return f"name {code} in {path.stem}"


def unname_country(root: Path, rng: random.Random) -> str | None:
    dropped = _drop_entry(root, rng, "countries")
    return dropped and f"no longer name {dropped[1].get('id')} in {dropped[0].stem}"


def add_relation(root: Path, rng: random.Random) -> str | None:
    path = rng.choice(_articles(root))
    data = _load(path) or {}
    named = sorted({entry["id"] for entry in data.get("countries") or ()})
    if len(named) < 2:
        return None
    pair = rng.sample(named, 2)
    evidence = _new_paragraph(path, rng, f"Ties between {pair[0]} and {pair[1]} shifted")
    relation = {"actors": pair, "evidence": evidence}
    if rng.random() < 0.5:
        statuses = [entry["id"] for entry in _load(root / "content" / "entities" /
                                                   "statuses.yml")]
        relation.update(status=rng.choice(statuses), as_of=_random_date(rng))
    else:
        relation.update(label="renewed contacts", stance=rng.choice(STANCES))
    data.setdefault("relations", []).append(relation)
    _dump(path, data)
    return f"relation {pair} added in {path.stem}"


def add_assessment(root: Path, rng: random.Random) -> str | None:
    found = _annotation_list(root, rng, "relations")
    if found is None:
        return None
    path, data, relations = found
    pair = rng.choice(relations)["actors"]
    evidence = _new_paragraph(path, rng, "Editors judged the month a turning point")
    year, month = rng.randint(2020, 2026), rng.randint(1, 12)
    data.setdefault("assessments", []).append({
        "actors": pair, "period": f"{year}-{month:02d}",
        "trend": rng.choice(("improving", "deteriorating", "unchanged")),
        "reason": "A test of the editors' trend.", "evidence": evidence})
    _dump(path, data)
    return f"assessment of {pair} in {path.stem}"


def add_or_remove_page(root: Path, rng: random.Random) -> str:
    folder = root / "content" / "pages"
    added = sorted(folder.glob("notes-*.md"))
    if added and rng.random() < 0.5:
        added[0].unlink()
        return f"remove page {added[0].stem}"
    number = rng.randint(1, 999)
    (folder / f"notes-{number}.md").write_text(
        f"---\ntitle: Notes {number}\n---\nWhat the editors noted ({number}).\n",
        encoding="utf-8")
    return f"add page notes-{number}"


def remove_unnamed_person(root: Path, rng: random.Random) -> str | None:
    path = root / "content" / "entities" / "people.yml"
    entries = _load(path)
    annotations = " ".join(p.read_text(encoding="utf-8") for p in _articles(root))
    unnamed = [entry for entry in entries if entry["id"] not in annotations]
    if not unnamed:
        return None
    entry = rng.choice(unnamed)
    entries.remove(entry)
    _dump(path, entries)
    return f"remove person {entry['id']}"


def touch_article(root: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(root))
    path.write_bytes(path.read_bytes())
    return f"save {path.stem} unchanged"


def change_capital(root: Path, rng: random.Random) -> str:
    """A capital renamed, given or taken away: it shows on the country's page and map."""
    path = root / "content" / "entities" / "countries.yml"
    entries = _load(path)
    entry = rng.choice(entries)
    if entry.get("capital") and rng.random() < 0.3:
        del entry["capital"]
        what = "no capital"
    else:
        entry["capital"] = f"New {entry.get('name', entry['id'])} {rng.randint(1, 99)}"
        what = f"capital {entry['capital']}"
    _dump(path, entries)
    return f"{what} for {entry['id']}"


# Codes ISO 3166 leaves to its users: a place an editor names that the standard does not.
USER_CODES = ("QM", "QN", "XA", "XB", "ZZ")


def add_or_name_place(root: Path, rng: random.Random) -> str:
    """A place with a user-assigned code declared in countries.yml; one declared named by an
    article, or taken out again while no article names it."""
    path = root / "content" / "entities" / "countries.yml"
    entries = _load(path)
    declared = [entry["id"] for entry in entries if entry["id"] in USER_CODES]
    if not declared or rng.random() < 0.3:
        code = rng.choice(USER_CODES)
        if code not in declared:
            entries.append({"id": code, "name": f"Place {code.title()} {rng.randint(1, 99)}",
                            "capital": f"Port {rng.randint(1, 99)}"})
            _dump(path, entries)
            return f"declare place {code}"
    code = rng.choice(declared)
    named = " ".join(p.read_text(encoding="utf-8") for p in _articles(root))
    if f"id: {code}" not in named and rng.random() < 0.3:
        _dump(path, [entry for entry in entries if entry["id"] != code])
        return f"take out place {code}"
    article = rng.choice(_articles(root))
    data = _load(article) or {}
    evidence = _new_paragraph(article, rng, f"Envoys from the place {code} came too")
    data.setdefault("countries", []).append({"id": code, "evidence": evidence})
    _dump(article, data)
    return f"name place {code} in {article.stem}"


def add_or_remove_status(root: Path, rng: random.Random) -> str:
    """A status added to the scale (somewhere in its order), or one no statement uses
    removed."""
    path = root / "content" / "entities" / "statuses.yml"
    entries = _load(path)
    annotations = " ".join(p.read_text(encoding="utf-8") for p in _articles(root))
    unused = [entry for entry in entries if f"status: {entry['id']}" not in annotations
              and f"status_change: {entry['id']}" not in annotations]
    if unused and rng.random() < 0.4:
        entry = rng.choice(unused)
        entries.remove(entry)
        _dump(path, entries)
        return f"remove status {entry['id']}"
    number = rng.randint(1, 999)
    entries.insert(rng.randint(0, len(entries)), {
        "id": f"status-{number}", "name": f"status {number}", "score": rng.randint(-10, 10),
        "description": f"A status added in edit {number}."})
    _dump(path, entries)
    return f"add status status-{number}"


def add_topic(root: Path, rng: random.Random) -> str:
    """A topic added to topics.yml and an article tagged with it, or tagged with another
    topic it did not have."""
    path = root / "content" / "entities" / "topics.yml"
    entries = _load(path)
    if rng.random() < 0.5:
        number = rng.randint(1, 999)
        entries.append({"id": f"topic-{number}", "name": f"Topic {number}",
                        "description": f"A topic added in edit {number}."})
        _dump(path, entries)
    topic = rng.choice(entries)["id"]
    article = rng.choice(_articles(root))
    data = _load(article) or {}
    if any(entry.get("id") == topic for entry in data.get("topics") or ()):
        return f"add topic {topic}"
    evidence = _new_paragraph(article, rng, f"The piece also touches on {topic}")
    data.setdefault("topics", []).append({"id": topic, "evidence": evidence})
    _dump(article, data)
    return f"tag {article.stem} with topic {topic}"


def change_region(root: Path, rng: random.Random) -> str:
    """A region's members or name changed: the countries' pages and the map's groups."""
    path = root / "content" / "entities" / "regions.yml"
    entries = _load(path)
    region = rng.choice(entries)
    members = region.setdefault("members", [])
    what = rng.choice(("join", "leave", "name"))
    if what == "leave" and members:
        members.remove(rng.choice(members))
    elif what == "name":
        region["name"] = f"{region['name']} (revised)"
    else:
        code = rng.choice([*NEWCOMERS, "KZ", "TR", "CN", "RU", "AZ"])
        if code not in members:
            members.append(code)
    _dump(path, entries)
    return f"region {region['id']}: {what}"


def change_site_settings(root: Path, rng: random.Random) -> str:
    """The site's name, description or address changed in mkdocs.yml: page metadata, feeds,
    data downloads and sitemaps carry them."""
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = rng.randint(1, 999)
    key = rng.choice(("site_name", "site_description", "site_url"))
    for index, line in enumerate(lines):
        if line.startswith(f"{key}: "):
            if key == "site_url":
                lines[index] = (f'site_url: !ENV [SITE_URL, '
                                f'"https://briefings-{number}.example.org/news/"]')
            else:
                lines[index] = f"{key}: {line[len(key) + 2:]} {number}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"{key} changed in mkdocs.yml"


def change_template(root: Path, rng: random.Random) -> str:
    """A word of a page template changed: every page written from it changes."""
    path = root / "templates" / "_page_updated.md.j2"
    text = path.read_text(encoding="utf-8")
    word = rng.choice(("Last updated", "Updated", "Revised", "Brought up to date"))
    for old in ("Last updated", "Updated", "Revised", "Brought up to date"):
        if f">{old} <time" in text:
            text = text.replace(f">{old} <time", f">{word} <time")
            break
    path.write_text(text, encoding="utf-8")
    return f"template wording: {word}"


def change_organisation(root: Path, rng: random.Random) -> str:
    """A member or observer joins or leaves, a short name changes, an alias is added."""
    path = root / "content" / "entities" / "organisations.yml"
    entries = _load(path)
    entry = rng.choice(entries)
    what = rng.choice(("members", "observers", "short", "aliases"))
    if what in ("members", "observers"):
        codes = entry.setdefault(what, [])
        code = rng.choice([*NEWCOMERS, "KZ", "TR", "AZ", "HU"])
        if code in codes:
            codes.remove(code)
        else:
            codes.append(code)
    elif what == "short":
        entry["short"] = f"{entry.get('short', 'ORG')}{rng.randint(1, 9)}"
    else:
        entry["aliases"] = [*(entry.get("aliases") or ()), f"Former {entry['name']}"]
    _dump(path, entries)
    return f"organisation {entry['id']}: {what}"


def change_person(root: Path, rng: random.Random) -> str:
    path = root / "content" / "entities" / "people.yml"
    entries = _load(path)
    entry = rng.choice(entries)
    if rng.random() < 0.5:
        entry["role"] = f"Adviser ({rng.randint(1, 99)})"
        what = "role"
    else:
        entry["country"] = rng.choice([*NEWCOMERS, "KZ", "TR", "AZ", "RU"])
        what = f"country {entry['country']}"
    _dump(path, entries)
    return f"person {entry['id']}: {what}"


def rename_country(root: Path, rng: random.Random) -> str:
    """A country's name changed, mostly with the old one kept as an alias (its old address
    then leads to the new page)."""
    path = root / "content" / "entities" / "countries.yml"
    entries = _load(path)
    entry = rng.choice([entry for entry in entries if entry.get("name")])
    old = entry["name"]
    entry["name"] = f"{old} {rng.choice(('Republic', 'Land', 'State'))}"
    if rng.random() < 0.7:
        entry["aliases"] = [*(entry.get("aliases") or ()), old]
    _dump(path, entries)
    return f"rename country {entry['id']} to {entry['name']}"


def change_front_matter(root: Path, rng: random.Random) -> str | None:
    """An article's summary, authors or topics rewritten in its front matter."""
    path = rng.choice(_articles(root)).with_suffix(".md")
    number = rng.randint(1, 999)
    key = rng.choice(("summary", "authors", "topics"))
    if key == "summary":
        value = f"A summary rewritten in edit {number}."
    elif key == "authors":
        value = f"[Desk {number}]"
    else:
        topics = [entry["id"] for entry in _load(root / "content" / "entities" / "topics.yml")]
        value = f"[{', '.join(rng.sample(topics, rng.randint(0, 2)))}]"
    return f"{key} of {path.stem}" if _front_matter_line(path, key, lambda _: value) else None


def rename_article_keeping_alias(root: Path, rng: random.Random) -> str | None:
    """An article renamed with its former file name listed as an alias in its front matter,
    as the content format asks: the old address leads to the new page."""
    done = rename_article(root, rng)
    if done is None:
        return None
    old, new = done.removeprefix("rename article ").split(" to ")
    path = root / "content" / "articles" / f"{new}.md"
    if not _front_matter_line(path, "aliases", lambda aliases: f"{aliases[:-1]}, {old}]"):
        lines = path.read_text(encoding="utf-8").split("\n")
        lines.insert(1, f"aliases: [{old}]")
        path.write_text("\n".join(lines), encoding="utf-8")
    return f"{done}, keeping the alias"


def resave_line_endings(root: Path, rng: random.Random) -> str:
    """An article saved by an editor on Windows (a byte-order mark, CRLF line endings), or
    saved back: the same article, accepted as it is."""
    path = rng.choice(_articles(root))
    path = path if rng.random() < 0.5 else path.with_suffix(".md")
    data = path.read_bytes()
    if b"\r\n" in data:
        path.write_bytes(data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
        return f"save {path.name} with LF"
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    return f"save {path.name} with a byte-order mark and CRLF"


def add_or_remove_brief(root: Path, rng: random.Random) -> str | None:
    """A brief written for a country without one, its sentence resting on an article's
    evidence; or one such brief taken away."""
    folder = root / "content" / "briefs"
    added = sorted(folder.glob("fuzz-*.yml"))
    if added and rng.random() < 0.5:
        added[0].unlink()
        return f"remove brief {added[0].stem}"
    briefed = {str((_load(path) or {}).get("country")) for path in folder.glob("*.yml")}
    found = [(path, entry) for path in _articles(root)
             for entry in (_load(path) or {}).get("countries") or ()
             if entry.get("id") not in briefed and entry.get("evidence")]
    if not found:
        return None
    path, entry = rng.choice(found)
    number = rng.randint(1, 999)
    _dump(folder / f"fuzz-{number}.yml", {
        "country": entry["id"], "written": "2026-01-15",
        "sentences": [{"text": f"What matters now, in edit {number}.", "article": path.stem,
                       "evidence": entry["evidence"]}]})
    return f"brief fuzz-{number} for {entry['id']}"


# The files a step's break_article changed, as they were: the fix that follows puts them back.
BROKEN: dict[Path, bytes] = {}


def break_article(root: Path, rng: random.Random) -> str:
    """A mistake an editor makes (evidence the article does not hold, a country no one
    declared, YAML that does not parse, a date that is none): the build fails and keeps the
    last output; the editor then fixes it (run_seed puts the file back) and builds again."""
    annotation = rng.choice(_articles(root))
    what = rng.choice(("evidence", "country", "yaml", "date"))
    path = annotation.with_suffix(".md") if what == "date" else annotation
    BROKEN.setdefault(path, path.read_bytes())
    if what == "date":
        _front_matter_line(path, "date", lambda _: "2025-13-40")
    elif what == "yaml":
        path.write_text(path.read_text(encoding="utf-8") + "\n  - : [\n", encoding="utf-8")
    else:
        data = _load(path) or {}
        if what == "country":
            data.setdefault("countries", []).append({"id": "QZ", "evidence": "nowhere"})
        else:
            entries = [entry for section in ("countries", "relations", "events", "figures")
                       for entry in data.get(section) or () if "evidence" in entry]
            if not entries:
                data["countries"] = [{"id": "KZ", "evidence": "words this article lacks"}]
            else:
                rng.choice(entries)["evidence"] = "words this article lacks"
        _dump(path, data)
    return f"break {path.name} ({what})"


EDITS: tuple[Edit, ...] = (
    add_article, remove_article, rename_article, redate_article, retitle_article,
    extend_paragraph, change_relation, change_relation, change_event, change_event,
    share_event_id, change_figure, drop_quote, rename_entity, add_person, rescore_status,
    edit_brief, edit_page, alias_country, name_country, unname_country, add_relation,
    add_assessment, add_or_remove_page, remove_unnamed_person, touch_article, change_capital,
    add_or_name_place, add_or_remove_status, add_topic, change_region, change_site_settings,
    change_template, break_article, change_organisation, change_person, rename_country,
    change_front_matter, rename_article_keeping_alias, resave_line_endings, add_or_remove_brief)


def _captured(step: Callable[[], int]) -> tuple[int, str]:
    """``step``'s exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = step()
    return code, out.getvalue() + err.getvalue()


def _command(project: Path, *command: str) -> tuple[int, str]:
    return _captured(lambda: main(["--project", str(project), "--quiet", *command]))


class ServeRegeneration:
    """Regenerates as serve does after a burst of saved files (cli.ServeSession): the saved
    articles' own pages previewed first, then the regeneration, the checked articles kept in
    memory from the last one and the data section left as the first build made it."""

    def __init__(self, project: Path):
        from generator import build as pipeline
        from generator.cli import Reporter, ServeSession
        from generator.engine.progress import QUIET, Progress

        self.session = ServeSession(pipeline.load_project(project),
                                    Reporter("text", Progress(QUIET)))
        self.sources = _sources(self.session.project.root)
        self.previews = 0  # bursts whose preview showed pages at once

    def start(self) -> tuple[int, str]:
        """serve's first generate."""
        return _captured(lambda: 0 if self.session.start() else 1)

    def __call__(self) -> tuple[int, str]:
        root = self.session.project.root
        now = _sources(root)
        saved = {root / name for name in now.keys() | self.sources.keys()
                 if now.get(name) != self.sources.get(name)}
        self.sources = now

        def burst() -> int:
            self.previews += self.session.preview(saved)
            regenerated = self.session.regenerate()
            self.session.save_cache()
            return 0 if regenerated else 1

        return _captured(burst)


def _sources(root: Path) -> dict[str, bytes]:
    """Every file a build reads, by its path in the project: the content, the templates and
    mkdocs.yml."""
    found = {f"{name}/{path}": data for name in ("content", "templates")
             for path, data in tree(root / name).items()}
    found["mkdocs.yml"] = (root / "mkdocs.yml").read_bytes()
    return found


def _without_data(files: dict[str, bytes]) -> dict[str, bytes]:
    """The generated files but the data section, which serve leaves as its first build made
    it; the manifest's entries for it left out too."""
    kept = {path: data for path, data in files.items() if not path.startswith("data/")}
    manifest = json.loads(kept.pop(MANIFEST))
    kept[MANIFEST] = json.dumps(
        {name: ([path for path in value if not path.startswith("data/")]
                if isinstance(value, list) else
                {path: key for path, key in value.items() if not path.startswith("data/")}
                if isinstance(value, dict) else value)
         for name, value in manifest.items()}, sort_keys=True).encode()
    return kept


@contextlib.contextmanager
def short_lists():
    """Long lists cut short, as tests/test_incremental.py cuts them."""
    saved = archives.LATEST, archives.PART
    archives.LATEST, archives.PART = 3, 4
    try:
        yield
    finally:
        archives.LATEST, archives.PART = saved


MODES = ("generate", "serve", "site")


def _deck(rng: random.Random) -> Callable[[int], list[Edit]]:
    """Draws edits as from a shuffled deck, dealt again once empty: every kind comes up once
    in each len(EDITS) draws, however the seed falls."""
    deck: list[Edit] = []

    def draw(count: int) -> list[Edit]:
        drawn: list[Edit] = []
        count = min(count, len(set(EDITS)))
        while len(drawn) < count:
            if not deck:
                deck.extend(rng.sample(EDITS, len(EDITS)))
            edit = deck.pop()
            if edit not in drawn:  # a kind listed twice is drawn twice as often, not twice at once
                drawn.append(edit)
        return drawn

    return draw


def run_seed(seed: int, steps: int, workspace: Path, report=print,
             mode: str = "generate", drawn: list[str] | None = None) -> list[str]:
    """Apply ``steps`` random steps to a copy of the sample content; the list of steps taken.
    Raises AssertionError, naming the seed and the steps so far, at the first difference.
    ``drawn``: gets the name of every edit drawn (some find nothing to do, and skip).
    ``mode``: how each step is regenerated: "generate"; "serve", as serve does
    (ServeRegeneration), compared but the data section; "site", `build --incremental`, its
    site compared with a cold `build`'s as well."""
    from tests.conftest import copy_project

    rng = random.Random(seed)
    draw = _deck(rng)
    project = copy_project(workspace / f"seed-{seed}", with_content=True)
    compared = _without_data if mode == "serve" else (lambda files: files)
    cold_command = ("build",) if mode == "site" else ("generate",)
    if mode == "serve":
        regenerate = ServeRegeneration(project)
        code, output = regenerate.start()
    else:
        regenerate = functools.partial(
            _command, project, *(("build", "--incremental") if mode == "site" else cold_command))
        code, output = _command(project, *cold_command)
    assert code == 0, output
    outputs = ("docs", "site") if mode == "site" else ("docs",)
    taken: list[str] = []
    for step in range(steps):
        kept = workspace / f"seed-{seed}-before"
        shutil.rmtree(kept, ignore_errors=True)
        _copy_sources(project, kept)
        # The mistake last: the other edits read the files it may leave unreadable.
        chosen = sorted(draw(rng.randint(2, 3)), key=lambda edit: edit is break_article)
        if drawn is not None:
            drawn += [edit.__name__ for edit in chosen]
        BROKEN.clear()
        previews = getattr(regenerate, "previews", 0)
        done = []
        for number, edit in enumerate(chosen):
            if (found := edit(project, rng)) is not None:
                done.append(found)
            if mode == "serve" and number < len(chosen) - 1:
                # serve sees each save as it comes: the edits before the last one are
                # previewed and regenerated on their own (and may fail meanwhile).
                regenerate()
        before = {name: tree(project / "build" / name) for name in outputs}
        code, output = regenerate()
        taken.append("; ".join(done) or "nothing")
        if getattr(regenerate, "previews", 0) > previews:
            taken[-1] += " (previewed)"
        where = f"seed {seed}, step {step + 1}: {taken[-1]} (steps so far: {taken})"
        cold_code, cold_output = _cold_build(project, workspace / f"seed-{seed}-cold",
                                             cold_command)
        assert (code == 0) == (cold_code == 0), f"{where}: only one build failed:\n{output}\n" \
                                                  f"{cold_output}"
        if code and BROKEN:
            # The build that failed must have kept the last output; then the editor fixes
            # the mistake, keeps the step's other edits, and builds again.
            for name in outputs:
                assert tree(project / "build" / name) == before[name], f"{where}: {name}"
            for path, text in BROKEN.items():
                path.write_bytes(text)
            taken[-1] += " (fixed)"
            where = f"seed {seed}, step {step + 1}: {taken[-1]} (steps so far: {taken})"
            code, output = regenerate()
            cold_code, cold_output = _cold_build(project, workspace / f"seed-{seed}-cold",
                                                 cold_command)
            assert (code == 0) == (cold_code == 0), \
                f"{where}: only one build failed:\n{output}\n{cold_output}"
        if code:
            # The last output is left as it was, and the content is put back.
            for name in outputs:
                assert tree(project / "build" / name) == before[name], f"{where}: {name}"
            _copy_sources(kept, project)
            taken[-1] += " (a problem: undone)"
            first = next((line for line in output.splitlines() if ": " in line), output)
            report(f"  {where.split(' (steps')[0]}: a problem, undone ({first.strip()[:200]})")
            continue
        cold = workspace / f"seed-{seed}-cold"
        for name in outputs:
            after = compared(tree(project / "build" / name))
            expected = compared(tree(cold / "build" / name))
            assert after.keys() == expected.keys(), (
                f"{where}: {name}: only here {sorted(after.keys() - expected.keys())[:5]}, "
                f"only in the cold build {sorted(expected.keys() - after.keys())[:5]}")
            different = [path for path in expected if after[path] != expected[path]]
            assert not different, f"{where}: {name} differs from a cold build: {different[:5]}"
        report(f"  {where.split(' (steps')[0]}: same as cold")
    shutil.rmtree(workspace / f"seed-{seed}-cold", ignore_errors=True)
    return taken


def _cold_build(project: Path, cold: Path, command: tuple[str, ...]) -> tuple[int, str]:
    """``command`` run on a copy of ``project`` without its build folder."""
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("build"))
    return _command(cold, *command)


def _copy_sources(source: Path, target: Path) -> None:
    """What a build reads (content, templates, mkdocs.yml) copied over ``target``'s."""
    for name in ("content", "templates"):
        shutil.rmtree(target / name, ignore_errors=True)
        shutil.copytree(source / name, target / name)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")


def _seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1-5", help="a seed or a range, e.g. 1-20")
    parser.add_argument("--steps", type=int, default=10, help="steps per seed")
    parser.add_argument("--mode", choices=MODES, default="generate",
                        help="regenerate with generate (the default); as serve does, its "
                             "checked articles kept in memory; or build the site with "
                             "'build --incremental' and compare it too (slower)")
    options = parser.parse_args(argv)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="incremental-fuzz-") as folder, short_lists():
        for seed in _seeds(options.seeds):
            print(f"seed {seed}")
            try:
                run_seed(seed, options.steps, Path(folder), mode=options.mode)
            except AssertionError as problem:
                failed += 1
                print(f"FAILED: {problem}")
    print(f"{failed} of {len(_seeds(options.seeds))} seeds differed from a cold build")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(cli())
