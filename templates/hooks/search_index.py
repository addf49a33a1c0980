"""mkdocs hook: a page's search terms once, and no empty section entries, in the search index.

Material's search plugin copies a page's front-matter ``tags`` (our search terms) and its
``search: boost`` into the entry of every section (h2, h3...) of the page, and writes an entry
for every heading even when the section's text is kept out of the index with
``data-search-exclude``. Once the plugin has written ``search/search_index.json``, this hook
keeps terms and boost on the page's own entry (its location has no ``#``) and drops section
entries without text. The page entry alone is enough to rank the page first for its names:
Material groups results by page.

Listed under ``hooks:`` in mkdocs.yml; it lives in templates/ so that it travels with the
templates wherever a project is set up. It needs nothing but the standard library, so every
builder that runs mkdocs hooks (mkdocs, ProperDocs) can load it.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE_ONLY = ("tags", "boost")


def slim(index: dict) -> dict:
    """The index with terms and boost on page entries only and no empty section entries."""
    docs = []
    for entry in index["docs"]:
        if "#" in entry["location"]:
            if not entry.get("text"):
                continue  # only a heading: what it heads is left out of the index
            entry = {key: value for key, value in entry.items() if key not in PAGE_ONLY}
        docs.append(entry)
    return {**index, "docs": docs}


def on_post_build(config, **_) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():  # search disabled
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # Written as the search plugin writes it (compact, ASCII), so the file stays deterministic.
    path.write_text(json.dumps(slim(index), separators=(",", ":"), default=str),
                    encoding="utf-8")


# After the search plugin's own on_post_build, which writes the index (mkdocs runs events
# by descending priority; this is what mkdocs.plugins.event_priority sets).
on_post_build.mkdocs_priority = -100
