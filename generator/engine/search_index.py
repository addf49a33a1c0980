"""Pagefind's index of a built site, made from trimmed copies of its pages.

Pagefind indexes only what is inside a page's ``data-pagefind-body`` element, less what is
marked ``data-pagefind-ignore="all"``, but it parses the whole page: at 10,000 articles that
is 1.4 GB of HTML, most of it the theme's header and navigation, locator maps and citation
marks. It is given instead a copy of each indexed page that holds only its language and what
it indexes (3 % of the bytes at 1,000 articles), and it writes the same index, file for file,
in a third of the time.

The copies are kept beside the site between builds, with the digest of the page each was made
from, so that after an incremental build only the pages mkdocs wrote again are copied again.
The pages it kept are not even read when the previous site's manifest names the record (the
digest of the record is written there): the record was made from exactly those pages. The
copies are only a shortcut: without them (or with any doubt about them) every page is read and
copied again, with the same result.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .cores import map_on_cores
from .incremental import digest
from .output import MANIFEST
from .pagefind_order import UnknownIndex, put_in_order
from .tree import files_under

BODY = "<div data-pagefind-body>"
PAGEFIND = "pagefind"
RECORD = ".made-from.json"  # the digest of the page each copy was made from
COPIES_KEY = "search copies"  # in a site's manifest: the digest of the record made from it
_DIV = re.compile(r"<div\b|</div>")
_IGNORED = 'data-pagefind-ignore="all"'
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_LANGUAGE = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')


class IndexingFailed(Exception):
    """Pagefind could not run or index the site; the message says what to do."""


def searchable_part(page: str) -> str | None:
    """A page reduced to what Pagefind reads from it: the language and the searchable element,
    or None when the page has no such element (Pagefind leaves it out)."""
    start = page.find(BODY)
    if start < 0:
        return None
    depth, end = 0, len(page)
    for tag in _DIV.finditer(page, start):
        depth += -1 if tag.group() == "</div>" else 1
        if depth == 0:
            end = tag.end()
            break
    body = _without_ignored(page[start:end])
    language = _LANGUAGE.search(page, 0, start)
    lang = f' lang="{language.group(1)}"' if language else ""
    return (f"<!doctype html>\n<html{lang}>\n<head><meta charset=\"utf-8\"></head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def _without_ignored(html: str) -> str:
    """The HTML without the elements marked ``data-pagefind-ignore="all"``, which Pagefind
    skips whole (maps, citations, the bottom line: most of a page's bytes). An element whose
    end cannot be found is kept: Pagefind then skips it itself."""
    kept, at = [], 0
    while (found := html.find(_IGNORED, at)) >= 0:
        start = html.rfind("<", at, found)
        name = _TAG_NAME.match(html, start + 1) if start >= 0 else None
        end = _element_end(html, start, name.group().lower()) if name else None
        if end is None:
            kept.append(html[at:found + len(_IGNORED)])
            at = found + len(_IGNORED)
        else:
            kept.append(html[at:start])
            at = end
    kept.append(html[at:])
    return "".join(kept)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_TAGS: dict[str, re.Pattern] = {}


def _element_end(html: str, start: int, tag: str) -> int | None:
    """Where the element opened at ``start`` ends, counting nested elements of its name."""
    pattern = _TAGS.get(tag)
    if pattern is None:
        pattern = _TAGS[tag] = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*?(/?)>", re.IGNORECASE)
    depth = 0
    for found in pattern.finditer(html, start):
        if found.start() == start and (tag in _VOID or found.group(2)):
            return found.end()  # an element without content
        depth += -1 if found.group(1) else 0 if found.group(2) else 1
        if depth == 0:
            return found.end()
    return None


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site but Pagefind's own, in a fixed order."""
    return [name for name in files_under(site, skip_top=PAGEFIND) if name.endswith(".html")]


def copies_digest(copies: Path) -> str:
    """The digest of the record of what ``copies`` were made from ("" without one). A site's
    manifest keeps it: the copies were made from that site's pages while the two agree."""
    try:
        return digest((copies / RECORD).read_bytes())
    except OSError:
        return ""


def _recorded_copies(site: Path) -> str:
    try:
        return str(json.loads((site / MANIFEST).read_text(encoding="utf-8")).get(COPIES_KEY, ""))
    except (OSError, ValueError, AttributeError):
        return ""


def update_copies(site: Path, copies: Path, previous: Path | None = None,
                  kept: Iterable[str] = ()) -> int:
    """Bring the trimmed copies in ``copies`` up to date with the pages of ``site``; the number
    of pages copied again. ``copies`` must be ours (output.check_target): without a record of
    what it holds, all of it is removed.

    ``previous`` and ``kept``: for an incremental build, ``site`` holds only the pages built
    again, and the new site keeps these pages of the previous one as they are. When the
    previous site's manifest names this record, the record was made from exactly those pages,
    and their digests are taken from it instead of reading them (1.4 GB at ten thousand
    articles)."""
    try:
        raw = (copies / RECORD).read_bytes()
        record = json.loads(raw.decode("utf-8"))
        if not isinstance(record, dict):
            record = {}
    except (OSError, ValueError):
        raw, record = b"", {}
    trusted = bool(record) and previous is not None and \
        _recorded_copies(previous) == digest(raw)
    if not record:
        shutil.rmtree(copies, ignore_errors=True)
    copies.mkdir(parents=True, exist_ok=True)
    (copies / MANIFEST).write_text(json.dumps({"generator": "briefings", "search pages": True})
                                   + "\n", encoding="utf-8")
    # Gone while the copies change: a build stopped half-way leaves no record, so the next one
    # copies every page again rather than trust copies of pages that were never published.
    (copies / RECORD).unlink(missing_ok=True)
    built = _pages(site)
    from_previous = set(kept) - set(built)
    pages = sorted(from_previous.union(built))
    for name in sorted(set(record) - set(pages)):
        (copies / name).unlink(missing_ok=True)

    def refresh(name: str) -> tuple[str, bool]:
        """The page's digest, and whether its copy was made again. By the bytes, not the
        file's time: the record is then the same for the same site, as every output is."""
        if name in from_previous:
            if trusted and name in record:
                return record[name], False
            data = (previous / name).read_bytes()
        else:
            data = (site / name).read_bytes()
        key = digest(data)
        if record.get(name) == key:
            return key, False
        target = copies / name
        part = searchable_part(data.decode("utf-8", errors="replace"))
        if part is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(part, encoding="utf-8")
        return key, True

    refreshed = dict(zip(pages, map_on_cores(refresh, pages), strict=True))
    (copies / RECORD).write_text(json.dumps({name: key for name, (key, _) in refreshed.items()},
                                            sort_keys=True, indent=0) + "\n", encoding="utf-8")
    return sum(made for _, made in refreshed.values())


def index_search(site: Path, copies: Path, verbose: bool = False,
                 environment: dict | None = None, output: Path | None = None) -> None:
    """Pagefind's index of the built pages, in site/pagefind/ (or ``output``): readers'
    browsers load only the fragments a query needs. It reads HTML, so it works after any
    builder. ``copies``: the trimmed copies of the site's pages, up to date (update_copies)."""
    output = output or site / PAGEFIND
    command = [sys.executable, "-m", "pagefind", "--site", str(copies),
               "--output-path", str(output), "--verbose" if verbose else "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                env=environment)
    except OSError as error:
        raise IndexingFailed(f"cannot run Pagefind: {error}; install it with "
                             "pip install 'pagefind[bin]' (make site does)") from error
    if verbose:
        print(result.stdout + result.stderr, file=sys.stderr, end="")
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        said = (result.stdout + result.stderr).strip()
        raise IndexingFailed("Pagefind could not index the site; the previous site is kept:\n"
                             f"{said or 'no output (is pagefind[bin] installed?)'}")
    try:
        put_in_order(output)  # its filters come out in a different order on every run
    except UnknownIndex as error:
        raise IndexingFailed(f"{error}; the previous site is kept (is the Pagefind installed "
                             "the version requirements.lock names?)") from error


def index_served_site(site: Path, copies: Path) -> None:
    """serve's search: the index of the site serve keeps, made beside it and then put in
    place with two renames, so that the site never serves half an index. ``copies``: serve's
    own (not the published build's, whose record an incremental build trusts)."""
    update_copies(site, copies)
    staging, old = (site.with_name(f"{site.name}-{PAGEFIND}{suffix}") for suffix in ("", "-old"))
    for folder in (staging, old):
        shutil.rmtree(folder, ignore_errors=True)
    index_search(site, copies, output=staging)
    current = site / PAGEFIND
    if current.exists():
        current.rename(old)
    staging.rename(current)
    shutil.rmtree(old, ignore_errors=True)


def _stop_when_terminated(number, frame) -> None:
    raise SystemExit(128 + number)  # unwinds: Pagefind and the workers are stopped too


def main(arguments: list[str]) -> int:
    """``python -m generator.engine.search_index SITE COPIES``: index the site serve keeps,
    at a low priority (serve runs it after each rebuild, beside the regeneration the editor
    waits for)."""
    if len(arguments) != 2:
        print("usage: python -m generator.engine.search_index SITE COPIES", file=sys.stderr)
        return 2
    # serve's mkdocs, once terminated, ignores terminations, and a program it starts then
    # would too: the indexer stops when serve stops it, whatever it inherits.
    signal.signal(signal.SIGTERM, _stop_when_terminated)
    if hasattr(os, "nice"):
        os.nice(10)
    try:
        index_served_site(Path(arguments[0]), Path(arguments[1]))
    except (IndexingFailed, OSError) as error:
        print(f"serve: search not updated: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C reaches serve's whole process group: serve stops
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
