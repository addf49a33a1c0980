"""An article body, split into numbered paragraphs and turned into safe HTML.

Article text is untrusted: raw HTML in it is shown as text, links keep only http(s) and
mailto targets, and images are replaced by their description (an image from another host
would be a request to another host). Each block is rendered on its own so that every
paragraph gets a stable anchor and a plain-text form for evidence matching.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|hr|pre|blockquote|h[1-6]|table|tr|td|th)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
SAFE_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "heading"
    line: int  # first line in the article file
    html: str  # safe HTML of the block
    text: str  # plain text, as a reader sees it
    number: int = 0  # paragraphs are numbered from 1; headings carry 0
    level: int = 0  # heading level

    @property
    def page_level(self) -> int:
        """The page title is the only h1; the article's own headings start at h2."""
        return min(max(self.level, 2), 6)


def safe_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in SAFE_SCHEMES


class _Sanitise(Treeprocessor):
    def run(self, root):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    replacement = f"[image: {child.get('alt') or 'no description'}]"
                    tail = child.tail or ""
                    parent.remove(child)
                    if index == 0:
                        parent.text = (parent.text or "") + replacement + tail
                    else:
                        previous = parent[index - 1]
                        previous.tail = (previous.tail or "") + replacement + tail
        for link in root.iter("a"):
            href = link.get("href", "")
            for attribute in list(link.attrib):
                if attribute not in ("href", "title"):
                    del link.attrib[attribute]
            if not safe_url(href):
                del link.attrib["href"]
            else:
                link.set("rel", "nofollow noopener")


class _SafeMarkdown(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md), "sanitise", 0)


_RENDERER: list[markdown.Markdown] = []


def _renderer() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a paragraph: keep one, reset
    # before each block.
    if not _RENDERER:
        _RENDERER.append(markdown.Markdown(extensions=[_SafeMarkdown(), "sane_lists"],
                                           output_format="html"))
    return _RENDERER[0]


def _raw_blocks(body: str, first_line: int) -> list[tuple[int, list[str]]]:
    """Runs of lines separated by blank lines; fenced code and headings stand alone."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    fence = None
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if fence:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened:
            fence = opened.group(1)
        if not line.strip() and fence is None:
            if current:
                blocks.append((start, current))
                current = []
            continue
        if _ATX_HEADING.match(line) and fence is None:
            if current:
                blocks.append((start, current))
                current = []
            blocks.append((number, [line]))
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def plain_text(block_html: str) -> str:
    # Block tags separate words; inline tags (emphasis, links) sit inside them.
    return html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", block_html)))


# A paragraph with none of these characters, and no line that Markdown reads as a list item,
# a code block, a heading underline or a hard break, renders as <p>text</p>: most paragraphs
# of an article. Skipping Python-Markdown for them keeps long articles fast.
_MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]<>&!#|~=:{}\t]")
_MARKUP_LINE = re.compile(r"^(?: {4}|\t| {0,3}(?:[-+*]|\d+[.)])(?:\s|$)| {0,3}[=-]+\s*$)|  $")


def _plain_paragraph(lines: list[str]) -> str | None:
    """The HTML of a paragraph that holds no Markdown at all, or None."""
    if any(_MARKUP_CHARACTERS.search(line) or _MARKUP_LINE.search(line) for line in lines):
        return None
    return "<p>" + "\n".join(lines).lstrip(" ") + "</p>"


def split_body(body: str, first_line: int) -> list[Block]:
    renderer = _renderer()
    blocks = []
    number = 0
    for line, lines in _raw_blocks(body, first_line):
        heading = _ATX_HEADING.match(lines[0]) if len(lines) == 1 else None
        renderer.reset()
        if heading:
            text_html = renderer.convert(heading.group(2).strip())
            inner = text_html.removeprefix("<p>").removesuffix("</p>")
            blocks.append(Block("heading", line, inner, plain_text(inner).strip(),
                                level=len(heading.group(1))))
            continue
        number += 1
        block_html = _plain_paragraph(lines)
        if block_html is None:
            renderer.reset()
            block_html = renderer.convert("\n".join(lines))
        blocks.append(Block("paragraph", line, block_html, plain_text(block_html).strip(), number))
    return blocks
