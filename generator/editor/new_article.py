"""`briefings new`: a raw source becomes content/articles/<slug>.md (its text and the front
matter it gives) and <slug>.yml (the drafted annotation), written only where neither exists."""

from __future__ import annotations

import re
from pathlib import Path

from slugify import slugify

from ..content.evidence import APOSTROPHES
from ..content.registry import SLUG_LENGTH, load_registry
from ..content.schema import Checker
from ..content.sources import inside
from ..engine.problems import Problems
from ..site.pages import RESERVED_SLUGS
from .drafting import draft_annotation
from .extraction import Extracted, extract
from .quotes import sentence_spans
from .yaml_writer import yaml_string, yaml_value


def _article_markdown(extracted: Extracted) -> str:
    """The article file: the front matter the source gives, and its body."""
    lines = ["---"]
    if extracted.title:
        lines.append(f"title: {yaml_string(extracted.title)}")
    if extracted.date:
        lines.append(f"date: {extracted.date.iso}")
    else:
        lines.append("# date: the source gives none; add it as YYYY, YYYY-MM or YYYY-MM-DD")
    if extracted.publication:
        lines.append(f"publication: {yaml_string(extracted.publication)}")
    else:
        lines.append("# publication: the source does not say; add where it was published")
    summary = extracted.summary
    if not summary and extracted.paragraphs:
        lines.append("# summary: the article's first sentence; rewrite it in one or two sentences")
        summary = _first_sentence(extracted.paragraphs[0])
    if summary:
        lines.append(f"summary: {yaml_string(summary)}")
    if extracted.url:
        lines.append(f"url: {yaml_string(extracted.url)}")
    if extracted.authors:
        lines.append(f"authors: {yaml_value(list(extracted.authors))}")
    if extracted.dropped:
        lines.append("# not carried over from the source's front matter: "
                     + ", ".join(extracted.dropped))
    lines.append("---")
    return "\n".join(lines) + "\n" + extracted.body.lstrip("\n")


def _first_sentence(paragraph: str) -> str:
    start, end = sentence_spans(paragraph)[0]
    return re.sub(r"\s+", " ", paragraph[start:end]).strip()


def _slug(extracted: Extracted, source: Path) -> str:
    """YEAR-title, as the content guide names articles; the title alone when the source gives
    no date, and the file's own name when it gives no title."""
    words = extracted.title or source.stem
    if extracted.date:
        words = f"{extracted.date.year} {words}"
    # "Georgia's" gives "georgias", not "georgia-s".
    slug = slugify(words, max_length=SLUG_LENGTH, word_boundary=True,
                   replacements=[[mark, ""] for mark in APOSTROPHES])
    return f"{slug}-article" if slug in RESERVED_SLUGS else slug


def new_article(project_root: Path, source: Path, problems: Problems) -> tuple[Path, Path] | None:
    """Write content/articles/<slug>.md and its draft <slug>.yml from a raw source; None (with
    the reasons in ``problems``) when nothing was written."""
    content = project_root / "content"
    articles = content / "articles"
    if not content.is_dir():
        problems.add(content, 1, "folder", "the content folder is missing",
                     "run this in the project folder, or pass --project")
        return None
    before = len(problems.items)
    registry, _ = load_registry(content, Checker(problems))
    if len(problems.items) > before:
        return None  # the entity files' problems are reported; a draft would miss their names
    extracted = extract(source, problems)
    if extracted is None:
        return None
    if not extracted.paragraphs:
        problems.add(source, 1, "body", "no article text was found",
                     "check that the file holds the article's text")
        return None
    slug = _slug(extracted, source)
    if not slug:
        problems.add(source, 1, "title", "the source gives no title to name the article by",
                     "rename the source file after the article, e.g. kazakhstan-turkiye.txt")
        return None
    if articles.is_symlink() or (articles.exists() and not articles.is_dir()) or \
            (articles.exists() and not inside(articles, content)):
        problems.add(articles, 1, "folder", "content/articles is not a folder inside content/",
                     "make content/articles a plain folder")
        return None
    markdown_path, annotation_path = articles / f"{slug}.md", articles / f"{slug}.yml"
    existing = [path for path in (markdown_path, annotation_path)
                if path.exists() or path.is_symlink()]
    if existing:
        problems.add(existing[0], 1, "file", f"{existing[0].name} already exists; nothing was "
                     "written", "rename or remove the existing article first, or edit it instead")
        return None
    annotation = draft_annotation(extracted.paragraphs, registry, extracted.date)
    try:
        articles.mkdir(exist_ok=True)
        _write_new(markdown_path, _article_markdown(extracted))
        try:
            _write_new(annotation_path, annotation)
        except OSError:
            markdown_path.unlink()  # never leave an article without its annotation
            raise
    except FileExistsError as error:
        problems.add(error.filename or markdown_path, 1, "file", "the file appeared while the "
                     "draft was being written; nothing was written", "run the command again")
        return None
    except OSError as error:
        problems.add(error.filename or articles, 1, "file",
                     f"cannot write the draft: {error.strerror}", "check the folder's permissions")
        return None
    return markdown_path, annotation_path


def _write_new(path: Path, text: str) -> None:
    # "x": an existing file, even one made a moment ago by someone else, is never overwritten.
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
