"""Editors' ledes: a few written sentences at the top of a page, each resting on evidence.

A brief lives in ``content/briefs/<name>.yml`` and names the one page it leads. Every sentence
names an article and quotes it, like every other claim on the site; a brief whose subject has
newer articles than the brief is shown as possibly out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.dates import PartialDate
from ..content.evidence import find_paragraphs, normalise, not_found_hint
from ..content.schema import BRIEF, BRIEF_SUBJECTS, Checker
from ..content.sources import read_yaml_file, safe_files
from ..engine.problems import Problems
from .knowledge import KnowledgeBase, pair_of
from .model import Citation

BRIEFS = "briefs"


@dataclass(frozen=True)
class Brief:
    subject: tuple  # ("country", "KZ"), ("relation", ("KZ", "TR")), ("organisation", id), ...
    written: PartialDate
    sentences: tuple[tuple[str, Citation], ...]
    path: str  # the file, relative to the project, as messages name it

    def out_of_date(self, newest: PartialDate | None) -> bool:
        """True when a source about the subject is dated after the brief was written."""
        return newest is not None and newest.span[0] >= self.written.span[1]


# _subject's answer for a page that is missing while articles with problems may yet give it.
_UNSETTLED = ("", "")


def load_briefs(content: Path, knowledge: KnowledgeBase, checker: Checker,
                unsettled: frozenset[str] = frozenset()) -> None:
    """Check every brief and put those that pass into ``knowledge.briefs``.

    ``unsettled``: the articles (by slug) whose check reported a problem. What they support
    is unknown until they are fixed, so a brief is not faulted for a page or a quote that
    may hang on them: its problem would only repeat theirs (a broken annotation would
    otherwise be reported twice, once in the brief that leads the relation it gave). Such a
    brief is checked again, in full, once they pass."""
    problems: Problems = checker.problems
    seen: dict[tuple, str] = {}
    for path in safe_files(content / BRIEFS, ".yml", content, problems):
        data = read_yaml_file(path, problems)
        if data is None:
            continue
        item = checker.record(data, BRIEF, path, 1, "")
        if item is None:
            continue
        if not knowledge.registry.report_unknown(item, BRIEF, path, problems) or not item.valid:
            continue
        if not knowledge.registry.resolves(item, BRIEF):
            continue  # it names an entry its entity file lost to a problem, reported there
        subject = _subject(item, knowledge, path, problems, bool(unsettled))
        if subject is None:
            continue
        sentences = []
        for number, sentence in enumerate(item.values["sentences"], start=1):
            citation = _cite(sentence, knowledge, path, f"sentences[{number}]", problems,
                             unsettled)
            if citation is not None:
                sentences.append((sentence.values["text"], citation))
        if subject == _UNSETTLED or len(sentences) != len(item.values["sentences"]):
            continue
        shown = problems.display(path)
        if subject in seen:
            problems.add(path, 1, subject[0], f"this page already has a brief: {seen[subject]}",
                         "keep one brief per page: merge the two files")
            continue
        seen[subject] = shown
        knowledge.briefs[subject] = Brief(subject, item.values["written"], tuple(sentences),
                                          shown)


def _subject(item, knowledge: KnowledgeBase, path: Path, problems: Problems,
             unsettled: bool) -> tuple | None:
    named = [name for name in BRIEF_SUBJECTS if name in item.values]
    if len(named) != 1:
        problems.add(path, item.line, "brief", "a brief leads exactly one page; it names "
                     + (" and ".join(named) if named else "none"),
                     "give one of: country: KZ, relation: [KZ, TR], organisation: ots, "
                     "topic: trade")
        return None
    kind = named[0]
    value = item.values[kind]
    line = item.line_of(kind)
    if kind == "relation":
        if len(value) != 2 or value[0] == value[1]:
            problems.add(path, line, kind, "a relation has two different actors",
                         "write the pair, e.g. [KZ, TR]")
            return None
        pair = pair_of(value, knowledge.registry)
        if pair not in knowledge.relations:
            if unsettled:
                return _UNSETTLED
            problems.add(path, line, kind, f"there is no relation page for {' – '.join(value)}",
                         "annotate a relation between the two in an article first")
            return None
        return (kind, pair)
    if kind == "country" and value not in knowledge.countries_with_pages():
        if unsettled:
            return _UNSETTLED
        problems.add(path, line, kind, f"there is no page for the country {value}",
                     "a country gets a page once an article names it")
        return None
    return (kind, value)


def _cite(sentence, knowledge: KnowledgeBase, path: Path, where: str,
          problems: Problems, unsettled: frozenset[str]) -> Citation | None:
    slug = sentence.values["article"]
    if slug.removesuffix(".md") in unsettled:
        return None  # its own problems are reported; the quote is checked once they are fixed
    article = knowledge.articles.get(slug.removesuffix(".md"))
    if article is None:
        problems.add(path, sentence.line_of("article"), f"{where}.article",
                     f"no article '{slug}'", "give the article's file name without .md, "
                     "e.g. 2025-kazakhstan-turkiye-strategic-ties")
        return None
    quote = sentence.values["evidence"]
    paragraphs = [normalise(block.text) for block in article.paragraphs]
    found = find_paragraphs(quote, paragraphs)
    if len(found) != 1:
        problems.add(path, sentence.line_of("evidence"), f"{where}.evidence",
                     "evidence not found in the article" if not found else
                     "evidence found in more than one paragraph",
                     not_found_hint(quote, Path(article.path).name) if not found else
                     "quote more words, so that only one paragraph matches")
        return None
    return Citation(article.slug, article.paragraphs[found[0]].number, quote)
