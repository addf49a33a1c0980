"""Text from articles, annotations and entities is shown as text: no payload in any field
becomes markup or script, in the real browser, on any page or in search results."""

from __future__ import annotations

import json

import pytest

from generator.cli import main
from tests.conftest import write_small_project

# Each payload tries another way in; `window.__xss` is set if any of them ever runs.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<svg onload="window.__xss=3"></svg>',
    "[click](javascript:window.__xss=4)",
    "![pic](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9NTwvc2NyaXB0Pg==)",
    "&lt;script&gt;window.__xss=6&lt;/script&gt;",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    '<a href="javascript:window.__xss=7">x</a>',
    '"><script>window.__xss=8</script>',
    "'; window.__xss=9; '",
    '{: onclick="window.__xss=10" }',
    "<style>body{display:none}</style>",
    "<iframe src=javascript:window.__xss=11></iframe>",
    "[data](data:text/html,<script>window.__xss=12</script>)",
    "<!-- comment --> **bold** `code`",
]
ALL = " ".join(PAYLOADS)


def q(text: str) -> str:
    return json.dumps(text)  # a YAML string holding the payload exactly


def write_payload_project(root):
    write_small_project(root)
    entities = root / "content" / "entities"
    (entities / "countries.yml").write_text(
        f"- id: TR\n  name: {q('Türkiye ' + ALL)}\n  aliases: [{q('Turkey ' + ALL)}]\n"
        f"  demonyms: [{q('Turkish ' + PAYLOADS[1])}]\n  capital: {q('Ankara ' + ALL)}\n"
        f"- id: KZ\n  demonyms: [Kazakh]\n", encoding="utf-8")
    (entities / "regions.yml").write_text(
        f"- id: central-asia\n  name: {q('Central Asia ' + ALL)}\n  members: [KZ]\n"
        f"  description: {q(ALL)}\n", encoding="utf-8")
    (entities / "organisations.yml").write_text(
        f"- id: ots\n  name: {q('Organization of Turkic States ' + ALL)}\n"
        f"  short: {q('OTS' + PAYLOADS[0])}\n  aliases: [{q(ALL)}]\n  kind: {q(ALL)}\n"
        f"  members: [KZ, TR]\n  description: {q(ALL)}\n", encoding="utf-8")
    (entities / "people.yml").write_text(
        f"- id: kassym-jomart-tokayev\n  name: {q('Kassym-Jomart Tokayev ' + ALL)}\n"
        f"  role: {q(ALL)}\n  country: KZ\n  aliases: [{q(ALL)}]\n", encoding="utf-8")
    (entities / "topics.yml").write_text(
        f"- id: middle-corridor\n  name: {q('Middle Corridor ' + ALL)}\n"
        f"  aliases: [{q(ALL)}]\n  description: {q(ALL)}\n", encoding="utf-8")
    body = "\n\n".join([
        "President Kassym-Jomart Tokayev went to Ankara for talks.",
        "Both sides spoke of an “expanded strategic partnership” in transport.",
        "Trade passed $5 billion in 2024, officials said.",
        "Formatting stays: *emphasis*, a [safe link](https://example.org/page) and a list:",
        "- first item\n- second item",
        *PAYLOADS,
        '<div onclick="window.__xss=20">\nraw block\n</div>',
        "<script>\nwindow.__xss=21\n</script>",
        # Inside every other construct too (payloads no evidence quotes, each quote being in
        # one paragraph only): a table, a loose list, a quote, a note, code, a setext heading.
        f"| where | payload |\n|---|---|\n| cell | {PAYLOADS[12]} {PAYLOADS[4]} |",
        f"- list {PAYLOADS[3]}\n\n- nested\n  - {PAYLOADS[7]}",
        f"> quoted {PAYLOADS[13]}\n>\n> {PAYLOADS[11]}",
        f"Noted.[^payload]\n\n[^payload]: {PAYLOADS[12]} {PAYLOADS[3]}",
        f"```\n{PAYLOADS[12]}\n\n{PAYLOADS[11]}\n```",
        f"Heading {PAYLOADS[7]}\n---",
    ])
    odd_url = 'https://example.org/"onmouseover="x'
    (root / "content" / "articles" / "2025-test.md").write_text(
        f"---\ntitle: {q('Talks ' + ALL)}\ndate: 2025-05-07\npublication: {q(ALL)}\n"
        f"summary: {q(ALL)}\nauthors: [{q(ALL)}]\n"
        f"url: {q('https://example.org/x?a=1&b=<script>window.__xss=13</script>')}\n"
        f"sources:\n  - name: {q(ALL)}\n    url: {q(odd_url)}\n"
        f"topics: [middle-corridor]\n---\n{body}\n", encoding="utf-8")
    (root / "content" / "articles" / "2025-test.yml").write_text(f"""\
countries:
  - id: KZ
    evidence: {q(PAYLOADS[0])}
people:
  - id: kassym-jomart-tokayev
    evidence: {q(PAYLOADS[1])}
topics:
  - id: middle-corridor
    evidence: {q(PAYLOADS[6])}
relations:
  - actors: [TR, KZ]
    label: {q(ALL)}
    stance: cooperative
    sectors: [{q(ALL)}]
    frameworks: [ots]
    evidence: {q(PAYLOADS[10])}
events:
  - date: 2025-05
    kind: visit
    title: {q(ALL)}
    actors: [KZ, TR]
    place: {q(ALL)}
    place_country: TR
    people: [kassym-jomart-tokayev]
    evidence: {q(PAYLOADS[2])}
figures:
  - metric: {q(ALL)}
    actors: [KZ, TR]
    value: 5
    unit: {q(ALL)}
    bound: more than
    period: 2024
    evidence: {q(PAYLOADS[8])}
quotes:
  - text: {q(PAYLOADS[9])}
    speaker: {q(ALL)}
    person: kassym-jomart-tokayev
    actors: [KZ, TR]
""", encoding="utf-8")
    # An editor's page, in the nav of every page: its title, nav label and text.
    (root / "content" / "pages").mkdir()
    (root / "content" / "pages" / "about.md").write_text(
        f"---\ntitle: {q('About ' + ALL)}\nnav_title: {q('About ' + ALL)}\n---\n{body}\n",
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory, browser):
    root = write_payload_project(tmp_path_factory.mktemp("payloads") / "site")
    assert main(["--project", str(root), "build"]) == 0
    return root / "build" / "site"


@pytest.fixture(scope="module")
def payload_url(payload_site):
    from tests.browser.conftest import QuietHandler, serve

    with serve(payload_site, QuietHandler) as url:
        yield url


INJECTED = """() => {
  const bad = [];
  if (window.__xss !== undefined) bad.push('script ran: ' + window.__xss);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const shown = el.outerHTML.slice(0, 80);
      if (attr.name.startsWith('on') && attr.value.includes('__xss')) bad.push('handler: ' + shown);
      const url = ['href', 'src'].includes(attr.name);
      if (url && /^\\s*(javascript|data):/i.test(attr.value)) bad.push('url: ' + shown);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json') {  // data, never run: it must stay one JSON value
      try { JSON.parse(s.textContent); } catch (error) { bad.push('JSON-LD broken'); }
      continue;
    }
    if (s.textContent.includes('__xss')) bad.push('script element');
  }
  for (const tag of ['iframe', 'object', 'embed']) if (document.querySelector(tag)) bad.push(tag);
  for (const s of document.querySelectorAll('style')) {
    if (s.textContent.includes('display:none')) bad.push('style element');
  }
  if (getComputedStyle(document.body).display === 'none') bad.push('body hidden');
  return bad;
}"""


def test_no_payload_runs_or_becomes_markup_on_any_page(browser, payload_site, payload_url):
    paths = ["/" + p.parent.relative_to(payload_site).as_posix() + "/"
             for p in sorted(payload_site.rglob("index.html"))]
    paths = [path.replace("/./", "/") for path in paths]
    assert len(paths) > 15
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = {}
    for path in paths:
        page.goto(payload_url + path, wait_until="load")
        found = page.evaluate(INJECTED)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
    assert dialogs == []


def test_payloads_are_shown_as_text(browser, payload_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(payload_url + "/articles/2025-test/")
    text = page.inner_text("article")
    assert "<script>window.__xss=1</script>" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert '<div onclick="window.__xss=20">' in text
    assert "<script>window.__xss=1</script>" in page.title()
    # The article keeps its own Markdown formatting.
    assert page.locator(".article-body em", has_text="emphasis").count() == 1
    assert page.locator(".article-body a[href='https://example.org/page']").count() == 1
    assert page.locator(".article-body li", has_text="second item").count() == 1
    # ... and payloads inside a table cell, a list, a quote, a note or code are text.
    body = page.locator(".article-body")
    assert "<iframe src=javascript:window.__xss=11></iframe>" in body.locator("td").last.inner_text()
    assert '<a href="javascript:window.__xss=7">x</a>' in body.locator("ul ul li").inner_text()
    assert "<style>body{display:none}</style>" in body.locator("blockquote").inner_text()
    assert "<iframe" in body.locator(".footnote li").inner_text()
    assert "<style>" in body.locator("pre code").inner_text()
    assert "window.__xss=7" in body.locator("h2.article-heading").inner_text()
    page.goto(payload_url + "/relations/")
    page.locator("article a[href*='kazakhstan']").first.click()
    assert "<img src=x onerror=" in page.inner_text("article")
    context.close()


def test_search_results_show_payloads_as_text(browser, payload_url, payload_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(payload_url + "/articles/")
    page.click("input.md-search__input")
    page.keyboard.type("Turkey", delay=30)
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(payload_site.parent / "search.png"))
    assert page.evaluate(INJECTED) == []
    page.fill("input.md-search__input", "")
    page.keyboard.type("script", delay=30)
    page.wait_for_timeout(800)
    assert page.evaluate(INJECTED) == []
    context.close()
