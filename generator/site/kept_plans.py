"""The pages of an entity, kept from the last build when nothing they are made from changed.

Planning every page in order to key it was the largest step of a build that adds one article
to ten thousand (33 s of 58). A page's inputs key (engine/incremental.page_key) is made of
the environment (code, templates, entities), the page's plain values and the articles it
draws on; the pages of one country, relation, organisation, person or topic (its page and
the archive parts of its long lists) are planned from the same things: the articles about
it, the environment, and a few facts about the whole site (which countries have pages, the
feeds, the site's name and address). Of people, organisations and topics, they count only
the entries their articles name and those they show of their own (the keying
build._render_changed gives them), so a person added to people.yml plans again only the
pages that show that person. While none of these changed, its pages are what they were:
their paths, titles and keys are taken from the last build, and they are not planned.

What each entity's pages were made from is kept in ``build/.briefings-plans.json``, beside
the article cache, as a digest. The plans are only a shortcut: without the file, or with any
doubt (a page whose key or file is not what the manifest says), the pages are planned.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ..engine.incremental import Keying, digest
from ..engine.output import write_atomically
from .page_plan import Page

PLANS_FILE = ".briefings-plans.json"
_FORMAT = 2


class KeptPlans:
    def __init__(self, folder: Path, site_wide: Iterable[str], previous: dict[str, str],
                 docs: Path, keying: Keying, of_page: Callable[[str], str] = lambda path: ""):
        """``site_wide``: everything besides the environment and an entity's articles its
        pages are made from; ``keying``: how its pages are keyed (the environment and each
        article's key: see build._render_changed); ``of_page``: what else one entity's page
        is made from, by its path (its feed); ``previous``: the last build's page keys."""
        self.of_page = of_page
        self.file = folder / PLANS_FILE
        self.site_wide = digest(str(_FORMAT).encode(), *(part.encode() for part in site_wide))
        self.keying = keying
        self.previous = previous
        self.docs = docs
        self.last = self._read()
        self.kept: dict[str, dict] = {}
        self.planned: list[tuple[str, str, list[Page]]] = []

    def _read(self) -> dict[str, dict]:
        try:
            found = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict) or found.get("site wide") != self.site_wide:
            return {}
        units = found.get("units")
        return units if isinstance(units, dict) else {}

    def pages(self, unit: str, path: str, sources: Iterable[str],
              plan: Callable[[], list[Page]], extra: str = "") -> list[Page]:
        """The pages of one entity (``unit``, e.g. "countries/kazakhstan", its page at
        ``path``): its last build's, when the articles it draws on (``sources``, by slug) are
        the same, byte for byte, and so is ``extra`` (what else its pages show that other
        articles can change, or entries of the entity files); else ``plan()``'s."""
        keying = self.keying
        source_keys = keying.article_keys
        if not source_keys:  # a knowledge base linked in memory: nothing to compare with
            return plan()
        signature = digest(self.site_wide.encode(), keying.environment.encode(),
                           unit.encode(), self.of_page(path).encode(), extra.encode(),
                           *(f"{slug}:{source_keys.get(slug, '')}".encode()
                             for slug in sorted(sources)))
        last = self.last.get(unit)
        if isinstance(last, dict) and last.get("signature") == signature \
                and self._still_there(last):
            self.kept[unit] = last
            return [Page(path, "", {"title": title}, frozenset(), kept_key=key)
                    for path, key, title in last["pages"]]
        pages = plan()
        self.planned.append((unit, signature, pages))
        return pages

    def _still_there(self, last: dict) -> bool:
        try:
            return all(self.previous.get(path) == key and (self.docs / path).is_file()
                       for path, key, _ in last["pages"])
        except (KeyError, TypeError, ValueError):  # not three values each: not ours to trust
            return False

    def save(self, keys: dict[str, str]) -> None:
        """Record every entity's pages with their keys (``keys``: every page's) for the next
        build. Best effort: a plan that cannot be saved costs the next build time only."""
        units = dict(self.kept)
        for unit, signature, pages in self.planned:
            if all(page.path in keys for page in pages):
                units[unit] = {"signature": signature,
                               "pages": [[page.path, keys[page.path],
                                          str(page.context.get("title", ""))] for page in pages]}
        data = json.dumps({"site wide": self.site_wide, "units": dict(sorted(units.items()))},
                          ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            write_atomically(self.file, data.encode("utf-8"))
        except OSError:
            with contextlib.suppress(OSError):  # an old record is checked key by key anyway
                self.file.unlink(missing_ok=True)
