"""The same content builds the same site, byte for byte, whatever the day of the build.

mkdocs dates every page in ``sitemap.xml`` with the day of the build (and gzips it with that
time). A page changes when its sources do, so after mkdocs has run, the sitemap's ``lastmod``
is set to the date of each page's newest source, which the generator writes into the page's
front matter (``updated:``, see metadata.py), and ``sitemap.xml.gz`` is written again with a
fixed time. Builders and plugins that read ``SOURCE_DATE_EPOCH`` (the reproducible-builds
convention; mkdocs does) get the start of the newest source's date, unless the environment
sets it already.

This runs after every mkdocs build, incremental ones included (``mkdocs --dirty`` writes the
whole sitemap again with the build day), so a cold and an incremental build agree.
"""

from __future__ import annotations

import calendar
import gzip
import html
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.dates import parse_date
from ..engine.tree import files_under

SITEMAP = "sitemap.xml"
_UPDATED = re.compile(r'^updated: "([0-9-]+)"\s*$')
_URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>\s*(?:<lastmod>[^<]*</lastmod>\s*)?</url>")


def _updated(path: str) -> str:
    """The ``updated:`` date in a page's front matter, or ""."""
    try:
        with open(path, encoding="utf-8") as stream:
            if stream.readline().rstrip("\r\n") != "---":
                return ""
            for line in stream:
                if line.rstrip("\r\n") == "---":
                    return ""
                found = _UPDATED.match(line)
                if found and parse_date(found.group(1)) is not None:
                    return found.group(1)
    except (OSError, UnicodeDecodeError):
        return ""
    return ""


def page_dates(docs: Path) -> dict[str, str]:
    """Each generated page's newest source (ISO date, as precise as the source gives it), by
    its path inside the docs folder."""
    top = str(docs)
    dates = {}
    for name in sorted(name for name in files_under(docs) if name.endswith(".md")):
        found = _updated(os.path.join(top, name))
        if found:
            dates[name] = found
    return dates


def newest(dates) -> str:
    """The newest of ISO dates given as a year, a month or a day (a year counts as its end,
    as the site orders dates everywhere)."""
    parsed = [date for date in (parse_date(value) for value in dates) if date is not None]
    return max(parsed).iso if parsed else ""


def source_date_epoch(dates: dict[str, str], environment=None) -> str:
    """SOURCE_DATE_EPOCH for the builders: the environment's when set, else the first second
    of the newest source's date (0 when there is none), so it follows the content alone."""
    environment = os.environ if environment is None else environment
    given = environment.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return given
    date = parse_date(newest(dates.values()))
    if date is None:
        return "0"
    start = (date.year, date.month or 1, date.day or 1, 0, 0, 0)
    return str(calendar.timegm(start))


def _page_of(loc: str, site_url: str) -> str:
    """The docs path of the page a sitemap address names ("" when it is not one of ours)."""
    path = unquote(urlsplit(loc).path)
    base = urlsplit(site_url).path if site_url else "/"
    if not base.endswith("/"):
        base += "/"
    if not path.startswith(base):
        return ""
    relative = path[len(base):]
    if relative in ("", "/"):
        return "index.md"
    return relative.rstrip("/") + ".md"


def rewrite_sitemap(site: Path, dates: dict[str, str], site_url: str, epoch: str) -> None:
    """Set each page's ``lastmod`` to its newest source (none for a page without sources),
    and gzip the sitemap with a fixed time."""
    sitemap = site / SITEMAP
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")

    def entry(match: re.Match) -> str:
        loc = match.group(1)
        page = _page_of(html.unescape(loc), site_url)
        date = dates.get(page) or dates.get(page.removesuffix(".md") + "/index.md", "")
        lastmod = f"\n         <lastmod>{date}</lastmod>" if date else ""
        return f"<url>\n         <loc>{loc}</loc>{lastmod}\n    </url>"

    data = _URL.sub(entry, text).encode("utf-8")
    sitemap.write_bytes(data)
    (site / f"{SITEMAP}.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=int(epoch)))
