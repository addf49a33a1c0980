"""Time, tone and trend: statuses that hold from a date, events scored and merged across
articles, trends worked out by a rule, and the bottom line built from them."""

from __future__ import annotations

import pytest

from generator.build import check, load_project
from generator.content.dates import PartialDate, Period, parse_date, parse_period
from generator.content.schema import event_class
from generator.knowledge.briefing import key_numbers
from generator.knowledge.linking import is_quoted
from generator.knowledge.model import Citation, Event, Figure
from generator.knowledge.trends import DETERIORATING, IMPROVING, UNCHANGED, UNKNOWN, outlook, trend
from tests.conftest import dedent, write_small_project

STATUSES = """\
    - id: alliance
      name: alliance
      score: 9
    - id: strategic-partnership
      name: strategic partnership
      score: 7
    - id: dispute
      name: dispute
      score: -5
    """


def add_article(root, name: str, date: str, body: str, annotation: str) -> None:
    articles = root / "content" / "articles"
    (articles / f"{name}.md").write_text(dedent(f"""\
        ---
        title: {name}
        date: {date}
        publication: Test Desk
        summary: A test article.
        ---
        """) + dedent(body), encoding="utf-8")
    (articles / f"{name}.yml").write_text(dedent(annotation), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    root = write_small_project(tmp_path / "site")
    (root / "content" / "entities" / "statuses.yml").write_text(dedent(STATUSES))
    return root


def knowledge_of(root):
    knowledge, problems = check(load_project(root))
    assert not problems, [str(p) for p in problems.sorted()]
    return knowledge, problems


def problems_of(root) -> list[str]:
    _, problems = check(load_project(root))
    return [str(problem) for problem in problems.sorted()]


def event(date: str, tone: float, kind: str = "meeting", **more) -> Event:
    citation = Citation("a", more.pop("paragraph", 1), date)
    return Event(parse_date(date), kind, event_class(kind, tone), f"{kind} {date}", ("KZ", "TR"),
                 citation, tone=tone, citations=(citation,), **more)


# -- dates --------------------------------------------------------------------------------

def test_a_date_given_as_a_year_sorts_after_the_dated_events_of_that_year():
    dates = [parse_date(text) for text in ("2025", "2025-07-29", "2025-07", "2024-12-31",
                                           "2026-01")]
    assert [str(d) for d in sorted(dates)] == ["2024-12-31", "2025-07-29", "2025-07", "2025",
                                               "2026-01"]


def test_periods_are_months_or_quarters_and_hold_only_dates_inside_them():
    quarter, month = parse_period("2025-Q3"), parse_period("2025-07")
    assert (quarter.label, month.label) == ("Q3 2025", "July 2025")
    assert quarter.holds(parse_date("2025-09-30")) and month.holds(parse_date("2025-07"))
    assert not quarter.holds(parse_date("2025"))  # a year lies in no quarter
    assert not month.holds(parse_date("2025-08-01"))
    assert parse_period("2025-Q1").previous() == parse_period("2024-Q4")
    assert parse_period("2025-01").previous() == parse_period("2024-12")
    for wrong in ("2025-13", "2025-Q5", "2025", "Q3 2025", 2025):
        assert parse_period(wrong) is None


# -- the trend rule, computed by hand -----------------------------------------------------

Q3 = Period(2025, 3)


def test_no_dated_event_in_the_period_is_not_enough_data():
    # The only events: one before the quarter, one dated by the year alone, one planned.
    events = [event("2025-06-30", 8), event("2025", 8), event("2025-08-01", 8, expected=True)]
    assert trend(events, Q3).direction == UNKNOWN


def test_a_mean_tone_of_two_or_more_is_improving():
    # visit 1.9, agreement 8.0, meeting 1.0: mean 10.9 / 3 = 3.63
    events = [event("2025-07-28", 1.9, "visit"), event("2025-07-29", 8, "agreement"),
              event("2025-07-29", 1.0)]
    found = trend(events, Q3)
    assert (found.direction, found.mean) == (IMPROVING, 3.63)
    assert len(found.basis) == 3


def test_a_mean_of_exactly_minus_two_is_deteriorating_and_between_is_unchanged():
    assert trend([event("2025-12-26", -2, "accusation")],
                 Period(2025, 4, 12)).direction == DETERIORATING
    # accusation −2 and visit 1.9: mean −0.05, routine contact: unchanged
    mixed = [event("2025-08-02", -2, "accusation"), event("2025-08-20", 1.9, "visit")]
    assert trend(mixed, Q3).direction == UNCHANGED


def test_a_change_of_status_decides_before_the_events():
    # Events average −6.5, but the status rose: improving.
    up = event("2025-09-01", 2, "status change", status_change=("dispute", "strategic"))
    events = [event("2025-07-01", -6.5, "protest"), event("2025-07-02", -6.5, "protest"), up]
    found = trend(events, Q3)
    assert found.direction == IMPROVING and found.basis == (up,)
    down = event("2025-09-02", -3, "status change", status_change=("strategic", "dispute"))
    # One change up, one down: net 0, so the events decide (mean −6.5).
    assert trend(events + [down], Q3).direction == DETERIORATING


def test_an_editors_assessment_takes_the_place_of_the_rule():
    from generator.knowledge.model import Assessment
    assessment = Assessment(("KZ", "TR"), Q3, UNCHANGED, "talks went on",
                            Citation("a", 2, "talks"))
    found = trend([event("2025-07-29", 8, "agreement")], Q3, [assessment])
    assert found.direction == UNCHANGED and found.assessment is assessment


def test_the_outlook_is_the_month_and_quarter_of_the_newest_source_and_sees_a_flip():
    events = [event("2025-08-01", -6.5, "protest"), event("2025-10-09", 8, "agreement"),
              event("2025-12-26", -2, "accusation")]
    seen = outlook(events, parse_date("2025-12-29"))
    assert seen.month.period == Period(2025, 4, 12) and seen.month.direction == DETERIORATING
    assert seen.quarter.period == Period(2025, 4)  # mean (8 − 2) / 2 = 3: improving
    assert seen.quarter.direction == IMPROVING
    assert seen.headline is seen.month
    assert seen.flipped.direction == DETERIORATING  # Q3 was deteriorating
    assert outlook(events, None).month.direction == UNKNOWN


# -- statuses -------------------------------------------------------------------------------

BODY = """\
    In 2009 the two countries signed a strategic partnership treaty.

    In 2022 they raised it to an alliance, both sides said.

    A dispute over tariffs broke out in March 2025.
    """


def test_the_current_status_is_the_latest_as_of_not_the_last_in_the_file(project):
    add_article(project, "2025-history", "2025-06-01", BODY, """\
        relations:
          - actors: [KZ, TR]
            status: dispute
            as_of: 2025-03
            evidence: A dispute over tariffs broke out
          - actors: [KZ, TR]
            status: strategic-partnership
            as_of: 2009
            label: strategic partnership treaty
            evidence: signed a strategic partnership treaty
          - actors: [KZ, TR]
            status: alliance
            as_of: 2022
            evidence: they raised it to an alliance
        """)
    knowledge, _ = knowledge_of(project)
    relation = knowledge.relations[("KZ", "TR")]
    assert [c.status for c in relation.status_claims] == [
        "strategic-partnership", "alliance", "dispute"]
    assert relation.current.status == "dispute"
    assert relation.current.stance == "tense"  # from the score −5
    assert relation.since.holds_from == parse_date("2025-03")
    changes = [e for e in knowledge.events if e.status_change]
    assert [(e.status_change, e.tone, str(e.date)) for e in changes] == [
        (("strategic-partnership", "alliance"), 2, "2022"),
        (("alliance", "dispute"), -10, "2025-03")]  # 9 → −5 is −14, held to the scale
    assert [e.event_class for e in changes] == ["verbal cooperation", "verbal conflict"]
    # The small project's label without status is a note, not a status.
    assert [c.label for c in relation.notes] == ["expanded strategic partnership"]


def test_a_tie_in_as_of_goes_to_the_newest_article(project):
    for name, date, status in (("2025-old", "2025-02-01", "alliance"),
                               ("2025-new", "2025-05-01", "dispute"),
                               ("2025-middle", "2025-03-01", "alliance")):
        add_article(project, name, date, f"In 2024 relations were a {status}. ({name})\n", f"""\
            relations:
              - actors: [TR, KZ]
                status: {status}
                as_of: 2024
                evidence: relations were a {status}
            """)
    knowledge, _ = knowledge_of(project)
    relation = knowledge.relations[("KZ", "TR")]
    assert relation.current.citation.article == "2025-new"
    assert relation.current.status == "dispute"


def test_as_of_defaults_to_the_article_date(project):
    add_article(project, "2025-now", "2025-04-02", "They are allies now.\n", """\
        relations:
          - actors: [KZ, TR]
            status: alliance
            evidence: They are allies now
        """)
    knowledge, _ = knowledge_of(project)
    assert knowledge.relations[("KZ", "TR")].current.holds_from == parse_date("2025-04-02")


def test_a_label_is_a_quotation_only_when_its_words_are_in_the_evidence():
    assert is_quoted("expanded strategic partnership",
                     'speak of an "expanded strategic partnership"')
    assert not is_quoted("regular rail services", "agreed to launch rail services")
    assert not is_quoted("", "anything")


# -- events ----------------------------------------------------------------------------------

VISIT = """\
    events:
      - id: tokayev-ankara
        date: {date}
        kind: {kind}
        title: Tokayev in Ankara
        actors: [KZ, TR]
        evidence: {quote}
    """


def test_one_event_told_by_two_articles_is_one_event_with_two_sources(project):
    add_article(project, "2025-first", "2025", "Tokayev was in Ankara that year.\n",
                VISIT.format(date="2025", kind="visit", quote="Tokayev was in Ankara"))
    add_article(project, "2025-second", "2025-08-01", "Tokayev came to Ankara on 28 July.\n",
                VISIT.format(date="2025-07-28", kind="visit", quote="Tokayev came to Ankara"))
    knowledge, _ = knowledge_of(project)
    visits = [e for e in knowledge.events if e.id == "tokayev-ankara"]
    assert len(visits) == 1
    visit = visits[0]
    assert str(visit.date) == "2025-07-28"  # the most precise date
    assert {c.article for c in visit.sources} == {"2025-first", "2025-second"}
    assert visit.differing == ()  # 2025 contains 28 July: the sources agree
    assert visit.tone == 1.9


def test_sources_that_disagree_on_the_date_are_kept_as_differing(project):
    add_article(project, "2025-first", "2025-08-01", "Tokayev was in Ankara on 29 July.\n",
                VISIT.format(date="2025-07-29", kind="visit", quote="Tokayev was in Ankara"))
    add_article(project, "2025-second", "2025-08-02", "Tokayev came to Ankara on 28 July.\n",
                VISIT.format(date="2025-07-28", kind="visit", quote="Tokayev came to Ankara"))
    knowledge, _ = knowledge_of(project)
    visit = next(e for e in knowledge.events if e.id == "tokayev-ankara")
    assert sorted(str(date) for date, _ in visit.differing) == ["2025-07-28", "2025-07-29"]


def test_two_events_sharing_an_id_with_different_kinds_is_a_located_error(project):
    add_article(project, "2025-first", "2025-08-01", "Tokayev was in Ankara on 29 July.\n",
                VISIT.format(date="2025-07-29", kind="visit", quote="Tokayev was in Ankara"))
    add_article(project, "2025-second", "2025-08-02", "Tokayev came to Ankara on 28 July.\n",
                VISIT.format(date="2025-07-28", kind="summit", quote="Tokayev came to Ankara"))
    found = problems_of(project)
    assert len(found) == 1
    assert found[0].startswith("content/articles/2025-second.yml:2: id: the event id "
                               "'tokayev-ankara' names an event of kind 'summit' here but "
                               "of kind 'visit' in "
                               "content/articles/2025-first.yml:2")


def test_likely_duplicates_are_warned_about_until_ids_say_what_they_are(project):
    plain = VISIT.replace("      - id: tokayev-ankara\n        date", "      - date")
    add_article(project, "2025-first", "2025-08-01", "Tokayev was in Ankara in July.\n",
                plain.format(date="2025-07", kind="visit", quote="Tokayev was in Ankara"))
    add_article(project, "2025-second", "2025-08-02", "Tokayev came to Ankara on 28 July.\n",
                plain.format(date="2025-07-28", kind="visit", quote="Tokayev came to Ankara"))
    knowledge, problems = knowledge_of(project)  # a warning blocks nothing
    warnings = [str(w) for w in problems.warnings]
    assert len(warnings) == 1
    assert warnings[0].startswith("content/articles/2025-second.yml:2: events: likely the same "
                                  "event as 'Tokayev in Ankara' (content/articles/2025-first.yml:2)")
    second = project / "content" / "articles" / "2025-second.yml"
    second.write_text(second.read_text().replace("  - date", "  - id: another-visit\n    date"))
    first = project / "content" / "articles" / "2025-first.yml"
    first.write_text(first.read_text().replace("  - date", "  - id: a-visit\n    date"))
    _, problems = knowledge_of(project)
    assert problems.warnings == []


def test_tone_overrides_the_kind_and_decides_the_class(project):
    add_article(project, "2025-freeze", "2025-08-01", "The ministry announced a freeze.\n", """\
        events:
          - date: 2025-07-30
            kind: statement
            tone: -4
            title: Freeze announced
            actors: [KZ]
            source: KZ
            target: TR
            evidence: announced a freeze
        """)
    knowledge, _ = knowledge_of(project)
    freeze = next(e for e in knowledge.events if e.title == "Freeze announced")
    assert (freeze.tone, freeze.event_class) == (-4, "verbal conflict")
    assert freeze.actors == ("KZ", "TR")  # the target is an actor too
    assert freeze in knowledge.events_of("KZ", "TR")


def test_an_affected_party_and_the_place_bring_the_event_to_their_pages(project):
    add_article(project, "2025-attack", "2025-12-01", "Drones struck the terminal.\n", """\
        events:
          - date: 2025-11-29
            kind: attack
            title: Terminal struck
            actors: [ots]
            place_country: TR
            affected: [KZ]
            evidence: Drones struck the terminal
        """)
    knowledge, _ = knowledge_of(project)
    attack = next(e for e in knowledge.events if e.title == "Terminal struck")
    assert attack in knowledge.events_of("KZ")
    assert attack in knowledge.events_of("KZ", "TR")  # the relation among the parties
    assert attack.event_class == "material conflict" and attack.tone == -9
    assert "2025-attack" in {a.slug for a in knowledge.articles_about("country", "KZ")}


# -- figures ---------------------------------------------------------------------------------

def figure(value, period=None, kind="actual", paragraph=1) -> Figure:
    return Figure("trade", ("TR", "KZ") if kind == "target" else ("KZ", "TR"), value,
                  "billion USD", "exactly", Citation("a", paragraph, str(value)),
                  parse_date(period) if period else None, type=kind)


def test_key_numbers_give_the_latest_value_its_change_and_the_latest_target():
    figures = [figure(6.3, "2022"), figure(6.0, "2023"), figure(5, "2024"),
               figure(10, kind="target", paragraph=2), figure(15, kind="target", paragraph=3),
               figure(11, "2030", kind="forecast")]
    (number,) = key_numbers(figures)
    assert (number.latest.value, number.previous.value, number.target.value) == (5, 6.0, 15)
    assert number.change == "down 17% from"


def test_older_values_are_marked_and_targets_and_forecasts_are_not_values(project):
    add_article(project, "2025-trade", "2025-03-01", dedent("""\
        Trade was $6.3 billion in 2022.

        The aim is $10 billion, and a forecast says $11 billion by 2030.
        """), """\
        figures:
          - metric: bilateral trade
            actors: [TR, KZ]
            value: 6.3
            unit: billion USD
            period: 2022
            source_type: official statistics
            evidence: Trade was $6.3 billion in 2022
          - metric: bilateral trade
            actors: [KZ, TR]
            value: 10
            unit: billion USD
            type: target
            evidence: The aim is $10 billion
          - metric: bilateral trade
            actors: [KZ, TR]
            value: 11
            unit: billion USD
            type: forecast
            period: 2030
            evidence: a forecast says $11 billion by 2030
        """)
    knowledge, _ = knowledge_of(project)
    trade = {(f.value, f.type): f for f in knowledge.figures_of("KZ", "TR")}
    assert trade[(6.3, "actual")].older  # the small project's 2024 value supersedes it
    assert trade[(6.3, "actual")].source_type == "official statistics"
    assert not trade[(5, "actual")].older
    assert not trade[(11, "forecast")].older and not trade[(10, "target")].older


def test_timeline_counts_and_classes_use_the_tone_not_the_kind():
    assert event_class("statement", -4) == "verbal conflict"
    assert event_class("agreement", 8) == "material cooperation"
    assert event_class("protest", 0) == "neutral"
    assert PartialDate(2025, 7).quarter == 3 and PartialDate(2025).quarter == 0
