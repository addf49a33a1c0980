"""An article body, cut into its top-level blocks, each turned into safe HTML and plain text.

The body is parsed once by a CommonMark parser (markdown-it-py) with GitHub's tables and
strikethrough and footnotes. Each top-level block of the parse (a paragraph, a whole list, a
whole table, a fenced or indented code block, a block quote, the footnotes) is one citable
paragraph: it gets a number, the anchor #p-N on the site, and a plain-text form in which
evidence quotes are looked for. Headings are not numbered; a thematic break is neither.

Article text is untrusted: raw HTML in it is shown as text, links keep only http(s) and
mailto targets, and images are replaced by their description (an image from another host
would be a request to another host).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

SAFE_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "paragraph", "heading" or "rule" (a thematic break)
    line: int  # first line in the article file
    html: str  # safe HTML of the block (of a heading: its content, without the <hN> tags)
    text: str  # plain text, as a reader sees it
    number: int = 0  # paragraphs are numbered from 1; headings and rules carry 0
    level: int = 0  # heading level

    @property
    def page_level(self) -> int:
        return page_level(self.level)


def page_level(level: int) -> int:
    """The page title is the only h1; the article's own headings start at h2."""
    return min(max(level, 2), 6)


def safe_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in SAFE_SCHEMES


def _render_link_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """A link to a safe address, marked as not endorsed; any other link keeps only its text."""
    attributes = tokens[index].attrs
    href = str(attributes.get("href", ""))
    kept = {"href": href} if safe_url(href) else {}
    if "title" in attributes:
        kept["title"] = str(attributes["title"])
    if kept.get("href"):
        kept["rel"] = "nofollow noopener"
    return "<a" + "".join(f' {name}="{escapeHtml(value)}"' for name, value in kept.items()) + ">"


def _render_text(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    # Quotes need no escaping outside attributes; left as they are, the paragraphs written
    # before this parser came in keep their HTML byte for byte.
    return html.escape(tokens[index].content, quote=False)


def _render_heading(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """A heading inside a list or a quote, at its level on the page (never a second h1)."""
    token = tokens[index]
    level = page_level(int(token.tag[1]))
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


def _image_text(token: Token) -> str:
    return f"[image: {token.content or 'no description'}]"


def _render_image(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return escapeHtml(_image_text(tokens[index]))


# Where an inline rule could start (an escape, code, emphasis, strikethrough, a link, an
# image, a footnote, an autolink or an entity), and a line break beside spaces, which it trims.
# Text with neither is its own words: most of an article's paragraphs. (Two patterns: one
# with both alternatives is eight times slower to search.)
_INLINE_MARKUP = re.compile(r"[\\`*_~\[!<&]")
_BREAK_BESIDE_SPACE = re.compile(r"[ \t]\n|\n[ \t]")


def _words(content: str) -> list[Token]:
    """The inline tokens of text without markup, as the inline parser would make them."""
    children: list[Token] = []
    for index, line in enumerate(content.split("\n")):
        if index:
            children.append(Token("softbreak", "br", 0))
        children.append(Token("text", "", 0, content=line))
    return children


def _inline(state: StateCore) -> None:
    """The parser's inline stage, skipped for text in which no inline rule can fire: markdown-it
    tries every rule at each hyphen, colon or dollar sign, which was most of the parse."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        content = token.content
        if _INLINE_MARKUP.search(content) or ("\n" in content
                                               and _BREAK_BESIDE_SPACE.search(content)):
            token.children = []
            state.md.inline.parse(content, state.md, state.env, token.children)
        else:
            token.children = _words(content)


# Footnotes are written as Python-Markdown's footnotes extension writes them, the markup
# Material styles: a small superscript number, the notes in smaller type, a back link that
# shows when a note is pointed at.
def _note_number(token: Token) -> int:
    return token.meta["id"] + 1


def _reference_id(token: Token) -> str:
    """The first reference to note 1 is fnref:1, the second fnref2:1, and so on."""
    repeat = token.meta.get("subId", 0)
    return f"fnref{repeat + 1 if repeat else ''}:{_note_number(token)}"


def _render_note_reference(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    token = tokens[index]
    number = _note_number(token)
    return (f'<sup id="{_reference_id(token)}"><a class="footnote-ref" href="#fn:{number}">'
            f"{number}</a></sup>")


def _render_notes_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return '<div class="footnote">\n<hr>\n<ol>\n'


def _render_notes_close(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return "</ol>\n</div>\n"


def _render_note_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return f'<li id="fn:{_note_number(tokens[index])}">'


def _render_note_back_link(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    token = tokens[index]
    return (f'&#160;<a class="footnote-backref" href="#{_reference_id(token)}" '
            f'title="Back to the text of note {_note_number(token)}">&#8617;</a>')


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False})
    parser.enable(["table", "strikethrough"])
    # Raw HTML is text: "html": False already says so; without the rules it is not even tried.
    parser.disable(["html_block", "html_inline"])
    # Only the [^label] footnotes that GitHub and Python-Markdown know, not pandoc's ^[inline].
    parser.use(footnote_plugin, inline=False)
    parser.core.ruler.at("inline", _inline)
    # Every link is parsed, so that an unsafe one still shows its words; its target is
    # judged (and dropped) when it is rendered.
    parser.validateLink = lambda url: True
    parser.add_render_rule("link_open", _render_link_open)
    parser.add_render_rule("image", _render_image)
    parser.add_render_rule("text", _render_text)
    parser.add_render_rule("heading_open", _render_heading)
    parser.add_render_rule("heading_close", _render_heading)
    parser.add_render_rule("footnote_ref", _render_note_reference)
    parser.add_render_rule("footnote_block_open", _render_notes_open)
    parser.add_render_rule("footnote_block_close", _render_notes_close)
    parser.add_render_rule("footnote_open", _render_note_open)
    parser.add_render_rule("footnote_anchor", _render_note_back_link)
    return parser


_PARSER = _parser()


def _top_level(tokens: list[Token]) -> Iterator[list[Token]]:
    """The token runs of the top-level blocks, each from its opening to its closing token."""
    depth = 0
    start = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            yield tokens[start:index + 1]
            start = index + 1


def _plain_text(tokens: list[Token]) -> str:
    """What a reader reads in a block: the words of its text, code and image descriptions;
    paragraphs, list items and table rows apart by a line break, table cells by a space."""
    parts: list[str] = []
    separator = ""  # owed before the next words: a block or a cell ended since the last ones

    def add(words: str) -> None:
        nonlocal separator
        if words:
            if parts and separator:
                parts.append(separator)
            parts.append(words)
            separator = ""

    for token in tokens:
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    add(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    add("\n")
                elif child.type == "image":
                    add(_image_text(child))
        elif token.type in ("fence", "code_block"):
            add(token.content.rstrip("\n"))
        elif token.nesting == -1 and token.block:
            cell = token.type in ("th_close", "td_close")
            separator = "\n" if "\n" in separator or not cell else " "
    return "".join(parts).strip()


def _first_line(tokens: list[Token], fallback: int) -> int:
    # The footnotes' own opening tokens carry no map; the paragraphs inside them do.
    return next((token.map[0] for token in tokens if token.map), fallback)


def split_body(body: str, first_line: int) -> list[Block]:
    """The body's blocks in order; first_line is the line of the file the body starts on."""
    env: dict = {}  # one article's link references and notes
    tokens = _PARSER.parse(body, env)
    renderer, options = _PARSER.renderer, _PARSER.options
    last_line = body.count("\n")
    blocks: list[Block] = []
    number = 0
    for run in _top_level(tokens):
        opening = run[0]
        line = first_line + _first_line(run, last_line)
        if opening.type == "heading_open":
            content = run[1].children or []
            blocks.append(Block("heading", line, renderer.renderInline(content, options, env),
                                _plain_text(run), level=int(opening.tag[1])))
        elif opening.type == "hr":
            blocks.append(Block("rule", line, "<hr>", ""))
        else:
            number += 1
            blocks.append(Block("paragraph", line, renderer.render(run, options, env).rstrip("\n"),
                                _plain_text(run), number))
    return blocks
