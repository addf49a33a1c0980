"""The corpus of broken inputs: each a patch of the small test project and the one problem
(file, line, field, message) it must be reported as. Used by test_bad_input.py."""

from __future__ import annotations

from dataclasses import dataclass, field

ART = "content/articles/2025-test.md"
ANN = "content/articles/2025-test.yml"
ORGS = "content/entities/organisations.yml"
TOPICS = "content/entities/topics.yml"
COUNTRIES = "content/entities/countries.yml"
PEOPLE = "content/entities/people.yml"
STATUSES = "content/entities/statuses.yml"
BRIEF = "content/briefs/kazakhstan-turkiye.yml"
ART2 = "content/articles/2025-test2.md"  # sorted after ART: the later of the two is reported
ANN2 = "content/articles/2025-test2.yml"
PAGE = "content/pages/about.md"
PAGE_TEXT = "\nWho we are.\n"
TWO_VISITS = """events:
  - id: ankara-talks
    date: 2025-05
    kind: visit
    title: Tokayev in Ankara
    actors: [KZ, TR]
    evidence: Tokayev went to Ankara
  - id: ankara-talks
    date: 2025-05
    kind: summit
    title: Talks in Ankara
    actors: [KZ, TR]
    evidence: in transport
figures:
"""

# A brief on the relation the small project's article gives, quoting that article.
BRIEF_ON_TEST = ("relation: [KZ, TR]\nwritten: 2025-06-01\nsentences:\n"
                 "  - text: They speak of an expanded strategic partnership.\n"
                 "    article: 2025-test\n    evidence: expanded strategic partnership\n")

# An article of its own (not a copy of ART, which is a problem of its own).
ANOTHER_ARTICLE = ("---\ntitle: Another\ndate: 2025-06\npublication: Test Desk\nsummary: S.\n---\n"
                   "Another article, with words of its own.\n")


@dataclass
class Case:
    name: str
    # Edits: (file, old, new) replaces text once; (file, None, new) writes the whole file
    # (bytes or text); (file, "symlink", target) makes a link.
    edits: list[tuple]
    expected: list[tuple[str, int, str, str]]  # file, line, field, words of the message
    code: int = 1
    notes: str = ""
    extra: dict = field(default_factory=dict)


ALIAS_BOMB = "countries:\n" + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{level}: &{level} [{', '.join(['*' + chr(ord(level) - 1)] * 9)}]\n" for level in "bcdefghi")

CASES = [
    # -- malformed YAML -----------------------------------------------------------------------
    Case("tab-indentation", [(ANN, "    evidence: Tokayev went", "\tevidence: Tokayev went")],
         [(ANN, 3, "evidence", "invalid YAML")]),
    Case("bad-indentation", [(ANN, "    label: expanded", "   label: expanded")],
         [(ANN, 6, "label", "invalid YAML")]),
    Case("unclosed-double-quote", [(ANN, 'evidence: an "expanded strategic partnership"',
                                       'evidence: "an expanded strategic partnership')],
         [(ANN, 10, "evidence", "invalid YAML")]),
    Case("unclosed-single-quote-front-matter",
         [(ART, "summary: A short test article.", "summary: 'A short test article.")],
         [(ART, 5, "summary", "invalid YAML")]),
    Case("unclosed-bracket", [(ANN, "actors: [TR, KZ]", "actors: [TR, KZ")],
         [(ANN, 5, "actors", "invalid YAML")]),
    Case("colon-in-plain-text", [(ANN, "label: expanded strategic partnership",
                                  "label: expanded: strategic: partnership")],
         [(ANN, 6, "label", "invalid YAML")]),
    # -- duplicate keys ---------------------------------------------------------------------------
    Case("duplicate-key-annotation",
         [(ANN, "    stance: cooperative\n", "    stance: cooperative\n    stance: tense\n")],
         [(ANN, 8, "stance", "duplicate key 'stance' (first on line 7)")]),
    Case("duplicate-key-front-matter", [(ART, "date: 2025-05-07\n", "date: 2025-05-07\ndate: 2024\n")],
         [(ART, 4, "date", "duplicate key 'date' (first on line 3)")]),
    Case("duplicate-key-entities", [(TOPICS, "  name: Middle Corridor\n",
                                     "  name: Middle Corridor\n  name: Again\n")],
         [(TOPICS, 3, "name", "duplicate key 'name' (first on line 2)")]),
    Case("duplicate-section", [(ANN, "figures:\n", "countries:\n  - id: TR\n    evidence: Ankara\n"
                                "figures:\n")],
         [(ANN, 11, "countries", "duplicate key 'countries' (first on line 1)")]),
    # -- unknown fields, with a hint --------------------------------------------------------------
    Case("unknown-field-evidnce", [(ANN, "    evidence: Trade passed", "    evidnce: Trade passed")],
         [(ANN, 18, "figures[1].evidnce", "unknown field 'evidnce' (did you mean 'evidence'?)")]),
    Case("unknown-front-matter-field", [(ART, "publication: Test Desk", "publisher: Test Desk")],
         [(ART, 4, "publisher", "unknown field 'publisher' (did you mean 'publication'?)")]),
    Case("unknown-section", [(ANN, "relations:", "relation:")],
         [(ANN, 4, "relation", "unknown section 'relation' (did you mean 'relations'?)")]),
    Case("unknown-entity-field", [(ORGS, "  short: OTS", "  acronym: OTS")],
         [(ORGS, 3, "organisations[1].acronym", "unknown field 'acronym'")]),
    # -- wrong types ---------------------------------------------------------------------------
    Case("number-as-words", [(ANN, "    value: 5", "    value: five")],
         [(ANN, 14, "figures[1].value", "expected a number, got 'five'")]),
    Case("number-not-finite", [(ANN, "    value: 5", "    value: .nan")],
         [(ANN, 14, "figures[1].value", "expected a number")]),
    Case("list-expected", [(ANN, "    sectors: [transport]", "    sectors: transport")],
         [(ANN, 8, "relations[1].sectors", "expected a list of texts")]),
    Case("text-expected", [(ANN, "    label: expanded strategic partnership",
                            "    label: {a: b}")],
         [(ANN, 6, "relations[1].label", "expected text")]),
    Case("section-not-a-list", [(ANN, "countries:\n  - id: KZ\n    evidence: Tokayev went to Ankara",
                                 "countries:\n  id: KZ")],
         [(ANN, 1, "countries", "'countries' must be a list of items")]),
    Case("front-matter-not-a-mapping", [(ART, "title: Kazakhstan and Türkiye talk trade\n"
                                         "date: 2025-05-07\npublication: Test Desk\nsummary: A short "
                                         "test article.\ntopics: [middle-corridor]\n", "- a list\n")],
         [(ART, 2, "front matter", "must be a list of 'field: value' lines")]),
    Case("annotation-not-a-mapping", [(ANN, None, "- just a list\n")],
         [(ANN, 1, "sections", "an annotation file holds sections")]),
    Case("url-not-http", [(ART, "publication: Test Desk", "publication: Test Desk\n"
                           "url: javascript:alert(1)")],
         [(ART, 5, "url", "expected an http(s) address")]),
    Case("bad-choice", [(ANN, "    stance: cooperative", "    stance: friendly")],
         [(ANN, 7, "relations[1].stance", "'friendly' is not a known stance")]),
    Case("missing-field", [(ANN, "    stance: cooperative\n", "")],
         [(ANN, 5, "relations[1].stance", "missing field")]),
    # -- unknown ids ---------------------------------------------------------------------------
    Case("unknown-country-code", [(ANN, "  - id: KZ", "  - id: XX")],
         [(ANN, 2, "countries[1].id", "unknown country code 'XX'")]),
    Case("lower-case-country-code", [(ANN, "  - id: KZ", "  - id: kz")],
         [(ANN, 2, "countries[1].id", "unknown country code 'kz' (country codes are written in "
                                      "capitals: 'KZ')")]),
    Case("unknown-organisation", [(ANN, "frameworks: [ots]", "frameworks: [otz]")],
         [(ANN, 9, "relations[1].frameworks", "unknown organisation 'otz' (did you mean 'ots'?)")]),
    Case("unknown-topic", [(ART, "topics: [middle-corridor]", "topics: [middle-coridor]")],
         [(ART, 6, "topics", "unknown topic 'middle-coridor' (did you mean 'middle-corridor'?)")]),
    Case("unknown-region", [(COUNTRIES, "  demonyms: [Kazakh]", "  demonyms: [Kazakh]\n"
                             "  groups: [centrl-asia]")],
         [(COUNTRIES, 7, "countries[2].groups", "unknown region 'centrl-asia'")]),
    Case("unknown-member-country", [(ORGS, "members: [KZ, TR]", "members: [KZ, TX]")],
         [(ORGS, 4, "organisations[1].members", "unknown country code 'TX'")]),
    Case("unknown-country-override", [(COUNTRIES, "- id: KZ", "- id: KQ")],
         [(COUNTRIES, 5, "id", "'KQ' is not an ISO 3166-1 alpha-2 country code, nor one ISO "
                               "leaves to users (AA, QM–QZ, XA–XZ, ZZ) (use an ISO 3166-1 alpha-2 "
                               "code such as KZ, or for a place ISO gives no code a user-assigned "
                               "code")]),
    # -- codes ISO 3166 leaves to users (a place it gives no code) and suggestions by name ----------
    Case("user-assigned-code-without-name", [(COUNTRIES, "- id: KZ", "- id: QQ")],
         [(COUNTRIES, 5, "countries[2].name", "missing field: 'QQ' is a user-assigned code, which "
                                              "names no country until its entry gives a name")]),
    Case("kosovo-without-name", [(COUNTRIES, None, "- id: XK\n  capital: Pristina\n")],
         [(COUNTRIES, 1, "countries[1].name", "(add 'name: Kosovo' (the name the site shows)")]),
    Case("misspelt-code-and-name", [(COUNTRIES, "- id: KZ", "- id: KZZ\n  name: Kazakstan")],
         [(COUNTRIES, 5, "id", "'KZZ' is not an ISO 3166-1 alpha-2 country code, nor one ISO leaves "
                               "to users (AA, QM–QZ, XA–XZ, ZZ) (did you mean 'KZ' (Kazakhstan)?)")]),
    Case("misspelt-code-without-name", [(COUNTRIES, "- id: KZ", "- id: KZZ")],
         [(COUNTRIES, 5, "id", "(did you mean 'KZ'?)")]),
    Case("lower-case-user-assigned-code", [(COUNTRIES, "- id: KZ", "- id: xk\n  name: Kosovo")],
         [(COUNTRIES, 5, "id", "(country codes are written in capitals: 'XK')")]),
    Case("kosovo-under-a-made-up-code", [(COUNTRIES, "- id: KZ", "- id: KV\n  name: Kosovo")],
         [(COUNTRIES, 5, "id", "'KV' is not an ISO 3166-1 alpha-2 country code, nor one ISO leaves "
                               "to users (AA, QM–QZ, XA–XZ, ZZ) (Kosovo has no ISO 3166 code: write "
                               "the user-assigned code 'XK' (with this name))")]),
    Case("kosovo-under-tokelaus-code", [(COUNTRIES, "- id: KZ", "- id: TK\n  name: Kosovo")],
         [(COUNTRIES, 6, "name", "'Kosovo' is already the name of XK, not of TK (the map data has "
                                 "Kosovo as XK, a code ISO leaves to users: write id: XK)")]),
    Case("user-assigned-code-named-like-an-iso-country",
         [(COUNTRIES, "- id: KZ", "- id: XA\n  name: Türkiye")],
         [(COUNTRIES, 6, "name", "'Türkiye' is already the name of TR, not of XA (if you mean "
                                 "Türkiye, write id: TR")]),
    Case("user-assigned-alpha3-of-an-iso-country",
         [(COUNTRIES, None, "- id: XK\n  name: Kosovo\n  alpha3: SRB\n")],
         [(COUNTRIES, 3, "alpha3", "'SRB' is Serbia's code (RS) (use an alpha-3 code ISO leaves")]),
    Case("alpha3-on-an-iso-country", [(COUNTRIES, "  demonyms: [Kazakh]",
                                       "  demonyms: [Kazakh]\n  alpha3: KAZ")],
         [(COUNTRIES, 7, "alpha3", "KZ has the ISO alpha-3 code KAZ; 'alpha3' is only for a "
                                   "user-assigned code (delete the line)")]),
    Case("alpha3-not-three-capitals", [(COUNTRIES, None, "- id: XK\n  name: Kosovo\n  alpha3: xkx\n")],
         [(COUNTRIES, 3, "countries[1].alpha3", "expected three capital letters, got 'xkx'")]),
    Case("alpha3-code-in-an-annotation", [(ANN, "actors: [TR, KZ]", "actors: [TUR, KZ]")],
         [(ANN, 5, "relations[1].actors", "unknown actor 'TUR' ('TUR' is the alpha-3 code of "
                                          "Türkiye: write 'TR')")]),
    Case("undefined-user-assigned-code-in-an-annotation", [(ANN, "  - id: KZ", "  - id: XK")],
         [(ANN, 2, "countries[1].id", "unknown country code 'XK' ('XK' is a user-assigned code: "
                                      "define it in content/entities/countries.yml with '- id: XK' "
                                      "and a 'name:')")]),
    # -- relations --------------------------------------------------------------------------------
    Case("relation-with-itself", [(ANN, "actors: [TR, KZ]", "actors: [TR, TR]")],
         [(ANN, 5, "relations[1].actors", "a relation needs two different actors")]),
    Case("relation-with-one-actor", [(ANN, "actors: [TR, KZ]", "actors: [TR]")],
         [(ANN, 5, "relations[1].actors", "a relation has exactly two actors, not 1")]),
    Case("relation-with-three-actors", [(ANN, "actors: [TR, KZ]", "actors: [TR, KZ, ots]")],
         [(ANN, 5, "relations[1].actors", "a relation has exactly two actors, not 3")]),
    # -- evidence ---------------------------------------------------------------------------------
    Case("evidence-not-found", [(ANN, "evidence: Tokayev went to Ankara",
                                 "evidence: Tokayev flew to Ankara")],
         [(ANN, 3, "countries[1].evidence", "evidence not found in the article")]),
    Case("evidence-other-case", [(ANN, "evidence: Tokayev went to Ankara",
                                  "evidence: tokayev went to ankara")],
         [(ANN, 3, "countries[1].evidence", "evidence not found in the article")]),
    Case("evidence-found-twice", [(ART, "Trade passed $5 billion", "Tokayev went to Ankara. Trade "
                                   "passed $5 billion")],
         [(ANN, 3, "countries[1].evidence", "evidence found in more than one paragraph (1, 3)")]),
    Case("evidence-copied-with-markdown", [(ANN, "evidence: Tokayev went to Ankara",
                                            "evidence: Tokayev went to **Ankara**")],
         [(ANN, 3, "countries[1].evidence", "as the page shows them, without Markdown")]),
    Case("evidence-in-front-matter-only", [(ANN, "evidence: Tokayev went to Ankara",
                                            "evidence: A short test article")],
         [(ANN, 3, "countries[1].evidence", "evidence not found in the article")]),
    # -- dates ------------------------------------------------------------------------------------
    Case("date-month-13", [(ART, "date: 2025-05-07", "date: 2025-13-01")],
         [(ART, 3, "date", "expected a date, got '2025-13-01'")]),
    Case("date-in-words", [(ART, "date: 2025-05-07", "date: next year")],
         [(ART, 3, "date", "expected a date, got 'next year'")]),
    Case("date-february-30", [(ANN, "    period: 2024", "    period: 2024-02-30")],
         [(ANN, 17, "figures[1].period", "expected a date, got '2024-02-30'")]),
    Case("date-two-digit-year", [(ART, "date: 2025-05-07", "date: 25-05-07")],
         [(ART, 3, "date", "expected a date, got '25-05-07'")]),
    # -- articles as files ------------------------------------------------------------------------
    Case("empty-article", [(ART, None, "---\ntitle: T\ndate: 2025\npublication: P\nsummary: S\n"
                            "---\n\n")],
         [(ART, 7, "body", "the article has no text")]),
    Case("missing-front-matter", [(ART, None, "Just text, no front matter.\n")],
         [(ART, 1, "front matter", "the article has no front matter")]),
    Case("front-matter-not-closed", [(ART, None, "---\ntitle: T\ndate: 2025\n")],
         [(ART, 1, "front matter", "the front matter is not closed")]),
    Case("article-not-utf8", [(ART, None, "---\ntitle: caf\xe9\n---\nText\n".encode("latin-1"))],
         [(ART, 2, "encoding", "the file is not UTF-8 text")]),
    Case("annotation-not-utf8", [(ANN, None, "countries:\n  - id: KZ\n    evidence: \xe9\n"
                                  .encode("latin-1"))],
         [(ANN, 3, "encoding", "the file is not UTF-8 text")]),
    Case("missing-annotation-file", [(ANN, None, None)],
         [(ART, 1, "annotation file", "there is no annotation file 2025-test.yml")]),
    Case("annotation-without-article", [("content/articles/2025-other.yml", None, "countries:\n")],
         [("content/articles/2025-other.yml", 1, "file name", "there is no article 2025-other.md")]),
    Case("two-articles-one-address", [("content/articles/2025_Test.md", None, "copy:" + ART),
                                      ("content/articles/2025_Test.yml", None, "")],
         [("content/articles/2025_Test.md", 1, "file name", "would get the same address "
           "/articles/2025-test/ as content/articles/2025-test.md")]),
    Case("article-named-index", [("content/articles/index.md", None, ANOTHER_ARTICLE),
                                 ("content/articles/index.yml", None, "")],
         [("content/articles/index.md", 1, "file name", "the name 'index' is reserved")]),
    # -- hostile YAML -----------------------------------------------------------------------------
    Case("alias-bomb", [(ANN, None, ALIAS_BOMB)],
         [(ANN, 3, "b", "anchors and aliases (& and *) are not supported")]),
    Case("python-object-tag", [(ANN, None, "countries: !!python/object/apply:os.system "
                                "['touch /tmp/briefings-pwned']\n")],
         [(ANN, 1, "countries", "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
                                "allowed")]),
    Case("python-name-tag-entities", [(TOPICS, "  name: Middle Corridor",
                                       "  name: !!python/name:os.system")],
         [(TOPICS, 2, "name", "the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed")]),
    Case("custom-tag", [(ART, "summary: A short test article.", "summary: !include /etc/passwd")],
         [(ART, 5, "summary", "the tag '!include' is not allowed")]),
    # -- ids and paths that would escape ----------------------------------------------------------
    Case("id-escaping-output", [(ORGS, "- id: ots", "- id: ../../x")],
         [(ORGS, 1, "organisations[1].id", "expected an id, got '../../x'")]),
    Case("id-absolute-path", [(TOPICS, "- id: middle-corridor", "- id: /etc/passwd")],
         [(TOPICS, 1, "topics[1].id", "expected an id, got '/etc/passwd'")]),
    Case("duplicate-entity-id", [(TOPICS, None, "- id: middle-corridor\n  name: A\n"
                                  "- id: middle-corridor\n  name: B\n")],
         [(TOPICS, 3, "id", "duplicate id 'middle-corridor' (first on line 1)")]),
    # -- time, tone and briefs ---------------------------------------------------------------------
    Case("unknown-status", [(ANN, "    stance: cooperative\n",
                             "    stance: cooperative\n    status: alliance\n")],
         [(ANN, 8, "relations[1].status", "unknown status 'alliance'")]),
    Case("misspelt-status", [(STATUSES, None, "- id: alliance\n  name: alliance\n  score: 9\n"),
                             (ANN, "    stance: cooperative\n",
                              "    stance: cooperative\n    status: aliance\n")],
         [(ANN, 8, "relations[1].status", "unknown status 'aliance'")]),
    Case("status-score-off-the-scale", [(STATUSES, None, "- id: alliance\n  name: alliance\n"
                                         "  score: 12\n")],
         [(STATUSES, 3, "statuses[1].score", "12 is outside the scale")]),
    Case("tone-off-the-scale", [(ANN, "figures:\n", "events:\n  - date: 2025-05\n    kind: visit\n"
                                 "    title: Tokayev in Ankara\n    actors: [KZ, TR]\n"
                                 "    tone: 11\n    evidence: Tokayev went to Ankara\nfigures:\n")],
         [(ANN, 16, "events[1].tone", "11 is outside the scale")]),
    Case("one-event-id-two-kinds", [(ANN, "figures:\n", TWO_VISITS)],
         [(ANN, 18, "id", "the event id 'ankara-talks' names an event of kind 'summit' "
                          "here but of kind 'visit' in "
                          "content/articles/2025-test.yml:12")]),
    Case("brief-sentence-without-evidence",
         [(BRIEF, None, "relation: [KZ, TR]\nwritten: 2025-06-01\nsentences:\n"
                        "  - text: They speak of an expanded strategic partnership.\n"
                        "    article: 2025-test\n")],
         [(BRIEF, 4, "sentences[1].evidence", "missing field")]),
    Case("brief-evidence-not-in-article",
         [(BRIEF, None, "relation: [KZ, TR]\nwritten: 2025-06-01\nsentences:\n"
                        "  - text: They speak of an alliance.\n"
                        "    article: 2025-test\n    evidence: a full alliance\n")],
         [(BRIEF, 6, "sentences[1].evidence", "evidence not found in the article")]),
    # A brief on a page or a quote that a broken article would give: the article's problem is
    # reported, not again as the brief's (it is checked in full once the article passes).
    Case("broken-annotation-under-a-brief",
         [(BRIEF, None, BRIEF_ON_TEST), (ANN, "    evidence: Tokayev went", "\tevidence: Tokayev went")],
         [(ANN, 3, "evidence", "invalid YAML")]),
    Case("relation-under-a-brief-refused",
         [(BRIEF, None, BRIEF_ON_TEST), (ANN, "    stance: cooperative\n", "    stance: friendly\n")],
         [(ANN, 7, "relations[1].stance", "'friendly'")]),
    Case("unreadable-article-under-a-brief",
         [(BRIEF, None, BRIEF_ON_TEST),
          (ART, None, "---\ntitle: caf\xe9\n---\nText\n".encode("latin-1"))],
         [(ART, 2, "encoding", "the file is not UTF-8 text")]),
    Case("country-brief-over-a-broken-annotation",
         [(BRIEF, None, "country: GE\nwritten: 2025-06-01\nsentences:\n"
                        "  - text: Georgia lies on the corridor.\n"
                        "    article: 2025-test\n    evidence: Tokayev went to Ankara\n"),
          (ANN, "countries:\n", "countries:\n  - id: GE\n    evidence: in transport\n"),
          (ANN, "    evidence: Tokayev went", "\tevidence: Tokayev went")],
         [(ANN, 5, "evidence", "invalid YAML")]),
    # ... but what the brief gets wrong apart from the broken article is still said.
    Case("brief-own-mistake-beside-a-broken-annotation",
         [(ART2, None, ANOTHER_ARTICLE), (ANN2, None, "countries:\n  - id: TR\n"
                                                      "    evidence: words of its own\n"),
          (BRIEF, None, BRIEF_ON_TEST + "  - text: Another says more.\n"
                        "    article: 2025-test2\n    evidence: words it never used\n"),
          (ANN, "    evidence: Tokayev went", "\tevidence: Tokayev went")],
         [(ANN, 3, "evidence", "invalid YAML"),
          (BRIEF, 9, "sentences[2].evidence", "evidence not found in the article")]),
    Case("brief-on-a-page-no-article-gives",
         [(BRIEF, None, "relation: [KZ, AZ]\nwritten: 2025-06-01\nsentences:\n"
                        "  - text: They talk.\n"
                        "    article: 2025-test\n    evidence: Tokayev went to Ankara\n")],
         [(BRIEF, 1, "relation", "there is no relation page for KZ – AZ")]),
    # An entity file that does not parse loses its entries: an annotation or a brief that
    # names one is not faulted (nor linked), the file's own problem is the one reported.
    Case("relation-with-an-organisation-of-a-broken-file",
         [(ANN, "actors: [TR, KZ]", "actors: [KZ, ots]"),
          (ORGS, "  name: Organization", "name: Organization")],
         [(ORGS, 2, "name", "invalid YAML")]),
    Case("event-of-an-organisation-of-a-broken-file",
         [(ANN, "figures:", "events:\n  - date: 2025-05\n    kind: visit\n"
                            "    title: Tokayev at the OTS\n    actors: [KZ, ots]\n"
                            "    evidence: Tokayev went to Ankara\nfigures:"),
          (ORGS, "  name: Organization", "name: Organization")],
         [(ORGS, 2, "name", "invalid YAML")]),
    Case("brief-on-a-relation-of-a-broken-file",
         [(BRIEF, None, BRIEF_ON_TEST.replace("[KZ, TR]", "[KZ, ots]")),
          (ORGS, "  name: Organization", "name: Organization")],
         [(ORGS, 2, "name", "invalid YAML")]),
    # -- the same article saved twice -------------------------------------------------------------
    Case("duplicate-article-text",
         [(ART2, None, "copy:" + ART), (ANN2, None, "copy:" + ANN),
          (ART2, "Both sides spoke of", "Both  sides\nspoke   of")],  # re-wrapped, nothing else
         [(ART2, 8, "body", "this article has the same text as content/articles/2025-test.md")]),
    Case("duplicate-article-url",
         [(ART, "date: 2025-05-07\n", "date: 2025-05-07\nurl: https://news.example.org/a/1\n"),
          (ART2, None, "---\ntitle: Again\ndate: 2025-05-08\npublication: Other Desk\n"
                       "summary: S.\nurl: http://www.News.example.org/a/1/#top\n---\n"
                       "Tokayev spoke in Ankara on the next day.\n"),
          (ANN2, None, "")],
         [(ART2, 6, "url", "this article has the same url as content/articles/2025-test.md")]),
    Case("symlink-outside-content", [("content/articles/2025-linked.md", "symlink", "/etc/hostname"),
                                     ("content/articles/2025-linked.yml", None, "")],
         [("content/articles/2025-linked.md", 1, "file", "this link points outside content/")]),
    # -- editors' pages (content/pages/) ----------------------------------------------------------
    Case("page-unknown-field", [(PAGE, None, "---\ntitle: About\nnav_afer: Data\n---" + PAGE_TEXT)],
         [(PAGE, 3, "nav_afer", "unknown field 'nav_afer' (did you mean 'nav_after'?)")]),
    Case("page-without-title", [(PAGE, None, "---\nnav_after: Data\n---" + PAGE_TEXT)],
         [(PAGE, 2, "title", "missing field")]),
    Case("page-without-front-matter", [(PAGE, None, "Who we are.\n")],
         [(PAGE, 1, "front matter", "the page has no front matter")]),
    Case("page-unclosed-quote", [(PAGE, None, "---\ntitle: 'About\n---" + PAGE_TEXT)],
         [(PAGE, 2, "title", "invalid YAML")]),
    Case("page-without-text", [(PAGE, None, "---\ntitle: About\n---\n\n")],
         [(PAGE, 4, "body", "the page has no text")]),
    Case("page-after-unknown-entry",
         [(PAGE, None, "---\ntitle: About\nnav_after: Dat\n---" + PAGE_TEXT)],
         [(PAGE, 3, "nav_after", "the nav has no entry 'Dat' (did you mean 'Data'?)")]),
    Case("page-nav-title-taken",
         [(PAGE, None, "---\ntitle: About the data\nnav_title: Data\n---" + PAGE_TEXT)],
         [(PAGE, 3, "nav_title", "the nav already has an entry 'Data' (mkdocs.yml)")]),
    Case("pages-following-each-other",
         [(PAGE, None, "---\ntitle: About\nnav_after: Method\n---" + PAGE_TEXT),
          ("content/pages/method.md", None, "---\ntitle: Method\nnav_after: About\n---"
           + PAGE_TEXT)],
         [(PAGE, 3, "nav_after", "go round in a loop"),
          ("content/pages/method.md", 3, "nav_after", "go round in a loop")]),
    Case("page-after-but-not-in-nav",
         [(PAGE, None, "---\ntitle: About\nnav_after: Data\nin_nav: false\n---" + PAGE_TEXT)],
         [(PAGE, 3, "nav_after", "the page is not in the nav")]),
    Case("page-taking-a-section-s-address",
         [("content/pages/countries.md", None, "---\ntitle: Countries we cover\n---" + PAGE_TEXT)],
         [("content/pages/countries.md", 1, "file name", "the address /countries/ belongs")]),
]

# Inputs that look unusual but are fine: they must build.
ACCEPTED = {
    "byte-order-mark": [(ART, None, "bom:" + ART), (ANN, None, "bom:" + ANN)],
    "crlf-line-endings": [(ART, None, "crlf:" + ART), (ANN, None, "crlf:" + ANN)],
}
