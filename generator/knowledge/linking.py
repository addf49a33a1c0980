"""Linking: checked articles and their annotations become claims tied to paragraphs
(``contribute``, one article at a time, on any core), and the contributions one knowledge base
(``assemble``). Every unknown id and every quote that is missing or ambiguous is reported here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from ..content.body import split_body
from ..content.dates import PartialDate
from ..content.evidence import find_paragraphs, normalise, not_found_hint
from ..content.registry import Registry
from ..content.schema import ANNOTATION_SECTIONS, EVENT_KIND_TONES, FRONT_MATTER, Checker, Item, event_class
from ..content.sources import RawArticle, read_article
from ..engine.problems import Problem, Problems, did_you_mean
from .duplicate_articles import report_duplicate_articles, text_digest
from .events import mark_older, merge_events, status_changes, warn_likely_duplicates
from .knowledge import KnowledgeBase, pair_of, relation_slug
from .model import (
    Article,
    Assessment,
    Citation,
    Event,
    Figure,
    Mention,
    Quote,
    Relation,
    RelationClaim,
)


@dataclass
class Contribution:
    """What one article adds to the knowledge base. Each is made on its own, so that articles
    can be checked on several cores, and merged in file order, so that the result is the same."""

    source: Path
    article: Article | None = None
    mentions: list[Mention] = field(default_factory=list)
    relation_claims: list[RelationClaim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reminders: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # The entity entries the check looked up (their kinds and ids as JSON text: one string,
    # read only when the entity files change) and what they were (Registry.view); "" when
    # the check reported a problem, whose hint may draw on any entry. While the view is the
    # same, an edit elsewhere in the entity files changes nothing here.
    consulted: str = "[]"
    registry_view: str = ""


def contribute(raw: RawArticle, registry: Registry, checker: Checker,
               duplicate_of: Path | None = None) -> Contribution:
    """Check one article and its annotations; the claims that passed, tied to paragraphs."""
    contribution = Contribution(raw.path)
    article = _article(raw, registry, checker)
    if article is None:
        return contribution
    if duplicate_of is not None:
        problems = checker.problems
        problems.add(raw.path, 1, "file name", f"this article would get the same address "
                     f"/articles/{article.slug}/ as {problems.display(duplicate_of)}",
                     "rename one of the two files")
        return contribution
    contribution.article = article
    if raw.annotation is not None:
        _annotations(raw, article, registry, checker, contribution)
    return contribution


def slug_of_file(path: Path) -> str:
    """The address an article file gives its article (empty: none)."""
    return slugify(path.stem)


def duplicate_slugs(paths: list[Path]) -> dict[Path, Path]:
    """Each article file whose address an earlier file already takes, with that file."""
    owners: dict[str, Path] = {}
    duplicates = {}
    for path in paths:
        slug = slug_of_file(path)
        if slug and slug in owners:
            duplicates[path] = owners[slug]
        owners.setdefault(slug, path)
    return duplicates


def assemble(contributions, registry: Registry, problems: Problems,
             source_keys: dict[str, str] | None = None) -> KnowledgeBase:
    """One knowledge base from the articles' contributions, taken in file order.
    ``source_keys``: each article's digest (by slug), which keys the pages drawn from it."""
    knowledge = KnowledgeBase(registry, source_keys=source_keys or {})
    read: list[tuple[Path, Article]] = []
    for contribution in contributions:
        problems.items += contribution.problems
        problems.reminders += contribution.reminders
        problems.warnings += contribution.warnings
        article = contribution.article
        if article is None:
            continue
        read.append((contribution.source, article))
        knowledge.articles[article.slug] = article
        knowledge.source_views[article.slug] = contribution.registry_view
        knowledge.mentions += contribution.mentions
        knowledge.events += contribution.events
        knowledge.figures += contribution.figures
        knowledge.quotes += contribution.quotes
        knowledge.assessments += contribution.assessments
        for claim in contribution.relation_claims:
            relation = knowledge.relations.get(claim.pair)
            if relation is None:
                relation = knowledge.relations[claim.pair] = Relation(
                    claim.pair, relation_slug(claim.pair, registry))
            relation.claims.append(claim)
    _check_relation_slugs(knowledge, problems)
    report_duplicate_articles(read, problems)
    knowledge.events = merge_events(knowledge.events, problems)
    warn_likely_duplicates(knowledge.events, problems)
    for relation in knowledge.relations.values():
        relation.claims.sort(key=lambda claim: claim.order_key)
        knowledge.events += status_changes(relation, registry)
    knowledge.figures = mark_older(knowledge.figures)
    knowledge.finish()
    return knowledge


def contribution_of_file(path: Path, content: Path, registry: Registry, root: Path,
                         duplicate_of: Path | None = None) -> Contribution:
    """Read and check one article file, keeping its problems with it: the unit of work that
    runs on any core (and that can be reused while the file does not change)."""
    problems = Problems(root=root)
    raw = read_article(path, content, problems)
    with registry.consulting() as consulted:
        if raw is None:
            contribution = Contribution(path)
        else:
            contribution = contribute(raw, registry, Checker(problems), duplicate_of)
    contribution.problems, contribution.reminders = problems.items, problems.reminders
    contribution.warnings = problems.warnings
    contribution.consulted = json.dumps(sorted(consulted), ensure_ascii=False,
                                        separators=(",", ":"))
    contribution.registry_view = "" if problems.items else registry.view(consulted)
    return contribution


def _article(raw: RawArticle, registry: Registry, checker: Checker) -> Article | None:
    problems = checker.problems
    front = checker.record(raw.front, FRONT_MATTER, raw.path, 2, "")
    front = front if front is not None and front.valid else None
    slug = slug_of_file(raw.path)
    if not slug:
        problems.add(raw.path, 1, "file name", "the file name gives no address for the article",
                     "name it with letters and digits, e.g. 2025-kazakhstan-turkiye.md")
        return None
    blocks = split_body(raw.body, raw.body_first_line)
    if not any(block.kind == "paragraph" and block.text for block in blocks):
        problems.add(raw.path, raw.body_first_line, "body", "the article has no text",
                     "write the article below the front matter")
        return None
    # With broken front matter the annotations are still checked, so that one run reports
    # everything; the problems already recorded keep this article off the site.
    values = front.values if front is not None else {"title": "", "date": PartialDate(1),
                                                       "publication": "", "summary": ""}
    if front is not None:
        registry.report_unknown(front, FRONT_MATTER, raw.path, problems)
    return Article(
        slug=slug, path=problems.display(raw.path), title=values["title"], date=values["date"],
        publication=values["publication"], summary=values["summary"], url=values.get("url", ""),
        authors=tuple(values.get("authors", ())), topics=tuple(values.get("topics", ())),
        sources=tuple(values.get("sources", ())), blocks=tuple(blocks),
        aliases=tuple(values.get("aliases", ())), text_digest=text_digest(tuple(blocks)))


def _annotations(raw: RawArticle, article: Article, registry: Registry, checker: Checker,
                 contribution: Contribution) -> None:
    problems = checker.problems
    data = raw.annotation
    path = raw.annotation_path
    for key in data:
        if key not in ANNOTATION_SECTIONS:
            hint = did_you_mean(key, list(ANNOTATION_SECTIONS)) or (
                "sections: " + ", ".join(ANNOTATION_SECTIONS))
            problems.add(path, data.line_of(key), key, f"unknown section '{key}'", hint)
    paragraphs = [normalise(block.text) for block in article.paragraphs]
    for section, record in ANNOTATION_SECTIONS.items():
        items = checker.records(data.get(section), record, path, data.line_of(section), section)
        for item in items:
            if not item.valid:
                continue
            where = item.where
            if item.values.get("draft"):
                problems.remind(path, item.line_of("draft"), f"{where}.draft",
                                f"draft {record.name} not yet confirmed",
                                "check it against the article, then delete 'draft: true'")
            if not registry.report_unknown(item, record, path, problems):
                continue
            if section == "relations" and not (_two_actors(item, path, where, problems)
                                               and _label_or_status(item, path, where, problems)):
                continue
            if section == "assessments" and not _assessment_actors(item, path, where, problems):
                continue
            if section == "figures":
                _warn_of_a_target_as_actual(item, path, where, problems)
            quote = item.values.get("evidence") or item.values.get("text")
            citation = _cite(quote, paragraphs, article, item, path, where, problems)
            if citation is None or item.values.get("draft"):
                continue  # a draft is checked like any claim, but stays off the site
            if not registry.resolves(item, record):
                continue  # it names an entry its entity file lost to a problem, reported there
            _add_claim(section, item.values, citation, article, registry, contribution,
                       (problems.display(path), item.line))


def _two_actors(item: Item, path, where, problems) -> bool:
    actors = item.values["actors"]
    if len(actors) == 2 and actors[0] != actors[1]:
        return True
    if len(actors) == 2:
        message = f"a relation needs two different actors, not '{actors[0]}' twice"
    else:
        message = f"a relation has exactly two actors, not {len(actors)}"
    problems.add(path, item.line_of("actors"), f"{where}.actors", message,
                 "name the pair, e.g. [KZ, TR]; use an event for more than two actors")
    return False


def _label_or_status(item: Item, path, where, problems) -> bool:
    values = item.values
    if values.get("status"):
        return True
    fine = True
    for name, hint in (("label", "add 'label:' (the relation in the source's words) or "
                                 "'status:' (an id from content/entities/statuses.yml)"),
                       ("stance", "add 'stance:' (cooperative, mixed, tense or hostile) or "
                                  "'status:' (an id from content/entities/statuses.yml)")):
        if name not in values:
            problems.add(path, item.line, f"{where}.{name}", "missing field", hint)
            fine = False
    return fine


def _assessment_actors(item: Item, path, where, problems) -> bool:
    actors = item.values["actors"]
    if len(actors) in (1, 2) and len(set(actors)) == len(actors):
        return True
    problems.add(path, item.line_of("actors"), f"{where}.actors",
                 f"an assessment is about one actor or one pair, not {len(actors)}"
                 if len(set(actors)) == len(actors) else "the same actor is named twice",
                 "name one actor, e.g. [KZ], or a relation's two actors, e.g. [KZ, TR]")
    return False


def _cite(quote, paragraphs, article: Article, item: Item, path, where, problems):
    found = find_paragraphs(quote, paragraphs)
    field_name = "evidence" if "evidence" in item.values else "text"
    line = item.line_of(field_name)
    if not found:
        problems.add(path, line, f"{where}.{field_name}",
                     f"evidence not found in the article: \"{_short(quote)}\"",
                     not_found_hint(quote, Path(article.path).name))
        return None
    if len(found) > 1:
        numbers = ", ".join(str(article.paragraphs[i].number) for i in found)
        problems.add(path, line, f"{where}.{field_name}",
                     f"evidence found in more than one paragraph ({numbers}): \"{_short(quote)}\"",
                     "quote more words, so that only one paragraph matches")
        return None
    return Citation(article.slug, article.paragraphs[found[0]].number, quote)


# A metric named as a plan ("bilateral trade target") is most often a target typed as an
# actual value, which the bottom line would then show as the series' latest value.
_PLANNED_WORDS = re.compile(r"\b(targets?|goals?|forecasts?|projected|projections?|planned)\b",
                            re.IGNORECASE)


def _warn_of_a_target_as_actual(item: Item, path, where: str, problems: Problems) -> None:
    if item.values.get("type", "actual") != "actual":
        return
    found = _PLANNED_WORDS.search(item.values["metric"])
    if found:
        problems.warn(path, item.line_of("metric"), f"{where}.metric",
                      f"the metric's name says '{found.group(0)}' but the figure is an actual "
                      "value",
                      "if it is a target or a forecast, write 'type: target' (or 'forecast') "
                      "and name the series itself, e.g. 'bilateral trade'")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _add_claim(section: str, values: dict, citation: Citation, article: Article,
               registry: Registry, contribution: Contribution, origin: tuple[str, int]) -> None:
    if section in ("countries", "organisations", "people", "topics"):
        kind = {"countries": "country", "organisations": "organisation", "people": "person",
                "topics": "topic"}[section]
        contribution.mentions.append(Mention(kind, values["id"], citation))
    elif section == "relations":
        pair = pair_of(values["actors"], registry)
        status = registry.lookup("status", values.get("status", ""))
        if values.get("status") and status is None:
            return  # its entry in statuses.yml has a problem, reported there
        label = values.get("label") or (status.name if status else "")
        contribution.relation_claims.append(RelationClaim(
            pair, label, values.get("stance") or status.stance, tuple(values.get("sectors", ())),
            tuple(values.get("frameworks", ())), article.date, citation,
            status=status.id if status else "", as_of=values.get("as_of"),
            quoted=is_quoted(label, citation.quote)))
    elif section == "events":
        kind = values["kind"]
        tone = float(values.get("tone", EVENT_KIND_TONES[kind][2]))
        actors = dict.fromkeys(values["actors"])
        for role in ("source", "target"):  # who did what to whom are actors too
            if values.get(role):
                actors.setdefault(values[role])
        contribution.events.append(Event(
            values["date"], kind, event_class(kind, tone), values["title"],
            tuple(actors), citation, values.get("place", ""),
            values.get("place_country", ""), tuple(values.get("people", ())),
            tone=tone, id=values.get("id", ""), source=values.get("source", ""),
            target=values.get("target", ""), affected=tuple(values.get("affected", ())),
            expected=bool(values.get("expected")), citations=(citation,), origin=origin))
    elif section == "figures":
        contribution.figures.append(Figure(
            values["metric"], tuple(values["actors"]), values["value"], values["unit"],
            values.get("bound", "exactly"), citation, values.get("period"),
            type=values.get("type", "actual"), source_type=values.get("source_type", ""),
            topics=tuple(values.get("topics", ()))))
    elif section == "quotes":
        contribution.quotes.append(Quote(values["text"], values["speaker"], citation,
                                      values.get("person", ""), tuple(values.get("actors", ()))))
    elif section == "assessments":
        actors = values["actors"]
        actors = pair_of(actors, registry) if len(actors) == 2 else tuple(actors)
        contribution.assessments.append(Assessment(
            actors, values["period"], values["trend"], values["reason"], citation))


def is_quoted(label: str, evidence: str) -> bool:
    """True when a label's words are in its evidence: only then is it shown as a quotation."""
    words = normalise(label)
    return bool(words) and words in normalise(evidence)


def _check_relation_slugs(knowledge: KnowledgeBase, problems: Problems) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for pair, relation in knowledge.relations.items():
        other = seen.get(relation.slug)
        if other and other != pair:
            problems.add("content/entities", 1, "name", f"the relations {'–'.join(pair)} and "
                         f"{'–'.join(other)} would share the address /relations/{relation.slug}/",
                         "give one of the actors a different name in content/entities/")
        seen[relation.slug] = pair
