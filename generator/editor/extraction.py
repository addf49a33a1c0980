"""A raw article (plain text, Markdown, or an HTML page saved from a browser) as an article body
in our Markdown, with the front matter the source itself gives.

Nothing is guessed that the source does not say: a field the source lacks stays empty, so that
`briefings check` asks the editor for it. HTML pages go through trafilatura, which strips
navigation, footers and other page furniture and reads the page's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..content.body import safe_url, split_body
from ..content.dates import PartialDate, parse_date
from ..content.sources import read_text, split_front_matter
from ..content.yamlfile import YList
from ..engine.once import computed_once
from ..engine.problems import Problems

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# A line can be a headline or a section heading only if it is short and does not end a sentence.
_SENTENCE_END = re.compile(r"[.,;:!…]['\"’”)\]]*$")
_HEADLINE_START = re.compile(r"^[\"“‘'(]?[A-Z0-9À-ÖØ-Þ]")
# Words by which a line before the headline describes the publication itself, as the real
# seed's first line does ("Online magazine highlighting research, news and analysis ...").
_PUBLICATION_WORDS = re.compile(r"\b(magazine|newspaper|journal|news|blog|newsletter|bulletin|"
                                r"digest|gazette|weekly|daily|review)\b")
_BYLINE = re.compile(r"^(?i:by|written by)\s+(?P<names>[A-ZÀ-Þ][\w.'’-]*(?:\s+[\w.'’-]+){0,3}"
                     r"(?:\s*(?:,|and|&)\s*[A-ZÀ-Þ][\w.'’-]*(?:\s+[\w.'’-]+){0,3})*)$")
_DATE_PREFIX = re.compile(r"^(?:published|posted|updated|date)\s*:?\s*", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:\d{2}.*)?$")
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y")
_ATX_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")

# Characters that would turn plain text into Markdown syntax; escaped, they show as themselves.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")

# Front matter keys other tools use for the fields we know.
_FRONT_SYNONYMS = {"title": ("title", "headline"), "date": ("date", "published", "pubdate"),
                   "publication": ("publication", "site", "sitename", "source"),
                   "url": ("url", "link", "canonical_url"), "authors": ("authors", "author"),
                   "summary": ("summary", "description", "excerpt")}


@dataclass
class Extracted:
    """What a raw source gives: front matter fields (empty when it gives none) and the body."""

    title: str = ""
    date: PartialDate | None = None
    publication: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()
    summary: str = ""
    body: str = ""  # the article text in our Markdown
    # Front matter keys of a Markdown source that the article format has no place for.
    dropped: tuple[str, ...] = ()

    @computed_once
    def paragraphs(self) -> list[str]:
        """The body's paragraphs as plain text, exactly as `briefings check` will see them."""
        return paragraphs_of(self.body)


def paragraphs_of(body: str) -> list[str]:
    """The paragraphs' plain text exactly as `briefings check` will see them."""
    return [block.text for block in split_body(body, 1) if block.kind == "paragraph"]


def extract(source: Path, problems: Problems) -> Extracted | None:
    """The source's front matter and body, or None after reporting why it cannot be read."""
    suffix = source.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _from_html(source, problems)
    if suffix not in TEXT_SUFFIXES + MARKDOWN_SUFFIXES:
        problems.add(source, 1, "file", f"cannot tell what kind of file '{source.name}' is",
                     "give it the ending .txt (plain text), .md (Markdown) or .html (a saved page)")
        return None
    text = read_text(source, problems)
    if text is None:
        return None
    if suffix in MARKDOWN_SUFFIXES:
        return _from_markdown(text, source, problems)
    return _from_plain_text(text)


def date_from_text(text: str) -> PartialDate | None:
    """A date written as the source writes it: ISO (with or without a time) or in words."""
    text = _DATE_PREFIX.sub("", str(text).strip()).strip()
    iso = _ISO_DATE.match(text)
    if iso:
        return parse_date(iso.group(1))
    for formats, precision in ((_DATE_FORMATS, "day"), (_MONTH_FORMATS, "month")):
        for pattern in formats:
            try:
                moment = datetime.strptime(text, pattern)
            except ValueError:
                continue
            return PartialDate(moment.year, moment.month, moment.day if precision == "day" else 0)
    return None


# -- HTML ------------------------------------------------------------------------------------

def _from_html(source: Path, problems: Problems) -> Extracted | None:
    # Imported here: trafilatura brings lxml and dateparser, which every other command would
    # otherwise pay for at start-up; and it is an optional extra, needed for HTML pages only.
    try:
        import trafilatura
        from trafilatura.settings import set_date_params
    except ImportError:
        problems.add(source, 1, "file", "reading a saved HTML page needs trafilatura, which "
                     "is not installed", "install the 'new' extra: pip install -e '.[new]' in the "
                     "briefings folder (make installs it too), or save the article's text as "
                     "a .txt file")
        return None

    try:
        # Bytes, not text: a saved page declares its own encoding, and trafilatura honours it.
        data = source.read_bytes()
    except OSError as error:
        problems.add(source, 1, "file", f"cannot read the file: {error.strerror}",
                     "check its permissions")
        return None
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_formatting=False,
        include_links=False, include_images=False, include_tables=True,
        # Only dates the page's markup states; a search of the text could take any year it names.
        date_extraction_params=set_date_params(False))
    if document is None or document.body is None:
        problems.add(source, 1, "body", "no article text was found in the page",
                     "save the page again with the article open, or copy its text into a .txt file")
        return None
    title = _clean(document.title or "")
    blocks = []
    for element in document.body:
        text = _clean(" ".join(element.itertext()))
        if not text:
            continue
        if element.tag == "head":
            level = _heading_level(element.get("rend") or "")
            if level == 1 and text == title:
                continue  # the page's own headline is the article's title, not a heading
            blocks.append("#" * max(level, 2) + " " + _escape(text))
        elif element.tag == "list":
            items = [_clean(" ".join(item.itertext())) for item in element.iter("item")]
            blocks.append("\n".join("- " + _escape(item) for item in items if item))
        elif element.tag == "table":
            rows = [" · ".join(_clean(" ".join(cell.itertext())) for cell in row.iter("cell"))
                    for row in element.iter("row")]
            blocks.extend(_escape(row) for row in rows if row.strip(" ·"))
        else:
            blocks.append(_escape(text))
    url = document.url or ""
    return Extracted(
        title=title, date=date_from_text(document.date) if document.date else None,
        publication=_clean(document.sitename or ""), url=url if _web_address(url) else "",
        authors=_split_authors(document.author or ""), summary=_clean(document.description or ""),
        body="\n\n".join(blocks) + "\n")


def _heading_level(rend: str) -> int:
    """trafilatura marks a heading's HTML level as rend="h2"."""
    return int(rend[1:]) if re.fullmatch(r"h[1-6]", rend) else 2


def _split_authors(text: str) -> tuple[str, ...]:
    return tuple(name for name in (_clean(part) for part in text.split(";")) if name)


def _web_address(url: str) -> bool:
    return bool(url) and safe_url(url) and url.lower().startswith(("http://", "https://"))


# -- Markdown --------------------------------------------------------------------------------

def _from_markdown(text: str, source: Path, problems: Problems) -> Extracted | None:
    if not re.match(r"^---[ \t]*$", text.split("\n", 1)[0]):
        return _from_plain_text(text, markdown=True)
    split = split_front_matter(text, source, problems)
    if split is None:
        return None
    front, body, _ = split
    extracted = Extracted()
    used = set()
    for name, keys in _FRONT_SYNONYMS.items():
        key = next((key for key in keys if front.get(key) not in (None, "")), None)
        if key is None:
            continue
        used.add(key)
        value = front[key]
        if name == "authors":
            names = value if isinstance(value, YList) else str(value).split(";")
            extracted.authors = tuple(_clean(str(item)) for item in names if _clean(str(item)))
        elif name == "date":
            extracted.date = date_from_text(value)
        elif name == "url":
            extracted.url = str(value).strip() if _web_address(str(value).strip()) else ""
        elif not isinstance(value, (dict, list)):
            setattr(extracted, name, _clean(str(value)))
    extracted.dropped = tuple(key for key in front if key not in used)
    extracted.body = _without_title_heading(body.strip("\n") + "\n", extracted)
    return extracted


def _without_title_heading(body: str, extracted: Extracted) -> str:
    """A leading '# Title' is the headline: it becomes the title (or is dropped as its copy)."""
    first, _, rest = body.lstrip("\n").partition("\n")
    heading = _ATX_TITLE.match(first)
    if heading and (not extracted.title or _clean(heading.group(1)) == extracted.title):
        extracted.title = extracted.title or _clean(heading.group(1))
        return rest.lstrip("\n")
    return body


# -- plain text ------------------------------------------------------------------------------

def _from_plain_text(text: str, markdown: bool = False) -> Extracted:
    """Header lines (publication, headline, byline, date) become front matter; in plain text,
    short lines without final punctuation become headings and the rest is escaped."""
    blocks = _text_blocks(text)
    extracted = Extracted()
    if markdown and blocks and _ATX_TITLE.match(blocks[0][0]):
        extracted.title = _clean(_ATX_TITLE.match(blocks[0][0]).group(1))
        blocks = blocks[1:]
    else:
        blocks = _header(blocks, extracted)
    # A byline and a date line may follow the headline, in either order.
    while blocks and len(blocks[0]) == 1:
        line = blocks[0][0].strip()
        byline = None if extracted.authors else _BYLINE.match(line)
        date = None if extracted.date else date_from_text(line)
        if byline:
            extracted.authors = tuple(_clean(name) for name in
                                      re.split(r"\s*(?:,|\band\b|&)\s*", byline.group("names"))
                                      if _clean(name))
        elif date:
            extracted.date = date
        else:
            break
        blocks = blocks[1:]
    if markdown:
        parts = ["\n".join(lines) for lines in blocks]
    else:
        parts = []
        for lines in blocks:
            if len(lines) > 1 and _is_heading(lines[0]):
                parts.append("## " + _escape(_clean(lines[0])))
                lines = lines[1:]
            elif len(lines) == 1 and _is_heading(lines[0]):
                parts.append("## " + _escape(_clean(lines[0])))
                continue
            parts.append(_escape(_clean(" ".join(lines))))
    extracted.body = "\n\n".join(parts) + "\n"
    return extracted


def _text_blocks(text: str) -> list[list[str]]:
    """Runs of non-empty lines; a text without any blank line has one paragraph per line."""
    lines = [line.rstrip() for line in text.split("\n")]
    content = [line for line in lines if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    last = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    if not any(not line.strip() for line in lines[first:last + 1]):
        return [[line] for line in content]
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _header(blocks: list[list[str]], extracted: Extracted) -> list[list[str]]:
    """Take the publication line and the headline off the top; the rest is the body."""
    def headline(index: int) -> bool:
        return index < len(blocks) and len(blocks[index]) == 1 and _is_headline(blocks[index][0])

    if not headline(0):
        return blocks
    first = _clean(blocks[0][0])
    if headline(1) and _PUBLICATION_WORDS.search(first):
        extracted.publication = first
        extracted.title = _clean(blocks[1][0])
        return blocks[2:]
    extracted.title = first
    return blocks[1:]


def _is_headline(line: str) -> bool:
    line = _clean(line)
    return (0 < len(line) <= 140 and len(line.split()) <= 18 and not _SENTENCE_END.search(line)
            and bool(_HEADLINE_START.match(line)) and "://" not in line)


def _is_heading(line: str) -> bool:
    line = _clean(line)
    return _is_headline(line) and len(line) <= 90 and len(line.split()) <= 12


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _escape(text: str) -> str:
    """Plain text as Markdown that renders as the same text."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    return "\n".join(_LINE_START_SPECIAL.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
                     for line in escaped.split("\n"))


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
