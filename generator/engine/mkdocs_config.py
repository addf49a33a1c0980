"""mkdocs.yml as mkdocs itself reads it, without running its Python tags.

``!ENV`` is resolved exactly as mkdocs resolves it (with the library mkdocs uses), so that a
value set from the environment, such as the site's address (``SITE_URL``, which the publish
workflow takes from GitHub Pages), is the same here as in the built site. Any other tag reads
as nothing: the generator needs only a few plain values.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class NotSettings(ValueError):
    """The configuration is a list or a single value, not a mapping of settings."""


def read_config(path: Path) -> dict:
    """The configuration's values (none for an empty file). OSError, UnicodeDecodeError or
    yaml.YAMLError when it cannot be read; NotSettings when it is no mapping."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise NotSettings(type(config).__name__)
    return config


def config_values(path: Path) -> bytes:
    """Every value of the configuration as mkdocs will see it, as bytes to digest."""
    return json.dumps(read_config(path), sort_keys=True, default=repr).encode()


def published_address(config: dict) -> str:
    """Where the site is published (``site_url``), ending in "/" as mkdocs reads it; "" unless
    it is an absolute http or https address. Feeds, page metadata (canonical addresses,
    OpenGraph, JSON-LD) and the data package all take it from here, so that a relative or
    other address gives none of them an address, rather than some of them a wrong one."""
    url = config.get("site_url")
    if not isinstance(url, str):
        return ""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return url if url.endswith("/") else url + "/"
