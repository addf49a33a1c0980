"""Cross-references resolved once, in the knowledge base, whatever order editors write pairs."""

from __future__ import annotations

from generator.build import check, load_project


def knowledge_of(project):
    knowledge, problems = check(load_project(project))
    assert not problems, [str(p) for p in problems.sorted()]
    return knowledge


def test_a_pair_is_one_relation_in_either_order(small_project):
    annotation = small_project / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text().replace("figures:\n", """\
  - actors: [KZ, TR]
    label: partners in transport
    stance: mixed
    evidence: in transport
figures:
"""))
    knowledge = knowledge_of(small_project)
    assert list(knowledge.relations) == [("KZ", "TR")]
    relation = knowledge.relations[("KZ", "TR")]
    assert relation.slug == "kazakhstan-turkiye"
    assert [claim.label for claim in relation.claims] == [
        "expanded strategic partnership", "partners in transport"]


def test_articles_are_found_through_every_kind_of_claim(small_project):
    knowledge = knowledge_of(small_project)
    slugs = ["2025-test"]
    assert [a.slug for a in knowledge.articles_about("country", "KZ")] == slugs
    assert [a.slug for a in knowledge.articles_about("country", "TR")] == slugs  # via the relation
    assert [a.slug for a in knowledge.articles_about("organisation", "ots")] == slugs  # framework
    assert [a.slug for a in knowledge.articles_about("topic", "middle-corridor")] == slugs
    assert [a.slug for a in knowledge.articles_about("relation", "kazakhstan-turkiye")] == slugs
    assert knowledge.articles_about("person", "kassym-jomart-tokayev") == []
    figure = knowledge.figures_of("TR", "KZ")[0]
    assert (figure.citation.article, figure.citation.paragraph) == ("2025-test", 3)
    assert knowledge.memberships_of("KZ")[0][0].id == "ots"
    assert "KZ" in knowledge.countries_with_pages() and "TR" in knowledge.countries_with_pages()
