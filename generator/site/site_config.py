"""The mkdocs configuration a site is built with: mkdocs.yml, plus the editors' pages in its nav.

mkdocs.yml belongs to the site's owner and lists the site's sections. An editor's page
(content/pages/) says in its front matter where in the nav it goes (``nav_after: Data``).
mkdocs reads its nav from one configuration file, and no plugin is needed (nor wanted: other
builders ignore plugins) to add to it: the build writes a second file beside mkdocs.yml,
``.briefings-mkdocs.yml``, which inherits everything from mkdocs.yml (``INHERIT``, so that every
relative path means what it means there) and sets only the nav. ``briefings build`` and
``briefings serve`` run mkdocs with it. It is made from mkdocs.yml and the nav entries the last
generate wrote into the docs folder (``.briefings-nav.json``, which mkdocs does not publish),
so it always matches the generated pages.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

import yaml

from ..engine.mkdocs_config import read_config
from ..engine.problems import Problems, did_you_mean

NAV_FILE = ".briefings-nav.json"
SITE_CONFIG = ".briefings-mkdocs.yml"
_HEADER = ("# Written by briefings for each build from mkdocs.yml and content/pages/: edit those,\n"
           "# not this file. It is mkdocs.yml with the editors' pages added to the nav.\n")


def configured_nav(config_file: Path) -> list | None:
    """The nav of mkdocs.yml, or None when it has none (mkdocs then lists every page)."""
    try:
        nav = read_config(config_file).get("nav")
    except (OSError, yaml.YAMLError):
        return None
    return nav if isinstance(nav, list) else None


def nav_label(entry) -> str | None:
    """The label of a top-level nav entry ("Data" for ``- Data: data/index.md``)."""
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None


def check_nav(pages, nav: list | None, problems: Problems) -> None:
    """Every place an editor's page asks for in the nav must exist, once, without a loop."""
    listed = [page for page in pages if page.in_nav]
    for page in pages:
        if not page.in_nav and page.nav_after:
            problems.add(page.path, page.nav_after_line, "nav_after", "the page is not in the "
                         "nav (in_nav: false), so it follows nothing",
                         "delete one of nav_after and in_nav")
    if nav is None:
        return  # mkdocs lists every page by itself
    sections = [label for label in map(nav_label, nav) if label is not None]
    owners: dict[str, str] = {label: "mkdocs.yml" for label in sections}
    for page in listed:
        if page.nav_title in owners:
            problems.add(page.path, page.nav_title_line, "nav_title", f"the nav already has an entry "
                         f"'{page.nav_title}' ({owners[page.nav_title]})",
                         "give the page another nav_title")
        else:
            owners[page.nav_title] = page.path
    labels = set(owners)
    follows = {page.nav_title: page.nav_after for page in listed}
    for page in listed:
        after = page.nav_after
        if not after:
            continue
        if after not in labels or after == page.nav_title:
            hint = did_you_mean(after, sorted(labels - {page.nav_title})) or (
                "name an entry of the nav: " + ", ".join(sorted(labels - {page.nav_title})))
            problems.add(page.path, page.nav_after_line, "nav_after",
                         f"the nav has no entry '{after}'" if after != page.nav_title else
                         "a page cannot follow itself", hint)
            continue
        seen = {page.nav_title}
        while after in follows and after not in seen:
            seen.add(after)
            after = follows[after]
        if after in seen:
            problems.add(page.path, page.nav_after_line, "nav_after", "the pages' nav_after "
                         "entries go round in a loop", "let one of them follow a section")


def nav_entries(pages) -> list[dict]:
    """What the generated pages add to the nav, in file-name order."""
    return [{"title": page.nav_title, "file": page.docs_path, "after": page.nav_after}
            for page in pages if page.in_nav]


def nav_with_pages(nav: list, entries: list[dict]) -> list:
    """mkdocs.yml's nav with each page right after the entry it follows; pages that follow
    nothing come at the end. Labels are HTML-escaped, as Material prints them as they are."""
    following: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        following[entry["after"]].append(entry)
    result: list = []
    placed: set[str] = set()

    def place(label: str) -> None:
        for entry in following.get(label, ()):
            if entry["title"] not in placed:
                placed.add(entry["title"])
                result.append({html.escape(entry["title"], quote=False): entry["file"]})
                place(entry["title"])

    for item in nav:
        result.append(item)
        label = nav_label(item)
        if label is not None:
            place(label)
    place("")
    return result


def _entries(docs_dir: Path) -> list[dict]:
    try:
        data = json.loads((docs_dir / NAV_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []


def site_config_text(config_file: Path, docs_dir: Path) -> str:
    nav = configured_nav(config_file)
    text = _HEADER + yaml.safe_dump({"INHERIT": config_file.name}, allow_unicode=True)
    if nav is not None:
        text += yaml.safe_dump({"nav": nav_with_pages(nav, _entries(docs_dir))},
                               allow_unicode=True, sort_keys=False)
    return text


def write_site_config(config_file: Path, docs_dir: Path) -> Path:
    """The configuration to build with, written beside mkdocs.yml when it changed."""
    target = config_file.with_name(SITE_CONFIG)
    text = site_config_text(config_file, docs_dir)
    try:
        unchanged = target.read_text(encoding="utf-8") == text
    except OSError:
        unchanged = False
    if not unchanged:
        target.write_text(text, encoding="utf-8")
    return target
