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


def _questions(knowledge) -> list:
    """Every question pages ask of a knowledge base, each as a call to make."""
    asked = []
    for code in knowledge.countries_with_pages():
        asked += [lambda k, code=code: k.articles_about("country", code),
                  lambda k, code=code: k.events_of(code), lambda k, code=code: k.figures_of(code),
                  lambda k, code=code: k.quotes_of(code), lambda k, code=code: k.relations_of(code),
                  lambda k, code=code: k.mentions_of("country", code)]
    for pair in knowledge.relations:
        asked += [lambda k, pair=pair: k.told_about(k.relations[pair]),
                  lambda k, pair=pair: k.events_of(*pair),
                  lambda k, pair=pair: k.figures_of(*pair)]
    registry = knowledge.registry
    for ref in registry.people:
        asked += [lambda k, ref=ref: k.events_with_person(ref),
                  lambda k, ref=ref: k.quotes_by(ref),
                  lambda k, ref=ref: k.articles_about("person", ref)]
    for ref in registry.organisations:
        asked += [lambda k, ref=ref: k.relations_in(ref),
                  lambda k, ref=ref: k.articles_about("organisation", ref)]
    for ref in registry.topics:
        asked += [lambda k, ref=ref: k.articles_about("topic", ref),
                  lambda k, ref=ref: k.figures_on(ref)]
    for slug in knowledge.articles:
        asked += [lambda k, slug=slug: k.claims_in(slug), lambda k, slug=slug: k.events_in(slug)]
    return asked


def test_answers_do_not_depend_on_which_question_comes_first(sample_project):
    # The indexes are built by whichever question needs them first (a page's, or none at
    # all in the process that makes the data downloads): the answers must be the same.
    first, second = knowledge_of(sample_project), knowledge_of(sample_project)
    questions = _questions(first)
    assert len(questions) > 200
    forwards = [question(first) for question in questions]
    backwards = [question(second) for question in reversed(questions)][::-1]
    assert forwards == backwards
    assert any(forwards)


def test_the_newest_article_is_the_one_with_the_newest_date(sample_project):
    knowledge = knowledge_of(sample_project)
    slugs = list(knowledge.articles)
    assert len({knowledge.articles[slug].date for slug in slugs}) > 3  # dates that differ
    # Every run of the articles, in either order, and with a slug no article has.
    for start in range(len(slugs)):
        for chosen in (slugs[start:], slugs[start::2], slugs[:start + 1][::-1]):
            newest = knowledge.newest_article([*chosen, "no-such-article"])
            assert newest.date == max(knowledge.articles[slug].date for slug in chosen)
            assert newest.slug in chosen
    assert knowledge.newest_article([]) is None
    assert knowledge.newest_article(["no-such-article"]) is None


def test_an_events_parties_are_its_actors_place_and_those_it_affects_once_each(sample_project):
    knowledge = knowledge_of(sample_project)
    for event in knowledge.events:
        expected = list(dict.fromkeys(
            [*event.actors, *([event.place_country] if event.place_country else []),
             *event.affected]))
        assert list(event.parties) == expected
    assert any(set(event.parties) > set(event.actors) for event in knowledge.events), \
        "the sample has an event with a party besides its actors"
