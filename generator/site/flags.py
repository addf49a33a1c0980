"""Country flags as SVG images that ship with the site.

Emoji flags are two letters on Windows and two empty boxes in Chromium on Linux; an image
shows everywhere. The flags are flag-icons' 4:3 SVGs (MIT licence), kept in
``generator/data/flags/`` (``scripts/vendor_flags.py`` copies them from the npm package); a
build copies only the flags of countries that have a page into ``assets/flags/``, and pages
load them from there, never from another host. A country with no flag in the set (a code
assigned after the set was copied) shows its code in a small box instead.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..engine.directory_urls import relative_path
from ..knowledge.urls import page_url
from ..pictures.svg import text
from .render import md_escape

FLAGS = Path(__file__).resolve().parents[1] / "data" / "flags"
ASSETS = "assets/flags"
# flag-icons' 4:3 set; the width and height keep the page from moving while a flag loads.
SIZES = {"large": (64, 48), "small": (20, 15)}


def flag_file(code: str) -> Path | None:
    """The SVG of a country's flag, or None when the set has none for the code."""
    if not code.isascii() or not code.isalpha():
        return None
    path = FLAGS / f"{code.lower()}.svg"
    return path if path.is_file() else None


def flag_assets(codes) -> dict[str, bytes]:
    """The flags of the given countries, as files for the site's assets folder."""
    files = {}
    for code in sorted(set(codes)):
        path = flag_file(code)
        if path is not None:
            files[f"{ASSETS}/{path.name}"] = path.read_bytes()
    return files


def flag_image(country, here: str, size: str = "small") -> Markup:
    """The flag of ``country`` as an image, for the generated page at ``here``. Raw HTML:
    mkdocs does not rewrite its address, so it is the built page's relative URL."""
    width, height = SIZES[size]
    if flag_file(country.code) is None:
        # The name is beside it wherever a flag is shown: the code box is decoration.
        return Markup(f'<span class="flag flag-{size} flag-text" aria-hidden="true">'
                      f"{text(country.code)}</span>")
    source = relative_path(f"{ASSETS}/{country.code.lower()}.svg", page_url(here))
    # Inline HTML in a Markdown line: Markdown would still read links and emphasis inside
    # the attribute, so the name is escaped for Markdown too (character references, which
    # the attribute reads as the same characters).
    return Markup(f'<img class="flag flag-{size}" src="{text(source)}" '
                  f'alt="{md_escape("Flag of " + country.name)}" width="{width}" '
                  f'height="{height}">')
