"""The site owner's settings for the data downloads, read from mkdocs.yml: the licence the data
is published under (``extra: data_licence:``), and the site's name and address to credit.

The licence is either the SPDX id of a common open-data licence or, for any other, a mapping
with its title and address. A setting that is neither is reported with its line, like any
content problem, so that `briefings check` finds it before a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..engine.mkdocs_config import published_address, read_config
from ..engine.problems import Problems

DEFAULT_LICENCE = "CC-BY-4.0"
SETTING = "extra.data_licence"

# SPDX id: (title, address).
KNOWN_LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License v1.0",
                   "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License v1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
}


@dataclass(frozen=True)
class Licence:
    name: str  # an SPDX id, or the owner's short name for another licence ("" if none)
    title: str
    path: str  # its address


@dataclass(frozen=True)
class DataSettings:
    licence: Licence
    site_name: str = ""
    site_url: str = ""

    @property
    def key(self) -> bytes:
        """What the data files depend on of these settings, for the build's inputs key."""
        parts = (self.licence.name, self.licence.title, self.licence.path, self.site_name,
                 self.site_url)
        return "\0".join(parts).encode("utf-8")


def known_licence(name: str) -> Licence:
    title, path = KNOWN_LICENCES[name]
    return Licence(name, title, path)


class _Composer(yaml.SafeLoader):
    """Composes mkdocs.yml into nodes (with their lines) without constructing anything, so
    the Python tags some mkdocs configurations hold are never run."""


def _mapping(node) -> dict:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value
            if isinstance(key, yaml.ScalarNode)}


def _text(node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def read_data_settings(config_file: Path, problems: Problems) -> DataSettings:
    """The settings, with any problem in them added to ``problems`` (the default licence
    then stands in, so that the caller can go on to report other problems)."""
    default = DataSettings(known_licence(DEFAULT_LICENCE))
    try:
        text = config_file.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problems.add(config_file, getattr(getattr(error, "problem_mark", None), "line", 0) + 1,
                     "yaml", f"cannot be read: {error}", "fix the file's YAML")
        return default
    top = _mapping(root)
    # The site's name and address as mkdocs reads them: site_url may come from the
    # environment (!ENV), which only the configuration reader resolves.
    values = read_config(config_file)
    site_name = " ".join(str(values.get("site_name") or "").split())
    node = _mapping(top.get("extra")).get("data_licence")
    licence = default.licence if node is None else _licence(node, config_file, problems)
    return DataSettings(licence or default.licence, site_name, published_address(values))


def _licence(node, config_file: Path, problems: Problems) -> Licence | None:
    line = node.start_mark.line + 1
    hint = (f"write an SPDX id ({', '.join(KNOWN_LICENCES)}) or a mapping with the "
            "licence's title and path (its address), e.g. {title: My Licence, path: "
            "https://example.org/licence}")
    if isinstance(node, yaml.ScalarNode):
        wanted = _text(node)
        for name in KNOWN_LICENCES:
            if name.casefold() == wanted.casefold():
                return known_licence(name)
        problems.add(config_file, line, SETTING, f"unknown licence '{wanted}'", hint)
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.add(config_file, line, SETTING, "must be a licence id or a mapping", hint)
        return None
    fields = _mapping(node)
    unknown = sorted(set(fields) - {"name", "title", "path"})
    if unknown:
        problems.add(config_file, line, SETTING, f"unknown field '{unknown[0]}'",
                     "a licence has name, title and path")
        return None
    values = {name: _text(value) for name, value in fields.items()}
    name = values.get("name", "")
    if name in KNOWN_LICENCES and not (values.get("title") or values.get("path")):
        return known_licence(name)
    title, path = values.get("title", ""), values.get("path", "")
    if not title or not path:
        missing = "title" if not title else "path"
        problems.add(config_file, line, f"{SETTING}.{missing}", "missing field", hint)
        return None
    if not path.startswith(("https://", "http://")) or any(c.isspace() for c in path):
        problems.add(config_file, fields["path"].start_mark.line + 1, f"{SETTING}.path",
                     f"not a web address: '{path}'", "give the licence's address, "
                     "starting with https://")
        return None
    return Licence(name, title, path)
