"""The sample site briefs: each page's first screen says where things stand, which way they
move, the key numbers, what changed and what comes next, every number linked to its source."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.test_site import cited_paragraph


def page_html(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def bottom_line(html: str) -> str:
    match = re.search(r'<div[^>]*class="bottom-line".*?</div>', html, flags=re.S)
    assert match, "no bottom line"
    return match.group(0)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


ENTITY_PAGES = ["relations/kazakhstan-turkiye", "relations/azerbaijan-russia",
                "countries/kazakhstan", "organisations/ots", "topics/trade"]


@pytest.mark.parametrize("path", ENTITY_PAGES)
def test_the_bottom_line_comes_first(built_site, path):
    html = page_html(built_site, path)
    article = html[html.index("<h1"):]
    first_block = re.search(r"</h1>\s*(?:<!--.*?-->\s*)?(<\w+[^>]*>)", article, flags=re.S)
    assert 'class="bottom-line"' in first_block.group(1)
    assert "Trend:" in text(bottom_line(html))
    # no Markdown left unread in it: the newest source is a link, not "[date](path.md)"
    assert "](" not in text(bottom_line(html))
    title = re.search(r'<p class="bottom-line-title">(.*?)</p>', html, flags=re.S).group(1)
    assert re.search(r'newest source: <a href="[^"]*articles/', title)


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
         "eighteen": 18, "twenty": 20}


def numbers_in(words: str) -> set[float]:
    found = {float(number.replace(",", "")) for number in NUMBER.findall(unescape(words))}
    return found | {value for word, value in WORDS.items()
                    if re.search(rf"\b{word}\b", words, flags=re.I)}


@pytest.mark.parametrize("path", ENTITY_PAGES)
def test_every_number_on_the_bottom_line_links_to_the_paragraph_that_gives_it(built_site, path):
    page = built_site / path / "index.html"
    line = bottom_line(page.read_text(encoding="utf-8"))
    items = "".join(re.findall(r"<li>.*?</li>", line, flags=re.S))
    # Outside its links, no item of the bottom line has a digit: numbers and dates are links.
    assert not re.search(r"\d", text(re.sub(r"<a .*?</a>", "", items, flags=re.S)))
    for href in re.findall(r'href="([^"]*)"', items):
        assert re.search(r"#p-\d+$", href) or href == "#trend" or "/relations/" in href, href
    key_numbers = re.search(r"Key numbers:</strong>(.*?)</li>", line, flags=re.S)
    if path != "organisations/ots":
        assert key_numbers, "no key number"
    for href, label in re.findall(r'<a href="([^"]*#p-\d+)"[^>]*>([^<]*)</a>',
                                  key_numbers.group(1) if key_numbers else ""):
        paragraph = cited_paragraph(built_site, page, href)
        value = label.split(" in ")[0].split(" on ")[0]
        assert numbers_in(value) & numbers_in(paragraph.split(" ", 1)[1]), (label, paragraph)


def test_kazakhstan_turkiye_opens_with_its_status_trade_and_trend(built_site):
    line = text(bottom_line(page_html(built_site, "relations/kazakhstan-turkiye")))
    assert "Status: enhanced strategic partnership, since 10 May 2022" in line
    assert "bilateral trade: more than 5 billion USD in 2024" in line
    assert re.search(r"Latest: .*Tokayev", line)
    assert re.search(r"Trend: .*(improving|deteriorating|unchanged|not enough data)", line)
    assert "target 15 billion USD" in line
    # Each trend's arrow is told apart from the "·" between the parts of the line.
    trend = re.search(r"Trend: (.*)", line).group(1)
    assert re.search(r"– not enough data", trend), trend
    assert not re.search(r"· (improving|deteriorating|unchanged|not enough data)", trend)


def test_azerbaijan_russia_changes_status_and_deteriorates(built_site):
    html = page_html(built_site, "relations/azerbaijan-russia")
    line = text(bottom_line(html))
    assert "Status: partial thaw, since 9 October 2025" in line
    assert "deteriorating in December 2025" in line
    statuses = text(html[html.index('id="status-over-time"'):html.index('id="trend"')])
    assert statuses.index("alliance") < statuses.index("crisis") < statuses.index("partial thaw")
    assert "Azerbaijan – Russia: status from crisis to partial thaw" in text(html)
    # The trend's reasons: the quarters before, with the editors' assessment for July.
    trend = text(html[html.index('id="trend"'):])
    assert "Editors' assessment" in trend or "deteriorating" in trend


def test_the_duplicate_visit_is_one_event_with_its_sources(built_site):
    html = page_html(built_site, "relations/kazakhstan-turkiye")
    events = re.sub(r"<figure.*?</figure>", "", html[html.index('id="events"'):], flags=re.S)
    visits = [item for item in re.split(r"</li>", events)
              if "official visit to Ankara (visit" in text(item)]
    assert len(visits) == 1
    cited = set(re.findall(r'articles/([^/]+)/#p-\d+', visits[0]))
    assert {"2025-kazakhstan-turkiye-strategic-ties",
            "2025-kazakhstan-turkiye-partnership-history"} <= cited


def test_the_cpc_attack_reaches_the_kazakhstan_page(built_site):
    html = page_html(built_site, "countries/kazakhstan")
    assert "Naval drone attack damages the CPC terminal near Novorossiysk" in text(html)


def test_a_paraphrased_label_has_no_quotation_marks(built_site):
    page = text(page_html(built_site, "relations/kazakhstan-russia"))
    assert "cooperation through the EAEU and the CSTO" in page
    assert "“cooperation through the EAEU and the CSTO”" not in page
    quoted = text(page_html(built_site, "relations/kazakhstan-turkiye"))
    assert "“expanded strategic partnership”" in quoted


def test_the_home_page_leads_with_what_changed(built_site):
    html = page_html(built_site, "")
    changes = html.index('id="what-changed"')
    assert changes < html.index('id="where-the-articles-are"')
    items = re.findall(r"<li>(.*?)</li>", html[changes:html.index('id="latest-changes"') + 4000],
                       flags=re.S)
    assert items, "no change listed"
    assert "deteriorating relation" in text(items[0])  # deteriorating relations first


def test_each_month_with_changes_has_a_page(built_site):
    index = text(page_html(built_site, "changes"))
    assert "December 2025" in index
    month = text(page_html(built_site, "changes/2025-10"))
    assert "status from crisis to partial thaw" in month


def test_a_year_only_event_follows_the_dated_events_of_its_year(built_site):
    html = page_html(built_site, "timeline")
    year = html[html.index('id="2025"'):html.index('id="2024"')]
    titles = text(year)
    dated = titles.index("Naval drone attack damages the CPC terminal")  # 29 November 2025
    yearly = titles.index("Kazakhstan's foreign ministry protests the attack")  # 2025
    assert dated < yearly


def test_the_timeline_counts_events_per_quarter_by_class(built_site):
    html = page_html(built_site, "timeline")
    table = text(html[html.index('id="events-per-quarter"'):html.index('id="how-trends')])
    assert "Q4 2025" in table and "material conflict" in table
    for name in ("verbal-cooperation", "material-conflict"):
        assert (built_site / "timeline" / f"class-{name}" / "index.html").is_file()


def test_a_topic_shows_the_figures_annotated_with_it(built_site):
    html = text(page_html(built_site, "topics/trade"))
    assert "bilateral trade" in html
    assert "CPC pipeline length" not in html


# -- what a careful reader of the sample site found wrong (each fixed) --------------------------


def test_an_article_pages_topics_are_not_part_of_its_last_source(built_site):
    html = page_html(built_site, "articles/2026-cpc-terminal-drone-attack")
    sources = html[html.index('id="sources"'):]
    last_source = sources[:sources.index("</ul>")]
    assert "Topics:" not in last_source
    assert re.search(r"</ul>\s*<p><strong>Topics:</strong>", sources)


def test_a_quotes_speaker_is_named_once(built_site):
    for path in ("countries/kazakhstan", "people/kassym-jomart-tokayev",
                 "relations/azerbaijan-russia"):
        words = text(page_html(built_site, path))
        assert "Kassym-Jomart Tokayev, Kassym-Jomart Tokayev" not in words
        assert "Dmitry Peskov, Dmitry Peskov" not in words
    html = page_html(built_site, "relations/azerbaijan-russia")
    # "Dmitry Peskov, Kremlin spokesman": the name is the link, the role follows it.
    assert re.search(r'>Dmitry Peskov</a>, Kremlin spokesman\.', html)


def test_a_page_without_periods_to_judge_says_so_instead_of_an_empty_trend_table(built_site):
    html = page_html(built_site, "countries/libya")
    trend = html[html.index('id="trend"'):]
    trend = trend[:trend.index("</div>")]
    assert "<table" not in trend
    assert "No source yet gives a dated event or a change of status" in text(trend)
    # a page with periods keeps its table
    html = page_html(built_site, "relations/azerbaijan-russia")
    assert "<table" in html[html.index('id="trend"'):]


def test_the_relations_index_heads_each_group_and_lists_it_by_the_names_shown(built_site):
    html = page_html(built_site, "relations")
    headings = re.findall(r'<h2 id="[^"]*">([A-Z])<', html)
    assert headings == sorted(headings) and len(headings) == html.count("<table")
    group = html[html.index(">C<"):]
    group = group[:group.index("</table>")]
    names = re.findall(r'<td><a href="[^"]*">([^<]+)</a></td>', group)
    assert names == sorted(names, key=str.casefold), names
    assert "Caspian Pipeline Consortium – Kazakhstan" in names


def test_a_relations_status_is_said_in_the_status_name_wherever_it_is_listed(built_site):
    """Kazakhstan–Türkiye holds the status "enhanced strategic partnership" (a source words it
    "expanded"): the tables that list relations say the status, as the relation's page does."""
    for path in ("relations", "countries/kazakhstan", ""):
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        row = re.search(r"<tr>\s*<td><a [^>]*>Kazakhstan – Türkiye</a>.*?</tr>|"
                        r"<tr>\s*<td><a [^>]*relations/kazakhstan-turkiye/\"[^>]*>.*?</tr>",
                        html, flags=re.S)
        if row:
            assert "enhanced strategic partnership" in text(row.group(0)), path
            assert "expanded strategic partnership" not in text(row.group(0)), path


def test_a_relation_without_a_status_says_where_it_stands_in_its_bottom_line(built_site):
    line = text(bottom_line(page_html(built_site, "relations/kazakhstan-russia")))
    assert re.search(r"Where it stands: cooperative ?, “comprehensive strategic partnership and "
                     r"alliance” \( ?20 November 2025 ?\)", line), line
    # a relation with a status says the status instead
    line = text(bottom_line(page_html(built_site, "relations/kazakhstan-turkiye")))
    assert "Status: enhanced strategic partnership" in line and "Where it stands" not in line


def test_names_with_accents_are_in_alphabetical_order(built_site):
    names = re.findall(r'<td><a href="[^"]*">([^<]+)</a></td>',
                       page_html(built_site, "organisations"))
    assert "Électricité de France" in names
    after = names[names.index("Électricité de France") + 1]
    assert after.casefold() > "electricite de france" and not after.startswith("É")
    assert names[-1] != "Électricité de France"


def test_the_data_page_gives_the_newest_sources_date_as_the_site_writes_dates(built_site):
    words = text(page_html(built_site, "data"))
    assert re.search(r"the newest source is dated \d{1,2} [A-Z][a-z]+ \d{4}\)", words), words[:400]


def test_a_country_that_only_hosted_an_event_lists_it_but_takes_no_trend_or_people_from_it(
        built_site):
    """Uzbekistan and the EU signed their agreement in Brussels: Belgium's page lists it (it
    happened there), but Belgium's trend and people are not the signatories'."""
    html = page_html(built_site, "countries/belgium")
    assert "Uzbekistan and the EU sign an Enhanced Partnership" in text(html)
    line = text(bottom_line(html))
    assert "Trend: – not enough data" in line and "improving" not in line
    people = html[html.index('id="people"'):] if 'id="people"' in html else ""
    assert "Shavkat Mirziyoyev" not in text(people[:people.find("<h2", 10)])
    # the signatory's own country counts it
    assert "improving" in text(bottom_line(page_html(built_site, "countries/uzbekistan")))


def test_latest_events_are_told_apart_though_their_titles_hold_semicolons(built_site):
    line = text(bottom_line(page_html(built_site, "relations/azerbaijan-ots")))
    latest = line[line.index("Latest:"):]
    assert latest.count(" · ") == 2, latest  # three events
    assert "Gabala Declaration adopted; OTS+ format created" in latest


def test_an_actors_relations_are_listed_by_their_partners_names(built_site):
    html = page_html(built_site, "countries/kazakhstan")
    table = html[html.index("<th>Statements</th>"):]
    table = table[:table.index("</table>")]
    partners = re.findall(r'<td><a href="[^"]*relations/[^"]*">([^<]+)</a></td>', table)
    assert partners == sorted(partners, key=str.casefold) and "China" in partners, partners
    assert "Caspian Pipeline Consortium" in partners


def test_an_out_of_date_brief_says_so_in_a_sentence(built_site):
    words = text(page_html(built_site, "countries/kazakhstan"))
    assert re.search(r"Written \d{1,2} \w+ \d{4}; newer sources have come in since, so it may be "
                     r"out of date\.", words)
