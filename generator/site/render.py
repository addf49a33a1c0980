"""The Jinja2 environment that turns page data into Markdown.

Every ``{{ value }}`` passes through ``finalize``: plain strings are escaped for both HTML and
Markdown, so a title such as ``<script>`` or ``[x](javascript:...)`` is shown as text.
Helpers that build links return ``Markup`` and are the only way markup enters a page.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_SPECIAL = "\\`*_[]{}<>&|#!\"'~^=$"
_ENTITIES = {char: f"&#{ord(char)};" for char in _SPECIAL}
# One pass, as str.translate would, but the scan for special characters runs in C: most
# names and dates have none, and translate looks every character up in a dict.
_SPECIAL_CHAR = re.compile("[" + re.escape(_SPECIAL) + "]")
_SPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^([-+>]|\d+[.)])")


def md_escape(text) -> Markup:
    """Text that Markdown and HTML both show literally, on one line."""
    if isinstance(text, Markup):
        return text
    if type(text) is str:
        return _md_escape_text(text)
    return _md_escape(str(text))


# Names, dates, kinds and labels recur on thousands of pages: a million escapes at 1,000
# articles, most of them of a string escaped before. (Markup is checked above, not cached:
# Markup("<b>") == "<b>", so the two would share a cache entry.)
@functools.lru_cache(maxsize=1 << 16)
def _md_escape_text(text: str) -> Markup:
    return _md_escape(text)


def _md_escape(flat: str) -> Markup:
    if "  " in flat or "\n" in flat or "\t" in flat or "\r" in flat:
        flat = _SPACE.sub(" ", flat)
    escaped = _SPECIAL_CHAR.sub(_entity, flat)
    # A value that starts a line must not start a list, a quote or a heading either.
    if escaped[:1] in "-+>0123456789" and escaped:
        escaped = _LINE_START.sub(lambda m: f"&#{ord(m.group(1)[0])};{m.group(1)[1:]}", escaped)
    return markup(escaped)


def _entity(match: re.Match) -> str:
    return _ENTITIES[match.group()]


def markup(text: str) -> Markup:
    """Markup of a plain string, made as Markup(text) makes it without asking whether the
    string has an __html__ method (it has not): a few million of these at 10,000 articles."""
    return str.__new__(Markup, text)


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


def front_matter_text(text) -> Markup:
    """A YAML string for page front matter. Material prints ``page.meta.title`` unescaped, so
    the value is HTML-escaped here and shown as text by the browser."""
    return Markup(json.dumps(html.escape(" ".join(str(text).split())), ensure_ascii=False))


def yaml_string(text) -> Markup:
    """Any text as a YAML string for page front matter, kept exactly as it is (the theme must
    print it where HTML escaping does not apply, such as JSON-LD, which is made safe for that
    before). ASCII only, so that no character can be one YAML refuses."""
    return Markup(json.dumps(str(text), ensure_ascii=True))


def external_url(url) -> Markup:
    """A checked http(s) address as a Markdown link target: no space, bracket or quote in it
    can end the link early."""
    quoted = quote(" ".join(str(url).split()), safe=":/?#@!$&*+,;=%-._~")
    return md_escape(quoted)


def search_term(text) -> Markup:
    """A YAML string for a search term. Material's search shows matching terms through
    innerHTML, so ``<``, ``>`` and ``&`` are escaped; quotes and letters stay as typed."""
    return Markup(json.dumps(html.escape(" ".join(str(text).split()), quote=False),
                             ensure_ascii=False))


def _join(items, separator: str = "") -> Markup:
    # Jinja's own join would HTML-escape only, letting Markdown syntax through.
    return md_escape(separator).join(md_escape(item) for item in items)


def make_environment(template_dirs: list[Path]) -> Environment:
    """Autoescape makes macro output Markup; ``finalize`` escapes every plain value for Markdown
    before Jinja's HTML escaping would see it."""
    from .flags import flag_image  # flags escapes with md_escape, from this module

    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in template_dirs])
    environment = Environment(
        loader=loader, autoescape=True, finalize=_finalize, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # Every build makes its own environment, so a template edited since the last one is
        # read anew; within a build, asking the disk on each page is 20,000 needless stats.
        auto_reload=False)
    environment.filters["join"] = _join
    environment.filters["md"] = md_escape
    environment.filters["front_matter"] = front_matter_text
    environment.filters["yaml_string"] = yaml_string
    environment.filters["url"] = external_url
    environment.filters["search_term"] = search_term
    environment.globals["flag_image"] = flag_image
    return environment
