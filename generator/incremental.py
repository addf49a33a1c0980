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
import json
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from . import plaindata
from .knowledge import Contribution
from .mkdocs_config import config_values
from .output import write_atomically

CACHE_FILE = ".briefings-cache"
# The cache is JSON (see plaindata), never pickle: CI restores it from a shared store, and
# reading it must not be able to run code.
_MAGIC = "briefings article cache"
_FORMAT = 2
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


# Every library whose version can change what the generator writes: templating and escaping,
# parsing (article bodies: markdown-it-py and its plugins; editors' pages: Python-Markdown),
# ISO data and names (pycountry), slugs, network layouts (networkx on numpy), and the
# projection and cutting of map shapes.
# A test keeps this list complete against the imports.
OUTPUT_LIBRARIES = ("jinja2", "markupsafe", "markdown", "markdown-it-py", "mdit-py-plugins",
                    "pyyaml", "pyyaml-env-tag", "pycountry", "python-slugify", "text-unidecode",
                    "networkx", "numpy", "pyproj", "shapely")


def environment_key(content: Path, templates: Path) -> str:
    """What every page depends on besides articles: our code and its libraries' versions,
    the templates and the entity files."""
    versions = [f"{name}={_version(name)}".encode() for name in OUTPUT_LIBRARIES]
    return digest(str(_FORMAT).encode(), sys.version.encode(), *versions,
                  *_tree(_GENERATOR, "*.py"), b"templates", *_tree(templates),
                  b"map data", *_tree(_GENERATOR / "data"),
                  b"entities", *_tree(content / "entities"),
                  # Ledes are few and short: any change to one renders every page again.
                  b"briefs", *_tree(content / "briefs"))


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
    """Checked articles by path and key, loaded from and saved beside the generated folder.

    The file is JSON Lines: a header naming the environment, then one line per article,
    ``["path","key"]``, a tab, and the checked article as plaindata writes it. (JSON text never
    holds a raw tab.) Lines of unchanged articles are written back as they were read, so a
    build that adds one article encodes one."""

    def __init__(self, folder: Path, environment: str):
        self.file = folder / CACHE_FILE
        self.environment = environment
        self.entries: dict[str, tuple[str, object]] = {}
        self.used: dict[str, tuple[str, object]] = {}
        self.note: str | None = None  # why the file on disk could not be used
        self._lines: dict[str, tuple[str, str]] = {}  # each entry's key and stored line

    def load(self) -> ContributionCache:
        """The entries of the last build, if it was made in the same environment. A file that
        is not such a cache is ignored (every article is checked again) and ``note`` says why."""
        self.entries, self._lines, self.note = {}, {}, None
        try:
            with open(self.file, encoding="utf-8", newline="\n") as stream:
                if _header(stream.readline()) != self.environment:
                    return self  # another version of the code, templates or entities
                # A collection pass over a hundred thousand fresh objects costs more than the
                # loading itself; nothing loaded here forms a cycle.
                gc.disable()
                try:
                    for number, line in enumerate(stream, start=2):
                        name, key, contribution = _entry(line, number)
                        self.entries[name] = (key, contribution)
                        self._lines[name] = (key, line.rstrip("\n"))
                finally:
                    gc.enable()
        except FileNotFoundError:
            pass  # the first build
        except (OSError, ValueError) as error:
            self.entries, self._lines = {}, {}
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.note = (f"{self.file} is not an article cache this version of briefings can "
                         f"read ({reason}); it is ignored and every article is checked again")
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
        lines = {}
        for name, (key, contribution) in sorted(self.used.items()):
            stored = self._lines.get(name)
            if stored is not None and stored[0] == key:
                lines[name] = stored
                continue
            try:
                lines[name] = (key, json.dumps([name, key]) + "\t" + plaindata.dumps(contribution))
            except plaindata.Unstorable:
                continue  # that article is checked again next time
        header = json.dumps({"cache": _MAGIC, "format": _FORMAT, "environment": self.environment})
        text = "".join(f"{line}\n" for line in [header, *(line for _, line in lines.values())])
        write_atomically(self.file, text.encode("utf-8"))
        self._lines = lines


def _header(line: str) -> str:
    """The environment the cache was written in; ValueError if it is no cache of ours."""
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("cache") != _MAGIC:
        raise ValueError("not a briefings article cache")
    if header.get("format") != _FORMAT:
        raise ValueError(f"written in format {header.get('format')!r}, this version reads "
                         f"{_FORMAT}")
    return str(header.get("environment"))


def _entry(line: str, number: int) -> tuple[str, str, Contribution]:
    """One line of the cache: the article's file, its key, and what checking it gave."""
    where, _, data = line.partition("\t")
    try:
        name, key = json.loads(where)
    except (ValueError, TypeError):
        name = key = None
    if not (isinstance(name, str) and isinstance(key, str)):
        raise ValueError(f"line {number} does not start with a file and a key")
    contribution = plaindata.loads(data)
    if not isinstance(contribution, Contribution):
        raise ValueError(f"line {number} holds no checked article")
    return name, key, contribution
