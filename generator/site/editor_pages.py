"""Editors' own pages: About, Methodology, Corrections, ... from ``content/pages/NAME.md``.

Each is published as written, at ``/NAME/``, and placed in the nav where its front matter says
(see site_nav.py). Its text is treated as article text is: editors are trusted less than the
code, so raw HTML is shown as text, images become their description (an image from another
host would be a request to another host), and links keep only http(s) and mailto addresses,
plus addresses of this site written from its root (``/methodology/``,
``/countries/kazakhstan/#trend``), which become relative links so that the site works under
any base address; the generator checks that such a page exists.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from slugify import slugify

from ..content.body import safe_url
from ..content.schema import Checker, Field, Record
from ..content.sources import read_text, safe_files, split_front_matter
from ..engine.problems import Problems

PAGES = "pages"
_HEADING = re.compile(r"^<h([2-6])(?: [^>]*)?>(.*?)</h\1>$", re.MULTILINE)

EDITOR_PAGE = Record("page", (
    Field("title", "text", True, doc="the page's title, e.g. About this site"),
    Field("nav_title", "text", doc="its label in the nav, if shorter than the title"),
    Field("nav_after", "text", doc="the nav entry it follows: a section of mkdocs.yml's nav "
                                   "(e.g. Data) or another page's nav label"),
    Field("in_nav", "bool", doc="false: published, but not in the nav (link to it)"),
    Field("aliases", "texts", doc="the page's former file names, without .md: their addresses "
                                  "lead to the page"),
), doc="an editor's page")


@dataclass(frozen=True)
class EditorPage:
    slug: str  # the address: /slug/
    path: str  # the file, from the project's root, as messages name it
    title: str
    html: str  # the text, as safe HTML
    nav_title: str
    nav_title_line: int
    nav_after: str  # "" : at the end of the nav
    nav_after_line: int
    in_nav: bool
    aliases: tuple[str, ...]
    # Addresses of this site it links to ("/methodology/"), each with the line it is on.
    site_links: tuple[tuple[str, int], ...]

    @property
    def docs_path(self) -> str:
        return f"{self.slug}.md"

    @property
    def blocks(self) -> list[tuple[str, int, str]]:
        """The text as ("heading", level, plain text) and ("html", 0, safe HTML) runs: the
        headings are written as Markdown, so that the page's table of contents lists them."""
        parts = _HEADING.split(self.html)
        blocks: list[tuple[str, int, str]] = []
        for index in range(0, len(parts), 3):
            if parts[index].strip():
                blocks.append(("html", 0, parts[index].strip("\n")))
            if index + 2 < len(parts):
                blocks.append(("heading", int(parts[index + 1]), _heading_text(parts[index + 2])))
        return blocks


def _heading_text(fragment: str) -> str:
    """A rendered heading's words, for the Markdown heading that replaces it."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


class _EditorText(Treeprocessor):
    """Links, images and headings of an editor's page made safe and fit for the site."""

    def __init__(self, md, site_links: list[str]):
        super().__init__(md)
        self.site_links = site_links

    def run(self, root):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    _replace_with_text(parent, index, child,
                                       f"[image: {child.get('alt') or 'no description'}]")
        for element in root.iter("h1"):
            element.tag = "h2"  # the page title is the only h1, as on article pages
        for link in root.iter("a"):
            href = link.get("href", "")
            for attribute in list(link.attrib):
                if attribute not in ("href", "title"):
                    del link.attrib[attribute]
            if safe_url(href):
                link.set("rel", "nofollow noopener")
            elif href.startswith("/") and not href.startswith("//"):
                self.site_links.append(href)
                # The page is served at /slug/: the site's root is one folder up.
                link.set("href", "../" + href.lstrip("/"))
            elif href.startswith("#") and len(href) > 1:
                pass
            else:
                link.attrib.pop("href", None)


def _replace_with_text(parent, index: int, child, text: str) -> None:
    tail = child.tail or ""
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + text + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text + tail


class _EditorMarkdown(Extension):
    def __init__(self, site_links: list[str]):
        super().__init__()
        self.site_links = site_links

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.preprocessors.deregister("html_block")  # raw HTML is shown as text
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_EditorText(md, self.site_links), "editor_text", 0)


def render_text(text: str) -> tuple[str, list[str]]:
    """The safe HTML of an editor's Markdown, and the site addresses it links to."""
    site_links: list[str] = []
    renderer = markdown.Markdown(
        extensions=[_EditorMarkdown(site_links), "sane_lists", "tables", "toc"],
        extension_configs={"toc": {"permalink": False}}, output_format="html")
    return renderer.convert(text), site_links


RESERVED_NAMES = {"index", "assets", "pagefind", "search", "404", "sitemap"}


def load_editor_pages(content: Path, checker: Checker, sections) -> list[EditorPage]:
    """Every editor's page that passes its checks, in file-name order. ``sections``: the
    folders the generator writes (countries, relations, ...), whose names a page cannot take."""
    problems: Problems = checker.problems
    pages = []
    taken: dict[str, str] = {}
    reserved = RESERVED_NAMES | set(sections)
    for path in safe_files(content / PAGES, ".md", content, problems):
        page = _read(path, checker, reserved)
        if page is None:
            continue
        if page.slug in taken:
            problems.add(path, 1, "file name", f"this page would get the same address "
                         f"/{page.slug}/ as {taken[page.slug]}", "rename one of the two files")
            continue
        taken[page.slug] = page.path
        pages.append(page)
    return pages


def _read(path: Path, checker: Checker, reserved: set[str]) -> EditorPage | None:
    problems = checker.problems
    slug = slugify(path.stem)
    if not slug:
        problems.add(path, 1, "file name", "the file name gives no address for the page",
                     "name it with letters and digits, e.g. about.md")
        return None
    if slug in reserved:
        problems.add(path, 1, "file name", f"the address /{slug}/ belongs to the site's own "
                     "pages", "choose another file name, e.g. about-the-data.md")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    split = split_front_matter(text, path, problems, "page")
    if split is None:
        return None
    front, body, first_line = split
    item = checker.record(front, EDITOR_PAGE, path, 2, "")
    if item is None or not item.valid:
        return None
    if not body.strip():
        problems.add(path, first_line, "body", "the page has no text",
                     "write the page below the front matter")
        return None
    html, links = render_text(body)
    values = item.values
    lines = body.split("\n")
    return EditorPage(
        slug=slug, path=problems.display(path), title=values["title"], html=html,
        nav_title=values.get("nav_title", values["title"]),
        nav_title_line=item.line_of("nav_title") if "nav_title" in values else item.line_of(
            "title"),
        nav_after=values.get("nav_after", ""),
        nav_after_line=item.line_of("nav_after"),
        in_nav=values.get("in_nav", True),
        aliases=tuple(values.get("aliases", ())),
        site_links=tuple((link, first_line + _line_of(lines, link)) for link in links))


def _line_of(lines: list[str], link: str) -> int:
    """The line of the body (from 0) that writes a link target, for messages."""
    for number, line in enumerate(lines):
        if f"]({link}" in line or f"<{link}>" in line or f": {link}" in line:
            return number
    return 0


def missing_links(pages: list[EditorPage], addresses: set[str]) -> list[str]:
    """Messages for site links whose page does not exist. ``addresses``: every file the site
    has, as paths inside it ("countries/kazakhstan/", "data/events.csv")."""
    messages = []
    for page in pages:
        for link, line in page.site_links:
            target = urlsplit(link).path.lstrip("/")
            if target.endswith("/index.html"):
                target = target.removesuffix("index.html")
            if target and not target.endswith("/") and f"{target}/" in addresses:
                target += "/"
            if target and target not in addresses:
                messages.append(f"{page.path}:{line}: link: no page of this site at {link} "
                                "(write the address of a page as the site shows it, e.g. "
                                "/countries/kazakhstan/)")
    return messages
