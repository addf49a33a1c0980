"""The real seed article: every evidence quote of its annotation is found in the real text,
through the same reading, checking and linking code that builds the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.evidence import normalise
from generator.content.registry import load_registry
from generator.content.schema import Checker
from generator.content.sources import RawArticle, read_text, read_yaml_file
from generator.content.yamlfile import parse_yaml
from generator.engine.problems import Problems
from generator.knowledge.linking import assemble, contribute
from tests.conftest import NO_SEED, REPO, SEED

pytestmark = pytest.mark.seed

ANNOTATION = Path(__file__).parent / "fixtures" / "seed" / "000_e7307fcfda2f9286.yml"


@pytest.fixture(scope="module")
def seed_knowledge():
    assert SEED.is_file(), NO_SEED
    problems = Problems(root=REPO)
    checker = Checker(problems)
    registry, _ = load_registry(REPO / "content", checker)
    text = read_text(SEED, problems)
    # The seed is plain text: every non-empty line is a paragraph.
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    front = parse_yaml("title: Kazakhstan and Turkey Advance Strategic Ties\ndate: 2025\n"
                       "publication: seed\nsummary: The real seed article.\n", SEED, problems)
    annotation = read_yaml_file(ANNOTATION, problems)
    raw = RawArticle(SEED, front, body, 1, ANNOTATION, annotation)
    knowledge = assemble([contribute(raw, registry, checker)], registry, problems)
    return knowledge, problems, annotation, text


def test_every_seed_evidence_is_found_in_exactly_one_paragraph(seed_knowledge):
    knowledge, problems, annotation, _ = seed_knowledge
    assert [str(p) for p in problems.sorted()] == []
    claims = (len(knowledge.mentions) + sum(len(r.claims) for r in knowledge.relations.values())
              + len(knowledge.events) + len(knowledge.figures) + len(knowledge.quotes))
    assert claims == sum(len(items) for items in annotation.values())


def test_each_citation_points_at_the_paragraph_holding_the_quote(seed_knowledge):
    knowledge, _, _, text = seed_knowledge
    article = next(iter(knowledge.articles.values()))
    lines = [normalise(line) for line in text.split("\n") if line.strip()]
    citations = [m.citation for m in knowledge.mentions] + [e.citation for e in knowledge.events]
    citations += [f.citation for f in knowledge.figures] + [q.citation for q in knowledge.quotes]
    citations += [c.citation for r in knowledge.relations.values() for c in r.claims]
    for citation in citations:
        assert normalise(article.paragraphs[citation.paragraph - 1].text) == \
            lines[citation.paragraph - 1]
        assert normalise(citation.quote) in lines[citation.paragraph - 1]


def test_the_seed_annotation_covers_the_articles_main_claims(seed_knowledge):
    knowledge, _, _, _ = seed_knowledge
    relation = knowledge.relations[("KZ", "TR")]
    assert relation.latest.label == "expanded strategic partnership"
    # The annotation writes British English, as the site does.
    assert set(relation.sectors) >= {"energy", "transport", "defence", "education", "agriculture"}
    figure = next(f for f in knowledge.figures if set(f.actors) == {"KZ", "TR"})
    assert (figure.value, figure.bound, figure.period.iso) == (5, "more than", "2024")
    assert any(e.kind == "visit" and e.place == "Ankara" for e in knowledge.events)
    assert {("KZ", "RU"), ("CN", "KZ")} <= set(knowledge.relations)
    mentioned = {(m.kind, m.ref) for m in knowledge.mentions}
    assert {("organisation", "ots"), ("organisation", "eaeu"), ("organisation", "csto")} <= mentioned
