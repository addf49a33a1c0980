"""In Chromium: a page's head names Atom feeds the browser can fetch and a feed reader can read,
and an entity page shows its own feed's link on the first screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import feedparser
import pytest

# rel is a set of tokens: "alternate " (see templates/theme/partials/feeds.html) is alternate.
FEED_LINKS = 'head link[rel~="alternate"][type="application/atom+xml"]'


@pytest.mark.parametrize(("path", "own"), [
    ("/countries/kazakhstan/", True),
    ("/relations/kazakhstan-turkiye/", True),
    ("/articles/2025-kazakhstan-turkiye-strategic-ties/", False),
])
def test_the_head_names_feeds_the_browser_can_fetch(desktop, site_url, path, own):
    page, watch = desktop
    page.goto(site_url + path)
    feeds = page.eval_on_selector_all(
        FEED_LINKS, "links => links.map(link => ({href: link.href, title: link.title}))")
    assert len(feeds) == (2 if own else 1)
    for feed in feeds:
        response = page.request.get(feed["href"])
        assert response.ok, feed["href"]
        parsed = feedparser.parse(response.body())
        assert not parsed.bozo and parsed.version == "atom10", feed["href"]
        assert parsed.feed.title == feed["title"]
    site_feed = feeds[-1]
    assert urlsplit(site_feed["href"]).path == "/feed.xml"
    if own:
        parsed = feedparser.parse(page.request.get(feeds[0]["href"]).body())
        alternate = next(link.href for link in parsed.feed.links if link.rel == "alternate")
        assert urlsplit(alternate).path == path  # the feed is this page's own
        visible = page.locator("article .follow a")
        assert visible.is_visible()
        assert visible.evaluate("link => link.href") == feeds[0]["href"]
        box = visible.bounding_box()
        assert box is not None and box["y"] < page.viewport_size["height"]
    else:
        assert page.locator(".follow").count() == 0
    # Material fetches sitemap.xml beside every link[rel=alternate]: none may 404.
    assert watch.errors == []
