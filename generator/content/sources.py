"""Reading the files under content/: text with a known encoding, front matter, YAML files.

Nothing here judges what the data means; that is the schema's and the linker's job.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..engine.problems import Problems
from .yamlfile import YMap, parse_yaml

_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class RawArticle:
    path: Path
    front: YMap
    body: str
    body_first_line: int
    annotation_path: Path
    annotation: YMap | None


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text as UTF-8 (a byte-order mark is dropped, CRLF becomes LF), or None."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(path, 1, "file", f"cannot read the file: {error.strerror}", "check its permissions")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(path, line, "encoding", "the file is not UTF-8 text",
                     "save it with the UTF-8 encoding")
        return None
    if "\x00" in text:
        problems.add(path, text[: text.index("\x00")].count("\n") + 1, "encoding",
                     "the file contains a NUL byte", "save it as plain text")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml_file(path: Path, problems: Problems):
    text = read_text(path, problems)
    if text is None:
        return None
    return parse_yaml(text, path, problems)


def split_front_matter(text: str, path: Path, problems: Problems, noun: str = "article"
                       ) -> tuple[YMap, str, int] | None:
    """(front matter, body, first line of body), or None after recording a problem. ``noun``:
    what the file is, for messages."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        problems.add(path, 1, "front matter", f"the {noun} has no front matter",
                     "start the file with a line '---', the fields, and another line '---'")
        return None
    for index in range(1, len(lines)):
        if _FRONT_MATTER_END.match(lines[index]):
            break
    else:
        problems.add(path, 1, "front matter", "the front matter is not closed",
                     "end the front matter with a line '---'")
        return None
    front = parse_yaml("\n".join(lines[1:index]), path, problems, first_line=2)
    if front is None and problems:
        return None
    if not isinstance(front, YMap):
        problems.add(path, 2, "front matter", "the front matter must be a list of 'field: value' lines",
                     "write e.g. 'title: ...' and 'date: 2025-05-07'")
        return None
    return front, "\n".join(lines[index + 1:]), index + 2


def empty_map() -> YMap:
    mapping = YMap()
    mapping.line, mapping.key_lines = 1, {}
    return mapping


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def safe_files(folder: Path, suffix: str, content_root: Path, problems: Problems) -> list[Path]:
    """Files with the suffix in ``folder``, sorted; links that leave content/ are refused."""
    if not folder.is_dir():
        return []
    # scandir knows each entry's type without a system call per file: at 20,000 files a glob
    # and a stat of each cost a second.
    with os.scandir(folder) as entries:
        chosen = sorted((entry.name, entry.is_symlink(), entry.is_file()) for entry in entries
                        if entry.name.endswith(suffix) and not entry.name.startswith("."))
    found = []
    for name, link, regular in chosen:
        path = folder / name
        if link and not inside(path, content_root):
            problems.add(path, 1, "file", "this link points outside content/",
                         "replace the link with the file itself")
            continue
        if regular:
            found.append(path)
    return found


def article_paths(content: Path, problems: Problems) -> list[Path]:
    """The articles' files, sorted; annotation files without an article are reported here."""
    articles_dir = content / "articles"
    for path in safe_files(articles_dir, ".yml", content, problems):
        if not path.with_suffix(".md").exists():
            problems.add(path, 1, "file name", f"there is no article {path.with_suffix('.md').name} for "
                         "this annotation file", "rename it to match its article, or remove it")
    for path in safe_files(articles_dir, ".yaml", content, problems):
        problems.add(path, 1, "file name", "annotation files end in .yml", f"rename it to {path.stem}.yml")
    return safe_files(articles_dir, ".md", content, problems)


def read_article(path: Path, content: Path, problems: Problems) -> RawArticle | None:
    """One article and its annotation file, read and parsed; None if the article cannot be."""
    text = read_text(path, problems)
    if text is None:
        return None
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    front, body, body_first_line = split
    annotation_path = path.with_suffix(".yml")
    annotation = None
    if not annotation_path.exists() and not annotation_path.is_symlink():
        problems.add(path, 1, "annotation file", f"there is no annotation file {annotation_path.name}",
                     "create it beside the article (it may be empty at first)")
    elif annotation_path.is_symlink() and not inside(annotation_path, content):
        problems.add(annotation_path, 1, "file", "this link points outside content/",
                     "replace the link with the file itself")
    else:
        before = len(problems.items)
        loaded = read_yaml_file(annotation_path, problems)
        if loaded is None and len(problems.items) == before:
            annotation = empty_map()  # an empty annotation file is a valid start
        elif isinstance(loaded, YMap):
            annotation = loaded
        elif loaded is not None:
            problems.add(annotation_path, 1, "sections", "an annotation file holds sections such as "
                         "'countries:' and 'relations:'", "see docs/content-format.md")
    return RawArticle(path, front, body, body_first_line, annotation_path, annotation)
