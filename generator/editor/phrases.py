"""The words the drafting heuristics read the same way wherever they meet them: words that say
nothing alone, words that qualify a noun ("bilateral trade", "strategic partnership"), a list
of words as one pattern, and a phrase of the text tidied into a label."""

from __future__ import annotations

import re

STOP_WORDS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these",
              "those", "of", "to", "and", "in", "on", "for", "with", "by", "as", "at", "from",
              "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would",
              "both", "two"}

_MODIFIER = re.compile(r"^(?:[a-z-]+(?:al|ic|ive|ary|ign|ish|ian|ese|ern)|total|annual|"
                       r"foreign|direct|gas|oil|container|rail|freight|cargo|transit|energy|trade|"
                       r"export|import|two-way|mutual)$", re.IGNORECASE)


def any_of(words) -> str:
    """A pattern for any of the words, the longest tried first ("trade turnover" before
    "trade")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def qualifies(word: str) -> bool:
    """Whether a word before a noun belongs to its name: "bilateral" trade, "strategic"
    partnership, but not "the" or "its"."""
    return bool(_MODIFIER.match(word)) and word.lower() not in STOP_WORDS


def label_text(text: str) -> str:
    """A phrase of the text as a label or a title: one space between words, no punctuation
    at either end."""
    return re.sub(r"\s+", " ", text).strip(" \t\n,.;:()[]-\u2013\u2014")
