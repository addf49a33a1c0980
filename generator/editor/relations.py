"""Relations in an article's text: two actors (countries, organisations) named in one
sentence, labelled in the source's words ("expanded strategic partnership"), with the
sectors, the frameworks they act through and whether the sentence reads as cooperative or
tense."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import Found
from .phrases import STOP_WORDS, any_of, label_text, qualifies
from .quotes import QUOTE_SPAN, Article

_QUOTED = re.compile(r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb]{3,90})"
                     r"[\"\u201d\u00bb]")
_FRAMEWORK_BEFORE = re.compile(r"\b(?:through|under|within|via|inside|in the framework of|"
                               r"as part of|as members of|as a member of)\s+(?:the\s+)?$",
                               re.IGNORECASE)
_FRAMEWORK_LIST = re.compile(r"^\s*(?:,\s*)?(?:and|or)?\s*(?:the\s+)?$")
_RELATION_NOUNS = ("strategic partnership", "partnership", "co-operation", "cooperation", "ties",
                   "relations", "relationship", "alliance", "agreement", "accord", "treaty",
                   "dialogue", "talks", "rivalry", "dispute", "tensions", "conflict",
                   "engagement", "integration", "coordination", "sanctions")
_RELATION_NOUN = re.compile(rf"\b(?P<noun>{any_of(_RELATION_NOUNS)})\b", re.IGNORECASE)
_TENSE_WORDS = re.compile(r"\b(?:sanction\w*|attack\w*|strikes?|dispute\w*|tension\w*|accus\w+|"
                          r"condemn\w*|protest\w*|clash\w*|conflict\w*|war|threat\w*|expel\w*|"
                          r"hostil\w+|rivalry)\b", re.IGNORECASE)
_SECTORS = {"energy": "energy", "transport": "transport", "defence": "defence",
            "defense": "defence", "education": "education", "agriculture": "agriculture",
            "investment": "investment", "logistics": "logistics", "security": "security",
            "finance": "finance", "digital": "digital", "health": "health", "culture": "culture",
            "tourism": "tourism", "trade": "trade", "infrastructure": "infrastructure",
            "mining": "mining", "industry": "industry"}
_SECTOR = re.compile(rf"\b(?P<sector>{any_of(_SECTORS)})\b", re.IGNORECASE)
_LINK_WORDS = re.compile(r"^(?:and|or|but|while|whereas|as well as|together with|with)\s+",
                         re.IGNORECASE)
_SPEECH = {"said", "says", "say", "added", "noted", "stated", "told", "announced", "stressed",
           "according", "reported", "claimed"}

# Where a sentence may turn to a new subject: actors on either side are not paired.
_NEW_SUBJECT = re.compile(r";|,\s+(?:while|whereas|but|although)\b")


def _units(text: str, first: int, last: int) -> list[tuple[int, int]]:
    """A sentence cut where a new subject may start ("..., while Turkey offers ..."; ";")."""
    cuts = [(m.start(), m.end()) for m in _NEW_SUBJECT.finditer(text, first, last)]
    starts = [first] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [last]
    return list(zip(starts, ends, strict=True))


def _actors_of(article: Article, paragraph: int, first: int, last: int):
    """The actors a stretch of text names, in order (each once), and the organisations it
    names only as a framework ("through the Eurasian Economic Union and the CSTO")."""
    text = article.texts[paragraph]
    actors: list[Found] = []
    frameworks: list[Found] = []
    previous_end, previous_framework = first, False
    for item in article.found_in(paragraph, first, last, ("country", "organisation")):
        framework = item.kind == "organisation" and bool(
            _FRAMEWORK_BEFORE.search(text, first, item.start)
            or (previous_framework and _FRAMEWORK_LIST.match(text[previous_end:item.start])))
        (frameworks if framework else actors).append(item)
        previous_end, previous_framework = item.end, framework
    unique: dict[str, Found] = {}
    for item in actors:
        unique.setdefault(item.ref, item)
    return list(unique.values()), frameworks


@dataclass
class _Candidate:
    """Two actors named together: where, and the part of the sentence that is about them."""

    paragraph: int
    sentence: tuple[int, int]
    first: Found
    second: Found
    frameworks: list[str]
    region: tuple[int, int]
    linked_from: int  # where the words linking the first actor to the second begin


def relations_of(article: Article) -> list[dict]:
    """One relation for each pair of actors that a sentence links, with a unique quote."""
    candidates: dict[tuple[str, str], list[_Candidate]] = {}
    paragraph_actors: list[set[str]] = []
    for paragraph, sentences in enumerate(article.sentences):
        named: set[str] = set()
        for sentence in sentences:
            for first, last in _units(article.texts[paragraph], *sentence):
                actors, frameworks = _actors_of(article, paragraph, first, last)
                named.update(item.ref for item in actors)
                for candidate in _pairs(article, paragraph, sentence, (first, last), actors,
                                        frameworks):
                    key = tuple(sorted((candidate.first.ref, candidate.second.ref)))
                    candidates.setdefault(key, []).append(candidate)
        paragraph_actors.append(named)
    relations = []
    for key, found in candidates.items():
        relation = _relation(article, key, found, paragraph_actors)
        if relation:
            relations.append(relation)
    return relations


def _pairs(article: Article, paragraph: int, sentence, unit, actors: list[Found],
           frameworks: list[Found]) -> list[_Candidate]:
    """Two actors are paired; of more, the first (usually the subject) with each other one:
    "A cooperates with B and with C" says nothing of B and C."""
    first, last = unit
    if len(actors) < 2:
        return []
    found = []
    masked = article.masked(paragraph)
    linked = True
    for one, other in ([(actors[0], other) for other in actors[1:]] if len(actors) > 2
                       else [(actors[0], actors[1])]):
        following = min([item.start for item in actors if item.start > other.start] + [last])
        own = [item.ref for item in frameworks
               if item.start < actors[0].start or other.end <= item.start < following]
        before = max(item.end for item in actors if item.start < other.start)
        if len(actors) > 2:
            # "A said B and C would join": only words of speech link A to B, and C shares
            # B's link ("and"): neither is a relation of A.
            words = [w.lower() for w in re.findall(r"[\w-]+", masked[before:other.start])]
            if any(w not in STOP_WORDS and w not in _SPEECH for w in words):
                linked = True
            elif any(w in _SPEECH for w in words):
                linked = False
            if not linked:
                continue
        region = (first, last) if len(actors) == 2 else (before, following)
        # The words linking them start after the last time the first one is named.
        linked_from = max(item.end for item in article.found_in(paragraph, first, other.start)
                          if item.ref == one.ref)
        found.append(_Candidate(paragraph, sentence, one, other, list(dict.fromkeys(own)), region,
                                max(linked_from, before)))
    return found


def _relation(article: Article, key: tuple[str, str], candidates: list[_Candidate],
              paragraph_actors: list[set[str]]) -> dict | None:
    """One relation per pair: from the first sentence that gives it a quoted label, else the
    first that names the pair."""
    chosen = None
    about_pair = [index for index, named in enumerate(paragraph_actors) if named == set(key)]
    for paragraph in sorted({c.paragraph for c in candidates} | set(about_pair)):
        text = article.texts[paragraph]
        for candidate in (c for c in candidates if c.paragraph == paragraph):
            quoted = _QUOTED.search(text, *candidate.region)
            if quoted:
                chosen = (candidate, candidate.sentence, quoted, True)
                break
        # "Officials from both countries described the relationship as an 'expanded strategic
        # partnership'": a quoted phrase in a sentence that names no actor, in a paragraph
        # about this pair alone, is the pair's label in the source's words.
        if not chosen and paragraph in about_pair:
            for sentence in article.sentences[paragraph]:
                quoted = _QUOTED.search(text, *sentence)
                if quoted and not _actors_of(article, paragraph, *sentence)[0]:
                    named = [c for c in candidates if c.paragraph == paragraph] or candidates
                    chosen = (_Candidate(paragraph, sentence, named[0].first, named[0].second,
                                         [], sentence, sentence[0]), sentence, quoted, False)
                    break
        if chosen:
            break
    if chosen:
        candidate, region, quoted, names_them = chosen
        label = label_text(quoted.group(1))
        if names_them:
            span = (min(candidate.first.start, quoted.start()), max(candidate.second.end, quoted.end()))
        else:  # the quote's sentence does not name them: the quote is the evidence
            span = (quoted.start(), quoted.end())
    else:
        candidate = candidates[0]
        region = candidate.region
        label = _relation_label(article, candidate)
        span = (candidate.first.start, candidate.second.end)
    if span[1] - span[0] > QUOTE_SPAN:
        # Far apart: quote the second, where the sentence says what links it to the first.
        span = (candidate.second.start, candidate.second.end)
    quote = article.quote(candidate.paragraph, *span)
    if not quote or not label:
        return None
    about = article.masked(candidate.paragraph)[region[0]:region[1]]
    sectors = list(dict.fromkeys(_SECTORS[m.group("sector").lower()]
                                 for m in _SECTOR.finditer(about)))
    relation: dict = {"actors": [candidate.first.ref, candidate.second.ref], "label": label,
                      "stance": "tense" if _TENSE_WORDS.search(about) else "cooperative"}
    if sectors:
        relation["sectors"] = sectors
    if candidate.frameworks:
        relation["frameworks"] = candidate.frameworks
    relation["evidence"] = quote
    return relation


def _relation_label(article: Article, candidate: _Candidate) -> str:
    """A short phrase of the sentence: its word for the relation ("strategic partnership"),
    else the words that link the two actors ("engages with the European Union"), else the
    words that follow the second."""
    text = article.texts[candidate.paragraph]
    masked = article.masked(candidate.paragraph)
    noun = _RELATION_NOUN.search(masked, *candidate.region)
    if noun:
        modifiers = []
        for word in reversed(masked[candidate.region[0]:noun.start()].split()[-2:]):
            if not qualifies(word):
                break
            modifiers.insert(0, word)
        return " ".join([*modifiers, noun.group("noun")]).lower()
    between = re.split(r"[,;:()]", masked[candidate.linked_from:candidate.second.start])[-1]
    linking = _LINK_WORDS.sub("", between.strip())
    if 0 < len(linking.split()) <= 8 and any(w.lower() not in STOP_WORDS for w in linking.split()):
        return label_text(f"{linking} {text[candidate.second.start:candidate.second.end]}")
    first, last = candidate.sentence
    marks = [index for index in range(candidate.second.end, last) if text[index] in ",;:()"]
    return label_text(" ".join(masked[candidate.second.end:min(marks + [last])].split()[:8]))
