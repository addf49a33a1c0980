"""What a build may reuse from the previous one: checked articles, and pages whose inputs are
unchanged.

Adding one article to ten thousand must not cost a full build. Two things are kept:

- each article's checked contribution, under the digest of its two files, in a cache beside
  the generated folder (``build/.briefings-cache``), valid while the generator's code, the
  templates and ``content/entities/`` are unchanged;
- each page's *inputs key* in the output manifest: a digest of the code, templates and
  entities, and of every article the page draws on. A page whose key is unchanged is not
  rendered again, because it would come out the same.

Digests are of bytes, never of modification times, so a checkout or a copy cannot fool them.
The cache is only ever a shortcut: deleting it (or any mismatch) means a cold build with the
same result.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

CACHE_FILE = ".briefings-cache"
_FORMAT = 1
_GENERATOR = Path(__file__).resolve().parent


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


def environment_key(content: Path, templates: Path) -> str:
    """What every page depends on besides articles: our code and its libraries' versions
    (ISO data comes from pycountry), the templates and the entity files."""
    versions = [f"{name}={_version(name)}".encode()
                for name in ("jinja2", "markdown", "pycountry", "python-slugify",
                             "text-unidecode")]
    # Locator maps: the country shapes, and the libraries that project and cut them.
    versions += [f"{name}={_version(name)}".encode() for name in ("pyproj", "shapely")]
    return digest(str(_FORMAT).encode(), sys.version.encode(), *versions,
                  *_tree(_GENERATOR, "*.py"), b"templates", *_tree(templates),
                  b"map data", *_tree(_GENERATOR / "data"),
                  b"entities", *_tree(content / "entities"),
                  # Ledes are few and short: any change to one renders every page again.
                  b"briefs", *_tree(content / "briefs"))


def site_key(config_files: list[Path], theme: Path) -> str:
    """What every built page depends on besides its own Markdown: the configuration (mkdocs.yml
    and the one built from it with the editors' pages in the nav), our changes to the theme,
    and the builder's and theme's versions. While it stays the same, a page whose Markdown did
    not change builds to the same HTML."""
    versions = [f"{name}={_version(name)}".encode()
                for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions",
                             "pagefind")]
    return digest(str(_FORMAT).encode(), *versions,
                  *(config.read_bytes() for config in config_files), b"theme", *_tree(theme))


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


class ContributionCache:
    """Checked articles by path and key, loaded from and saved beside the generated folder."""

    def __init__(self, folder: Path, environment: str):
        self.file = folder / CACHE_FILE
        self.environment = environment
        self.entries: dict[str, tuple[str, object]] = {}
        self.used: dict[str, tuple[str, object]] = {}

    def load(self) -> ContributionCache:
        try:
            with open(self.file, "rb") as stream:
                # A collection pass over a hundred thousand fresh objects costs more than the
                # loading itself; nothing loaded here forms a cycle.
                gc.disable()
                try:
                    stored = pickle.load(stream)
                finally:
                    gc.enable()
            if stored.get("environment") == self.environment:
                self.entries = stored["entries"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, KeyError, ValueError):
            self.entries = {}  # no cache, or one from another version: check everything
        return self

    def get(self, path: Path, key: str | None):
        found = self.entries.get(str(path))
        return found[1] if found is not None and key is not None and found[0] == key else None

    def keep(self, path: Path, key: str | None, contribution) -> None:
        if key is not None:
            self.used[str(path)] = (key, contribution)


    def renewed(self) -> ContributionCache:
        """This cache as the next build in the same process finds it."""
        if self.used:
            self.entries, self.used = self.used, {}
        return self

    def save(self) -> None:
        """Write the entries of this build (so deleted articles leave the cache too)."""
        if self.used.keys() == self.entries.keys() and all(
                self.entries[name][0] == key for name, (key, _) in self.used.items()):
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".tmp-cache-")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump({"environment": self.environment, "entries": self.used}, stream,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
