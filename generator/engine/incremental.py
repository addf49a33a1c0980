"""What a build may reuse from the previous one: checked articles, and pages whose inputs are
unchanged.

Adding one article to ten thousand must not cost a full build. Two things are kept:

- each article's checked contribution, under the digest of its two files, in a cache beside
  the generated folder (``build/.briefings-cache``), valid while the generator's code is
  unchanged (``checking_key``) and the entity entries the article names are too (see
  ContributionCache.get);
- each page's *inputs key* in the output manifest: a digest of the code, templates and
  entities, and of every article the page draws on. A page whose key is unchanged is not
  rendered again, because it would come out the same. (A page drawn on some articles counts,
  of people, organisations and topics, only the entries its articles name: see
  named_entry_keys.)

Digests are of bytes, never of modification times, so a checkout or a copy cannot fool them.
(Within one process that runs on, ``briefings serve``, a file is not read again while its
status is what it was when it was read: see ArticleKeys.) The cache is only ever a shortcut:
deleting it (or any mismatch) means a cold build with the same result.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .mkdocs_config import config_values

_FORMAT = 2  # of the keys: a new format makes every key new
_GENERATOR = Path(__file__).resolve().parents[1]


def digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def _tree(folder: Path, pattern: str = "*") -> list[bytes]:
    """Each file under a folder as name and bytes (links included as what they point at)."""
    parts = []
    if folder.is_dir():
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return parts


# Every library whose version can change what the generator writes: templating and escaping,
# parsing (article bodies: markdown-it-py and its plugins; editors' pages: Python-Markdown),
# ISO data and names (pycountry), slugs, network layouts (networkx on numpy), and the
# projection and cutting of map shapes; and msgspec, which reads checked articles back from
# the cache. A test keeps this list complete against the imports.
OUTPUT_LIBRARIES = ("jinja2", "markupsafe", "markdown", "markdown-it-py", "mdit-py-plugins",
                    "pyyaml", "pyyaml-env-tag", "pycountry", "python-slugify", "text-unidecode",
                    "networkx", "numpy", "pyproj", "shapely", "msgspec")


def checking_key() -> str:
    """What checking an article depends on besides its files and the entries of the entity
    files it names (each checked article records those: see Registry.view): our code, its
    libraries' versions and the map data (whose names the hints for unknown codes use)."""
    versions = [f"{name}={_version(name)}".encode() for name in OUTPUT_LIBRARIES]
    return digest(str(_FORMAT).encode(), sys.version.encode(), *versions,
                  *_tree(_GENERATOR, "*.py"), b"map data", *_tree(_GENERATOR / "data"))


def entities_key(content: Path, leave_out: tuple[str, ...] = ()) -> str:
    """The entity files, whole (without the files named in ``leave_out``)."""
    parts = _tree(content / "entities")
    kept = [part for name, data in zip(parts[::2], parts[1::2], strict=True)
            if name.decode() not in leave_out for part in (name, data)]
    return digest(*kept)


# The entity files a page drawn on some articles depends on only through the entries its
# articles name (see named_entry_keys). Their entries are many and each is drawn on by few
# pages; the others (countries, regions, statuses) are few and drawn on everywhere (a
# neighbour's name on a map, a status's place on the scale), so any change to them counts.
PER_ENTRY_FILES = ("people.yml", "organisations.yml", "topics.yml")


def environment_key(content: Path, templates: Path, per_entry: bool = False) -> str:
    """What every page depends on besides articles: our code and its libraries' versions,
    the templates and the entity files; with ``per_entry``, without PER_ENTRY_FILES, for
    the pages that count the entries their articles name instead (named_entry_keys)."""
    entities = entities_key(content, PER_ENTRY_FILES if per_entry else ())
    return digest(checking_key().encode(), b"templates", *_tree(templates),
                  b"entities", b"per entry" if per_entry else b"whole", entities.encode(),
                  # Ledes are few and short: any change to one renders every page again.
                  b"briefs", *_tree(content / "briefs"))


def named_entry_keys(source_keys: dict[str, str], source_views: dict[str, str],
                     entities: str) -> dict[str, str]:
    """Each article's key (by slug) joined with the entity entries its check looked up, as
    they are now (Registry.view): what a page drawn from it depends on when the page shows
    no entry its articles do not name. Adding a person to people.yml then renders again only
    the pages that list people, not the ten thousand pages of articles. An article whose
    check reported a problem has no view: it counts with every entry (``entities``, the
    entity files' key)."""
    return {slug: f"{key}:{source_views.get(slug) or entities}"
            for slug, key in source_keys.items()}


def site_key(config_files: list[Path], theme: Path) -> str:
    """What every built page depends on besides its own Markdown: the configuration (mkdocs.yml
    and the one built from it with the editors' pages in the nav, as mkdocs reads them), our
    changes to the theme, and the builder's and theme's versions. While it stays the same, a
    page whose Markdown did not change builds to the same HTML."""
    versions = [f"{name}={_version(name)}".encode()
                for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions",
                             "pagefind")]
    # The values too, not only the files: one taken from the environment (the site's address,
    # SITE_URL) changes every page's canonical link while the files stay the same.
    return digest(str(_FORMAT).encode(), *versions,
                  *(config.read_bytes() for config in config_files),
                  *(config_values(config) for config in config_files), b"theme", *_tree(theme))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def article_key(path: Path) -> str | None:
    """The digest of an article file and its annotation file (and, for a link, of where it
    points, as checks depend on that); None when they cannot be read."""
    parts = []
    for file in (path, path.with_suffix(".yml")):
        try:
            if file.is_symlink():
                parts.append(str(file.resolve()).encode())
            parts.append(file.read_bytes() if file.exists() else b"\0missing")
        except OSError:
            return None
    return digest(*parts)


# A file changed within this many seconds may change again within the same tick of the file
# system's clock, leaving its status as it was: its key is not remembered yet.
SETTLING_SECONDS = 2
# Windows gives a file's creation time where POSIX systems give the time of its last change:
# a write that kept the size and put back the modification time would go unseen there.
STATUS_TELLS_EVERY_CHANGE = os.name != "nt"


def _status(path: Path) -> tuple | None:
    """What changes whenever a file's bytes do (inode, size, modification and change times),
    () for a missing file, None for a link (where it points may change) or an error."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return ()
    except OSError:
        return None
    if stat.S_ISLNK(found.st_mode):
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


class ArticleKeys:
    """article_key for a process that runs on and hashes the articles again on every change
    (``briefings serve``, 20,000 files at ten thousand articles): a file pair whose status is
    the same as when it was last read is not read again. Its key is remembered only once the
    files have settled (changed more than SETTLING_SECONDS ago) and kept their status while
    being read, so a change in the same clock tick as an earlier one is still seen (as Git's
    index does for "racily clean" files). On Windows every file is read every time
    (STATUS_TELLS_EVERY_CHANGE)."""

    def __init__(self, now=time.time_ns):
        self._now = now
        self._known: dict[Path, tuple[tuple, str]] = {}

    def _statuses(self, path: Path) -> tuple | None:
        statuses = (_status(path), _status(path.with_suffix(".yml")))
        return None if None in statuses else statuses

    def __call__(self, path: Path) -> str | None:
        before = self._statuses(path)
        known = self._known.get(path)
        if known is not None and before is not None and known[0] == before:
            return known[1]
        key = article_key(path)
        settled = self._now() - SETTLING_SECONDS * 1_000_000_000
        if STATUS_TELLS_EVERY_CHANGE and key is not None and before is not None and \
                before == self._statuses(path) and all(
                    status[2] < settled and status[3] < settled for status in before if status):
            self._known[path] = (before, key)
        else:
            self._known.pop(path, None)
        return key

    def known(self) -> dict[Path, tuple[tuple, str]]:
        """The keys it remembers, each with its files' statuses."""
        return dict(self._known)

    def adopt(self, known: dict[Path, tuple[tuple, str]]) -> None:
        """Remember keys another ArticleKeys worked out (a helper's, during this build: see
        read_ahead); each is used, as its own are, only while its files' statuses are what
        they were when it was worked out."""
        self._known.update(known)


@dataclass(frozen=True)
class Keying:
    """What the inputs key of a page counts besides the page's own values: the environment
    (environment_key) and each article's key, by slug (the articles' own, or
    named_entry_keys')."""

    environment: str
    article_keys: dict[str, str]


_SCALARS = (str, int, float, bool, type(None))


def page_key(environment: str, template: str, context: dict, selection: tuple,
             sources: Iterable[str], article_keys: dict[str, str]) -> str:
    """The inputs key of a page drawing on the given articles (by slug). The context's plain
    values count too (a part's title says how many parts there are), and so does which items
    a part of a list holds."""
    plain = sorted((name, repr(value)) for name, value in context.items()
                   if isinstance(value, _SCALARS))
    return digest(environment.encode(), template.encode(), repr(plain).encode(),
                  repr(selection).encode(),
                  *(f"{slug}:{article_keys[slug]}".encode() for slug in sorted(sources)))
