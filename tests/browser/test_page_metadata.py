"""What a browser, a link preview and a search engine read from the head of a page; flags as
images that load; the colour scheme that follows the reader's system setting."""

from __future__ import annotations

import pytest

HEAD = """() => {
  const content = (selector) => document.querySelector(selector)?.getAttribute('content');
  const tags = (prefix, attribute) => Object.fromEntries(
      [...document.head.querySelectorAll(`meta[${attribute}^="${prefix}"]`)]
          .map((meta) => [meta.getAttribute(attribute), meta.getAttribute('content')]));
  return {
    description: content('head meta[name="description"]'),
    og: tags('og:', 'property'),
    twitter: tags('twitter:', 'name'),
    canonical: document.querySelector('head link[rel="canonical"]')?.href,
    jsonld: [...document.head.querySelectorAll('script[type="application/ld+json"]')]
        .map((script) => JSON.parse(script.textContent)),
  };
}"""

PAGES = {
    "/countries/kazakhstan/": ("Country", "Kazakhstan"),
    "/relations/kazakhstan-turkiye/": ("WebPage", "Kazakhstan – Türkiye"),
    "/articles/2025-kazakhstan-turkiye-strategic-ties/": (
        "NewsArticle", "Kazakhstan and Türkiye widen their partnership"),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_the_head_describes_the_page(desktop, site_url, path):
    page, watch = desktop
    page.goto(site_url + path, wait_until="load")
    head = page.evaluate(HEAD)
    kind, title = PAGES[path]
    assert len(head["jsonld"]) == 1
    data = head["jsonld"][0]
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    assert head["description"] and not head["description"].startswith("Sourced briefings")
    assert head["og"]["og:description"] == head["twitter"]["twitter:description"] == \
        head["description"]
    assert head["og"]["og:title"] == head["twitter"]["twitter:title"] == title
    canonical = "https://briefings.example.org" + path
    assert head["canonical"] == head["og"]["og:url"] == canonical
    assert head["og"]["og:image"] == head["twitter"]["twitter:image"] == \
        "https://briefings.example.org/assets/social.png"
    assert head["og"]["og:type"] == ("article" if kind == "NewsArticle" else "website")
    if kind == "NewsArticle":
        assert data["headline"] == title and data["datePublished"] and data["publisher"]["name"]
    elif kind == "Country":
        assert data["name"] == title and "https://www.wikidata.org/wiki/Q232" in data["sameAs"]
    else:
        assert [actor["@type"] for actor in data["about"]] == ["Country", "Country"]
    assert watch.errors == [] and watch.foreign == []


def test_the_site_image_is_served(desktop, site_url):
    page, _ = desktop
    response = page.request.get(site_url + "/assets/social.png")
    assert response.ok and response.headers["content-type"] == "image/png"


FLAGS = """() => [...document.querySelectorAll('img.flag')].map((img) => ({
  alt: img.alt, width: img.naturalWidth, height: img.naturalHeight, complete: img.complete,
  shown: img.getBoundingClientRect().width, src: img.getAttribute('src')}))"""


def test_a_country_page_shows_its_flag_as_an_image(desktop, site_url):
    page, watch = desktop
    page.goto(site_url + "/countries/kazakhstan/", wait_until="load")
    flags = page.evaluate(FLAGS)
    assert len(flags) == 1
    flag = flags[0]
    assert flag["complete"] and flag["width"] > 0 and flag["height"] > 0 and flag["shown"] > 0
    assert flag["alt"] == "Flag of Kazakhstan"
    assert watch.errors == [] and watch.foreign == []


def test_every_flag_of_the_countries_index_loads(desktop, site_url):
    page, watch = desktop
    page.goto(site_url + "/countries/", wait_until="load")
    page.wait_for_function("[...document.querySelectorAll('img.flag')].every(i => i.complete)")
    flags = page.evaluate(FLAGS)
    assert len(flags) > 20
    broken = [flag["src"] for flag in flags if flag["width"] == 0 or not flag["alt"]]
    assert broken == []
    assert watch.errors == [] and watch.foreign == []


SCHEME = """() => ({scheme: document.body.getAttribute('data-md-color-scheme'),
  background: getComputedStyle(document.body).backgroundColor})"""


def _brightness(colour: str) -> float:
    red, green, blue = (float(part) for part in colour[colour.index("(") + 1:-1].split(",")[:3])
    return (red + green + blue) / 3


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_colour_scheme_follows_the_system_setting(browser, site_url, system):
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.goto(site_url + "/countries/kazakhstan/", wait_until="load")
    shown = page.evaluate(SCHEME)
    assert shown["scheme"] == ("slate" if system == "dark" else "default")
    assert (_brightness(shown["background"]) < 80) == (system == "dark")
    # The toggle still overrides the system setting.
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') === "
        f"'{'default' if system == 'dark' else 'slate'}'")
    context.close()
