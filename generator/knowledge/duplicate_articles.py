"""Articles saved twice: the same text, or the same source address, under two file names.

A copy would count every claim of the article twice (two citations for one statement, a figure
that seems confirmed by a second source), so a likely copy is a problem, reported at the later
file with the name of the earlier one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..content.body import Block
from ..content.sources import read_text, split_front_matter
from ..engine.incremental import digest
from ..engine.problems import Problems
from .model import Article


def body_text(blocks: tuple[Block, ...]) -> str:
    """An article's text as a reader sees it, with all spacing and line breaks made one space:
    re-wrapped paragraphs or stray blank lines do not make a copy a new article."""
    return " ".join(" ".join(block.text.split()) for block in blocks)


def text_digest(blocks: tuple[Block, ...]) -> str:
    """The digest of body_text: two articles have the same text when they have the same digest."""
    return digest(body_text(blocks).encode("utf-8"))


def same_address(url: str) -> str:
    """An address as the page it names: http and https, the host's case, a leading "www.", a
    trailing slash and a #fragment do not make it another page; the query string does."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, ""))


def _url_line(path: Path) -> int:
    """The line of ``url:`` in the article's front matter (read again: only for a copy)."""
    problems = Problems()
    text = read_text(path, problems)
    split = split_front_matter(text, path, problems) if text is not None else None
    return split[0].line_of("url") if split is not None else 1


def report_duplicate_articles(articles: list[tuple[Path, Article]], problems: Problems) -> None:
    """One problem for each article, in file order, that repeats an earlier one's text or url."""
    by_text: dict[str, Article] = {}  # by the digest of the text
    by_address: dict[str, Article] = {}
    for path, article in articles:
        same_text = article.text_digest or text_digest(article.blocks)  # made before, when checked
        address = same_address(article.url) if article.url else ""
        first = by_text.get(same_text)
        if first is not None:
            problems.add(path, article.blocks[0].line if article.blocks else 1, "body",
                         f"this article has the same text as {first.path}, so every claim "
                         "would be counted twice",
                         f"if it is a copy, delete it and its .yml; otherwise merge the two "
                         f"into {first.path}")
        elif address and address in by_address:
            first = by_address[address]
            problems.add(path, _url_line(path), "url",
                         f"this article has the same url as {first.path}: likely the same "
                         "article saved twice",
                         f"if it is a copy, delete it and its .yml (or merge the two into "
                         f"{first.path}); if the url is wrong, correct it")
        by_text.setdefault(same_text, article)
        if address:
            by_address.setdefault(address, article)
