"""Finding the paragraph that holds an evidence quote (a W3C TextQuoteSelector, exact match).

Matching forgives typography only: quote styles, dashes, ellipses, invisible characters and
white space. Case, wording and punctuation otherwise must match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Every form of apostrophe and single quote; drafting strips them from slugs with this set too.
APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_TRANSLATION = str.maketrans({
    **dict.fromkeys(APOSTROPHES[1:], "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    "\u2026": "...",
})
_SPACE = re.compile(r"\s+")
# Markdown copied from the article file along with the words: a table's pipes, bold, code, a
# link's address. The page, and so the text a quote is looked for in, shows none of it.
_MARKDOWN_IN_QUOTE = re.compile(r"\s\|\s|\*\*|__|`|\]\(")
# "a — b", "a--b" and "a-b" are one dash in different typography.
# Applied after white space became single spaces, so one optional space on each side is all.
_DASH = re.compile(r" ?-+ ?")


def normalise(text: str) -> str:
    """The form in which quotes and paragraphs are compared."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return _DASH.sub("-", _SPACE.sub(" ", text)).strip()


def find_paragraphs(quote: str, paragraphs: Sequence[str]) -> list[int]:
    """Indexes of the (already normalised) paragraphs that contain the quote."""
    needle = normalise(quote)
    if not needle:
        return []
    return [index for index, paragraph in enumerate(paragraphs) if needle in paragraph]


def not_found_hint(quote: str, file_name: str) -> str:
    """What to do about a quote that is in no paragraph."""
    if _MARKDOWN_IN_QUOTE.search(quote):
        return (f"copy the words from {file_name} as the page shows them, without Markdown: "
                "no table pipes (a row's cells are read apart by a space), **, ` or links")
    return f"copy the words exactly from {file_name}"
