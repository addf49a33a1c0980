"""The data downloads: the knowledge base as JSON and its tables as CSV, every row cited."""

from __future__ import annotations

import csv
import io
import json

from .knowledge import KnowledgeBase
from .model import Citation
from .urls import citation_url

# A cell that starts like a formula is run by spreadsheets; a leading quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _source(knowledge: KnowledgeBase, citation: Citation) -> dict:
    article = knowledge.articles[citation.article]
    return {"article": article.slug, "paragraph": citation.paragraph,
            "page": citation_url(article.slug, citation.anchor), "quote": citation.quote,
            "published": article.date.iso, "publication": article.publication}


def knowledge_json(knowledge: KnowledgeBase) -> dict:
    registry = knowledge.registry
    codes = knowledge.countries_with_pages()
    return {
        "articles": [{"slug": a.slug, "title": a.title, "date": a.date.iso,
                      "publication": a.publication, "url": a.url, "authors": list(a.authors),
                      "summary": a.summary, "topics": list(a.topics),
                      "sources": list(a.sources)} for a in knowledge.articles.values()],
        "countries": [{"code": c.code, "alpha3": c.alpha_3, "user_assigned": c.user_assigned,
                       "name": c.name, "aliases": list(c.other_names),
                       "demonyms": list(c.demonyms), "groups": list(c.groups),
                       "wikidata": c.wikidata} for c in (registry.countries[k] for k in codes)],
        "organisations": [{"id": o.id, "name": o.name, "short": o.short,
                           "members": list(o.members), "observers": list(o.observers),
                           "wikidata": o.wikidata} for o in registry.organisations.values()],
        "people": [{"id": p.id, "name": p.name, "role": p.role, "country": p.country,
                    "wikidata": p.wikidata} for p in registry.people.values()],
        "topics": [{"id": t.id, "name": t.name} for t in registry.topics.values()],
        "statuses": [{"id": s.id, "name": s.name, "score": s.score}
                     for s in registry.statuses.values()],
        "relations": [{"actors": list(r.pair), "slug": r.slug, "stance": r.stance,
                       "status": r.current.status if r.current else "",
                       "claims": [{"label": c.label, "quoted": c.quoted, "stance": c.stance,
                                   "status": c.status, "as_of": c.holds_from.iso,
                                   "sectors": list(c.sectors), "frameworks": list(c.frameworks),
                                   "date": c.date.iso, "source": _source(knowledge, c.citation)}
                                  for c in r.claims]} for r in knowledge.relations.values()],
        # "source" is the first citation (as before); "sources" every one, for merged events.
        "events": [{"id": e.id, "date": e.date.iso, "precision": e.date.precision,
                    "kind": e.kind, "tone": e.tone, "class": e.event_class, "title": e.title,
                    "actors": list(e.actors), "source_actor": e.source,
                    "target_actor": e.target, "affected": list(e.affected),
                    "expected": e.expected, "status_change": list(e.status_change),
                    "place": e.place, "place_country": e.place_country,
                    "people": list(e.people), "source": _source(knowledge, e.citation),
                    "sources": [_source(knowledge, c) for c in e.sources],
                    "differing_dates": [d.iso for d, _ in e.differing]}
                   for e in knowledge.events],
        "figures": [{"metric": f.metric, "actors": list(f.actors), "value": f.value,
                     "unit": f.unit, "bound": f.bound, "type": f.type,
                     "source_type": f.source_type, "topics": list(f.topics), "older": f.older,
                     "period": f.period.iso if f.period else "",
                     "source": _source(knowledge, f.citation)} for f in knowledge.figures],
        "assessments": [{"actors": list(a.actors), "period": a.period.key, "trend": a.trend,
                         "reason": a.reason, "source": _source(knowledge, a.citation)}
                        for a in knowledge.assessments],
        "quotes": [{"text": q.text, "speaker": q.speaker, "person": q.person,
                    "actors": list(q.actors), "source": _source(knowledge, q.citation)}
                   for q in knowledge.quotes],
    }


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START)
                         else cell for cell in row])
    return buffer.getvalue().encode("utf-8")


def download_files(knowledge: KnowledgeBase) -> dict[str, bytes]:
    data = knowledge_json(knowledge)
    # Compact: Python's fast JSON encoder only runs without indentation.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    files = {"data/knowledge.json": text.encode("utf-8")}
    files["data/events.csv"] = _csv(
        ["date", "kind", "class", "title", "actors", "place", "article", "paragraph", "tone",
         "id", "expected", "affected", "sources"],
        ([e["date"], e["kind"], e["class"], e["title"], " ".join(e["actors"]), e["place"],
          e["source"]["article"], e["source"]["paragraph"], e["tone"], e["id"],
          "yes" if e["expected"] else "", " ".join(e["affected"]), len(e["sources"])]
         for e in data["events"]))
    files["data/figures.csv"] = _csv(
        ["metric", "actors", "bound", "value", "unit", "period", "article", "paragraph", "type",
         "source_type", "older"],
        ([f["metric"], " ".join(f["actors"]), f["bound"], f["value"], f["unit"], f["period"],
          f["source"]["article"], f["source"]["paragraph"], f["type"], f["source_type"],
          "yes" if f["older"] else ""] for f in data["figures"]))
    files["data/relations.csv"] = _csv(
        ["actor_1", "actor_2", "date", "label", "stance", "sectors", "frameworks", "article",
         "paragraph", "status", "as_of"],
        ([r["actors"][0], r["actors"][1], c["date"], c["label"], c["stance"],
          " ".join(c["sectors"]), " ".join(c["frameworks"]), c["source"]["article"],
          c["source"]["paragraph"], c["status"], c["as_of"]]
         for r in data["relations"] for c in r["claims"]))
    return files
