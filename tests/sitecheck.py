"""Reading a built site as a reader's browser would: its links, anchors and text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (href, link text)
        self.resources: list[str] = []  # src/href of scripts, styles, images
        self.text_by_id: dict[str, list[str]] = {}
        self._open_links: list[list] = []
        self._id_stack: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("div", "p", "li", "tr", "td", "span", "a", "h1", "h2", "h3", "blockquote"):
            self._id_stack.append((tag, attributes.get("id")))
            if attributes.get("id"):
                self.text_by_id.setdefault(attributes["id"], [])
        if tag == "a" and "href" in attributes:
            self._open_links.append([attributes["href"], ""])
        for name in ("src",):
            if attributes.get(name):
                self.resources.append(attributes[name])
        # rel=canonical and rel=alternate name an address; the browser fetches none of them.
        if tag == "link" and attributes.get("href") and not {"canonical", "alternate"} & set(
                (attributes.get("rel") or "").split()):
            self.resources.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            href, text = self._open_links.pop()
            self.links.append((href, " ".join(text.split())))
        for index in range(len(self._id_stack) - 1, -1, -1):
            if self._id_stack[index][0] == tag:
                del self._id_stack[index:]
                break

    def handle_data(self, data):
        self.text.append(data)
        for link in self._open_links:
            link[1] += data
        for _, ident in self._id_stack:
            if ident:
                self.text_by_id[ident].append(data)

    def text_of(self, ident: str) -> str:
        return " ".join("".join(self.text_by_id.get(ident, [])).split())


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_file(site: Path, url_path: str) -> Path:
    """The file a URL path such as /relations/kazakhstan-turkiye/ is served from."""
    target = site / url_path.lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal href points to, or None for an external link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, parts.fragment
    base = posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    target = site / joined
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment
